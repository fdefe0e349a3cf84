/* The needs of the VMX commands, and their shared parsing and printing. */
#include "vmx_common.h"
#include "../monitor/printf.h"
#include "../monitor/exception.h"
#include "../vmx/exit_reason.h"
#include "../vmx/features.h"
#include "../vmx/vm_error.h"

static const char *no_vmx(void)
{
	return vmx_cpu_has_vmx() ? NULL : "this CPU has no VMX (CPUID.1:ECX.VMX[bit 5] = 0)";
}

static const char *no_vmxon(void)
{
	const char *why = no_vmx();
	return why ? why : vmx_is_on() ? NULL : "not in VMX operation (run vmxon first)";
}

static const char *no_vmcs(void)
{
	const char *why = no_vmxon();
	return why ? why : vmcs_current() ? NULL : "no current VMCS (run vmcs new or vmptrld ADDR)";
}

const struct cmd_need cmd_need_vmx = { "a CPU with VMX", no_vmx };
const struct cmd_need cmd_need_vmxon = { "VMX operation", no_vmxon };
const struct cmd_need cmd_need_vmcs = { "a current VMCS", no_vmcs };

void print_vmx_error(const char *what, struct vmx_result r)
{
	switch (r.status) {
	case VMX_OK:
		break;
	case VMX_FAIL_INVALID:
		printf("error: VMfailInvalid: %s failed with no valid current VMCS (or a bad operand)\n", what);
		break;
	case VMX_FAIL_VALID: {
		/* the contract's form (design.md): the command is the one just typed */
		char d[160];
		vm_error_format(r.error, d, sizeof(d));
		printf("error: %s\n", d);
		break;
	}
	case VMX_FAULT: {
		char d[160];
		trap_describe(&r.fault, d, sizeof(d));
		printf("error: %s: %s%s\n", what, d,
		       r.fault.vector == EXC_UD && !vmx_is_on() ? " (not in VMX operation: run vmxon first)" : "");
		break;
	}
	}
}

void print_exit_line(const struct vmx_exit *e)
{
	if (e->interrupted)
		printf("interrupted: Ctrl-C stopped L2 (after %u polling exits)\n", e->auto_resumes);
	if (e->step == STEP_MTF)
		printf("step: monitor trap flag\n");
	else if (e->step == STEP_TF)
		printf("step: RFLAGS.TF with #DB intercepted (no monitor trap flag on this CPU)\n");
	if (e->step_lost)
		printf("step: no single-step exit came before the monitor's polling exit: the L0 did not deliver it\n");
	char line[200];
	if (exit_line_format(e, line, sizeof(line)))
		printf("%s\n", line);
}

bool exit_line_format(const struct vmx_exit *e, char *buf, size_t size)
{
	char d[160];
	switch (e->outcome) {
	case OUTCOME_VMFAIL:
		if (e->fail.status == VMX_FAIL_INVALID)
			fmt_snprintf(d, sizeof(d), "VMfailInvalid");
		else
			vm_error_format(e->fail.error, d, sizeof(d));
		fmt_snprintf(buf, size, "VM-entry failed: %s", d);
		return true;
	case OUTCOME_ENTRY_FAILED:
		exit_reason_label(e->basic, d, sizeof(d));
		fmt_snprintf(buf, size, "VM-entry failed: %s qual=0x%016llx", d, (unsigned long long)e->qual);
		return true;
	case OUTCOME_EXIT:
		exit_reason_label(e->basic, d, sizeof(d));
		fmt_snprintf(buf, size, "VM-exit: %s qual=0x%016llx rip=0x%016llx len=%u", d,
			     (unsigned long long)e->qual, (unsigned long long)e->rip, e->len);
		return true;
	case OUTCOME_VMX_OFF: /* the command's need rules it out */
		break;
	}
	return false;
}

bool parse_field(const char *s, struct vmcs_field *f)
{
	enum vmcs_parse p = vmcs_field_parse(s, f);
	if (p == VMCS_PARSE_BAD) {
		printf("error: unknown VMCS field '%s' (a name from 'vmcs fields', or an encoding such as 0x681e)\n", s);
		return false;
	}
	/* used anyway: what the L0 makes of it is worth seeing */
	if (p == VMCS_PARSE_RAW && !vmcs_enc_well_formed(f->encoding))
		printf("warning: 0x%x is not a well-formed encoding (SDM 25.11.2: bits 31:15 and 12 are 0, only 64-bit fields have a high half): expect VMfailValid(%u)\n",
		       f->encoding, VMXERR_UNSUPPORTED_VMCS_COMPONENT);
	return true;
}

void complete_field(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	if (argi == 0)
		vmcs_field_complete(prefix, add, ctx);
}
