/* pml enable / show / disable: the page-modification log of the current
 * VMCS (SDM 29.3 "Page-Modification Logging"): with EPT accessed and dirty
 * flags on, each write that sets a dirty flag in an EPT leaf logs its
 * guest-physical page at PML_ADDRESS[GUEST_PML_INDEX], and the index counts
 * down from 511. */
#include "attach.h"
#include "vmx_common.h"
#include "../monitor/mem.h"
#include "../monitor/printf.h"
#include "../monitor/trap.h"

#define PML_INDEX_MASK 0xffffull

static int cmd_pml_enable(int argc, char **argv)
{
	struct attach a = pml_enable();
	if (!attach_ok("pml enable", a))
		return CMD_FAIL;
	printf("PML log at 0x%016llx, GUEST_PML_INDEX = 511; ENABLE_PML set (logging needs 'ept pointer +ad')\n",
	       (unsigned long long)a.pa[0]);
	return CMD_OK;
}

static int cmd_pml_show(int argc, char **argv)
{
	uint64_t log = 0, index = 0, e;
	struct fault_info f;
	vmx_read(PML_ADDRESS, &log);
	struct vmx_result r = vmx_read(GUEST_PML_INDEX, &index);
	if (r.status != VMX_OK) {
		print_vmx_error("pml show", r);
		return CMD_FAIL;
	}
	index &= PML_INDEX_MASK;
	/* an index above 511 means the log is full (it wrapped past 0) */
	unsigned first = index >= PML_ENTRIES ? 0 : (unsigned)index + 1, n = PML_ENTRIES - first;
	printf("PML log at 0x%016llx, GUEST_PML_INDEX = 0x%04llx: %u entr%s logged%s\n", (unsigned long long)log,
	       (unsigned long long)index, n, n == 1 ? "y" : "ies", ctl_is_set(CTL_KIND_PROC2, CTL_PROC2_ENABLE_PML) ? "" : " (ENABLE_PML off)");
	for (unsigned i = PML_ENTRIES; n && i-- > first;) {
		if (safe_copy(&e, (const void *)(log + i * sizeof(e)), sizeof(e), &f)) {
			printf("error: pml show: the log at 0x%llx faults\n", (unsigned long long)log);
			return CMD_FAIL;
		}
		printf("  [%3u] GPA 0x%016llx\n", i, (unsigned long long)e);
	}
	return CMD_OK;
}

static int cmd_pml_disable(int argc, char **argv)
{
	if (!attach_ok("pml disable", vmcs_ctl_edit(CTL_KIND_PROC2, 0, CTL_MASK(PROC2, ENABLE_PML))))
		return CMD_FAIL;
	printf("ENABLE_PML cleared\n");
	return CMD_OK;
}

CMD(pml_enable, "pml enable", "", 0, 0, NEEDS_VMCS, "give the current VMCS a page-modification log and set ENABLE_PML",
    "Allocates a zeroed log page, writes PML_ADDRESS and GUEST_PML_INDEX = 511 and\n"
    "sets ENABLE_PML. The CPU logs only with EPT accessed and dirty flags enabled\n"
    "(EPTP bit 6: 'ept pointer +ad'); a full log (index wrapped) exits with\n"
    "PML_FULL (62).\n"
    "  pml enable\n"
    "  vmwrite GUEST_PML_INDEX 0     one entry left before the log is full",
    cmd_pml_enable);
CMD(pml_show, "pml show", "", 0, 0, NEEDS_VMCS, "the PML index and the guest-physical pages logged, newest last",
    "  pml show     PML log at 0x..., GUEST_PML_INDEX = 0x01fe: 1 entry logged\n"
    "                 [511] GPA 0x0000000000003000",
    cmd_pml_show);
CMD(pml_disable, "pml disable", "", 0, 0, NEEDS_VMCS, "clear ENABLE_PML (the log page stays attached)",
    "  pml disable", cmd_pml_disable);
