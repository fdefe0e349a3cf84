/* vmcs dump [GROUP]: every field of the table that the current VMCS
 * supports, grouped by the type its encoding gives (SDM 25.11.2), each as
 * `NAME = 0x...` with a decoded form where the field has one. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../vmx/dump.h"

#define DECODE_MAX 512
#define VM_ERROR_UNSUPPORTED 12 /* SDM 31.4: unsupported VMCS component */

struct dump_count {
	unsigned shown, unsupported;
};

/* The fields of one type; false (error printed) when a VMREAD fails for
 * another reason than an unsupported component. */
static bool dump_type(enum vmcs_type t, const struct vmx_field_ctx *ctx, struct dump_count *n)
{
	char d[DECODE_MAX];
	printf("[%s]\n", vmcs_type_name(t));
	for (size_t i = 0; i < vmcs_field_count(); i++) {
		const struct vmcs_field *f = vmcs_field_at(i);
		uint64_t v;
		/* the full access of a 64-bit field already shows its high half */
		if (vmcs_enc_type(f->encoding) != t || vmcs_enc_is_high(f->encoding))
			continue;
		struct vmx_result r = vmx_read(f->encoding, &v);
		if (r.status == VMX_FAIL_VALID && r.error == VM_ERROR_UNSUPPORTED) {
			n->unsupported++;
			continue;
		}
		if (r.status != VMX_OK) {
			char what[64];
			fmt_snprintf(what, sizeof(what), "vmcs dump: VMREAD %s", f->name);
			print_vmx_error(what, r);
			return false;
		}
		vmx_field_decode(f->encoding, v, ctx, d, sizeof(d));
		printf("%s = 0x%016llx%s%s\n", f->name, (unsigned long long)v, d[0] ? "  # " : "", d);
		n->shown++;
	}
	return true;
}

static int cmd_vmcs_dump(int argc, char **argv)
{
	enum vmcs_type only = VMCS_TYPE_CONTROL;
	struct vmx_field_ctx ctx;
	struct dump_count n = { 0, 0 };
	uint64_t reason, intr;
	if (argc > 1)
		return CMD_USAGE;
	if (argc && !vmcs_group_parse(argv[0], &only)) {
		printf("error: vmcs dump: unknown group '%s' (control, exit-info, guest, host)\n", argv[0]);
		return CMD_FAIL;
	}
	if (!need_current())
		return CMD_FAIL;
	/* the exit qualification and instruction information depend on these */
	if (vmx_read(VM_EXIT_REASON, &reason).status != VMX_OK)
		reason = 0;
	if (vmx_read(VM_EXIT_INTR_INFO, &intr).status != VMX_OK)
		intr = 0;
	ctx.exit_reason = (uint32_t)reason;
	ctx.exit_intr_info = (uint32_t)intr;
	for (int t = 0; t < VMCS_TYPE_COUNT; t++) {
		if (argc && (enum vmcs_type)t != only)
			continue;
		if (!dump_type((enum vmcs_type)t, &ctx, &n))
			return CMD_FAIL;
	}
	printf("%u field(s) shown, %u not supported by this VMCS (VMfailValid(12)) skipped\n", n.shown,
	       n.unsupported);
	return CMD_OK;
}

static void complete_group(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	if (argi != 0)
		return;
	for (int t = 0; t < VMCS_TYPE_COUNT; t++) {
		const char *name = vmcs_type_name((enum vmcs_type)t);
		if (!strncasecmp(prefix, name, strlen(prefix)))
			add(ctx, name);
	}
}

CMD_ENTRY(vmcs_dump, "vmcs dump", "[GROUP]", "every field of the current VMCS, grouped and decoded",
	  "GROUP is control, exit-info (or exit), guest or host; without it all four.\n"
	  "Every field of the table is read; the ones this CPU's VMCS does not have\n"
	  "(VMREAD fails with VMfailValid(12)) are skipped and counted at the end. The\n"
	  "_HIGH halves are left out: the full field shows all 64 bits. Control fields,\n"
	  "segment access rights, interruption information, activity and\n"
	  "interruptibility state, pending debug exceptions, exit reason, exit\n"
	  "qualification and VM-instruction error are decoded after '# '.\n"
	  "  vmcs dump             [control] ... [exit-info] ... [guest] ... [host] ...\n"
	  "  vmcs dump control     PIN_BASED_VM_EXEC_CONTROL = 0x0000000000000016  # bit 1, bit 2, bit 4\n"
	  "  vmcs dump exit        VM_EXIT_REASON = 0x000000000000000c  # HLT (12)\n"
	  "  vmcs dump guest       GUEST_CS_AR_BYTES = 0x000000000000a09b  # code exec/read accessed, DPL 0, P, L, G",
	  cmd_vmcs_dump, complete_group);
