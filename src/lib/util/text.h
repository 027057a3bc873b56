/* Internal: plain text for a terminal or a printed page, and the one
 * place that reads UTF-8 (display width, valid sequences). */
#ifndef GRADUS_TEXT_H
#define GRADUS_TEXT_H

#include "util/buf.h"

/* Appends `s` wrapped to `width` columns (code points): the first line
 * starts with `first`, later lines with `cont`; a word longer than a line
 * is broken. Ends with a newline. Returns the number of lines written. */
int text_wrap(buf *b, const char *first, const char *cont, const char *s,
	      int width);

/* The character after the one at s: past a lead byte and its
 * continuation bytes (a run of stray continuation bytes counts as one). */
const char *utf8_next(const char *s);
/* Code points in a UTF-8 string, or in its first n bytes: the columns it
 * takes in a terminal (for column layout). */
size_t utf8_width(const char *s);
size_t utf8_width_n(const char *s, size_t n);
/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 when the
 * bytes there do not start one. Strict (RFC 3629): no overlong forms,
 * no surrogates, nothing beyond U+10FFFF. */
size_t utf8_valid_len(const char *s, size_t n);

#endif
