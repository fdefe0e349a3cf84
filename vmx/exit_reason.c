/* The exit-reason table and exit-reason field decoding. See exit_reason.h. */
#include "exit_reason.h"

#include "../monitor/printf.h"
#include "../monitor/string.h"

static const struct exit_reason_info exit_reasons[] = {
#define EXIT_REASON(name, num, desc) { num, #name, desc },
#include "exit_reasons.def"
#undef EXIT_REASON
};

#define EXIT_REASON_COUNT (sizeof(exit_reasons) / sizeof(exit_reasons[0]))
#define LINUX_PREFIX "EXIT_REASON_"

size_t exit_reason_count(void)
{
	return EXIT_REASON_COUNT;
}

const struct exit_reason_info *exit_reason_at(size_t i)
{
	return i < EXIT_REASON_COUNT ? &exit_reasons[i] : NULL;
}

const struct exit_reason_info *exit_reason_by_number(unsigned basic)
{
	for (size_t i = 0; i < EXIT_REASON_COUNT; i++) {
		if (exit_reasons[i].number == basic)
			return &exit_reasons[i];
	}
	return NULL;
}

bool exit_reason_by_name(const char *name, unsigned *basic)
{
	size_t plen = strlen(LINUX_PREFIX);

	if (strncasecmp(name, LINUX_PREFIX, plen) == 0)
		name += plen;
	for (size_t i = 0; i < EXIT_REASON_COUNT; i++) {
		if (strcasecmp(name, exit_reasons[i].name) == 0) {
			*basic = exit_reasons[i].number;
			return true;
		}
	}
	return false;
}

const char *exit_reason_name(unsigned basic)
{
	const struct exit_reason_info *r = exit_reason_by_number(basic);

	return r ? r->name : "UNKNOWN";
}

int exit_reason_label(unsigned basic, char *buf, size_t size)
{
	return fmt_snprintf(buf, size, "%s (%u)", exit_reason_name(basic),
			    basic);
}

struct exit_reason_decoded exit_reason_decode(uint32_t raw)
{
	struct exit_reason_decoded d;

	d.basic = (uint16_t)(raw & EXIT_BASIC_MASK);
	d.enclave_mode = (raw & EXIT_FLAG_ENCLAVE_MODE) != 0;
	d.pending_mtf = (raw & EXIT_FLAG_PENDING_MTF) != 0;
	d.from_vmx_root = (raw & EXIT_FLAG_FROM_VMX_ROOT) != 0;
	d.entry_failure = (raw & EXIT_FLAG_ENTRY_FAILURE) != 0;
	d.undefined = raw & EXIT_FLAG_UNDEFINED;
	d.info = exit_reason_by_number(d.basic);
	return d;
}

int exit_reason_flags(uint32_t raw, char *buf, size_t size)
{
	char undef[32] = "";
	char all[128];
	int n;

	if (raw & EXIT_FLAG_UNDEFINED)
		fmt_snprintf(undef, sizeof(undef), " undefined=0x%08x",
			     (unsigned)(raw & EXIT_FLAG_UNDEFINED));
	/* Each word carries a leading space; the first one is dropped. */
	n = fmt_snprintf(all, sizeof(all), "%s%s%s%s%s",
			 raw & EXIT_FLAG_ENCLAVE_MODE ? " enclave-mode" : "",
			 raw & EXIT_FLAG_PENDING_MTF ? " pending-mtf" : "",
			 raw & EXIT_FLAG_FROM_VMX_ROOT ? " from-vmx-root" : "",
			 raw & EXIT_FLAG_ENTRY_FAILURE ? " entry-failure" : "",
			 undef);
	return fmt_snprintf(buf, size, "%s", n > 0 ? all + 1 : "");
}

void exit_reason_complete(const char *prefix, vmx_name_fn add, void *ctx)
{
	size_t n = strlen(prefix);

	for (size_t i = 0; i < EXIT_REASON_COUNT; i++) {
		if (strncasecmp(prefix, exit_reasons[i].name, n) == 0)
			add(ctx, exit_reasons[i].name);
	}
}
