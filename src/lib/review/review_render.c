/* Review renderers: the progress summary (80-column text, and HTML with
 * inline SVG charts), the follow-up and pause pages, and the
 * gradus-review/1 JSON. The plan itself is rendered by the plan
 * renderers, with the summary as its preface. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include "gradus/review.h"
#include "util/util.h"
#include "render/formats.h"
#include "render/words.h"

#define WIDTH 80

/* "Tue 1 Dec 2026" */
static const char *long_date(gradus_date d, char buf[24])
{
	snprintf(buf, 24, "%s %d %s %d", words_day_short[gradus_date_weekday(d)], d.d,
		 words_month_short[d.m - 1], d.y);
	return buf;
}

/* "1 Dec 2026" */
static const char *short_date(gradus_date d, char buf[24])
{
	snprintf(buf, 24, "%d %s %d", d.d, words_month_short[d.m - 1], d.y);
	return buf;
}

/* "1 Dec" */
static const char *day_month(gradus_date d, char buf[24])
{
	snprintf(buf, 24, "%d %s", d.d, words_month_short[d.m - 1]);
	return buf;
}

static int percent(int done, int planned)
{
	return planned ? (int)((done * 100L + planned / 2) / planned) : 0;
}

/* Appends `s` in a cell of `cols` display columns: padded with blanks,
 * or cut to fit with a '.' at the end. */
static void put_cell(buf *b, const char *s, int cols)
{
	size_t c = cols > 0 ? (size_t)cols : 1, len, w;
	if (utf8_width(s) <= c) {
		text_pad(b, s, c);
		return;
	}
	len = utf8_fit(s, strlen(s), c - 1);
	buf_put(b, s, len);
	buf_putc(b, '.');
	for (w = utf8_width_n(s, len) + 1; w < c; w++)
		buf_putc(b, ' ');
}

static void trim_line(buf *b)
{
	while (b->len > 0 && b->ptr[b->len - 1] == ' ')
		b->len--;
	if (b->ptr)
		b->ptr[b->len] = '\0';
}

static void rule_line(buf *b, char c)
{
	for (int i = 0; i < WIDTH; i++)
		buf_putc(b, c);
	buf_putc(b, '\n');
}

/* ---- measures ---- */

typedef struct {
	const char *head;        /* column head (text table) */
	const char *name;        /* in sentences and chart titles */
	const char *unit;        /* "s", "kg", "m/s", "" */
	int digits;
	bool lower_better;
	double lo, hi;           /* fixed chart range, or lo > hi: from data */
} mkind;

static const mkind kinds[6] = {
	{"Chair x5", "5 chair stands (time)", "s", 1, true, 1, 0},
	{"Chair 30s", "Chair stands in 30 s", "", 0, false, 1, 0},
	{"Grip", "Grip strength", "kg", 1, false, 1, 0},
	{"Gait", "Walking speed", "m/s", 2, false, 1, 0},
	{"TUG", "Timed up and go", "s", 1, true, 1, 0},
	{"SPPB", "SPPB score (0 to 12)", "", 0, false, 0, 12},
};

static double mvalue(const gradus_measures *m, int k)
{
	switch (k) {
	case 0: return m->chair_stand_5x_s;
	case 1: return m->chair_stand_30s >= 0 ? m->chair_stand_30s : NAN;
	case 2: return m->grip_kg;
	case 3: return m->gait_speed_m_s;
	case 4: return m->tug_s;
	default: return m->sppb >= 0 ? m->sppb : NAN;
	}
}

static bool kind_used(const gradus_review *r, int k)
{
	for (size_t i = 0; i < r->n_measures; i++)
		if (!isnan(mvalue(&r->measures[i].values, k)))
			return true;
	return false;
}

static void mtext(char *buf, size_t n, const mkind *k, double v)
{
	snprintf(buf, n, "%.*f%s%s", k->digits, v, k->unit[0] ? " " : "", k->unit);
}

/* ---- doses ---- */

static const char *support_short(gradus_support s)
{
	switch (s) {
	case GRADUS_SUPPORT_TWO_HANDS: return "2h";
	case GRADUS_SUPPORT_ONE_HAND: return "1h";
	case GRADUS_SUPPORT_FINGERTIPS: return "tips";
	case GRADUS_SUPPORT_NONE: return "free";
	default: return NULL;
	}
}

/* A week the exercise was not in the plan (another version was, or it
 * was written in): said, not drawn as a week missed. */
static const char not_planned[] = "not planned";

/* "1x12 0.5kg 2h"; "-" when not done */
static void dose_cell(char *buf, size_t n, const gradus_review_dose *d)
{
	size_t at;
	if (d->sets == 0) {
		snprintf(buf, n, "%s", d->not_planned ? not_planned : "-");
		return;
	}
	snprintf(buf, n, "%dx%d", d->sets, d->reps_best);
	at = strlen(buf);
	if ((d->load.kind == GRADUS_LOAD_ANKLE_WEIGHT || d->load.kind == GRADUS_LOAD_DUMBBELL) && at < n)
		snprintf(buf + at, n - at, " %gkg", d->load.kg);
	else if (d->load.kind == GRADUS_LOAD_BAND && d->load.band >= 0 && at < n)
		snprintf(buf + at, n - at, " %s", gradus_band_name((gradus_band)d->load.band));
	else if (d->load.kind == GRADUS_LOAD_MACHINE && at < n)
		snprintf(buf + at, n - at, " step%d", d->load.machine_step);
	at = strlen(buf);
	if (support_short(d->support) && at < n)
		snprintf(buf + at, n - at, " %s", support_short(d->support));
}

static bool any_support(const gradus_review *r)
{
	for (size_t i = 0; i < r->n_history; i++)
		if (r->history[i].exercise->supported)
			return true;
	return false;
}

/* "none done; ill", "less than half; in hospital", "" */
static void week_note(char *buf, size_t n, const gradus_review_week *w)
{
	const char *parts[3];
	int k = 0;
	if (w->planned && w->done == 0)
		parts[k++] = "none done";
	else if (w->planned && w->done * 2 < w->planned)
		parts[k++] = "less than half";
	if (w->ill)
		parts[k++] = "ill";
	if (w->hospital)
		parts[k++] = "in hospital";
	snprintf(buf, n, "%s%s%s%s%s", k > 0 ? parts[0] : "", k > 1 ? "; " : "",
		 k > 1 ? parts[1] : "", k > 2 ? "; " : "", k > 2 ? parts[2] : "");
}

static void put_note(buf *b, bool html, bool *any, const char *text)
{
	if (!*any)
		buf_puts(b, html ? "<h2>Notes from the log</h2>\n<ul>\n" : "\nNotes from the log\n");
	*any = true;
	if (html)
		buf_htmlf(b, "<li>%s</li>\n", text);
	else
		text_wrap(b, "  - ", "    ", text, WIDTH);
}

/* The notes written in the log, in date order: "Mon 21 Dec: ...",
 * "Mon 21 Dec, Side leg lifts: ...", and each week's check-in notes
 * after its sessions ("Week 4: ..."). */
static void log_notes(buf *b, const gradus_review *r, bool html)
{
	const gradus_log *log = r->log;
	size_t wi = 0;
	bool any = false;
	buf t = BUF_INIT;

	for (size_t i = 0; i <= log->n_sessions; i++) {
		const gradus_log_session *s = i < log->n_sessions ? &log->sessions[i] : NULL;
		/* the check-ins of the weeks that ended before this session */
		for (; wi < log->n_weeks; wi++) {
			const gradus_log_week *w = &log->weeks[wi];
			long end = gradus_date_days(r->plan_start) + 7L * (w->week - r->first_week) + 6;
			if (s && end >= gradus_date_days(s->date))
				break;
			if (!w->notes)
				continue;
			buf_printf(&t, "Week %d: %s", w->week, w->notes);
			put_note(b, html, &any, t.ptr ? t.ptr : "");
			buf_free(&t);
		}
		if (!s)
			break;
		char when[24];
		snprintf(when, sizeof(when), "%s %d %s", words_day_short[gradus_date_weekday(s->date)],
			 s->date.d, words_month_short[s->date.m - 1]);
		if (s->notes) {
			buf_printf(&t, "%s: %s", when, s->notes);
			put_note(b, html, &any, t.ptr ? t.ptr : "");
			buf_free(&t);
		}
		for (size_t k = 0; k < s->n_entries; k++) {
			const gradus_log_entry *e = &s->entries[k];
			if (!e->notes)
				continue;
			buf_printf(&t, "%s, %s: %s", when, e->exercise ? e->exercise->name : e->id,
				   e->notes);
			put_note(b, html, &any, t.ptr ? t.ptr : "");
			buf_free(&t);
		}
	}
	if (any && html)
		buf_puts(b, "</ul>\n");
}

