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
	OUTCOME_VMX_OFF,       /* not in VMX operation: nothing ran */
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
/* Called after a polling exit that acknowledged an interrupt (the user's
 * "acknowledge interrupt on exit"): the caller owes its controller an EOI. */
typedef void (*run_acked_fn)(void *ctx, uint8_t vector);

/* How a run takes control back from an L2 that never exits by itself. */
enum poll_method {
	POLL_NONE,   /* VMCS as written; nothing added */
	POLL_TIMER,  /* activate the VMX-preemption timer */
	POLL_NMI,    /* NMI exiting; the caller routes its input as NMIs */
	POLL_EXTINT, /* external-interrupt exiting; input as IRQs */
};

struct run_plan {
	enum poll_method method;
	/* why the VMCS is entered as written although polling was wanted: a
	 * bit polling would add takes part in an entry check; NULL otherwise */
	const char *as_written;
	/* why the run must not start at all (a TF step would fail the entry) */
	const char *refused;
};

/* Chooses the polling method for a run of the current VMCS. nmi_source:
 * the caller can route its input as NMIs. In exact mode it is POLL_NONE. */
struct run_plan vmx_run_plan(enum run_kind kind, bool nmi_source);
void vmx_run_set_exact(bool on);
bool vmx_run_exact(void);

struct run_poll {
	run_stop_fn stop;
	run_acked_fn acked;
	void *ctx;
	enum poll_method method; /* from vmx_run_plan */
	bool mov_ss; /* enter right after a MOV to SS (SDM 26.1 checks it) */
};

/* True when the CPU has no preemption timer, so a run may want NMIs. */
bool vmx_run_wants_nmi(void);
struct vmx_exit vmx_run(enum run_kind kind, const struct run_poll *poll);
const struct vmx_exit *vmx_last_exit(void); /* NULL before any run */
/* GUEST_RIP += VM_EXIT_INSTRUCTION_LEN; *new_rip gets the new value. */
struct vmx_result vmx_skip_instruction(uint64_t *new_rip);

/* History: counts per basic reason, failed entries, the last few exits. */
#define HISTORY_REASONS 128
#define HISTORY_RING 16
struct vmx_history {
	uint32_t count[HISTORY_REASONS];
	uint32_t entry_failed[HISTORY_REASONS];
	uint32_t vmfail_invalid, vmfail_valid, total;
	struct vmx_exit ring[HISTORY_RING];
	unsigned ring_next;
};
const struct vmx_history *vmx_history(void);
void vmx_history_clear(void);
/* The history, the last exit and the scratch registers of runs without a
 * VMCS, all forgotten (for reset); returns the entries the history held. */
unsigned vmx_history_forget(void);

/* Cycles per round trip of n exits: through vmx_run, and through a bare
 * VMRESUME loop. The current L2 must exit at once every time it is resumed,
 * as a CPUID at GUEST_RIP does (bench loads one; nothing advances RIP);
 * false when a run does not end in a VM exit. */
bool vmx_bench(unsigned n, uint64_t *full, uint64_t *bare);
#endif
