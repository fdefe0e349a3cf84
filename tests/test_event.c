/* Host unit tests for vmx/event.c: event types and vectors by name, the
 * exceptions that push an error code (SDM Vol. 3A 6.15), the encoding of
 * the interruption information (Vol. 3C 25.8.3) and L2's event state by
 * name (25.4.2). Expected values are worked out from those sections. */
#include "unit.h"

#include "vmx/event.h"
#include "vmx/intr_info.h"

static void test_type_names(void **state)
{
	enum intr_type t;
	(void)state;
	assert_true(event_type_parse("extint", &t));
	assert_int_equal(t, INTR_TYPE_EXT_INTR);
	assert_true(event_type_parse("NMI", &t));
	assert_int_equal(t, INTR_TYPE_NMI_INTR);
	assert_true(event_type_parse("hw", &t));
	assert_int_equal(t, INTR_TYPE_HARD_EXCEPTION);
	assert_true(event_type_parse("exception", &t));
	assert_int_equal(t, INTR_TYPE_HARD_EXCEPTION);
	assert_true(event_type_parse("softint", &t));
	assert_int_equal(t, INTR_TYPE_SOFT_INTR);
	assert_true(event_type_parse("priv-soft-exception", &t));
	assert_int_equal(t, INTR_TYPE_PRIV_SW_EXCEPTION);
	assert_true(event_type_parse("soft-exception", &t));
	assert_int_equal(t, INTR_TYPE_SOFT_EXCEPTION);
	assert_true(event_type_parse("other", &t));
	assert_int_equal(t, INTR_TYPE_OTHER_EVENT);
	assert_true(event_type_parse("1", &t));
	assert_int_equal(t, INTR_TYPE_RESERVED);
	assert_false(event_type_parse("8", &t));
	assert_false(event_type_parse("interrupt", &t));
	for (int i = 0; i < EVENT_TYPE_COUNT; i++) {
		assert_true(event_type_parse(event_type_name((enum intr_type)i), &t));
		assert_int_equal(t, i);
	}
	assert_string_equal(event_type_what(INTR_TYPE_HARD_EXCEPTION), "hardware exception");
}

static void test_vectors(void **state)
{
	unsigned v;
	(void)state;
	assert_true(event_vector_parse("#GP", &v));
	assert_int_equal(v, 13);
	assert_true(event_vector_parse("pf", &v));
	assert_int_equal(v, 14);
	assert_true(event_vector_parse("#db", &v));
	assert_int_equal(v, 1);
	assert_true(event_vector_parse("NMI", &v));
	assert_int_equal(v, 2);
	assert_true(event_vector_parse("0x80", &v));
	assert_int_equal(v, 0x80);
	assert_true(event_vector_parse("255", &v));
	assert_false(event_vector_parse("256", &v));
	assert_false(event_vector_parse("#XX", &v));
	assert_false(event_vector_parse("#", &v));
}

static void test_error_codes(void **state)
{
	static const unsigned with[] = { 8, 10, 11, 12, 13, 14, 17, 21 };
	unsigned n = 0;
	(void)state;
	for (unsigned v = 0; v < 256; v++)
		n += event_error_code_required(v);
	assert_int_equal(n, sizeof(with) / sizeof(with[0]));
	for (unsigned i = 0; i < sizeof(with) / sizeof(with[0]); i++)
		assert_true(event_error_code_required(with[i]));
	assert_false(event_error_code_required(6));
	assert_false(event_error_code_required(2));
}

