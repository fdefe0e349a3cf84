/* Host unit tests for the VM-exit decoders (vmx/decode.c, decode_qual.c,
 * and the reason flags of exit_reason.c): exit qualifications,
 * interruption and instruction information, guest state and reason flags, and what they do with small buffers. Expected
 * values are worked out from the SDM tables named in those files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "vmx/decode.h"
#include "vmx/exit_reason.h"
#include "vmx/intr_info.h"

/* ---- helpers ---- */

static char out[256];

static const char *qual(uint32_t reason, uint64_t q)
{
	vmx_decode_qual(reason, 0, q, out, sizeof(out));
	return out;
}

static const char *entry_qual(uint32_t reason, uint64_t q)
{
	vmx_decode_qual(reason | EXIT_FLAG_ENTRY_FAILURE, 0, q, out, sizeof(out));
	return out;
}

/* Reason 0 with the VM-exit interruption information of a hardware
 * exception with this vector. */
static const char *exception_qual(unsigned vector, uint64_t q)
{
	vmx_decode_qual(0, intr_info_make(INTR_TYPE_HARD_EXCEPTION, vector), q, out,
			sizeof(out));
	return out;
}

/* ---- exit qualifications ---- */

static void test_qual_cr_access(void **state)
{
	(void)state;
	/* mov cr4, rax: CR 4, type 0 (mov to CR), GPR 0 */
	assert_string_equal(qual(28, 0x4), "CR4 mov-to-CR from RAX");
	/* mov rax, cr3: CR 3, type 1 (mov from CR) */
	assert_string_equal(qual(28, 0x13), "CR3 mov-from-CR to RAX");
	/* mov cr8, r12 */
	assert_string_equal(qual(28, 0xc08), "CR8 mov-to-CR from R12");
	assert_string_equal(qual(28, 0x20), "CLTS");
	/* lmsw ax with ax = 1: type 3, register operand, data in 31:16 */
	assert_string_equal(qual(28, 0x10030), "LMSW register, source 0x0001");
	assert_string_equal(qual(28, 0xe0070), "LMSW memory, source 0x000e");
	/* bit 7 is reserved */
	assert_string_equal(qual(28, 0x84), "CR4 mov-to-CR from RAX, reserved 0x80");
}

static void test_qual_dr(void **state)
{
	(void)state;
	assert_string_equal(qual(29, 0x7), "DR7 mov-to-DR from RAX");
	assert_string_equal(qual(29, 0x116), "DR6 mov-from-DR to RCX");
}

static void test_qual_io(void **state)
{
	(void)state;
	/* out 0x80, al: size 0 (1 byte), OUT, immediate, port 0x80 */
	assert_string_equal(qual(30, 0x800040), "out 1 byte port 0x80 (immediate)");
	/* in al, dx with DX = 0x3f8 */
	assert_string_equal(qual(30, 0x3f80008), "in 1 byte port 0x3f8 (DX)");
	/* in eax, 0x60 */
	assert_string_equal(qual(30, 0x60004b), "in 4 bytes port 0x60 (immediate)");
	/* rep outsw with DX = 0x3f8 */
	assert_string_equal(qual(30, 0x3f80031), "out string rep 2 bytes port 0x3f8 (DX)");
	/* an I/O SMI has the same layout */
	assert_string_equal(qual(5, 0x800040), "out 1 byte port 0x80 (immediate)");
}

static void test_qual_ept_violation(void **state)
{
	(void)state;
	assert_string_equal(qual(48, 0x181),
			    "read, not present (---), linear valid, translation");
	/* a write to a page EPT maps read-only */
	assert_string_equal(qual(48, 0x18a),
			    "write, allowed r--, linear valid, translation");
	assert_string_equal(qual(48, 0x81),
			    "read, not present (---), linear valid, paging-structure access");
	/* PDPTE load by MOV CR: no linear address */
	assert_string_equal(qual(48, 0x1), "read, not present (---), linear invalid");
	assert_string_equal(qual(48, 0x11bc),
			    "fetch, allowed rwx, linear valid, translation, NMI unblocking due to IRET");
	assert_string_equal(qual(48, 0x100183),
			    "read+write, not present (---), linear valid, translation, reserved 0x100000");
}

