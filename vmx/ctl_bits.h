/* Control bits: the table of ctl_bits.def, the control fields it describes,
 * and decoding of a control value into bit names.
 *
 * Each kind is one VMCS control field with the VMX capability MSR(s) that
 * report its allowed settings (SDM Vol. 3D, Appendix A.3-A.5). For the 32-bit
 * fields the MSR holds allowed-0 settings in bits 31:0 and allowed-1
 * settings in bits 63:32; the 64-bit tertiary and secondary VM-exit controls
 * have MSRs whose 64 bits are all allowed-1 settings (A.3.4, A.4.2).
 *
 * Pure code: prints nothing; freestanding or host (-DHOST_TEST).
 */
#ifndef VMX_CTL_BITS_H
#define VMX_CTL_BITS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "callback.h"

enum ctl_kind {
	CTL_KIND_PIN,
	CTL_KIND_PROC,
	CTL_KIND_PROC2,
	CTL_KIND_PROC3,
	CTL_KIND_EXIT,
	CTL_KIND_EXIT2,
	CTL_KIND_ENTRY,
	CTL_KIND_COUNT
};

/* Bit numbers: CTL_PROC_HLT_EXITING = 7, CTL_EXIT_LOAD_IA32_PAT = 19, ... */
enum ctl_bit_number {
#define CTL(kind, name, bit, desc) CTL_##kind##_##name = bit,
#include "ctl_bits.def"
#undef CTL
};
/* The mask of one named bit: CTL_MASK(PROC, HLT_EXITING). */
#define CTL_MASK(kind, name) (1ull << CTL_##kind##_##name)


struct ctl_kind_info {
	enum ctl_kind kind;
	const char *name;     /* "pin", "proc", ... as `ctl KIND` takes it */
	const char *title;    /* the SDM's name of the field */
	const char *prefix;   /* Linux's prefix of the bit names: "CPU_BASED_" */
	uint32_t field;       /* VMCS encoding of the control field */
	uint32_t cap_msr;     /* IA32_VMX_*_CTLS */
	uint32_t true_msr;    /* IA32_VMX_TRUE_*_CTLS; 0 when there is none */
	unsigned width;       /* bits in the field: 32 or 64 */
	bool allowed1_only;   /* cap MSR is 64 allowed-1 bits (no allowed-0) */
	const char *sdm;      /* where the SDM defines the bits */
	/* The secondary and tertiary processor-based and the secondary
	 * VM-exit controls exist and take effect only while a bit of another
	 * control field is 1 (SDM 25.6.2, 25.7.1): that field and bit. */
	bool activated;
	enum ctl_kind parent;
	unsigned parent_bit;
};

struct ctl_bit {
	enum ctl_kind kind;
	const char *name; /* Linux name without the prefix */
	unsigned bit;
	const char *desc;
};

const struct ctl_kind_info *ctl_kind_info(enum ctl_kind kind);
/* For a kind another control bit activates: sets *parent and *bit, true;
 * false for the kinds always in force. */
bool ctl_kind_activation(enum ctl_kind kind, enum ctl_kind *parent,
			 unsigned *bit);
/* "pin", "proc", "proc2", "proc3", "exit", "exit2", "entry"; any case. */
bool ctl_kind_by_name(const char *name, enum ctl_kind *out);
void ctl_kind_complete(const char *prefix, vmx_name_fn add, void *ctx);

/* The bits of one kind, in bit order. */
size_t ctl_bit_count(enum ctl_kind kind);
const struct ctl_bit *ctl_bit_at(enum ctl_kind kind, size_t i);

/* "HLT_EXITING", "hlt_exiting" or Linux's full "CPU_BASED_HLT_EXITING";
 * NULL when the kind has no such bit. */
const struct ctl_bit *ctl_bit_by_name(enum ctl_kind kind, const char *name);
const struct ctl_bit *ctl_bit_by_number(enum ctl_kind kind, unsigned bit);

/* The names of the set bits of value, in bit order, separated by ", "; a
 * set bit with no name is "bit N". "" for 0. Returns the length it wanted,
 * like snprintf. */
int ctl_decode(enum ctl_kind kind, uint64_t value, char *buf, size_t size);
#endif
