/* vmcs free [ADDR]: VMCLEAR a VMCS and give its memory back (the VMCS page,
 * L2's pages and EPT tables of one `vmcs new` made), so that a long session
 * or a soak test can make VMCSs without end. It says how many pages came
 * back and how many are free, the figure a leak would change. */
#include "vmx_common.h"
#include "args.h"
#include "../monitor/cmd.h"
#include "../monitor/mem.h"
#include "../monitor/printf.h"

/* The VMCS named by argv[0], or the current one. */
static struct vmcs_obj *target(int argc, char **argv)
{
	uint64_t pa;
	if (!argc) {
		const char *why = cmd_need_vmcs.unmet();
		if (why)
			printf("error: %s\n", why);
		return why ? NULL : vmcs_current();
	}
	if (!parse_num("vmcs free", argv[0], &pa))
		return NULL;
	struct vmcs_obj *v = vmcs_by_pa(pa);
	if (!v)
		printf("error: vmcs free: 0x%llx is no VMCS the monitor knows (see vmcs list)\n",
		       (unsigned long long)pa);
	return v;
}

static int cmd_vmcs_free(int argc, char **argv)
{
	unsigned pages;
	struct vmcs_obj *v = target(argc, argv);
	if (!v)
		return CMD_FAIL;
	uint64_t pa = v->pa;
	bool ours = v->has_l2;
	struct vmx_result r = vmcs_free(v, &pages);
	if (r.status != VMX_OK) {
		print_vmx_error("vmcs free (VMCLEAR)", r);
		return CMD_FAIL;
	}
	if (ours)
		printf("VMCS 0x%016llx freed: %u page(s) back, %llu page(s) free\n",
		       (unsigned long long)pa, pages, (unsigned long long)mem_free_pages());
	else
		printf("VMCS 0x%016llx cleared and forgotten (loaded by hand: its memory is not the monitor's)\n",
		       (unsigned long long)pa);
	return CMD_OK;
}

CMD(vmcs_free, "vmcs free", "[ADDR]", 0, 1, NEEDS_VMXON, "VMCLEAR a VMCS and give back its memory (default: the current one)",
    "Gives back the VMCS page and, for one `vmcs new` made, L2's pages and EPT\n"
    "tables; a VMCS loaded by hand is only cleared and forgotten. After freeing\n"
    "the current VMCS there is none (VMCLEAR of the current VMCS, SDM 30.3).\n"
    "  vmcs free    VMCS 0x0000000000164000 freed: 21 page(s) back, 31950 page(s) free",
    cmd_vmcs_free);
