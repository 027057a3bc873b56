/* Internal to review/: what the run (review.c), the follow-up trigger
 * (followup.c) and the adaptation rules (adapt.c) share. review.c calls
 * the other two; they never call review.c, nor each other: what more
 * than one of them needs is here (the working state, small helpers) or
 * in adapt.c (what was asked and what was done, also read by the
 * history in review.c). */
#ifndef GRADUS_REVIEW_INT_H
#define GRADUS_REVIEW_INT_H

#include <stdbool.h>
#include <stdio.h>

#include "gradus/review.h"
#include "plan/dose.h"
#include "render/words.h"
#include "util/arena.h"

#define MAX_EX 24          /* distinct exercises followed through a log */
#define MAX_ADJ (2 * MAX_EX + 8)

typedef struct {
	gradus_review r;       /* first: the public part */
	arena a;
	gradus_profile prof;   /* the profile with the log's red flags */
	gradus_screening *screen; /* the re-screen (owned) */
	gradus_screening shown;   /* FOLLOW_UP and PAUSE: with their finding */
	gradus_plan *plan;
	gradus_resume resume;
} review_box;

/* ---- working state ---- */

/* One logged entry of an exercise, placed in its program week. */
typedef struct {
	const gradus_log_entry *e;
	const gradus_exercise *ex;
	gradus_date date;
	int week;
} logged;

/* What the plan asked of an exercise in a week. */
typedef struct {
	int sets, reps_min, reps_max, effort_max;
	gradus_load load;
	gradus_support support;
	bool from_plan;
} target;

typedef struct {
	review_box *b;
	arena *a;
	const gradus_profile *p;   /* the adjusted copy */
	const gradus_profile *orig;
	const gradus_log *log;
	const gradus_catalogue *cat;
	const gradus_templates *tpl;
	gradus_plan *ref;          /* the plan the log followed (regenerated) */
	const gradus_template *t;  /* its template (NULL without one) */
	int cap;                   /* its effort cap */
	long start_days;           /* plan_start */
	int last_session_week;     /* 0 when no session */
	gradus_adjustment adj[MAX_ADJ];
	size_t n_adj;
} rv_ctx;

/* An illness or a hospital stay in the week of the last session or
 * later, and the doctor's OK since (by NULL: none). */
typedef struct {
	int week;                /* 0: none */
	bool hospital;
	const char *by;
	gradus_date when;
	gradus_date late;        /* set: an OK dated after the new start */
} illness;

/* ---- small helpers ---- */

/* "18 Dec 2026" */
static inline const char *date_words(gradus_date d, char buf[24])
{
	snprintf(buf, 24, "%d %s %d", d.d, words_month_short[d.m - 1], d.y);
	return buf;
}

/* One change with its rule, reason and source (exercise NULL: the whole
 * plan). */
static inline void adjust(rv_ctx *c, const gradus_exercise *e, gradus_adjust_action act,
			  const char *rule, const char *reason, const char *source)
{
	if (c->n_adj == MAX_ADJ)
		return;
	c->adj[c->n_adj].exercise_id = e ? e->id : NULL;
	c->adj[c->n_adj].exercise = e;
	c->adj[c->n_adj].action = act;
	c->adj[c->n_adj].rule = rule;
	c->adj[c->n_adj].reason = reason;
	c->adj[c->n_adj].source = source;
	c->n_adj++;
}

/* Program weeks: week first_week is the 7 days from plan_start. */
static inline int week_of(const rv_ctx *c, gradus_date d)
{
	long days = gradus_date_days(d) - c->start_days;
	return c->log->first_week + (int)(days / 7);
}

static inline gradus_date week_start(const rv_ctx *c, int week)
{
	return gradus_date_from_days(c->start_days + 7L * (week - c->log->first_week));
}

static inline int min_reps(const gradus_log_entry *e)
{
	int m = e->reps[0];
	for (int i = 1; i < e->sets; i++)
		if (e->reps[i] < m)
			m = e->reps[i];
	return m;
}

static inline int max_reps(const gradus_log_entry *e)
{
	int m = e->reps[0];
	for (int i = 1; i < e->sets; i++)
		if (e->reps[i] > m)
			m = e->reps[i];
	return m;
}

/* ---- adapt.c ---- */

/* What the plan the log followed asked of `ex` in `week` (from_plan), or
 * else the phase's ranges and the lightest load. */
target rv_target_of(const rv_ctx *c, const gradus_exercise *ex, int week);
/* The load and support an entry was done with: as written, else as the
 * plan said. */
gradus_load rv_used_load(const logged *x, const target *t);
gradus_support rv_used_support(const logged *x, const target *t);
/* 4. The adaptation rules for the whole plan and each exercise, then the
 * new plan (docs/review.md). */
int rv_adapt(rv_ctx *c, const illness *ill, const gradus_review_options *o,
	     gradus_diags *d);

/* ---- followup.c ---- */

/* 2. FU-NO-PROGRESS: the reason when the follow-up rule fires, else
 * NULL (and maybe a note among the adjustments). */
const char *rv_follow_up(rv_ctx *c);

#endif
