/* Physical memory. Free RAM is kept as a short list of ranges taken from
 * the multiboot map, minus the first MiB, the image and what the loader
 * handed us; pages are carved from the ranges and recycled through a free
 * list, so start-up costs nothing per page. */
#include "mem.h"
#include "multiboot.h"
#include "cpu.h"
#include "string.h"
#include "reset.h"
#include <stdbool.h>

#define MAX_RANGES 32
#define LOW_RESERVED 0x100000ull
#define FOUR_GB 0x100000000ull
#define PDE_2M_FLAGS 0x83ull /* present, writable, PS */
#define PTE_TABLE_FLAGS 0x03ull
#define HUGE_2M 0x200000ull


extern char _image_start[], _image_end[];
extern uint64_t boot_pml4[];

static struct mem_range ranges[MAX_RANGES];
static int nranges;
static uint64_t free_list; /* physical address of a free page, 0 = none */
/* Freed runs of contiguous pages, for page_alloc_contig to reuse: each
 * run's first page holds its header. */
struct free_run {
	uint64_t next; /* physical address of the next run, 0 = none */
	uint64_t pages;
};
static uint64_t free_runs;
static uint64_t total_bytes, free_pages_cached, managed_pages;

/* The allocator as the shell first saw it (mem_mark_boot): `reset` checks
 * that every page taken since was given back, then puts this state back so
 * that allocations come out at the same addresses as after boot. */
static struct {
	struct mem_range ranges[MAX_RANGES];
	int nranges;
	uint64_t free_list, free_runs, free_pages;
	bool valid;
} boot;

static uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

/* Removes [s, e) from every range, splitting where needed. */
static void reserve(uint64_t s, uint64_t e)
{
	for (int i = 0; i < nranges; i++) {
		struct mem_range *r = &ranges[i];
		if (e <= r->start || s >= r->end)
			continue;
		if (s > r->start && e < r->end && nranges < MAX_RANGES) {
			ranges[nranges++] = (struct mem_range){ e, r->end };
			r->end = s;
		} else if (s <= r->start) {
			r->start = e < r->end ? e : r->end;
		} else {
			r->end = s;
		}
	}
}

static void add_ranges(const struct mb_info *mb)
{
	if (!(mb->flags & MB_INFO_MEM_MAP)) {
		/* old loaders: mem_upper KiB above 1 MiB */
		ranges[nranges++] = (struct mem_range){ LOW_RESERVED,
			LOW_RESERVED + (uint64_t)mb->mem_upper * 1024 };
		total_bytes = ranges[0].end;
		return;
	}
	uint64_t p = mb->mmap_addr, end = p + mb->mmap_length;
	while (p < end && nranges < MAX_RANGES) {
		const struct mb_mmap_entry *m = (const void *)p;
		if (m->type == MB_MMAP_AVAILABLE) {
			uint64_t s = align_up(m->addr, PAGE_SIZE);
			uint64_t e = (m->addr + m->len) & ~(PAGE_SIZE - 1);
			total_bytes += m->len;
			if (e > s)
				ranges[nranges++] = (struct mem_range){ s, e };
		}
		p += m->size + 4;
	}
}

/* RAM above 4 GiB is not in the boot map: add 2 MiB identity mappings. */
static void map_high(uint64_t s, uint64_t e)
{
	for (uint64_t a = s & ~(HUGE_2M - 1); a < e; a += HUGE_2M) {
		uint64_t *pml4e = &boot_pml4[(a >> 39) & 511];
		if (!(*pml4e & 1))
			*pml4e = page_alloc() | PTE_TABLE_FLAGS;
		uint64_t *pdpt = (uint64_t *)(*pml4e & ~0xfffull);
		uint64_t *pdpte = &pdpt[(a >> 30) & 511];
		if (!(*pdpte & 1))
			*pdpte = page_alloc() | PTE_TABLE_FLAGS;
		uint64_t *pd = (uint64_t *)(*pdpte & ~0xfffull);
		pd[(a >> 21) & 511] = a | PDE_2M_FLAGS;
	}
}

void mem_init(uint32_t mb_info_phys)
{
	const struct mb_info *mb = (const void *)(uint64_t)mb_info_phys;
	add_ranges(mb);
	reserve(0, LOW_RESERVED);
	reserve((uint64_t)_image_start, (uint64_t)_image_end);
	if (mb->flags & MB_INFO_MODS) {
		const struct mb_module *mod = (const void *)(uint64_t)mb->mods_addr;
		for (uint32_t i = 0; i < mb->mods_count; i++)
			reserve(mod[i].start, align_up(mod[i].end, PAGE_SIZE));
	}
	for (int i = 0; i < nranges; i++)
		free_pages_cached += (ranges[i].end - ranges[i].start) / PAGE_SIZE;
	managed_pages = free_pages_cached;
	/* Keep the map itself off limits until we no longer need it. */
	for (int i = 0; i < nranges; i++)
		if (ranges[i].end > FOUR_GB)
			map_high(ranges[i].start > FOUR_GB ? ranges[i].start : FOUR_GB,
				 ranges[i].end);
	write_cr3(read_cr3());
}

