/* The schedule (docs/generation.md, 6): the days, at least 48 hours
 * apart; the minutes fitted by calculation (warm-up, balance and
 * cool-down, how many exercises, paired sets); and the weeks: each
 * item's dose with its reasons (why.c), the balance ladder, the walking
 * minutes and the sessions. */
#include <stdlib.h>
#include <string.h>

#include "plan/dose.h"
#include "plan/plan_int.h"
#include "util/util.h"

/* ---- days ---- */

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

/* The sessions: as many of the profile's days as the profile (or the
 * template) asks, at least 48 hours apart, fewer when they cannot be.
 * Sets pl->days and pl->sessions_per_week; returns the line for the
 * person's page on what the other days are for, or NULL. */
const char *session_days(gradus_plan *pl, const gradus_profile *p,
			 const gradus_template *t, arena *a, strlist *warn)
{
	int want_sessions;
	const char *days_line = NULL;

	want_sessions = p->sessions_per_week > 0 ? p->sessions_per_week : t->sessions_per_week;
	if (want_sessions > popcount(p->days))
		want_sessions = popcount(p->days);
	for (int k = want_sessions; k >= 1; k--) {
		pl->days = choose_days(p->days, k);
		if (pl->days) {
			if (k < want_sessions)
				strlist_add(a, warn, arena_printf(a, "Only %d session%s a week: the chosen days leave less than 48 hours between sessions otherwise.",
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
		strlist_add(a, warn, arena_printf(a, "%d days given, %d strength sessions a week: the %s (2-3 a week, 48 hours apart).",
						   popcount(p->days), pl->sessions_per_week,
						   p->sessions_per_week > 0 ? "profile's program.sessions_per_week"
									    : "template's sessions_per_week"));
	}
	return days_line;
}

/* ---- paired sets ---- */

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

/* What pairing asks of a pick. */
typedef struct {
	int group;               /* posture_group */
	bool lower;              /* lower_body */
	gradus_pattern pattern;
} pair_key;

static pair_key pair_key_of(const gradus_exercise *e)
{
	return (pair_key){posture_group(e->position), lower_body(e), e->pattern};
}

/* The pairing of the first n picks (keys k): order[m] is the pick in
 * place m, partner[m] the place of its partner or -1. */
static void pair_order(const pair_key *k, size_t n, size_t *order, int *partner)
{
	bool used[MAX_PICKS] = {false};
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		size_t best = n, same_half = n;
		if (used[i])
			continue;
		used[i] = true;
		/* the first that can follow it of the other half of the
		 * body, else the first of the same half */
		for (size_t j = i + 1; j < n; j++) {
			if (used[j] || k[i].group != k[j].group ||
			    k[i].pattern == k[j].pattern)
				continue;
			if (k[i].lower != k[j].lower) {
				best = j;
				break;
			}
			if (same_half == n)
				same_half = j;
		}
		if (best == n)
			best = same_half;
		order[m] = i;
		partner[m] = -1;
		m++;
		if (best < n) {
			used[best] = true;
			order[m] = best;
			partner[m - 1] = (int)m;
			partner[m] = (int)m - 1;
			m++;
		}
	}
}

static void pair_up(pick *picks, size_t n, int *partner)
{
	pick out[MAX_PICKS];
	pair_key k[MAX_PICKS] = {{0}};
	size_t order[MAX_PICKS];
	for (size_t i = 0; i < n; i++)
		k[i] = pair_key_of(picks[i].ex);
	pair_order(k, n, order, partner);
	for (size_t m = 0; m < n; m++)
		out[m] = picks[order[m]];
	memcpy(picks, out, n * sizeof(*picks));
}

/* ---- fitting the minutes ---- */

/* Balance minutes: the template's, at least 5 when screening asks for
 * balance emphasis; none without a balance exercise. */
int balance_minutes(const pl_ctx *c, size_t n_balance)
{
	int balance_min = n_balance ? c->t->balance_min : 0;
	if (n_balance && balance_min < 5 && c->s->precautions.balance_emphasis)
		balance_min = 5; /* falls: balance every session [OTAGO, VIVI]; 5 min our choice (D) */
	return balance_min;
}

/* The seconds of the strength part with the first n picks, for n = 1
 * to n_picks, paired as they would be, with one set each (secs[0][n])
 * and two (secs[1][n]). The pairs recur from one n to the next: each
 * block (a pick alone, or a pair in the order pairing puts them) is
 * worked out once. */
static void prefix_seconds(const pl_ctx *c, const pick *picks, size_t n_picks,
			   int reps_cap, int rest, int secs[2][MAX_PICKS + 1])
{
	pair_key key[MAX_PICKS];
	dose ds[2][MAX_PICKS];
	/* block[sets - 1][i][j]: pick i with pick j after it (j == i:
	 * alone), 0 not worked out yet */
	int block[2][MAX_PICKS][MAX_PICKS];

	memset(block, 0, sizeof(block));
	memset(ds, 0, sizeof(ds));
	for (size_t i = 0; i < n_picks; i++) {
		key[i] = pair_key_of(picks[i].ex);
		for (int s = 0; s < 2; s++) {
			ds[s][i].ex = picks[i].ex;
			ds[s][i].sets = s + 1;
			ds[s][i].extra = one_limb_exercise(c, picks[i].ex);
		}
	}
	for (size_t n = 1; n <= n_picks; n++) {
		size_t order[MAX_PICKS];
		int part[MAX_PICKS];
		pair_order(key, n, order, part);
		for (int s = 0; s < 2; s++) {
			int t = 0;
			for (size_t m = 0; m < n; m++) {
				size_t i = order[m], j = part[m] < 0 ? i : order[part[m]];
				if (part[m] >= 0 && (size_t)part[m] < m)
					continue; /* counted with its partner */
				if (!block[s][i][j]) {
					dose two[2] = {ds[s][i], ds[s][j]};
					int p2[2] = {i == j ? -1 : 1, 0};
					block[s][i][j] = strength_block_seconds(two, i == j ? 1 : 2, p2, 0,
										reps_cap, rest);
				}
				t += block[s][i][j];
			}
			secs[s][n] = t;
			if (plan_check.on) {
				/* for the tests: the sum over all the doses */
				dose full[MAX_PICKS];
				for (size_t m = 0; m < n; m++)
					full[m] = ds[s][order[m]];
				plan_check.checked++;
				if (t != strength_seconds(full, n, part, reps_cap, rest))
					plan_check.wrong++;
			}
		}
	}
}

/* How many of the first picks fit `budget` seconds with one set each
 * (*n1) and with two (*n2) (secs: prefix_seconds). */
static void fit_counts(int secs[2][MAX_PICKS + 1], size_t n_picks, int budget,
		       int *n1, int *n2)
{
	*n1 = *n2 = 0;
	for (size_t n = 1; n <= n_picks; n++) {
		if (secs[0][n] <= budget)
			*n1 = (int)n;
		if (secs[1][n] <= budget)
			*n2 = (int)n;
	}
}

/* Fit the minutes, by calculation: warm-up and cool-down sized to
 * the session; then as many exercises as fit with two sets each (one
 * set each of at least the minimum for the session's length: 4 below
 * 30 minutes or at bed level, 6 from 30, 8 from 45 [ACSM2009OA];
 * then load, not more sets, carries the progression). Rises that
 * would overrun wait (progress). */
int fit_minutes(fitting *f, const pl_ctx *c, const pick *picks, size_t n_picks,
		int balance_min, arena *a, strlist *warn, gradus_diags *d)
{
	const gradus_profile *p = c->p;
	const gradus_template *t = c->t;
	int warmup_min = t->warmup_min, cooldown_min = t->cooldown_min;
	int reps_cap = 0, rest = 0, n1, n2, budget;
	int secs[2][MAX_PICKS + 1];
	size_t need_min = p->mobility == GRADUS_MOB_BED || p->minutes < 30 ? 4
			: p->minutes < 45 ? 6 : 8;
	size_t n_use;
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
	prefix_seconds(c, picks, n_picks, reps_cap, rest, secs);
	for (;;) {
		budget = (p->minutes - warmup_min - balance_min - cooldown_min) * 60;
		fit_counts(secs, n_picks, budget, &n1, &n2);
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
			return GRADUS_EINVALID;
		}
	}
	n_use = (size_t)n2;
	if (n_use < need_min)
		n_use = (size_t)n1 < need_min ? (size_t)n1 : need_min;
	if (n_use < (size_t)n2)
		n_use = (size_t)n2;
	if (n_use < n_picks)
		strlist_add(a, warn, arena_printf(a, "%zu exercises of the %zu chosen fit %d minutes a session (warm-up %d, balance %d, cool-down %d minutes).",
					  n_use, n_picks, p->minutes, warmup_min, balance_min, cooldown_min));
	if ((int)n_use < t->exercises_min)
		strlist_add(a, warn, arena_printf(a, "Below the template's minimum of %d exercises: %s.",
					  t->exercises_min, n_use < n_picks
					  ? "the session's minutes do not hold more"
					  : "no more exercises fit the equipment, mobility and precautions"));
	f->blocks[0] = warmup_min;
	f->blocks[1] = balance_min;
	f->blocks[2] = cooldown_min;
	f->budget_s = budget;
	f->reps_cap = reps_cap;
	f->n_use = n_use;
	return GRADUS_OK;
}

/* ---- the weeks ---- */

/* The week's balance exercises: last week's (`bal`; NULL in the first
 * week, then the plan's), each a rung up every third week (fill_weeks);
 * the weeks between share last week's; NULL when out of memory. */
static const gradus_exercise **balance_for_week(const prog *g, const gradus_week *wk,
						int w, const gradus_exercise **bal,
						size_t n_bal, arena *a)
{
	const gradus_exercise **nb;
	if (bal && !(w > 0 && !wk->deload && wk->number % 3 == 1))
		return bal; /* no rung this week */
	nb = arena_alloc(a, (n_bal ? n_bal : 1) * sizeof(*nb));
	if (!nb)
		return NULL;
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
	return nb;
}

/* Item k of week w: the dose of the week with its reasons. */
static int fill_item(gradus_item *items, size_t k, int w, const wdose *row,
		     const gradus_plan *pl, const prog *g, const gradus_phase *ph,
		     const gradus_resume_item *resume, int *pair_no,
		     gradus_why *slots, whybook *wb)
{
	const wdose *x = &row[w];
	const gradus_exercise *e = x->d.ex;
	gradus_item *it = &items[k];
	it->exercise = e;
	it->sets = x->d.sets;
	it->affected_sets = x->d.extra ? x->d.sets + x->d.extra : 0;
	it->reps_min = x->d.reps_lo;
	it->reps_max = dose_reps_hi(x->d.reps_lo, ph);
	it->pair = 0;
	if (g->partner[k] == (int)k + 1)
		it->pair = ++*pair_no;
	else if (g->partner[k] >= 0 && g->partner[k] == (int)k - 1)
		it->pair = items[k - 1].pair;
	it->hold_s = e->hold_s > 0 ? e->hold_s + x->d.hold_extra : 0;
	const dose_owned *o = ctx_owned(g->c, e->load);
	it->load = o->n ? dose_load_at(o, e->load, x->d.load_i)
		       : (gradus_load){e->load, 0.0, -1, 0};
	it->support = x->d.support;
	it->effort_min = ph->rpe_min < pl->effort_cap ? ph->rpe_min : pl->effort_cap;
	it->effort_max = ph->rpe_max < pl->effort_cap ? ph->rpe_max : pl->effort_cap;
	it->rest_s = ph->rest_s;
	it->change = x->change;
	return item_whys(it, slots, wb, ph, row, w, resume);
}

/* The week's sessions, on the plan's days, all with the same items
 * (the weekdays counted from the week's first, wdy0: every week starts
 * on the plan's first day's; only the session days are made dates). */
static int week_sessions(gradus_week *wk, const gradus_plan *pl, arena *a,
			 gradus_item *items, size_t n_picks, const int blocks[3],
			 const gradus_exercise **bal, size_t n_bal, int *max_minutes,
			 int wdy0)
{
	gradus_session *ss;
	size_t n_s = 0;

	ss = arena_alloc(a, 7 * sizeof(*ss));
	if (!ss)
		return GRADUS_ENOMEM;
	for (int dd = 0; dd < 7; dd++) {
		int wdy = wdy0 + dd < 7 ? wdy0 + dd : wdy0 + dd - 7;
		if (!(pl->days & (1u << wdy)))
			continue;
		gradus_session *s = &ss[n_s++];
		s->date = gradus_date_add(wk->start, dd);
		s->weekday = wdy;
		s->items = items;
		s->n_items = n_picks;
		s->warmup_min = blocks[0];
		s->balance_min = blocks[1];
		s->balance = bal;
		s->n_balance = n_bal;
		s->cooldown_min = blocks[2];
		/* the week's sessions are the same: their minutes once */
		s->minutes = n_s > 1 ? ss[0].minutes : gradus_session_minutes(s);
		if (s->minutes > *max_minutes)
			*max_minutes = s->minutes;
	}
	wk->sessions = ss;
	wk->n_sessions = n_s;
	return GRADUS_OK;
}

static int fill_weeks(gradus_plan *pl, arena *a, const prog *g,
		      const pick *picks, size_t n_picks, const int blocks[3],
		      int *max_minutes, wdose (*wd)[MAX_WEEKS], gradus_week *weeks,
		      whybook *wb)
{
	const gradus_template *t = g->c->t;
	const gradus_exercise **bal = NULL;
	size_t n_bal = g->n_balance0;
	int walk = t->walking_min < 10 ? t->walking_min : 10;
	long start = gradus_date_days(pl->start);
	int wdy0 = gradus_date_weekday(pl->start);
	for (int w = 0; w < pl->weeks_n; w++) {
		gradus_week *wk = &weeks[w];
		const gradus_phase *ph;
		gradus_item *items = arena_alloc(a, (n_picks ? n_picks : 1) * sizeof(*items));
		/* the items' reasons, in one piece for the week */
		gradus_why *whys = arena_alloc(a, (n_picks ? n_picks : 1) * ITEM_WHYS_MAX *
					       sizeof(*whys));
		int pair_no = 0;
		if (!items || !whys)
			return GRADUS_ENOMEM;
		wk->number = g->week0 + w;
		wk->start = gradus_date_from_days(start + 7L * w);
		wk->end = gradus_date_add(wk->start, 6);
		wk->deload = n_picks ? wd[0][w].deload : dose_is_deload(t, g->week0 + w);
		ph = &t->phases[dose_phase_index(t, g->week0 + w)];
		wk->phase = ph->name;
		/* balance climbs its ladder every third week (Otago levels:
		 * more support to less, feet together to tandem to one leg)
		 * and walking builds by 5 minutes every second week toward
		 * the template's minutes [OTAGO; the rhythm is our choice,
		 * D]; nothing rises in a lighter week */
		bal = balance_for_week(g, wk, w, bal, n_bal, a);
		if (!bal)
			return GRADUS_ENOMEM;
		if (w > 0 && !wk->deload && wk->number % 2 == 1 && walk < t->walking_min)
			walk = walk + 5 < t->walking_min ? walk + 5 : t->walking_min;
		wk->walking_min = walk;
		for (size_t k = 0; k < n_picks; k++)
			if (fill_item(items, k, w, wd[k], pl, g, ph, picks[k].resume, &pair_no,
				      whys + k * ITEM_WHYS_MAX, wb))
				return GRADUS_ENOMEM;
		if (week_sessions(wk, pl, a, items, n_picks, blocks, bal, n_bal, max_minutes,
				  wdy0))
			return GRADUS_ENOMEM;
	}
	pl->weeks = weeks;
	pl->n_weeks = (size_t)pl->weeks_n;
	return GRADUS_OK;
}

static int build_weeks(gradus_plan *pl, arena *a, whybook *wb, const prog *g,
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
	/* the doses are settled: the items, each reason's text formatted
	 * once and shared (why.c) */
	whys_begin(wb, pl);
	rc = fill_weeks(pl, a, g, picks, n_picks, blocks, max_minutes, wd, weeks, wb);
	free(wd);
	return rc;
}

/* The weeks of the plan: the exercises that fit, paired, progressed week
 * by week and laid out in sessions; no session may be longer than the
 * person's minutes. */
int schedule_weeks(gradus_plan *pl, arena *a, whybook *wb, const pl_ctx *c,
		   pick *picks, const fitting *f,
		   const gradus_exercise *const *balance0, size_t n_balance0,
		   gradus_diags *d)
{
	const gradus_exercise *selected[MAX_PICKS];
	int partner[MAX_PICKS];
	int rc, max_minutes = 0;

	pair_up(picks, f->n_use, partner);
	for (size_t k = 0; k < f->n_use; k++)
		selected[k] = picks[k].ex;
	{
		prog g = {c, pl->assessment.fall_risk_plus, false, selected, f->n_use,
			  pl->first_week, partner, f->budget_s, f->reps_cap, balance0, n_balance0};
		g.start_up = !pl->assessment.from_mobility && !pl->assessment.fall_risk_plus &&
			     pl->assessment.cls >= GRADUS_CLASS_C;
		rc = build_weeks(pl, a, wb, &g, picks, f->n_use, f->blocks, &max_minutes);
		if (rc)
			return rc;
	}
	if (max_minutes > c->p->minutes) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, c->p->file, 0,
				 "internal error: a session of %d minutes for %d (please report)",
				 max_minutes, c->p->minutes);
		return GRADUS_EINVALID;
	}
	return GRADUS_OK;
}
