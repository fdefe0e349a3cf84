/* IDT, exception reporting and recovery. An exception inside a fault_try()
 * region is recorded and the region's fault_setjmp() returns 1; anywhere
 * else it is reported and the innermost region (the shell's, at worst)
 * takes over, so the monitor never reboots on a bad command. */
#include "trap.h"
#include "cpu.h"
#include "printf.h"
#include "string.h"
#include "desc.h"
#include "exception.h"

#define NVECTORS 256
#define IDT_INTERRUPT_GATE 0x8e /* present, DPL 0, 64-bit interrupt gate */
#define IST_CRITICAL 1          /* #DF, NMI and #MC get a stack of their own */
#define STUB_SIZE 16

struct __attribute__((packed)) idt_gate {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, zero;
};

extern char isr_stubs[];
void fault_longjmp(struct fault_jmp *j) __attribute__((noreturn));

static struct idt_gate idt[NVECTORS] __attribute__((aligned(16)));
static irq_handler_fn handlers[NVECTORS];
static struct fault_jmp *fault_top;

/* A reserved vector (15, 22-27, 31) has no mnemonic of its own. */
const char *trap_name(int v)
{
	const char *m = v >= 0 ? exception_mnemonic((unsigned)v) : NULL;
	return m ? m : v >= 0 && v < EXC_COUNT ? "exception" : "IRQ";
}

const char *trap_longname(int v)
{
	return v >= 0 && v < EXC_COUNT ? exception_description((unsigned)v) : "interrupt";
}

void trap_describe(const struct fault_info *f, char *buf, int size)
{
	int n = fmt_snprintf(buf, size, "%s %s (vector %d) error=0x%llx rip=0x%016llx",
			     trap_name(f->vector), trap_longname(f->vector),
			     f->vector, (unsigned long long)f->error,
			     (unsigned long long)f->rip);
	if (f->vector == EXC_PF && n < size)
		fmt_snprintf(buf + n, size - n, " cr2=0x%016llx",
			     (unsigned long long)f->cr2);
}

static void idt_set(int v, int ist)
{
	uint64_t a = (uint64_t)(isr_stubs + v * STUB_SIZE);
	idt[v] = (struct idt_gate){
		.off_lo = (uint16_t)a, .sel = GDT_CODE64, .ist = (uint8_t)ist,
		.type = IDT_INTERRUPT_GATE, .off_mid = (uint16_t)(a >> 16),
		.off_hi = (uint32_t)(a >> 32),
	};
}

void trap_init(void)
{
	for (int v = 0; v < NVECTORS; v++)
		idt_set(v, (v == EXC_NMI || v == EXC_DF || v == EXC_MC) ? IST_CRITICAL : 0);
	struct dtr d = { sizeof(idt) - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" ::"m"(d));
}

void trap_set_handler(int v, irq_handler_fn fn)
{
	handlers[v] = fn;
}

void fault_push(struct fault_jmp *j)
{
	j->info.vector = -1;
	j->prev = fault_top;
	fault_top = j;
}

void fault_end(struct fault_jmp *j)
{
	if (fault_top == j)
		fault_top = j->prev;
}

static void fault_recover(struct trap_frame *tf)
{
	struct fault_jmp *j = fault_top;
	if (!j) {
		char line[160];
		struct fault_info f = { (int)tf->vector, tf->error, tf->rip,
					read_cr2() };
		trap_describe(&f, line, sizeof(line));
		printf("\nfatal: %s with no recovery point; halted\n", line);
		for (;;)
			__asm__ volatile("cli; hlt");
	}
	fault_top = j->prev;
	j->info = (struct fault_info){ (int)tf->vector, tf->error, tf->rip,
				       tf->vector == EXC_PF ? read_cr2() : 0 };
	fault_longjmp(j);
}

void trap_dispatch(struct trap_frame *tf)
{
	int v = (int)tf->vector;
	if (handlers[v]) {
		handlers[v](tf);
		return;
	}
	if (v >= EXC_COUNT)
		return; /* stray interrupt: nothing to acknowledge */
	if (v == EXC_NMI) {
		printf("\nNMI received (rip=0x%016llx), ignored\n",
		       (unsigned long long)tf->rip);
		return;
	}
	fault_recover(tf);
}

int safe_rdmsr(uint32_t msr, uint64_t *val, struct fault_info *f)
{
	struct fault_jmp j;
	if (fault_try(&j)) {
		*f = j.info;
		return j.info.vector + 1;
	}
	*val = rdmsr(msr);
	fault_end(&j);
	return 0;
}

uint64_t rdmsr_or_zero(uint32_t msr)
{
	uint64_t v;
	struct fault_info f;
	return safe_rdmsr(msr, &v, &f) ? 0 : v;
}

int safe_wrmsr(uint32_t msr, uint64_t val, struct fault_info *f)
{
	struct fault_jmp j;
	if (fault_try(&j)) {
		*f = j.info;
		return j.info.vector + 1;
	}
	wrmsr(msr, val);
	fault_end(&j);
	return 0;
}

int safe_copy(void *dst, const void *src, uint64_t len, struct fault_info *f)
{
	struct fault_jmp j;
	if (fault_try(&j)) {
		*f = j.info;
		return j.info.vector + 1;
	}
	volatile uint8_t *d = dst;
	const volatile uint8_t *s = src;
	for (uint64_t i = 0; i < len; i++)
		d[i] = s[i];
	fault_end(&j);
	return 0;
}
