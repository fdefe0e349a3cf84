/* The 8259s start mapped over the CPU exceptions (vectors 8-15); remap
 * them to 0x20-0x2f and mask every line until a driver asks for it. The
 * local APIC is left in xAPIC mode, as the BIOS leaves it. */
#include "pic.h"
#include "cpu.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01
#define OCW2_EOI 0x20
#define CASCADE_IRQ 2

static uint16_t mask = 0xffff;

static void pic_write_mask(void)
{
	outb(PIC1_DATA, (uint8_t)mask);
	outb(PIC2_DATA, (uint8_t)(mask >> 8));
}

void pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	outb(PIC1_DATA, PIC_VECTOR_BASE);
	outb(PIC2_DATA, PIC_VECTOR_BASE + 8);
	outb(PIC1_DATA, 1 << CASCADE_IRQ);
	outb(PIC2_DATA, CASCADE_IRQ);
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	mask = 0xffff & ~(1 << CASCADE_IRQ);
	pic_write_mask();
}

void pic_unmask(int irq)
{
	mask &= (uint16_t)~(1u << irq);
	pic_write_mask();
}

void pic_mask(int irq)
{
	mask |= (uint16_t)(1u << irq);
	pic_write_mask();
}

void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, OCW2_EOI);
	outb(PIC1_CMD, OCW2_EOI);
}
