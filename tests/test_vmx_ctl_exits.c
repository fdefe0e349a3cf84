/* Host unit tests for the VMX tables other than the fields: exit reasons,
 * VM-instruction errors and control bits (the .def files in vmx/ and the
 * code that serves them). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tests/collect_names.h"
#include "vmx/ctl_bits.h"
#include "vmx/exit_reason.h"
#include "vmx/vm_error.h"
#include "vmx/vmcs_field.h"

/* ---- Exit reasons ---- */

static void test_exit_reason_lookup(void **state)
{
	(void)state;
	assert_int_equal(EXIT_REASON_HLT, 12);
	assert_string_equal(exit_reason_name(12), "HLT");
	assert_string_equal(exit_reason_name(10), "CPUID");
	assert_string_equal(exit_reason_name(33), "INVALID_STATE");
	assert_string_equal(exit_reason_name(35), "UNKNOWN");
	assert_null(exit_reason_by_number(35));
	assert_string_equal(exit_reason_by_number(48)->desc, "EPT violation");
	assert_int_equal(EXIT_REASON_IO_INSTRUCTION, 30);
	assert_int_equal(EXIT_REASON_NOTIFY, 75);
	/* SDM 28.8: the reasons that report a failed VM entry */
	assert_true(exit_reason_is_entry_failure(33));
	assert_true(exit_reason_is_entry_failure(34));
	assert_true(exit_reason_is_entry_failure(41));
	assert_false(exit_reason_is_entry_failure(12));
}

static void test_exit_reason_table(void **state)
{
	(void)state;
	assert_true(exit_reason_count() >= 75);
	for (size_t i = 1; i < exit_reason_count(); i++) {
		const struct exit_reason_info *a = exit_reason_at(i - 1);
		const struct exit_reason_info *b = exit_reason_at(i);

		assert_true(a->number < b->number);
		for (size_t j = 0; j < i; j++)
			assert_true(strcasecmp(exit_reason_at(j)->name,
					       b->name) != 0);
	}
	assert_null(exit_reason_at(exit_reason_count()));
}

/* The named flags: each one bit of 31:16, none of them the same, highest
 * first; the decoder shows exactly the words of the table. */
static void test_exit_flags(void **state)
{
	char buf[80];
	uint32_t seen_bits = 0;

	(void)state;
	assert_int_equal(exit_flag_count(), 5);
	assert_null(exit_flag_at(exit_flag_count()));
	for (size_t i = 0; i < exit_flag_count(); i++) {
		const struct exit_flag *f = exit_flag_at(i);

		assert_int_equal(__builtin_popcount(f->mask), 1);
		assert_true(f->mask >= 1u << 16);
		assert_int_equal(seen_bits & f->mask, 0);
		if (i > 0)
			assert_true(exit_flag_at(i - 1)->mask > f->mask);
		seen_bits |= f->mask;
		exit_reason_flags(f->mask | 12, buf, sizeof(buf));
		assert_string_equal(buf, f->word);
	}
	assert_int_equal(EXIT_FLAG_ENTRY_FAILURE, 0x80000000u);
	assert_int_equal(EXIT_FLAG_BUS_LOCK, 1u << 26);
	exit_reason_flags(0xb800000c, buf, sizeof(buf));
	assert_string_equal(buf, "entry failure, from VMX root, pending MTF, enclave mode");
	exit_reason_label(12, buf, sizeof(buf));
	assert_string_equal(buf, "HLT (12)");
	exit_reason_label(99, buf, sizeof(buf));
	assert_string_equal(buf, "UNKNOWN (99)");
}

/* ---- VM-instruction errors ---- */

