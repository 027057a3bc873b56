/* Text: the plan, the screening result and the rule table, for an
 * 80-column terminal. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/plan.h"
#include "render/formats.h"
#include "render/guide.h"
#include "render/words.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/util.h"

static void put_date(buf *b, gradus_date d)
{
	buf_printf(b, "%s %d %s %d", words_day_short[gradus_date_weekday(d)], d.d,
		   words_month_short[d.m - 1], d.y);
}

static void put_rule(buf *b)
{
	buf_puts(b, "--------------------------------------------------------------------------------\n");
}

/* prefix + text, wrapped to 80 columns, continuation lines indented to
 * the width of the prefix (4 when it is 20 or wider) */
static void text_wrapped(buf *b, const char *prefix, const char *text)
{
	char cont[21];
	size_t w = utf8_width(prefix);
	if (w >= 20)
		w = 4;
	memset(cont, ' ', w);
	cont[w] = '\0';
	text_wrap(b, prefix, cont, text, 80);
}

/* Wraps what `line` holds after `prefix` and clears it. */
static void flush_wrapped(buf *b, const char *prefix, buf *line)
{
	char *s;
	if (line->failed)
		b->failed = true;
	s = buf_detach(line, NULL);
	if (s) {
		text_wrapped(b, prefix, s);
		free(s);
	}
}

/* "Sit to stand (guide 3)" */
static void put_name(buf *b, const guide *g, const gradus_exercise *e)
{
	size_t n = guide_number(g, e);
	buf_puts(b, e->name);
	if (n)
		buf_printf(b, " (guide %zu)", n);
}

static void put_block(buf *b, const guide *g, const char *title, int minutes,
		      const gradus_exercise *const *ex, size_t n)
{
	buf line = BUF_INIT;
	buf_printf(&line, "%s (%d min): ", title, minutes);
	if (n == 0)
		buf_puts(&line, "gentle movement of your choice");
	for (size_t i = 0; i < n; i++)
		buf_printf(&line, "%s%s", i ? "; " : "", ex[i]->name);
	guide_refs(&line, g, ex, n);
	flush_wrapped(b, "", &line);
}

static void text_item(buf *b, const guide *g, const gradus_item *it, int n,
		      bool shared_effort)
{
	const gradus_exercise *e = it->exercise;
	const char *cw = render_change_words(it->change);
	buf line = BUF_INIT;
	char num[32];

	snprintf(num, sizeof(num), "%2d. ", n);
	put_name(&line, g, e);
	if (cw)
		buf_printf(&line, "  (%s)", cw);
	flush_wrapped(b, num, &line);
	render_put_amount(&line, it);
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
}

/* The "stop and call" lines, on every page. */
static void put_stop(buf *b, const gradus_profile *p)
{
	buf line = BUF_INIT;
	buf_putc(b, '\n');
	words_stop(&line, p);
	flush_wrapped(b, "", &line);
}

/* Short name for the record grid: the first `n` columns, cut at a word
 * (a space inside them) when the name is longer, padded to `n` columns. */
