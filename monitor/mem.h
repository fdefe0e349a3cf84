/* Physical memory: the multiboot map, an identity map of all RAM, and a
 * page allocator over what the image and loader did not use. */
#ifndef MONITOR_MEM_H
#define MONITOR_MEM_H
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#define PAGE_SIZE 4096ull

void mem_init(uint32_t mb_info_phys);
/* A zeroed 4 KiB page (its physical == virtual address), or 0 when out. */
uint64_t page_alloc(void);
/* n physically contiguous zeroed pages, or 0. */
uint64_t page_alloc_contig(unsigned n);
/* n contiguous zeroed pages starting at a multiple of align (a power of two,
 * at least PAGE_SIZE), or 0; the pages skipped to align go to the free list. */
uint64_t page_alloc_aligned(unsigned n, uint64_t align);
void page_free(uint64_t pa);
/* Gives back n pages from page_alloc_contig, as one run to reuse whole. */
void page_free_contig(uint64_t pa, unsigned n);
uint64_t mem_total_bytes(void);
/* [start, end) of physical memory. */
struct mem_range {
	uint64_t start, end;
};
/* The monitor's own image, which no command may write over. */
struct mem_range mem_image(void);
/* True when [addr, addr + len) overlaps the monitor's image. */
bool mem_in_image(uint64_t addr, uint64_t len);
uint64_t mem_free_pages(void);

/* The allocator's view for `mem stats`: pages it manages, free, in use,
 * and in use since the shell started (mem_mark_boot). */
struct mem_stats {
	uint64_t total, free, in_use, since_boot;
};
struct mem_stats mem_stats(void);
/* Remembers the allocator's state when start-up is over; `reset` returns
 * to it after checking that every page allocated since was freed. */
void mem_mark_boot(void);
#endif
