/* The progression (docs/generation.md, 4): double progression week by
 * week for every exercise - sets built one at a time, reps within the
 * window, then the next owned load, less support, a longer hold, the
 * harder version - staggered so not everything rises at once, with
 * lighter weeks; and what to get to keep progressing after the plan. */
#include <math.h>
#include <string.h>

#include "plan/dose.h"
#include "plan/plan_int.h"

/* ---- progression (the model: docs/generation.md) ---- */

typedef struct {
	dose train;              /* the last full (not lighter) dose */
	dose shown;              /* last week's prescription */
	int last_load;           /* program week of the last load or variant rise */
	int offset;              /* 0..2: staggers load and support steps */
	int build;               /* 0..2: staggers the weeks sets are added */
	bool waited;             /* a step already waited its turn once */
	bool one_limb;           /* one-limb disuse: the affected side gets more */
} track;

static gradus_support support_ceiling(const pl_ctx *c, bool fall_plus)
{
	/* walking with an aid: always hold on (safety invariant 9); fall risk or a
	 * blood thinner: keep at least one hand on (our choice, D) */
	if (fall_plus || c->s->precautions.balance_emphasis ||
	    c->s->precautions.prefer_supported)
		return GRADUS_SUPPORT_ONE_HAND;
	if (c->p->mobility == GRADUS_MOB_WALKS_WITH_AID)
		return GRADUS_SUPPORT_FINGERTIPS;
	return GRADUS_SUPPORT_NONE;
}

/* The therapist's start load for an exercise, as an owned index, or -1. */
static int start_load_index(const prog *g, const gradus_exercise *e,
			    const dose_owned *o)
{
	const gradus_profile *p = g->c->p;
	for (size_t i = 0; i < p->n_start_loads; i++) {
		const gradus_start_load *sl = &p->start_loads[i];
		if (strcmp(sl->exercise, e->id) != 0)
			continue;
		for (int k = 0; k < o->n; k++) {
			if (dose_weight_kind(e->load) && !isnan(sl->kg) && fabs(o->kg[k] - sl->kg) < 1e-9)
				return k;
			if (e->load == GRADUS_LOAD_BAND && sl->band >= 0 && o->band[k] == sl->band)
				return k;
		}
		if (e->load == GRADUS_LOAD_MACHINE && sl->machine_step >= 0)
			return sl->machine_step < o->n ? sl->machine_step : o->n - 1;
	}
	return -1;
}

static dose first_dose(const prog *g, const gradus_exercise *e,
		       const gradus_phase *ph)
{
	dose d;
	const dose_owned *o = ctx_owned(g->c, e->load);
	int set_i;
	memset(&d, 0, sizeof(d));
	d.ex = e;
	d.sets = ph->sets_min;
	d.reps_lo = ph->reps_min;
	d.support = e->supported ? GRADUS_SUPPORT_TWO_HANDS : GRADUS_SUPPORT_NA;
	set_i = start_load_index(g, e, o);
	if (set_i >= 0)
		d.load_i = set_i;
	else if (g->start_up && o->n >= 3 && e->load != GRADUS_LOAD_MACHINE &&
		 dose_load_step_ok(o, e->load, 0))
		/* class C or D, measured, no fall risk: one owned step up
		 * where at least two more remain (our choice, D) */
		d.load_i = 1;
	return d;
}

/* What rose from a to b (bits of gradus_change); a variant counts alone. */
static unsigned rises(const dose *a, const dose *b)
{
	unsigned r = 0;
	if (a->ex != b->ex)
		return 1u << GRADUS_CHANGE_VARIANT;
	if (b->reps_lo > a->reps_lo)
		r |= 1u << GRADUS_CHANGE_REPS;
	if (b->sets > a->sets || b->sets + b->extra > a->sets + a->extra)
		r |= 1u << GRADUS_CHANGE_SETS;
	if (b->support > a->support)
		r |= 1u << GRADUS_CHANGE_SUPPORT;
	if (b->load_i > a->load_i)
		r |= 1u << GRADUS_CHANGE_LOAD;
	if (b->hold_extra > a->hold_extra)
		r |= 1u << GRADUS_CHANGE_HOLD;
	return r;
}