static void test_vm_errors(void **state)
{
	char buf[96];

	(void)state;
	assert_string_equal(vm_error_text(7),
			    "VM entry with invalid control field(s)");
	assert_string_equal(vm_error_text(13),
			    "VMWRITE to read-only VMCS component");
	assert_string_equal(vm_error_text(12),
			    "VMREAD/VMWRITE from/to unsupported VMCS component");
	assert_int_equal(VMXERR_UNSUPPORTED_VMCS_COMPONENT, 12);
	assert_int_equal(VMXERR_INVALID_OPERAND_TO_INVEPT_INVVPID, 28);
	assert_string_equal(vm_error_at(0)->name, "VMCALL_IN_VMX_ROOT_OPERATION");
	assert_string_equal(vm_error_text(14), "unknown VM-instruction error");
	assert_string_equal(vm_error_text(0), "unknown VM-instruction error");
	assert_string_equal(vm_error_text(29), "unknown VM-instruction error");
	vm_error_format(13, buf, sizeof(buf));
	assert_string_equal(buf,
			    "VMfailValid(13): VMWRITE to read-only VMCS component");
	assert_int_equal(vm_error_count(), 25);
	for (size_t i = 1; i < vm_error_count(); i++)
		assert_true(vm_error_at(i - 1)->number < vm_error_at(i)->number);
}

/* ---- Control bits ---- */

static void test_ctl_kinds(void **state)
{
	const struct ctl_kind_info *k;
	enum ctl_kind kind;
	unsigned bit;

	(void)state;
	assert_true(ctl_kind_by_name("proc2", &kind));
	assert_int_equal(kind, CTL_KIND_PROC2);
	k = ctl_kind_info(kind);
	assert_int_equal(k->field, 0x401e);
	assert_int_equal(k->cap_msr, 0x48b);
	assert_int_equal(k->true_msr, 0);
	assert_true(ctl_kind_by_name("PIN", &kind));
	assert_int_equal(ctl_kind_info(kind)->cap_msr, 0x481);
	assert_int_equal(ctl_kind_info(kind)->true_msr, 0x48d);
	assert_true(ctl_kind_by_name("entry", &kind));
	assert_int_equal(ctl_kind_info(kind)->field, 0x4012);
	assert_int_equal(ctl_kind_info(kind)->true_msr, 0x490);
	assert_true(ctl_kind_by_name("proc3", &kind));
	assert_int_equal(ctl_kind_info(kind)->field, 0x2034);
	assert_int_equal(ctl_kind_info(kind)->cap_msr, 0x492);
	assert_false(ctl_kind_by_name("bogus", &kind));
	assert_null(ctl_kind_info(CTL_KIND_COUNT));
	/* SDM 25.6.2, 25.7.1: what activates the optional kinds */
	assert_true(ctl_kind_activation(CTL_KIND_PROC2, &kind, &bit));
	assert_int_equal(kind, CTL_KIND_PROC);
	assert_int_equal(bit, 31);
	assert_true(ctl_kind_activation(CTL_KIND_PROC3, &kind, &bit));
	assert_int_equal(bit, 17);
	assert_true(ctl_kind_activation(CTL_KIND_EXIT2, &kind, &bit));
	assert_int_equal(kind, CTL_KIND_EXIT);
	assert_int_equal(bit, 31);
	assert_false(ctl_kind_activation(CTL_KIND_PIN, &kind, &bit));
	assert_false(ctl_kind_activation(CTL_KIND_ENTRY, &kind, &bit));
	/* Every kind's field is a control field in the table. */
	for (int i = 0; i < CTL_KIND_COUNT; i++) {
		k = ctl_kind_info((enum ctl_kind)i);
		assert_int_equal(k->kind, i);
		assert_non_null(vmcs_field_by_encoding(k->field));
		assert_int_equal(vmcs_enc_type(k->field), VMCS_TYPE_CONTROL);
	}
}

