/* Host unit tests for the VMX tables: VMCS fields, exit reasons,
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

#include "vmx/ctl_bits.h"
#include "vmx/exit_reason.h"
#include "vmx/vm_error.h"
#include "vmx/vmcs_field.h"

/* ---- VMCS fields: derivation from the encoding (SDM 25.11.2) ---- */

static void test_derive(void **state)
{
	static const struct {
		uint32_t enc;
		enum vmcs_width width;
		enum vmcs_type type;
		bool ro, high;
		unsigned bits;
		const char *group;
	} cases[] = {
		{ 0x681e, VMCS_WIDTH_NATURAL, VMCS_TYPE_GUEST, false, false, 64, "guest" },
		{ 0x4402, VMCS_WIDTH_32, VMCS_TYPE_EXIT_INFO, true, false, 32, "exit-info" },
		{ 0x2001, VMCS_WIDTH_64, VMCS_TYPE_CONTROL, false, true, 32, "control" },
		{ 0x2000, VMCS_WIDTH_64, VMCS_TYPE_CONTROL, false, false, 64, "control" },
		{ 0x0000, VMCS_WIDTH_16, VMCS_TYPE_CONTROL, false, false, 16, "control" },
		{ 0x6c16, VMCS_WIDTH_NATURAL, VMCS_TYPE_HOST, false, false, 64, "host" },
	};

	(void)state;
	assert_int_equal(GUEST_RIP, 0x681e);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t e = cases[i].enc;

		assert_int_equal(vmcs_enc_width(e), cases[i].width);
		assert_int_equal(vmcs_enc_type(e), cases[i].type);
		assert_int_equal(vmcs_enc_read_only(e), cases[i].ro);
		assert_int_equal(vmcs_enc_is_high(e), cases[i].high);
		assert_int_equal(vmcs_enc_bits(e), cases[i].bits);
		assert_string_equal(vmcs_enc_group(e), cases[i].group);
		assert_string_equal(vmcs_access_name(e), cases[i].ro ? "ro" : "rw");
		assert_true(vmcs_enc_well_formed(e));
	}
	assert_string_equal(vmcs_width_name(VMCS_WIDTH_NATURAL), "natural");
	assert_int_equal(vmcs_enc_index(0x4402), 1);
	/* A high access on a 32-bit field and reserved bits are malformed. */
	assert_false(vmcs_enc_well_formed(0x4403));
	assert_false(vmcs_enc_well_formed(0x1000));
	assert_false(vmcs_enc_well_formed(0x8000));
}

static void test_group_parse(void **state)
{
	enum vmcs_type t;

	(void)state;
	assert_true(vmcs_group_parse("GUEST", &t));
	assert_int_equal(t, VMCS_TYPE_GUEST);
	assert_true(vmcs_group_parse("exit-info", &t) && t == VMCS_TYPE_EXIT_INFO);
	assert_true(vmcs_group_parse("exit", &t) && t == VMCS_TYPE_EXIT_INFO);
	assert_false(vmcs_group_parse("guests", &t));
}

/* ---- VMCS fields: lookup ---- */

static void test_lookup(void **state)
{
	const struct vmcs_field *f;

	(void)state;
	f = vmcs_field_by_name("guest_rip");
	assert_non_null(f);
	assert_string_equal(f->name, "GUEST_RIP");
	assert_int_equal(f->encoding, 0x681e);
	assert_ptr_equal(vmcs_field_by_name("Guest_Rip"), f);
	f = vmcs_field_by_name("CPU_BASED_VM_EXEC_CONTROL");
	assert_non_null(f);
	assert_int_equal(f->encoding, 0x4002);
	/* Aliases resolve to the field they stand for. */
	f = vmcs_field_by_name("eptp");
	assert_non_null(f);
	assert_string_equal(f->name, "EPT_POINTER");
	assert_ptr_equal(vmcs_field_by_name("vpid"),
			 vmcs_field_by_name("VIRTUAL_PROCESSOR_ID"));
	f = vmcs_field_by_encoding(0x681e);
	assert_non_null(f);
	assert_string_equal(f->name, "GUEST_RIP");
	assert_string_equal(vmcs_field_by_encoding(0x2001)->name,
			    "IO_BITMAP_A_HIGH");
	assert_null(vmcs_field_by_encoding(0x6ffe));
	/* Unknown names fail. */
	assert_null(vmcs_field_by_name("GUEST_RIPX"));
	assert_null(vmcs_field_by_name("GUEST_"));
	assert_null(vmcs_field_by_name(""));
	assert_null(vmcs_field_at(vmcs_field_count()));
}

