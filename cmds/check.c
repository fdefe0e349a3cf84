/* check: the VM-entry rules of SDM 26.2-26.3 (vmx/entry_rules.def) run
 * against the current VMCS, one line per check, so an L0's entry checks
 * can be compared with the SDM at the prompt or from a sequence. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../monitor/uart.h"
#include "../vmx/entry_check.h"
#include "../vmx/exit_reason.h"

struct tally {
	unsigned pass, fail, skip;
	bool stopped;
};

static bool ctrl_c(void *ctx)
{
	(void)ctx;
	return uart_take_interrupt_key();
}

static void format_expect(const struct entry_rule *r, char *buf, size_t size)
{
	char d[80];
	switch (r->expect) {
	case EXPECT_VMFAIL:
		fmt_snprintf(buf, size, "VMfailValid(%u)", r->code);
		break;
	case EXPECT_INVALID:
		exit_reason_label(EXIT_REASON_INVALID_STATE, d, sizeof(d));
		fmt_snprintf(buf, size, "VM-entry failed: %s qual=0x%llx", d, (unsigned long long)r->code);
		break;
	case EXPECT_ENTERS:
		fmt_snprintf(buf, size, "a VM exit (the entry succeeds)");
		break;
	}
}

/* "FIELD=0x... FIELD=0x... (bit N must be 1)": what a person would type. */
static void print_writes(const struct entry_check *c)
{
	for (unsigned i = 0; i < c->nwrites; i++) {
		const struct vmcs_field *f = vmcs_field_by_encoding(c->field[i]);
		printf(" %s=0x%llx", f ? f->name : "?", (unsigned long long)c->value[i]);
	}
	if (c->bit >= 0)
		printf(" (bit %d must be %d)", c->bit, c->must_be_one ? 1 : 0);
}

static bool report(void *ctx, const struct entry_check *c)
{
	struct tally *t = ctx;
	char want[96], seen[200];
	const struct entry_rule *r = c->rule;
	if (c->verdict == CHECK_SKIP) {
		t->skip++;
		printf("skip %s: %s\n", r->name, c->why);
	} else {
		format_expect(r, want, sizeof(want));
		printf("%s %s", c->verdict == CHECK_PASS ? "ok  " : "FAIL", r->name);
		print_writes(c);
		if (c->verdict == CHECK_PASS) {
			t->pass++;
			printf(": %s [SDM %s]\n", want, r->section);
		} else {
			t->fail++;
			exit_line_format(&c->seen, seen, sizeof(seen));
			printf(": expected %s [SDM %s], saw %s%s\n", want, r->section, seen,
			       c->launch_state_set ? "; then VMRESUME did not fail with VMfailValid(5): "
						     "the failed VMLAUNCH left the VMCS launched" : "");
		}
	}
	if (c->recovery_failed) {
		exit_line_format(&c->recovery, seen, sizeof(seen));
		printf("error: check: after %s the restored VMCS no longer enters (%s); stopping\n", r->name, seen);
	}
	t->stopped = ctrl_c(0);
	return !t->stopped;
}

/* True when rule r is selected by words: areas, rule names or "all" add,
 * "-NAME" (a rule or an area) takes away. */
static bool selected(const struct entry_rule *r, int argc, char **argv)
{
	enum entry_area a;
	bool in = false;
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i][0] == '-' ? argv[i] + 1 : argv[i];
		bool match = !strcmp(w, "all") || !strcmp(w, r->name) ||
			     (entry_area_by_name(w, &a) && a == r->area);
		if (match && argv[i][0] == '-')
			return false;
		in = in || match;
	}
	return in;
}

static bool words_known(int argc, char **argv)
{
	enum entry_area a;
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i][0] == '-' ? argv[i] + 1 : argv[i];
		if (strcmp(w, "all") && !entry_rule_by_name(w) && !entry_area_by_name(w, &a)) {
			printf("error: check: unknown rule or area '%s' (see 'check list')\n", w);
			return false;
		}
	}
	return true;
}

