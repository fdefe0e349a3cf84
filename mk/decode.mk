# Host unit tests of the VM-exit and capability decoders (vmx/decode*.c,
# vmx/caps_decode.c). Included by the Makefile; `make unit` runs it.
DECODE_SRCS := vmx/decode.c vmx/decode_qual.c vmx/caps_decode.c monitor/printf.c

DECODE_TESTS := $(B)/host/test_decode_exit $(B)/host/test_decode_caps

UNIT_EXTRA += $(DECODE_TESTS)

$(DECODE_TESTS): $(B)/host/%: tests/%.c $(DECODE_SRCS) vmx/decode.h \
		vmx/caps_decode.h
	@mkdir -p $(dir $@)
	$(CC) $(HOSTCFLAGS) -o $@ $< $(DECODE_SRCS) -lcmocka
