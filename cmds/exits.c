/* exit: the last exit decoded in full; exits: the history. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../vmx/decode.h"
#include "../vmx/exit_reason.h"
#include "../vmx/intr_info.h"
#include "../vmx/vm_error.h"
#include "event_common.h"

#define DECODE_MAX 200

static void print_intr(const char *label, uint32_t info, uint32_t err)
{
	char d[DECODE_MAX];
	vmx_decode_intr_info(info, d, sizeof(d));
	printf("%-15s 0x%08x  %s", label, info, d);
	if (intr_info_valid(info) && (info & INTR_INFO_DELIVER_CODE_MASK))
		printf(" (error code 0x%x)", err);
	printf("\n");
}

static void print_qual(const struct vmx_exit *e)
{
	char d[DECODE_MAX];
	vmx_decode_qual(e->reason, e->intr_info, e->qual, d, sizeof(d));
	printf("%-15s 0x%016llx  %s\n", "qualification", (unsigned long long)e->qual, d);
}

static void print_full(const struct vmx_exit *e)
{
	char d[DECODE_MAX];
	const struct exit_reason_info *ri = exit_reason_by_number(e->basic);
	exit_reason_flags(e->reason, d, sizeof(d));
	printf("%-15s 0x%08x  %s (%u): %s%s%s\n", "reason", e->reason, exit_reason_name(e->basic),
	       e->basic, ri ? ri->desc : "not defined by the SDM", *d ? "; " : "", d);
	print_qual(e);
	printf("%-15s 0x%016llx  length %u\n", "guest RIP", (unsigned long long)e->rip, e->len);
	vmx_decode_instr_info(e->basic, e->qual, e->instr_info, d, sizeof(d));
	if (*d)
		printf("%-15s 0x%08x  %s\n", "instr info", e->instr_info, d);
	print_intr("interruption", e->intr_info, e->intr_err);
	print_intr("idt-vectoring", e->idt_info, e->idt_err);
	printf("%-15s 0x%016llx\n", "guest linear", (unsigned long long)e->gla);
	printf("%-15s 0x%016llx\n", "guest physical", (unsigned long long)e->gpa);
}

static int cmd_exit(int argc, char **argv)
{
	const struct vmx_exit *e = vmx_last_exit();
	if (!e) {
		printf("error: exit: no VM entry yet (launch first)\n");
		return CMD_FAIL;
	}
	print_exit_line(e);
	if (e->outcome == OUTCOME_VMFAIL) {
		if (e->fail.status == VMX_FAIL_VALID)
			printf("%-15s %u: %s\n", "VM-instr error", e->fail.error, vm_error_text(e->fail.error));
		else
			printf("VMfailInvalid: no valid current VMCS, nothing else was recorded\n");
		return CMD_OK;
	}
	print_full(e);
	print_l2_event(e);
	printf("%-15s %llu TSC cycles from entry to exit\n", "cycles", (unsigned long long)e->cycles);
	return CMD_OK;
}

static void print_counts(const struct vmx_history *h)
{
	for (unsigned i = 0; i < HISTORY_REASONS; i++) {
		if (h->count[i])
			printf("  %-28s %u\n", exit_reason_name(i), h->count[i]);
		if (h->entry_failed[i])
			printf("  entry failed: %-14s %u\n", exit_reason_name(i), h->entry_failed[i]);
	}
	if (h->vmfail_valid)
		printf("  %-28s %u\n", "VMfailValid", h->vmfail_valid);
	if (h->vmfail_invalid)
		printf("  %-28s %u\n", "VMfailInvalid", h->vmfail_invalid);
}

static int cmd_exits(int argc, char **argv)
{
	if (argc == 1) {
		if (strcmp(argv[0], "clear"))
			return CMD_USAGE;
		vmx_history_clear();
		printf("exit history cleared\n");
		return CMD_OK;
	}
	const struct vmx_history *h = vmx_history();
	printf("%u VM entr%s:\n", h->total, h->total == 1 ? "y" : "ies");
	print_counts(h);
	unsigned n = h->total < HISTORY_RING ? h->total : HISTORY_RING;
	if (n)
		printf("last %u:\n", n);
	for (unsigned i = 0; i < n; i++)
		print_exit_line(&h->ring[(h->ring_next - n + i) % HISTORY_RING]);
	return CMD_OK;
}

CMD(exit, "exit", "", 0, 0, NEEDS_VMX, "the last exit decoded in full: reason, qualification, interruption, addresses",
    "  exit     after launch/resume/step: every VM-exit information field, decoded\n"
    "           by the SDM's table for that exit reason",
    cmd_exit);
CMD(exits, "exits", "[clear]", 0, 1, NEEDS_VMX, "the exit history: counts per reason and the last 16 exit lines",
    "  exits          counts per exit reason, failed entries, last exits\n"
    "  exits clear    forget the history",
    cmd_exits);
