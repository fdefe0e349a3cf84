/* shadow attach / pass / exit / vmread / vmwrite / show: VMCS shadowing for
 * the current VMCS (SDM 25.10, 25.6.15): L2's VMREAD and VMWRITE of a field
 * whose bit is clear in the VMREAD or VMWRITE bitmap are served from the
 * shadow VMCS the link pointer names; with the bit set they exit (SDM
 * 26.1.3, 26.3). */
#include "attach.h"
#include "vmx_common.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../vmx/bitmap.h"

static int cmd_shadow_attach(int argc, char **argv)
{
	struct attach a = shadow_attach();
	uint64_t rd = 0, wr = 0;
	if (!attach_ok("shadow attach", a))
		return CMD_FAIL;
	vmx_read(VMREAD_BITMAP, &rd);
	vmx_read(VMWRITE_BITMAP, &wr);
	printf("shadow VMCS at 0x%016llx (VMCS_LINK_POINTER), VMREAD bitmap 0x%016llx, VMWRITE bitmap 0x%016llx (every field exits); SHADOW_VMCS set\n",
	       (unsigned long long)a.pa[0], (unsigned long long)rd, (unsigned long long)wr);
	return CMD_OK;
}

/* "read", "write" or "rw" (default). */
static bool parse_which(const char *cmd, int argc, char **argv, bool *rd, bool *wr)
{
	const char *s = argc > 1 ? argv[1] : "rw";
	*rd = !strcmp(s, "read") || !strcmp(s, "rw");
	*wr = !strcmp(s, "write") || !strcmp(s, "rw");
	if (*rd || *wr)
		return true;
	printf("error: %s: '%s' is not read, write or rw\n", cmd, s);
	return false;
}

static int put(const char *cmd, int argc, char **argv, bool exits)
{
	struct vmcs_field f;
	struct bitmap_pos p;
	uint8_t *map[2];
	const char *why;
	bool rd, wr;
	if (!parse_field(argv[0], &f) || !parse_which(cmd, argc, argv, &rd, &wr))
		return CMD_FAIL;
	if (!vmcs_bitmap_pos(f.encoding, &p)) {
		printf("error: %s: encoding 0x%x has bits above 14 set: it always exits (SDM 26.1.3)\n", cmd, f.encoding);
		return CMD_FAIL;
	}
	if (!bitmap_page(VMREAD_BITMAP, &map[0], &why) || !bitmap_page(VMWRITE_BITMAP, &map[1], &why)) {
		printf("error: %s: VMREAD/VMWRITE bitmap: %s (run shadow attach)\n", cmd, why);
		return CMD_FAIL;
	}
	if (rd)
		bitmap_put(map[0], &p, exits);
	if (wr)
		bitmap_put(map[1], &p, exits);
	printf("%s (0x%04x): L2's %s%s%s %s\n", f.name, f.encoding, rd ? "VMREAD" : "", rd && wr ? " and " : "",
	       wr ? "VMWRITE" : "", exits ? "exit" : "use the shadow VMCS");
	return CMD_OK;
}

static int cmd_shadow_pass(int argc, char **argv) { return put("shadow pass", argc, argv, false); }
static int cmd_shadow_exit(int argc, char **argv) { return put("shadow exit", argc, argv, true); }

static int access(const char *cmd, bool write, int argc, char **argv)
{
	struct vmcs_field f;
	uint64_t v = 0;
	char label[32];
	if (!parse_field(argv[0], &f) || (write && !parse_num(cmd, argv[1], &v)))
		return CMD_FAIL;
	struct vmx_result r = shadow_access(write, f.encoding, &v);
	if (r.status != VMX_OK) {
		print_vmx_error(cmd, r);
		return CMD_FAIL;
	}
	printf("shadow %s = 0x%016llx%s\n", vmcs_field_label(&f, label, sizeof(label)), (unsigned long long)v,
	       write ? " (written)" : "");
	return CMD_OK;
}

static int cmd_shadow_vmread(int argc, char **argv) { return access("shadow vmread", false, argc, argv); }
static int cmd_shadow_vmwrite(int argc, char **argv) { return access("shadow vmwrite", true, argc, argv); }

