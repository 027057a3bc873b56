/* The generator: assessment, template choice, selection, progression and
 * schedule (docs/generation.md; safety invariants in docs/hazards.md). */
#include "gradus/plan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "plan/dose.h"
#include "util/util.h"
#include "plan/plan_int.h"

typedef struct {
	gradus_plan plan; /* first: the public part */
	arena a;
} plan_box;


/* ---- small helpers ---- */


static const char *const change_names[] = {"start", "none", "reps",
					   "sets",  "support", "load",
					   "variant", "deload", "hold"};
const char *gradus_change_name(gradus_change c)
{
	return (unsigned)c < COUNT(change_names) ? change_names[c] : NULL;
}

const char *gradus_effort_words(int e)
{
	/* Effort words on the 0-10 scale (ACSM2009OA: 5-6 moderate, 7-8
	 * vigorous). */
	if (e <= 2)
		return "very light";
	if (e <= 4)
		return "light";
	if (e <= 6)
		return "moderate";
	if (e <= 8)
		return "hard";
	return "very hard";
}

/* Paired sets (A1 B1 A2 B2): the rest after a set of one exercise is the
 * set of the other. Exercises pair when the person can move between
 * them without lying down or getting up from the floor (both lying, or
 * both seated or standing); a leg exercise pairs with an arm or trunk
 * exercise first, so each muscle rests. Our choice (D). Fills
 * partner[] and puts partners next to each other in picks. */
static int posture_group(gradus_position pos)
{
	return pos == GRADUS_POS_SEATED || pos == GRADUS_POS_STANDING ||
	       pos == GRADUS_POS_STANDING_SUPPORTED ? 1 : 0;
}

static bool lower_body(const gradus_exercise *e)
{
	return (e->regions & (GRADUS_REG_LEGS | GRADUS_REG_HIPS)) != 0 &&
	       !(e->regions & (GRADUS_REG_ARMS | GRADUS_REG_HANDS));
}

static void pair_up(pick *picks, size_t n, int *partner)
{
	pick out[MAX_PICKS];
	bool used[MAX_PICKS] = {false};
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		size_t best = n;
		if (used[i])
			continue;
		used[i] = true;
		for (int pass = 0; pass < 2 && best == n; pass++)
			for (size_t j = i + 1; j < n && best == n; j++) {
				if (used[j] ||
				    posture_group(picks[i].ex->position) != posture_group(picks[j].ex->position) ||
				    picks[i].ex->pattern == picks[j].ex->pattern)
					continue;
				if (pass == 0 && lower_body(picks[i].ex) == lower_body(picks[j].ex))
					continue;
				best = j;
			}
		out[m] = picks[i];
		partner[m] = -1;
		m++;
		if (best < n) {
			used[best] = true;
			out[m] = picks[best];
			partner[m - 1] = (int)m;
			partner[m] = (int)m - 1;
			m++;
		}
	}
	memcpy(picks, out, n * sizeof(*picks));
}
/* ---- schedule ---- */

/* Chooses k of the person's days with at least two days (48 h) between
 * any two sessions, week boundary included [ACSM2009, NSCA2019]; widest
 * spacing first, then earliest days. Returns the day bits, 0 if none. */
static unsigned choose_days(unsigned allowed, int k)
{
	unsigned best = 0;
	int best_gap = -1;
	for (unsigned set = 1; set < 128; set++) {
		int days[7], n = 0, min_gap = 7;
		if ((set & ~allowed) || popcount(set) != k)
			continue;
		for (int d = 0; d < 7; d++)
			if (set & (1u << d))
				days[n++] = d;
		for (int i = 0; i < n; i++) {
			int gap = (i + 1 < n ? days[i + 1] : days[0] + 7) - days[i];
			if (n > 1 && gap < min_gap)
				min_gap = gap;
		}
		if (min_gap < 2)
			continue;
		/* tie: the set whose lowest differing day is earlier */
		unsigned diff = set ^ best;
		if (min_gap > best_gap ||
		    (min_gap == best_gap && (diff & (0u - diff) & set))) {
			best = set;
			best_gap = min_gap;
		}
	}
	return best;
}

/* ---- progression (the model: docs/generation.md) ---- */

typedef struct {
	const gradus_exercise *ex;
	int sets, reps_lo;
	int extra;               /* one more set for the affected side (0/1) */
	gradus_support support;
	int load_i;              /* index into the owned loads of ex->load */
	int hold_extra;          /* seconds added to each hold */
} dose;

/* Why nothing rose for an exercise in a week (the real reason, for
 * --explain). */
typedef enum {
	WAIT_NONE = 0, WAIT_LEARNING, WAIT_DELOAD, WAIT_TIME, WAIT_SPACING,
	WAIT_STAGGER, WAIT_TOP, WAIT_MAINTENANCE, WAIT_BACK
} wait_reason;

typedef struct {
	dose d;
	gradus_change change;
	wait_reason wait;
	int phase;
	bool deload;
} wdose;

typedef struct {
	dose train;              /* the last full (not lighter) dose */
	dose shown;              /* last week's prescription */
	int last_load;           /* program week of the last load or variant rise */
	int offset;              /* 0..2: staggers load and support steps */
	int build;               /* 0..2: staggers the weeks sets are added */
	bool waited;             /* a step already waited its turn once */
	bool one_limb;           /* one-limb disuse: the affected side gets more */
} track;

typedef struct {
	const ctx *c;
	bool fall_plus;
	bool start_up;           /* class C/D, measured: start one load up (D) */
	const gradus_exercise *const *selected; size_t n_selected;
	int week0;               /* the plan's first week number */
	const int *partner;      /* paired sets: index of the other, or -1 */
	int budget_s;            /* seconds for strength work */
	int reps_cap;            /* highest reps of any phase: time is sized on it */
	const gradus_exercise *const *balance0; size_t n_balance0; /* week 1 */
} prog;

static gradus_support support_ceiling(const ctx *c, bool fall_plus)
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

