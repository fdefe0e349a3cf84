/* Pages the user asked for (`mem alloc`), to lay out structures in: kept
 * in one page set so that `mem free` gives back one block and the monitor's
 * reset gives back all of them. */
#ifndef MONITOR_MEM_USER_H
#define MONITOR_MEM_USER_H
#include <stdbool.h>
#include <stdint.h>
#include "page_set.h"

/* n zeroed contiguous pages aligned to align; 0 when out of memory or
 * when PAGE_SET_MAX blocks are already held. */
uint64_t mem_user_alloc(unsigned n, uint64_t align);
/* Gives back the block that starts at pa; false when none does. */
bool mem_user_free(uint64_t pa);
/* The blocks held, for `mem list`. */
const struct page_set *mem_user_blocks(void);
/* Gives back every block from mem_user_alloc (for the reset command). */
void mem_user_reset(void);
#endif
