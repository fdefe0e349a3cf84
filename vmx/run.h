/* Running L2: VMLAUNCH/VMRESUME/single step, the exit as data, and the
 * history of exits. */
#ifndef VMX_RUN_H
#define VMX_RUN_H
#include <stdbool.h>
#include <stdint.h>
#include "ops.h"

enum run_kind { RUN_LAUNCH, RUN_RESUME, RUN_STEP };

enum exit_outcome {
	OUTCOME_EXIT,          /* a VM exit: reason in basic */
	OUTCOME_ENTRY_FAILED,  /* VM exit with reason bit 31 (SDM 27.8) */
	OUTCOME_VMFAIL,        /* VMLAUNCH/VMRESUME failed: see fail */
	OUTCOME_NO_VMCS,       /* nothing to run */
};

enum step_method { STEP_NONE, STEP_MTF, STEP_TF };

struct vmx_exit {
	enum exit_outcome outcome;
	struct vmx_result fail;
	uint32_t reason;  /* the whole exit-reason field */
	uint16_t basic;   /* bits 15:0 */
	uint64_t qual, rip, gla, gpa;
	uint32_t len, intr_info, intr_err, idt_info, idt_err, instr_info;
	uint64_t cycles;  /* TSC from before the entry to after the exit */
	bool interrupted; /* stopped by the stop callback (Ctrl-C) */
	enum step_method step;
	bool step_lost;   /* a polling exit came first: the L0 lost the step */
	unsigned auto_resumes; /* internal polling exits that were resumed */
};

/* Asked between polling exits whether to stop the run (Ctrl-C). */
typedef bool (*run_stop_fn)(void *ctx);

struct run_poll {
	run_stop_fn stop;
	void *ctx;
	/* the caller turns its input into NMIs for the run: used to regain
	 * control when the CPU has no VMX preemption timer */
	bool nmi_source;
};

/* True when the run loop would want an NMI source (no preemption timer). */
bool vmx_run_wants_nmi(void);
struct vmx_exit vmx_run(enum run_kind kind, const struct run_poll *poll);
const struct vmx_exit *vmx_last_exit(void); /* NULL before any run */
bool vmx_skip_instruction(uint64_t *new_rip);

/* History: counts per basic reason, failed entries, the last few exits. */
#define EXIT_REASON_SLOTS 128
#define HISTORY_RING 16
struct vmx_history {
	uint32_t count[EXIT_REASON_SLOTS];
	uint32_t entry_failed[EXIT_REASON_SLOTS];
	uint32_t vmfail_invalid, vmfail_valid, total;
	struct vmx_exit ring[HISTORY_RING];
	unsigned ring_next;
};
const struct vmx_history *vmx_history(void);
void vmx_history_clear(void);
/* The history, the last exit and the scratch registers of runs without a
 * VMCS, all forgotten (for reset); returns the entries the history held. */
unsigned vmx_history_forget(void);

/* Cycles per round trip of CPUID exits: through vmx_run, and through a
 * bare VMRESUME loop. The current VMCS must hold the cpuid loop program. */
bool vmx_bench(unsigned n, uint64_t *full, uint64_t *bare);
#endif
