/* Filling a VMCS that launches: controls, host state from the monitor
 * itself, and a 64-bit L2 with its own memory (SDM 27.2-27.3 checks).
 * Each area is one small function; all write the current VMCS. */
#include "vmx.h"
#include "vmcs_field.h"
#include "msr.h"
#include "../monitor/cpu.h"
#include "../monitor/desc.h"

/* SDM 25.6.2 primary processor-based controls the monitor wants: every
 * instruction the canned L2 programs use exits, as a debug monitor should. */
#define PROC_WANTED (CTL_MASK(PROC, HLT_EXITING) | CTL_MASK(PROC, INVLPG_EXITING) | \
	CTL_MASK(PROC, MWAIT_EXITING) | CTL_MASK(PROC, RDPMC_EXITING) |            \
	CTL_MASK(PROC, RDTSC_EXITING) | CTL_MASK(PROC, CR3_LOAD_EXITING) |          \
	CTL_MASK(PROC, CR3_STORE_EXITING) | CTL_MASK(PROC, CR8_LOAD_EXITING) |      \
	CTL_MASK(PROC, CR8_STORE_EXITING) | CTL_MASK(PROC, UNCOND_IO_EXITING) |     \
	CTL_MASK(PROC, MONITOR_EXITING) | CTL_MASK(PROC, PAUSE_EXITING) |           \
	CTL_MASK(PROC, ACTIVATE_SECONDARY_CONTROLS))
/* SDM 25.7.1: 64-bit host, save/load PAT and EFER */
#define EXIT_WANTED (CTL_MASK(EXIT, HOST_ADDR_SPACE_SIZE) | CTL_MASK(EXIT, SAVE_IA32_PAT) | \
	CTL_MASK(EXIT, LOAD_IA32_PAT) | CTL_MASK(EXIT, SAVE_IA32_EFER) | CTL_MASK(EXIT, LOAD_IA32_EFER))
/* SDM 25.8.1: IA-32e mode guest, load PAT and EFER */
#define ENTRY_WANTED (CTL_MASK(ENTRY, IA32E_MODE) | CTL_MASK(ENTRY, LOAD_IA32_PAT) | \
	CTL_MASK(ENTRY, LOAD_IA32_EFER))
#define CR0_MP (1ull << 1)
#define CR0_ET (1ull << 4)
#define CR0_NW (1ull << 29)
#define CR0_CD (1ull << 30)
#define CR4_OSFXSR (1ull << 9)
#define CR4_OSXSAVE (1ull << 18)
#define CPUID_1_ECX_XSAVE (1u << 26)
#define AR_CODE64 0xa09b  /* P, S, type 11, L, G */
#define AR_DATA 0xc093    /* P, S, type 3, D/B, G */
#define AR_TSS_BUSY 0x8b  /* P, type 11 (busy 64-bit TSS) */
#define AR_UNUSABLE 0x10000
#define DR7_INIT 0x400ull
#define PAT_DEFAULT 0x0007040600070406ull

extern char vmx_exit_trampoline[];


bool vmx_ept_usable(void)
{
	const struct vmx_caps *c = vmx_caps();
	return vmx_ctl_allowed1(c, CTL_KIND_PROC2, CTL_PROC2_ENABLE_EPT) && ept_vpid_cap(c, EPT_CAP_WALK4) &&
	       ept_vpid_cap(c, EPT_CAP_WB);
}

