/* The reasons behind each item of a plan (gradus plan --explain): the
 * rule, its source and its words. A reason whose words carry numbers
 * (the sets, the reps, the effort, the rest, the lighter weeks) is kept
 * as its kind and its numbers; its text is formatted the first time
 * those numbers come up and shared by every later item with the same
 * reason. The texts outlive the plan in the book (whybook) that the
 * plan's memory keeps from plan to plan (gradus_plan_generate_reuse), so
 * a batch formats each distinct text once, not once a plan: a 12-week
 * plan has a few dozen texts for some hundred items' reasons, and most
 * of them come up again in the next plan. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"
#include "util/util.h"

/* ---- the texts, each formatted once ---- */

typedef enum { WHY_SETS, WHY_REPS, WHY_REPS_KEPT, WHY_EFFORT, WHY_REST,
	       WHY_DELOAD, WHY__COUNT } why_kind;

_Static_assert(COUNT(((whybook *)0)->last) == WHY__COUNT, "last texts of each kind");

/* Where the last text of key k is kept. */
static inline why_text *last_of(whybook *wb, const why_key *k)
{
	return &wb->last[k->kind][(unsigned)k->n[0] % COUNT(wb->last[0])];
}

/* A phase name kept by the book. */
struct why_name {
	struct why_name *next;
	const char *s;
};

void whys_init(whybook *wb)
{
	memset(wb, 0, sizeof(*wb));
	arena_init(&wb->a);
}

/* Forgets every text and name (their memory is kept for the next). */
static void whys_flush(whybook *wb)
{
	if (wb->v)
		memset(wb->v, 0, wb->cap * sizeof(*wb->v));
	wb->n = wb->n_names = 0;
	wb->names = NULL;
	memset(wb->last, 0, sizeof(wb->last));
	arena_reset(&wb->a);
	wb->flushes++;
}

void whys_begin(whybook *wb, const gradus_plan *pl)
{
	/* only here, between plans: the texts of the plan being made must
	 * live as long as it does */
	if (wb->n + wb->n_names > WHY_BOOK_MAX || wb->a.failed)
		whys_flush(wb);
	wb->pl = pl;
	wb->failed = false;
	wb->n_seen = 0;
	wb->same.ph = NULL;
}

void whys_free(whybook *wb)
{
	free(wb->v);
	arena_free(&wb->a);
	memset(wb, 0, sizeof(*wb));
}

size_t whys_count(const whybook *wb, unsigned *flushes)
{
	if (flushes)
		*flushes = wb->flushes;
	return wb->n;
}

/* The book's copy of a phase's name: looked up once a plan for each
 * phase (by the phase's address, in wb->seen), copied the first time
 * the book sees the name. NULL when out of memory. */
static const char *phase_name(whybook *wb, const gradus_phase *ph)
{
	struct why_name *nm;
	size_t i;

	for (i = 0; i < wb->n_seen; i++)
		if (wb->seen[i].ph == ph)
			return wb->seen[i].name;
	for (nm = wb->names; nm; nm = nm->next)
		if (strcmp(nm->s, ph->name) == 0)
			break;
	if (!nm) {
		nm = arena_alloc(&wb->a, sizeof(*nm));
		if (!nm || !(nm->s = arena_strdup(&wb->a, ph->name)))
			return NULL;
		nm->next = wb->names;
		wb->names = nm;
		wb->n_names++;
	}
	if (wb->n_seen < COUNT(wb->seen)) {
		wb->seen[wb->n_seen].ph = ph;
		wb->seen[wb->n_seen].name = nm->s;
		wb->n_seen++;
	}
	return nm->s;
}

/* Every field mixed into the low bits the table indexes by (the
 * names by their address: the book's one copy of each). */
static size_t key_hash(const why_key *k)
{
	uint64_t h = (uint64_t)(uintptr_t)k->name;

	h = (h ^ (uint64_t)(unsigned)k->kind) * 0x9e3779b97f4a7c15u;
	h = (h ^ (uint64_t)(unsigned)k->n[0]) * 0x9e3779b97f4a7c15u;
	h = (h ^ (uint64_t)(unsigned)k->n[1]) * 0x9e3779b97f4a7c15u;
	h = (h ^ (uint64_t)(unsigned)k->n[2]) * 0x9e3779b97f4a7c15u;
	h = (h ^ (uint64_t)(unsigned)k->n[3]) * 0x9e3779b97f4a7c15u;
	h = (h ^ (uint64_t)(unsigned)k->cap) * 0x9e3779b97f4a7c15u;
	return (size_t)(h ^ (h >> 32));
}

/* A key has no padding (checked below), so its bytes compare it: a
 * few wide compares instead of eight. */
