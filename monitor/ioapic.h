/* The I/O APIC, only to turn one ISA interrupt into an NMI for a while:
 * an NMI reaches a hypervisor as a VM exit whatever L2's RFLAGS.IF says
 * (SDM 26.2 "NMI exiting"), which external interrupts on Bochs do not. */
#ifndef MONITOR_IOAPIC_H
#define MONITOR_IOAPIC_H
#include <stdbool.h>

/* Routes ISA irq through the I/O APIC as an NMI to this CPU and masks it at
 * the 8259; false when there is no I/O APIC. */
bool ioapic_irq_as_nmi(int irq);
/* Masks the I/O APIC pin again and gives the line back to the 8259. */
void ioapic_irq_restore(int irq);
#endif
