/* JSON: the plan (gradus-plan/2, docs/schema/), the screening result
 * (gradus-screening/1) and the rule table (gradus-rules/1). */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/plan.h"
#include "render/formats.h"
#include "render/jsonw.h"
#include "render/words.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/util.h"

static double round2(double v)
{
	return round(v * 100.0) / 100.0;
}

/* Adds `item` to `parent` (object when `key`), freeing it when that
 * fails; returns false when anything is missing. */
static bool add(cJSON *parent, const char *key, cJSON *item)
{
	if (!item)
		return false;
	if (key ? !cJSON_AddItemToObject(parent, key, item)
		: !cJSON_AddItemToArray(parent, item)) {
		cJSON_Delete(item);
		return false;
	}
	return true;
}

/* ---- The plan (gradus-plan/2) ----
 * Said once: every reason (rule, text, source) in the table "reasons",
 * every exercise in "exercises"; each item of a session is one slot of
 * "items", whose doses go week by week and name their reasons by index
 * (docs/schema/README.md).
 *
 * Written by the streaming writer (jsonw.c), no tree built: the bytes
 * cJSON printed for the tree the library built before, checked over
 * every example and thousands of generated profiles (test_jsonw.c).
 * The reasons table comes before the doses that fill it, so a first
 * pass numbers the reasons and groups the doses, and a second writes. */

/* The reasons table: each (rule, text, source) once, in the order first
 * met, found again through a hash of the three strings. */
typedef struct {
	const gradus_why **v;    /* the distinct reasons */
	size_t n, cap;
	size_t *slot;            /* open addressing: index + 1, 0 empty */
	size_t mask;
} reasons;

/* A hash of a string's length and its first and last bytes (up to 8
 * of each): cheap for the long texts, and the table compares the whole
 * strings anyway. */
static uint64_t str_hash(const char *s)
{
	size_t n = strlen(s), k = n < 8 ? n : 8;
	uint64_t head = 0, tail = 0;
	memcpy(&head, s, k);
	memcpy(&tail, s + n - k, k);
	return ((head * 0x9e3779b97f4a7c15u) ^ tail ^ n) * 0xbf58476d1ce4e5b9u;
}

static size_t why_hash(const gradus_why *w)
{
	uint64_t h = str_hash(w->rule) ^ str_hash(w->text) * 3 ^ str_hash(w->source) * 7;
	return (size_t)(h ^ (h >> 31));
}

static bool why_same(const gradus_why *a, const gradus_why *b)
{
	return a == b || (strcmp(a->text, b->text) == 0 &&
			  strcmp(a->rule, b->rule) == 0 &&
			  strcmp(a->source, b->source) == 0);
}

static bool reasons_grow(reasons *r)
{
	size_t cap = r->cap ? r->cap * 2 : 64, mask = cap * 2 - 1;
	const gradus_why **v = realloc(r->v, cap * sizeof(*v));
	size_t *slot;
	if (!v)
		return false;
	r->v = v;
	slot = calloc(mask + 1, sizeof(*slot));
	if (!slot)
		return false;
	for (size_t i = 0; i < r->n; i++) {
		size_t h = why_hash(r->v[i]) & mask;
		while (slot[h])
			h = (h + 1) & mask;
		slot[h] = i + 1;
	}
	free(r->slot);
	r->slot = slot;
	r->mask = mask;
	r->cap = cap;
	return true;
}

/* The index of `w` in the table (added when new); -1 when out of memory. */
static long reason_id(reasons *r, const gradus_why *w)
{
	size_t h;
	if (r->n == r->cap && !reasons_grow(r))
		return -1;
	for (h = why_hash(w) & r->mask; r->slot[h]; h = (h + 1) & r->mask)
		if (why_same(r->v[r->slot[h] - 1], w))
			return (long)(r->slot[h] - 1);
	r->v[r->n] = w;
	r->slot[h] = ++r->n;
	return (long)(r->n - 1);
}

/* Two items with the same dose and reasons (the same line in two
 * sessions of a week). */
static bool item_same(const gradus_item *a, const gradus_item *b)
{
	if (a == b) /* the sessions of a week share their items */
		return true;
	if (a->exercise != b->exercise || a->sets != b->sets ||
	    a->reps_min != b->reps_min || a->reps_max != b->reps_max ||
	    a->hold_s != b->hold_s || a->affected_sets != b->affected_sets ||
	    a->pair != b->pair || a->load.kind != b->load.kind ||
	    round2(a->load.kg) != round2(b->load.kg) || a->load.band != b->load.band ||
	    a->load.machine_step != b->load.machine_step ||
	    a->support != b->support || a->effort_min != b->effort_min ||
	    a->effort_max != b->effort_max || a->rest_s != b->rest_s ||
	    a->change != b->change || a->n_why != b->n_why)
		return false;
	for (size_t i = 0; i < a->n_why; i++)
		if (!why_same(&a->why[i], &b->why[i]))
			return false;
	return true;
}

