/* Feature words for `info` and `# requires:`, each from one allowed-1
 * bit of a capability MSR (SDM appendix A). */
#include "features.h"
#include "msr.h"
#include "../monitor/cpu.h"
#include "../monitor/printf.h"
#include "../monitor/trap.h"

#define CPUID_1_ECX_VMX (1u << 5)
#define PROC_ACTIVATE_SECONDARY 31

struct feature {
	const char *name;
	uint32_t msr; /* capability MSR; allowed-1 settings in bits 63:32 */
	int bit;
};

static const struct feature features[] = {
	{ "preemption-timer", MSR_IA32_VMX_PINBASED_CTLS, 6 },
	{ "posted-interrupts", MSR_IA32_VMX_PINBASED_CTLS, 7 },
	{ "tpr-shadow", MSR_IA32_VMX_PROCBASED_CTLS, 21 },
	{ "io-bitmaps", MSR_IA32_VMX_PROCBASED_CTLS, 25 },
	{ "mtf", MSR_IA32_VMX_PROCBASED_CTLS, 27 },
	{ "msr-bitmaps", MSR_IA32_VMX_PROCBASED_CTLS, 28 },
	{ "ept", MSR_IA32_VMX_PROCBASED_CTLS2, 1 },
	{ "rdtscp", MSR_IA32_VMX_PROCBASED_CTLS2, 3 },
	{ "vpid", MSR_IA32_VMX_PROCBASED_CTLS2, 5 },
	{ "unrestricted", MSR_IA32_VMX_PROCBASED_CTLS2, 7 },
	{ "apic-register-virt", MSR_IA32_VMX_PROCBASED_CTLS2, 8 },
	{ "virtual-interrupt-delivery", MSR_IA32_VMX_PROCBASED_CTLS2, 9 },
	{ "vmfunc", MSR_IA32_VMX_PROCBASED_CTLS2, 13 },
	{ "shadow-vmcs", MSR_IA32_VMX_PROCBASED_CTLS2, 14 },
	{ "pml", MSR_IA32_VMX_PROCBASED_CTLS2, 17 },
	{ "xsaves", MSR_IA32_VMX_PROCBASED_CTLS2, 20 },
};

bool vmx_cpu_has_vmx(void)
{
	return cpuid(1, 0).ecx & CPUID_1_ECX_VMX;
}

/* allowed-1 half of a control capability MSR, 0 when it faults or when
 * the secondary controls themselves cannot be activated */
static uint32_t allowed1(uint32_t msr)
{
	uint64_t v, p;
	struct fault_info f;
	if (safe_rdmsr(msr, &v, &f))
		return 0;
	if (msr == MSR_IA32_VMX_PROCBASED_CTLS2 &&
	    (safe_rdmsr(MSR_IA32_VMX_PROCBASED_CTLS, &p, &f) ||
	     !(p >> 32 & (1ull << PROC_ACTIVATE_SECONDARY))))
		return 0;
	return (uint32_t)(v >> 32);
}

void vmx_feature_list(char *buf, int size)
{
	int n = 0;
	buf[0] = 0;
	if (!vmx_cpu_has_vmx())
		return;
	n += fmt_snprintf(buf, size, "vmx");
	for (unsigned i = 0; i < sizeof(features) / sizeof(features[0]); i++) {
		const struct feature *f = &features[i];
		if ((allowed1(f->msr) >> f->bit & 1) && n < size)
			n += fmt_snprintf(buf + n, size - n, " %s", f->name);
	}
	uint64_t ept, misc;
	struct fault_info fi;
	/* SDM A.6: IA32_VMX_MISC bit 29, VMWRITE to VM-exit information fields */
	if (!safe_rdmsr(MSR_IA32_VMX_MISC, &misc, &fi) && (misc >> 29 & 1) && n < size)
		n += fmt_snprintf(buf + n, size - n, " vmwrite-exit-info");
	if ((allowed1(MSR_IA32_VMX_PROCBASED_CTLS2) >> 1 & 1) &&
	    !safe_rdmsr(MSR_IA32_VMX_EPT_VPID_CAP, &ept, &fi) &&
	    (ept >> 21 & 1) && n < size)
		n += fmt_snprintf(buf + n, size - n, " ept-ad");
}
