/* How a run regains control from an L2 that spins, chosen before the entry
 * so that it never changes what the entry checks see.
 *
 * The run loop may add a pin-based control behind the user's back: the
 * VMX-preemption timer where the CPU has one, else NMI exiting (serial
 * input routed as NMIs) or external-interrupt exiting. Each of those bits
 * takes part in a VM-entry check, so adding it could turn an entry the SDM
 * fails into one that succeeds. Where it could, the run enters with the
 * VMCS exactly as written and says why; `exact on` does so for every run. */
#include "run.h"
#include "vmx.h"
#include "vmcs_field.h"
#include "../monitor/cpu.h"

/* SDM 26.3.1.5: with STI or MOV-SS blocking, or in HLT, RFLAGS.TF=1 and
 * IA32_DEBUGCTL.BTF=0 need BS set in the pending debug exceptions. */
#define DEBUGCTL_BTF (1ull << 1)
#define INTR_BLOCK_STI_MOVSS 0x3ull
#define ACTIVITY_HLT 1

static bool exact_mode;

void vmx_run_set_exact(bool on) { exact_mode = on; }
bool vmx_run_exact(void) { return exact_mode; }

static bool has(uint64_t value, uint64_t mask) { return (value & mask) != 0; }

/* Without a timer: NMIs where the caller can route its input as NMIs,
 * else external interrupts; never a bit whose entry check would change. */
static struct run_plan plan_without_timer(uint64_t pin, bool nmi_source)
{
	struct run_plan p = { POLL_NONE, 0, 0 };
	if (nmi_source && !has(pin, CTL_MASK(PIN, NMI_EXITING))) {
		if (!has(pin, CTL_MASK(PIN, VIRTUAL_NMIS))) {
			p.method = POLL_NMI;
			return p;
		}
		/* SDM 26.2.1.1: virtual NMIs need NMI exiting */
		p.as_written = "VIRTUAL_NMIS is set without NMI_EXITING (SDM 26.2.1.1)";
		return p;
	}
	if (has(pin, CTL_MASK(PIN, POSTED_INTR))) {
		/* SDM 26.2.1.1: posted interrupts need external-interrupt exiting */
		p.as_written = "POSTED_INTR is set without EXT_INTR_MASK (SDM 26.2.1.1)";
		return p;
	}
	if (has(vmx_read_or_zero(CPU_BASED_VM_EXEC_CONTROL), CTL_MASK(PROC, ACTIVATE_SECONDARY_CONTROLS)) &&
	    has(vmx_read_or_zero(SECONDARY_VM_EXEC_CONTROL), CTL_MASK(PROC2, VIRTUAL_INTR_DELIVERY))) {
		/* SDM 26.2.1.1: so does virtual-interrupt delivery */
		p.as_written = "VIRTUAL_INTR_DELIVERY is set without EXT_INTR_MASK (SDM 26.2.1.1)";
		return p;
	}
	p.method = POLL_EXTINT;
	return p;
}

/* A TF single step must not make a valid entry invalid (26.3.1.5). */
static const char *step_refusal(void)
{
	uint64_t fl = vmx_read_or_zero(GUEST_RFLAGS);
	if (has(fl, RFLAGS_TF) || has(vmx_read_or_zero(GUEST_IA32_DEBUGCTL), DEBUGCTL_BTF) ||
	    has(vmx_read_or_zero(GUEST_PENDING_DBG_EXCEPTIONS), DR6_BS))
		return 0;
	if (has(vmx_read_or_zero(GUEST_INTERRUPTIBILITY_INFO), INTR_BLOCK_STI_MOVSS) ||
	    vmx_read_or_zero(GUEST_ACTIVITY_STATE) == ACTIVITY_HLT)
		return "L2 is in an STI/MOV-SS shadow or in HLT: setting RFLAGS.TF would fail the entry "
		       "(SDM 26.3.1.5: BS must be set); use resume, or set RFLAGS.TF and BS yourself";
	return 0;
}

struct run_plan vmx_run_plan(enum run_kind kind, bool nmi_source)
{
	const struct vmx_caps *c = vmx_caps();
	struct run_plan p = { POLL_NONE, 0, 0 };
	if (!vmx_is_on() || !vmcs_current())
		return p;
	if (kind == RUN_STEP && !vmx_ctl_allowed1(c, CTL_KIND_PROC, CTL_PROC_MONITOR_TRAP_FLAG))
		p.refused = step_refusal();
	if (exact_mode || p.refused)
		return p;
	uint64_t pin = vmx_read_or_zero(PIN_BASED_VM_EXEC_CONTROL);
	/* the user's own timer brings L2 back; their timer exits are theirs */
	if (has(pin, CTL_MASK(PIN, VMX_PREEMPTION_TIMER)))
		return p;
	if (!vmx_ctl_allowed1(c, CTL_KIND_PIN, CTL_PIN_VMX_PREEMPTION_TIMER)) {
		/* interrupt exiting as written: serial interrupts come back as
		 * polls (with a timer, every external-interrupt exit is theirs) */
		if (has(pin, CTL_MASK(PIN, EXT_INTR_MASK))) {
			p.method = POLL_EXTINT;
			return p;
		}
		return plan_without_timer(pin, nmi_source);
	}
	if (has(vmx_read_or_zero(VM_EXIT_CONTROLS), CTL_MASK(EXIT, SAVE_VMX_PREEMPTION_TIMER))) {
		/* SDM 26.2.1.2: saving the timer needs the timer active */
		p.as_written = "SAVE_VMX_PREEMPTION_TIMER is set while the timer is off (SDM 26.2.1.2)";
		return p;
	}
	p.method = POLL_TIMER;
	return p;
}

bool vmx_run_wants_nmi(void)
{
	return !vmx_ctl_allowed1(vmx_caps(), CTL_KIND_PIN, CTL_PIN_VMX_PREEMPTION_TIMER);
}