/* rises(a, b) after only b's reps changed (r: rises(a, b) before). */
static unsigned rises_reps(unsigned r, const dose *a, const dose *b)
{
	unsigned v = r;
	if (!(r & (1u << GRADUS_CHANGE_VARIANT))) { /* a variant counts alone */
		v &= ~(1u << GRADUS_CHANGE_REPS);
		if (b->reps_lo > a->reps_lo)
			v |= 1u << GRADUS_CHANGE_REPS;
	}
	if (plan_check.on) {
		plan_check.checked++;
		if (v != rises(a, b))
			plan_check.wrong++;
	}
	return v;
}

static bool variant_ok(const prog *g, const gradus_exercise *h)
{
	if (!h || !usable(g->c, h))
		return false;
	for (size_t i = 0; i < g->n_selected; i++)
		if (g->selected[i] == h)
			return false;
	return true;
}

/* ---- one week's change for one exercise ---- */

typedef struct {
	const prog *g;
	track *tr;
	dose *now;               /* this week's doses of every exercise */
	size_t n;
	const gradus_phase *ph;
	int real;                /* program week */
	int first_build;         /* first program week after learning */
	bool need_drop;          /* reps must come down: only with a rise
	                            that makes up for it */
	bool advance;            /* a review found the person ready (2-for-2):
	                            the intensity steps now [ACSM2009] */
	bool last;               /* the plan's last week: no later week to
	                            stagger into */
	int steps;               /* intensity steps taken this week so far */
	int max_steps;           /* at most this many a week (D) */
	int *secs;               /* strength_seconds of now[], kept as it
	                            changes (take_if_fits) */
	int *blk;                /* the seconds of each slot's block in
	                            now[] (both slots of a pair: the pair's) */
	int top_lo;              /* dose_reps_top_lo(ph) */
} wk_ctx;

/* Seconds of slot k's block (alone or with its partner) in now[]. */
static int block_of(const wk_ctx *w, size_t k)
{
	return strength_block_seconds(w->now, w->n, w->g->partner, k, w->g->reps_cap,
				      w->ph->rest_s);
}

/* Slot k's block (and its partner's) takes b seconds. */
static void set_blk(const wk_ctx *w, size_t k, int b)
{
	int j = w->g->partner ? w->g->partner[k] : -1;
	w->blk[k] = b;
	if (j >= 0 && (size_t)j < w->n)
		w->blk[j] = b;
}

/* For the tests: the running total against the full sum, each block's
 * seconds against the block worked out afresh. */
static void check_secs(const wk_ctx *w)
{
	plan_check.checked++;
	if (*w->secs != strength_seconds(w->now, w->n, w->g->partner, w->g->reps_cap,
					 w->ph->rest_s))
		plan_check.wrong++;
	for (size_t k = 0; k < w->n; k++) {
		plan_check.checked++;
		if (w->blk[k] != block_of(w, k))
			plan_check.wrong++;
	}
}

/* Whether the session fits with cand in slot k; *t: the strength
 * seconds then, *b: k's block's. Only k's block changes: the total
 * moves by its difference. */
static bool fits_t(const wk_ctx *w, size_t k, const dose *cand, int *t, int *b)
{
	dose save = w->now[k];
	if (plan_check.on)
		check_secs(w);
	w->now[k] = *cand;
	*b = block_of(w, k);
	w->now[k] = save;
	*t = *w->secs - w->blk[k] + *b;
	return *t <= w->g->budget_s;
}

/* Slot k takes c if the session fits with it. */
static bool take_if_fits(const wk_ctx *w, size_t k, const dose *c)
{
	int t, b;
	if (!fits_t(w, k, c, &t, &b))
		return false;
	w->now[k] = *c;
	*w->secs = t;
	set_blk(w, k, b);
	return true;
}

/* Every other exercise has its second set (or cannot have one). */
static bool others_have_two(const wk_ctx *w, size_t k, int goal2)
{
	for (size_t i = 0; i < w->n; i++)
		if (i != k && w->now[i].sets < goal2)
			return false;
	return true;
}

/* Steps 3 to 7 of step(), once the reps are at the top of the window
 * (or a review found the person ready): the intensity, then a third
 * set. */
