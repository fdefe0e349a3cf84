# The VMX tables: the docs generated from them and their tests.
# Included by the top Makefile; also usable alone, from the repository root:
#   make -f mk/vmx-tables.mk test-vmx-tables vmx-docs-check
# It defines no default goal of its own.

vmx_tables_saved_goal := $(.DEFAULT_GOAL)
include mk/host.mk

VMX_GEN := $(B)/host/gen-vmx-docs
VMX_TESTS := $(B)/host/test_vmx_fields $(B)/host/test_vmx_ctl_exits
# generator argument:file name under docs/
VMX_DOC_PAIRS := fields:vmcs-fields exits:exit-reasons ctls:control-bits

# Build and run the table tests.
test-vmx-tables: $(VMX_TESTS)
	@set -e; for t in $(VMX_TESTS); do ./$$t; done

# Regenerate docs/vmcs-fields.md, docs/exit-reasons.md, docs/control-bits.md.
vmx-docs: $(VMX_GEN)
	@mkdir -p docs
	@set -e; for p in $(VMX_DOC_PAIRS); do \
		f=docs/$${p#*:}.md; \
		./$(VMX_GEN) $${p%%:*} > $$f.tmp; \
		mv $$f.tmp $$f; \
		echo "  GEN     $$f"; \
	done

# Fails when a generated doc differs from what the tables say now.
vmx-docs-check: $(VMX_GEN)
	@mkdir -p $(B)/vmx-docs
	@set -e; stale=0; for p in $(VMX_DOC_PAIRS); do \
		f=$${p#*:}.md; \
		./$(VMX_GEN) $${p%%:*} > $(B)/vmx-docs/$$f; \
		if ! cmp -s $(B)/vmx-docs/$$f docs/$$f; then \
			echo "docs/$$f is stale: run make vmx-docs" >&2; \
			diff -u docs/$$f $(B)/vmx-docs/$$f 2>&1 | head -n 20 >&2 || true; \
			stale=1; \
		fi; \
	done; exit $$stale

.PHONY: test-vmx-tables vmx-docs vmx-docs-check

# Hooks of the top Makefile: `make docs`, `make docs-check`.
DOCS_EXTRA += vmx-docs
DOCS_CHECK_EXTRA += vmx-docs-check

.DEFAULT_GOAL := $(vmx_tables_saved_goal)
