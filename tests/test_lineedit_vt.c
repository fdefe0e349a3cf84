/* Host unit tests of escape sequences in the line editor (monitor/vtparse.c
 * through monitor/lineedit.c): controls act in the middle of a sequence,
 * CAN and SUB abort one, broken and foreign sequences are dropped whole,
 * and no sequence runs on into the next line. The VT500 rules are those of
 * vt100.net/emu/dec_ansi_parser. Last, the defects the fuzzer
 * (tests/fuzz/fuzz_lineedit.c) found, each as a test. */
#include "tests/lineedit_harness.h"

#define ESC "\x1b"
#define CAN "\x18"
#define SUB "\x1a"

/* Types s, then Enter; expects exactly the line want. */
static void expect_line_after(const char *s, const char *want)
{
	feed(s);
	assert_int_equal(feed("\r"), LINED_LINE);
	assert_string_equal(lined_text(&T.ed), want);
	lined_start(&T.ed, PROMPT);
}

/* The bug of issue 13: `abc`, ESC, Enter printed nothing. */
static void vt_esc_then_enter(void **state)
{
	(void)state;
	feed("abc" ESC);
	clear_out();
	assert_int_equal(feed("\r"), LINED_LINE);
	assert_string_equal(lined_text(&T.ed), "abc");
	assert_string_equal(T.out, "\r\n"); /* the line ends on the screen */
	lined_start(&T.ed, PROMPT);
	enter_line("help"); /* and the next line is whole: no 'h' eaten */
}

static void vt_enter_ends_any_state(void **state)
{
	/* ESC, ESC [, ESC [ 1 ;, ESC O, ESC (, ESC ] ... ESC [ ? */
	static const char *const starts[] = {
		ESC, ESC "[", ESC "[1;", ESC "O", ESC "(", ESC "]0;ti",
		ESC "P1$", ESC "[?2", ESC "[1:", ESC "[ ", ESC "_x", ESC "X",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		expect_line_after(starts[i], "");
		expect_line_after(starts[i], ""); /* twice in a row */
		feed("x");
		feed(starts[i]);
		assert_int_equal(feed("\n"), LINED_LINE); /* LF alone too */
		assert_string_equal(lined_text(&T.ed), "x");
		lined_start(&T.ed, PROMPT);
		/* the next line starts in ground: ABCD are text, not finals */
		expect_line_after("ABCD~", "ABCD~");
	}
}

static void vt_ctrl_c_mid_sequence(void **state)
{
	(void)state;
	feed("vmxon" ESC "[1");
	assert_int_equal(feed("\x03"), LINED_CANCEL);
	lined_start(&T.ed, PROMPT);
	expect_line_after("D", "D"); /* the cancelled sequence is gone */
}

/* Controls that do not end the line act, and the sequence goes on. */
static void vt_controls_act_mid_sequence(void **state)
{
	(void)state;
	feed("abc" ESC "[" "\x15" "D"); /* Ctrl-U, then D ends the CSI */
	assert_line("", 0);
	feed("xyz" ESC "[" "\x7f" "D"); /* DEL, then ESC [ D: left */
	assert_line("xy", 1);
	feed(ESC "[" "\x01" "C"); /* Ctrl-A, then right */
	assert_line("xy", 1);
	feed(ESC "O" "\x05" "D"); /* Ctrl-E, then SS3 left */
	assert_line("xy", 1);
	feed(ESC "[1;" "\x17" "5C"); /* Ctrl-W, then Ctrl-Right */
	assert_line("y", 1);
	feed(ESC "[" "\a\b" "H"); /* BEL is ignored, Backspace acts */
	assert_line("", 0);
}

static void vt_can_sub_abort(void **state)
{
	(void)state;
	expect_line_after("ab" ESC "[1" CAN "D", "abD");
	expect_line_after("ab" ESC "[1;5" SUB "C", "abC");
	expect_line_after("ab" ESC CAN "[A", "ab[A");
	expect_line_after("ab" ESC "]0;title" CAN "x", "abx");
	expect_line_after("ab" ESC "(" SUB "B", "abB");
}

