/* iCalendar renderer (RFC 5545): one all-day VEVENT per session, or, for
 * a gated profile, one VTODO "see a doctor before starting exercise".
 *
 * Choices, all for "same input, byte-identical output" (README):
 *  - UIDs are "<YYYYMMDD>-<session in week>-<hash>@gradus", the hash an
 *    FNV-1a of the profile name, the start date and the template id: a
 *    regenerated plan updates the same events in a calendar, and another
 *    name, template or start date gives other UIDs.
 *  - DTSTAMP is the plan start (the screening date when gated) at
 *    00:00:00 UTC, not the clock. RFC 5545 wants the time the object was
 *    made; gradus has no clock by design, and the start date is the one
 *    date the output is "as of".
 *  - Sessions are all-day events (DTSTART;VALUE=DATE, DTEND the next day,
 *    exclusive): the profile says which days, never at what time, and an
 *    invented time would need a time zone too. TRANSP:TRANSPARENT keeps a
 *    25-minute session from marking the whole day busy.
 *  - No METHOD property: RFC 5546 requires an ORGANIZER in a PUBLISH
 *    calendar, and gradus has none to name (libical's restriction check
 *    rejects PUBLISH without one). A plain RFC 5545 file is what calendar
 *    programs import.
 * Lines end in CRLF and are folded at 75 octets, never inside a UTF-8
 * character. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/formats.h"
#include "render/words.h"
#include "util/text.h"

#define PRODID "-//gradus//gradus 0.1.0//EN"

/* ---- content lines ---- */

/* Appends s[0..n) as content lines: CRLF, folded at 75 octets (a
 * continuation line is a space and at most 74 octets), never splitting a
 * UTF-8 sequence. */
