/* The run loop. L2 runs with host interrupts off; when the CPU has the VMX
 * preemption timer and the user has not armed it, the loop arms it
 * behind the scenes so that an L2 that spins still comes back every few
 * milliseconds to ask whether to stop (l0-bochs.md: external-interrupt
 * exits are unreliable on Bochs). The user's control values are restored
 * before the exit is reported. */
#include "run.h"
#include "entry.h"
#include "exit_reason.h"
#include "intr_info.h"
#include "vmx.h"
#include "vmcs_field.h"
#include "../monitor/cpu.h"
#include "../monitor/exception.h"
#include "../monitor/string.h"

#define INTR_BLOCK_NMI (1ull << 3) /* SDM 25.4.2 interruptibility state */
#define POLL_TSC_TICKS 4000000ull /* between two looks for Ctrl-C */
#define MISC_TIMER_RATE_MASK 0x1f

_Static_assert(ENTRY_HOST_RSP == HOST_RSP, "entry.h: ENTRY_HOST_RSP is not HOST_RSP");

/* VMREAD and VMWRITE for the run path only: VMX is on and a VMCS is
 * current (the command's precondition and vmx_run check that), so no
 * fault region is set up for every access; a failed VMREAD gives 0.
 * Everything else uses vmx_read/vmx_write. */
static inline uint64_t vmcs_peek(uint64_t enc)
{
	uint64_t v = 0;
	__asm__ volatile("vmread %1, %0" : "+r"(v) : "r"(enc) : "cc");
	return v;
}

static inline void vmcs_poke(uint64_t enc, uint64_t val)
{
	__asm__ volatile("vmwrite %1, %0" ::"r"(enc), "r"(val) : "cc");
}

static struct vmx_history hist;
static struct vmx_exit last;
static bool have_last;
/* Without a current VMCS the instructions still run, so the user sees the
 * SDM's VMfailInvalid; their registers go to this scratch area. */
static struct vmcs_obj no_vmcs;

const struct vmx_history *vmx_history(void) { return &hist; }
void vmx_history_clear(void) { memset(&hist, 0, sizeof(hist)); }

unsigned vmx_history_forget(void)
{
	unsigned n = hist.total;
	vmx_history_clear();
	memset(&last, 0, sizeof(last));
	have_last = false;
	memset(&no_vmcs, 0, sizeof(no_vmcs));
	return n;
}
const struct vmx_exit *vmx_last_exit(void) { return have_last ? &last : NULL; }

static void read_exit(struct vmx_exit *e, bool ept)
{
	e->reason = (uint32_t)vmcs_peek(VM_EXIT_REASON);
	e->basic = (uint16_t)e->reason;
	e->outcome = (e->reason & EXIT_FLAG_ENTRY_FAILURE) ? OUTCOME_ENTRY_FAILED : OUTCOME_EXIT;
	e->qual = vmcs_peek(EXIT_QUALIFICATION);
	e->rip = vmcs_peek(GUEST_RIP);
	e->len = (uint32_t)vmcs_peek(VM_EXIT_INSTRUCTION_LEN);
	e->intr_info = (uint32_t)vmcs_peek(VM_EXIT_INTR_INFO);
	e->intr_err = (uint32_t)vmcs_peek(VM_EXIT_INTR_ERROR_CODE);
	e->idt_info = (uint32_t)vmcs_peek(IDT_VECTORING_INFO_FIELD);
	e->idt_err = (uint32_t)vmcs_peek(IDT_VECTORING_ERROR_CODE);
	e->instr_info = (uint32_t)vmcs_peek(VMX_INSTRUCTION_INFO);
	e->gla = vmcs_peek(GUEST_LINEAR_ADDRESS);
	e->gpa = ept ? vmcs_peek(GUEST_PHYSICAL_ADDRESS) : 0;
}

static void record(const struct vmx_exit *e)
{
	last = *e;
	have_last = true;
	hist.total++;
	if (e->outcome == OUTCOME_VMFAIL) {
		if (e->fail.status == VMX_FAIL_VALID)
			hist.vmfail_valid++;
		else
			hist.vmfail_invalid++;
	} else if (e->basic < HISTORY_REASONS) {
		if (e->outcome == OUTCOME_ENTRY_FAILED)
			hist.entry_failed[e->basic]++;
		else
			hist.count[e->basic]++;
	}
	hist.ring[hist.ring_next++ % HISTORY_RING] = *e;
}

/* What the loop changed behind the user's back, to put back afterwards. */
struct run_saved {
	uint64_t pin, timer, proc, rflags, excbitmap, intr_state;
	bool poll_timer, poll_extint, poll_nmi, step_mtf, step_tf;
};