static int cmd_shadow_show(int argc, char **argv)
{
	uint64_t link = 0;
	uint8_t *map[2];
	const char *why;
	struct bitmap_pos p;
	vmx_read(VMCS_LINK_POINTER, &link);
	printf("SHADOW_VMCS %s, VMCS_LINK_POINTER = 0x%016llx\n",
	       ctl_is_set(CTL_KIND_PROC2, CTL_PROC2_SHADOW_VMCS) ? "on" : "off", (unsigned long long)link);
	if (!bitmap_page(VMREAD_BITMAP, &map[0], &why) || !bitmap_page(VMWRITE_BITMAP, &map[1], &why)) {
		printf("VMREAD/VMWRITE bitmap: %s\n", why);
		return CMD_OK;
	}
	for (size_t i = 0; i < vmcs_field_count(); i++) {
		const struct vmcs_field *f = vmcs_field_at(i);
		if (!vmcs_bitmap_pos(f->encoding, &p))
			continue;
		bool rd = !bitmap_test(map[0], &p), wr = !bitmap_test(map[1], &p);
		if (rd || wr)
			printf("  %s (0x%04x): %s%s%s from the shadow VMCS\n", f->name, f->encoding, rd ? "VMREAD" : "",
			       rd && wr ? " and " : "", wr ? "VMWRITE" : "");
	}
	printf("every other field: L2's VMREAD and VMWRITE exit\n");
	return CMD_OK;
}

CMD(shadow_attach, "shadow attach", "", 0, 0, NEEDS_VMCS, "give the current VMCS a shadow VMCS and VMREAD/VMWRITE bitmaps; set SHADOW_VMCS",
    "Allocates a shadow VMCS (revision identifier with bit 31 set, VMCLEARed) and\n"
    "puts it in VMCS_LINK_POINTER; allocates VMREAD and VMWRITE bitmaps with every\n"
    "bit set, so every VMREAD and VMWRITE of L2 exits until 'shadow pass'.\n"
    "  shadow attach", cmd_shadow_attach);
CMD_ENTRY(shadow_pass, "shadow pass", "FIELD [read|write|rw]", 1, 2, NEEDS_VMCS, "let L2's VMREAD/VMWRITE of a field use the shadow VMCS (bitmap bit 0)",
	  "  shadow pass GUEST_RIP          L2's VMREAD and VMWRITE of GUEST_RIP do not exit\n"
	  "  shadow pass GUEST_RSP read", cmd_shadow_pass, complete_field);
CMD_ENTRY(shadow_exit, "shadow exit", "FIELD [read|write|rw]", 1, 2, NEEDS_VMCS, "make L2's VMREAD/VMWRITE of a field exit (bitmap bit 1)",
	  "  shadow exit GUEST_RIP write", cmd_shadow_exit, complete_field);
CMD_ENTRY(shadow_vmread, "shadow vmread", "FIELD", 1, 1, NEEDS_VMCS, "VMREAD a field of the shadow VMCS (from L1)",
	  "VMPTRLDs the VMCS_LINK_POINTER, reads, VMPTRLDs the current VMCS back.\n"
	  "  shadow vmread GUEST_RIP     shadow GUEST_RIP = 0x...", cmd_shadow_vmread, complete_field);
CMD_ENTRY(shadow_vmwrite, "shadow vmwrite", "FIELD VALUE", 2, 2, NEEDS_VMCS, "VMWRITE a field of the shadow VMCS (from L1)",
	  "  shadow vmwrite GUEST_RIP 0x1234   L2's VMREAD of GUEST_RIP then reads 0x1234",
	  cmd_shadow_vmwrite, complete_field);
CMD(shadow_show, "shadow show", "", 0, 0, NEEDS_VMCS, "the link pointer and the fields L2 reads or writes in the shadow VMCS",
    "  shadow show   SHADOW_VMCS on, VMCS_LINK_POINTER = 0x...\n"
    "                  GUEST_RIP (0x681e): VMREAD and VMWRITE from the shadow VMCS",
    cmd_shadow_show);
