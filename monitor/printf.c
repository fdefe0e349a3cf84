/* The one formatter. Every printing path (console, buffers, host tests)
 * goes through fmt_vformat with an output callback. */
#include "printf.h"
#include "string.h"
#include <stdint.h>

struct spec {
	int left, zero, width, prec, lng;
};

static int emit(fmt_out_fn out, void *ctx, const char *s, int len,
		const struct spec *sp)
{
	int pad = sp->width > len ? sp->width - len : 0, n = 0;
	char padc = (sp->zero && !sp->left) ? '0' : ' ';
	/* zero padding goes after a sign */
	if (padc == '0' && len > 0 && s[0] == '-') {
		out(ctx, '-');
		s++, len--, n++;
	}
	for (; !sp->left && pad > 0; pad--, n++)
		out(ctx, padc);
	for (int i = 0; i < len; i++, n++)
		out(ctx, s[i]);
	for (; pad > 0; pad--, n++)
		out(ctx, ' ');
	return n;
}

static int utoa(char *buf, unsigned long long v, int base, int upper)
{
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len = 0;
	do {
		tmp[n++] = dig[v % base];
		v /= base;
	} while (v);
	while (n)
		buf[len++] = tmp[--n];
	return len;
}

static unsigned long long arg_unsigned(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long arg_signed(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, long long);
	if (lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '0')
			sp->zero = 1;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	if (*f == '.') {
		sp->prec = 0;
		for (f++; *f >= '0' && *f <= '9'; f++)
			sp->prec = sp->prec * 10 + (*f - '0');
	}
	for (; *f == 'l' || *f == 'z'; f++)
		sp->lng += (*f == 'z') ? 2 : 1;
	return f;
}

static int format_one(fmt_out_fn out, void *ctx, char conv,
		      struct spec *sp, va_list *ap)
{
	char buf[32];
	int len;
	switch (conv) {
	case 'd':
	case 'i': {
		long long v = arg_signed(ap, sp->lng);
		unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
		len = 0;
		if (v < 0)
			buf[len++] = '-';
		len += utoa(buf + len, u, 10, 0);
		return emit(out, ctx, buf, len, sp);
	}
	case 'u':
		len = utoa(buf, arg_unsigned(ap, sp->lng), 10, 0);
		return emit(out, ctx, buf, len, sp);
	case 'x':
	case 'X':
		len = utoa(buf, arg_unsigned(ap, sp->lng), 16, conv == 'X');
		return emit(out, ctx, buf, len, sp);
	case 'p':
		buf[0] = '0', buf[1] = 'x';
		len = 2 + utoa(buf + 2, (uintptr_t)va_arg(*ap, void *), 16, 0);
		return emit(out, ctx, buf, len, sp);
	case 'c':
		buf[0] = (char)va_arg(*ap, int);
		return emit(out, ctx, buf, 1, sp);
	case 's': {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		len = (int)strlen(s);
		if (sp->prec >= 0 && sp->prec < len)
			len = sp->prec;
		sp->zero = 0;
		return emit(out, ctx, s, len, sp);
	}
	default:
		buf[0] = '%', buf[1] = conv;
		return emit(out, ctx, buf, conv ? 2 : 1, sp);
	}
}

int fmt_vformat(fmt_out_fn out, void *ctx, const char *fmt, va_list ap)
{
	int n = 0;
	va_list cp;
	va_copy(cp, ap);
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			out(ctx, *f);
			n++;
			continue;
		}
		struct spec sp;
		f = parse_spec(f + 1, &sp, &cp);
		if (*f == '%') {
			out(ctx, '%');
			n++;
			continue;
		}
		n += format_one(out, ctx, *f, &sp, &cp);
		if (!*f)
			break;
	}
	va_end(cp);
	return n;
}

struct bufout {
	char *buf;
	size_t size, pos;
};

static void buf_put(void *ctx, char c)
{
	struct bufout *b = ctx;
	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bufout b = { buf, size, 0 };
	int n = fmt_vformat(buf_put, &b, fmt, ap);
	if (size)
		buf[b.pos < size ? b.pos : size - 1] = 0;
	return n;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
