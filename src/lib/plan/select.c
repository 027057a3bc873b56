/* Selection: the template (docs/generation.md, 2) and the exercises
 * (3): what is usable for the person, the whole body in order of need,
 * the therapist's pins, a resumed plan's exercises, and the warm-up,
 * balance and cool-down blocks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/util.h"
#include "plan/dose.h"
#include "plan/plan_int.h"

/* ---- template choice ---- */

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
 * and mobility, then one added from a file before a built-in one, then
 * id order. */
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
		if (tw != bw) {
			if (tw < bw)
				best = t;
			continue;
		}
		/* a template added with --templates before a built-in one */
		if (t->builtin != best->builtin) {
			if (!t->builtin)
				best = t;
			continue;
		}
		if (strcmp(t->id, best->id) < 0)
			best = t;
	}
	return best;
}

/* The template named by --template or program.template, checked; else
 * the most specific that fits, less strictly when none fits exactly.
 * GRADUS_EINVALID (with a diagnostic) when there is none. */
int template_for(const gradus_template **out, const gradus_profile *p,
		 const gradus_screening *s, const gradus_templates *tpl,
		 const char *tid, gradus_class cls, arena *a, strlist *warn,
		 gradus_diags *d)
{
	const gradus_template *t = NULL;

	if (tid) {
		t = gradus_templates_find(tpl, tid);
		if (!t) {
			buf ids = BUF_INIT;
			for (size_t i = 0; i < gradus_templates_count(tpl); i++)
				buf_printf(&ids, "%s%s", i ? ", " : "",
					   gradus_templates_get(tpl, i)->id);
			gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
					 "no template '%s' (one of: %s)", tid,
					 ids.ptr ? ids.ptr : "");
			buf_free(&ids);
			return GRADUS_EINVALID;
		}
		if (s->precautions.neuro_maintenance && !is_maintenance(t)) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
					 "template '%s' is a training program; neurogenic weakness gets only a function-maintenance template (effort at most 5, no load rises, clearance required)",
					 t->id);
			return GRADUS_EINVALID;
		}
		if (t->clearance_required && !p->has_clearance) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
					 "template '%s' needs a clinician's clearance (health.clearance)", t->id);
			return GRADUS_EINVALID;
		}
		if (!template_fits(t, p, s, cls))
			strlist_add(a, warn, arena_printf(a, "Template '%s' was chosen by name but is not made for this person (condition, level %s or mobility); exercises are still fitted to their mobility and precautions.",
						  t->id, gradus_class_name(cls)));
	} else {
		for (int level = FIT_ALL; !t && level <= FIT_KIND_ONLY; level++) {
			t = choose_template(p, s, tpl, cls, level);
			if (t && level > FIT_ALL)
				strlist_add(a, warn, arena_printf(a, "No template is made for exactly this person (%s, level %s, %s); '%s' is the closest. Exercises are still fitted to their mobility and precautions.",
							  gradus_kind_name(p->kind),
							  gradus_class_name(cls),
							  gradus_mobility_name(p->mobility), t->id));
		}
		if (!t) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
					 "no template fits this person (%s, level %s, %s); name one in 'program.template'",
					 gradus_kind_name(p->kind), gradus_class_name(cls),
					 gradus_mobility_name(p->mobility));
			return GRADUS_EINVALID;
		}
	}
	*out = t;
	return GRADUS_OK;
}

/* ---- selection ---- */

/* The catalogue sorted by pattern, catalogue order kept within each
 * (a counting sort): the choice looks only at the pattern it fills. */