static bool weight_kind(gradus_load_kind k)
{
	return k == GRADUS_LOAD_ANKLE_WEIGHT || k == GRADUS_LOAD_DUMBBELL;
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
			if (weight_kind(e->load) && !isnan(sl->kg) && fabs(o->kg[k] - sl->kg) < 1e-9)
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
	dose_owned o;
	int set_i;
	memset(&d, 0, sizeof(d));
	d.ex = e;
	d.sets = ph->sets_min;
	d.reps_lo = ph->reps_min;
	d.support = e->supported ? GRADUS_SUPPORT_TWO_HANDS : GRADUS_SUPPORT_NA;
	dose_owned_for(g->c->p, e->load, &o);
	set_i = start_load_index(g, e, &o);
	if (set_i >= 0)
		d.load_i = set_i;
	else if (g->start_up && o.n >= 3 && e->load != GRADUS_LOAD_MACHINE &&
		 dose_load_step_ok(&o, e->load, 0))
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

static bool variant_ok(const prog *g, const gradus_exercise *h)
{
	if (!h || !usable(g->c, h))
		return false;
	for (size_t i = 0; i < g->n_selected; i++)
		if (g->selected[i] == h)
			return false;
	return true;
}

/* ---- time ---- */

/* Seconds of one set (one side, or both sides when per side): reps at
 * the top of the window x time per rep (a hold counts its seconds). */
static int set_seconds(const gradus_exercise *e, int reps, int hold_extra,
		       bool both_sides)
{
	int per_rep = e->seconds_per_rep;
	if (e->hold_s > 0 && e->hold_s + hold_extra + 2 > per_rep)
		per_rep = e->hold_s + hold_extra + 2;
	return reps * per_rep * (e->per_side && both_sides ? 2 : 1);
}

/* Seconds one exercise, or one pair done in turns (A1 B1 A2 B2 ...),
 * takes: 30 s to set up each, the sets, 15 s to move between the two
 * of a pair, and the rest between sets of one exercise less the time
 * spent on the other [ACSM2009 rests 60-120 s; the pairing and the
 * 30 s / 15 s are our estimates, D]. */
static int block_seconds(const gradus_exercise *ea, int sa, int xa, int ra, int ha,
			 const gradus_exercise *eb, int sb, int xb, int rb, int hb,
			 int rest)
{
	int wa = set_seconds(ea, ra, ha, true), a1 = set_seconds(ea, ra, ha, false);
	int t = 30 + sa * wa + xa * (a1 + rest);
	if (!eb)
		return t + (sa - 1) * rest;
	{
		int wb = set_seconds(eb, rb, hb, true), b1 = set_seconds(eb, rb, hb, false);
		int m = sa < sb ? sa : sb, gap_a = rest - wb - 15, gap_b = rest - wa - 15;
		t += 30 + sb * wb + xb * (b1 + rest) + (2 * m - 1) * 15;
		t += (m - 1) * ((gap_a > 0 ? gap_a : 0) + (gap_b > 0 ? gap_b : 0));
		t += (sa > sb ? sa - sb : sb - sa) * rest;
	}
	return t;
}

/* Seconds of the strength part with doses d[0..n) (time sized on
 * `reps` a set, the top of any phase, so a rep rise never overruns). */
static int strength_seconds(const dose *d, size_t n, const int *partner,
			    int reps, int rest)
{
	int t = 0;
	for (size_t k = 0; k < n; k++) {
		int j = partner ? partner[k] : -1;
		if (j >= 0 && (size_t)j < k)
			continue; /* counted with its partner */
		if (j >= 0 && (size_t)j < n)
			t += block_seconds(d[k].ex, d[k].sets, d[k].extra, reps, d[k].hold_extra,
					   d[j].ex, d[j].sets, d[j].extra, reps, d[j].hold_extra, rest);
		else
			t += block_seconds(d[k].ex, d[k].sets, d[k].extra, reps, d[k].hold_extra,
					   NULL, 0, 0, 0, 0, rest);
	}
	return t;
}

static int item_block_seconds(const gradus_item *a, const gradus_item *b)
{
	int xa = a->affected_sets > a->sets ? a->affected_sets - a->sets : 0;
	int ha = a->hold_s - a->exercise->hold_s;
	if (!b)
		return block_seconds(a->exercise, a->sets, xa, a->reps_max, ha,
				     NULL, 0, 0, 0, 0, a->rest_s);
	{
		int xb = b->affected_sets > b->sets ? b->affected_sets - b->sets : 0;
		int hb = b->hold_s - b->exercise->hold_s;
		int rest = a->rest_s > b->rest_s ? a->rest_s : b->rest_s;
		return block_seconds(a->exercise, a->sets, xa, a->reps_max, ha,
				     b->exercise, b->sets, xb, b->reps_max, hb, rest);
	}
}

int gradus_session_minutes(const gradus_session *s)
{
	int sec = 0;
	for (size_t i = 0; i < s->n_items; i++) {
		const gradus_item *it = &s->items[i];
		if (it->pair > 0 && i + 1 < s->n_items && s->items[i + 1].pair == it->pair) {
			sec += item_block_seconds(it, &s->items[i + 1]);
			i++;
		} else
			sec += item_block_seconds(it, NULL);
	}
	return s->warmup_min + s->balance_min + s->cooldown_min + (sec + 59) / 60;
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
} wk_ctx;

static bool fits(const wk_ctx *w, size_t k, const dose *cand)
{
	dose save = w->now[k];
	int t;
	w->now[k] = *cand;
	t = strength_seconds(w->now, w->n, w->g->partner, w->g->reps_cap, w->ph->rest_s);
	w->now[k] = save;
	return t <= w->g->budget_s;
}

/* Every other exercise has its second set (or cannot have one). */
static bool others_have_two(const wk_ctx *w, size_t k, int goal2)
{
	for (size_t i = 0; i < w->n; i++)
		if (i != k && w->now[i].sets < goal2)
			return false;
	return true;
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
	dose_owned o;
	int sets_max = ph->sets_max, goal2 = ph->sets_max < 2 ? ph->sets_max : 2;
	/* staggered (our choice, D): each exercise skips every third week
	 * for load and support steps, a different one for each, so the
	 * steps of a plan spread over the weeks */
	bool load_week = ((w->real + tr->offset) % 3 != 0 || tr->waited || w->last) &&
			 (w->steps < w->max_steps || w->last);
	bool spaced = w->real - tr->last_load >= dose_load_step_weeks(t);
	bool time_blocked = false;

	*why = WAIT_NONE;
	if (w->advance) {
		load_week = true;
		goto intensity;
	}
	/* 1. sets: the affected side first, then one more for both; a
	 * second set for every exercise before any third */
	if ((tr->one_limb && d->extra == 0) || d->sets < goal2) {
		if (tr->one_limb && d->extra == 0)
			c.extra = 1;
		else
			c.sets++;
		if (w->real < w->first_build + tr->build)
			*why = WAIT_STAGGER;
		else if (fits(w, k, &c)) {
			*d = c;
			return GRADUS_CHANGE_SETS;
		} else
			time_blocked = true;
		c = *d;
	}
	/* 2. reps climb within the phase range [ACSM2009 double progression] */
	if (!w->need_drop && d->reps_lo < dose_reps_top_lo(ph)) {
		/* 2 or 3 reps a step: 8-10 to 10-12, 10-12 to 13-15 (our choice, D) */
		d->reps_lo += DOSE_WINDOW + 1;
		if (d->reps_lo > dose_reps_top_lo(ph))
			d->reps_lo = dose_reps_top_lo(ph);
		return GRADUS_CHANGE_REPS;
	}
	if (*why == WAIT_STAGGER && !w->need_drop)
		return GRADUS_CHANGE_NONE;
intensity:
	/* 3. at the top: the next owned load, reps back to the bottom */
	dose_owned_for(g->c->p, d->ex->load, &o);
	if (t->load_progression && o.n > 0 && dose_load_step_ok(&o, d->ex->load, d->load_i)) {
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
		if (fits(w, k, &c)) {
			*d = c;
			return GRADUS_CHANGE_HOLD;
		}
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
		if (fits(w, k, &c)) {
			*d = c;
			return GRADUS_CHANGE_VARIANT;
		}
		time_blocked = true;
	}
	/* 7. a third set (where the phase allows it) only when the
	 * intensity cannot rise and every exercise has its second set:
	 * load, not more sets, carries the progression */
	if (*why != WAIT_SPACING && *why != WAIT_STAGGER && !w->need_drop &&
	    d->sets >= goal2 && d->sets < sets_max && others_have_two(w, k, goal2)) {
		c = *d;
		c.sets++;
		if (fits(w, k, &c)) {
			*d = c;
			return GRADUS_CHANGE_SETS;
		}
		time_blocked = true;
	}
	*why = !t->load_progression ? WAIT_MAINTENANCE : time_blocked ? WAIT_TIME : WAIT_TOP;
	return GRADUS_CHANGE_NONE;
}

/* The dose a resumed plan starts from, fitted to the phase, the support
 * ceiling and the loads the person owns. */
static dose resume_dose(const prog *g, const gradus_exercise *e,
			const gradus_resume_item *r, const gradus_phase *ph)
{
	dose d = first_dose(g, e, ph);
	dose_owned o;
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
	dose_owned_for(g->c->p, e->load, &o);
	l.kind = e->load;
	l.kg = r->load_kg;
	l.band = r->band;
	l.machine_step = r->machine_step;
	d.load_i = dose_load_index(&o, &l);
	return d;
}

/* Fills w[k][0..weeks-1] for every exercise, week by week: one change
 * per exercise per week at most, nothing rises in a lighter week, and
 * nothing that would make the session longer than budget_s. */
static void progress(const prog *g, const pick *picks, size_t n, int weeks,
		     bool one_limb_region(const ctx *, const gradus_exercise *),
		     wdose (*w)[MAX_WEEKS])
{
	const gradus_template *t = g->c->t;
	track tr[MAX_PICKS];
	dose now[MAX_PICKS];
	int first_build = dose_phase_first_week(t, t->n_phases > 1 ? 1 : 0);

	memset(tr, 0, sizeof(tr));
	for (int wk = 1; wk <= weeks; wk++) {
		int real = g->week0 + wk - 1;
		int pi = dose_phase_index(t, real);
		const gradus_phase *ph = &t->phases[pi];
		bool deload = dose_is_deload(t, real) && wk > 1;
		bool learning = pi == 0 && t->n_phases > 1;
		/* at most a quarter of the exercises (at least one) take an
		 * intensity step in one week (our choice, D) */
		wk_ctx wc = {g, tr, now, n, ph, real, first_build, false, false, wk == weeks,
			     0, (int)(n + 3) / 4};
		bool drop[MAX_PICKS] = {false};

		/* the week's starting point for every exercise */
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
			if (now[k].reps_lo > dose_reps_top_lo(ph))
				drop[k] = true; /* a new phase with fewer reps */
			cur->change = GRADUS_CHANGE_NONE;
		}
		if (wk == 1 || !deload)
			/* a new phase (or a resumed plan's first week) with
			 * longer rests may not hold the sets of before: take
			 * sets away from the last exercises until the session
			 * fits (fewer sets is no rise) */
			for (size_t k = n; k-- > 0 &&
			     strength_seconds(now, n, g->partner, g->reps_cap, ph->rest_s) > g->budget_s;) {
				if (now[k].extra)
					now[k].extra = 0;
				else if (now[k].sets > 1)
					now[k].sets--;
			}
		if (wk == 1)
			/* a review found the person ready to progress
			 * (2-for-2): the load, support or version steps in
			 * the first week, not one more rep [ACSM2009] */
			for (size_t k = 0; k < n; k++) {
				const gradus_resume_item *r = picks[k].resume;
				wait_reason why;
				gradus_change ch;
				if (!r || !r->advance || strcmp(r->exercise_id, picks[k].ex->id) != 0)
					continue;
				wc.advance = true;
				ch = step(&wc, k, &why);
				wc.advance = false;
				if (ch == GRADUS_CHANGE_NONE)
					continue;
				w[k][0].change = ch;
				if (ch == GRADUS_CHANGE_LOAD || ch == GRADUS_CHANGE_VARIANT)
					tr[k].last_load = real;
			}
		if (wk > 1 && !deload) {
			/* sets a new phase asks for, while they fit */
			for (size_t k = 0; k < n; k++)
				if (now[k].sets < ph->sets_min &&
				    !(rises(&tr[k].shown, &now[k]) & ~(1u << GRADUS_CHANGE_SETS))) {
					dose c = now[k];
					c.sets++;
					if (fits(&wc, k, &c))
						now[k] = c;
				}
			/* one change each, in an order that turns every week
			 * so no exercise always comes first for the time left */
			for (size_t i = 0; i < n; i++) {
				size_t k = (i + (size_t)wk) % n;
				wdose *cur = &w[k][wk - 1];
				unsigned r = rises(&tr[k].shown, &now[k]);
				wait_reason why = WAIT_NONE;
				gradus_change ch = GRADUS_CHANGE_NONE;
				if (r) {
					/* back from a lighter week, or into a new phase:
					 * that is this week's one change (reps wait) */
					if (r & ~(1u << GRADUS_CHANGE_REPS) && now[k].reps_lo > tr[k].shown.reps_lo)
						now[k].reps_lo = tr[k].shown.reps_lo;
					r = rises(&tr[k].shown, &now[k]);
					ch = (r & (1u << GRADUS_CHANGE_SETS)) ? GRADUS_CHANGE_SETS
					   : GRADUS_CHANGE_REPS;
					if (tr[k].shown.sets + tr[k].shown.extra <
					    tr[k].train.sets + tr[k].train.extra)
						why = WAIT_BACK;
				} else if (learning) {
					why = WAIT_LEARNING;
				} else {
					wc.need_drop = drop[k];
					ch = step(&wc, k, &why);
				}
				/* what really rose since last week (sets taken
				 * away for time and given back are no rise) */
				r = rises(&tr[k].shown, &now[k]);
				if (drop[k] && !(r & ((1u << GRADUS_CHANGE_LOAD) | (1u << GRADUS_CHANGE_VARIANT))) &&
				    now[k].sets <= tr[k].shown.sets)
					/* reps never fall without a heavier load, a
					 * harder version or one more set: the window
					 * stays where it was until one comes */
					now[k].reps_lo = tr[k].shown.reps_lo > now[k].reps_lo
						? tr[k].shown.reps_lo : now[k].reps_lo;
				else if (drop[k] && now[k].reps_lo > dose_reps_top_lo(ph))
					now[k].reps_lo = dose_reps_top_lo(ph);
				r = rises(&tr[k].shown, &now[k]);
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
					wc.steps++;
				cur->change = ch;
				cur->wait = ch == GRADUS_CHANGE_NONE ? why : WAIT_NONE;
				if (ch == GRADUS_CHANGE_SETS && why == WAIT_BACK)
					cur->wait = WAIT_BACK;
			}
		}
		for (size_t k = 0; k < n; k++) {
			w[k][wk - 1].d = now[k];
			tr[k].shown = now[k];
			if (!deload)
				tr[k].train = now[k];
		}
	}
}

