/* VM function 0, EPTP switching (SDM 25.6.14 VM-function controls, 26.5.6
 * VMFUNC in VMX non-root operation): an EPTP list of ours. */
#include "structs.h"
#include "caps.h"
#include "vmcs_field.h"
#include "../monitor/page_set.h"

#define VMFUNC_EPTP_SWITCHING 1ull /* VM-function control bit 0 */

static struct page_set pages;

struct attach vmfunc_attach(void)
{
	static const uint32_t f[] = { EPTP_LIST_ADDRESS };
	uint64_t eptp = 0, ctl = 0;
	if (!(vmx_caps()->vmfunc & VMFUNC_EPTP_SWITCHING))
		return (struct attach){ ATTACH_UNSUPPORTED, vmx_result_ok(), "EPTP switching (IA32_VMX_VMFUNC bit 0)", { 0, 0 } };
	struct attach a = attach_fields(&pages, f, 1, CTL_KIND_PROC2, CTL_MASK(PROC2, ENABLE_VMFUNC));
	if (a.status != ATTACH_OK)
		return a;
	vmx_read(EPT_POINTER, &eptp);
	*(uint64_t *)a.pa[0] = eptp;
	if ((a.r = vmx_read(VM_FUNCTION_CONTROL, &ctl)).status == VMX_OK)
		a.r = vmx_write(VM_FUNCTION_CONTROL, ctl | VMFUNC_EPTP_SWITCHING);
	if (a.r.status != VMX_OK)
		a.status = ATTACH_VMX;
	return a;
}

void vmfunc_reset(void) { page_set_free_all(&pages); }
