/* One formatter for every output: the serial console, buffers, host tests.
 * Supports %d %i %u %x %X %p %s %c %%, flags '-' and '0', a width (or '*'),
 * a precision for %s, and the l/ll/z length modifiers. */
#ifndef MONITOR_PRINTF_H
#define MONITOR_PRINTF_H
#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_out_fn)(void *ctx, char c);

/* Formats into the callback; returns the number of characters produced. */
int fmt_vformat(fmt_out_fn out, void *ctx, const char *fmt, va_list ap);
/* Always NUL-terminates when size > 0; returns the length it wanted. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#ifndef HOST_TEST
/* Console output (serial port). */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
#endif
#endif
