/* mem read16/32/64 and mem write16/32/64: one value of physical memory,
 * as the CPU reads it (little-endian), printed as 0x and 16 hex digits.
 * Faults are reported; the monitor's image is never written. */
#include "args.h"
#include "../monitor/cmd.h"
#include "../monitor/mem.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../monitor/trap.h"

static int word_read(const char *cmd, int bytes, char **argv)
{
	uint64_t addr, v = 0;
	struct fault_info f;
	if (!parse_num(cmd, argv[0], &addr))
		return CMD_FAIL;
	if (safe_copy(&v, (const void *)addr, (uint64_t)bytes, &f)) {
		char d[160];
		trap_describe(&f, d, sizeof(d));
		printf("error: %s 0x%016llx: %s\n", cmd, (unsigned long long)addr, d);
		return CMD_FAIL;
	}
	printf("0x%016llx = 0x%016llx\n", (unsigned long long)addr, (unsigned long long)v);
	return CMD_OK;
}

static int word_write(const char *cmd, int bytes, char **argv)
{
	uint64_t addr, v;
	struct fault_info f;
	if (!parse_num(cmd, argv[0], &addr) || !parse_num(cmd, argv[1], &v))
		return CMD_FAIL;
	if (bytes < 8 && v >> (bytes * 8)) {
		printf("error: %s: 0x%llx does not fit in %d bits\n", cmd, (unsigned long long)v, bytes * 8);
		return CMD_FAIL;
	}
	if (mem_in_image(addr, (uint64_t)bytes)) {
		printf("error: %s: 0x%llx is in the monitor's own image\n", cmd, (unsigned long long)addr);
		return CMD_FAIL;
	}
	if (safe_copy((void *)addr, &v, (uint64_t)bytes, &f)) {
		char d[160];
		trap_describe(&f, d, sizeof(d));
		printf("error: %s 0x%016llx: %s\n", cmd, (unsigned long long)addr, d);
		return CMD_FAIL;
	}
	printf("0x%016llx = 0x%016llx (written)\n", (unsigned long long)addr, (unsigned long long)v);
	return CMD_OK;
}

#define WORD_CMDS(bits)                                                                        \
	static int cmd_mem_read##bits(int argc, char **argv)                                   \
	{                                                                                      \
		return word_read("mem read" #bits, bits / 8, argv);                            \
	}                                                                                      \
	static int cmd_mem_write##bits(int argc, char **argv)                                  \
	{                                                                                      \
		return word_write("mem write" #bits, bits / 8, argv);                          \
	}                                                                                      \
	CMD(mem_read##bits, "mem read" #bits, "ADDR", 1, 1, CMD_NEEDS_NOTHING,                 \
	    "read one " #bits "-bit value of physical memory",                                 \
	    "  mem read" #bits " 0x254000     0x0000000000254000 = 0x...\n"                    \
	    "Unaligned addresses are read as the CPU reads them.",                             \
	    cmd_mem_read##bits);                                                               \
	CMD(mem_write##bits, "mem write" #bits, "ADDR VALUE", 2, 2, CMD_NEEDS_NOTHING,         \
	    "write one " #bits "-bit value to physical memory (the monitor's image is refused)", \
	    "  mem write" #bits " 0x254000 0x1234\n"                                           \
	    "  mem write" #bits " $list+0x10 0x175    (in a sequence, with a captured $list)", \
	    cmd_mem_write##bits)
WORD_CMDS(16);
WORD_CMDS(32);
WORD_CMDS(64);
