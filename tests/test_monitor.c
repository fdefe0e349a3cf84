/* Host unit tests of the pure monitor files: parse.c, printf.c, lineedit.c
 * and registry.c, compiled unchanged with -DHOST_TEST under ASan/UBSan.
 * Run with CMOCKA_MESSAGE_OUTPUT=TAP for TAP output (`make unit`). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "monitor/cmd.h"
#include "monitor/lineedit.h"
#include "monitor/parse.h"
#include "monitor/printf.h"

/* fail_msg, with the message as a TAP diagnostic line */
#define FAIL(...)                                                           \
	do {                                                                \
		print_error("# " __VA_ARGS__);                              \
		print_error("\n");                                          \
		fail();                                                     \
	} while (0)

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

/* ---- line editor ------------------------------------------------------- */

#define PROMPT "vmm> "
#define OUT_MAX 65536

/* The terminal as the editor sees it: everything written, plus a list of
 * completion candidates the Tab hook offers. */
struct term {
	struct lined ed;
	char out[OUT_MAX];
	size_t out_len, out_total;
	const char *const *cands;
	char hook_line[LINE_MAX]; /* what the hook was given */
	int hook_calls;
};

static struct term T;

static void term_out(void *ctx, const char *s, int len)
{
	struct term *t = ctx;
	assert_true(len > 0);
	for (int i = 0; i < len; i++, t->out_total++)
		if (t->out_len + 1 < OUT_MAX)
			t->out[t->out_len++] = s[i];
	t->out[t->out_len] = 0;
}

static void term_complete(void *ctx, const char *line, lined_add_fn add,
			  void *actx)
{
	struct term *t = ctx;
	snprintf(t->hook_line, sizeof(t->hook_line), "%s", line);
	t->hook_calls++;
	for (const char *const *c = t->cands; c && *c; c++)
		add(actx, *c);
}

static const struct lined_io term_io = { term_out, term_complete, &T };

static int term_setup(void **state)
{
	(void)state;
	memset(&T, 0, sizeof(T));
	lined_init(&T.ed, &term_io);
	lined_start(&T.ed, PROMPT);
	return 0;
}

static void clear_out(void)
{
	T.out_len = 0;
	T.out[0] = 0;
}

/* Feeds s; returns the last event, and fails on an event before the end
 * (a CR LF pair counts as the end). */
static enum lined_event feed(const char *s)
{
	enum lined_event last = LINED_NONE;
	for (; *s; s++) {
		if (last != LINED_NONE && !(s[0] == '\n' && s[-1] == '\r'))
			FAIL("event %d before the end of input, at byte %#x",
			     last, (unsigned char)*s);
		enum lined_event ev = lined_feed(&T.ed, (unsigned char)*s);
		if (ev != LINED_NONE)
			last = ev;
	}
	return last;
}

/* Types a line and Enter; expects LINED_LINE with exactly that text. */
static void enter_line(const char *s)
{
	char in[LINE_MAX + 2];
	snprintf(in, sizeof(in), "%s\r", s);
	assert_int_equal(feed(in), LINED_LINE);
	assert_string_equal(lined_text(&T.ed), s);
	lined_start(&T.ed, PROMPT);
}

/* The line and the cursor; a failure names the caller's line. */
#define assert_line(want, pos) check_line(want, pos, __FILE__, __LINE__)
static void check_line(const char *want, int pos, const char *file, int line)
{
	_assert_string_equal(T.ed.buf, want, file, line);
	_assert_int_equal(T.ed.len, strlen(want), file, line);
	_assert_int_equal(T.ed.pos, pos, file, line); /* the cursor */
}

static void lined_prompt_and_echo(void **state)
{
	(void)state;
	/* typing at the end echoes exactly what was typed, for scripts */
	assert_string_equal(T.out, PROMPT);
	assert_int_equal(feed("cpuid 0x1"), LINED_NONE);
	assert_string_equal(T.out, PROMPT "cpuid 0x1");
	assert_int_equal(feed("\r"), LINED_LINE);
	assert_string_equal(T.out, PROMPT "cpuid 0x1\r\n");
	assert_string_equal(lined_text(&T.ed), "cpuid 0x1");
}

