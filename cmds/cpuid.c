/* cpuid LEAF [SUB] */
#include "../monitor/cmd.h"
#include "../monitor/cpu.h"
#include "../monitor/parse.h"
#include "../monitor/printf.h"

/* Prints the error, naming the word, itself. */
static bool arg_u32(const char *s, uint32_t *v)
{
	if (parse_u32(s, v))
		return true;
	printf("error: cpuid: '%s' is not a 32-bit number\n", s);
	return false;
}

static int cmd_cpuid(int argc, char **argv)
{
	uint32_t leaf, sub = 0;
	if (!arg_u32(argv[0], &leaf) || (argc == 2 && !arg_u32(argv[1], &sub)))
		return CMD_FAIL;
	struct cpuid_regs r = cpuid(leaf, sub);
	printf("eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x\n", r.eax, r.ebx,
	       r.ecx, r.edx);
	return CMD_OK;
}

CMD(cpuid, "cpuid", "LEAF [SUB]", 1, 2, CMD_NEEDS_NOTHING, "run CPUID and print the four registers",
    "  cpuid 0           vendor and highest basic leaf\n"
    "  cpuid 1           features (ECX bit 5: VMX)\n"
    "  cpuid 7 0         structured extended features, subleaf 0\n"
    "Prints: eax=0x........ ebx=0x........ ecx=0x........ edx=0x........",
    cmd_cpuid);
