# Host unit tests of the VM-exit and capability decoders (vmx/decode*.c,
# vmx/caps_decode.c). Included by the Makefile; `make unit` runs it.
DECODE_SRCS := vmx/decode.c vmx/decode_qual.c vmx/caps_decode.c monitor/printf.c

UNIT_EXTRA += $(B)/host/test_decode

$(B)/host/test_decode: tests/test_decode.c $(DECODE_SRCS) vmx/decode.h \
		vmx/caps_decode.h
	@mkdir -p $(dir $@)
	$(CC) $(HOSTCFLAGS) -o $@ tests/test_decode.c $(DECODE_SRCS) -lcmocka