static void test_parse(void **state)
{
	struct vmcs_field f;
	char buf[32];

	(void)state;
	assert_int_equal(vmcs_field_parse("guest_rip", &f), VMCS_PARSE_KNOWN);
	assert_int_equal(f.encoding, 0x681e);
	assert_int_equal(vmcs_field_parse("0x681e", &f), VMCS_PARSE_KNOWN);
	assert_string_equal(f.name, "GUEST_RIP");
	assert_int_equal(vmcs_field_parse("0X681E", &f), VMCS_PARSE_KNOWN);
	assert_int_equal(vmcs_field_parse("26654", &f), VMCS_PARSE_KNOWN);
	assert_string_equal(f.name, "GUEST_RIP");
	/* Well-formed but not in the table: still usable. */
	assert_int_equal(vmcs_field_parse("0x6ffe", &f), VMCS_PARSE_RAW);
	assert_null(f.name);
	assert_int_equal(f.encoding, 0x6ffe);
	assert_string_equal(vmcs_field_label(&f, buf, sizeof(buf)), "0x6ffe");
	assert_int_equal(vmcs_field_parse("bogus", &f), VMCS_PARSE_BAD);
	assert_int_equal(vmcs_field_parse("0x", &f), VMCS_PARSE_BAD);
	assert_int_equal(vmcs_field_parse("0x681g", &f), VMCS_PARSE_BAD);
	assert_int_equal(vmcs_field_parse("0x100000000", &f), VMCS_PARSE_BAD);
	assert_int_equal(vmcs_field_parse("", &f), VMCS_PARSE_BAD);
	assert_int_equal(vmcs_format_value(0xabcd, buf, sizeof(buf)), 18);
	assert_string_equal(buf, "0x000000000000abcd");
	vmcs_format_value(UINT64_MAX, buf, sizeof(buf));
	assert_string_equal(buf, "0xffffffffffffffff");
}

/* ---- VMCS fields: the table's own consistency ---- */

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

static void test_no_duplicates(void **state)
{
	size_t n = vmcs_field_count(), na = vmcs_alias_count();

	(void)state;
	assert_true(n > 250);
	for (size_t i = 0; i < n; i++) {
		const struct vmcs_field *a = vmcs_field_at(i);

		for (size_t j = i + 1; j < n; j++) {
			const struct vmcs_field *b = vmcs_field_at(j);

			if (strcasecmp(a->name, b->name) == 0 ||
			    a->encoding == b->encoding)
				fail_msg("duplicate: %s and %s", a->name,
					 b->name);
		}
		for (size_t j = 0; j < na; j++) {
			if (strcasecmp(a->name, vmcs_alias_at(j, NULL)) == 0)
				fail_msg("alias %s is a field name", a->name);
		}
	}
	for (size_t i = 0; i < na; i++) {
		const struct vmcs_field *target = NULL;
		const char *a = vmcs_alias_at(i, &target);

		assert_non_null(target);
		for (size_t j = i + 1; j < na; j++)
			assert_true(strcasecmp(a, vmcs_alias_at(j, NULL)) != 0);
	}
}

/* Every encoding well-formed; a _HIGH field is the high half of the field
 * one below it, and every full 64-bit field has its _HIGH twin. */
static void test_high_twins(void **state)
{
	(void)state;
	for (size_t i = 0; i < vmcs_field_count(); i++) {
		const struct vmcs_field *f = vmcs_field_at(i);
		const struct vmcs_field *twin;
		char want[64];

		if (!vmcs_enc_well_formed(f->encoding))
			fail_msg("%s: malformed encoding", f->name);
		if (ends_with(f->name, "_HIGH") != vmcs_enc_is_high(f->encoding))
			fail_msg("%s: _HIGH suffix and access type differ",
				 f->name);
		if (vmcs_enc_is_high(f->encoding)) {
			twin = vmcs_field_by_encoding(f->encoding - 1);
			assert_non_null(twin);
			snprintf(want, sizeof(want), "%s_HIGH", twin->name);
			assert_string_equal(f->name, want);
		} else if (vmcs_enc_width(f->encoding) == VMCS_WIDTH_64) {
			twin = vmcs_field_by_encoding(f->encoding + 1);
			if (!twin)
				fail_msg("%s: no _HIGH twin", f->name);
		}
	}
}