/* Takes n pages from a freed run that has exactly n, else from the end
 * of the smallest larger one; 0 when none is big enough. */
static uint64_t take_from_runs(unsigned n)
{
	uint64_t *link = &free_runs, *best = NULL;
	for (; *link; link = &((struct free_run *)*link)->next) {
		uint64_t p = ((struct free_run *)*link)->pages;
		if (p == n) {
			best = link;
			break;
		}
		if (p > n && (!best || p < ((struct free_run *)*best)->pages))
			best = link;
	}
	if (!best)
		return 0;
	struct free_run *r = (struct free_run *)*best;
	if (r->pages == n) {
		*best = r->next;
		return (uint64_t)r;
	}
	r->pages -= n;
	return (uint64_t)r + r->pages * PAGE_SIZE;
}

uint64_t page_alloc_contig(unsigned n)
{
	uint64_t bytes = (uint64_t)n * PAGE_SIZE;
	uint64_t pa = n > 1 ? take_from_runs(n) : 0;
	if (pa) {
		free_pages_cached -= n;
		memset((void *)pa, 0, bytes);
		return pa;
	}
	for (int i = 0; i < nranges; i++) {
		struct mem_range *r = &ranges[i];
		/* stay below 4 GiB for structures the boot map covers */
		if (r->end - r->start >= bytes && r->start + bytes <= FOUR_GB) {
			uint64_t pa = r->start;
			r->start += bytes;
			free_pages_cached -= n;
			memset((void *)pa, 0, bytes);
			return pa;
		}
	}
	return 0;
}

uint64_t page_alloc_aligned(unsigned n, uint64_t align)
{
	uint64_t bytes = (uint64_t)n * PAGE_SIZE;
	for (int i = 0; i < nranges; i++) {
		struct mem_range *r = &ranges[i];
		uint64_t pa = align_up(r->start, align);
		if (!n || pa + bytes > r->end || pa + bytes > FOUR_GB)
			continue;
		while (r->start < pa) { /* the head goes to the free list */
			uint64_t head = r->start;
			r->start += PAGE_SIZE;
			free_pages_cached--;
			page_free(head);
		}
		r->start += bytes;
		free_pages_cached -= n;
		memset((void *)pa, 0, bytes);
		return pa;
	}
	return 0;
}

uint64_t page_alloc(void)
{
	if (free_list) {
		uint64_t pa = free_list;
		free_list = *(uint64_t *)pa;
		free_pages_cached--;
		memset((void *)pa, 0, PAGE_SIZE);
		return pa;
	}
	return page_alloc_contig(1);
}

void page_free(uint64_t pa)
{
	if (!pa)
		return;
	*(uint64_t *)pa = free_list;
	free_list = pa;
	free_pages_cached++;
}

void page_free_contig(uint64_t pa, unsigned n)
{
	if (!pa || !n)
		return;
	if (n == 1) {
		page_free(pa);
		return;
	}
	struct free_run *r = (struct free_run *)pa;
	r->next = free_runs;
	r->pages = n;
	free_runs = pa;
	free_pages_cached += n;
}

uint64_t mem_total_bytes(void) { return total_bytes; }
uint64_t mem_free_pages(void) { return free_pages_cached; }

void mem_mark_boot(void)
{
	memcpy(boot.ranges, ranges, sizeof(ranges));
	boot.nranges = nranges;
	boot.free_list = free_list;
	boot.free_runs = free_runs;
	boot.free_pages = free_pages_cached;
	boot.valid = true;
}

struct mem_stats mem_stats(void)
{
	struct mem_stats s = { managed_pages, free_pages_cached, 0, 0 };
	s.in_use = managed_pages - free_pages_cached;
	s.since_boot = boot.valid ? boot.free_pages - free_pages_cached : s.in_use;
	return s;
}

/* Runs after every other module has freed its pages. The free list's links
 * live in the free pages themselves, so the boot state can be put back only
 * when nothing was on the list at boot (nothing is freed during start-up). */
static void mem_reset(struct reset_log *log)
{
	struct mem_stats s = mem_stats();
	if (!boot.valid)
		return;
	if (s.since_boot)
		reset_fail(log, "%lld page(s) allocated since boot are still in use (a leak): taken back",
			   (long long)s.since_boot);
	if (boot.free_list || boot.free_runs) {
		if (s.since_boot)
			reset_fail(log, "the allocator had freed pages at boot: cannot take pages back");
		return;
	}
	memcpy(ranges, boot.ranges, sizeof(ranges));
	nranges = boot.nranges;
	free_list = 0;
	free_runs = 0;
	free_pages_cached = boot.free_pages;
}
RESET_HOOK(90, mem, mem_reset);

struct mem_range mem_image(void)
{
	return (struct mem_range){ (uint64_t)_image_start, (uint64_t)_image_end };
}

bool mem_in_image(uint64_t addr, uint64_t len)
{
	struct mem_range im = mem_image();
	return addr < im.end && addr + len > im.start;
}
