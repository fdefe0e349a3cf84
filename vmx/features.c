/* Feature words for `info` and `# requires:`, each from one allowed-1
 * bit of a control capability MSR or one bit of another VMX MSR
 * (SDM appendix A). */
#include "features.h"
#include "vmx.h"
#include "../monitor/cpu.h"
#include "../monitor/strbuf.h"

#define CPUID_1_ECX_VMX (1u << 5)
#define MISC_VMWRITE_ANY 29   /* SDM A.6: VMWRITE to VM-exit information */

struct feature {
	const char *name;
	enum ctl_kind kind;
	int bit;
};

static const struct feature features[] = {
	{ "preemption-timer", CTL_KIND_PIN, CTL_PIN_VMX_PREEMPTION_TIMER },
	{ "posted-interrupts", CTL_KIND_PIN, CTL_PIN_POSTED_INTR },
	{ "virtual-nmis", CTL_KIND_PIN, CTL_PIN_VIRTUAL_NMIS },
	{ "nmi-window", CTL_KIND_PROC, CTL_PROC_NMI_WINDOW_EXITING },
	{ "tpr-shadow", CTL_KIND_PROC, CTL_PROC_TPR_SHADOW },
	{ "io-bitmaps", CTL_KIND_PROC, CTL_PROC_USE_IO_BITMAPS },
	{ "mtf", CTL_KIND_PROC, CTL_PROC_MONITOR_TRAP_FLAG },
	{ "msr-bitmaps", CTL_KIND_PROC, CTL_PROC_USE_MSR_BITMAPS },
	{ "ept", CTL_KIND_PROC2, CTL_PROC2_ENABLE_EPT },
	{ "rdtscp", CTL_KIND_PROC2, CTL_PROC2_ENABLE_RDTSCP },
	{ "vpid", CTL_KIND_PROC2, CTL_PROC2_ENABLE_VPID },
	{ "unrestricted", CTL_KIND_PROC2, CTL_PROC2_UNRESTRICTED_GUEST },
	{ "apic-access", CTL_KIND_PROC2, CTL_PROC2_VIRTUALIZE_APIC_ACCESSES },
	{ "apic-register-virt", CTL_KIND_PROC2, CTL_PROC2_APIC_REGISTER_VIRT },
	{ "virtual-interrupt-delivery", CTL_KIND_PROC2, CTL_PROC2_VIRTUAL_INTR_DELIVERY },
	{ "vmfunc", CTL_KIND_PROC2, CTL_PROC2_ENABLE_VMFUNC },
	{ "shadow-vmcs", CTL_KIND_PROC2, CTL_PROC2_SHADOW_VMCS },
	{ "pml", CTL_KIND_PROC2, CTL_PROC2_ENABLE_PML },
	{ "xsaves", CTL_KIND_PROC2, CTL_PROC2_ENABLE_XSAVES },
	/* the optional VM-exit and VM-entry controls entry checks depend on */
	{ "ack-intr-on-exit", CTL_KIND_EXIT, CTL_EXIT_ACK_INTR_ON_EXIT },
	{ "save-efer", CTL_KIND_EXIT, CTL_EXIT_SAVE_IA32_EFER },
	{ "load-efer", CTL_KIND_ENTRY, CTL_ENTRY_LOAD_IA32_EFER },
	{ "save-pat", CTL_KIND_EXIT, CTL_EXIT_SAVE_IA32_PAT },
	{ "load-pat", CTL_KIND_ENTRY, CTL_ENTRY_LOAD_IA32_PAT },
	{ "load-perf-global-ctrl", CTL_KIND_ENTRY, CTL_ENTRY_LOAD_IA32_PERF_GLOBAL_CTRL },
	{ "load-bndcfgs", CTL_KIND_ENTRY, CTL_ENTRY_LOAD_BNDCFGS },
	{ "load-cet", CTL_KIND_ENTRY, CTL_ENTRY_LOAD_CET_STATE },
	{ "load-debug-controls", CTL_KIND_ENTRY, CTL_ENTRY_LOAD_DEBUG_CONTROLS },
};

bool vmx_cpu_has_vmx(void)
{
	return cpuid(1, 0).ecx & CPUID_1_ECX_VMX;
}

static void add(struct strbuf *sb, const char *word)
{
	strbuf_add(sb, "%s%s", sb->len ? " " : "", word);
}

/* EPT and VPID capability bits (SDM A.10) sequences depend on. */
static void ept_features(struct strbuf *sb, const struct vmx_caps *c)
{
	static const struct { const char *name; enum ept_vpid_cap_bit bit; } caps[] = {
		{ "ept-execute-only", EPT_CAP_EXECUTE_ONLY }, { "ept-2m", EPT_CAP_2M }, { "ept-1g", EPT_CAP_1G },
	};
	bool ept = vmx_ctl_allowed1(c, CTL_KIND_PROC2, CTL_PROC2_ENABLE_EPT);
	for (unsigned i = 0; ept && i < sizeof(caps) / sizeof(caps[0]); i++)
		if (ept_vpid_cap(c, caps[i].bit))
			add(sb, caps[i].name);
	if (ept && ept_vpid_cap(c, EPT_CAP_INVEPT))
		add(sb, "invept");
	if (vmx_ctl_allowed1(c, CTL_KIND_PROC2, CTL_PROC2_ENABLE_VPID) && ept_vpid_cap(c, VPID_CAP_INVVPID))
		add(sb, "invvpid");
}

void vmx_feature_list(char *buf, size_t size)
{
	const struct vmx_caps *c = vmx_caps();
	struct strbuf sb;
	strbuf_init(&sb, buf, size);
	if (!c->vmx)
		return;
	add(&sb, "vmx");
	for (unsigned i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		if (vmx_ctl_allowed1(c, features[i].kind, features[i].bit))
			add(&sb, features[i].name);
	if (vmx_ctl_allowed1(c, CTL_KIND_PROC2, CTL_PROC2_ENABLE_EPT) &&
	    ept_vpid_cap(c, EPT_CAP_AD_FLAGS))
		add(&sb, "ept-ad");
	ept_features(&sb, c);
	if (c->misc >> MISC_VMWRITE_ANY & 1)
		add(&sb, "vmwrite-exit-info");
}