static struct vmx_result setup_controls(struct vmcs_obj *v)
{
	const struct vmx_caps *c = vmx_caps();
	uint64_t p2 = CTL_MASK(PROC2, ENABLE_RDTSCP) | CTL_MASK(PROC2, WBINVD_EXITING);
	if (v->l2.ept)
		p2 |= CTL_MASK(PROC2, ENABLE_EPT);
	if (vmx_ctl_allowed1(c, CTL_KIND_PROC2, CTL_PROC2_ENABLE_VPID))
		p2 |= CTL_MASK(PROC2, ENABLE_VPID);
	const uint64_t kv[][2] = {
		{ PIN_BASED_VM_EXEC_CONTROL, vmx_adjust_ctl(c, CTL_KIND_PIN, 0, 0, 0) },
		{ CPU_BASED_VM_EXEC_CONTROL, vmx_adjust_ctl(c, CTL_KIND_PROC, PROC_WANTED, 0, 0) },
		{ VM_EXIT_CONTROLS, vmx_adjust_ctl(c, CTL_KIND_EXIT, EXIT_WANTED, 0, 0) },
		{ VM_ENTRY_CONTROLS, vmx_adjust_ctl(c, CTL_KIND_ENTRY, ENTRY_WANTED, 0, 0) },
		{ EXCEPTION_BITMAP, 0xffffffffull },
		{ CR3_TARGET_COUNT, 0 },
		{ VM_EXIT_MSR_STORE_COUNT, 0 },
		{ VM_EXIT_MSR_LOAD_COUNT, 0 },
		{ VM_ENTRY_MSR_LOAD_COUNT, 0 },
		{ VM_ENTRY_INTR_INFO_FIELD, 0 },
		{ VMCS_LINK_POINTER, ~0ull },
		{ TSC_OFFSET, 0 },
	};
	struct vmx_result r = VMX_WRITE_ALL(kv);
	if (r.status != VMX_OK || !c->has_ctl[CTL_KIND_PROC2])
		return r;
	r = vmx_write(SECONDARY_VM_EXEC_CONTROL, vmx_adjust_ctl(c, CTL_KIND_PROC2, p2, 0, 0));
	if (r.status == VMX_OK && (p2 & CTL_MASK(PROC2, ENABLE_VPID)))
		r = vmx_write(VIRTUAL_PROCESSOR_ID, v->vpid);
	if (r.status == VMX_OK && v->l2.ept)
		r = vmx_write(EPT_POINTER, v->l2.eptp);
	return r;
}

struct vmx_result vmcs_setup_host(void)
{
	const uint64_t kv[][2] = {
		{ HOST_CR0, read_cr0() }, { HOST_CR3, read_cr3() }, { HOST_CR4, read_cr4() },
		{ HOST_CS_SELECTOR, GDT_CODE64 }, { HOST_SS_SELECTOR, GDT_DATA },
		{ HOST_DS_SELECTOR, GDT_DATA }, { HOST_ES_SELECTOR, GDT_DATA },
		{ HOST_FS_SELECTOR, 0 }, { HOST_GS_SELECTOR, 0 }, { HOST_TR_SELECTOR, GDT_TSS },
		{ HOST_FS_BASE, rdmsr_or_zero(MSR_FS_BASE) }, { HOST_GS_BASE, rdmsr_or_zero(MSR_GS_BASE) },
		{ HOST_TR_BASE, desc_tss_base() },
		{ HOST_GDTR_BASE, read_gdtr().base }, { HOST_IDTR_BASE, read_idtr().base },
		{ HOST_IA32_SYSENTER_CS, rdmsr_or_zero(MSR_IA32_SYSENTER_CS) },
		{ HOST_IA32_SYSENTER_ESP, rdmsr_or_zero(MSR_IA32_SYSENTER_ESP) },
		{ HOST_IA32_SYSENTER_EIP, rdmsr_or_zero(MSR_IA32_SYSENTER_EIP) },
		{ HOST_RIP, (uint64_t)vmx_exit_trampoline },
	};
	const struct vmx_caps *c = vmx_caps();
	struct vmx_result r = VMX_WRITE_ALL(kv);
	/* these fields exist only where the exit controls can load them */
	if (r.status == VMX_OK && vmx_ctl_allowed1(c, CTL_KIND_EXIT, CTL_EXIT_LOAD_IA32_PAT))
		r = vmx_write(HOST_IA32_PAT, rdmsr_or_zero(MSR_IA32_PAT));
	if (r.status == VMX_OK && vmx_ctl_allowed1(c, CTL_KIND_EXIT, CTL_EXIT_LOAD_IA32_EFER))
		r = vmx_write(HOST_IA32_EFER, rdmsr_or_zero(MSR_EFER));
	return r;
}

static uint64_t guest_cr0(const struct vmx_caps *c)
{
	return (CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG | c->cr0_fixed0) &
	       c->cr0_fixed1;
}

static uint64_t guest_cr4(const struct vmx_caps *c)
{
	uint64_t cr4 = CR4_PAE | CR4_VMXE | CR4_OSFXSR | c->cr4_fixed0;
	if (cpuid(1, 0).ecx & CPUID_1_ECX_XSAVE)
		cr4 |= CR4_OSXSAVE; /* so XSETBV reaches its VM exit, not #UD */
	return cr4 & c->cr4_fixed1;
}

