/* The one bounded string builder: the decoders, the feature list and the
 * control-bit names all append to a caller's buffer through it. Pure:
 * shared with the host unit tests. */
#ifndef MONITOR_STRBUF_H
#define MONITOR_STRBUF_H
#include <stddef.h>

/* Appends never write past size and keep the text NUL-terminated (when
 * size > 0); len counts every character asked for, like snprintf's return,
 * so len >= size means the text was cut. */
struct strbuf {
	char *buf;
	size_t size;
	size_t len;
	unsigned items; /* strbuf_item calls so far */
};

void strbuf_init(struct strbuf *sb, char *buf, size_t size);
void strbuf_add(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends fmt, preceded by ", " unless it is the first item. */
void strbuf_item(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#endif
