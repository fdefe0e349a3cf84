/* vmcs dump [GROUP]: every field of the table that the current VMCS
 * supports, grouped by the type its encoding gives (SDM 25.11.2), each as
 * `NAME = 0x...` with a decoded form where the field has one. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../vmx/field_decode.h"
#include "../vmx/vm_error.h"

#define DECODE_MAX 512

struct dump_state {
	struct vmx_field_ctx ctx;
	uint64_t vm_error; /* as it was before the dump's own VMREADs */
	unsigned shown, unsupported;
};

/* A VMREAD of an unsupported field fails with VMfailValid(12), and that
 * overwrites VM_INSTRUCTION_ERROR (SDM 31.2): the dump shows the value it
 * found and puts it back where VMWRITE may (IA32_VMX_MISC bit 29). */
static void restore_vm_error(uint64_t saved)
{
	uint64_t now;
	if (vmx_read(VM_INSTRUCTION_ERROR, &now).status != VMX_OK || now == saved)
		return;
	if (vmx_write(VM_INSTRUCTION_ERROR, saved).status != VMX_OK)
		printf("note: the VMREADs of unsupported fields left VM_INSTRUCTION_ERROR = %llu (it was %llu)\n",
		       (unsigned long long)now, (unsigned long long)saved);
}

/* The fields of one type; false (error printed) when a VMREAD fails for
 * another reason than an unsupported component. */
static bool dump_type(enum vmcs_type t, struct dump_state *st)
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
		if (f->encoding == VM_INSTRUCTION_ERROR && r.status == VMX_OK)
			v = st->vm_error;
		if (r.status == VMX_FAIL_VALID && r.error == VMXERR_UNSUPPORTED_VMCS_COMPONENT) {
			st->unsupported++;
			continue;
		}
		if (r.status != VMX_OK) {
			char what[64];
			fmt_snprintf(what, sizeof(what), "vmcs dump: VMREAD %s", f->name);
			print_vmx_error(what, r);
			return false;
		}
		vmx_field_decode(f->encoding, v, &st->ctx, d, sizeof(d));
		printf("%s = 0x%016llx%s%s\n", f->name, (unsigned long long)v, d[0] ? "  # " : "", d);
		st->shown++;
	}
	return true;
}

static int cmd_vmcs_dump(int argc, char **argv)
{
	enum vmcs_type only = VMCS_TYPE_CONTROL;
	struct dump_state st = { { 0, 0, 0 }, 0, 0, 0 };
	uint64_t v;
	bool ok = true;
	if (argc && !vmcs_group_parse(argv[0], &only)) {
		printf("error: vmcs dump: unknown group '%s' (control, exit-info, guest, host)\n", argv[0]);
		return CMD_FAIL;
	}
	/* first, before a failing VMREAD changes it */
	if (vmx_read(VM_INSTRUCTION_ERROR, &st.vm_error).status != VMX_OK)
		st.vm_error = 0;
	/* the exit qualification and instruction information depend on these
	 * (a VMREAD that fails gives 0) */
	vmx_read(VM_EXIT_REASON, &v);
	st.ctx.exit_reason = (uint32_t)v;
	vmx_read(VM_EXIT_INTR_INFO, &v);
	st.ctx.exit_intr_info = (uint32_t)v;
	vmx_read(EXIT_QUALIFICATION, &st.ctx.exit_qual);
	for (int t = 0; t < VMCS_TYPE_COUNT && ok; t++)
		if (!argc || (enum vmcs_type)t == only)
			ok = dump_type((enum vmcs_type)t, &st);
	restore_vm_error(st.vm_error);
	if (!ok)
		return CMD_FAIL;
	printf("%u field(s) shown, %u not supported by this VMCS (VMfailValid(%u)) skipped\n", st.shown,
	       st.unsupported, VMXERR_UNSUPPORTED_VMCS_COMPONENT);
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

CMD_ENTRY(vmcs_dump, "vmcs dump", "[GROUP]", 0, 1, NEEDS_VMCS, "every field of the current VMCS, grouped and decoded",
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
