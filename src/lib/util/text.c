/* Plain text: the one word wrap (by display columns) and the one reader
 * of UTF-8. */
#include "util/text.h"

#include <stdint.h>
#include <string.h>

const char *utf8_next(const char *s)
{
	if (!*s)
		return s;
	s++;
	while (((unsigned char)*s & 0xc0) == 0x80)
		s++;
	return s;
}

size_t utf8_width_n(const char *s, size_t n)
{
	size_t cols = 0;
	for (const char *q = s, *end = s + n; q < end && *q; cols++) {
		q++;
		while (q < end && ((unsigned char)*q & 0xc0) == 0x80)
			q++;
	}
	return cols;
}

size_t utf8_width(const char *s)
{
	return utf8_width_n(s, strlen(s));
}

size_t utf8_valid_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	uint32_t cp;
	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		len = 2;
		cp = u[0] & 0x1fu;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		len = 3;
		cp = u[0] & 0x0fu;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		len = 4;
		cp = u[0] & 0x07u;
	} else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (u[i] & 0x3fu);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

int text_wrap(buf *b, const char *first, const char *cont, const char *s,
	    int width)
{
	int lines = 1, col = (int)utf8_width(first);
	int start = col;         /* column where this line's text begins */
	const int cont_w = (int)utf8_width(cont);
	const char *p = s;

	buf_puts(b, first);
	while (*p) {
		const char *w = p;
		int cols;
		while (*w == ' ')
			w++;
		if (!*w)
			break;
		p = w;
		while (*w && *w != ' ')
			w++;
		cols = (int)utf8_width_n(p, (size_t)(w - p));
		if (col > start && col + 1 + cols > width) {
			buf_putc(b, '\n');
			buf_puts(b, cont);
			col = start = cont_w;
			lines++;
		} else if (col > start) {
			buf_putc(b, ' ');
			col++;
		}
		/* a word longer than the room left: break it */
		while (col + cols > width && cols > 0) {
			int room = width - col;
			if (room <= 0) {
				buf_putc(b, '\n');
				buf_puts(b, cont);
				col = start = cont_w;
				lines++;
				room = width - col;
				if (room <= 0)
					room = 1;
			}
			if (cols <= room)
				break;
			for (int i = 0; i < room; i++) {
				const char *q = utf8_next(p);
				buf_put(b, p, (size_t)(q - p));
				p = q;
			}
			cols -= room;
			col += room;
		}
		buf_put(b, p, (size_t)(w - p));
		col += cols;
		p = w;
	}
	buf_putc(b, '\n');
	return lines;
}