/* ---- text ---- */

/* "Progress review for ...", the log and the sessions done in all. */
static void text_head(buf *b, const gradus_review *r)
{
	char d1[24], d2[24];
	buf t = BUF_INIT;

	buf_printf(&t, "Progress review for %s", r->profile->name);
	text_wrap(b, "", "", t.ptr ? t.ptr : "", WIDTH);
	buf_free(&t);
	rule_line(b, '=');
	buf_printf(&t, "Session log: %s.", r->log->file);
	text_wrap(b, "", "", t.ptr ? t.ptr : "", WIDTH);
	buf_free(&t);
	if (r->n_weeks) {
		buf_printf(&t, "Logged: week%s %d%s%.0d, %s to %s. Sessions done: %d of %d (%d %%).",
			   r->n_weeks > 1 ? "s" : "", r->first_week,
			   r->n_weeks > 1 ? " to " : "", r->n_weeks > 1 ? r->last_week : 0,
			   long_date(r->weeks[0].start, d1),
			   long_date(r->weeks[r->n_weeks - 1].end, d2), r->done,
			   r->planned, percent(r->done, r->planned));
		text_wrap(b, "", "", t.ptr ? t.ptr : "", WIDTH);
		buf_free(&t);
	}
	if (r->not_counted)
		text_wrap(b, "", "", r->not_counted, WIDTH);
}

/* One line a week: its dates, the sessions done and planned, a note. */
static void text_weeks(buf *b, const gradus_review *r)
{
	char d1[24], d2[24];

	buf_puts(b, "\nSessions done each week\n");
	buf_puts(b, "  Week  Dates                    Done  Planned  Notes\n");
	for (size_t i = 0; i < r->n_weeks; i++) {
		const gradus_review_week *w = &r->weeks[i];
		char dates[64];
		snprintf(dates, sizeof(dates), "%s %s - %s %s",
			 words_day_short[gradus_date_weekday(w->start)], day_month(w->start, d1),
			 words_day_short[gradus_date_weekday(w->end)], day_month(w->end, d2));
		buf_printf(b, "  %4d  ", w->week);
		put_cell(b, dates, 23);
		char note[64];
		week_note(note, sizeof(note), w);
		buf_printf(b, "%5d  %7d  %s", w->done, w->planned, note);
		trim_line(b);
		buf_putc(b, '\n');
	}
}

/* Each exercise: what was done each week, three weeks to a line. */
static void text_history(buf *b, const gradus_review *r)
{
	bool missing = false;

	buf_puts(b, "\nWhat was done (sets x most reps, load, support; each week's last session)\n");
	for (size_t i = 0; i < r->n_history; i++) {
		text_wrap(b, "  ", "  ", r->history[i].exercise->name, WIDTH);
		for (size_t w = 0; w < r->n_weeks; w++) {
			char cell[64], dose[40];
			dose_cell(dose, sizeof(dose), &r->history[i].weeks[w]);
			missing |= r->history[i].weeks[w].sets == 0 && !r->history[i].weeks[w].not_planned;
			snprintf(cell, sizeof(cell), "Week %d: %s", r->weeks[w].week, dose);
			if (w % 3 == 0)
				buf_puts(b, "    ");
			put_cell(b, cell, 24);
			if (w % 3 == 2 || w + 1 == r->n_weeks) {
				trim_line(b);
				buf_putc(b, '\n');
			}
		}
	}
	if (any_support(r) || missing)
		text_wrap(b, "  ", "  ", any_support(r)
			? (missing ? "Support: 2h both hands, 1h one hand, tips fingertips, free no hands. -: not done that week."
				   : "Support: 2h both hands, 1h one hand, tips fingertips, free no hands.")
			: "-: not done that week.", WIDTH);
}

/* The test results: one line a date, one column a test done. */
static void text_measures(buf *b, const gradus_review *r)
{
	char d1[24];

	buf_puts(b, "\nTest results\n");
	buf_puts(b, "  Date          ");
	for (int k = 0; k < 6; k++)
		if (kind_used(r, k))
			put_cell(b, kinds[k].head, 10);
	trim_line(b);
	buf_putc(b, '\n');
	for (size_t i = 0; i < r->n_measures; i++) {
		const gradus_review_measure *m = &r->measures[i];
		char dc[32];
		snprintf(dc, sizeof(dc), "%s%s", gradus_date_is_set(m->values.date)
			 ? short_date(m->values.date, d1) : "(no date)",
			 m->from_profile ? "*" : "");
		buf_puts(b, "  ");
		put_cell(b, dc, 14);
		for (int k = 0; k < 6; k++) {
			char v[24];
			if (!kind_used(r, k))
				continue;
			if (isnan(mvalue(&m->values, k)))
				snprintf(v, sizeof(v), "-");
			else
				mtext(v, sizeof(v), &kinds[k], mvalue(&m->values, k));
			put_cell(b, v, 10);
		}
		trim_line(b);
		buf_putc(b, '\n');
	}
	if (r->n_measures && r->measures[0].from_profile)
		text_wrap(b, "  ", "  ", "*: the tests in the profile, before the plan.", WIDTH);
	text_wrap(b, "  ", "  ", "Chair x5 and TUG: seconds, lower is better. Chair 30s, grip, gait (walking speed) and SPPB: higher is better.", WIDTH);
}

/* Whether the person's pages show a change: notes are for the
 * therapist only, and when a plan follows, its therapist's page carries
 * every change with its rule and source (review_why). */
static bool person_change(const gradus_review *r, const gradus_adjustment *a)
{
	return r->outcome != GRADUS_REVIEW_PLAN || a->action != GRADUS_ADJ_NOTE;
}

/* The changes (with their rule and source on a doctor's page, where no
 * plan follows), and where the plan goes on. */
static void text_changes(buf *b, const gradus_review *r, bool with_changes)
{
	char d1[24];
	buf t = BUF_INIT;
	bool any = false;

	for (size_t i = 0; with_changes && i < r->n_adjustments; i++) {
		const gradus_adjustment *a = &r->adjustments[i];
		if (!person_change(r, a))
			continue;
		if (!any)
			buf_puts(b, "\nChanges for the next weeks\n");
		any = true;
		buf_printf(&t, "%s%s%s", a->exercise ? a->exercise->name : "",
			   a->exercise ? ": " : "", a->reason);
		if (r->outcome != GRADUS_REVIEW_PLAN)
			buf_printf(&t, " [%s: %s]", a->rule, a->source);
		text_wrap(b, "  - ", "    ", t.ptr ? t.ptr : "", WIDTH);
		buf_free(&t);
	}
	if (r->outcome == GRADUS_REVIEW_PLAN && r->plan) {
		buf_printf(&t, "The plan that follows goes on at week %d, from %s, for %d week%s.",
			   r->resume->week, long_date(r->start, d1), r->weeks_planned,
			   r->weeks_planned == 1 ? "" : "s");
		buf_putc(b, '\n');
		text_wrap(b, "", "", t.ptr ? t.ptr : "", WIDTH);
		buf_free(&t);
	}
}

/* The progress summary, 80 columns. */
static void text_summary(buf *b, const gradus_review *r, bool with_changes)
{
	text_head(b, r);
	text_weeks(b, r);
	log_notes(b, r, false);
	if (r->n_history && r->n_weeks)
		text_history(b, r);
	if (r->n_measures)
		text_measures(b, r);
	text_changes(b, r, with_changes);
}

static void text_stop(buf *b, const gradus_profile *p)
{
	buf t = BUF_INIT;
	words_stop(&t, p);
	buf_putc(b, '\n');
	text_wrap(b, "", "", t.ptr ? t.ptr : "", WIDTH);
	buf_free(&t);
}

/* What changed in the tests, one line per test with two results or
 * more: "5 chair stands (time): 17.2 s (20 Nov 2026), 17.9 s (26 Jan
 * 2027)". */
static void changes_lines(buf *b, const gradus_review *r, bool html)
{
	for (int k = 0; k < 6; k++) {
		buf t = BUF_INIT;
		int n = 0;
		for (size_t i = 0; i < r->n_measures; i++)
			n += !isnan(mvalue(&r->measures[i].values, k));
		if (n < 2)
			continue;
		buf_printf(&t, "%s: ", kinds[k].name);
		n = 0;
		for (size_t i = 0; i < r->n_measures; i++) {
			double v = mvalue(&r->measures[i].values, k);
			char vs[24], ds[24];
			if (isnan(v))
				continue;
			mtext(vs, sizeof(vs), &kinds[k], v);
			buf_printf(&t, "%s%s (%s)", n++ ? ", " : "", vs,
				   gradus_date_is_set(r->measures[i].values.date)
				   ? short_date(r->measures[i].values.date, ds) : "no date");
		}
		buf_printf(&t, "; %s is better.", kinds[k].lower_better ? "lower" : "higher");
		if (html)
			buf_htmlf(b, "<li>%s</li>\n", t.ptr ? t.ptr : "");
		else
			text_wrap(b, "  - ", "    ", t.ptr ? t.ptr : "", WIDTH);
		buf_free(&t);
	}
}