/* One dose of a slot: an item of week `week`, in the sessions whose
 * bits are in `group` (every session of the week: `all`); its reasons
 * are ids[why] on. */
typedef struct {
	const gradus_item *it;
	int week;
	bool all;
	unsigned group;
	size_t why;
} dose;

/* A reason met before, by the addresses of its strings: the plan
 * formats each distinct text once and shares it, so most reasons are
 * found here without hashing or comparing their words. */
typedef struct {
	const char *rule, *text, *source;
	long id;
} why_seen;

/* A string to write: its bytes and their escaped length. */
typedef struct {
	const char *s;
	size_t n, e;
} word;

#define WORDS 64 /* words remembered by address (a power of 2) */
#define SEEN0 128 /* reasons by address, before the table must grow */
#define MEMO 8    /* the reasons of the dose before, place by place */

/* What the first pass finds: the reasons, their ids in the order they
 * are written (the plan's, then each dose's), the doses slot by slot;
 * and the words the second pass has measured. */
typedef struct {
	reasons r;
	why_seen *seen;          /* open addressing, text NULL: empty */
	size_t n_seen, seen_mask;
	long *ids;
	size_t n_ids, cap_ids;
	dose *doses;
	size_t n_doses, cap_doses;
	size_t *slot_end;        /* doses[slot_end[t - 1] .. slot_end[t]) */
	size_t n_slots;
	bool failed;
	word words[WORDS];
	/* a dose's reasons are often those of the week before, at the same
	 * places: those are found without the table */
	why_seen memo[MEMO];
	why_seen seen0[SEEN0];   /* the table's first slots (no malloc) */
} plan_pass;

static void pass_free(plan_pass *ps)
{
	free(ps->r.v);
	free(ps->r.slot);
	if (ps->seen != ps->seen0)
		free(ps->seen);
	free(ps->ids);
	free(ps->doses);
	free(ps->slot_end);
}

/* v (n of cap elements of `size` bytes) with room for one more: v
 * itself, or v moved; NULL when out of memory (v is kept). */
static void *more(void *v, size_t *cap, size_t n, size_t size)
{
	size_t want;
	if (v && n < *cap)
		return v;
	want = *cap ? *cap * 2 : 256;
	v = realloc(v, want * size);
	if (v)
		*cap = want;
	return v;
}

static size_t seen_hash(const char *rule, const char *text, const char *source)
{
	uint64_t h = (uint64_t)(uintptr_t)text * 0x9e3779b97f4a7c15u;
	h ^= (uint64_t)(uintptr_t)rule * 0xbf58476d1ce4e5b9u;
	h ^= (uint64_t)(uintptr_t)source * 0x94d049bb133111ebu;
	return (size_t)(h ^ (h >> 29));
}

static bool seen_grow(plan_pass *ps)
{
	size_t mask = ps->seen_mask * 2 + 1;
	why_seen *v = calloc(mask + 1, sizeof(*v));
	if (!v)
		return false;
	for (size_t i = 0; i <= ps->seen_mask; i++)
		if (ps->seen[i].text) {
			const why_seen *e = &ps->seen[i];
			size_t h = seen_hash(e->rule, e->text, e->source) & mask;
			while (v[h].text)
				h = (h + 1) & mask;
			v[h] = ps->seen[i];
		}
	if (ps->seen != ps->seen0)
		free(ps->seen);
	ps->seen = v;
	ps->seen_mask = mask;
	return true;
}

/* The id of `w`: by the addresses of its strings when met before, else
 * from the table of reasons (by their words); -1 when out of memory. */
static long why_id(plan_pass *ps, const gradus_why *w)
{
	size_t h;
	long id;
	if (ps->n_seen * 2 > ps->seen_mask && !seen_grow(ps))
		return -1;
	for (h = seen_hash(w->rule, w->text, w->source) & ps->seen_mask;
	     ps->seen[h].text;
	     h = (h + 1) & ps->seen_mask)
		if (ps->seen[h].text == w->text && ps->seen[h].rule == w->rule &&
		    ps->seen[h].source == w->source)
			return ps->seen[h].id;
	id = reason_id(&ps->r, w);
	if (id >= 0) {
		ps->seen[h] = (why_seen){w->rule, w->text, w->source, id};
		ps->n_seen++;
	}
	return id;
}

