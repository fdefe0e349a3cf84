/* Running the reset hooks of the .resettab linker table, and the log's
 * formatting helpers. */
#include "reset.h"
#include <stdarg.h>
#include "printf.h"

#define RESET_TEXT_MAX 160

extern const struct reset_hook __resettab_start[], __resettab_end[];

struct counting_log {
	struct reset_log inner;
	int failures;
};

static void report(void (*fn)(void *, const char *), void *ctx,
		   const char *fmt, va_list ap)
{
	char text[RESET_TEXT_MAX];
	fmt_vsnprintf(text, sizeof(text), fmt, ap);
	fn(ctx, text);
}

void reset_note(struct reset_log *log, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(log->note, log->ctx, fmt, ap);
	va_end(ap);
}

void reset_fail(struct reset_log *log, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(log->fail, log->ctx, fmt, ap);
	va_end(ap);
}

static void count_note(void *ctx, const char *text)
{
	struct counting_log *c = ctx;
	c->inner.note(c->inner.ctx, text);
}

static void count_fail(void *ctx, const char *text)
{
	struct counting_log *c = ctx;
	c->failures++;
	c->inner.fail(c->inner.ctx, text);
}

int reset_run_all(struct reset_log *log)
{
	struct counting_log c = { *log, 0 };
	struct reset_log counted = { count_note, count_fail, &c };
	for (const struct reset_hook *h = __resettab_start; h < __resettab_end; h++)
		h->undo(&counted);
	return c.failures;
}
