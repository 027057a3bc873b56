/* Internal: the plan renderers, one per output format (plan_render.c
 * dispatches). Each appends the whole document to `b`. */
#ifndef GRADUS_RENDER_H
#define GRADUS_RENDER_H

#include "buf.h"
#include "gradus/plan.h"
#include "gradus/screen.h"

void render_plan_text(buf *b, const gradus_plan *pl,
		      const gradus_render_options *o);
void render_plan_html(buf *b, const gradus_plan *pl,
		      const gradus_render_options *o);
/* JSON-based formats return a cJSON tree; NULL when out of memory. */
struct cJSON *render_plan_json(const gradus_plan *pl);
struct cJSON *render_plan_fhir(const gradus_plan *pl);
void render_plan_ics(buf *b, const gradus_plan *pl);

/* The dose in the words of the text plan, shared by every renderer:
 * "moderate - 5 or 6 out of 10", "0.5 kg ankle weight", "hold on with
 * one hand" (NULL when the exercise is not held), "new: more reps"
 * (NULL when nothing changed). */
void render_put_effort(buf *b, int lo, int hi, const char *dash);
void render_put_load(buf *b, const gradus_item *it);
const char *render_support_words(gradus_support s);
const char *render_change_words(gradus_change c);
/* "In turns: 1 and 2, 3 and 4 - ..." for the paired sets of a session;
 * false (nothing written) when no pair has more than one set. */
bool render_put_pairs(buf *b, const gradus_session *s);

/* A gated profile (tier above precautions): the same formats without a
 * plan. */
void render_screening_html(buf *b, const gradus_screening *s,
			   const gradus_profile *p);
struct cJSON *render_screening_fhir(const gradus_screening *s,
				    const gradus_profile *p);
void render_screening_ics(buf *b, const gradus_screening *s,
			  const gradus_profile *p);

#endif