static void lined_crlf_counts_once(void **state)
{
	(void)state;
	assert_int_equal(feed("a\r\n"), LINED_LINE);
	assert_string_equal(lined_text(&T.ed), "a");
	lined_start(&T.ed, PROMPT);
	assert_int_equal(feed("b"), LINED_NONE); /* the LF made no empty line */
	assert_int_equal(feed("\n"), LINED_LINE); /* LF alone is Enter */
	assert_string_equal(lined_text(&T.ed), "b");
	lined_start(&T.ed, PROMPT);
	/* the shell restarts the line after the CR, before the LF arrives */
	assert_int_equal(feed("c\r"), LINED_LINE);
	lined_start(&T.ed, PROMPT);
	assert_int_equal(feed("\nd"), LINED_NONE);
	assert_int_equal(feed("\r"), LINED_LINE);
	assert_string_equal(lined_text(&T.ed), "d");
	lined_start(&T.ed, PROMPT);
	assert_int_equal(lined_feed(&T.ed, '\r'), LINED_LINE);
	lined_start(&T.ed, PROMPT);
	assert_int_equal(lined_feed(&T.ed, '\r'), LINED_LINE); /* CR CR: two */
	assert_string_equal(lined_text(&T.ed), "");
}

static void lined_backspace(void **state)
{
	(void)state;
	feed("abcd");
	clear_out();
	feed("\x7f");
	assert_line("abc", 3);
	assert_string_equal(T.out, "\b \b");
	feed("\b"); /* Ctrl-H */
	assert_line("ab", 2);
	feed("\x7f\x7f\x7f\x7f");
	assert_line("", 0);
	assert_int_equal(feed("x\r"), LINED_LINE);
	assert_string_equal(lined_text(&T.ed), "x");
}

static void lined_ctrl_u(void **state)
{
	(void)state;
	feed("vmread GUEST_RIP\x15");
	assert_line("", 0);
	feed("abcdef\x1b[D\x1b[D\x15"); /* only what is before the cursor */
	assert_line("ef", 0);
}

static void lined_ctrl_w(void **state)
{
	(void)state;
	feed("mem read 0x1000");
	feed("\x17");
	assert_line("mem read ", 9);
	feed("\x17");
	assert_line("mem ", 4);
	feed("read  \x17"); /* trailing blanks go with the word */
	assert_line("mem ", 4);
	feed("\x17\x17");
	assert_line("", 0);
}

static void lined_ctrl_c(void **state)
{
	(void)state;
	feed("vmlaunch");
	clear_out();
	assert_int_equal(feed("\x03"), LINED_CANCEL);
	assert_string_equal(T.out, "^C\r\n");
	assert_string_equal(lined_text(&T.ed), "");
	lined_start(&T.ed, PROMPT);
	enter_line("ok");
}

static void lined_too_long(void **state)
{
	char in[301];
	(void)state;
	memset(in, 'x', 300);
	in[300] = 0;
	assert_int_equal(feed(in), LINED_NONE);
	assert_int_equal(T.ed.len, LINE_MAX - 1);
	assert_int_equal(T.ed.pos, LINE_MAX - 1);
	assert_int_equal(strlen(T.ed.buf), LINE_MAX - 1);
	/* only the stored characters were echoed */
	assert_int_equal(T.out_total, strlen(PROMPT) + LINE_MAX - 1);
	assert_int_equal(feed("\r"), LINED_TOOLONG);
	/* nothing spilled into the history either */
	assert_int_equal(T.ed.hist_count, 0);
	for (int i = 0; i < HIST_MAX; i++)
		assert_int_equal(T.ed.hist[i][0], 0);
	lined_start(&T.ed, PROMPT);
	enter_line("short"); /* a fresh line works again */
}

static void lined_max_length_fits(void **state)
{
	char in[LINE_MAX];
	(void)state;
	memset(in, 'y', LINE_MAX - 1);
	in[LINE_MAX - 1] = 0;
	enter_line(in); /* 255 characters is still a line */
}