/* The SDM 26.2.1.3 checks, each on its own, as entry_rules.def writes them. */
static void test_injection_problems(void **state)
{
	(void)state;
	assert_null(event_injection_problem(0, 0, 0, false, false));
	assert_null(event_injection_problem(0x80000306, 0, 0, false, false));
	assert_null(event_injection_problem(0x80000b0d, 0xffff, 0, false, false));
	assert_null(event_injection_problem(0x80000202, 0, 0, false, false));
	assert_null(event_injection_problem(0x80000480, 0, 2, false, false));
	assert_null(event_injection_problem(0x80000480, 0, 0, true, false));
	assert_null(event_injection_problem(0x80000700, 0, 0, false, true));
	assert_non_null(event_injection_problem(0x80000120, 0, 0, false, false));
	assert_non_null(event_injection_problem(0x80000203, 0, 0, false, false));
	assert_non_null(event_injection_problem(0x80000320, 0, 0, false, false));
	assert_non_null(event_injection_problem(0x80000701, 0, 0, false, true));
	assert_non_null(event_injection_problem(0x80000700, 0, 0, false, false));
	assert_non_null(event_injection_problem(0x8000030d, 0, 0, false, false));
	assert_non_null(event_injection_problem(0x80000b06, 0, 0, false, false));
	assert_non_null(event_injection_problem(0x80000a02, 0, 0, false, false));
	assert_non_null(event_injection_problem(0x80001306, 0, 0, false, false));
	assert_non_null(event_injection_problem(0x80000b0d, 0x10000, 0, false, false));
	assert_non_null(event_injection_problem(0x80000480, 0, 16, true, false));
	assert_non_null(event_injection_problem(0x80000480, 0, 0, false, false));
	assert_non_null(event_injection_problem(0x80000603, 0, 0, false, false));
	assert_non_null(event_injection_problem(0x80000501, 0, 16, false, false));
}

static void test_encoding(void **state)
{
	(void)state;
	assert_int_equal(event_info(INTR_TYPE_HARD_EXCEPTION, 13, true), 0x80000b0d);
	assert_int_equal(event_info(INTR_TYPE_HARD_EXCEPTION, 6, false), 0x80000306);
	assert_int_equal(event_info(INTR_TYPE_NMI_INTR, 2, false), 0x80000202);
	assert_int_equal(event_info(INTR_TYPE_EXT_INTR, 0x40, false), 0x80000040);
	assert_int_equal(event_info(INTR_TYPE_SOFT_INTR, 0x80, false), 0x80000480);
	assert_int_equal(event_info(INTR_TYPE_PRIV_SW_EXCEPTION, 1, false), 0x80000501);
	assert_int_equal(event_info(INTR_TYPE_SOFT_EXCEPTION, 3, false), 0x80000603);
	assert_int_equal(event_info(INTR_TYPE_OTHER_EVENT, 0, false), 0x80000700);
	assert_int_equal(event_info(INTR_TYPE_RESERVED, 0x20, false), 0x80000120);
	assert_int_equal(event_default_length(INTR_TYPE_SOFT_INTR, 0x80), 2);
	assert_int_equal(event_default_length(INTR_TYPE_SOFT_EXCEPTION, 3), 1);
	assert_int_equal(event_default_length(INTR_TYPE_PRIV_SW_EXCEPTION, 1), 1);
	assert_int_equal(event_default_length(INTR_TYPE_HARD_EXCEPTION, 13), 0);
}

static void test_block_and_activity(void **state)
{
	uint32_t m;
	char buf[64];
	(void)state;
	assert_true(event_block_parse("sti", &m));
	assert_int_equal(m, 1);
	assert_true(event_block_parse("MOVSS", &m));
	assert_int_equal(m, 2);
	assert_true(event_block_parse("nmi", &m));
	assert_int_equal(m, 8);
	assert_false(event_block_parse("if", &m));
	event_block_format(0, buf, sizeof(buf));
	assert_string_equal(buf, "none");
	event_block_format(0xb, buf, sizeof(buf));
	assert_string_equal(buf, "sti movss nmi");
	event_block_format(0x40, buf, sizeof(buf));
	assert_string_equal(buf, "bit 6");
	assert_int_equal(event_block_format(0xb, buf, 4), 13);
	assert_string_equal(buf, "sti");
	assert_true(event_activity_parse("hlt", &m));
	assert_int_equal(m, 1);
	assert_true(event_activity_parse("wait-sipi", &m));
	assert_int_equal(m, 3);
	assert_true(event_activity_parse("7", &m));
	assert_int_equal(m, 7);
	assert_false(event_activity_parse("sleep", &m));
	assert_string_equal(event_activity_name(0), "active");
	assert_null(event_activity_name(4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_error_codes),
		cmocka_unit_test(test_injection_problems),
		cmocka_unit_test(test_encoding),
		cmocka_unit_test(test_block_and_activity),
	};
	return cmocka_run_group_tests_name("event", tests, NULL, NULL);
}
