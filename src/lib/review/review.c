/* The review of a session log (docs/review.md): re-screen, follow-up
 * trigger, the adaptation rules (pain, effort, missed weeks, 2-for-2),
 * and the plan generated again from where the person really is. Phases,
 * the rep window, lighter weeks, owned loads and the load-step rule are
 * the generator's own (dose.h): a plan and its review count alike. */
#include "gradus/review.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "plan/dose.h"
#include "render/words.h"
#include "util/util.h"

#define MAX_EX 24          /* distinct exercises followed through a log */
#define MAX_ADJ (2 * MAX_EX + 8)
#define MAX_LOG_WEEKS 104  /* program weeks a log may span */
/* The follow-up trigger: the weeks and the adherence are our choice (D);
 * the meaningful changes are in follow_kinds[] below. */
#define DAYS_FOLLOW_UP 42  /* 6 weeks of training before a re-test counts */
#define ADHERENCE_FOLLOW_UP 70 /* per cent of planned sessions done */
#define SPPB_DROP 2        /* SPPB points down at any time (D) */
#define PAIN_LIMIT 5       /* pain during above this: easier [PAIN] */
#define EFFORT_TOO_HARD 9  /* effort at or above: hold or reduce (D) */
#define REPS_SHORT 2       /* reps short of the window's bottom (D) */
#define MIN_NEW_WEEKS 4    /* weeks planned when setup.weeks are used up:
                              our choice (D), a month at a time */

typedef struct {
	gradus_review r;       /* first: the public part */
	arena a;
	gradus_profile prof;   /* the profile with the log's red flags */
	gradus_screening *screen; /* the re-screen (owned) */
	gradus_screening shown;   /* FOLLOW_UP and PAUSE: with their finding */
	gradus_plan *plan;
	gradus_resume resume;
} review_box;

static const char *const outcome_names[] = {"plan", "gated", "follow_up",
					    "pause"};
const char *gradus_review_outcome_name(gradus_review_outcome o)
{
	return (unsigned)o < COUNT(outcome_names) ? outcome_names[o] : NULL;
}

static const char *const action_names[] = {"continue", "progress", "repeat",
					   "reduce",   "easier",   "left_out",
					   "week",     "note"};
const char *gradus_adjust_action_name(gradus_adjust_action a)
{
	return (unsigned)a < COUNT(action_names) ? action_names[a] : NULL;
}

/* Not in the screening rule table (screen.c): the pause after an
 * illness belongs to the review of a log. */
static const gradus_rule illness_pause = {
	.id = "RV-ILLNESS-PAUSE",
	.tier = GRADUS_TIER_CLEARANCE,
	.summary = "Session logs only: ill or in hospital during the plan, and no doctor has yet said exercise can start again.",
	.person = "You were ill or in hospital. Rest from the exercises until your doctor says you can start again; gradus then restarts you at an easier level.",
	.clinician = "Illness or hospital stay during the plan: exercise paused; please advise when it may restart (it restarts one level lower).",
	.source = "OTAGO",
};

/* ---- small helpers ---- */

/* "Fri 18 Dec" */
static const char *day_words(gradus_date d, char buf[24])
{
	snprintf(buf, 24, "%s %d %s", words_day_short[gradus_date_weekday(d)], d.d,
		 words_month_short[d.m - 1]);
	return buf;
}

/* "18 Dec 2026" */
static const char *date_words(gradus_date d, char buf[24])
{
	snprintf(buf, 24, "%d %s %d", d.d, words_month_short[d.m - 1], d.y);
	return buf;
}

static const char *plural(int n)
{
	return n == 1 ? "" : "s";
}

/* ---- the template's phases and the loads owned: dose.h ---- */

static const gradus_phase *phase_of(const gradus_template *t, int week)
{
	return &t->phases[dose_phase_index(t, week)];
}

static bool weight_kind(gradus_load_kind k)
{
	return k == GRADUS_LOAD_ANKLE_WEIGHT || k == GRADUS_LOAD_DUMBBELL;
}

/* The lightest load of the exercise's kind the person owns. */
static gradus_load lightest(const gradus_profile *p, const gradus_exercise *e)
{
	dose_owned o;
	dose_owned_for(p, e->load, &o);
	return dose_load_at(&o, e->load, 0);
}

static bool same_load(const gradus_load *a, const gradus_load *b)
{
	return a->kind == b->kind && fabs(a->kg - b->kg) < 1e-9 &&
	       a->band == b->band && a->machine_step == b->machine_step;
}

/* "0.5 kg", "red band", "machine step 2"; "" for body weight */
static const char *load_words(const gradus_load *l, char buf[40])
{
	buf[0] = '\0';
	if (weight_kind(l->kind))
		snprintf(buf, 40, "%g kg", l->kg);
	else if (l->kind == GRADUS_LOAD_BAND && l->band >= 0)
		snprintf(buf, 40, "%s band", gradus_band_name((gradus_band)l->band));
	else if (l->kind == GRADUS_LOAD_MACHINE)
		snprintf(buf, 40, "machine step %d", l->machine_step);
	return buf;
}

static const char *support_words(gradus_support s)
{
	switch (s) {
	case GRADUS_SUPPORT_TWO_HANDS: return "holding on with both hands";
	case GRADUS_SUPPORT_ONE_HAND: return "holding on with one hand";
	case GRADUS_SUPPORT_FINGERTIPS: return "fingertips on the support";
	case GRADUS_SUPPORT_NONE: return "no hands";
	default: return "";
	}
}

/* ---- working state ---- */

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

/* The dose an exercise continues from. */
typedef struct {
	const gradus_exercise *ex;
	int sets, reps_min;
	gradus_support support;
	gradus_load load;
} rdose;

/* One exercise followed through the log (the latest variant of a
 * ladder). */
typedef struct {
	const gradus_exercise *ex;
	logged v[64];            /* its last 64 entries, date order */
	size_t n;
	int first_seen;
} track;

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
} ctx;

