/* Exit reasons: the table of exit_reasons.def and the flag bits of the
 * 32-bit exit-reason field (SDM Vol. 3C 25.9.1, "Basic VM-Exit Information").
 *
 *   bits 15:0   basic exit reason (Appendix C)
 *   bit  16     always 0
 *   bits 25:17  not defined
 *   bit  26     a bus lock was detected (Linux's bus_lock_detected)
 *   bit  27     VM exit was incident to enclave mode
 *   bit  28     pending MTF VM exit (SMI VM exits, dual-monitor treatment)
 *   bit  29     VM exit from VMX root operation (SMM VM exits)
 *   bit  30     not defined
 *   bit  31     VM-entry failure (0 = true VM exit)
 *
 * Pure code: prints nothing; freestanding or host (-DHOST_TEST).
 */
#ifndef VMX_EXIT_REASON_H
#define VMX_EXIT_REASON_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* EXIT_REASON_HLT = 12, ... as in Linux. */
enum exit_reason_number {
#define EXIT_REASON(name, num, qual, info, desc) EXIT_REASON_##name = num,
#include "exit_reasons.def"
#undef EXIT_REASON
};

#define EXIT_BASIC_MASK 0xffffu
#define EXIT_FLAG_BUS_LOCK (1u << 26)
#define EXIT_FLAG_ENCLAVE_MODE (1u << 27)
#define EXIT_FLAG_PENDING_MTF (1u << 28)
#define EXIT_FLAG_FROM_VMX_ROOT (1u << 29)
#define EXIT_FLAG_ENTRY_FAILURE (1u << 31)

struct exit_reason_info {
	unsigned number;
	const char *name; /* Linux name without EXIT_REASON_ */
	const char *desc;
};

size_t exit_reason_count(void);
const struct exit_reason_info *exit_reason_at(size_t i); /* NULL past end */

/* NULL for a number the SDM does not define. */
const struct exit_reason_info *exit_reason_by_number(unsigned basic);
/* The name, or "UNKNOWN". */
const char *exit_reason_name(unsigned basic);

/* The exit line's "NAME (N)", e.g. "HLT (12)" or "UNKNOWN (99)".
 * Returns the length it wanted, like snprintf. */
int exit_reason_label(unsigned basic, char *buf, size_t size);

/* The reasons that report a failed VM entry (SDM 28.8): INVALID_STATE,
 * MSR_LOAD_FAIL and MCE_DURING_VMENTRY. */
bool exit_reason_is_entry_failure(unsigned basic);

/* One named flag bit of the exit-reason field. */
struct exit_flag {
	uint32_t mask;
	const char *word;    /* as exit_reason_flags shows it */
	const char *meaning; /* for the docs */
};

/* The named flags, highest bit first: the order exit_reason_flags uses. */
size_t exit_flag_count(void);
const struct exit_flag *exit_flag_at(size_t i); /* NULL past the end */

/* The flag bits of the exit-reason field as `exit` and `vmcs dump` show
 * them, highest first and ", "-separated, e.g. "entry failure" or
 * "pending MTF, from VMX root"; set bits of 31:16 without a name as
 * "undefined 0x..."; "" when none. Returns the length it wanted. */
int exit_reason_flags(uint32_t reason, char *buf, size_t size);
#endif
