/* Self-protection through the monitor's own page tables (SDM Vol. 3A 4.5
 * 4-level paging, 4.6 access rights): boot.S maps the first 4 GiB with
 * 2 MiB pages, all writable and executable. Here the first 2 MiB, which
 * hold the image, get a page table of their own so that:
 *   - code (_image_start.._text_end) is present, read-only, executable;
 *   - rodata and the command table (.._rodata_end) are read-only, NX;
 *   - the guard page under the boot stack is not present;
 *   - every other page of all RAM is writable and not executable.
 * CR0.WP (set in boot.S) makes read-only hold for the monitor itself.
 *
 * Then a checksum of code and rodata, and a copy of them, are taken: the
 * run commands compare after every run, because without EPT (or with a
 * bad EPT pointer) L2's writes reach host memory. */
#include "protect.h"
#include "cpu.h"
#include "mem.h"
#include "string.h"

#define PTE_P (1ull << 0)
#define PTE_W (1ull << 1)
#define PTE_PS (1ull << 7)
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull
#define ENTRIES 512
#define CPUID_EXT_BASE 0x80000000u
#define CPUID_EXT_FEATURES 0x80000001u
#define CPUID_EXT_NX (1u << 20) /* EDX bit 20: execute-disable */

extern char _image_start[], _text_end[], _rodata_end[], boot_stack_guard[];
extern uint64_t boot_pml4[];

static uint64_t low_pt[ENTRIES] __attribute__((aligned(4096)));
static bool nx;
static uint64_t sum_boot, copy_pa;

bool protect_nx(void) { return nx; }

bool protect_in_stack_guard(uint64_t addr)
{
	uint64_t g = (uint64_t)boot_stack_guard;
	return addr >= g && addr < g + PAGE_SIZE;
}

void protect_image_range(uint64_t *start, uint64_t *end)
{
	*start = (uint64_t)_image_start;
	*end = (uint64_t)_rodata_end;
}

static bool cpu_has_nx(void)
{
	return cpuid(CPUID_EXT_BASE, 0).eax >= CPUID_EXT_FEATURES &&
	       (cpuid(CPUID_EXT_FEATURES, 0).edx & CPUID_EXT_NX);
}

/* The 4 KiB entry for physical page a of the first 2 MiB. */
static uint64_t low_entry(uint64_t a)
{
	uint64_t x = nx ? PTE_NX : 0;
	if (a >= (uint64_t)_image_start && a < (uint64_t)_text_end)
		return a | PTE_P;
	if (a >= (uint64_t)_text_end && a < (uint64_t)_rodata_end)
		return a | PTE_P | x;
	if (protect_in_stack_guard(a))
		return 0;
	return a | PTE_P | PTE_W | x;
}

/* NX on every 2 MiB (or 1 GiB) leaf of the map, the high RAM mem_init
 * added included. */
static void nx_large_pages(void)
{
	for (int i = 0; i < ENTRIES; i++) {
		if (!(boot_pml4[i] & PTE_P))
			continue;
		uint64_t *pdpt = (uint64_t *)(boot_pml4[i] & PTE_ADDR);
		for (int j = 0; j < ENTRIES; j++) {
			if (!(pdpt[j] & PTE_P))
				continue;
			if (pdpt[j] & PTE_PS) {
				pdpt[j] |= PTE_NX;
				continue;
			}
			uint64_t *pd = (uint64_t *)(pdpt[j] & PTE_ADDR);
			for (int k = 0; k < ENTRIES; k++)
				if ((pd[k] & (PTE_P | PTE_PS)) == (PTE_P | PTE_PS))
					pd[k] |= PTE_NX;
		}
	}
}

static void map_permissions(void)
{
	nx = cpu_has_nx();
	if (nx) {
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
		nx_large_pages();
	}
	for (int i = 0; i < ENTRIES; i++)
		low_pt[i] = low_entry((uint64_t)i * PAGE_SIZE);
	uint64_t *pdpt = (uint64_t *)(boot_pml4[0] & PTE_ADDR);
	uint64_t *pd = (uint64_t *)(pdpt[0] & PTE_ADDR);
	pd[0] = (uint64_t)low_pt | PTE_P | PTE_W;
	write_cr3(read_cr3());
}

/* Fletcher-style over 64-bit words: cheap, and it sees reordering. */
static uint64_t checksum(const uint64_t *p, uint64_t words)
{
	uint64_t a = 0, b = 0;
	for (uint64_t i = 0; i < words; i++) {
		a += p[i];
		b += a;
	}
	return a ^ (b << 1 | b >> 63);
}

static uint64_t image_words(void)
{
	return ((uint64_t)_rodata_end - (uint64_t)_image_start) / 8;
}

void protect_init(void)
{
	map_permissions();
	sum_boot = checksum((const uint64_t *)_image_start, image_words());
	unsigned pages = (unsigned)(((uint64_t)_rodata_end - (uint64_t)_image_start) / PAGE_SIZE);
	copy_pa = page_alloc_contig(pages);
	if (copy_pa)
		memcpy((void *)copy_pa, _image_start, image_words() * 8);
}

/* Writes to the read-only image with CR0.WP off, interrupts off. */
static void write_image(uint64_t dst, const void *src, uint64_t n)
{
	uint64_t fl = read_rflags();
	irq_disable();
	uint64_t cr0 = read_cr0();
	write_cr0(cr0 & ~CR0_WP);
	memcpy((void *)dst, src, n);
	write_cr0(cr0);
	if (fl & (1ull << 9))
		irq_enable();
}

void protect_poke_image(uint64_t addr, uint8_t v)
{
	uint64_t s, e;
	protect_image_range(&s, &e);
	if (addr >= s && addr < e)
		write_image(addr, &v, 1);
}

/* Finds the changed bytes against the copy and puts them back. */
static void locate_and_restore(struct image_check *r)
{
	const uint8_t *img = (const uint8_t *)_image_start, *cp = (const uint8_t *)copy_pa;
	uint64_t n = image_words() * 8;
	r->copy_bad = checksum((const uint64_t *)copy_pa, image_words()) != sum_boot;
	for (uint64_t i = 0; i < n; i++) {
		if (img[i] == cp[i])
			continue;
		if (!r->bytes++)
			r->first = (uint64_t)img + i;
		r->last = (uint64_t)img + i;
	}
	if (!r->copy_bad && r->bytes) {
		write_image((uint64_t)img, cp, n);
		r->restored = checksum((const uint64_t *)img, image_words()) == sum_boot;
	}
}

bool protect_check_image(struct image_check *r)
{
	memset(r, 0, sizeof(*r));
	r->sum_boot = sum_boot;
	r->sum_now = checksum((const uint64_t *)_image_start, image_words());
	if (r->sum_now == sum_boot)
		return true;
	if (copy_pa)
		locate_and_restore(r);
	else
		r->copy_bad = true;
	return false;
}
