/* Physical memory: the multiboot map, an identity map of all RAM, and a
 * page allocator over what the image and loader did not use. */
#ifndef MONITOR_MEM_H
#define MONITOR_MEM_H
#include <stdint.h>
#include <stddef.h>

#define PAGE_SIZE 4096ull

void mem_init(uint32_t mb_info_phys);
/* A zeroed 4 KiB page (its physical == virtual address), or 0 when out. */
uint64_t page_alloc(void);
/* n physically contiguous zeroed pages, or 0. */
uint64_t page_alloc_contig(unsigned n);
void page_free(uint64_t pa);
uint64_t mem_total_bytes(void);
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
