/* Plan renderers: 80-column text and JSON (gradus-plan/1). */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gradus/plan.h"
#include "internal.h"
#include "render.h"

static const char *const day_short[7] = {"Mon", "Tue", "Wed", "Thu",
					 "Fri", "Sat", "Sun"};
/* weekdays as profiles spell them (setup.days) */
static const char *const day_key[7] = {"mon", "tue", "wed", "thu",
				       "fri", "sat", "sun"};
static const char *const month_short[12] = {"Jan", "Feb", "Mar", "Apr",
					    "May", "Jun", "Jul", "Aug",
					    "Sep", "Oct", "Nov", "Dec"};

static void put_date(buf *b, gradus_date d)
{
	buf_printf(b, "%s %d %s %d", day_short[gradus_date_weekday(d)], d.d,
		   month_short[d.m - 1], d.y);
}

/* "moderate - 5 or 6 out of 10" */
void render_put_effort(buf *b, int lo, int hi, const char *dash)
{
	const char *wl = gradus_effort_words(lo), *wh = gradus_effort_words(hi);
	if (strcmp(wl, wh) == 0)
		buf_puts(b, wh);
	else
		buf_printf(b, "%s to %s", wl, wh);
	if (lo == hi)
		buf_printf(b, " %s %d out of 10", dash, hi);
	else if (hi == lo + 1)
		buf_printf(b, " %s %d or %d out of 10", dash, lo, hi);
	else
		buf_printf(b, " %s %d to %d out of 10", dash, lo, hi);
}

void render_put_load(buf *b, const gradus_item *it)
{
	const gradus_load *l = &it->load;
	switch (l->kind) {
	case GRADUS_LOAD_BAND:
		if (l->band >= 0)
			buf_printf(b, "%s band", gradus_band_name((gradus_band)l->band));
		else
			buf_puts(b, "band");
		break;
	case GRADUS_LOAD_ANKLE_WEIGHT:
		buf_printf(b, "%g kg ankle weight", l->kg);
		break;
	case GRADUS_LOAD_DUMBBELL:
		buf_printf(b, "%g kg dumbbell", l->kg);
		break;
	case GRADUS_LOAD_MACHINE:
		if (l->machine_step == 0)
			buf_puts(b, "machine at a light setting");
		else
			buf_printf(b, "machine, %d step%s above your first setting",
				   l->machine_step, l->machine_step > 1 ? "s" : "");
		break;
	default:
		buf_puts(b, "your own body weight");
	}
}

const char *render_support_words(gradus_support s)
{
	switch (s) {
	case GRADUS_SUPPORT_TWO_HANDS: return "hold on with both hands";
	case GRADUS_SUPPORT_ONE_HAND: return "hold on with one hand";
	case GRADUS_SUPPORT_FINGERTIPS: return "rest your fingertips on the support";
	case GRADUS_SUPPORT_NONE: return "no hands, but stay next to the support";
	default: return NULL;
	}
}

const char *render_change_words(gradus_change c)
{
	switch (c) {
	case GRADUS_CHANGE_REPS: return "new: more reps";
	case GRADUS_CHANGE_SETS: return "new: one more set";
	case GRADUS_CHANGE_SUPPORT: return "new: less support";
	case GRADUS_CHANGE_LOAD: return "new: heavier";
	case GRADUS_CHANGE_VARIANT: return "new: harder version";
	case GRADUS_CHANGE_DELOAD: return "lighter week";
	case GRADUS_CHANGE_HOLD: return "new: hold longer";
	default: return NULL;
	}
}

static void put_rule(buf *b)
{
	buf_puts(b, "--------------------------------------------------------------------------------\n");
}

/* prefix + text, wrapped to 80 columns, continuation lines indented to
 * the width of the prefix */
static void text_wrapped(buf *b, const char *prefix, const char *text)
{
	buf line = BUF_INIT;
	char *s;
	buf_printf(&line, "%s%s", prefix, text);
	s = buf_detach(&line, NULL);
	if (s) {
		buf_wrap(b, s, 80, (int)utf8_width(prefix) < 20 ? (int)utf8_width(prefix) : 4);
		buf_putc(b, '\n');
		free(s);
	}
}

/* Wraps what `line` holds after `prefix` and clears it. */
static void flush_wrapped(buf *b, const char *prefix, buf *line)
{
	char *s = buf_detach(line, NULL);
	if (s) {
		text_wrapped(b, prefix, s);
		free(s);
	}
}

