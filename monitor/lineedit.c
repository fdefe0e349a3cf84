/* Line editor. Typing at the end of the line echoes just the character, so
 * a script sees its own input back unchanged; edits in the middle redraw
 * the line with ANSI cursor movement. */
#include "lineedit.h"
#include "printf.h"
#include "string.h"

#define KEY_CTRL(c) ((c) - '@')
#define DEL 0x7f

static void outn(struct lined *e, const char *s, int n)
{
	if (n > 0)
		e->io->out(e->io->ctx, s, n);
}

/* Never hands the terminal an empty write (an empty completion candidate
 * used to). */
static void out(struct lined *e, const char *s)
{
	outn(e, s, (int)strlen(s));
}

/* Rewrites the whole line and puts the cursor back at pos. */
static void redraw(struct lined *e)
{
	char mv[16];
	out(e, "\r");
	out(e, e->prompt);
	outn(e, e->buf, e->len);
	out(e, "\x1b[K");
	if (e->len > e->pos) {
		fmt_snprintf(mv, sizeof(mv), "\x1b[%dD", e->len - e->pos);
		out(e, mv);
	}
}

static void set_text(struct lined *e, const char *s)
{
	e->len = e->pos = (int)strlen(s);
	memcpy(e->buf, s, e->len + 1);
	redraw(e);
}

void lined_init(struct lined *e, const struct lined_io *io)
{
	memset(e, 0, sizeof(*e));
	e->io = io;
}

void lined_start(struct lined *e, const char *prompt)
{
	e->prompt = prompt;
	e->len = e->pos = 0;
	e->buf[0] = 0;
	e->overflow = false;
	vt_reset(&e->vt); /* a sequence never spans two lines */
	e->hist_view = 0;
	out(e, prompt);
}

const char *lined_text(const struct lined *e)
{
	return e->buf;
}

static void insert(struct lined *e, char c)
{
	if (e->len >= LINE_MAX - 1) {
		e->overflow = true; /* refused at Enter, never stored */
		return;
	}
	memmove(e->buf + e->pos + 1, e->buf + e->pos, e->len - e->pos + 1);
	e->buf[e->pos++] = c;
	e->len++;
	if (e->pos == e->len)
		outn(e, &c, 1);
	else
		redraw(e);
}

/* Deletes n characters before the cursor. */
static void delete_back(struct lined *e, int n)
{
	if (n <= 0)
		return;
	memmove(e->buf + e->pos - n, e->buf + e->pos, e->len - e->pos + 1);
	e->pos -= n;
	e->len -= n;
	if (e->pos == e->len && n == 1)
		out(e, "\b \b");
	else
		redraw(e);
}

static void delete_word(struct lined *e)
{
	int p = e->pos;
	while (p > 0 && e->buf[p - 1] == ' ')
		p--;
	while (p > 0 && e->buf[p - 1] != ' ')
		p--;
	delete_back(e, e->pos - p);
}

static void move_to(struct lined *e, int pos)
{
	if (pos < 0 || pos > e->len || pos == e->pos)
		return;
	e->pos = pos;
	redraw(e);
}

/* History: hist_view 0 is the line being edited, 1 the newest entry. */
static const char *hist_entry(struct lined *e, int back)
{
	int i = (e->hist_head + 1 - back + HIST_MAX) % HIST_MAX;
	return e->hist[i];
}

static void hist_add(struct lined *e)
{
	if (!e->len || e->overflow)
		return;
	if (e->hist_count && !strcmp(hist_entry(e, 1), e->buf))
		return;
	e->hist_head = (e->hist_head + 1) % HIST_MAX;
	memcpy(e->hist[e->hist_head], e->buf, e->len + 1);
	if (e->hist_count < HIST_MAX)
		e->hist_count++;
}

int lined_forget_history(struct lined *e)
{
	int n = e->hist_count;
	memset(e->hist, 0, sizeof(e->hist));
	e->hist_count = e->hist_head = e->hist_view = 0;
	e->saved[0] = 0;
	return n;
}

static void hist_move(struct lined *e, int dir)
{
	int v = e->hist_view + dir;
	if (v < 0 || v > e->hist_count)
		return;
	if (e->hist_view == 0)
		memcpy(e->saved, e->buf, e->len + 1);
	e->hist_view = v;
	set_text(e, v ? hist_entry(e, v) : e->saved);
}

/* Tab completion runs the hook twice: once to count the candidates and
 * find their common prefix, and, when that adds nothing, again to list them. */
#define COMPLETE_LIST_MAX 120

struct compl {
	struct lined *e;
	const char *word;
	int wlen, count, clen, col;
	char common[LINE_MAX];
};

static void compl_count(void *actx, const char *cand)
{
	struct compl *c = actx;
	if (strncasecmp(cand, c->word, c->wlen))
		return;
	if (c->count++ == 0) {
		c->clen = (int)strlen(cand);
		if (c->clen > LINE_MAX - 1)
			c->clen = LINE_MAX - 1;
		memcpy(c->common, cand, c->clen);
		c->common[c->clen] = 0;
		return;
	}
	int i = 0;
	while (i < c->clen && cand[i] &&
	       (cand[i] | 0x20) == (c->common[i] | 0x20))
		i++;
	c->clen = i;
	c->common[i] = 0;
}

