/* The exit-reason table and the exit-reason flags. See exit_reason.h. */
#include "exit_reason.h"

#include "../monitor/printf.h"
#include "../monitor/strbuf.h"

static const struct exit_reason_info exit_reasons[] = {
#define EXIT_REASON(name, num, qual, info, desc) { num, #name, desc },
#include "exit_reasons.def"
#undef EXIT_REASON
};

#define EXIT_REASON_COUNT (sizeof(exit_reasons) / sizeof(exit_reasons[0]))

/* SDM 25.9.1 "Format of Exit Reason"; bit 26 as Linux names it. */
static const struct exit_flag exit_flags[] = {
	{ EXIT_FLAG_ENTRY_FAILURE, "entry failure",
	  "VM-entry failure: the VM entry failed and the guest never ran (SDM 28.8)" },
	{ EXIT_FLAG_FROM_VMX_ROOT, "from VMX root",
	  "VM exit from VMX root operation (SMM VM exits)" },
	{ EXIT_FLAG_PENDING_MTF, "pending MTF",
	  "pending MTF VM exit (SMM VM exits)" },
	{ EXIT_FLAG_ENCLAVE_MODE, "enclave mode",
	  "the VM exit was incident to enclave mode" },
	{ EXIT_FLAG_BUS_LOCK, "bus lock",
	  "a bus lock was detected while the exiting instruction ran" },
};

#define EXIT_FLAG_COUNT (sizeof(exit_flags) / sizeof(exit_flags[0]))
#define EXIT_FLAG_BITS 0xffff0000u /* 31:16: everything above the basic reason */

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

bool exit_reason_is_entry_failure(unsigned basic)
{
	return basic == EXIT_REASON_INVALID_STATE ||
	       basic == EXIT_REASON_MSR_LOAD_FAIL ||
	       basic == EXIT_REASON_MCE_DURING_VMENTRY;
}

size_t exit_flag_count(void)
{
	return EXIT_FLAG_COUNT;
}

const struct exit_flag *exit_flag_at(size_t i)
{
	return i < EXIT_FLAG_COUNT ? &exit_flags[i] : NULL;
}

int exit_reason_flags(uint32_t reason, char *buf, size_t size)
{
	uint32_t undefined = reason & EXIT_FLAG_BITS;
	struct strbuf sb;

	strbuf_init(&sb, buf, size);
	for (size_t i = 0; i < EXIT_FLAG_COUNT; i++) {
		if (reason & exit_flags[i].mask)
			strbuf_item(&sb, "%s", exit_flags[i].word);
		undefined &= ~exit_flags[i].mask;
	}
	if (undefined)
		strbuf_item(&sb, "undefined 0x%x", undefined);
	return (int)sb.len;
}
