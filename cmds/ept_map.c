/* ept map / ept unmap / ept clone: guest-physical pages of the current EPT
 * mapped to host-physical ones with chosen permissions and memory type
 * (SDM 29.3.2, 29.3.7), unmapped, and the tables copied for a second EPTP.
 * Nothing here executes INVEPT: after a change, 'invept single' drops what
 * the CPU may have cached (SDM 29.4.3). */
#include "ept_cmd.h"
#include "vmx_common.h"
#include "../monitor/mem.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"


bool ept_edit_ok(const char *cmd, uint64_t gpa, const struct ept_edit *ed)
{
	const char *lv = ept_level_name(ed->level);
	unsigned long long g = gpa, at = ed->entry_pa;
	switch (ed->status) {
	case EPT_EDIT_OK:
		return true;
	case EPT_EDIT_BAD_EPTP:
		printf("error: %s: the EPT pointer's walk length is not 4 or 5, or has no such level\n", cmd);
		break;
	case EPT_EDIT_UNREADABLE:
		printf("error: %s: the %s for 0x%llx at 0x%llx cannot be read\n", cmd, lv, g, at);
		break;
	case EPT_EDIT_NO_MEMORY:
		printf("error: %s: out of memory for an EPT table\n", cmd);
		break;
	case EPT_EDIT_LEAF_ABOVE:
		printf("error: %s: 0x%llx lies in a larger page the %s at 0x%llx maps (ept unmap it first)\n", cmd, g, lv, at);
		break;
	case EPT_EDIT_NOT_PRESENT:
		printf("error: %s: the walk for 0x%llx stops at the %s at 0x%llx, which is not present\n", cmd, g, lv, at);
		break;
	case EPT_EDIT_NO_LEAF:
		printf("error: %s: nothing maps 0x%llx (the walk ends at the %s)\n", cmd, g, lv);
		break;
	case EPT_EDIT_MISALIGNED:
		printf("error: %s: 0x%llx is not aligned to the page size of a %s leaf\n", cmd, g, lv);
		break;
	case EPT_EDIT_IN_IMAGE:
		printf("error: %s: the %s for 0x%llx at 0x%llx lies in the monitor's own image\n", cmd, lv, g, at);
		break;
	}
	return false;
}

struct map_args {
	int level;
	uint64_t perm;
	unsigned mt;
	bool ipat;
};

/* SIZE, PERM, MT and ipat in any order. */
static bool map_option(const char *s, struct map_args *m)
{
	const struct vmx_caps *c = vmx_caps();
	if (!strcasecmp(s, "4k"))
		m->level = 1;
	else if (!strcasecmp(s, "2m") && ept_vpid_cap(c, EPT_CAP_2M))
		m->level = 2;
	else if (!strcasecmp(s, "1g") && ept_vpid_cap(c, EPT_CAP_1G))
		m->level = 3;
	else if (!strcmp(s, "ipat"))
		m->ipat = true;
	else if (!ept_perm_parse(s, &m->perm) && !ept_mt_parse(s, &m->mt))
		return false;
	return true;
}

static int cmd_ept_map(int argc, char **argv)
{
	uint64_t gpa, hpa, eptp;
	struct map_args m = { 1, EPT_RWX, MT_WB, false };
	struct ept_caps c = ept_caps_now();
	if (!parse_num("ept map", argv[0], &gpa) || !parse_num("ept map", argv[1], &hpa))
		return CMD_FAIL;
	for (int i = 2; i < argc; i++)
		if (!map_option(argv[i], &m)) {
			printf("error: ept map: '%s' is not a size this CPU offers (4k, 2m, 1g), permissions (rwx, r-x, -), a memory type (uc, wc, wt, wp, wb, mt=N) or ipat\n",
			       argv[i]);
			return CMD_FAIL;
		}
	if (hpa & (ept_page_size(m.level) - 1)) {
		printf("error: ept map: HPA 0x%llx is not aligned to the page size 0x%llx\n", (unsigned long long)hpa,
		       (unsigned long long)ept_page_size(m.level));
		return CMD_FAIL;
	}
	if (!ept_current("ept map", &eptp))
		return CMD_FAIL;
	uint64_t e = ept_leaf(hpa, m.level, m.perm, m.mt, m.ipat);
	struct ept_edit ed = ept_map(eptp, gpa, m.level, e);
	if (!ept_edit_ok("ept map", gpa, &ed))
		return CMD_FAIL;
	ept_print_entry(m.level, ed.now, ed.entry_pa, ept_index(gpa, m.level));
	if (ept_misconfig(e, m.level, &c))
		printf("warning: an access through this entry is an EPT misconfiguration (exit 49)\n");
	if (mem_in_image(hpa, ept_page_size(m.level)) && (m.perm & EPT_W))
		printf("warning: the page holds the monitor's own image: L2 can overwrite the monitor\n");
	return CMD_OK;
}

