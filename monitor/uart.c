/* 16550 UART on COM1 at 115200 8N1. The BIOS may leave it unprogrammed
 * (Bochs does), so every register is set here. */
#include "uart.h"
#include "cpu.h"
#include "pic.h"
#include "trap.h"
#include "ioapic.h"

#define COM1 0x3f8
#define UART_RBR 0 /* receive buffer (DLAB=0) */
#define UART_THR 0 /* transmit holding (DLAB=0) */
#define UART_IER 1
#define UART_DLL 0 /* divisor latch (DLAB=1) */
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_DR 0x01   /* data ready */
#define LSR_OE 0x02   /* overrun: a byte came while the FIFO was full */
#define LSR_THRE 0x20 /* transmit holding register empty */
#define LSR_TEMT 0x40 /* transmitter empty: the last bit is out */
#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define FCR_ENABLE_CLEAR 0x07
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 gates the IRQ line on PCs */
#define IER_RX 0x01
#define COM1_IRQ 4
/* Room for a pasted sequence: input comes in faster than the shell's
 * output leaves at 115200 baud. */
#define RING_SIZE 65536
#define CTRL_C 0x03

static volatile unsigned char ring[RING_SIZE];
static volatile unsigned ring_head, ring_tail;
static volatile bool ctrl_c_seen;
static volatile unsigned lost_ring, lost_overrun;

void uart_poll(void)
{
	uint8_t lsr;
	while ((lsr = inb(COM1 + UART_LSR)) & (LSR_DR | LSR_OE)) {
		if (lsr & LSR_OE) /* reading LSR cleared it */
			lost_overrun++;
		if (!(lsr & LSR_DR))
			break;
		unsigned char c = inb(COM1 + UART_RBR);
		if (c == CTRL_C)
			ctrl_c_seen = true;
		if (ring_head - ring_tail < RING_SIZE)
			ring[ring_head++ % RING_SIZE] = c;
		else
			lost_ring++;
	}
}

bool uart_take_lost(unsigned *ring_full, unsigned *overruns)
{
	uint64_t fl = read_rflags();
	irq_disable();
	*ring_full = lost_ring;
	*overruns = lost_overrun;
	lost_ring = lost_overrun = 0;
	if (fl & (1 << 9))
		irq_enable();
	return *ring_full || *overruns;
}

static void uart_irq(struct trap_frame *tf)
{
	(void)tf;
	uart_poll();
	pic_eoi(COM1_IRQ);
}

void uart_init(void)
{
	uart_poll(); /* keep what arrived before us: the FIFO is reset below */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, 1); /* 115200 / 1 */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	/* Enabling the FIFO clears it: take what arrived meanwhile first, one
	 * instruction before, so that input typed (or piped) during boot is
	 * not lost; QEMU feeds its next byte as soon as this one is read. */
	uart_poll();
	outb(COM1 + UART_FCR, FCR_ENABLE_CLEAR);
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
	trap_set_handler(PIC_VECTOR_BASE + COM1_IRQ, uart_irq);
	outb(COM1 + UART_IER, IER_RX);
	pic_unmask(COM1_IRQ);
	uart_poll();
}

void uart_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THRE))
		;
	outb(COM1 + UART_THR, (uint8_t)c);
}

void uart_drain_output(void)
{
	while (!(inb(COM1 + UART_LSR) & LSR_TEMT))
		;
}

int uart_getc(void)
{
	for (;;) {
		irq_disable();
		if (ring_head != ring_tail) {
			int c = ring[ring_tail++ % RING_SIZE];
			irq_enable();
			return c;
		}
		/* STI's one-instruction shadow makes STI;HLT atomic: an IRQ
		 * that is already pending wakes the HLT instead of being lost. */
		__asm__ volatile("sti; hlt" ::: "memory");
	}
}

bool uart_take_interrupt_key(void)
{
	uart_poll();
	bool seen = ctrl_c_seen;
	ctrl_c_seen = false;
	return seen;
}

void uart_flush_input(void)
{
	uint64_t fl = read_rflags();
	irq_disable();
	uart_poll();
	ring_tail = ring_head;
	ctrl_c_seen = false;
	if (fl & (1 << 9))
		irq_enable();
}

void uart_rx_irq(bool on)
{
	outb(COM1 + UART_IER, on ? IER_RX : 0);
}

#define NMI_VECTOR 2

static void uart_nmi(struct trap_frame *tf)
{
	(void)tf;
	uart_poll();
}

bool uart_rx_as_nmi(bool on)
{
	if (!on) {
		ioapic_irq_restore(COM1_IRQ);
		trap_set_handler(NMI_VECTOR, 0);
		return true;
	}
	trap_set_handler(NMI_VECTOR, uart_nmi);
	if (ioapic_irq_as_nmi(COM1_IRQ))
		return true;
	trap_set_handler(NMI_VECTOR, 0);
	return false;
}
