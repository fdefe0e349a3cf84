/* reset: the monitor as after boot. Each module undoes its own state in a
 * reset hook (monitor/reset.h); the VMX library's hook is here, where VMX
 * meets printing. Every line says what was undone; anything that could not
 * be is an `error: reset: ` line. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/mem.h"
#include "../monitor/printf.h"
#include "../monitor/reset.h"
#include "../vmx/reset.h"
#include "../vmx/structs.h"
#include "../vmx/vapic.h"
#include "../monitor/lapic.h"
#include "../vmx/vm_error.h"

#define RESULT_TEXT_MAX 160

static void result_text(struct vmx_result r, char *buf, int size)
{
	switch (r.status) {
	case VMX_OK:
		fmt_snprintf(buf, size, "ok");
		break;
	case VMX_FAIL_INVALID:
		fmt_snprintf(buf, size, "VMfailInvalid");
		break;
	case VMX_FAIL_VALID:
		vm_error_format(r.error, buf, size);
		break;
	case VMX_FAULT:
		trap_describe(&r.fault, buf, size);
		break;
	}
}

static void vmx_notes(struct reset_log *log, const struct vmx_reset_report *r)
{
	if (r->vmcs_freed)
		reset_note(log, "%u VMCS from vmcs new %s and freed with their L2 memory", r->vmcs_freed,
			   r->was_on ? "cleared" : "forgotten");
	if (r->vmcs_forgotten)
		reset_note(log, "%u VMCS loaded by hand %s (their memory is not the monitor's)",
			   r->vmcs_forgotten, r->was_on ? "cleared and forgotten" : "forgotten");
	if (r->was_on && r->off.status == VMX_OK)
		reset_note(log, "VMX off (VMXOFF, CR4.VMXE cleared)");
	if (r->pages_freed)
		reset_note(log, "%u page(s) freed", r->pages_freed);
	if (r->exact_was_on)
		reset_note(log, "exact off (runs may add their polling controls again)");
	if (r->exits_forgotten)
		reset_note(log, "%u VM entr%s forgotten (exit history)", r->exits_forgotten,
			   r->exits_forgotten == 1 ? "y" : "ies");
}

static void vmx_reset_hook(struct reset_log *log)
{
	char d[RESULT_TEXT_MAX];
	struct vmx_reset_report r = vmx_reset();
	vmx_notes(log, &r);
	if (r.clear_fail.status != VMX_OK) {
		result_text(r.clear_fail, d, sizeof(d));
		reset_fail(log, "VMCLEAR 0x%016llx failed: %s", (unsigned long long)r.clear_fail_pa, d);
	}
	if (r.was_on && r.off.status != VMX_OK) {
		result_text(r.off, d, sizeof(d));
		reset_fail(log, "VMXOFF failed: %s: still in VMX operation", d);
	}
}
RESET_HOOK(10, vmx, vmx_reset_hook);

/* The structures of the bitmap, MSR-list, EPT, PML, shadow-VMCS and VMFUNC
 * commands: before the VMX hook (order 10), while VMX is still on, because
 * a shadow VMCS is VMCLEARed before its page is given back. The VMCSs that
 * point at these pages are freed right after, and never entered again. */
static void vmx_structs_reset_hook(struct reset_log *log)
{
	uint64_t before = mem_free_pages();
	vmx_structs_reset();
	vapic_reset();
	if (mem_free_pages() != before)
		reset_note(log, "%llu page(s) of VMX structures given back (bitmaps, MSR lists, EPT, PML, shadow VMCS, EPTP list, virtual-APIC page)",
			   (unsigned long long)(mem_free_pages() - before));
}
RESET_HOOK(05, vmx_structs, vmx_structs_reset_hook);

static void print_note(void *ctx, const char *text)
{
	(void)ctx;
	printf("reset: %s\n", text);
}

static void print_fail(void *ctx, const char *text)
{
	(void)ctx;
	printf("error: reset: %s\n", text);
}

static int cmd_reset(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct reset_log log = { print_note, print_fail, 0 };
	int failures = reset_run_all(&log);
	struct mem_stats s = mem_stats();
	if (s.since_boot) {
		printf("error: reset: %lld page(s) allocated since boot are still in use\n", (long long)s.since_boot);
		failures++;
	}
	if (vmx_is_on()) {
		printf("error: reset: still in VMX operation\n");
		failures++;
	}
	if (failures)
		return CMD_FAIL;
	printf("reset: the monitor is as after boot (%llu page(s) in use, as at boot)\n",
	       (unsigned long long)s.in_use);
	return CMD_OK;
}

CMD(reset, "reset", "", 0, 0, CMD_NEEDS_NOTHING, "back to the state after boot: VMCSs cleared and freed, VMX off, CPU state, pages, histories",
    "Every module puts back what changed since boot, and one line says each thing\n"
    "undone: every VMCS VMCLEARed (those from vmcs new freed with their L2 memory),\n"
    "VMXOFF, CR0/CR4/CR3/DR7, GDTR/IDTR (a VM exit sets their limits to 0xffff)\n"
    "and the MSRs a VM exit loads back to their boot values, the exit history and\n"
    "the line history forgotten. Then it checks that every page allocated since\n"
    "boot was freed (see mem stats); what is left is an error line.\n"
    "  reset    reset: 1 VMCS from vmcs new cleared and freed with their L2 memory\n"
    "           reset: VMX off (VMXOFF, CR4.VMXE cleared)\n"
    "           reset: 22 page(s) freed\n"
    "           reset: 1 VM entry forgotten (exit history)\n"
    "           reset: CR0 0x80010031 -> 0x80010011\n"
    "           reset: GDTR 0x129110/0xffff -> 0x129110/0x27 (base/limit)\n"
    "           reset: 5 line(s) of history forgotten\n"
    "           reset: the monitor is as after boot (0 page(s) in use, as at boot)",
    cmd_reset);

/* The local APIC as the apic commands left it: timer, pending self-IPI or
 * NMI, TPR, in-service vectors, handlers. */
static void lapic_reset_hook(struct reset_log *log)
{
	bool armed = lapic_busy();
	lapic_reset();
	if (armed)
		reset_note(log, "local APIC event disarmed (timer, self-IPI or NMI)");
}
RESET_HOOK(40, lapic, lapic_reset_hook);
