/* Internal: what the gate shares with the renderers (render/) and the
 * review (review/). */
#ifndef GRADUS_SCREEN_INT_H
#define GRADUS_SCREEN_INT_H

#include "util/buf.h"
#include "gradus/screen.h"

/* The clearance tier's caveats: a clearance does not lift very high
 * blood pressure (CL-BP-HIGH), a resting pulse over 100 (CL-HR-HIGH) or
 * a cast, brace or bed rest not yet ended (CL-IMMOBILISED).
 * SC_CAVEAT_* bits, decided here by rule, once for every renderer. */
enum { SC_CAVEAT_BP_HIGH = 1, SC_CAVEAT_HR_HIGH = 2, SC_CAVEAT_IMMOBILISED = 4 };
unsigned sc_clearance_caveats(const gradus_screening *s);

/* Region names joined with ", " ("left_leg, hips"); "none" for 0. */
void sc_regions(buf *b, unsigned regions);
/* Tag names joined with ", " for the tags of `t` in [first, end). */
void sc_tags(buf *b, gradus_tags t, int first, int end);

#endif
