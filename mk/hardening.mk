# Hardening (issue 13): the escape-sequence tests of the line editor, and
# the libFuzzer targets (mk/fuzz.mk). Included by the Makefile; `make unit`
# runs the tests. Sources are listed here, not taken from the Makefile's
# variables, which are defined after this file is included.
LINEEDIT_HOST_SRCS := monitor/lineedit.c monitor/vtparse.c monitor/printf.c

UNIT_EXTRA += $(B)/host/test_lineedit_vt

$(B)/host/test_lineedit_vt: tests/test_lineedit_vt.c $(LINEEDIT_HOST_SRCS) \
		monitor/lineedit.h monitor/vtparse.h tests/unit.h \
		tests/lineedit_harness.h
	@mkdir -p $(dir $@)
	$(CC) $(HOSTCFLAGS) -o $@ $< $(LINEEDIT_HOST_SRCS) -lcmocka

# The long soak (scripts/soak): not part of `make check`.
.PHONY: soak
soak: setup all
	scripts/soak
