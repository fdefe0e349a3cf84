/* The VMCSs the monitor knows about: those `vmcs new` made (with an L2 of
 * their own) and any address the user VMPTRLDed by hand. The launch state
 * is tracked the way the CPU does: VMLAUNCH sets it, VMCLEAR clears it. */
#include "vmx.h"
#include "msr.h"
#include "../monitor/mem.h"

static struct vmcs_obj vmcss[VMCS_MAX];

struct vmcs_obj *vmcs_at(int i)
{
	return (i >= 0 && i < VMCS_MAX && vmcss[i].used) ? &vmcss[i] : NULL;
}

static bool vmcs_table_full(void)
{
	for (int i = 0; i < VMCS_MAX; i++)
		if (!vmcss[i].used)
			return false;
	return true;
}

struct vmcs_obj *vmcs_by_pa(uint64_t pa)
{
	for (int i = 0; i < VMCS_MAX; i++)
		if (vmcss[i].used && vmcss[i].pa == pa)
			return &vmcss[i];
	return NULL;
}

static struct vmcs_obj *vmcs_slot(uint64_t pa)
{
	struct vmcs_obj *v = vmcs_by_pa(pa);
	for (int i = 0; !v && i < VMCS_MAX; i++)
		if (!vmcss[i].used) {
			v = &vmcss[i];
			*v = (struct vmcs_obj){ .pa = pa, .used = true, .vpid = (uint16_t)(i + 1) };
		}
	return v;
}

/* The CPU's current-VMCS pointer is the truth; VMPTRST reads it. */
struct vmcs_obj *vmcs_current(void)
{
	uint64_t pa;
	if (!vmx_is_on() || vmx_ptrst(&pa).status != VMX_OK || pa == ~0ull)
		return NULL;
	return vmcs_slot(pa);
}

struct vmx_result vmcs_do_clear(uint64_t pa)
{
	struct vmx_result r = vmx_clear(pa);
	struct vmcs_obj *v = vmcs_by_pa(pa);
	if (r.status == VMX_OK && v)
		v->launched = false;
	return r;
}

struct vmx_result vmcs_do_ptrld(uint64_t pa)
{
	struct vmx_result r = vmx_ptrld(pa);
	if (r.status == VMX_OK)
		vmcs_slot(pa);
	return r;
}

unsigned vmcs_release(struct vmcs_obj *v)
{
	unsigned n = 0;
	if (v->has_l2) {
		n = l2_mem_free(&v->l2) + 1;
		page_free(v->pa);
	}
	*v = (struct vmcs_obj){ .used = false };
	return n;
}

/* A fresh VMCS page in a free slot, with L2 memory; false (nothing kept)
 * when the pages run out. */
static bool vmcs_alloc(struct vmcs_obj **out)
{
	uint64_t pa = page_alloc();
	struct vmcs_obj *v = pa ? vmcs_slot(pa) : NULL;
	if (!v) {
		page_free(pa);
		return false;
	}
	v->has_l2 = true; /* its memory is ours from here on */
	if (!l2_mem_init(&v->l2, vmx_ept_usable())) {
		vmcs_release(v);
		return false;
	}
	*out = v;
	return true;
}

enum vmcs_new_status vmcs_create(struct vmcs_obj **out, struct vmx_result *r, const char **step)
{
	struct vmcs_obj *v;
	*out = NULL;
	*r = vmx_result_ok();
	*step = "";
	if (vmcs_table_full())
		return VMCS_NEW_TABLE_FULL;
	if (!vmcs_alloc(&v))
		return VMCS_NEW_NO_MEMORY;
	*(volatile uint32_t *)v->pa = vmx_revision_id(vmx_caps());
	*step = "VMCLEAR";
	if ((*r = vmcs_do_clear(v->pa)).status == VMX_OK) {
		*step = "VMPTRLD";
		*r = vmx_ptrld(v->pa);
	}
	if (r->status != VMX_OK) {
		vmcs_release(v);
		return VMCS_NEW_VMX_FAILED;
	}
	*out = v;
	*r = vmcs_setup_all(v, step);
	return r->status == VMX_OK ? VMCS_NEW_OK : VMCS_NEW_VMX_FAILED;
}

/* VMCLEAR first: the CPU may keep VMCS data cached until then (SDM 25.11.1),
 * and the pages must hold nothing of it when they are reused. A VMCS loaded
 * by hand is only forgotten: its memory was never ours. */
struct vmx_result vmcs_free(struct vmcs_obj *v, unsigned *pages)
{
	struct vmx_result r = vmx_clear(v->pa);
	*pages = 0;
	if (r.status != VMX_OK)
		return r;
	if (v->has_l2) {
		vmx_forget_translations(v->l2.ept ? v->l2.eptp : 0, v->vpid);
		*pages = 1 + L2_PAGES + (v->l2.ept ? 4 : 0);
		l2_mem_free(&v->l2);
		page_free(v->pa);
	}
	*v = (struct vmcs_obj){ 0 };
	return r;
}