#define UP "\x1b[A"
#define DOWN "\x1b[B"
#define LEFT "\x1b[D"
#define RIGHT "\x1b[C"

static void lined_history_up_down(void **state)
{
	(void)state;
	enter_line("one");
	enter_line("two");
	feed("par"); /* being edited: comes back after browsing */
	feed(UP);
	assert_line("two", 3);
	feed(UP);
	assert_line("one", 3);
	feed(UP); /* no older entry: stays */
	assert_line("one", 3);
	feed(DOWN);
	assert_line("two", 3);
	feed(DOWN);
	assert_line("par", 3);
	feed(DOWN);
	assert_line("par", 3);
	feed("\x10"); /* Ctrl-P */
	assert_line("two", 3);
	assert_int_equal(feed("\r"), LINED_LINE);
	assert_string_equal(lined_text(&T.ed), "two");
}

static void lined_history_skips_empty_and_repeats(void **state)
{
	(void)state;
	enter_line("a");
	enter_line("");
	enter_line("b");
	enter_line("b");
	assert_int_equal(T.ed.hist_count, 2);
	feed(UP);
	assert_line("b", 1);
	feed(UP);
	assert_line("a", 1);
}

static void lined_history_keeps_newest(void **state)
{
	char s[16];
	(void)state;
	for (int i = 0; i < HIST_MAX + 8; i++) {
		snprintf(s, sizeof(s), "cmd%d", i);
		enter_line(s);
	}
	assert_true(T.ed.hist_count > 0);
	for (int i = HIST_MAX + 7; i >= 8; i--) {
		feed(UP);
		snprintf(s, sizeof(s), "cmd%d", i);
		assert_string_equal(T.ed.buf, s);
	}
	feed(UP); /* cmd7 and older are gone */
	assert_string_equal(T.ed.buf, "cmd8");
	for (int i = 0; i < HIST_MAX; i++)
		feed(DOWN);
	assert_line("", 0);
}

static void lined_insert_in_middle(void **state)
{
	(void)state;
	feed("vmrad");
	feed(LEFT LEFT);
	assert_int_equal(T.ed.pos, 3);
	clear_out();
	feed("e");
	assert_line("vmread", 4);
	/* the redraw puts the cursor back two columns left of the end */
	assert_non_null(strstr(T.out, "vmread"));
	assert_non_null(strstr(T.out, "\x1b[2D"));
	feed(RIGHT RIGHT RIGHT); /* the third is refused at the end */
	assert_int_equal(T.ed.pos, 6);
	feed("\x02\x02\x06"); /* Ctrl-B Ctrl-B Ctrl-F */
	assert_int_equal(T.ed.pos, 5);
	assert_int_equal(feed("\r"), LINED_LINE);
	assert_string_equal(lined_text(&T.ed), "vmread");
}

static void lined_delete_key(void **state)
{
	(void)state;
	feed("abc" LEFT LEFT "\x1b[3~");
	assert_line("ac", 1);
	feed("\x1b[3~\x1b[3~"); /* at the end: nothing to delete */
	assert_line("a", 1);
}

static void lined_home_end(void **state)
{
	(void)state;
	feed("mid");
	feed("\x1b[H<");
	assert_line("<mid", 1);
	feed("\x1b[F>");
	assert_line("<mid>", 5);
	feed("\x1b[1~[");
	assert_line("[<mid>", 1);
	feed("\x1b[4~]");
	assert_line("[<mid>]", 7);
	feed("\x1bOH("); /* SS3 forms, as some terminals send */
	feed("\x1bOF)");
	feed("\x01{\x05}"); /* Ctrl-A, Ctrl-E */
	assert_line("{([<mid>])}", 11);
}

static void lined_unknown_escapes_ignored(void **state)
{
	(void)state;
	feed("ab\x1b[5~\x1b[99Z\x1b[1;5C\x1bx\x1bOQ\x80\xff\x07");
	assert_line("ab", 2);
	assert_int_equal(feed("c\r"), LINED_LINE);
	assert_string_equal(lined_text(&T.ed), "abc");
}

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

