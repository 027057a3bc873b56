/* Plain text: the one word wrap (by display columns, UTF-8 aware). */
#include "util/text.h"

/* Code points of the UTF-8 sequence starting at s (1 for a lead byte). */
static size_t cp_len(const char *s)
{
	size_t n = 1;
	while (s[n] && ((unsigned char)s[n] & 0xc0) == 0x80)
		n++;
	return n;
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
		cols = 0;
		for (const char *q = p; q < w; q += cp_len(q))
			cols++;
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
				size_t n = cp_len(p);
				buf_put(b, p, n);
				p += n;
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
