/*
 * gradus/plan.h - from a screened profile to a week-by-week plan.
 *
 * gradus_plan_generate() assesses the person (Vivifrail class, fall-risk
 * "+", EWGSOP2 findings), chooses a template, selects exercises, writes
 * the progression week by week and the schedule, and explains every
 * number. It refuses (GRADUS_EUSAGE) when the screening tier is above
 * GRADUS_TIER_PRECAUTIONS: a gated profile never gets a plan.
 * Everything a plan points to lives in the plan (one arena) or in the
 * catalogue, templates and profile it was made from, which must outlive
 * it.
 */
#ifndef GRADUS_PLAN_H
#define GRADUS_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "date.h"
#include "diag.h"
#include "profile.h"
#include "screen.h"
#include "template.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What rose from the week before (at most one: safety invariant 3, docs/hazards.md). */
typedef enum {
	GRADUS_CHANGE_START = 0, /* first week */
	GRADUS_CHANGE_NONE,      /* same as last week */
	GRADUS_CHANGE_REPS,
	GRADUS_CHANGE_SETS,
	GRADUS_CHANGE_SUPPORT,
	GRADUS_CHANGE_LOAD,
	GRADUS_CHANGE_VARIANT,
	GRADUS_CHANGE_DELOAD,    /* lighter week: fewer sets, nothing rises */
	GRADUS_CHANGE_HOLD       /* a longer hold (hold exercises) */
} gradus_change;
/* "reps", ...: a static string, never to be freed; NULL out of range. */
const char *gradus_change_name(gradus_change c);

/* One reason behind a number: rule id, plain words, source key(s). */
typedef struct {
	const char *rule;
	const char *text;
	const char *source;
} gradus_why;

typedef struct {
	gradus_load_kind kind;
	double kg;       /* ankle weight or dumbbell; 0 otherwise */
	int band;        /* gradus_band for bands, else -1 */
	int machine_step;/* machines: smallest steps above the start, else 0 */
} gradus_load;

typedef struct {
	const gradus_exercise *exercise;
	int sets;
	int reps_min, reps_max;  /* per set (per side when per_side) */
	int hold_s;              /* > 0: hold each rep this long */
	int affected_sets;       /* one-limb disuse: sets for the affected
	                            side (more than `sets`); 0 otherwise */
	int pair;                /* 0: done on its own; n > 0: paired sets
	                            with the other item of pair n (next to
	                            it), a set of one then a set of the other */
	gradus_load load;
	gradus_support support;
	int effort_min, effort_max; /* 0..10 */
	int rest_s;
	gradus_change change;
	const gradus_why *why; size_t n_why;
} gradus_item;

typedef struct {
	gradus_date date;
	int weekday;             /* 0 = Monday */
	const gradus_item *items; size_t n_items;
	int warmup_min, balance_min, cooldown_min;
	/* this week's balance exercises (they climb their ladder) */
	const gradus_exercise *const *balance; size_t n_balance;
	int minutes;             /* estimated length, rests included */
} gradus_session;

typedef struct {
	int number;              /* 1-based */
	const char *phase;
	bool deload;
	gradus_date start, end;
	const gradus_session *sessions; size_t n_sessions;
	int walking_min;         /* this week's walk, building toward the
	                            plan's walking_min [OTAGO]; 0 = none */
} gradus_week;

typedef struct {
	gradus_class cls;
	bool fall_risk_plus;
	bool from_mobility;      /* no SPPB: class guessed from mobility */
	const char *test_to_do;  /* the test that would give a better start */
	/* EWGSOP2 findings, information only (never a diagnosis) */
	bool low_strength, low_performance, severe, sarc_f_positive;
	const char *const *notes; size_t n_notes; /* plain sentences */
} gradus_assessment;

/* The easier and harder versions of one exercise of the plan that the
 * person's pages may name ("too hard? / too easy?"). Only versions the
 * person may do are named: the same checks as the plan's own exercises
 * (owned equipment, conditions and precautions, position for their
 * mobility, excluded ids, the level of their class). */
typedef struct {
	const gradus_exercise *exercise;
	const gradus_exercise *easier; /* the nearest easier version the person
	                                  may do (the next one down may not
	                                  be); NULL: none */
	const gradus_exercise *harder; /* the next harder version, if the
	                                  person may do it; NULL: none */
	bool harder_later;       /* the plan moves on to `harder` in a later
	                            week */
} gradus_versions;

