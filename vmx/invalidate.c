/* Forgetting the translations an L2 left in the TLBs and paging-structure
 * caches (SDM 29.4.3 "Invalidating Cached Information", 31.3 INVEPT and
 * INVVPID), before `vmcs free` gives its EPT tables and pages back: a new
 * VMCS may get the same VPID (slots are reused) and the same EPT pointer
 * (pages are reused), and must not see the old mappings. Single-context
 * where the CPU offers it, else all-context; nothing where it offers
 * neither. The instructions are ops.c's; a failure or fault has nothing
 * left to do, so the result is not looked at. */
#include "vmx.h"

#define INV_SINGLE_CONTEXT 1ull
#define INV_ALL_CONTEXT 2ull

void vmx_forget_translations(uint64_t eptp, uint16_t vpid)
{
	const struct vmx_caps *c = vmx_caps();
	if (eptp && ept_vpid_cap(c, EPT_CAP_INVEPT)) {
		if (ept_vpid_cap(c, EPT_CAP_INVEPT_TYPE0 + INV_SINGLE_CONTEXT))
			vmx_invept(INV_SINGLE_CONTEXT, eptp, 0);
		else if (ept_vpid_cap(c, EPT_CAP_INVEPT_TYPE0 + INV_ALL_CONTEXT))
			vmx_invept(INV_ALL_CONTEXT, 0, 0);
	}
	if (vpid && ept_vpid_cap(c, VPID_CAP_INVVPID)) {
		if (ept_vpid_cap(c, VPID_CAP_INVVPID_TYPE0 + INV_SINGLE_CONTEXT))
			vmx_invvpid(INV_SINGLE_CONTEXT, vpid, 0);
		else if (ept_vpid_cap(c, VPID_CAP_INVVPID_TYPE0 + INV_ALL_CONTEXT))
			vmx_invvpid(INV_ALL_CONTEXT, 0, 0);
	}
}
