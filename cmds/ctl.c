/* ctl KIND [+BIT] [-BIT]...: a VM-execution, VM-exit or VM-entry control
 * field of the current VMCS, decoded bit by bit against the capability
 * MSRs, and changed by bit name. A change that breaks the allowed settings
 * is written anyway (failed VM entries are worth testing), with a warning
 * per offending bit. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/parse.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../vmx/vm_error.h"

#define DECODE_MAX 512
#define BIT_NAME_MAX 48

struct ctl_edit {
	uint64_t set, clear;
};

static void print_bad_kind(const char *s)
{
	printf("error: ctl: unknown kind '%s' (", s);
	for (int k = 0; k < CTL_KIND_COUNT; k++)
		printf("%s%s", k ? ", " : "", ctl_kind_info((enum ctl_kind)k)->name);
	printf(")\n");
}

/* A bit by name ("HLT_EXITING", any case, Linux's prefix allowed) or by
 * number ("bit7"); prints the error itself. */
static bool parse_bit(const struct ctl_kind_info *in, const char *name, unsigned *bit)
{
	const struct ctl_bit *b = ctl_bit_by_name(in->kind, name);
	uint64_t n;
	if (b) {
		*bit = b->bit;
		return true;
	}
	if (!strncasecmp(name, "bit", 3) && parse_u64(name + 3, &n)) {
		if (n < in->width) {
			*bit = (unsigned)n;
			return true;
		}
		printf("error: ctl: bit %llu is outside the %u-bit %s field\n", (unsigned long long)n,
		       in->width, in->name);
		return false;
	}
	printf("error: ctl: %s has no bit '%s' (vmx caps %s lists them; +bitN names a bit by number)\n",
	       in->name, name, in->name);
	return false;
}

/* Every +BIT and -BIT, before anything is read or written; a later
 * argument overrides an earlier one for the same bit. */
static bool parse_edits(const struct ctl_kind_info *in, int argc, char **argv, struct ctl_edit *e)
{
	for (int i = 0; i < argc; i++) {
		char sign = argv[i][0];
		unsigned bit;
		if (sign != '+' && sign != '-') {
			printf("error: ctl: '%s' needs + (set) or - (clear) in front, e.g. +HLT_EXITING\n", argv[i]);
			return false;
		}
		if (!argv[i][1]) {
			printf("error: ctl: '%c' needs a bit name after it, e.g. %cHLT_EXITING or %cbit7\n", sign, sign,
			       sign);
			return false;
		}
		if (!parse_bit(in, argv[i] + 1, &bit))
			return false;
		uint64_t m = 1ull << bit;
		e->set = sign == '+' ? e->set | m : e->set & ~m;
		e->clear = sign == '-' ? e->clear | m : e->clear & ~m;
	}
	return true;
}

static const char *bit_label(enum ctl_kind k, unsigned bit, char *buf, size_t size)
{
	const struct ctl_bit *b = ctl_bit_by_number(k, bit);
	if (b)
		return b->name;
	fmt_snprintf(buf, size, "bit %u", bit);
	return buf;
}

static void print_value(const struct ctl_kind_info *in, const char *field, uint64_t v)
{
	char d[DECODE_MAX];
	ctl_decode(in->kind, v, d, sizeof(d));
	printf("%s = 0x%016llx%s%s\n", field, (unsigned long long)v, d[0] ? "  # " : "", d);
}

/* Each named bit, and each other bit that is set or may be, with its
 * state and the setting the capability MSR allows. */
static void print_bits(const struct vmx_caps *c, const struct ctl_kind_info *in, uint64_t v)
{
	uint64_t bad = vmx_ctl_violations(c, in->kind, v);
	for (unsigned bit = 0; bit < in->width; bit++) {
		const struct ctl_bit *b = ctl_bit_by_number(in->kind, bit);
		const char *s = vmx_ctl_bit_setting(c, in->kind, bit);
		bool set = v >> bit & 1;
		if (!b && !set && !strcmp(s, "must-be-0"))
			continue;
		if (b)
			printf("  %s (bit %u): ", b->name, bit);
		else
			printf("  bit %u (unknown): ", bit);
		printf("%s, %s%s\n", set ? "set" : "clear", s, bad >> bit & 1 ? ": VM entry will fail" : "");
	}
}

/* For the kinds that need another control bit to take effect: true when
 * that bit is clear in the current VMCS; *why says which bit. */
static bool inactive(const struct ctl_kind_info *in, char *why, size_t size)
{
	enum ctl_kind parent;
	unsigned bit;
	uint64_t v;
	if (!ctl_kind_activation(in->kind, &parent, &bit))
		return false;
	const struct ctl_kind_info *p = ctl_kind_info(parent);
	fmt_snprintf(why, size, "%s %s", p->name, ctl_bit_by_number(parent, bit)->name);
	vmx_read(p->field, &v); /* 0 when it fails */
	return !(v >> bit & 1);
}

static void print_note(const struct ctl_kind_info *in)
{
	char why[64];
	if (inactive(in, why, sizeof(why)))
		printf("note: %s is clear: VM entry treats the %s as 0 (SDM 25.6.2, 25.7.1)\n", why, in->title);
}

