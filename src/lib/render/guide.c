/* The exercise guide (guide.h): which exercises, in which order, under
 * which number; its words; its text pages. The HTML pages are drawn by
 * html.c from the same entries and words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/guide.h"
#include "render/words.h"
#include "util/text.h"

const char guide_steps_label[] = "How to do it";
const char guide_cues_label[] = "Tips";
const char guide_safety_label[] = "Take care";
const char guide_helper_label[] = "For the helper";
const char guide_easier_label[] = "Too hard? Try the easier version:";
const char guide_harder_label[] = "Too easy? Try the harder version:";
const char guide_harder_ask_label[] =
	"Too easy? Ask your therapist about the harder version:";
const char guide_moves_on[] = "Your plan moves you on when you are ready.";
const char guide_intro[] =
	"Each exercise of your plan, step by step. The week pages give each "
	"exercise its number here, like this: (guide 3).";
const char render_fall_risk_words[] =
	"You have a higher risk of falling. So every session has balance "
	"exercises, and you always have something sturdy to hold.";
const char render_therapist_title[] = "For your therapist";
const char render_therapist_more[] = "Changes from the review, with their rules";
const char render_therapist_intro[] =
	"The details behind this plan, with their sources. The pages before "
	"this one are for the person and their helper.";

/* Warm-up and cool-down: in every session of every week. */
static bool is_block(const gradus_plan *pl, const gradus_exercise *e)
{
	for (size_t i = 0; i < pl->n_warmup; i++)
		if (pl->warmup[i] == e)
			return true;
	for (size_t i = 0; i < pl->n_cooldown; i++)
		if (pl->cooldown[i] == e)
			return true;
	return false;
}

static void add(guide *g, const gradus_plan *pl, const gradus_exercise *e, size_t w)
{
	if (!e || guide_number(g, e))
		return;
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 32;
		guide_entry *v = realloc(g->v, cap * sizeof(*v));
		if (!v) {
			g->failed = true;
			return;
		}
		g->v = v;
		g->cap = cap;
	}
	g->v[g->n].ex = e;
	g->v[g->n].week = w;
	g->v[g->n].versions = gradus_plan_versions(pl, e);
	g->n++;
}

/* Does a week of `pl` use `e` (strength or balance)? */
static bool used_in(const gradus_plan *pl, const gradus_exercise *e)
{
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		for (size_t s = 0; s < wk->n_sessions; s++) {
			const gradus_session *se = &wk->sessions[s];
			for (size_t i = 0; i < se->n_items; i++)
				if (se->items[i].exercise == e)
					return true;
			for (size_t i = 0; se->balance_min && i < se->n_balance; i++)
				if (se->balance[i] == e)
					return true;
		}
	}
	return false;
}

/* In the order of a session: warm-up, strength, balance, cool-down; the
 * warm-up and cool-down are the same every week. A cut of the plan
 * (--week) is numbered as the whole plan is, so "(guide 7)" on a week
 * page is the same exercise whichever pages were printed: the entries are
 * made over the whole plan, then those the cut does not use are left out
 * and those that came in before it go in front. */
void guide_make(guide *g, const gradus_plan *pl)
{
	size_t off = pl->n_weeks ? (size_t)(pl->weeks[0].number - pl->first_week) : 0;
	size_t n_whole = pl->n_weeks ? off + pl->n_weeks : 0;
	const gradus_week *whole = pl->weeks - off;

	if (pl->n_weeks && pl->weeks_n > 0 && (size_t)pl->weeks_n > n_whole)
		n_whole = (size_t)pl->weeks_n;
	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < pl->n_warmup; i++)
		add(g, pl, pl->warmup[i], 0);
	for (size_t w = 0; w < n_whole; w++) {
		const gradus_week *wk = &whole[w];
		for (size_t s = 0; s < wk->n_sessions; s++)
			for (size_t i = 0; i < wk->sessions[s].n_items; i++)
				add(g, pl, wk->sessions[s].items[i].exercise, w);
		for (size_t s = 0; s < wk->n_sessions; s++)
			for (size_t i = 0; wk->sessions[s].balance_min &&
					   i < wk->sessions[s].n_balance; i++)
				add(g, pl, wk->sessions[s].balance[i], w);
		if (w == 0)
			for (size_t i = 0; i < pl->n_cooldown; i++)
				add(g, pl, pl->cooldown[i], 0);
	}
	if (n_whole == 0)
		for (size_t i = 0; i < pl->n_cooldown; i++)
			add(g, pl, pl->cooldown[i], 0);
	for (size_t i = 0; i < g->n; i++) {
		guide_entry *en = &g->v[i];
		if (en->week >= off && en->week < off + pl->n_weeks)
			en->week -= off;
		else if (en->week < off &&
			 (used_in(pl, en->ex) || is_block(pl, en->ex)))
			en->week = 0;
		else
			en->week = GUIDE_NOT_PRINTED;
	}
}

void guide_free(guide *g)
{
	free(g->v);
	memset(g, 0, sizeof(*g));
}

size_t guide_number(const guide *g, const gradus_exercise *e)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].ex == e)
			return i + 1;
	return 0;
}

size_t guide_count_at(const guide *g, size_t w)
{
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++)
		n += g->v[i].week == w;
	return n;
}

void guide_refs(buf *b, const guide *g, const gradus_exercise *const *ex, size_t n)
{
	if (!n)
		return;
	buf_puts(b, " (guide ");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%zu", i == 0 ? "" : i + 1 == n ? " and " : ", ",
			   guide_number(g, ex[i]));
	buf_puts(b, ")");
}