static void adjust(ctx *c, const gradus_exercise *e, gradus_adjust_action act,
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

static int week_of(const ctx *c, gradus_date d)
{
	long days = gradus_date_days(d) - c->start_days;
	return c->log->first_week + (int)(days / 7);
}

static gradus_date week_start(const ctx *c, int week)
{
	return gradus_date_from_days(c->start_days + 7L * (week - c->log->first_week));
}

static const gradus_item *ref_item(const ctx *c, int week, const gradus_exercise *ex)
{
	if (!c->ref)
		return NULL;
	for (size_t w = 0; w < c->ref->n_weeks; w++) {
		const gradus_week *wk = &c->ref->weeks[w];
		if (wk->number != week || !wk->n_sessions)
			continue;
		for (size_t i = 0; i < wk->sessions[0].n_items; i++)
			if (strcmp(wk->sessions[0].items[i].exercise->id, ex->id) == 0)
				return &wk->sessions[0].items[i];
	}
	return NULL;
}

static target target_of(const ctx *c, const gradus_exercise *ex, int week)
{
	const gradus_item *it = ref_item(c, week, ex);
	target t;
	if (it) {
		t.sets = it->sets;
		t.reps_min = it->reps_min;
		t.reps_max = it->reps_max;
		t.effort_max = it->effort_max;
		t.load = it->load;
		t.support = it->support;
		t.from_plan = true;
		return t;
	}
	/* not in the plan that week: the phase's ranges (the top of the
	 * phase's rep range: harder to reach, so conservative) */
	const gradus_phase *ph = phase_of(c->t, week);
	t.sets = ph->sets_min;
	t.reps_min = ph->reps_min;
	t.reps_max = ph->reps_max;
	t.effort_max = ph->rpe_max < c->cap ? ph->rpe_max : c->cap;
	t.load = lightest(c->p, ex);
	t.support = ex->supported ? GRADUS_SUPPORT_TWO_HANDS : GRADUS_SUPPORT_NA;
	t.from_plan = false;
	return t;
}

/* The load and support an entry was done with: as written, else as the
 * plan said. */
static gradus_load used_load(const logged *x, const target *t)
{
	gradus_load l = t->load;
	l.kind = x->ex->load;
	if (weight_kind(l.kind) && !isnan(x->e->load_kg))
		l.kg = x->e->load_kg;
	if (l.kind == GRADUS_LOAD_BAND && x->e->band >= 0)
		l.band = x->e->band;
	if (l.kind == GRADUS_LOAD_MACHINE && x->e->machine_step >= 0)
		l.machine_step = x->e->machine_step;
	return l;
}

static gradus_support used_support(const logged *x, const target *t)
{
	if (!x->ex->supported)
		return GRADUS_SUPPORT_NA;
	if (x->e->support != GRADUS_SUPPORT_NA)
		return x->e->support;
	return t->support != GRADUS_SUPPORT_NA ? t->support : GRADUS_SUPPORT_TWO_HANDS;
}

static int min_reps(const gradus_log_entry *e)
{
	int m = e->reps[0];
	for (int i = 1; i < e->sets; i++)
		if (e->reps[i] < m)
			m = e->reps[i];
	return m;
}

static int max_reps(const gradus_log_entry *e)
{
	int m = e->reps[0];
	for (int i = 1; i < e->sets; i++)
		if (e->reps[i] > m)
			m = e->reps[i];
	return m;
}

static bool ref_deload(const ctx *c, int week)
{
	if (c->ref)
		for (size_t w = 0; w < c->ref->n_weeks; w++)
			if (c->ref->weeks[w].number == week)
				return c->ref->weeks[w].deload;
	return false;
}

static rdose used_dose(const ctx *c, const logged *x)
{
	target t = target_of(c, x->ex, x->week);
	rdose d;
	d.ex = x->ex;
	d.sets = x->e->sets;
	/* sets done beyond the plan's are not taken over: the generator
	 * builds sets one at a time, within the session's minutes (D) */
	if (t.from_plan && d.sets > t.sets)
		d.sets = t.sets;
	if (t.from_plan && ref_deload(c, x->week) && x->week > c->log->first_week) {
		/* a lighter week is not a step back: the training dose of
		 * the week before */
		target tb = target_of(c, x->ex, x->week - 1);
		if (tb.from_plan) {
			t.reps_min = tb.reps_min;
			d.sets = tb.sets;
		}
	}
	if (t.from_plan)
		d.reps_min = t.reps_min;
	else {
		/* continue from the reps done, within the phase */
		const gradus_phase *ph = phase_of(c->t, x->week);
		int r = min_reps(x->e);
		d.reps_min = r < ph->reps_min ? ph->reps_min
			: r > dose_reps_top_lo(ph) ? dose_reps_top_lo(ph) : r;
	}
	d.support = used_support(x, &t);
	d.load = used_load(x, &t);
	return d;
}

/* "1 set of 10 to 12, 0.5 kg, holding on with both hands" */
static const char *dose_words(arena *a, const rdose *d, const gradus_phase *ph)
{
	char lw[40];
	int hi = dose_reps_hi(d->reps_min, ph);
	load_words(&d->load, lw);
	return arena_printf(a, "%d set%s of %d to %d%s%s%s%s", d->sets, plural(d->sets),
		   d->reps_min, hi, lw[0] ? ", " : "", lw,
		   d->support != GRADUS_SUPPORT_NA ? ", " : "",
		   support_words(d->support));
}

/* One owned load step down (weights and bands as owned, lightest first;
 * one machine step): the generator's own list (dose.h). */
static bool lower_load(const gradus_profile *p, gradus_load *l)
{
	dose_owned o;
	int i;
	dose_owned_for(p, l->kind, &o);
	if (o.n == 0)
		return false;
	i = dose_load_index(&o, l);
	if (i == 0)
		return false;
	*l = dose_load_at(&o, l->kind, i - 1);
	return true;
}

/* The easier version of the exercise, started gently: the phase's first
 * sets and reps, two hands, the lightest load. */
static bool easier_version(const ctx *c, rdose *d, const gradus_phase *ph,
			   const char **what)
{
	const gradus_exercise *e = d->ex->easier;
	if (!e)
		return false;
	*what = arena_printf(c->a, "the easier version, \"%s\", started gently", e->name);
	d->ex = e;
	d->sets = ph->sets_min;
	d->reps_min = ph->reps_min;
	d->support = e->supported ? GRADUS_SUPPORT_TWO_HANDS : GRADUS_SUPPORT_NA;
	d->load = lightest(c->p, e);
	return true;
}

/* One step easier. weight_first (pain during, our choice D on top of
 * [PAIN]): the added weight comes off first: one owned load step
 * lighter, else the easier version (for body weight, or below the
 * lightest weight: the version without it); only then more support, one
 * set fewer, fewer reps. Otherwise (pain the next morning twice, after
 * an illness) [OTAGO, VIVI]: a lighter load, more support, one set
 * fewer, fewer reps (one rep step of the generator, 3), then the easier
 * version. Writes what changed in `what`; false when there is no easier
 * step. */
static bool one_step_easier(const ctx *c, rdose *d, const gradus_phase *ph,
			    bool weight_first, const char **what)
{
	char before[40], after[40];
	gradus_load l = d->load;
	if (lower_load(c->p, &l)) {
		load_words(&d->load, before);
		load_words(&l, after);
		*what = arena_printf(c->a, "a lighter load: %s instead of %s", after, before);
		d->load = l;
		return true;
	}
	if (weight_first && easier_version(c, d, ph, what))
		return true;
	if (d->support > GRADUS_SUPPORT_TWO_HANDS) {
		d->support--;
		*what = arena_printf(c->a, "more support: %s", support_words(d->support));
		return true;
	}
	if (d->sets > 1) {
		d->sets--;
		*what = arena_printf(c->a, "one set fewer: %d instead of %d", d->sets, d->sets + 1);
		return true;
	}
	if (d->reps_min > ph->reps_min) {
		/* the reverse of one rep step of the generator (2 or 3 reps:
		 * 13-15 back to 10-12) */
		int from = d->reps_min;
		d->reps_min = from - (DOSE_WINDOW + 1) > ph->reps_min ? from - (DOSE_WINDOW + 1)
								  : ph->reps_min;
		*what = arena_printf(c->a, "fewer reps: %d to %d instead of %d to %d", d->reps_min,
			    dose_reps_hi(d->reps_min, ph), from, dose_reps_hi(from, ph));
		return true;
	}
	return !weight_first && easier_version(c, d, ph, what);
}

static bool same_ladder(const gradus_exercise *a, const gradus_exercise *b)
{
	for (const gradus_exercise *x = a; x; x = x->harder)
		if (x == b)
			return true;
	for (const gradus_exercise *x = a->easier; x; x = x->easier)
		if (x == b)
			return true;
	return false;
}

/* ---- checks that need the profile ---- */

static int place_sessions(ctx *c, gradus_diags *d)
{
	const gradus_log *log = c->log;
	int errors = 0;
	char ds[11];

	for (size_t i = 0; i < log->n_sessions; i++) {
		const gradus_log_session *s = &log->sessions[i];
		long days = gradus_date_days(s->date) - c->start_days;
		gradus_date_format(s->date, ds);
		if (days < 0) {
			char ps[11];
			gradus_date_format(c->b->r.plan_start, ps);
			gradus_diags_add(d, GRADUS_SEV_ERROR, log->file, s->line,
					 "session on %s is before the plan started (%s)", ds, ps);
			errors++;
		} else if (log->first_week + days / 7 > MAX_LOG_WEEKS) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, log->file, s->line,
					 "session on %s is more than %d weeks after the plan started",
					 ds, MAX_LOG_WEEKS);
			errors++;
		}
		for (size_t k = 0; k < s->n_entries; k++) {
			const gradus_log_entry *e = &s->entries[k];
			if (!gradus_catalogue_find(c->cat, e->id)) {
				gradus_diags_add(d, GRADUS_SEV_ERROR, log->file, e->line,
						 "'%s' is not in the catalogue", e->id);
				errors++;
			}
		}
	}
	return errors ? GRADUS_EINVALID : GRADUS_OK;
}

/* ---- the reference plan: what the log followed ---- */

static int reference_plan(ctx *c, int last_week, gradus_diags *d)
{
	gradus_screening *s0 = NULL;
	gradus_diags *scratch = gradus_diags_new();
	gradus_resume_item items[MAX_EX];
	gradus_resume res = {c->log->first_week, items, 0};
	gradus_plan_options po = {c->b->r.plan_start, 0, NULL, NULL};
	int span = last_week - c->log->first_week + 1;
	int rc;

	if (!scratch)
		return GRADUS_ENOMEM;
	po.weeks = c->orig->weeks_planned > span ? c->orig->weeks_planned : span;
	if (po.weeks > 52)
		po.weeks = 52;
	if (c->log->first_week > 1) {
		/* a reviewed plan: started from the first logged dose of each
		 * exercise (an approximation of the earlier review) */
		for (size_t i = 0; i < c->log->n_sessions && res.n_items < MAX_EX; i++)
			for (size_t k = 0; k < c->log->sessions[i].n_entries && res.n_items < MAX_EX; k++) {
				const gradus_log_entry *e = &c->log->sessions[i].entries[k];
				bool seen = false;
				for (size_t j = 0; j < res.n_items; j++)
					seen |= strcmp(items[j].exercise_id, e->id) == 0;
				if (seen)
					continue;
				items[res.n_items] = (gradus_resume_item){
					e->id, e->sets, min_reps(e), e->support,
					isnan(e->load_kg) ? 0.0 : e->load_kg, e->band,
					e->machine_step > 0 ? e->machine_step : 0, false, NULL,
					NULL, NULL};
				res.n_items++;
			}
		if (res.n_items)
			po.resume = &res;
	}
	/* the plan as it was made: the profile as it was, screened as of
	 * the start of the logged plan */
	rc = gradus_screen(&s0, c->orig, c->b->r.plan_start, scratch);
	if (rc == GRADUS_OK && s0->tier <= GRADUS_TIER_PRECAUTIONS)
		rc = gradus_plan_generate(&c->ref, c->orig, s0, c->cat, c->tpl, &po, scratch);
	else
		rc = GRADUS_EUSAGE;
	if (rc != GRADUS_OK && c->b->screen->tier <= GRADUS_TIER_PRECAUTIONS) {
		/* screened as of today instead (the earlier start was gated:
		 * the person was cleared since) */
		gradus_diags_clear(scratch);
		rc = gradus_plan_generate(&c->ref, c->p, c->b->screen, c->cat,
					  c->tpl, &po, d);
	}
	gradus_screening_free(s0);
	gradus_diags_free(scratch);
	if (rc == GRADUS_OK) {
		c->t = c->ref->template;
		c->b->r.template = c->t;
		c->cap = c->ref->effort_cap;
	}
	return rc;
}