/* The ids of the reasons `w` (n of them), numbered in the table; where
 * they start in ps->ids. */
static size_t number_why(plan_pass *ps, const gradus_why *w, size_t n)
{
	size_t start = ps->n_ids;
	if (ps->failed)
		return start;
	if (ps->n_ids + n > ps->cap_ids) {
		size_t cap = ps->cap_ids ? ps->cap_ids * 2 : 256;
		long *ids;
		if (cap < ps->n_ids + n)
			cap = ps->n_ids + n;
		if (!(ids = realloc(ps->ids, cap * sizeof(*ids)))) {
			ps->failed = true;
			return start;
		}
		ps->ids = ids;
		ps->cap_ids = cap;
	}
	for (size_t i = 0; i < n; i++) {
		why_seen *m = i < MEMO ? &ps->memo[i] : NULL;
		long id;
		if (m && m->text == w[i].text && m->rule == w[i].rule &&
		    m->source == w[i].source) {
			ps->ids[ps->n_ids++] = m->id;
			continue;
		}
		if ((id = why_id(ps, &w[i])) < 0) {
			ps->failed = true;
			break;
		}
		if (m)
			*m = (why_seen){w[i].rule, w[i].text, w[i].source, id};
		ps->ids[ps->n_ids++] = id;
	}
	return start;
}

/* The doses of slot `t` in week `wk`: one for each different dose, with
 * the sessions it is in. */
static void week_doses(plan_pass *ps, const gradus_week *wk, size_t t)
{
	size_t n = wk->n_sessions < 32 ? wk->n_sessions : 32;
	unsigned done = 0;       /* sessions whose dose is found */
	for (size_t s = 0; !ps->failed && s < n; s++) {
		const gradus_item *it;
		unsigned group = 0;
		size_t n_group = 0;
		dose *ds;
		if (wk->sessions[s].n_items <= t || (done & (1u << s)))
			continue;
		it = &wk->sessions[s].items[t];
		for (size_t u = s; u < n; u++)
			if (wk->sessions[u].n_items > t &&
			    item_same(it, &wk->sessions[u].items[t])) {
				group |= 1u << u;
				n_group++;
			}
		done |= group;
		ds = more(ps->doses, &ps->cap_doses, ps->n_doses, sizeof(dose));
		if (!ds) {
			ps->failed = true;
			return;
		}
		ps->doses = ds;
		ds = &ps->doses[ps->n_doses++];
		ds->it = it;
		ds->week = wk->number;
		ds->all = n_group >= wk->n_sessions;
		ds->group = group;
		ds->why = number_why(ps, it->why, it->n_why);
	}
}

/* The first pass: the plan's reasons, then the doses slot by slot, week
 * by week. False when out of memory. */
static bool first_pass(plan_pass *ps, const gradus_plan *pl)
{
	number_why(ps, pl->why, pl->n_why);
	for (size_t w = 0; w < pl->n_weeks; w++)
		for (size_t s = 0; s < pl->weeks[w].n_sessions; s++)
			if (pl->weeks[w].sessions[s].n_items > ps->n_slots)
				ps->n_slots = pl->weeks[w].sessions[s].n_items;
	ps->slot_end = calloc(ps->n_slots + 1, sizeof(size_t));
	if (!ps->slot_end)
		return false;
	for (size_t t = 0; !ps->failed && t < ps->n_slots; t++) {
		for (size_t w = 0; w < pl->n_weeks; w++)
			week_doses(ps, &pl->weeks[w], t);
		ps->slot_end[t] = ps->n_doses;
	}
	return !ps->failed;
}

JW_INLINE void w_date(jw *w, const char *key, gradus_date d)
{
	char s[11];
	gradus_date_format(d, s);
	jw_str(w, key, s);
}

JW_INLINE void w_names(jw *w, const char *key, const gradus_exercise *const *ex,
		    size_t n)
{
	jw_arr(w, key);
	for (size_t i = 0; i < n; i++)
		jw_str(w, NULL, ex[i]->id);
	jw_end(w);
}

JW_INLINE void w_strings(jw *w, const char *key, const char *const *v, size_t n)
{
	jw_arr(w, key);
	for (size_t i = 0; i < n; i++)
		jw_str(w, NULL, v[i]);
	jw_end(w);
}

