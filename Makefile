# nestmon: `make` builds build/nestmon.elf and build/nestmon.iso;
# `make run` boots it; `make check` runs every test; `make bench` measures.
# Every target that needs packages runs scripts/setup first (idempotent).

VERSION := $(shell git describe --always --dirty 2>/dev/null || echo 0.1)
B := build
CC := gcc
# Command handlers and callbacks take parameters they may not need.
KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter -ffreestanding -fno-pic -fno-pie \
	-mno-red-zone -mgeneral-regs-only -mcmodel=small -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-omit-frame-pointer
KLDFLAGS := -nostdlib -no-pie -static -Wl,-T,monitor/linker.ld \
	-Wl,-z,max-page-size=0x1000 -Wl,--build-id=none -Wl,--no-warn-rwx-segments

KSRCS := $(wildcard monitor/*.c) $(wildcard monitor/*.S) $(wildcard cmds/*.c) \
	$(wildcard vmx/*.c) $(wildcard vmx/*.S)
KOBJS := $(patsubst %,$(B)/k/%.o,$(KSRCS))
# The part_* modules only quiet GRUB EFI, which looks for all of them.
GRUB_MODULES := multiboot normal configfile echo part_acorn part_amiga part_apple \
	part_bsd part_dfly part_dvh part_gpt part_msdos part_plan part_sun part_sunpc

.DELETE_ON_ERROR:
.PHONY: all setup run check unit unit-build docs docs-check bench clean
all: $(B)/nestmon.elf $(B)/nestmon.iso

setup:
	@scripts/setup

-include mk/*.mk

$(B)/k/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(B)/k/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

# The version lives in one object, rebuilt whenever `git describe` changes.
$(B)/version.txt: FORCE
	@mkdir -p $(B)
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' > $@
$(B)/k/monitor/version.c.o: $(B)/version.txt
$(B)/k/monitor/version.c.o: KCFLAGS += -DNESTMON_VERSION='"$(VERSION)"'
FORCE:

$(B)/nestmon.elf: $(KOBJS) monitor/linker.ld
	$(CC) $(KLDFLAGS) -o $@ $(KOBJS)

$(B)/nestmon.iso: $(B)/nestmon.elf scripts/grub.cfg Makefile
	@rm -rf $(B)/iso && mkdir -p $(B)/iso/boot/grub
	cp $(B)/nestmon.elf $(B)/iso/boot/nestmon.elf
	cp scripts/grub.cfg $(B)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(B)/iso --install-modules="$(GRUB_MODULES)" \
		--fonts= --locales= --themes= 2>$(B)/grub-mkrescue.log \
		|| { cat $(B)/grub-mkrescue.log; exit 1; }

run: setup all
	scripts/run $(RUNFLAGS)

# Host-side unit tests of the pure C files (mk/host.mk), with ASan and UBSan.
UNIT_TESTS := $(HOST_TESTS)
unit-build: $(UNIT_TESTS)
# A test binary that dies (ASan, a crash) may leave no `not ok` line of its
# own: its exit status becomes one, so the summary cannot miss it.
unit: $(UNIT_TESTS)
	@rm -f $(B)/unit.tap; fail=0; \
	for t in $(UNIT_TESTS); do \
		CMOCKA_MESSAGE_OUTPUT=TAP $$t > $(B)/unit.one 2>&1; rc=$$?; \
		cat $(B)/unit.one >> $(B)/unit.tap; \
		if [ $$rc -ne 0 ]; then fail=1; \
			grep -q '^not ok' $(B)/unit.one || \
			echo "not ok - $$t exited with status $$rc" >> $(B)/unit.tap; \
		fi; \
	done; rm -f $(B)/unit.one; cat $(B)/unit.tap; exit $$fail

docs/commands.md: $(B)/nestmon.elf $(B)/host/gen-cmd-docs
	$(B)/host/gen-cmd-docs $(B)/nestmon.elf > $@

docs: docs/commands.md $(DOCS_EXTRA)

docs-check: $(B)/nestmon.elf $(B)/host/gen-cmd-docs $(DOCS_CHECK_EXTRA)
	@$(B)/host/gen-cmd-docs $(B)/nestmon.elf > $(B)/commands.md
	@cmp -s $(B)/commands.md docs/commands.md || \
		{ echo "docs/commands.md is stale: run make docs"; exit 1; }

check: setup all
	scripts/check-all

bench: setup all
	scripts/bench

clean:
	rm -rf $(B)

-include $(shell find $(B)/k -name '*.d' 2>/dev/null)