static int cmd_ept_unmap(int argc, char **argv)
{
	uint64_t gpa, eptp;
	if (!parse_num("ept unmap", argv[0], &gpa) || !ept_current("ept unmap", &eptp))
		return CMD_FAIL;
	struct ept_edit ed = ept_unmap(eptp, gpa);
	if (!ept_edit_ok("ept unmap", gpa, &ed))
		return CMD_FAIL;
	printf("%s 0x%016llx at 0x%016llx cleared (was 0x%016llx)\n", ept_level_name(ed.level),
	       (unsigned long long)ed.now, (unsigned long long)ed.entry_pa, (unsigned long long)ed.old);
	return CMD_OK;
}

static int cmd_ept_clone(int argc, char **argv)
{
	uint64_t eptp, copy;
	if (!ept_current("ept clone", &eptp))
		return CMD_FAIL;
	if (!(copy = ept_clone(eptp))) {
		printf("error: ept clone: out of memory, or a table of EPT_POINTER 0x%llx cannot be read\n",
		       (unsigned long long)eptp);
		return CMD_FAIL;
	}
	printf("EPTP 0x%016llx: a copy of the tables of 0x%016llx (the pages they map are shared)\n",
	       (unsigned long long)copy, (unsigned long long)eptp);
	return CMD_OK;
}

CMD(ept_map, "ept map", "GPA HPA [4k|2m|1g] [PERM] [MT] [ipat]", 2, 6, NEEDS_VMCS, "map a guest-physical page to a host-physical one in the current EPT",
    "Writes the leaf entry (SDM 29.3.2) for GPA in the tables EPT_POINTER names,\n"
    "adding tables (rwx) where there are none. Defaults: 4k, rwx, wb. PERM is any\n"
    "of r, w, x ('-' for none: not present); MT is uc, wc, wt, wp, wb or mt=N\n"
    "(2, 3 and 7 are reserved: a misconfiguration). Large pages need HPA and GPA\n"
    "aligned. No INVEPT is done.\n"
    "  ept map 0x20000 $page r          read-only (write: EPT violation)\n"
    "  ept map 0x20000 $page w          write without read: misconfiguration\n"
    "  ept map 0x200000 $big 2m rwx     a 2 MiB page\n"
    "  ept map 0x20000 $page rw mt=2    a reserved memory type",
    cmd_ept_map);
CMD(ept_unmap, "ept unmap", "GPA", 1, 1, NEEDS_VMCS, "clear the leaf entry (any size) that maps a guest-physical address",
    "  ept unmap 0x20000     PTE 0x0000000000000000 at 0x... cleared (was 0x...)",
    cmd_ept_unmap);
CMD(ept_clone, "ept clone", "", 0, 0, NEEDS_VMCS, "copy the current EPT's tables: a second EPTP that maps the same pages",
    "For EPTP switching and for changing one EPT while keeping the other. The copy\n"
    "is not put in EPT_POINTER: 'vmwrite EPT_POINTER $eptp2' does that.\n"
    "  ept clone     EPTP 0x...: a copy of the tables of 0x... (the pages they map are shared)",
    cmd_ept_clone);
