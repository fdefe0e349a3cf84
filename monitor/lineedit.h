/* A terminal line editor, pure: bytes in, events out, screen updates
 * through a callback. Emacs-style keys, ANSI/VT escape sequences for the
 * arrows, Home/End and Delete (read as a VT500 does: vtparse.h, so a control
 * key always acts), history, and Tab completion via a hook. */
#ifndef MONITOR_LINEEDIT_H
#define MONITOR_LINEEDIT_H
#include <stdbool.h>
#include "vtparse.h"

#define LINE_MAX 256 /* bytes, with the NUL: lines up to 255 characters */
#define HIST_MAX 32

enum lined_event { LINED_NONE, LINED_LINE, LINED_CANCEL, LINED_TOOLONG };

typedef void (*lined_add_fn)(void *actx, const char *candidate);

struct lined_io {
	void (*out)(void *ctx, const char *s, int len);
	/* Offers replacements for the word that ends at the cursor; line holds
	 * the text up to the cursor. May be NULL. */
	void (*complete)(void *ctx, const char *line, lined_add_fn add,
			 void *actx);
	void *ctx;
};

struct lined {
	const struct lined_io *io;
	const char *prompt;
	char buf[LINE_MAX];
	int len, pos;
	bool overflow, last_cr;
	struct vt_parser vt; /* escape sequences, as a VT500 reads them */
	char hist[HIST_MAX][LINE_MAX];
	int hist_count, hist_head, hist_view;
	char saved[LINE_MAX]; /* the line being edited while browsing history */
};

void lined_init(struct lined *e, const struct lined_io *io);
/* Prints the prompt and starts an empty line. */
void lined_start(struct lined *e, const char *prompt);
enum lined_event lined_feed(struct lined *e, unsigned char c);
/* The finished line, valid after LINED_LINE until the next lined_start. */
const char *lined_text(const struct lined *e);
/* Empties the history (for `reset`); returns how many lines it held. */
int lined_forget_history(struct lined *e);
#endif
