/* Exceptions and recovery. Every vector has a handler; a fault inside a
 * fault_try() region jumps back to it with the fault's details, and the
 * shell wraps every command in one, so no command can kill the monitor. */
#ifndef MONITOR_TRAP_H
#define MONITOR_TRAP_H

/* struct fault_jmp as isr.S's fault_setjmp/fault_longjmp address it; the
 * C side checks these against the structure below. */
#define FAULT_JMP_RBX 0
#define FAULT_JMP_RBP 8
#define FAULT_JMP_R12 16
#define FAULT_JMP_R13 24
#define FAULT_JMP_R14 32
#define FAULT_JMP_R15 40
#define FAULT_JMP_RSP 48
#define FAULT_JMP_RIP 56

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

/* What a caught fault was. vector < 0 means none happened. */
struct fault_info {
	int vector;
	uint64_t error, rip, cr2;
};

/* Saved callee-saved registers for the jump back (see isr.S). */
struct fault_jmp {
	uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rip;
	struct fault_jmp *prev;
	struct fault_info info;
};

#define FAULT_JMP_AT(reg, REG) \
	_Static_assert(offsetof(struct fault_jmp, reg) == FAULT_JMP_##REG, "trap.h: FAULT_JMP_" #REG)
FAULT_JMP_AT(rbx, RBX);
FAULT_JMP_AT(rbp, RBP);
FAULT_JMP_AT(r12, R12);
FAULT_JMP_AT(r13, R13);
FAULT_JMP_AT(r14, R14);
FAULT_JMP_AT(r15, R15);
FAULT_JMP_AT(rsp, RSP);
FAULT_JMP_AT(rip, RIP);
#undef FAULT_JMP_AT

/* Returns 0 when called; returns again with 1 when a fault happened inside
 * the region (details in j->info). Must be closed with fault_end(j) on every
 * path that leaves the region normally. */
int fault_setjmp(struct fault_jmp *j) __attribute__((returns_twice));
void fault_push(struct fault_jmp *j);
void fault_end(struct fault_jmp *j);
#define fault_try(j) (fault_push(j), fault_setjmp(j))
/* Resumes at j's fault_setjmp, which returns 1. From an interrupt handler
 * it leaves without IRET: after an NMI, NMIs stay blocked (SDM 6.7.1). */
void fault_longjmp(struct fault_jmp *j) __attribute__((noreturn));

/* Guarded accesses: return 0 or the fault's vector + 1 with *f filled. */
int safe_rdmsr(uint32_t msr, uint64_t *val, struct fault_info *f);
/* The MSR, or 0 when reading it faults (an MSR the CPU may not have). */
uint64_t rdmsr_or_zero(uint32_t msr);
int safe_wrmsr(uint32_t msr, uint64_t val, struct fault_info *f);
int safe_copy(void *dst, const void *src, uint64_t len, struct fault_info *f);

const char *trap_name(int vector);     /* "#GP" */
const char *trap_longname(int vector); /* "general protection" */
/* One line, "#PF page fault error=0x2 rip=0x... cr2=0x...", into buf. */
void trap_describe(const struct fault_info *f, char *buf, int size);
/* The registers at the last fault a recovery point took, as indented
 * lines (after the shell's "error: ... unexpected ..." line). */
void trap_print_last_frame(void);

/* Interrupt handlers for vectors 32..255. */
typedef void (*irq_handler_fn)(struct trap_frame *tf);
void trap_set_handler(int vector, irq_handler_fn fn);
void trap_init(void);
#endif /* __ASSEMBLER__ */
#endif