static const char *doctor_title(const gradus_review *r)
{
	return r->outcome == GRADUS_REVIEW_PAUSE ? "PAUSE THE EXERCISES: ASK YOUR DOCTOR WHEN TO START AGAIN"
						 : "SEE YOUR DOCTOR";
}

static const char *doctor_what_to_do(const gradus_review *r)
{
	if (r->outcome == GRADUS_REVIEW_PAUSE)
		return "Rest from the exercises for now and ask your doctor when it is safe to start again. When the doctor says yes, write their name and the date in the log, as clearance = { by = \"Dr ...\"; date = \"YYYY-MM-DD\"; }; and run the review again: the plan then restarts one level lower.";
	return "This is not an emergency, but do not wait: book an appointment with your doctor soon and take this page with you. Until a doctor has seen you, do not make the exercises harder. If the weakness gets worse quickly, or a warning sign in the box below appears, stop and call at once.";
}

static void text_doctor_page(buf *b, const gradus_review *r)
{
	const gradus_profile *p = r->profile;
	const gradus_screening *s = r->screening;
	char d1[24];
	buf t = BUF_INIT;

	text_wrap(b, "", "", doctor_title(r), WIDTH);
	rule_line(b, '=');
	buf_printf(&t, "%s for %s, %d, from the session log %s. Made by gradus; it is not a diagnosis. No new plan was made.",
		   r->outcome == GRADUS_REVIEW_PAUSE ? "Review" : "Follow-up", p->name, p->age,
		   r->log->file);
	text_wrap(b, "", "", t.ptr ? t.ptr : "", WIDTH);
	buf_free(&t);
	buf_putc(b, '\n');
	text_wrap(b, "  ", "  ", r->follow_up ? r->follow_up : "", WIDTH);
	buf_putc(b, '\n');
	text_wrap(b, "  ", "  ", doctor_what_to_do(r), WIDTH);

	buf_puts(b, "\nWhat was done\n");
	if (r->template) {
		buf_printf(&t, "Program: \"%s\", from %s.", r->template->name,
			   long_date(r->plan_start, d1));
		text_wrap(b, "  - ", "    ", t.ptr ? t.ptr : "", WIDTH);
		buf_free(&t);
	}
	buf_printf(&t, "Weeks %d to %d: %d of %d sessions done (%d %%); each week:",
		   r->first_week, r->last_week, r->done, r->planned,
		   percent(r->done, r->planned));
	for (size_t i = 0; i < r->n_weeks; i++)
		buf_printf(&t, "%s %d/%d", i ? "," : "", r->weeks[i].done, r->weeks[i].planned);
	buf_putc(&t, '.');
	text_wrap(b, "  - ", "    ", t.ptr ? t.ptr : "", WIDTH);
	buf_free(&t);
	for (size_t i = 0; i < r->n_weeks; i++)
		if (r->weeks[i].ill || r->weeks[i].hospital) {
			buf_printf(&t, "Week %d: %s.", r->weeks[i].week,
				   r->weeks[i].hospital ? "in hospital" : "ill");
			text_wrap(b, "  - ", "    ", t.ptr ? t.ptr : "", WIDTH);
			buf_free(&t);
		}
	if (r->n_history) {
		buf_puts(&t, "Exercises: ");
		for (size_t i = 0; i < r->n_history; i++)
			buf_printf(&t, "%s%s", i ? "; " : "", r->history[i].exercise->name);
		buf_putc(&t, '.');
		text_wrap(b, "  - ", "    ", t.ptr ? t.ptr : "", WIDTH);
		buf_free(&t);
	}

	buf_puts(b, "\nWhat changed\n");
	{
		size_t before = b->len;
		changes_lines(b, r, false);
		if (b->len == before)
			text_wrap(b, "  - ", "    ", "No test was done twice yet.", WIDTH);
	}

	buf_puts(b, r->outcome == GRADUS_REVIEW_PAUSE ? "\nWhy paused\n" : "\nWhy referred\n");
	for (size_t i = 0; s && i < s->n_findings; i++) {
		const gradus_finding *f = &s->findings[i];
		if (f->rule->tier <= GRADUS_TIER_PRECAUTIONS)
			continue;
		buf_printf(&t, "%s (%s; %s): %s", f->rule->id, gradus_tier_name(f->rule->tier),
			   f->rule->source, f->rule->clinician);
		text_wrap(b, "  - ", "    ", t.ptr ? t.ptr : "", WIDTH);
		buf_free(&t);
	}
	buf_putc(b, '\n');
	text_wrap(b, "", "", r->outcome == GRADUS_REVIEW_PAUSE
		? "For the doctor: the person was ill or in hospital during a home strength program and has paused it. gradus restarts it one level lower once you say it may restart."
		: "For the doctor: gradus compares the person's test results before and during a home strength program against a fixed rule (FU-NO-PROGRESS; 'gradus rules' prints the table). Muscle loss that goes on despite regular training needs a look for a cause other than disuse. gradus does not diagnose.",
		WIDTH);
	text_stop(b, p);
}

/* ---- HTML ---- */

static void html_stop(buf *b, const gradus_profile *p)
{
	words_stop_html(b, p);
}

/* One SVG line chart. Points are (x, y) with x in [0, 1]; every series
 * has its own marker shape and line style, and every point its value
 * written next to it, so nothing is told by colour. */
typedef struct {
	const char *label;       /* series name (escaped here) */
	double x[64], y[64];
	const char *ylab[64];    /* value text at each point; NULL: the number */
	int n;
} series;

static const char *const dashes[5] = {"", "8 4", "2 4", "10 4 2 4", "14 3"};

static void marker(buf *b, int shape, double x, double y)
{
	switch (shape % 5) {
	case 0:
		buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>", x, y);
		break;
	case 1:
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"#000\"/>", x - 5, y - 5);
		break;
	case 2:
		buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>",
			   x, y - 6, x + 6, y + 5, x - 6, y + 5);
		break;
	case 3:
		buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"#000\"/>",
			   x, y - 6, x + 6, y, x, y + 6, x - 6, y);
		break;
	default:
		buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"#000\" stroke-width=\"2.5\"/>",
			   x - 5, y - 5, x + 5, y + 5, x - 5, y + 5, x + 5, y - 5);
	}
}

typedef struct {
	const char *title;       /* escaped here */
	const char *y_unit;      /* axis label */
	double lo, hi;           /* y range */
	const char *const *ytick_text; /* NULL: numbers; else one text per
	                            whole number from lo to hi */
	int digits;
	const char *const *xlab; double *xpos; int n_x; /* x-axis labels */
} chart;

