/* The local APIC in xAPIC mode. See lapic.h. Register offsets and bits:
 * SDM Vol. 3A 11.4.1 Table "Local APIC Register Address Map", 11.5.1
 * (LVT), 11.5.4 (timer), 11.6.1 (ICR), 11.8.5 (EOI). */
#include "lapic.h"
#include "cpu.h"
#include "exception.h"
#include "string.h"
#include "trap.h"

#define MSR_IA32_APIC_BASE 0x1b
#define APIC_BASE_EXTD (1ull << 10)
#define APIC_BASE_EN (1ull << 11)
#define APIC_BASE_ADDR 0xfffff000ull
#define CPUID_1_EDX_APIC (1u << 9)

#define REG_ID 0x20
#define REG_VERSION 0x30
#define REG_TPR 0x80
#define REG_PPR 0xa0
#define REG_EOI 0xb0
#define REG_SVR 0xf0
#define REG_ISR 0x100
#define REG_IRR 0x200
#define REG_ESR 0x280
#define REG_ICR_LO 0x300
#define REG_ICR_HI 0x310
#define REG_LVT_TIMER 0x320
#define REG_LVT_LINT0 0x350
#define REG_LVT_LINT1 0x360
#define REG_LVT_ERROR 0x370
#define REG_TIMER_INITIAL 0x380
#define REG_TIMER_CURRENT 0x390
#define REG_TIMER_DIVIDE 0x3e0
#define REG_STRIDE 0x10 /* ISR/IRR: eight 32-bit registers, 16 bytes apart */

#define SVR_ENABLE (1u << 8)
#define LVT_MASKED (1u << 16)
#define ICR_DELIVERY_NMI (4u << 8)
#define ICR_PENDING (1u << 12)
#define ICR_ASSERT (1u << 14)
#define ICR_SELF (1u << 18)
#define ICR_DEST_SHIFT 24
#define VECTORS 256
#define ICR_WAIT 100000
#define NMI_WAIT 1000

static uint64_t base;
static bool ready;
static uint32_t svr_at_use; /* the SVR as the BIOS left it */
static struct lapic_armed armed;
static bool timer_running, nmi_held;
static uint32_t timer_divide_bits;
static uint32_t host_count[VECTORS], host_nmis;
static uint32_t handled[VECTORS / 32]; /* vectors whose handler is ours */

static uint32_t rd(uint32_t reg) { return *(volatile uint32_t *)(base + reg); }
static void wr(uint32_t reg, uint32_t v) { *(volatile uint32_t *)(base + reg) = v; }

static void host_irq(struct trap_frame *tf)
{
	host_count[tf->vector & (VECTORS - 1)]++;
	wr(REG_EOI, 0);
}

static void take_vector(unsigned v)
{
	handled[v / 32] |= 1u << (v % 32);
	trap_set_handler((int)v, host_irq);
}

enum lapic_status lapic_use(void)
{
	if (!(cpuid(1, 0).edx & CPUID_1_EDX_APIC))
		return LAPIC_ABSENT;
	uint64_t msr = rdmsr(MSR_IA32_APIC_BASE);
	if (!(msr & APIC_BASE_EN))
		return LAPIC_DISABLED;
	if (msr & APIC_BASE_EXTD)
		return LAPIC_X2APIC;
	base = msr & APIC_BASE_ADDR;
	if (!ready) {
		svr_at_use = rd(REG_SVR);
		wr(REG_SVR, svr_at_use | SVR_ENABLE);
		ready = true;
	}
	return LAPIC_OK;
}

void lapic_read_state(struct lapic_state *s)
{
	s->base = base;
	s->id = rd(REG_ID), s->version = rd(REG_VERSION), s->tpr = rd(REG_TPR);
	s->ppr = rd(REG_PPR), s->svr = rd(REG_SVR);
	wr(REG_ESR, 0); /* the ESR is latched by a write (11.5.3) */
	s->esr = rd(REG_ESR);
	s->lvt_timer = rd(REG_LVT_TIMER), s->lvt_lint0 = rd(REG_LVT_LINT0);
	s->lvt_lint1 = rd(REG_LVT_LINT1), s->lvt_error = rd(REG_LVT_ERROR);
	s->timer_initial = rd(REG_TIMER_INITIAL), s->timer_current = rd(REG_TIMER_CURRENT);
	s->timer_divide = rd(REG_TIMER_DIVIDE);
	for (int i = 0; i < 8; i++) {
		s->irr[i] = rd(REG_IRR + i * REG_STRIDE);
		s->isr[i] = rd(REG_ISR + i * REG_STRIDE);
	}
}

const struct lapic_armed *lapic_armed(void) { return &armed; }
uint32_t lapic_host_count(unsigned vector) { return host_count[vector & (VECTORS - 1)]; }
uint32_t lapic_host_nmis(void) { return host_nmis; }

bool lapic_busy(void)
{
	uint32_t ipis = 0;
	for (int i = 0; i < 8; i++)
		ipis |= armed.ipis[i];
	return armed.timer || armed.nmi || ipis || (timer_running && rd(REG_TIMER_CURRENT));
}

