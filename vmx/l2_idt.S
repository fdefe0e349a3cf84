/* L2's report handlers (see l2_idt.h), assembled into the monitor's image
 * as data and copied to L2_EVENTS in L2's memory; the monitor never runs
 * them. Position-independent but for the absolute L2 addresses of
 * l2_idt.h. */
#include "l2_idt.h"

	.section .rodata
	.altmacro
	.balign 16
	.globl l2_report_code, l2_report_code_end, l2_report_vmcall

/* One stub per vector, on the IST stack: save RAX, AL = vector, then a
 * JMP rel32 (E9), written out so that every stub is 8 bytes. */
.macro STUB v
	push %rax
	mov $\v, %al
	.byte 0xe9
	.long l2_report_common - (. + 4)
.endm

l2_report_code:
.set i, 0
.rept 256
	STUB %i
	.set i, i + 1
.endr
	.org l2_report_code + L2_EVENT_COMMON, 0x90 /* fails if the stubs overran */

/* [rsp] = the interrupted RAX, then the CPU's frame: an error code when
 * the frame is 6 words deep (IST top - 48), then RIP, CS, RFLAGS, RSP, SS. */
l2_report_common:
	push %rbx
	push %rcx
	push %rdx
	push %rsi
	movzbl %al, %eax
	mov $-1, %rbx
	lea 40(%rsp), %rsi
	cmp $(L2_EVENT_IST_TOP - 48), %rsi
	jne 1f
	mov (%rsi), %rbx
	add $8, %rsi
1:	mov (%rsi), %rcx
	mov 16(%rsi), %rdx
	mov 24(%rsi), %rsi
l2_report_vmcall:
	vmcall
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rbx
	cmp $(L2_EVENT_IST_TOP - 56), %rsp
	pop %rax
	jne 2f
	add $8, %rsp              /* the error code */
2:	iretq
l2_report_code_end:
	.section .note.GNU-stack, "", @progbits
