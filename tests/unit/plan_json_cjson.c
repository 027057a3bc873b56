/* The plan as a cJSON tree (gradus-plan/2): the builder the library
 * used before its streaming writer (src/lib/render/jsonw.c), kept for
 * the tests only, as the reference the writer's bytes are compared
 * with (test_jsonw.c): cJSON_Print and cJSON_PrintUnformatted of this
 * tree are what `gradus plan -f json` and `gradus batch` printed. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/plan.h"
#include "plan_json_cjson.h"
#include "render/words.h"

static double round2(double v)
{
	return round(v * 100.0) / 100.0;
}

static cJSON *date_json(gradus_date d)
{
	char s[11];
	gradus_date_format(d, s);
	return cJSON_CreateString(s);
}

/* An integer as a cJSON item. cJSON 1.7.15 prints every number with
 * sprintf("%1.15g") and reads it back with sscanf to check it: most of the
 * time of printing a plan, whose numbers are nearly all small integers.
 * A raw item holding the same digits prints them as they are: the same
 * bytes, without the round trip. */
static cJSON *int_json(long v)
{
	char s[24];
	snprintf(s, sizeof(s), "%ld", v);
	return cJSON_CreateRaw(s);
}

static void add_int(cJSON *o, const char *key, long v)
{
	cJSON *n = int_json(v);
	if (n && !cJSON_AddItemToObject(o, key, n))
		cJSON_Delete(n);
}

static cJSON *range(int lo, int hi)
{
	cJSON *o = cJSON_CreateObject();
	add_int(o, "min", lo);
	add_int(o, "max", hi);
	return o;
}

static cJSON *names_json(const gradus_exercise *const *ex, size_t n)

{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(ex[i]->id));
	return a;
}

