/* mem alloc / mem free / mem list / mem fill: pages to lay structures out
 * in (bitmaps, MSR lists, EPT pages, anything a sequence builds), and a
 * fill for them. The blocks are the user's (monitor/mem_user.c). */
#include "args.h"
#include "../monitor/cmd.h"
#include "../monitor/mem.h"
#include "../monitor/mem_user.h"
#include "../monitor/printf.h"
#include "../monitor/trap.h"

#define ALLOC_MAX_PAGES 4096 /* 16 MiB in one block */
#define ALIGN_MAX (1ull << 30)
#define FILL_CHUNK 256
#define FILL_MAX (64ull << 20)

static bool parse_align(const char *s, uint64_t *align)
{
	if (!parse_num("mem alloc", s, align))
		return false;
	if (*align < PAGE_SIZE || *align > ALIGN_MAX || (*align & (*align - 1))) {
		printf("error: mem alloc: ALIGN must be a power of two from 0x1000 to 0x%llx\n",
		       (unsigned long long)ALIGN_MAX);
		return false;
	}
	return true;
}

static int cmd_mem_alloc(int argc, char **argv)
{
	uint64_t n = 1, align = PAGE_SIZE;
	if (argc >= 1 && !parse_num("mem alloc", argv[0], &n))
		return CMD_FAIL;
	if (argc == 2 && !parse_align(argv[1], &align))
		return CMD_FAIL;
	if (n == 0 || n > ALLOC_MAX_PAGES) {
		printf("error: mem alloc: PAGES must be 1..%d\n", ALLOC_MAX_PAGES);
		return CMD_FAIL;
	}
	uint64_t pa = mem_user_alloc((unsigned)n, align);
	if (!pa) {
		printf("error: mem alloc: no %llu free contiguous page(s) aligned to 0x%llx (or %d blocks held: mem free some)\n",
		       (unsigned long long)n, (unsigned long long)align, PAGE_SET_MAX);
		return CMD_FAIL;
	}
	printf("allocated %llu page(s) at 0x%016llx\n", (unsigned long long)n, (unsigned long long)pa);
	return CMD_OK;
}

static int cmd_mem_free(int argc, char **argv)
{
	uint64_t pa;
	if (!parse_num("mem free", argv[0], &pa))
		return CMD_FAIL;
	const struct page_run *r = page_set_find(mem_user_blocks(), pa);
	if (!r) {
		printf("error: mem free: no block from mem alloc starts at 0x%llx (see mem list)\n",
		       (unsigned long long)pa);
		return CMD_FAIL;
	}
	unsigned n = r->n;
	mem_user_free(pa);
	printf("freed %u page(s) at 0x%016llx\n", n, (unsigned long long)pa);
	return CMD_OK;
}

static int cmd_mem_list(int argc, char **argv)
{
	const struct page_set *s = mem_user_blocks();
	for (int i = 0; i < PAGE_SET_MAX; i++)
		if (s->run[i].pa)
			printf("0x%016llx %u page(s)\n", (unsigned long long)s->run[i].pa, s->run[i].n);
	printf("%u block(s), %llu page(s) from mem alloc\n", page_set_runs(s),
	       (unsigned long long)page_set_pages(s));
	return CMD_OK;
}

static int cmd_mem_fill(int argc, char **argv)
{
	uint64_t addr, len, b;
	uint8_t chunk[FILL_CHUNK];
	struct fault_info f;
	if (!parse_num("mem fill", argv[0], &addr) || !parse_num("mem fill", argv[1], &len) ||
	    !parse_num("mem fill", argv[2], &b))
		return CMD_FAIL;
	if (b > 0xff || len == 0 || len > FILL_MAX) {
		printf("error: mem fill: BYTE must be 0..0xff and LEN 1..0x%llx\n", (unsigned long long)FILL_MAX);
		return CMD_FAIL;
	}
	if (mem_in_image(addr, len)) {
		printf("error: mem fill: the range overlaps the monitor's own image\n");
		return CMD_FAIL;
	}
	for (int i = 0; i < FILL_CHUNK; i++)
		chunk[i] = (uint8_t)b;
	for (uint64_t off = 0; off < len; off += FILL_CHUNK) {
		uint64_t n = len - off < FILL_CHUNK ? len - off : FILL_CHUNK;
		if (safe_copy((void *)(addr + off), chunk, n, &f)) {
			char d[160];
			trap_describe(&f, d, sizeof(d));
			printf("error: mem fill 0x%016llx: %s\n", (unsigned long long)(addr + off), d);
			return CMD_FAIL;
		}
	}
	printf("filled 0x%llx byte(s) at 0x%016llx with 0x%02x\n", (unsigned long long)len,
	       (unsigned long long)addr, (unsigned)b);
	return CMD_OK;
}

CMD(mem_alloc, "mem alloc", "[PAGES [ALIGN]]", 0, 2, CMD_NEEDS_NOTHING, "allocate zeroed contiguous 4 KiB pages (default 1) and print their address",
    "The block stays until 'mem free' (or the monitor's reset). ALIGN is a power\n"
    "of two, at least 0x1000 (a 2 MiB EPT page needs 0x200000).\n"
    "  mem alloc               allocated 1 page(s) at 0x0000000000254000\n"
    "  mem alloc 3             three contiguous pages (an MSR list of 768 entries)\n"
    "  mem alloc 512 0x200000  a 2 MiB page, 2 MiB aligned\n"
    "In a sequence: '# capture: page at (0x[0-9a-f]+)', then $page, $page+0x800.",
    cmd_mem_alloc);
CMD(mem_free, "mem free", "ADDR", 1, 1, CMD_NEEDS_NOTHING, "give back a block from mem alloc",
    "  mem free 0x254000     freed 1 page(s) at 0x0000000000254000\n"
    "Only the start of a block from 'mem alloc' is accepted (see 'mem list').",
    cmd_mem_free);
CMD(mem_list, "mem list", "", 0, 0, CMD_NEEDS_NOTHING, "the blocks mem alloc handed out",
    "  mem list     0x0000000000254000 1 page(s) ... 1 block(s), 1 page(s) from mem alloc",
    cmd_mem_list);
CMD(mem_fill, "mem fill", "ADDR LEN BYTE", 3, 3, CMD_NEEDS_NOTHING, "fill LEN bytes of physical memory with BYTE (the monitor's image is refused)",
    "  mem fill 0x254000 0x1000 0xff    every bit of a page set (an I/O bitmap: all ports exit)\n"
    "  mem fill 0x254000 16 0",
    cmd_mem_fill);
