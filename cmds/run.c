/* launch / resume / step / skip: run L2 and print the exit line. Ctrl-C
 * on the serial line stops an L2 that does not exit by itself. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/uart.h"
#include "../monitor/trap.h"

static bool ctrl_c_pressed(void *ctx)
{
	(void)ctx;
	return uart_take_interrupt_key();
}

static const char *const run_names[] = { "launch", "resume", "step" };

/* A fault here can only come after a VM exit, at a HOST_RIP or with a host
 * state the user changed: report it, and give the serial line back. */
static void report_host_fault(enum run_kind kind, const struct fault_info *f)
{
	char d[160];
	trap_describe(f, d, sizeof(d));
	printf("error: %s: %s after the VM exit: the host-state area is wrong ('vmcs host' restores it)\n",
	       run_names[kind], d);
}

static int run(enum run_kind kind)
{
	struct fault_jmp j;
	uart_take_interrupt_key(); /* a Ctrl-C typed at the prompt is old news */
	/* without a preemption timer, serial input comes as NMIs during the run */
	bool nmi = vmx_run_wants_nmi() && uart_rx_as_nmi(true);
	struct run_poll poll = { ctrl_c_pressed, 0, nmi };
	if (fault_try(&j)) {
		if (nmi)
			uart_rx_as_nmi(false);
		report_host_fault(kind, &j.info);
		return CMD_FAIL;
	}
	struct vmx_exit e = vmx_run(kind, &poll);
	fault_end(&j);
	if (nmi)
		uart_rx_as_nmi(false);
	if (e.interrupted)
		uart_flush_input();
	print_exit_line(&e);
	return e.outcome == OUTCOME_VMFAIL || e.outcome == OUTCOME_ENTRY_FAILED ? CMD_FAIL : CMD_OK;
}

static int cmd_launch(int argc, char **argv)
{
	return run(RUN_LAUNCH);
}

static int cmd_resume(int argc, char **argv)
{
	return run(RUN_RESUME);
}

static int cmd_step(int argc, char **argv)
{
	return run(RUN_STEP);
}

static int cmd_skip(int argc, char **argv)
{
	uint64_t rip;
	struct vmx_result r = vmx_skip_instruction(&rip);
	if (r.status != VMX_OK) {
		print_vmx_error("skip", r);
		return CMD_FAIL;
	}
	printf("GUEST_RIP = 0x%016llx\n", (unsigned long long)rip);
	return CMD_OK;
}

CMD(launch, "launch", "", 0, 0, NEEDS_VMXON, "VMLAUNCH the current VMCS; prints the exit line",
    "  launch   VM-exit: HLT (12) qual=0x0000000000000000 rip=0x0000000000001000 len=1\n"
    "Failed entries print 'VM-entry failed: ...' with VMfailInvalid, VMfailValid(N)\n"
    "and its text, or the exit reason (INVALID_STATE (33), MSR_LOAD_FAIL (34), ...).\n"
    "Ctrl-C stops an L2 that spins (the preemption timer brings it back to look).",
    cmd_launch);
CMD(resume, "resume", "", 0, 0, NEEDS_VMXON, "VMRESUME the current VMCS; prints the exit line",
    "  skip; resume     continue after an instruction exit", cmd_resume);
CMD(step, "step", "", 0, 0, NEEDS_VMXON, "run one L2 instruction (monitor trap flag, else RFLAGS.TF + #DB)",
    "Says which method it used; VMLAUNCH when the VMCS is not launched yet.\n"
    "  step     step: monitor trap flag / VM-exit: MONITOR_TRAP_FLAG (37) ...",
    cmd_step);
CMD(skip, "skip", "", 0, 0, NEEDS_VMCS, "advance GUEST_RIP past the exiting instruction (VM_EXIT_INSTRUCTION_LEN)",
    "  skip     GUEST_RIP = 0x0000000000001004", cmd_skip);
