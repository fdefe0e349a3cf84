/* vmcs save: the current VMCS as commands that rebuild it on any machine
 * (`vmcs new` followed by the vmwrites), for a bug report. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../vmx/vmcs_save.h"

struct saved_lines {
	unsigned n;
};

static void print_write(void *ctx, uint32_t enc, uint64_t value)
{
	struct saved_lines *s = ctx;
	const struct vmcs_field *f = vmcs_field_by_encoding(enc);
	s->n++;
	if (f)
		printf("vmwrite %s 0x%016llx\n", f->name, (unsigned long long)value);
	else
		printf("vmwrite 0x%04x 0x%016llx\n", (unsigned)enc, (unsigned long long)value);
}

static int cmd_vmcs_save(int argc, char **argv)
{
	struct saved_lines s = { 0 };
	struct vmx_result r;
	bool all = argc == 1;
	if (all && strcmp(argv[0], "all"))
		return CMD_USAGE;
	printf("# vmcs save%s: replay after 'vmxon', 'vmcs new' and the same guest program\n",
	       all ? " all" : "");
	switch (vmcs_save(all, print_write, &s, &r)) {
	case VMCS_SAVE_OK:
		printf("# %u field(s)%s\n", s.n, all ? "" : " differ from what 'vmcs new' builds");
		return CMD_OK;
	case VMCS_SAVE_NO_L2:
		printf("error: vmcs save: the current VMCS was not made by 'vmcs new', so it has no defaults to compare with\n");
		break;
	case VMCS_SAVE_NO_MEMORY:
		printf("error: vmcs save: no page left for the scratch VMCS it compares with\n");
		break;
	case VMCS_SAVE_VMX_FAILED:
		print_vmx_error("vmcs save", r);
		break;
	}
	return CMD_FAIL;
}

CMD(vmcs_save, "vmcs save", "[all]", 0, 1, NEEDS_VMCS,
    "print the current VMCS as replayable vmwrite commands",
    "Prints one 'vmwrite FIELD VALUE' per guest-state or control field that differs\n"
    "from what 'vmcs new' builds for the same L2, or every such field with 'all'.\n"
    "Host-state fields (the monitor's own) and read-only fields are left out; so is\n"
    "the L2 program (use 'guest load' or 'guest code'). Paste the block after\n"
    "'vmxon' and 'vmcs new' to rebuild the state, here or on another L0.\n"
    "  ctl proc +RDTSC_EXITING; vmcs save\n"
    "  # vmcs save: replay after 'vmxon', 'vmcs new' and the same guest program\n"
    "  vmwrite CPU_BASED_VM_EXEC_CONTROL 0x00000000b6a99e8a\n"
    "  # 1 field(s) differ from what 'vmcs new' builds",
    cmd_vmcs_save);
