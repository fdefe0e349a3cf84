/* The line editor on a fake terminal, shared by the tests that drive it:
 * the terminal T records what the editor writes and offers Tab candidates;
 * feed() types bytes, enter_line() types a line and Enter, assert_line()
 * checks the line and the cursor. Each test runs with term_setup(). */
#ifndef TESTS_LINEEDIT_HARNESS_H
#define TESTS_LINEEDIT_HARNESS_H

#include "tests/unit.h"

#include "monitor/lineedit.h"

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

static inline void term_out(void *ctx, const char *s, int len)
{
	struct term *t = ctx;
	assert_true(len > 0);
	for (int i = 0; i < len; i++, t->out_total++)
		if (t->out_len + 1 < OUT_MAX)
			t->out[t->out_len++] = s[i];
	t->out[t->out_len] = 0;
}

static inline void term_complete(void *ctx, const char *line,
				 lined_add_fn add, void *actx)
{
	struct term *t = ctx;
	snprintf(t->hook_line, sizeof(t->hook_line), "%s", line);
	t->hook_calls++;
	for (const char *const *c = t->cands; c && *c; c++)
		add(actx, *c);
}

static const struct lined_io term_io = { term_out, term_complete, &T };

static inline int term_setup(void **state)
{
	(void)state;
	memset(&T, 0, sizeof(T));
	lined_init(&T.ed, &term_io);
	lined_start(&T.ed, PROMPT);
	return 0;
}

static inline void clear_out(void)
{
	T.out_len = 0;
	T.out[0] = 0;
}

/* Feeds s; returns the last event, and fails on an event before the end
 * (a CR LF pair counts as the end). */
static inline enum lined_event feed(const char *s)
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
static inline void enter_line(const char *s)
{
	char in[LINE_MAX + 2];
	snprintf(in, sizeof(in), "%s\r", s);
	assert_int_equal(feed(in), LINED_LINE);
	assert_string_equal(lined_text(&T.ed), s);
	lined_start(&T.ed, PROMPT);
}

/* The line and the cursor; a failure names the caller's line. */
#define assert_line(want, pos) check_line(want, pos, __FILE__, __LINE__)
static inline void check_line(const char *want, int pos, const char *file,
			      int line)
{
	_assert_string_equal(T.ed.buf, want, file, line);
	_assert_int_equal(T.ed.len, strlen(want), file, line);
	_assert_int_equal(T.ed.pos, pos, file, line); /* the cursor */
}

#define UP "\x1b[A"
#define DOWN "\x1b[B"
#define LEFT "\x1b[D"
#define RIGHT "\x1b[C"

#endif
