/* Property test: the safety invariants (docs/hazards.md) over many
 * generated profiles.
 *
 * Every profile comes from profile_gen.c (seeded, reproducible): it is
 * loaded, screened and, when the tier allows, planned; the plan is then
 * checked by functions that look only at a plain view of it (weeks,
 * sessions, items, blocks) and at the profile and screening, so that the
 * same checker runs on mutated copies in the self-test.
 *
 * Environment:
 *   GRADUS_PROPERTY_COUNT  profiles to check (default: meson option
 *                          property_count, compiled in as PROPERTY_COUNT)
 *   GRADUS_PROPERTY_SEED   run seed (default PROPERTY_SEED below)
 *   GRADUS_PROPERTY_INDEX  check only this profile and print its text
 *                          (to replay a reported failure)
 */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "helpers.h"
#include "profile_gen.h"

#ifndef PROPERTY_COUNT
#define PROPERTY_COUNT 10000
#endif
#define PROPERTY_SEED 0x6772616475730001ULL /* "gradus" */
#define MUTATION_SEED 0x6d75746174650002ULL
#define MAX_SLOTS 64
#define MAX_PRINT 12

/* ---- violations ---- */

enum {
	INV_SHAPE = 0, /* weeks == requested, reps_min <= reps_max, sets >= 1 */
	/* 1..10: the safety invariants (docs/hazards.md) */
	INV_GEN = 11,  /* the generator wrote an invalid profile (test bug) */
	INV_NEURO = 12, /* neurogenic: maintenance program only (docs/screening.md) */
	INV_PROGRESS = 13, /* a plan that can progress does (docs/generation.md) */
	INV_VERSIONS = 14, /* the versions named: on the ladder, for every
	                      exercise (their safety: 5, 6 and 9) */
	INV__COUNT
};

static const char *const inv_names[INV__COUNT] = {
	"0 plan shape (weeks, reps, sets, sessions)",
	"1 gated tier gives no plan",
	"2 red flag yes >= review, unanswered >= incomplete",
	"3 one rise per week per exercise, none in a deload week",
	"4 load step <= 10 % or smallest owned step, once in two weeks",
	"5 only owned equipment and loads",
	"6 no avoid_with / precaution / exclude match",
	"7 profile days only, >= 48 h apart",
	"8 effort cap and session minutes",
	"9 positions fit mobility",
	"10 same inputs, byte-identical output",
	"generator wrote an invalid profile",
	"neurogenic weakness gets the maintenance program only",
	"progression: half the exercises that can get harder do, not all in the same weeks",
	"versions named: on the exercise's ladder, one entry per exercise used",
};

typedef struct {
	unsigned long n[INV__COUNT];
	unsigned long total;
	int printed, max_print;
	bool dumped;             /* profile text of a failure printed */
	/* coverage: what the checked plans contained, so that a pass is
	 * not vacuous (rises by kind: reps sets support load variant) */
	unsigned long rises[5], deload_weeks, load_kinds[GRADUS_LOAD__COUNT],
		mobility[GRADUS_MOB__COUNT], neuro_plans;
	/* versions: named, and left unnamed because the person may not do
	 * them (both must occur for the check of versions to mean much) */
	unsigned long versions_named, versions_withheld;
	uint64_t seed, index;
	const char *name;
} report;