/* ---- weeks, measures, history ---- */

static void build_weeks(ctx *c, int last_week, gradus_date new_start)
{
	gradus_review *r = &c->b->r;
	const gradus_log *log = c->log;
	int n = last_week - log->first_week + 1;
	gradus_review_week *ws = arena_alloc(c->a, (size_t)(n > 0 ? n : 1) * sizeof(*ws));
	long stop = gradus_date_days(new_start);
	int guess = 0;

	if (!ws)
		return;
	for (int i = 0; i < 7; i++)
		guess += (c->p->days >> i) & 1u;
	if (c->p->sessions_per_week > 0 && c->p->sessions_per_week < guess)
		guess = c->p->sessions_per_week;
	if (guess > 3)
		guess = 3;
	for (int i = 0; i < n; i++) {
		gradus_review_week *w = &ws[i];
		w->week = log->first_week + i;
		w->start = week_start(c, w->week);
		w->end = gradus_date_add(w->start, 6);
		w->planned = -1;
		if (c->ref)
			for (size_t k = 0; k < c->ref->n_weeks; k++)
				if (c->ref->weeks[k].number == w->week) {
					w->planned = 0;
					for (size_t j = 0; j < c->ref->weeks[k].n_sessions; j++)
						w->planned += gradus_date_days(c->ref->weeks[k].sessions[j].date) < stop;
				}
		if (w->planned < 0)
			w->planned = guess; /* no plan to count from: the days */
		for (size_t j = 0; j < log->n_sessions; j++)
			w->done += week_of(c, log->sessions[j].date) == w->week;
		for (size_t j = 0; j < log->n_weeks; j++)
			if (log->weeks[j].week == w->week) {
				w->ill = log->weeks[j].ill;
				w->hospital = log->weeks[j].hospital;
				for (int f = 0; f < GRADUS_RF__COUNT; f++)
					w->checked |= log->weeks[j].red_flags[f] != GRADUS_ANSWER_MISSING;
			}
		r->done += w->done < w->planned ? w->done : w->planned;
		r->planned += w->planned;
	}
	r->weeks = ws;
	r->n_weeks = (size_t)n;
}

static bool any_measure(const gradus_measures *m)
{
	return !isnan(m->grip_kg) || !isnan(m->chair_stand_5x_s) ||
	       m->chair_stand_30s >= 0 || !isnan(m->gait_speed_m_s) ||
	       !isnan(m->tug_s) || m->sppb >= 0 || m->sarc_f >= 0;
}

static void build_measures(ctx *c)
{
	gradus_review *r = &c->b->r;
	size_t n = 0;
	gradus_review_measure *ms = arena_alloc(c->a, (c->log->n_measures + 1) * sizeof(*ms));
	if (!ms)
		return;
	if (c->orig->has_measures && any_measure(&c->orig->measures)) {
		ms[n].values = c->orig->measures;
		ms[n].from_profile = true;
		n++;
	}
	for (size_t i = 0; i < c->log->n_measures; i++) {
		ms[n].values = c->log->measures[i].values;
		ms[n].from_profile = false;
		n++;
	}
	r->measures = ms;
	r->n_measures = n;
}

static void build_history(ctx *c)
{
	gradus_review *r = &c->b->r;
	const gradus_log *log = c->log;
	const gradus_exercise *ids[MAX_EX];
	size_t n = 0;
	gradus_review_history *h;

	for (size_t i = 0; i < log->n_sessions; i++)
		for (size_t k = 0; k < log->sessions[i].n_entries && n < MAX_EX; k++) {
			const gradus_exercise *e = gradus_catalogue_find(c->cat, log->sessions[i].entries[k].id);
			bool seen = false;
			for (size_t j = 0; j < n; j++)
				seen |= ids[j] == e;
			if (e && !seen)
				ids[n++] = e;
		}
	h = arena_alloc(c->a, (n ? n : 1) * sizeof(*h));
	if (!h)
		return;
	for (size_t j = 0; j < n; j++) {
		gradus_review_dose *dw = arena_alloc(c->a, (r->n_weeks ? r->n_weeks : 1) * sizeof(*dw));
		if (!dw)
			return;
		h[j].exercise = ids[j];
		h[j].weeks = dw;
		for (size_t i = 0; i < log->n_sessions; i++) {
			const gradus_log_session *s = &log->sessions[i];
			int w = week_of(c, s->date) - log->first_week;
			if (w < 0 || (size_t)w >= r->n_weeks)
				continue;
			for (size_t k = 0; k < s->n_entries; k++) {
				logged x = {&s->entries[k], ids[j], s->date, w + log->first_week};
				target t;
				if (strcmp(s->entries[k].id, ids[j]->id) != 0)
					continue;
				/* the week's last session stands for the week */
				t = target_of(c, ids[j], x.week);
				dw[w].sets = x.e->sets;
				dw[w].reps_best = max_reps(x.e);
				dw[w].load = used_load(&x, &t);
				dw[w].support = used_support(&x, &t);
			}
		}
	}
	r->history = h;
	r->n_history = n;
}

/* ---- follow-up: FU-NO-PROGRESS ---- */

typedef struct {
	const char *name, *unit;
	bool lower_better;
	int digits;
	double meaningful;  /* the smallest change that is not test noise */
} measure_kind;

/* The meaningful-change table: a smaller change is test noise, neither
 * better nor worse. SPPB 1 point and gait speed 0.1 m/s [PERERA2006],
 * grip 5 kg [BOHANNON2019], five chair stands 2.5 s [GOLDBERG2012].
 * Chair stands in 30 s and TUG have no row: shown, not judged (D). */
static const measure_kind follow_kinds[4] = {
	{"5 chair stands", "s", true, 1, 2.5},
	{"gait speed", "m/s", false, 2, 0.1},
	{"grip", "kg", false, 1, 5.0},
	{"SPPB", "of 12", false, 0, 1.0},
};

static double measure_value(const gradus_measures *m, int k)
{
	switch (k) {
	case 0: return m->chair_stand_5x_s;
	case 1: return m->gait_speed_m_s;
	case 2: return m->grip_kg;
	default: return m->sppb >= 0 ? m->sppb : NAN;
	}
}

static bool load_above(const gradus_load *a, const gradus_load *b)
{
	return a->kind == b->kind &&
	       (weight_kind(a->kind) ? a->kg > b->kg + 1e-9
		: a->kind == GRADUS_LOAD_BAND ? a->band > b->band
		: a->kind == GRADUS_LOAD_MACHINE && a->machine_step > b->machine_step);
}

/* Did the load rise in the weeks before `before` (days): a heavier
 * weight, band or machine step, or a harder version, in the plan the log
 * followed or in the log itself? */
static bool load_rose(const ctx *c, long before)
{
	const gradus_review *r = &c->b->r;
	if (c->ref)
		for (size_t w = 0; w < c->ref->n_weeks; w++) {
			const gradus_week *wk = &c->ref->weeks[w];
			if (wk->number < c->log->first_week || wk->number > r->last_week ||
			    gradus_date_days(week_start(c, wk->number)) >= before)
				continue;
			for (size_t s = 0; s < wk->n_sessions; s++)
				for (size_t i = 0; i < wk->sessions[s].n_items; i++) {
					gradus_change ch = wk->sessions[s].items[i].change;
					if (ch == GRADUS_CHANGE_LOAD || ch == GRADUS_CHANGE_VARIANT)
						return true;
				}
		}
	for (size_t j = 0; j < r->n_history; j++) {
		const gradus_review_history *h = &r->history[j];
		const gradus_load *seen = NULL;
		for (size_t w = 0; w < r->n_weeks; w++) {
			if (h->weeks[w].sets <= 0 ||
			    gradus_date_days(r->weeks[w].start) >= before)
				continue;
			if (seen && load_above(&h->weeks[w].load, seen))
				return true;
			seen = &h->weeks[w].load;
		}
		/* a harder version taken up after an easier one */
		for (size_t k = 0; k < r->n_history; k++)
			for (const gradus_exercise *e = h->exercise->harder; e && k != j; e = e->harder)
				if (e == r->history[k].exercise)
					return true;
	}
	return false;
}