static void test_qual_others(void **state)
{
	(void)state;
	assert_string_equal(qual(12, 0), "none");
	assert_string_equal(qual(12, 0x5), "0x5 (undefined)");
	assert_string_equal(qual(9, 0x40000028), "selector 0x0028 via IRET");
	assert_string_equal(qual(9, 0xc0000030), "selector 0x0030 via IDT task gate");
	assert_string_equal(qual(14, 0x100000), "linear 0x100000");
	assert_string_equal(qual(19, 0x10), "displacement 0x10");
	assert_string_equal(qual(23, 0xfffffffffffffff8ull), "displacement -0x8");
	assert_string_equal(qual(4, 0x9f), "SIPI vector 0x9f (start 0x9f000)");
	assert_string_equal(qual(36, 1), "monitor armed");
	assert_string_equal(qual(44, 0x10b0), "offset 0x0b0, linear data write");
	assert_string_equal(qual(44, 0xa000),
			    "guest-physical access during event delivery");
	assert_string_equal(qual(56, 0x300), "offset 0x300");
	assert_string_equal(qual(62, 0x1000), "NMI unblocking due to IRET");
	assert_string_equal(qual(0, 0), "none");
}

static void test_qual_entry_failure(void **state)
{
	(void)state;
	assert_string_equal(entry_qual(33, 0), "none");
	assert_string_equal(entry_qual(33, 2), "PDPTE load failure");
	assert_string_equal(entry_qual(33, 3), "NMI injection while blocking by STI");
	assert_string_equal(entry_qual(33, 4), "invalid VMCS link pointer");
	assert_string_equal(entry_qual(34, 1), "MSR-load entry 1");
	/* the reasons are decoded as entry failures even without bit 31 */
	assert_string_equal(qual(33, 2), "PDPTE load failure");
	/* bit 31 with a reason that is no entry failure: raw */
	assert_string_equal(entry_qual(28, 4), "0x4 (undefined)");
}

static void test_exception_qual(void **state)
{
	(void)state;
	assert_string_equal(exception_qual(14, 0xdeadb000), "linear 0xdeadb000");
	assert_string_equal(exception_qual(1, 0x4001), "B0, BS");
	assert_string_equal(exception_qual(1, 0x12000), "BD, RTM");
	assert_string_equal(exception_qual(1, 0x20001), "B0, reserved 0x20000");
	assert_string_equal(exception_qual(13, 0), "none");
	/* without a valid vector the meaning is not known */
	assert_string_equal(qual(0, 0xdeadb000),
			    "0xdeadb000 (#PF linear address or #DB conditions)");
	/* an entry failure reports no exception */
	assert_string_equal(entry_qual(0, 0x4), "0x4 (undefined)");
}

/* ---- interruption information ---- */

static const char *intr(uint32_t info)
{
	vmx_decode_intr_info(info, out, sizeof(out));
	return out;
}

static void test_intr_info(void **state)
{
	(void)state;
	assert_string_equal(intr(0x80000b0e),
			    "valid vector 14 (#PF) hardware exception, error code");
	assert_string_equal(intr(0x80000306), "valid vector 6 (#UD) hardware exception");
	assert_string_equal(intr(0x80000202), "valid vector 2 (NMI) NMI");
	assert_string_equal(intr(0x800000ef), "valid vector 239 external interrupt");
	assert_string_equal(intr(0x80000430), "valid vector 48 software interrupt");
	assert_string_equal(intr(0x80000603), "valid vector 3 (#BP) software exception");
	assert_string_equal(intr(0x80000501),
			    "valid vector 1 (#DB) privileged software exception");
	assert_string_equal(intr(0x80000700),
			    "valid vector 0 other event (pending MTF VM exit)");
	assert_string_equal(intr(0x80001b0d),
			    "valid vector 13 (#GP) hardware exception, error code, NMI unblocking due to IRET");
	assert_string_equal(intr(0x80002306),
			    "valid vector 6 (#UD) hardware exception, reserved 0x2000");
	assert_string_equal(intr(0), "invalid");
	assert_string_equal(intr(0xb0e), "invalid");
}

/* ---- guest state ---- */

static const char *ar(uint32_t v)
{
	vmx_decode_access_rights(v, out, sizeof(out));
	return out;
}