static void put_block(buf *b, const char *title, int minutes,
		      const gradus_exercise *const *ex, size_t n)
{
	buf line = BUF_INIT;
	buf_printf(&line, "%s (%d min): ", title, minutes);
	if (n == 0)
		buf_puts(&line, "gentle movement of your choice");
	for (size_t i = 0; i < n; i++)
		buf_printf(&line, "%s%s", i ? "; " : "", ex[i]->name);
	flush_wrapped(b, "", &line);
}

/* Paired sets, in the words every renderer uses: one sentence for the
 * session, naming the pairs that have more than one set. Nothing when
 * no pair has. */
bool render_put_pairs(buf *b, const gradus_session *s)
{
	int n = 0;
	for (size_t i = 0; i + 1 < s->n_items; i++) {
		const gradus_item *a = &s->items[i], *c = &s->items[i + 1];
		if (a->pair <= 0 || c->pair != a->pair || (a->sets < 2 && c->sets < 2))
			continue;
		buf_printf(b, "%s%zu and %zu", n == 0 ? "Do " : ", then ", i + 1, i + 2);
		if (n == 0)
			buf_puts(b, " in turns");
		n++;
		i++;
	}
	if (n)
		buf_puts(b, ": a set of one, then a set of the other. Each is the rest for the other.");
	return n > 0;
}

static void text_item(buf *b, const gradus_item *it, int n,
		      const gradus_render_options *o, bool shared_effort)
{
	const gradus_exercise *e = it->exercise;
	const char *sw = render_support_words(it->support), *cw = render_change_words(it->change);
	buf line = BUF_INIT;
	char num[16];

	snprintf(num, sizeof(num), "%2d. ", n);
	buf_puts(&line, e->name);
	if (cw)
		buf_printf(&line, "  (%s)", cw);
	flush_wrapped(b, num, &line);
	buf_printf(&line, "%d set%s of %d to %d %s", it->sets, it->sets > 1 ? "s" : "",
		   it->reps_min, it->reps_max, e->per_side ? "reps on each side" : "reps");
	if (it->hold_s > 0)
		buf_printf(&line, ", holding each for %d seconds", it->hold_s);
	if (it->affected_sets > it->sets)
		buf_printf(&line, ", then %d more set%s with your weaker side only",
			   it->affected_sets - it->sets, it->affected_sets - it->sets > 1 ? "s" : "");
	buf_puts(&line, "; ");
	render_put_load(&line, it);
	if (sw)
		buf_printf(&line, "; %s", sw);
	buf_puts(&line, ".");
	if (!shared_effort) {
		flush_wrapped(b, "    ", &line);
		buf_puts(&line, "Effort: ");
		render_put_effort(&line, it->effort_min, it->effort_max, "-");
		buf_puts(&line, ".");
	}
	if (it->sets > 1 && it->pair == 0)
		buf_printf(&line, " Rest %d seconds between sets.", it->rest_s);
	flush_wrapped(b, "    ", &line);
	if (o && o->explain)
		for (size_t k = 0; k < it->n_why; k++) {
			buf_printf(&line, "%s [%s: %s]", it->why[k].text,
				   it->why[k].rule, it->why[k].source);
			flush_wrapped(b, "      why: ", &line);
		}
}

/* The "stop and call" lines, on every page. */
static void put_stop(buf *b, const char *emergency)
{
	buf line = BUF_INIT;
	buf_putc(b, '\n');
	buf_printf(&line, "Stop at once if you get chest pain, sudden weakness of one side, trouble speaking or seeing, or you faint. Call %s.",
		   emergency);
	flush_wrapped(b, "STOP AND CALL: ", &line);
}

/* Short name for the record grid: the first `n` columns, cut at a word. */
static void put_short(buf *b, const char *name, size_t n)
{
	size_t len = 0, last_space = 0, cols = 0;
	for (const char *c = name; *c && cols < n; c++, len++) {
		if (((unsigned char)*c & 0xc0) != 0x80)
			cols++;
		if (*c == ' ')
			last_space = len;
	}
	if (name[len] && last_space > 0)
		len = last_space;
	while (len > 0 && (name[len - 1] == ',' || name[len - 1] == ' '))
		len--;
	buf_put(b, name, len);
	cols = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)name[i] & 0xc0) != 0x80)
			cols++;
	for (; cols < n; cols++)
		buf_putc(b, ' ');
}

