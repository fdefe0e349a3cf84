/* The input side of a VT500-series parser (the state machine xterm follows,
 * as drawn by Paul Williams, vt100.net/emu/dec_ansi_parser), for a line
 * editor: it says, byte by byte, whether the editor acts on the byte (text
 * or a control key) or whether it belongs to an escape sequence, and hands
 * over each complete CSI or SS3 key sequence. Pure; no output. */
#ifndef MONITOR_VTPARSE_H
#define MONITOR_VTPARSE_H
#include <stdbool.h>
#include <stdint.h>

#define VT_PARAMS 2         /* parameters kept; later ones are counted only */
#define VT_PARAM_LIMIT 9999 /* larger numbers stick at this */

enum vt_action {
	VT_BYTE,     /* act on the byte: text, or a C0 control (even mid-sequence) */
	VT_EATEN,    /* part of a sequence (or a sequence that is dropped) */
	VT_KEY,      /* a whole CSI or SS3 key sequence: see final and param */
};

struct vt_parser {
	uint8_t state;
	uint8_t final;           /* the final byte of the sequence (VT_KEY) */
	bool ss3;                /* the sequence was ESC O ..., not ESC [ ... */
	bool foreign;            /* private marker or intermediates: not a key */
	int nparams;             /* parameters seen (an empty one counts) */
	int param[VT_PARAMS];    /* 0 when absent */
};

void vt_reset(struct vt_parser *p);
enum vt_action vt_feed(struct vt_parser *p, unsigned char c);
/* Parameter i of the last key sequence, or def when it was absent or 0. */
int vt_param(const struct vt_parser *p, int i, int def);
/* True between ESC and the end of its sequence. */
bool vt_in_sequence(const struct vt_parser *p);
#endif
