# The VMX tables: pure sources, the docs generated from them, their tests.
# Included by the top Makefile; also usable alone, from the repository root:
#   make -f mk/vmx-tables.mk test-vmx-tables vmx-docs-check
# It defines no default goal of its own.

vmx_tables_saved_goal := $(.DEFAULT_GOAL)

# Pure vmx/ code: compiled into the kernel and into host tests unchanged.
VMX_PURE_SRCS := vmx/vmcs_field.c vmx/exit_reason.c vmx/vm_error.c vmx/ctl_bits.c
VMX_TABLE_DEPS := $(wildcard vmx/*.def) vmx/vmcs_field.h vmx/exit_reason.h \
	vmx/vm_error.h vmx/ctl_bits.h vmx/msr.h monitor/printf.h monitor/string.h

# fmt_snprintf for host programs; may be pointed elsewhere for a build
# without the monitor (make VMX_FMT_SRC=/path/to/stub.c ...).
VMX_FMT_SRC ?= monitor/printf.c
VMX_HOST_CC ?= gcc
VMX_HOST_CFLAGS := -DHOST_TEST -g -O1 -Wall -Wextra -I.
VMX_SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all

VMX_GEN := build/host/gen-vmx-docs
VMX_TESTS := build/host/test_vmx_fields build/host/test_vmx_ctl_exits
# generator argument:file name under docs/
VMX_DOC_PAIRS := fields:vmcs-fields exits:exit-reasons ctls:control-bits

$(VMX_GEN): tools/gen-vmx-docs.c $(VMX_PURE_SRCS) $(VMX_FMT_SRC) $(VMX_TABLE_DEPS)
	@mkdir -p $(@D)
	$(VMX_HOST_CC) $(VMX_HOST_CFLAGS) tools/gen-vmx-docs.c $(VMX_PURE_SRCS) \
		$(VMX_FMT_SRC) -o $@

$(VMX_TESTS): build/host/%: tests/%.c $(VMX_PURE_SRCS) $(VMX_FMT_SRC) \
		$(VMX_TABLE_DEPS) tests/collect_names.h
	@mkdir -p $(@D)
	$(VMX_HOST_CC) $(VMX_HOST_CFLAGS) $(VMX_SAN_FLAGS) \
		$< $(VMX_PURE_SRCS) $(VMX_FMT_SRC) -lcmocka -o $@

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
	@mkdir -p build/vmx-docs
	@set -e; stale=0; for p in $(VMX_DOC_PAIRS); do \
		f=$${p#*:}.md; \
		./$(VMX_GEN) $${p%%:*} > build/vmx-docs/$$f; \
		if ! cmp -s build/vmx-docs/$$f docs/$$f; then \
			echo "docs/$$f is stale: run make vmx-docs" >&2; \
			diff -u docs/$$f build/vmx-docs/$$f 2>&1 | head -n 20 >&2 || true; \
			stale=1; \
		fi; \
	done; exit $$stale

.PHONY: test-vmx-tables vmx-docs vmx-docs-check

# Hooks of the top Makefile: `make unit`, `make docs`, `make docs-check`.
UNIT_EXTRA += $(VMX_TESTS)
DOCS_EXTRA += vmx-docs
DOCS_CHECK_EXTRA += vmx-docs-check

.DEFAULT_GOAL := $(vmx_tables_saved_goal)