/* ---- explanations ---- */

typedef struct {
	gradus_why v[10];
	size_t n;
} whys;

static void why(whys *w, const char *rule, const char *text, const char *src)
{
	if (w->n < COUNT(w->v)) {
		w->v[w->n].rule = rule;
		w->v[w->n].text = text;
		w->v[w->n].source = src;
		w->n++;
	}
}


/* The review's rule and source behind a resumed dose. */
static const char *resume_rule(const gradus_resume_item *r)
{
	return r->rule ? r->rule : "R-REVIEW";
}

static const char *resume_source(const gradus_resume_item *r)
{
	return r->source ? r->source : "D";
}

/* The real reason nothing rose this week, in plain words. */
static const char *wait_words(wait_reason w)
{
	switch (w) {
	case WAIT_LEARNING:
		return "Same as last week: the first weeks are for learning the movements.";
	case WAIT_TIME:
		return "Same as last week: one more set would make the session longer than your minutes, so the next rise is in weight, band or version.";
	case WAIT_SPACING:
		return "Same as last week: the weight went up recently, and weight rises are kept some weeks apart.";
	case WAIT_STAGGER:
		return "Same as last week: your exercises take turns to get harder, so not everything changes at once.";
	case WAIT_TOP:
		return "Same as last week: this is the hardest version you can do with what you own.";
	case WAIT_MAINTENANCE:
		return "Same as last week: this program keeps function; the load does not rise.";
	case WAIT_BACK:
		return "Back to your full sets after the lighter week.";
	default:
		return "Same as last week.";
	}
}