/* Every run polls, a step too (an L0 may never deliver the step's exit),
 * by the method vmx_run_plan chose: it only adds a bit whose entry checks
 * cannot change the outcome. */
static void arm_polling(struct run_saved *s, const struct run_poll *poll)
{
	uint64_t add = 0;
	s->pin = vmcs_peek(PIN_BASED_VM_EXEC_CONTROL);
	s->intr_state = vmcs_peek(GUEST_INTERRUPTIBILITY_INFO);
	switch (poll->method) {
	case POLL_TIMER:
		s->poll_timer = true;
		s->timer = vmcs_peek(VMX_PREEMPTION_TIMER_VALUE);
		add = CTL_MASK(PIN, VMX_PREEMPTION_TIMER);
		break;
	case POLL_NMI:
		/* as an NMI, input exits whatever L2's RFLAGS.IF (SDM 26.2);
		 * Bochs takes no external-interrupt exit while IF=0 */
		s->poll_nmi = true;
		add = CTL_MASK(PIN, NMI_EXITING);
		break;
	case POLL_EXTINT:
		s->poll_extint = true;
		add = CTL_MASK(PIN, EXT_INTR_MASK);
		break;
	case POLL_NONE:
		return;
	}
	if ((s->pin | add) != s->pin)
		vmcs_poke(PIN_BASED_VM_EXEC_CONTROL, s->pin | add);
}

static void arm_step(struct run_saved *s)
{
	const struct vmx_caps *c = vmx_caps();
	s->proc = vmcs_peek(CPU_BASED_VM_EXEC_CONTROL);
	if (vmx_ctl_allowed1(c, CTL_KIND_PROC, CTL_PROC_MONITOR_TRAP_FLAG)) {
		s->step_mtf = !(s->proc & CTL_MASK(PROC, MONITOR_TRAP_FLAG));
		vmcs_poke(CPU_BASED_VM_EXEC_CONTROL, s->proc | CTL_MASK(PROC, MONITOR_TRAP_FLAG));
		return;
	}
	/* SDM 17.3.1.4: with RFLAGS.TF set, a #DB trap follows the next
	 * instruction; the exception bitmap turns it into a VM exit. */
	s->step_tf = true;
	s->rflags = vmcs_peek(GUEST_RFLAGS);
	s->excbitmap = vmcs_peek(EXCEPTION_BITMAP);
	vmcs_poke(GUEST_RFLAGS, s->rflags | RFLAGS_TF);
	vmcs_poke(EXCEPTION_BITMAP, s->excbitmap | (1ull << EXC_DB));
}

static void restore(const struct run_saved *s)
{
	if (s->poll_timer || s->poll_extint || s->poll_nmi)
		vmcs_poke(PIN_BASED_VM_EXEC_CONTROL, s->pin);
	if (s->poll_timer)
		vmcs_poke(VMX_PREEMPTION_TIMER_VALUE, s->timer);
	if (s->step_mtf)
		vmcs_poke(CPU_BASED_VM_EXEC_CONTROL, s->proc);
	if (s->step_tf) {
		uint64_t fl = vmcs_peek(GUEST_RFLAGS);
		vmcs_poke(GUEST_RFLAGS, (fl & ~RFLAGS_TF) | (s->rflags & RFLAGS_TF));
		vmcs_poke(EXCEPTION_BITMAP, s->excbitmap);
		uint64_t pd = vmcs_peek(GUEST_PENDING_DBG_EXCEPTIONS);
		vmcs_poke(GUEST_PENDING_DBG_EXCEPTIONS, pd & ~DR6_BS);
	}
}

static uint64_t poll_timer_value(void)
{
	return POLL_TSC_TICKS >> (vmx_caps()->misc & MISC_TIMER_RATE_MASK);
}

/* After one of our NMI exits: the NMI blocks further NMIs in the host, not
 * in L2 (SDM 28.1). Bochs saves blocking by NMI into L2's interruptibility
 * state as well, which would hold every later NMI pending: put L2's bit
 * back as it was before the run. */
static void nmi_exit_cleanup(const struct run_saved *s)
{
	nmi_unblock();
	uint64_t st = vmcs_peek(GUEST_INTERRUPTIBILITY_INFO);
	if ((st & INTR_BLOCK_NMI) && !(s->intr_state & INTR_BLOCK_NMI))
		vmcs_poke(GUEST_INTERRUPTIBILITY_INFO, st & ~INTR_BLOCK_NMI);
}

