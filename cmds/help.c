/* help: the registry describes itself. */
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"

static void help_one(const struct cmd *c)
{
	char usage[128];
	cmd_usage_line(c, usage, sizeof(usage));
	printf("%s\n%s\n", usage, c->summary);
	if (c->need)
		printf("needs: %s\n", c->need->what);
	if (*c->help)
		printf("\n%s\n", c->help);
}

static int cmd_help(int argc, char **argv)
{
	struct cmd_table t = cmd_table_builtin();
	if (argc == 0) {
		for (const struct cmd *c = t.begin; c < t.end; c++)
			printf("  %-14s %s\n", c->name, c->summary);
		printf("Type 'help CMD' for usage and examples. Numbers are decimal or 0x-prefixed hex.\n");
		return CMD_OK;
	}
	int used;
	const struct cmd *c = cmd_find(t, argc, argv, &used);
	if (c && used == argc) {
		help_one(c);
		return CMD_OK;
	}
	if (argc == 1 && cmd_is_group(t, argv[0])) {
		size_t n = strlen(argv[0]);
		for (c = t.begin; c < t.end; c++)
			if (!strncmp(c->name, argv[0], n) && c->name[n] == ' ')
				printf("  %-14s %s\n", c->name, c->summary);
		return CMD_OK;
	}
	printf("error: no command '%s' (type 'help' for the list)\n", argv[0]);
	return CMD_FAIL;
}

/* help's argument is a command name: complete it as the shell does. */
static void help_complete(int argi, const char *prefix, complete_add_fn add,
			  void *ctx)
{
	if (argi == 0)
		cmd_complete(cmd_table_builtin(), 0, NULL, prefix, add, ctx);
}

CMD_ENTRY(help, "help", "[CMD]", 0, 2, CMD_NEEDS_NOTHING, "list the commands, or show usage and examples for one",
	  "  help            every command with a one-line summary\n"
	  "  help mem        the commands of a group\n"
	  "  help mem read   usage, description and examples",
	  cmd_help, help_complete);
