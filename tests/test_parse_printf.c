/* Host unit tests of monitor/parse.c and monitor/printf.c, compiled
 * unchanged with -DHOST_TEST under ASan/UBSan.
 * Run with CMOCKA_MESSAGE_OUTPUT=TAP for TAP output (`make unit`). */
#include "tests/unit.h"

#include "monitor/parse.h"
#include "monitor/printf.h"

/* ---- parse_u64 --------------------------------------------------------- */

static void check_u64(const char *s, uint64_t want)
{
	uint64_t v = 0xdeadbeef;
	if (!parse_u64(s, &v))
		FAIL("parse_u64(\"%s\"): expected %#llx, saw rejection", s,
		     (unsigned long long)want);
	if (v != want)
		FAIL("parse_u64(\"%s\"): expected %#llx, saw %#llx", s,
		     (unsigned long long)want, (unsigned long long)v);
}

static void check_u64_rejected(const char *s)
{
	uint64_t v = 0x1234;
	if (parse_u64(s, &v))
		FAIL("parse_u64(\"%s\"): expected rejection, saw %#llx", s,
		     (unsigned long long)v);
	assert_int_equal(v, 0x1234); /* *out untouched on failure */
}

static void parse_u64_decimal(void **state)
{
	(void)state;
	check_u64("0", 0);
	check_u64("7", 7);
	check_u64("4096", 4096);
	check_u64("010", 10); /* a leading 0 is not octal */
}

static void parse_u64_hex(void **state)
{
	(void)state;
	check_u64("0x0", 0);
	check_u64("0x681e", 0x681e);
	check_u64("0X681E", 0x681e);
	check_u64("0xAbCdEf", 0xabcdef);
	check_u64("0x00000000000000ff", 0xff);
}

static void parse_u64_limits(void **state)
{
	(void)state;
	check_u64("0xffffffffffffffff", UINT64_MAX);
	check_u64("18446744073709551615", UINT64_MAX);
	check_u64_rejected("0x10000000000000000");
	check_u64_rejected("18446744073709551616");
	check_u64_rejected("99999999999999999999");
	check_u64_rejected("0x1ffffffffffffffff");
}

static void parse_u64_junk(void **state)
{
	(void)state;
	check_u64_rejected("");
	check_u64_rejected(NULL);
	check_u64_rejected("0x");
	check_u64_rejected("0X");
	check_u64_rejected("x10");
	check_u64_rejected("12a");
	check_u64_rejected("0xg");
	check_u64_rejected("ff"); /* hex needs the prefix */
	check_u64_rejected("-1");
	check_u64_rejected("+1");
	check_u64_rejected(" 1");
	check_u64_rejected("1 ");
	check_u64_rejected("0x 1");
}

/* ---- parse_tokenize ---------------------------------------------------- */

static void tokenize_blanks_and_tabs(void **state)
{
	char line[] = "  mem\tread \t 0x1000   16\t";
	char *argv[8];
	(void)state;
	assert_int_equal(parse_tokenize(line, argv, 8), 4);
	assert_string_equal(argv[0], "mem");
	assert_string_equal(argv[1], "read");
	assert_string_equal(argv[2], "0x1000");
	assert_string_equal(argv[3], "16");
}

static void tokenize_empty(void **state)
{
	char empty[] = "", blank[] = " \t \t";
	char *argv[2];
	(void)state;
	assert_int_equal(parse_tokenize(empty, argv, 2), 0);
	assert_int_equal(parse_tokenize(blank, argv, 2), 0);
}

static void tokenize_max_words(void **state)
{
	char exact[] = "a b c", over[] = "a b c d", trail[] = "a b c   ";
	char *argv[3];
	(void)state;
	assert_int_equal(parse_tokenize(exact, argv, 3), 3);
	assert_string_equal(argv[2], "c");
	assert_int_equal(parse_tokenize(trail, argv, 3), 3);
	assert_int_equal(parse_tokenize(over, argv, 3), -1);
}

/* ---- fmt_snprintf ------------------------------------------------------ */