/* True when this exit was one of the loop's own polling exits. */
static bool is_poll_exit(const struct run_saved *s, const struct vmx_exit *e)
{
	if (e->outcome != OUTCOME_EXIT)
		return false;
	return (s->poll_timer && e->basic == EXIT_REASON_PREEMPTION_TIMER) ||
	       (s->poll_extint && e->basic == EXIT_REASON_EXTERNAL_INTERRUPT) ||
	       (s->poll_nmi && e->basic == EXIT_REASON_EXCEPTION_NMI &&
		(e->intr_info & INTR_INFO_EVENT_MASK) == intr_info_make(INTR_TYPE_NMI_INTR, EXC_NMI));
}

/* One VMLAUNCH or VMRESUME, interrupts off around it. */
static void enter_once(struct vmcs_obj *v, bool launch, bool mov_ss, struct vmx_exit *e)
{
	irq_disable();
	uint64_t t0 = rdtsc();
	int r = vmx_enter(&v->gprs, (launch ? ENTER_LAUNCH : 0) | (mov_ss ? ENTER_MOV_SS : 0));
	e->cycles = rdtsc() - t0;
	if (r == 0) {
		read_exit(e, v->l2.ept);
		if (launch && e->outcome == OUTCOME_EXIT)
			v->launched = true;
	} else {
		e->outcome = OUTCOME_VMFAIL;
		e->fail.status = r == 1 ? VMX_FAIL_INVALID : VMX_FAIL_VALID;
		e->fail.error = r == 1 ? 0 : (uint32_t)vmcs_peek(VM_INSTRUCTION_ERROR);
	}
	/* let a pending serial interrupt in, then carry on with them off */
	__asm__ volatile("sti; nop; cli" ::: "memory");
}

struct vmx_exit vmx_run(enum run_kind kind, const struct run_poll *poll)
{
	struct vmx_exit e;
	struct run_saved s;
	struct vmcs_obj *v = vmcs_current();
	memset(&e, 0, sizeof(e));
	memset(&s, 0, sizeof(s));
	if (!vmx_is_on()) {
		e.outcome = OUTCOME_VMX_OFF;
		return e;
	}
	bool launch = kind == RUN_LAUNCH || (kind == RUN_STEP && v && !v->launched);
	if (v) {
		arm_polling(&s, poll);
		if (kind == RUN_STEP)
			arm_step(&s);
	} else {
		v = &no_vmcs;
	}
	for (;;) {
		if (s.poll_timer)
			vmcs_poke(VMX_PREEMPTION_TIMER_VALUE, poll_timer_value());
		enter_once(v, launch, poll->mov_ss, &e);
		if (!is_poll_exit(&s, &e))
			break;
		if (kind == RUN_STEP) {
			e.step_lost = true; /* a poll came before the single-step exit */
			break;
		}
		if (s.poll_nmi)
			nmi_exit_cleanup(&s);
		if (s.poll_extint && (e.intr_info & INTR_INFO_VALID_MASK) && poll->acked)
			poll->acked(poll->ctx, (uint8_t)e.intr_info);
		if (poll->stop && poll->stop(poll->ctx)) {
			e.interrupted = true;
			break;
		}
		e.auto_resumes++;
		launch = false;
	}
	restore(&s);
	irq_enable();
	e.step = kind != RUN_STEP ? STEP_NONE : s.step_tf ? STEP_TF : STEP_MTF;
	record(&e);
	return e;
}

struct vmx_result vmx_skip_instruction(uint64_t *new_rip)
{
	uint64_t rip, len;
	struct vmx_result r = vmx_read(GUEST_RIP, &rip);
	if (r.status == VMX_OK)
		r = vmx_read(VM_EXIT_INSTRUCTION_LEN, &len);
	if (r.status == VMX_OK)
		r = vmx_write(GUEST_RIP, rip + len);
	if (r.status == VMX_OK)
		*new_rip = rip + len;
	return r;
}

bool vmx_bench(unsigned n, uint64_t *full, uint64_t *bare)
{
	struct vmcs_obj *v = vmcs_current();
	struct vmx_exit e;
	if (!v)
		return false;
	static const struct run_poll none = { 0, 0, 0, POLL_NONE, false };
	e = vmx_run(v->launched ? RUN_RESUME : RUN_LAUNCH, &none);
	if (e.outcome != OUTCOME_EXIT)
		return false;
	uint64_t t0 = rdtsc();
	for (unsigned i = 0; i < n; i++)
		if (vmx_run(RUN_RESUME, &none).outcome != OUTCOME_EXIT)
			return false;
	*full = (rdtsc() - t0) / n;
	irq_disable();
	t0 = rdtsc();
	for (unsigned i = 0; i < n; i++)
		if (vmx_enter(&v->gprs, 0) != 0)
			break;
	*bare = (rdtsc() - t0) / n;
	irq_enable();
	return true;
}