/* The baseline of each test: the profile's measures (dated by
 * measures.date, else plan_start); a test the profile lacks takes its
 * first result in the log. */
typedef struct {
	double v[4];
	gradus_date date[4];
} baseline;

static void baselines(const ctx *c, baseline *base)
{
	const gradus_log *log = c->log;
	for (int k = 0; k < 4; k++) {
		base->v[k] = NAN;
		base->date[k] = c->b->r.plan_start;
		if (c->orig->has_measures && !isnan(measure_value(&c->orig->measures, k))) {
			base->v[k] = measure_value(&c->orig->measures, k);
			if (gradus_date_is_set(c->orig->measures.date))
				base->date[k] = c->orig->measures.date;
		} else
			for (size_t i = 0; i < log->n_measures; i++)
				if (!isnan(measure_value(&log->measures[i].values, k))) {
					base->v[k] = measure_value(&log->measures[i].values, k);
					base->date[k] = log->measures[i].values.date;
					break;
				}
	}
}

/* A decline of 2 SPPB points or more at any time: the reason, or NULL. */
static const char *sppb_fell(ctx *c, const baseline *base)
{
	const gradus_log *log = c->log;
	char d1[24], d2[24];
	for (size_t i = 0; i < log->n_measures; i++) {
		const gradus_measures *m = &log->measures[i].values;
		if (m->sppb >= 0 && !isnan(base->v[3]) &&
		    gradus_date_days(m->date) > gradus_date_days(base->date[3]) &&
		    m->sppb <= base->v[3] - SPPB_DROP)
			return arena_printf(c->a, "The SPPB score fell from %.0f on %s to %d on %s: a fall of %d points or more needs a doctor at any time.",
					    base->v[3], date_words(base->date[3], d1), m->sppb,
					    date_words(m->date, d2), SPPB_DROP);
	}
	return NULL;
}

/* The latest re-test after 6 weeks or more of training, or NULL. */
static const gradus_log_measure *latest_retest(const ctx *c, long prog_start)
{
	const gradus_log *log = c->log;
	for (size_t i = log->n_measures; i-- > 0;) {
		const gradus_measures *m = &log->measures[i].values;
		bool has = false;
		for (int k = 0; k < 4; k++)
			has |= !isnan(measure_value(m, k));
		if (has && gradus_date_days(m->date) - prog_start >= DAYS_FOLLOW_UP)
			return &log->measures[i];
	}
	return NULL;
}

/* A re-test against the baselines: the tests in words, and how many
 * were compared, better and worse. */
typedef struct {
	char what[600];
	int better, worse, compared;
} comparison;

/* Each test of the re-test against its baseline, in `what` ("grip 18.0
 * kg to 18.5 kg (within test noise); ..."); a change smaller than the
 * meaningful one is test noise. */
static void compare_tests(const baseline *base, const gradus_measures *re,
			  comparison *cmp)
{
	long re_days = gradus_date_days(re->date);
	size_t at = 0;
	cmp->what[0] = '\0';
	cmp->better = cmp->worse = cmp->compared = 0;
	for (int k = 0; k < 4; k++) {
		double now = measure_value(re, k);
		if (isnan(now) || isnan(base->v[k]) ||
		    gradus_date_days(base->date[k]) >= re_days)
			continue;
		const measure_kind *mk = &follow_kinds[k];
		const char *word;
		cmp->compared++;
		if (now == base->v[k])
			word = "no change";
		else if (fabs(now - base->v[k]) < mk->meaningful - 1e-9)
			word = "within test noise";
		else if ((now < base->v[k]) == mk->lower_better) {
			cmp->better++;
			word = mk->lower_better ? "faster, better" : "better";
		} else {
			cmp->worse++;
			word = mk->lower_better ? "slower, worse" : "worse";
		}
		int w = snprintf(cmp->what + at, sizeof(cmp->what) - at, "%s%s %.*f%s%s to %.*f%s%s (%s)",
				 at ? "; " : "", mk->name, mk->digits, base->v[k],
				 mk->unit[0] ? " " : "", mk->unit, mk->digits, now,
				 mk->unit[0] ? " " : "", mk->unit, word);
		if (w > 0 && (size_t)w < sizeof(cmp->what) - at)
			at += (size_t)w;
	}
}

/* Returns the reason (arena text) when the follow-up rule fires, else
 * NULL; adds a note when a re-test shows no gain but no load rose or too
 * few sessions were done for the rule to apply. */
static const char *follow_up(ctx *c)
{
	const gradus_review *r = &c->b->r;
	long prog_start = c->start_days - 7L * (c->log->first_week - 1);
	const gradus_log_measure *re;
	const char *why;
	baseline base;
	comparison cmp;
	char d1[24];
	int done = 0, planned = 0;

	baselines(c, &base);
	if ((why = sppb_fell(c, &base)) != NULL)
		return why;
	if (!(re = latest_retest(c, prog_start)))
		return NULL;
	long re_days = gradus_date_days(re->values.date);
	/* adherence: the logged weeks that began before the re-test */
	for (size_t i = 0; i < r->n_weeks; i++)
		if (gradus_date_days(r->weeks[i].start) < re_days) {
			done += r->weeks[i].done < r->weeks[i].planned ? r->weeks[i].done : r->weeks[i].planned;
			planned += r->weeks[i].planned;
		}
	compare_tests(&base, &re->values, &cmp);
	if (!cmp.compared)
		return NULL;
	int weeks = (int)((re_days - prog_start) / 7);
	int pct = planned ? (int)((done * 100L + planned / 2) / planned) : 0;
	if (cmp.better > 0 && cmp.worse == 0)
		return NULL;
	const char *shows = cmp.worse ? "a decline" : "no gain";
	if (!load_rose(c, re_days)) {
		/* the rule judges a plan that asked more of the muscles: only
		 * after a rise in load (our choice, D) */
		adjust(c, NULL, GRADUS_ADJ_NOTE, "FU-NO-PROGRESS",
		       arena_printf(c->a, "The re-test on %s shows %s (%s), but no load rose in the weeks before it (no heavier weight, band or machine step, no harder version): the follow-up rule waits for a plan whose load rose. Keep going and test again.",
				    date_words(re->values.date, d1), shows, cmp.what),
		       "D");
		return NULL;
	}
	if (planned == 0 || done * 100L < (long)ADHERENCE_FOLLOW_UP * planned) {
		adjust(c, NULL, GRADUS_ADJ_NOTE, "FU-NO-PROGRESS",
		       arena_printf(c->a, "The re-test on %s shows %s (%s), but only %d of %d sessions (%d %%) were done: the follow-up rule needs %d %% or more. Keep going and test again.",
				    date_words(re->values.date, d1), shows, cmp.what,
				    done, planned, pct, ADHERENCE_FOLLOW_UP),
		       "D");
		return NULL;
	}
	return arena_printf(c->a, "After %d weeks of training with %d of %d sessions done (%d %%), the re-test on %s shows %s: %s.",
			    weeks, done, planned, pct, date_words(re->values.date, d1),
			    shows, cmp.what);
}

/* ---- the adaptation rules ---- */

typedef struct {
	bool easier_all;         /* illness cleared: all one step easier */
	bool no_rise;            /* the week is repeated or restarted */
	bool restart;            /* one phase lower: the phase's sets/reps */
	const char *ill_reason, *ill_short;
	const char *week_rule, *week_source, *week_reason_short;
	int new_week;
} plan_rules;

/* An illness or a hospital stay in the week of the last session or
 * later, and the doctor's OK since (by NULL: none). */
typedef struct {
	int week;                /* 0: none */
	bool hospital;
	const char *by;
	gradus_date when;
} illness;

/* 2-for-2: every set at the top of the rep range, at or below the
 * target effort, no pain above 5, pain settled [ACSM2009]; never in a
 * lighter week (our choice, D). */
