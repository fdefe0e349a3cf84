/* The bounded string builder. See strbuf.h. */
#include "strbuf.h"

#include <stdarg.h>

#include "printf.h"

void strbuf_init(struct strbuf *sb, char *buf, size_t size)
{
	sb->buf = buf;
	sb->size = buf ? size : 0;
	sb->len = 0;
	sb->items = 0;
	if (sb->size)
		buf[0] = '\0';
}

static void strbuf_vadd(struct strbuf *sb, const char *fmt, va_list ap)
{
	size_t room = sb->len < sb->size ? sb->size - sb->len : 0;
	int n = fmt_vsnprintf(room ? sb->buf + sb->len : NULL, room, fmt, ap);
	if (n > 0)
		sb->len += (size_t)n;
}

void strbuf_add(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vadd(sb, fmt, ap);
	va_end(ap);
}

void strbuf_item(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	if (sb->items++)
		strbuf_add(sb, ", ");
	va_start(ap, fmt);
	strbuf_vadd(sb, fmt, ap);
	va_end(ap);
}
