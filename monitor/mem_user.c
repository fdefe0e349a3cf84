/* The user's pages: see mem_user.h. */
#include "mem_user.h"

static struct page_set blocks;

uint64_t mem_user_alloc(unsigned n, uint64_t align) { return page_set_alloc(&blocks, n, align); }
bool mem_user_free(uint64_t pa) { return page_set_free(&blocks, pa); }
const struct page_set *mem_user_blocks(void) { return &blocks; }
void mem_user_reset(void) { page_set_free_all(&blocks); }