static void print_warnings(const struct vmx_caps *c, const struct ctl_kind_info *in, uint64_t v)
{
	char why[64], label[BIT_NAME_MAX];
	bool off = inactive(in, why, sizeof(why));
	uint64_t bad = vmx_ctl_violations(c, in->kind, v);
	for (unsigned bit = 0; bit < 64; bit++) {
		if (!(bad >> bit & 1))
			continue;
		printf("warning: %s is %s on this CPU: VM entry will fail%s%s%s\n",
		       bit_label(in->kind, bit, label, sizeof(label)), vmx_ctl_bit_setting(c, in->kind, bit),
		       off ? " once " : "", off ? why : "", off ? " is set" : "");
	}
}

/* Applies the edits to the value read, writes the field once, shows what
 * it holds then and every bit that breaks the allowed settings. */
static int apply_edits(const struct vmx_caps *c, const struct ctl_kind_info *in, const char *field,
		       uint64_t old, const struct ctl_edit *e)
{
	char what[64];
	uint64_t v = (old & ~e->clear) | e->set, back;
	struct vmx_result r = vmx_write(in->field, v);
	if (r.status != VMX_OK) {
		fmt_snprintf(what, sizeof(what), "ctl %s: VMWRITE %s", in->name, field);
		print_vmx_error(what, r);
		return CMD_FAIL;
	}
	if (vmx_read(in->field, &back).status != VMX_OK)
		back = v;
	print_value(in, field, back);
	if (back != v)
		printf("note: wrote 0x%016llx, the field holds 0x%016llx\n", (unsigned long long)v,
		       (unsigned long long)back);
	print_warnings(c, in, back);
	return CMD_OK;
}

static int cmd_ctl(int argc, char **argv)
{
	enum ctl_kind k;
	struct ctl_edit e = { 0, 0 };
	uint64_t v;
	char what[64];
	if (!ctl_kind_by_name(argv[0], &k)) {
		print_bad_kind(argv[0]);
		return CMD_FAIL;
	}
	const struct ctl_kind_info *in = ctl_kind_info(k);
	if (!parse_edits(in, argc - 1, argv + 1, &e))
		return CMD_FAIL;
	const struct vmx_caps *c = vmx_caps();
	const char *field = vmcs_field_by_encoding(in->field)->name;
	struct vmx_result r = vmx_read(in->field, &v);
	if (r.status == VMX_FAIL_VALID && r.error == VMXERR_UNSUPPORTED_VMCS_COMPONENT) {
		printf("error: ctl %s: this CPU's VMCS has no %s (VMREAD: VMfailValid(%u)); see vmx caps %s\n",
		       in->name, field, r.error, in->name);
		return CMD_FAIL;
	}
	if (r.status != VMX_OK) {
		fmt_snprintf(what, sizeof(what), "ctl %s: VMREAD %s", in->name, field);
		print_vmx_error(what, r);
		return CMD_FAIL;
	}
	if (argc > 1)
		return apply_edits(c, in, field, v, &e);
	print_value(in, field, v);
	print_note(in);
	print_bits(c, in, v);
	return CMD_OK;
}

/* After the kind: +NAME / -NAME of every kind's bits (the completer does not
 * see the kind), each name once. */
static void complete_bits(const char *prefix, complete_add_fn add, void *ctx)
{
	char cand[BIT_NAME_MAX];
	size_t n = strlen(prefix + 1);
	for (int k = 0; k < CTL_KIND_COUNT; k++)
		for (size_t i = 0; i < ctl_bit_count((enum ctl_kind)k); i++) {
			const struct ctl_bit *b = ctl_bit_at((enum ctl_kind)k, i);
			bool seen = false;
			if (strncasecmp(prefix + 1, b->name, n))
				continue;
			for (int j = 0; j < k && !seen; j++)
				seen = ctl_bit_by_name((enum ctl_kind)j, b->name) != NULL;
			if (seen)
				continue;
			fmt_snprintf(cand, sizeof(cand), "%c%s", prefix[0], b->name);
			add(ctx, cand);
		}
}

static void complete_ctl(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	if (argi == 0)
		ctl_kind_complete(prefix, add, ctx);
	else if (prefix[0] == '+' || prefix[0] == '-')
		complete_bits(prefix, add, ctx);
}

CMD_ENTRY(ctl, "ctl", "KIND [+BIT] [-BIT]...", 1, CMD_ARGS_ANY, NEEDS_VMCS, "show or change a control field bit by bit, checked against the capability MSRs",
	  "KIND is pin, proc, proc2, proc3, exit, exit2 or entry. Alone it shows the\n"
	  "field and every named bit: set or clear, and must-be-1, must-be-0 or free.\n"
	  "+BIT sets and -BIT clears a bit, by name (any case; 'vmx caps KIND' lists\n"
	  "them) or by number (+bit5); the field is read, changed and written once.\n"
	  "A value the capability MSRs forbid is written anyway, with one warning per\n"
	  "offending bit: the next launch shows how VM entry fails.\n"
	  "  ctl proc                          CPU_BASED_VM_EXEC_CONTROL = 0x...  # HLT_EXITING, ...\n"
	  "                                      HLT_EXITING (bit 7): set, free\n"
	  "  ctl proc +RDTSC_EXITING -HLT_EXITING\n"
	  "  ctl proc2 +ENABLE_RDTSCP\n"
	  "  ctl pin +bit5                     the same as +VIRTUAL_NMIS\n"
	  "  ctl proc +MONITOR_TRAP_FLAG       where MTF is missing:\n"
	  "        warning: MONITOR_TRAP_FLAG is must-be-0 on this CPU: VM entry will fail",
	  cmd_ctl, complete_ctl);
