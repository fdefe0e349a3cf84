/* See vapic.h. */
#include "vapic.h"
#include "vmcs_field.h"
#include "../monitor/mem.h"
#include "../monitor/string.h"

static uint64_t page;

struct vmx_result vapic_page_set(uint32_t vtpr, uint64_t *pa)
{
	*pa = 0;
	if (!page && !(page = page_alloc()))
		return vmx_result_ok();
	memset((void *)page, 0, PAGE_SIZE);
	*(volatile uint32_t *)(page + VAPIC_VTPR) = vtpr;
	*pa = page;
	return vmx_write(VIRTUAL_APIC_PAGE_ADDR, page);
}

volatile uint8_t *vapic_page(void)
{
	return (volatile uint8_t *)page;
}

struct vmx_result vapic_access_set(const struct vmcs_obj *v, uint64_t *pa)
{
	*pa = v->l2.base + L2_DATA;
	return vmx_write(APIC_ACCESS_ADDR, *pa);
}

void vapic_reset(void)
{
	if (page)
		page_free(page);
	page = 0;
}