/* Fields whose prefix says one type but whose encoding says another, as in
 * the SDM: the address fields of VM-exit information and a control. */
static const char *const prefix_exceptions[] = {
	"GUEST_PHYSICAL_ADDRESS", "GUEST_PHYSICAL_ADDRESS_HIGH",
	"GUEST_LINEAR_ADDRESS", "GUEST_DEADLINE_VIR", "GUEST_DEADLINE_VIR_HIGH",
};

static bool is_prefix_exception(const char *name)
{
	for (size_t i = 0; i < sizeof(prefix_exceptions) /
				   sizeof(prefix_exceptions[0]); i++) {
		if (strcmp(name, prefix_exceptions[i]) == 0)
			return true;
	}
	return false;
}

static void test_prefix_matches_type(void **state)
{
	static const struct {
		const char *prefix;
		enum vmcs_type type;
	} rules[] = {
		{ "GUEST_", VMCS_TYPE_GUEST },
		{ "HOST_", VMCS_TYPE_HOST },
		{ "EXIT_", VMCS_TYPE_EXIT_INFO },
		{ "IDT_VECTORING_", VMCS_TYPE_EXIT_INFO },
		{ "CR0_", VMCS_TYPE_CONTROL },
		{ "CR3_", VMCS_TYPE_CONTROL },
		{ "CR4_", VMCS_TYPE_CONTROL },
		{ "VM_ENTRY_", VMCS_TYPE_CONTROL },
	};

	(void)state;
	for (size_t i = 0; i < vmcs_field_count(); i++) {
		const struct vmcs_field *f = vmcs_field_at(i);

		if (is_prefix_exception(f->name))
			continue;
		for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
			size_t n = strlen(rules[r].prefix);

			if (strncmp(f->name, rules[r].prefix, n) == 0 &&
			    vmcs_enc_type(f->encoding) != rules[r].type)
				fail_msg("%s: encoding says %s", f->name,
					 vmcs_enc_group(f->encoding));
		}
	}
	assert_int_equal(vmcs_enc_type(GUEST_PHYSICAL_ADDRESS),
			 VMCS_TYPE_EXIT_INFO);
	assert_int_equal(vmcs_enc_type(VM_EXIT_REASON), VMCS_TYPE_EXIT_INFO);
	assert_int_equal(vmcs_enc_type(VM_EXIT_CONTROLS), VMCS_TYPE_CONTROL);
}

struct names {
	int count;
	char seen[8][48];
};

static void collect(void *ctx, const char *name)
{
	struct names *n = ctx;

	if (n->count < 8)
		snprintf(n->seen[n->count], sizeof(n->seen[0]), "%s", name);
	n->count++;
}

static bool seen(const struct names *n, const char *name)
{
	for (int i = 0; i < n->count && i < 8; i++) {
		if (strcmp(n->seen[i], name) == 0)
			return true;
	}
	return false;
}

static void test_field_completion(void **state)
{
	struct names n = { 0 };

	(void)state;
	vmcs_field_complete("guest_r", collect, &n);
	assert_int_equal(n.count, 3);
	assert_true(seen(&n, "GUEST_RSP"));
	assert_true(seen(&n, "GUEST_RIP"));
	assert_true(seen(&n, "GUEST_RFLAGS"));
	memset(&n, 0, sizeof(n));
	vmcs_field_complete("EPTP", collect, &n);
	assert_true(seen(&n, "EPTP_INDEX"));
	assert_true(seen(&n, "EPTP")); /* the alias */
	memset(&n, 0, sizeof(n));
	vmcs_field_complete("", collect, &n);
	assert_int_equal(n.count, (int)(vmcs_field_count() + vmcs_alias_count()));
	memset(&n, 0, sizeof(n));
	vmcs_field_complete("zz", collect, &n);
	assert_int_equal(n.count, 0);
}