/* The record grid: per exercise and session, a box per set and blanks
 * for reps done, effort and pain (0-10). 80 columns for 3 sessions;
 * more sessions wrap to a second grid. */
static void put_record(buf *b, const gradus_week *wk)
{
	const gradus_session *s0 = &wk->sessions[0];
	buf_puts(b, "\nRecord: tick a box for each set. Write reps done / effort / pain (0-10).\n");
	for (size_t from = 0; from < wk->n_sessions; from += 3) {
		size_t to = from + 3 < wk->n_sessions ? from + 3 : wk->n_sessions;
		buf_printf(b, "%-22s", "");
		for (size_t s = from; s < to; s++) {
			const gradus_date d = wk->sessions[s].date;
			char cell[32];
			snprintf(cell, sizeof(cell), "%s %d %s", day_short[gradus_date_weekday(d)],
				 d.d, month_short[d.m - 1]);
			buf_printf(b, "%-19s", cell);
		}
		while (b->len > 0 && b->ptr[b->len - 1] == ' ')
			b->len--;
		buf_putc(b, '\n');
		for (size_t i = 0; i < s0->n_items; i++) {
			const gradus_item *it = &s0->items[i];
			buf_printf(b, "%2zu ", i + 1);
			put_short(b, it->exercise->name, 18);
			buf_putc(b, ' ');
			for (size_t s = from; s < to; s++) {
				int w = 0;
				int boxes = it->affected_sets > it->sets ? it->affected_sets : it->sets;
				for (int k = 0; k < boxes && k < 5; k++, w += 3)
					buf_puts(b, "[ ]");
				buf_puts(b, " __/__/__");
				for (w += 9; w < 19; w++)
					buf_putc(b, ' ');
			}
			/* no trailing blanks */
			while (b->len > 0 && b->ptr[b->len - 1] == ' ')
				b->len--;
			buf_putc(b, '\n');
		}
	}
}

void render_plan_text(buf *b, const gradus_plan *pl,
		      const gradus_render_options *o)
{
	const gradus_profile *p = pl->profile;
	const gradus_template *t = pl->template;
	const char *emergency = p->emergency_number ? p->emergency_number
						    : "your local emergency number";

	if (o && o->preface_text) {
		buf_puts(b, o->preface_text);
		buf_puts(b, "\f\n");
	}
	buf_printf(b, "Strength plan for %s\n", p->name);
	put_rule(b);
	text_wrapped(b, "Program: ", t->name);
	buf_printf(b, "Start: ");
	put_date(b, pl->start);
	buf_printf(b, ". %d week%s, %d session%s a week.\n", pl->weeks_n,
		   pl->weeks_n == 1 ? "" : "s",
		   pl->sessions_per_week, pl->sessions_per_week > 1 ? "s" : "");
	buf_printf(b, "Starting level: %s%s%s\n", gradus_class_name(pl->assessment.cls),
		   pl->assessment.fall_risk_plus ? "+" : "",
		   pl->assessment.from_mobility ? " (a careful guess: no SPPB score)" : "");
	for (size_t i = 0; i < pl->assessment.n_notes; i++)
		text_wrapped(b, "  - ", pl->assessment.notes[i]);
	buf_puts(b, "\nHow hard: rate each set from 0 (rest) to 10 (the hardest you can do).\n");
	for (size_t i = 0; i < pl->n_why; i++)
		text_wrapped(b, "  - ", pl->why[i].text);
	buf_puts(b, "\nSafety:\n");
	for (size_t i = 0; i < pl->n_advice; i++)
		text_wrapped(b, "  - ", pl->advice[i]);
	text_wrapped(b, "  - ", pl->protein);
	if (pl->n_warnings) {
		buf_puts(b, "\nNotes for the therapist:\n");
		for (size_t i = 0; i < pl->n_warnings; i++)
			text_wrapped(b, "  - ", pl->warnings[i]);
	}
	put_stop(b, emergency);
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		const gradus_session *s0 = wk->n_sessions ? &wk->sessions[0] : NULL;
		buf_puts(b, "\f\n");
		buf_printf(b, "%s - week %d of %zu - %s%s\n", p->name, wk->number,
			   pl->n_weeks + (size_t)pl->first_week - 1, wk->phase,
			   wk->deload ? " (lighter week)" : "");
		put_date(b, wk->start);
		buf_puts(b, " to ");
		put_date(b, wk->end);
		buf_putc(b, '\n');
		put_rule(b);
		buf_puts(b, "Sessions: ");
		for (size_t s = 0; s < wk->n_sessions; s++) {
			if (s)
				buf_puts(b, ", ");
			put_date(b, wk->sessions[s].date);
		}
		if (s0)
			buf_printf(b, "\nEach session takes about %d minutes.\n", s0->minutes);
		else
			buf_puts(b, "\nNo session day falls in this week.\n");
		if (s0) {
			buf_putc(b, '\n');
			put_block(b, "Warm-up", s0->warmup_min, pl->warmup, pl->n_warmup);
			bool shared = s0->n_items > 1;
			for (size_t i = 1; i < s0->n_items; i++)
				if (s0->items[i].effort_min != s0->items[0].effort_min ||
				    s0->items[i].effort_max != s0->items[0].effort_max)
					shared = false;
			if (shared) {
				buf line = BUF_INIT;
				buf_puts(&line, "Strength - effort for every exercise: ");
				render_put_effort(&line, s0->items[0].effort_min, s0->items[0].effort_max, "-");
				buf_puts(&line, ".");
				flush_wrapped(b, "", &line);
			} else
				buf_puts(b, "Strength:\n");
			{
				buf line = BUF_INIT;
				if (render_put_pairs(&line, s0))
					flush_wrapped(b, "", &line);
				buf_free(&line);
			}
			for (size_t i = 0; i < s0->n_items; i++)
				text_item(b, &s0->items[i], (int)i + 1, o, shared);
			if (s0->balance_min)
				put_block(b, "Balance", s0->balance_min, s0->balance, s0->n_balance);
			put_block(b, "Cool-down", s0->cooldown_min, pl->cooldown, pl->n_cooldown);
			if (wk->walking_min) {
				buf line = BUF_INIT;
				buf_printf(&line, "Walking: %d minutes on %d days this week; you may split it into shorter walks.",
					   wk->walking_min, pl->walking_days);
				flush_wrapped(b, "", &line);
			}
			put_record(b, wk);
		}
		put_stop(b, emergency);
	}
}

