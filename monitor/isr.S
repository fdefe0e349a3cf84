/* One stub per vector. The CPU pushes an error code only for some
 * exceptions (SDM 6.13); the others push a zero so that every trap_frame
 * has the same layout. */
#include "trap.h"

	.text
	.altmacro
.macro STUB v
	.align 16
isr_stub_\v:
	.if !(\v == 8 || (\v >= 10 && \v <= 14) || \v == 17 || \v == 21 || \v == 29 || \v == 30)
	pushq $0
	.endif
	pushq $\v
	jmp isr_common
.endm

	.align 16
	.globl isr_stubs
isr_stubs:
.set i, 0
.rept 256
	STUB %i
	.set i, i + 1
.endr

isr_common:
	cld
	push %rax
	push %rbx
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %rbp
	push %r8
	push %r9
	push %r10
	push %r11
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, %rdi
	/* align the stack for C; the frame pointer is in rdi */
	mov %rsp, %rbx
	and $~0xf, %rsp
	call trap_dispatch
	mov %rbx, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rbp
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rbx
	pop %rax
	add $16, %rsp      /* vector and error code */
	iretq

/* int fault_setjmp(struct fault_jmp *j): save callee-saved state. */
	.globl fault_setjmp
fault_setjmp:
	mov %rbx, FAULT_JMP_RBX(%rdi)
	mov %rbp, FAULT_JMP_RBP(%rdi)
	mov %r12, FAULT_JMP_R12(%rdi)
	mov %r13, FAULT_JMP_R13(%rdi)
	mov %r14, FAULT_JMP_R14(%rdi)
	mov %r15, FAULT_JMP_R15(%rdi)
	lea 8(%rsp), %rax
	mov %rax, FAULT_JMP_RSP(%rdi)
	mov (%rsp), %rax
	mov %rax, FAULT_JMP_RIP(%rdi)
	xor %eax, %eax
	ret

/* void fault_longjmp(struct fault_jmp *j): resume at fault_setjmp's return
 * with 1, on the stack of the region, interrupts on again. */
	.globl fault_longjmp
fault_longjmp:
	mov FAULT_JMP_RBX(%rdi), %rbx
	mov FAULT_JMP_RBP(%rdi), %rbp
	mov FAULT_JMP_R12(%rdi), %r12
	mov FAULT_JMP_R13(%rdi), %r13
	mov FAULT_JMP_R14(%rdi), %r14
	mov FAULT_JMP_R15(%rdi), %r15
	mov FAULT_JMP_RSP(%rdi), %rsp
	mov $1, %eax
	jmp *FAULT_JMP_RIP(%rdi)

	.section .note.GNU-stack, "", @progbits
