/* Internal: plain text for a terminal or a printed page. */
#ifndef GRADUS_TEXT_H
#define GRADUS_TEXT_H

#include "util/buf.h"

/* Appends `s` wrapped to `width` columns (code points): the first line
 * starts with `first`, later lines with `cont`; a word longer than a line
 * is broken. Ends with a newline. Returns the number of lines written. */
int text_wrap(buf *b, const char *first, const char *cont, const char *s,
	      int width);

#endif
