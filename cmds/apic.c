/* apic: the local APIC (xAPIC) as L1's interrupt source: its state, a
 * one-shot timer, self-IPIs and self-NMIs fired at the next VM entry, EOI
 * and TPR. See monitor/lapic.h. */
#include "args.h"
#include "../monitor/cmd.h"
#include "../monitor/lapic.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"

#define LVT_VECTOR 0xffu
#define LVT_PENDING (1u << 12)
#define LVT_MASKED (1u << 16)
#define LVT_TIMER_MODE_SHIFT 17
#define LVT_DELIVERY_SHIFT 8
#define SVR_ENABLE (1u << 8)
#define VERSION_MAX_LVT_SHIFT 16
#define ID_SHIFT 24

static bool ready(const char *cmd)
{
	switch (lapic_use()) {
	case LAPIC_OK: return true;
	case LAPIC_ABSENT: printf("error: %s: this CPU has no local APIC (CPUID.1:EDX bit 9)\n", cmd); break;
	case LAPIC_DISABLED: printf("error: %s: the local APIC is disabled (IA32_APIC_BASE bit 11)\n", cmd); break;
	case LAPIC_X2APIC: printf("error: %s: the local APIC is in x2APIC mode; nestmon uses xAPIC only\n", cmd); break;
	}
	return false;
}

/* The set vectors of a 256-bit register, or "none". */
static void print_vectors(const char *label, const uint32_t bits[8])
{
	bool any = false;
	printf("%-4s", label);
	for (unsigned v = 0; v < 256; v++)
		if (bits[v / 32] >> (v % 32) & 1) {
			printf(" 0x%02x", v);
			any = true;
		}
	printf("%s\n", any ? "" : " none");
}

static void print_lvt(const char *label, uint32_t lvt, bool timer)
{
	static const char *const modes[] = { "one-shot", "periodic", "TSC-deadline", "reserved" };
	static const char *const delivery[] = { "fixed", "SMI", "reserved", "reserved", "NMI", "INIT", "reserved", "ExtINT" };
	printf("%-10s 0x%08x  vector 0x%02x, %s, %s, %s\n", label, lvt, lvt & LVT_VECTOR,
	       (lvt & LVT_MASKED) ? "masked" : "unmasked", (lvt & LVT_PENDING) ? "send pending" : "idle",
	       timer ? modes[(lvt >> LVT_TIMER_MODE_SHIFT) & 3] : delivery[(lvt >> LVT_DELIVERY_SHIFT) & 7]);
}

static void print_armed(void)
{
	const struct lapic_armed *a = lapic_armed();
	printf("at the next VM entry:");
	if (a->timer)
		printf(" timer vector 0x%02x count 0x%x divide %u;", a->timer_vector, a->timer_count,
		       a->timer_divide);
	for (unsigned v = 0; v < 256; v++)
		if (a->ipis[v / 32] >> (v % 32) & 1)
			printf(" self-IPI 0x%02x;", v);
	if (a->nmi)
		printf(" self-NMI;");
	printf("%s\n", lapic_busy() ? "" : " nothing");
}

static void print_host(void)
{
	printf("the monitor took:");
	for (unsigned v = 0; v < 256; v++)
		if (lapic_host_count(v))
			printf(" 0x%02x x%u;", v, lapic_host_count(v));
	printf(" NMI x%u\n", lapic_host_nmis());
}

static int cmd_apic(int argc, char **argv)
{
	struct lapic_state s;
	if (!ready("apic"))
		return CMD_FAIL;
	lapic_read_state(&s);
	printf("xAPIC at 0x%016llx  ID 0x%02x  version 0x%08x (%u LVT entries)\n",
	       (unsigned long long)s.base, s.id >> ID_SHIFT, s.version,
	       ((s.version >> VERSION_MAX_LVT_SHIFT) & 0xff) + 1);
	printf("TPR 0x%02x  PPR 0x%02x  SVR 0x%08x (%s, spurious vector 0x%02x)  ESR 0x%x\n", s.tpr,
	       s.ppr, s.svr, (s.svr & SVR_ENABLE) ? "enabled" : "disabled", s.svr & LVT_VECTOR, s.esr);
	print_vectors("IRR", s.irr);
	print_vectors("ISR", s.isr);
	print_lvt("LVT timer", s.lvt_timer, true);
	printf("%-10s initial 0x%08x current 0x%08x divide config 0x%x\n", "timer", s.timer_initial,
	       s.timer_current, s.timer_divide);
	print_lvt("LVT LINT0", s.lvt_lint0, false);
	print_lvt("LVT LINT1", s.lvt_lint1, false);
	print_lvt("LVT error", s.lvt_error, false);
	print_armed();
	print_host();
	return CMD_OK;
}

static bool parse_vector(const char *cmd, const char *s, uint8_t *v)
{
	uint64_t n;
	if (!parse_num(cmd, s, &n))
		return false;
	if (n < LAPIC_VECTOR_MIN || n > LAPIC_VECTOR_MAX) {
		printf("error: %s: vector 0x%llx is not one the monitor lends out (0x%x-0x%x: below are exceptions and the 8259's, 0xff is spurious)\n",
		       cmd, (unsigned long long)n, LAPIC_VECTOR_MIN, LAPIC_VECTOR_MAX);
		return false;
	}
	*v = (uint8_t)n;
	return true;
}

