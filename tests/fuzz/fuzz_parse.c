/* libFuzzer target: the shell's parsing of a line (monitor/parse.c) and
 * the command lookup and completion behind it (monitor/registry.c).
 * parse_tokenize and parse_u64 are checked against plain reference
 * versions written with the C library. */
#include <ctype.h>
#include <errno.h>

#include "tests/fuzz/fuzz.h"
#include "monitor/cmd.h"
#include "monitor/parse.h"

static int cmd_none(int argc, char **argv)
{
	(void)argc, (void)argv;
	return CMD_OK;
}

static void offer(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	(void)argi, (void)prefix;
	add(ctx, "GUEST_RIP");
	add(ctx, "");
	add(ctx, "guest");
}

#define E(nm, comp) { nm, "", "", "", cmd_none, comp, NULL, 0, CMD_ARGS_ANY }
static const struct cmd TABLE[] = {
	E("cpuid", NULL), E("help", offer), E("mem read", NULL), E("mem write", NULL),
	E("vmcs", NULL), E("vmcs dump", offer), E("vmcs new", NULL), E("x", offer),
};
static const struct cmd_table TAB = { TABLE, TABLE + sizeof(TABLE) / sizeof(TABLE[0]) };

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

static int ref_count_words(const char *s)
{
	int n = 0;
	for (size_t i = 0; s[i]; i++)
		if (!blank(s[i]) && (i == 0 || blank(s[i - 1])))
			n++;
	return n;
}

/* parse_u64 as the contract says: 0x + hex digits, or decimal digits,
 * the whole string, no overflow. */
static bool ref_u64(const char *s, uint64_t *out)
{
	int base = 10;
	const char *d = s;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		d = s + 2;
	}
	if (!*d)
		return false;
	for (const char *p = d; *p; p++)
		if (base == 16 ? !isxdigit((unsigned char)*p) : !isdigit((unsigned char)*p))
			return false;
	errno = 0;
	unsigned long long v = strtoull(d, NULL, base);
	if (errno == ERANGE)
		return false;
	*out = v;
	return true;
}

static void check_number(const char *tok)
{
	uint64_t got = 0x5a5a, want = 0;
	bool ok = parse_u64(tok, &got), ref = ref_u64(tok, &want);
	FUZZ_CHECK(ok == ref, "parse_u64(\"%s\") said %d, reference %d", tok, ok, ref);
	FUZZ_CHECK(!ok || got == want, "parse_u64(\"%s\") = %llu, reference %llu", tok,
		   (unsigned long long)got, (unsigned long long)want);
	FUZZ_CHECK(ok || got == 0x5a5a, "parse_u64(\"%s\") wrote *out on failure", tok);
}

static void add_candidate(void *ctx, const char *cand)
{
	const char *prefix = ctx;
	FUZZ_CHECK(cand != NULL, "NULL candidate");
	FUZZ_CHECK(strlen(cand) < 4096, "runaway candidate");
	(void)prefix;
}

static void check_lookup(int argc, char **argv)
{
	int used = -1;
	const struct cmd *c = cmd_find(TAB, argc, argv, &used);
	if (c) {
		FUZZ_CHECK(used >= 1 && used <= argc, "used %d of %d words", used, argc);
		FUZZ_CHECK(c >= TAB.begin && c < TAB.end, "entry outside the table");
	}
	if (argc)
		(void)cmd_is_group(TAB, argv[0]);
	const char *prefix = argc ? argv[argc - 1] : "";
	cmd_complete(TAB, argc ? argc - 1 : 0, argv, prefix, add_candidate, (void *)prefix);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	char *line = fuzz_rest_string(&in);
	char *orig = strdup(line);
	size_t len = strlen(line);
	char *argv[MAX_ARGS + 1];
	int words = ref_count_words(orig);
	int argc = parse_tokenize(line, argv, MAX_ARGS);
	FUZZ_CHECK(argc == (words > MAX_ARGS ? -1 : words), "%d words, argc %d", words, argc);
	for (int i = 0; i < argc; i++) {
		FUZZ_CHECK(argv[i] >= line && argv[i] < line + len, "word %d outside the line", i);
		FUZZ_CHECK(i == 0 || argv[i] > argv[i - 1], "words out of order");
		size_t wl = strlen(argv[i]);
		FUZZ_CHECK(wl > 0, "empty word %d", i);
		FUZZ_CHECK(!memcmp(argv[i], orig + (argv[i] - line), wl), "word %d changed", i);
		for (size_t k = 0; k < wl; k++)
			FUZZ_CHECK(!blank(argv[i][k]), "blank inside word %d", i);
		check_number(argv[i]);
	}
	if (argc >= 0)
		check_lookup(argc, argv);
	check_number(orig);
	free(orig);
	free(line);
	return 0;
}