typedef struct gradus_plan {
	const gradus_profile *profile;
	const gradus_template *template;
	const gradus_screening *screening;
	gradus_assessment assessment;
	int effort_cap;
	int sessions_per_week;
	unsigned days;           /* weekdays used (bit 0 = Monday) */
	int weeks_n;
	int first_week;          /* 1, or the week a resumed plan continues at */
	gradus_date start;
	const gradus_exercise *const *warmup; size_t n_warmup;
	const gradus_exercise *const *balance; size_t n_balance;
	const gradus_exercise *const *cooldown; size_t n_cooldown;
	int walking_min, walking_days;
	const char *protein;     /* plain-language protein advice */
	const char *const *advice; size_t n_advice;   /* safety and how-to lines */
	const char *const *warnings; size_t n_warnings; /* for the therapist */
	const gradus_why *why; size_t n_why;          /* plan-level reasons */
	const gradus_week *weeks; size_t n_weeks;
	/* every exercise the weeks, warm-up, balance and cool-down use, in
	 * the order first used (a cut of the plan keeps the whole plan's) */
	const gradus_versions *versions; size_t n_versions;
} gradus_plan;

/* Continuing a plan from where the person really is (gradus review).
 * Each item names the exercise (variant) now in use and the dose to
 * start from; the generator checks it is still safe (an exercise that
 * no longer fits is replaced by its nearest usable easier variant, or
 * dropped with a warning), snaps the load to what is owned, and
 * progresses from there. */
typedef struct {
	const char *exercise_id;
	int sets;                /* >= 1 */
	int reps_min;            /* bottom of the rep window */
	gradus_support support;  /* GRADUS_SUPPORT_NA when not held */
	double load_kg;          /* ankle weight / dumbbell; else ignored */
	int band;                /* gradus_band, -1 when not a band */
	int machine_step;
	bool advance;            /* ready to progress (2-for-2): one step up
	                            in the first week */
	const char *why;         /* the review's reason, shown in the plan */
	const char *rule;        /* the review rule behind it ("RV-PAIN-DURING"),
	                            NULL: "R-REVIEW" */
	const char *source;      /* its source key(s); NULL: "D" */
} gradus_resume_item;

typedef struct {
	int week;                /* plan week the new plan starts at (>= 1):
	                            phase and lighter weeks continue from it */
	const gradus_resume_item *items; size_t n_items;
} gradus_resume;

typedef struct {
	gradus_date start;       /* overrides setup.start when set */
	int weeks;               /* overrides setup.weeks when > 0 */
	const char *template_id; /* overrides program.template when set */
	const gradus_resume *resume; /* NULL: a new plan */
} gradus_plan_options;

/* Generates a plan into *out. `out`, `p`, `cat` and `tpl` must not be
 * NULL; `s` must be the screening of `p` (tier at most precautions);
 * `opt` may be NULL (a new plan from the profile's own settings), and
 * `d` may be NULL (diagnostics dropped).
 *
 * On GRADUS_OK the plan is the caller's: free it with gradus_plan_free,
 * which frees everything the plan owns. It points into `p`, `s`, `cat`,
 * `tpl` and the strings of `opt->resume`, which must outlive it. On any
 * other result *out is NULL: GRADUS_EUSAGE (`s` NULL or gated, no start
 * date), GRADUS_EINVALID (no template or nothing fits) or GRADUS_ENOMEM,
 * with diagnostics. */
int gradus_plan_generate(gradus_plan **out, const gradus_profile *p,
			 const gradus_screening *s, const gradus_catalogue *cat,
			 const gradus_templates *tpl,
			 const gradus_plan_options *opt, gradus_diags *d);
/* gradus_plan_generate into the memory of a plan no longer wanted, for
 * a caller that makes many plans one after the other (gradus batch):
 * *plan is NULL (this is then gradus_plan_generate) or such a plan, made
 * by either function. Its arena is reset, not freed, and the new plan is
 * made in it: memory stays flat, and once it has grown to the size of
 * the largest plan, making one allocates nothing more. Everything the
 * old plan held is invalid from the call on; what it pointed to (its
 * profile, screening, options) need not exist any more.
 *
 * On GRADUS_OK *plan is the new plan, the caller's as with
 * gradus_plan_generate (it points into `p`, `s`, `cat`, `tpl` and the
 * strings of `opt->resume`). On any other result the old plan is freed
 * and *plan is NULL, with the results and diagnostics of
 * gradus_plan_generate. */
int gradus_plan_generate_reuse(gradus_plan **plan, const gradus_profile *p,
			       const gradus_screening *s,
			       const gradus_catalogue *cat,
			       const gradus_templates *tpl,
			       const gradus_plan_options *opt, gradus_diags *d);
/* Frees a plan made by gradus_plan_generate or
 * gradus_plan_generate_reuse; NULL is accepted. */
void gradus_plan_free(gradus_plan *plan);

