/* IDT, exception reporting and recovery. An exception inside a fault_try()
 * region is recorded and the region's fault_setjmp() returns 1; anywhere
 * else it is reported and the innermost region (the shell's, at worst)
 * takes over, so the monitor never reboots on a bad command. */
#include "trap.h"
#include <stddef.h>
#include "cpu.h"
#include "printf.h"
#include "string.h"
#include "desc.h"
#include "exception.h"
#include "protect.h"

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
static struct trap_frame last_frame; /* of the last fault recovered from */
static uint64_t last_cr2;

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
	if ((f->vector == EXC_PF || f->vector == EXC_DF) && n < size)
		n += fmt_snprintf(buf + n, size - n, " cr2=0x%016llx",
				  (unsigned long long)f->cr2);
	if ((f->vector == EXC_PF || f->vector == EXC_DF) && n < size &&
	    protect_in_stack_guard(f->cr2))
		fmt_snprintf(buf + n, size - n, " (stack overflow: the guard page under the monitor's stack)");
}

#define FRAME_REG(name) { #name, offsetof(struct trap_frame, name) }
static const struct { const char *name; unsigned off; } frame_regs[] = {
	FRAME_REG(rax), FRAME_REG(rbx), FRAME_REG(rcx), FRAME_REG(rdx),
	FRAME_REG(rsi), FRAME_REG(rdi), FRAME_REG(rbp), FRAME_REG(rsp),
	FRAME_REG(r8), FRAME_REG(r9), FRAME_REG(r10), FRAME_REG(r11),
	FRAME_REG(r12), FRAME_REG(r13), FRAME_REG(r14), FRAME_REG(r15),
	FRAME_REG(rip), FRAME_REG(rflags), FRAME_REG(cs), FRAME_REG(ss),
};

static void print_frame(const struct trap_frame *tf, uint64_t cr2)
{
	unsigned n = sizeof(frame_regs) / sizeof(frame_regs[0]);
	for (unsigned i = 0; i < n; i++) {
		uint64_t v = *(const uint64_t *)((const char *)tf + frame_regs[i].off);
		printf("  %-6s 0x%016llx%s", frame_regs[i].name,
		       (unsigned long long)v, i % 4 == 3 ? "\n" : "");
	}
	printf("  cr2    0x%016llx  cr3    0x%016llx  vector %llu error 0x%llx\n",
	       (unsigned long long)cr2, (unsigned long long)read_cr3(),
	       (unsigned long long)tf->vector, (unsigned long long)tf->error);
}

void trap_print_last_frame(void)
{
	print_frame(&last_frame, last_cr2);
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
	last_frame = *tf;
	last_cr2 = read_cr2();
	if (!j) {
		char line[200];
		struct fault_info f = { (int)tf->vector, tf->error, tf->rip, last_cr2 };
		trap_describe(&f, line, sizeof(line));
		printf("\nfatal: %s with no recovery point; halted\n", line);
		print_frame(tf, last_cr2);
		for (;;)
			__asm__ volatile("cli; hlt");
	}
	fault_top = j->prev;
	j->info = (struct fault_info){ (int)tf->vector, tf->error, tf->rip,
				       tf->vector == EXC_PF || tf->vector == EXC_DF ? last_cr2 : 0 };
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
