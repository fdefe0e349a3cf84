/* Host unit tests of the command registry (monitor/registry.c): lookup,
 * groups, completion and the checks before a command runs (argument
 * counts, needs) over a small table, and Tab over that table in the line
 * editor, wired the way the shell wires them. Compiled unchanged with
 * -DHOST_TEST under ASan/UBSan; run with CMOCKA_MESSAGE_OUTPUT=TAP for TAP
 * (`make unit`). */
#include "tests/lineedit_harness.h"

#include "monitor/cmd.h"
#include "monitor/parse.h"

/* ---- registry ---------------------------------------------------------- */

static int cmd_dummy(int argc, char **argv)
{
	(void)argc, (void)argv;
	return CMD_OK;
}

static int seen_argi = -1;
static char seen_prefix[32];

static void dump_complete(int argi, const char *prefix, complete_add_fn add,
			  void *ctx)
{
	seen_argi = argi;
	snprintf(seen_prefix, sizeof(seen_prefix), "%s", prefix);
	if (argi == 0) {
		add(ctx, "control");
		add(ctx, "guest");
		add(ctx, "host");
	}
}

#define E(nm, comp) { nm, "", "summary", "", cmd_dummy, comp, NULL, 0, CMD_ARGS_ANY }
static const struct cmd TABLE[] = {
	E("cpuid", NULL),	 E("help", NULL),
	E("mem read", NULL),	 E("mem write", NULL),
	E("vmcs dump", dump_complete), E("vmcs new", NULL),
};
static const struct cmd_table TAB = { TABLE, TABLE + 6 };

/* A one-word command that is also the first word of a two-word one. */
static const struct cmd NESTED[] = { E("vmcs", NULL), E("vmcs dump", NULL) };
static const struct cmd_table NEST = { NESTED, NESTED + 2 };

static void expect_find(struct cmd_table t, const char *line, const char *want,
			int want_used)
{
	char copy[128], *argv[MAX_ARGS];
	int used = -1;
	snprintf(copy, sizeof(copy), "%s", line);
	int argc = parse_tokenize(copy, argv, MAX_ARGS);
	const struct cmd *c = cmd_find(t, argc, argv, &used);
	if (!want && c)
		FAIL("cmd_find(\"%s\"): expected none, saw \"%s\"", line, c->name);
	if (want && (!c || strcmp(c->name, want)))
		FAIL("cmd_find(\"%s\"): expected \"%s\", saw \"%s\"", line,
		     want, c ? c->name : "(none)");
	assert_int_equal(used, want_used);
}

static void registry_find(void **state)
{
	(void)state;
	expect_find(TAB, "cpuid 1 2", "cpuid", 1);
	expect_find(TAB, "help", "help", 1);
	expect_find(TAB, "mem read 0x1000 16", "mem read", 2);
	expect_find(TAB, "mem write 0x1000", "mem write", 2);
	expect_find(TAB, "vmcs new", "vmcs new", 2);
	expect_find(TAB, "mem", NULL, 0);
	expect_find(TAB, "mem erase", NULL, 0);
	expect_find(TAB, "memread", NULL, 0);
	expect_find(TAB, "cpu", NULL, 0); /* no prefix matching of words */
	expect_find(TAB, "cpuidx", NULL, 0);
	expect_find(TAB, "CPUID", NULL, 0);
	expect_find(TAB, "", NULL, 0);
}

static void registry_find_longest(void **state)
{
	(void)state;
	expect_find(NEST, "vmcs dump guest", "vmcs dump", 2);
	expect_find(NEST, "vmcs guest", "vmcs", 1);
	expect_find(NEST, "vmcs", "vmcs", 1);
}

static void registry_is_group(void **state)
{
	(void)state;
	assert_true(cmd_is_group(TAB, "mem"));
	assert_true(cmd_is_group(TAB, "vmcs"));
	assert_false(cmd_is_group(TAB, "cpuid"));
	assert_false(cmd_is_group(TAB, "me"));
	assert_false(cmd_is_group(TAB, "mem read"));
	assert_false(cmd_is_group(TAB, ""));
	assert_false(cmd_is_group(TAB, "vmx"));
}

struct cands {
	char text[256];
	int n;
};

static void cands_add(void *ctx, const char *cand)
{
	struct cands *c = ctx;
	size_t used = strlen(c->text);
	snprintf(c->text + used, sizeof(c->text) - used, "%s%s",
		 c->n++ ? " " : "", cand);
}

static void expect_complete(struct cmd_table t, const char *words_line,
			    const char *prefix, const char *want)
{
	char copy[128], *words[MAX_ARGS];
	struct cands c = { "", 0 };
	snprintf(copy, sizeof(copy), "%s", words_line);
	int n = parse_tokenize(copy, words, MAX_ARGS);
	cmd_complete(t, n, words, prefix, cands_add, &c);
	if (strcmp(c.text, want))
		FAIL("cmd_complete(\"%s\" + \"%s\"): expected \"%s\", saw \"%s\"",
		     words_line, prefix, want, c.text);
}

static void registry_complete_first_words(void **state)
{
	(void)state;
	/* each first word once, in table order; the editor filters by prefix */
	expect_complete(TAB, "", "", "cpuid help mem vmcs");
	expect_complete(TAB, "", "m", "cpuid help mem vmcs");
}

static void registry_complete_second_words(void **state)
{
	(void)state;
	expect_complete(TAB, "mem", "", "read write");
	expect_complete(TAB, "vmcs", "d", "dump new");
	expect_complete(TAB, "nope", "", "");
	expect_complete(TAB, "cpuid", "", ""); /* a command without a completer */
	expect_complete(TAB, "mem read", "", "");
}

