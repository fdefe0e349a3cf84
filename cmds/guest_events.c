/* L2's event state by name: guest idt (empty or report), guest if,
 * guest block (interruptibility), guest activity, and guest events, which
 * shows them all with the event the next entry injects. */
#include "vmx_common.h"
#include "event_common.h"
#include "../monitor/cmd.h"
#include "../monitor/cpu.h"
#include "../monitor/exception.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../vmx/decode.h"
#include "../vmx/event.h"
#include "../vmx/l2_idt.h"

#define RFLAGS_IF (1ull << 9)
#define LINE_MAX 120

static bool has_l2(const char *cmd)
{
	if (vmcs_current()->has_l2)
		return true;
	printf("error: %s: this VMCS was loaded by hand and has no L2 memory (use vmcs new)\n", cmd);
	return false;
}

static const char *idt_name(enum l2_idt k)
{
	return k == L2_IDT_REPORT ? "report" : "empty";
}

static int cmd_guest_idt(int argc, char **argv)
{
	struct vmcs_obj *v = vmcs_current();
	if (!has_l2("guest idt"))
		return CMD_FAIL;
	if (argc == 1) {
		if (!strcmp(argv[0], "report"))
			l2_idt_set(&v->l2, L2_IDT_REPORT);
		else if (!strcmp(argv[0], "empty"))
			l2_idt_set(&v->l2, L2_IDT_EMPTY);
		else
			return CMD_USAGE;
	}
	if (l2_idt_get(&v->l2) == L2_IDT_REPORT)
		printf("guest idt: report: every vector's handler at 0x%x + 8 * vector does VMCALL at 0x%llx with RAX = vector, RBX = error code (all ones: none), RCX = RIP, RDX = RFLAGS, RSI = RSP\n",
		       L2_EVENTS, (unsigned long long)l2_event_vmcall_rip());
	else
		printf("guest idt: empty: no gate is present; an event L2 does not intercept faults again and ends in a triple fault\n");
	return CMD_OK;
}

static int cmd_guest_if(int argc, char **argv)
{
	uint64_t fl;
	if (vmx_read(GUEST_RFLAGS, &fl).status != VMX_OK)
		return event_read_show("guest if", GUEST_RFLAGS, NULL) ? CMD_OK : CMD_FAIL;
	if (argc == 1) {
		if (strcmp(argv[0], "0") && strcmp(argv[0], "1"))
			return CMD_USAGE;
		fl = argv[0][0] == '1' ? fl | RFLAGS_IF : fl & ~RFLAGS_IF;
		if (!event_write_show("guest if", GUEST_RFLAGS, fl))
			return CMD_FAIL;
	}
	printf("RFLAGS.IF = %d\n", (fl & RFLAGS_IF) ? 1 : 0);
	return CMD_OK;
}

static void show_block(uint64_t st)
{
	char w[LINE_MAX];
	event_block_format((uint32_t)st, w, sizeof(w));
	printf("interruptibility: %s\n", w);
}

static int cmd_guest_block(int argc, char **argv)
{
	uint32_t st = 0, bit;
	uint64_t now;
	if (argc == 0) {
		if (!event_read_show("guest block", GUEST_INTERRUPTIBILITY_INFO, &now))
			return CMD_FAIL;
		show_block(now);
		return CMD_OK;
	}
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "none"))
			continue;
		if (!event_block_parse(argv[i], &bit)) {
			printf("error: guest block: unknown blocking '%s' (sti, movss, smi, nmi, enclave, none)\n", argv[i]);
			return CMD_FAIL;
		}
		st |= bit;
	}
	if (!event_write_show("guest block", GUEST_INTERRUPTIBILITY_INFO, st))
		return CMD_FAIL;
	show_block(st);
	return CMD_OK;
}

static int cmd_guest_activity(int argc, char **argv)
{
	uint32_t st;
	if (argc == 0)
		return event_read_show("guest activity", GUEST_ACTIVITY_STATE, NULL) ? CMD_OK : CMD_FAIL;
	if (!event_activity_parse(argv[0], &st)) {
		printf("error: guest activity: unknown state '%s' (active, hlt, shutdown, wait-sipi, or a number)\n", argv[0]);
		return CMD_FAIL;
	}
	return event_write_show("guest activity", GUEST_ACTIVITY_STATE, st) ? CMD_OK : CMD_FAIL;
}

/* One decoded line per field: the event state the next entry starts from. */
static int cmd_guest_events(int argc, char **argv)
{
	char d[LINE_MAX];
	uint64_t fl = 0, st = 0, act = 0, pend = 0, info = 0;
	vmx_read(GUEST_RFLAGS, &fl);
	vmx_read(GUEST_INTERRUPTIBILITY_INFO, &st);
	vmx_read(GUEST_ACTIVITY_STATE, &act);
	vmx_read(GUEST_PENDING_DBG_EXCEPTIONS, &pend);
	vmx_read(VM_ENTRY_INTR_INFO_FIELD, &info);
	printf("%-18s %d (TF %d)\n", "RFLAGS.IF", (fl & RFLAGS_IF) ? 1 : 0, (fl & RFLAGS_TF) ? 1 : 0);
	event_block_format((uint32_t)st, d, sizeof(d));
	printf("%-18s 0x%08llx  %s\n", "interruptibility", (unsigned long long)st, d);
	vmx_decode_activity((uint32_t)act, d, sizeof(d));
	printf("%-18s 0x%08llx  %s\n", "activity", (unsigned long long)act, d);
	vmx_decode_pending_dbg(pend, d, sizeof(d));
	printf("%-18s 0x%016llx  %s\n", "pending debug", (unsigned long long)pend, d);
	vmx_decode_intr_info((uint32_t)info, d, sizeof(d));
	printf("%-18s 0x%08llx  %s\n", "inject at entry", (unsigned long long)info, d);
	if (vmcs_current()->has_l2)
		printf("%-18s %s\n", "L2 IDT", idt_name(l2_idt_get(&vmcs_current()->l2)));
	return CMD_OK;
}

