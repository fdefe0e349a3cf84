/* mem16, mem32, mem64: one value of physical memory read or written,
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

static int word(const char *cmd, int bytes, int argc, char **argv)
{
	return argc == 2 ? word_write(cmd, bytes, argv) : word_read(cmd, bytes, argv);
}

/* ids memwN: the table is sorted by id and must stay sorted by name
 * ("mem write" < "mem16"). */
#define WORD_CMD(bits)                                                                        \
	static int cmd_mem##bits(int argc, char **argv) { return word("mem" #bits, bits / 8, argc, argv); } \
	CMD(memw##bits, "mem" #bits, "ADDR [VALUE]", 1, 2, CMD_NEEDS_NOTHING,                     \
	    "read one " #bits "-bit value of physical memory, or write VALUE",                      \
	    "  mem" #bits " 0x254000           0x0000000000254000 = 0x...\n"                         \
	    "  mem" #bits " 0x254000 0x1234    0x0000000000254000 = 0x...1234 (written)\n"           \
	    "  mem" #bits " $list+0x10 0x175   (in a sequence, with a captured $list)\n"             \
	    "Little-endian, unaligned addresses as the CPU takes them; the monitor's\n"             \
	    "own image is never written.",                                                            \
	    cmd_mem##bits)
WORD_CMD(16);
WORD_CMD(32);
WORD_CMD(64);
