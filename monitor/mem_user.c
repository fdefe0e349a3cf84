/* The user's pages: see mem_user.h. */
#include "mem_user.h"
#include "mem.h"
#include "reset.h"

static struct page_set blocks;

uint64_t mem_user_alloc(unsigned n, uint64_t align) { return page_set_alloc(&blocks, n, align); }
bool mem_user_free(uint64_t pa) { return page_set_free(&blocks, pa); }
const struct page_set *mem_user_blocks(void) { return &blocks; }
void mem_user_reset(void) { page_set_free_all(&blocks); }

/* Before the allocator's own check (order 90), which would call these
 * pages a leak. */
static void mem_user_reset_hook(struct reset_log *log)
{
	uint64_t before = mem_free_pages();
	mem_user_reset();
	if (mem_free_pages() != before)
		reset_note(log, "%llu page(s) of mem alloc given back",
			   (unsigned long long)(mem_free_pages() - before));
}
RESET_HOOK(85, mem_user, mem_user_reset_hook);