void print_l2_event(const struct vmx_exit *e)
{
	struct vmcs_obj *v = vmcs_current();
	struct l2_event ev;
	if (!v || !v->has_l2 || !l2_event_report(e, &v->gprs, &ev))
		return;
	const char *m = ev.vector < EXC_COUNT ? exception_mnemonic(ev.vector) : NULL;
	printf("%-15s vector %u%s%s%s", "L2 event", ev.vector, m ? " (" : "", m ? m : "", m ? ")" : "");
	if (ev.has_error)
		printf(" error 0x%llx", (unsigned long long)ev.error);
	else
		printf(" no error code");
	printf(", return rip=0x%016llx rflags=0x%llx rsp=0x%llx\n", (unsigned long long)ev.rip,
	       (unsigned long long)ev.rflags, (unsigned long long)ev.rsp);
}

static void complete_words(int argi, const char *prefix, complete_add_fn add, void *ctx,
			   const char *const *words)
{
	(void)argi;
	for (; *words; words++)
		if (!strncmp(*words, prefix, strlen(prefix)))
			add(ctx, *words);
}

static void complete_idt(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	static const char *const w[] = { "report", "empty", 0 };
	if (argi == 0)
		complete_words(argi, prefix, add, ctx, w);
}

static void complete_block(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	static const char *const w[] = { "none", "sti", "movss", "smi", "nmi", "enclave", 0 };
	complete_words(argi, prefix, add, ctx, w);
}

static void complete_activity(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	static const char *const w[] = { "active", "hlt", "shutdown", "wait-sipi", 0 };
	if (argi == 0)
		complete_words(argi, prefix, add, ctx, w);
}

CMD_ENTRY(guest_idt, "guest idt", "[report|empty]", 0, 1, NEEDS_VMCS,
	  "L2's IDT: empty (default) or report, whose handlers tell the monitor each event",
	  "With 'report' every vector's handler (at 0xf000 + 8 * vector, on its own\n"
	  "stack through IST 1) executes VMCALL with RAX = vector, RBX = error code\n"
	  "(all ones when the CPU pushed none), RCX = the interrupted RIP (where IRET\n"
	  "returns), RDX = RFLAGS, RSI = RSP; 'exit' decodes it as 'L2 event'. After\n"
	  "'skip' and 'resume' the handler restores every register and returns with\n"
	  "IRETQ. 'empty' clears every gate (the 'vmcs new' state).\n"
	  "  guest idt report; inject hw #GP 0x10; launch\n"
	  "           VM-exit: VMCALL (18) ... rip=0x000000000000f82e len=3\n"
	  "  reg rax  rax    = 0x000000000000000d",
	  cmd_guest_idt, complete_idt);
CMD(guest_if, "guest if", "[0|1]", 0, 1, NEEDS_VMCS, "L2's RFLAGS.IF (GUEST_RFLAGS bit 9)",
    "  guest if 1     GUEST_RFLAGS = 0x0000000000000202 / RFLAGS.IF = 1", cmd_guest_if);
CMD_ENTRY(guest_block, "guest block", "[none|sti|movss|smi|nmi|enclave...]", 0, 5, NEEDS_VMCS,
	  "L2's interruptibility state by name (GUEST_INTERRUPTIBILITY_INFO, SDM 25.4.2)",
	  "Sets exactly the bits named ('none' clears them); without words shows them.\n"
	  "  guest block sti       blocking by STI: the instruction at GUEST_RIP runs\n"
	  "                        in an STI shadow\n"
	  "  guest block nmi       blocking by NMI (virtual-NMI blocking with virtual NMIs)\n"
	  "  guest block none",
	  cmd_guest_block, complete_block);
CMD_ENTRY(guest_activity, "guest activity", "[active|hlt|shutdown|wait-sipi|N]", 0, 1, NEEDS_VMCS,
	  "L2's activity state by name (GUEST_ACTIVITY_STATE, SDM 25.4.2)",
	  "  guest activity hlt     enter L2 halted: an event wakes it (SDM 26.6.2)\n"
	  "  guest activity active",
	  cmd_guest_activity, complete_activity);
CMD(guest_events, "guest events", "", 0, 0, NEEDS_VMCS,
    "L2's event state: RFLAGS.IF, interruptibility, activity, pending #DB, injection, IDT",
    "  guest events     one decoded line per field the next entry starts from", cmd_guest_events);
