#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool grow(buf *b, size_t extra)
{
	size_t need, cap;
	char *p;
	if (b->failed)
		return false;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	p = realloc(b->ptr, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->ptr = p;
	b->cap = cap;
	return true;
}

char *buf_reserve(buf *b, size_t n)
{
	return grow(b, n) ? b->ptr + b->len : NULL;
}

void buf_put(buf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
	buf_put(b, &c, 1);
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void buf_html(buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, *s);
		}
	}
}

void buf_htmlf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			buf_putc(b, *p);
			continue;
		}
		p++;
		if (*p == 's')
			buf_html(b, va_arg(ap, const char *));
		else if (*p == 'd')
			buf_printf(b, "%d", va_arg(ap, int));
		else if (*p == 'z' && p[1] == 'u') {
			buf_printf(b, "%zu", va_arg(ap, size_t));
			p++;
		} else if (*p == '%')
			buf_putc(b, '%');
		else if (*p == '\0')
			break;
	}
	va_end(ap);
}

char *buf_detach(buf *b, size_t *len)
{
	char *p;
	if (b->failed) {
		buf_free(b);
		return NULL;
	}
	if (!b->ptr && !grow(b, 0))
		return NULL;
	if (!b->ptr)
		return NULL;
	b->ptr[b->len] = '\0';
	p = b->ptr;
	if (len)
		*len = b->len;
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void buf_free(buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->failed = false;
}