static void vt_esc_restarts(void **state)
{
	(void)state;
	feed("abc" ESC "[1" ESC "[D"); /* the first CSI is dropped */
	assert_line("abc", 2);
	feed(ESC ESC ESC "[D");
	assert_line("abc", 1);
	feed(ESC "]0;t" ESC "[C"); /* an OSC cut short by a new CSI */
	assert_line("abc", 2);
}

/* Whole sequences that are no key: read to their end, nothing typed. */
static void vt_foreign_sequences_dropped(void **state)
{
	static const char *const foreign[] = {
		ESC "[?25h", ESC "[>0c", ESC "[=1c", ESC "[ q", ESC "[1 q",
		ESC "(B", ESC ")0", ESC "#8", ESC "x", ESC "7", ESC "\\",
		ESC "[1:2D", ESC "[1?D", ESC "[1 2D", ESC "[5~", ESC "[99Z",
		ESC "]0;a title" "\a", ESC "]2;t" ESC "\\", ESC "Pq#0;2;0" ESC "\\",
		ESC "_apc" ESC "\\", ESC "^pm\a", ESC "Xsos" ESC "\\",
		ESC "[M", ESC "[200~", ESC "[" "\x80\xc3\xa9" "Z",
	};
	(void)state;
	feed("ab" LEFT);
	for (size_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++) {
		feed(foreign[i]);
		assert_line("ab", 1);
	}
	expect_line_after("", "ab");
}

static void vt_long_and_huge_parameters(void **state)
{
	char in[2048];
	(void)state;
	/* 300 parameters and a number far past INT_MAX: no overflow */
	size_t n = 0;
	n += (size_t)snprintf(in + n, sizeof(in) - n, ESC "[");
	for (int i = 0; i < 300; i++)
		n += (size_t)snprintf(in + n, sizeof(in) - n, "%d;", i);
	snprintf(in + n, sizeof(in) - n, "99999999999999999999999~x");
	feed(in);
	assert_line("x", 1);
	feed(ESC "[3;99999999999999~"); /* Delete with a huge modifier */
	assert_line("x", 1);
	feed(LEFT ESC "[3;5~"); /* Ctrl-Delete deletes too */
	assert_line("", 0);
}

static void vt_key_forms(void **state)
{
	(void)state;
	feed("abc");
	feed(ESC "[;5D"); /* empty first parameter */
	assert_line("abc", 2);
	feed(ESC "[1;2H");
	assert_line("abc", 0);
	feed(ESC "[8~"); /* rxvt End */
	assert_line("abc", 3);
	feed(ESC "[7~"); /* rxvt Home */
	assert_line("abc", 0);
	feed(ESC "O3~"); /* SS3 with '~' is no Delete */
	assert_line("abc", 0);
}

static void vt_state_never_leaks_across_lines(void **state)
{
	(void)state;
	feed(ESC "]0;unterminated");
	assert_int_equal(feed("\r"), LINED_LINE);
	lined_start(&T.ed, PROMPT);
	expect_line_after("vmread GUEST_RIP", "vmread GUEST_RIP");
	feed(ESC "[");
	assert_int_equal(feed("\x03"), LINED_CANCEL);
	lined_start(&T.ed, PROMPT);
	expect_line_after("~", "~");
}

/* fuzz_lineedit, input 03 09: Tab listing an empty candidate wrote a
 * zero-length string to the terminal (the harness refuses those). */
static void fuzz_tab_lists_empty_candidate(void **state)
{
	static const char *const cands[] = { "vmread", "vmwrite", "", NULL };
	(void)state;
	T.cands = cands;
	feed("\t");
	assert_line("", 0);
	assert_non_null(strstr(T.out, "vmread  vmwrite"));
}

int main(void)
{
#define T_(f) cmocka_unit_test_setup(f, term_setup)
	const struct CMUnitTest tests[] = {
		T_(vt_esc_then_enter),
		T_(vt_enter_ends_any_state),
		T_(vt_ctrl_c_mid_sequence),
		T_(vt_controls_act_mid_sequence),
		T_(vt_can_sub_abort),
		T_(vt_esc_restarts),
		T_(vt_foreign_sequences_dropped),
		T_(vt_long_and_huge_parameters),
		T_(vt_key_forms),
		T_(vt_state_never_leaks_across_lines),
		T_(fuzz_tab_lists_empty_candidate),
	};
#undef T_
	return cmocka_run_group_tests_name("lineedit_vt", tests, NULL, NULL);
}
