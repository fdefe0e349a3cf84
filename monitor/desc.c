/* The final GDT with a 64-bit TSS. The TSS matters twice: its IST entry
 * gives #DF, NMI and #MC a known-good stack, and VM entry requires a
 * non-null host TR (SDM 27.2.3). */
#include "desc.h"
#include "cpu.h"
#include "string.h"

#define IST_STACK_SIZE 8192

struct __attribute__((packed)) tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3, iomap_base;
};

static uint64_t gdt[5] __attribute__((aligned(16)));
static struct tss64 tss __attribute__((aligned(16)));
static uint8_t ist_stack[IST_STACK_SIZE] __attribute__((aligned(16)));

uint64_t desc_tss_base(void)
{
	return (uint64_t)&tss;
}

static void tss_descriptor(uint64_t *d, uint64_t base, uint32_t limit)
{
	/* SDM 8.2.3: type 9 (available 64-bit TSS), present */
	d[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
	       ((uint64_t)(limit >> 16 & 0xf) << 48) |
	       ((base >> 24 & 0xff) << 56);
	d[1] = base >> 32;
}

void desc_init(void)
{
	memset(&tss, 0, sizeof(tss));
	tss.ist[0] = (uint64_t)(ist_stack + IST_STACK_SIZE);
	tss.iomap_base = sizeof(tss);
	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffull; /* code: L=1, P, DPL0, execute/read */
	gdt[2] = 0x00cf92000000ffffull; /* data: P, DPL0, read/write */
	tss_descriptor(&gdt[3], (uint64_t)&tss, sizeof(tss) - 1);
	struct dtr d = { sizeof(gdt) - 1, (uint64_t)gdt };
	__asm__ volatile("lgdt %0" ::"m"(d));
	__asm__ volatile("ltr %w0" ::"r"((uint16_t)GDT_TSS));
}
