/* Page runs kept per module: see page_set.h. */
#include "page_set.h"
#include "mem.h"

uint64_t page_set_alloc(struct page_set *s, unsigned n, uint64_t align)
{
	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	for (int i = 0; i < PAGE_SET_MAX; i++) {
		if (s->run[i].pa)
			continue;
		uint64_t pa = n == 1 && align <= PAGE_SIZE ? page_alloc() : page_alloc_aligned(n, align);
		if (pa)
			s->run[i] = (struct page_run){ pa, n };
		return pa;
	}
	return 0;
}

const struct page_run *page_set_find(const struct page_set *s, uint64_t pa)
{
	for (int i = 0; i < PAGE_SET_MAX; i++)
		if (s->run[i].pa && s->run[i].pa == pa)
			return &s->run[i];
	return 0;
}

const struct page_run *page_set_containing(const struct page_set *s, uint64_t addr)
{
	for (int i = 0; i < PAGE_SET_MAX; i++) {
		const struct page_run *r = &s->run[i];
		if (r->pa && addr >= r->pa && addr - r->pa < r->n * PAGE_SIZE)
			return r;
	}
	return 0;
}

static void give_back(struct page_run *r)
{
	for (unsigned p = 0; p < r->n; p++)
		page_free(r->pa + p * PAGE_SIZE);
	*r = (struct page_run){ 0, 0 };
}

bool page_set_free(struct page_set *s, uint64_t pa)
{
	struct page_run *r = (struct page_run *)page_set_find(s, pa);
	if (!r)
		return false;
	give_back(r);
	return true;
}

void page_set_free_all(struct page_set *s)
{
	for (int i = 0; i < PAGE_SET_MAX; i++)
		if (s->run[i].pa)
			give_back(&s->run[i]);
}

unsigned page_set_runs(const struct page_set *s)
{
	unsigned n = 0;
	for (int i = 0; i < PAGE_SET_MAX; i++)
		n += s->run[i].pa != 0;
	return n;
}

uint64_t page_set_pages(const struct page_set *s)
{
	uint64_t n = 0;
	for (int i = 0; i < PAGE_SET_MAX; i++)
		n += s->run[i].pa ? s->run[i].n : 0;
	return n;
}
