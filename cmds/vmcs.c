/* VMCS life cycle: vmcs new, vmcs list, and the raw VMCLEAR, VMPTRLD,
 * VMPTRST on any address. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/mem.h"
#include "../monitor/printf.h"

/* Says why vmcs_create did not give a VMCS. */
static void explain_new(enum vmcs_new_status st, struct vmx_result r, const char *step)
{
	char what[48];
	switch (st) {
	case VMCS_NEW_TABLE_FULL:
		printf("error: vmcs new: the monitor keeps at most %d VMCSs and all are in use\n", VMCS_MAX);
		break;
	case VMCS_NEW_NO_MEMORY:
		printf("error: vmcs new: no memory left for a VMCS and its L2\n");
		break;
	case VMCS_NEW_VMX_FAILED:
		fmt_snprintf(what, sizeof(what), "vmcs new (%s)", step);
		print_vmx_error(what, r);
		break;
	case VMCS_NEW_OK:
		break;
	}
}

static int cmd_vmcs_new(int argc, char **argv)
{
	struct vmcs_obj *v;
	struct vmx_result r;
	const char *step;
	enum vmcs_new_status st = vmcs_create(&v, &r, &step);
	if (st != VMCS_NEW_OK) {
		explain_new(st, r, step);
		return CMD_FAIL;
	}
	char vpid[16] = "no VPID";
	if (vmx_ctl_allowed1(vmx_caps(), CTL_KIND_PROC2, CTL_PROC2_ENABLE_VPID))
		fmt_snprintf(vpid, sizeof(vpid), "VPID %u", v->vpid);
	printf("VMCS 0x%016llx is current: 64-bit L2 at 0x%llx (%s, %s), entry 0x%llx\n",
	       (unsigned long long)v->pa, (unsigned long long)v->l2.base,
	       v->l2.ept ? "EPT" : "no EPT", vpid, (unsigned long long)L2_ENTRY);
	return CMD_OK;
}

static int cmd_vmcs_list(int argc, char **argv)
{
	struct vmcs_obj *cur = vmcs_current();
	int n = 0;
	for (int i = 0; i < VMCS_MAX; i++) {
		struct vmcs_obj *v = vmcs_at(i);
		if (!v)
			continue;
		printf("%c 0x%016llx %-8s %s\n", v == cur ? '*' : ' ', (unsigned long long)v->pa,
		       v->launched ? "launched" : "clear", v->has_l2 ? "L2 from vmcs new" : "loaded by hand");
		n++;
	}
	if (!n)
		printf("no VMCS yet (vmcs new)\n");
	return CMD_OK;
}

static int cmd_vmcs_host(int argc, char **argv)
{
	uint64_t rip;
	struct vmx_result r = vmcs_setup_host();
	if (r.status == VMX_OK)
		r = vmx_read(HOST_RIP, &rip);
	if (r.status != VMX_OK) {
		print_vmx_error("vmcs host", r);
		return CMD_FAIL;
	}
	printf("host-state area rewritten from the monitor (HOST_RIP 0x%016llx)\n", (unsigned long long)rip);
	return CMD_OK;
}

static int raw_addr_cmd(const char *name, char **argv, struct vmx_result (*op)(uint64_t))
{
	uint64_t pa;
	if (!parse_num(name, argv[0], &pa))
		return CMD_FAIL;
	if (mem_in_image(pa, PAGE_SIZE)) {
		printf("error: %s: 0x%llx is inside the monitor's own image\n", name, (unsigned long long)pa);
		return CMD_FAIL;
	}
	struct vmx_result r = op(pa);
	if (r.status != VMX_OK) {
		print_vmx_error(name, r);
		return CMD_FAIL;
	}
	printf("%s 0x%016llx ok\n", name, (unsigned long long)pa);
	return CMD_OK;
}

static int cmd_vmclear(int argc, char **argv)
{
	return raw_addr_cmd("vmclear", argv, vmcs_do_clear);
}

static int cmd_vmptrld(int argc, char **argv)
{
	return raw_addr_cmd("vmptrld", argv, vmcs_do_ptrld);
}

static int cmd_vmptrst(int argc, char **argv)
{
	uint64_t pa;
	struct vmx_result r = vmx_ptrst(&pa);
	if (r.status != VMX_OK) {
		print_vmx_error("vmptrst", r);
		return CMD_FAIL;
	}
	printf("current VMCS = 0x%016llx%s\n", (unsigned long long)pa, pa == ~0ull ? " (none)" : "");
	return CMD_OK;
}

CMD(vmcs_list, "vmcs list", "", 0, 0, NEEDS_VMX, "the VMCSs the monitor knows: current (*), launch state, origin",
    "  vmcs list    * 0x0000000000123000 launched L2 from vmcs new", cmd_vmcs_list);
CMD(vmcs_host, "vmcs host", "", 0, 0, NEEDS_VMCS, "rewrite the current VMCS's host-state area from the monitor itself",
    "After vmwrite of a HOST_* field, or on a VMCS loaded by hand with vmptrld:\n"
    "CR0/CR3/CR4, selectors, bases, SYSENTER, PAT/EFER and HOST_RIP (the exit\n"
    "trampoline) as vmcs new sets them. HOST_RSP is written before every entry.\n"
    "  vmcs host", cmd_vmcs_host);
CMD(vmcs_new, "vmcs new", "", 0, 0, NEEDS_VMXON, "allocate a VMCS, VMCLEAR+VMPTRLD it, fill it for a 64-bit L2",
    "Host state comes from the monitor (HOST_RIP at the exit trampoline); L2 gets\n"
    "16 pages of its own with its own page tables, EPT and a VPID where the CPU\n"
    "has them, and every instruction exit the canned programs need.\n"
    "  vmcs new     VMCS 0x... is current: 64-bit L2 at 0x... (EPT, VPID 1), entry 0x1000",
    cmd_vmcs_new);
CMD(vmclear, "vmclear", "ADDR", 1, 1, NEEDS_VMX, "VMCLEAR on any physical address (bad ones give the SDM's VMfail)",
    "  vmclear 0x123000     the launch state becomes clear\n"
    "  vmclear 0x123001     error: VMfailValid(2): VMCLEAR with invalid physical address",
    cmd_vmclear);
CMD(vmptrld, "vmptrld", "ADDR", 1, 1, NEEDS_VMX, "VMPTRLD on any physical address (bad ones give the SDM's VMfail)",
    "  vmptrld 0x123000     make that VMCS current\n"
    "  vmptrld 0x7e000      error: VMfailValid(11): VMPTRLD with incorrect VMCS revision identifier",
    cmd_vmptrld);
CMD(vmptrst, "vmptrst", "", 0, 0, NEEDS_VMX, "VMPTRST: the current-VMCS pointer (0xffffffffffffffff when none)",
    "  vmptrst      current VMCS = 0x0000000000123000", cmd_vmptrst);
