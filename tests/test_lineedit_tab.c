/* Host unit tests of the line editor (monitor/lineedit.c): Tab completion
 * through the completion hook, and random bytes that must never break the
 * editor's invariants. Uses the fake terminal of tests/lineedit_harness.h;
 * run with CMOCKA_MESSAGE_OUTPUT=TAP for TAP (`make unit`). */
#include "tests/lineedit_harness.h"

static void lined_tab_single(void **state)
{
	static const char *const cands[] = { "cpuid", "help", "mem", NULL };
	(void)state;
	T.cands = cands;
	feed("he\t");
	assert_string_equal(T.hook_line, "he");
	assert_line("help ", 5);
	feed("z\t"); /* none match: bell, line unchanged */
	assert_line("help z", 6);
	assert_non_null(strchr(T.out, '\a'));
}

static void lined_tab_common_prefix(void **state)
{
	static const char *const cands[] = { "vmclear", "vmcs", "help", NULL };
	(void)state;
	T.cands = cands;
	feed("x v\t");
	assert_line("x vmc", 5); /* extended, no blank: still ambiguous */
	feed("vmwrite A" LEFT LEFT "\t"); /* hook sees the line up to the cursor */
	assert_string_equal(T.hook_line, "x vmcvmwrite");
}

static void lined_tab_lists(void **state)
{
	static const char *const cands[] = { "vmclear", "vmcs", "help", NULL };
	(void)state;
	T.cands = cands;
	feed("vmc");
	clear_out();
	feed("\t");
	assert_line("vmc", 3);
	assert_non_null(strstr(T.out, "vmclear  vmcs  "));
	assert_null(strstr(T.out, "help"));
	/* the prompt and the line come back below the list */
	assert_non_null(strstr(T.out, "\r\n\r" PROMPT "vmc"));
}

static void lined_tab_middle_keeps_tail(void **state)
{
	static const char *const cands[] = { "GUEST_RIP", NULL };
	(void)state;
	T.cands = cands;
	feed("vmread gu 1" LEFT LEFT "\t");
	assert_line("vmread GUEST_RIP  1", 17);
}

/* xorshift64*: the same bytes on every run */
static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

static void check_invariants(int i)
{
	const struct lined *e = &T.ed;
	if (e->len < 0 || e->len > LINE_MAX - 1 || e->pos < 0 ||
	    e->pos > e->len || strlen(e->buf) != (size_t)e->len ||
	    e->hist_count < 0 || e->hist_count > HIST_MAX ||
	    e->hist_view < 0 || e->hist_view > e->hist_count)
		FAIL("after byte %d: len=%d pos=%d hist_count=%d view=%d", i,
		     e->len, e->pos, e->hist_count, e->hist_view);
}

struct fuzz_stats {
	int events[4], max_len;
};

/* Feeds n bytes; with a printable bias most bytes are printable, so lines
 * grow past LINE_MAX. Every byte value can occur. */
static struct fuzz_stats fuzz(uint64_t seed, int n, bool printable_bias)
{
	static const char *const cands[] = { "a", "ab", "abc", "b", "x", NULL };
	struct fuzz_stats st = { { 0 }, 0 };
	T.cands = cands;
	for (int i = 0; i < n; i++) {
		uint64_t r = rng_next(&seed);
		unsigned char c = (unsigned char)r;
		if (printable_bias && (r >> 32) % 10)
			c = (unsigned char)(0x20 + (r >> 8) % 0x5f);
		enum lined_event ev = lined_feed(&T.ed, c);
		check_invariants(i);
		if (T.ed.len > st.max_len)
			st.max_len = T.ed.len;
		st.events[ev]++;
		if (ev != LINED_NONE)
			lined_start(&T.ed, PROMPT);
		if (T.out_len > OUT_MAX / 2)
			clear_out();
	}
	return st;
}

static void lined_random_bytes(void **state)
{
	(void)state;
	struct fuzz_stats st = fuzz(0x6e6573746d6f6eull, 100000, false);
	assert_true(st.events[LINED_LINE] > 0);
	assert_true(st.events[LINED_CANCEL] > 0);
}

static void lined_random_long_lines(void **state)
{
	(void)state;
	struct fuzz_stats st = fuzz(0x766d6d3eull, 100000, true);
	assert_int_equal(st.max_len, LINE_MAX - 1);
	assert_true(st.events[LINED_TOOLONG] > 0);
	assert_true(T.ed.hist_count > 0);
}

int main(void)
{
#define T_(f) cmocka_unit_test_setup(f, term_setup)
	const struct CMUnitTest tests[] = {
		T_(lined_tab_single),
		T_(lined_tab_common_prefix),
		T_(lined_tab_lists),
		T_(lined_tab_middle_keeps_tail),
		T_(lined_random_bytes),
		T_(lined_random_long_lines),
	};
#undef T_
	return cmocka_run_group_tests_name("lineedit_tab", tests, NULL, NULL);
}