/* When an exercise ends the plan at the heaviest weight or band the
 * person owns, say what would let them keep progressing. */
static void next_loads(const gradus_plan *pl, const ctx *c, arena *a, strlist *adv)
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
		dose_owned o;
		bool dup = false;
		if (e->load == GRADUS_LOAD_BODYWEIGHT && e->harder &&
		    (e->harder->equipment & ~c->p->equipment) &&
		    !(e->harder->equipment & ~c->p->equipment & ~(GRADUS_EQ_BAND |
			GRADUS_EQ_ANKLE_WEIGHT | GRADUS_EQ_DUMBBELL))) {
			/* the harder version needs only a band or a weight */
			unsigned miss = e->harder->equipment & ~c->p->equipment;
			thing = miss & GRADUS_EQ_ANKLE_WEIGHT ? "ankle weights (0.5 kg to start)"
			      : miss & GRADUS_EQ_DUMBBELL ? "light dumbbells (1 kg to start)"
			      : "a light exercise band";
		} else if (e->load != GRADUS_LOAD_BODYWEIGHT && e->load != GRADUS_LOAD_MACHINE) {
			int at;
			dose_owned_for(c->p, e->load, &o);
			at = o.n ? dose_load_index(&o, &it->load) : 0;
			/* the next weight: 0.5 kg more for ankle weights
			 * [OTAGO], 1 kg for dumbbells (D); the next band */
			double step = e->load == GRADUS_LOAD_ANKLE_WEIGHT ? 0.5 : 1.0;
			if (o.n == 0)
				thing = NULL;
			else if (weight_kind(e->load) &&
				 (at + 1 >= o.n || !dose_load_step_ok(&o, e->load, at)))
				/* the heaviest owned, or the next owned too big a
				 * step [ACSM2009] */
				thing = arena_printf(a, "a %g kg %s", it->load.kg + step,
						     e->load == GRADUS_LOAD_ANKLE_WEIGHT ? "ankle weight" : "dumbbell");
			else if (e->load == GRADUS_LOAD_BAND && at + 1 >= o.n &&
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

static int fill_weeks(gradus_plan *pl, arena *a, const prog *g,
		      const pick *picks, size_t n_picks, const int blocks[3],
		      int *max_minutes, wdose (*wd)[MAX_WEEKS], gradus_week *weeks);

static int build_weeks(gradus_plan *pl, arena *a, const prog *g,
		       const pick *picks, size_t n_picks, const int blocks[3],
		       int *max_minutes)
{
	/* the week-by-week doses are scratch: only the items are kept */
	wdose (*wd)[MAX_WEEKS] = malloc(MAX_PICKS * sizeof(*wd));
	gradus_week *weeks = arena_alloc(a, (size_t)pl->weeks_n * sizeof(*weeks));
	int rc;
	if (!weeks || !wd) {
		free(wd);
		return GRADUS_ENOMEM;
	}
	*max_minutes = 0;
	progress(g, picks, n_picks, pl->weeks_n, one_limb_exercise, wd);
	rc = fill_weeks(pl, a, g, picks, n_picks, blocks, max_minutes, wd, weeks);
	free(wd);
	return rc;
}

static int fill_weeks(gradus_plan *pl, arena *a, const prog *g,
		      const pick *picks, size_t n_picks, const int blocks[3],
		      int *max_minutes, wdose (*wd)[MAX_WEEKS], gradus_week *weeks)
{
	const gradus_template *t = g->c->t;
	const gradus_profile *p = g->c->p;
	dose_owned o;
	const gradus_exercise **bal = NULL;
	size_t n_bal = g->n_balance0;
	int walk = t->walking_min < 10 ? t->walking_min : 10;
	for (int w = 0; w < pl->weeks_n; w++) {
		gradus_week *wk = &weeks[w];
		const gradus_phase *ph;
		gradus_item *items = arena_alloc(a, (n_picks ? n_picks : 1) * sizeof(*items));
		gradus_session *ss;
		size_t n_s = 0;
		int pair_no = 0;
		if (!items)
			return GRADUS_ENOMEM;
		wk->number = g->week0 + w;
		wk->start = gradus_date_add(pl->start, 7L * w);
		wk->end = gradus_date_add(wk->start, 6);
		wk->deload = n_picks ? wd[0][w].deload : dose_is_deload(t, g->week0 + w);
		ph = &t->phases[dose_phase_index(t, g->week0 + w)];
		wk->phase = ph->name;
		/* balance climbs its ladder every third week (Otago levels:
		 * more support to less, feet together to tandem to one leg)
		 * and walking builds by 5 minutes every second week toward
		 * the template's minutes [OTAGO; the rhythm is our choice,
		 * D]; nothing rises in a lighter week */
		{
			const gradus_exercise **nb = arena_alloc(a, (n_bal ? n_bal : 1) * sizeof(*nb));
			if (!nb)
				return GRADUS_ENOMEM;
			for (size_t i = 0; i < n_bal; i++) {
				const gradus_exercise *e = bal ? bal[i] : g->balance0[i];
				const gradus_exercise *h = e->harder;
				bool free_rung = h != NULL;
				for (size_t j = 0; h && j < n_bal; j++)
					if ((bal ? bal[j] : g->balance0[j]) == h)
						free_rung = false;
				if (w > 0 && !wk->deload && wk->number % 3 == 1 && free_rung &&
				    usable(g->c, h) && balance_safe(g->c, h))
					e = h;
				nb[i] = e;
			}
			bal = nb;
			if (w > 0 && !wk->deload && wk->number % 2 == 1 && walk < t->walking_min)
				walk = walk + 5 < t->walking_min ? walk + 5 : t->walking_min;
			wk->walking_min = walk;
		}
		for (size_t k = 0; k < n_picks; k++) {
			const wdose *x = &wd[k][w];
			const gradus_exercise *e = x->d.ex;
			gradus_item *it = &items[k];
			whys wy = {0};
			it->exercise = e;
			it->sets = x->d.sets;
			it->affected_sets = x->d.extra ? x->d.sets + x->d.extra : 0;
			it->reps_min = x->d.reps_lo;
			it->reps_max = dose_reps_hi(x->d.reps_lo, ph);
			it->pair = 0;
			if (g->partner[k] == (int)k + 1)
				it->pair = ++pair_no;
			else if (g->partner[k] >= 0 && g->partner[k] == (int)k - 1)
				it->pair = items[k - 1].pair;
			it->hold_s = e->hold_s > 0 ? e->hold_s + x->d.hold_extra : 0;
			dose_owned_for(p, e->load, &o);
			it->load = o.n ? dose_load_at(&o, e->load, x->d.load_i)
				       : (gradus_load){e->load, 0.0, -1, 0};
			it->support = x->d.support;
			it->effort_min = ph->rpe_min < pl->effort_cap ? ph->rpe_min : pl->effort_cap;
			it->effort_max = ph->rpe_max < pl->effort_cap ? ph->rpe_max : pl->effort_cap;
			it->rest_s = ph->rest_s;
			it->change = x->change;
			why(&wy, "G-SETS", arena_printf(a, "%d set%s: start with 1 and build to 2 or 3 (phase \"%s\" allows %d to %d).",
					       it->sets, it->sets > 1 ? "s" : "", ph->name, ph->sets_min, ph->sets_max),
			    "NSCA2019");
			if (it->reps_max > ph->reps_max)
				why(&wy, "G-REPS", arena_printf(a, "%d to %d reps, more than this phase's %d-%d: reps come down only with a heavier weight, a harder version or one more set.",
						       it->reps_min, it->reps_max, ph->reps_min, ph->reps_max),
				    "ACSM2009, D");
			else
				why(&wy, "G-REPS", arena_printf(a, "%d to %d reps: 10-15 when starting, 8-12 later (phase range %d-%d).",
						       it->reps_min, it->reps_max, ph->reps_min, ph->reps_max),
				    "ACSM2009OA");
			why(&wy, "G-EFFORT", arena_printf(a, "Effort %d-%d of 10 (%s): phase \"%s\" asks %d-%d, never above the cap of %d.",
						 it->effort_min, it->effort_max,
						 gradus_effort_words(it->effort_max), ph->name,
						 ph->rpe_min, ph->rpe_max, pl->effort_cap),
			    "ACSM2009OA");
			why(&wy, "G-REST", arena_printf(a, "Rest %d s between sets (60-120 s).", it->rest_s), "ACSM2009");
			switch (x->change) {
			case GRADUS_CHANGE_START:
				if (picks[k].resume && picks[k].resume->why)
					why(&wy, resume_rule(picks[k].resume), picks[k].resume->why,
					    resume_source(picks[k].resume));
				else
					why(&wy, "G-START", "First week: the easy start, to learn the movement.", "ACSM2009OA, NSCA2019");
				break;
			case GRADUS_CHANGE_DELOAD:
				why(&wy, "G-DELOAD", arena_printf(a, "Lighter week (every %d weeks): about half the sets, or the fewest reps when there is one set; nothing rises.", t->deload_every),
				    "D");
				break;
			case GRADUS_CHANGE_REPS:
				why(&wy, "G-REPS-UP", "More reps: they climb within the range; at the top the weight goes up and the reps start again at the bottom.", "ACSM2009, NSCA2019");
				break;
			case GRADUS_CHANGE_SETS:
				why(&wy, "G-SETS-UP", x->d.extra && (w == 0 || !wd[k][w - 1].d.extra)
				    ? "One more set for the side that was in the cast or brace: it needs more work than the other."
				    : "One more set: sets are built one at a time, before the weight rises.",
				    "NSCA2019");
				break;
			case GRADUS_CHANGE_SUPPORT:
				why(&wy, "G-SUPPORT", "Less support (two hands, one hand, fingertips): your balance and legs do more of the work.", "OTAGO, VIVI");
				break;
			case GRADUS_CHANGE_LOAD:
				why(&wy, "G-LOAD", "The reps reached the top of the range: the next weight or band you own (at most 10 % more or your smallest step, at most once in two weeks), and the reps start again at the bottom.",
				    "ACSM2009, OTAGO");
				break;
			case GRADUS_CHANGE_HOLD:
				why(&wy, "G-HOLD-UP", "A longer hold: 2 seconds more each time (our choice).", "D");
				break;
			case GRADUS_CHANGE_VARIANT:
				why(&wy, "G-VARIANT", "The harder version: the easier one is done with all you own.", "OTAGO, VIVI");
				break;
			default:
				why(&wy, "G-WAIT", wait_words(x->wait),
				    x->wait == WAIT_SPACING ? "ACSM2009" : x->wait == WAIT_LEARNING ? "ACSM2009OA" : "D");
			}
			if (w == 0 && x->change != GRADUS_CHANGE_START &&
			    picks[k].resume && picks[k].resume->why)
				why(&wy, resume_rule(picks[k].resume), picks[k].resume->why,
				    resume_source(picks[k].resume));
			gradus_why *wv = arena_alloc(a, wy.n * sizeof(*wv));
			if (!wv)
				return GRADUS_ENOMEM;
			memcpy(wv, wy.v, wy.n * sizeof(*wv));
			it->why = wv;
			it->n_why = wy.n;
		}
		ss = arena_alloc(a, 7 * sizeof(*ss));
		if (!ss)
			return GRADUS_ENOMEM;
		for (int dd = 0; dd < 7; dd++) {
			gradus_date date = gradus_date_add(wk->start, dd);
			int wdy = gradus_date_weekday(date);
			if (!(pl->days & (1u << wdy)))
				continue;
			gradus_session *s = &ss[n_s++];
			s->date = date;
			s->weekday = wdy;
			s->items = items;
			s->n_items = n_picks;
			s->warmup_min = blocks[0];
			s->balance_min = blocks[1];
			s->balance = bal;
			s->n_balance = n_bal;
			s->cooldown_min = blocks[2];
			s->minutes = gradus_session_minutes(s);
			if (s->minutes > *max_minutes)
				*max_minutes = s->minutes;
		}
		wk->sessions = ss;
		wk->n_sessions = n_s;
	}
	pl->weeks = weeks;
	pl->n_weeks = (size_t)pl->weeks_n;
	return GRADUS_OK;
}

int gradus_plan_generate(gradus_plan **out, const gradus_profile *p,
			 const gradus_screening *s, const gradus_catalogue *cat,
			 const gradus_templates *tpl,
			 const gradus_plan_options *opt, gradus_diags *d)
{
	plan_box *box;
	gradus_plan *pl;
	arena *a;
	const gradus_template *t = NULL;
	ctx c;
	pick picks[MAX_PICKS];
	size_t n_picks;
	strlist adv = {0}, warn = {0}, reasons = {0};
	const gradus_exercise *blk[3][2] = {{NULL, NULL}, {NULL, NULL}, {NULL, NULL}};
	size_t n_blk[3];
	int rc, want_sessions, balance_min, max_minutes = 0;
	const char *days_line = NULL;
	int blocks[3]; /* warm-up, balance, cool-down minutes */

	*out = NULL;
	if (!s || s->tier > GRADUS_TIER_PRECAUTIONS) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
				 "no plan: screening says %s", s ? gradus_tier_name(s->tier) : "nothing");
		return GRADUS_EUSAGE;
	}
	box = calloc(1, sizeof(*box));
	if (!box)
		return GRADUS_ENOMEM;
	arena_init(&box->a);
	a = &box->a;
	pl = &box->plan;
	pl->profile = p;
	pl->screening = s;
	pl->start = opt && gradus_date_is_set(opt->start) ? opt->start : p->start;
	pl->weeks_n = opt && opt->weeks > 0 ? opt->weeks : p->weeks_planned;
	if (pl->weeks_n > MAX_WEEKS)
		pl->weeks_n = MAX_WEEKS;
	if (!gradus_date_is_set(pl->start)) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
				 "no start date: set 'setup.start' in the profile or give --start YYYY-MM-DD");
		rc = GRADUS_EUSAGE;
		goto fail;
	}
	assess(&pl->assessment, p, a);

	rc = template_for(&t, p, s, tpl, opt && opt->template_id ? opt->template_id : p->template_id,
			  pl->assessment.cls, a, &warn, d);
	if (rc)
		goto fail;
	pl->template = t;
	pl->effort_cap = effort_cap(pl, p, s, t, a, &reasons);

	ctx_init(&c, p, s, t, cat, &pl->assessment, pl->start);

	pl->first_week = opt && opt->resume && opt->resume->week > 1 ? opt->resume->week : 1;
	if (opt && opt->resume)
		n_picks = resume_picks(&c, opt->resume, picks, a, &warn);
	else
		n_picks = select_strength(&c, &pl->assessment, picks,
					  (size_t)t->exercises_max < MAX_PICKS ? (size_t)t->exercises_max : MAX_PICKS,
					  &warn, a);
	if (n_picks == 0) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
				 "no strength exercise in the catalogue fits this person's mobility, equipment and precautions");
		rc = GRADUS_EINVALID;
		goto fail;
	}
	n_blk[0] = select_block(&c, GRADUS_PAT_WARMUP, blk[0], 2);
	n_blk[1] = select_block(&c, GRADUS_PAT_BALANCE, blk[1], 2);
	n_blk[2] = select_block(&c, GRADUS_PAT_MOBILITY, blk[2], 2);
	balance_min = n_blk[1] ? t->balance_min : 0;
	if (n_blk[1] && balance_min < 5 && s->precautions.balance_emphasis)
		balance_min = 5; /* falls: balance every session [OTAGO, VIVI]; 5 min our choice (D) */

	/* sessions: the profile's days, >= 48 h apart */
	want_sessions = p->sessions_per_week > 0 ? p->sessions_per_week : t->sessions_per_week;
	if (want_sessions > popcount(p->days))
		want_sessions = popcount(p->days);
	for (int k = want_sessions; k >= 1; k--) {
		pl->days = choose_days(p->days, k);
		if (pl->days) {
			if (k < want_sessions)
				strlist_add(a, &warn, arena_printf(a, "Only %d session%s a week: the chosen days leave less than 48 hours between sessions otherwise.",
							  k, k > 1 ? "s" : ""));
			break;
		}
	}
	pl->sessions_per_week = popcount(pl->days);
	if (popcount(p->days) > pl->sessions_per_week && pl->sessions_per_week == want_sessions) {
		/* more days given than sessions: say why, and what the other
		 * days are for [ACSM2009, NSCA2019: 2-3 a week, a day between] */
		days_line = arena_printf(a, "You gave %d days; strength training is %d of them, with a day of rest in between so the muscles recover.%s",
					 popcount(p->days), pl->sessions_per_week,
					 t->walking_min > 0 && p->mobility >= GRADUS_MOB_WALKS_WITH_AID
					 ? " Use the other days for your walks." : "");
		strlist_add(a, &warn, arena_printf(a, "%d days given, %d strength sessions a week: the %s (2-3 a week, 48 hours apart).",
						   popcount(p->days), pl->sessions_per_week,
						   p->sessions_per_week > 0 ? "profile's program.sessions_per_week"
									    : "template's sessions_per_week"));
	}

	/* Fit the minutes, by calculation: warm-up and cool-down sized to
	 * the session; then as many exercises as fit with two sets each (one
	 * set each of at least the minimum for the session's length: 4 below
	 * 30 minutes or at bed level, 6 from 30, 8 from 45 [ACSM2009OA];
	 * then load, not more sets, carries the progression). Rises that
	 * would overrun wait (progress). */
	{
		const gradus_exercise *selected[MAX_PICKS];
		int warmup_min = t->warmup_min, cooldown_min = t->cooldown_min;
		int reps_cap = 0, rest = 0, n1, n2, budget;
		size_t need_min = p->mobility == GRADUS_MOB_BED || p->minutes < 30 ? 4
				: p->minutes < 45 ? 6 : 8;
		size_t n_use;
		int partner[MAX_PICKS];
		/* warm-up about a seventh of the session, at least 3 minutes;
		 * cool-down a tenth, at least 2; never more than the template
		 * says (our choice, D) */
		if (warmup_min > 3 && warmup_min > p->minutes / 7)
			warmup_min = p->minutes / 7 > 3 ? p->minutes / 7 : 3;
		if (cooldown_min > 2 && cooldown_min > p->minutes / 10)
			cooldown_min = p->minutes / 10 > 2 ? p->minutes / 10 : 2;
		for (size_t i = 0; i < t->n_phases; i++) {
			if (t->phases[i].reps_max > reps_cap)
				reps_cap = t->phases[i].reps_max;
			if (t->phases[i].rest_s > rest)
				rest = t->phases[i].rest_s;
		}
		for (;;) {
			budget = (p->minutes - warmup_min - balance_min - cooldown_min) * 60;
			n1 = n2 = 0;
			for (size_t n = 1; n <= n_picks; n++) {
				pick tmp[MAX_PICKS];
				dose ds[MAX_PICKS];
				int part[MAX_PICKS];
				memcpy(tmp, picks, n * sizeof(*tmp));
				pair_up(tmp, n, part);
				for (int sets = 1; sets <= 2; sets++) {
					for (size_t k = 0; k < n; k++) {
						memset(&ds[k], 0, sizeof(ds[k]));
						ds[k].ex = tmp[k].ex;
						ds[k].sets = sets;
						ds[k].extra = one_limb_exercise(&c, tmp[k].ex);
					}
					if (strength_seconds(ds, n, part, reps_cap, rest) <= budget) {
						if (sets == 1)
							n1 = (int)n;
						else
							n2 = (int)n;
					}
				}
			}
			if (n1 > 0 && ((size_t)n1 >= need_min || (size_t)n1 >= n_picks ||
				       (balance_min <= 2 && warmup_min <= 3 && cooldown_min <= 2)))
				break;
			/* not even one exercise: shorter balance, warm-up and
			 * cool-down (never none of the warm-up; our choice, D) */
			if (balance_min > 2)
				balance_min--;
			else if (warmup_min > 3)
				warmup_min--;
			else if (cooldown_min > 2)
				cooldown_min--;
			else if (balance_min > 0 && n1 == 0)
				balance_min--;
			else {
				gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
						 "%d minutes is too short for even one exercise with warm-up and cool-down",
						 p->minutes);
				rc = GRADUS_EINVALID;
				goto fail;
			}
		}
		n_use = (size_t)n2;
		if (n_use < need_min)
			n_use = (size_t)n1 < need_min ? (size_t)n1 : need_min;
		if (n_use < (size_t)n2)
			n_use = (size_t)n2;
		if (n_use < n_picks)
			strlist_add(a, &warn, arena_printf(a, "%zu exercises of the %zu chosen fit %d minutes a session (warm-up %d, balance %d, cool-down %d minutes).",
						  n_use, n_picks, p->minutes, warmup_min, balance_min, cooldown_min));
		if ((int)n_use < t->exercises_min)
			strlist_add(a, &warn, arena_printf(a, "Below the template's minimum of %d exercises: %s.",
						  t->exercises_min, n_use < n_picks
						  ? "the session's minutes do not hold more"
						  : "no more exercises fit the equipment, mobility and precautions"));
		back_extensor_note(&c, picks, n_use, a, &warn);
		pair_up(picks, n_use, partner);
		for (size_t k = 0; k < n_use; k++)
			selected[k] = picks[k].ex;
		blocks[0] = warmup_min;
		blocks[1] = balance_min;
		blocks[2] = cooldown_min;
		{
			prog g = {&c, pl->assessment.fall_risk_plus, false, selected, n_use,
				  pl->first_week, partner, budget, reps_cap, blk[1], n_blk[1]};
			g.start_up = !pl->assessment.from_mobility && !pl->assessment.fall_risk_plus &&
				     pl->assessment.cls >= GRADUS_CLASS_C;
			rc = build_weeks(pl, a, &g, picks, n_use, blocks, &max_minutes);
			if (rc)
				goto fail;
		}
		if (max_minutes > p->minutes) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
					 "internal error: a session of %d minutes for %d (please report)",
					 max_minutes, p->minutes);
			rc = GRADUS_EINVALID;
			goto fail;
		}
		n_picks = n_use;
	}

	for (int b = 0; b < 3; b++) {
		const gradus_exercise **v = arena_alloc(a, (n_blk[b] ? n_blk[b] : 1) * sizeof(*v));
		if (!v) {
			rc = GRADUS_ENOMEM;
			goto fail;
		}
		memcpy(v, blk[b], n_blk[b] * sizeof(*v));
		if (b == 0) { pl->warmup = v; pl->n_warmup = n_blk[b]; }
		if (b == 1) { pl->balance = v; pl->n_balance = n_blk[b]; }
		if (b == 2) { pl->cooldown = v; pl->n_cooldown = n_blk[b]; }
	}
	pl->walking_min = t->walking_min;
	pl->walking_days = t->walking_days;
	advice(pl, p, s, a, &adv);
	strlist_add(a, &adv, days_line);
	next_loads(pl, &c, a, &adv);
	if (s->precautions.supervision_needed && p->supervision == GRADUS_SUP_ALONE)
		strlist_add(a, &warn, "Screening asks for a caregiver at every session, but the profile says 'alone'.");
	if (c.emphasis)
		strlist_add(a, &reasons, "Exercises for the limb that was immobilised come first; the rest of the body is trained too.");
	pl->advice = adv.v;
	pl->n_advice = adv.n;
	pl->warnings = warn.v;
	pl->n_warnings = warn.n;
	{
		gradus_why *wv = arena_alloc(a, (reasons.n ? reasons.n : 1) * sizeof(*wv));
		if (!wv) {
			rc = GRADUS_ENOMEM;
			goto fail;
		}
		for (size_t i = 0; i < reasons.n; i++) {
			wv[i].rule = "G-PLAN";
			wv[i].text = reasons.v[i];
			wv[i].source = "D";
		}
		pl->why = wv;
		pl->n_why = reasons.n;
	}
	if (a->failed) {
		rc = GRADUS_ENOMEM;
		goto fail;
	}
	*out = pl;
	return GRADUS_OK;
fail:
	arena_free(&box->a);
	free(box);
	return rc;
}

void gradus_plan_free(gradus_plan *plan)
{
	plan_box *b = (plan_box *)plan;
	if (!b)
		return;
	arena_free(&b->a);
	free(b);
}