static int index_patterns(pl_ctx *c, arena *a)
{
	size_t n = gradus_catalogue_count(c->cat), at[GRADUS_PAT__COUNT + 1] = {0};
	const gradus_exercise **all = arena_alloc(a, (n ? n : 1) * sizeof(*all));

	c->by_pat = arena_alloc(a, (n ? n : 1) * sizeof(*c->by_pat));
	c->cat_i = arena_alloc(a, (n ? n : 1) * sizeof(*c->cat_i));
	if (!all || !c->by_pat || !c->cat_i)
		return GRADUS_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		all[i] = gradus_catalogue_get(c->cat, i); /* once each */
		if ((unsigned)all[i]->pattern < GRADUS_PAT__COUNT)
			at[all[i]->pattern + 1]++;
	}
	for (int k = 0; k < GRADUS_PAT__COUNT; k++)
		at[k + 1] += at[k];
	memcpy(c->pat_at, at, sizeof(at));
	for (size_t i = 0; i < n; i++) {
		gradus_pattern pat = all[i]->pattern;
		if ((unsigned)pat >= GRADUS_PAT__COUNT)
			continue;
		c->cat_i[at[pat]] = i;
		c->by_pat[at[pat]++] = all[i];
	}
	return GRADUS_OK;
}

/* What the choice of exercises needs to know of the person. */
int ctx_init(pl_ctx *c, const gradus_profile *p, const gradus_screening *s,
	     const gradus_template *t, const gradus_catalogue *cat,
	     const gradus_assessment *as, gradus_date start, arena *a)
{
	static const int start_level[GRADUS_CLASS__COUNT] = {1, 2, 3, 3};
	static const int max_level[GRADUS_CLASS__COUNT] = {2, 3, 4, 5};
	c->p = p;
	c->s = s;
	c->t = t;
	c->cat = cat;
	c->max_level = max_level[as->cls] < t->max_level
		? max_level[as->cls] : t->max_level;
	/* people who stand start levels A and B one level up: seated work
	 * (level 2) for A, supported standing (level 3) for B, as in the
	 * Vivifrail passports and Otago's supported exercises [VIVI, OTAGO];
	 * the levels themselves are our choice (D). Only a measured level
	 * moves up. */
	c->start_level = start_level[as->cls] +
		(p->mobility >= GRADUS_MOB_WALKS_WITH_AID &&
		 as->cls <= GRADUS_CLASS_B &&
		 !as->from_mobility /* a guessed level stays low */
		 ? 1 : 0);
	if (c->start_level > c->max_level)
		c->start_level = c->max_level;
	c->emphasis = p->kind == GRADUS_KIND_DISUSE && p->has_immobilised &&
		p->immobilised_region != GRADUS_REG_ALL ? p->immobilised_region : 0;
	c->fall_plus = as->fall_risk_plus;
	/* one arm or one leg was immobilised: that side gets more work */
	c->one_limb = c->emphasis == GRADUS_REG_LEFT_LEG || c->emphasis == GRADUS_REG_RIGHT_LEG ||
		      c->emphasis == GRADUS_REG_LEFT_ARM || c->emphasis == GRADUS_REG_RIGHT_ARM;
	c->hold_on = c->fall_plus || p->supervision == GRADUS_SUP_ALONE ||
		     p->mobility <= GRADUS_MOB_WALKS_WITH_AID ||
		     s->precautions.prefer_supported || s->precautions.balance_emphasis;
	for (size_t i = 0; i < p->n_surgery; i++)
		if (gradus_date_days(start) - gradus_date_days(p->surgery[i].date) < 84)
			c->hold_on = true; /* an operation in the last 12 weeks (D) */
	/* the loads the person owns, of each kind (the out-of-range
	 * last: none) */
	for (int k = 0; k <= GRADUS_LOAD__COUNT; k++)
		dose_owned_for(p, (gradus_load_kind)k, &c->owned[k]);
	return index_patterns(c, a);
}

