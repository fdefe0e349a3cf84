/* A set of page runs one module took from the page allocator, kept so that
 * the module can give every one back at once (its *_reset function) or one
 * run at a time. Each run is contiguous and zeroed when taken. */
#ifndef MONITOR_PAGE_SET_H
#define MONITOR_PAGE_SET_H
#include <stdbool.h>
#include <stdint.h>

#define PAGE_SET_MAX 64

struct page_run {
	uint64_t pa;   /* first page; 0 = slot unused */
	unsigned n;    /* pages */
};

struct page_set {
	struct page_run run[PAGE_SET_MAX];
};

/* n contiguous zeroed pages starting at a multiple of align (a power of two,
 * at least 4 KiB), recorded in s; 0 when memory or the set's slots run out. */
uint64_t page_set_alloc(struct page_set *s, unsigned n, uint64_t align);
/* The run that starts at pa, or NULL. */
const struct page_run *page_set_find(const struct page_set *s, uint64_t pa);
/* The run that contains addr, or NULL. */
const struct page_run *page_set_containing(const struct page_set *s, uint64_t addr);
/* Gives back the run that starts at pa; false when s has none there. */
bool page_set_free(struct page_set *s, uint64_t pa);
/* Gives back every run of s. */
void page_set_free_all(struct page_set *s);
/* Runs and pages held. */
unsigned page_set_runs(const struct page_set *s);
uint64_t page_set_pages(const struct page_set *s);
#endif
