/* vapic: the virtual-APIC page of the TPR shadow and the APIC-access page
 * (SDM Vol. 3C 29.1, 29.4). The controls are `ctl`'s (TPR_SHADOW,
 * VIRTUALIZE_APIC_ACCESSES), the threshold is `vmwrite TPR_THRESHOLD`. */
#include "vmx_common.h"
#include "event_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../vmx/vapic.h"

static void show_vtpr(void)
{
	volatile uint8_t *p = vapic_page();
	if (p)
		printf("VTPR = 0x%02x (virtual-APIC page 0x%016llx, offset 0x%x)\n",
		       *(volatile uint32_t *)(p + VAPIC_VTPR), (unsigned long long)(uint64_t)p, VAPIC_VTPR);
	else
		printf("VTPR: no virtual-APIC page yet ('vapic page')\n");
}

static int cmd_vapic(int argc, char **argv)
{
	if (!event_read_show("vapic", VIRTUAL_APIC_PAGE_ADDR, NULL) ||
	    !event_read_show("vapic", TPR_THRESHOLD, NULL) ||
	    !event_read_show("vapic", APIC_ACCESS_ADDR, NULL))
		return CMD_FAIL;
	show_vtpr();
	return CMD_OK;
}

static bool parse_vtpr(const char *cmd, const char *s, uint64_t *v)
{
	if (!parse_num(cmd, s, v))
		return false;
	if (*v > 0xff) {
		printf("error: %s: the VTPR is 8 bits (0-0xff)\n", cmd);
		return false;
	}
	return true;
}

static int cmd_vapic_page(int argc, char **argv)
{
	uint64_t vtpr = 0, pa;
	if (argc == 1 && !parse_vtpr("vapic page", argv[0], &vtpr))
		return CMD_FAIL;
	struct vmx_result r = vapic_page_set((uint32_t)vtpr, &pa);
	if (!pa) {
		printf("error: vapic page: no free page left\n");
		return CMD_FAIL;
	}
	if (r.status != VMX_OK) {
		print_vmx_error("vapic page", r);
		return CMD_FAIL;
	}
	printf("VIRTUAL_APIC_PAGE_ADDR = 0x%016llx\n", (unsigned long long)pa);
	show_vtpr();
	return CMD_OK;
}

static int cmd_vapic_tpr(int argc, char **argv)
{
	uint64_t v;
	volatile uint8_t *p = vapic_page();
	if (argc == 1) {
		if (!p) {
			printf("error: vapic tpr: no virtual-APIC page yet ('vapic page')\n");
			return CMD_FAIL;
		}
		if (!parse_vtpr("vapic tpr", argv[0], &v))
			return CMD_FAIL;
		*(volatile uint32_t *)(p + VAPIC_VTPR) = (uint32_t)v;
	}
	show_vtpr();
	return CMD_OK;
}

static int cmd_vapic_access(int argc, char **argv)
{
	uint64_t pa;
	struct vmcs_obj *v = vmcs_current();
	if (!v->has_l2) {
		printf("error: vapic access: this VMCS was loaded by hand and has no L2 memory (use vmcs new)\n");
		return CMD_FAIL;
	}
	struct vmx_result r = vapic_access_set(v, &pa);
	if (r.status != VMX_OK) {
		print_vmx_error("vapic access", r);
		return CMD_FAIL;
	}
	printf("APIC_ACCESS_ADDR = 0x%016llx (L2's data page: L2 reaches it at 0x%llx)\n", (unsigned long long)pa,
	       (unsigned long long)L2_DATA);
	return CMD_OK;
}

CMD(vapic, "vapic", "", 0, 0, NEEDS_VMCS, "APIC virtualization: virtual-APIC page and VTPR, TPR threshold, APIC-access page",
    "  vapic     VIRTUAL_APIC_PAGE_ADDR, TPR_THRESHOLD, APIC_ACCESS_ADDR, VTPR",
    cmd_vapic);
CMD(vapic_page, "vapic page", "[VTPR]", 0, 1, NEEDS_VMCS, "a cleared virtual-APIC page with VTPR (default 0) for the TPR shadow",
    "Writes VIRTUAL_APIC_PAGE_ADDR; with TPR_SHADOW, L2's CR8 reads and writes\n"
    "VTPR bits 7:4 there instead of exiting (SDM 29.3), and lowering it below\n"
    "TPR_THRESHOLD bits 3:0 is a TPR_BELOW_THRESHOLD exit (43).\n"
    "  vapic page 0x50\n"
    "  ctl proc +TPR_SHADOW -CR8_LOAD_EXITING -CR8_STORE_EXITING\n"
    "  vmwrite TPR_THRESHOLD 4",
    cmd_vapic_page);
CMD(vapic_tpr, "vapic tpr", "[VALUE]", 0, 1, NEEDS_VMCS, "the VTPR in the virtual-APIC page (offset 0x80)",
    "  vapic tpr 0x30     VTPR = 0x30", cmd_vapic_tpr);
CMD(vapic_access, "vapic access", "", 0, 0, NEEDS_VMCS, "APIC_ACCESS_ADDR = L2's data page (L2 address 0x3000)",
    "With VIRTUALIZE_APIC_ACCESSES an L2 access to 0x3000-0x3fff is an\n"
    "APIC_ACCESS exit (44) with the offset in the qualification (SDM 29.4).\n"
    "  vapic access; ctl proc2 +VIRTUALIZE_APIC_ACCESSES; guest load apic-read",
    cmd_vapic_access);