/* The weeks `first` to `last` of a plan, cut from it (gradus plan
 * --week): *view becomes a copy of *plan whose `weeks` are only those
 * (their numbers kept, so a page still says "week 5 of 12"); everything
 * else - the profile, the exercises, weeks_n and first_week - is the
 * whole plan's. Nothing is planned anew: the weeks are the very ones of
 * the whole plan. The view points into `plan`, which must outlive it;
 * it owns nothing and must never be passed to gradus_plan_free. Returns
 * GRADUS_OK, or GRADUS_EUSAGE (NULL arguments, first > last, or a week
 * outside the plan's first_week .. first_week + n_weeks - 1), with
 * *view untouched. */
int gradus_plan_cut(gradus_plan *view, const gradus_plan *plan, int first,
		    int last);

/* The number of the last week of the whole plan: the "12" of "week 5 of
 * 12" (weeks_n + first_week - 1; the same for a cut view). */
int gradus_plan_last_week(const gradus_plan *plan);
/* The versions of `e` that the pages of `plan` may name; NULL when the
 * plan does not use `e`. */
const gradus_versions *gradus_plan_versions(const gradus_plan *plan,
					    const gradus_exercise *e);

/* Estimated minutes of one session, `s` not NULL (the same formula the
 * generator uses to fit `minutes`). */
int gradus_session_minutes(const gradus_session *s);

typedef enum {
	GRADUS_PLAN_TEXT,   /* 80 columns, one week per page (form feeds) */
	GRADUS_PLAN_JSON,   /* "format": "gradus-plan/2" (docs/schema/) */
	GRADUS_PLAN_HTML,   /* self-contained, printable, one week a page */
	GRADUS_PLAN_FHIR,   /* FHIR R4 Bundle (JSON) of type collection */
	GRADUS_PLAN_ICS,    /* RFC 5545 calendar of the sessions */
	GRADUS_PLAN_FHIR_TRANSACTION /* the same FHIR resources as a Bundle of
	                        type transaction, to post to a server */
} gradus_plan_format;

typedef struct {
	bool explain;            /* text: print the reasons behind each number */
	bool large_print;
	/* Pages printed before the plan (e.g. the progress summary of gradus
	 * review), made by the library: text for GRADUS_PLAN_TEXT, an HTML
	 * fragment (already escaped) for GRADUS_PLAN_HTML; NULL for none. */
	const char *preface_text;
	const char *preface_html;
	/* More reasons for the therapist's page, each with its rule and
	 * source (e.g. the changes gradus review made); n 0 for none. The
	 * person's pages never print rule ids or sources. */
	const gradus_why *therapist_why; size_t n_therapist_why;
} gradus_render_options;

/* Renders a plan (not NULL) into *out as a NUL-terminated string, and
 * its length (without the NUL) into *len when `len` is not NULL. It is
 * the caller's responsibility to free *out, with free(). `o` may be NULL
 * (no explanations, normal print, no preface). Returns GRADUS_OK;
 * GRADUS_EUSAGE (an unknown format) or GRADUS_ENOMEM, with *out NULL. */
int gradus_plan_render(char **out, size_t *len, const gradus_plan *plan,
		       gradus_plan_format f, const gradus_render_options *o);

/* The session log to fill in (`gradus log new`; docs/formats.md,
 * "Session log"): weeks `first` to `last` of the plan - each session's
 * date, each exercise's id with its dose as a comment, and blanks for
 * the reps, effort, pain, the next morning and the weekly red-flag
 * questions - as libconfig text into *out (NUL-terminated, its length
 * into *len when `len` is not NULL; free it with free()). Returns
 * GRADUS_OK; GRADUS_EUSAGE (NULL arguments, first > last, or no week of
 * the plan in that range) or GRADUS_ENOMEM, with *out NULL. */
int gradus_log_form(char **out, size_t *len, const gradus_plan *plan,
		    int first, int last);

/* The plan as gradus-plan/2 on one line, without layout: what
 * gradus_plan_render prints for GRADUS_PLAN_JSON with the spaces and line
 * ends between its tokens left out, and no newline at the end. For a
 * caller that renders many plans (gradus batch): the text is written at
 * offset `at` of *buf, a malloc'd buffer of *cap bytes that the caller
 * keeps from one plan to the next (NULL and 0 the first time), grown
 * with realloc when it is too small and never shrunk; what is before
 * `at` is kept. The caller frees *buf, with free(), when done. On
 * GRADUS_OK the text ends in a NUL at (*buf)[at + *len] (`len` may be
 * NULL); GRADUS_EUSAGE (NULL arguments, `at` beyond *cap) or
 * GRADUS_ENOMEM leave *buf and *cap valid, the text after `at`
 * undefined. */
int gradus_plan_render_compact(char **buf, size_t *cap, size_t at,
			       size_t *len, const gradus_plan *plan);

/* The one effort scale in words, for a top effort of 0..10 ("light",
 * "moderate", ...). A static string, never to be freed; never NULL. */
const char *gradus_effort_words(int effort_max);

#ifdef __cplusplus
}
#endif
#endif
