/* Internal: the exercise's picture as inline SVG (render/figure.c). */
#ifndef GRADUS_RENDER_FIGURE_H
#define GRADUS_RENDER_FIGURE_H

#include "gradus/catalogue.h"
#include "util/buf.h"

/* Appends an <svg> of two frames, start and end, with an arrow showing
 * the movement, to `b`. Writes nothing when the exercise has no figure. */
void render_figure_svg(buf *b, const gradus_exercise *e);

#endif
