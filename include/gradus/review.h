/*
 * gradus/review.h - from a session log to the next weeks of the plan
 * (what `gradus review PROFILE LOG` does; docs/review.md).
 *
 * gradus_review_run() works in a fixed order, safety first:
 *   1. re-screen: the red-flag answers of the log's weekly check-ins are
 *      put on top of the profile's (a yes in any week counts) and the
 *      profile is screened again; a tier above precautions stops here
 *      (GRADUS_REVIEW_GATED: the tier's exit code, no plan);
 *   2. follow-up: no gain, or a decline, in chair stand, grip or SPPB
 *      after 6 weeks or more at 70 % adherence or more, or SPPB down 2
 *      points at any time (rule FU-NO-PROGRESS, tier review): a "see your
 *      doctor" page instead of a plan (GRADUS_REVIEW_FOLLOW_UP);
 *   3. illness or a hospital stay not yet cleared by a doctor: pause
 *      (GRADUS_REVIEW_PAUSE, tier clearance) [OTAGO];
 *   4. otherwise the adaptation rules, for the whole plan (missed weeks)
 *      and for each exercise (pain, effort, 2-for-2), each change with
 *      its rule, reason and source; then the plan is generated again
 *      from where the person really is (gradus_plan_options.resume).
 * The review owns everything it points to, except the profile, log,
 * catalogue and templates it was made from, which must outlive it.
 */
#ifndef GRADUS_REVIEW_H
#define GRADUS_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "date.h"
#include "diag.h"
#include "log.h"
#include "plan.h"
#include "profile.h"
#include "screen.h"
#include "template.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	GRADUS_REVIEW_PLAN = 0,  /* the next weeks, adapted (exit 0) */
	GRADUS_REVIEW_GATED,     /* a warning sign in the log: the screening
	                            result (and referral sheet), no plan */
	GRADUS_REVIEW_FOLLOW_UP, /* FU-NO-PROGRESS: see your doctor (exit 12) */
	GRADUS_REVIEW_PAUSE      /* ill or in hospital, no clearance yet:
	                            pause (exit 11) */
} gradus_review_outcome;
/* "plan", ...: a static string, never to be freed; NULL out of range. */
const char *gradus_review_outcome_name(gradus_review_outcome o);

/* What happens to one exercise (or, with no exercise, the whole plan). */
typedef enum {
	GRADUS_ADJ_CONTINUE = 0, /* as in the last session */
	GRADUS_ADJ_PROGRESS,     /* one step up in the first week */
	GRADUS_ADJ_REPEAT,       /* the same again, nothing rises */
	GRADUS_ADJ_REDUCE,       /* a lighter load */
	GRADUS_ADJ_EASIER,       /* one step easier */
	GRADUS_ADJ_LEFT_OUT,     /* no easier step: left out */
	GRADUS_ADJ_WEEK,         /* a change of the program week (whole plan) */
	GRADUS_ADJ_NOTE          /* information for the therapist only */
} gradus_adjust_action;
/* "easier", ...: a static string, never to be freed; NULL out of range. */
const char *gradus_adjust_action_name(gradus_adjust_action a);

typedef struct {
	const char *exercise_id; /* NULL: a change to the whole plan */
	const gradus_exercise *exercise; /* NULL with exercise_id NULL */
	gradus_adjust_action action;
	const char *rule;        /* "RV-PAIN-DURING", ... (docs/review.md) */
	const char *reason;      /* plain words, with the log's numbers */
	const char *source;      /* source key(s), docs/sources.md; "D": our own choice */
} gradus_adjustment;

/* One program week of the log. */
typedef struct {
	int week;                /* program week number */
	gradus_date start, end;
	int planned;             /* sessions the plan had that week */
	int done;                /* sessions logged */
	bool ill, hospital;
	bool checked;            /* a check-in with red-flag answers */
} gradus_review_week;

/* A set of test results: the profile's (the baseline) or a re-test. */
typedef struct {
	gradus_measures values;
	bool from_profile;
} gradus_review_measure;

/* What one exercise was done with, in one program week (its heaviest
 * session; sets == 0: not done that week). */
typedef struct {
	bool not_planned;        /* sets == 0 and the plan did not have it
	                            that week (another version did, or it
	                            was written in): not a week missed */
	int sets;
	int reps_best;           /* most reps in a set */
	gradus_load load;        /* as written, or as the plan said */
	gradus_support support;
} gradus_review_dose;