JW_INLINE void w_ids(jw *w, const char *key, const long *ids, size_t n)
{
	jw_arr(w, key);
	for (size_t i = 0; i < n; i++)
		jw_int(w, NULL, ids[i]);
	jw_end(w);
}

/* ---- a dose and a session, each written whole at one place (their
 * members are fixed), after one reservation of room for all of it ---- */

static void measure_word(word *x, const char *s)
{
	x->s = s;
	x->n = strlen(s);
	x->e = jw_escaped_len(s, x->n);
}

/* The word at s, measured the first time its address comes up in this
 * plan (the strings are the catalogue's and the vocabulary's, the same
 * few dozen for every dose). */
JW_INLINE word word_of(plan_pass *ps, const char *s)
{
	uintptr_t a = (uintptr_t)s;
	word *x = &ps->words[(a >> 3 ^ a >> 9) & (WORDS - 1)];
	if (x->s != s)
		measure_word(x, s);
	return *x;
}

JW_INLINE char *put_word(char *o, word x)
{
	return jw_put_str(o, x.s, x.n, x.e);
}

JW_INLINE char *put_int_or_null(char *o, bool set, long v)
{
	return set ? jw_put_long(o, v) : JW_PUT(o, "null");
}

/* Room for a dose or a session beside its words and lists: its member
 * names and punctuation (under 300 bytes) and its dozen numbers (at
 * most 26 bytes each). */
#define FIXED_ROOM 768
#define NUM_ROOM 21      /* a whole number and its comma */

/* The load of a dose: {"kind","value","unit","band","machine_step"}. */
static char *put_load(char *o, const gradus_load *ld, word kind, word band)
{
	o = JW_PUT(o, ",\"load\":{\"kind\":");
	o = put_word(o, kind);
	if (ld->kind == GRADUS_LOAD_ANKLE_WEIGHT || ld->kind == GRADUS_LOAD_DUMBBELL) {
		o = JW_PUT(o, ",\"value\":");
		if (!(o = jw_put_num(o, round2(ld->kg))))
			return NULL;
		o = JW_PUT(o, ",\"unit\":\"kg\"");
	} else
		o = JW_PUT(o, ",\"value\":null,\"unit\":null");
	o = JW_PUT(o, ",\"band\":");
	o = band.s ? put_word(o, band) : JW_PUT(o, "null");
	o = JW_PUT(o, ",\"machine_step\":");
	o = put_int_or_null(o, ld->kind == GRADUS_LOAD_MACHINE, ld->machine_step);
	*o++ = '}';
	return o;
}

/* One dose of "items" (docs/schema/): its week, the sessions it is in
 * (null: all of them), the exercise, the numbers and the reasons' ids. */
static void w_dose(jw *w, plan_pass *ps, const dose *ds)
{
	static const word none = {NULL, 0, 0};
	const gradus_item *it = ds->it;
	const gradus_load *ld = &it->load;
	const long *ids = ps->ids + ds->why;
	word ex = word_of(ps, it->exercise->id), kind = word_of(ps, gradus_load_name(ld->kind));
	word band = ld->kind == GRADUS_LOAD_BAND && ld->band >= 0
		    ? word_of(ps, gradus_band_name((gradus_band)ld->band)) : none;
	word support = it->support == GRADUS_SUPPORT_NA
		       ? none : word_of(ps, gradus_support_name(it->support));
	word change = word_of(ps, gradus_change_name(it->change));
	char *o = jw_begin(w, NULL, FIXED_ROOM + ex.e + kind.e + band.e + support.e +
			   change.e + (32 + it->n_why) * NUM_ROOM);
	char sep = '[';

	if (!o)
		return;
	o = JW_PUT(o, "{\"week\":");
	o = jw_put_long(o, ds->week);
	if (ds->all) {
		o = JW_PUT(o, ",\"sessions\":null");
	} else {
		o = JW_PUT(o, ",\"sessions\":");
		for (unsigned u = 0; u < 32; u++)
			if (ds->group & (1u << u)) {
				*o++ = sep;
				sep = ',';
				o = jw_put_long(o, u);
			}
		o = sep == '[' ? JW_PUT(o, "[]") : JW_PUT(o, "]");
	}
	o = JW_PUT(o, ",\"exercise\":");
	o = put_word(o, ex);
	o = JW_PUT(o, ",\"sets\":");
	o = jw_put_long(o, it->sets);
	o = JW_PUT(o, ",\"reps\":{\"min\":");
	o = jw_put_long(o, it->reps_min);
	o = JW_PUT(o, ",\"max\":");
	o = jw_put_long(o, it->reps_max);
	o = JW_PUT(o, "},\"hold_s\":");
	o = jw_put_long(o, it->hold_s);
	o = JW_PUT(o, ",\"affected_sets\":");
	o = put_int_or_null(o, it->affected_sets > it->sets, it->affected_sets);
	o = JW_PUT(o, ",\"pair\":");
	o = put_int_or_null(o, it->pair > 0, it->pair);
	if (!(o = put_load(o, ld, kind, band))) {
		jw_fail(w);
		return;
	}
	o = JW_PUT(o, ",\"support\":");
	o = support.s ? put_word(o, support) : JW_PUT(o, "null");
	o = JW_PUT(o, ",\"effort\":{\"min\":");
	o = jw_put_long(o, it->effort_min);
	o = JW_PUT(o, ",\"max\":");
	o = jw_put_long(o, it->effort_max);
	o = JW_PUT(o, "},\"rest_s\":");
	o = jw_put_long(o, it->rest_s);
	o = JW_PUT(o, ",\"change\":");
	o = put_word(o, change);
	o = JW_PUT(o, ",\"why\":");
	sep = '[';
	for (size_t i = 0; i < it->n_why; i++) {
		*o++ = sep;
		sep = ',';
		o = jw_put_long(o, ids[i]);
	}
	o = sep == '[' ? JW_PUT(o, "[]}") : JW_PUT(o, "]}");
	jw_done(w, o);
}