static gradus_change step_intensity(const wk_ctx *w, size_t k, wait_reason *why,
				    bool load_week, bool spaced, bool time_blocked)
{
	const prog *g = w->g;
	const gradus_template *t = g->c->t;
	const gradus_phase *ph = w->ph;
	track *tr = &w->tr[k];
	dose *d = &w->now[k];
	dose c;
	const dose_owned *o = ctx_owned(g->c, d->ex->load);
	int sets_max = ph->sets_max, goal2 = ph->sets_max < 2 ? ph->sets_max : 2;

	/* 3. at the top: the next owned load, reps back to the bottom */
	if (t->load_progression && o->n > 0 && dose_load_step_ok(o, d->ex->load, d->load_i)) {
		if (!spaced) {
			*why = WAIT_SPACING;
		} else if (!load_week && !w->need_drop) {
			*why = WAIT_STAGGER;
			tr->waited = true; /* next time it goes, whatever the week */
		} else {
			d->load_i++;
			d->reps_lo = ph->reps_min;
			tr->waited = false;
			return GRADUS_CHANGE_LOAD;
		}
	}
	/* 4. less support (two hands, one hand, fingertips, none) */
	/* (with reps above a new phase's range, they stay there) */
	if (d->support != GRADUS_SUPPORT_NA &&
	    d->support < support_ceiling(g->c, g->fall_plus)) {
		if (!load_week) {
			*why = WAIT_STAGGER;
			tr->waited = true;
			return GRADUS_CHANGE_NONE;
		}
		d->support++;
		tr->waited = false;
		return GRADUS_CHANGE_SUPPORT;
	}
	/* 5. a longer hold (2 s more, once; our choice, D) */
	if (t->load_progression && d->ex->hold_s > 0 && d->hold_extra == 0) {
		c = *d;
		c.hold_extra = 2;
		if (take_if_fits(w, k, &c))
			return GRADUS_CHANGE_HOLD;
		time_blocked = true;
	}
	if (*why == WAIT_SPACING || *why == WAIT_STAGGER)
		return GRADUS_CHANGE_NONE;
	/* 6. the harder version, when this one is done with all that is owned */
	if (t->load_progression && variant_ok(g, d->ex->harder)) {
		if (!spaced) {
			*why = WAIT_SPACING;
			return GRADUS_CHANGE_NONE;
		}
		if (!load_week && !w->need_drop) {
			*why = WAIT_STAGGER;
			tr->waited = true;
			return GRADUS_CHANGE_NONE;
		}
		tr->waited = false;
		c = first_dose(g, d->ex->harder, ph);
		c.load_i = 0; /* a new movement starts with the lightest load */
		c.sets = d->sets;
		c.extra = d->extra;
		if (take_if_fits(w, k, &c))
			return GRADUS_CHANGE_VARIANT;
		time_blocked = true;
	}
	/* 7. a third set (where the phase allows it) only when the
	 * intensity cannot rise and every exercise has its second set:
	 * load, not more sets, carries the progression */
	if (*why != WAIT_SPACING && *why != WAIT_STAGGER && !w->need_drop &&
	    d->sets >= goal2 && d->sets < sets_max && others_have_two(w, k, goal2)) {
		c = *d;
		c.sets++;
		if (take_if_fits(w, k, &c))
			return GRADUS_CHANGE_SETS;
		time_blocked = true;
	}
	*why = !t->load_progression ? WAIT_MAINTENANCE : time_blocked ? WAIT_TIME : WAIT_TOP;
	return GRADUS_CHANGE_NONE;
}

/* One step for exercise k, in the order of the model: a set (built one
 * at a time), reps within the window, then intensity: the next owned
 * load (reps back to the bottom), less support, a longer hold, the
 * harder version. Returns the change, or NONE with *why. */
