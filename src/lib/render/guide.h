/* Internal: the exercise guide of the text and HTML plans (guide.c),
 * and the plain words of the person's pages.
 *
 * The guide numbers every exercise the plan uses, once, in the order the
 * person meets them: the warm-up, the strength exercises, balance and
 * cool-down of the first week, then each exercise that comes in later
 * (a harder version, the next balance exercise) at the week where it
 * starts. The week pages name each exercise with its number: "(guide 3)".
 */
#ifndef GRADUS_GUIDE_H
#define GRADUS_GUIDE_H

#include "gradus/plan.h"
#include "util/buf.h"

typedef struct {
	const gradus_exercise *ex;
	size_t week;             /* index in pl->weeks where it starts; 0
	                            for the guide in front of the weeks */
	const gradus_versions *versions; /* the versions its entry may name
	                            (NULL: none) */
} guide_entry;

/* guide_entry.week of an entry a cut of the plan (--week) leaves out:
 * it keeps its number, and no page prints it. */
#define GUIDE_NOT_PRINTED ((size_t)-1)

typedef struct {
	guide_entry *v;
	size_t n, cap;
	bool failed;             /* out of memory: the guide is incomplete */
} guide;

/* The guide of `pl` into *g (free it with guide_free). */
void guide_make(guide *g, const gradus_plan *pl);
void guide_free(guide *g);
/* The guide number of `e` (1-based); 0 when it is not in the guide. */
size_t guide_number(const guide *g, const gradus_exercise *e);
/* " (guide 1 and 2)": the guide numbers of a block of exercises (the
 * warm-up, balance, cool-down) after their names; nothing when n = 0. */
void guide_refs(buf *b, const guide *g, const gradus_exercise *const *ex, size_t n);
/* How many entries start at week index `w`. */
size_t guide_count_at(const guide *g, size_t w);

/* The headings of the guide's pages ("How to do each exercise"; "How to
 * do the new exercises of week 5"), plain text. */
void guide_title(buf *b, const gradus_plan *pl, size_t w);
/* The guide's section labels, the same in text and HTML. */
extern const char guide_steps_label[];   /* "How to do it" */
extern const char guide_cues_label[];    /* "Tips" */
extern const char guide_safety_label[];  /* "Take care" */
extern const char guide_helper_label[];  /* "For the helper" */
extern const char guide_easier_label[];  /* "Too hard? Try the easier version:" */
extern const char guide_harder_label[];  /* "Too easy? Try the harder version:" */
/* A harder version the plan does not move on to. */
extern const char guide_harder_ask_label[]; /* "Too easy? Ask your therapist about the harder version:" */
/* After guide_harder_label: the plan moves on to it. */
extern const char guide_moves_on[];      /* "Your plan moves you on when you are ready." */
/* How to read the guide, printed above the first entries. */
extern const char guide_intro[];
/* "Too hard? Try the easier version: Sitting ... (guide 9)." or, when
 * `harder`, "Too easy? ..." for `e`, as plain text (HTML escapes it);
 * only the versions the plan says the person may do (gradus_versions),
 * nothing when there is none. */
void guide_ladder(buf *b, const guide *g, const gradus_exercise *e, bool harder);

/* The text guide entry of `e`, wrapped to 80 columns. */
void guide_text_entry(buf *b, const guide *g, const gradus_exercise *e);
/* The text guide pages of the entries starting at week index `w` (each
 * begins with a form feed); nothing when none starts there. */
void guide_text_pages(buf *b, const gradus_plan *pl, const guide *g, size_t w);

/* ---- plain words for the person's pages ---- */

/* `s` without its source keys: " [VIVI, SPPB]" groups are left out. */
void render_plain(buf *b, const char *s);
/* Whether `s` names a source key in brackets. */
bool render_has_source(const char *s);
/* The person's words for a higher risk of falling. */
extern const char render_fall_risk_words[];
/* The heading of the therapist's page, and what it is. */
extern const char render_therapist_title[];
extern const char render_therapist_intro[];
/* The heading of the extra reasons (gradus_render_options.therapist_why). */
extern const char render_therapist_more[];

#endif
