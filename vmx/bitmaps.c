/* I/O bitmaps and MSR bitmaps attached to the current VMCS, and the one
 * way a control bit is turned on or off for them (see structs.h). */
#include "structs.h"
#include "caps.h"
#include "ept.h"
#include "vmcs_field.h"
#include "../monitor/mem.h"
#include "../monitor/page_set.h"

static struct page_set pages;

/* ATTACH_UNSUPPORTED naming the first bit of set the CPU does not allow. */
static struct attach allowed(enum ctl_kind kind, uint64_t set)
{
	struct attach a = { ATTACH_OK, vmx_result_ok(), ctl_kind_info(kind)->name, { 0, 0 } };
	for (unsigned b = 0; b < 64; b++)
		if ((set >> b & 1) && !vmx_ctl_allowed1(vmx_caps(), kind, (int)b)) {
			const struct ctl_bit *cb = ctl_bit_by_number(kind, b);
			a.status = ATTACH_UNSUPPORTED;
			a.what = cb ? cb->name : a.what;
			break;
		}
	return a;
}

struct attach vmcs_ctl_edit(enum ctl_kind kind, uint64_t set, uint64_t clear)
{
	const struct ctl_kind_info *in = ctl_kind_info(kind);
	struct attach a = allowed(kind, set);
	enum ctl_kind parent;
	unsigned bit;
	uint64_t v;
	if (a.status != ATTACH_OK)
		return a;
	if (set && ctl_kind_activation(kind, &parent, &bit)) {
		a = vmcs_ctl_edit(parent, 1ull << bit, 0);
		if (a.status != ATTACH_OK)
			return a;
	}
	if ((a.r = vmx_read(in->field, &v)).status == VMX_OK)
		a.r = vmx_write(in->field, (v | set) & ~clear);
	if (a.r.status != VMX_OK)
		a.status = ATTACH_VMX;
	return a;
}

/* Allocates n zeroed pages one by one into a.pa and writes their fields. */
static struct attach attach_pages(struct page_set *set, const uint32_t *fields, unsigned n)
{
	struct attach a = { ATTACH_OK, vmx_result_ok(), "", { 0, 0 } };
	for (unsigned i = 0; i < n; i++)
		if (!(a.pa[i] = page_set_alloc(set, 1, PAGE_SIZE))) {
			a.status = ATTACH_NO_MEMORY;
			return a;
		}
	for (unsigned i = 0; i < n && a.r.status == VMX_OK; i++)
		a.r = vmx_write(fields[i], a.pa[i]);
	if (a.r.status != VMX_OK)
		a.status = ATTACH_VMX;
	return a;
}

struct attach attach_fields(struct page_set *set, const uint32_t *fields, unsigned n,
			    enum ctl_kind k, uint64_t bit)
{
	struct attach a = allowed(k, bit);
	if (a.status != ATTACH_OK || (a = attach_pages(set, fields, n)).status != ATTACH_OK)
		return a;
	struct attach c = vmcs_ctl_edit(k, bit, 0);
	c.pa[0] = a.pa[0];
	c.pa[1] = a.pa[1];
	return c;
}

struct attach io_bitmaps_attach(void)
{
	static const uint32_t f[] = { IO_BITMAP_A, IO_BITMAP_B };
	return attach_fields(&pages, f, 2, CTL_KIND_PROC, CTL_MASK(PROC, USE_IO_BITMAPS));
}

struct attach msr_bitmap_attach(void)
{
	static const uint32_t f[] = { MSR_BITMAP };
	return attach_fields(&pages, f, 1, CTL_KIND_PROC, CTL_MASK(PROC, USE_MSR_BITMAPS));
}

bool bitmap_page(uint32_t field, uint8_t **page, const char **why)
{
	uint64_t pa = 0;
	*why = NULL;
	if (vmx_read(field, &pa).status != VMX_OK)
		*why = "the field cannot be read";
	else if (!pa)
		*why = "the address is 0 (not attached)";
	else if (pa & (PAGE_SIZE - 1))
		*why = "the address is not 4-KByte aligned";
	else if (mem_in_image(pa, PAGE_SIZE))
		*why = "the address is in the monitor's own image";
	*page = (uint8_t *)pa;
	return !*why;
}

void vmx_bitmaps_reset(void) { page_set_free_all(&pages); }

void vmx_structs_reset(void)
{
	vmx_bitmaps_reset();
	msr_list_reset();
	pml_reset();
	shadow_reset();
	vmfunc_reset();
	ept_reset();
}