static void svg_chart(buf *b, const chart *ch, const series *ss, int n_series)
{
	const double W = 640, L = 70, R = n_series > 1 ? 470 : 600, T = 24, B = 180;
	const double H = 210 + (n_series > 1 ? 22.0 * n_series : 0);
	double span = ch->hi - ch->lo;

	if (span <= 0)
		span = 1;
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" role=\"img\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">\n",
		   W, H);
	buf_htmlf(b, "<title>%s</title>\n", ch->title);
	/* axes */
	buf_printf(b, "<path d=\"M%.0f %.0fV%.0fH%.0f\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\"/>\n",
		   L, T - 6, B, R + 10);
	buf_htmlf(b, "<text x=\"8\" y=\"14\">%s</text>\n", ch->y_unit);
	/* y ticks: bottom, middle, top (or every whole step with texts) */
	{
		int steps = ch->ytick_text ? (int)(ch->hi - ch->lo) : 2;
		for (int i = 0; i <= steps; i++) {
			double v = ch->lo + span * i / (steps ? steps : 1);
			double y = B - (v - ch->lo) / span * (B - T);
			char lab[32];
			if (ch->ytick_text)
				snprintf(lab, sizeof(lab), "%s", ch->ytick_text[i]);
			else
				snprintf(lab, sizeof(lab), "%.*f", ch->digits, v);
			buf_printf(b, "<path d=\"M%.0f %.1fH%.0f\" stroke=\"#000\" stroke-width=\"1\"/>", L - 5, y, L);
			buf_printf(b, "<path d=\"M%.0f %.1fH%.0f\" stroke=\"#000\" stroke-width=\"0.4\" stroke-dasharray=\"1 5\"/>", L, y, R);
			buf_htmlf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
				  (int)(L - 8), (int)(y + 4), lab);
		}
	}
	/* x labels */
	for (int i = 0; i < ch->n_x; i++) {
		double x = L + 15 + ch->xpos[i] * (R - L - 30);
		buf_printf(b, "<path d=\"M%.1f %.0fV%.0f\" stroke=\"#000\" stroke-width=\"1\"/>", x, B, B + 5);
		buf_htmlf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
			  (int)x, (int)(B + 20), ch->xlab[i]);
	}
	/* series */
	for (int s = 0; s < n_series; s++) {
		const series *se = &ss[s];
		if (se->n > 1) {
			buf_puts(b, "<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"2\"");
			if (dashes[s % 5][0])
				buf_printf(b, " stroke-dasharray=\"%s\"", dashes[s % 5]);
			buf_puts(b, " points=\"");
			for (int i = 0; i < se->n; i++)
				buf_printf(b, "%s%.1f,%.1f", i ? " " : "",
					   L + 15 + se->x[i] * (R - L - 30),
					   B - (se->y[i] - ch->lo) / span * (B - T));
			buf_puts(b, "\"/>\n");
		}
		for (int i = 0; i < se->n; i++) {
			double x = L + 15 + se->x[i] * (R - L - 30);
			double y = B - (se->y[i] - ch->lo) / span * (B - T);
			char lab[32];
			marker(b, s, x, y);
			/* the value is written where the line starts, ends or
			 * changes (a flat run is read from its ends) */
			if (i > 0 && i + 1 < se->n && se->y[i] == se->y[i - 1])
				continue;
			if (se->ylab[i])
				snprintf(lab, sizeof(lab), "%s", se->ylab[i]);
			else
				snprintf(lab, sizeof(lab), "%.*f", ch->digits, se->y[i]);
			buf_htmlf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n",
				  (int)(x + 7), (int)(y - 7 - 12 * (s % 2)), lab);
		}
	}
	/* legend: marker, line style and name */
	if (n_series > 1)
		for (int s = 0; s < n_series; s++) {
			double y = 215 + 22.0 * s;
			buf_printf(b, "<path d=\"M%.0f %.0fH%.0f\" stroke=\"#000\" stroke-width=\"2\"%s%s%s/>",
				   L, y, L + 50, dashes[s % 5][0] ? " stroke-dasharray=\"" : "",
				   dashes[s % 5], dashes[s % 5][0] ? "\"" : "");
			marker(b, s, L + 25, y);
			buf_htmlf(b, "<text x=\"%d\" y=\"%d\">%s</text>\n", (int)(L + 60),
				  (int)(y + 5), ss[s].label);
		}
	buf_puts(b, "</svg>\n");
}

static double nice_step(double x)
{
	double p = pow(10, floor(log10(x)));
	double m = x / p;
	return (m <= 1.0001 ? 1 : m <= 2.0001 ? 2 : m <= 5.0001 ? 5 : 10) * p;
}

/* A y range of two round steps (1, 2 or 5 times a power of ten, no
 * finer than the measure's digits) that holds [lo, hi] with room; the
 * chart writes three ticks: bottom, middle and top. */
static void nice_range(double *lo, double *hi, int digits)
{
	double vlo = *lo, vhi = *hi, span = vhi - vlo, unit = pow(10, -digits);
	double step;
	if (span <= 0)
		span = vhi > 0 ? vhi * 0.2 : 1;
	step = nice_step(span / 2);
	if (step < unit)
		step = unit;
	for (int i = 0; i < 20; i++) {
		*lo = floor((vlo - step * 0.2) / step) * step;
		if (*lo < 0)
			*lo = 0;
		*hi = *lo + 2 * step;
		if (*hi >= vhi + step * 0.2)
			break;
		step = nice_step(step * 1.5);
	}
}

static void html_measure_charts(buf *b, const gradus_review *r)
{
	long first = 0, last = 0;
	bool any = false;
	int drawn = 0;
	for (size_t i = 0; i < r->n_measures; i++)
		if (gradus_date_is_set(r->measures[i].values.date)) {
			long d = gradus_date_days(r->measures[i].values.date);
			if (!any || d < first)
				first = d;
			if (!any || d > last)
				last = d;
			any = true;
		}
	for (int k = 0; k < 6; k++) {
		series se;
		const char *xl[64];
		double xp[64];
		char labels[64][24];
		chart ch;
		double lo = INFINITY, hi = -INFINITY;
		char title[160];
		memset(&se, 0, sizeof(se));
		for (size_t i = 0; i < r->n_measures && se.n < 64; i++) {
			double v = mvalue(&r->measures[i].values, k);
			if (isnan(v) || !gradus_date_is_set(r->measures[i].values.date))
				continue;
			long d = gradus_date_days(r->measures[i].values.date);
			se.x[se.n] = last > first ? (double)(d - first) / (double)(last - first) : 0.5;
			se.y[se.n] = v;
			mtext(labels[se.n], sizeof(labels[se.n]), &kinds[k], v);
			se.ylab[se.n] = labels[se.n];
			xl[se.n] = NULL;
			xp[se.n] = se.x[se.n];
			if (v < lo)
				lo = v;
			if (v > hi)
				hi = v;
			se.n++;
		}
		if (se.n < 2)
			continue; /* one result: the table says it */
		drawn++;
		char xtexts[64][24];
		for (int i = 0; i < se.n; i++) {
			int j = 0;
			for (size_t m = 0; m < r->n_measures; m++) {
				double v = mvalue(&r->measures[m].values, k);
				if (isnan(v) || !gradus_date_is_set(r->measures[m].values.date))
					continue;
				if (j++ == i) {
					short_date(r->measures[m].values.date, xtexts[i]);
					break;
				}
			}
			xl[i] = xtexts[i];
		}
		if (kinds[k].lo <= kinds[k].hi) {
			lo = kinds[k].lo;
			hi = kinds[k].hi;
		} else
			nice_range(&lo, &hi, kinds[k].digits);
		snprintf(title, sizeof(title), "%s%s%s, %s is better", kinds[k].name,
			 kinds[k].unit[0] ? " in " : "", kinds[k].unit,
			 kinds[k].lower_better ? "lower" : "higher");
		ch.title = title;
		ch.y_unit = kinds[k].unit[0] ? kinds[k].unit : (k == 5 ? "points" : "stands");
		ch.lo = lo;
		ch.hi = hi;
		ch.ytick_text = NULL;
		ch.digits = kinds[k].digits;
		ch.xlab = xl;
		ch.xpos = xp;
		ch.n_x = se.n;
		se.label = kinds[k].name;
		buf_htmlf(b, "<figure class=\"chart\" style=\"margin: 6pt 0; break-inside: avoid; page-break-inside: avoid\">\n<figcaption><strong>%s</strong></figcaption>\n", title);
		svg_chart(b, &ch, &se, 1);
		buf_puts(b, "</figure>\n");
	}
	if (!drawn)
		buf_puts(b, "<p>A chart of each test appears here once it has been done twice.</p>\n");
}

/* Loads over the weeks: one chart for weights (kg), one for bands (the
 * band's colour written on the axis, as a word). */