static gradus_change step(const wk_ctx *w, size_t k, wait_reason *why)
{
	const prog *g = w->g;
	const gradus_template *t = g->c->t;
	const gradus_phase *ph = w->ph;
	track *tr = &w->tr[k];
	dose *d = &w->now[k];
	dose c = *d;
	int goal2 = ph->sets_max < 2 ? ph->sets_max : 2;
	/* staggered (our choice, D): each exercise skips every third week
	 * for load and support steps, a different one for each, so the
	 * steps of a plan spread over the weeks */
	bool load_week = ((w->real + tr->offset) % 3 != 0 || tr->waited || w->last) &&
			 (w->steps < w->max_steps || w->last);
	bool spaced = w->real - tr->last_load >= dose_load_step_weeks(t);
	bool time_blocked = false;

	*why = WAIT_NONE;
	if (w->advance)
		return step_intensity(w, k, why, true, spaced, time_blocked);
	/* 1. sets: the affected side first, then one more for both; a
	 * second set for every exercise before any third */
	if ((tr->one_limb && d->extra == 0) || d->sets < goal2) {
		if (tr->one_limb && d->extra == 0)
			c.extra = 1;
		else
			c.sets++;
		if (w->real < w->first_build + tr->build)
			*why = WAIT_STAGGER;
		else if (take_if_fits(w, k, &c))
			return GRADUS_CHANGE_SETS;
		else
			time_blocked = true;
		c = *d;
	}
	/* 2. reps climb within the phase range [ACSM2009 double progression] */
	if (!w->need_drop && d->reps_lo < w->top_lo) {
		/* 2 or 3 reps a step: 8-10 to 10-12, 10-12 to 13-15 (our choice, D) */
		d->reps_lo += DOSE_WINDOW + 1;
		if (d->reps_lo > w->top_lo)
			d->reps_lo = w->top_lo;
		return GRADUS_CHANGE_REPS;
	}
	if (*why == WAIT_STAGGER && !w->need_drop)
		return GRADUS_CHANGE_NONE;
	return step_intensity(w, k, why, load_week, spaced, time_blocked);
}

/* ---- week by week ---- */

/* The dose a resumed plan starts from, fitted to the phase, the support
 * ceiling and the loads the person owns. */
static dose resume_dose(const prog *g, const gradus_exercise *e,
			const gradus_resume_item *r, const gradus_phase *ph)
{
	dose d = first_dose(g, e, ph);
	const dose_owned *o;
	gradus_load l;
	if (!r || strcmp(r->exercise_id, e->id) != 0)
		return d; /* replaced by an easier variant: start it fresh */
	d.sets = r->sets < 1 ? 1 : r->sets > ph->sets_max ? ph->sets_max : r->sets;
	d.reps_lo = r->reps_min < ph->reps_min ? ph->reps_min
		: r->reps_min > dose_reps_top_lo(ph) ? dose_reps_top_lo(ph) : r->reps_min;
	if (e->supported) {
		gradus_support ceil = support_ceiling(g->c, g->fall_plus);
		d.support = r->support < GRADUS_SUPPORT_TWO_HANDS ? GRADUS_SUPPORT_TWO_HANDS
			: r->support > ceil ? ceil : r->support;
	}
	o = ctx_owned(g->c, e->load);
	l.kind = e->load;
	l.kg = r->load_kg;
	l.band = r->band;
	l.machine_step = r->machine_step;
	d.load_i = dose_load_index(o, &l);
	return d;
}

/* The week's starting point for every exercise (week wk, phase pi):
 * the first dose, a lighter week's, or the training dose moved into
 * this phase's ranges (drop[k]: reps above them). */
static void week_start(const prog *g, const pick *picks, size_t n, int wk, int pi,
		       bool deload, track *tr, dose *now, bool *drop,
		       bool one_limb_region(const pl_ctx *, const gradus_exercise *),
		       wdose (*w)[MAX_WEEKS])
{
	const gradus_phase *ph = &g->c->t->phases[pi];
	int top_lo = dose_reps_top_lo(ph);

	for (size_t k = 0; k < n; k++) {
		wdose *cur = &w[k][wk - 1];
		cur->phase = pi;
		cur->deload = deload;
		cur->wait = WAIT_NONE;
		if (wk == 1) {
			tr[k].one_limb = one_limb_region(g->c, picks[k].ex);
			tr[k].offset = (int)(k % 3);
			tr[k].build = (int)(k % 3);
			tr[k].last_load = -99;
			tr[k].train = picks[k].resume
				? resume_dose(g, picks[k].ex, picks[k].resume, ph)
				: first_dose(g, picks[k].ex, ph);
			now[k] = tr[k].train;
			cur->change = GRADUS_CHANGE_START;
			continue;
		}
		if (deload) {
			/* about half the sets, no rise (D); with one set,
			 * the fewest reps of the phase instead */
			now[k] = tr[k].train;
			if (now[k].sets > 1) {
				now[k].sets /= 2;
				now[k].extra = 0;
			} else if (now[k].extra)
				now[k].extra = 0;
			else if (now[k].reps_lo > ph->reps_min)
				now[k].reps_lo = ph->reps_min;
			cur->change = GRADUS_CHANGE_DELOAD;
			cur->wait = WAIT_DELOAD;
			continue;
		}
		/* the training dose, moved into this phase's ranges */
		now[k] = tr[k].train;
		if (now[k].sets > ph->sets_max)
			now[k].sets = ph->sets_max;
		if (now[k].reps_lo < ph->reps_min)
			now[k].reps_lo = ph->reps_min;
		if (now[k].reps_lo > top_lo)
			drop[k] = true; /* a new phase with fewer reps */
		cur->change = GRADUS_CHANGE_NONE;
	}
}

