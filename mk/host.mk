# Host programs: the unit tests and the docs generators, built from the
# pure sources of monitor/ and vmx/ unchanged (-DHOST_TEST), with ASan and
# UBSan. Each source is compiled once; the compiler's dependency files
# (-MMD) list the headers it read, so no header is listed here by hand.
# Included by the Makefile, and by mk/vmx-tables.mk when that runs alone.
ifndef HOST_MK_INCLUDED
HOST_MK_INCLUDED := 1
B ?= build
HOST_CC ?= gcc
HOST_CFLAGS := -std=gnu11 -DHOST_TEST -g -O1 -Wall -Wextra -I. \
	-fsanitize=address,undefined -fno-sanitize-recover=all

# Pure: no hardware, no printing. The monitor links the same files.
HOST_PURE_SRCS := monitor/exception.c monitor/lineedit.c monitor/parse.c monitor/vtparse.c \
	monitor/printf.c monitor/registry.c monitor/strbuf.c \
	vmx/caps_decode.c vmx/ctl_bits.c vmx/decode.c vmx/decode_qual.c \
	vmx/entry_rules.c vmx/event.c vmx/exit_reason.c vmx/field_decode.c vmx/vm_error.c \
	vmx/bitmap.c vmx/ept_entry.c \
	vmx/vmcs_field.c
HOST_LIB := $(B)/host/libnestmon.a

$(B)/host/obj/%.o: %.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

$(HOST_LIB): $(patsubst %.c,$(B)/host/obj/%.o,$(HOST_PURE_SRCS))
	@rm -f $@
	ar rcs $@ $^

# One program per tests/test_*.c and tools/gen-*.c.
HOST_TESTS := $(patsubst tests/%.c,$(B)/host/%,$(wildcard tests/test_*.c))
HOST_TOOLS := $(patsubst tools/%.c,$(B)/host/%,$(wildcard tools/gen-*.c))

$(HOST_TESTS): $(B)/host/%: $(B)/host/obj/tests/%.o $(HOST_LIB)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $^ -lcmocka

$(HOST_TOOLS): $(B)/host/%: $(B)/host/obj/tools/%.o $(HOST_LIB)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $^

-include $(shell find $(B)/host/obj -name '*.d' 2>/dev/null)
endif