static void test_ctl_lookup(void **state)
{
	static const struct {
		enum ctl_kind kind;
		const char *name;
		int bit; /* -1: no such bit in this kind */
	} cases[] = {
		{ CTL_KIND_PROC, "hlt_exiting", 7 },
		{ CTL_KIND_PROC, "CPU_BASED_HLT_EXITING", 7 },
		{ CTL_KIND_EXIT, "LOAD_IA32_PAT", 19 },
		{ CTL_KIND_ENTRY, "load_ia32_pat", 14 },
		{ CTL_KIND_PROC2, "ENABLE_EPT", 1 },
		{ CTL_KIND_PROC2, "unrestricted_guest", 7 },
		{ CTL_KIND_PIN, "NMI_EXITING", 3 },
		{ CTL_KIND_PROC3, "TERTIARY_EXEC_IPI_VIRT", 4 },
		{ CTL_KIND_PIN, "HLT_EXITING", -1 },
		{ CTL_KIND_PROC, "HLT", -1 },
		{ CTL_KIND_COUNT, "HLT_EXITING", -1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ctl_bit *b = ctl_bit_by_name(cases[i].kind,
							  cases[i].name);

		if (cases[i].bit < 0) {
			assert_null(b);
			continue;
		}
		assert_non_null(b);
		assert_int_equal(b->bit, cases[i].bit);
		assert_int_equal(b->kind, cases[i].kind);
	}
	assert_string_equal(ctl_bit_by_number(CTL_KIND_PROC, 27)->name,
			    "MONITOR_TRAP_FLAG");
	assert_null(ctl_bit_by_number(CTL_KIND_PROC, 26));
	assert_int_equal(CTL_PROC_HLT_EXITING, 7);
	assert_true(CTL_MASK(PROC2, ENABLE_VPID) == 0x20);
}

static void test_ctl_table(void **state)
{
	(void)state;
	for (int k = 0; k < CTL_KIND_COUNT; k++) {
		size_t n = ctl_bit_count((enum ctl_kind)k);
		unsigned width = ctl_kind_info((enum ctl_kind)k)->width;

		assert_true(n > 0);
		assert_null(ctl_bit_at((enum ctl_kind)k, n));
		for (size_t i = 0; i < n; i++) {
			const struct ctl_bit *a = ctl_bit_at((enum ctl_kind)k, i);

			assert_int_equal(a->kind, k);
			assert_true(a->bit < width);
			if (i > 0)
				assert_true(ctl_bit_at((enum ctl_kind)k, i - 1)->bit <
					    a->bit);
			for (size_t j = 0; j < i; j++)
				assert_true(strcasecmp(
					ctl_bit_at((enum ctl_kind)k, j)->name,
					a->name) != 0);
		}
	}
}

static void test_ctl_decode(void **state)
{
	char buf[128], small[8];
	uint64_t v = CTL_MASK(PROC, HLT_EXITING) | CTL_MASK(PROC, USE_IO_BITMAPS) |
		     (1ull << 26);
	int n;

	(void)state;
	n = ctl_decode(CTL_KIND_PROC, v, buf, sizeof(buf));
	assert_string_equal(buf, "HLT_EXITING, USE_IO_BITMAPS, bit 26");
	assert_int_equal(n, (int)strlen(buf));
	assert_int_equal(ctl_decode(CTL_KIND_PROC, 0, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	/* A short buffer keeps a NUL and the return says what was wanted. */
	assert_int_equal(ctl_decode(CTL_KIND_PROC, v, small, sizeof(small)), n);
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_int_equal(ctl_decode(CTL_KIND_PROC, v, NULL, 0), n);
	ctl_decode(CTL_KIND_EXIT, CTL_MASK(EXIT, LOAD_IA32_PAT) | (1ull << 40),
		   buf, sizeof(buf));
	assert_string_equal(buf, "LOAD_IA32_PAT, bit 40");
	ctl_decode(CTL_KIND_ENTRY, 1ull << 14, buf, sizeof(buf));
	assert_string_equal(buf, "LOAD_IA32_PAT");
}

static void test_ctl_completion(void **state)
{
	struct names n = { 0 };

	(void)state;
	ctl_kind_complete("pr", collect, &n);
	assert_int_equal(n.count, 3);
	memset(&n, 0, sizeof(n));
	ctl_kind_complete("ex", collect, &n);
	assert_true(seen(&n, "exit") && seen(&n, "exit2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exit_reason_lookup),
		cmocka_unit_test(test_exit_reason_table),
		cmocka_unit_test(test_exit_flags),
		cmocka_unit_test(test_vm_errors),
		cmocka_unit_test(test_ctl_kinds),
		cmocka_unit_test(test_ctl_lookup),
		cmocka_unit_test(test_ctl_table),
		cmocka_unit_test(test_ctl_decode),
		cmocka_unit_test(test_ctl_completion),
	};

	return cmocka_run_group_tests_name("vmx_ctl_exits", tests, NULL, NULL);
}
