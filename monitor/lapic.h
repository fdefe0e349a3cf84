/* The local APIC in xAPIC mode (SDM Vol. 3A chapter 11 "Advanced
 * Programmable Interrupt Controller") as the monitor's own interrupt
 * source: its state, a one-shot timer, self-IPIs, self-NMIs, EOI and TPR.
 * Bochs must stay in xAPIC mode (l0-bochs.md), so x2APIC is refused.
 *
 * Timer, IPIs and NMIs are armed at the prompt and fired by
 * lapic_fire(), which the run command calls with interrupts off right
 * before the VM entry: an IPI is then pending at the entry, a timer counts
 * from it, and an NMI is held pending with NMIs blocked (the state an NMI
 * leaves until its IRET, SDM 6.7.1), which the entry ends (SDM 26.6.1).
 * A vector that reaches the monitor itself is counted and acknowledged
 * (EOI). Knows nothing of VMX. */
#ifndef MONITOR_LAPIC_H
#define MONITOR_LAPIC_H
#include <stdbool.h>
#include <stdint.h>

#define LAPIC_VECTOR_MIN 0x30 /* below: exceptions and the 8259's 0x20-0x2f */
#define LAPIC_VECTOR_MAX 0xfe /* 0xff is the spurious vector */

enum lapic_status {
	LAPIC_OK,
	LAPIC_ABSENT,   /* CPUID.1:EDX.APIC[bit 9] = 0 */
	LAPIC_DISABLED, /* IA32_APIC_BASE.EN[bit 11] = 0 */
	LAPIC_X2APIC,   /* IA32_APIC_BASE.EXTD[bit 10] = 1 */
};
/* Whether the APIC can be used; enables it in software (SVR) and takes
 * over the vectors it may raise on first success. */
enum lapic_status lapic_use(void);

struct lapic_state {
	uint64_t base;  /* physical address of the registers */
	uint32_t id, version, tpr, ppr, svr, esr;
	uint32_t lvt_timer, lvt_lint0, lvt_lint1, lvt_error;
	uint32_t timer_initial, timer_current, timer_divide;
	uint32_t irr[8], isr[8]; /* 256 bits each, vector v at [v / 32] bit v % 32 */
};
void lapic_read_state(struct lapic_state *s);

/* What the next VM entry fires, and what reached the monitor so far. */
struct lapic_armed {
	bool timer;
	uint8_t timer_vector;
	uint32_t timer_count, timer_divide;
	uint32_t ipis[8];  /* vectors to send as fixed self-IPIs */
	bool nmi;
};
const struct lapic_armed *lapic_armed(void);
/* True when the next entry fires something, or a timer counts. */
bool lapic_busy(void);
uint32_t lapic_host_count(unsigned vector); /* vectors the monitor took */
uint32_t lapic_host_nmis(void);            /* NMIs the monitor took */

/* divide: 1, 2, 4, ..., 128; false for any other. */
bool lapic_arm_timer(uint8_t vector, uint32_t count, uint32_t divide);
void lapic_arm_ipi(uint8_t vector);
void lapic_arm_nmi(void);
/* Masks the timer and clears its count; forgets an armed timer. */
void lapic_timer_stop(void);
void lapic_eoi(void);
void lapic_set_tpr(uint32_t tpr);

/* Fires what is armed, with interrupts off (the run command calls it right
 * before the VM entry): the timer starts, IPIs are sent, an NMI is left
 * pending with NMIs blocked. */
void lapic_fire(void);
/* Ends the NMI blocking lapic_fire left, if any (after the run); an NMI
 * still pending then reaches the monitor and is counted. */
void lapic_fire_end(void);

/* Undoes everything the commands did: timer stopped, nothing armed, TPR
 * 0, every in-service vector acknowledged, the monitor's counts cleared,
 * the vectors' handlers removed, the SVR as it was found (the `reset`
 * command calls it). */
void lapic_reset(void);
#endif
