/* invept / invvpid: the instructions by type (SDM 31.3; what they
 * invalidate, SDM 29.4.3), any descriptor, VMfail decoded. A type the CPU
 * does not offer fails with VMfailValid(28) (invalid operand). */
#include "vmx_common.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"


struct inv_type {
	const char *word, *name;
	uint64_t type;
};

static const struct inv_type invept_types[] = {
	{ "single", "single-context", 1 },
	{ "global", "all-context", 2 },
};
static const struct inv_type invvpid_types[] = {
	{ "addr", "individual-address", 0 },
	{ "single", "single-context", 1 },
	{ "all", "all-context", 2 },
	{ "retain", "single-context-retaining-globals", 3 },
};

/* A type word of the table or a number; *name is the SDM's name or "undefined". */
static bool parse_type(const char *cmd, const char *s, const struct inv_type *t, unsigned n, uint64_t *type,
		       const char **name)
{
	*name = "undefined";
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(s, t[i].word)) {
			*type = t[i].type;
			*name = t[i].name;
			return true;
		}
	if (!parse_num(cmd, s, type))
		return false;
	for (unsigned i = 0; i < n; i++)
		if (t[i].type == *type)
			*name = t[i].name;
	return true;
}

/* Whether the capability MSR offers type (bit first_bit + type). */
/* IA32_VMX_EPT_VPID_CAP offers the instruction (insn_bit) and its type. */
static bool offered(enum ept_vpid_cap_bit insn_bit, enum ept_vpid_cap_bit type0, uint64_t type)
{
	const struct vmx_caps *c = vmx_caps();
	return ept_vpid_cap(c, insn_bit) && type < 4 && ept_vpid_cap(c, type0 + (unsigned)type);
}

static int report(const char *insn, const char *cmd, uint64_t type, const char *name, bool cap, struct vmx_result r)
{
	if (r.status != VMX_OK) {
		print_vmx_error(cmd, r);
		printf("%s type %llu (%s): IA32_VMX_EPT_VPID_CAP %s it\n", insn, (unsigned long long)type, name,
		       cap ? "offers" : "does not offer");
		return CMD_FAIL;
	}
	printf("%s type %llu (%s) ok\n", insn, (unsigned long long)type, name);
	return CMD_OK;
}

static int cmd_invept(int argc, char **argv)
{
	uint64_t type, eptp = 0, hi = 0;
	const char *name;
	if (!parse_type("invept", argv[0], invept_types, 2, &type, &name) ||
	    (argc > 1 && !parse_num("invept", argv[1], &eptp)) || (argc > 2 && !parse_num("invept", argv[2], &hi)))
		return CMD_FAIL;
	if (argc == 1)
		vmx_read(EPT_POINTER, &eptp); /* 0 without a current VMCS */
	bool cap = type && offered(EPT_CAP_INVEPT, EPT_CAP_INVEPT_TYPE0, type);
	return report("INVEPT", "invept", type, name, cap, vmx_invept(type, eptp, hi));
}

static int cmd_invvpid(int argc, char **argv)
{
	uint64_t type, vpid = 0, addr = 0;
	const char *name;
	if (!parse_type("invvpid", argv[0], invvpid_types, 4, &type, &name) ||
	    (argc > 1 && !parse_num("invvpid", argv[1], &vpid)) || (argc > 2 && !parse_num("invvpid", argv[2], &addr)))
		return CMD_FAIL;
	if (argc == 1)
		vmx_read(VIRTUAL_PROCESSOR_ID, &vpid);
	bool cap = offered(VPID_CAP_INVVPID, VPID_CAP_INVVPID_TYPE0, type);
	return report("INVVPID", "invvpid", type, name, cap, vmx_invvpid(type, vpid, addr));
}

CMD(invept, "invept", "single|global|TYPE [EPTP [HIGH]]", 1, 3, NEEDS_VMXON, "INVEPT of a type: single-context (1) or all-context (2), or any number",
    "The descriptor is EPTP (default: EPT_POINTER of the current VMCS) and HIGH\n"
    "(bits 127:64, default 0). A type IA32_VMX_EPT_VPID_CAP does not offer fails\n"
    "with VMfailValid(28); without INVEPT at all the instruction is #UD.\n"
    "  invept single          INVEPT type 1 (single-context) ok\n"
    "  invept global\n"
    "  invept 3               error: VMfailValid(28): Invalid operand to INVEPT/INVVPID",
    cmd_invept);
CMD(invvpid, "invvpid", "addr|single|all|retain|TYPE [VPID [ADDR]]", 1, 3, NEEDS_VMXON, "INVVPID of a type: individual-address (0), single-context (1), all-context (2), retaining globals (3)",
    "VPID is the descriptor's low 64 bits (default: VIRTUAL_PROCESSOR_ID of the\n"
    "current VMCS; bits 63:16 are reserved and must be 0), ADDR its linear address\n"
    "(individual-address only; must be canonical). VMfailValid(28) for a type not\n"
    "offered, VPID 0 (except all-context), reserved bits or a non-canonical ADDR.\n"
    "  invvpid single           INVVPID type 1 (single-context) ok\n"
    "  invvpid addr 1 0x1000\n"
    "  invvpid single 0         error: VMfailValid(28): ...",
    cmd_invvpid);
