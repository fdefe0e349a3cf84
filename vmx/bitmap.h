/* The bit arithmetic of the VMX bitmaps: where the bit for a port, an MSR
 * or a VMCS field is, and what an access does with the bits it touches.
 * Pure code (host unit tests: tests/test_bitmap.c); the pages themselves
 * are vmx_structs.h's. */
#ifndef VMX_BITMAP_H
#define VMX_BITMAP_H
#include <stdbool.h>
#include <stdint.h>

#define BITMAP_BYTES 4096u

/* Where a bit lives: which bitmap page (I/O: 0 = A, 1 = B), byte, bit. */
struct bitmap_pos {
	unsigned page, byte, bit;
};

/* SDM 25.6.4: bitmap A holds ports 0000H-7FFFH, B 8000H-FFFFH, one bit
 * each. False for a port above 0xffff. */
bool io_bitmap_pos(uint32_t port, struct bitmap_pos *p);
/* SDM 26.1.3 (I/O instructions with "use I/O bitmaps"): an access of size
 * bytes at port exits when the bit of any port it touches is 1, or when it
 * wraps past 0xffff. a and b are the two bitmaps. */
bool io_access_exits(const uint8_t *a, const uint8_t *b, uint32_t port, unsigned size);

/* SDM 25.6.9: the MSR bitmaps page holds read-low (MSRs 0-1FFFH) at byte 0,
 * read-high (C0000000H-C0001FFFH) at 1024, write-low at 2048, write-high at
 * 3072. False for an MSR outside both ranges: RDMSR/WRMSR of it always
 * exits (SDM 26.1.3). */
bool msr_bitmap_pos(uint32_t msr, bool write, struct bitmap_pos *p);

/* SDM 25.6.15: the VMREAD and VMWRITE bitmaps are indexed by bits 14:0 of
 * the field encoding; an encoding with any of bits 63:15 set always exits
 * (SDM 26.1.3). False then. */
bool vmcs_bitmap_pos(uint64_t encoding, struct bitmap_pos *p);

bool bitmap_test(const uint8_t *map, const struct bitmap_pos *p);
void bitmap_put(uint8_t *map, const struct bitmap_pos *p, bool on);

/* The first run of set bits at or after *from among n bits of map: true
 * with [*first, *last]; *from moves past it. */
bool bitmap_next_run(const uint8_t *map, unsigned n, unsigned *from, unsigned *first,
		     unsigned *last);
#endif