/* Divide configuration (11.5.4): bits 3, 1:0; 0b1011 divides by 1. */
static bool divide_bits(uint32_t divide, uint32_t *bits)
{
	static const uint32_t by[8] = { 2, 4, 8, 16, 32, 64, 128, 1 };
	for (uint32_t i = 0; i < 8; i++)
		if (by[i] == divide) {
			*bits = (i & 3) | (i & 4) << 1;
			return true;
		}
	return false;
}

bool lapic_arm_timer(uint8_t vector, uint32_t count, uint32_t divide)
{
	uint32_t bits;
	if (!divide_bits(divide, &bits))
		return false;
	take_vector(vector);
	timer_divide_bits = bits;
	armed.timer = true;
	armed.timer_vector = vector;
	armed.timer_count = count;
	armed.timer_divide = divide;
	return true;
}

void lapic_arm_ipi(uint8_t vector)
{
	take_vector(vector);
	armed.ipis[vector / 32] |= 1u << (vector % 32);
}

void lapic_arm_nmi(void) { armed.nmi = true; }

void lapic_timer_stop(void)
{
	wr(REG_LVT_TIMER, LVT_MASKED);
	wr(REG_TIMER_INITIAL, 0);
	armed.timer = false;
	timer_running = false;
}

void lapic_eoi(void) { wr(REG_EOI, 0); }
void lapic_set_tpr(uint32_t tpr) { wr(REG_TPR, tpr); }

static void icr_send(uint32_t hi, uint32_t lo)
{
	wr(REG_ICR_HI, hi);
	wr(REG_ICR_LO, lo);
	for (int i = 0; i < ICR_WAIT && (rd(REG_ICR_LO) & ICR_PENDING); i++)
		__asm__ volatile("pause");
}

static void send_nmi(void)
{
	icr_send(rd(REG_ID) & (0xffu << ICR_DEST_SHIFT), ICR_DELIVERY_NMI | ICR_ASSERT);
}

static struct fault_jmp nmi_jmp;

/* An NMI that reaches the monitor while one is held, or after the run. */
static void nmi_counted(struct trap_frame *tf)
{
	(void)tf;
	host_nmis++;
}

/* The held NMI's first copy: leave the handler without IRET, so NMIs stay
 * blocked (SDM 6.7.1). */
static void nmi_leave_blocked(struct trap_frame *tf)
{
	(void)tf;
	fault_longjmp(&nmi_jmp);
}

/* A self-NMI pending with NMIs blocked: the first one is taken and left
 * without IRET, the second one waits. If the first is not taken at all,
 * NMIs were blocked already (after an NMI exit) and it is the one waiting. */
static void nmi_hold(void)
{
	static volatile int i;
	trap_set_handler(EXC_NMI, nmi_leave_blocked);
	if (fault_setjmp(&nmi_jmp)) {
		trap_set_handler(EXC_NMI, nmi_counted);
		send_nmi();
		nmi_held = true;
		return;
	}
	send_nmi();
	for (i = 0; i < NMI_WAIT; i++)
		__asm__ volatile("pause");
	trap_set_handler(EXC_NMI, nmi_counted);
	nmi_held = true;
}

static void start_timer(void)
{
	wr(REG_TIMER_DIVIDE, timer_divide_bits);
	wr(REG_LVT_TIMER, armed.timer_vector); /* one-shot, unmasked */
	wr(REG_TIMER_INITIAL, armed.timer_count);
	armed.timer = false;
	timer_running = true;
}

void lapic_fire(void)
{
	if (!ready)
		return;
	if (armed.timer)
		start_timer();
	for (unsigned v = 0; v < VECTORS; v++)
		if (armed.ipis[v / 32] >> (v % 32) & 1)
			icr_send(0, ICR_SELF | ICR_ASSERT | v);
	memset(armed.ipis, 0, sizeof(armed.ipis));
	if (armed.nmi)
		nmi_hold();
	armed.nmi = false;
}

void lapic_fire_end(void)
{
	if (!nmi_held)
		return;
	nmi_held = false;
	nmi_unblock(); /* a still pending NMI comes now, and is counted */
	trap_set_handler(EXC_NMI, 0);
}

#define ISR_MAX_EOIS VECTORS

void lapic_reset(void)
{
	if (!ready)
		return;
	lapic_timer_stop();
	memset(&armed, 0, sizeof(armed));
	lapic_fire_end();
	lapic_set_tpr(0);
	for (int n = 0; n < ISR_MAX_EOIS; n++) {
		uint32_t any = 0;
		for (int i = 0; i < 8; i++)
			any |= rd(REG_ISR + i * REG_STRIDE);
		if (!any)
			break;
		lapic_eoi();
	}
	for (unsigned v = 0; v < VECTORS; v++)
		if (handled[v / 32] >> (v % 32) & 1)
			trap_set_handler((int)v, 0);
	memset(handled, 0, sizeof(handled));
	memset(host_count, 0, sizeof(host_count));
	host_nmis = 0;
	wr(REG_SVR, svr_at_use);
	ready = false;
}