static void put_short(buf *b, const char *name, size_t n)
{
	size_t len = utf8_fit(name, strlen(name), n), last_space = 0;
	for (size_t i = 0; i < len; i++)
		if (name[i] == ' ')
			last_space = i;
	if (name[len] && last_space > 0)
		len = last_space;
	while (len > 0 && (name[len - 1] == ',' || name[len - 1] == ' '))
		len--;
	buf_put(b, name, len);
	for (size_t cols = utf8_width_n(name, len); cols < n; cols++)
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
			snprintf(cell, sizeof(cell), "%s %d %s", words_day_short[gradus_date_weekday(d)],
				 d.d, words_month_short[d.m - 1]);
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

/* The first page, for the person: plain words only. */
static void text_cover(buf *b, const gradus_plan *pl)
{
	const gradus_profile *p = pl->profile;
	buf line = BUF_INIT;

	buf_printf(&line, "Strength plan for %s", p->name);
	flush_wrapped(b, "", &line);
	put_rule(b);
	buf_printf(b, "Start: ");
	put_date(b, pl->start);
	buf_printf(b, ". %d week%s, %d session%s a week.\n", pl->weeks_n,
		   pl->weeks_n == 1 ? "" : "s",
		   pl->sessions_per_week, pl->sessions_per_week > 1 ? "s" : "");
	if (pl->assessment.fall_risk_plus)
		text_wrapped(b, "", render_fall_risk_words);
	buf_puts(b, "\nHow hard: rate each set from 0 (rest) to 10 (the hardest you can do).\n");
	for (size_t i = 0; i < pl->n_why; i++) {
		render_plain(&line, pl->why[i].text);
		flush_wrapped(b, "  - ", &line);
	}
	buf_puts(b, "\nSafety:\n");
	for (size_t i = 0; i < pl->n_advice; i++) {
		render_plain(&line, pl->advice[i]);
		flush_wrapped(b, "  - ", &line);
	}
	if (pl->protein) {
		render_plain(&line, pl->protein);
		flush_wrapped(b, "  - ", &line);
	}
	put_stop(b, p);
}

/* What to do in a week's sessions (the first session of the week). */
static void text_session(buf *b, const gradus_plan *pl, const guide *g,
			 const gradus_week *wk)
{
	const gradus_session *s0 = &wk->sessions[0];
	bool shared = s0->n_items > 1;
	buf line = BUF_INIT;

	buf_putc(b, '\n');
	put_block(b, g, "Warm-up", s0->warmup_min, pl->warmup, pl->n_warmup);
	for (size_t i = 1; i < s0->n_items; i++)
		if (s0->items[i].effort_min != s0->items[0].effort_min ||
		    s0->items[i].effort_max != s0->items[0].effort_max)
			shared = false;
	if (shared) {
		buf_puts(&line, "Strength - effort for every exercise: ");
		render_put_effort(&line, s0->items[0].effort_min, s0->items[0].effort_max, "-");
		buf_puts(&line, ".");
		flush_wrapped(b, "", &line);
	} else
		buf_puts(b, "Strength:\n");
	if (render_put_pairs(&line, s0))
		flush_wrapped(b, "", &line);
	buf_free(&line);
	for (size_t i = 0; i < s0->n_items; i++)
		text_item(b, g, &s0->items[i], (int)i + 1, shared);
	if (s0->balance_min)
		put_block(b, g, "Balance", s0->balance_min, s0->balance, s0->n_balance);
	put_block(b, g, "Cool-down", s0->cooldown_min, pl->cooldown, pl->n_cooldown);
	if (wk->walking_min) {
		buf_printf(&line, "Walking: %d minutes on %d days this week; you may split it into shorter walks.",
			   wk->walking_min, pl->walking_days);
		flush_wrapped(b, "", &line);
	}
	put_record(b, wk);
}

static void text_week(buf *b, const gradus_plan *pl, const guide *g,
		      const gradus_week *wk)
{
	const gradus_profile *p = pl->profile;

	buf line = BUF_INIT;

	buf_puts(b, "\f\n");
	/* "NAME - week N of T - PHASE"; when that is wider than the page,
	 * the name (wrapped) on lines of its own and the week under it */
	buf_printf(&line, "%s - week %d of %d - %s%s", p->name, wk->number,
		   gradus_plan_last_week(pl), wk->phase,
		   wk->deload ? " (lighter week)" : "");
	if (line.ptr && utf8_width(line.ptr) > 80) {
		buf_free(&line);
		buf_printf(&line, "%s -", p->name);
		flush_wrapped(b, "", &line);
		buf_printf(&line, "week %d of %d - %s%s", wk->number,
			   gradus_plan_last_week(pl), wk->phase,
			   wk->deload ? " (lighter week)" : "");
	}
	flush_wrapped(b, "", &line);
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
	if (wk->n_sessions) {
		buf_printf(b, "\nEach session takes about %d minutes.\n", wk->sessions[0].minutes);
		text_session(b, pl, g, wk);
	} else
		buf_puts(b, "\nNo session day falls in this week.\n");
	put_stop(b, p);
}

/* "  - text [RULE: SOURCE]" */
static void text_why(buf *b, const char *prefix, const gradus_why *w)
{
	buf line = BUF_INIT;
	buf_printf(&line, "%s [%s: %s]", w->text, w->rule, w->source);
	flush_wrapped(b, prefix, &line);
}

/* The last page: what the person's pages leave out, with sources. */
static void text_therapist(buf *b, const gradus_plan *pl,
			   const gradus_render_options *o)
{
	const gradus_assessment *a = &pl->assessment;

	buf_printf(b, "\f\n%s\n", render_therapist_title);
	put_rule(b);
	text_wrapped(b, "", render_therapist_intro);
	buf_putc(b, '\n');
	text_wrapped(b, "Program: ", pl->template->name);
	buf_printf(b, "Starting level: %s%s%s\n", gradus_class_name(a->cls),
		   a->fall_risk_plus ? "+" : "",
		   a->from_mobility ? " (a careful guess: no SPPB score)" : "");
	for (size_t i = 0; i < a->n_notes; i++)
		text_wrapped(b, "  - ", a->notes[i]);
	buf_printf(b, "\nEffort: at most %d out of 10.\n", pl->effort_cap);
	for (size_t i = 0; i < pl->n_why; i++)
		text_why(b, "  - ", &pl->why[i]);
	buf_puts(b, "\nAdvice on the first page, with its sources:\n");
	for (size_t i = 0; i < pl->n_advice; i++)
		if (render_has_source(pl->advice[i]))
			text_wrapped(b, "  - ", pl->advice[i]);
	if (pl->protein)
		text_wrapped(b, "  - ", pl->protein);
	if (pl->n_warnings) {
		buf_puts(b, "\nNotes:\n");
		for (size_t i = 0; i < pl->n_warnings; i++)
			text_wrapped(b, "  - ", pl->warnings[i]);
	}
	if (o && o->n_therapist_why) {
		buf_printf(b, "\n%s:\n", render_therapist_more);
		for (size_t i = 0; i < o->n_therapist_why; i++)
			text_why(b, "  - ", &o->therapist_why[i]);
	}
	if (o && o->explain)
		for (size_t w = 0; w < pl->n_weeks; w++) {
			const gradus_week *wk = &pl->weeks[w];
			if (!wk->n_sessions)
				continue;
			buf_printf(b, "\nWhy, week %d:\n", wk->number);
			for (size_t i = 0; i < wk->sessions[0].n_items; i++) {
				const gradus_item *it = &wk->sessions[0].items[i];
				char num[32];
				snprintf(num, sizeof(num), "%2zu. ", i + 1);
				text_wrapped(b, num, it->exercise->name);
				for (size_t k = 0; k < it->n_why; k++)
					text_why(b, "      why: ", &it->why[k]);
			}
		}
	put_stop(b, pl->profile);
}

void render_plan_text(buf *b, const gradus_plan *pl,
		      const gradus_render_options *o)
{
	guide g;

	if (o && o->preface_text) {
		buf_puts(b, o->preface_text);
		buf_puts(b, "\f\n");
	}
	guide_make(&g, pl);
	text_cover(b, pl);
	guide_text_pages(b, pl, &g, 0);
	for (size_t w = 0; w < pl->n_weeks; w++) {
		if (w > 0)
			guide_text_pages(b, pl, &g, w);
		text_week(b, pl, &g, &pl->weeks[w]);
	}
	text_therapist(b, pl, o);
	if (g.failed)
		b->failed = true;
	guide_free(&g);
}

/* ---- The screening result and the rule table ---- */

#define WIDTH 80

static void next_steps(buf *b, const gradus_screening *s, const gradus_profile *p)
{
	buf t = BUF_INIT;
	words_next_step(&t, s, p);
	if (t.ptr)
		text_wrap(b, "  ", "  ", t.ptr, WIDTH);
	if (t.failed)
		b->failed = true;
	buf_free(&t);
}

void render_screening_text(buf *b, const gradus_screening *s,
			   const gradus_profile *p)
{
	char d[11];

	if (s->tier == GRADUS_TIER_EMERGENCY) {
		words_call_now(b, p);
		buf_puts(b, "\n\n");
	}
	{
		buf t = BUF_INIT;
		buf_printf(&t, "Screening for %s, %d", p->name ? p->name : "(no name)", p->age);
		if (gradus_date_is_set(s->as_of)) {
			gradus_date_format(s->as_of, d);
			buf_printf(&t, ", as of %s", d);
		}
		if (t.ptr)
			text_wrap(b, "", "", t.ptr, WIDTH);
		buf_free(&t);
	}
	buf_putc(b, '\n');
	{
		buf t = BUF_INIT;
		const char *more, *head = words_headline(s->tier, &more);
		buf_printf(&t, "Result: %s (%s, exit %d).", head,
			   gradus_tier_name(s->tier), gradus_tier_exit_code(s->tier));
		if (t.ptr)
			text_wrap(b, "", "  ", t.ptr, WIDTH);
		text_wrap(b, "  ", "  ", more, WIDTH);
		buf_free(&t);
	}
	buf_puts(b, "\nWhat we found:\n");
	if (s->n_findings == 0)
		buf_puts(b, "  Nothing that stops or changes the plan.\n");
	for (size_t i = 0; i < s->n_findings; i++) {
		const gradus_finding *f = &s->findings[i];
		buf t = BUF_INIT;
		text_wrap(b, "- ", "  ", f->rule->person, WIDTH);
		buf_printf(&t, "[%s, %s, %s]", f->rule->id, gradus_tier_name(f->rule->tier),
			   f->rule->source);
		if (f->detail)
			buf_printf(&t, " %s", f->detail);
		if (t.ptr)
			text_wrap(b, "  ", "    ", t.ptr, WIDTH);
		buf_free(&t);
	}
	if (s->tier <= GRADUS_TIER_PRECAUTIONS && s->precautions.effort_cap < 10) {
		buf t = BUF_INIT;
		buf_printf(&t, "Effort: at most %d out of 10 (%s).", s->precautions.effort_cap,
			   gradus_effort_words(s->precautions.effort_cap));
		buf_puts(b, "\nIn your plan:\n");
		if (t.ptr)
			text_wrap(b, "  ", "  ", t.ptr, WIDTH);
		buf_free(&t);
	}
	buf_puts(b, "\nWhat to do next:\n");
	next_steps(b, s, p);
	if (s->n_missing) {
		if (s->tier != GRADUS_TIER_INCOMPLETE)
			buf_puts(b, "  Also answer these questions with yes or no:\n");
		for (size_t i = 0; i < s->n_missing; i++) {
			buf t = BUF_INIT;
			buf_printf(&t, "%s (red_flags.%s)", gradus_red_flag_question(s->missing[i]),
				   gradus_red_flag_key(s->missing[i]));
			if (t.ptr)
				text_wrap(b, "  - ", "    ", t.ptr, WIDTH);
			buf_free(&t);
		}
	}
}

void render_rules_text(buf *b)
{
	buf_printf(b, "%-21s %-11s %s\n", "RULE", "TIER", "WHAT TRIGGERS IT [SOURCE]");
	size_t n_rules;
	const gradus_rule *rules = gradus_rules(&n_rules);
	for (size_t i = 0; i < n_rules; i++) {
		const gradus_rule *r = &rules[i];
		buf t = BUF_INIT, first = BUF_INIT;
		buf_printf(&first, "%-21s %-11s ", r->id, gradus_tier_name(r->tier));
		buf_printf(&t, "%s [%s]", r->summary, r->source);
		if (t.ptr && first.ptr)
			text_wrap(b, first.ptr, "                                  ", t.ptr, WIDTH);
		buf_free(&t);
		buf_free(&first);
	}
	buf_printf(b, "\n%zu rules. The highest tier wins: emergency (exit 14), urgent (13),\n"
		       "review (12), clearance (11), incomplete (10), precautions (0), proceed (0).\n"
		       "Source keys are explained in docs/sources.md; D marks our own conservative\n"
		       "choices, M advice that is commonly taught.\n",
		   n_rules);
}