static int cmd_apic_timer(int argc, char **argv)
{
	uint8_t v;
	uint64_t count, divide = 1;
	if (!ready("apic timer"))
		return CMD_FAIL;
	if (argc == 1) {
		if (strcmp(argv[0], "off"))
			return CMD_USAGE;
		lapic_timer_stop();
		printf("apic timer: masked, count 0\n");
		return CMD_OK;
	}
	if (argc < 2)
		return CMD_USAGE;
	if (!parse_vector("apic timer", argv[0], &v) || !parse_num("apic timer", argv[1], &count) ||
	    (argc == 3 && !parse_num("apic timer", argv[2], &divide)))
		return CMD_FAIL;
	if (count > 0xffffffffull || !lapic_arm_timer(v, (uint32_t)count, (uint32_t)divide)) {
		printf("error: apic timer: count up to 0xffffffff, divide 1, 2, 4, ... 128\n");
		return CMD_FAIL;
	}
	printf("apic timer: one-shot, vector 0x%02x, count 0x%llx, divide %llu: starts at the next VM entry\n", v,
	       (unsigned long long)count, (unsigned long long)divide);
	return CMD_OK;
}

static int cmd_apic_ipi(int argc, char **argv)
{
	uint8_t v;
	if (!ready("apic ipi") || !parse_vector("apic ipi", argv[0], &v))
		return CMD_FAIL;
	lapic_arm_ipi(v);
	printf("apic ipi: fixed self-IPI, vector 0x%02x: sent right before the next VM entry, pending at it\n", v);
	return CMD_OK;
}

static int cmd_apic_nmi(int argc, char **argv)
{
	if (!ready("apic nmi"))
		return CMD_FAIL;
	lapic_arm_nmi();
	printf("apic nmi: self-NMI sent right before the next VM entry and held pending (NMIs blocked) until it\n");
	return CMD_OK;
}

static int cmd_apic_eoi(int argc, char **argv)
{
	if (!ready("apic eoi"))
		return CMD_FAIL;
	lapic_eoi();
	printf("apic eoi: done (the highest in-service vector is cleared)\n");
	return CMD_OK;
}

static int cmd_apic_tpr(int argc, char **argv)
{
	uint64_t v;
	struct lapic_state s;
	if (!ready("apic tpr"))
		return CMD_FAIL;
	if (argc == 1) {
		if (!parse_num("apic tpr", argv[0], &v))
			return CMD_FAIL;
		if (v > 0xff) {
			printf("error: apic tpr: the TPR is 8 bits (0-0xff)\n");
			return CMD_FAIL;
		}
		lapic_set_tpr((uint32_t)v);
	}
	lapic_read_state(&s);
	printf("TPR 0x%02x  PPR 0x%02x\n", s.tpr, s.ppr);
	return CMD_OK;
}

CMD(apic, "apic", "", 0, 0, CMD_NEEDS_NOTHING, "the local APIC (xAPIC): ID, TPR, IRR/ISR, LVTs, timer, what is armed",
    "Shows the registers of L1's local APIC (SDM Vol. 3A 11.4), what the next VM\n"
    "entry fires (apic timer/ipi/nmi) and the vectors and NMIs that reached the\n"
    "monitor itself (each acknowledged with an EOI).\n"
    "  apic     IRR none / ISR 0x40 / LVT timer 0x00000040 vector 0x40, ...",
    cmd_apic);
CMD(apic_timer, "apic timer", "VECTOR|off [COUNT [DIVIDE]]", 1, 3, CMD_NEEDS_NOTHING,
    "arm the APIC timer one-shot: it starts counting at the next VM entry",
    "VECTOR 0x30-0xfe; the timer counts COUNT bus clocks divided by DIVIDE (1, 2,\n"
    "4, ... 128; default 1) from the next launch/resume, so it fires while L2\n"
    "runs. Without external-interrupt exiting the interrupt goes to L2's IDT;\n"
    "with it, it is an EXTERNAL_INTERRUPT exit; where the monitor gets it, it\n"
    "counts it and sends the EOI.\n"
    "  apic timer 0x40 0x2000     fires about 0x2000 bus clocks into L2\n"
    "  apic timer off             mask it",
    cmd_apic_timer);
CMD(apic_ipi, "apic ipi", "VECTOR", 1, 1, CMD_NEEDS_NOTHING, "a fixed self-IPI, sent with interrupts off right before the next VM entry",
    "The interrupt is pending in the IRR when the entry happens (SDM 25.2: with\n"
    "external-interrupt exiting it exits before L2's first instruction).\n"
    "  apic ipi 0x41", cmd_apic_ipi);
CMD(apic_nmi, "apic nmi", "", 0, 0, CMD_NEEDS_NOTHING, "a self-NMI held pending until the next VM entry",
    "Right before the entry the monitor takes one self-NMI and leaves its handler\n"
    "without IRET, so NMIs stay blocked, and sends a second one, which waits: the\n"
    "entry ends the blocking (SDM 26.6.1) and the NMI is pending at it (with NMI\n"
    "exiting an exit before L2's first instruction, else delivery through vector 2).\n"
    "After the run NMIs are unblocked; one that reaches the monitor is counted.\n"
    "  apic nmi", cmd_apic_nmi);
CMD(apic_eoi, "apic eoi", "", 0, 0, CMD_NEEDS_NOTHING, "write the APIC's EOI register: end the highest in-service interrupt",
    "After an interrupt acknowledged on VM exit, or delivered to L2 (which has no\n"
    "APIC of its own), the vector stays in the ISR until this.\n"
    "  apic eoi", cmd_apic_eoi);
CMD(apic_tpr, "apic tpr", "[VALUE]", 0, 1, CMD_NEEDS_NOTHING, "L1's task-priority register (TPR)",
    "  apic tpr 0x50     interrupts of priority class 5 and below wait in the IRR",
    cmd_apic_tpr);