static bool at_top(const ctx *c, const logged *x)
{
	target t = target_of(c, x->ex, x->week);
	const gradus_log_entry *e = x->e;
	/* a lighter week asks less: it proves nothing about the next step */
	if (ref_deload(c, x->week))
		return false;
	if (e->effort < 0 || e->effort > t.effort_max || e->pain < 0 ||
	    e->pain > PAIN_LIMIT || e->next_morning_ok == GRADUS_ANSWER_NO ||
	    e->sets < t.sets)
		return false;
	for (int i = 0; i < e->sets; i++)
		if (e->reps[i] < t.reps_max)
			return false;
	return true;
}

/* Effort 9 or more, or 2 reps or more short of the window's bottom on
 * 2 sets or more (on every set when 1 set was planned; sets not done
 * count as short) (D). */
static bool too_hard(const ctx *c, const logged *x, int *short_sets)
{
	target t = target_of(c, x->ex, x->week);
	const gradus_log_entry *e = x->e;
	int need = t.sets < 2 ? 1 : 2, n = 0;
	int upto = t.sets > e->sets ? t.sets : e->sets;
	for (int i = 0; i < upto; i++)
		if (i >= e->sets ? i < t.sets : e->reps[i] <= t.reps_min - REPS_SHORT)
			n++;
	*short_sets = n;
	return e->effort >= EFFORT_TOO_HARD || n >= need;
}

static const char *reps_list(arena *a, const gradus_log_entry *e)
{
	char buf[80];
	size_t at = 0;
	buf[0] = '\0';
	for (int i = 0; i < e->sets; i++) {
		int w = snprintf(buf + at, sizeof(buf) - at, "%s%d", i ? ", " : "", e->reps[i]);
		if (w < 0 || (size_t)w >= sizeof(buf) - at)
			break;
		at += (size_t)w;
	}
	return arena_strdup(a, buf);
}

/* What 2-for-2 steps up, in the generator's order (dose.h): the next
 * owned load when the step rule allows it, reps back to the bottom of
 * the range [ACSM2009]; else less support or the harder version. */
static const char *next_step_words(const ctx *c, rdose *d, const gradus_phase *ph)
{
	dose_owned o;
	int i;
	char before[40], after[40];
	dose_owned_for(c->p, d->ex->load, &o);
	i = dose_load_index(&o, &d->load);
	if (c->t->load_progression && o.n > 0 && dose_load_step_ok(&o, d->ex->load, i)) {
		gradus_load up = dose_load_at(&o, d->ex->load, i + 1);
		load_words(&d->load, before);
		load_words(&up, after);
		return arena_printf(c->a, "the next load you own, %s instead of %s, with the reps back to %d to %d",
			   after, before, ph->reps_min, dose_reps_hi(ph->reps_min, ph));
	}
	return arena_printf(c->a, "%s: less support, a longer hold or the harder version",
		   o.n > 0 ? "no heavier load you own is a small enough step" : "no added weight");
}

/* What the rules decided for one exercise. */
typedef struct {
	const char *rule, *src, *reason;
	gradus_adjust_action act;
	bool advance;
} verdict;

/* The rules that make an exercise one step easier: pain during, pain
 * the next morning twice, a restart after an illness. False when none
 * applies. */
static bool easier_rule(const ctx *c, const logged *last, const logged *prev,
			const plan_rules *pr, verdict *v)
{
	char d1[24], d2[24];
	day_words(last->date, d1);
	if (last->e->pain > PAIN_LIMIT) {
		/* the weight comes off first (one_step_easier) */
		v->rule = "RV-PAIN-DURING";
		v->src = "PAIN, D";
		v->reason = arena_printf(c->a, "Pain %d out of 10 during this exercise on %s (more than %d)",
					 last->e->pain, d1, PAIN_LIMIT);
	} else if (prev && last->e->next_morning_ok == GRADUS_ANSWER_NO &&
		   prev->e->next_morning_ok == GRADUS_ANSWER_NO) {
		v->rule = "RV-PAIN-NEXT-DAY-TWICE";
		v->src = "PAIN";
		v->reason = arena_printf(c->a, "Pain was not back to usual the next morning after the last two sessions (%s and %s)",
					 day_words(prev->date, d2), d1);
	} else if (pr->easier_all) {
		v->rule = "RV-ILLNESS-RESTART";
		v->src = "OTAGO";
		v->reason = pr->ill_short;
	} else
		return false;
	return true;
}

/* One step easier (easier_rule); after a cleared illness, at its
 * easiest: the same again; else left out. False when left out. */
static bool make_easier(const ctx *c, rdose *d, const gradus_phase *ph,
			const plan_rules *pr, verdict *v)
{
	const char *what = NULL;
	if (one_step_easier(c, d, ph, strcmp(v->rule, "RV-PAIN-DURING") == 0, &what)) {
		v->act = GRADUS_ADJ_EASIER;
		v->reason = arena_printf(c->a, "%s: one step easier, %s", v->reason, what);
	} else if (pr->easier_all && strcmp(v->rule, "RV-ILLNESS-RESTART") == 0) {
		/* cleared after an illness, and already at its easiest: it
		 * hurt no one, so it stays, the same again (D) */
		v->act = GRADUS_ADJ_REPEAT;
		v->reason = arena_printf(c->a, "%s: already at its easiest, the same again (%s)",
					 v->reason, dose_words(c->a, d, ph));
	} else {
		v->act = GRADUS_ADJ_LEFT_OUT;
		v->reason = arena_printf(c->a, "%s, and there is no easier step: left out until you have talked to your therapist",
					 v->reason);
		return false;
	}
	return true;
}

/* RV-TOO-HARD: the next lighter load owned, else the same again. */
static void rule_too_hard(const ctx *c, const logged *last, int short_sets,
			  rdose *d, const gradus_phase *ph, verdict *v)
{
	const gradus_log_entry *e = last->e;
	target tl = target_of(c, last->ex, last->week);
	gradus_load l = d->load;
	char d1[24], before[40], after[40];
	const char *why;

	day_words(last->date, d1);
	v->rule = "RV-TOO-HARD";
	v->src = "D";
	why = e->effort >= EFFORT_TOO_HARD
		? arena_printf(c->a, "Effort %d out of 10 on %s (%s; the target was up to %d)",
			       e->effort, d1, gradus_effort_words(e->effort), tl.effort_max)
		: arena_printf(c->a, "%d set%s %d or more reps short of %d on %s (reps done: %s%s)",
			       short_sets, plural(short_sets), REPS_SHORT, tl.reps_min, d1,
			       reps_list(c->a, e),
			       e->sets < tl.sets ? arena_printf(c->a, "; %d of %d sets done", e->sets, tl.sets) : "");
	if (lower_load(c->p, &l)) {
		load_words(&d->load, before);
		load_words(&l, after);
		d->load = l;
		v->act = GRADUS_ADJ_REDUCE;
		v->reason = arena_printf(c->a, "%s: a lighter load, %s instead of %s (the next lighter one you own)",
					 why, after, before);
	} else {
		v->act = GRADUS_ADJ_REPEAT;
		v->reason = arena_printf(c->a, "%s: nothing rises; the same again (%s)", why,
					 dose_words(c->a, d, ph));
	}
}

/* RV-TWO-FOR-TWO when the last two sessions were at the top of the
 * range with the same load and support, else RV-CONTINUE. */
static void rule_two_for_two(const ctx *c, const logged *last, const logged *prev,
			     rdose *d, const gradus_phase *ph, verdict *v)
{
	rdose dp = prev ? used_dose(c, prev) : *d;
	target tl = target_of(c, last->ex, last->week);
	char d1[24], d2[24];

	day_words(last->date, d1);
	v->src = "ACSM2009";
	if (prev && prev->ex == last->ex && at_top(c, last) && at_top(c, prev) &&
	    same_load(&dp.load, &d->load) && dp.support == d->support) {
		target tp = target_of(c, prev->ex, prev->week);
		v->rule = "RV-TWO-FOR-TWO";
		v->act = GRADUS_ADJ_PROGRESS;
		v->advance = true;
		v->reason = arena_printf(c->a, "At the top of the range (%d reps or more) at effort %d and %d, no more than the target of %d, in the last two sessions (%s and %s): ready for the next step, %s",
					 tl.reps_max < tp.reps_max ? tl.reps_max : tp.reps_max,
					 prev->e->effort, last->e->effort, tl.effort_max,
					 day_words(prev->date, d2), d1, next_step_words(c, d, ph));
	} else {
		v->rule = "RV-CONTINUE";
		v->act = GRADUS_ADJ_CONTINUE;
		v->reason = arena_printf(c->a, "Goes on from the last session (%s: %s); it steps up after two sessions in a row at the top of the range (%d reps) at the target effort (up to %d)",
					 d1, dose_words(c->a, d, ph), tl.reps_max, tl.effort_max);
	}
}

/* The rules that hold or raise an exercise, in order: pain the next
 * morning, too hard, a repeated or restarted week, 2-for-2. */