static void compl_list(void *actx, const char *cand)
{
	struct compl *c = actx;
	if (strncasecmp(cand, c->word, c->wlen) || c->count++ >= COMPLETE_LIST_MAX)
		return;
	int n = (int)strlen(cand);
	if (c->col && c->col + n + 2 > 78) {
		out(c->e, "\r\n");
		c->col = 0;
	}
	out(c->e, cand);
	out(c->e, "  ");
	c->col += n + 2;
}

/* Replaces the word before the cursor with text (plus a blank if final). */
static void replace_word(struct lined *e, int ws, const char *text, bool final)
{
	char tail[LINE_MAX];
	int tl = e->len - e->pos, n = (int)strlen(text) + (final ? 1 : 0);
	if (ws + n + tl > LINE_MAX - 1)
		return;
	memcpy(tail, e->buf + e->pos, tl + 1);
	memcpy(e->buf + ws, text, n - (final ? 1 : 0));
	if (final)
		e->buf[ws + n - 1] = ' ';
	memcpy(e->buf + ws + n, tail, tl + 1);
	e->pos = ws + n;
	e->len = e->pos + tl;
	redraw(e);
}

static void complete(struct lined *e)
{
	char line[LINE_MAX];
	int ws = e->pos;
	if (!e->io->complete)
		return;
	while (ws > 0 && e->buf[ws - 1] != ' ')
		ws--;
	memcpy(line, e->buf, e->pos);
	line[e->pos] = 0;
	struct compl c = { .e = e, .word = line + ws, .wlen = e->pos - ws };
	e->io->complete(e->io->ctx, line, compl_count, &c);
	if (c.count == 0) {
		out(e, "\a");
	} else if (c.count == 1 || c.clen > c.wlen) {
		char text[LINE_MAX];
		memcpy(text, c.common, c.clen + 1);
		replace_word(e, ws, text, c.count == 1);
	} else {
		int total = c.count;
		c.count = 0;
		out(e, "\r\n");
		e->io->complete(e->io->ctx, line, compl_list, &c);
		if (total > COMPLETE_LIST_MAX) {
			char more[40];
			fmt_snprintf(more, sizeof(more), "... %d more", total - COMPLETE_LIST_MAX);
			out(e, more);
		}
		out(e, "\r\n");
		redraw(e);
	}
}

/* A whole CSI or SS3 key sequence: arrows, Home/End, Delete (xterm and
 * VT220 forms); a modifier parameter (ESC [ 1 ; 5 C) changes nothing. */
static void key_sequence(struct lined *e)
{
	switch (e->vt.final) {
	case 'A': hist_move(e, 1); break;
	case 'B': hist_move(e, -1); break;
	case 'C': move_to(e, e->pos + 1); break;
	case 'D': move_to(e, e->pos - 1); break;
	case 'H': move_to(e, 0); break;
	case 'F': move_to(e, e->len); break;
	case '~':
		switch (e->vt.ss3 ? 0 : vt_param(&e->vt, 0, 0)) {
		case 1: case 7: move_to(e, 0); break;
		case 4: case 8: move_to(e, e->len); break;
		case 3:
			if (e->pos < e->len) {
				e->pos++;
				delete_back(e, 1);
			}
			break;
		}
		break;
	}
}

static enum lined_event finish(struct lined *e)
{
	out(e, "\r\n");
	if (e->overflow)
		return LINED_TOOLONG;
	hist_add(e);
	return LINED_LINE;
}

enum lined_event lined_feed(struct lined *e, unsigned char c)
{
	bool after_cr = e->last_cr;
	e->last_cr = c == '\r';
	switch (vt_feed(&e->vt, c)) {
	case VT_EATEN:
		return LINED_NONE;
	case VT_KEY:
		key_sequence(e);
		return LINED_NONE;
	case VT_BYTE:
		break;
	}
	switch (c) {
	case '\n':
		if (after_cr)
			return LINED_NONE; /* the LF of a CR LF pair */
		return finish(e);
	case '\r':
		return finish(e);
	case KEY_CTRL('C'):
		out(e, "^C\r\n");
		e->len = e->pos = 0;
		e->buf[0] = 0;
		return LINED_CANCEL;
	case DEL:
	case KEY_CTRL('H'): delete_back(e, e->pos > 0); break;
	case KEY_CTRL('U'): delete_back(e, e->pos); break;
	case KEY_CTRL('W'): delete_word(e); break;
	case KEY_CTRL('A'): move_to(e, 0); break;
	case KEY_CTRL('E'): move_to(e, e->len); break;
	case KEY_CTRL('B'): move_to(e, e->pos - 1); break;
	case KEY_CTRL('F'): move_to(e, e->pos + 1); break;
	case KEY_CTRL('P'): hist_move(e, 1); break;
	case KEY_CTRL('N'): hist_move(e, -1); break;
	case KEY_CTRL('L'): redraw(e); break;
	case '\t': complete(e); break;
	default:
		if (c >= 0x20 && c < DEL)
			insert(e, (char)c);
		break; /* other control and 8-bit bytes are ignored */
	}
	return LINED_NONE;
}