static void violation(report *r, int inv, int week, int slot,
		      const gradus_exercise *e, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;
static void violation(report *r, int inv, int week, int slot,
		      const gradus_exercise *e, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	r->n[inv]++;
	r->total++;
	if (r->printed >= r->max_print)
		return;
	r->printed++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("VIOLATION [%s] seed=0x%016" PRIx64 " index=%" PRIu64 " profile=%s",
	       inv_names[inv], r->seed, r->index, r->name ? r->name : "?");
	if (week > 0)
		printf(" week=%d", week);
	if (slot >= 0)
		printf(" slot=%d", slot);
	if (e)
		printf(" exercise=%s", e->id);
	printf(": %s\n", msg);
}

static int popcount(uint32_t v)
{
	int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

static int lowest_bit(uint32_t v)
{
	int i = 0;
	while (v && !(v & 1u)) {
		v >>= 1;
		i++;
	}
	return i;
}

/* ---- the plain view the checker works on ---- */

typedef struct {
	const gradus_week *weeks; size_t n_weeks;
	const gradus_exercise *const *block[3]; size_t n_block[3];
	const gradus_versions *versions; size_t n_versions;
} plan_view;

typedef struct {
	const gradus_profile *p;
	const gradus_screening *s;
	gradus_class cls;        /* the class the effort cap depends on */
	bool progressive;        /* >= 8 weeks, a template whose load rises,
	                            not neuro-maintenance: the plan must progress */
} check_ctx;

static const char *const block_names[3] = {"warm-up", "balance", "cool-down"};

static plan_view view_of(const gradus_plan *pl)
{
	plan_view v;
	v.weeks = pl->weeks;
	v.n_weeks = pl->n_weeks;
	v.block[0] = pl->warmup;
	v.n_block[0] = pl->n_warmup;
	v.block[1] = pl->balance;
	v.n_block[1] = pl->n_balance;
	v.block[2] = pl->cooldown;
	v.n_block[2] = pl->n_cooldown;
	v.versions = pl->versions;
	v.n_versions = pl->n_versions;
	return v;
}

/* Vivifrail passports from the SPPB: 0-3 A, 4-6 B, 7-9 C, 10-12 D. */
static gradus_class class_of_sppb(int sppb)
{
	return sppb <= 3 ? GRADUS_CLASS_A : sppb <= 6 ? GRADUS_CLASS_B
		: sppb <= 9 ? GRADUS_CLASS_C : GRADUS_CLASS_D;
}

/* docs/generation.md, computed here, not taken from the plan: alone 6,
 * caregiver 7, therapist 8; class A or B at most 6; neuro-maintenance
 * at most 5; never above the screening's cap or program.max_rpe. */
static int expected_cap(const check_ctx *c)
{
	const gradus_profile *p = c->p;
	int cap = p->supervision == GRADUS_SUP_THERAPIST ? 8
		: p->supervision == GRADUS_SUP_CAREGIVER ? 7 : 6;
	if (c->cls <= GRADUS_CLASS_B && cap > 6)
		cap = 6;
	if ((c->s->precautions.neuro_maintenance || p->kind == GRADUS_KIND_NEUROGENIC) &&
	    cap > 5)
		cap = 5;
	if (c->s->precautions.effort_cap < cap)
		cap = c->s->precautions.effort_cap;
	if (p->max_rpe > 0 && p->max_rpe < cap)
		cap = p->max_rpe;
	return cap;
}

static bool position_fits(gradus_position pos, gradus_mobility mob)
{
	switch (mob) {
	case GRADUS_MOB_BED:
		return pos == GRADUS_POS_BED || pos == GRADUS_POS_SUPINE ||
		       pos == GRADUS_POS_SEATED;
	case GRADUS_MOB_WHEELCHAIR:
		return pos == GRADUS_POS_SEATED;
	case GRADUS_MOB_WALKS_WITH_AID:
		return pos != GRADUS_POS_STANDING;
	default:
		return true;
	}
}

static bool is_excluded(const gradus_profile *p, const char *id)
{
	for (size_t i = 0; i < p->n_exclude; i++)
		if (strcmp(p->exclude[i], id) == 0)
			return true;
	return false;
}

static char *tag_list(gradus_tags t, char *buf, size_t n)
{
	size_t at = 0;
	buf[0] = '\0';
	for (int i = 0; i < GRADUS_TAG__COUNT; i++)
		if (t & GRADUS_TAGBIT(i)) {
			const char *name = gradus_tag_name((gradus_tag)i);
			int k = snprintf(buf + at, n - at, "%s%s", at ? "," : "",
					 name ? name : "?");
			if (k < 0 || (size_t)k >= n - at)
				break;
			at += (size_t)k;
		}
	return buf;
}

/* Invariants 5 (equipment), 6 (avoid_with, exclude) and 9 (position)
 * for any exercise the plan uses. */
static void check_exercise(report *r, const check_ctx *c, const gradus_exercise *e,
			   int week, int slot, const char *where)
{
	const gradus_profile *p = c->p;
	gradus_tags bad = e->avoid & (p->conditions | c->s->precautions.avoid);
	char tags[256];

	if (e->equipment & ~p->equipment)
		violation(r, 5, week, slot, e, "%s: needs equipment bits 0x%x the person does not own (owns 0x%x)",
			  where, e->equipment & ~p->equipment, p->equipment);
	if (bad)
		violation(r, 6, week, slot, e, "%s: avoid_with meets the person's %s",
			  where, tag_list(bad, tags, sizeof(tags)));
	if (is_excluded(p, e->id))
		violation(r, 6, week, slot, e, "%s: listed in setup.exclude", where);
	if (!position_fits(e->position, p->mobility))
		violation(r, 9, week, slot, e, "%s: position %s does not fit mobility %s",
			  where, gradus_position_name(e->position),
			  gradus_mobility_name(p->mobility));
}

static bool weight_kind(gradus_load_kind k)
{
	return k == GRADUS_LOAD_ANKLE_WEIGHT || k == GRADUS_LOAD_DUMBBELL;
}

static const double *owned_kg(const gradus_profile *p, gradus_load_kind k,
			      size_t *n)
{
	if (k == GRADUS_LOAD_ANKLE_WEIGHT) {
		*n = p->n_ankle_weights;
		return p->ankle_weights_kg;
	}
	if (k == GRADUS_LOAD_DUMBBELL) {
		*n = p->n_dumbbells;
		return p->dumbbells_kg;
	}
	*n = 0;
	return NULL;
}

static bool owns_kg(const gradus_profile *p, gradus_load_kind k, double kg)
{
	size_t n;
	const double *v = owned_kg(p, k, &n);
	for (size_t i = 0; i < n; i++)
		if (fabs(v[i] - kg) < 1e-9)
			return true;
	return false;
}

/* Invariants 5 (owned loads), 9 (support), 0 (shape) for one item. */
static void check_item(report *r, const check_ctx *c, const gradus_item *it,
		       int week, int slot)
{
	const gradus_profile *p = c->p;
	const gradus_exercise *e = it->exercise;

	if (it->sets < 1)
		violation(r, INV_SHAPE, week, slot, e, "sets = %d", it->sets);
	if (it->reps_min < 1 || it->reps_min > it->reps_max)
		violation(r, INV_SHAPE, week, slot, e, "reps %d-%d", it->reps_min, it->reps_max);
	if (it->load.kind != e->load)
		violation(r, INV_SHAPE, week, slot, e, "load kind %s but the exercise is %s",
			  gradus_load_name(it->load.kind), gradus_load_name(e->load));
	if (e->supported != (it->support != GRADUS_SUPPORT_NA))
		violation(r, INV_SHAPE, week, slot, e, "support %s for an exercise that is %sdone holding on",
			  gradus_support_name(it->support), e->supported ? "" : "not ");

	check_exercise(r, c, e, week, slot, "item");
	if (weight_kind(it->load.kind)) {
		if (!owns_kg(p, it->load.kind, it->load.kg))
			violation(r, 5, week, slot, e, "%g kg %s is not one the person owns",
				  it->load.kg, gradus_load_name(it->load.kind));
	} else if (it->load.kg != 0.0) {
		violation(r, 5, week, slot, e, "%g kg on a %s load", it->load.kg,
			  gradus_load_name(it->load.kind));
	}
	if (it->load.kind == GRADUS_LOAD_BAND) {
		if (it->load.band < 0 || it->load.band >= GRADUS_BAND__COUNT ||
		    !(p->bands & (1u << it->load.band)))
			violation(r, 5, week, slot, e, "band %d (%s) is not one the person owns",
				  it->load.band,
				  it->load.band >= 0 && it->load.band < GRADUS_BAND__COUNT
					  ? gradus_band_name((gradus_band)it->load.band) : "?");
	} else if (it->load.band != -1) {
		violation(r, 5, week, slot, e, "band %d on a %s load", it->load.band,
			  gradus_load_name(it->load.kind));
	}
	if (p->mobility == GRADUS_MOB_WALKS_WITH_AID && e->supported &&
	    it->support == GRADUS_SUPPORT_NONE)
		violation(r, 9, week, slot, e, "walks with an aid but holds on to nothing");
}

static bool same_item(const gradus_item *a, const gradus_item *b)
{
	return a->exercise == b->exercise && a->sets == b->sets &&
	       a->reps_min == b->reps_min && a->reps_max == b->reps_max &&
	       a->hold_s == b->hold_s && a->load.kind == b->load.kind &&
	       a->load.kg == b->load.kg && a->load.band == b->load.band &&
	       a->load.machine_step == b->load.machine_step &&
	       a->support == b->support && a->effort_min == b->effort_min &&
	       a->effort_max == b->effort_max && a->rest_s == b->rest_s;
}

enum { R_REPS = 1, R_SETS = 2, R_SUPPORT = 4, R_LOAD = 8, R_VARIANT = 16 };

static const char *rise_names(unsigned r, char *buf, size_t n)
{
	static const char *const w[] = {"reps", "sets", "support", "load", "variant"};
	size_t at = 0;
	buf[0] = '\0';
	for (int i = 0; i < 5; i++)
		if (r & (1u << i)) {
			int k = snprintf(buf + at, n - at, "%s%s", at ? "+" : "", w[i]);
			if (k < 0 || (size_t)k >= n - at)
				break;
			at += (size_t)k;
		}
	return buf;
}

static bool load_heavier(const gradus_load *a, const gradus_load *b)
{
	switch (b->kind) {
	case GRADUS_LOAD_ANKLE_WEIGHT:
	case GRADUS_LOAD_DUMBBELL:
		return b->kg > a->kg + 1e-9;
	case GRADUS_LOAD_BAND:
		return b->band > a->band;
	case GRADUS_LOAD_MACHINE:
		return b->machine_step > a->machine_step;
	default:
		return false;
	}
}

/* Invariant 4: one load rise, from a to b, of the same exercise. */
static void check_load_step(report *r, const check_ctx *c, const gradus_item *a,
			    const gradus_item *b, int week, int slot)
{
	const gradus_profile *p = c->p;
	const gradus_exercise *e = b->exercise;

	if (weight_kind(b->load.kind)) {
		size_t n;
		const double *v = owned_kg(p, b->load.kind, &n);
		double smallest = INFINITY, diff = b->load.kg - a->load.kg;
		for (size_t i = 1; i < n; i++)
			if (v[i] - v[i - 1] < smallest)
				smallest = v[i] - v[i - 1];
		if (!(diff <= 0.10 * a->load.kg + 1e-9 || fabs(diff - smallest) < 1e-9))
			violation(r, 4, week, slot, e, "load %g -> %g kg: more than 10 %% and not the smallest owned step (%g kg)",
				  a->load.kg, b->load.kg, smallest);
	} else if (b->load.kind == GRADUS_LOAD_BAND) {
		int next = -1;
		for (int k = a->load.band + 1; k < GRADUS_BAND__COUNT; k++)
			if (p->bands & (1u << k)) {
				next = k;
				break;
			}
		if (b->load.band != next)
			violation(r, 4, week, slot, e, "band %d -> %d: not the next owned colour (%d)",
				  a->load.band, b->load.band, next);
	} else if (b->load.kind == GRADUS_LOAD_MACHINE) {
		if (b->load.machine_step != a->load.machine_step + 1)
			violation(r, 4, week, slot, e, "machine step %d -> %d: more than one step",
				  a->load.machine_step, b->load.machine_step);
	}
}

static const gradus_item *week_items(const gradus_week *w, size_t *n)
{
	if (w->n_sessions == 0) {
		*n = 0;
		return NULL;
	}
	*n = w->sessions[0].n_items;
	return w->sessions[0].items;
}

/* Invariants 0 and 3-9 on one plan. */
/* Plans the progression property applies to: 8 weeks or more, a
 * template whose load rises, not the function-maintenance program. */
static bool progressive(const gradus_plan *pl)
{
	return pl->weeks_n >= 8 && pl->first_week == 1 &&
	       pl->template->load_progression &&
	       !pl->screening->precautions.neuro_maintenance;
}

static const gradus_versions *versions_of(const plan_view *v, const gradus_exercise *e)
{
	for (size_t i = 0; i < v->n_versions; i++)
		if (v->versions[i].exercise == e)
			return &v->versions[i];
	return NULL;
}

/* The first week (1-based) that does e; 0 when none does; INT_MAX for
 * the warm-up and cool-down, the same every week (the plan never moves
 * them on). */
static int first_week_of(const plan_view *v, const gradus_exercise *e)
{
	for (int b = 0; b < 3; b += 2)
		for (size_t i = 0; i < v->n_block[b]; i++)
			if (v->block[b][i] == e)
				return INT_MAX;
	for (size_t w = 0; w < v->n_weeks; w++)
		for (size_t s = 0; s < v->weeks[w].n_sessions; s++) {
			const gradus_session *se = &v->weeks[w].sessions[s];
			for (size_t i = 0; i < se->n_items; i++)
				if (se->items[i].exercise == e)
					return (int)w + 1;
			for (size_t i = 0; se->balance_min && i < se->n_balance; i++)
				if (se->balance[i] == e)
					return (int)w + 1;
		}
	return 0;
}

/* Does the plan use e: a week (its strength or its balance done), or a
 * block (warm-up, balance, cool-down)? */
static bool plan_uses(const plan_view *v, const gradus_exercise *e)
{
	for (size_t i = 0; i < v->n_block[1]; i++)
		if (v->block[1][i] == e)
			return true;
	return first_week_of(v, e) != 0;
}

/* The easier and harder versions the pages may name: for every exercise
 * the plan uses, one entry; the easier one down the exercise's own
 * ladder, the harder one its next rung; each one the person may do
 * (invariants 5, 6 and 9, as for the plan's own exercises), and a rung
 * left unnamed only when the person may not do it. */
static void check_versions(report *r, const check_ctx *c, const plan_view *v)
{
	char where[256];

	for (size_t i = 0; i < v->n_versions; i++) {
		const gradus_versions *ve = &v->versions[i];
		const gradus_exercise *e = ve->exercise, *x;
		int guard = 0;

		if (!e || !plan_uses(v, e)) {
			violation(r, INV_VERSIONS, 0, -1, e, "versions for an exercise the plan does not use");
			continue;
		}
		if (versions_of(v, e) != ve)
			violation(r, INV_VERSIONS, 0, -1, e, "two entries of versions");
		for (x = e->easier; x && x != ve->easier && guard++ < 64; x = x->easier)
			r->versions_withheld++; /* a rung passed over: checked below */
		if (ve->easier && x != ve->easier)
			violation(r, INV_VERSIONS, 0, -1, e, "easier version %s is not on its ladder",
				  ve->easier->id);
		if (ve->harder && ve->harder != e->harder)
			violation(r, INV_VERSIONS, 0, -1, e, "harder version %s is not its next rung",
				  ve->harder->id);
		if (e->harder && !ve->harder)
			r->versions_withheld++;
		if (ve->harder_later && (!ve->harder || !plan_uses(v, ve->harder) ||
					 first_week_of(v, e) == INT_MAX ||
					 first_week_of(v, ve->harder) <= first_week_of(v, e)))
			violation(r, INV_VERSIONS, 0, -1, e, "says the plan moves on to %s, and it does not",
				  ve->harder ? ve->harder->id : "(none)");
		if (ve->easier) {
			r->versions_named++;
			snprintf(where, sizeof(where), "named as the easier version of %s", e->id);
			check_exercise(r, c, ve->easier, 0, -1, where);
		}
		if (ve->harder) {
			r->versions_named++;
			snprintf(where, sizeof(where), "named as the harder version of %s", e->id);
			check_exercise(r, c, ve->harder, 0, -1, where);
		}
	}
	for (int b = 0; b < 3; b++)
		for (size_t i = 0; i < v->n_block[b]; i++)
			if (!versions_of(v, v->block[b][i]))
				violation(r, INV_VERSIONS, 0, -1, v->block[b][i], "no versions entry");
	for (size_t w = 0; w < v->n_weeks; w++)
		for (size_t s = 0; s < v->weeks[w].n_sessions; s++) {
			const gradus_session *se = &v->weeks[w].sessions[s];
			for (size_t i = 0; i < se->n_items; i++)
				if (!versions_of(v, se->items[i].exercise))
					violation(r, INV_VERSIONS, (int)w + 1, (int)i,
						  se->items[i].exercise, "no versions entry");
			for (size_t i = 0; se->balance_min && i < se->n_balance; i++)
				if (!versions_of(v, se->balance[i]))
					violation(r, INV_VERSIONS, (int)w + 1, -1, se->balance[i],
						  "no versions entry");
		}
}

static void check_plan(report *r, const check_ctx *c, const plan_view *v)
{
	const gradus_profile *p = c->p;
	const gradus_screening *s = c->s;
	const int cap = expected_cap(c);
	const bool neuro = p->kind == GRADUS_KIND_NEUROGENIC;
	int last_load[MAX_SLOTS];
	uint64_t harder[MAX_SLOTS]; /* weeks whose intensity rose, per slot */
	long prev_day = 0;
	bool have_prev = false;
	size_t n_slots = 0;
	char buf[128];

	for (int k = 0; k < MAX_SLOTS; k++)
		last_load[k] = -100;
	memset(harder, 0, sizeof(harder));

	if (v->n_weeks != (size_t)p->weeks_planned)
		violation(r, INV_SHAPE, 0, -1, NULL, "%zu weeks, %d requested",
			  v->n_weeks, p->weeks_planned);
	if ((unsigned)p->mobility < GRADUS_MOB__COUNT)
		r->mobility[p->mobility]++;
	if (neuro)
		r->neuro_plans++;
	if (neuro && !s->precautions.neuro_maintenance)
		violation(r, INV_NEURO, 0, -1, NULL,
			  "neurogenic weakness planned without the neuro-maintenance precaution");

	for (int b = 0; b < 3; b++)
		for (size_t i = 0; i < v->n_block[b]; i++)
			check_exercise(r, c, v->block[b][i], 0, (int)i, block_names[b]);
	check_versions(r, c, v);

	for (size_t w = 0; w < v->n_weeks; w++) {
		const gradus_week *wk = &v->weeks[w];
		const int wn = (int)w + 1;
		size_t ni;
		const gradus_item *items = week_items(wk, &ni);
		gradus_date ws = gradus_date_add(p->start, 7L * (long)w);

		if (wk->deload)
			r->deload_weeks++;
		for (size_t k = 0; k < ni && k < MAX_SLOTS; k++)
			if (items[k].exercise && (unsigned)items[k].load.kind < GRADUS_LOAD__COUNT)
				r->load_kinds[items[k].load.kind]++;

		/* ---- shape of the week ---- */
		if (wk->number != wn)
			violation(r, INV_SHAPE, wn, -1, NULL, "week numbered %d", wk->number);
		if (wk->n_sessions == 0)
			violation(r, INV_SHAPE, wn, -1, NULL, "no sessions");
		if (wk->n_sessions > 3 ||
		    (p->sessions_per_week > 0 && wk->n_sessions > (size_t)p->sessions_per_week))
			violation(r, INV_SHAPE, wn, -1, NULL, "%zu sessions (program.sessions_per_week %d)",
				  wk->n_sessions, p->sessions_per_week);
		if (ni == 0 && wk->n_sessions > 0)
			violation(r, INV_SHAPE, wn, -1, NULL, "no exercises");
		if (w == 0)
			n_slots = ni;
		else if (ni != n_slots)
			violation(r, INV_SHAPE, wn, -1, NULL, "%zu exercises, week 1 had %zu", ni, n_slots);
		if (ni > MAX_SLOTS) {
			violation(r, INV_SHAPE, wn, -1, NULL, "%zu exercises", ni);
			ni = MAX_SLOTS;
		}

		/* ---- invariant 7: week bounds, days, 48 h ---- */
		if (gradus_date_days(wk->start) != gradus_date_days(ws) ||
		    gradus_date_days(wk->end) != gradus_date_days(ws) + 6) {
			char a[11], b2[11];
			gradus_date_format(wk->start, a);
			gradus_date_format(wk->end, b2);
			violation(r, 7, wn, -1, NULL, "week runs %s..%s, not the 7 days from start + %zu weeks",
				  a, b2, w);
		}
		for (size_t j = 0; j < wk->n_sessions; j++) {
			const gradus_session *ss = &wk->sessions[j];
			long day = gradus_date_days(ss->date);
			int wd = gradus_date_weekday(ss->date);
			char ds[11];
			int m;
			gradus_date_format(ss->date, ds);
			if (ss->weekday != wd)
				violation(r, 7, wn, -1, NULL, "session %s has weekday %d but falls on %d",
					  ds, ss->weekday, wd);
			if (!(p->days & (1u << wd)))
				violation(r, 7, wn, -1, NULL, "session %s on weekday %d, not one of the profile's days (0x%x)",
					  ds, wd, p->days);
			if (day < gradus_date_days(wk->start) || day > gradus_date_days(wk->end))
				violation(r, 7, wn, -1, NULL, "session %s outside its week", ds);
			if (have_prev && day <= prev_day)
				violation(r, 7, wn, -1, NULL, "session %s does not come after the one before", ds);
			else if (have_prev && day - prev_day < 2)
				violation(r, 7, wn, -1, NULL, "session %s only %ld day after the one before (48 h)",
					  ds, day - prev_day);
			prev_day = day;
			have_prev = true;

			/* ---- invariant 8: minutes ---- */
			m = gradus_session_minutes(ss);
			if (m > p->minutes)
				violation(r, 8, wn, -1, NULL, "session %s takes %d minutes, the profile has %d",
					  ds, m, p->minutes);
			if (ss->minutes != m)
				violation(r, 8, wn, -1, NULL, "session %s says %d minutes, the estimate is %d",
					  ds, ss->minutes, m);

			/* sessions of a week share their exercises */
			if (j > 0) {
				bool same = ss->n_items == ni;
				for (size_t k = 0; same && k < ni; k++)
					same = same_item(&ss->items[k], &items[k]);
				if (!same)
					violation(r, INV_SHAPE, wn, -1, NULL, "session %s differs from the first session of its week", ds);
				if (ss->items != items)
					for (size_t k = 0; k < ss->n_items && k < MAX_SLOTS; k++)
						if (ss->items[k].exercise)
							check_item(r, c, &ss->items[k], wn, (int)k);
			}
		}

		/* ---- per item: 0, 5, 6, 8, 9 ---- */
		for (size_t k = 0; k < ni; k++) {
			const gradus_item *it = &items[k];
			const gradus_exercise *e = it->exercise;
			if (!e) {
				violation(r, INV_SHAPE, wn, (int)k, NULL, "no exercise");
				continue;
			}
			check_item(r, c, it, wn, (int)k);
			if (it->effort_max > cap)
				violation(r, 8, wn, (int)k, e, "effort up to %d, the cap is %d", it->effort_max, cap);
			if (it->effort_min > it->effort_max || it->effort_min < 0)
				violation(r, 8, wn, (int)k, e, "effort %d-%d", it->effort_min, it->effort_max);
			/* recent fracture or operation: the region is not loaded
			 * before no_strength_until [VIVI] */
			if ((e->regions & s->precautions.no_strength_regions) &&
			    e->pattern != GRADUS_PAT_WARMUP && e->pattern != GRADUS_PAT_MOBILITY &&
			    gradus_date_is_set(s->precautions.no_strength_until) &&
			    gradus_date_days(wk->start) < gradus_date_days(s->precautions.no_strength_until))
				violation(r, 6, wn, (int)k, e, "trains regions 0x%x within 4 weeks of a fracture or operation",
					  e->regions & s->precautions.no_strength_regions);
		}

		/* ---- invariants 3 and 4: against last week ---- */
		if (w == 0)
			continue;
		{
			size_t np;
			const gradus_item *prev = week_items(&v->weeks[w - 1], &np);
			for (size_t k = 0; k < ni && k < np; k++) {
				const gradus_item *a = &prev[k], *b = &items[k];
				unsigned rs = 0;
				if (!a->exercise || !b->exercise)
					continue;
				if (a->exercise != b->exercise) {
					rs = R_VARIANT;
					if (a->exercise->harder != b->exercise)
						violation(r, 3, wn, (int)k, b->exercise,
							  "replaces %s, of which it is not the harder variant",
							  a->exercise->id);
				} else {
					if (b->reps_min > a->reps_min)
						rs |= R_REPS;
					if (b->sets > a->sets)
						rs |= R_SETS;
					if (a->support != GRADUS_SUPPORT_NA &&
					    b->support != GRADUS_SUPPORT_NA && b->support > a->support)
						rs |= R_SUPPORT;
					if (a->load.kind == b->load.kind && load_heavier(&a->load, &b->load))
						rs |= R_LOAD;
				}
				for (int i = 0; i < 5; i++)
					if (rs & (1u << i))
						r->rises[i]++;
				if (rs & (rs - 1))
					violation(r, 3, wn, (int)k, b->exercise, "%s rose together",
						  rise_names(rs, buf, sizeof(buf)));
				if (wk->deload && rs)
					violation(r, 3, wn, (int)k, b->exercise, "%s rose in a deload week",
						  rise_names(rs, buf, sizeof(buf)));
				if (neuro && (rs & (R_LOAD | R_VARIANT)))
					violation(r, INV_NEURO, wn, (int)k, b->exercise,
						  "%s rose in a function-maintenance program",
						  rise_names(rs, buf, sizeof(buf)));
				if (!wk->deload && a->exercise == b->exercise &&
				    b->reps_min < a->reps_min && !(rs & (R_LOAD | R_SETS)))
					violation(r, 3, wn, (int)k, b->exercise,
						  "reps fall (%d to %d) without a heavier load, a harder version or one more set",
						  a->reps_min, b->reps_min);
				if (k < MAX_SLOTS && (rs & (R_LOAD | R_SUPPORT | R_VARIANT)))
					harder[k] |= 1ull << (w < 63 ? w : 63);
				if (rs & R_LOAD) {
					check_load_step(r, c, a, b, wn, (int)k);
					if (last_load[k] == (int)w - 1)
						violation(r, 4, wn, (int)k, b->exercise,
							  "load rose in week %d and again in week %d", wn - 1, wn);
					last_load[k] = (int)w;
				}
			}
		}
	}
	/* ---- progression (docs/generation.md): an exercise whose load the person
	 * owns in steps, or that is done holding on, can get harder; at
	 * least half of those must, and not all in the same weeks ---- */
	if (c->progressive && v->n_weeks >= 8 && v->weeks[0].n_sessions) {
		size_t ni0, can = 0, did = 0, distinct = 0;
		const gradus_item *it0 = week_items(&v->weeks[0], &ni0);
		uint64_t first_mask = 0;
		for (size_t k = 0; k < ni0 && k < MAX_SLOTS; k++) {
			const gradus_exercise *e = it0[k].exercise;
			size_t n_owned = 0;
			bool can_k;
			if (!e)
				continue;
			if (weight_kind(e->load)) {
				/* the first step up from the lightest must be
				 * allowed (<= 10 % or the smallest owned step) */
				const double *kg = owned_kg(p, e->load, &n_owned);
				double lo[2] = {INFINITY, INFINITY}, smallest = INFINITY;
				for (size_t i = 0; i < n_owned; i++) {
					if (kg[i] < lo[0]) {
						lo[1] = lo[0];
						lo[0] = kg[i];
					} else if (kg[i] < lo[1])
						lo[1] = kg[i];
					for (size_t j = 0; j < n_owned; j++)
						if (kg[j] > kg[i] && kg[j] - kg[i] < smallest)
							smallest = kg[j] - kg[i];
				}
				if (n_owned >= 2 && !(lo[1] - lo[0] <= 0.10 * lo[0] + 1e-9 ||
						      fabs(lo[1] - lo[0] - smallest) < 1e-9))
					n_owned = 0;
			}
			else if (e->load == GRADUS_LOAD_BAND)
				n_owned = (size_t)popcount(p->bands);
			else if (e->load == GRADUS_LOAD_MACHINE)
				n_owned = 2;
			can_k = n_owned >= 2 || e->supported;
			if (!can_k)
				continue;
			can++;
			if (harder[k]) {
				did++;
				if (did == 1)
					first_mask = harder[k];
				else if (harder[k] != first_mask)
					distinct++;
			}
		}
		if (can >= 2 && did * 2 < can)
			violation(r, INV_PROGRESS, 0, -1, NULL,
				  "%zu of %zu exercises that can get harder do", did, can);
		if (did >= 4 && distinct == 0)
			violation(r, INV_PROGRESS, 0, -1, NULL,
				  "all %zu exercises get harder in exactly the same weeks", did);
	}
}

/* ---- one generated profile ---- */

typedef struct {
	unsigned long why_none[4]; /* no template, no exercise, minutes, other */
	unsigned long profiles, tiers[GRADUS_TIER__COUNT], plans, nothing_fits,
		template_refused, determinism_checked, weeks, sessions;
} stats;

typedef struct {
	const gradus_catalogue *cat;
	const gradus_templates *tpl;
} env;

static void profile_name(char *buf, size_t n, uint64_t seed, uint64_t index)
{
	snprintf(buf, n, "gen-%016" PRIx64 "-%" PRIu64 ".cfg", seed, index);
}

/* Invariant 10: load, screen and plan the same text again; every
 * rendering must be byte-identical to the first plan's. */
static void check_determinism(report *r, const env *en, const char *text,
			      const gradus_plan *pl)
{
	static const struct {
		gradus_plan_format f;
		gradus_render_options o;
		const char *name;
	} outs[] = {{GRADUS_PLAN_JSON, {false, false, NULL, NULL, NULL, 0}, "json"},
		    {GRADUS_PLAN_TEXT, {false, false, NULL, NULL, NULL, 0}, "text"},
		    {GRADUS_PLAN_TEXT, {true, true, NULL, NULL, NULL, 0}, "text --explain --large-print"}};
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p2 = NULL;
	gradus_screening *s2 = NULL;
	gradus_plan *pl2 = NULL;

	if (gradus_profile_load_string(&p2, r->name, text, en->cat, en->tpl, d) != GRADUS_OK ||
	    gradus_screen(&s2, p2, (gradus_date){0, 0, 0}, d) != GRADUS_OK ||
	    gradus_plan_generate(&pl2, p2, s2, en->cat, en->tpl, NULL, d) != GRADUS_OK) {
		violation(r, 10, 0, -1, NULL, "the second run did not give a plan");
		goto out;
	}
	for (size_t i = 0; i < sizeof(outs) / sizeof(outs[0]); i++) {
		char *a = NULL, *b = NULL;
		size_t la = 0, lb = 0;
		int ra = gradus_plan_render(&a, &la, pl, outs[i].f, &outs[i].o);
		int rb = gradus_plan_render(&b, &lb, pl2, outs[i].f, &outs[i].o);
		if (ra != GRADUS_OK || rb != GRADUS_OK || !a || !b)
			violation(r, 10, 0, -1, NULL, "%s rendering failed (%d, %d)", outs[i].name, ra, rb);
		else if (la != lb || memcmp(a, b, la) != 0) {
			size_t at = 0;
			while (at < la && at < lb && a[at] == b[at])
				at++;
			violation(r, 10, 0, -1, NULL, "%s output differs at byte %zu (%zu vs %zu bytes)",
				  outs[i].name, at, la, lb);
		} else if (la == 0 || strlen(a) != la)
			violation(r, 10, 0, -1, NULL, "%s output has length %zu but strlen %zu",
				  outs[i].name, la, strlen(a));
		free(a);
		free(b);
	}
out:
	gradus_plan_free(pl2);
	gradus_screening_free(s2);
	gradus_profile_free(p2);
	gradus_diags_free(d);
}

static const char *first_diag(const gradus_diags *d)
{
	return gradus_diags_count(d) ? gradus_diags_get(d, 0)->message : "(no diagnostic)";
}

static void run_one(report *r, stats *st, const env *en, uint64_t seed,
		    uint64_t index, bool verbose)
{
	static gradus_plan sentinel; /* a gated call must set *out to NULL */
	char name[64];
	pgen_info info;
	char *text = pgen_profile(seed, index, en->cat, en->tpl, &info);
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = NULL;
	gradus_screening *s = NULL;
	gradus_plan *pl = NULL;
	unsigned long before = r->total;
	uint32_t yes = 0, missing = 0;
	int rc;

	assert_non_null(text);
	assert_non_null(d);
	profile_name(name, sizeof(name), seed, index);
	r->seed = seed;
	r->index = index;
	r->name = name;
	st->profiles++;
	if (verbose)
		printf("---- %s ----\n%s----\n", name, text);

	rc = gradus_profile_load_string(&p, name, text, en->cat, en->tpl, d);
	if (rc != GRADUS_OK || !p || gradus_diags_errors(d) > 0) {
		char *msg = diags_text(d);
		violation(r, INV_GEN, 0, -1, NULL, "does not load (%d):\n%s", rc, msg);
		free(msg);
		goto out;
	}
	rc = gradus_screen(&s, p, (gradus_date){0, 0, 0}, d);
	if (rc != GRADUS_OK || !s) {
		violation(r, INV_SHAPE, 0, -1, NULL, "gradus_screen returned %d: %s", rc, first_diag(d));
		goto out;
	}
	if ((unsigned)s->tier < GRADUS_TIER__COUNT)
		st->tiers[s->tier]++;
	if (verbose)
		printf("tier %s\n", gradus_tier_name(s->tier));

	/* ---- invariant 2 ---- */
	for (int i = 0; i < GRADUS_RF__COUNT; i++) {
		if (p->red_flags[i] == GRADUS_ANSWER_YES)
			yes |= 1u << i;
		if (p->red_flags[i] == GRADUS_ANSWER_MISSING)
			missing |= 1u << i;
	}
	if (yes != info.rf_yes || missing != info.rf_missing)
		violation(r, 2, 0, -1, NULL, "red flags read back as yes 0x%x missing 0x%x, written yes 0x%x missing 0x%x",
			  yes, missing, info.rf_yes, info.rf_missing);
	yes |= info.rf_yes;
	missing |= info.rf_missing;
	for (int i = 0; i < GRADUS_RF__COUNT; i++)
		if ((yes & (1u << i)) && s->tier < GRADUS_TIER_REVIEW)
			violation(r, 2, 0, -1, NULL, "red flag '%s' answered yes, but tier %s",
				  gradus_red_flag_key((gradus_red_flag)i), gradus_tier_name(s->tier));
	if (missing && s->tier < GRADUS_TIER_INCOMPLETE)
		violation(r, 2, 0, -1, NULL, "%d red-flag question(s) unanswered (first '%s'), but tier %s",
			  popcount(missing),
			  gradus_red_flag_key((gradus_red_flag)lowest_bit(missing)),
			  gradus_tier_name(s->tier));

	/* ---- invariant 1 ---- */
	if (s->tier > GRADUS_TIER_PRECAUTIONS) {
		pl = &sentinel;
		rc = gradus_plan_generate(&pl, p, s, en->cat, en->tpl, NULL, d);
		if (rc == GRADUS_OK || pl != NULL)
			violation(r, 1, 0, -1, NULL, "tier %s, yet gradus_plan_generate returned %d and %s",
				  gradus_tier_name(s->tier), rc, pl ? "a plan" : "no plan");
		if (pl == &sentinel)
			pl = NULL;
		goto out;
	}

	gradus_diags_clear(d);
	rc = gradus_plan_generate(&pl, p, s, en->cat, en->tpl, NULL, d);
	if (rc == GRADUS_EINVALID && !pl) {
		/* "nothing fits" is allowed; a template the profile names
		 * and that does not suit the person is counted apart */
		if (p->template_id && strstr(first_diag(d), "template '"))
			st->template_refused++;
		else {
			const char *msg = first_diag(d);
			st->nothing_fits++;
			st->why_none[strstr(msg, "no template fits") ? 0
				     : strstr(msg, "no strength exercise") ? 1
				     : strstr(msg, "too short") ? 2 : 3]++;
		}
		if (verbose)
			printf("no plan: %s\n", first_diag(d));
		goto out;
	}
	if (rc != GRADUS_OK || !pl) {
		violation(r, INV_SHAPE, 0, -1, NULL, "gradus_plan_generate returned %d (%s): %s",
			  rc, pl ? "with a plan" : "no plan", first_diag(d));
		goto out;
	}
	st->plans++;
	st->weeks += pl->n_weeks;
	for (size_t w = 0; w < pl->n_weeks; w++)
		st->sessions += pl->weeks[w].n_sessions;
	{
		check_ctx c = {p, s, pl->assessment.cls, progressive(pl)};
		plan_view v = view_of(pl);
		if (p->measures.sppb >= 0) {
			c.cls = class_of_sppb(p->measures.sppb);
			if (pl->assessment.cls != c.cls)
				violation(r, 8, 0, -1, NULL, "assessment class %s, but SPPB %d means %s",
					  gradus_class_name(pl->assessment.cls), p->measures.sppb,
					  gradus_class_name(c.cls));
		}
		check_plan(r, &c, &v);
	}
	if (st->plans % 10 == 1) { /* every 10th plan */
		st->determinism_checked++;
		check_determinism(r, en, text, pl);
	}
out:
	if (r->total > before && !r->dumped) {
		r->dumped = true;
		printf("---- profile of the first failure (seed 0x%016" PRIx64 ", index %" PRIu64 "):\n%s----\n",
		       seed, index, text);
	}
	gradus_plan_free(pl);
	gradus_screening_free(s);
	gradus_profile_free(p);
	gradus_diags_free(d);
	free(text);
}

static unsigned long long env_number(const char *name, unsigned long long dflt)
{
	const char *v = getenv(name);
	char *end;
	unsigned long long n;
	if (!v || !*v)
		return dflt;
	n = strtoull(v, &end, 0);
	if (*end != '\0') {
		fprintf(stderr, "%s: not a number: '%s'\n", name, v);
		exit(2);
	}
	return n;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void invariants_hold_over_generated_profiles(void **state)
{
	env en = {test_catalogue(), test_templates()};
	uint64_t seed = env_number("GRADUS_PROPERTY_SEED", PROPERTY_SEED);
	unsigned long long count = env_number("GRADUS_PROPERTY_COUNT", PROPERTY_COUNT);
	const char *only = getenv("GRADUS_PROPERTY_INDEX");
	report r;
	stats st;
	struct timespec t0;
	double secs;
	(void)state;

	memset(&r, 0, sizeof(r));
	memset(&st, 0, sizeof(st));
	r.max_print = MAX_PRINT;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (only && *only) {
		uint64_t i = env_number("GRADUS_PROPERTY_INDEX", 0);
		r.max_print = 1000;
		run_one(&r, &st, &en, seed, i, true);
	} else {
		for (uint64_t i = 0; i < count; i++)
			run_one(&r, &st, &en, seed, i, false);
	}
	secs = seconds_since(&t0);

	printf("property: seed 0x%016" PRIx64 ", %lu profiles in %.2f s\n", seed,
	       st.profiles, secs);
	printf("property: tiers:");
	for (int t = 0; t < GRADUS_TIER__COUNT; t++)
		printf(" %s %lu", gradus_tier_name((gradus_tier)t), st.tiers[t]);
	printf("\nproperty: %lu plans (%lu weeks, %lu sessions), %lu nothing fits, %lu named template refused, %lu determinism checks\n",
	       st.plans, st.weeks, st.sessions, st.nothing_fits, st.template_refused,
	       st.determinism_checked);
	printf("property: nothing fits: %lu no template for the kind/level/mobility, %lu no strength exercise, %lu minutes too short, %lu other\n",
	       st.why_none[0], st.why_none[1], st.why_none[2], st.why_none[3]);
	printf("property: coverage: rises reps %lu sets %lu support %lu load %lu variant %lu; %lu deload weeks; neurogenic plans %lu\n",
	       r.rises[0], r.rises[1], r.rises[2], r.rises[3], r.rises[4], r.deload_weeks, r.neuro_plans);
	printf("property: coverage: item-weeks by load");
	for (int k = 0; k < GRADUS_LOAD__COUNT; k++)
		printf(" %s %lu", gradus_load_name((gradus_load_kind)k), r.load_kinds[k]);
	printf("; plans by mobility");
	for (int k = 0; k < GRADUS_MOB__COUNT; k++)
		printf(" %s %lu", gradus_mobility_name((gradus_mobility)k), r.mobility[k]);
	printf("\nproperty: coverage: versions named %lu, left unnamed (not for this person) %lu\n",
	       r.versions_named, r.versions_withheld);
	printf("property: violations %lu\n", r.total);
	for (int i = 0; i < INV__COUNT; i++)
		printf("  %-66s %lu\n", inv_names[i], r.n[i]);
	/* not vacuous: over thousands of plans, versions are both named and
	 * left unnamed */
	if (!(only && *only) && count >= 1000)
		assert_true(r.versions_named > 0 && r.versions_withheld > 0);
	if (r.total)
		fail_msg("%lu invariant violation(s); replay one with GRADUS_PROPERTY_SEED=0x%016" PRIx64
			 " GRADUS_PROPERTY_INDEX=<index>", r.total, seed);
}

/* ---- self-test: the checker must catch broken plans ---- */

/* A mutable deep copy of a plan's weeks, sessions, items and blocks. */
typedef struct {
	gradus_week *weeks; size_t n_weeks;
	gradus_session **sessions; /* per week */
	gradus_item **items;       /* per week; shared by its sessions */
	const gradus_exercise *block[3][8]; size_t n_block[3];
	gradus_versions versions[64]; size_t n_versions;
} plan_copy;

static void copy_plan(plan_copy *c, const gradus_plan *pl)
{
	const plan_view v = view_of(pl);
	memset(c, 0, sizeof(*c));
	c->n_weeks = pl->n_weeks;
	c->weeks = calloc(c->n_weeks + 1, sizeof(*c->weeks));
	c->sessions = calloc(c->n_weeks + 1, sizeof(*c->sessions));
	c->items = calloc(c->n_weeks + 1, sizeof(*c->items));
	assert_non_null(c->weeks);
	assert_non_null(c->sessions);
	assert_non_null(c->items);
	for (size_t w = 0; w < c->n_weeks; w++) {
		const gradus_week *src = &pl->weeks[w];
		size_t ns = src->n_sessions, ni = ns ? src->sessions[0].n_items : 0;
		c->weeks[w] = *src;
		c->items[w] = calloc(ni + 1, sizeof(gradus_item));
		c->sessions[w] = calloc(ns + 1, sizeof(gradus_session));
		assert_non_null(c->items[w]);
		assert_non_null(c->sessions[w]);
		if (ni)
			memcpy(c->items[w], src->sessions[0].items, ni * sizeof(gradus_item));
		for (size_t j = 0; j < ns; j++) {
			c->sessions[w][j] = src->sessions[j];
			c->sessions[w][j].items = c->items[w];
		}
		c->weeks[w].sessions = c->sessions[w];
	}
	for (int b = 0; b < 3; b++) {
		c->n_block[b] = v.n_block[b] < 8 ? v.n_block[b] : 8;
		for (size_t i = 0; i < c->n_block[b]; i++)
			c->block[b][i] = v.block[b][i];
	}
	assert_true(v.n_versions <= 64);
	c->n_versions = v.n_versions;
	memcpy(c->versions, v.versions, v.n_versions * sizeof(*v.versions));
}

static void free_copy(plan_copy *c)
{
	for (size_t w = 0; w < c->n_weeks; w++) {
		free(c->items[w]);
		free(c->sessions[w]);
	}
	free(c->weeks);
	free(c->sessions);
	free(c->items);
}

static plan_view view_of_copy(const plan_copy *c)
{
	plan_view v;
	v.weeks = c->weeks;
	v.n_weeks = c->n_weeks;
	for (int b = 0; b < 3; b++) {
		v.block[b] = c->block[b];
		v.n_block[b] = c->n_block[b];
	}
	v.versions = c->versions;
	v.n_versions = c->n_versions;
	return v;
}

static size_t copy_slots(const plan_copy *c)
{
	return c->n_weeks && c->weeks[0].n_sessions ? c->weeks[0].sessions[0].n_items : 0;
}

static void refresh_minutes(plan_copy *c, size_t w)
{
	for (size_t j = 0; j < c->weeks[w].n_sessions; j++)
		c->sessions[w][j].minutes = gradus_session_minutes(&c->sessions[w][j]);
}

/* Slot k keeps one exercise over weeks [w0, w1]. */
static bool steady(const plan_copy *c, size_t k, size_t w0, size_t w1)
{
	if (w1 >= c->n_weeks || k >= copy_slots(c))
		return false;
	for (size_t w = w0 + 1; w <= w1; w++)
		if (c->items[w][k].exercise != c->items[w0][k].exercise)
			return false;
	return true;
}

typedef struct {
	const gradus_plan *pl;
	const gradus_profile *p;
	const gradus_screening *s;
	const gradus_catalogue *cat;
} mut_ctx;

/* Each mutation breaks one invariant in the copy, or returns false when
 * this plan offers nothing to break that way. */
typedef bool (*mutate_fn)(plan_copy *c, const mut_ctx *m);

static bool m_two_rises(plan_copy *c, const mut_ctx *m)
{
	(void)m;
	for (size_t w = 1; w < c->n_weeks; w++)
		for (size_t k = 0; k < copy_slots(c); k++)
			if (!c->weeks[w].deload && steady(c, k, w - 1, w)) {
				gradus_item *a = &c->items[w - 1][k], *b = &c->items[w][k];
				b->sets = a->sets + 1;
				b->reps_min = a->reps_min + 1;
				if (b->reps_max < b->reps_min)
					b->reps_max = b->reps_min;
				refresh_minutes(c, w);
				return true;
			}
	return false;
}

static bool m_deload_rise(plan_copy *c, const mut_ctx *m)
{
	(void)m;
	for (size_t w = 1; w < c->n_weeks; w++)
		if (c->weeks[w].deload && steady(c, 0, w - 1, w)) {
			gradus_item *a = &c->items[w - 1][0], *b = &c->items[w][0];
			*b = *a;
			b->reps_min = a->reps_min + 1;
			if (b->reps_max < b->reps_min)
				b->reps_max = b->reps_min;
			refresh_minutes(c, w);
			return true;
		}
	return false;
}

static bool m_wrong_variant(plan_copy *c, const mut_ctx *m)
{
	for (size_t w = 1; w < c->n_weeks; w++)
		for (size_t k = 0; k < copy_slots(c); k++) {
			const gradus_exercise *a = c->items[w - 1][k].exercise;
			if (!steady(c, k, w - 1, w))
				continue;
			/* another exercise of the same pattern and load that is
			 * not the harder one */
			for (size_t i = 0; i < gradus_catalogue_count(m->cat); i++) {
				const gradus_exercise *e = gradus_catalogue_get(m->cat, i);
				if (e != a && e != a->harder && e->pattern == a->pattern &&
				    e->load == a->load && e->supported == a->supported) {
					c->items[w][k].exercise = e;
					refresh_minutes(c, w);
					return true;
				}
			}
		}
	return false;
}

/* Sets slot k of week w to the load of owned step i. */
static void set_load(plan_copy *c, const mut_ctx *m, size_t w, size_t k, int i)
{
	gradus_load *l = &c->items[w][k].load;
	if (weight_kind(l->kind)) {
		size_t n;
		l->kg = owned_kg(m->p, l->kind, &n)[i];
	} else if (l->kind == GRADUS_LOAD_BAND) {
		int seen = 0;
		for (int b = 0; b < GRADUS_BAND__COUNT; b++)
			if (m->p->bands & (1u << b) && seen++ == i)
				l->band = b;
	} else if (l->kind == GRADUS_LOAD_MACHINE)
		l->machine_step = i;
}

static int owned_steps(const gradus_profile *p, gradus_load_kind k)
{
	size_t n;
	if (weight_kind(k)) {
		owned_kg(p, k, &n);
		return (int)n;
	}
	if (k == GRADUS_LOAD_BAND)
		return popcount(p->bands);
	if (k == GRADUS_LOAD_MACHINE)
		return 30;
	return 0;
}

static bool m_load_every_week(plan_copy *c, const mut_ctx *m)
{
	for (size_t w = 2; w < c->n_weeks; w++)
		for (size_t k = 0; k < copy_slots(c); k++) {
			gradus_load_kind lk = c->items[w][k].load.kind;
			if (!steady(c, k, w - 2, w) || owned_steps(m->p, lk) < 3)
				continue;
			for (int i = 0; i < 3; i++) {
				gradus_item keep = c->items[w - 2][k];
				c->items[w - 2 + (size_t)i][k] = keep;
				set_load(c, m, w - 2 + (size_t)i, k, i);
				refresh_minutes(c, w - 2 + (size_t)i);
			}
			return true;
		}
	return false;
}

static bool m_load_jump(plan_copy *c, const mut_ctx *m)
{
	for (size_t w = 1; w < c->n_weeks; w++)
		for (size_t k = 0; k < copy_slots(c); k++) {
			gradus_load_kind lk = c->items[w][k].load.kind;
			size_t n;
			const double *v;
			double smallest = INFINITY;
			if (!weight_kind(lk) || !steady(c, k, w - 1, w))
				continue;
			v = owned_kg(m->p, lk, &n);
			if (n < 3)
				continue;
			for (size_t i = 1; i < n; i++)
				if (v[i] - v[i - 1] < smallest)
					smallest = v[i] - v[i - 1];
			if (v[2] - v[0] <= 0.10 * v[0] + 1e-9 || fabs(v[2] - v[0] - smallest) < 1e-9)
				continue;
			c->items[w][k] = c->items[w - 1][k];
			set_load(c, m, w - 1, k, 0);
			set_load(c, m, w, k, 2);
			refresh_minutes(c, w - 1);
			refresh_minutes(c, w);
			return true;
		}
	return false;
}

static bool m_unowned_weight(plan_copy *c, const mut_ctx *m)
{
	for (size_t w = 0; w < c->n_weeks; w++)
		for (size_t k = 0; k < copy_slots(c); k++) {
			gradus_load *l = &c->items[w][k].load;
			size_t n;
			const double *v;
			if (!weight_kind(l->kind))
				continue;
			v = owned_kg(m->p, l->kind, &n);
			if (n == 0)
				continue;
			l->kg = v[n - 1] + 0.75; /* above the heaviest owned */
			return true;
		}
	return false;
}

static bool m_unowned_band(plan_copy *c, const mut_ctx *m)
{
	for (size_t w = 0; w < c->n_weeks; w++)
		for (size_t k = 0; k < copy_slots(c); k++) {
			gradus_load *l = &c->items[w][k].load;
			if (l->kind != GRADUS_LOAD_BAND)
				continue;
			for (int b = 0; b < GRADUS_BAND__COUNT; b++)
				if (!(m->p->bands & (1u << b))) {
					l->band = b;
					return true;
				}
		}
	return false;
}

static const gradus_exercise *find_exercise(const mut_ctx *m,
					    bool (*want)(const gradus_exercise *, const mut_ctx *))
{
	for (size_t i = 0; i < gradus_catalogue_count(m->cat); i++) {
		const gradus_exercise *e = gradus_catalogue_get(m->cat, i);
		if (want(e, m))
			return e;
	}
	return NULL;
}

static bool needs_unowned(const gradus_exercise *e, const mut_ctx *m)
{
	return (e->equipment & ~m->p->equipment) != 0;
}

static bool is_avoided(const gradus_exercise *e, const mut_ctx *m)
{
	return (e->avoid & (m->p->conditions | m->s->precautions.avoid)) != 0;
}

static bool is_standing(const gradus_exercise *e, const mut_ctx *m)
{
	(void)m;
	return e->position == GRADUS_POS_STANDING;
}

/* Puts exercise e in slot 0 of the last week. */
static bool put_exercise(plan_copy *c, const gradus_exercise *e)
{
	size_t w = c->n_weeks - 1;
	gradus_item *it;
	if (!e || !c->n_weeks || !copy_slots(c))
		return false;
	it = &c->items[w][0];
	it->exercise = e;
	refresh_minutes(c, w);
	return true;
}

static bool m_unowned_equipment(plan_copy *c, const mut_ctx *m)
{
	return put_exercise(c, find_exercise(m, needs_unowned));
}

static bool m_excluded(plan_copy *c, const mut_ctx *m)
{
	if (m->p->n_exclude == 0)
		return false;
	return put_exercise(c, gradus_catalogue_find(m->cat, m->p->exclude[0]));
}

static bool m_avoided_warmup(plan_copy *c, const mut_ctx *m)
{
	const gradus_exercise *e = find_exercise(m, is_avoided);
	if (!e)
		return false;
	c->block[0][0] = e;
	if (c->n_block[0] == 0)
		c->n_block[0] = 1;
	return true;
}

/* The pages name an exercise's catalogue rung as it stands, unchecked
 * (gradus before the versions were checked): caught where that rung is
 * one the person may not do. */
static bool name_rung(plan_copy *c, const mut_ctx *m,
		      bool (*bad)(const gradus_exercise *, const mut_ctx *))
{
	for (size_t i = 0; i < c->n_versions; i++) {
		gradus_versions *v = &c->versions[i];
		if (v->exercise->harder && bad(v->exercise->harder, m)) {
			v->harder = v->exercise->harder;
			return true;
		}
		if (v->exercise->easier && bad(v->exercise->easier, m)) {
			v->easier = v->exercise->easier;
			return true;
		}
	}
	return false;
}

static bool m_avoided_version(plan_copy *c, const mut_ctx *m)
{
	return name_rung(c, m, is_avoided);
}

static bool m_unowned_version(plan_copy *c, const mut_ctx *m)
{
	return name_rung(c, m, needs_unowned);
}

static bool m_versions_missing(plan_copy *c, const mut_ctx *m)
{
	(void)m;
	if (!c->n_versions)
		return false;
	c->n_versions--;
	return true;
}

static bool m_wrong_day(plan_copy *c, const mut_ctx *m)
{
	for (size_t w = 0; w < c->n_weeks; w++)
		for (int dd = 0; dd < 7; dd++) {
			gradus_date d = gradus_date_add(c->weeks[w].start, dd);
			int wd = gradus_date_weekday(d);
			if (m->p->days & (1u << wd) || c->weeks[w].n_sessions == 0)
				continue;
			c->sessions[w][0].date = d;
			c->sessions[w][0].weekday = wd;
			return true;
		}
	return false;
}

static bool m_too_close(plan_copy *c, const mut_ctx *m)
{
	(void)m;
	for (size_t w = 0; w < c->n_weeks; w++)
		if (c->weeks[w].n_sessions >= 2) {
			gradus_session *s0 = &c->sessions[w][0], *s1 = &c->sessions[w][1];
			s1->date = gradus_date_add(s0->date, 1);
			s1->weekday = gradus_date_weekday(s1->date);
			return true;
		}
	return false;
}

static bool m_effort(plan_copy *c, const mut_ctx *m)
{
	(void)m;
	if (!copy_slots(c))
		return false;
	c->items[c->n_weeks - 1][0].effort_max = 10;
	return true;
}

static bool m_too_long(plan_copy *c, const mut_ctx *m)
{
	size_t w = c->n_weeks - 1;
	(void)m;
	if (!copy_slots(c))
		return false;
	c->items[w][0].sets = 40;
	refresh_minutes(c, w);
	return true;
}

static bool m_minutes_field(plan_copy *c, const mut_ctx *m)
{
	(void)m;
	if (!c->n_weeks || !c->weeks[0].n_sessions)
		return false;
	c->sessions[0][0].minutes += 1;
	return true;
}

static bool m_standing_in_wheelchair(plan_copy *c, const mut_ctx *m)
{
	if (m->p->mobility != GRADUS_MOB_WHEELCHAIR)
		return false;
	return put_exercise(c, find_exercise(m, is_standing));
}

static bool m_no_support_with_aid(plan_copy *c, const mut_ctx *m)
{
	if (m->p->mobility != GRADUS_MOB_WALKS_WITH_AID)
		return false;
	for (size_t w = 0; w < c->n_weeks; w++)
		for (size_t k = 0; k < copy_slots(c); k++)
			if (c->items[w][k].exercise->supported) {
				c->items[w][k].support = GRADUS_SUPPORT_NONE;
				return true;
			}
	return false;
}

static bool m_week_missing(plan_copy *c, const mut_ctx *m)
{
	(void)m;
	if (c->n_weeks < 2)
		return false;
	c->n_weeks--; /* free_copy must still free the last week */
	return true;
}

static bool m_reps_reversed(plan_copy *c, const mut_ctx *m)
{
	(void)m;
	if (!copy_slots(c))
		return false;
	c->items[0][0].reps_min = c->items[0][0].reps_max + 1;
	refresh_minutes(c, 0);
	return true;
}

/* A frozen plan: every exercise keeps its week-1 exercise, load and
 * support to the end (sets and reps still rise) - the plan of gradus
 * before double progression. */
static bool m_frozen_load(plan_copy *c, const mut_ctx *m)
{
	bool changed = false;
	if (!progressive(m->pl))
		return false;
	for (size_t w = 1; w < c->n_weeks; w++)
		for (size_t k = 0; k < copy_slots(c); k++) {
			gradus_item *a = &c->items[0][k], *b = &c->items[w][k];
			/* field by field: the struct has padding */
			if (b->exercise != a->exercise || b->support != a->support ||
			    b->load.kind != a->load.kind || b->load.kg != a->load.kg ||
			    b->load.band != a->load.band ||
			    b->load.machine_step != a->load.machine_step)
				changed = true;
			b->exercise = a->exercise;
			b->load = a->load;
			b->support = a->support;
			b->hold_s = a->hold_s;
		}
	for (size_t w = 0; w < c->n_weeks; w++)
		refresh_minutes(c, w);
	return changed;
}

static void checker_catches_broken_plans(void **state)
{
	static const struct {
		const char *what;
		int inv;
		mutate_fn fn;
	} muts[] = {
		{"two things rise in one week", 3, m_two_rises},
		{"reps rise in a deload week", 3, m_deload_rise},
		{"a variant that is not the harder one", 3, m_wrong_variant},
		{"load rises two weeks running", 4, m_load_every_week},
		{"load skips an owned weight (> 10 %)", 4, m_load_jump},
		{"a weight the person does not own", 5, m_unowned_weight},
		{"a band colour the person does not own", 5, m_unowned_band},
		{"an exercise needing equipment not owned", 5, m_unowned_equipment},
		{"an excluded exercise", 6, m_excluded},
		{"an avoided exercise in the warm-up", 6, m_avoided_warmup},
		{"an avoided exercise named as a version", 6, m_avoided_version},
		{"a version named that needs equipment not owned", 5, m_unowned_version},
		{"an exercise with no versions entry", INV_VERSIONS, m_versions_missing},
		{"a session on a day not in the profile", 7, m_wrong_day},
		{"two sessions a day apart", 7, m_too_close},
		{"effort above the cap", 8, m_effort},
		{"a session longer than the minutes", 8, m_too_long},
		{"a wrong minutes field", 8, m_minutes_field},
		{"a standing exercise for a wheelchair user", 9, m_standing_in_wheelchair},
		{"no support for someone walking with an aid", 9, m_no_support_with_aid},
		{"a week missing", INV_SHAPE, m_week_missing},
		{"reps_min above reps_max", INV_SHAPE, m_reps_reversed},
		{"loads frozen at week 1 (no progression)", INV_PROGRESS, m_frozen_load},
	};
	enum { N_MUTS = sizeof(muts) / sizeof(muts[0]) };
	bool done[N_MUTS] = {false};
	size_t n_done = 0, plans = 0;
	env en = {test_catalogue(), test_templates()};
	(void)state;

	for (uint64_t i = 0; i < 20000 && n_done < N_MUTS; i++) {
		char *text = pgen_profile(MUTATION_SEED, i, en.cat, en.tpl, NULL);
		gradus_diags *d = gradus_diags_new();
		gradus_profile *p = NULL;
		gradus_screening *s = NULL;
		gradus_plan *pl = NULL;
		char name[64];

		profile_name(name, sizeof(name), MUTATION_SEED, i);
		if (gradus_profile_load_string(&p, name, text, en.cat, en.tpl, d) == GRADUS_OK &&
		    gradus_screen(&s, p, (gradus_date){0, 0, 0}, d) == GRADUS_OK &&
		    s->tier <= GRADUS_TIER_PRECAUTIONS &&
		    gradus_plan_generate(&pl, p, s, en.cat, en.tpl, NULL, d) == GRADUS_OK) {
			check_ctx c = {p, s, pl->assessment.cls, progressive(pl)};
			mut_ctx m = {pl, p, s, en.cat};
			report base;
			plan_view v = view_of(pl);
			plans++;
			if (p->measures.sppb >= 0)
				c.cls = class_of_sppb(p->measures.sppb);
			memset(&base, 0, sizeof(base));
			check_plan(&base, &c, &v);

			for (size_t k = 0; k < N_MUTS; k++) {
				plan_copy cp;
				report got;
				plan_view cv;
				if (done[k])
					continue;
				copy_plan(&cp, pl);
				/* an untouched copy checks exactly like the plan */
				memset(&got, 0, sizeof(got));
				cv = view_of_copy(&cp);
				check_plan(&got, &c, &cv);
				assert_int_equal(got.total, base.total);
				if (muts[k].fn(&cp, &m)) {
					memset(&got, 0, sizeof(got));
					got.max_print = 0;
					cv = view_of_copy(&cp);
					check_plan(&got, &c, &cv);
					if (got.n[muts[k].inv] <= base.n[muts[k].inv])
						fail_msg("mutation '%s' (%s) was not caught", muts[k].what, name);
					printf("self-test: '%s' caught (%lu x [%s]) in %s\n", muts[k].what,
					       got.n[muts[k].inv] - base.n[muts[k].inv],
					       inv_names[muts[k].inv], name);
					done[k] = true;
					n_done++;
					cp.n_weeks = pl->n_weeks; /* m_week_missing */
				}
				free_copy(&cp);
			}
		}
		gradus_plan_free(pl);
		gradus_screening_free(s);
		gradus_profile_free(p);
		gradus_diags_free(d);
		free(text);
	}
	for (size_t k = 0; k < N_MUTS; k++)
		if (!done[k])
			fail_msg("no generated plan (of %zu) allowed the mutation '%s'", plans, muts[k].what);
}

/* The generator is reproducible: same (seed, index), same text; and
 * every text loads without errors (checked at scale by the property). */
static void generator_is_reproducible(void **state)
{
	(void)state;
	for (uint64_t i = 0; i < 50; i++) {
		pgen_info ia, ib;
		char *a = pgen_profile(PROPERTY_SEED, i, test_catalogue(), test_templates(), &ia);
		char *b = pgen_profile(PROPERTY_SEED, i, test_catalogue(), test_templates(), &ib);
		char *c = pgen_profile(PROPERTY_SEED, i + 1, test_catalogue(), test_templates(), NULL);
		assert_non_null(a);
		assert_non_null(b);
		assert_non_null(c);
		assert_string_equal(a, b);
		assert_int_equal(ia.rf_yes, ib.rf_yes);
		assert_int_equal(ia.rf_missing, ib.rf_missing);
		assert_true(strcmp(a, c) != 0);
		free(a);
		free(b);
		free(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(generator_is_reproducible),
		cmocka_unit_test(checker_catches_broken_plans),
		cmocka_unit_test(invariants_hold_over_generated_profiles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