static cJSON *strings_json(const char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
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
 * (docs/schema/README.md). */

/* The reasons table: each (rule, text, source) once, in the order first
 * met, found again through a hash of the three strings. */
typedef struct {
	const gradus_why **v;    /* the distinct reasons */
	size_t n, cap;
	size_t *slot;            /* open addressing: index + 1, 0 empty */
	size_t mask;
} reasons;

static size_t why_hash(const gradus_why *w)
{
	const char *part[3] = {w->rule, w->text, w->source};
	size_t h = 1469598103934665603u;
	for (int k = 0; k < 3; k++) {
		for (const unsigned char *c = (const unsigned char *)part[k]; *c; c++)
			h = (h ^ *c) * 1099511628211u;
		h = (h ^ 0xff) * 1099511628211u;
	}
	return h;
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

static void reasons_free(reasons *r)
{
	free(r->v);
	free(r->slot);
}

/* The indexes of the reasons `w` in the table, as a JSON array. */
static cJSON *why_ids(reasons *r, const gradus_why *w, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++) {
		long id = reason_id(r, &w[i]);
		if (id < 0 || !cJSON_AddItemToArray(a, int_json((long)id))) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

/* The table into `a`; false when out of memory. */
static bool reasons_fill(cJSON *a, const reasons *r)
{
	for (size_t i = 0; i < r->n; i++) {
		cJSON *o = cJSON_CreateObject();
		if (!add(a, NULL, o) ||
		    !cJSON_AddStringToObject(o, "rule", r->v[i]->rule) ||
		    !cJSON_AddStringToObject(o, "text", r->v[i]->text) ||
		    !cJSON_AddStringToObject(o, "source", r->v[i]->source))
			return false;
	}
	return true;
}

/* Two items with the same dose and reasons (the same line in two
 * sessions of a week). */
static bool item_same(const gradus_item *a, const gradus_item *b)
{
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

static cJSON *load_json(const gradus_load *ld)
{
	cJSON *l = cJSON_CreateObject();
	cJSON_AddStringToObject(l, "kind", gradus_load_name(ld->kind));
	if (ld->kind == GRADUS_LOAD_ANKLE_WEIGHT || ld->kind == GRADUS_LOAD_DUMBBELL) {
		cJSON_AddNumberToObject(l, "value", round2(ld->kg));
		cJSON_AddStringToObject(l, "unit", "kg");
	} else {
		cJSON_AddNullToObject(l, "value");
		cJSON_AddNullToObject(l, "unit");
	}
	if (ld->kind == GRADUS_LOAD_BAND && ld->band >= 0)
		cJSON_AddStringToObject(l, "band", gradus_band_name((gradus_band)ld->band));
	else
		cJSON_AddNullToObject(l, "band");
	if (ld->kind == GRADUS_LOAD_MACHINE)
		add_int(l, "machine_step", ld->machine_step);
	else
		cJSON_AddNullToObject(l, "machine_step");
	return l;
}

/* One dose of a slot: week `week`, in the sessions `sessions` of that
 * week (NULL: all of them). NULL when out of memory. */
static cJSON *dose_json(reasons *r, const gradus_item *it, int week,
			cJSON *sessions)
{
	cJSON *o = cJSON_CreateObject(), *why;
	add_int(o, "week", week);
	cJSON_AddItemToObject(o, "sessions", sessions ? sessions : cJSON_CreateNull());
	cJSON_AddStringToObject(o, "exercise", it->exercise->id);
	add_int(o, "sets", it->sets);
	cJSON_AddItemToObject(o, "reps", range(it->reps_min, it->reps_max));
	add_int(o, "hold_s", it->hold_s);
	if (it->affected_sets > it->sets)
		add_int(o, "affected_sets", it->affected_sets);
	else
		cJSON_AddNullToObject(o, "affected_sets");
	if (it->pair > 0)
		add_int(o, "pair", it->pair);
	else
		cJSON_AddNullToObject(o, "pair");
	cJSON_AddItemToObject(o, "load", load_json(&it->load));
	if (it->support == GRADUS_SUPPORT_NA)
		cJSON_AddNullToObject(o, "support");
	else
		cJSON_AddStringToObject(o, "support", gradus_support_name(it->support));
	cJSON_AddItemToObject(o, "effort", range(it->effort_min, it->effort_max));
	add_int(o, "rest_s", it->rest_s);
	cJSON_AddStringToObject(o, "change", gradus_change_name(it->change));
	why = why_ids(r, it->why, it->n_why);
	if (!o || !why || !cJSON_AddItemToObject(o, "why", why)) {
		cJSON_Delete(why);
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* The doses of slot `t` in week `wk`: one for each different dose, with
 * the sessions it is in (null when it is in every session of the
 * week). False when out of memory. */
static bool week_doses(cJSON *slot, reasons *r, const gradus_week *wk, size_t t)
{
	size_t n = wk->n_sessions < 32 ? wk->n_sessions : 32;
	unsigned done = 0;       /* sessions whose dose is written */
	for (size_t s = 0; s < n; s++) {
		const gradus_item *it;
		unsigned group = 0;
		size_t n_group = 0;
		cJSON *which = NULL, *o;
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
		if (n_group < wk->n_sessions) {
			which = cJSON_CreateArray();
			for (size_t u = s; which && u < n; u++)
				if ((group & (1u << u)) &&
				    !cJSON_AddItemToArray(which, int_json((long)u))) {
					cJSON_Delete(which);
					which = NULL;
				}
			if (!which)
				return false;
		}
		o = dose_json(r, it, wk->number, which);
		if (!o || !cJSON_AddItemToArray(slot, o)) {
			cJSON_Delete(o);
			return false;
		}
	}
	return true;
}

/* "exercises": each exercise of the items once, in the order first met. */
static cJSON *exercises_json(const gradus_plan *pl)
{
	cJSON *a = cJSON_CreateArray();
	const gradus_exercise **seen = NULL;
	size_t n = 0, cap = 0;
	for (size_t w = 0; a && w < pl->n_weeks; w++)
		for (size_t s = 0; a && s < pl->weeks[w].n_sessions; s++) {
			const gradus_session *se = &pl->weeks[w].sessions[s];
			for (size_t i = 0; a && i < se->n_items; i++) {
				const gradus_exercise *e = se->items[i].exercise;
				size_t k = 0;
				cJSON *o;
				while (k < n && seen[k] != e)
					k++;
				if (k < n)
					continue;
				if (n == cap) {
					const gradus_exercise **v;
					cap = cap ? cap * 2 : 32;
					v = realloc(seen, cap * sizeof(*v));
					if (!v) {
						cJSON_Delete(a);
						a = NULL;
						break;
					}
					seen = v;
				}
				seen[n++] = e;
				o = cJSON_CreateObject();
				cJSON_AddItemToArray(a, o);
				cJSON_AddStringToObject(o, "id", e->id);
				cJSON_AddStringToObject(o, "name", e->name);
				cJSON_AddStringToObject(o, "pattern", gradus_pattern_name(e->pattern));
				cJSON_AddStringToObject(o, "position", gradus_position_name(e->position));
				cJSON_AddStringToObject(o, "load_kind", gradus_load_name(e->load));
				cJSON_AddBoolToObject(o, "per_side", e->per_side);
			}
		}
	free(seen);
	return a;
}

/* "weeks": each week with its sessions' dates and minutes. */
static cJSON *weeks_json(const gradus_plan *pl)
{
	cJSON *weeks = cJSON_CreateArray();
	for (size_t w = 0; weeks && w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		cJSON *wo = cJSON_CreateObject(), *ss;
		cJSON_AddItemToArray(weeks, wo);
		add_int(wo, "number", wk->number);
		cJSON_AddStringToObject(wo, "phase", wk->phase);
		cJSON_AddBoolToObject(wo, "deload", wk->deload);
		add_int(wo, "walking_minutes", wk->walking_min);
		cJSON_AddItemToObject(wo, "start", date_json(wk->start));
		cJSON_AddItemToObject(wo, "end", date_json(wk->end));
		ss = cJSON_AddArrayToObject(wo, "sessions");
		for (size_t s = 0; s < wk->n_sessions; s++) {
			const gradus_session *se = &wk->sessions[s];
			cJSON *so = cJSON_CreateObject();
			cJSON_AddItemToArray(ss, so);
			cJSON_AddItemToObject(so, "date", date_json(se->date));
			cJSON_AddStringToObject(so, "day", words_day_key[se->weekday]);
			add_int(so, "minutes", se->minutes);
			add_int(so, "warmup_minutes", se->warmup_min);
			add_int(so, "balance_minutes", se->balance_min);
			add_int(so, "cooldown_minutes", se->cooldown_min);
			cJSON_AddItemToObject(so, "balance", names_json(se->balance, se->n_balance));
		}
	}
	return weeks;
}

/* "items": the slots of a session, in the order they are done; each
 * slot its doses week by week. False when out of memory. */
static bool items_json(cJSON *root, reasons *r, const gradus_plan *pl)
{
	cJSON *items = cJSON_AddArrayToObject(root, "items");
	size_t n_slots = 0;
	if (!items)
		return false;
	for (size_t w = 0; w < pl->n_weeks; w++)
		for (size_t s = 0; s < pl->weeks[w].n_sessions; s++)
			if (pl->weeks[w].sessions[s].n_items > n_slots)
				n_slots = pl->weeks[w].sessions[s].n_items;
	for (size_t t = 0; t < n_slots; t++) {
		cJSON *slot = cJSON_CreateArray();
		if (!slot || !cJSON_AddItemToArray(items, slot)) {
			cJSON_Delete(slot);
			return false;
		}
		for (size_t w = 0; w < pl->n_weeks; w++)
			if (!week_doses(slot, r, &pl->weeks[w], t))
				return false;
	}
	return true;
}

cJSON *plan_json_cjson(const gradus_plan *pl)
{
	const gradus_profile *p = pl->profile;
	cJSON *root = cJSON_CreateObject(), *o, *arr, *reasons_a;
	bool ok;
	reasons r = {NULL, 0, 0, NULL, 0};

	if (!root)
		return NULL;
	cJSON_AddStringToObject(root, "format", "gradus-plan/2");
	o = cJSON_AddObjectToObject(root, "person");
	cJSON_AddStringToObject(o, "name", p->name);
	cJSON_AddNumberToObject(o, "age", p->age);
	cJSON_AddStringToObject(o, "condition", gradus_kind_name(p->kind));
	o = cJSON_AddObjectToObject(root, "screening");
	cJSON_AddStringToObject(o, "tier", gradus_tier_name(pl->screening->tier));
	arr = cJSON_AddArrayToObject(o, "findings");
	for (size_t i = 0; i < pl->screening->n_findings; i++) {
		const gradus_finding *f = &pl->screening->findings[i];
		cJSON *fo = cJSON_CreateObject();
		cJSON_AddStringToObject(fo, "rule", f->rule->id);
		cJSON_AddStringToObject(fo, "tier", gradus_tier_name(f->rule->tier));
		cJSON_AddStringToObject(fo, "source", f->rule->source);
		cJSON_AddItemToArray(arr, fo);
	}
	o = cJSON_AddObjectToObject(root, "assessment");
	cJSON_AddStringToObject(o, "class", gradus_class_name(pl->assessment.cls));
	cJSON_AddBoolToObject(o, "fall_risk_plus", pl->assessment.fall_risk_plus);
	cJSON_AddBoolToObject(o, "from_mobility", pl->assessment.from_mobility);
	if (pl->assessment.test_to_do)
		cJSON_AddStringToObject(o, "test_to_do", pl->assessment.test_to_do);
	else
		cJSON_AddNullToObject(o, "test_to_do");
	cJSON_AddBoolToObject(o, "low_strength", pl->assessment.low_strength);
	cJSON_AddBoolToObject(o, "low_performance", pl->assessment.low_performance);
	cJSON_AddBoolToObject(o, "severe", pl->assessment.severe);
	cJSON_AddBoolToObject(o, "sarc_f_positive", pl->assessment.sarc_f_positive);
	cJSON_AddItemToObject(o, "notes", strings_json(pl->assessment.notes, pl->assessment.n_notes));
	cJSON_AddStringToObject(root, "template", pl->template->id);
	cJSON_AddItemToObject(root, "start", date_json(pl->start));
	cJSON_AddNumberToObject(root, "weeks_planned", pl->weeks_n);
	cJSON_AddNumberToObject(root, "first_week", pl->first_week);
	cJSON_AddNumberToObject(root, "sessions_per_week", pl->sessions_per_week);
	arr = cJSON_AddArrayToObject(root, "days");
	for (int d = 0; d < 7; d++)
		if (pl->days & (1u << d))
			cJSON_AddItemToArray(arr, cJSON_CreateString(words_day_key[d]));
	cJSON_AddNumberToObject(root, "effort_cap", pl->effort_cap);
	cJSON_AddItemToObject(root, "warmup", names_json(pl->warmup, pl->n_warmup));
	cJSON_AddItemToObject(root, "balance", names_json(pl->balance, pl->n_balance));
	cJSON_AddItemToObject(root, "cooldown", names_json(pl->cooldown, pl->n_cooldown));
	if (pl->walking_min) {
		o = cJSON_AddObjectToObject(root, "walking");
		cJSON_AddNumberToObject(o, "minutes", pl->walking_min);
		cJSON_AddNumberToObject(o, "days", pl->walking_days);
	} else
		cJSON_AddNullToObject(root, "walking");
	cJSON_AddStringToObject(root, "protein", pl->protein);
	cJSON_AddItemToObject(root, "advice", strings_json(pl->advice, pl->n_advice));
	cJSON_AddItemToObject(root, "warnings", strings_json(pl->warnings, pl->n_warnings));
	/* the reasons of the plan first, then of the items, week by week;
	 * the table is filled last */
	ok = (reasons_a = cJSON_AddArrayToObject(root, "reasons")) != NULL;
	ok = ok && add(root, "why", why_ids(&r, pl->why, pl->n_why));
	ok = ok && add(root, "exercises", exercises_json(pl));
	ok = ok && add(root, "weeks", weeks_json(pl));
	ok = ok && items_json(root, &r, pl);
	ok = ok && reasons_fill(reasons_a, &r);
	reasons_free(&r);
	if (!ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}
