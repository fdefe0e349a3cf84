/* launch / resume / step / skip: run L2 and print the exit line. Ctrl-C
 * on the serial line stops an L2 that does not exit by itself. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/uart.h"
#include "../monitor/trap.h"
#include "../monitor/pic.h"
#include "../monitor/lapic.h"
#include "../monitor/cpu.h"
#include "../monitor/parse.h"
#include "../monitor/string.h"
#include "image_check.h"

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

/* The serial line during a run must not change its outcome: input is an
 * interrupt only when the plan polls with one (as IRQ 4 for external-
 * interrupt exiting, as an NMI for NMI exiting); otherwise the UART keeps
 * it in its FIFO, where the Ctrl-C check reads it. */
static bool route_input(const struct run_plan *p, bool nmi)
{
	if (nmi && p->method != POLL_NMI) {
		uart_rx_as_nmi(false);
		nmi = false;
	}
	if (p->method != POLL_EXTINT && !nmi)
		uart_rx_irq(false);
	return nmi;
}

static void restore_input(bool nmi)
{
	if (nmi)
		uart_rx_as_nmi(false);
	uart_rx_irq(true);
}

/* The user's "acknowledge interrupt on exit" took our serial IRQ from the
 * PIC during a polling exit: it is in service until an EOI. */
static void irq_acked(void *ctx, uint8_t vector)
{
	(void)ctx;
	if (vector >= PIC_VECTOR_BASE && vector < PIC_VECTOR_BASE + 16)
		pic_eoi(vector - PIC_VECTOR_BASE);
}

/* Chooses how the run polls, says when it enters as written, and routes
 * the serial line; false when the run must not start. */
static bool prepare(enum run_kind kind, struct run_plan *plan, bool *as_nmi)
{
	uart_take_interrupt_key(); /* a Ctrl-C typed at the prompt is old news */
	/* without a preemption timer, serial input may come as NMIs */
	bool nmi = vmx_run_wants_nmi() && !lapic_busy() && uart_rx_as_nmi(true);
	*plan = vmx_run_plan(kind, nmi);
	/* an armed APIC event is the user's: no interrupt may poll in its way */
	if (lapic_busy() && (plan->method == POLL_NMI || plan->method == POLL_EXTINT)) {
		plan->method = POLL_NONE;
		plan->as_written = "an APIC event is armed and there is no preemption timer to poll with";
	}
	if (plan->refused) {
		if (nmi)
			uart_rx_as_nmi(false);
		printf("error: %s: %s\n", run_names[kind], plan->refused);
		return false;
	}
	if (plan->as_written)
		printf("note: %s: the VMCS is entered as written (%s); Ctrl-C cannot stop an L2 that never exits\n",
		       run_names[kind], plan->as_written);
	*as_nmi = route_input(plan, nmi);
	return true;
}

static int run(enum run_kind kind, bool mov_ss)
{
	struct fault_jmp j;
	struct run_plan plan;
	bool as_nmi;
	if (!prepare(kind, &plan, &as_nmi))
		return CMD_FAIL;
	struct run_poll poll = { ctrl_c_pressed, irq_acked, 0, plan.method, mov_ss };
	if (fault_try(&j)) {
		lapic_fire_end();
		restore_input(as_nmi);
		report_host_fault(kind, &j.info);
		return CMD_FAIL;
	}
	irq_disable(); /* what the APIC fires stays pending until the entry */
	lapic_fire();
	struct vmx_exit e = vmx_run(kind, &poll);
	fault_end(&j);
	lapic_fire_end();
	restore_input(as_nmi);
	if (e.interrupted)
		uart_flush_input();
	print_exit_line(&e);
	image_check_report(run_names[kind]);
	return e.outcome == OUTCOME_VMFAIL || e.outcome == OUTCOME_ENTRY_FAILED ? CMD_FAIL : CMD_OK;
}

/* The optional word "movss": the entry right after a MOV to SS. */
static int run_words(enum run_kind kind, int argc, char **argv)
{
	if (argc == 1 && strcmp(argv[0], "movss"))
		return CMD_USAGE;
	return run(kind, argc == 1);
}

static int cmd_launch(int argc, char **argv)
{
	return run_words(RUN_LAUNCH, argc, argv);
}

static int cmd_resume(int argc, char **argv)
{
	return run_words(RUN_RESUME, argc, argv);
}

static int cmd_step(int argc, char **argv)
{
	return run(RUN_STEP, false);
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

static int cmd_exact(int argc, char **argv)
{
	if (argc == 1) {
		if (!strcmp(argv[0], "on"))
			vmx_run_set_exact(true);
		else if (!strcmp(argv[0], "off"))
			vmx_run_set_exact(false);
		else
			return CMD_USAGE;
	}
	if (vmx_run_exact())
		printf("exact: on: entries use the VMCS exactly as written; Ctrl-C cannot stop an L2 that never exits\n");
	else
		printf("exact: off: runs add a preemption timer (or NMI/interrupt exiting) to catch Ctrl-C, unless that bit could change an entry check\n");
	return CMD_OK;
}

CMD(launch, "launch", "[movss]", 0, 1, NEEDS_VMXON, "VMLAUNCH the current VMCS; prints the exit line",
    "  launch   VM-exit: HLT (12) qual=0x0000000000000000 rip=0x0000000000001000 len=1\n"
    "'launch movss' executes VMLAUNCH right after a MOV to SS, in its shadow:\n"
    "the SDM (26.1) says VMfailValid(26) before any other check.\n"
    "Failed entries print 'VM-entry failed: ...' with VMfailInvalid, VMfailValid(N)\n"
    "and its text, or the exit reason (INVALID_STATE (33), MSR_LOAD_FAIL (34), ...).\n"
    "Ctrl-C stops an L2 that spins (the preemption timer brings it back to look).",
    cmd_launch);
CMD(resume, "resume", "[movss]", 0, 1, NEEDS_VMXON, "VMRESUME the current VMCS; prints the exit line",
    "  skip; resume     continue after an instruction exit\n"
    "  resume movss     VMRESUME in a MOV-SS shadow: VMfailValid(26) (SDM 26.1)", cmd_resume);
CMD(step, "step", "", 0, 0, NEEDS_VMXON, "run one L2 instruction (monitor trap flag, else RFLAGS.TF + #DB)",
    "Says which method it used; VMLAUNCH when the VMCS is not launched yet.\n"
    "  step     step: monitor trap flag / VM-exit: MONITOR_TRAP_FLAG (37) ...",
    cmd_step);
CMD(skip, "skip", "", 0, 0, NEEDS_VMCS, "advance GUEST_RIP past the exiting instruction (VM_EXIT_INSTRUCTION_LEN)",
    "  skip     GUEST_RIP = 0x0000000000001004", cmd_skip);
CMD(exact, "exact", "[on|off]", 0, 1, CMD_NEEDS_NOTHING, "enter with the VMCS exactly as written: no polling controls added",
    "With exact on, launch/resume/step add nothing to the VMCS and route no input\n"
    "as interrupts: what the L0 checks and runs is what you wrote (for replays that\n"
    "must be exact). Ctrl-C then cannot stop an L2 that never exits by itself.\n"
    "With exact off (the default) a run adds the VMX-preemption timer (else NMI or\n"
    "external-interrupt exiting) to look for Ctrl-C, except where that bit takes\n"
    "part in an entry check the VMCS as written would fail; then it says so.\n"
    "  exact on     exact: on: entries use the VMCS exactly as written; ...\n"
    "  exact        shows the setting",
    cmd_exact);