/* A new phase (or a resumed plan's first week) with longer rests may
 * not hold the sets of before: take sets away from the last exercises
 * until the session fits (fewer sets is no rise). Sets *w->secs and
 * w->blk[]. */
static void trim_to_time(const wk_ctx *w)
{
	dose *now = w->now;
	int t = 0;

	/* the sum as strength_seconds makes it: a pair with its first */
	for (size_t k = 0; k < w->n; k++) {
		int j = w->g->partner ? w->g->partner[k] : -1;
		if (j >= 0 && (size_t)j < k) {
			w->blk[k] = w->blk[j];
			continue;
		}
		w->blk[k] = block_of(w, k);
		t += w->blk[k];
	}
	for (size_t k = w->n; k-- > 0 && t > w->g->budget_s;) {
		t -= w->blk[k];
		if (now[k].extra)
			now[k].extra = 0;
		else if (now[k].sets > 1)
			now[k].sets--;
		set_blk(w, k, block_of(w, k));
		t += w->blk[k];
	}
	*w->secs = t;
}

/* A review found the person ready to progress (2-for-2): the load,
 * support or version steps in the first week, not one more rep
 * [ACSM2009]. */
static void advance_first_week(wk_ctx *wc, const pick *picks, wdose (*w)[MAX_WEEKS])
{
	track *tr = wc->tr;
	int real = wc->real;

	for (size_t k = 0; k < wc->n; k++) {
		const gradus_resume_item *r = picks[k].resume;
		wait_reason why;
		gradus_change ch;
		if (!r || !r->advance || strcmp(r->exercise_id, picks[k].ex->id) != 0)
			continue;
		wc->advance = true;
		ch = step(wc, k, &why);
		wc->advance = false;
		if (ch == GRADUS_CHANGE_NONE)
			continue;
		w[k][0].change = ch;
		if (ch == GRADUS_CHANGE_LOAD || ch == GRADUS_CHANGE_VARIANT)
			tr[k].last_load = real;
	}
}

/* Sets a new phase asks for, while they fit. */
static void phase_sets(const wk_ctx *wc)
{
	track *tr = wc->tr;
	dose *now = wc->now;

	for (size_t k = 0; k < wc->n; k++)
		if (now[k].sets < wc->ph->sets_min &&
		    !(rises(&tr[k].shown, &now[k]) & ~(1u << GRADUS_CHANGE_SETS))) {
			dose c = now[k];
			c.sets++;
			take_if_fits(wc, k, &c);
		}
}

/* This week's one change for exercise k, and the real reason when
 * there is none. */