static bool position_fits(gradus_position pos, gradus_mobility mob)
{
	switch (mob) {
	case GRADUS_MOB_BED: /* bed -> bed, supine, seated (safety invariant 9) */
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

/* Out of line: most people exclude nothing, and usable() then needs no
 * registers saved. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool excluded(const gradus_profile *p, const char *id)
{
	for (size_t i = 0; i < p->n_exclude; i++)
		if (strcmp(p->exclude[i], id) == 0)
			return true;
	return false;
}

/* Everything that makes an exercise unsafe or impossible for the person. */
bool usable(const pl_ctx *c, const gradus_exercise *e)
{
	/* a machine's weight is set to suit anyone the gym template fits,
	 * so machines are limited by the template's level, not the class */
	if (e->level > (e->load == GRADUS_LOAD_MACHINE ? c->t->max_level : c->max_level))
		return false;
	return safe_owning(c, e, c->p->equipment);
}

bool safe_owning(const pl_ctx *c, const gradus_exercise *e, unsigned equipment)
{
	const gradus_profile *p = c->p;
	if (!position_fits(e->position, p->mobility))
		return false;
	/* Standing up from a chair or stepping is not for people who do not
	 * stand: wheelchair and bed mobility. */
	if (p->mobility <= GRADUS_MOB_WHEELCHAIR &&
	    (e->pattern == GRADUS_PAT_SIT_TO_STAND || e->pattern == GRADUS_PAT_LUNGE))
		return false;
	if ((e->equipment & ~equipment) != 0)
		return false;
	if (e->avoid & c->s->precautions.avoid)
		return false;
	if (e->regions & c->s->precautions.no_strength_regions &&
	    e->pattern != GRADUS_PAT_WARMUP && e->pattern != GRADUS_PAT_MOBILITY)
		return false;
	if (p->n_exclude && excluded(p, e->id))
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

/* The exercises chosen so far, each with the first rung of its ladder
 * (found once, when it is chosen, not again for every candidate). */
typedef struct {
	const gradus_exercise *ex[MAX_PICKS], *root[MAX_PICKS];
	size_t n;
} taken_set;

static void take(taken_set *t, const gradus_exercise *e)
{
	if (t->n < MAX_PICKS) {
		t->ex[t->n] = e;
		t->root[t->n] = ladder_root(e);
		t->n++;
	}
}

/* e, or another rung of its ladder, is taken (t: NULL, none; e's root
 * found once, and only when e itself is not taken). */
static bool taken_already(const taken_set *t, const gradus_exercise *e)
{
	const gradus_exercise *root = NULL;

	for (size_t k = 0; t && k < t->n; k++) {
		if (t->ex[k] == e)
			return true;
		if (!root)
			root = ladder_root(e);
		if (t->root[k] == root)
			return true;
	}
	return false;
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
static int score(const pl_ctx *c, const gradus_exercise *e, int target)
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
	/* one limb: moves the good side cannot take over (our choice, D) */
	if (c->one_limb && e->per_side && (e->regions & c->emphasis))
		s -= 4;
	/* a load the person owns in steps can carry the progression */
	if (e->load != GRADUS_LOAD_BODYWEIGHT && c->t->load_progression) {
		if (ctx_owned(c, e->load)->n >= 2)
			s -= 3;
	}
	/* room to progress: a harder version the person can use later */
	if (e->harder && usable(c, e->harder))
		s -= 2;
	/* a gym program uses the machines */
	if (c->t->gym && e->load == GRADUS_LOAD_MACHINE)
		s -= 200;
	return s;
}

/* The level a pattern starts at: getting up, squats and lunges start one
 * rung lower with a fall risk "+" (sit to stand pushing with the arms
 * before arms crossed) [VIVI; the one rung is our choice, D]. */
static int target_level(const pl_ctx *c, gradus_pattern pat)
{
	if (c->fall_plus && c->start_level > 1 &&
	    (pat == GRADUS_PAT_SIT_TO_STAND || pat == GRADUS_PAT_SQUAT ||
	     pat == GRADUS_PAT_LUNGE))
		return c->start_level - 1;
	return c->start_level;
}

/* The therapist's pin for a slot of one of pats[], when usable. */
static const gradus_exercise *pinned(const pl_ctx *c, const gradus_pattern *pats,
				     size_t n_pats)
{
	for (size_t i = 0; i < c->p->n_pins; i++)
		for (size_t j = 0; j < n_pats; j++)
			if (c->p->pins[i].slot == pats[j]) {
				const gradus_exercise *e = gradus_catalogue_find(c->cat, c->p->pins[i].exercise);
				/* safety first: a pin that does not fit is not used
				 * (select_strength says so on the therapist's page) */
				if (e && usable(c, e))
					return e;
			}
	return NULL;
}

/* Balance without holding on is only for people without a fall risk
 * "+", who do not walk with an aid, who train with someone, take no
 * blood thinner and had no operation in the last 12 weeks [VIVI, OTAGO:
 * support first; the 12 weeks are our choice, D]. */
bool balance_safe(const pl_ctx *c, const gradus_exercise *e)
{
	return e->pattern != GRADUS_PAT_BALANCE || e->position != GRADUS_POS_STANDING ||
	       !c->hold_on;
}

const gradus_exercise *usable_or_easier(const pl_ctx *c, const gradus_exercise *e)
{
	/* the catalogue has no ladder cycles (gradus_catalogue_finish); the
	 * guard keeps a broken one from hanging */
	for (int guard = 0; e && guard < 64; guard++, e = e->easier)
		if (usable(c, e) && balance_safe(c, e))
			return e;
	return NULL;
}

static const gradus_exercise *best_of(const pl_ctx *c, gradus_pattern pat,
				      const taken_set *taken, int target)
{
	const gradus_exercise *best = NULL;
	int best_score = 0;
	for (size_t i = c->pat_at[pat]; i < c->pat_at[pat + 1]; i++) {
		const gradus_exercise *e = c->by_pat[i];
		if (!usable(c, e) || !balance_safe(c, e) || taken_already(taken, e))
			continue;
		int sc = score(c, e, target);
		if (!best || sc < best_score) { /* catalogue is in id order */
			best = e;
			best_score = sc;
		}
	}
	return best;
}

static int by_priority(const gradus_slot *x, const gradus_slot *y)
{
	if (x->priority != y->priority)
		return x->priority - y->priority;
	return x->line - y->line;
}

/* The template's slots (at most 16) by priority, then line: an
 * insertion sort, cheaper than qsort for so few, and stable (slots of
 * the same priority and line keep their order, as qsort's merge sort
 * kept them). */
static void sort_slots(gradus_slot *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		gradus_slot x = v[i];
		size_t j = i;
		for (; j > 0 && by_priority(&v[j - 1], &x) > 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Back-extensor work for osteoporosis [TFTF]: an exercise that names the
 * spinal extensors among its muscles. */
static bool back_extensor(const gradus_exercise *e)
{
	for (size_t i = 0; i < e->n_muscles; i++)
		if (strstr(e->muscles[i], "spinal extensors"))
			return true;
	return false;
}

/* A pull for the upper back done sitting or standing tall. */
static bool upper_back_posture(const gradus_exercise *e)
{
	if (e->pattern != GRADUS_PAT_PULL ||
	    (e->position != GRADUS_POS_SEATED && e->position != GRADUS_POS_STANDING &&
	     e->position != GRADUS_POS_STANDING_SUPPORTED))
		return false;
	for (size_t i = 0; i < e->n_muscles; i++)
		if (strstr(e->muscles[i], "upper back"))
			return true;
	return false;
}

static bool is_strength(gradus_pattern p)
{
	return p != GRADUS_PAT_BALANCE && p != GRADUS_PAT_MOBILITY &&
	       p != GRADUS_PAT_WARMUP;
}

/* The next exercise of the patterns of a group, in catalogue order (the
 * order breaks ties between equal scores): list j (the group's j-th
 * pattern) is c->by_pat[cur[j]..end[j]); NULL after the last. *rank:
 * the list it comes from. */
static const gradus_exercise *next_of(const pl_ctx *c, size_t n_pats, size_t *cur,
				      const size_t *end, size_t *rank)
{
	size_t best = n_pats;

	for (size_t j = 0; j < n_pats; j++)
		if (cur[j] < end[j] &&
		    (best == n_pats || c->cat_i[cur[j]] < c->cat_i[cur[best]]))
			best = j;
	if (best == n_pats)
		return NULL;
	*rank = best;
	return c->by_pat[cur[best]++];
}

/* The better of best and e (score sc): the first one in catalogue
 * order of the lowest score. */
static void keep_best(const gradus_exercise **best, int *best_score,
		      const gradus_exercise *e, int sc)
{
	if (!*best || sc < *best_score) {
		*best = e;
		*best_score = sc;
	}
}

/* The best usable exercise of any pattern in pats[] (or, with back_ext,
 * any strength pattern training the spinal extensors). */
static const gradus_exercise *best_of_group(const pl_ctx *c, const gradus_pattern *pats,
					    size_t n_pats, bool back_ext,
					    const taken_set *taken)
{
	const gradus_exercise *best = NULL, *e;
	int best_score = 0;
	size_t cur[3], end[3], rank;

	if (back_ext) {
		for (size_t i = 0; i < gradus_catalogue_count(c->cat); i++) {
			e = gradus_catalogue_get(c->cat, i);
			/* usable first: it is cheaper than reading the muscles */
			if (is_strength(e->pattern) && usable(c, e) && back_extensor(e) &&
			    !taken_already(taken, e))
				keep_best(&best, &best_score, e,
					  score(c, e, target_level(c, e->pattern)));
		}
		return best;
	}
	/* each pattern's own list (a pattern named twice: the first; one
	 * out of range: none) */
	if (n_pats > COUNT(cur))
		n_pats = COUNT(cur);
	for (size_t j = 0; j < n_pats; j++) {
		bool skip = (unsigned)pats[j] >= GRADUS_PAT__COUNT;
		for (size_t i = 0; i < j; i++)
			skip |= pats[i] == pats[j];
		cur[j] = skip ? 0 : c->pat_at[pats[j]];
		end[j] = skip ? 0 : c->pat_at[pats[j] + 1];
	}
	while ((e = next_of(c, n_pats, cur, end, &rank))) {
		int sc;
		if (!usable(c, e))
			continue;
		/* the group's patterns in order: sit to stand before squat,
		 * push before press */
		sc = score(c, e, target_level(c, e->pattern)) + (int)rank * 1000;
		/* whether it or a rung of its ladder is taken matters
		 * only when it would be the best */
		if ((!best || sc < best_score) && !taken_already(taken, e))
			keep_best(&best, &best_score, e, sc);
	}
	return best;
}

/* The groups every plan covers (select_strength), in order of need: the
 * legs, the upper body, back-extensor work with osteoporosis [TFTF], grip
 * when weak, calves */
enum { G_LEGS, G_KNEE, G_HIP, G_PUSH, G_PULL, G_BACK, G_GRIP, G_CALF,
       G_CORE, G__COUNT };
static const gradus_pattern groups[G__COUNT][3] = {
	[G_LEGS] = {GRADUS_PAT_SIT_TO_STAND, GRADUS_PAT_SQUAT, GRADUS_PAT__COUNT},
	[G_KNEE] = {GRADUS_PAT_KNEE_EXTENSION, GRADUS_PAT__COUNT, GRADUS_PAT__COUNT},
	[G_HIP] = {GRADUS_PAT_HIP_ABDUCTION, GRADUS_PAT_HIP_EXTENSION, GRADUS_PAT__COUNT},
	[G_PUSH] = {GRADUS_PAT_PUSH, GRADUS_PAT_PRESS, GRADUS_PAT__COUNT},
	[G_PULL] = {GRADUS_PAT_PULL, GRADUS_PAT__COUNT, GRADUS_PAT__COUNT},
	[G_CALF] = {GRADUS_PAT_CALF_RAISE, GRADUS_PAT__COUNT, GRADUS_PAT__COUNT},
	[G_BACK] = {GRADUS_PAT__COUNT, GRADUS_PAT__COUNT, GRADUS_PAT__COUNT},
	[G_GRIP] = {GRADUS_PAT_GRIP, GRADUS_PAT__COUNT, GRADUS_PAT__COUNT},
	[G_CORE] = {GRADUS_PAT_CORE, GRADUS_PAT__COUNT, GRADUS_PAT__COUNT},
};
static const char *const group_words[G__COUNT] = {
	[G_LEGS] = "getting up (sit to stand or squat)",
	[G_KNEE] = "front of the thigh", [G_HIP] = "hips",
	[G_BACK] = "back muscles", [G_PUSH] = "pushing (chest, shoulders, arms)",
	[G_PULL] = "pulling (upper back, arms)", [G_GRIP] = "grip",
	[G_CALF] = "calves", [G_CORE] = "trunk"};

/* A note for each pin that is not used: it does not fit the person
 * (safety first; pinned). */
static void note_unused_pins(const pl_ctx *c, strlist *notes, arena *a)
{
	const gradus_profile *p = c->p;

	for (size_t i = 0; i < p->n_pins; i++) {
		const gradus_exercise *e = gradus_catalogue_find(c->cat, p->pins[i].exercise);
		if (!e || !usable(c, e))
			strlist_add(a, notes, arena_printf(a, "The pinned exercise '%s' is not used: it does not fit this person's mobility, equipment, level or precautions.",
							   p->pins[i].exercise));
	}
}

/* The groups in order of need (docs/generation.md, 3): fills order[],
 * returns how many. */
static int group_order(const pl_ctx *c, int *order)
{
	const gradus_profile *p = c->p;
	unsigned regions = p->regions | c->emphasis;
	bool want[G__COUNT] = {[G_LEGS] = true, [G_KNEE] = true, [G_HIP] = true,
			       [G_PUSH] = true, [G_PULL] = true, [G_CALF] = true};
	int n_order = 0;

	if (p->conditions & GRADUS_TAGBIT(GRADUS_TAG_OSTEOPOROSIS))
		want[G_BACK] = true; /* back-extensor work [TFTF] */
	if ((regions & (GRADUS_REG_HANDS | GRADUS_REG_ARMS)) ||
	    (!isnan(p->measures.grip_kg) &&
	     p->measures.grip_kg < (p->sex == GRADUS_SEX_MALE ? 27.0 : 16.0)))
		want[G_GRIP] = true; /* grip when the hands or arms are weak [EWGSOP2] */
	if (regions & GRADUS_REG_TRUNK)
		want[G_CORE] = true;
	/* the person's own regions first (of legs, hips, push and pull),
	 * then the rest of those; then the calves, then back-extensor, grip
	 * and trunk work: a short session keeps legs, hips and the upper
	 * body (our order, D) */
	for (int pass = 0; pass < 4; pass++)
		for (int gi = 0; gi < G__COUNT; gi++) {
			bool mine = false, core = gi == G_LEGS || gi == G_KNEE || gi == G_HIP ||
						  gi == G_PUSH || gi == G_PULL;
			if (!want[gi])
				continue;
			if (gi == G_PUSH || gi == G_PULL)
				mine = (regions & GRADUS_REG_ARMS) != 0;
			else if (gi == G_GRIP)
				mine = (regions & GRADUS_REG_HANDS) != 0;
			else if (gi == G_CORE || gi == G_BACK)
				mine = (regions & GRADUS_REG_TRUNK) != 0;
			else if (gi == G_HIP)
				mine = (regions & (GRADUS_REG_HIPS | GRADUS_REG_LEGS)) != 0;
			else
				mine = (regions & GRADUS_REG_LEGS) != 0;
			if ((pass == 0 && core && mine) || (pass == 1 && core && !mine) ||
			    (pass == 2 && gi == G_CALF) ||
			    (pass == 3 && !core && gi != G_CALF))
				order[n_order++] = gi;
		}
	return n_order;
}

/* The groups' exercises, in order, while fewer than `max` are chosen. */
static size_t pick_groups(const pl_ctx *c, const int *order, int n_order,
			  pick *out, taken_set *taken, size_t max,
			  strlist *notes, arena *a)
{
	size_t n = 0;

	for (int i = 0; i < n_order && n < max; i++) {
		int gi = order[i];
		size_t np = 0;
		while (np < 3 && groups[gi][np] != GRADUS_PAT__COUNT)
			np++;
		const gradus_exercise *e;
		if (gi == G_BACK) {
			/* a pull for the upper back done sitting or standing
			 * tall is the posture work of osteoporosis when it is
			 * already in (our choice, D, after TFTF) */
			bool posture = false;
			for (size_t k = 0; k < n; k++)
				posture |= upper_back_posture(out[k].ex);
			if (posture)
				continue;
		}
		e = pinned(c, groups[gi], np);
		if (!e || taken_already(taken, e))
			e = best_of_group(c, groups[gi], np, gi == G_BACK, taken);
		if (!e) {
			strlist_add(a, notes, arena_printf(a, "No exercise for %s fits this person's equipment, mobility and precautions.",
							   group_words[gi]));
			continue;
		}
		take(taken, e);
		out[n].ex = e;
		out[n].priority = i;
		out[n].emphasis = c->emphasis && (e->regions & c->emphasis);
		out[n].resume = NULL;
		n++;
	}
	return n;
}

/* The template's slots, by priority; a slot of count 2 gets a second. */
static size_t pick_slots(const pl_ctx *c, pick *out, taken_set *taken,
			 size_t n, size_t max)
{
	gradus_slot slots[16];
	size_t ns = c->t->n_slots < 16 ? c->t->n_slots : 16;
	memcpy(slots, c->t->slots, ns * sizeof(*slots));
	sort_slots(slots, ns);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < ns && n < max; i++) {
			const gradus_exercise *e;
			size_t have = 0;
			if (!is_strength(slots[i].pattern))
				continue;
			for (size_t k = 0; k < n; k++)
				have += out[k].ex->pattern == slots[i].pattern;
			if ((int)have >= (pass == 0 ? 1 : slots[i].count))
				continue;
			e = pinned(c, &slots[i].pattern, 1);
			if (!e || taken_already(taken, e))
				e = best_of_group(c, &slots[i].pattern, 1, false, taken);
			if (!e)
				continue;
			take(taken, e);
			out[n].ex = e;
			out[n].priority = 100 + slots[i].priority;
			out[n].emphasis = c->emphasis && (e->regions & c->emphasis);
			out[n].resume = NULL;
			n++;
		}
	return n;
}

/* The whole body [ACSM2009OA: 8-10 exercises for the major muscle
 * groups]: groups that every plan covers, in order, the person's own
 * regions first; then the template's slots by priority; then any other
 * strength pattern, until `max` are chosen. Picks come out in order of
 * importance: fitting the minutes drops from the end. */
size_t select_strength(const pl_ctx *c, const gradus_assessment *as,
		       pick *out, size_t max, strlist *notes, arena *a)
{
	int order[G__COUNT], n_order;
	taken_set taken = {.n = 0};
	size_t n;

	(void)as;
	note_unused_pins(c, notes, a);
	n_order = group_order(c, order);
	n = pick_groups(c, order, n_order, out, &taken, max, notes, a);
	return pick_slots(c, out, &taken, n, max);
}

/* Warm-up, balance and cool-down aim at the highest level allowed:
 * they are not progressed, so they start where the person can work. */
size_t select_block(const pl_ctx *c, gradus_pattern pat,
		    const gradus_exercise **out, size_t max)
{
	taken_set taken = {.n = 0};
	/* balance starts at the person's level and climbs its ladder week
	 * by week (balance_for_week); warm-up and cool-down are not
	 * progressed, so they start where the person can work */
	int target = pat == GRADUS_PAT_BALANCE ? c->start_level : c->max_level;
	/* the pattern's candidates with their scores, found once for
	 * every exercise chosen (best_of, when there are more) */
	struct {
		const gradus_exercise *e;
		int sc;
	} cand[64];
	size_t n_cand = 0;
	bool all = true;

	if (max > MAX_PICKS)
		max = MAX_PICKS;
	for (size_t i = c->pat_at[pat]; i < c->pat_at[pat + 1]; i++) {
		const gradus_exercise *e = c->by_pat[i];
		if (!usable(c, e) || !balance_safe(c, e))
			continue;
		if (n_cand == COUNT(cand)) {
			all = false;
			break;
		}
		cand[n_cand].e = e;
		cand[n_cand].sc = score(c, e, target);
		n_cand++;
	}
	while (taken.n < max) {
		const gradus_exercise *e = NULL;
		int best_score = 0;
		if (!all)
			e = best_of(c, pat, &taken, target);
		for (size_t i = 0; all && i < n_cand; i++)
			if ((!e || cand[i].sc < best_score) && !taken_already(&taken, cand[i].e)) {
				e = cand[i].e; /* catalogue is in id order */
				best_score = cand[i].sc;
			}
		if (!e)
			break;
		out[taken.n] = e;
		take(&taken, e);
	}
	return taken.n;
}

/* A resumed plan continues with the exercises in use, each still
 * checked: one that no longer fits gives way to its easier version. */
size_t resume_picks(const pl_ctx *c, const gradus_resume *rs, pick *picks,
		    arena *a, strlist *warn)
{
	size_t n_picks = 0;

	for (size_t i = 0; i < rs->n_items && n_picks < MAX_PICKS; i++) {
		const gradus_resume_item *r = &rs->items[i];
		const gradus_exercise *e = gradus_catalogue_find(c->cat, r->exercise_id);
		bool dup = false;
		if (!e) {
			strlist_add(a, warn, arena_printf(a, "'%s' is not in the catalogue any more; it is left out.",
						  r->exercise_id));
			continue;
		}
		e = usable_or_easier(c, e);
		for (size_t k = 0; e && k < n_picks; k++)
			if (picks[k].ex == e)
				dup = true;
		if (!e || dup) {
			strlist_add(a, warn, arena_printf(a, "'%s' no longer fits this person's mobility, equipment or precautions, and no easier version does; it is left out.",
						  r->exercise_id));
			continue;
		}
		if (strcmp(e->id, r->exercise_id) != 0)
			strlist_add(a, warn, arena_printf(a, "'%s' no longer fits this person; the easier '%s' takes its place.",
						  r->exercise_id, e->id));
		picks[n_picks].ex = e;
		picks[n_picks].priority = (int)i + 1;
		picks[n_picks].emphasis = false;
		picks[n_picks].resume = r;
		n_picks++;
	}
	return n_picks;
}

/* Osteoporosis asks for back-extensor work [TFTF]: say so when the
 * first n picks have none. */
void back_extensor_note(const pl_ctx *c, const pick *picks, size_t n,
			arena *a, strlist *warn)
{
	bool back = false;

	if (!(c->p->conditions & GRADUS_TAGBIT(GRADUS_TAG_OSTEOPOROSIS)))
		return;
	for (size_t k = 0; k < n; k++)
		back |= back_extensor(picks[k].ex) || upper_back_posture(picks[k].ex);
	if (!back)
		strlist_add(a, warn, best_of_group(c, NULL, 0, true, NULL)
			    ? "Osteoporosis: no back-extensor exercise fits in the session's minutes; add one when time allows."
			    : "Osteoporosis: no back-extensor exercise fits this person's equipment, mobility and precautions.");
}
