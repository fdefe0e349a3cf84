/* The monitor protects itself: code read-only, everything else not
 * executable, a guard page under the stack (through its own page tables),
 * and a checksum of its code and read-only data with a copy taken at boot,
 * so that a write by someone else (an L2 without EPT, a bad EPT pointer)
 * is found, located and undone. */
#ifndef MONITOR_PROTECT_H
#define MONITOR_PROTECT_H
#include <stdbool.h>
#include <stdint.h>

/* After mem_init: page permissions, then the boot checksum and copy. */
void protect_init(void);
/* What protect_init could do: NX needs CPUID 80000001H:EDX[20]. */
bool protect_nx(void);
/* True when addr is in the guard page under the monitor's stack. */
bool protect_in_stack_guard(uint64_t addr);

struct image_check {
	uint64_t sum_boot, sum_now;
	uint64_t first, last;   /* first and last changed byte */
	uint64_t bytes;         /* changed bytes */
	bool restored;          /* put back from the boot copy */
	bool copy_bad;          /* the copy itself changed: not restored */
};
/* Compares the checksum of code and rodata with the boot one; true when
 * unchanged. Otherwise fills r and restores the image from the copy. */
bool protect_check_image(struct image_check *r);
/* Where the checked image lies: [start, end). */
void protect_image_range(uint64_t *start, uint64_t *end);
/* Writes one byte of the read-only image (for `selftest image`, which
 * plays the part of a stray L2 write). */
void protect_poke_image(uint64_t addr, uint8_t v);
#endif