static void put_folded(buf *b, const char *s, size_t n)
{
	size_t i = 0, max = 75;
	while (n - i > max) {
		size_t cut = i + max;
		while (cut > i && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
		if (cut == i) /* not UTF-8 after all: cut anywhere */
			cut = i + max;
		buf_put(b, s + i, cut - i);
		buf_puts(b, "\r\n ");
		i = cut;
		max = 74;
	}
	buf_put(b, s + i, n - i);
	buf_puts(b, "\r\n");
}

/* Emits the content line held by `line` and empties it. */
static void emit(buf *b, buf *line)
{
	if (line->failed)
		b->failed = true;
	else if (line->ptr)
		put_folded(b, line->ptr, line->len);
	buf_free(line);
}

/* A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma
 * escaped, a newline written \n; other control characters become a
 * space and bytes that are not UTF-8 become U+FFFD, so the file stays
 * valid whatever the input files hold. */
static void put_text(buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t m = utf8_valid_len(s + i, n - i);
		if (m == 0) {
			buf_puts(b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		if (m > 1) {
			buf_put(b, s + i, m);
			i += m;
			continue;
		}
		if (c == '\\' || c == ';' || c == ',') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\r' && s[i + 1] == '\n')
			; /* CRLF in the input: the \n that follows says it */
		else if (c < 0x20 || c == 0x7f)
			buf_putc(b, ' ');
		else
			buf_putc(b, (char)c);
		i++;
	}
}

/* NAME:escaped text */
static void text_prop(buf *b, const char *name, const char *text)
{
	buf line = BUF_INIT;
	buf_printf(&line, "%s:", name);
	put_text(&line, text);
	emit(b, &line);
}

static void plain_prop(buf *b, const char *name_and_value)
{
	buf line = BUF_INIT;
	buf_puts(&line, name_and_value);
	emit(b, &line);
}

static void date_prop(buf *b, const char *name, gradus_date d)
{
	buf line = BUF_INIT;
	buf_printf(&line, "%s;VALUE=DATE:%04d%02d%02d", name, d.y, d.m, d.d);
	emit(b, &line);
}

/* DTSTAMP at midnight UTC of `d` (1970-01-01 when unset). */
static void dtstamp(buf *b, gradus_date d)
{
	buf line = BUF_INIT;
	if (!gradus_date_is_set(d))
		d = gradus_date_from_days(0);
	buf_printf(&line, "DTSTAMP:%04d%02d%02dT000000Z", d.y, d.m, d.d);
	emit(b, &line);
}

static void calendar_begin(buf *b)
{
	plain_prop(b, "BEGIN:VCALENDAR");
	plain_prop(b, "VERSION:2.0");
	plain_prop(b, "PRODID:" PRODID);
	plain_prop(b, "CALSCALE:GREGORIAN");
}

/* ---- stable ids ---- */

static uint64_t fnv(uint64_t h, const char *s)
{
	/* length first, so ("ab","c") and ("a","bc") differ */
	size_t n = s ? strlen(s) : 0;
	for (size_t k = 0; k < sizeof(n); k++) {
		h ^= (unsigned char)(n >> (8 * k));
		h *= 0x100000001b3ULL;
	}
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t seed_hash(const char *name, gradus_date d, const char *what)
{
	char ds[11] = "";
	uint64_t h = 0xcbf29ce484222325ULL;
	if (gradus_date_is_set(d))
		gradus_date_format(d, ds);
	h = fnv(h, name);
	h = fnv(h, ds);
	return fnv(h, what);
}

/* ---- the dose in words (the same words as the text plan) ---- */

static void put_item(buf *b, const gradus_item *it, size_t n)
{
	buf_printf(b, "%zu. %s: ", n, it->exercise->name);
	render_put_dose(b, it);
	buf_puts(b, ".\n");
}

static void put_block(buf *b, const char *title, int minutes,
		      const gradus_exercise *const *ex, size_t n)
{
	buf_printf(b, "%s (%d min): ", title, minutes);
	if (n == 0)
		buf_puts(b, "gentle movement of your choice");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? "; " : "", ex[i]->name);
	buf_puts(b, ".\n");
}

static void put_description(buf *b, const gradus_plan *pl, const gradus_week *wk,
			    const gradus_session *s)
{
	buf t = BUF_INIT, line = BUF_INIT;
	char *text;

	buf_printf(&t, "Strength plan for %s: week %d of %d (%s%s), %s.\n",
		   pl->profile->name, wk->number, gradus_plan_last_week(pl), wk->phase,
		   wk->deload ? ", a lighter week" : "", words_day_long[s->weekday]);
	put_block(&t, "Warm-up", s->warmup_min, pl->warmup, pl->n_warmup);
	buf_puts(&t, "Strength:\n");
	for (size_t i = 0; i < s->n_items; i++)
		put_item(&t, &s->items[i], i + 1);
	if (s->balance_min)
		put_block(&t, "Balance", s->balance_min, s->balance, s->n_balance);
	put_block(&t, "Cool-down", s->cooldown_min, pl->cooldown, pl->n_cooldown);
	words_stop(&t, pl->profile);
	text = buf_detach(&t, NULL);
	if (!text) {
		b->failed = true;
		return;
	}
	buf_puts(&line, "DESCRIPTION:");
	put_text(&line, text);
	free(text);
	emit(b, &line);
}

void render_plan_ics(buf *b, const gradus_plan *pl)
{
	const gradus_profile *p = pl->profile;
	uint64_t h = seed_hash(p->name, pl->start, pl->template->id);

	calendar_begin(b);
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		for (size_t k = 0; k < wk->n_sessions; k++) {
			const gradus_session *s = &wk->sessions[k];
			gradus_date next = gradus_date_add(s->date, 1);
			buf line = BUF_INIT;

			plain_prop(b, "BEGIN:VEVENT");
			buf_printf(&line, "UID:%04d%02d%02d-%zu-%016llx@gradus", s->date.y,
				   s->date.m, s->date.d, k + 1, (unsigned long long)h);
			emit(b, &line);
			dtstamp(b, pl->start);
			date_prop(b, "DTSTART", s->date);
			date_prop(b, "DTEND", next);
			buf_printf(&line, "gradus week %d, session %zu: strength (about %d min)",
				   wk->number, k + 1, s->minutes);
			if (line.ptr)
				text_prop(b, "SUMMARY", line.ptr);
			else
				b->failed = true;
			buf_free(&line);
			put_description(b, pl, wk, s);
			plain_prop(b, "TRANSP:TRANSPARENT");
			plain_prop(b, "END:VEVENT");
		}
	}
	plain_prop(b, "END:VCALENDAR");
}

/* ---- gated: one VTODO ---- */

static const char *todo_summary(gradus_tier t)
{
	switch (t) {
	case GRADUS_TIER_INCOMPLETE:
		return "Answer the safety questions before starting exercise";
	case GRADUS_TIER_EMERGENCY:
		return "Get medical help now - do not start exercise";
	default:
		return "See a doctor before starting exercise";
	}
}

void render_screening_ics(buf *b, const gradus_screening *s,
			  const gradus_profile *p)
{
	uint64_t h = seed_hash(p->name, s->as_of, "screening");
	buf t = BUF_INIT, line = BUF_INIT;
	char *text;

	calendar_begin(b);
	plain_prop(b, "BEGIN:VTODO");
	buf_printf(&line, "UID:screening-%016llx@gradus", (unsigned long long)h);
	emit(b, &line);
	dtstamp(b, s->as_of);
	if (gradus_date_is_set(s->as_of))
		date_prop(b, "DUE", s->as_of);
	text_prop(b, "SUMMARY", todo_summary(s->tier));
	buf_printf(&line, "PRIORITY:%d", s->tier >= GRADUS_TIER_URGENT ? 1 : 5);
	emit(b, &line);
	plain_prop(b, "STATUS:NEEDS-ACTION");

	buf_printf(&t, "gradus made no exercise plan for %s. Safety screening: %s.\n",
		   p->name ? p->name : "you", gradus_tier_name(s->tier));
	words_next_step(&t, s, p);
	buf_puts(&t, "\nWhy:\n");
	for (size_t i = 0; i < s->n_findings; i++) {
		const gradus_finding *f = &s->findings[i];
		if (f->rule->tier > GRADUS_TIER_PRECAUTIONS)
			buf_printf(&t, "- %s\n", f->rule->person);
	}
	for (size_t i = 0; i < s->n_missing; i++)
		buf_printf(&t, "- Not answered: %s\n", gradus_red_flag_question(s->missing[i]));
	buf_puts(&t, "gradus does not diagnose: it checks your answers against fixed rules.");
	text = buf_detach(&t, NULL);
	if (text) {
		buf_puts(&line, "DESCRIPTION:");
		put_text(&line, text);
		free(text);
		emit(b, &line);
	} else
		b->failed = true;
	plain_prop(b, "END:VTODO");
	plain_prop(b, "END:VCALENDAR");
}