static void one_change(wk_ctx *wc, size_t k, bool learning, bool drop_k, wdose *cur)
{
	track *tr = wc->tr;
	dose *now = wc->now;
	int real = wc->real;
	unsigned r = rises(&tr[k].shown, &now[k]);
	wait_reason why = WAIT_NONE;
	gradus_change ch = GRADUS_CHANGE_NONE;
	if (r) {
		/* back from a lighter week, or into a new phase:
		 * that is this week's one change (reps wait) */
		if (r & ~(1u << GRADUS_CHANGE_REPS) && now[k].reps_lo > tr[k].shown.reps_lo)
			now[k].reps_lo = tr[k].shown.reps_lo;
		r = rises_reps(r, &tr[k].shown, &now[k]);
		ch = (r & (1u << GRADUS_CHANGE_SETS)) ? GRADUS_CHANGE_SETS
		   : GRADUS_CHANGE_REPS;
		if (tr[k].shown.sets + tr[k].shown.extra <
		    tr[k].train.sets + tr[k].train.extra)
			why = WAIT_BACK;
	} else if (learning) {
		why = WAIT_LEARNING;
	} else {
		wc->need_drop = drop_k;
		ch = step(wc, k, &why);
		/* what really rose since last week (sets taken
		 * away for time and given back are no rise) */
		r = rises(&tr[k].shown, &now[k]);
	}
	if (drop_k && !(r & ((1u << GRADUS_CHANGE_LOAD) | (1u << GRADUS_CHANGE_VARIANT))) &&
	    now[k].sets <= tr[k].shown.sets)
		/* reps never fall without a heavier load, a
		 * harder version or one more set: the window
		 * stays where it was until one comes */
		now[k].reps_lo = tr[k].shown.reps_lo > now[k].reps_lo
			? tr[k].shown.reps_lo : now[k].reps_lo;
	else if (drop_k && now[k].reps_lo > wc->top_lo)
		now[k].reps_lo = wc->top_lo;
	if (drop_k)
		r = rises_reps(r, &tr[k].shown, &now[k]);
	ch = r & (1u << GRADUS_CHANGE_VARIANT) ? GRADUS_CHANGE_VARIANT
	   : r & (1u << GRADUS_CHANGE_LOAD) ? GRADUS_CHANGE_LOAD
	   : r & (1u << GRADUS_CHANGE_SETS) ? GRADUS_CHANGE_SETS
	   : r & (1u << GRADUS_CHANGE_SUPPORT) ? GRADUS_CHANGE_SUPPORT
	   : r & (1u << GRADUS_CHANGE_HOLD) ? GRADUS_CHANGE_HOLD
	   : r & (1u << GRADUS_CHANGE_REPS) ? GRADUS_CHANGE_REPS
	   : GRADUS_CHANGE_NONE;
	if (ch == GRADUS_CHANGE_NONE && why == WAIT_NONE)
		why = WAIT_TIME;
	if (ch == GRADUS_CHANGE_LOAD || ch == GRADUS_CHANGE_VARIANT)
		tr[k].last_load = real;
	if (ch == GRADUS_CHANGE_LOAD || ch == GRADUS_CHANGE_VARIANT ||
	    ch == GRADUS_CHANGE_SUPPORT)
		wc->steps++;
	cur->change = ch;
	cur->wait = ch == GRADUS_CHANGE_NONE ? why : WAIT_NONE;
	if (ch == GRADUS_CHANGE_SETS && why == WAIT_BACK)
		cur->wait = WAIT_BACK;
}

/* Fills w[k][0..weeks-1] for every exercise, week by week: one change
 * per exercise per week at most, nothing rises in a lighter week, and
 * nothing that would make the session longer than budget_s. */
void progress(const prog *g, const pick *picks, size_t n, int weeks,
	      bool one_limb_region(const pl_ctx *, const gradus_exercise *),
	      wdose (*w)[MAX_WEEKS])
{
	const gradus_template *t = g->c->t;
	track tr[MAX_PICKS];
	dose now[MAX_PICKS];
	int first_build = dose_phase_first_week(t, t->n_phases > 1 ? 1 : 0);
	/* the seconds of the training doses (the end of the last week
	 * that was not lighter) and their phase: -1 before any */
	int kept = -1, kept_pi = -1;
	int blk[MAX_PICKS]; /* kept with kept */

	memset(tr, 0, sizeof(tr));
	for (int wk = 1; wk <= weeks; wk++) {
		int real = g->week0 + wk - 1;
		int pi = dose_phase_index(t, real);
		const gradus_phase *ph = &t->phases[pi];
		bool deload = dose_is_deload(t, real) && wk > 1;
		bool learning = pi == 0 && t->n_phases > 1;
		/* at most a quarter of the exercises (at least one) take an
		 * intensity step in one week (our choice, D) */
		int secs = 0;
		wk_ctx wc = {g, tr, now, n, ph, real, first_build, false, false, wk == weeks,
			     0, (int)(n + 3) / 4, &secs, blk, dose_reps_top_lo(ph)};
		bool drop[MAX_PICKS] = {false};

		/* the week's starting point for every exercise */
		week_start(g, picks, n, wk, pi, deload, tr, now, drop, one_limb_region, w);
		if (!deload && pi == kept_pi && kept >= 0 && kept <= g->budget_s) {
			/* the training doses, in the same phase (the same
			 * rests and ranges), that fitted: no trimming, and
			 * the same seconds (and blocks) */
			secs = kept;
			if (plan_check.on)
				check_secs(&wc);
		} else if (wk == 1 || !deload)
			trim_to_time(&wc);
		if (wk == 1)
			advance_first_week(&wc, picks, w);
		if (wk > 1 && !deload) {
			phase_sets(&wc);
			/* one change each, in an order that turns every week
			 * so no exercise always comes first for the time left */
			for (size_t i = 0; i < n; i++) {
				size_t k = (i + (size_t)wk) % n;
				one_change(&wc, k, learning, drop[k], &w[k][wk - 1]);
			}
		}
		for (size_t k = 0; k < n; k++) {
			w[k][wk - 1].d = now[k];
			tr[k].shown = now[k];
			if (!deload)
				tr[k].train = now[k];
		}
		if (!deload) {
			/* a lighter week leaves the training doses as they
			 * were: the week after starts from them */
			kept = secs;
			kept_pi = pi;
		}
	}
}