/* One reason of "reasons": {"rule","text","source"}, written whole. */
static void w_reason(jw *w, const gradus_why *r)
{
	size_t nr = strlen(r->rule), nt = strlen(r->text), ns = strlen(r->source);
	size_t er = jw_escaped_len(r->rule, nr), et = jw_escaped_len(r->text, nt),
	       es = jw_escaped_len(r->source, ns);
	char *o = jw_begin(w, NULL, er + et + es + 40);
	if (!o)
		return;
	o = JW_PUT(o, "{\"rule\":");
	o = jw_put_str(o, r->rule, nr, er);
	o = JW_PUT(o, ",\"text\":");
	o = jw_put_str(o, r->text, nt, et);
	o = JW_PUT(o, ",\"source\":");
	o = jw_put_str(o, r->source, ns, es);
	*o++ = '}';
	jw_done(w, o);
}

/* "exercises": each exercise of the items once, in the order first met
 * (the catalogue's exercises are few: a short list searched). */
static bool w_exercises(jw *w, const gradus_plan *pl)
{
	const gradus_exercise *local[64], **seen = local;
	const gradus_item *before = NULL; /* the items of the week before */
	size_t n = 0, cap = COUNT(local), n_before = 0;
	jw_arr(w, "exercises");
	for (size_t k = 0; k < pl->n_weeks; k++)
		for (size_t s = 0; s < pl->weeks[k].n_sessions; s++) {
			const gradus_session *se = &pl->weeks[k].sessions[s];
			if (se->items == before)
				continue; /* the same items as the session before */
			for (size_t i = 0; i < se->n_items; i++) {
				const gradus_exercise *e = se->items[i].exercise;
				size_t j = 0;
				if (i < n_before && before[i].exercise == e)
					continue; /* as in this place the week before */
				while (j < n && seen[j] != e)
					j++;
				if (j < n)
					continue;
				if (n == cap) {
					const gradus_exercise **v = malloc(2 * cap * sizeof(*v));
					if (!v) {
						if (seen != local)
							free(seen);
						return false;
					}
					memcpy(v, seen, n * sizeof(*v));
					if (seen != local)
						free(seen);
					seen = v;
					cap *= 2;
				}
				seen[n++] = e;
				jw_obj(w, NULL);
				jw_str(w, "id", e->id);
				jw_str(w, "name", e->name);
				jw_str(w, "pattern", gradus_pattern_name(e->pattern));
				jw_str(w, "position", gradus_position_name(e->position));
				jw_str(w, "load_kind", gradus_load_name(e->load));
				jw_bool(w, "per_side", e->per_side);
				jw_end(w);
			}
			before = se->items;
			n_before = se->n_items;
		}
	jw_end(w);
	if (seen != local)
		free(seen);
	return true;
}

/* One session of "weeks": its date, day, minutes and balance
 * exercises. */
