/* Exit reasons: the table of exit_reasons.def and decoding of the 32-bit
 * exit-reason field (SDM Vol. 3C 25.9.1, "Basic VM-Exit Information").
 *
 *   bits 15:0   basic exit reason (Appendix C)
 *   bit  16     always 0
 *   bits 26:17  not defined
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
#define EXIT_REASON(name, num, desc) EXIT_REASON_##name = num,
#include "exit_reasons.def"
#undef EXIT_REASON
};

#ifndef VMX_NAME_FN_DEFINED
#define VMX_NAME_FN_DEFINED
typedef void (*vmx_name_fn)(void *ctx, const char *name);
#endif

#define EXIT_BASIC_MASK 0xffffu
#define EXIT_FLAG_ENCLAVE_MODE (1u << 27)
#define EXIT_FLAG_PENDING_MTF (1u << 28)
#define EXIT_FLAG_FROM_VMX_ROOT (1u << 29)
#define EXIT_FLAG_ENTRY_FAILURE (1u << 31)
/* Bits the SDM leaves 0 or undefined: 16-26 and 30. */
#define EXIT_FLAG_UNDEFINED 0x47ff0000u

struct exit_reason_info {
	unsigned number;
	const char *name; /* Linux name without EXIT_REASON_ */
	const char *desc;
};

size_t exit_reason_count(void);
const struct exit_reason_info *exit_reason_at(size_t i); /* NULL past end */

/* NULL for a number the SDM does not define. */
const struct exit_reason_info *exit_reason_by_number(unsigned basic);
/* "HLT", "hlt" or "EXIT_REASON_HLT"; false when unknown. */
bool exit_reason_by_name(const char *name, unsigned *basic);
/* The name, or "UNKNOWN". */
const char *exit_reason_name(unsigned basic);

/* The exit line's "NAME (N)", e.g. "HLT (12)" or "UNKNOWN (99)".
 * Returns the length it wanted, like snprintf. */
int exit_reason_label(unsigned basic, char *buf, size_t size);

struct exit_reason_decoded {
	uint16_t basic;
	bool enclave_mode;
	bool pending_mtf;
	bool from_vmx_root;
	bool entry_failure;
	uint32_t undefined; /* set bits the SDM does not define */
	const struct exit_reason_info *info; /* NULL for an unknown reason */
};

struct exit_reason_decoded exit_reason_decode(uint32_t raw);

/* The flag bits of raw as words, in bit order, space-separated:
 * "enclave-mode pending-mtf from-vmx-root entry-failure undefined=0x...";
 * "" when none is set. Returns the length it wanted. */
int exit_reason_flags(uint32_t raw, char *buf, size_t size);

/* Calls add for each exit-reason name starting with prefix (any case). */
void exit_reason_complete(const char *prefix, vmx_name_fn add, void *ctx);
#endif
