/* Lookup, completion and the checks before a command runs, over the
 * command table. Names have one or two words ("cpuid", "mem read"); the
 * longest matching name wins. Pure: shared with the host unit tests. */
#include "cmd.h"
#include "printf.h"
#include "string.h"

/* Number of words of name that match argv, or 0 unless all of them do. */
static int name_match(const char *name, int argc, char **argv)
{
	int words = 0;
	const char *p = name;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		if (words >= argc || strlen(argv[words]) != n ||
		    strncmp(argv[words], p, n))
			return 0;
		words++;
		p += n + (sp ? 1 : 0);
	}
	return words;
}

const struct cmd *cmd_find(struct cmd_table t, int argc, char **argv,
			   int *used)
{
	const struct cmd *best = NULL;
	int best_words = 0;
	for (const struct cmd *c = t.begin; c < t.end; c++) {
		int w = name_match(c->name, argc, argv);
		if (w > best_words) {
			best = c;
			best_words = w;
		}
	}
	*used = best_words;
	return best;
}

static int first_word_is(const char *name, const char *word)
{
	size_t n = strlen(word);
	return !strncmp(name, word, n) && name[n] == ' ';
}

int cmd_is_group(struct cmd_table t, const char *word)
{
	for (const struct cmd *c = t.begin; c < t.end; c++)
		if (first_word_is(c->name, word))
			return 1;
	return 0;
}

/* Offers each distinct word at position nwords of the command names that
 * start with the words already typed. */
static void complete_names(struct cmd_table t, int nwords, char **words,
			   complete_add_fn add, void *ctx)
{
	const char *last = NULL;
	size_t last_len = 0;
	for (const struct cmd *c = t.begin; c < t.end; c++) {
		const char *p = c->name;
		int i;
		for (i = 0; i < nwords && p; i++) {
			size_t n = strlen(words[i]);
			p = (!strncmp(p, words[i], n) && p[n] == ' ') ? p + n + 1 : NULL;
		}
		if (!p)
			continue;
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		if (last && last_len == n && !strncmp(last, p, n))
			continue; /* the table is sorted: duplicates are adjacent */
		char word[64];
		if (n >= sizeof(word))
			continue;
		memcpy(word, p, n);
		word[n] = 0;
		add(ctx, word);
		last = p;
		last_len = n;
	}
}

void cmd_complete(struct cmd_table t, int nwords, char **words,
		  const char *prefix, complete_add_fn add, void *ctx)
{
	int used = 0;
	const struct cmd *c = nwords ? cmd_find(t, nwords, words, &used) : NULL;
	if (c && c->complete) {
		c->complete(nwords - used, prefix, add, ctx);
		return;
	}
	if (!c)
		complete_names(t, nwords, words, add, ctx);
}

enum cmd_result cmd_check(const struct cmd *c, int argc, const char **why)
{
	*why = NULL;
	if (argc < c->min_args || (c->max_args != CMD_ARGS_ANY && argc > c->max_args))
		return CMD_USAGE;
	if (c->need && (*why = c->need->unmet()) != NULL)
		return CMD_FAIL;
	return CMD_OK;
}

int cmd_usage_line(const struct cmd *c, char *buf, size_t size)
{
	return fmt_snprintf(buf, size, "usage: %s%s%s", c->name, *c->usage ? " " : "", c->usage);
}
