/* ept show / ept pointer / ept entry: the EPT of the current VMCS walked
 * and decoded level by level (SDM 29.3.2), its EPT pointer (SDM 25.6.11),
 * and any entry read or written raw (for misconfigurations, SDM 29.3.3.1). */
#include "ept_cmd.h"
#include "vmx_common.h"
#include "../monitor/parse.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"

#define LINE 160

bool ept_current(const char *cmd, uint64_t *eptp)
{
	struct vmx_result r = ept_pointer(eptp);
	if (r.status != VMX_OK) {
		print_vmx_error(cmd, r);
		return false;
	}
	return true;
}

void ept_print_entry(int level, uint64_t e, uint64_t at, unsigned index)
{
	struct ept_caps c = ept_caps_now();
	char d[LINE];
	const char *why = ept_misconfig(e, level, &c);
	ept_entry_describe(e, level, &c, d, sizeof(d));
	printf("%-5s 0x%016llx at 0x%016llx [%3u]: %s", ept_level_name(level), (unsigned long long)e,
	       (unsigned long long)at, index, d);
	if (why)
		printf(" (misconfigured: %s)", why);
	printf("\n");
}

static void print_eptp(uint64_t eptp)
{
	char d[LINE];
	eptp_describe(eptp, vmx_phys_bits(), d, sizeof(d));
	printf("EPT_POINTER = 0x%016llx: %s\n", (unsigned long long)eptp, d);
}

bool ept_print_walk_end(const char *cmd, uint64_t gpa, const struct ept_walk *w)
{
	const char *lv = ept_level_name(w->level);
	char p[4];
	switch (w->end) {
	case WALK_MAPPED:
		ept_perm_string(w->perm, p);
		printf("GPA 0x%016llx -> HPA 0x%016llx (%s)\n", (unsigned long long)gpa, (unsigned long long)w->hpa, p);
		return true;
	case WALK_NOT_PRESENT:
		printf("GPA 0x%016llx is not mapped: the %s is not present (an access is an EPT violation)\n",
		       (unsigned long long)gpa, lv);
		return true;
	case WALK_MISCONFIG:
		printf("GPA 0x%016llx: EPT misconfiguration at the %s: %s (SDM 29.3.3.1)\n", (unsigned long long)gpa, lv,
		       w->why);
		return true;
	case WALK_UNREADABLE:
		printf("error: %s: the %s at 0x%llx cannot be read (the table address faults)\n", cmd, lv,
		       (unsigned long long)w->entry_pa[w->level]);
		return false;
	case WALK_BAD_EPTP:
		printf("error: %s: the EPT pointer's walk length (bits 5:3) is not 4 or 5 levels\n", cmd);
		return false;
	}
	return false;
}

static int cmd_ept_show(int argc, char **argv)
{
	uint64_t gpa, eptp;
	struct ept_caps c = ept_caps_now();
	struct ept_walk w;
	if (!parse_num("ept show", argv[0], &gpa) || !ept_current("ept show", &eptp))
		return CMD_FAIL;
	if (!ept_in_force())
		printf("note: ENABLE_EPT is not in force in the current VMCS (L2's guest-physical addresses are host-physical)\n");
	print_eptp(eptp);
	ept_walk(eptp, gpa, &c, ept_read_phys, 0, &w);
	for (int l = w.top; l >= w.level && w.end != WALK_BAD_EPTP; l--)
		if (w.end != WALK_UNREADABLE || l > w.level)
			ept_print_entry(l, w.entry[l], w.entry_pa[l], ept_index(gpa, l));
	return ept_print_walk_end("ept show", gpa, &w) ? CMD_OK : CMD_FAIL;
}

/* One setting of `ept pointer`: false when s is none. */
static bool eptp_setting(const char *s, uint64_t *eptp)
{
	unsigned mt;
	uint64_t n;
	if (!strcmp(s, "+ad") || !strcmp(s, "-ad")) {
		*eptp = s[0] == '+' ? *eptp | EPTP_AD : *eptp & ~EPTP_AD;
	} else if (ept_mt_parse(s, &mt)) {
		*eptp = (*eptp & ~EPTP_MT_MASK) | mt;
	} else if (!strncmp(s, "walk=", 5) && parse_u64(s + 5, &n) && n >= 1 && n <= 8) {
		*eptp = (*eptp & ~EPTP_WALK_MASK) | (n - 1) << EPTP_WALK_SHIFT;
	} else {
		return false;
	}
	return true;
}

