/* Capability MSRs. The control MSRs report allowed-0 settings in bits
 * 31:0 (a 1 means the control must be 1) and allowed-1 settings in bits
 * 63:32 (a 0 means it must be 0). The TRUE_* MSRs, present when BASIC bit
 * 55 is set, report the real default-1 bits (SDM A.2). The tertiary
 * controls' MSR holds only allowed-1 settings, all 64 bits (SDM A.3.4). */
#include "caps.h"
#include "caps_decode.h"
#include "msr.h"
#include "features.h"
#include "../monitor/string.h"
#include "../monitor/trap.h"

static struct vmx_caps caps;
static bool caps_valid;

const struct vmx_caps *vmx_caps(void)
{
	if (!caps_valid) {
		vmx_caps_read(&caps);
		caps_valid = true;
	}
	return &caps;
}

/* Which control fields exist: a kind another control bit activates only
 * where that bit may be 1. */
static bool ctl_present(const struct vmx_caps *c, enum ctl_kind k)
{
	enum ctl_kind parent;
	unsigned bit;
	return !ctl_kind_activation(k, &parent, &bit) || vmx_ctl_allowed1(c, parent, (int)bit);
}

static void read_ctl(struct vmx_caps *c, enum ctl_kind k)
{
	const struct ctl_kind_info *in = ctl_kind_info(k);
	bool use_true = c->basic & VMX_BASIC_TRUE_CTLS;
	c->ctl_msr[k] = (use_true && in->true_msr) ? in->true_msr : in->cap_msr;
	c->has_ctl[k] = ctl_present(c, k);
	c->ctl[k] = c->has_ctl[k] ? rdmsr_or_zero(c->ctl_msr[k]) : 0;
}

static void read_ctls(struct vmx_caps *c)
{
	enum ctl_kind parent;
	unsigned bit;
	/* the kinds always in force first: the others depend on them */
	for (int k = 0; k < CTL_KIND_COUNT; k++)
		if (!ctl_kind_activation((enum ctl_kind)k, &parent, &bit))
			read_ctl(c, (enum ctl_kind)k);
	for (int k = 0; k < CTL_KIND_COUNT; k++)
		if (ctl_kind_activation((enum ctl_kind)k, &parent, &bit))
			read_ctl(c, (enum ctl_kind)k);
}

bool vmx_caps_read(struct vmx_caps *c)
{
	memset(c, 0, sizeof(*c));
	c->vmx = vmx_cpu_has_vmx();
	if (!c->vmx)
		return false;
	c->basic = rdmsr_or_zero(MSR_IA32_VMX_BASIC);
	c->misc = rdmsr_or_zero(MSR_IA32_VMX_MISC);
	c->cr0_fixed0 = rdmsr_or_zero(MSR_IA32_VMX_CR0_FIXED0);
	c->cr0_fixed1 = rdmsr_or_zero(MSR_IA32_VMX_CR0_FIXED1);
	c->cr4_fixed0 = rdmsr_or_zero(MSR_IA32_VMX_CR4_FIXED0);
	c->cr4_fixed1 = rdmsr_or_zero(MSR_IA32_VMX_CR4_FIXED1);
	c->vmcs_enum = rdmsr_or_zero(MSR_IA32_VMX_VMCS_ENUM);
	read_ctls(c);
	if (c->has_ctl[CTL_KIND_PROC2]) {
		uint32_t p2 = (uint32_t)(c->ctl[CTL_KIND_PROC2] >> 32);
		/* SDM A.10: the MSR exists when EPT or VPID can be enabled */
		if (p2 & (CTL_MASK(PROC2, ENABLE_EPT) | CTL_MASK(PROC2, ENABLE_VPID)))
			c->ept_vpid = rdmsr_or_zero(MSR_IA32_VMX_EPT_VPID_CAP);
		if (p2 & CTL_MASK(PROC2, ENABLE_VMFUNC))
			c->vmfunc = rdmsr_or_zero(MSR_IA32_VMX_VMFUNC);
	}
	return true;
}

static uint64_t must_be_1(const struct vmx_caps *c, enum ctl_kind k)
{
	return ctl_kind_info(k)->allowed1_only ? 0 : (uint32_t)c->ctl[k];
}

static uint64_t may_be_1(const struct vmx_caps *c, enum ctl_kind k)
{
	if (!c->has_ctl[k])
		return 0;
	return ctl_kind_info(k)->allowed1_only ? c->ctl[k] : c->ctl[k] >> 32;
}

bool vmx_ctl_allowed1(const struct vmx_caps *c, enum ctl_kind k, int bit)
{
	return may_be_1(c, k) >> bit & 1;
}

uint64_t vmx_adjust_ctl(const struct vmx_caps *c, enum ctl_kind k,
			uint64_t wanted, uint64_t *dropped, uint64_t *forced)
{
	uint64_t v = (wanted | must_be_1(c, k)) & may_be_1(c, k);
	if (dropped)
		*dropped = wanted & ~v;
	if (forced)
		*forced = v & ~wanted;
	return v;
}

uint64_t vmx_ctl_violations(const struct vmx_caps *c, enum ctl_kind k,
			    uint64_t value)
{
	return (must_be_1(c, k) & ~value) | (value & ~may_be_1(c, k));
}

const char *vmx_ctl_bit_setting(const struct vmx_caps *c, enum ctl_kind k,
				unsigned bit)
{
	/* what breaks an all-0 value must be 1; what breaks all-1 must be 0 */
	uint64_t must1 = vmx_ctl_violations(c, k, 0);
	uint64_t must0 = vmx_ctl_violations(c, k, ~0ull);
	return vmx_fixed_setting(must1, ~must0, (int)bit);
}
