/* VM-entry checks as data: the rules of entry_rules.def (SDM 26.2-26.3),
 * each expanded into one or more checks and run against the current VMCS.
 * A check writes its values, executes VMLAUNCH on the cleared VMCS,
 * compares the outcome with the SDM's, puts every field back and, after a
 * failed entry, shows that the VMCS still enters. Prints nothing. */
#ifndef VMX_ENTRY_CHECK_H
#define VMX_ENTRY_CHECK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "run.h"
#include "entry_rules.h"

enum check_verdict { CHECK_PASS, CHECK_FAIL, CHECK_SKIP };

/* One check, as it ran. */
struct entry_check {
	const struct entry_rule *rule;
	int bit;            /* the swept bit; -1 when the rule sweeps nothing */
	bool must_be_one;   /* the swept bit was cleared (it must be 1) */
	unsigned nwrites;
	uint32_t field[ENTRY_RULE_WRITES];
	uint64_t value[ENTRY_RULE_WRITES]; /* as written */
	enum check_verdict verdict;
	char why[112];       /* a skip's reason */
	struct vmx_exit seen;
	bool launch_state_set; /* VMRESUME after the failed entry did not
				* fail with VMfailValid(5) */
	bool recovery_failed; /* the restored VMCS did not enter */
	struct vmx_exit recovery;
};

/* Called for each check; returns false to stop the run (Ctrl-C). */
typedef bool (*entry_report_fn)(void *ctx, const struct entry_check *c);

/* VMLAUNCH of the current VMCS as it is, cleared first: the baseline every
 * check starts from must enter. False (with what happened) when not. */
bool entry_check_baseline(const struct run_poll *poll, struct vmx_exit *seen);
/* Leaves the current VMCS clear (the next entry is a VMLAUNCH), as the
 * checks found it after their baseline. */
void entry_check_finish(void);
/* Runs every check of rule r; false when the run must stop (the report
 * said so, or the VMCS no longer enters after a check). */
bool entry_rule_run(const struct entry_rule *r, const struct run_poll *poll,
		    entry_report_fn report, void *ctx);
#endif
