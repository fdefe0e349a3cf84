/* I/O APIC at its architectural default address (the MP/ACPI tables are
 * not read: every PC we boot on, Bochs and QEMU included, keeps it there).
 * ISA IRQs 1-15 other than 0 arrive on the pin of the same number. */
#include "ioapic.h"
#include "cpu.h"
#include "pic.h"
#include "trap.h"

#define IOAPIC_BASE 0xfec00000ull
#define IOREGSEL 0x00
#define IOWIN 0x10
#define IOAPIC_VER 0x01
#define IOREDTBL(n) (0x10 + 2 * (n))
#define RTE_DELIVERY_NMI (4u << 8)
#define RTE_MASKED (1u << 16)
#define LAPIC_ID_SHIFT 24 /* CPUID.1:EBX[31:24], the initial APIC ID */
#define IOAPIC_ABSENT 0xffffffffu

static uint32_t ioapic_read(uint32_t reg)
{
	*(volatile uint32_t *)(IOAPIC_BASE + IOREGSEL) = reg;
	return *(volatile uint32_t *)(IOAPIC_BASE + IOWIN);
}

static void ioapic_write(uint32_t reg, uint32_t v)
{
	*(volatile uint32_t *)(IOAPIC_BASE + IOREGSEL) = reg;
	*(volatile uint32_t *)(IOAPIC_BASE + IOWIN) = v;
}

static bool ioapic_present(void)
{
	struct fault_jmp j;
	uint32_t ver = IOAPIC_ABSENT;
	if (fault_try(&j))
		return false;
	ver = ioapic_read(IOAPIC_VER);
	fault_end(&j);
	return ver != IOAPIC_ABSENT && ver != 0;
}

bool ioapic_irq_as_nmi(int irq)
{
	if (!ioapic_present())
		return false;
	uint32_t apic_id = cpuid(1, 0).ebx >> LAPIC_ID_SHIFT;
	pic_mask(irq);
	ioapic_write(IOREDTBL(irq) + 1, apic_id << 24);
	/* edge-triggered, active high, physical destination */
	ioapic_write(IOREDTBL(irq), RTE_DELIVERY_NMI | (PIC_VECTOR_BASE + irq));
	return true;
}

void ioapic_irq_restore(int irq)
{
	ioapic_write(IOREDTBL(irq), RTE_MASKED | (PIC_VECTOR_BASE + irq));
	pic_unmask(irq);
}