static void test_access_rights(void **state)
{
	(void)state;
	assert_string_equal(ar(0xa09b), "code exec/read accessed, DPL 0, P, L, G");
	assert_string_equal(ar(0xc093), "data read/write accessed, DPL 0, P, D/B, G");
	assert_string_equal(ar(0xc0f3), "data read/write accessed, DPL 3, P, D/B, G");
	assert_string_equal(ar(0x8b), "32/64-bit TSS busy, DPL 0, P");
	assert_string_equal(ar(0x82), "LDT, DPL 0, P");
	assert_string_equal(ar(0x9f), "code exec/read conforming accessed, DPL 0, P");
	assert_string_equal(ar(0x10000), "unusable");
	assert_string_equal(ar(0x1c000),
			    "unusable, system type 0 (reserved), DPL 0, not present, D/B, G");
	assert_string_equal(ar(0x0f93),
			    "data read/write accessed, DPL 0, P, reserved 0xf00");
}

static void test_activity_interruptibility_pending(void **state)
{
	(void)state;
	vmx_decode_activity(0, out, sizeof(out));
	assert_string_equal(out, "active");
	vmx_decode_activity(3, out, sizeof(out));
	assert_string_equal(out, "wait-for-SIPI");
	vmx_decode_activity(7, out, sizeof(out));
	assert_string_equal(out, "unknown state 7");

	vmx_decode_interruptibility(0, out, sizeof(out));
	assert_string_equal(out, "none");
	vmx_decode_interruptibility(0x9, out, sizeof(out));
	assert_string_equal(out, "blocking by STI, blocking by NMI");
	vmx_decode_interruptibility(0x32, out, sizeof(out));
	assert_string_equal(out, "blocking by MOV SS, enclave interruption, reserved 0x20");

	vmx_decode_pending_dbg(0, out, sizeof(out));
	assert_string_equal(out, "none");
	vmx_decode_pending_dbg(0x5001, out, sizeof(out));
	assert_string_equal(out, "B0, enabled breakpoint, BS");
	vmx_decode_pending_dbg(0x10000, out, sizeof(out));
	assert_string_equal(out, "RTM");
}

/* ---- instruction information and reason flags ---- */

/* The qualification says "string instruction", which only I/O exits read. */
static const char *ii(uint32_t reason, uint32_t info)
{
	vmx_decode_instr_info(reason, IO_QUAL_STRING, info, out, sizeof(out));
	return out;
}

/* Field positions of the VM-exit instruction-information field. */
#define II(scale, reg1, asz, reg, seg, idx, noidx, base, nobase, reg2) \
	((uint32_t)(scale) | (reg1) << 3 | (asz) << 7 | (reg) << 10 | \
	 (seg) << 15 | (idx) << 18 | (noidx) << 22 | (base) << 23 | \
	 (nobase) << 27 | (uint32_t)(reg2) << 28)

static void test_instr_info(void **state)
{
	(void)state;
	/* vmread rax, rcx */
	assert_string_equal(ii(23, II(0, 0, 0, 1, 0, 0, 0, 0, 0, 1)),
			    "field in RCX, dest RAX");
	/* vmwrite rdx, [rbx] with the field in R8 */
	assert_string_equal(ii(25, II(0, 0, 2, 0, 3, 0, 1, 3, 0, 8)),
			    "field in R8, src DS:[RBX] addr 64-bit");
	/* vmptrld [rax] */
	assert_string_equal(ii(21, II(0, 0, 2, 0, 3, 0, 1, 0, 0, 0)),
			    "operand DS:[RAX] addr 64-bit");
	/* invept rcx, [rdx+rsi*8] */
	assert_string_equal(ii(50, II(3, 0, 2, 0, 3, 6, 0, 2, 0, 1)),
			    "type in RCX, descriptor DS:[RDX+RSI*8] addr 64-bit");
	/* vmclear [disp32] in 32-bit code */
	assert_string_equal(ii(19, II(0, 0, 1, 0, 3, 0, 1, 0, 1, 0)),
			    "operand DS:[disp] addr 32-bit");
	/* rdrand rax */
	assert_string_equal(ii(57, 2u << 11), "dest RAX, operand 64-bit");
	/* lgdt [rdi] */
	assert_string_equal(ii(46, II(0, 0, 2, 0, 3, 0, 1, 7, 0, 2)),
			    "LGDT DS:[RDI] addr 64-bit, operand 16-bit");
	/* ltr ax */
	assert_string_equal(ii(47, II(0, 0, 0, 1, 0, 0, 0, 0, 0, 3)), "LTR RAX");
	/* outsb in 64-bit mode from DS */
	assert_string_equal(ii(30, II(0, 0, 2, 0, 3, 0, 0, 0, 0, 0)),
			    "addr 64-bit, segment DS");
	/* IN and OUT have none (SDM 28.2.5) */
	vmx_decode_instr_info(30, 0, II(0, 0, 2, 0, 3, 0, 0, 0, 0, 0), out, sizeof(out));
	assert_string_equal(out, "");
	assert_string_equal(ii(12, 0x12345678), "");
	assert_string_equal(ii(0xffff, 0x12345678), "");
}

