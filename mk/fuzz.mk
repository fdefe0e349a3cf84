# libFuzzer targets (tests/fuzz/fuzz_*.c) over the pure host-buildable
# sources, under clang with ASan and UBSan. `make check` runs each for a
# fixed number of inputs from a fixed seed (scripts/fuzz --quick, through
# scripts/check-all); `make fuzz` runs them longer (FUZZ_SECONDS each).
# Seeds: tests/fuzz/corpus/TARGET/; dictionaries: tests/fuzz/TARGET.dict.

FUZZ_CC ?= clang
FUZZ_CFLAGS := -std=gnu11 -DHOST_TEST -g -O1 -I. -Wall -Wextra \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_SECONDS ?= 60

# Every target links the pure sources the host tests use (mk/host.mk;
# recursive, since that file is read after this one).
FUZZ_SRCS = $(HOST_PURE_SRCS)

FUZZ_TARGETS := parse lineedit vmx_names decode
FUZZ_BINS := $(patsubst %,$(B)/fuzz/fuzz_%,$(FUZZ_TARGETS))

.SECONDEXPANSION:
$(FUZZ_BINS): $(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h \
		$$(FUZZ_SRCS) $(wildcard monitor/*.h vmx/*.h vmx/*.def)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_SRCS)

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BINS)

fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz --long
