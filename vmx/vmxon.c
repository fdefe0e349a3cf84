/* Entering and leaving VMX operation, with every precondition of VMXON
 * (SDM 24.7 and 31.3 "VMXON") checked first so the user learns why. */
#include "vmx.h"
#include "msr.h"
#include "features.h"
#include "../monitor/cpu.h"
#include "../monitor/mem.h"

static bool vmx_on_flag;
static uint64_t vmxon_region;

bool vmx_is_on(void) { return vmx_on_flag; }

/* SDM 24.7: VMXON needs IA32_FEATURE_CONTROL locked with VMX outside SMX
 * enabled. When the firmware left it unlocked we lock it that way. */
static bool feature_control_ok(struct vmxon_report *r)
{
	uint64_t fc = rdmsr_or_zero(MSR_IA32_FEATURE_CONTROL);
	struct fault_info f;
	if (!(fc & FEATURE_CONTROL_LOCKED)) {
		fc |= FEATURE_CONTROL_LOCKED | FEATURE_CONTROL_VMX_OUTSIDE_SMX;
		if (!safe_wrmsr(MSR_IA32_FEATURE_CONTROL, fc, &f))
			r->locked_now = true;
	}
	r->feature_control = fc;
	return (fc & FEATURE_CONTROL_LOCKED) && (fc & FEATURE_CONTROL_VMX_OUTSIDE_SMX);
}

/* SDM A.7/A.8: bits set in FIXED0 must be 1, bits clear in FIXED1 must be 0. */
static bool fix_crs(struct vmxon_report *r, const struct vmx_caps *c)
{
	uint64_t cr0 = read_cr0(), cr4 = read_cr4() | CR4_VMXE;
	r->cr0_set = c->cr0_fixed0 & ~cr0;
	r->cr4_set = (c->cr4_fixed0 | CR4_VMXE) & ~read_cr4();
	cr0 |= c->cr0_fixed0;
	cr4 |= c->cr4_fixed0;
	r->cr0_bad = cr0 & ~c->cr0_fixed1;
	r->cr4_bad = cr4 & ~c->cr4_fixed1;
	if (r->cr0_bad || r->cr4_bad)
		return false;
	write_cr0(cr0);
	write_cr4(cr4);
	return true;
}

struct vmxon_report vmx_enable(void)
{
	struct vmxon_report r = { .status = VMXON_OK };
	const struct vmx_caps *c = vmx_caps();
	if (!c->vmx) {
		r.status = VMXON_NO_VMX;
		return r;
	}
	if (!feature_control_ok(&r)) {
		r.status = VMXON_LOCKED_OFF;
		return r;
	}
	if (!fix_crs(&r, c)) {
		r.status = VMXON_CR_FIXED;
		return r;
	}
	if (!vmxon_region && !(vmxon_region = page_alloc())) {
		r.status = VMXON_NO_MEMORY;
		return r;
	}
	r.revision = vmx_revision_id(c);
	r.region = vmxon_region;
	*(volatile uint32_t *)vmxon_region = r.revision;
	r.insn = vmx_on(vmxon_region);
	if (r.insn.status != VMX_OK)
		r.status = vmx_on_flag ? VMXON_ALREADY_ON : VMXON_INSN;
	else
		vmx_on_flag = true;
	return r;
}

unsigned vmx_release_region(void)
{
	if (vmx_on_flag || !vmxon_region)
		return 0;
	page_free(vmxon_region);
	vmxon_region = 0;
	return 1;
}

struct vmx_result vmx_disable(void)
{
	struct vmx_result r = vmx_off();
	if (r.status == VMX_OK) {
		vmx_on_flag = false;
		write_cr4(read_cr4() & ~CR4_VMXE);
	}
	return r;
}