static void html_load_charts(buf *b, const gradus_review *r)
{
	static const char *const band_words[GRADUS_BAND__COUNT] = {
		"yellow", "red", "green", "blue", "black", "silver", "gold"};
	bool drawn = false;
	for (int kind = 0; kind < 2; kind++) {
		series ss[5];
		int n = 0;
		double lo = INFINITY, hi = -INFINITY;
		char labels[5][64][24];
		const char *xl[64];
		double xp[64];
		char xt[64][16];
		int nx = (int)(r->n_weeks < 64 ? r->n_weeks : 64);
		memset(ss, 0, sizeof(ss));
		for (size_t i = 0; i < r->n_history && n < 5; i++) {
			const gradus_exercise *e = r->history[i].exercise;
			bool fits = kind == 0 ? (e->load == GRADUS_LOAD_ANKLE_WEIGHT || e->load == GRADUS_LOAD_DUMBBELL)
					      : e->load == GRADUS_LOAD_BAND;
			if (!fits)
				continue;
			series *se = &ss[n];
			se->label = e->name;
			for (int w = 0; w < nx; w++) {
				const gradus_review_dose *dd = &r->history[i].weeks[w];
				double v;
				if (dd->sets == 0)
					continue;
				v = kind == 0 ? dd->load.kg : dd->load.band;
				if (kind == 1 && dd->load.band < 0)
					continue;
				se->x[se->n] = nx > 1 ? (double)w / (nx - 1) : 0.5;
				se->y[se->n] = v;
				if (kind == 0)
					snprintf(labels[n][se->n], 24, "%g kg", v);
				else
					snprintf(labels[n][se->n], 24, "%s", band_words[dd->load.band]);
				se->ylab[se->n] = labels[n][se->n];
				if (v < lo)
					lo = v;
				if (v > hi)
					hi = v;
				se->n++;
			}
			if (se->n)
				n++;
		}
		if (!n)
			continue;
		for (int w = 0; w < nx; w++) {
			/* "Week 3", or just "3" when many weeks share the axis */
			snprintf(xt[w], sizeof(xt[w]), nx > 6 ? "%d" : "Week %d", r->weeks[w].week);
			xl[w] = xt[w];
			xp[w] = nx > 1 ? (double)w / (nx - 1) : 0.5;
		}
		chart ch;
		ch.title = kind == 0 ? (nx > 6 ? "Weights used each week (kg; program weeks along the bottom)" : "Weights used each week (kg)")
				     : (nx > 6 ? "Bands used each week (light to heavy; program weeks along the bottom)" : "Bands used each week (light to heavy)");
		ch.y_unit = kind == 0 ? "kg" : "band";
		ch.digits = 1;
		ch.xlab = xl;
		ch.xpos = xp;
		ch.n_x = nx;
		if (kind == 0) {
			ch.lo = 0;
			ch.hi = nice_step(hi > 0 ? hi * 0.6 : 0.5) * 2;
			ch.ytick_text = NULL;
		} else {
			ch.lo = lo > 0 ? lo - 1 : 0;
			ch.hi = hi < GRADUS_BAND__COUNT - 1 ? hi + 1 : hi;
			ch.ytick_text = band_words + (int)ch.lo;
		}
		buf_htmlf(b, "<figure class=\"chart\" style=\"margin: 6pt 0; break-inside: avoid; page-break-inside: avoid\">\n<figcaption><strong>%s</strong></figcaption>\n", ch.title);
		svg_chart(b, &ch, ss, n);
		buf_puts(b, "</figure>\n");
		drawn = true;
	}
	if (!drawn && r->n_history)
		buf_puts(b, "<p>No exercise in the log uses weights or bands: the table above shows the sets, reps and support of each week.</p>\n");
}

/* "Progress review for ...", the log and the sessions done in all. */
static void html_head(buf *b, const gradus_review *r)
{
	char d1[24], d2[24];

	buf_htmlf(b, "<h1>Progress review for %s</h1>\n", r->profile->name);
	buf_htmlf(b, "<p>Session log: %s.", r->log->file);
	if (r->n_weeks)
		buf_printf(b, " Logged: week%s %d%s%.0d, %s to %s. <strong>Sessions done: %d of %d (%d %%).</strong>",
			   r->n_weeks > 1 ? "s" : "", r->first_week,
			   r->n_weeks > 1 ? " to " : "", r->n_weeks > 1 ? r->last_week : 0,
			   long_date(r->weeks[0].start, d1),
			   long_date(r->weeks[r->n_weeks - 1].end, d2), r->done, r->planned,
			   percent(r->done, r->planned));
	buf_puts(b, "</p>\n");
	if (r->not_counted)
		buf_htmlf(b, "<p>%s</p>\n", r->not_counted);
}

