/* inject TYPE VECTOR [ERROR-CODE|-] [LENGTH] / inject none: VM-entry event
 * injection (SDM Vol. 3C 25.8.3) by name. It writes what it is told,
 * valid or not, and says which SDM 26.2.1.3 check the next entry fails. */
#include "vmx_common.h"
#include "event_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../vmx/decode.h"
#include "../vmx/event.h"

#define MISC_ZERO_LENGTH_INJECTION 30 /* SDM A.6 */
#define DECODE_MAX 120

struct injection {
	uint32_t info, err, len;
};

static bool parse_injection(int argc, char **argv, struct injection *in)
{
	enum intr_type t;
	unsigned v;
	uint64_t n;
	bool code = argc >= 3 && strcmp(argv[2], "-");
	if (!event_type_parse(argv[0], &t)) {
		printf("error: inject: unknown type '%s' (extint, nmi, hw, softint, priv-soft-exception, soft-exception, other, or 0-7)\n", argv[0]);
		return false;
	}
	if (!event_vector_parse(argv[1], &v)) {
		printf("error: inject: bad vector '%s' (0-255 or a mnemonic such as #GP)\n", argv[1]);
		return false;
	}
	in->err = 0;
	if (code) {
		if (!parse_num("inject", argv[2], &n))
			return false;
		in->err = (uint32_t)n;
	}
	in->len = event_default_length(t, v);
	if (argc == 4) {
		if (!parse_num("inject", argv[3], &n))
			return false;
		in->len = (uint32_t)n;
	}
	in->info = event_info(t, v, code);
	return true;
}

/* The SDM check the next entry fails, if any, as a note. */
static void note_problem(const struct injection *in)
{
	const struct vmx_caps *c = vmx_caps();
	bool zero_len = (c->misc >> MISC_ZERO_LENGTH_INJECTION) & 1;
	bool mtf = vmx_ctl_allowed1(c, CTL_KIND_PROC, CTL_PROC_MONITOR_TRAP_FLAG);
	const char *why = event_injection_problem(in->info, in->err, in->len, zero_len, mtf);
	if (why)
		printf("note: inject: the next VM entry fails the SDM 26.2.1.3 checks: %s\n", why);
}

static int cmd_inject(int argc, char **argv)
{
	struct injection in;
	char d[DECODE_MAX];
	if (argc == 1) {
		if (strcasecmp(argv[0], "none"))
			return CMD_USAGE;
		return event_write_show("inject", VM_ENTRY_INTR_INFO_FIELD, 0) ? CMD_OK : CMD_FAIL;
	}
	if (!parse_injection(argc, argv, &in))
		return CMD_FAIL;
	if (!event_write_show("inject", VM_ENTRY_EXCEPTION_ERROR_CODE, in.err) ||
	    !event_write_show("inject", VM_ENTRY_INSTRUCTION_LEN, in.len) ||
	    !event_write_show("inject", VM_ENTRY_INTR_INFO_FIELD, in.info))
		return CMD_FAIL;
	vmx_decode_intr_info(in.info, d, sizeof(d));
	printf("inject: %s at the next VM entry\n", d);
	note_problem(&in);
	return CMD_OK;
}

static void complete_inject(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	(void)prefix;
	if (argi == 0) {
		for (int t = 0; t < EVENT_TYPE_COUNT; t++)
			add(ctx, event_type_name((enum intr_type)t));
		add(ctx, "none");
	}
}

CMD_ENTRY(inject, "inject", "TYPE|none [VECTOR [ERROR-CODE|-] [LENGTH]]", 1, 4, NEEDS_VMCS,
	  "inject an event at the next VM entry: writes the VM-entry interruption fields",
	  "Writes VM_ENTRY_EXCEPTION_ERROR_CODE, VM_ENTRY_INSTRUCTION_LEN and\n"
	  "VM_ENTRY_INTR_INFO_FIELD (SDM 25.8.3) and shows each. TYPE: extint, nmi,\n"
	  "hw (or exception), softint, priv-soft-exception, soft-exception, other,\n"
	  "reserved, or 0-7. VECTOR: 0-255 or a mnemonic (#GP, gp, #PF, NMI).\n"
	  "An ERROR-CODE sets 'deliver error code' (bit 11); '-' or none leaves it\n"
	  "clear. LENGTH defaults to the raising instruction's: INT n 2, INT3/INTO/\n"
	  "ICEBP 1, else 0. Everything is written as told, valid or not; a note\n"
	  "names the SDM 26.2.1.3 check the next entry fails.\n"
	  "  inject hw #GP 0          #GP with error code 0: 0x80000b0d\n"
	  "  inject hw #UD            #UD: 0x80000306\n"
	  "  inject nmi 2             NMI: 0x80000202\n"
	  "  inject extint 0x40       external interrupt 0x40 (needs RFLAGS.IF = 1)\n"
	  "  inject softint 0x80 - 2  INT 0x80, return RIP = GUEST_RIP + 2\n"
	  "  inject nmi 3             note: ... an NMI has vector 2\n"
	  "  inject none              nothing at the next entry",
	  cmd_inject, complete_inject);