/* ---- JSON ---- */

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

static cJSON *range(int lo, int hi)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "min", lo);
	cJSON_AddNumberToObject(o, "max", hi);
	return o;
}

static cJSON *why_json(const gradus_why *w, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "rule", w[i].rule);
		cJSON_AddStringToObject(o, "text", w[i].text);
		cJSON_AddStringToObject(o, "source", w[i].source);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *item_json(const gradus_item *it)
{
	cJSON *o = cJSON_CreateObject(), *l;
	const gradus_exercise *e = it->exercise;
	cJSON_AddStringToObject(o, "exercise", e->id);
	cJSON_AddStringToObject(o, "name", e->name);
	cJSON_AddStringToObject(o, "pattern", gradus_pattern_name(e->pattern));
	cJSON_AddStringToObject(o, "position", gradus_position_name(e->position));
	cJSON_AddNumberToObject(o, "sets", it->sets);
	cJSON_AddItemToObject(o, "reps", range(it->reps_min, it->reps_max));
	cJSON_AddBoolToObject(o, "per_side", e->per_side);
	cJSON_AddNumberToObject(o, "hold_s", it->hold_s);
	if (it->affected_sets > it->sets)
		cJSON_AddNumberToObject(o, "affected_sets", it->affected_sets);
	else
		cJSON_AddNullToObject(o, "affected_sets");
	if (it->pair > 0)
		cJSON_AddNumberToObject(o, "pair", it->pair);
	else
		cJSON_AddNullToObject(o, "pair");
	l = cJSON_AddObjectToObject(o, "load");
	cJSON_AddStringToObject(l, "kind", gradus_load_name(it->load.kind));
	if (it->load.kind == GRADUS_LOAD_ANKLE_WEIGHT || it->load.kind == GRADUS_LOAD_DUMBBELL) {
		cJSON_AddNumberToObject(l, "value", round2(it->load.kg));
		cJSON_AddStringToObject(l, "unit", "kg");
	} else {
		cJSON_AddNullToObject(l, "value");
		cJSON_AddNullToObject(l, "unit");
	}
	if (it->load.kind == GRADUS_LOAD_BAND && it->load.band >= 0)
		cJSON_AddStringToObject(l, "band", gradus_band_name((gradus_band)it->load.band));
	else
		cJSON_AddNullToObject(l, "band");
	if (it->load.kind == GRADUS_LOAD_MACHINE)
		cJSON_AddNumberToObject(l, "machine_step", it->load.machine_step);
	else
		cJSON_AddNullToObject(l, "machine_step");
	if (it->support == GRADUS_SUPPORT_NA)
		cJSON_AddNullToObject(o, "support");
	else
		cJSON_AddStringToObject(o, "support", gradus_support_name(it->support));
	cJSON_AddItemToObject(o, "effort", range(it->effort_min, it->effort_max));
	cJSON_AddNumberToObject(o, "rest_s", it->rest_s);
	cJSON_AddStringToObject(o, "change", gradus_change_name(it->change));
	cJSON_AddItemToObject(o, "why", why_json(it->why, it->n_why));
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

cJSON *render_plan_json(const gradus_plan *pl)
{
	const gradus_profile *p = pl->profile;
	cJSON *root = cJSON_CreateObject(), *o, *arr, *weeks;

	cJSON_AddStringToObject(root, "format", "gradus-plan/1");
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
			cJSON_AddItemToArray(arr, cJSON_CreateString(day_key[d]));
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
	cJSON_AddItemToObject(root, "why", why_json(pl->why, pl->n_why));
	weeks = cJSON_AddArrayToObject(root, "weeks");
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		cJSON *wo = cJSON_CreateObject(), *ss;
		cJSON_AddNumberToObject(wo, "number", wk->number);
		cJSON_AddStringToObject(wo, "phase", wk->phase);
		cJSON_AddBoolToObject(wo, "deload", wk->deload);
		cJSON_AddNumberToObject(wo, "walking_minutes", wk->walking_min);
		cJSON_AddItemToObject(wo, "start", date_json(wk->start));
		cJSON_AddItemToObject(wo, "end", date_json(wk->end));
		ss = cJSON_AddArrayToObject(wo, "sessions");
		for (size_t s = 0; s < wk->n_sessions; s++) {
			const gradus_session *se = &wk->sessions[s];
			cJSON *so = cJSON_CreateObject(), *items;
			cJSON_AddItemToObject(so, "date", date_json(se->date));
			cJSON_AddStringToObject(so, "day", day_key[se->weekday]);
			cJSON_AddNumberToObject(so, "minutes", se->minutes);
			cJSON_AddNumberToObject(so, "warmup_minutes", se->warmup_min);
			cJSON_AddNumberToObject(so, "balance_minutes", se->balance_min);
			cJSON_AddNumberToObject(so, "cooldown_minutes", se->cooldown_min);
			cJSON_AddItemToObject(so, "balance", names_json(se->balance, se->n_balance));
			items = cJSON_AddArrayToObject(so, "items");
			for (size_t i = 0; i < se->n_items; i++)
				cJSON_AddItemToArray(items, item_json(&se->items[i]));
			cJSON_AddItemToArray(ss, so);
		}
		cJSON_AddItemToArray(weeks, wo);
	}
	return root;
}

