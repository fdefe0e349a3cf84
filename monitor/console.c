/* Console output on the serial line. "\n" becomes "\r\n" here, once, so
 * every caller can write plain C strings. */
#include "printf.h"
#include "uart.h"

static void putchar_console(char c)
{
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
}

static void console_out(void *ctx, char c)
{
	(void)ctx;
	putchar_console(c);
}

int vprintf(const char *fmt, va_list ap)
{
	return fmt_vformat(console_out, 0, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}
