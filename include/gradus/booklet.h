/*
 * gradus/booklet.h - the catalogue on paper: one exercise, or all of
 * them as a printable booklet, each with its picture (when it has a
 * figure), numbered steps, cues, safety lines, the helper's notes and
 * its easier and harder versions.
 *
 * The strings returned are the caller's: free them with free().
 */
#ifndef GRADUS_BOOKLET_H
#define GRADUS_BOOKLET_H

#include <stdbool.h>

#include "catalogue.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One exercise in *out: plain text (80 columns) when `html` is false,
 * else a self-contained HTML page with its picture. `e` and `out` must
 * not be NULL. Returns GRADUS_OK, or GRADUS_ENOMEM with *out NULL. */
int gradus_exercise_render(const gradus_exercise *e, bool html, char **out);

/* Every exercise of a finished catalogue, in id order, as one
 * self-contained, printable HTML booklet in *out. `cat` and `out` must
 * not be NULL. Returns GRADUS_OK, or GRADUS_ENOMEM with *out NULL. */
int gradus_catalogue_booklet(const gradus_catalogue *cat, char **out);

/* The picture of an exercise alone: an inline SVG element (start and end
 * pose, an arrow; role="img" with a <title>), the one the HTML outputs
 * print. *out is NULL when the exercise has no figure. `e` and `out`
 * must not be NULL. Returns GRADUS_OK, or GRADUS_ENOMEM with *out NULL. */
int gradus_exercise_figure_svg(const gradus_exercise *e, char **out);

#ifdef __cplusplus
}
#endif
#endif