static void test_reason_flags(void **state)
{
	(void)state;
	exit_reason_flags(0x80000021, out, sizeof(out));
	assert_string_equal(out, "entry failure");
	exit_reason_flags(0x30000006, out, sizeof(out));
	assert_string_equal(out, "from VMX root, pending MTF");
	exit_reason_flags(0x0c00000c, out, sizeof(out));
	assert_string_equal(out, "enclave mode, bus lock");
	exit_reason_flags(12, out, sizeof(out));
	assert_string_equal(out, "");
	exit_reason_flags(0x40010000, out, sizeof(out));
	assert_string_equal(out, "undefined 0x40010000");
}

/* ---- small buffers ---- */

static void test_truncation(void **state)
{
	char buf[16];
	int full, n;
	(void)state;
	full = vmx_decode_qual(30, 0, 0x800040, out, sizeof(out));
	assert_int_equal(full, (int)strlen("out 1 byte port 0x80 (immediate)"));

	for (int size = 0; size <= 8; size++) {
		memset(buf, 'Z', sizeof(buf));
		n = vmx_decode_qual(30, 0, 0x800040, size ? buf : NULL, size);
		assert_int_equal(n, full);
		if (size) {
			assert_int_equal(strlen(buf), size - 1);
			assert_memory_equal(buf, out, size - 1);
		}
		for (int i = size; i < (int)sizeof(buf); i++)
			assert_int_equal(buf[i], 'Z');
	}

	/* every one-line decoder, into 5 bytes */
	memset(buf, 'Z', sizeof(buf));
	assert_true(vmx_decode_qual(48, 0, 0x1fff, buf, 5) > 5);
	assert_true(vmx_decode_intr_info(0x80000b0e, buf, 5) > 5);
	assert_true(vmx_decode_access_rights(0xa09b, buf, 5) > 5);
	assert_true(vmx_decode_activity(3, buf, 5) > 5);
	assert_true(vmx_decode_interruptibility(0x1f, buf, 5) > 5);
	assert_true(vmx_decode_pending_dbg(0x1500f, buf, 5) > 5);
	assert_true(vmx_decode_instr_info(50, 0, 0x10000000, buf, 5) > 5);
	assert_true(exit_reason_flags(0xb8000000, buf, 5) > 5);
	assert_true(vmx_decode_qual(0, intr_info_make(INTR_TYPE_HARD_EXCEPTION, 1), 0xf, buf, 5) > 5);
	assert_int_equal(strlen(buf), 4);
	for (int i = 5; i < (int)sizeof(buf); i++)
		assert_int_equal(buf[i], 'Z');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qual_cr_access),
		cmocka_unit_test(test_qual_dr),
		cmocka_unit_test(test_qual_io),
		cmocka_unit_test(test_qual_ept_violation),
		cmocka_unit_test(test_qual_others),
		cmocka_unit_test(test_qual_entry_failure),
		cmocka_unit_test(test_exception_qual),
		cmocka_unit_test(test_intr_info),
		cmocka_unit_test(test_access_rights),
		cmocka_unit_test(test_activity_interruptibility_pending),
		cmocka_unit_test(test_instr_info),
		cmocka_unit_test(test_reason_flags),
		cmocka_unit_test(test_truncation),
	};
	return cmocka_run_group_tests_name("decode_exit", tests, NULL, NULL);
}
