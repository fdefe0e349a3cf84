/* See event_common.h. */
#include "event_common.h"
#include "vmx_common.h"
#include "../monitor/printf.h"

static void show(uint32_t enc, uint64_t v)
{
	const struct vmcs_field *f = vmcs_field_by_encoding(enc);
	printf("%s = 0x%016llx\n", f ? f->name : "?", (unsigned long long)v);
}

bool event_write_show(const char *cmd, uint32_t enc, uint64_t value)
{
	uint64_t back;
	struct vmx_result r = vmx_write(enc, value);
	if (r.status != VMX_OK) {
		print_vmx_error(cmd, r);
		return false;
	}
	if (vmx_read(enc, &back).status != VMX_OK)
		back = value;
	show(enc, back);
	return true;
}

bool event_read_show(const char *cmd, uint32_t enc, uint64_t *value)
{
	uint64_t v;
	struct vmx_result r = vmx_read(enc, &v);
	if (r.status != VMX_OK) {
		print_vmx_error(cmd, r);
		return false;
	}
	show(enc, v);
	if (value)
		*value = v;
	return true;
}