/* Tab over the real registry, the way the shell wires them together. */
static const struct cmd *shell_table_begin, *shell_table_end;

static void registry_hook(void *ctx, const char *line, lined_add_fn add,
			  void *actx)
{
	char copy[LINE_MAX], *words[MAX_ARGS];
	size_t n = strlen(line);
	(void)ctx;
	memcpy(copy, line, n + 1);
	int argc = parse_tokenize(copy, words, MAX_ARGS);
	if (argc < 0)
		return;
	const char *prefix = (n == 0 || line[n - 1] == ' ') ? "" : words[--argc];
	struct cmd_table t = { shell_table_begin, shell_table_end };
	cmd_complete(t, argc, words, prefix, add, actx);
}

/* ---- registry ---------------------------------------------------------- */

static int cmd_dummy(int argc, char **argv)
{
	(void)argc, (void)argv;
	return CMD_OK;
}

static int seen_argi = -1;
static char seen_prefix[32];

static void dump_complete(int argi, const char *prefix, complete_add_fn add,
			  void *ctx)
{
	seen_argi = argi;
	snprintf(seen_prefix, sizeof(seen_prefix), "%s", prefix);
	if (argi == 0) {
		add(ctx, "control");
		add(ctx, "guest");
		add(ctx, "host");
	}
}

#define E(nm, comp) { nm, "", "summary", "", cmd_dummy, comp }
static const struct cmd TABLE[] = {
	E("cpuid", NULL),	 E("help", NULL),
	E("mem read", NULL),	 E("mem write", NULL),
	E("vmcs dump", dump_complete), E("vmcs new", NULL),
};
static const struct cmd_table TAB = { TABLE, TABLE + 6 };

/* A one-word command that is also the first word of a two-word one. */
static const struct cmd NESTED[] = { E("vmcs", NULL), E("vmcs dump", NULL) };
static const struct cmd_table NEST = { NESTED, NESTED + 2 };

static void expect_find(struct cmd_table t, const char *line, const char *want,
			int want_used)
{
	char copy[128], *argv[MAX_ARGS];
	int used = -1;
	snprintf(copy, sizeof(copy), "%s", line);
	int argc = parse_tokenize(copy, argv, MAX_ARGS);
	const struct cmd *c = cmd_find(t, argc, argv, &used);
	if (!want && c)
		FAIL("cmd_find(\"%s\"): expected none, saw \"%s\"", line, c->name);
	if (want && (!c || strcmp(c->name, want)))
		FAIL("cmd_find(\"%s\"): expected \"%s\", saw \"%s\"", line,
		     want, c ? c->name : "(none)");
	assert_int_equal(used, want_used);
}

static void registry_find(void **state)
{
	(void)state;
	expect_find(TAB, "cpuid 1 2", "cpuid", 1);
	expect_find(TAB, "help", "help", 1);
	expect_find(TAB, "mem read 0x1000 16", "mem read", 2);
	expect_find(TAB, "mem write 0x1000", "mem write", 2);
	expect_find(TAB, "vmcs new", "vmcs new", 2);
	expect_find(TAB, "mem", NULL, 0);
	expect_find(TAB, "mem erase", NULL, 0);
	expect_find(TAB, "memread", NULL, 0);
	expect_find(TAB, "cpu", NULL, 0); /* no prefix matching of words */
	expect_find(TAB, "cpuidx", NULL, 0);
	expect_find(TAB, "CPUID", NULL, 0);
	expect_find(TAB, "", NULL, 0);
}

static void registry_find_longest(void **state)
{
	(void)state;
	expect_find(NEST, "vmcs dump guest", "vmcs dump", 2);
	expect_find(NEST, "vmcs guest", "vmcs", 1);
	expect_find(NEST, "vmcs", "vmcs", 1);
}

static void registry_is_group(void **state)
{
	(void)state;
	assert_true(cmd_is_group(TAB, "mem"));
	assert_true(cmd_is_group(TAB, "vmcs"));
	assert_false(cmd_is_group(TAB, "cpuid"));
	assert_false(cmd_is_group(TAB, "me"));
	assert_false(cmd_is_group(TAB, "mem read"));
	assert_false(cmd_is_group(TAB, ""));
	assert_false(cmd_is_group(TAB, "vmx"));
}