static void registry_complete_own_completer(void **state)
{
	(void)state;
	seen_argi = -1;
	expect_complete(TAB, "vmcs dump", "gu", "control guest host");
	assert_int_equal(seen_argi, 0);
	assert_string_equal(seen_prefix, "gu");
	expect_complete(TAB, "vmcs dump guest", "", "");
	assert_int_equal(seen_argi, 1);
	assert_string_equal(seen_prefix, "");
}

/* ---- checks before a command runs ---------------------------------------- */

static int vmx_on;

static const char *unmet_vmx_on(void)
{
	return vmx_on ? NULL : "not in VMX operation (run vmxon first)";
}

static const struct cmd_need NEED_ON = { "VMX operation", unmet_vmx_on };

static const struct cmd CHECKED[] = {
	{ "launch", "", "s", "", cmd_dummy, NULL, &NEED_ON, 0, 0 },
	{ "mem read", "ADDR [LEN]", "s", "", cmd_dummy, NULL, NULL, 1, 2 },
	{ "mem write", "ADDR BYTE...", "s", "", cmd_dummy, NULL, NULL, 2, CMD_ARGS_ANY },
	{ "vmread", "FIELD", "s", "", cmd_dummy, NULL, &NEED_ON, 1, 1 },
};

static void want_check(const struct cmd *c, int argc, enum cmd_result want,
			 const char *want_why)
{
	const char *why = "unset";
	enum cmd_result r = cmd_check(c, argc, &why);
	if (r != want)
		FAIL("cmd_check(%s, %d): expected %d, saw %d", c->name, argc, want, r);
	if (want_why ? !why || strcmp(why, want_why) : why != NULL)
		FAIL("cmd_check(%s, %d): expected why \"%s\", saw \"%s\"", c->name,
		     argc, want_why ? want_why : "(none)", why ? why : "(none)");
}

static void registry_check_args(void **state)
{
	(void)state;
	vmx_on = 1;
	want_check(&CHECKED[0], 0, CMD_OK, NULL);
	want_check(&CHECKED[0], 1, CMD_USAGE, NULL);
	want_check(&CHECKED[1], 0, CMD_USAGE, NULL);
	want_check(&CHECKED[1], 1, CMD_OK, NULL);
	want_check(&CHECKED[1], 2, CMD_OK, NULL);
	want_check(&CHECKED[1], 3, CMD_USAGE, NULL);
	want_check(&CHECKED[2], 1, CMD_USAGE, NULL);
	want_check(&CHECKED[2], 2, CMD_OK, NULL);
	want_check(&CHECKED[2], MAX_ARGS, CMD_OK, NULL);
}

static void registry_check_needs(void **state)
{
	(void)state;
	vmx_on = 0;
	want_check(&CHECKED[0], 0, CMD_FAIL, "not in VMX operation (run vmxon first)");
	/* the count first: the usage says more than the need */
	want_check(&CHECKED[3], 0, CMD_USAGE, NULL);
	want_check(&CHECKED[3], 1, CMD_FAIL, "not in VMX operation (run vmxon first)");
	want_check(&CHECKED[1], 1, CMD_OK, NULL); /* needs nothing */
	vmx_on = 1;
	want_check(&CHECKED[3], 1, CMD_OK, NULL);
}

static void registry_usage_line(void **state)
{
	char buf[64];
	(void)state;
	assert_int_equal(cmd_usage_line(&CHECKED[1], buf, sizeof(buf)),
			 (int)strlen("usage: mem read ADDR [LEN]"));
	assert_string_equal(buf, "usage: mem read ADDR [LEN]");
	cmd_usage_line(&CHECKED[0], buf, sizeof(buf));
	assert_string_equal(buf, "usage: launch"); /* no blank at the end */
}

/* Tab over the real registry, the way the shell wires them together. */
static const struct cmd *shell_table_begin, *shell_table_end;

static void registry_hook(void *ctx, const char *line, lined_add_fn add,
			  void *actx)
{
	char copy[LINE_MAX], *words[MAX_ARGS];
	size_t n = strlen(line);
	(void)ctx;
	memcpy(copy, line, n + 1);
	int argc = parse_tokenize(copy, words, MAX_ARGS);
	if (argc < 0)
		return;
	const char *prefix = (n == 0 || line[n - 1] == ' ') ? "" : words[--argc];
	struct cmd_table t = { shell_table_begin, shell_table_end };
	cmd_complete(t, argc, words, prefix, add, actx);
}

static void registry_tab_in_editor(void **state)
{
	static const struct lined_io io = { term_out, registry_hook, &T };
	(void)state;
	shell_table_begin = TAB.begin;
	shell_table_end = TAB.end;
	lined_init(&T.ed, &io);
	lined_start(&T.ed, PROMPT);
	feed("c\t");
	assert_line("cpuid ", 6);
	feed("\x15m\t");
	assert_line("mem ", 4);
	feed("w\t");
	assert_line("mem write ", 10);
	feed("\x15vmcs dump g\t");
	assert_line("vmcs dump guest ", 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(registry_find),
		cmocka_unit_test(registry_find_longest),
		cmocka_unit_test(registry_is_group),
		cmocka_unit_test(registry_complete_first_words),
		cmocka_unit_test(registry_complete_second_words),
		cmocka_unit_test(registry_complete_own_completer),
		cmocka_unit_test(registry_check_args),
		cmocka_unit_test(registry_check_needs),
		cmocka_unit_test(registry_usage_line),
		cmocka_unit_test_setup(registry_tab_in_editor, term_setup),
	};
	return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
