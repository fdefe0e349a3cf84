/* vmx_reset: the VMX library's part of `reset`. VMCLEAR before VMXOFF, so
 * that no VMCS is left active in the CPU (SDM 24.11.1: software should
 * VMCLEAR a VMCS before it leaves VMX operation). */
#include "reset.h"
#include "run.h"
#include "vmx.h"

static void clear_all(struct vmx_reset_report *r)
{
	vmcs_current(); /* the CPU's current VMCS joins the table if unknown */
	for (int i = 0; i < VMCS_MAX; i++) {
		struct vmcs_obj *v = vmcs_at(i);
		if (!v)
			continue;
		struct vmx_result c = vmcs_do_clear(v->pa);
		if (c.status == VMX_OK)
			r->vmcs_cleared++;
		else if (r->clear_fail.status == VMX_OK) {
			r->clear_fail = c;
			r->clear_fail_pa = v->pa;
		}
	}
}

static void forget_all(struct vmx_reset_report *r)
{
	for (int i = 0; i < VMCS_MAX; i++) {
		struct vmcs_obj *v = vmcs_at(i);
		if (!v)
			continue;
		if (v->has_l2)
			r->vmcs_freed++;
		else
			r->vmcs_forgotten++;
		r->pages_freed += vmcs_release(v);
	}
}

struct vmx_reset_report vmx_reset(void)
{
	struct vmx_reset_report r = { 0 };
	r.exits_forgotten = vmx_history_forget();
	r.exact_was_on = vmx_run_exact();
	vmx_run_set_exact(false);
	if (vmx_is_on()) {
		clear_all(&r);
		r.was_on = true;
		r.off = vmx_disable();
	}
	forget_all(&r);
	r.pages_freed += vmx_release_region();
	return r;
}
