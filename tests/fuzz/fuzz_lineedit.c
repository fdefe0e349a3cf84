/* libFuzzer target: the line editor (monitor/lineedit.c, with the VT500
 * parser of monitor/vtparse.c) fed arbitrary bytes, as a serial line can
 * deliver them. After every byte the editor's line must be sane; a
 * finished line holds printable characters only; output is never empty
 * or absurd. The first byte picks what Tab completion offers. */
#include "tests/fuzz/fuzz.h"
#include "monitor/lineedit.h"

static size_t out_bytes;

static void term_out(void *ctx, const char *s, int len)
{
	(void)ctx;
	FUZZ_CHECK(len > 0 && len < 4 * LINE_MAX, "output of %d bytes", len);
	for (int i = 0; i < len; i++)
		FUZZ_CHECK(s[i] != 0, "NUL written to the terminal");
	out_bytes += (size_t)len;
}

static char long_cand[LINE_MAX + 64];
static char many[200][8];
static int cand_set;

static void complete(void *ctx, const char *line, lined_add_fn add, void *actx)
{
	(void)ctx;
	FUZZ_CHECK(strlen(line) < LINE_MAX, "hook line of %zu bytes", strlen(line));
	switch (cand_set) {
	case 1:
		add(actx, long_cand); /* longer than a line */
		break;
	case 2:
		for (int i = 0; i < 200; i++) /* more than the list shows */
			add(actx, many[i]);
		break;
	case 3:
		add(actx, "vmread");
		add(actx, "vmwrite");
		add(actx, "VMREAD_BITMAP");
		add(actx, "");
		break;
	}
}

static const struct lined_io io = { term_out, complete, NULL };

static void check_editor(const struct lined *e)
{
	FUZZ_CHECK(e->len >= 0 && e->len < LINE_MAX, "len %d", e->len);
	FUZZ_CHECK(e->pos >= 0 && e->pos <= e->len, "pos %d of %d", e->pos, e->len);
	FUZZ_CHECK(e->buf[e->len] == 0 && strlen(e->buf) == (size_t)e->len,
		   "buf is %zu long, len %d", strlen(e->buf), e->len);
	FUZZ_CHECK(e->hist_count >= 0 && e->hist_count <= HIST_MAX, "%d entries",
		   e->hist_count);
	FUZZ_CHECK(e->hist_view >= 0 && e->hist_view <= e->hist_count, "view %d",
		   e->hist_view);
}

static void check_line(const char *s)
{
	size_t n = strlen(s);
	FUZZ_CHECK(n < LINE_MAX, "line of %zu", n);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(s[i] >= 0x20 && s[i] < 0x7f, "byte 0x%02x in a line",
			   (unsigned char)s[i]);
}

static void init_candidates(void)
{
	memset(long_cand, 'L', sizeof(long_cand) - 1);
	for (int i = 0; i < 200; i++)
		snprintf(many[i], sizeof(many[i]), "c%03d", i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct lined ed;
	if (!long_cand[0])
		init_candidates();
	if (!size)
		return 0;
	cand_set = data[0] & 3;
	lined_init(&ed, &io);
	lined_start(&ed, "vmm> ");
	for (size_t i = 1; i < size; i++) {
		enum lined_event ev = lined_feed(&ed, data[i]);
		check_editor(&ed);
		if (ev == LINED_LINE)
			check_line(lined_text(&ed));
		if (ev != LINED_NONE)
			lined_start(&ed, "vmm> ");
	}
	FUZZ_CHECK(out_bytes < (size_t)1 << 60, "output counter");
	for (int i = 0; i < HIST_MAX; i++)
		check_line(ed.hist[i]);
	return 0;
}
