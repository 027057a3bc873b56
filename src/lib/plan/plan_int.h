/* plan_int.h - what the files of the generator share (plan/): the
 * person's assessment (assess.c), the choice of template and exercises
 * (select.c), the time model (time.c), the week-by-week progression
 * (progress.c) and the weeks and sessions (schedule.c), driven step by
 * step by gradus_plan_generate (plan.c). Internal to libgradus. */
#ifndef GRADUS_PLAN_INT_H
#define GRADUS_PLAN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "gradus/plan.h"
#include "plan/dose.h"
#include "util/arena.h"

/* Shared by the files of plan/ only: kept out of the library's exported
 * names (those are gradus_...). */
#if defined(__GNUC__)
#define PLAN_INTERNAL __attribute__((visibility("hidden")))
#else
#define PLAN_INTERNAL
#endif

#define MAX_PICKS 12
#define MAX_WEEKS 52

/* ---- small helpers ---- */

/* A growable list of strings kept in the arena. */
typedef struct {
	const char **v;
	size_t n, cap;
} strlist;

static inline void strlist_add(arena *a, strlist *l, const char *s)
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

static inline int popcount(unsigned v)
{
	int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

/* ---- assess.c: the person ---- */

/* The Vivifrail class, the fall risk "+", the EWGSOP2 and SARC-F
 * findings, with a note for each. */
PLAN_INTERNAL void assess(gradus_assessment *as, const gradus_profile *p, arena *a);
/* The effort cap of every item, with its reason added to `reasons`. */
PLAN_INTERNAL int effort_cap(const gradus_plan *pl, const gradus_profile *p,
			     const gradus_screening *s, const gradus_template *t,
			     arena *a, strlist *reasons);
/* The safety advice of the precautions, and the protein line. */
PLAN_INTERNAL void advice(gradus_plan *pl, const gradus_profile *p,
			  const gradus_screening *s, arena *a, strlist *adv);

/* ---- select.c: the template and the exercises ---- */

PLAN_INTERNAL int template_for(const gradus_template **out, const gradus_profile *p,
			       const gradus_screening *s, const gradus_templates *tpl,
			       const char *tid, gradus_class cls, arena *a, strlist *warn,
			       gradus_diags *d);

/* What the choice of exercises needs to know of the person. */
typedef struct {
	const gradus_profile *p;
	const gradus_screening *s;
	const gradus_template *t;
	const gradus_catalogue *cat;
	int max_level;
	int start_level;
	unsigned emphasis; /* regions to emphasise (disuse) */
	bool fall_plus;    /* fall-risk "+" [VIVI] */
	bool one_limb;     /* one-limb disuse: the affected side gets more */
	bool hold_on;      /* balance always holding on (see balance_safe) */
	/* the catalogue by pattern, in catalogue order within each (the
	 * choice looks at one pattern at a time; the order breaks ties):
	 * the exercises of pattern p are by_pat[pat_at[p]..pat_at[p+1]),
	 * their places in the catalogue in cat_i */
	const gradus_exercise **by_pat;
	size_t *cat_i;
	size_t pat_at[GRADUS_PAT__COUNT + 1];
	/* the loads the person owns of each kind (dose_owned_for), once a
	 * plan rather than for every item of every week */
	dose_owned owned[GRADUS_LOAD__COUNT + 1];
} pl_ctx;

static inline const dose_owned *ctx_owned(const pl_ctx *c, gradus_load_kind k)
{
	return &c->owned[(unsigned)k < GRADUS_LOAD__COUNT ? k : GRADUS_LOAD__COUNT];
}

/* GRADUS_OK, or GRADUS_ENOMEM (the index is in the plan's arena a). */
PLAN_INTERNAL int ctx_init(pl_ctx *c, const gradus_profile *p, const gradus_screening *s,
			   const gradus_template *t, const gradus_catalogue *cat,
			   const gradus_assessment *as, gradus_date start, arena *a);
/* Everything that makes an exercise unsafe or impossible for the person. */
PLAN_INTERNAL bool usable(const pl_ctx *c, const gradus_exercise *e);
/* usable() but for the level of the person's class (a re-test may
 * raise it), were their equipment `equipment`: what would be safe for
 * them with something they would need to buy (next_loads). */
PLAN_INTERNAL bool safe_owning(const pl_ctx *c, const gradus_exercise *e,
			       unsigned equipment);
/* Balance without holding on only for people safe to do it. */
PLAN_INTERNAL bool balance_safe(const pl_ctx *c, const gradus_exercise *e);
/* e, or the nearest of its easier versions, that is usable and
 * balance_safe; NULL when none is. */
PLAN_INTERNAL const gradus_exercise *usable_or_easier(const pl_ctx *c,
						      const gradus_exercise *e);
/* pl->versions: for every exercise the plan uses (weeks and blocks), the
 * versions its pages may name. GRADUS_OK or GRADUS_ENOMEM. */
PLAN_INTERNAL int name_versions(gradus_plan *pl, const pl_ctx *c, arena *a);

/* One chosen strength exercise. */
typedef struct {
	const gradus_exercise *ex;
	int priority;
	bool emphasis;
	const gradus_resume_item *resume; /* a resumed plan's starting dose */
} pick;

/* The whole body, in order of importance; up to `max`. */
PLAN_INTERNAL size_t select_strength(const pl_ctx *c, const gradus_assessment *as,
				     pick *out, size_t max, strlist *notes, arena *a);
/* The warm-up, balance or cool-down exercises (pat), up to `max`. */
PLAN_INTERNAL size_t select_block(const pl_ctx *c, gradus_pattern pat,
				  const gradus_exercise **out, size_t max);
/* A resumed plan's exercises, each still checked. */
PLAN_INTERNAL size_t resume_picks(const pl_ctx *c, const gradus_resume *rs, pick *picks,
				  arena *a, strlist *warn);
PLAN_INTERNAL void back_extensor_note(const pl_ctx *c, const pick *picks, size_t n,
				      arena *a, strlist *warn);

/* One arm or leg was immobilised and e trains it on its own. */
static inline bool one_limb_exercise(const pl_ctx *c, const gradus_exercise *e)
{
	return c->one_limb && e->per_side && (e->regions & c->emphasis);
}

/* ---- the dose of one exercise in one week ---- */

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

/* What the progression needs, set by the schedule. */
typedef struct {
	const pl_ctx *c;
	bool fall_plus;
	bool start_up;           /* class C/D, measured: start one load up (D) */
	const gradus_exercise *const *selected; size_t n_selected;
	int week0;               /* the plan's first week number */
	const int *partner;      /* paired sets: index of the other, or -1 */
	int budget_s;            /* seconds for strength work */
	int reps_cap;            /* highest reps of any phase: time is sized on it */
	const gradus_exercise *const *balance0; size_t n_balance0; /* week 1 */
} prog;

/* ---- time.c: the time model ---- */

/* Seconds of the strength part with doses d[0..n) (time sized on
 * `reps` a set, the top of any phase, so a rep rise never overruns). */
PLAN_INTERNAL int strength_seconds(const dose *d, size_t n, const int *partner,
				   int reps, int rest);

/* Seconds of the block (the slot alone, or with its partner) that slot
 * k of strength_seconds counts in: a change to slot k changes the total
 * by this block's difference. */
PLAN_INTERNAL int strength_block_seconds(const dose *d, size_t n, const int *partner,
					 size_t k, int reps, int rest);

/* For the tests: while `on`, what is worked out a piece at a time is
 * checked against the whole, counting the checks and the
 * disagreements: the seconds worked out a block at a time (progress, as
 * the week's doses change one at a time; fit_minutes, as the exercises
 * are added one at a time) against strength_seconds over all the doses,
 * and what rose since last week after a change of reps alone against
 * rises() (progress). */
typedef struct {
	bool on;
	unsigned long checked, wrong;
} plan_checks;
PLAN_INTERNAL extern plan_checks plan_check;

/* ---- why.c: the reasons of each item ---- */

/* The texts of the reasons that carry numbers, each formatted once and
 * shared by every item with the same reason, in this plan and the next
 * ones made in the same memory (gradus_plan_generate_reuse): the book
 * is kept in the plan's box, its texts and phase names in its own
 * arena (the plan's is reset between plans). It is emptied between
 * plans once it holds more than a bound, never during one. */
struct why_name;
/* A reason with numbers: its kind and all its words carry (the phase's
 * name, the item's and the phase's numbers, the plan's effort cap), so
 * that the same words are one key whichever phase, template or plan
 * they come from. The name is the book's own copy: one pointer for
 * each distinct name, so pointers compare names. */
typedef struct {
	const char *name;        /* the phase's name, or NULL */
	int kind, n[4], cap;
} why_key;
typedef struct {
	why_key k;
	const char *text;        /* NULL: an empty slot */
} why_text;
typedef struct {
	why_text *v;             /* open addressing; cap a power of two */
	size_t n, cap;
	/* of each kind, the last texts asked for, by their first number's
	 * last two bits (the sets, the reps: items take turns) */
	why_text last[6][4];
	struct why_name *names;  /* the phase names, one copy each */
	size_t n_names;
	arena a;                 /* the texts and the names */
	unsigned flushes;        /* times emptied (for the tests) */
	/* this plan's: */
	const gradus_plan *pl;
	struct { const gradus_phase *ph; const char *name; } seen[16];
	size_t n_seen;           /* phases whose name was looked up */
	/* the effort's and the rest's texts of the last item, for the
	 * items after it with the same phase and numbers, and the book's
	 * copy of the phase's name */
	struct {
		const gradus_phase *ph;  /* NULL: none */
		int effort_min, effort_max, rest_s;
		const char *effort, *rest, *name;
	} same;
	bool failed;             /* out of memory */
} whybook;

/* The book's bound: past this many texts and names it is emptied before
 * the next plan, so memory stays flat however many profiles a batch
 * reads (a batch of the examples or of generated profiles has a few
 * dozen distinct texts). */
#define WHY_BOOK_MAX 1024

/* An empty book; whys_free frees it. */
PLAN_INTERNAL void whys_init(whybook *wb);
/* Before each plan: empties the book when it is over its bound. */
PLAN_INTERNAL void whys_begin(whybook *wb, const gradus_plan *pl);
PLAN_INTERNAL void whys_free(whybook *wb);
/* The book's number of texts, and into *flushes (when not NULL) the
 * times it was emptied (for the tests). */
PLAN_INTERNAL size_t whys_count(const whybook *wb, unsigned *flushes);
/* The most reasons an item has: its sets, reps, effort and rest, the
 * week's change, a review's. */
#define ITEM_WHYS_MAX 6
/* The reasons behind an item's numbers and week w's change (row: the
 * item's weeks), written into slots[0..ITEM_WHYS_MAX) (the plan's
 * memory), which it->why then points at; GRADUS_OK or GRADUS_ENOMEM. */
PLAN_INTERNAL int item_whys(gradus_item *it, gradus_why *slots, whybook *wb,
			    const gradus_phase *ph, const wdose *row, int w,
			    const gradus_resume_item *resume);

/* ---- progress.c: week by week ---- */

/* Fills w[k][0..weeks-1] for every exercise, week by week. */
PLAN_INTERNAL void progress(const prog *g, const pick *picks, size_t n, int weeks,
			    bool one_limb_region(const pl_ctx *, const gradus_exercise *),
			    wdose (*w)[MAX_WEEKS]);

/* What would let the person keep progressing after the plan. */
PLAN_INTERNAL void next_loads(const gradus_plan *pl, const pl_ctx *c, arena *a, strlist *adv);

/* ---- schedule.c: days, minutes and weeks ---- */

/* Sets pl->days and pl->sessions_per_week; returns the line on what the
 * other days are for, or NULL. */
PLAN_INTERNAL const char *session_days(gradus_plan *pl, const gradus_profile *p,
				       const gradus_template *t, arena *a, strlist *warn);
PLAN_INTERNAL int balance_minutes(const pl_ctx *c, size_t n_balance);

/* The minutes fitted (fit_minutes): the blocks around the strength work,
 * the seconds left for it and how many exercises fit. */
typedef struct {
	int blocks[3];           /* warm-up, balance, cool-down minutes */
	int budget_s;            /* seconds for strength work */
	int reps_cap;            /* highest reps of any phase: time is sized on it */
	size_t n_use;            /* the first n_use picks fit */
} fitting;

PLAN_INTERNAL int fit_minutes(fitting *f, const pl_ctx *c, const pick *picks, size_t n_picks,
			      int balance_min, arena *a, strlist *warn, gradus_diags *d);
/* Pairs the picks that fit, progresses them and fills pl->weeks. */
PLAN_INTERNAL int schedule_weeks(gradus_plan *pl, arena *a, whybook *wb, const pl_ctx *c,
				 pick *picks, const fitting *f,
				 const gradus_exercise *const *balance0, size_t n_balance0,
				 gradus_diags *d);

#endif