typedef struct {
	const gradus_exercise *exercise;
	const gradus_review_dose *weeks; /* n_weeks, as gradus_review.weeks */
} gradus_review_history;

typedef struct gradus_review {
	gradus_review_outcome outcome;
	gradus_tier tier;        /* exit code: gradus_tier_exit_code(tier) */
	const gradus_profile *profile; /* the profile with the log's new
	                            red-flag answers (a copy the review owns) */
	const gradus_log *log;
	/* The screening: the re-screen, with FU-NO-PROGRESS or the pause
	 * finding added for those outcomes. */
	const gradus_screening *screening;
	const gradus_template *template; /* of the logged plan; NULL when
	                            it could not be made again (gated) */
	gradus_date plan_start;  /* day 1 of the logged plan */
	int first_week, last_week; /* program weeks the log covers */
	int new_red_flag_week;   /* gated: first week with a new yes, else 0 */
	int blank_check_in_week; /* first week whose warning-sign questions
	                            were left blank (unanswered: the
	                            re-screen is incomplete), else 0 */
	const gradus_review_week *weeks; size_t n_weeks;
	int done, planned;       /* sessions over all weeks */
	const gradus_review_measure *measures; size_t n_measures; /* date order */
	const gradus_review_history *history; size_t n_history;
	const gradus_adjustment *adjustments; size_t n_adjustments;
	const char *follow_up;   /* FOLLOW_UP and PAUSE: why, in plain words */
	/* What the log left blank and the review did not count (log->skipped),
	 * in plain words; NULL when nothing was left out. A session with
	 * nothing written in up to the last logged week is neither done nor
	 * missed: it is taken out of the week's planned sessions. */
	const char *not_counted;
	/* PLAN: how the new plan continues, and the plan itself. */
	const gradus_resume *resume;
	gradus_date start;
	int weeks_planned;
	const gradus_plan *plan; /* NULL unless outcome is PLAN */
} gradus_review;

typedef struct {
	gradus_date start;       /* first day of the new plan; unset: the day
	                            after the last logged week */
	int weeks;               /* > 0: weeks to plan; else the weeks left
	                            of setup.weeks (at least 4) */
} gradus_review_options;

/* Reviews `log` for the person of `p`. `out`, `p`, `log`, `cat` and
 * `tpl` must not be NULL (else GRADUS_EUSAGE); `o` may be NULL (the
 * defaults above), `d` too (diagnostics dropped). Returns GRADUS_OK for
 * every outcome (gated, follow-up and pause included); GRADUS_EINVALID
 * when the log does not fit the profile or the catalogue (diagnostics
 * name the log's lines), GRADUS_EUSAGE when no start date is known or
 * the new start is not after the last logged session, GRADUS_ENOMEM;
 * on any of those *out is NULL.
 * On GRADUS_OK the review is the caller's: free it with
 * gradus_review_free (accepts NULL), which frees its screening, plan
 * and profile copy too. */
int gradus_review_run(gradus_review **out, const gradus_profile *p,
		      const gradus_log *log, const gradus_catalogue *cat,
		      const gradus_templates *tpl,
		      const gradus_review_options *o, gradus_diags *d);
void gradus_review_free(gradus_review *r);

/* Renders a review into *out as a NUL-terminated string, and its length
 * into *len when `len` is not NULL. It is the caller's responsibility to
 * free *out, with free(). Returns GRADUS_OK; GRADUS_EUSAGE (`out` or `r`
 * NULL, an unknown format) or GRADUS_ENOMEM, with *out NULL. By outcome:
 *  - PLAN: text and HTML print the progress summary and the changes
 *    before the plan (render options preface_text/preface_html); JSON is
 *    {"format": "gradus-review/1", ..., "plan": {gradus-plan/2}}; FHIR
 *    and ICS are the plan only;
 *  - GATED: what `gradus plan` prints for a gated profile (JSON: the
 *    review object with "screening");
 *  - FOLLOW_UP and PAUSE: the doctor page and the progress summary (text
 *    and HTML); JSON the review object; FHIR and ICS the screening with
 *    its finding.
 * Only `explain` and `large_print` of `o` are used; `o` may be NULL. */
int gradus_review_render(char **out, size_t *len, const gradus_review *r,
			 gradus_plan_format f, const gradus_render_options *o);

#ifdef __cplusplus
}
#endif
#endif
