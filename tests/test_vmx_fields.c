/* Host unit tests for the VMCS field table (vmx/vmcs_field.def and
 * vmx/vmcs_field.c): what the encoding bits say, lookup and parsing, the
 * table's own consistency, and name completion. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tests/collect_names.h"
#include "vmx/vmcs_field.h"

/* ---- VMCS fields: derivation from the encoding (SDM 25.11.2) ---- */

static void test_derive(void **state)
{
	static const struct {
		uint32_t enc;
		enum vmcs_width width;
		enum vmcs_type type;
		bool ro, high;
		const char *group;
	} cases[] = {
		{ 0x681e, VMCS_WIDTH_NATURAL, VMCS_TYPE_GUEST, false, false, "guest" },
		{ 0x4402, VMCS_WIDTH_32, VMCS_TYPE_EXIT_INFO, true, false, "exit-info" },
		{ 0x2001, VMCS_WIDTH_64, VMCS_TYPE_CONTROL, false, true, "control" },
		{ 0x2000, VMCS_WIDTH_64, VMCS_TYPE_CONTROL, false, false, "control" },
		{ 0x0000, VMCS_WIDTH_16, VMCS_TYPE_CONTROL, false, false, "control" },
		{ 0x6c16, VMCS_WIDTH_NATURAL, VMCS_TYPE_HOST, false, false, "host" },
	};

	(void)state;
	assert_int_equal(GUEST_RIP, 0x681e);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t e = cases[i].enc;

		assert_int_equal(vmcs_enc_width(e), cases[i].width);
		assert_int_equal(vmcs_enc_type(e), cases[i].type);
		assert_int_equal(vmcs_enc_read_only(e), cases[i].ro);
		assert_int_equal(vmcs_enc_is_high(e), cases[i].high);
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
	};

	return cmocka_run_group_tests_name("vmx_fields", tests, NULL, NULL);
}
