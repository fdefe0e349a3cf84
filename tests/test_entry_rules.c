/* Host unit tests of the VM-entry rule table (vmx/entry_rules.def): every
 * rule is well formed, so that `check` can only fail on what the L0 does. */
#include "tests/unit.h"
#include "vmx/entry_rules.h"
#include "vmx/vmcs_field.h"
#include "vmx/ctl_bits.h"

static bool is_control_field(uint32_t enc)
{
	for (int k = 0; k < CTL_KIND_COUNT; k++)
		if (ctl_kind_info((enum ctl_kind)k)->field == enc)
			return true;
	return false;
}

static void test_names_unique_and_found(void **state)
{
	(void)state;
	assert_true(entry_rule_count() >= 100);
	for (size_t i = 0; i < entry_rule_count(); i++) {
		const struct entry_rule *r = entry_rule_at(i);
		assert_ptr_equal(entry_rule_by_name(r->name), r);
		for (size_t j = i + 1; j < entry_rule_count(); j++)
			if (!strcmp(r->name, entry_rule_at(j)->name))
				FAIL("rule %s twice", r->name);
	}
	assert_null(entry_rule_at(entry_rule_count()));
	assert_null(entry_rule_by_name("no-such-rule"));
}

/* Each write names a field of the table, writable (not exit information),
 * with at most one sweep, of the kind that fits the field. */
static void test_writes_well_formed(void **state)
{
	(void)state;
	for (size_t i = 0; i < entry_rule_count(); i++) {
		const struct entry_rule *r = entry_rule_at(i);
		unsigned sweeps = 0, n = 0;
		for (; n < ENTRY_RULE_WRITES && r->w[n].op != EW_NONE; n++) {
			const struct entry_write *w = &r->w[n];
			if (!vmcs_field_by_encoding(w->field))
				FAIL("%s: unknown field 0x%x", r->name, w->field);
			if (vmcs_enc_read_only(w->field))
				FAIL("%s: writes read-only %s", r->name, vmcs_field_by_encoding(w->field)->name);
			sweeps += entry_op_is_sweep(w->op);
			if (w->op == EW_SWEEP_CTL && !is_control_field(w->field))
				FAIL("%s: SWEEP_CTL on a field that is no control field", r->name);
			if (w->op == EW_SWEEP_CR && w->field != HOST_CR0 && w->field != HOST_CR4 &&
			    w->field != GUEST_CR0 && w->field != GUEST_CR4)
				FAIL("%s: SWEEP_CR on a field that is no CR0/CR4", r->name);
			if (w->op == EW_SWEEP_BITS && !w->value)
				FAIL("%s: SWEEP_BITS with no bits", r->name);
			if ((w->op == EW_SETV || w->op == EW_ORV) && (w->value < V_PHYS || w->value > V_ZERO_LENGTH))
				FAIL("%s: unknown machine value %llu", r->name, (unsigned long long)w->value);
		}
		if (n == 0)
			FAIL("%s writes nothing", r->name);
		for (unsigned k = n; k < ENTRY_RULE_WRITES; k++)
			if (r->w[k].op != EW_NONE)
				FAIL("%s: a write after an empty slot", r->name);
		if (sweeps > 1)
			FAIL("%s: %u sweeps", r->name, sweeps);
	}
}

/* The outcome fits the area: controls 7, host 8, guest state exit 33. */
static void test_outcomes_fit_areas(void **state)
{
	(void)state;
	for (size_t i = 0; i < entry_rule_count(); i++) {
		const struct entry_rule *r = entry_rule_at(i);
		if (strncmp(r->section, "26.", 3))
			FAIL("%s: section %s is not in SDM 26", r->name, r->section);
		if (r->area == AREA_CTL && !(r->expect == EXPECT_VMFAIL && r->code == 7))
			FAIL("%s: a control rule expects VMfailValid(7)", r->name);
		if (r->area == AREA_HOST && !(r->expect == EXPECT_VMFAIL && r->code == 8))
			FAIL("%s: a host rule expects VMfailValid(8)", r->name);
		if (r->area == AREA_GUEST && r->expect == EXPECT_VMFAIL)
			FAIL("%s: a guest rule fails the entry with exit 33, not VMfail", r->name);
		if (r->expect == EXPECT_INVALID && r->code != 0 && r->code != 4)
			FAIL("%s: qualification %u is not one SDM 27.8 gives", r->name, r->code);
	}
}

static void test_areas(void **state)
{
	enum entry_area a;
	(void)state;
	assert_true(entry_area_by_name("controls", &a));
	assert_int_equal(a, AREA_CTL);
	assert_true(entry_area_by_name("guest", &a));
	assert_int_equal(a, AREA_GUEST);
	assert_false(entry_area_by_name("nothing", &a));
	assert_string_equal(entry_area_name(AREA_HOST), "host");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_unique_and_found),
		cmocka_unit_test(test_writes_well_formed),
		cmocka_unit_test(test_outcomes_fit_areas),
		cmocka_unit_test(test_areas),
	};
	return cmocka_run_group_tests_name("entry_rules", tests, NULL, NULL);
}