static bool baseline_enters(const struct run_poll *poll)
{
	struct vmx_exit e;
	char seen[200];
	if (entry_check_baseline(poll, &e))
		return true;
	if (!exit_line_format(&e, seen, sizeof(seen)))
		fmt_snprintf(seen, sizeof(seen), "nothing ran");
	printf("error: check: the current VMCS does not enter as it is (%s): start from 'vmcs new'\n", seen);
	return false;
}

static int cmd_entry_checks(int argc, char **argv)
{
	struct tally t = { 0, 0, 0, false };
	struct run_poll poll = { ctrl_c, 0, 0, POLL_NONE, false };
	if (!words_known(argc, argv))
		return CMD_FAIL;
	uart_take_interrupt_key();
	uart_rx_irq(false); /* input waits in the FIFO: no key reaches L2 */
	bool ok = baseline_enters(&poll);
	for (size_t i = 0; ok && i < entry_rule_count(); i++) {
		const struct entry_rule *r = entry_rule_at(i);
		if (selected(r, argc, argv))
			ok = entry_rule_run(r, &poll, report, &t);
	}
	entry_check_finish();
	uart_rx_irq(true);
	if (t.stopped)
		printf("interrupted: Ctrl-C stopped the checks\n");
	printf("check: %u checks: %u passed, %u failed, %u skipped\n", t.pass + t.fail + t.skip, t.pass,
	       t.fail, t.skip);
	return ok && !t.fail ? CMD_OK : CMD_FAIL;
}

static int cmd_check_list(int argc, char **argv)
{
	char want[96];
	if (!words_known(argc, argv))
		return CMD_FAIL;
	for (size_t i = 0; i < entry_rule_count(); i++) {
		const struct entry_rule *r = entry_rule_at(i);
		if (argc && !selected(r, argc, argv))
			continue;
		format_expect(r, want, sizeof(want));
		printf("%-36s %-8s SDM %-8s %s: %s\n", r->name, entry_area_name(r->area), r->section, want,
		       r->what);
	}
	return CMD_OK;
}

static void complete_rule(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	(void)argi;
	size_t n = strlen(prefix);
	for (int a = 0; a < AREA_COUNT; a++)
		if (!strncmp(entry_area_name((enum entry_area)a), prefix, n))
			add(ctx, entry_area_name((enum entry_area)a));
	for (size_t i = 0; i < entry_rule_count(); i++)
		if (!strncmp(entry_rule_at(i)->name, prefix, n))
			add(ctx, entry_rule_at(i)->name);
}

CMD_ENTRY(check, "check", "all|AREA|RULE|-RULE...", 1, CMD_ARGS_ANY, NEEDS_VMCS,
	  "run the SDM 26.2-26.3 VM-entry checks against the current VMCS",
	  "Each rule (see 'check list') writes bad values into the current VMCS, VMLAUNCHes\n"
	  "it from the clear state and compares the outcome with the SDM's: VMfailValid(7)\n"
	  "for control fields, VMfailValid(8) for host state, INVALID_STATE (33) with its\n"
	  "qualification for guest state. A failed VMLAUNCH must leave the launch state\n"
	  "clear (a VMRESUME then fails with VMfailValid(5)). Every field is put back, and\n"
	  "after a failed entry the VMCS must enter again. Areas: controls, events, host,\n"
	  "guest. Sweeps check\n"
	  "every bit the capability MSRs fix. One line per check: 'ok', 'FAIL' (with what\n"
	  "was written and what came) or 'skip' (with why); then a count. Start from a\n"
	  "VMCS that enters ('vmcs new', 'guest load hlt'); it is left clear, every field as\n"
	  "it was, so the next entry is 'launch'. Ctrl-C stops between checks.\n"
	  "-NAME leaves a rule or an area out.\n"
	  "  check controls\n"
	  "  check events -event-other-vector\n"
	  "  check guest-cr3-width host-rip\n"
	  "  check all     check: 412 checks: 400 passed, 0 failed, 12 skipped",
	  cmd_entry_checks, complete_rule);
CMD_ENTRY(check_list, "check list", "[AREA|RULE]...", 0, CMD_ARGS_ANY, CMD_NEEDS_NOTHING, "list the VM-entry rules 'check' runs",
	  "  check list host   host-cr0-fixed  host  SDM 26.2.2  VMfailValid(8): ...", cmd_check_list,
	  complete_rule);