struct cands {
	char text[256];
	int n;
};

static void cands_add(void *ctx, const char *cand)
{
	struct cands *c = ctx;
	size_t used = strlen(c->text);
	snprintf(c->text + used, sizeof(c->text) - used, "%s%s",
		 c->n++ ? " " : "", cand);
}

static void expect_complete(struct cmd_table t, const char *words_line,
			    const char *prefix, const char *want)
{
	char copy[128], *words[MAX_ARGS];
	struct cands c = { "", 0 };
	snprintf(copy, sizeof(copy), "%s", words_line);
	int n = parse_tokenize(copy, words, MAX_ARGS);
	cmd_complete(t, n, words, prefix, cands_add, &c);
	if (strcmp(c.text, want))
		FAIL("cmd_complete(\"%s\" + \"%s\"): expected \"%s\", saw \"%s\"",
		     words_line, prefix, want, c.text);
}

static void registry_complete_first_words(void **state)
{
	(void)state;
	/* each first word once, in table order; the editor filters by prefix */
	expect_complete(TAB, "", "", "cpuid help mem vmcs");
	expect_complete(TAB, "", "m", "cpuid help mem vmcs");
}

static void registry_complete_second_words(void **state)
{
	(void)state;
	expect_complete(TAB, "mem", "", "read write");
	expect_complete(TAB, "vmcs", "d", "dump new");
	expect_complete(TAB, "nope", "", "");
	expect_complete(TAB, "cpuid", "", ""); /* a command without a completer */
	expect_complete(TAB, "mem read", "", "");
}

static void registry_complete_own_completer(void **state)
{
	(void)state;
	seen_argi = -1;
	expect_complete(TAB, "vmcs dump", "gu", "control guest host");
	assert_int_equal(seen_argi, 0);
	assert_string_equal(seen_prefix, "gu");
	expect_complete(TAB, "vmcs dump guest", "", "");
	assert_int_equal(seen_argi, 1);
	assert_string_equal(seen_prefix, "");
}

static void registry_tab_in_editor(void **state)
{
	static const struct lined_io io = { term_out, registry_hook, &T };
	(void)state;
	shell_table_begin = TAB.begin;
	shell_table_end = TAB.end;
	lined_init(&T.ed, &io);
	lined_start(&T.ed, PROMPT);
	feed("c\t");
	assert_line("cpuid ", 6);
	feed("\x15m\t");
	assert_line("mem ", 4);
	feed("w\t");
	assert_line("mem write ", 10);
	feed("\x15vmcs dump g\t");
	assert_line("vmcs dump guest ", 16);
}

int main(void)
{
#define T_(f) cmocka_unit_test_setup(f, term_setup)
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
		T_(lined_prompt_and_echo),
		T_(lined_crlf_counts_once),
		T_(lined_backspace),
		T_(lined_ctrl_u),
		T_(lined_ctrl_w),
		T_(lined_ctrl_c),
		T_(lined_too_long),
		T_(lined_max_length_fits),
		T_(lined_history_up_down),
		T_(lined_history_skips_empty_and_repeats),
		T_(lined_history_keeps_newest),
		T_(lined_insert_in_middle),
		T_(lined_delete_key),
		T_(lined_home_end),
		T_(lined_unknown_escapes_ignored),
		T_(lined_tab_single),
		T_(lined_tab_common_prefix),
		T_(lined_tab_lists),
		T_(lined_tab_middle_keeps_tail),
		T_(lined_random_bytes),
		T_(lined_random_long_lines),
		cmocka_unit_test(registry_find),
		cmocka_unit_test(registry_find_longest),
		cmocka_unit_test(registry_is_group),
		cmocka_unit_test(registry_complete_first_words),
		cmocka_unit_test(registry_complete_second_words),
		cmocka_unit_test(registry_complete_own_completer),
		T_(registry_tab_in_editor),
	};
#undef T_
	return cmocka_run_group_tests_name("monitor", tests, NULL, NULL);
}