static void w_session(jw *w, plan_pass *ps, const gradus_session *se)
{
	word day = word_of(ps, words_day_key[se->weekday]);
	size_t room = FIXED_ROOM + day.e;
	char *o, sep = '[';

	for (size_t i = 0; i < se->n_balance; i++)
		room += word_of(ps, se->balance[i]->id).e + 3;
	if (!(o = jw_begin(w, NULL, room)))
		return;
	o = JW_PUT(o, "{\"date\":\"");
	gradus_date_format(se->date, o);
	o = JW_PUT(o + 10, "\",\"day\":");
	o = put_word(o, day);
	o = JW_PUT(o, ",\"minutes\":");
	o = jw_put_long(o, se->minutes);
	o = JW_PUT(o, ",\"warmup_minutes\":");
	o = jw_put_long(o, se->warmup_min);
	o = JW_PUT(o, ",\"balance_minutes\":");
	o = jw_put_long(o, se->balance_min);
	o = JW_PUT(o, ",\"cooldown_minutes\":");
	o = jw_put_long(o, se->cooldown_min);
	o = JW_PUT(o, ",\"balance\":");
	for (size_t i = 0; i < se->n_balance; i++) {
		*o++ = sep;
		sep = ',';
		o = put_word(o, word_of(ps, se->balance[i]->id));
	}
	o = sep == '[' ? JW_PUT(o, "[]}") : JW_PUT(o, "]}");
	jw_done(w, o);
}

