/* mem read / mem write: physical memory through the identity map. A fault
 * (unmapped address, non-canonical address) is reported with its details. */
#include "args.h"
#include "../monitor/cmd.h"
#include "../monitor/mem.h"
#include "../monitor/parse.h"
#include "../monitor/printf.h"
#include "../monitor/trap.h"

#define MEM_READ_DEFAULT 64
#define MEM_READ_MAX 4096
#define BYTES_PER_LINE 16

static void report_fault(const char *what, uint64_t addr, const struct fault_info *f)
{
	char d[160];
	trap_describe(f, d, sizeof(d));
	printf("error: %s 0x%016llx: %s\n", what, (unsigned long long)addr, d);
}

static void dump_line(uint64_t addr, const uint8_t *b, int n)
{
	printf("0x%016llx:", (unsigned long long)addr);
	for (int i = 0; i < BYTES_PER_LINE; i++)
		printf(i < n ? " %02x" : "   ", b[i]);
	printf("  |");
	for (int i = 0; i < n; i++)
		printf("%c", b[i] >= 0x20 && b[i] < 0x7f ? b[i] : '.');
	printf("|\n");
}

static int cmd_mem_read(int argc, char **argv)
{
	uint64_t addr, len = MEM_READ_DEFAULT;
	struct fault_info f;
	if (!parse_num("mem read", argv[0], &addr) || (argc == 2 && !parse_num("mem read", argv[1], &len)))
		return CMD_FAIL;
	if (len == 0 || len > MEM_READ_MAX) {
		printf("error: mem read: LEN must be 1..%d\n", MEM_READ_MAX);
		return CMD_FAIL;
	}
	for (uint64_t off = 0; off < len; off += BYTES_PER_LINE) {
		uint8_t b[BYTES_PER_LINE];
		int n = (int)(len - off < BYTES_PER_LINE ? len - off : BYTES_PER_LINE);
		if (safe_copy(b, (const void *)(addr + off), n, &f)) {
			report_fault("mem read", addr + off, &f);
			return CMD_FAIL;
		}
		dump_line(addr + off, b, n);
	}
	return CMD_OK;
}

static int cmd_mem_write(int argc, char **argv)
{
	uint64_t addr, v;
	uint8_t bytes[MAX_ARGS];
	struct fault_info f;
	if (!parse_u64(argv[0], &addr)) {
		printf("error: mem write: bad address '%s'\n", argv[0]);
		return CMD_FAIL;
	}
	for (int i = 1; i < argc; i++) {
		if (!parse_u64(argv[i], &v) || v > 0xff) {
			printf("error: mem write: '%s' is not a byte (0..0xff)\n", argv[i]);
			return CMD_FAIL;
		}
		bytes[i - 1] = (uint8_t)v;
	}
	uint64_t n = (uint64_t)argc - 1;
	if (mem_in_image(addr, n)) {
		struct mem_range im = mem_image();
		printf("error: mem write: 0x%llx..0x%llx is the monitor's own image\n",
		       (unsigned long long)im.start, (unsigned long long)im.end - 1);
		return CMD_FAIL;
	}
	if (safe_copy((void *)addr, bytes, n, &f)) {
		report_fault("mem write", addr, &f);
		return CMD_FAIL;
	}
	printf("wrote %llu byte(s) at 0x%016llx\n", (unsigned long long)n,
	       (unsigned long long)addr);
	return CMD_OK;
}

static int cmd_mem_stats(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct mem_stats s = mem_stats();
	printf("pages total:       %llu (%llu KiB, 4 KiB each)\n", (unsigned long long)s.total,
	       (unsigned long long)(s.total * PAGE_SIZE / 1024));
	printf("pages free:        %llu\n", (unsigned long long)s.free);
	printf("pages in use:      %llu\n", (unsigned long long)s.in_use);
	printf("in use since boot: %lld\n", (long long)s.since_boot);
	return CMD_OK;
}

CMD(mem_stats, "mem stats", "", 0, 0, CMD_NEEDS_NOTHING, "the page allocator: pages total, free, in use, in use since boot",
    "Pages are what vmxon, vmcs new and the L2 memory take; reset frees every\n"
    "page taken since boot, so after it 'in use since boot' is 0 again.\n"
    "  mem stats    pages total:       32444 (129776 KiB, 4 KiB each)\n"
    "               pages free:        32422\n"
    "               pages in use:      22\n"
    "               in use since boot: 22",
    cmd_mem_stats);
CMD(mem_read, "mem read", "ADDR [LEN]", 1, 2, CMD_NEEDS_NOTHING, "hex dump of physical memory (LEN bytes, default 64, at most 4096)",
    "  mem read 0x100000        the start of the monitor image (multiboot header)\n"
    "  mem read 0x7e000 16      16 bytes of free low memory\n"
    "  mem read 0x8000000000    error: #PF, nothing is mapped there",
    cmd_mem_read);
CMD(mem_write, "mem write", "ADDR BYTE...", 2, CMD_ARGS_ANY, CMD_NEEDS_NOTHING, "write bytes to physical memory (the monitor's image is refused)",
    "  mem write 0x7e000 0xf4 0x90   write two bytes to free low memory\n"
    "  mem write 0x8000000000 1      error: #PF, nothing is mapped there",
    cmd_mem_write);
