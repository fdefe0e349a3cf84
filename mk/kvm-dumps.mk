# expect/kvm-dump-*.vmm: the sequences scripts/from-kvm-dump makes of the
# sample KVM dump_vmcs() logs in tests/kvm-dumps/ (NAME.txt, with the
# generator's options in NAME.args, one "--option<TAB>value" a line).
# `make docs` regenerates them; `make docs-check` fails when one is stale.
KVM_DUMPS := $(wildcard tests/kvm-dumps/*.txt)
KVM_DUMP_SEQS := $(patsubst tests/kvm-dumps/%.txt,expect/kvm-dump-%.vmm,$(KVM_DUMPS))

# $(call kvm_dump_gen,DUMP,OUT)
define kvm_dump_gen
	args=(); a=$(1); a=$${a%.txt}.args; if [ -r $$a ]; then \
		while IFS=$$'\t' read -r o v; do args+=("$$o" "$$v"); done < $$a; fi; \
	scripts/from-kvm-dump "$${args[@]}" $(1) > $(2)
endef

kvm-dump-seqs: SHELL := /bin/bash
kvm-dump-seqs:
	@set -e; for d in $(KVM_DUMPS); do \
		n=$$(basename $$d .txt); \
		$(call kvm_dump_gen,$$d,expect/kvm-dump-$$n.vmm); \
		echo "  GEN     expect/kvm-dump-$$n.vmm"; \
	done

kvm-dump-seqs-check: SHELL := /bin/bash
kvm-dump-seqs-check:
	@mkdir -p $(B)/kvm-dumps; stale=0; for d in $(KVM_DUMPS); do \
		n=$$(basename $$d .txt); \
		$(call kvm_dump_gen,$$d,$(B)/kvm-dumps/$$n.vmm); \
		cmp -s $(B)/kvm-dumps/$$n.vmm expect/kvm-dump-$$n.vmm || \
			{ echo "expect/kvm-dump-$$n.vmm is stale: run make docs"; stale=1; }; \
	done; exit $$stale

.PHONY: kvm-dump-seqs kvm-dump-seqs-check
DOCS_EXTRA += kvm-dump-seqs
DOCS_CHECK_EXTRA += kvm-dump-seqs-check
