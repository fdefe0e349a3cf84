/* VMCS shadowing (SDM 25.10 "VMCS Types: Ordinary and Shadow", 25.6.15
 * VMREAD/VMWRITE bitmaps, 26.3 VMREAD and VMWRITE in VMX non-root
 * operation): a shadow VMCS as the link pointer and the two bitmaps. */
#include "structs.h"
#include "caps.h"
#include "vmx.h"
#include "vmcs_field.h"
#include "bitmap.h"
#include "msr.h"
#include "../monitor/mem.h"
#include "../monitor/string.h"

#define SHADOW_VMCS_INDICATOR (1u << 31) /* SDM 25.2: bit 31 of the revision dword */

static struct page_set bitmaps, vmcss;

struct attach shadow_attach(void)
{
	static const uint32_t f[] = { VMREAD_BITMAP, VMWRITE_BITMAP };
	struct attach a = attach_fields(&bitmaps, f, 2, CTL_KIND_PROC2, CTL_MASK(PROC2, SHADOW_VMCS));
	if (a.status != ATTACH_OK)
		return a;
	memset((void *)a.pa[0], 0xff, BITMAP_BYTES);
	memset((void *)a.pa[1], 0xff, BITMAP_BYTES);
	uint64_t pa = page_set_alloc(&vmcss, 1, PAGE_SIZE);
	a.what = "shadow VMCS";
	if (!pa) {
		a.status = ATTACH_NO_MEMORY;
		return a;
	}
	*(volatile uint32_t *)pa = vmx_revision_id(vmx_caps()) | SHADOW_VMCS_INDICATOR;
	a.pa[0] = pa;
	if ((a.r = vmx_clear(pa)).status == VMX_OK)
		a.r = vmx_write(VMCS_LINK_POINTER, pa);
	if (a.r.status != VMX_OK)
		a.status = ATTACH_VMX;
	return a;
}

struct vmx_result shadow_access(bool write, uint64_t enc, uint64_t *val)
{
	uint64_t cur, link;
	struct vmx_result r = vmx_ptrst(&cur), back;
	if (r.status == VMX_OK)
		r = vmx_read(VMCS_LINK_POINTER, &link);
	if (r.status != VMX_OK || (r = vmx_ptrld(link)).status != VMX_OK)
		return r;
	r = write ? vmx_write(enc, *val) : vmx_read(enc, val);
	back = vmx_ptrld(cur);
	return r.status == VMX_OK ? back : r;
}

static void clear_one(struct page_set *s)
{
	for (int i = 0; i < PAGE_SET_MAX; i++)
		if (s->run[i].pa && vmx_is_on())
			vmx_clear(s->run[i].pa);
}

void shadow_reset(void)
{
	clear_one(&vmcss);
	page_set_free_all(&vmcss);
	page_set_free_all(&bitmaps);
}
