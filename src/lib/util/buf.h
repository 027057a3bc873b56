/* Internal: a growable string buffer (after cmark's strbuf). Renderers
 * build their output here; buf_detach hands the string to the caller. */
#ifndef GRADUS_BUF_H
#define GRADUS_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *ptr;
	size_t len, cap;
	bool failed; /* an allocation failed; the content is incomplete */
} buf;

#define BUF_INIT {NULL, 0, 0, false}

void buf_put(buf *b, const char *s, size_t n);
/* Room for n more bytes and a NUL: where to write them, or NULL when
 * out of memory (then b->failed). The writer adds what it wrote to
 * b->len and puts the NUL at b->ptr[b->len]. */
char *buf_reserve(buf *b, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* The one escape function for HTML text and attribute values:
 * & < > " ' become entities. Every user string reaching HTML goes here. */
void buf_html(buf *b, const char *s);
/* Like buf_printf, but every %s argument is HTML-escaped. Only %s, %d,
 * %zu and %% are understood. */
void buf_htmlf(buf *b, const char *fmt, ...);
/* Takes the string (NUL-terminated) and resets the buffer. Returns NULL
 * (and frees) when an allocation failed. */
char *buf_detach(buf *b, size_t *len);
void buf_free(buf *b);

#endif
