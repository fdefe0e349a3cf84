/* guest list / guest load NAME / guest code HEX... */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/parse.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"

static int cmd_guest_list(int argc, char **argv)
{
	for (unsigned i = 0; i < l2_program_count(); i++) {
		const struct l2_program *p = l2_program_at(i);
		printf("  %-14s %-20s %s\n", p->name, p->exit, p->desc);
	}
	return CMD_OK;
}

static int load(const char *cmd, const uint8_t *code, unsigned len, const char *what)
{
	struct vmcs_obj *v = vmcs_current();
	if (!v->has_l2) {
		printf("error: %s: this VMCS was loaded by hand and has no L2 memory (use vmcs new)\n", cmd);
		return CMD_FAIL;
	}
	if (len > L2_CODE_MAX) {
		printf("error: %s: code too long (at most %llu bytes)\n", cmd, (unsigned long long)L2_CODE_MAX);
		return CMD_FAIL;
	}
	struct vmx_result r = l2_load_code(v, code, len);
	if (r.status != VMX_OK) {
		print_vmx_error(cmd, r);
		return CMD_FAIL;
	}
	printf("loaded %s: %u byte(s) at 0x%llx, RIP/RSP/RFLAGS and GPRs reset\n", what, len,
	       (unsigned long long)L2_ENTRY);
	return CMD_OK;
}

static int cmd_guest_load(int argc, char **argv)
{
	const struct l2_program *p = l2_program_find(argv[0]);
	if (!p) {
		printf("error: guest load: no program '%s' (see guest list)\n", argv[0]);
		return CMD_FAIL;
	}
	return load("guest load", p->code, p->len, p->name);
}

/* Each word is one or more bytes in hex: "0f", "0x0f" or "0fa2f4". */
static int parse_hex_word(const char *w, uint8_t *out, unsigned *n, unsigned max)
{
	if (w[0] == '0' && (w[1] == 'x' || w[1] == 'X'))
		w += 2;
	size_t len = strlen(w);
	if (!len || len % 2)
		return 0;
	for (size_t i = 0; i < len; i += 2) {
		int hi = parse_digit(w[i], 16), lo = parse_digit(w[i + 1], 16);
		if (hi < 0 || lo < 0 || *n >= max)
			return 0;
		out[(*n)++] = (uint8_t)(hi << 4 | lo);
	}
	return 1;
}

static int cmd_guest_code(int argc, char **argv)
{
	static uint8_t code[256];
	unsigned n = 0;
	for (int i = 0; i < argc; i++)
		if (!parse_hex_word(argv[i], code, &n, sizeof(code))) {
			printf("error: guest code: '%s' is not hex bytes (e.g. 0f a2 f4 or 0fa2f4)\n", argv[i]);
			return CMD_FAIL;
		}
	return load("guest code", code, n, "code");
}

static void complete_program(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	(void)prefix;
	for (unsigned i = 0; argi == 0 && i < l2_program_count(); i++)
		add(ctx, l2_program_at(i)->name);
}

CMD(guest_list, "guest list", "", 0, 0, CMD_NEEDS_NOTHING, "the canned L2 programs and the exit each one causes first",
    "  guest list", cmd_guest_list);
CMD_ENTRY(guest_load, "guest load", "NAME", 1, 1, NEEDS_VMCS, "put a canned program at the L2 entry point (0x1000)",
	  "  guest load cpuid     then: launch  -> VM-exit: CPUID (10) ... len=2\n"
	  "  guest load loop      spins forever: Ctrl-C brings the prompt back",
	  cmd_guest_load, complete_program);
CMD(guest_code, "guest code", "HEX...", 1, CMD_ARGS_ANY, NEEDS_VMCS, "put raw code bytes at the L2 entry point (0x1000)",
    "  guest code 0f a2 f4      CPUID; HLT\n"
    "  guest code 0fa2f4        the same, in one word\n"
    "The rest of the code pages is filled with HLT (f4).",
    cmd_guest_code);
