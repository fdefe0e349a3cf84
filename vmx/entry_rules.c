/* The VM-entry rule table (entry_rules.def) and its lookups. Pure. */
#include "entry_rules.h"
#include "vmcs_field.h"
#include "ctl_bits.h"
#include "../monitor/string.h"

#define W(f, o, v) { (f), EW_##o, (uint64_t)(v) }
static const struct entry_rule rules[] = {
#define RULE(nm, ar, sec, ex, cd, what, ...) \
	{ nm, AREA_##ar, sec, EXPECT_##ex, cd, what, { __VA_ARGS__ } },
#include "entry_rules.def"
#undef RULE
};
#undef W

static const char *const area_names[AREA_COUNT] = { "controls", "events", "host", "guest" };

size_t entry_rule_count(void) { return sizeof(rules) / sizeof(rules[0]); }

const struct entry_rule *entry_rule_at(size_t i)
{
	return i < entry_rule_count() ? &rules[i] : NULL;
}

const struct entry_rule *entry_rule_by_name(const char *name)
{
	for (size_t i = 0; i < entry_rule_count(); i++)
		if (!strcmp(rules[i].name, name))
			return &rules[i];
	return NULL;
}

const char *entry_area_name(enum entry_area a)
{
	return a < AREA_COUNT ? area_names[a] : "?";
}

bool entry_area_by_name(const char *name, enum entry_area *out)
{
	for (int a = 0; a < AREA_COUNT; a++)
		if (!strcmp(area_names[a], name)) {
			*out = (enum entry_area)a;
			return true;
		}
	return false;
}