/* ---- Exit reasons ---- */

static void test_exit_reason_lookup(void **state)
{
	struct names names = { 0 };
	unsigned n;

	(void)state;
	assert_int_equal(EXIT_REASON_HLT, 12);
	assert_string_equal(exit_reason_name(12), "HLT");
	assert_string_equal(exit_reason_name(10), "CPUID");
	assert_string_equal(exit_reason_name(33), "INVALID_STATE");
	assert_string_equal(exit_reason_name(35), "UNKNOWN");
	assert_null(exit_reason_by_number(35));
	assert_string_equal(exit_reason_by_number(48)->desc, "EPT violation");
	assert_true(exit_reason_by_name("hlt", &n));
	assert_int_equal(n, 12);
	assert_true(exit_reason_by_name("EXIT_REASON_IO_INSTRUCTION", &n));
	assert_int_equal(n, 30);
	assert_true(exit_reason_by_name("Notify", &n));
	assert_int_equal(n, 75);
	assert_false(exit_reason_by_name("HALT", &n));
	assert_false(exit_reason_by_name("", &n));
	exit_reason_complete("ept_", collect, &names);
	assert_int_equal(names.count, 2);
	assert_true(seen(&names, "EPT_VIOLATION"));
	assert_true(seen(&names, "EPT_MISCONFIG"));
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

static void test_exit_reason_decode(void **state)
{
	struct exit_reason_decoded d;
	char buf[80];

	(void)state;
	d = exit_reason_decode(0x80000021);
	assert_int_equal(d.basic, 33);
	assert_true(d.entry_failure);
	assert_false(d.enclave_mode || d.pending_mtf || d.from_vmx_root);
	assert_int_equal(d.undefined, 0);
	assert_string_equal(d.info->name, "INVALID_STATE");
	d = exit_reason_decode(0x3800000c);
	assert_int_equal(d.basic, 12);
	assert_true(d.enclave_mode && d.pending_mtf && d.from_vmx_root);
	assert_false(d.entry_failure);
	d = exit_reason_decode(0x40010063);
	assert_null(d.info);
	assert_int_equal(d.undefined, 0x40010000);
	exit_reason_flags(0x80000021, buf, sizeof(buf));
	assert_string_equal(buf, "entry-failure");
	exit_reason_flags(0xb800000c, buf, sizeof(buf));
	assert_string_equal(buf,
			    "enclave-mode pending-mtf from-vmx-root entry-failure");
	exit_reason_flags(0x00010000, buf, sizeof(buf));
	assert_string_equal(buf, "undefined=0x00010000");
	exit_reason_flags(12, buf, sizeof(buf));
	assert_string_equal(buf, "");
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
	assert_true(vm_error_known(28));
	assert_false(vm_error_known(14));
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
	ctl_bit_complete(CTL_KIND_PROC2, "enable_v", collect, &n);
	assert_int_equal(n.count, 2);
	assert_true(seen(&n, "ENABLE_VPID"));
	assert_true(seen(&n, "ENABLE_VMFUNC"));
	memset(&n, 0, sizeof(n));
	ctl_kind_complete("pr", collect, &n);
	assert_int_equal(n.count, 3);
	memset(&n, 0, sizeof(n));
	ctl_kind_complete("ex", collect, &n);
	assert_true(seen(&n, "exit") && seen(&n, "exit2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derive),
		cmocka_unit_test(test_group_parse),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_no_duplicates),
		cmocka_unit_test(test_high_twins),
		cmocka_unit_test(test_prefix_matches_type),
		cmocka_unit_test(test_field_completion),
		cmocka_unit_test(test_exit_reason_lookup),
		cmocka_unit_test(test_exit_reason_table),
		cmocka_unit_test(test_exit_reason_decode),
		cmocka_unit_test(test_vm_errors),
		cmocka_unit_test(test_ctl_kinds),
		cmocka_unit_test(test_ctl_lookup),
		cmocka_unit_test(test_ctl_table),
		cmocka_unit_test(test_ctl_decode),
		cmocka_unit_test(test_ctl_completion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
