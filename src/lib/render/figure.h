/* Internal: the exercise's picture as inline SVG (render/figure.c). */
#ifndef GRADUS_RENDER_FIGURE_H
#define GRADUS_RENDER_FIGURE_H

#include <stdbool.h>

#include "gradus/catalogue.h"
#include "util/buf.h"

/* Appends an <svg> of two frames, start and end, with an arrow showing
 * the movement, to `b`. Writes nothing when the exercise has no figure.
 * Returns true when the frames are one above the other (start on top: a
 * body lying down is drawn larger so), false side by side or none. */
bool render_figure_svg(buf *b, const gradus_exercise *e);

#endif
