/* Internal: helpers shared by the screening renderers (screen.c,
 * render_html.c) and the referral sheet (referral.c). */
#ifndef GRADUS_SCREEN_INT_H
#define GRADUS_SCREEN_INT_H

#include "buf.h"
#include "gradus/screen.h"

/* Appends `s` wrapped to `width` columns (code points): the first line
 * starts with `first`, later lines with `cont`; a word longer than a line
 * is broken. Ends with a newline. Returns the number of lines written. */
int sc_wrap(buf *b, const char *first, const char *cont, const char *s,
	    int width);

/* The screening result in a few words ("see a doctor first") and, in
 * *more, a sentence; the same words on paper and on screen. */
const char *sc_headline(gradus_tier t, const char **more);

/* The clearance tier's extra next step when CL-HR-HIGH fired (a clearance
 * does not lift it); plain text, safe in HTML as it is. */
#define SC_HR_NEXT_STEP                                                      \
	"For a resting pulse over 100, a clearance is not enough: gradus "    \
	"makes a plan only when your pulse at rest is 100 or less again and " \
	"you have written the new number in the profile (health.resting_hr)."

/* "112", or "your local emergency number". */
const char *sc_emergency_number(const gradus_profile *p);

/* Effort in words: "moderate" for 5 or 6, ... */
const char *sc_effort_words(int effort);

/* Plain words for the weakness: "cause not known", "getting slowly
 * worse", "one side of the body", ... */
const char *sc_kind_words(gradus_kind k);
const char *sc_course_words(gradus_course c);
const char *sc_pattern_words(gradus_weakness_pattern w);

/* Region names joined with ", " ("left_leg, hips"); "none" for 0. */
void sc_regions(buf *b, unsigned regions);
/* Tag names joined with ", " for the tags of `t` in [first, end). */
void sc_tags(buf *b, gradus_tags t, int first, int end);

#endif
