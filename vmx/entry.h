/* What vmx/entry.S and C share: the layout of L2's general-purpose
 * registers as the monitor keeps them, and the one VMCS field entry.S
 * writes. The assembler sees only the #defines; the C side checks them
 * against the structure and the field table, so a change of one without
 * the other breaks the build instead of L2's registers. */
#ifndef VMX_ENTRY_H
#define VMX_ENTRY_H

#define L2_GPR_RAX 0
#define L2_GPR_RBX 8
#define L2_GPR_RCX 16
#define L2_GPR_RDX 24
#define L2_GPR_RSI 32
#define L2_GPR_RDI 40
#define L2_GPR_RBP 48
#define L2_GPR_R8 56
#define L2_GPR_R9 64
#define L2_GPR_R10 72
#define L2_GPR_R11 80
#define L2_GPR_R12 88
#define L2_GPR_R13 96
#define L2_GPR_R14 104
#define L2_GPR_R15 112
#define L2_GPRS_SIZE 120

/* vmx_enter's mode bits. */
#define ENTER_LAUNCH 1 /* VMLAUNCH, else VMRESUME */
#define ENTER_MOV_SS 2 /* right after a MOV to SS (blocking by MOV SS) */

/* HOST_RSP (SDM appendix B): written right before every entry. */
#define ENTRY_HOST_RSP 0x6c14

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

/* L2's general-purpose registers but RSP (which is GUEST_RSP). */
struct l2_gprs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
};

#define L2_GPR_AT(reg, REG) \
	_Static_assert(offsetof(struct l2_gprs, reg) == L2_GPR_##REG, "entry.h: L2_GPR_" #REG)
L2_GPR_AT(rax, RAX);
L2_GPR_AT(rbx, RBX);
L2_GPR_AT(rcx, RCX);
L2_GPR_AT(rdx, RDX);
L2_GPR_AT(rsi, RSI);
L2_GPR_AT(rdi, RDI);
L2_GPR_AT(rbp, RBP);
L2_GPR_AT(r8, R8);
L2_GPR_AT(r9, R9);
L2_GPR_AT(r10, R10);
L2_GPR_AT(r11, R11);
L2_GPR_AT(r12, R12);
L2_GPR_AT(r13, R13);
L2_GPR_AT(r14, R14);
L2_GPR_AT(r15, R15);
#undef L2_GPR_AT
_Static_assert(sizeof(struct l2_gprs) == L2_GPRS_SIZE, "entry.h: L2_GPRS_SIZE");

/* Loads g into L2's registers and runs VMLAUNCH or VMRESUME as mode
 * (ENTER_* bits) says. Returns 0 after a VM exit, with L2's registers in
 * g; 1 on VMfailInvalid; 2 on VMfailValid. */
int vmx_enter(struct l2_gprs *g, int mode);
#endif
#endif
