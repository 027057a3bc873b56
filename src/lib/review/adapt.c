/* The adaptation rules (docs/review.md): for the whole plan (a long
 * gap, a restart after an illness, missed sessions) and for each
 * exercise (pain, too hard, 2-for-2, ...), then the plan generated again
 * from where the person really is. Phases, the rep window, lighter
 * weeks, owned loads and the load-step rule are the generator's own
 * (plan/dose.h): a plan and its review count alike. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/dose.h"
#include "review/review_int.h"
#include "util/arena.h"
#include "util/util.h"

#define PAIN_LIMIT 5       /* pain during above this: easier [PAIN] */
#define EFFORT_TOO_HARD 9  /* effort at or above: hold or reduce (D) */
#define REPS_SHORT 2       /* reps short of the window's bottom (D) */
#define MIN_NEW_WEEKS 4    /* weeks planned when setup.weeks are used up:
                              our choice (D), a month at a time */

/* ---- small helpers ---- */

/* "Fri 18 Dec" */
static const char *day_words(gradus_date d, char buf[24])
{
	snprintf(buf, 24, "%s %d %s", words_day_short[gradus_date_weekday(d)], d.d,
		 words_month_short[d.m - 1]);
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
	if (dose_weight_kind(l->kind))
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

/* ---- what was asked, what was done ---- */

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

static const gradus_item *ref_item(const rv_ctx *c, int week, const gradus_exercise *ex)
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

target rv_target_of(const rv_ctx *c, const gradus_exercise *ex, int week)
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
gradus_load rv_used_load(const logged *x, const target *t)
{
	gradus_load l = t->load;
	l.kind = x->ex->load;
	if (dose_weight_kind(l.kind) && !isnan(x->e->load_kg))
		l.kg = x->e->load_kg;
	if (l.kind == GRADUS_LOAD_BAND && x->e->band >= 0)
		l.band = x->e->band;
	if (l.kind == GRADUS_LOAD_MACHINE && x->e->machine_step >= 0)
		l.machine_step = x->e->machine_step;
	return l;
}

gradus_support rv_used_support(const logged *x, const target *t)
{
	if (!x->ex->supported)
		return GRADUS_SUPPORT_NA;
	if (x->e->support != GRADUS_SUPPORT_NA)
		return x->e->support;
	return t->support != GRADUS_SUPPORT_NA ? t->support : GRADUS_SUPPORT_TWO_HANDS;
}

static bool ref_deload(const rv_ctx *c, int week)
{
	if (c->ref)
		for (size_t w = 0; w < c->ref->n_weeks; w++)
			if (c->ref->weeks[w].number == week)
				return c->ref->weeks[w].deload;
	return false;
}

static rdose used_dose(const rv_ctx *c, const logged *x)
{
	target t = rv_target_of(c, x->ex, x->week);
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
		target tb = rv_target_of(c, x->ex, x->week - 1);
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
	d.support = rv_used_support(x, &t);
	d.load = rv_used_load(x, &t);
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

/* ---- one step easier ---- */

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
 * sets and reps, two hands, the lightest load. Only one the person may
 * do: the nearest the plan the log followed would name (a rung for the
 * bed is passed over for a wheelchair user; none, when none is safe). */
static bool easier_version(const rv_ctx *c, rdose *d, const gradus_phase *ph,
			   const char **what)
{
	const gradus_versions *v = gradus_plan_versions(c->ref, d->ex);
	const gradus_exercise *e = v ? v->easier : NULL;
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
static bool one_step_easier(const rv_ctx *c, rdose *d, const gradus_phase *ph,
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

/* ---- the rules for each exercise ---- */

typedef struct {
	bool easier_all;         /* illness cleared: all one step easier */
	bool no_rise;            /* the week is repeated or restarted */
	bool restart;            /* one phase lower: the phase's sets/reps */
	const char *ill_reason, *ill_short;
	const char *week_rule, *week_source, *week_reason_short;
	int new_week;
} plan_rules;

/* 2-for-2: every set at the top of the rep range, at or below the
 * target effort, no pain above 5, pain settled [ACSM2009]; never in a
 * lighter week (our choice, D). */
static bool at_top(const rv_ctx *c, const logged *x)
{
	target t = rv_target_of(c, x->ex, x->week);
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
static bool too_hard(const rv_ctx *c, const logged *x, int *short_sets)
{
	target t = rv_target_of(c, x->ex, x->week);
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
static const char *next_step_words(const rv_ctx *c, rdose *d, const gradus_phase *ph)
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
static bool easier_rule(const rv_ctx *c, const logged *last, const logged *prev,
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
static bool make_easier(const rv_ctx *c, rdose *d, const gradus_phase *ph,
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
static void rule_too_hard(const rv_ctx *c, const logged *last, int short_sets,
			  rdose *d, const gradus_phase *ph, verdict *v)
{
	const gradus_log_entry *e = last->e;
	target tl = rv_target_of(c, last->ex, last->week);
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
static void rule_two_for_two(const rv_ctx *c, const logged *last, const logged *prev,
			     rdose *d, const gradus_phase *ph, verdict *v)
{
	rdose dp = prev ? used_dose(c, prev) : *d;
	target tl = rv_target_of(c, last->ex, last->week);
	char d1[24], d2[24];

	day_words(last->date, d1);
	v->src = "ACSM2009";
	if (prev && prev->ex == last->ex && at_top(c, last) && at_top(c, prev) &&
	    same_load(&dp.load, &d->load) && dp.support == d->support) {
		target tp = rv_target_of(c, prev->ex, prev->week);
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
		v->reason = arena_printf(c->a, "Goes on from the last session (%s: %s); it steps up after two sessions in a row with every set at the top of the range (%d reps) at the target effort (up to %d)",
					 d1, dose_words(c->a, d, ph), tl.reps_max, tl.effort_max);
	}
}

/* The rules that hold or raise an exercise, in order: pain the next
 * morning, too hard, a repeated or restarted week, 2-for-2. */
static void hold_or_rise(const rv_ctx *c, const logged *last, const logged *prev,
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
static void resume_item(const rv_ctx *c, const rdose *d, const verdict *v,
			gradus_resume_item *out)
{
	out->exercise_id = d->ex->id;
	out->sets = d->sets;
	out->reps_min = d->reps_min;
	out->support = d->support;
	out->load_kg = dose_weight_kind(d->load.kind) ? d->load.kg : 0.0;
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
static void adapt_exercise(rv_ctx *c, const track *tr, const plan_rules *pr,
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

static size_t build_tracks(rv_ctx *c, track *tr)
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
static const gradus_session *ref_session(const rv_ctx *c, int week)
{
	const gradus_session *best = NULL;
	if (!c->ref)
		return NULL;
	for (size_t w = 0; w < c->ref->n_weeks; w++)
		if (c->ref->weeks[w].number <= week && c->ref->weeks[w].n_sessions)
			best = &c->ref->weeks[w].sessions[0];
	return best;
}

/* ---- the rules for the whole plan, and the new plan ---- */

/* RV-LONG-GAP: 2 weeks or more without a session (`missed` at the end
 * of the log, `gap_weeks` before the new start): one phase lower. */
static void rule_long_gap(rv_ctx *c, int missed, int gap_weeks, plan_rules *pr)
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
static void rule_illness_restart(rv_ctx *c, plan_rules *pr)
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
static void rule_missed_sessions(rv_ctx *c, plan_rules *pr)
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
static void whole_plan(rv_ctx *c, const illness *ill, plan_rules *pr)
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
static void not_logged(rv_ctx *c, const gradus_item *it, const plan_rules *pr,
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
		dose_weight_kind(dd.load.kind) ? dd.load.kg : 0.0,
		dd.load.kind == GRADUS_LOAD_BAND ? dd.load.band : -1,
		dd.load.kind == GRADUS_LOAD_MACHINE ? dd.load.machine_step : 0,
		false, c->adj[c->n_adj - 1].reason, "RV-NOT-LOGGED", "D"};
}

/* Each exercise, in the plan's order (week L), then those logged but not
 * in the plan, in the order first done. Returns the items kept. */
static size_t adapt_items(rv_ctx *c, const plan_rules *pr, const track *tr,
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
static int new_plan(rv_ctx *c, const gradus_review_options *o, gradus_diags *d)
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
int rv_adapt(rv_ctx *c, const illness *ill, const gradus_review_options *o,
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
