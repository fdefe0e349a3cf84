# Hardening (issue 13): the long soak. The line editor's escape-sequence
# tests (tests/test_lineedit_vt.c) are built by mk/host.mk like every
# tests/test_*.c; the libFuzzer targets are in mk/fuzz.mk.

# The long soak (scripts/soak): not part of `make check`.
.PHONY: soak
soak: setup all
	scripts/soak