static struct vmx_result setup_guest_segments(void)
{
	const uint64_t kv[][2] = {
		{ GUEST_CS_SELECTOR, 0x08 }, { GUEST_CS_BASE, 0 }, { GUEST_CS_LIMIT, 0xffffffff },
		{ GUEST_CS_AR_BYTES, AR_CODE64 },
		{ GUEST_SS_SELECTOR, 0x10 }, { GUEST_SS_BASE, 0 }, { GUEST_SS_LIMIT, 0xffffffff },
		{ GUEST_SS_AR_BYTES, AR_DATA },
		{ GUEST_DS_SELECTOR, 0x10 }, { GUEST_DS_BASE, 0 }, { GUEST_DS_LIMIT, 0xffffffff },
		{ GUEST_DS_AR_BYTES, AR_DATA },
		{ GUEST_ES_SELECTOR, 0x10 }, { GUEST_ES_BASE, 0 }, { GUEST_ES_LIMIT, 0xffffffff },
		{ GUEST_ES_AR_BYTES, AR_DATA },
		{ GUEST_FS_SELECTOR, 0x10 }, { GUEST_FS_BASE, 0 }, { GUEST_FS_LIMIT, 0xffffffff },
		{ GUEST_FS_AR_BYTES, AR_DATA },
		{ GUEST_GS_SELECTOR, 0x10 }, { GUEST_GS_BASE, 0 }, { GUEST_GS_LIMIT, 0xffffffff },
		{ GUEST_GS_AR_BYTES, AR_DATA },
		{ GUEST_TR_SELECTOR, 0x18 }, { GUEST_TR_BASE, L2_TSS }, { GUEST_TR_LIMIT, 0x67 },
		{ GUEST_TR_AR_BYTES, AR_TSS_BUSY },
		{ GUEST_LDTR_SELECTOR, 0 }, { GUEST_LDTR_BASE, 0 }, { GUEST_LDTR_LIMIT, 0 },
		{ GUEST_LDTR_AR_BYTES, AR_UNUSABLE },
		{ GUEST_GDTR_BASE, L2_GDT }, { GUEST_GDTR_LIMIT, 0x27 },
		{ GUEST_IDTR_BASE, L2_IDT }, { GUEST_IDTR_LIMIT, 0xfff },
	};
	return VMX_WRITE_ALL(kv);
}

static struct vmx_result setup_guest(const struct vmcs_obj *v)
{
	const struct vmx_caps *c = vmx_caps();
	uint64_t cr0 = guest_cr0(c), cr4 = guest_cr4(c);
	const uint64_t kv[][2] = {
		{ GUEST_CR0, cr0 }, { CR0_READ_SHADOW, cr0 },
		{ CR0_GUEST_HOST_MASK, CR0_PE | CR0_PG | CR0_NE | CR0_CD | CR0_NW },
		{ GUEST_CR3, v->l2.ept ? L2_PML4 : v->l2.base + L2_PML4 },
		{ GUEST_CR4, cr4 }, { CR4_READ_SHADOW, cr4 & ~CR4_VMXE },
		{ CR4_GUEST_HOST_MASK, CR4_VMXE | CR4_PAE },
		{ GUEST_DR7, DR7_INIT }, { GUEST_RFLAGS, RFLAGS_RESERVED1 },
		{ GUEST_RIP, L2_ENTRY }, { GUEST_RSP, L2_STACK_TOP },
		{ GUEST_INTERRUPTIBILITY_INFO, 0 }, { GUEST_ACTIVITY_STATE, 0 },
		{ GUEST_PENDING_DBG_EXCEPTIONS, 0 },
		{ GUEST_SYSENTER_CS, 0 }, { GUEST_SYSENTER_ESP, 0 }, { GUEST_SYSENTER_EIP, 0 },
		{ GUEST_IA32_DEBUGCTL, 0 },
	};
	struct vmx_result r = VMX_WRITE_ALL(kv);
	if (r.status == VMX_OK)
		r = setup_guest_segments();
	/* these fields exist only where the entry controls can load them */
	if (r.status == VMX_OK && vmx_ctl_allowed1(c, CTL_KIND_ENTRY, CTL_ENTRY_LOAD_IA32_PAT))
		r = vmx_write(GUEST_IA32_PAT, PAT_DEFAULT);
	if (r.status == VMX_OK && vmx_ctl_allowed1(c, CTL_KIND_ENTRY, CTL_ENTRY_LOAD_IA32_EFER))
		r = vmx_write(GUEST_IA32_EFER, EFER_LME | EFER_LMA);
	return r;
}

struct vmx_result vmcs_setup_all(struct vmcs_obj *v, const char **step)
{
	struct vmx_result r;
	*step = "controls";
	if ((r = setup_controls(v)).status != VMX_OK)
		return r;
	*step = "host state";
	if ((r = vmcs_setup_host()).status != VMX_OK)
		return r;
	*step = "guest state";
	return setup_guest(v);
}
