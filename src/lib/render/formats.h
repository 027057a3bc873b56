/* Internal: the renderers, one file per output format (render.c
 * dispatches). Each appends the whole document to `b`. */
#ifndef GRADUS_FORMATS_H
#define GRADUS_FORMATS_H

#include "util/buf.h"
#include "gradus/plan.h"
#include "gradus/screen.h"

void render_plan_text(buf *b, const gradus_plan *pl,
		      const gradus_render_options *o);
void render_plan_html(buf *b, const gradus_plan *pl,
		      const gradus_render_options *o);
/* The plan as JSON (gradus-plan/2), appended to `b` by the streaming
 * writer: the bytes of cJSON_Print (pretty) or cJSON_PrintUnformatted;
 * `depth` as for jw_init (0: a document of its own). False when out of
 * memory. */
bool render_plan_json(buf *b, const gradus_plan *pl, bool pretty,
		      unsigned depth);
/* The other JSON-based formats return a cJSON tree; NULL when out of
 * memory. */
/* FHIR: a Bundle of type "transaction" (entries with a request, for
 * posting to a server) or "collection" (transaction false). */
struct cJSON *render_plan_fhir(const gradus_plan *pl, bool transaction);
void render_plan_ics(buf *b, const gradus_plan *pl);

/* The screening result (a gated profile, tier above precautions, gets
 * these instead of a plan) and the rule table. */
void render_screening_text(buf *b, const gradus_screening *s,
			   const gradus_profile *p);
struct cJSON *render_screening_json(const gradus_screening *s);
void render_rules_text(buf *b);
struct cJSON *render_rules_json(void);
void render_screening_html(buf *b, const gradus_screening *s,
			   const gradus_profile *p);
/* The referral sheet (referral.c) without its document: the inside of
 * <body>, escaped, for the HTML screening page to embed. GRADUS_OK, or
 * GRADUS_EUSAGE below tier review, GRADUS_ENOMEM. */
int render_referral_body_html(buf *b, const gradus_screening *s,
			      const gradus_profile *p);
struct cJSON *render_screening_fhir(const gradus_screening *s,
				    const gradus_profile *p, bool transaction);
void render_screening_ics(buf *b, const gradus_screening *s,
			  const gradus_profile *p);

#endif