static void hold_or_rise(const ctx *c, const logged *last, const logged *prev,
			 const plan_rules *pr, rdose *d, const gradus_phase *ph,
			 verdict *v)
{
	int short_sets = 0;
	char d1[24];

	if (last->e->next_morning_ok == GRADUS_ANSWER_NO) {
		v->rule = "RV-PAIN-NEXT-DAY";
		v->src = "PAIN";
		v->act = GRADUS_ADJ_REPEAT;
		v->reason = arena_printf(c->a, "Pain was not back to usual the next morning after %s: the same again, nothing rises (%s)",
					 day_words(last->date, d1), dose_words(c->a, d, ph));
	} else if (too_hard(c, last, &short_sets)) {
		rule_too_hard(c, last, short_sets, d, ph, v);
	} else if (pr->no_rise) {
		v->rule = pr->week_rule;
		v->src = pr->week_source;
		v->act = GRADUS_ADJ_REPEAT;
		v->reason = arena_printf(c->a, "%s: %s", pr->week_reason_short, dose_words(c->a, d, ph));
	} else
		rule_two_for_two(c, last, prev, d, ph, v);
}

/* The dose the new plan continues from, with the review's reason. */
static void resume_item(const ctx *c, const rdose *d, const verdict *v,
			gradus_resume_item *out)
{
	out->exercise_id = d->ex->id;
	out->sets = d->sets;
	out->reps_min = d->reps_min;
	out->support = d->support;
	out->load_kg = weight_kind(d->load.kind) ? d->load.kg : 0.0;
	out->band = d->load.kind == GRADUS_LOAD_BAND ? d->load.band : -1;
	out->machine_step = d->load.kind == GRADUS_LOAD_MACHINE ? d->load.machine_step : 0;
	out->advance = v->advance;
	/* the plan's reason names the review's rule and source */
	out->why = c->adj[c->n_adj - 1].reason;
	out->rule = v->rule;
	out->source = v->src;
}

/* The rules for one exercise, on its last logged session (and the one
 * before; first match wins): its adjustment and the dose it goes on
 * from. *keep is false when it is left out. */
static void adapt_exercise(ctx *c, const track *tr, const plan_rules *pr,
			   gradus_resume_item *out, bool *keep)
{
	const logged *last = &tr->v[tr->n - 1];
	const logged *prev = tr->n >= 2 ? &tr->v[tr->n - 2] : NULL;
	const gradus_phase *ph = phase_of(c->t, pr->new_week);
	rdose d = used_dose(c, last);
	verdict v = {NULL, NULL, NULL, GRADUS_ADJ_CONTINUE, false};

	*keep = true;
	if (pr->restart) {
		/* one phase lower: that phase's sets and reps */
		d.sets = ph->sets_min;
		d.reps_min = ph->reps_min;
	}
	if (easier_rule(c, last, prev, pr, &v))
		*keep = make_easier(c, &d, ph, pr, &v);
	else
		hold_or_rise(c, last, prev, pr, &d, ph, &v);
	adjust(c, last->ex, v.act, v.rule, arena_printf(c->a, "%s.", v.reason), v.src);
	resume_item(c, &d, &v, out);
}

/* ---- exercises followed through the log ---- */

static size_t build_tracks(ctx *c, track *tr)
{
	const gradus_log *log = c->log;
	size_t n = 0;
	int order = 0;

	for (size_t i = 0; i < log->n_sessions; i++) {
		const gradus_log_session *s = &log->sessions[i];
		for (size_t k = 0; k < s->n_entries; k++) {
			const gradus_exercise *ex = gradus_catalogue_find(c->cat, s->entries[k].id);
			size_t j;
			if (!ex)
				continue;
			for (j = 0; j < n; j++)
				if (tr[j].ex == ex)
					break;
			if (j == n) {
				if (n == MAX_EX)
					continue;
				tr[n].ex = ex;
				tr[n].n = 0;
				tr[n].first_seen = order++;
				n++;
			}
			if (tr[j].n == COUNT(tr[j].v)) {
				memmove(tr[j].v, tr[j].v + 1, (COUNT(tr[j].v) - 1) * sizeof(tr[j].v[0]));
				tr[j].n--;
			}
			tr[j].v[tr[j].n].e = &s->entries[k];
			tr[j].v[tr[j].n].ex = ex;
			tr[j].v[tr[j].n].date = s->date;
			tr[j].v[tr[j].n].week = week_of(c, s->date);
			tr[j].n++;
		}
	}
	/* a variant that was given up for another of its ladder (the other
	 * began after its last session) is no longer followed */
	for (size_t j = 0; j < n; j++) {
		bool gone = false;
		for (size_t k = 0; k < n && !gone; k++)
			gone = k != j && same_ladder(tr[j].ex, tr[k].ex) &&
			       gradus_date_days(tr[k].v[0].date) >
				       gradus_date_days(tr[j].v[tr[j].n - 1].date);
		if (gone) {
			memmove(&tr[j], &tr[j + 1], (n - j - 1) * sizeof(*tr));
			n--;
			j--;
		}
	}
	return n;
}

/* The reference plan's items of program week `week` (or the latest
 * week before it that it has). */
static const gradus_session *ref_session(const ctx *c, int week)
{
	const gradus_session *best = NULL;
	if (!c->ref)
		return NULL;
	for (size_t w = 0; w < c->ref->n_weeks; w++)
		if (c->ref->weeks[w].number <= week && c->ref->weeks[w].n_sessions)
			best = &c->ref->weeks[w].sessions[0];
	return best;
}

/* ---- the run ---- */

static const gradus_rule *rule_by_id(const char *id)
{
	size_t n;
	const gradus_rule *rs = gradus_rules(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(rs[i].id, id) == 0)
			return &rs[i];
	return NULL;
}

/* The re-screen with one more finding (FOLLOW_UP and PAUSE). */
static void add_finding(ctx *c, const gradus_rule *rule, char *detail)
{
	review_box *b = c->b;
	const gradus_screening *s = b->screen;
	gradus_finding *f = arena_alloc(c->a, (s->n_findings + 1) * sizeof(*f));
	if (!f || !rule)
		return;
	if (s->n_findings)
		memcpy(f, s->findings, s->n_findings * sizeof(*f));
	f[s->n_findings].rule = rule;
	f[s->n_findings].detail = detail;
	b->shown = *s;
	b->shown.findings = f;
	b->shown.n_findings = s->n_findings + 1;
	if (rule->tier > b->shown.tier)
		b->shown.tier = rule->tier;
	b->r.screening = &b->shown;
	b->r.tier = b->shown.tier;
}

/* ---- 3. the pause ---- */

/* Ill or in hospital in the week of the last session or later (an
 * illness followed by sessions is history), and the doctor's OK dated on
 * or after that week's first day: the log's, else the profile's. */
static void find_illness(const ctx *c, illness *ill)
{
	const gradus_log *log = c->log;
	const gradus_log_week *iw = NULL;
	long from;

	memset(ill, 0, sizeof(*ill));
	for (size_t i = 0; i < log->n_weeks; i++)
		if ((log->weeks[i].ill || log->weeks[i].hospital) &&
		    log->weeks[i].week >= c->last_session_week)
			ill->week = log->weeks[i].week;
	if (!ill->week)
		return;
	for (size_t i = 0; i < log->n_weeks; i++)
		if (log->weeks[i].week == ill->week)
			iw = &log->weeks[i];
	ill->hospital = iw && iw->hospital;
	from = gradus_date_days(week_start(c, ill->week));
	if (log->has_clearance && gradus_date_days(log->clearance_date) >= from) {
		ill->by = log->clearance_by;
		ill->when = log->clearance_date;
	} else if (c->orig->has_clearance &&
		   gradus_date_days(c->orig->clearance_date) >= from) {
		ill->by = c->orig->clearance_by;
		ill->when = c->orig->clearance_date;
	}
}

/* RV-ILLNESS-PAUSE: no plan until a doctor says exercise can start
 * again [OTAGO]. */
static void pause_plan(ctx *c, const illness *ill)
{
	gradus_review *r = &c->b->r;
	const char *what = ill->hospital ? "In hospital" : "Ill";
	char d1[24];

	r->outcome = GRADUS_REVIEW_PAUSE;
	r->follow_up = arena_printf(c->a, "%s in week %d (from %s), and no doctor has said since then that exercise can start again [OTAGO].",
				    what, ill->week, date_words(week_start(c, ill->week), d1));
	add_finding(c, &illness_pause,
		    arena_printf(c->a, "%s in week %d (from %s); no clearance since",
				 what, ill->week, date_words(week_start(c, ill->week), d1)));
}

/* ---- 4. the adaptation rules ---- */

/* RV-LONG-GAP: 2 weeks or more without a session (`missed` at the end
 * of the log, `gap_weeks` before the new start): one phase lower. */
