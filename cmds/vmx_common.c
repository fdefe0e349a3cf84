/* Shared printing for the VMX commands. */
#include "vmx_common.h"
#include "../monitor/parse.h"
#include "../monitor/printf.h"
#include "../vmx/exit_reason.h"
#include "../vmx/features.h"
#include "../vmx/vm_error.h"

#define UD_VECTOR 6

bool need_vmx(void)
{
	if (vmx_cpu_has_vmx())
		return true;
	printf("error: this CPU has no VMX (CPUID.1:ECX.VMX[bit 5] = 0)\n");
	return false;
}

bool need_vmx_on(void)
{
	if (!need_vmx())
		return false;
	if (!vmx_is_on()) {
		printf("error: not in VMX operation (run vmxon first)\n");
		return false;
	}
	return true;
}

struct vmcs_obj *need_current(void)
{
	if (!need_vmx_on())
		return NULL;
	struct vmcs_obj *v = vmcs_current();
	if (!v)
		printf("error: no current VMCS (run vmcs new or vmptrld ADDR)\n");
	return v;
}

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
		if (r.fault.vector < 0) {
			printf("error: %s: no memory left for it\n", what);
			break;
		}
		trap_describe(&r.fault, d, sizeof(d));
		printf("error: %s: %s%s\n", what, d,
		       r.fault.vector == UD_VECTOR && !vmx_is_on() ? " (not in VMX operation: run vmxon first)" : "");
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
	case OUTCOME_NO_VMCS:
		break;
	}
	return false;
}

bool parse_field(const char *s, struct vmcs_field *f)
{
	if (vmcs_field_parse(s, f) != VMCS_PARSE_BAD)
		return true;
	printf("error: unknown VMCS field '%s' (a name from 'vmcs fields', or an encoding such as 0x681e)\n", s);
	return false;
}

bool parse_num(const char *cmd, const char *s, uint64_t *v)
{
	if (parse_u64(s, v))
		return true;
	printf("error: %s: bad number '%s' (decimal or 0x-prefixed hex)\n", cmd, s);
	return false;
}

void complete_field(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	if (argi == 0)
		vmcs_field_complete(prefix, add, ctx);
}
