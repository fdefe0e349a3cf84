/* libFuzzer target: looking up what a user types for a VMCS field, a
 * control kind, a control bit, an exit reason (vmx/vmcs_field.c,
 * vmx/ctl_bits.c, vmx/exit_reason.c, vmx/vm_error.c), completion over
 * field and control-kind names, and the formatting of what the lookups return into buffers
 * of every size. Input: 8 bytes of a number, 1 byte of buffer size, then
 * the typed word. */
#include <strings.h>

#include "tests/fuzz/fuzz.h"
#include "vmx/ctl_bits.h"
#include "vmx/exit_reason.h"
#include "vmx/vm_error.h"
#include "vmx/vmcs_field.h"

struct prefix_check {
	const char *prefix;
	int count;
};

static void starts_with_prefix(void *ctx, const char *name)
{
	struct prefix_check *pc = ctx;
	FUZZ_CHECK(name && !strncasecmp(name, pc->prefix, strlen(pc->prefix)),
		   "candidate '%s' for prefix '%s'", name ? name : "(null)", pc->prefix);
	pc->count++;
}

static void check_field(const char *s, size_t size)
{
	struct vmcs_field f;
	char label[32];
	switch (vmcs_field_parse(s, &f)) {
	case VMCS_PARSE_KNOWN:
		FUZZ_CHECK(vmcs_field_by_encoding(f.encoding) != NULL,
			   "'%s' known, encoding 0x%x not in the table", s, f.encoding);
		break;
	case VMCS_PARSE_RAW:
		FUZZ_CHECK(f.name == NULL, "raw field '%s' has a name", s);
		break;
	case VMCS_PARSE_BAD:
		FUZZ_CHECK(vmcs_field_by_name(s) == NULL, "'%s' refused but named", s);
		return;
	}
	FUZZ_CHECK(vmcs_field_label(&f, label, sizeof(label)) != NULL, "no label");
	(void)vmcs_enc_well_formed(f.encoding);
	FUZZ_CHECK(vmcs_width_name(vmcs_enc_width(f.encoding)) != NULL, "width of 0x%x", f.encoding);
	FUZZ_CHECK(vmcs_enc_group(f.encoding) != NULL, "group of 0x%x", f.encoding);
	(void)size;
}

static void check_ctl(const char *s, uint64_t value, size_t size)
{
	enum ctl_kind kind;
	if (ctl_kind_by_name(s, &kind))
		FUZZ_CHECK(kind < CTL_KIND_COUNT && ctl_kind_info(kind), "kind %d", kind);
	for (int k = 0; k < CTL_KIND_COUNT; k++) {
		const struct ctl_bit *b = ctl_bit_by_name((enum ctl_kind)k, s);
		if (b)
			FUZZ_CHECK(ctl_bit_by_number((enum ctl_kind)k, b->bit) != NULL,
				   "bit %u of '%s'", b->bit, s);
		char *buf = malloc(size ? size : 1);
		check_snprintf_result(buf, size, ctl_decode((enum ctl_kind)k, value, buf, size));
		free(buf);
	}
	struct prefix_check pc = { s, 0 };
	ctl_kind_complete(s, starts_with_prefix, &pc);
}

static void check_exit_reason(const char *s, uint64_t value, size_t size)
{
	(void)s;
	if (exit_reason_by_number((unsigned)value & 0xffff))
		FUZZ_CHECK(exit_reason_name((unsigned)value & 0xffff) != NULL, "no name for %u",
			   (unsigned)value & 0xffff);
	(void)exit_reason_name((unsigned)value);
	char *buf = malloc(size ? size : 1);
	check_snprintf_result(buf, size, exit_reason_label((unsigned)value, buf, size));
	check_snprintf_result(buf, size, exit_reason_flags((uint32_t)value, buf, size));
	check_snprintf_result(buf, size, vm_error_format((unsigned)value, buf, size));
	FUZZ_CHECK(vm_error_text((unsigned)value) != NULL, "no text");
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint64_t value = fuzz_u64(&in, 8);
	size_t bufsize = (size_t)fuzz_u64(&in, 1);
	char *s = fuzz_rest_string(&in);
	check_field(s, bufsize);
	struct prefix_check pc = { s, 0 };
	vmcs_field_complete(s, starts_with_prefix, &pc);
	if (vmcs_field_by_name(s))
		FUZZ_CHECK(pc.count > 0, "field '%s' found but not completed", s);
	enum vmcs_type t;
	(void)vmcs_group_parse(s, &t);
	check_ctl(s, value, bufsize);
	check_exit_reason(s, value, bufsize);
	free(s);
	return 0;
}
