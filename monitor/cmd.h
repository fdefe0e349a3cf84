/* The command registry. Each command file declares its commands with CMD();
 * the linker gathers the entries, sorted by id, into .cmdtab (see linker.ld),
 * and the dispatcher, help, Tab completion and docs/commands.md all walk
 * that one table. */
#ifndef MONITOR_CMD_H
#define MONITOR_CMD_H
#include <stddef.h>

enum cmd_result { CMD_OK = 0, CMD_FAIL = 1, CMD_USAGE = 2 };

/* Completion: a command may offer candidates for its arguments. argi is the
 * index (0-based, after the command name) of the word being completed. */
typedef void (*complete_add_fn)(void *ctx, const char *candidate);
typedef void (*cmd_complete_fn)(int argi, const char *prefix,
				complete_add_fn add, void *ctx);

/* A state a command needs before it can run ("VMX operation", "a current
 * VMCS"). The command files define them; the registry only asks. */
struct cmd_need {
	const char *what;           /* for help and the docs: "a current VMCS" */
	const char *(*unmet)(void); /* NULL when met, else the error line
				     * without its "error: " */
};

#define CMD_NEEDS_NOTHING NULL
#define CMD_ARGS_ANY (-1) /* max_args: no limit */

struct cmd {
	const char *name;    /* one or two words: "cpuid", "mem read" */
	const char *usage;   /* arguments only: "ADDR [LEN]" */
	const char *summary; /* one line for `help` */
	const char *help;    /* longer text with examples for `help CMD` */
	int (*fn)(int argc, char **argv); /* argv[0] is the first argument */
	cmd_complete_fn complete;         /* may be NULL */
	const struct cmd_need *need;      /* checked before fn; may be NULL */
	int min_args, max_args;           /* checked before fn */
};

/* CMD(id, name, usage, min, max, need, summary, help, handler): the
 * handler runs only with min..max arguments (max CMD_ARGS_ANY: no limit)
 * and with need met; otherwise the dispatcher prints the usage or the
 * unmet need's error. CMD_ENTRY adds an argument completer. */
#define CMD_ENTRY(id, nm, us, mn, mx, nd, sum, hl, handler, comp)          \
	static const struct cmd cmd_entry_##id                              \
		__attribute__((used, section(".cmdtab." #id), aligned(8))) = \
		{ nm, us, sum, hl, handler, comp, nd, mn, mx }
#define CMD(id, nm, us, mn, mx, nd, sum, hl, handler) \
	CMD_ENTRY(id, nm, us, mn, mx, nd, sum, hl, handler, NULL)

/* The table, as the linker laid it out (or as a host test builds it). */
struct cmd_table {
	const struct cmd *begin, *end;
};
struct cmd_table cmd_table_builtin(void);

/* Finds the command whose name matches the longest prefix of argv's words;
 * sets *used to the number of words the name took. NULL when none. */
const struct cmd *cmd_find(struct cmd_table t, int argc, char **argv,
			   int *used);
/* True when word is the first word of some command's name. */
int cmd_is_group(struct cmd_table t, const char *word);
/* Candidates for the word being typed; words[0..nwords) are complete. */
void cmd_complete(struct cmd_table t, int nwords, char **words,
		  const char *prefix, complete_add_fn add, void *ctx);

/* Whether c may run with argc arguments: CMD_USAGE when argc is outside
 * its range, CMD_FAIL with *why set to the error line when its need is
 * unmet, else CMD_OK. The argument count is checked first. */
enum cmd_result cmd_check(const struct cmd *c, int argc, const char **why);
/* "usage: NAME USAGE" (no blank after a command without arguments), the
 * line help and the dispatcher print. Returns the length it wanted. */
int cmd_usage_line(const struct cmd *c, char *buf, size_t size);
#endif
