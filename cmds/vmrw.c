/* vmread / vmwrite of any field by name or encoding, and the field table. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"

static int cmd_vmread(int argc, char **argv)
{
	struct vmcs_field f;
	char label[32];
	uint64_t v;
	if (!parse_field(argv[0], &f))
		return CMD_FAIL;
	struct vmx_result r = vmx_read(f.encoding, &v);
	if (r.status != VMX_OK) {
		print_vmx_error("vmread", r);
		return CMD_FAIL;
	}
	printf("%s = 0x%016llx\n", vmcs_field_label(&f, label, sizeof(label)), (unsigned long long)v);
	return CMD_OK;
}

static int cmd_vmwrite(int argc, char **argv)
{
	struct vmcs_field f;
	char label[32];
	uint64_t v, back;
	if (!parse_field(argv[0], &f) || !parse_num("vmwrite", argv[1], &v))
		return CMD_FAIL;
	struct vmx_result r = vmx_write(f.encoding, v);
	if (r.status != VMX_OK) {
		print_vmx_error("vmwrite", r);
		return CMD_FAIL;
	}
	if (vmcs_enc_type(f.encoding) == VMCS_TYPE_HOST)
		printf("warning: host state is the monitor's own: a wrong value here can crash the monitor at the next VM exit ('vmcs host' restores it)\n");
	/* show what the field holds now: a CPU may drop unsupported bits */
	if (vmx_read(f.encoding, &back).status != VMX_OK)
		back = v;
	printf("%s = 0x%016llx\n", vmcs_field_label(&f, label, sizeof(label)), (unsigned long long)back);
	return CMD_OK;
}

static int cmd_vmcs_fields(int argc, char **argv)
{
	size_t n = vmcs_field_count(), shown = 0;
	for (size_t i = 0; i < n; i++) {
		const struct vmcs_field *f = vmcs_field_at(i);
		if (argc && strncasecmp(f->name, argv[0], strlen(argv[0])))
			continue;
		printf("%-36s 0x%04x %-7s %s %-9s %s\n", f->name, f->encoding,
		       vmcs_width_name(vmcs_enc_width(f->encoding)), vmcs_access_name(f->encoding),
		       vmcs_enc_group(f->encoding), f->desc);
		shown++;
	}
	printf("%u field(s)\n", (unsigned)shown);
	return CMD_OK;
}

CMD_ENTRY(vmcs_fields, "vmcs fields", "[PREFIX]", 0, 1, CMD_NEEDS_NOTHING, "the VMCS field table: name, encoding, width, access, group",
	  "  vmcs fields          every field of the SDM's appendix B\n"
	  "  vmcs fields GUEST_CR only the names starting with GUEST_CR",
	  cmd_vmcs_fields, complete_field);
CMD_ENTRY(vmread, "vmread", "FIELD", 1, 1, NEEDS_VMX, "VMREAD a field by name (any case) or encoding",
	  "  vmread GUEST_RIP      GUEST_RIP = 0x0000000000001000\n"
	  "  vmread 0x681e         the same field by encoding\n"
	  "  vmread VM_EXIT_REASON after an exit",
	  cmd_vmread, complete_field);
CMD_ENTRY(vmwrite, "vmwrite", "FIELD VALUE", 2, 2, NEEDS_VMX, "VMWRITE a field; prints what the field holds afterwards",
	  "  vmwrite GUEST_RIP 0x1000\n"
	  "  vmwrite VM_EXIT_REASON 0   error: VMfailValid(13): VMWRITE to read-only VMCS component",
	  cmd_vmwrite, complete_field);
