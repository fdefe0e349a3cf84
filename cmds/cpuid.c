/* cpuid LEAF [SUB] */
#include "../monitor/cmd.h"
#include "../monitor/cpu.h"
#include "../monitor/parse.h"
#include "../monitor/printf.h"

static int cmd_cpuid(int argc, char **argv)
{
	uint64_t leaf, sub = 0;
	if (argc < 1 || argc > 2)
		return CMD_USAGE;
	if (!parse_u64(argv[0], &leaf) || leaf > 0xffffffffull ||
	    (argc == 2 && (!parse_u64(argv[1], &sub) || sub > 0xffffffffull))) {
		printf("error: cpuid: '%s' is not a 32-bit number\n",
		       argc == 2 ? argv[1] : argv[0]);
		return CMD_FAIL;
	}
	struct cpuid_regs r = cpuid((uint32_t)leaf, (uint32_t)sub);
	printf("eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x\n", r.eax, r.ebx,
	       r.ecx, r.edx);
	return CMD_OK;
}

CMD(cpuid, "cpuid", "LEAF [SUB]", "run CPUID and print the four registers",
    "  cpuid 0           vendor and highest basic leaf\n"
    "  cpuid 1           features (ECX bit 5: VMX)\n"
    "  cpuid 7 0         structured extended features, subleaf 0\n"
    "Prints: eax=0x........ ebx=0x........ ecx=0x........ edx=0x........",
    cmd_cpuid);
