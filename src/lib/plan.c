/* The generator: assessment, template choice, selection, progression and
 * schedule (DESIGN.md section 6, invariants of section 7). */
#include "gradus/plan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "internal.h"

typedef struct {
	gradus_plan plan; /* first: the public part */
	arena a;
} plan_box;

#define MAX_PICKS 12
#define MAX_WEEKS 52

/* ---- small helpers ---- */


/* A growable list of strings kept in the arena. */
typedef struct {
	const char **v;
	size_t n, cap;
} strlist;

static void strlist_add(arena *a, strlist *l, const char *s)
{
	if (!s)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		const char **v = arena_alloc(a, cap * sizeof(*v));
		if (!v)
			return;
		if (l->n)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
}

static const char *const support_names[] = {"two_hands", "one_hand",
					    "fingertips", "none"};
const char *gradus_support_name(gradus_support s)
{
	return s >= 0 && s <= GRADUS_SUPPORT_NONE ? support_names[s] : "n/a";
}

static const char *const change_names[] = {"start", "none", "reps",
					   "sets",  "support", "load",
					   "variant", "deload"};
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

/* ---- assessment ---- */

static void assess(gradus_assessment *as, const gradus_profile *p, arena *a)
{
	const gradus_measures *m = &p->measures;
	strlist notes = {0};
	bool low_gait = !isnan(m->gait_speed_m_s) && m->gait_speed_m_s <= 0.8;

	memset(as, 0, sizeof(*as));
	if (m->sppb >= 0) {
		/* Vivifrail passports: SPPB 0-3 A, 4-6 B, 7-9 C, 10-12 D [VIVI, SPPB] */
		as->cls = m->sppb <= 3 ? GRADUS_CLASS_A
			: m->sppb <= 6 ? GRADUS_CLASS_B
			: m->sppb <= 9 ? GRADUS_CLASS_C : GRADUS_CLASS_D;
		strlist_add(a, &notes, arena_printf(a, "Starting level %s from the SPPB score of %d [VIVI, SPPB].",
					   gradus_class_name(as->cls), m->sppb));
	} else {
		/* No SPPB: a conservative class from mobility, never above C
		 * (our choice, D), and no higher than gait speed suggests. */
		static const gradus_class by_mobility[GRADUS_MOB__COUNT] = {
			GRADUS_CLASS_A, GRADUS_CLASS_A, GRADUS_CLASS_B, GRADUS_CLASS_C};
		as->cls = by_mobility[p->mobility];
		if (low_gait && as->cls > GRADUS_CLASS_B)
			as->cls = GRADUS_CLASS_B; /* gait <= 0.8 m/s [EWGSOP2] */
		as->from_mobility = true;
		as->test_to_do = p->mobility <= GRADUS_MOB_WHEELCHAIR
			? "the grip strength test"
			: "the Short Physical Performance Battery (SPPB), or at least the 5-times chair stand";
		static const char *const mobility_words[GRADUS_MOB__COUNT] = {
			"mostly in bed", "uses a wheelchair",
			"walks with a stick or frame", "walks without help"};
		strlist_add(a, &notes, arena_printf(a, "No SPPB score: starting level %s is a careful guess from how you get about (%s). Ask for %s to set a better start.",
					   gradus_class_name(as->cls),
					   mobility_words[p->mobility], as->test_to_do));
	}
	/* Fall-risk "+": TUG >= 20 s, gait < 0.8 m/s, dementia, recurrent
	 * falls [VIVI] */
	if ((!isnan(m->tug_s) && m->tug_s >= 20) ||
	    (!isnan(m->gait_speed_m_s) && m->gait_speed_m_s < 0.8) ||
	    (p->conditions & GRADUS_TAGBIT(GRADUS_TAG_DEMENTIA)) ||
	    p->falls_last_year >= 2) {
		as->fall_risk_plus = true;
		strlist_add(a, &notes, "Higher risk of falling (passport \"+\"): balance work in every session, and always something sturdy to hold [VIVI].");
	}
	/* EWGSOP2: low strength = grip < 27 kg men, < 16 kg women, or five
	 * chair stands > 15 s; low performance = gait <= 0.8 m/s or TUG >=
	 * 20 s; both = severe. Information, not a diagnosis. */
	if (!isnan(m->grip_kg) &&
	    m->grip_kg < (p->sex == GRADUS_SEX_MALE ? 27.0 : 16.0))
		as->low_strength = true;
	if (!isnan(m->chair_stand_5x_s) && m->chair_stand_5x_s > 15.0)
		as->low_strength = true;
	if (low_gait || (!isnan(m->tug_s) && m->tug_s >= 20.0))
		as->low_performance = true;
	as->severe = as->low_strength && as->low_performance;
	as->sarc_f_positive = m->sarc_f >= 4; /* [SARCF] */
	if (as->severe)
		strlist_add(a, &notes, "Tests show low strength and low walking performance: this fits severe sarcopenia by the EWGSOP2 cut-offs. This is information for your doctor, not a diagnosis [EWGSOP2].");
	else if (as->low_strength)
		strlist_add(a, &notes, "Tests show low muscle strength (probable sarcopenia by the EWGSOP2 cut-offs). This is information for your doctor, not a diagnosis [EWGSOP2].");
	else if (as->low_performance)
		strlist_add(a, &notes, "Walking tests are slow (low physical performance by the EWGSOP2 cut-offs) [EWGSOP2].");
	if (as->sarc_f_positive)
		strlist_add(a, &notes, arena_printf(a, "SARC-F score %d of 10 (4 or more is a positive screen) [SARCF].",
					   m->sarc_f));
	as->notes = notes.v;
	as->n_notes = notes.n;
}

/* ---- template choice ---- */

