/* L2's IDT: empty or report (see l2_idt.h). */
#include "l2_idt.h"
#include "exit_reason.h"
#include "../monitor/string.h"

#define IDT_VECTORS 256
#define GATE_INTERRUPT_64 0x8e00u  /* P, DPL 0, type 0xE (SDM Vol. 3A 6.14.1) */
#define GATE_IST1 1u
#define L2_CODE64_SELECTOR 0x08    /* l2.c's GDT */
#define NO_ERROR_CODE (~0ull)

extern const char l2_report_code[], l2_report_code_end[], l2_report_vmcall[];

struct __attribute__((packed)) idt_gate64 {
	uint16_t off_lo, sel, flags;
	uint16_t off_mid;
	uint32_t off_hi, zero;
};
_Static_assert(sizeof(struct idt_gate64) == 16, "a 64-bit IDT gate is 16 bytes");

static struct idt_gate64 *gates(const struct l2_mem *m)
{
	return (struct idt_gate64 *)(m->base + L2_IDT);
}

static struct idt_gate64 gate_to(uint64_t handler)
{
	return (struct idt_gate64){
		.off_lo = (uint16_t)handler, .sel = L2_CODE64_SELECTOR,
		.flags = GATE_INTERRUPT_64 | GATE_IST1, .off_mid = (uint16_t)(handler >> 16),
		.off_hi = (uint32_t)(handler >> 32), .zero = 0,
	};
}

void l2_idt_set(const struct l2_mem *m, enum l2_idt kind)
{
	struct idt_gate64 *g = gates(m);
	if (kind == L2_IDT_EMPTY) {
		memset(g, 0, IDT_VECTORS * sizeof(*g));
		return;
	}
	memcpy((void *)(m->base + L2_EVENTS), l2_report_code,
	       (size_t)(l2_report_code_end - l2_report_code));
	*(uint64_t *)(m->base + L2_TSS + L2_TSS_IST1) = L2_EVENT_IST_TOP;
	for (unsigned v = 0; v < IDT_VECTORS; v++)
		g[v] = gate_to(L2_EVENTS + v * L2_EVENT_STUB_SIZE);
}

enum l2_idt l2_idt_get(const struct l2_mem *m)
{
	struct idt_gate64 want = gate_to(L2_EVENTS);
	return memcmp(gates(m), &want, sizeof(want)) ? L2_IDT_EMPTY : L2_IDT_REPORT;
}

uint64_t l2_event_vmcall_rip(void)
{
	return L2_EVENTS + (uint64_t)(l2_report_vmcall - l2_report_code);
}

bool l2_event_report(const struct vmx_exit *e, const struct l2_gprs *g, struct l2_event *ev)
{
	if (e->outcome != OUTCOME_EXIT || e->basic != EXIT_REASON_VMCALL ||
	    e->rip != l2_event_vmcall_rip())
		return false;
	ev->vector = (unsigned)g->rax;
	ev->has_error = g->rbx != NO_ERROR_CODE;
	ev->error = g->rbx;
	ev->rip = g->rcx;
	ev->rflags = g->rdx;
	ev->rsp = g->rsi;
	return true;
}