static void rule_long_gap(ctx *c, int missed, int gap_weeks, plan_rules *pr)
{
	int L = c->b->r.last_week;
	int last_trained = c->last_session_week ? c->last_session_week : c->log->first_week;
	int ph = dose_phase_index(c->t, last_trained);
	int lower = ph > 0 ? ph - 1 : 0;

	pr->new_week = dose_phase_first_week(c->t, lower);
	pr->restart = pr->no_rise = true;
	pr->week_rule = "RV-LONG-GAP";
	pr->week_source = "D";
	pr->week_reason_short = arena_printf(c->a, "The plan restarts one phase lower, at week %d (\"%s\")",
					     pr->new_week, c->t->phases[lower].name);
	const char *logged_part = missed == 0 ? ""
		: missed == 1 ? arena_printf(c->a, "week %d", L)
		: missed == 2 ? arena_printf(c->a, "weeks %d and %d", L - 1, L)
		: arena_printf(c->a, "weeks %d to %d", L - missed + 1, L);
	const char *gap_part = gap_weeks == 0 ? ""
		: arena_printf(c->a, "%d week%s before the new start", gap_weeks, plural(gap_weeks));
	const char *when = arena_printf(c->a, "%s%s%s", logged_part,
					missed && gap_weeks ? " and " : "", gap_part);
	adjust(c, NULL, GRADUS_ADJ_WEEK, "RV-LONG-GAP",
	       arena_printf(c->a, "No sessions for %d weeks (%s): 2 weeks or more missed, so the plan restarts one phase lower, at week %d (\"%s\"), with that phase's sets and reps; nothing rises in the first week.",
			    missed + gap_weeks, when, pr->new_week, c->t->phases[lower].name),
	       "D");
}

/* RV-ILLNESS-RESTART: cleared after an illness, week L again. */
static void rule_illness_restart(ctx *c, plan_rules *pr)
{
	int L = c->b->r.last_week;
	pr->new_week = L;
	pr->no_rise = true;
	pr->week_rule = "RV-ILLNESS-RESTART";
	pr->week_source = "OTAGO";
	pr->week_reason_short = arena_printf(c->a, "Week %d again after the illness", L);
	adjust(c, NULL, GRADUS_ADJ_WEEK, "RV-ILLNESS-RESTART",
	       arena_printf(c->a, "%s: week %d again, and every exercise one step easier.", pr->ill_reason, L),
	       "OTAGO");
}

/* RV-MISSED-SESSIONS: fewer than half of week L's sessions, week L again. */
static void rule_missed_sessions(ctx *c, plan_rules *pr)
{
	const gradus_review *r = &c->b->r;
	const gradus_review_week *w = &r->weeks[r->n_weeks - 1];
	int L = r->last_week;
	pr->new_week = L;
	pr->no_rise = true;
	pr->week_rule = "RV-MISSED-SESSIONS";
	pr->week_source = "D";
	pr->week_reason_short = arena_printf(c->a, "Week %d again (%d of %d sessions done)", L, w->done, w->planned);
	adjust(c, NULL, GRADUS_ADJ_WEEK, "RV-MISSED-SESSIONS",
	       arena_printf(c->a, "Week %d: %d of %d sessions done, less than half: week %d again, and nothing rises.",
			    L, w->done, w->planned, L),
	       "D");
}

/* The rules for the whole plan (first match wins): a long gap, a
 * restart after an illness, missed sessions; otherwise week L + 1. */
static void whole_plan(ctx *c, const illness *ill, plan_rules *pr)
{
	const gradus_review *r = &c->b->r;
	int L = r->last_week, missed = 0, gap_weeks = 0;
	long gap_days;
	char d1[24];

	memset(pr, 0, sizeof(*pr));
	pr->new_week = L + 1;
	for (size_t i = r->n_weeks; i-- > 0 && r->weeks[i].done == 0;)
		missed++;
	gap_days = gradus_date_days(r->start) -
		   (c->start_days + 7L * (L - c->log->first_week + 1));
	if (gap_days > 0)
		gap_weeks = (int)(gap_days / 7);
	if (ill->week) {
		pr->easier_all = true;
		pr->ill_reason = arena_printf(c->a, "%s in week %d; %s said on %s that exercise can start again: restart one level lower",
					      ill->hospital ? "In hospital" : "Ill", ill->week,
					      ill->by, date_words(ill->when, d1));
		pr->ill_short = arena_printf(c->a, "Restarting after the %s in week %d",
					     ill->hospital ? "hospital stay" : "illness", ill->week);
	}
	if (missed + gap_weeks >= 2)
		rule_long_gap(c, missed, gap_weeks, pr);
	else if (ill->week)
		rule_illness_restart(c, pr);
	else if (r->n_weeks && r->weeks[r->n_weeks - 1].planned > 0 &&
		 r->weeks[r->n_weeks - 1].done * 2 < r->weeks[r->n_weeks - 1].planned)
		rule_missed_sessions(c, pr);
	if (pr->new_week < 1)
		pr->new_week = 1;
}

/* RV-NOT-LOGGED: in the plan, never in the log: goes on as the plan had
 * it in week L. */
static void not_logged(ctx *c, const gradus_item *it, const plan_rules *pr,
		       gradus_resume_item *out)
{
	const gradus_phase *ph = phase_of(c->t, pr->new_week);
	rdose dd = {it->exercise, it->sets, it->reps_min, it->support, it->load};
	if (pr->restart) {
		dd.sets = ph->sets_min;
		dd.reps_min = ph->reps_min;
	}
	adjust(c, it->exercise, pr->no_rise ? GRADUS_ADJ_REPEAT : GRADUS_ADJ_CONTINUE,
	       "RV-NOT-LOGGED",
	       arena_printf(c->a, "Not in the log: goes on as the plan had it in week %d (%s).",
			    c->b->r.last_week, dose_words(c->a, &dd, ph)),
	       "D");
	*out = (gradus_resume_item){
		it->exercise->id, dd.sets, dd.reps_min, dd.support,
		weight_kind(dd.load.kind) ? dd.load.kg : 0.0,
		dd.load.kind == GRADUS_LOAD_BAND ? dd.load.band : -1,
		dd.load.kind == GRADUS_LOAD_MACHINE ? dd.load.machine_step : 0,
		false, c->adj[c->n_adj - 1].reason, "RV-NOT-LOGGED", "D"};
}

/* Each exercise, in the plan's order (week L), then those logged but not
 * in the plan, in the order first done. Returns the items kept. */
static size_t adapt_items(ctx *c, const plan_rules *pr, const track *tr,
			  size_t n_tr, gradus_resume_item *items)
{
	const gradus_session *rs = ref_session(c, c->b->r.last_week);
	bool used[MAX_EX] = {false};
	size_t n_items = 0;

	for (size_t i = 0; rs && i < rs->n_items; i++) {
		const gradus_exercise *want = rs->items[i].exercise;
		size_t j;
		bool keep;
		for (j = 0; j < n_tr; j++)
			if (!used[j] && (tr[j].ex == want || same_ladder(tr[j].ex, want)))
				break;
		if (j < n_tr) {
			used[j] = true;
			adapt_exercise(c, &tr[j], pr, &items[n_items], &keep);
			n_items += keep;
		} else
			not_logged(c, &rs->items[i], pr, &items[n_items++]);
	}
	for (size_t j = 0; j < n_tr; j++) {
		bool keep;
		if (used[j])
			continue;
		adapt_exercise(c, &tr[j], pr, &items[n_items], &keep);
		n_items += keep;
	}
	return n_items;
}

/* The plan generated again from where the person really is: --weeks,
 * else what is left of setup.weeks, at least MIN_NEW_WEEKS. */
static int new_plan(ctx *c, const gradus_review_options *o, gradus_diags *d)
{
	review_box *b = c->b;
	gradus_review *r = &b->r;
	gradus_plan_options po = {r->start, 0, c->t->id, &b->resume};
	int left = c->orig->weeks_planned - b->resume.week + 1;
	int rc;

	po.weeks = o && o->weeks > 0 ? o->weeks : left >= MIN_NEW_WEEKS ? left : MIN_NEW_WEEKS;
	if (po.weeks > 52)
		po.weeks = 52;
	r->weeks_planned = po.weeks;
	rc = gradus_plan_generate(&b->plan, c->p, b->screen, c->cat, c->tpl, &po, d);
	r->plan = b->plan;
	return rc;
}

