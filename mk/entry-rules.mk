# docs/sequences.md: every sequence of expect/ and every VM-entry rule of
# vmx/entry_rules.def (tools/gen-sequences-doc, built by mk/host.mk; the
# table's unit test is tests/test_entry_rules.c). Included by the Makefile.
SEQUENCE_FILES = $(sort $(wildcard expect/*.vmm) $(filter-out expect/run-vmm.exp expect/batch.exp,$(wildcard expect/*.exp)))

sequences-doc: $(B)/host/gen-sequences-doc
	@$(B)/host/gen-sequences-doc $(SEQUENCE_FILES) > docs/sequences.md.tmp
	@mv docs/sequences.md.tmp docs/sequences.md
	@echo "  GEN     docs/sequences.md"

sequences-doc-check: $(B)/host/gen-sequences-doc
	@$(B)/host/gen-sequences-doc $(SEQUENCE_FILES) > $(B)/sequences.md
	@cmp -s $(B)/sequences.md docs/sequences.md || \
		{ echo "docs/sequences.md is stale: run make docs"; exit 1; }

.PHONY: sequences-doc sequences-doc-check
DOCS_EXTRA += sequences-doc
DOCS_CHECK_EXTRA += sequences-doc-check
