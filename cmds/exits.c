/* exit: the last exit decoded in full; exits: the history. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../vmx/decode.h"
#include "../vmx/exit_reason.h"
#include "../vmx/vm_error.h"

#define DECODE_MAX 200
#define EXIT_REASON_EXCEPTION_NMI 0
#define INTR_INFO_VALID (1u << 31)
#define INTR_INFO_ERROR_CODE (1u << 11)
#define INTR_INFO_VECTOR 0xffu
#define IO_QUAL_STRING (1u << 4)

static void print_intr(const char *label, uint32_t info, uint32_t err)
{
	char d[DECODE_MAX];
	vmx_decode_intr_info(info, d, sizeof(d));
	printf("%-15s 0x%08x  %s", label, info, d);
	if ((info & INTR_INFO_VALID) && (info & INTR_INFO_ERROR_CODE))
		printf(" (error code 0x%x)", err);
	printf("\n");
}

static void print_qual(const struct vmx_exit *e)
{
	char d[DECODE_MAX];
	if (e->basic == EXIT_REASON_EXCEPTION_NMI && e->outcome == OUTCOME_EXIT)
		vmx_decode_exception_qual(e->intr_info & INTR_INFO_VECTOR, e->qual, d, sizeof(d));
	else
		vmx_decode_qual(e->basic, e->outcome == OUTCOME_ENTRY_FAILED, e->qual, d, sizeof(d));
	printf("%-15s 0x%016llx  %s\n", "qualification", (unsigned long long)e->qual, d);
}

static void print_full(const struct vmx_exit *e)
{
	char d[DECODE_MAX];
	const struct exit_reason_info *ri = exit_reason_by_number(e->basic);
	vmx_decode_reason_flags(e->reason, d, sizeof(d));
	printf("%-15s 0x%08x  %s (%u): %s%s%s\n", "reason", e->reason, exit_reason_name(e->basic),
	       e->basic, ri ? ri->desc : "not defined by the SDM", *d ? "; " : "", d);
	print_qual(e);
	printf("%-15s 0x%016llx  length %u\n", "guest RIP", (unsigned long long)e->rip, e->len);
	vmx_decode_instr_info(e->basic, e->instr_info, d, sizeof(d));
	/* SDM 28.2.5: for I/O it is defined for INS/OUTS (string, bit 4) only */
	if (e->basic == EXIT_REASON_IO_INSTRUCTION && !(e->qual & IO_QUAL_STRING))
		d[0] = 0;
	if (*d)
		printf("%-15s 0x%08x  %s\n", "instr info", e->instr_info, d);
	print_intr("interruption", e->intr_info, e->intr_err);
	print_intr("idt-vectoring", e->idt_info, e->idt_err);
	printf("%-15s 0x%016llx\n", "guest linear", (unsigned long long)e->gla);
	printf("%-15s 0x%016llx\n", "guest physical", (unsigned long long)e->gpa);
}

static int cmd_exit(int argc, char **argv)
{
	(void)argv;
	if (argc)
		return CMD_USAGE;
	if (!need_vmx())
		return CMD_FAIL;
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
	printf("%-15s %llu TSC cycles from entry to exit\n", "cycles", (unsigned long long)e->cycles);
	return CMD_OK;
}

static void print_counts(const struct vmx_history *h)
{
	for (unsigned i = 0; i < EXIT_REASON_SLOTS; i++) {
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
	if (argc > 1)
		return CMD_USAGE;
	if (!need_vmx())
		return CMD_FAIL;
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

CMD(exit, "exit", "", "the last exit decoded in full: reason, qualification, interruption, addresses",
    "  exit     after launch/resume/step: every VM-exit information field, decoded\n"
    "           by the SDM's table for that exit reason",
    cmd_exit);
CMD(exits, "exits", "[clear]", "the exit history: counts per reason and the last 16 exit lines",
    "  exits          counts per exit reason, failed entries, last exits\n"
    "  exits clear    forget the history",
    cmd_exits);
