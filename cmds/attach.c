/* Shared by the structure commands: see attach.h. */
#include "attach.h"
#include "vmx_common.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"

bool attach_ok(const char *cmd, struct attach a)
{
	switch (a.status) {
	case ATTACH_OK:
		return true;
	case ATTACH_NO_MEMORY:
		printf("error: %s: out of memory for the %s page(s)\n", cmd, a.what);
		break;
	case ATTACH_UNSUPPORTED:
		printf("error: %s: this CPU does not offer %s (allowed-1 setting 0)\n", cmd, a.what);
		break;
	case ATTACH_VMX:
		print_vmx_error(cmd, a.r);
		break;
	case ATTACH_FULL:
		printf("error: %s: the %s list's area is full (%d pages of 16-byte entries)\n", cmd, a.what,
		       MSR_LIST_AREA_PAGES);
		break;
	case ATTACH_BAD_ADDRESS:
		printf("error: %s: %s\n", cmd, a.what);
		break;
	}
	return false;
}

bool parse_range(const char *cmd, const char *s, uint64_t max, uint64_t *first, uint64_t *last)
{
	char buf[40];
	const char *dash = strchr(s, '-');
	size_t n = dash ? (size_t)(dash - s) : strlen(s);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s, n);
	buf[n] = 0;
	if (!parse_num(cmd, buf, first) || (dash && !parse_num(cmd, dash + 1, last)))
		return false;
	if (!dash)
		*last = *first;
	if (*first > *last || *last > max) {
		printf("error: %s: '%s' is not a range FIRST[-LAST] within 0..0x%llx\n", cmd, s,
		       (unsigned long long)max);
		return false;
	}
	return true;
}

bool ctl_is_set(enum ctl_kind kind, unsigned bit)
{
	uint64_t v = 0;
	vmx_read(ctl_kind_info(kind)->field, &v);
	return v >> bit & 1;
}