static int popcount(unsigned v)
{
	int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

/* How strictly a template must fit: all of kind, class and mobility;
 * then kind and mobility; then kind alone. Exercises are fitted to the
 * person's mobility and precautions whichever template is used. */
enum { FIT_ALL, FIT_NO_CLASS, FIT_KIND_ONLY };

static bool is_maintenance(const gradus_template *t)
{
	return t->max_rpe <= 5 && !t->load_progression && t->clearance_required;
}

static bool template_fits_at(const gradus_template *t, const gradus_profile *p,
			     const gradus_screening *s, gradus_class cls,
			     int level)
{
	/* neurogenic (or cleared unknown) weakness: a maintenance template,
	 * whatever kinds it lists */
	bool kind_ok = s->precautions.neuro_maintenance
		? is_maintenance(t) : (t->kinds & (1u << p->kind)) != 0;
	if (!kind_ok)
		return false;
	if (level <= FIT_NO_CLASS && !(t->mobility & (1u << p->mobility)))
		return false;
	if (level == FIT_ALL && !(t->classes & (1u << cls)))
		return false;
	if (t->gym && !(p->equipment & GRADUS_EQ_GYM))
		return false;
	if (t->clearance_required && !p->has_clearance)
		return false;
	/* neurogenic weakness with clearance: the maintenance program only */
	if (s->precautions.neuro_maintenance != is_maintenance(t))
		return false;
	return true;
}

static bool template_fits(const gradus_template *t, const gradus_profile *p,
			  const gradus_screening *s, gradus_class cls)
{
	return template_fits_at(t, p, s, cls, FIT_ALL);
}

/* Most specific fitting template: one made for gym owners when the person
 * has a gym, then the fewest condition kinds, then the narrowest classes
 * and mobility, then id order. */
static const gradus_template *choose_template(const gradus_profile *p,
					      const gradus_screening *s,
					      const gradus_templates *tpl,
					      gradus_class cls, int level)
{
	const gradus_template *best = NULL;
	for (size_t i = 0; i < gradus_templates_count(tpl); i++) {
		const gradus_template *t = gradus_templates_get(tpl, i);
		if (!template_fits_at(t, p, s, cls, level))
			continue;
		if (!best) {
			best = t;
			continue;
		}
		if (t->gym != best->gym) {
			if (t->gym)
				best = t;
			continue;
		}
		int tk = popcount(t->kinds), bk = popcount(best->kinds);
		if (tk != bk) {
			if (tk < bk)
				best = t;
			continue;
		}
		int tw = popcount(t->classes) + popcount(t->mobility);
		int bw = popcount(best->classes) + popcount(best->mobility);
		if (tw < bw || (tw == bw && strcmp(t->id, best->id) < 0))
			best = t;
	}
	return best;
}

/* ---- selection ---- */

typedef struct {
	const gradus_profile *p;
	const gradus_screening *s;
	const gradus_template *t;
	const gradus_catalogue *cat;
	int max_level;
	int start_level;
	unsigned emphasis; /* regions to emphasise (disuse) */
} ctx;

static bool position_fits(gradus_position pos, gradus_mobility mob)
{
	switch (mob) {
	case GRADUS_MOB_BED: /* bed -> bed, supine, seated (DESIGN 7.9) */
		return pos == GRADUS_POS_BED || pos == GRADUS_POS_SUPINE ||
		       pos == GRADUS_POS_SEATED;
	case GRADUS_MOB_WHEELCHAIR: /* wheelchair -> seated */
		return pos == GRADUS_POS_SEATED;
	case GRADUS_MOB_WALKS_WITH_AID: /* standing only with support */
		return pos != GRADUS_POS_STANDING;
	default:
		return true;
	}
}

static bool excluded(const gradus_profile *p, const char *id)
{
	for (size_t i = 0; i < p->n_exclude; i++)
		if (strcmp(p->exclude[i], id) == 0)
			return true;
	return false;
}

/* Everything that makes an exercise unsafe or impossible for the person. */
static bool usable(const ctx *c, const gradus_exercise *e)
{
	const gradus_profile *p = c->p;
	/* a machine's weight is set to suit anyone the gym template fits,
	 * so machines are limited by the template's level, not the class */
	if (e->level > (e->load == GRADUS_LOAD_MACHINE ? c->t->max_level : c->max_level))
		return false;
	if (!position_fits(e->position, p->mobility))
		return false;
	/* Standing up from a chair or stepping is not for people who do not
	 * stand: wheelchair and bed mobility. */
	if (p->mobility <= GRADUS_MOB_WHEELCHAIR &&
	    (e->pattern == GRADUS_PAT_SIT_TO_STAND || e->pattern == GRADUS_PAT_LUNGE))
		return false;
	if ((e->equipment & ~p->equipment) != 0)
		return false;
	if (e->avoid & c->s->precautions.avoid)
		return false;
	if (e->regions & c->s->precautions.no_strength_regions &&
	    e->pattern != GRADUS_PAT_WARMUP && e->pattern != GRADUS_PAT_MOBILITY)
		return false;
	if (excluded(p, e->id))
		return false;
	return true;
}

static const gradus_exercise *ladder_root(const gradus_exercise *e)
{
	int guard = 0;
	while (e->easier && guard++ < 64)
		e = e->easier;
	return e;
}

/* How well a position suits the way the person gets about: 0 best.
 * Lying down is kept for people in bed; people who stand train standing
 * (with support when they walk with an aid). Our choice (D). */
static int position_penalty(gradus_position pos, gradus_mobility mob)
{
	static const int pen[GRADUS_MOB__COUNT][GRADUS_POS__COUNT] = {
		/* bed supine seated st_supp standing prone side_lying */
		[GRADUS_MOB_BED] = {0, 10, 10, 0, 0, 40, 40},
		[GRADUS_MOB_WHEELCHAIR] = {40, 40, 0, 0, 0, 40, 40},
		[GRADUS_MOB_WALKS_WITH_AID] = {40, 40, 5, 0, 0, 40, 40},
		[GRADUS_MOB_INDEPENDENT] = {40, 30, 10, 0, 0, 40, 40},
	};
	return pen[mob][pos];
}

/* Lower is better. */
static int score(const ctx *c, const gradus_exercise *e, int target)
{
	int s = position_penalty(e->position, c->p->mobility);
	/* start at the target level or just below it */
	if (e->level <= target)
		s += (target - e->level) * 10;
	else
		s += 100 + (e->level - target) * 10;
	/* blood thinner: seated or supported first (M) */
	if (c->s->precautions.prefer_supported && e->position == GRADUS_POS_STANDING)
		s += 50;
	if (c->emphasis && (e->regions & c->emphasis))
		s -= 5;
	/* a gym program uses the machines */
	if (c->t->gym && e->load == GRADUS_LOAD_MACHINE)
		s -= 200;
	return s;
}

static const gradus_exercise *best_of(const ctx *c, gradus_pattern pat,
				      const gradus_exercise *const *taken,
				      size_t n_taken, int target)
{
	const gradus_exercise *best = NULL;
	int best_score = 0;
	for (size_t i = 0; i < gradus_catalogue_count(c->cat); i++) {
		const gradus_exercise *e = gradus_catalogue_get(c->cat, i);
		bool clash = false;
		if (e->pattern != pat || !usable(c, e))
			continue;
		for (size_t k = 0; k < n_taken; k++)
			if (taken[k] == e || ladder_root(taken[k]) == ladder_root(e))
				clash = true;
		if (clash)
			continue;
		int sc = score(c, e, target);
		if (!best || sc < best_score) { /* catalogue is in id order */
			best = e;
			best_score = sc;
		}
	}
	return best;
}

typedef struct {
	const gradus_exercise *ex;
	int priority;
	bool emphasis;
	const gradus_resume_item *resume; /* a resumed plan's starting dose */
} pick;

static int by_priority(const void *a, const void *b)
{
	const gradus_slot *x = a, *y = b;
	if (x->priority != y->priority)
		return x->priority - y->priority;
	return x->line - y->line;
}

static size_t select_strength(const ctx *c, pick *out, size_t max)
{
	gradus_slot slots[16];
	const gradus_exercise *taken[MAX_PICKS];
	size_t n = 0, ns = c->t->n_slots < 16 ? c->t->n_slots : 16;

	memcpy(slots, c->t->slots, ns * sizeof(*slots));
	qsort(slots, ns, sizeof(*slots), by_priority);
	/* first pass: one per slot in priority order; second: the second of
	 * slots with count 2 */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < ns && n < max; i++) {
			const gradus_exercise *e;
			if (pass == 1 && slots[i].count < 2)
				continue;
			e = best_of(c, slots[i].pattern, taken, n, c->start_level);
			if (!e)
				continue;
			taken[n] = e;
			out[n].ex = e;
			out[n].priority = slots[i].priority + pass * 100;
			out[n].emphasis = c->emphasis && (e->regions & c->emphasis);
			out[n].resume = NULL;
			n++;
		}
	/* disuse: exercises for the immobilised region go first */
	if (c->emphasis) {
		pick tmp[MAX_PICKS];
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (out[i].emphasis)
				tmp[k++] = out[i];
		for (size_t i = 0; i < n; i++)
			if (!out[i].emphasis)
				tmp[k++] = out[i];
		memcpy(out, tmp, n * sizeof(*out));
	}
	return n;
}