static int cmd_ept_pointer(int argc, char **argv)
{
	uint64_t eptp;
	if (!ept_current("ept pointer", &eptp))
		return CMD_FAIL;
	for (int i = 0; i < argc; i++)
		if (!eptp_setting(argv[i], &eptp)) {
			printf("error: ept pointer: '%s' is not +ad, -ad, a memory type (uc, wb, mt=N) or walk=N\n", argv[i]);
			return CMD_FAIL;
		}
	if (argc) {
		struct vmx_result r = vmx_write(EPT_POINTER, eptp);
		if (r.status != VMX_OK) {
			print_vmx_error("ept pointer", r);
			return CMD_FAIL;
		}
		vmx_read(EPT_POINTER, &eptp);
	}
	print_eptp(eptp);
	return CMD_OK;
}

static int cmd_ept_entry(int argc, char **argv)
{
	uint64_t gpa, eptp, value = 0;
	int level;
	if (!parse_num("ept entry", argv[0], &gpa) || (argc == 3 && !parse_num("ept entry", argv[2], &value)))
		return CMD_FAIL;
	if (!ept_level_by_name(argv[1], &level)) {
		printf("error: ept entry: '%s' is not a level (pte, pde, pdpte, pml4e, pml5e or 1..5)\n", argv[1]);
		return CMD_FAIL;
	}
	if (!ept_current("ept entry", &eptp))
		return CMD_FAIL;
	struct ept_edit ed = ept_entry_at(eptp, gpa, level, argc == 3, value);
	if (!ept_edit_ok("ept entry", gpa, &ed))
		return CMD_FAIL;
	if (argc == 3)
		printf("%s for GPA 0x%016llx was 0x%016llx\n", ept_level_name(level), (unsigned long long)gpa,
		       (unsigned long long)ed.old);
	ept_print_entry(level, ed.now, ed.entry_pa, ept_index(gpa, level));
	return CMD_OK;
}

CMD(ept_show, "ept show", "GPA", 1, 1, NEEDS_VMCS, "walk the current EPT for a guest-physical address, each level decoded",
    "Reads EPT_POINTER of the current VMCS and walks its tables (SDM 29.3.2): one\n"
    "line per level with the raw entry, where it is, its index and what it says\n"
    "(permissions rwx, memory type, ipat, 2M/1G page, accessed, dirty, the table\n"
    "or page it points to, and why it is misconfigured if it is), then the\n"
    "host-physical address with the permissions of all levels ANDed.\n"
    "  ept show 0x3000      PTE 0x... at 0x... [  3]: rwx WB -> page 0x...\n"
    "                       GPA 0x0000000000003000 -> HPA 0x... (rwx)\n"
    "  ept show 0x100000    GPA ... is not mapped: the PTE is not present",
    cmd_ept_show);
CMD(ept_pointer, "ept pointer", "[+ad|-ad|uc|wb|mt=N|walk=N]...", 0, CMD_ARGS_ANY, NEEDS_VMCS, "show or change the EPT pointer: A/D flags, memory type, walk length",
    "Without arguments shows EPT_POINTER decoded (SDM 25.6.11); with settings writes\n"
    "it and shows what the field holds.\n"
    "  ept pointer            EPT_POINTER = 0x...1e: PML4 0x... walk 4 WB accessed/dirty off\n"
    "  ept pointer +ad        enable accessed and dirty flags (bit 6)\n"
    "  ept pointer mt=2       a reserved memory type: VM entry fails, VMfailValid(7)\n"
    "  ept pointer walk=3     a walk length EPT does not have",
    cmd_ept_pointer);
CMD(ept_entry, "ept entry", "GPA LEVEL [VALUE]", 2, 3, NEEDS_VMCS, "read or write the raw EPT entry at a level of a GPA's walk",
    "LEVEL is pte, pde, pdpte, pml4e (or 1..4). The walk must reach the level through\n"
    "present tables. With VALUE the entry is replaced as it is: misconfigurations\n"
    "are made this way (no INVEPT is done).\n"
    "  ept entry 0x20000 pte                   the PTE, decoded\n"
    "  ept entry 0x20000 pte 0x0              not present\n"
    "  ept entry 0x20000 pde $pde|0x8         a reserved bit of a PDE that points to a table",
    cmd_ept_entry);
