/* The capability MSRs, read once per use, and the one place where wanted
 * controls are reconciled with what the CPU allows (SDM A.3-A.5). */
#ifndef VMX_CAPS_H
#define VMX_CAPS_H
#include <stdbool.h>
#include <stdint.h>
#include "ctl_bits.h"
#include "msr.h"

/* IA32_VMX_EPT_VPID_CAP, by bit number (SDM A.10): the one list of the
 * bits the monitor and its commands test. */
enum ept_vpid_cap_bit {
	EPT_CAP_EXECUTE_ONLY = 0,
	EPT_CAP_WALK4 = 6,         /* page-walk length 4 */
	EPT_CAP_WB = 14,           /* write-back paging-structure memory type */
	EPT_CAP_2M = 16,
	EPT_CAP_1G = 17,
	EPT_CAP_INVEPT = 20,
	EPT_CAP_AD_FLAGS = 21,
	EPT_CAP_INVEPT_TYPE0 = 24, /* + INVEPT type: 25 single-, 26 all-context */
	VPID_CAP_INVVPID = 32,
	VPID_CAP_INVVPID_TYPE0 = 40, /* + INVVPID type 0-3 */
};

struct vmx_caps {
	bool vmx;
	uint64_t basic, misc, cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	uint64_t vmcs_enum, ept_vpid, vmfunc;
	/* per kind: the MSR in force (TRUE_* when BASIC bit 55 says so) */
	uint32_t ctl_msr[CTL_KIND_COUNT];
	uint64_t ctl[CTL_KIND_COUNT]; /* allowed-0 in 31:0, allowed-1 in 63:32 */
	bool has_ctl[CTL_KIND_COUNT];
};

/* The capability MSRs, read once, at the first use. */
const struct vmx_caps *vmx_caps(void);
/* Reads every capability MSR; false (caps->vmx false) without VMX. */
bool vmx_caps_read(struct vmx_caps *caps);
/* True when the CPU allows bit to be 1 in kind k. */
bool vmx_ctl_allowed1(const struct vmx_caps *c, enum ctl_kind k, int bit);
/* Applies allowed-0/allowed-1; *dropped gets the wanted bits that had to
 * be cleared, *forced the unwanted bits that had to be set. */
uint64_t vmx_adjust_ctl(const struct vmx_caps *c, enum ctl_kind k,
			uint64_t wanted, uint64_t *dropped, uint64_t *forced);
/* Bits of value that break the allowed settings (for warnings). */
uint64_t vmx_ctl_violations(const struct vmx_caps *c, enum ctl_kind k,
			    uint64_t value);
/* The setting the capability MSR of kind k allows for one bit (SDM A.3-A.5):
 * "must-be-1", "must-be-0", "free" or "contradictory". A kind the CPU does
 * not offer has every bit must-be-0. */
const char *vmx_ctl_bit_setting(const struct vmx_caps *c, enum ctl_kind k,
				unsigned bit);
/* The VMCS revision identifier, IA32_VMX_BASIC bits 30:0 (SDM A.1): what
 * the first 4 bytes of a VMXON region or a VMCS must hold. */
static inline uint32_t vmx_revision_id(const struct vmx_caps *c)
{
	return (uint32_t)(c->basic & VMX_BASIC_REVISION_MASK);
}

/* True when IA32_VMX_EPT_VPID_CAP has bit set. */
static inline bool ept_vpid_cap(const struct vmx_caps *c, enum ept_vpid_cap_bit bit)
{
	return c->ept_vpid >> bit & 1;
}
#endif
