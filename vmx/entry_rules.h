/* The VM-entry rules of SDM 26.2-26.3 as data (entry_rules.def): their
 * types and lookups. Pure code: prints nothing, runs nothing; also built on
 * the host for the table's unit test and the docs generator. */
#ifndef VMX_ENTRY_RULES_H
#define VMX_ENTRY_RULES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ENTRY_RULE_WRITES 5

enum entry_area { AREA_CTL, AREA_EVENT, AREA_HOST, AREA_GUEST, AREA_COUNT };
enum entry_expect { EXPECT_VMFAIL, EXPECT_INVALID, EXPECT_ENTERS };

enum entry_op {
	EW_NONE,       /* an unused slot */
	EW_SET, EW_OR, EW_CLR,
	EW_SETV, EW_ORV, /* a value of this machine: enum entry_value */
	EW_SWEEP_CTL, EW_SWEEP_CR, EW_SWEEP_BITS,
};

enum entry_value {
	V_PHYS = 1, V_NONCANON, V_CR3_TARGETS, V_BAD_ACTIVITY, V_PHYS_LAST16, V_ZERO_LENGTH,
	V_VALUE_LAST = V_ZERO_LENGTH
};

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

/* A sweep makes one check per bit; a rule has at most one. */
static inline bool entry_op_is_sweep(enum entry_op op) { return op >= EW_SWEEP_CTL; }
#endif