/* Warm-up, balance and cool-down aim at the highest level allowed:
 * they are not progressed, so they start where the person can work. */
static size_t select_block(const ctx *c, gradus_pattern pat,
			   const gradus_exercise **out, size_t max)
{
	size_t n = 0;
	while (n < max) {
		const gradus_exercise *e = best_of(c, pat, out, n, c->max_level);
		if (!e)
			break;
		out[n++] = e;
	}
	return n;
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

/* ---- loads ---- */

typedef struct {
	int n;             /* steps available (machine: unlimited -> 30) */
	double kg[GRADUS_MAX_WEIGHTS];
	int band[GRADUS_BAND__COUNT];
} owned_loads;

static void owned_for(const gradus_profile *p, gradus_load_kind k,
		      owned_loads *o)
{
	memset(o, 0, sizeof(*o));
	switch (k) {
	case GRADUS_LOAD_ANKLE_WEIGHT:
		o->n = (int)p->n_ankle_weights;
		memcpy(o->kg, p->ankle_weights_kg, sizeof(double) * p->n_ankle_weights);
		break;
	case GRADUS_LOAD_DUMBBELL:
		o->n = (int)p->n_dumbbells;
		memcpy(o->kg, p->dumbbells_kg, sizeof(double) * p->n_dumbbells);
		break;
	case GRADUS_LOAD_BAND:
		for (int b = 0; b < GRADUS_BAND__COUNT; b++)
			if (p->bands & (1u << b))
				o->band[o->n++] = b;
		break;
	case GRADUS_LOAD_MACHINE:
		o->n = 30;
		break;
	default:
		o->n = 0;
	}
}

/* May the load go from step i to i + 1? At most +10 % or the smallest
 * step among the owned weights [ACSM2009; OTAGO 0.5 kg steps]. */
static bool load_step_ok(const owned_loads *o, gradus_load_kind k, int i)
{
	double diff, smallest = 1e9;
	if (i + 1 >= o->n)
		return false;
	if (k == GRADUS_LOAD_BAND || k == GRADUS_LOAD_MACHINE)
		return true; /* next owned band; smallest machine step */
	for (int j = 1; j < o->n; j++)
		if (o->kg[j] - o->kg[j - 1] < smallest)
			smallest = o->kg[j] - o->kg[j - 1];
	diff = o->kg[i + 1] - o->kg[i];
	return diff <= 0.10 * o->kg[i] + 1e-9 || fabs(diff - smallest) < 1e-9;
}

static gradus_load load_at(const owned_loads *o, gradus_load_kind k, int i)
{
	gradus_load l = {k, 0.0, -1, 0};
	if (k == GRADUS_LOAD_ANKLE_WEIGHT || k == GRADUS_LOAD_DUMBBELL)
		l.kg = o->kg[i];
	else if (k == GRADUS_LOAD_BAND)
		l.band = o->band[i];
	else if (k == GRADUS_LOAD_MACHINE)
		l.machine_step = i;
	return l;
}

/* ---- progression ---- */

typedef struct {
	const gradus_exercise *ex;
	int sets, reps_lo;
	gradus_support support;
	int load_i;              /* index into owned loads of ex->load */
} dose;

typedef struct {
	dose train;              /* the last non-deload dose */
	dose prev;               /* last week's prescription */
	int last_big;            /* week of the last non-reps rise */
	int last_load;           /* week of the last load rise */
} track;

static int phase_index(const gradus_template *t, int week)
{
	int end = 0;
	for (size_t i = 0; i < t->n_phases; i++) {
		if (t->phases[i].weeks == 0 || i + 1 == t->n_phases)
			return (int)i;
		end += t->phases[i].weeks;
		if (week <= end)
			return (int)i;
	}
	return 0;
}

static bool is_deload(const gradus_template *t, int week)
{
	return t->deload_every >= 2 && week % t->deload_every == 0;
}

static int reps_top_lo(const gradus_phase *ph)
{
	/* rep range shown as [lo, lo + 2] within the phase's range */
	return ph->reps_max - 2 > ph->reps_min ? ph->reps_max - 2 : ph->reps_min;
}

static gradus_support support_ceiling(const ctx *c, bool fall_plus)
{
	/* walking with an aid: always hold on (DESIGN 7.9); fall risk or a
	 * blood thinner: keep at least one hand on (our choice, D) */
	if (c->p->mobility == GRADUS_MOB_WALKS_WITH_AID)
		return GRADUS_SUPPORT_FINGERTIPS;
	if (fall_plus || c->s->precautions.balance_emphasis ||
	    c->s->precautions.prefer_supported)
		return GRADUS_SUPPORT_ONE_HAND;
	return GRADUS_SUPPORT_NONE;
}

static dose first_dose(const gradus_exercise *e, const gradus_phase *ph)
{
	dose d;
	d.ex = e;
	d.sets = ph->sets_min;
	d.reps_lo = ph->reps_min;
	d.support = e->supported ? GRADUS_SUPPORT_TWO_HANDS : GRADUS_SUPPORT_NA;
	d.load_i = 0;
	return d;
}

/* What rose from a to b; a variant change counts alone. */
static unsigned rises(const dose *a, const dose *b)
{
	unsigned r = 0;
	if (a->ex != b->ex)
		return 1u << GRADUS_CHANGE_VARIANT;
	if (b->reps_lo > a->reps_lo)
		r |= 1u << GRADUS_CHANGE_REPS;
	if (b->sets > a->sets)
		r |= 1u << GRADUS_CHANGE_SETS;
	if (b->support > a->support)
		r |= 1u << GRADUS_CHANGE_SUPPORT;
	if (b->load_i > a->load_i)
		r |= 1u << GRADUS_CHANGE_LOAD;
	return r;
}

typedef struct {
	const ctx *c;
	bool fall_plus;
	int sets_cap;
	const gradus_exercise *const *selected; size_t n_selected;
	int week0;               /* the plan's first week number */
} prog;

static bool variant_ok(const prog *g, const gradus_exercise *h)
{
	if (!h || !usable(g->c, h))
		return false;
	for (size_t i = 0; i < g->n_selected; i++)
		if (g->selected[i] == h)
			return false;
	return true;
}

/* One step of progression in the order reps -> sets -> support -> load
 * -> harder variant [OTAGO, VIVI]. Returns the change made, or
 * GRADUS_CHANGE_NONE when the next step must wait. */
static gradus_change step(const prog *g, track *tr, dose *d,
			  const gradus_phase *ph, int week)
{
	const gradus_template *t = g->c->t;
	owned_loads o;
	int sets_max = ph->sets_max < g->sets_cap ? ph->sets_max : g->sets_cap;
	bool settled = week - tr->last_big >= 2;

	if (d->reps_lo < reps_top_lo(ph)) {
		d->reps_lo += 2;
		if (d->reps_lo > reps_top_lo(ph))
			d->reps_lo = reps_top_lo(ph);
		return GRADUS_CHANGE_REPS;
	}
	if (!settled)
		return GRADUS_CHANGE_NONE;
	if (d->sets < sets_max) {
		d->sets++;
		d->reps_lo = ph->reps_min;
		return GRADUS_CHANGE_SETS;
	}
	if (d->support != GRADUS_SUPPORT_NA &&
	    d->support < support_ceiling(g->c, g->fall_plus)) {
		d->support++;
		d->reps_lo = ph->reps_min;
		return GRADUS_CHANGE_SUPPORT;
	}
	if (!t->load_progression)
		return GRADUS_CHANGE_NONE;
	owned_for(g->c->p, d->ex->load, &o);
	if (o.n > 0 && week - tr->last_load >= 2 &&
	    load_step_ok(&o, d->ex->load, d->load_i)) {
		d->load_i++;
		d->reps_lo = ph->reps_min;
		return GRADUS_CHANGE_LOAD;
	}
	if (variant_ok(g, d->ex->harder) && week - tr->last_load >= 2) {
		*d = first_dose(d->ex->harder, ph);
		return GRADUS_CHANGE_VARIANT;
	}
	return GRADUS_CHANGE_NONE;
}

typedef struct {
	dose d;
	gradus_change change;
	int phase;
	bool deload;
} wdose;

/* The dose a resumed plan starts from, fitted to the phase, the support
 * ceiling and the loads the person owns. */
static dose resume_dose(const prog *g, const gradus_exercise *e,
			const gradus_resume_item *r, const gradus_phase *ph,
			int sets_max)
{
	dose d = first_dose(e, ph);
	owned_loads o;
	if (!r || strcmp(r->exercise_id, e->id) != 0)
		return d; /* replaced by an easier variant: start it fresh */
	d.sets = r->sets < 1 ? 1 : r->sets > sets_max ? sets_max : r->sets;
	d.reps_lo = r->reps_min < ph->reps_min ? ph->reps_min
		: r->reps_min > reps_top_lo(ph) ? reps_top_lo(ph) : r->reps_min;
	if (e->supported) {
		gradus_support ceil = support_ceiling(g->c, g->fall_plus);
		d.support = r->support < GRADUS_SUPPORT_TWO_HANDS ? GRADUS_SUPPORT_TWO_HANDS
			: r->support > ceil ? ceil : r->support;
	}
	owned_for(g->c->p, e->load, &o);
	d.load_i = 0;
	for (int i = 0; i < o.n; i++) {
		/* the heaviest owned load not above the one in use */
		if ((e->load == GRADUS_LOAD_ANKLE_WEIGHT || e->load == GRADUS_LOAD_DUMBBELL) &&
		    o.kg[i] <= r->load_kg + 1e-9)
			d.load_i = i;
		if (e->load == GRADUS_LOAD_BAND && r->band >= 0 && o.band[i] <= r->band)
			d.load_i = i;
		if (e->load == GRADUS_LOAD_MACHINE && i <= r->machine_step)
			d.load_i = i;
	}
	return d;
}

/* Seconds one exercise takes at dose d in phase ph: sets x reps x time
 * per rep (both sides when per side), rests between sets, 30 s to set
 * up. The same formula as gradus_session_minutes. */
static int dose_seconds(const dose *d, const gradus_phase *ph)
{
	const gradus_exercise *e = d->ex;
	int hi = d->reps_lo + 2 < ph->reps_max ? d->reps_lo + 2 : ph->reps_max;
	if (hi < d->reps_lo)
		hi = d->reps_lo;
	return d->sets * hi * e->seconds_per_rep * (e->per_side ? 2 : 1) +
	       (d->sets - 1) * ph->rest_s + 30;
}

/* Fills w[k][0..weeks-1] for every exercise, week by week, so that a rise
 * that would make the session longer than the person's minutes waits
 * (budget_s: seconds left for strength work after warm-up, balance and
 * cool-down). */
static void progress(const prog *g, const pick *picks, size_t n, int weeks,
		     int budget_s, wdose (*w)[MAX_WEEKS])
{
	const gradus_template *t = g->c->t;
	track tr[MAX_PICKS];
	dose base[MAX_PICKS];

	memset(tr, 0, sizeof(tr));
	for (int wk = 1; wk <= weeks; wk++) {
		int real = g->week0 + wk - 1; /* the week's number in the program */
		int pi = phase_index(t, real);
		const gradus_phase *ph = &t->phases[pi];
		int sets_max = ph->sets_max < g->sets_cap ? ph->sets_max : g->sets_cap;
		int sets_min = ph->sets_min < sets_max ? ph->sets_min : sets_max;
		bool deload = is_deload(t, real) && wk > 1;
		int total = 0;

		for (size_t k = 0; k < n; k++) {
			wdose *cur = &w[k][wk - 1];
			cur->phase = pi;
			cur->deload = deload;
			if (wk == 1) {
				tr[k].train = picks[k].resume
					? resume_dose(g, picks[k].ex, picks[k].resume, ph, sets_max)
					: first_dose(picks[k].ex, ph);
				if (tr[k].train.sets > sets_max)
					tr[k].train.sets = sets_max;
				tr[k].last_big = -99;
				tr[k].last_load = -99;
				cur->change = GRADUS_CHANGE_START;
				if (picks[k].resume && picks[k].resume->advance &&
				    strcmp(picks[k].resume->exercise_id, picks[k].ex->id) == 0) {
					/* ready to progress (2-for-2) [ACSM2009] */
					dose d = tr[k].train;
					gradus_change c2 = step(g, &tr[k], &d, ph, 1);
					if (c2 != GRADUS_CHANGE_NONE) {
						tr[k].train = d;
						cur->change = c2;
					}
				}
				tr[k].prev = tr[k].train;
				base[k] = tr[k].train;
			} else if (deload) {
				/* about half the sets, nothing rises (D); with one
				 * set, the fewest reps of the phase instead */
				base[k] = tr[k].train;
				if (tr[k].train.sets > 1)
					base[k].sets = tr[k].train.sets / 2;
				else if (base[k].reps_lo > ph->reps_min)
					base[k].reps_lo = ph->reps_min;
				cur->change = GRADUS_CHANGE_DELOAD;
			} else {
				/* the training dose, moved into this phase's ranges */
				dose d = tr[k].train;
				if (d.sets > sets_max)
					d.sets = sets_max;
				if (d.sets < sets_min)
					d.sets = sets_min;
				if (d.reps_lo > reps_top_lo(ph))
					d.reps_lo = reps_top_lo(ph);
				if (d.reps_lo < ph->reps_min)
					d.reps_lo = ph->reps_min;
				if (popcount(rises(&tr[k].prev, &d)) > 1)
					/* keep the sets rise (back from a lighter week
					 * or into a new phase); reps wait */
					d.reps_lo = tr[k].prev.reps_lo < d.reps_lo
						? tr[k].prev.reps_lo : d.reps_lo;
				base[k] = d;
				cur->change = GRADUS_CHANGE_NONE;
			}
			total += dose_seconds(&base[k], ph);
		}
		/* a new phase or the return from a lighter week must still fit:
		 * undo rises from the last exercise up, then take sets away */
		for (int pass = 0; pass < 3 && total > budget_s; pass++)
			for (size_t k = n; k-- > 0 && total > budget_s;) {
				dose d = base[k];
				if (pass == 0 && d.sets > tr[k].prev.sets)
					d.sets = tr[k].prev.sets;
				else if (pass == 1 && d.reps_lo > tr[k].prev.reps_lo)
					d.reps_lo = tr[k].prev.reps_lo;
				else if (pass == 2 && d.sets > 1)
					d.sets--;
				total += dose_seconds(&d, ph) - dose_seconds(&base[k], ph);
				base[k] = d;
			}
		for (size_t k = 0; k < n; k++) {
			wdose *cur = &w[k][wk - 1];
			dose d = base[k];
			gradus_change ch = cur->change;
			if (wk > 1 && !deload) {
				unsigned r = rises(&tr[k].prev, &d);
				if (r & (1u << GRADUS_CHANGE_SETS))
					ch = GRADUS_CHANGE_SETS;
				else if (r & (1u << GRADUS_CHANGE_REPS))
					ch = GRADUS_CHANGE_REPS;
				else if (pi > 0) { /* no rises while learning */
					dose tryd = d;
					track save = tr[k];
					gradus_change c2 = step(g, &tr[k], &tryd, ph, wk);
					int grown = total - dose_seconds(&d, ph) +
						    dose_seconds(&tryd, ph);
					if (c2 != GRADUS_CHANGE_NONE && grown <= budget_s) {
						total = grown;
						d = tryd;
						ch = c2;
					} else
						tr[k] = save;
				}
				if (ch == GRADUS_CHANGE_SETS || ch == GRADUS_CHANGE_SUPPORT ||
				    ch == GRADUS_CHANGE_LOAD || ch == GRADUS_CHANGE_VARIANT)
					tr[k].last_big = wk;
				if (ch == GRADUS_CHANGE_LOAD || ch == GRADUS_CHANGE_VARIANT)
					tr[k].last_load = wk;
				tr[k].train = d;
			}
			cur->d = d;
			cur->change = ch;
			tr[k].prev = d;
		}
	}
}

/* ---- time ---- */

static int item_seconds(const gradus_item *it)
{
	const gradus_exercise *e = it->exercise;
	int per_rep = e->seconds_per_rep;
	int reps = it->reps_max * (e->per_side ? 2 : 1);
	/* sets x reps x time per rep, rests between sets, 30 s to set up */
	return it->sets * reps * per_rep + (it->sets - 1) * it->rest_s + 30;
}

int gradus_session_minutes(const gradus_session *s)
{
	int sec = 0;
	for (size_t i = 0; i < s->n_items; i++)
		sec += item_seconds(&s->items[i]);
	return s->warmup_min + s->balance_min + s->cooldown_min + (sec + 59) / 60;
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

/* ---- the plan ---- */

static int effort_cap(const gradus_plan *pl, const gradus_profile *p,
		      const gradus_screening *s, const gradus_template *t,
		      arena *a, strlist *reasons)
{
	/* DESIGN section 6: alone or class A/B <= 6; caregiver <= 7;
	 * therapist <= 8; neuro-maintenance <= 5 (our design, D; effort
	 * targets 5-6 moderate, 7-8 supervised [ACSM2009OA]). */
	int cap = p->supervision == GRADUS_SUP_THERAPIST ? 8
		: p->supervision == GRADUS_SUP_CAREGIVER ? 7 : 6;
	const char *why_cap = p->supervision == GRADUS_SUP_THERAPIST
		? "a therapist is there" : p->supervision == GRADUS_SUP_CAREGIVER
		? "a caregiver is there" : "you train alone";
	if (pl->assessment.cls <= GRADUS_CLASS_B && cap > 6) {
		cap = 6;
		why_cap = "starting level A or B";
	}
	int tcap = p->max_rpe > 0 ? p->max_rpe : t->max_rpe;
	if (tcap < cap) {
		cap = tcap;
		why_cap = p->max_rpe > 0 ? "your therapist set it (program.max_rpe)"
					 : "the program template sets it";
	}
	if (s->precautions.effort_cap < cap) {
		cap = s->precautions.effort_cap;
		why_cap = "a health precaution from screening";
	}
	if (s->precautions.neuro_maintenance && cap > 5) {
		cap = 5;
		why_cap = "function-maintenance program";
	}
	strlist_add(a, reasons, arena_printf(a, "Effort never above %d out of 10: %s.", cap, why_cap));
	return cap;
}

static void advice(gradus_plan *pl, const gradus_profile *p,
		   const gradus_screening *s, arena *a, strlist *adv)
{
	const gradus_precautions *pr = &s->precautions;
	strlist_add(a, adv, "Stop and rest if you feel pain above 5 out of 10, chest pain, dizziness or unusual shortness of breath.");
	if (pr->breathing_cues)
		strlist_add(a, adv, "Breathe out as you push or lift. Never hold your breath [AHA2007].");
	if (pr->spine_sparing)
		strlist_add(a, adv, "Keep your back straight. No bending forward with a load and no twisting [TFTF].");
	if (pr->hip_posterior) {
		char until[11];
		gradus_date_format(pr->hip_posterior_until, until);
		strlist_add(a, adv, arena_printf(a, "Hip precautions until %s (longer if your surgeon says): do not bend the hip past a right angle, do not cross your legs, do not turn the knee inwards.",
					until));
	}
	if (pr->glucose_check)
		strlist_add(a, adv, "Check your blood sugar before each session. Below 100 mg/dL (5.6 mmol/L): eat about 15 g of carbohydrate first. Above 250 mg/dL (13.9 mmol/L): check for ketones and do not exercise if they are present [ADA2016].");
	if (pr->prefer_supported)
		strlist_add(a, adv, "You take a blood thinner: tell your doctor about new bruising, black stools or a severe headache.");
	if (pr->hr_check)
		strlist_add(a, adv, "Check your pulse before each session. If it is over 100 beats a minute at rest, skip the session that day [OTAGO].");
	if (pr->supervision_needed)
		strlist_add(a, adv, "A caregiver should be there for every session.");
	if (pr->neuro_maintenance)
		strlist_add(a, adv, "This is a program to keep function, not to train hard: stop each exercise well before tiring, and follow your therapist's guidance.");
	/* Protein: 1.0-1.2 g/kg/day, >= 1.2 when training, 1.2-1.5 when ill
	 * [PROTAGE, ESPEN]; none when eGFR < 30 or kidney disease [PROTAGE]. */
	if (pr->no_protein_target)
		pl->protein = "Discuss how much protein to eat with your doctor (your kidneys need care).";
	else if (!isnan(p->weight_kg)) {
		bool ill = p->kind == GRADUS_KIND_DISUSE && p->has_immobilised &&
			   p->immobilised_region == GRADUS_REG_ALL;
		double lo = ill ? 1.2 : 1.2, hi = ill ? 1.5 : 1.2;
		if (hi > lo)
			pl->protein = arena_printf(a, "Eat about %.0f to %.0f g of protein a day (%.1f to %.1f g for each kg of your weight), spread over your meals [PROTAGE, ESPEN].",
					  lo * p->weight_kg, hi * p->weight_kg, lo, hi);
		else
			pl->protein = arena_printf(a, "Eat about %.0f g of protein a day (%.1f g for each kg of your weight), spread over your meals [PROTAGE, ESPEN].",
					  lo * p->weight_kg, lo);
	} else
		pl->protein = "Eat about 1.2 g of protein a day for each kg of your weight, spread over your meals [PROTAGE, ESPEN].";
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

static int build_weeks(gradus_plan *pl, arena *a, const prog *g,
		       const pick *picks, size_t n_picks, const int blocks[3],
		       int *max_minutes)
{
	const gradus_template *t = g->c->t;
	const gradus_profile *p = g->c->p;
	wdose (*wd)[MAX_WEEKS] = arena_alloc(a, MAX_PICKS * sizeof(*wd));
	gradus_week *weeks = arena_alloc(a, (size_t)pl->weeks_n * sizeof(*weeks));
	owned_loads o;

	if (!weeks || !wd)
		return GRADUS_ENOMEM;
	*max_minutes = 0;
	progress(g, picks, n_picks, pl->weeks_n,
		 (p->minutes - blocks[0] - blocks[1] - blocks[2]) * 60, wd);
	for (int w = 0; w < pl->weeks_n; w++) {
		gradus_week *wk = &weeks[w];
		const gradus_phase *ph;
		gradus_item *items = arena_alloc(a, (n_picks ? n_picks : 1) * sizeof(*items));
		gradus_session *ss;
		size_t n_s = 0;
		if (!items)
			return GRADUS_ENOMEM;
		wk->number = g->week0 + w;
		wk->start = gradus_date_add(pl->start, 7L * w);
		wk->end = gradus_date_add(wk->start, 6);
		wk->deload = n_picks ? wd[0][w].deload : is_deload(t, g->week0 + w);
		ph = &t->phases[phase_index(t, g->week0 + w)];
		wk->phase = ph->name;
		for (size_t k = 0; k < n_picks; k++) {
			const wdose *x = &wd[k][w];
			const gradus_exercise *e = x->d.ex;
			gradus_item *it = &items[k];
			whys wy = {0};
			it->exercise = e;
			it->sets = x->d.sets;
			it->reps_min = x->d.reps_lo;
			it->reps_max = x->d.reps_lo + 2 < ph->reps_max ? x->d.reps_lo + 2 : ph->reps_max;
			if (it->reps_max < it->reps_min)
				it->reps_max = it->reps_min;
			it->hold_s = e->hold_s;
			owned_for(p, e->load, &o);
			it->load = o.n ? load_at(&o, e->load, x->d.load_i)
				       : (gradus_load){e->load, 0.0, -1, 0};
			it->support = x->d.support;
			it->effort_min = ph->rpe_min < pl->effort_cap ? ph->rpe_min : pl->effort_cap;
			it->effort_max = ph->rpe_max < pl->effort_cap ? ph->rpe_max : pl->effort_cap;
			it->rest_s = ph->rest_s;
			it->change = x->change;
			why(&wy, "G-SETS", arena_printf(a, "%d set%s: start with 1 and build to 2 or 3 (phase \"%s\" allows %d to %d).",
					       it->sets, it->sets > 1 ? "s" : "", ph->name, ph->sets_min, ph->sets_max),
			    "NSCA2019");
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
				why(&wy, "G-ORDER", "Reps rise first; only one thing rises in a week.", "OTAGO, VIVI");
				break;
			case GRADUS_CHANGE_SETS:
				why(&wy, "G-ORDER", "A set is added once the reps are at the top of the range.", "OTAGO, VIVI, NSCA2019");
				break;
			case GRADUS_CHANGE_SUPPORT:
				why(&wy, "G-SUPPORT", "Less support (two hands, one hand, fingertips) before adding weight.", "OTAGO, VIVI");
				break;
			case GRADUS_CHANGE_LOAD:
				why(&wy, "G-LOAD", "The next weight you own: at most 10 % more or your smallest step, at most once in two weeks.",
				    "ACSM2009, OTAGO");
				break;
			case GRADUS_CHANGE_VARIANT:
				why(&wy, "G-VARIANT", "Moved to the harder version: the easier one is done with all you own.", "OTAGO, VIVI");
				break;
			default:
				why(&wy, "G-HOLD", wk->number <= t->phases[0].weeks
					? "Same as last week while you learn the movements."
					: "Same as last week: let the body settle before the next rise.",
				    "ACSM2009");
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
	const char *tid;
	ctx c;
	pick picks[MAX_PICKS];
	size_t n_picks;
	strlist adv = {0}, warn = {0}, reasons = {0};
	const gradus_exercise *blk[3][2] = {{NULL, NULL}, {NULL, NULL}, {NULL, NULL}};
	size_t n_blk[3];
	int rc, want_sessions, balance_min, max_minutes = 0;
	int blocks[3]; /* warm-up, balance, cool-down minutes */
	static const int start_level[GRADUS_CLASS__COUNT] = {1, 2, 3, 3};
	static const int max_level[GRADUS_CLASS__COUNT] = {2, 3, 4, 5};

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

	tid = opt && opt->template_id ? opt->template_id : p->template_id;
	if (tid) {
		t = gradus_templates_find(tpl, tid);
		if (!t) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
					 "no template '%s' (see 'gradus templates')", tid);
			rc = GRADUS_EINVALID;
			goto fail;
		}
		if (s->precautions.neuro_maintenance && !is_maintenance(t)) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
					 "template '%s' is a training program; neurogenic weakness gets only a function-maintenance template (effort at most 5, no load rises, clearance required)",
					 t->id);
			rc = GRADUS_EINVALID;
			goto fail;
		}
		if (t->clearance_required && !p->has_clearance) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
					 "template '%s' needs a clinician's clearance (health.clearance)", t->id);
			rc = GRADUS_EINVALID;
			goto fail;
		}
		if (!template_fits(t, p, s, pl->assessment.cls))
			strlist_add(a, &warn, arena_printf(a, "Template '%s' was chosen by name but is not made for this person (condition, level %s or mobility); exercises are still fitted to their mobility and precautions.",
						  t->id, gradus_class_name(pl->assessment.cls)));
	} else {
		for (int level = FIT_ALL; !t && level <= FIT_KIND_ONLY; level++) {
			t = choose_template(p, s, tpl, pl->assessment.cls, level);
			if (t && level > FIT_ALL)
				strlist_add(a, &warn, arena_printf(a, "No template is made for exactly this person (%s, level %s, %s); '%s' is the closest. Exercises are still fitted to their mobility and precautions.",
							  gradus_kind_name(p->kind),
							  gradus_class_name(pl->assessment.cls),
							  gradus_mobility_name(p->mobility), t->id));
		}
		if (!t) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
					 "no template fits this person (%s, level %s, %s); name one in 'program.template'",
					 gradus_kind_name(p->kind), gradus_class_name(pl->assessment.cls),
					 gradus_mobility_name(p->mobility));
			rc = GRADUS_EINVALID;
			goto fail;
		}
	}
	pl->template = t;
	pl->effort_cap = effort_cap(pl, p, s, t, a, &reasons);

	c.p = p;
	c.s = s;
	c.t = t;
	c.cat = cat;
	c.max_level = max_level[pl->assessment.cls] < t->max_level
		? max_level[pl->assessment.cls] : t->max_level;
	/* people who stand start levels A and B one level up: seated work
	 * (level 2) for A, supported standing (level 3) for B, as in the
	 * Vivifrail passports and Otago's supported exercises [VIVI, OTAGO];
	 * the levels themselves are our choice (D). Only a measured level
	 * moves up. */
	c.start_level = start_level[pl->assessment.cls] +
		(p->mobility >= GRADUS_MOB_WALKS_WITH_AID &&
		 pl->assessment.cls <= GRADUS_CLASS_B &&
		 !pl->assessment.from_mobility /* a guessed level stays low */
		 ? 1 : 0);
	if (c.start_level > c.max_level)
		c.start_level = c.max_level;
	c.emphasis = p->kind == GRADUS_KIND_DISUSE && p->has_immobilised &&
		p->immobilised_region != GRADUS_REG_ALL ? p->immobilised_region : 0;

	pl->first_week = opt && opt->resume && opt->resume->week > 1 ? opt->resume->week : 1;
	if (opt && opt->resume) {
		/* continue with the exercises in use, each still checked */
		n_picks = 0;
		for (size_t i = 0; i < opt->resume->n_items && n_picks < MAX_PICKS; i++) {
			const gradus_resume_item *r = &opt->resume->items[i];
			const gradus_exercise *e = gradus_catalogue_find(cat, r->exercise_id);
			bool dup = false;
			if (!e) {
				strlist_add(a, &warn, arena_printf(a, "'%s' is not in the catalogue any more; it is left out.",
							  r->exercise_id));
				continue;
			}
			while (e && !usable(&c, e))
				e = e->easier;
			for (size_t k = 0; e && k < n_picks; k++)
				if (picks[k].ex == e)
					dup = true;
			if (!e || dup) {
				strlist_add(a, &warn, arena_printf(a, "'%s' no longer fits this person's mobility, equipment or precautions, and no easier version does; it is left out.",
							  r->exercise_id));
				continue;
			}
			if (strcmp(e->id, r->exercise_id) != 0)
				strlist_add(a, &warn, arena_printf(a, "'%s' no longer fits this person; the easier '%s' takes its place.",
							  r->exercise_id, e->id));
			picks[n_picks].ex = e;
			picks[n_picks].priority = (int)i + 1;
			picks[n_picks].emphasis = false;
			picks[n_picks].resume = r;
			n_picks++;
		}
	} else
		n_picks = select_strength(&c, picks, (size_t)t->exercises_max < MAX_PICKS ? (size_t)t->exercises_max : MAX_PICKS);
	if (n_picks == 0) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
				 "no strength exercise in the catalogue fits this person's mobility, equipment and precautions");
		rc = GRADUS_EINVALID;
		goto fail;
	}
	if ((int)n_picks < t->exercises_min)
		strlist_add(a, &warn, arena_printf(a, "Only %zu exercises fit the equipment, mobility and precautions (the template asks for %d to %d).",
					  n_picks, t->exercises_min, t->exercises_max));
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

	/* Fit the minutes. Rises that would make a session too long wait
	 * (see progress). Here: drop the last exercises while the plan cannot
	 * reach 2 sets of each by its end [NSCA2019: build to 2-3 sets],
	 * keeping at least 4 [OTAGO: frail home plans 4-6]; then, if even
	 * the first week does not fit, shorten balance and drop more. */
	{
		size_t n_use = n_picks;
		const gradus_exercise *selected[MAX_PICKS];
		int warmup_min = t->warmup_min, cooldown_min = t->cooldown_min;
		const gradus_phase *last = &t->phases[phase_index(t, pl->first_week + pl->weeks_n - 1)];
		int want_sets = last->sets_max >= 2 && pl->weeks_n >= 8 ? 2 : 1;
		bool short_sets = false;
		for (;;) {
			prog g = {&c, pl->assessment.fall_risk_plus, 5, selected, n_use,
				  pl->first_week};
			for (size_t k = 0; k < n_use; k++)
				selected[k] = picks[k].ex;
			blocks[0] = warmup_min;
			blocks[1] = balance_min;
			blocks[2] = cooldown_min;
			rc = build_weeks(pl, a, &g, picks, n_use, blocks, &max_minutes);
			if (rc)
				goto fail;
			short_sets = false;
			{
				/* the last full (not lighter) week with sessions */
				const gradus_week *lw = NULL;
				for (size_t w = pl->n_weeks; w-- > 0 && !lw;)
					if (!pl->weeks[w].deload && pl->weeks[w].n_sessions)
						lw = &pl->weeks[w];
				for (size_t k = 0; lw && k < n_use; k++)
					if (lw->sessions[0].items[k].sets < want_sets)
						short_sets = true;
			}
			if (max_minutes <= p->minutes && (!short_sets || n_use <= 4))
				break;
			if (max_minutes <= p->minutes || n_use > 4)
				n_use--;
			/* short sessions: shorter balance, warm-up and cool-down
			 * (never none of the warm-up; our choice, D) */
			else if (balance_min > 2)
				balance_min--;
			else if (warmup_min > 3)
				warmup_min--;
			else if (cooldown_min > 2)
				cooldown_min--;
			else if (balance_min > 0)
				balance_min--;
			else if (n_use > 1)
				n_use--;
			else {
				gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
						 "%d minutes is too short for even one exercise with warm-up and cool-down",
						 p->minutes);
				rc = GRADUS_EINVALID;
				goto fail;
			}
		}
		if (n_use < n_picks)
			strlist_add(a, &warn, arena_printf(a, "%zu exercises instead of %zu, to fit %d minutes a session.",
						  n_use, n_picks, p->minutes));
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
			wv[i].source = "DESIGN";
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
