/* Bitmap arithmetic: see bitmap.h. */
#include "bitmap.h"

#define IO_PORTS_PER_MAP 0x8000u
#define IO_PORT_LAST 0xffffu
#define MSR_LOW_LAST 0x1fffu
#define MSR_HIGH_FIRST 0xc0000000u
#define MSR_HIGH_LAST 0xc0001fffu
#define MSR_READ_LOW 0u      /* byte offsets in the page, SDM 25.6.9 */
#define MSR_READ_HIGH 1024u
#define MSR_WRITE_LOW 2048u
#define MSR_WRITE_HIGH 3072u
#define VMCS_BITMAP_INDEX 0x7fffull /* encoding bits 14:0 */

static struct bitmap_pos bit_at(unsigned page, unsigned base, unsigned index)
{
	return (struct bitmap_pos){ page, base + index / 8, index % 8 };
}

bool io_bitmap_pos(uint32_t port, struct bitmap_pos *p)
{
	if (port > IO_PORT_LAST)
		return false;
	*p = bit_at(port / IO_PORTS_PER_MAP, 0, port % IO_PORTS_PER_MAP);
	return true;
}

bool io_access_exits(const uint8_t *a, const uint8_t *b, uint32_t port, unsigned size)
{
	struct bitmap_pos p;
	for (unsigned i = 0; i < size; i++) {
		if (!io_bitmap_pos(port + i, &p))
			return true; /* wraps around past 0xffff */
		if (bitmap_test(p.page ? b : a, &p))
			return true;
	}
	return false;
}

bool msr_bitmap_pos(uint32_t msr, bool write, struct bitmap_pos *p)
{
	if (msr <= MSR_LOW_LAST)
		*p = bit_at(0, write ? MSR_WRITE_LOW : MSR_READ_LOW, msr);
	else if (msr >= MSR_HIGH_FIRST && msr <= MSR_HIGH_LAST)
		*p = bit_at(0, write ? MSR_WRITE_HIGH : MSR_READ_HIGH, msr - MSR_HIGH_FIRST);
	else
		return false;
	return true;
}

bool vmcs_bitmap_pos(uint64_t encoding, struct bitmap_pos *p)
{
	if (encoding & ~VMCS_BITMAP_INDEX)
		return false;
	*p = bit_at(0, 0, (unsigned)encoding);
	return true;
}

bool bitmap_test(const uint8_t *map, const struct bitmap_pos *p)
{
	return (map[p->byte] >> p->bit) & 1;
}

void bitmap_put(uint8_t *map, const struct bitmap_pos *p, bool on)
{
	if (on)
		map[p->byte] |= (uint8_t)(1u << p->bit);
	else
		map[p->byte] &= (uint8_t)~(1u << p->bit);
}

static bool bit(const uint8_t *map, unsigned i)
{
	return (map[i / 8] >> (i % 8)) & 1;
}

bool bitmap_next_run(const uint8_t *map, unsigned n, unsigned *from, unsigned *first,
		     unsigned *last)
{
	unsigned i = *from;
	while (i < n && !bit(map, i))
		i++;
	if (i >= n)
		return false;
	*first = i;
	while (i < n && bit(map, i))
		i++;
	*last = i - 1;
	*from = i;
	return true;
}
