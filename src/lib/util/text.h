/* Internal: plain text for a terminal or a printed page, and the one
 * place that reads UTF-8 (display width, valid sequences). */
#ifndef GRADUS_TEXT_H
#define GRADUS_TEXT_H

#include "util/buf.h"

/* Appends `s` wrapped to `width` display columns (utf8_width): the first
 * line starts with `first`, later lines with `cont`; a word longer than a
 * line is broken (between characters, by columns). Ends with a newline.
 * Returns the number of lines written. */
int text_wrap(buf *b, const char *first, const char *cont, const char *s,
	      int width);

/* The character after the one at s: past a lead byte and its
 * continuation bytes (a run of stray continuation bytes counts as one). */
const char *utf8_next(const char *s);
/* The columns a UTF-8 string, or its first n bytes, takes in a terminal:
 * East Asian Wide and Fullwidth characters take 2, combining marks,
 * format and control characters 0, the rest 1 (UAX #11; text.c). The one
 * measure of display width: every column layout uses it. */
size_t utf8_width(const char *s);
size_t utf8_width_n(const char *s, size_t n);
/* Bytes of the longest start of s (at most n bytes) that takes at most
 * `cols` columns, with the combining marks of its last character. */
size_t utf8_fit(const char *s, size_t n, size_t cols);
/* Appends s, then spaces up to `cols` columns (a table cell padded by
 * display width, not bytes); nothing more when s is wider. */
void text_pad(buf *b, const char *s, size_t cols);
/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 when the
 * bytes there do not start one. Strict (RFC 3629): no overlong forms,
 * no surrogates, nothing beyond U+10FFFF. */
size_t utf8_valid_len(const char *s, size_t n);

#endif