static int detach_json(char **out, size_t *len, cJSON *root)
{
	char *s = root ? cJSON_Print(root) : NULL;
	size_t n;
	cJSON_Delete(root);
	if (!s)
		return GRADUS_ENOMEM;
	n = strlen(s);
	*out = malloc(n + 2);
	if (!*out) {
		cJSON_free(s);
		return GRADUS_ENOMEM;
	}
	memcpy(*out, s, n);
	(*out)[n] = '\n';
	(*out)[n + 1] = '\0';
	if (len)
		*len = n + 1;
	cJSON_free(s);
	return GRADUS_OK;
}

int gradus_plan_render(char **out, size_t *len, const gradus_plan *pl,
		       gradus_plan_format f, const gradus_render_options *o)
{
	buf b = BUF_INIT;
	*out = NULL;
	switch (f) {
	case GRADUS_PLAN_JSON:
		return detach_json(out, len, render_plan_json(pl));
	case GRADUS_PLAN_FHIR:
		return detach_json(out, len, render_plan_fhir(pl));
	case GRADUS_PLAN_TEXT:
		render_plan_text(&b, pl, o);
		break;
	case GRADUS_PLAN_HTML:
		render_plan_html(&b, pl, o);
		break;
	case GRADUS_PLAN_ICS:
		render_plan_ics(&b, pl);
		break;
	default:
		return GRADUS_EUSAGE;
	}
	*out = buf_detach(&b, len);
	return *out ? GRADUS_OK : GRADUS_ENOMEM;
}
