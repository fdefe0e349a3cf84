/* The shell: read a line, split it, find the command, run it inside a
 * fault-recovery region, print the prompt again. Lines starting with '#'
 * are comments, so a .vmm sequence can be pasted in as it is. */
#include "shell.h"
#include "cmd.h"
#include "lineedit.h"
#include "parse.h"
#include "printf.h"
#include "reset.h"
#include "string.h"
#include "trap.h"
#include "uart.h"

extern const struct cmd __cmdtab_start[], __cmdtab_end[];

static struct lined ed;

struct cmd_table cmd_table_builtin(void)
{
	return (struct cmd_table){ __cmdtab_start, __cmdtab_end };
}

static void term_out(void *ctx, const char *s, int len)
{
	(void)ctx;
	for (int i = 0; i < len; i++)
		uart_putc(s[i]);
}

static void term_complete(void *ctx, const char *line, lined_add_fn add,
			  void *actx)
{
	char copy[LINE_MAX], *words[MAX_ARGS];
	(void)ctx;
	memcpy(copy, line, strlen(line) + 1);
	size_t n = strlen(copy);
	int ends_blank = n == 0 || copy[n - 1] == ' ';
	int argc = parse_tokenize(copy, words, MAX_ARGS);
	if (argc < 0)
		return;
	/* the last word, unless the line ends in a blank, is the prefix */
	const char *prefix = ends_blank ? "" : words[--argc];
	cmd_complete(cmd_table_builtin(), argc, words, prefix, add, actx);
}

/* Checks the argument count and the command's need, then runs it inside
 * a fault-recovery region. The usage line is printed here and only here. */
static void run_command(const struct cmd *c, int argc, char **argv)
{
	struct fault_jmp j;
	const char *why;
	char line[160];
	int r = cmd_check(c, argc, &why);
	if (r == CMD_OK) {
		if (fault_try(&j)) {
			char what[200];
			trap_describe(&j.info, what, sizeof(what));
			printf("error: %s: unexpected %s\n", c->name, what);
			trap_print_last_frame();
			return;
		}
		r = c->fn(argc, argv);
		fault_end(&j);
	}
	if (why)
		printf("error: %s\n", why);
	if (r == CMD_USAGE) {
		cmd_usage_line(c, line, sizeof(line));
		printf("error: %s\n", line);
	}
}

static void shell_execute(char *line)
{
	char *argv[MAX_ARGS];
	while (*line == ' ' || *line == '\t')
		line++;
	if (*line == '#' || !*line)
		return;
	int argc = parse_tokenize(line, argv, MAX_ARGS);
	if (argc < 0) {
		printf("error: too many words (at most %d)\n", MAX_ARGS);
		return;
	}
	int used;
	struct cmd_table t = cmd_table_builtin();
	const struct cmd *c = cmd_find(t, argc, argv, &used);
	if (!c && cmd_is_group(t, argv[0]))
		printf("error: unknown command '%s %s' (try: help %s)\n",
		       argv[0], argc > 1 ? argv[1] : "", argv[0]);
	else if (!c)
		printf("error: unknown command '%s' (try: help)\n", argv[0]);
	else
		run_command(c, argc - used, argv + used);
}

/* Input the UART or the ring had no room for: said once, before the
 * prompt, so a pasted sequence that lost bytes is not trusted silently. */
static void report_lost_input(void)
{
	unsigned ring_full, overruns;
	if (uart_take_lost(&ring_full, &overruns))
		printf("warning: input lost: %u byte(s) found the input buffer full, %u UART overrun(s)\n",
		       ring_full, overruns);
}

/* The history holds the `reset` line itself too: all of it goes. */
static void shell_reset(struct reset_log *log)
{
	int n = lined_forget_history(&ed);
	uart_take_interrupt_key(); /* a Ctrl-C nobody asked about */
	if (n)
		reset_note(log, "%d line(s) of history forgotten", n);
}
RESET_HOOK(80, shell, shell_reset);

void shell_run(void)
{
	static const struct lined_io io = { term_out, term_complete, 0 };
	char line[LINE_MAX];
	lined_init(&ed, &io);
	for (;;) {
		report_lost_input();
		lined_start(&ed, SHELL_PROMPT);
		enum lined_event ev;
		while ((ev = lined_feed(&ed, (unsigned char)uart_getc())) == LINED_NONE)
			;
		if (ev == LINED_TOOLONG)
			printf("error: line too long (at most %d characters)\n",
			       LINE_MAX - 1);
		if (ev != LINED_LINE)
			continue;
		memcpy(line, lined_text(&ed), strlen(lined_text(&ed)) + 1);
		shell_execute(line);
	}
}
