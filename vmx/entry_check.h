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

#define ENTRY_RULE_WRITES 5

enum entry_area { AREA_CTL, AREA_EVENT, AREA_HOST, AREA_GUEST, AREA_COUNT };
enum entry_expect { EXPECT_VMFAIL, EXPECT_INVALID, EXPECT_ENTERS };

enum entry_op {
	EW_NONE,       /* an unused slot */
	EW_SET, EW_OR, EW_CLR,
	EW_SETV, EW_ORV, /* a value of this machine: enum entry_value */
	EW_SWEEP_CTL, EW_SWEEP_CR, EW_SWEEP_BITS,
};

enum entry_value { V_PHYS = 1, V_NONCANON, V_CR3_TARGETS, V_BAD_ACTIVITY };

struct entry_write {
	uint32_t field;
	enum entry_op op;
	uint64_t value;
};

struct entry_rule {
	const char *name;
	enum entry_area area;
	const char *section; /* SDM Vol. 3C */
	enum entry_expect expect;
	uint32_t code;       /* VM-instruction error, or exit qualification */
	const char *what;    /* what the SDM requires */
	struct entry_write w[ENTRY_RULE_WRITES];
};

size_t entry_rule_count(void);
const struct entry_rule *entry_rule_at(size_t i);
const struct entry_rule *entry_rule_by_name(const char *name);
const char *entry_area_name(enum entry_area a); /* "controls", ... */
bool entry_area_by_name(const char *name, enum entry_area *out);

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
	bool recovery_failed; /* the restored VMCS did not enter */
	struct vmx_exit recovery;
};

/* Called for each check; returns false to stop the run (Ctrl-C). */
typedef bool (*entry_report_fn)(void *ctx, const struct entry_check *c);

/* VMLAUNCH of the current VMCS as it is, cleared first: the baseline every
 * check starts from must enter. False (with what happened) when not. */
bool entry_check_baseline(const struct run_poll *poll, struct vmx_exit *seen);
/* Runs every check of rule r; false when the run must stop (the report
 * said so, or the VMCS no longer enters after a check). */
bool entry_rule_run(const struct entry_rule *r, const struct run_poll *poll,
		    entry_report_fn report, void *ctx);
#endif
