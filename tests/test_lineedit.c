/* Host unit tests of the line editor (monitor/lineedit.c): echo, Enter,
 * editing keys, cursor movement and history, on the fake terminal of
 * tests/lineedit_harness.h. Compiled unchanged with -DHOST_TEST under
 * ASan/UBSan; run with CMOCKA_MESSAGE_OUTPUT=TAP for TAP (`make unit`). */
#include "tests/lineedit_harness.h"

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

static void lined_history_forget(void **state)
{
	(void)state;
	enter_line("one");
	enter_line("two");
	assert_int_equal(lined_forget_history(&T.ed), 2);
	assert_int_equal(T.ed.hist_count, 0);
	feed("\x1b[A"); /* nothing to recall */
	assert_line("", 0);
	assert_int_equal(lined_forget_history(&T.ed), 0);
	enter_line("three");
	feed("\x1b[A");
	assert_line("three", 5);
	feed("\x1b[A"); /* the forgotten lines stay forgotten */
	assert_line("three", 5);
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

int main(void)
{
#define T_(f) cmocka_unit_test_setup(f, term_setup)
	const struct CMUnitTest tests[] = {
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
		T_(lined_history_forget),
		T_(lined_insert_in_middle),
		T_(lined_delete_key),
		T_(lined_home_end),
		T_(lined_unknown_escapes_ignored),
	};
#undef T_
	return cmocka_run_group_tests_name("lineedit", tests, NULL, NULL);
}
