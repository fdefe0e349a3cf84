/* The page-modification log (SDM 29.3 "Page-Modification Logging"; the
 * PML address and index, 25.6.18 and 25.4.2): a log page of ours. */
#include "structs.h"
#include "vmcs_field.h"

static struct page_set pages;

struct attach pml_enable(void)
{
	static const uint32_t f[] = { PML_ADDRESS };
	struct attach a = attach_fields(&pages, f, 1, CTL_KIND_PROC2, CTL_MASK(PROC2, ENABLE_PML));
	/* the index counts down from the last entry (SDM: 511 is the first used) */
	if (a.status == ATTACH_OK && (a.r = vmx_write(GUEST_PML_INDEX, PML_ENTRIES - 1)).status != VMX_OK)
		a.status = ATTACH_VMX;
	return a;
}

void pml_reset(void) { page_set_free_all(&pages); }
