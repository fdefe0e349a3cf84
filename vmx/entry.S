/* VM entry and the VM-exit trampoline (HOST_RIP).
 *
 * int vmx_enter(struct l2_gprs *g, int launch)
 *   returns 0 after a VM exit (g holds L2's registers), 1 on VMfailInvalid,
 *   2 on VMfailValid. HOST_RSP is written here, right before the entry, so
 *   the exit lands on this very stack frame with g at the top of it. */
#define HOST_RSP 0x6c14
#define G_RAX 0
#define G_RBX 8
#define G_RCX 16
#define G_RDX 24
#define G_RSI 32
#define G_RDI 40
#define G_RBP 48
#define G_R8 56
#define G_R9 64
#define G_R10 72
#define G_R11 80
#define G_R12 88
#define G_R13 96
#define G_R14 104
#define G_R15 112

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
	mov $HOST_RSP, %rax
	vmwrite %rsp, %rax
	mov %esi, %eax            /* launch flag, tested after the loads */
	mov G_RBX(%rdi), %rbx
	mov G_RCX(%rdi), %rcx
	mov G_RDX(%rdi), %rdx
	mov G_RSI(%rdi), %rsi
	mov G_RBP(%rdi), %rbp
	mov G_R8(%rdi), %r8
	mov G_R9(%rdi), %r9
	mov G_R10(%rdi), %r10
	mov G_R11(%rdi), %r11
	mov G_R12(%rdi), %r12
	mov G_R13(%rdi), %r13
	mov G_R14(%rdi), %r14
	mov G_R15(%rdi), %r15
	test %eax, %eax
	mov G_RAX(%rdi), %rax     /* mov leaves the flags of the test */
	mov G_RDI(%rdi), %rdi
	jz 1f
	vmlaunch
	jmp 2f
1:	vmresume
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
	mov %rax, G_RAX(%rdi)
	mov %rbx, G_RBX(%rdi)
	mov %rcx, G_RCX(%rdi)
	mov %rdx, G_RDX(%rdi)
	mov %rsi, G_RSI(%rdi)
	mov %rbp, G_RBP(%rdi)
	mov %r8, G_R8(%rdi)
	mov %r9, G_R9(%rdi)
	mov %r10, G_R10(%rdi)
	mov %r11, G_R11(%rdi)
	mov %r12, G_R12(%rdi)
	mov %r13, G_R13(%rdi)
	mov %r14, G_R14(%rdi)
	mov %r15, G_R15(%rdi)
	pop %rax
	mov %rax, G_RDI(%rdi)
	xor %eax, %eax
	jmp 3b

	.section .note.GNU-stack, "", @progbits