/* "weeks": each week with its sessions' dates and minutes. */
static void w_weeks(jw *w, plan_pass *ps, const gradus_plan *pl)
{
	jw_arr(w, "weeks");
	for (size_t k = 0; k < pl->n_weeks; k++) {
		const gradus_week *wk = &pl->weeks[k];
		word phase = word_of(ps, wk->phase);
		char *o = jw_begin(w, NULL, FIXED_ROOM + phase.e);
		if (!o)
			break;
		o = JW_PUT(o, "{\"number\":");
		o = jw_put_long(o, wk->number);
		o = JW_PUT(o, ",\"phase\":");
		o = put_word(o, phase);
		o = wk->deload ? JW_PUT(o, ",\"deload\":true") : JW_PUT(o, ",\"deload\":false");
		o = JW_PUT(o, ",\"walking_minutes\":");
		o = jw_put_long(o, wk->walking_min);
		o = JW_PUT(o, ",\"start\":\"");
		gradus_date_format(wk->start, o);
		o = JW_PUT(o + 10, "\",\"end\":\"");
		gradus_date_format(wk->end, o);
		o = JW_PUT(o + 10, "\",\"sessions\":[");
		jw_done(w, o);
		/* the object has members; the sessions array is just opened */
		jw_enter(w, false, true);
		jw_enter(w, true, false);
		for (size_t s = 0; s < wk->n_sessions; s++)
			w_session(w, ps, &wk->sessions[s]);
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
}

/* The person, the screening and the assessment. */
static void w_head(jw *w, const gradus_plan *pl)
{
	const gradus_profile *p = pl->profile;
	const gradus_assessment *as = &pl->assessment;
	jw_str(w, "format", "gradus-plan/2");
	jw_obj(w, "person");
	jw_str(w, "name", p->name);
	jw_int(w, "age", p->age);
	jw_str(w, "condition", gradus_kind_name(p->kind));
	jw_end(w);
	jw_obj(w, "screening");
	jw_str(w, "tier", gradus_tier_name(pl->screening->tier));
	jw_arr(w, "findings");
	for (size_t i = 0; i < pl->screening->n_findings; i++) {
		const gradus_rule *r = pl->screening->findings[i].rule;
		jw_obj(w, NULL);
		jw_str(w, "rule", r->id);
		jw_str(w, "tier", gradus_tier_name(r->tier));
		jw_str(w, "source", r->source);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	jw_obj(w, "assessment");
	jw_str(w, "class", gradus_class_name(as->cls));
	jw_bool(w, "fall_risk_plus", as->fall_risk_plus);
	jw_bool(w, "from_mobility", as->from_mobility);
	if (as->test_to_do)
		jw_str(w, "test_to_do", as->test_to_do);
	else
		jw_null(w, "test_to_do");
	jw_bool(w, "low_strength", as->low_strength);
	jw_bool(w, "low_performance", as->low_performance);
	jw_bool(w, "severe", as->severe);
	jw_bool(w, "sarc_f_positive", as->sarc_f_positive);
	w_strings(w, "notes", as->notes, as->n_notes);
	jw_end(w);
}

/* The plan's settings, advice and warnings. */
static void w_settings(jw *w, const gradus_plan *pl)
{
	jw_str(w, "template", pl->template->id);
	w_date(w, "start", pl->start);
	jw_int(w, "weeks_planned", pl->weeks_n);
	jw_int(w, "first_week", pl->first_week);
	jw_int(w, "sessions_per_week", pl->sessions_per_week);
	jw_arr(w, "days");
	for (int d = 0; d < 7; d++)
		if (pl->days & (1u << d))
			jw_str(w, NULL, words_day_key[d]);
	jw_end(w);
	jw_int(w, "effort_cap", pl->effort_cap);
	w_names(w, "warmup", pl->warmup, pl->n_warmup);
	w_names(w, "balance", pl->balance, pl->n_balance);
	w_names(w, "cooldown", pl->cooldown, pl->n_cooldown);
	if (pl->walking_min) {
		jw_obj(w, "walking");
		jw_int(w, "minutes", pl->walking_min);
		jw_int(w, "days", pl->walking_days);
		jw_end(w);
	} else
		jw_null(w, "walking");
	jw_str(w, "protein", pl->protein);
	w_strings(w, "advice", pl->advice, pl->n_advice);
	w_strings(w, "warnings", pl->warnings, pl->n_warnings);
}

bool render_plan_json(buf *b, const gradus_plan *pl, bool pretty, unsigned depth)
{
	plan_pass ps;
	jw w;
	bool ok;

	memset(&ps, 0, sizeof(ps));
	ps.seen = ps.seen0;
	ps.seen_mask = SEEN0 - 1;
	if (!first_pass(&ps, pl)) {
		pass_free(&ps);
		return false;
	}
	jw_init(&w, b, pretty, depth);
	jw_obj(&w, NULL);
	w_head(&w, pl);
	w_settings(&w, pl);
	jw_arr(&w, "reasons");
	for (size_t i = 0; i < ps.r.n; i++)
		w_reason(&w, ps.r.v[i]);
	jw_end(&w);
	w_ids(&w, "why", ps.ids, pl->n_why);
	ok = w_exercises(&w, pl);
	w_weeks(&w, &ps, pl);
	jw_arr(&w, "items");
	for (size_t t = 0; t < ps.n_slots; t++) {
		jw_arr(&w, NULL);
		for (size_t i = t ? ps.slot_end[t - 1] : 0; i < ps.slot_end[t]; i++)
			w_dose(&w, &ps, &ps.doses[i]);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	pass_free(&ps);
	return jw_finish(&w) && ok;
}

/* ---- The screening result (gradus-screening/1) and the rule table (gradus-rules/1) ---- */

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *date_or_null(gradus_date d)
{
	char s[11];
	if (!gradus_date_is_set(d))
		return cJSON_CreateNull();
	gradus_date_format(d, s);
	return cJSON_CreateString(s);
}

static cJSON *tags_json(gradus_tags t)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; a && i < GRADUS_TAG__COUNT; i++)
		if ((t & GRADUS_TAGBIT(i)) &&
		    !add(a, NULL, cJSON_CreateString(gradus_tag_name((gradus_tag)i)))) {
			cJSON_Delete(a);
			return NULL;
		}
	return a;
}

static cJSON *regions_json(unsigned r)
{
	cJSON *a = cJSON_CreateArray();
	for (unsigned i = 0; a && i < 7; i++)
		if ((r & (1u << i)) &&
		    !add(a, NULL, cJSON_CreateString(gradus_region_name(1u << i)))) {
			cJSON_Delete(a);
			return NULL;
		}
	return a;
}

static cJSON *precautions_json(const gradus_precautions *pr)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	if (!ok)
		return NULL;
	ok &= add(o, "avoid", tags_json(pr->avoid));
	ok &= add(o, "effort_cap", cJSON_CreateNumber(pr->effort_cap));
	ok &= add(o, "no_strength_regions", regions_json(pr->no_strength_regions));
	ok &= add(o, "no_strength_until", date_or_null(pr->no_strength_until));
	ok &= add(o, "breathing_cues", cJSON_CreateBool(pr->breathing_cues));
	ok &= add(o, "spine_sparing", cJSON_CreateBool(pr->spine_sparing));
	ok &= add(o, "hip_posterior", cJSON_CreateBool(pr->hip_posterior));
	ok &= add(o, "hip_posterior_until", date_or_null(pr->hip_posterior_until));
	ok &= add(o, "glucose_check", cJSON_CreateBool(pr->glucose_check));
	ok &= add(o, "prefer_supported", cJSON_CreateBool(pr->prefer_supported));
	ok &= add(o, "balance_emphasis", cJSON_CreateBool(pr->balance_emphasis));
	ok &= add(o, "supervision_needed", cJSON_CreateBool(pr->supervision_needed));
	ok &= add(o, "no_protein_target", cJSON_CreateBool(pr->no_protein_target));
	ok &= add(o, "neuro_maintenance", cJSON_CreateBool(pr->neuro_maintenance));
	ok &= add(o, "hr_check", cJSON_CreateBool(pr->hr_check));
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* `root` when every part was added, else NULL (root freed). */
static cJSON *finish(cJSON *root, bool ok)
{
	if (ok)
		return root;
	cJSON_Delete(root);
	return NULL;
}

cJSON *render_screening_json(const gradus_screening *s)
{
	cJSON *root = cJSON_CreateObject(), *findings, *missing;
	bool ok = root != NULL;

	if (!ok)
		return NULL;
	ok &= add(root, "format", cJSON_CreateString("gradus-screening/1"));
	ok &= add(root, "tier", cJSON_CreateString(gradus_tier_name(s->tier)));
	ok &= add(root, "exit_code", cJSON_CreateNumber(gradus_tier_exit_code(s->tier)));
	ok &= add(root, "as_of", date_or_null(s->as_of));
	findings = cJSON_CreateArray();
	ok &= add(root, "findings", findings);
	for (size_t i = 0; ok && i < s->n_findings; i++) {
		const gradus_finding *f = &s->findings[i];
		cJSON *o = cJSON_CreateObject();
		ok &= add(findings, NULL, o);
		if (!ok)
			break;
		ok &= add(o, "rule", cJSON_CreateString(f->rule->id));
		ok &= add(o, "tier", cJSON_CreateString(gradus_tier_name(f->rule->tier)));
		ok &= add(o, "person", cJSON_CreateString(f->rule->person));
		ok &= add(o, "clinician", cJSON_CreateString(f->rule->clinician));
		ok &= add(o, "source", cJSON_CreateString(f->rule->source));
		ok &= add(o, "detail", str_or_null(f->detail));
	}
	missing = cJSON_CreateArray();
	ok &= add(root, "missing", missing);
	for (size_t i = 0; ok && i < s->n_missing; i++)
		ok &= add(missing, NULL, cJSON_CreateString(gradus_red_flag_key(s->missing[i])));
	ok &= add(root, "precautions", precautions_json(&s->precautions));
	return finish(root, ok);
}

cJSON *render_rules_json(void)
{
	cJSON *root = cJSON_CreateObject(), *list;
	bool ok = root != NULL;
	if (!ok)
		return NULL;
	ok &= add(root, "format", cJSON_CreateString("gradus-rules/1"));
	list = cJSON_CreateArray();
	ok &= add(root, "rules", list);
	size_t n_rules;
	const gradus_rule *rules = gradus_rules(&n_rules);
	for (size_t i = 0; ok && i < n_rules; i++) {
		const gradus_rule *r = &rules[i];
		cJSON *o = cJSON_CreateObject(), *sets;
		ok &= add(list, NULL, o);
		if (!ok)
			break;
		ok &= add(o, "id", cJSON_CreateString(r->id));
		ok &= add(o, "tier", cJSON_CreateString(gradus_tier_name(r->tier)));
		ok &= add(o, "exit_code", cJSON_CreateNumber(gradus_tier_exit_code(r->tier)));
		ok &= add(o, "summary", cJSON_CreateString(r->summary));
		ok &= add(o, "person", cJSON_CreateString(r->person));
		ok &= add(o, "clinician", cJSON_CreateString(r->clinician));
		ok &= add(o, "source", cJSON_CreateString(r->source));
		ok &= add(o, "avoid", tags_json(r->avoid));
		ok &= add(o, "effort_cap", r->effort_cap ? cJSON_CreateNumber(r->effort_cap)
							 : cJSON_CreateNull());
		sets = cJSON_CreateArray();
		ok &= add(o, "sets", sets);
		for (unsigned k = 0; ok && k < GRADUS_PREC__COUNT; k++)
			if (r->sets & (1u << k))
				ok &= add(sets, NULL, cJSON_CreateString(gradus_prec_name(1u << k)));
		ok &= add(o, "logs_only", cJSON_CreateBool(r->logs_only));
	}
	ok &= add(root, "count", cJSON_CreateNumber((double)n_rules));
	return finish(root, ok);
}
