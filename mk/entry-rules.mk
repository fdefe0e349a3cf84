# The VM-entry rule table: its unit test and docs/sequences.md, which lists
# every sequence and every rule. Included by the top Makefile.
ENTRY_RULES_SRCS := vmx/entry_rules.c vmx/vmcs_field.c vmx/ctl_bits.c monitor/printf.c
ENTRY_RULES_DEPS := vmx/entry_rules.def vmx/entry_rules.h vmx/vmcs_fields.def \
	vmx/vmcs_aliases.def vmx/ctl_bits.def
SEQUENCE_FILES = $(sort $(wildcard expect/*.vmm) $(filter-out expect/run-vmm.exp,$(wildcard expect/*.exp)))

$(B)/host/test_entry_rules: tests/test_entry_rules.c $(ENTRY_RULES_SRCS) $(ENTRY_RULES_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(HOSTCFLAGS) -o $@ $< $(ENTRY_RULES_SRCS) -lcmocka

$(B)/host/gen-sequences-doc: tools/gen-sequences-doc.c $(ENTRY_RULES_SRCS) $(ENTRY_RULES_DEPS)
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -DHOST_TEST -O1 -Wall -Wextra -I. -o $@ $< $(ENTRY_RULES_SRCS)

sequences-doc: $(B)/host/gen-sequences-doc
	@$(B)/host/gen-sequences-doc $(SEQUENCE_FILES) > docs/sequences.md.tmp
	@mv docs/sequences.md.tmp docs/sequences.md
	@echo "  GEN     docs/sequences.md"

sequences-doc-check: $(B)/host/gen-sequences-doc
	@$(B)/host/gen-sequences-doc $(SEQUENCE_FILES) > $(B)/sequences.md
	@cmp -s $(B)/sequences.md docs/sequences.md || \
		{ echo "docs/sequences.md is stale: run make docs"; exit 1; }

.PHONY: sequences-doc sequences-doc-check
UNIT_EXTRA += $(B)/host/test_entry_rules
DOCS_EXTRA += sequences-doc
DOCS_CHECK_EXTRA += sequences-doc-check