_Static_assert(sizeof(why_key) == sizeof(const char *) + 6 * sizeof(int),
	       "why_key without padding");

static bool same_key(const why_key *a, const why_key *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

/* The words of a reason with numbers, in the book's memory. */
static const char *format_key(whybook *wb, const why_key *k)
{
	const int *n = k->n;
	arena *a = &wb->a;

	switch ((why_kind)k->kind) {
	case WHY_SETS:
		return arena_printf(a, "%d set%s: start with 1 and build to 2 or 3 (phase \"%s\" allows %d to %d).",
				    n[0], n[0] > 1 ? "s" : "", k->name, n[1], n[2]);
	case WHY_REPS_KEPT:
		return arena_printf(a, "%d to %d reps, more than this phase's %d-%d: reps come down only with a heavier weight, a harder version or one more set.",
				    n[0], n[1], n[2], n[3]);
	case WHY_REPS:
		return arena_printf(a, "%d to %d reps: 10-15 when starting, 8-12 later (phase range %d-%d).",
				    n[0], n[1], n[2], n[3]);
	case WHY_EFFORT:
		return arena_printf(a, "Effort %d-%d of 10 (%s): phase \"%s\" asks %d-%d, never above the cap of %d.",
				    n[0], n[1], gradus_effort_words(n[1]), k->name,
				    n[2], n[3], k->cap);
	case WHY_REST:
		return arena_printf(a, "Rest %d s between sets (60-120 s).", n[0]);
	case WHY_DELOAD:
		return arena_printf(a, "Lighter week (every %d weeks): about half the sets, or the fewest reps when there is one set; nothing rises.",
				    n[0]);
	case WHY__COUNT:
		break;
	}
	return NULL;
}

/* Twice the slots (open addressing, at most half full). */
static bool grow(whybook *wb)
{
	size_t cap = wb->cap ? wb->cap * 2 : 256;
	why_text *v = calloc(cap, sizeof(*v));

	if (!v)
		return false;
	for (size_t i = 0; i < wb->cap; i++) {
		size_t j;
		if (!wb->v[i].text)
			continue;
		for (j = key_hash(&wb->v[i].k) & (cap - 1); v[j].text; j = (j + 1) & (cap - 1))
			;
		v[j] = wb->v[i];
	}
	free(wb->v);
	wb->v = v;
	wb->cap = cap;
	return true;
}

/* The hashing and formatting, out of line: the fast path of text_of
 * (a last text of the kind) then needs no registers saved. */
#if defined(__GNUC__)
#define WHY_NOINLINE __attribute__((noinline))
#else
#define WHY_NOINLINE
#endif

/* The text of key k from the table, formatted when it is not there yet;
 * NULL (and wb->failed) when out of memory. */
static WHY_NOINLINE const char *look_up(whybook *wb, const why_key *k)
{
	why_text *last = last_of(wb, k);
	size_t i;

	if (wb->n * 2 >= wb->cap && !grow(wb)) {
		wb->failed = true;
		return NULL;
	}
	for (i = key_hash(k) & (wb->cap - 1); wb->v[i].text; i = (i + 1) & (wb->cap - 1))
		if (same_key(&wb->v[i].k, k))
			return (*last = wb->v[i]).text;
	wb->v[i].text = format_key(wb, k);
	if (!wb->v[i].text) {
		wb->failed = true;
		return NULL;
	}
	wb->v[i].k = *k;
	wb->n++;
	return (*last = wb->v[i]).text;
}

/* The text of a reason with numbers (name: the book's copy, or NULL):
 * formatted the first time, the same string after; NULL (and
 * wb->failed) when out of memory. */
static inline const char *text_of(whybook *wb, why_kind kind, const char *name,
				  int n0, int n1, int n2, int n3)
{
	why_key k = {name, (int)kind, {n0, n1, n2, n3},
		     kind == WHY_EFFORT ? wb->pl->effort_cap : 0};
	const why_text *last = last_of(wb, &k);

	/* most items have the effort and the rest of the item before them,
	 * and the sets and reps of one of the items before: no hashing for
	 * those */
	if (last->text && same_key(&last->k, &k))
		return last->text;
	return look_up(wb, &k);
}

/* ---- the reasons of one item ---- */

/* An item's reasons, written where the item keeps them (ITEM_WHYS_MAX
 * slots). */
typedef struct {
	gradus_why *v;
	size_t n;
} whys;

static void why(whys *w, const char *rule, const char *text, const char *src)
{
	if (w->n < ITEM_WHYS_MAX) {
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

/* The reason for this week's change (or why nothing rose). */
static void change_why(whys *wy, whybook *wb, const wdose *row, int w,
		       const gradus_resume_item *resume)
{
	const wdose *x = &row[w];

	switch (x->change) {
	case GRADUS_CHANGE_START:
		if (resume && resume->why)
			why(wy, resume_rule(resume), resume->why,
			    resume_source(resume));
		else
			why(wy, "G-START", "First week: the easy start, to learn the movement.", "ACSM2009OA, NSCA2019");
		break;
	case GRADUS_CHANGE_DELOAD:
		why(wy, "G-DELOAD", text_of(wb, WHY_DELOAD, NULL, wb->pl->template->deload_every, 0, 0, 0),
		    "D");
		break;
	case GRADUS_CHANGE_REPS:
		why(wy, "G-REPS-UP", "More reps: they climb within the range; at the top the weight goes up and the reps start again at the bottom.", "ACSM2009, NSCA2019");
		break;
	case GRADUS_CHANGE_SETS:
		why(wy, "G-SETS-UP", x->d.extra && (w == 0 || !row[w - 1].d.extra)
		    ? "One more set for the side that was in the cast or brace: it needs more work than the other."
		    : "One more set: sets are built one at a time, before the weight rises.",
		    "NSCA2019");
		break;
	case GRADUS_CHANGE_SUPPORT:
		why(wy, "G-SUPPORT", "Less support (two hands, one hand, fingertips): your balance and legs do more of the work.", "OTAGO, VIVI");
		break;
	case GRADUS_CHANGE_LOAD:
		why(wy, "G-LOAD", "The reps reached the top of the range: the next weight or band you own (at most 10 % more or your smallest step, at most once in two weeks), and the reps start again at the bottom.",
		    "ACSM2009, OTAGO");
		break;
	case GRADUS_CHANGE_HOLD:
		why(wy, "G-HOLD-UP", "A longer hold: 2 seconds more each time (our choice).", "D");
		break;
	case GRADUS_CHANGE_VARIANT:
		why(wy, "G-VARIANT", "The harder version: the easier one is done with all you own.", "OTAGO, VIVI");
		break;
	default:
		why(wy, "G-WAIT", wait_words(x->wait),
		    x->wait == WAIT_SPACING ? "ACSM2009" : x->wait == WAIT_LEARNING ? "ACSM2009OA" : "D");
	}
}

/* The reasons behind an item's numbers and this week's change (row:
 * the item's weeks, w this one), kept in it->why. */
int item_whys(gradus_item *it, gradus_why *slots, whybook *wb, const gradus_phase *ph,
	      const wdose *row, int w, const gradus_resume_item *resume)
{
	whys wy = {slots, 0};
	/* the phase of the item before, mostly */
	const char *name = wb->same.ph == ph ? wb->same.name : phase_name(wb, ph);

	if (!name)
		return GRADUS_ENOMEM;
	why(&wy, "G-SETS", text_of(wb, WHY_SETS, name, it->sets, ph->sets_min,
				   ph->sets_max, 0), "NSCA2019");
	if (it->reps_max > ph->reps_max)
		why(&wy, "G-REPS", text_of(wb, WHY_REPS_KEPT, NULL, it->reps_min, it->reps_max,
					   ph->reps_min, ph->reps_max), "ACSM2009, D");
	else
		why(&wy, "G-REPS", text_of(wb, WHY_REPS, NULL, it->reps_min, it->reps_max,
					   ph->reps_min, ph->reps_max), "ACSM2009OA");
	/* the effort and the rest: the same for every item of a phase
	 * (asked once for them) */
	if (wb->same.ph != ph || wb->same.effort_min != it->effort_min ||
	    wb->same.effort_max != it->effort_max || wb->same.rest_s != it->rest_s) {
		wb->same.effort = text_of(wb, WHY_EFFORT, name, it->effort_min, it->effort_max,
					  ph->rpe_min, ph->rpe_max);
		wb->same.rest = text_of(wb, WHY_REST, NULL, it->rest_s, 0, 0, 0);
		wb->same.ph = wb->same.effort && wb->same.rest ? ph : NULL;
		wb->same.name = name;
		wb->same.effort_min = it->effort_min;
		wb->same.effort_max = it->effort_max;
		wb->same.rest_s = it->rest_s;
	}
	why(&wy, "G-EFFORT", wb->same.effort, "ACSM2009OA");
	why(&wy, "G-REST", wb->same.rest, "ACSM2009");
	change_why(&wy, wb, row, w, resume);
	if (w == 0 && row[w].change != GRADUS_CHANGE_START &&
	    resume && resume->why)
		why(&wy, resume_rule(resume), resume->why,
		    resume_source(resume));
	if (wb->failed)
		return GRADUS_ENOMEM;
	it->why = slots;
	it->n_why = wy.n;
	return GRADUS_OK;
}
