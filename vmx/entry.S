/* VM entry and the VM-exit trampoline (HOST_RIP).
 *
 * int vmx_enter(struct l2_gprs *g, int launch): see entry.h. HOST_RSP is
 * written here, right before the entry, so the exit lands on this very
 * stack frame with g at the top of it. The offsets come from entry.h. */
#include "entry.h"

	.text
	.globl vmx_enter
vmx_enter:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	push %rdi                 /* g, found again at exit */
	mov $ENTRY_HOST_RSP, %rax
	vmwrite %rsp, %rax
	mov %esi, %eax            /* launch flag, tested after the loads */
	mov L2_GPR_RBX(%rdi), %rbx
	mov L2_GPR_RCX(%rdi), %rcx
	mov L2_GPR_RDX(%rdi), %rdx
	mov L2_GPR_RSI(%rdi), %rsi
	mov L2_GPR_RBP(%rdi), %rbp
	mov L2_GPR_R8(%rdi), %r8
	mov L2_GPR_R9(%rdi), %r9
	mov L2_GPR_R10(%rdi), %r10
	mov L2_GPR_R11(%rdi), %r11
	mov L2_GPR_R12(%rdi), %r12
	mov L2_GPR_R13(%rdi), %r13
	mov L2_GPR_R14(%rdi), %r14
	mov L2_GPR_R15(%rdi), %r15
	test $ENTER_MOV_SS, %al
	jnz 5f
	test $ENTER_LAUNCH, %al
	mov L2_GPR_RAX(%rdi), %rax     /* mov leaves the flags of the test */
	mov L2_GPR_RDI(%rdi), %rdi
	jz 1f
	vmlaunch
	jmp 2f
1:	vmresume
	jmp 2f
	/* From a MOV-SS shadow (SDM 26.1: VMfailValid(26) expected): the MOV
	 * to SS must come right before the instruction. The slot below RSP is
	 * safe: interrupts are off and NMIs run on their own IST stack. */
5:	test $ENTER_LAUNCH, %al
	mov L2_GPR_RAX(%rdi), %rax
	mov L2_GPR_RDI(%rdi), %rdi
	movw %ss, -8(%rsp)
	jz 6f
	movw -8(%rsp), %ss
	vmlaunch
	jmp 2f
6:	movw -8(%rsp), %ss
	vmresume
2:	/* falls through only when the entry failed: CF or ZF says how */
	mov $1, %eax
	jc 3f
	mov $2, %eax
3:	pop %rdi
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret

	.globl vmx_exit_trampoline
vmx_exit_trampoline:
	push %rdi                 /* L2's rdi; g is now at 8(%rsp) */
	mov 8(%rsp), %rdi
	mov %rax, L2_GPR_RAX(%rdi)
	mov %rbx, L2_GPR_RBX(%rdi)
	mov %rcx, L2_GPR_RCX(%rdi)
	mov %rdx, L2_GPR_RDX(%rdi)
	mov %rsi, L2_GPR_RSI(%rdi)
	mov %rbp, L2_GPR_RBP(%rdi)
	mov %r8, L2_GPR_R8(%rdi)
	mov %r9, L2_GPR_R9(%rdi)
	mov %r10, L2_GPR_R10(%rdi)
	mov %r11, L2_GPR_R11(%rdi)
	mov %r12, L2_GPR_R12(%rdi)
	mov %r13, L2_GPR_R13(%rdi)
	mov %r14, L2_GPR_R14(%rdi)
	mov %r15, L2_GPR_R15(%rdi)
	pop %rax
	mov %rax, L2_GPR_RDI(%rdi)
	xor %eax, %eax
	jmp 3b

	.section .note.GNU-stack, "", @progbits
