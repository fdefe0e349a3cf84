/* vmfunc attach / eptp / show: VM function 0, EPTP switching (SDM 25.6.14,
 * 26.5.6): L2's VMFUNC with EAX = 0 and ECX = index loads EPT_POINTER from
 * entry ECX of the EPTP list; an index above 511 or an entry that is not a
 * valid EPTP exits with VMFUNC (59). */
#include "attach.h"
#include "vmx_common.h"
#include "../monitor/printf.h"

static bool eptp_list(const char *cmd, uint64_t **list)
{
	const char *why;
	if (bitmap_page(EPTP_LIST_ADDRESS, (uint8_t **)list, &why))
		return true;
	printf("error: %s: EPTP list: %s (run vmfunc attach)\n", cmd, why);
	return false;
}

static int cmd_vmfunc_attach(int argc, char **argv)
{
	struct attach a = vmfunc_attach();
	if (!attach_ok("vmfunc attach", a))
		return CMD_FAIL;
	printf("EPTP list at 0x%016llx, entry 0 = EPT_POINTER 0x%016llx; EPTP switching and ENABLE_VMFUNC set\n",
	       (unsigned long long)a.pa[0], (unsigned long long)*(uint64_t *)a.pa[0]);
	return CMD_OK;
}

static int cmd_vmfunc_eptp(int argc, char **argv)
{
	uint64_t i, v, *list;
	if (!parse_num("vmfunc eptp", argv[0], &i) || !parse_num("vmfunc eptp", argv[1], &v))
		return CMD_FAIL;
	if (i >= EPTP_LIST_ENTRIES) {
		printf("error: vmfunc eptp: INDEX must be 0..%d\n", EPTP_LIST_ENTRIES - 1);
		return CMD_FAIL;
	}
	if (!eptp_list("vmfunc eptp", &list))
		return CMD_FAIL;
	list[i] = v;
	printf("EPTP list [%llu] = 0x%016llx\n", (unsigned long long)i, (unsigned long long)v);
	return CMD_OK;
}

static int cmd_vmfunc_show(int argc, char **argv)
{
	uint64_t ctl = 0, *list;
	vmx_read(VM_FUNCTION_CONTROL, &ctl);
	if (!eptp_list("vmfunc show", &list))
		return CMD_FAIL;
	printf("ENABLE_VMFUNC %s, VM_FUNCTION_CONTROL = 0x%016llx, EPTP list at 0x%016llx\n",
	       ctl_is_set(CTL_KIND_PROC2, CTL_PROC2_ENABLE_VMFUNC) ? "on" : "off", (unsigned long long)ctl,
	       (unsigned long long)(uint64_t)list);
	for (unsigned i = 0; i < EPTP_LIST_ENTRIES; i++)
		if (list[i])
			printf("  [%3u] 0x%016llx\n", i, (unsigned long long)list[i]);
	return CMD_OK;
}

CMD(vmfunc_attach, "vmfunc attach", "", 0, 0, NEEDS_VMCS, "give the current VMCS an EPTP list and enable EPTP switching (VM function 0)",
    "Allocates a zeroed EPTP list, puts the current EPT_POINTER in entry 0, writes\n"
    "EPTP_LIST_ADDRESS, sets VM_FUNCTION_CONTROL bit 0 and ENABLE_VMFUNC.\n"
    "  vmfunc attach\n"
    "  ept clone                    a second EPTP\n"
    "  vmfunc eptp 1 $eptp2         L2: mov eax,0; mov ecx,1; vmfunc",
    cmd_vmfunc_attach);
CMD(vmfunc_eptp, "vmfunc eptp", "INDEX VALUE", 2, 2, NEEDS_VMCS, "write entry INDEX (0..511) of the EPTP list",
    "  vmfunc eptp 1 0x15001e", cmd_vmfunc_eptp);
CMD(vmfunc_show, "vmfunc show", "", 0, 0, NEEDS_VMCS, "the VM-function controls and the non-zero EPTP-list entries",
    "  vmfunc show   ... [  0] 0x...1e", cmd_vmfunc_show);