void guide_title(buf *b, const gradus_plan *pl, size_t w)
{
	if (w == 0)
		buf_puts(b, "How to do each exercise");
	else
		buf_printf(b, "How to do the new exercises of week %d", pl->weeks[w].number);
}

static void ladder_one(buf *b, const guide *g, const char *label,
		       const gradus_exercise *e)
{
	size_t n = guide_number(g, e);
	buf_printf(b, "%s %s", label, e->name);
	if (n)
		buf_printf(b, " (guide %zu)", n);
	buf_puts(b, ".");
}

void guide_ladder(buf *b, const guide *g, const gradus_exercise *e, bool harder)
{
	size_t n = guide_number(g, e);
	const gradus_versions *v = n ? g->v[n - 1].versions : NULL;

	if (!v) /* not in the plan: nothing is known safe to name */
		return;
	if (!harder && v->easier)
		ladder_one(b, g, guide_easier_label, v->easier);
	if (harder && v->harder) {
		ladder_one(b, g, v->harder_later ? guide_harder_label : guide_harder_ask_label,
			   v->harder);
		if (v->harder_later)
			buf_printf(b, " %s", guide_moves_on);
	}
}

/* "  Label:" then the lines, numbered (steps) or with dashes. */
static void text_list(buf *b, const char *label, const char *const *v, size_t n,
		      bool numbered)
{
	if (!n)
		return;
	buf_printf(b, "  %s:\n", label);
	for (size_t i = 0; i < n; i++) {
		char num[32];
		if (numbered)
			snprintf(num, sizeof(num), "  %2zu. ", i + 1);
		else
			snprintf(num, sizeof(num), "    - ");
		text_wrap(b, num, "      ", v[i], 80);
	}
}

void guide_text_entry(buf *b, const guide *g, const gradus_exercise *e)
{
	buf line = BUF_INIT;
	char num[32];

	snprintf(num, sizeof(num), "Guide %zu: ", guide_number(g, e));
	text_wrap(b, num, "    ", e->name, 80);
	text_list(b, guide_steps_label, e->steps, e->n_steps, true);
	text_list(b, guide_cues_label, e->cues, e->n_cues, false);
	text_list(b, guide_safety_label, e->safety, e->n_safety, false);
	text_list(b, guide_helper_label, e->caregiver, e->n_caregiver, false);
	for (int k = 0; k < 2; k++) {
		guide_ladder(&line, g, e, k == 1);
		if (line.ptr)
			text_wrap(b, "  ", "  ", line.ptr, 80);
		if (line.failed)
			b->failed = true;
		buf_free(&line);
	}
}

static size_t lines_in(const buf *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->len; i++)
		n += t->ptr[i] == '\n';
	return n;
}

/* The stop lines of every text page (as text.c prints them). */
static void text_stop(buf *b, const gradus_plan *pl)
{
	buf line = BUF_INIT;
	buf_putc(b, '\n');
	words_stop(&line, pl->profile);
	if (line.ptr)
		text_wrap(b, "", "", line.ptr, 80);
	if (line.failed)
		b->failed = true;
	buf_free(&line);
}

/* A page of at most 62 lines (A4 and Letter at 6 lines an inch): a new
 * page, headed "(continued)", when the next entry would not fit. */
#define PAGE_LINES 61 /* line breaks: 62 lines */

static size_t text_head(buf *b, const char *title, bool continued)
{
	buf_printf(b, "\f\n%s%s\n", title, continued ? " (continued)" : "");
	buf_puts(b, "--------------------------------------------------------------------------------\n");
	return 3;
}

void guide_text_pages(buf *b, const gradus_plan *pl, const guide *g, size_t w)
{
	buf title = BUF_INIT, stop = BUF_INIT;
	size_t used, stop_n;

	if (!guide_count_at(g, w))
		return;
	guide_title(&title, pl, w);
	text_stop(&stop, pl);
	stop_n = lines_in(&stop);
	used = text_head(b, title.ptr ? title.ptr : "", false);
	if (w == 0) {
		buf t = BUF_INIT;
		text_wrap(&t, "", "", guide_intro, 80);
		used += lines_in(&t);
		if (t.ptr)
			buf_put(b, t.ptr, t.len);
		if (t.failed)
			b->failed = true;
		buf_free(&t);
	}
	for (size_t i = 0; i < g->n; i++) {
		buf e = BUF_INIT;
		size_t n;
		if (g->v[i].week != w)
			continue;
		buf_putc(&e, '\n');
		guide_text_entry(&e, g, g->v[i].ex);
		n = lines_in(&e);
		if (used + n + stop_n > PAGE_LINES && used > 4) {
			if (stop.ptr)
				buf_put(b, stop.ptr, stop.len);
			used = text_head(b, title.ptr ? title.ptr : "", true);
		}
		if (e.ptr)
			buf_put(b, e.ptr, e.len);
		if (e.failed)
			b->failed = true;
		used += n;
		buf_free(&e);
	}
	if (stop.ptr)
		buf_put(b, stop.ptr, stop.len);
	if (title.failed || stop.failed)
		b->failed = true;
	buf_free(&title);
	buf_free(&stop);
}

/* ---- plain words ---- */

void render_plain(buf *b, const char *s)
{
	while (*s) {
		const char *open = strstr(s, " [");
		const char *close = open ? strchr(open, ']') : NULL;
		if (!close) {
			buf_puts(b, s);
			return;
		}
		buf_put(b, s, (size_t)(open - s));
		s = close + 1;
	}
}

bool render_has_source(const char *s)
{
	const char *open = strstr(s, " [");
	return open && strchr(open, ']');
}
