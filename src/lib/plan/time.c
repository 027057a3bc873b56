/* The time model (docs/generation.md, 6): seconds of a set, of one
 * exercise or a pair done in turns, of the strength part, and the
 * minutes of a session. One estimate, used to fit the plan and to
 * state each session's minutes. */
#include "plan/plan_int.h"

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

/* Inlined where the blocks of a changing dose are worked out
 * (strength_block_seconds): many times a plan. */
#if defined(__GNUC__)
#define TIME_INLINE inline __attribute__((always_inline))
#else
#define TIME_INLINE inline
#endif

/* Seconds one exercise, or one pair done in turns (A1 B1 A2 B2 ...),
 * takes: 30 s to set up each, the sets, 15 s to move between the two
 * of a pair, and the rest between sets of one exercise less the time
 * spent on the other [ACSM2009 rests 60-120 s; the pairing and the
 * 30 s / 15 s are our estimates, D]. */
static TIME_INLINE int block_seconds(const gradus_exercise *ea, int sa, int xa, int ra,
				     int ha, const gradus_exercise *eb, int sb, int xb,
				     int rb, int hb, int rest)
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
int strength_seconds(const dose *d, size_t n, const int *partner,
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

plan_checks plan_check;

/* Seconds of the block of slot k in strength_seconds(d, n, ...): k
 * alone, or k with its partner (the lower slot first); the total is
 * the sum of its blocks, so changing slot k changes it by the
 * difference of this (progress keeps the total that way). */
int strength_block_seconds(const dose *d, size_t n, const int *partner, size_t k,
			   int reps, int rest)
{
	int j = partner ? partner[k] : -1;
	const dose *a = &d[k], *b;

	if (j < 0 || (size_t)j >= n)
		return block_seconds(a->ex, a->sets, a->extra, reps, a->hold_extra,
				     NULL, 0, 0, 0, 0, rest);
	b = &d[j];
	if ((size_t)j < k) {
		const dose *x = a;
		a = b;
		b = x;
	}
	return block_seconds(a->ex, a->sets, a->extra, reps, a->hold_extra,
			     b->ex, b->sets, b->extra, reps, b->hold_extra, rest);
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
