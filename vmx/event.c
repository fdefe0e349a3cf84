/* Events by name. See event.h. */
#include "event.h"
#include "../monitor/exception.h"
#include "../monitor/parse.h"
#include "../monitor/strbuf.h"
#include "../monitor/string.h"

static const struct {
	const char *name, *what;
} types[EVENT_TYPE_COUNT] = {
#define TYPE_ROW(n, t, w) [t] = { n, w },
	EVENT_TYPES(TYPE_ROW)
#undef TYPE_ROW
};

bool event_type_parse(const char *s, enum intr_type *t)
{
	uint64_t n;
	for (int i = 0; i < EVENT_TYPE_COUNT; i++)
		if (!strcasecmp(s, types[i].name)) {
			*t = (enum intr_type)i;
			return true;
		}
	if (!strcasecmp(s, "exception")) {
		*t = INTR_TYPE_HARD_EXCEPTION;
		return true;
	}
	if (parse_u64(s, &n) && n < EVENT_TYPE_COUNT) {
		*t = (enum intr_type)n;
		return true;
	}
	return false;
}

const char *event_type_name(enum intr_type t)
{
	return (unsigned)t < EVENT_TYPE_COUNT ? types[t].name : "?";
}

const char *event_type_what(enum intr_type t)
{
	return (unsigned)t < EVENT_TYPE_COUNT ? types[t].what : "?";
}

#define VECTOR_MAX 255

bool event_vector_parse(const char *s, unsigned *v)
{
	uint64_t n;
	if (parse_u64(s, &n)) {
		*v = (unsigned)n;
		return n <= VECTOR_MAX;
	}
	const char *bare = s[0] == '#' ? s + 1 : s;
	for (unsigned i = 0; i < EXC_COUNT; i++) {
		const char *m = exception_mnemonic(i);
		if (!m)
			continue;
		if (!strcasecmp(s, m) || !strcasecmp(bare, m[0] == '#' ? m + 1 : m)) {
			*v = i;
			return true;
		}
	}
	return false;
}

bool event_error_code_required(unsigned vector)
{
	switch (vector) {
	case EXC_DF: case EXC_TS: case EXC_NP: case EXC_SS: case EXC_GP:
	case EXC_PF: case EXC_AC: case EXC_CP:
		return true;
	default:
		return false;
	}
}

uint32_t event_info(enum intr_type t, unsigned v, bool code)
{
	return intr_info_make(t, v) | (code ? INTR_INFO_DELIVER_CODE_MASK : 0);
}

#define INT_N_LENGTH 2   /* CD ib */
#define ONE_BYTE_LENGTH 1 /* CC (INT3), CE (INTO), F1 (ICEBP) */

unsigned event_default_length(enum intr_type t, unsigned v)
{
	(void)v;
	switch (t) {
	case INTR_TYPE_SOFT_INTR: return INT_N_LENGTH;
	case INTR_TYPE_PRIV_SW_EXCEPTION:
	case INTR_TYPE_SOFT_EXCEPTION: return ONE_BYTE_LENGTH;
	default: return 0;
	}
}

#define ERROR_CODE_HIGH 0xffff0000u /* bits 31:16 */
#define LENGTH_MAX 15

static bool type_is_software(enum intr_type t)
{
	return t == INTR_TYPE_SOFT_INTR || t == INTR_TYPE_PRIV_SW_EXCEPTION ||
	       t == INTR_TYPE_SOFT_EXCEPTION;
}

/* SDM 26.2.1.3, "Checks on VM-Execution ... Event Injection", in order. */
const char *event_injection_problem(uint32_t info, uint32_t err, uint32_t len, bool zero_len,
				    bool mtf)
{
	enum intr_type t = intr_info_type(info);
	unsigned v = intr_info_vector(info);
	bool code = (info & INTR_INFO_DELIVER_CODE_MASK) != 0;
	if (!intr_info_valid(info))
		return NULL;
	if (t == INTR_TYPE_RESERVED)
		return "interruption type 1 is reserved";
	if (t == INTR_TYPE_OTHER_EVENT && !mtf)
		return "type 7 (other event) needs the monitor trap flag offered";
	if (t == INTR_TYPE_NMI_INTR && v != EXC_NMI)
		return "an NMI has vector 2";
	if (t == INTR_TYPE_HARD_EXCEPTION && v >= EXC_COUNT)
		return "a hardware exception has a vector up to 31";
	if (t == INTR_TYPE_OTHER_EVENT && v != 0)
		return "other event (type 7) has vector 0";
	if (code != (t == INTR_TYPE_HARD_EXCEPTION && event_error_code_required(v)))
		return code ? "this event delivers no error code (bit 11 must be 0)"
			    : "this exception delivers an error code (bit 11 must be 1)";
	/* bit 12 is defined for exit information only: reserved here */
	if (info & (INTR_INFO_RESVD_BITS_MASK | INTR_INFO_UNBLOCK_NMI))
		return "bits 30:12 are reserved";
	if (code && (err & ERROR_CODE_HIGH))
		return "bits 31:16 of the error code are 0";
	if (type_is_software(t) && (len > LENGTH_MAX || (len == 0 && !zero_len)))
		return zero_len ? "a software event has an instruction length up to 15"
				: "a software event has an instruction length 1 to 15 (IA32_VMX_MISC bit 30 is 0)";
	return NULL;
}

static const struct {
	const char *word;
	unsigned bit;
} block_bits[] = {
#define BLOCK_ROW(w, b, d) { w, b },
	INTERRUPTIBILITY_BITS(BLOCK_ROW)
#undef BLOCK_ROW
};
#define NBLOCK (sizeof(block_bits) / sizeof(block_bits[0]))

bool event_block_parse(const char *s, uint32_t *mask)
{
	for (unsigned i = 0; i < NBLOCK; i++)
		if (!strcasecmp(s, block_bits[i].word)) {
			*mask = 1u << block_bits[i].bit;
			return true;
		}
	return false;
}

int event_block_format(uint32_t state, char *buf, size_t size)
{
	struct strbuf sb;
	strbuf_init(&sb, buf, size);
	for (unsigned bit = 0; bit < 32; bit++) {
		if (!(state >> bit & 1))
			continue;
		const char *w = NULL;
		for (unsigned i = 0; i < NBLOCK; i++)
			if (block_bits[i].bit == bit)
				w = block_bits[i].word;
		if (w)
			strbuf_add(&sb, "%s%s", sb.len ? " " : "", w);
		else
			strbuf_add(&sb, "%sbit %u", sb.len ? " " : "", bit);
	}
	if (!state)
		strbuf_add(&sb, "none");
	return (int)sb.len;
}

static const char *const activities[] = { "active", "hlt", "shutdown", "wait-sipi" };
#define NACTIVITY (sizeof(activities) / sizeof(activities[0]))

bool event_activity_parse(const char *s, uint32_t *state)
{
	uint64_t n;
	for (unsigned i = 0; i < NACTIVITY; i++)
		if (!strcasecmp(s, activities[i])) {
			*state = i;
			return true;
		}
	if (parse_u64(s, &n) && n <= 0xffffffffull) {
		*state = (uint32_t)n;
		return true;
	}
	return false;
}

const char *event_activity_name(uint32_t state)
{
	return state < NACTIVITY ? activities[state] : NULL;
}
