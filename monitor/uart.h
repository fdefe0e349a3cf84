/* COM1, 16550: polled transmit, interrupt-driven receive into a ring. */
#ifndef MONITOR_UART_H
#define MONITOR_UART_H
#include <stdbool.h>

void uart_init(void);
void uart_putc(char c);
/* Waits until every byte written has left the transmitter. */
void uart_drain_output(void);
/* Waits (in HLT, interrupts on) for the next byte. */
int uart_getc(void);
/* Drains the UART into the ring without an interrupt (for loops that run
 * with interrupts off, e.g. around VM entries). */
void uart_poll(void);
/* True when a Ctrl-C has arrived since the last call; consumes it. */
bool uart_take_interrupt_key(void);

/* Drops everything received so far (after Ctrl-C stopped a run). */
void uart_flush_input(void);
/* Turns the receive interrupt on or off at the UART: while it is off,
 * input waits in the FIFO for uart_poll, and nothing interrupts anyone. */
void uart_rx_irq(bool on);
/* Delivers receive interrupts as NMIs (through the I/O APIC) instead of
 * IRQ 4, or back; false when that cannot be done. */
bool uart_rx_as_nmi(bool on);
#endif
