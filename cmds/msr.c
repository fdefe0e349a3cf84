/* rdmsr / wrmsr: a #GP (missing MSR, reserved bits) is caught and
 * reported; it never reaches the monitor. */
#include "../monitor/cmd.h"
#include "../monitor/parse.h"
#include "../monitor/printf.h"
#include "../monitor/trap.h"

static bool parse_msr(const char *cmd, const char *s, uint32_t *msr)
{
	if (parse_u32(s, msr))
		return true;
	printf("error: %s: '%s' is not a 32-bit MSR number\n", cmd, s);
	return false;
}

static void report_fault(const char *what, uint32_t msr, const struct fault_info *f)
{
	printf("error: %s 0x%08x: %s %s (vector %d, error code 0x%llx)\n", what,
	       msr, trap_name(f->vector), trap_longname(f->vector), f->vector,
	       (unsigned long long)f->error);
}

static int cmd_rdmsr(int argc, char **argv)
{
	uint32_t msr;
	uint64_t v;
	struct fault_info f;
	if (!parse_msr("rdmsr", argv[0], &msr))
		return CMD_FAIL;
	if (safe_rdmsr(msr, &v, &f)) {
		report_fault("rdmsr", msr, &f);
		return CMD_FAIL;
	}
	printf("msr 0x%08x = 0x%016llx\n", msr, (unsigned long long)v);
	return CMD_OK;
}

static int cmd_wrmsr(int argc, char **argv)
{
	uint32_t msr;
	uint64_t v;
	struct fault_info f;
	if (!parse_msr("wrmsr", argv[0], &msr))
		return CMD_FAIL;
	if (!parse_u64(argv[1], &v)) {
		printf("error: wrmsr: '%s' is not a 64-bit number\n", argv[1]);
		return CMD_FAIL;
	}
	if (safe_wrmsr(msr, v, &f)) {
		report_fault("wrmsr", msr, &f);
		return CMD_FAIL;
	}
	printf("msr 0x%08x = 0x%016llx (written)\n", msr, (unsigned long long)v);
	return CMD_OK;
}

CMD(rdmsr, "rdmsr", "MSR", 1, 1, CMD_NEEDS_NOTHING, "read a model-specific register (a #GP is reported, not fatal)",
    "  rdmsr 0x10        IA32_TIME_STAMP_COUNTER\n"
    "  rdmsr 0x480       IA32_VMX_BASIC\n"
    "Prints: msr 0x00000010 = 0x................",
    cmd_rdmsr);
CMD(wrmsr, "wrmsr", "MSR VALUE", 2, 2, CMD_NEEDS_NOTHING, "write a model-specific register (a #GP is reported, not fatal)",
    "  wrmsr 0x10 0      reset the TSC\n"
    "  wrmsr 0x12345678 1   error: #GP, the MSR does not exist",
    cmd_wrmsr);