/* The rules for the whole plan and for each exercise, then the new plan. */
static int adapt(ctx *c, const illness *ill, const gradus_review_options *o,
		 gradus_diags *d)
{
	review_box *b = c->b;
	track *tr = calloc(MAX_EX, sizeof(*tr));
	gradus_resume_item *items = arena_alloc(c->a, (MAX_EX * 2) * sizeof(*items));
	plan_rules pr;
	size_t n_items;

	if (!tr || !items) {
		free(tr);
		return GRADUS_ENOMEM;
	}
	whole_plan(c, ill, &pr);
	n_items = adapt_items(c, &pr, tr, build_tracks(c, tr), items);
	free(tr);
	b->resume.week = pr.new_week;
	b->resume.items = items;
	b->resume.n_items = n_items;
	b->r.resume = &b->resume;
	if (n_items == 0) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, c->log->file, 0,
				 "no exercise is left to plan: every exercise in the log was left out (see the reasons above); ask the therapist");
		return GRADUS_EINVALID;
	}
	return new_plan(c, o, d);
}

/* ---- the run ---- */

static review_box *box_new(ctx *c, const gradus_profile *p, const gradus_log *log,
			   const gradus_catalogue *cat, const gradus_templates *tpl)
{
	review_box *b = calloc(1, sizeof(*b));
	memset(c, 0, sizeof(*c));
	if (!b)
		return NULL;
	arena_init(&b->a);
	c->b = b;
	c->a = &b->a;
	c->orig = p;
	c->p = &b->prof;
	c->log = log;
	c->cat = cat;
	c->tpl = tpl;
	b->r.log = log;
	b->r.first_week = log->first_week;
	return b;
}

/* The log names its person: a different profile file is most likely the
 * wrong person's (a warning). */
static void check_person(const gradus_profile *p, const gradus_log *log,
			 gradus_diags *d)
{
	const char *base;
	size_t n;
	if (!log->profile || !p->file)
		return;
	base = strrchr(p->file, '/');
	base = base ? base + 1 : p->file;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".cfg") == 0)
		n -= 4;
	if (strlen(log->profile) != n || strncmp(log->profile, base, n) != 0)
		gradus_diags_add(d, GRADUS_SEV_WARNING, log->file, 0,
				 "the log is for '%s', but the profile is %s: check that both are the same person's",
				 log->profile, p->file);
}

/* The last logged week L: the latest with a session or a check-in; and
 * the week of the last session. */
static void last_logged_week(ctx *c)
{
	const gradus_log *log = c->log;
	int last_week = log->first_week;
	for (size_t i = 0; i < log->n_sessions; i++) {
		int w = week_of(c, log->sessions[i].date);
		c->last_session_week = w;
		if (w > last_week)
			last_week = w;
	}
	for (size_t i = 0; i < log->n_weeks; i++)
		if (log->weeks[i].week > last_week)
			last_week = log->weeks[i].week;
	c->b->r.last_week = last_week;
}

/* The profile with the log's answers: a yes in any week counts. */
static void with_log_answers(ctx *c)
{
	review_box *b = c->b;
	const gradus_log *log = c->log;
	b->prof = *c->orig;
	for (size_t i = 0; i < log->n_weeks; i++)
		for (int f = 0; f < GRADUS_RF__COUNT; f++)
			if (log->weeks[i].red_flags[f] == GRADUS_ANSWER_YES) {
				if (c->orig->red_flags[f] != GRADUS_ANSWER_YES && !b->r.new_red_flag_week)
					b->r.new_red_flag_week = log->weeks[i].week;
				b->prof.red_flags[f] = GRADUS_ANSWER_YES;
				b->prof.red_flag_line[f] = log->weeks[i].line;
			}
	b->r.profile = &b->prof;
}

/* The new plan starts after the last logged week, or on --start (after
 * the last session). */
static int new_start(ctx *c, const gradus_review_options *o, gradus_diags *d)
{
	gradus_review *r = &c->b->r;
	const gradus_log *log = c->log;
	if (!o || !gradus_date_is_set(o->start)) {
		r->start = week_start(c, r->last_week + 1);
		return GRADUS_OK;
	}
	r->start = o->start;
	if (log->n_sessions &&
	    gradus_date_days(o->start) <=
		    gradus_date_days(log->sessions[log->n_sessions - 1].date)) {
		char ds[11];
		gradus_date_format(log->sessions[log->n_sessions - 1].date, ds);
		gradus_diags_add(d, GRADUS_SEV_ERROR, log->file, 0,
				 "the new plan must start after the last logged session (%s)", ds);
		return GRADUS_EUSAGE;
	}
	return GRADUS_OK;
}

/* The log against the profile: where the logged plan began, whose log
 * it is, its sessions placed in program weeks, the last logged week,
 * the answers merged, the new start. */
static int read_log(ctx *c, const gradus_review_options *o, gradus_diags *d)
{
	gradus_review *r = &c->b->r;
	const gradus_log *log = c->log;
	int rc;

	r->plan_start = gradus_date_is_set(log->plan_start) ? log->plan_start : c->orig->start;
	if (!gradus_date_is_set(r->plan_start)) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, log->file, 0,
				 "the log has no 'plan_start' and the profile no 'setup.start': say when the logged plan began");
		return GRADUS_EUSAGE;
	}
	c->start_days = gradus_date_days(r->plan_start);
	check_person(c->orig, log, d);
	if ((rc = place_sessions(c, d)) != GRADUS_OK)
		return rc;
	last_logged_week(c);
	with_log_answers(c);
	return new_start(c, o, d);
}

/* 1. Re-screen, as of the new start; then what the log followed (the
 * reference plan) and what was done: weeks, measures, history. */
static int rescreen(ctx *c, gradus_diags *d)
{
	review_box *b = c->b;
	gradus_review *r = &b->r;
	int rc = gradus_screen(&b->screen, &b->prof, r->start, d);
	if (rc != GRADUS_OK)
		return rc;
	r->screening = b->screen;
	r->tier = b->screen->tier;
	rc = reference_plan(c, r->last_week, d);
	if (rc != GRADUS_OK && b->screen->tier <= GRADUS_TIER_PRECAUTIONS)
		return rc;
	build_weeks(c, r->last_week, r->start);
	build_measures(c);
	if (c->t)
		build_history(c);
	return GRADUS_OK;
}

/* The adjustments, copied out of the working state. */
static int finish(ctx *c)
{
	review_box *b = c->b;
	gradus_plan_free(c->ref);
	c->ref = NULL;
	if (c->n_adj) {
		gradus_adjustment *v = arena_alloc(&b->a, c->n_adj * sizeof(*v));
		if (v)
			memcpy(v, c->adj, c->n_adj * sizeof(*v));
		b->r.adjustments = v;
		b->r.n_adjustments = c->n_adj;
	}
	return b->a.failed ? GRADUS_ENOMEM : GRADUS_OK;
}

/* Safety first, in this order (docs/review.md): re-screen (gated: no
 * plan), the follow-up trigger, the pause after an illness, then the
 * adaptation rules and the new plan. */
int gradus_review_run(gradus_review **out, const gradus_profile *p,
		      const gradus_log *log, const gradus_catalogue *cat,
		      const gradus_templates *tpl,
		      const gradus_review_options *o, gradus_diags *d)
{
	review_box *b;
	gradus_review *r;
	const char *why;
	illness ill;
	ctx c;
	int rc;

	if (!out)
		return GRADUS_EUSAGE;
	*out = NULL;
	if (!p || !log || !cat || !tpl)
		return GRADUS_EUSAGE;
	if (!(b = box_new(&c, p, log, cat, tpl)))
		return GRADUS_ENOMEM;
	r = &b->r;
	if ((rc = read_log(&c, o, d)) != GRADUS_OK ||
	    (rc = rescreen(&c, d)) != GRADUS_OK)
		goto fail;
	if (b->screen->tier > GRADUS_TIER_PRECAUTIONS) {
		r->outcome = GRADUS_REVIEW_GATED;
		goto done;
	}
	/* 2. the follow-up trigger */
	if ((why = follow_up(&c)) != NULL) {
		r->outcome = GRADUS_REVIEW_FOLLOW_UP;
		r->follow_up = why;
		add_finding(&c, rule_by_id("FU-NO-PROGRESS"), (char *)why);
		goto done;
	}
	/* 3. the pause, or 4. the adaptation rules and the new plan */
	find_illness(&c, &ill);
	if (ill.week && !ill.by)
		pause_plan(&c, &ill);
	else if ((rc = adapt(&c, &ill, o, d)) != GRADUS_OK)
		goto fail;
done:
	if ((rc = finish(&c)) != GRADUS_OK)
		goto fail;
	*out = r;
	return GRADUS_OK;
fail:
	gradus_plan_free(c.ref);
	gradus_review_free(r);
	return rc;
}

void gradus_review_free(gradus_review *r)
{
	review_box *b = (review_box *)r;
	if (!b)
		return;
	gradus_plan_free(b->plan);
	gradus_screening_free(b->screen);
	arena_free(&b->a);
	free(b);
}