/* ---- after the plan ---- */

/* When an exercise ends the plan at the heaviest weight or band the
 * person owns, say what would let them keep progressing. */
void next_loads(const gradus_plan *pl, const pl_ctx *c, arena *a, strlist *adv)
{
	const gradus_week *last = NULL;
	const char *what[MAX_PICKS];
	size_t n_what = 0;
	for (size_t w = pl->n_weeks; w-- > 0 && !last;)
		if (pl->weeks[w].n_sessions)
			last = &pl->weeks[w];
	if (!c->t->load_progression)
		return;
	for (size_t k = 0; last && k < last->sessions[0].n_items && n_what < MAX_PICKS; k++) {
		const gradus_item *it = &last->sessions[0].items[k];
		const gradus_exercise *e = it->exercise;
		const char *thing = NULL;
		const dose_owned *o;
		bool dup = false;
		if (e->load == GRADUS_LOAD_BODYWEIGHT && e->harder &&
		    (e->harder->equipment & ~c->p->equipment) &&
		    !(e->harder->equipment & ~c->p->equipment & ~(GRADUS_EQ_BAND |
			GRADUS_EQ_ANKLE_WEIGHT | GRADUS_EQ_DUMBBELL)) &&
		    safe_owning(c, e->harder, c->p->equipment | e->harder->equipment) &&
		    balance_safe(c, e->harder)) {
			/* the harder version needs only a band or a weight,
			 * and it is safe for the person */
			unsigned miss = e->harder->equipment & ~c->p->equipment;
			thing = miss & GRADUS_EQ_ANKLE_WEIGHT ? "ankle weights (0.5 kg to start)"
			      : miss & GRADUS_EQ_DUMBBELL ? "light dumbbells (1 kg to start)"
			      : "a light exercise band";
		} else if (e->load != GRADUS_LOAD_BODYWEIGHT && e->load != GRADUS_LOAD_MACHINE) {
			int at;
			o = ctx_owned(c, e->load);
			at = o->n ? dose_load_index(o, &it->load) : 0;
			/* the next weight: 0.5 kg more for ankle weights
			 * [OTAGO], 1 kg for dumbbells (D); the next band */
			double step = e->load == GRADUS_LOAD_ANKLE_WEIGHT ? 0.5 : 1.0;
			if (o->n == 0)
				thing = NULL;
			else if (dose_weight_kind(e->load) &&
				 (at + 1 >= o->n || !dose_load_step_ok(o, e->load, at)))
				/* the heaviest owned, or the next owned too big a
				 * step [ACSM2009] */
				thing = arena_printf(a, "a %g kg %s", it->load.kg + step,
						     e->load == GRADUS_LOAD_ANKLE_WEIGHT ? "ankle weight" : "dumbbell");
			else if (e->load == GRADUS_LOAD_BAND && at + 1 >= o->n &&
				 it->load.band + 1 < GRADUS_BAND__COUNT)
				thing = arena_printf(a, "a %s band",
						     gradus_band_name((gradus_band)(it->load.band + 1)));
		}
		for (size_t i = 0; thing && i < n_what; i++)
			dup |= strcmp(what[i], thing) == 0;
		if (thing && !dup)
			what[n_what++] = thing;
	}
	if (n_what) {
		/* one sentence on the person's page */
		char *line = arena_printf(a, "To keep getting stronger after these weeks, you will need %s", what[0]);
		for (size_t i = 1; line && i < n_what; i++)
			line = arena_printf(a, "%s%s%s", line, i + 1 == n_what ? " and " : ", ", what[i]);
		strlist_add(a, adv, line ? arena_printf(a, "%s.", line) : NULL);
	}
}