#define CHECK_FMT(want, ...)                                                 \
	do {                                                                 \
		char b_[128];                                                \
		int n_ = fmt_snprintf(b_, sizeof(b_), __VA_ARGS__);          \
		assert_string_equal(b_, want);                               \
		assert_int_equal(n_, (int)strlen(want));                     \
	} while (0)

static void printf_signed(void **state)
{
	(void)state;
	CHECK_FMT("0 -1 42", "%d %i %d", 0, -1, 42);
	CHECK_FMT("-2147483648", "%d", (int)INT32_MIN);
	CHECK_FMT("-9223372036854775808", "%lld", (long long)INT64_MIN);
	CHECK_FMT("-5|   -5|-5   |-0005", "%d|%5d|%-5d|%05d", -5, -5, -5, -5);
	CHECK_FMT("  -7", "%*d", 4, -7);
}

static void printf_unsigned(void **state)
{
	(void)state;
	CHECK_FMT("4294967295", "%u", 0xffffffffu);
	CHECK_FMT("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	CHECK_FMT("123 456", "%lu %zu", 123ul, (size_t)456);
}

static void printf_hex(void **state)
{
	(void)state;
	CHECK_FMT("0 ff FF", "%x %x %X", 0u, 255u, 255u);
	CHECK_FMT("ffffffff", "%x", -1);
	CHECK_FMT("000000000000681e", "%016llx", 0x681eull);
	CHECK_FMT("ffffffffffffffff", "%016llx", (unsigned long long)UINT64_MAX);
	CHECK_FMT("0x0000000000001004", "0x%016lx", 0x1004ul);
	CHECK_FMT("    beef", "%8x", 0xbeefu);
}

static const char *volatile null_string; /* hidden from -Wformat */

static void printf_strings(void **state)
{
	(void)state;
	CHECK_FMT("[vmcs    ]", "[%-8s]", "vmcs");
	CHECK_FMT("[    vmcs]", "[%8s]", "vmcs");
	CHECK_FMT("[toolongname]", "[%-8s]", "toolongname");
	CHECK_FMT("abc", "%.3s", "abcdef");
	CHECK_FMT("ab", "%.3s", "ab");
	CHECK_FMT("[  abc]", "[%5.3s]", "abcdef");
	CHECK_FMT("(null)", "%s", null_string);
}

static void printf_char_pointer_percent(void **state)
{
	(void)state;
	CHECK_FMT("a-Z", "%c-%c", 'a', 'Z');
	CHECK_FMT("0x1234", "%p", (void *)0x1234);
	CHECK_FMT("0x0", "%p", (void *)0);
	CHECK_FMT("100%", "100%%");
	CHECK_FMT("% %", "%% %%");
	CHECK_FMT("plain text", "plain text");
}

static void printf_truncation(void **state)
{
	char buf[16];
	(void)state;
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 5, "hello %s", "world"), 11);
	assert_string_equal(buf, "hell");
	for (size_t i = 5; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 'Z'); /* nothing written past size */

	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 1, "%d", 12345), 5);
	assert_int_equal(buf[0], 0);
	assert_int_equal(buf[1], 'Z');

	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 0, "%016llx", 1ull), 16);
	assert_int_equal(buf[0], 'Z');
	assert_int_equal(fmt_snprintf(NULL, 0, "abc"), 3);

	assert_int_equal(fmt_snprintf(buf, 6, "%s", "exact"), 5);
	assert_string_equal(buf, "exact");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_u64_decimal),
		cmocka_unit_test(parse_u64_hex),
		cmocka_unit_test(parse_u64_limits),
		cmocka_unit_test(parse_u64_junk),
		cmocka_unit_test(tokenize_blanks_and_tabs),
		cmocka_unit_test(tokenize_empty),
		cmocka_unit_test(tokenize_max_words),
		cmocka_unit_test(printf_signed),
		cmocka_unit_test(printf_unsigned),
		cmocka_unit_test(printf_hex),
		cmocka_unit_test(printf_strings),
		cmocka_unit_test(printf_char_pointer_percent),
		cmocka_unit_test(printf_truncation),
	};
	return cmocka_run_group_tests_name("parse_printf", tests, NULL, NULL);
}