/* One row a week: its dates, the sessions done and planned, a note. */
static void html_weeks(buf *b, const gradus_review *r)
{
	char d1[24], d2[24];

	buf_puts(b, "<h2>Sessions done each week</h2>\n<table class=\"scale\">\n<thead><tr><th>Week</th><th>Dates</th><th>Done</th><th>Planned</th><th>Notes</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->n_weeks; i++) {
		const gradus_review_week *w = &r->weeks[i];
		char note[64];
		week_note(note, sizeof(note), w);
		buf_printf(b, "<tr><td>%d</td><td>%s to %s</td><td>%d</td><td>%d</td><td>%s</td></tr>\n",
			   w->week, long_date(w->start, d1), long_date(w->end, d2), w->done, w->planned,
			   note);
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

/* "1 &#215; 12, 0.5 kg, both hands"; "&#8211;" when not done. */
static void html_dose_cell(buf *b, const gradus_review_dose *dd)
{
	char lw[40] = "";

	if (dd->sets == 0) {
		if (dd->not_planned)
			buf_printf(b, "<td>%s</td>", not_planned);
		else
			buf_puts(b, "<td>&#8211;</td>");
		return;
	}
	if (dd->load.kind == GRADUS_LOAD_ANKLE_WEIGHT || dd->load.kind == GRADUS_LOAD_DUMBBELL)
		snprintf(lw, sizeof(lw), ", %g kg", dd->load.kg);
	else if (dd->load.kind == GRADUS_LOAD_BAND && dd->load.band >= 0)
		snprintf(lw, sizeof(lw), ", %s band", gradus_band_name((gradus_band)dd->load.band));
	else if (dd->load.kind == GRADUS_LOAD_MACHINE)
		snprintf(lw, sizeof(lw), ", step %d", dd->load.machine_step);
	buf_printf(b, "<td>%d &#215; %d%s%s%s</td>", dd->sets, dd->reps_best, lw,
		   dd->support != GRADUS_SUPPORT_NA ? ", " : "",
		   dd->support == GRADUS_SUPPORT_TWO_HANDS ? "both hands"
		   : dd->support == GRADUS_SUPPORT_ONE_HAND ? "one hand"
		   : dd->support == GRADUS_SUPPORT_FINGERTIPS ? "fingertips"
		   : dd->support == GRADUS_SUPPORT_NONE ? "no hands" : "");
}

/* Each exercise: what was done each week, then the load charts. */
static void html_history(buf *b, const gradus_review *r)
{
	buf_puts(b, "<h2>What was done</h2>\n<p class=\"note\">Sets &#215; most reps, load and support, from the last session of each week; &#8220;&#8211;&#8221;: not done that week.</p>\n");
	buf_puts(b, "<table class=\"scale\">\n<thead><tr><th>Exercise</th>");
	for (size_t w = 0; w < r->n_weeks; w++)
		buf_printf(b, "<th>Week %d</th>", r->weeks[w].week);
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->n_history; i++) {
		buf_htmlf(b, "<tr><th>%s</th>", r->history[i].exercise->name);
		for (size_t w = 0; w < r->n_weeks; w++)
			html_dose_cell(b, &r->history[i].weeks[w]);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
	buf_puts(b, "<h2>Loads over the weeks</h2>\n");
	html_load_charts(b, r);
}

/* The test results: one row a test, one column a date; the charts. */
static void html_measures(buf *b, const gradus_review *r)
{
	char d1[24];

	buf_puts(b, "<h2>Test results</h2>\n<table class=\"scale\">\n<thead><tr><th>Test</th>");
	for (size_t i = 0; i < r->n_measures; i++) {
		const gradus_review_measure *m = &r->measures[i];
		buf_printf(b, "<th>%s%s</th>", gradus_date_is_set(m->values.date)
			   ? short_date(m->values.date, d1) : "no date",
			   m->from_profile ? "<br>(profile)" : "");
	}
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (int k = 0; k < 6; k++) {
		if (!kind_used(r, k))
			continue;
		buf_htmlf(b, "<tr><th>%s</th>", kinds[k].name);
		for (size_t i = 0; i < r->n_measures; i++) {
			double v = mvalue(&r->measures[i].values, k);
			char vs[24];
			if (isnan(v))
				buf_puts(b, "<td>&#8211;</td>");
			else {
				mtext(vs, sizeof(vs), &kinds[k], v);
				buf_htmlf(b, "<td>%s</td>", vs);
			}
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n<p class=\"note\">Lower is better for the 5 chair stands and the timed up and go (seconds); higher is better for the others.</p>\n");
	html_measure_charts(b, r);
}

/* The changes with their rule and source, and where the plan goes on. */
static void html_changes(buf *b, const gradus_review *r, bool with_changes)
{
	char d1[24];

	bool any = false;

	for (size_t i = 0; with_changes && i < r->n_adjustments; i++) {
		const gradus_adjustment *a = &r->adjustments[i];
		if (!person_change(r, a))
			continue;
		if (!any)
			buf_puts(b, "<h2>Changes for the next weeks</h2>\n<ul>\n");
		any = true;
		buf_puts(b, "<li>");
		if (a->exercise)
			buf_htmlf(b, "<strong>%s</strong>: ", a->exercise->name);
		buf_html(b, a->reason);
		if (r->outcome != GRADUS_REVIEW_PLAN)
			buf_htmlf(b, " <span class=\"small\">[%s: %s]</span>", a->rule, a->source);
		buf_puts(b, "</li>\n");
	}
	if (any)
		buf_puts(b, "</ul>\n");
	if (r->outcome == GRADUS_REVIEW_PLAN && r->plan)
		buf_printf(b, "<p>The plan that follows goes on at week %d, from %s, for %d week%s.</p>\n",
			   r->resume->week, long_date(r->start, d1), r->weeks_planned,
			   r->weeks_planned == 1 ? "" : "s");
}

/* The progress summary: a page of its own (after the doctor page), or
 * the plan document's preface. */
static void html_summary(buf *b, const gradus_review *r, bool with_changes,
			 bool standalone_page)
{
	/* as a preface, the plan's renderer puts it on a page of its own
	 * with the "Stop and call" box */
	if (standalone_page)
		buf_puts(b, "<section class=\"page review\" id=\"gradus-review-summary\">\n");
	else
		buf_puts(b, "<div class=\"review\" id=\"gradus-review-summary\">\n");
	html_head(b, r);
	html_weeks(b, r);
	log_notes(b, r, true);
	if (r->n_history && r->n_weeks)
		html_history(b, r);
	if (r->n_measures)
		html_measures(b, r);
	html_changes(b, r, with_changes);
	if (standalone_page) {
		html_stop(b, r->profile);
		buf_puts(b, "</section>\n");
	} else
		buf_puts(b, "</div>\n");
}

/* The follow-up and pause pages: a document of their own. */
static const char doc_css[] =
	"@page { margin: 12mm; }\n"
	"* { box-sizing: border-box; }\n"
	"body { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; font-size: 11pt;\n"
	"  line-height: 1.3; color: #000; background: #fff; margin: 0; }\n"
	"@media screen { body { max-width: 200mm; margin: 0 auto; padding: 6mm; }\n"
	"  .page + .page { border-top: 2px dashed #000; margin-top: 8mm; padding-top: 6mm; } }\n"
	".page + .page { break-before: page; page-break-before: always; }\n"
	".banner { font-size: 22pt; font-weight: bold; border: 4pt solid #000; padding: 4pt 10pt; margin: 0 0 8pt 0; }\n"
	"h1 { font-size: 16pt; margin: 0 0 4pt 0; }\n"
	"h2 { font-size: 12.5pt; margin: 9pt 0 3pt 0; border-bottom: 1.5pt solid #000; }\n"
	"p { margin: 3pt 0; }\n"
	"ul { margin: 2pt 0; padding-left: 16pt; }\n"
	"li { margin: 2pt 0; }\n"
	".note, .small { font-size: 9pt; }\n"
	".scale { border-collapse: collapse; margin: 4pt 0; }\n"
	".scale th, .scale td { border: 1pt solid #000; padding: 2pt 5pt; text-align: left; vertical-align: top; }\n"
	".chart { margin: 6pt 0; break-inside: avoid; page-break-inside: avoid; }\n"
	".chart figcaption { font-weight: bold; }\n"
	".stop { border: 3pt solid #000; padding: 3pt 8pt; margin-top: 8pt; break-inside: avoid; page-break-inside: avoid; }\n"
	".stop .call { font-weight: bold; font-size: 1.2em; text-transform: uppercase; }\n";

static void html_doctor_doc(buf *b, const gradus_review *r)
{
	const gradus_profile *p = r->profile;
	const gradus_screening *s = r->screening;
	char d1[24];

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
	buf_htmlf(b, "<title>%s: %s</title>\n", r->outcome == GRADUS_REVIEW_PAUSE
		  ? "Pause" : "Follow-up", p->name);
	buf_printf(b, "<style>\n%s</style>\n</head>\n<body>\n<main>\n", doc_css);
	buf_puts(b, "<section class=\"page follow-up\">\n");
	buf_htmlf(b, "<p class=\"banner\">%s</p>\n", doctor_title(r));
	buf_htmlf(b, "<h1>%s for %s, %d</h1>\n", r->outcome == GRADUS_REVIEW_PAUSE
		  ? "Review" : "Follow-up", p->name, p->age);
	buf_htmlf(b, "<p>From the session log %s. Made by gradus; it is not a diagnosis. No new plan was made.</p>\n",
		  r->log->file);
	buf_htmlf(b, "<p><strong>%s</strong></p>\n", r->follow_up ? r->follow_up : "");
	buf_htmlf(b, "<p>%s</p>\n", doctor_what_to_do(r));
	buf_puts(b, "<h2>What was done</h2>\n<ul>\n");
	if (r->template)
		buf_htmlf(b, "<li>Program: &#8220;%s&#8221;, from %s.</li>\n", r->template->name,
			  long_date(r->plan_start, d1));
	buf_printf(b, "<li>Weeks %d to %d: %d of %d sessions done (%d %%).</li>\n",
		   r->first_week, r->last_week, r->done, r->planned,
		   percent(r->done, r->planned));
	for (size_t i = 0; i < r->n_weeks; i++)
		if (r->weeks[i].ill || r->weeks[i].hospital)
			buf_printf(b, "<li>Week %d: %s.</li>\n", r->weeks[i].week,
				   r->weeks[i].hospital ? "in hospital" : "ill");
	buf_puts(b, "</ul>\n<h2>What changed</h2>\n<ul>\n");
	{
		size_t before = b->len;
		changes_lines(b, r, true);
		if (b->len == before)
			buf_puts(b, "<li>No test was done twice yet.</li>\n");
	}
	buf_htmlf(b, "</ul>\n<h2>%s</h2>\n<ul>\n", r->outcome == GRADUS_REVIEW_PAUSE
		  ? "Why paused" : "Why referred");
	for (size_t i = 0; s && i < s->n_findings; i++) {
		const gradus_finding *f = &s->findings[i];
		if (f->rule->tier <= GRADUS_TIER_PRECAUTIONS)
			continue;
		buf_htmlf(b, "<li>%s (%s; %s): %s</li>\n", f->rule->id,
			  gradus_tier_name(f->rule->tier), f->rule->source, f->rule->clinician);
	}
	buf_puts(b, "</ul>\n");
	buf_htmlf(b, "<p class=\"note\">%s</p>\n", r->outcome == GRADUS_REVIEW_PAUSE
		  ? "For the doctor: the person was ill or in hospital during a home strength program and has paused it. gradus restarts it one level lower once you say it may restart."
		  : "For the doctor: gradus compares the person's test results before and during a home strength program against a fixed rule (FU-NO-PROGRESS; 'gradus rules' prints the table). Muscle loss that goes on despite regular training needs a look for a cause other than disuse. gradus does not diagnose.");
	html_stop(b, p);
	buf_puts(b, "</section>\n");
	html_summary(b, r, true, true);
	buf_puts(b, "</main>\n</body>\n</html>\n");
}

/* ---- JSON ---- */

static cJSON *date_json(gradus_date d)
{
	char s[11];
	if (!gradus_date_is_set(d))
		return cJSON_CreateNull();
	gradus_date_format(d, s);
	return cJSON_CreateString(s);
}

static cJSON *num_or_null(double v, int digits)
{
	double k = pow(10, digits);
	return isnan(v) ? cJSON_CreateNull() : cJSON_CreateNumber(round(v * k) / k);
}

static bool add(cJSON *o, const char *k, cJSON *v)
{
	if (!v)
		return false;
	if (!cJSON_AddItemToObject(o, k, v)) {
		cJSON_Delete(v);
		return false;
	}
	return true;
}

static bool push(cJSON *a, cJSON *v)
{
	if (!v)
		return false;
	if (!cJSON_AddItemToArray(a, v)) {
		cJSON_Delete(v);
		return false;
	}
	return true;
}

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *load_json(const gradus_load *l)
{
	cJSON *o = cJSON_CreateObject();
	bool w = l->kind == GRADUS_LOAD_ANKLE_WEIGHT || l->kind == GRADUS_LOAD_DUMBBELL;
	bool ok = o != NULL;
	ok = ok && add(o, "kind", cJSON_CreateString(gradus_load_name(l->kind)));
	ok = ok && add(o, "value", w ? cJSON_CreateNumber(round(l->kg * 100) / 100) : cJSON_CreateNull());
	ok = ok && add(o, "unit", w ? cJSON_CreateString("kg") : cJSON_CreateNull());
	ok = ok && add(o, "band", l->kind == GRADUS_LOAD_BAND && l->band >= 0
		       ? cJSON_CreateString(gradus_band_name((gradus_band)l->band)) : cJSON_CreateNull());
	ok = ok && add(o, "machine_step", l->kind == GRADUS_LOAD_MACHINE
		       ? cJSON_CreateNumber(l->machine_step) : cJSON_CreateNull());
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* "adjustments": one object a change, exercise null for the whole plan. */
static bool json_adjustments(cJSON *o, const gradus_review *r)
{
	cJSON *a, *x;
	bool ok = add(o, "adjustments", a = cJSON_CreateArray());
	for (size_t i = 0; ok && i < r->n_adjustments; i++) {
		const gradus_adjustment *ad = &r->adjustments[i];
		ok = push(a, x = cJSON_CreateObject());
		ok = ok && add(x, "exercise", str_or_null(ad->exercise_id));
		ok = ok && add(x, "action", cJSON_CreateString(gradus_adjust_action_name(ad->action)));
		ok = ok && add(x, "rule", cJSON_CreateString(ad->rule));
		ok = ok && add(x, "reason", cJSON_CreateString(ad->reason));
		ok = ok && add(x, "source", cJSON_CreateString(ad->source));
	}
	return ok;
}

/* "adherence": one object a week; "adherence_total". */
static bool json_adherence(cJSON *o, const gradus_review *r)
{
	cJSON *a, *x;
	bool ok = add(o, "adherence", a = cJSON_CreateArray());
	for (size_t i = 0; ok && i < r->n_weeks; i++) {
		const gradus_review_week *w = &r->weeks[i];
		ok = push(a, x = cJSON_CreateObject());
		ok = ok && add(x, "week", cJSON_CreateNumber(w->week));
		ok = ok && add(x, "start", date_json(w->start));
		ok = ok && add(x, "end", date_json(w->end));
		ok = ok && add(x, "planned", cJSON_CreateNumber(w->planned));
		ok = ok && add(x, "done", cJSON_CreateNumber(w->done));
		ok = ok && add(x, "ill", cJSON_CreateBool(w->ill));
		ok = ok && add(x, "hospital", cJSON_CreateBool(w->hospital));
		ok = ok && add(x, "checked", cJSON_CreateBool(w->checked));
	}
	ok = ok && add(o, "adherence_total", x = cJSON_CreateObject());
	ok = ok && add(x, "done", cJSON_CreateNumber(r->done));
	ok = ok && add(x, "planned", cJSON_CreateNumber(r->planned));
	ok = ok && add(x, "percent", cJSON_CreateNumber(percent(r->done, r->planned)));
	return ok;
}

/* "measures": one object a date, each test or null. */
static bool json_measures(cJSON *o, const gradus_review *r)
{
	static const char *const mkeys[6] = {"chair_stand_5x_s", "chair_stand_30s", "grip_kg",
					     "gait_speed_m_s", "tug_s", "sppb"};
	cJSON *a, *x;
	bool ok = add(o, "measures", a = cJSON_CreateArray());
	for (size_t i = 0; ok && i < r->n_measures; i++) {
		const gradus_review_measure *m = &r->measures[i];
		ok = push(a, x = cJSON_CreateObject());
		ok = ok && add(x, "date", date_json(m->values.date));
		ok = ok && add(x, "from", cJSON_CreateString(m->from_profile ? "profile" : "log"));
		for (int k = 0; ok && k < 6; k++)
			ok = add(x, mkeys[k], num_or_null(mvalue(&m->values, k), 2));
	}
	return ok;
}

/* "loads": per exercise, one entry a week or null. */
static bool json_loads(cJSON *o, const gradus_review *r)
{
	cJSON *a, *x;
	bool ok = add(o, "loads", a = cJSON_CreateArray());
	for (size_t i = 0; ok && i < r->n_history; i++) {
		cJSON *ws;
		ok = push(a, x = cJSON_CreateObject());
		ok = ok && add(x, "exercise", cJSON_CreateString(r->history[i].exercise->id));
		ok = ok && add(x, "weeks", ws = cJSON_CreateArray());
		for (size_t w = 0; ok && w < r->n_weeks; w++) {
			const gradus_review_dose *dd = &r->history[i].weeks[w];
			cJSON *y;
			if (dd->sets == 0) {
				ok = push(ws, cJSON_CreateNull());
				continue;
			}
			ok = push(ws, y = cJSON_CreateObject());
			ok = ok && add(y, "week", cJSON_CreateNumber(r->weeks[w].week));
			ok = ok && add(y, "sets", cJSON_CreateNumber(dd->sets));
			ok = ok && add(y, "reps", cJSON_CreateNumber(dd->reps_best));
			ok = ok && add(y, "load", load_json(&dd->load));
			ok = ok && add(y, "support", dd->support == GRADUS_SUPPORT_NA ? cJSON_CreateNull()
				       : cJSON_CreateString(gradus_support_name(dd->support)));
		}
	}
	return ok;
}

/* "next": the resume given to the generator, or null. */
static bool json_next(cJSON *o, const gradus_review *r)
{
	cJSON *a, *x;
	bool ok;
	if (r->outcome != GRADUS_REVIEW_PLAN || !r->resume)
		return add(o, "next", cJSON_CreateNull());
	ok = add(o, "next", x = cJSON_CreateObject());
	ok = ok && add(x, "week", cJSON_CreateNumber(r->resume->week));
	ok = ok && add(x, "start", date_json(r->start));
	ok = ok && add(x, "weeks", cJSON_CreateNumber(r->weeks_planned));
	ok = ok && add(x, "items", a = cJSON_CreateArray());
	for (size_t i = 0; ok && i < r->resume->n_items; i++) {
		const gradus_resume_item *it = &r->resume->items[i];
		cJSON *y;
		ok = push(a, y = cJSON_CreateObject());
		ok = ok && add(y, "exercise", cJSON_CreateString(it->exercise_id));
		ok = ok && add(y, "sets", cJSON_CreateNumber(it->sets));
		ok = ok && add(y, "reps_min", cJSON_CreateNumber(it->reps_min));
		ok = ok && add(y, "support", it->support == GRADUS_SUPPORT_NA ? cJSON_CreateNull()
			       : cJSON_CreateString(gradus_support_name(it->support)));
		ok = ok && add(y, "load_kg", it->load_kg > 0 ? cJSON_CreateNumber(round(it->load_kg * 100) / 100)
			       : cJSON_CreateNull());
		ok = ok && add(y, "band", it->band >= 0 ? cJSON_CreateString(gradus_band_name((gradus_band)it->band))
			       : cJSON_CreateNull());
		ok = ok && add(y, "advance", cJSON_CreateBool(it->advance));
		ok = ok && add(y, "why", str_or_null(it->why));
	}
	return ok;
}

/* The gradus-review/1 object. */
/* "not_counted": what the log left blank (only when it left any):
 * {"text": plain words, "items": [{"what": "session"|"exercise"|
 * "check_in", "date"|"week", "exercise"}]}. */
static bool json_not_counted(cJSON *o, const gradus_review *r)
{
	static const char *const what[] = {"session", "exercise", "check_in"};
	cJSON *x = cJSON_CreateObject(), *items = cJSON_CreateArray();
	bool ok = x && items;

	for (size_t i = 0; ok && i < r->log->n_skipped; i++) {
		const gradus_log_skip *k = &r->log->skipped[i];
		cJSON *it = cJSON_CreateObject();
		bool good = it && add(it, "what", cJSON_CreateString(what[k->kind]));
		if (k->kind == GRADUS_SKIP_WEEK)
			good = good && add(it, "week", cJSON_CreateNumber(k->week));
		else
			good = good && add(it, "date", date_json(k->date));
		if (k->kind == GRADUS_SKIP_ENTRY)
			good = good && add(it, "exercise", cJSON_CreateString(k->id));
		if (!good)
			cJSON_Delete(it);
		ok = good && push(items, it);
	}
	if (!ok || !add(x, "text", str_or_null(r->not_counted))) {
		cJSON_Delete(items);
		cJSON_Delete(x);
		return false;
	}
	if (!add(x, "items", items)) {
		cJSON_Delete(x);
		return false;
	}
	return add(o, "not_counted", x);
}

/* The plan object as the plan document has it, laid out for its place
 * here (a member of the outermost object, printed by cJSON_Print), as
 * a raw item: the streaming writer's bytes, no tree built. */
static cJSON *plan_raw(const gradus_plan *pl)
{
	buf b = BUF_INIT;
	cJSON *raw = NULL;
	if (render_plan_json(&b, pl, true, 1) && b.ptr)
		raw = cJSON_CreateRaw(b.ptr);
	buf_free(&b);
	return raw;
}

static cJSON *review_json(const gradus_review *r)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;

	ok = ok && add(o, "format", cJSON_CreateString("gradus-review/1"));
	ok = ok && add(o, "outcome", cJSON_CreateString(gradus_review_outcome_name(r->outcome)));
	ok = ok && add(o, "tier", cJSON_CreateString(gradus_tier_name(r->tier)));
	ok = ok && add(o, "exit_code", cJSON_CreateNumber(gradus_tier_exit_code(r->tier)));
	ok = ok && add(o, "log", cJSON_CreateString(r->log->file));
	ok = ok && add(o, "person", cJSON_CreateString(r->profile->name));
	ok = ok && add(o, "plan_start", date_json(r->plan_start));
	ok = ok && add(o, "first_week", cJSON_CreateNumber(r->first_week));
	ok = ok && add(o, "last_week", cJSON_CreateNumber(r->last_week));
	ok = ok && add(o, "new_red_flag_week", r->new_red_flag_week
		       ? cJSON_CreateNumber(r->new_red_flag_week) : cJSON_CreateNull());
	ok = ok && json_adjustments(o, r);
	ok = ok && json_adherence(o, r);
	ok = ok && json_measures(o, r);
	ok = ok && json_loads(o, r);
	ok = ok && add(o, "follow_up", str_or_null(r->follow_up));
	if (r->log->n_skipped)
		ok = ok && json_not_counted(o, r);
	ok = ok && json_next(o, r);
	/* the screening and plan objects from their builders, as the
	 * screening and plan JSON documents are made */
	if (ok && r->outcome != GRADUS_REVIEW_PLAN)
		ok = add(o, "screening", render_screening_json(r->screening));
	ok = ok && add(o, "plan", r->plan ? plan_raw(r->plan) : cJSON_CreateNull());
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* ---- dispatch ---- */

static int finish(char **out, size_t *len, buf *b)
{
	size_t n = 0;
	*out = buf_detach(b, &n);
	if (len)
		*len = n;
	return *out ? GRADUS_OK : GRADUS_ENOMEM;
}

/* A gated review: what `gradus plan` prints for a gated profile. */
static int render_gated(char **out, size_t *len, const gradus_review *r,
			gradus_plan_format f)
{
	static const gradus_screen_format sf[] = {
		GRADUS_SCREEN_TEXT, GRADUS_SCREEN_JSON, GRADUS_SCREEN_HTML,
		GRADUS_SCREEN_FHIR, GRADUS_SCREEN_ICS, GRADUS_SCREEN_FHIR_TRANSACTION};
	buf b = BUF_INIT;
	char *t = NULL, *ref = NULL;
	int rc = gradus_screening_render(&t, r->screening, r->profile, sf[f]);
	if (rc != GRADUS_OK)
		return rc;
	if (f == GRADUS_PLAN_TEXT) {
		buf h = BUF_INIT;
		if (r->new_red_flag_week)
			buf_printf(&h, "Review of the session log %s: a warning sign was answered yes in week %d. No new plan is made.",
				   r->log->file, r->new_red_flag_week);
		else if (r->blank_check_in_week && r->tier == GRADUS_TIER_INCOMPLETE)
			buf_printf(&h, "Review of the session log %s: warning-sign questions of week %d are left blank, and a blank is never a no. Write true or false for each in the log, then review again. No new plan is made.",
				   r->log->file, r->blank_check_in_week);
		else
			buf_printf(&h, "Review of the session log %s: screening stops the plan. No new plan is made.",
				   r->log->file);
		text_wrap(&b, "", "", h.ptr ? h.ptr : "", WIDTH);
		buf_free(&h);
		buf_putc(&b, '\n');
		buf_puts(&b, t);
		if (r->tier >= GRADUS_TIER_REVIEW &&
		    gradus_referral_render(&ref, r->screening, r->profile,
					   GRADUS_REFERRAL_TEXT) == GRADUS_OK) {
			buf_puts(&b, "\f\n");
			buf_puts(&b, ref);
		}
	} else
		buf_puts(&b, t);
	free(t);
	free(ref);
	return finish(out, len, &b);
}

/* The changes of the review for the plan's therapist's page, each with
 * its rule and source: the exercise and what changed ("progress",
 * "easier", ...), or in full a note (not on the person's pages) and a
 * change of the whole plan. */
typedef struct {
	gradus_why *why;
	char **text;
	size_t n;
} review_whys;

static void review_whys_free(review_whys *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->text[i]);
	free(w->text);
	free(w->why);
}

static int review_whys_make(review_whys *w, const gradus_review *r)
{
	memset(w, 0, sizeof(*w));
	if (!r->n_adjustments)
		return GRADUS_OK;
	w->why = calloc(r->n_adjustments, sizeof(*w->why));
	w->text = calloc(r->n_adjustments, sizeof(*w->text));
	if (!w->why || !w->text) {
		review_whys_free(w);
		return GRADUS_ENOMEM;
	}
	for (size_t i = 0; i < r->n_adjustments; i++) {
		const gradus_adjustment *a = &r->adjustments[i];
		buf t = BUF_INIT;
		if (a->exercise && a->action != GRADUS_ADJ_NOTE)
			buf_printf(&t, "%s: %s", a->exercise->name,
				   gradus_adjust_action_name(a->action));
		else
			buf_printf(&t, "%s%s%s", a->exercise ? a->exercise->name : "",
				   a->exercise ? ": " : "", a->reason);
		w->text[i] = buf_detach(&t, NULL);
		if (!w->text[i]) {
			w->n = i;
			review_whys_free(w);
			return GRADUS_ENOMEM;
		}
		w->why[i].rule = a->rule;
		w->why[i].source = a->source;
		w->why[i].text = w->text[i];
	}
	w->n = r->n_adjustments;
	return GRADUS_OK;
}

/* A plan after its progress summary (text, HTML), or the plan alone
 * (calendar, FHIR); the changes' rules go on its therapist's page. */
static int render_with_summary(char **out, size_t *len, const gradus_review *r,
			       gradus_plan_format f, gradus_render_options *ro)
{
	buf pre = BUF_INIT;
	review_whys w;
	int rc = review_whys_make(&w, r);

	if (rc != GRADUS_OK)
		return rc;
	ro->therapist_why = w.why;
	ro->n_therapist_why = w.n;
	if (f == GRADUS_PLAN_TEXT) {
		text_summary(&pre, r, true);
		ro->preface_text = pre.ptr;
	} else if (f == GRADUS_PLAN_HTML) {
		html_summary(&pre, r, true, false);
		ro->preface_html = pre.ptr;
	}
	rc = pre.failed ? GRADUS_ENOMEM : gradus_plan_render(out, len, r->plan, f, ro);
	buf_free(&pre);
	review_whys_free(&w);
	return rc;
}

int gradus_review_render(char **out, size_t *len, const gradus_review *r,
			 gradus_plan_format f, const gradus_render_options *o)
{
	buf b = BUF_INIT;
	gradus_render_options ro = {false, false, NULL, NULL, NULL, 0};
	int rc;

	if (!out)
		return GRADUS_EUSAGE;
	*out = NULL;
	if (len)
		*len = 0;
	if (!r || (unsigned)f > GRADUS_PLAN_FHIR_TRANSACTION)
		return GRADUS_EUSAGE;
	if (o) {
		ro.explain = o->explain;
		ro.large_print = o->large_print;
	}
	if (f == GRADUS_PLAN_JSON) {
		cJSON *j = review_json(r);
		char *s = j ? cJSON_Print(j) : NULL;
		cJSON_Delete(j);
		if (!s)
			return GRADUS_ENOMEM;
		buf_puts(&b, s);
		buf_putc(&b, '\n');
		cJSON_free(s);
		return finish(out, len, &b);
	}
	if (r->outcome == GRADUS_REVIEW_GATED)
		return render_gated(out, len, r, f);
	if (r->outcome != GRADUS_REVIEW_PLAN) {
		static const gradus_screen_format sf[] = {
			GRADUS_SCREEN_TEXT, GRADUS_SCREEN_JSON, GRADUS_SCREEN_HTML,
			GRADUS_SCREEN_FHIR, GRADUS_SCREEN_ICS,
			GRADUS_SCREEN_FHIR_TRANSACTION};
		if (f == GRADUS_PLAN_FHIR || f == GRADUS_PLAN_ICS ||
		    f == GRADUS_PLAN_FHIR_TRANSACTION) {
			char *t = NULL;
			rc = gradus_screening_render(&t, r->screening, r->profile, sf[f]);
			if (rc != GRADUS_OK)
				return rc;
			*out = t;
			if (len)
				*len = strlen(t);
			return GRADUS_OK;
		}
		if (f == GRADUS_PLAN_TEXT) {
			text_doctor_page(&b, r);
			buf_puts(&b, "\f\n");
			text_summary(&b, r, true);
		} else
			html_doctor_doc(&b, r);
		return finish(out, len, &b);
	}
	if (!r->plan)
		return GRADUS_EUSAGE;
	return render_with_summary(out, len, r, f, &ro);
}
