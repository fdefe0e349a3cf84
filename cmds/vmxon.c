/* vmxon / vmxoff, with every precondition explained. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"

static void explain(const struct vmxon_report *r)
{
	switch (r->status) {
	case VMXON_NO_VMX: /* the command's need rules it out */
		printf("error: vmxon: this CPU has no VMX\n");
		break;
	case VMXON_LOCKED_OFF:
		printf("error: vmxon: IA32_FEATURE_CONTROL is locked with VMX disabled (0x%016llx): the firmware turned VMX off\n",
		       (unsigned long long)r->feature_control);
		break;
	case VMXON_CR_FIXED:
		printf("error: vmxon: CR0/CR4 cannot meet the VMX fixed bits (CR0 bits 0x%llx, CR4 bits 0x%llx must be 0)\n",
		       (unsigned long long)r->cr0_bad, (unsigned long long)r->cr4_bad);
		break;
	case VMXON_NO_MEMORY:
		printf("error: vmxon: no memory for the VMXON region\n");
		break;
	case VMXON_ALREADY_ON:
		/* SDM 31.3 VMXON: VMfailValid(15) with a current VMCS, else VMfailInvalid */
		print_vmx_error("vmxon (already in VMX operation)", r->insn);
		break;
	case VMXON_INSN:
		print_vmx_error("vmxon", r->insn);
		break;
	case VMXON_OK:
		break;
	}
}

static int cmd_vmxon(int argc, char **argv)
{
	struct vmxon_report r = vmx_enable();
	if (r.locked_now)
		printf("IA32_FEATURE_CONTROL was unlocked: locked it with VMX outside SMX enabled (0x%016llx)\n",
		       (unsigned long long)r.feature_control);
	if (r.cr0_set || r.cr4_set)
		printf("set CR0 bits 0x%llx and CR4 bits 0x%llx (VMX fixed-1 bits, CR4.VMXE)\n",
		       (unsigned long long)r.cr0_set, (unsigned long long)r.cr4_set);
	if (r.status != VMXON_OK) {
		explain(&r);
		return CMD_FAIL;
	}
	printf("VMXON ok (region 0x%016llx, revision 0x%x)\n", (unsigned long long)r.region,
	       r.revision);
	return CMD_OK;
}

static int cmd_vmxoff(int argc, char **argv)
{
	struct vmx_result r = vmx_disable();
	if (r.status != VMX_OK) {
		print_vmx_error("vmxoff", r);
		return CMD_FAIL;
	}
	printf("VMXOFF ok\n");
	return CMD_OK;
}

CMD(vmxon, "vmxon", "", 0, 0, NEEDS_VMX, "enter VMX operation, checking and explaining every precondition",
    "Checks CPUID.1:ECX.VMX, IA32_FEATURE_CONTROL (locks it with VMX enabled when\n"
    "the firmware left it unlocked), the CR0/CR4 fixed bits (sets CR4.VMXE), writes\n"
    "the revision id from IA32_VMX_BASIC into a fresh VMXON region and runs VMXON.\n"
    "  vmxon        VMXON ok (region 0x..., revision 0x...)\n"
    "  vmxon        (again) error: VMfailValid(15): ...\n"
    "               or VMfailInvalid when there is no current VMCS",
    cmd_vmxon);
CMD(vmxoff, "vmxoff", "", 0, 0, NEEDS_VMX, "leave VMX operation (VMXOFF) and clear CR4.VMXE",
    "  vmxoff       VMXOFF ok\n"
    "  vmxoff       (when off) error: vmxoff: #UD ... (not in VMX operation)",
    cmd_vmxoff);
