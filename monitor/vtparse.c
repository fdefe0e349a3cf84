/* The VT500 input parser (see vtparse.h). The rules that make a terminal
 * robust, and that a line editor needs so that no key is ever swallowed:
 *
 *  - C0 controls (CR, LF, Ctrl-C, Ctrl-U, ...) act wherever they come,
 *    also in the middle of an escape sequence, which then goes on;
 *  - CAN (0x18) and SUB (0x1a) abort a sequence; ESC starts a new one;
 *  - a sequence that is not a key (private marker, intermediates, a colon,
 *    an ESC X with any other X) is read to its end and dropped;
 *  - OSC, DCS, SOS, PM and APC strings are dropped up to BEL or ESC \.
 *
 * Two choices differ from the VT500 diagram, both because this parses what
 * a keyboard sends, not what a host prints: DEL (Backspace on most
 * terminals) acts inside a sequence as other controls do instead of being
 * ignored, and C0 controls act inside the strings too. Bytes 0x80-0xff are
 * not C1 controls here (xterm in UTF-8 mode does not take them as such):
 * inside a sequence they are ignored. */
#include "vtparse.h"

#define CAN 0x18
#define SUB 0x1a
#define ESC 0x1b
#define BEL 0x07
#define DEL 0x7f
#define MAX_COUNTED_PARAMS 64

enum vt_state {
	VT_GROUND,
	VT_ESCAPE,     /* after ESC */
	VT_ESC_INTER,  /* ESC and intermediates (0x20-0x2f): ESC ( B ... */
	VT_CSI_ENTRY,  /* after ESC [ (or ESC O) */
	VT_CSI_PARAM,  /* in the parameters */
	VT_CSI_INTER,  /* intermediates after the parameters */
	VT_CSI_IGNORE, /* a malformed CSI: read to its final byte, dropped */
	VT_STRING,     /* OSC/DCS/SOS/PM/APC: dropped up to BEL or ESC \ */
};

void vt_reset(struct vt_parser *p)
{
	*p = (struct vt_parser){ .state = VT_GROUND };
}

bool vt_in_sequence(const struct vt_parser *p)
{
	return p->state != VT_GROUND;
}

int vt_param(const struct vt_parser *p, int i, int def)
{
	return i >= 0 && i < VT_PARAMS && i < p->nparams && p->param[i] ? p->param[i] : def;
}

static void csi_start(struct vt_parser *p, bool ss3)
{
	vt_reset(p);
	p->state = VT_CSI_ENTRY;
	p->ss3 = ss3;
}

static void param_digit(struct vt_parser *p, int d)
{
	if (!p->nparams)
		p->nparams = 1;
	int i = p->nparams - 1;
	if (i < VT_PARAMS) {
		int v = p->param[i] * 10 + d;
		p->param[i] = v > VT_PARAM_LIMIT ? VT_PARAM_LIMIT : v;
	}
}

static void param_next(struct vt_parser *p)
{
	if (!p->nparams)
		p->nparams = 1; /* "ESC [ ; 5 C": the first one is empty */
	if (p->nparams < MAX_COUNTED_PARAMS)
		p->nparams++;
}

/* The final byte (0x40-0x7e) of a CSI or SS3 sequence. */
static enum vt_action csi_dispatch(struct vt_parser *p, unsigned char c)
{
	p->state = VT_GROUND;
	p->final = c;
	return p->foreign ? VT_EATEN : VT_KEY;
}

static enum vt_action in_escape(struct vt_parser *p, unsigned char c)
{
	switch (c) {
	case '[': csi_start(p, false); break;
	case 'O': csi_start(p, true); break; /* SS3: keypad and F1-F4 */
	case ']': case 'P': case 'X': case '^': case '_':
		p->state = VT_STRING;
		break;
	default:
		/* intermediates wait for a final byte; any other byte is the
		 * final of an ESC sequence no key sends (Alt+key): dropped */
		p->state = c < 0x30 ? VT_ESC_INTER : VT_GROUND;
		break;
	}
	return VT_EATEN;
}

static enum vt_action in_csi(struct vt_parser *p, unsigned char c)
{
	if (c >= 0x40)
		return p->state == VT_CSI_IGNORE ? (p->state = VT_GROUND, VT_EATEN)
						 : csi_dispatch(p, c);
	if (p->state == VT_CSI_IGNORE)
		return VT_EATEN;
	if (c < 0x30) { /* intermediates: the sequence is no key we know */
		p->foreign = true;
		p->state = VT_CSI_INTER;
	} else if (p->state == VT_CSI_INTER) {
		p->state = VT_CSI_IGNORE; /* a parameter after an intermediate */
	} else if (c <= '9') {
		param_digit(p, c - '0');
		p->state = VT_CSI_PARAM;
	} else if (c == ';') {
		param_next(p);
		p->state = VT_CSI_PARAM;
	} else if (c >= '<' && p->state == VT_CSI_ENTRY) {
		p->foreign = true; /* private marker: ESC [ ? ..., ESC [ > ... */
		p->state = VT_CSI_PARAM;
	} else {
		p->state = VT_CSI_IGNORE; /* ':' or a marker among parameters */
	}
	return VT_EATEN;
}

/* Bytes 0x20-0x7e in a state other than ground. */
static enum vt_action in_sequence(struct vt_parser *p, unsigned char c)
{
	switch (p->state) {
	case VT_ESCAPE:
		return in_escape(p, c);
	case VT_ESC_INTER:
		if (c >= 0x30)
			p->state = VT_GROUND;
		return VT_EATEN;
	case VT_STRING:
		return VT_EATEN;
	default:
		return in_csi(p, c);
	}
}

enum vt_action vt_feed(struct vt_parser *p, unsigned char c)
{
	if (c == CAN || c == SUB) { /* abort, and act as a control */
		p->state = VT_GROUND;
		return VT_BYTE;
	}
	if (c == ESC) {
		vt_reset(p);
		p->state = VT_ESCAPE;
		return VT_EATEN;
	}
	if (p->state == VT_GROUND)
		return VT_BYTE;
	if (c == BEL && p->state == VT_STRING) { /* xterm ends OSC with BEL */
		p->state = VT_GROUND;
		return VT_EATEN;
	}
	if (c < 0x20 || c == DEL)
		return VT_BYTE;
	if (c > DEL)
		return VT_EATEN;
	return in_sequence(p, c);
}
