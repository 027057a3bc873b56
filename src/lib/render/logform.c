/* The session log to fill in (`gradus log new`): a libconfig log in the
 * format of docs/formats.md ("Session log"), pre-filled from the plan -
 * each session's date, each exercise with its prescribed dose as a
 * comment - with blanks where the caregiver types the numbers and the
 * answers: `reps = [];`, and `""` for effort, pain, next_morning_ok and
 * every weekly red-flag question. A blank is never an answer (the loader
 * does not count it; docs/review.md says what review does with it). */
#include <stdlib.h>
#include <string.h>

#include "gradus/plan.h"
#include "load/load.h"
#include "render/words.h"
#include "util/buf.h"
#include "util/text.h"

/* The log is a file for a text editor: its lines keep to a terminal. */
#define LOG_WIDTH 80

/* The profile's file name without its folder and .cfg, when it is a
 * valid log `profile` (lower-case letters, digits and '-'); else NULL. */
static const char *profile_name(const gradus_profile *p, char *out, size_t size)
{
	const char *base;
	size_t n;
	if (!p->file)
		return NULL;
	base = strrchr(p->file, '/');
	base = base ? base + 1 : p->file;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".cfg") == 0)
		n -= 4;
	if (n == 0 || n >= size)
		return NULL;
	memcpy(out, base, n);
	out[n] = '\0';
	return gradus_valid_id(out) ? out : NULL;
}

static void put_day(buf *b, gradus_date d)
{
	buf_printf(b, "%s %d %s %d", words_day_short[gradus_date_weekday(d)],
		   d.d, words_month_short[d.m - 1], d.y);
}

static void put_header(buf *b, const gradus_plan *plan, int first, int last)
{
	const gradus_profile *p = plan->profile;
	char name[72], ds[11];

	buf t = BUF_INIT;

	if (first == last)
		buf_printf(&t, "Session log for %s, week %d of the plan", p->name, first);
	else
		buf_printf(&t, "Session log for %s, weeks %d to %d of the plan",
			   p->name, first, last);
	buf_puts(&t, " (made by `gradus log new`).");
	text_wrap(b, "# ", "# ", t.ptr ? t.ptr : "", LOG_WIDTH);
	buf_free(&t);
	buf_puts(b,
		 "# Type in what was done, from the record grid of the printed plan.\n"
		 "# Where a blank is, type the number or the answer:\n"
		 "#   reps = [];           the reps done in each set: reps = [12]; for one\n"
		 "#                        set, reps = [12, 10]; for two sets (done on each\n"
		 "#                        side: the reps of one side)\n"
		 "#   effort = \"\";         how hard, 0 (rest) to 10 (the hardest): effort = 5;\n"
		 "#   pain = \"\";           pain during the exercise, 0 (none) to 10: pain = 0;\n"
		 "#   next_morning_ok = \"\";  the next morning, was the pain back to usual?\n"
		 "#                        true (yes) or false (no): next_morning_ok = true;\n"
		 "#   a warning-sign question = \"\";   true (yes) or false (no)\n"
		 "# Numbers, true and false are written without quotes.\n"
		 "# Another weight, band or support than the plan's? Add it before the }:\n"
		 "#   load_kg = 1.0;  band = \"red\";  support = \"one_hand\";\n"
		 "#   (support: two_hands one_hand fingertips none)\n"
		 "# An exercise or a session not done: delete it, from its { to its }\n"
		 "# (and the comma after it).\n"
		 "# A blank left as it is is not counted: never as done, never as missed,\n"
		 "# never as a no. `gradus check` lists the blanks still empty.\n\n"
		 "format = 1;\n");
	if (profile_name(p, name, sizeof(name)))
		buf_printf(b, "profile = \"%s\";\n", name);
	gradus_date_format(plan->start, ds);
	buf_printf(b, "plan_start = \"%s\";\n", ds);
	if (plan->first_week != 1)
		buf_printf(b, "first_week = %d;\n", plan->first_week);
}

/* One exercise of a session: its dose as a comment, then the id and on a
 * line of its own the blanks, all kept to 80 columns. */
static void put_entry(buf *b, const gradus_item *it, size_t i, bool last)
{
	buf c = BUF_INIT;

	buf_printf(&c, "%zu. %s: ", i + 1, it->exercise->name);
	render_put_amount(&c, it);
	if (it->effort_min == it->effort_max)
		buf_printf(&c, "; effort %d", it->effort_max);
	else
		buf_printf(&c, "; effort %d %s %d", it->effort_min,
			   it->effort_max == it->effort_min + 1 ? "or" : "to",
			   it->effort_max);
	text_wrap(b, "      # ", "      #    ", c.ptr ? c.ptr : "", LOG_WIDTH);
	buf_free(&c);
	buf_printf(b, "      { id = \"%s\";\n"
		      "        reps = []; effort = \"\"; pain = \"\"; next_morning_ok = \"\"; }%s\n",
		   it->exercise->id, last ? "" : ",");
}

static void put_session(buf *b, const gradus_session *s, bool last)
{
	char ds[11];

	gradus_date_format(s->date, ds);
	buf_printf(b, "  { date = \"%s\";   # ", ds);
	put_day(b, s->date);
	buf_puts(b, "\n    exercises = (\n");
	for (size_t i = 0; i < s->n_items; i++)
		put_entry(b, &s->items[i], i, i + 1 == s->n_items);
	buf_printf(b, "    ); }%s\n", last ? "" : ",");
}

static void put_check_in(buf *b, const gradus_week *w, bool last)
{
	buf_printf(b, "  { week = %d;   # ", w->number);
	put_day(b, w->start);
	buf_puts(b, " to ");
	put_day(b, w->end);
	buf_puts(b, "\n    red_flags = {   # this week: true (yes) or false (no)\n");
	for (int f = 0; f < GRADUS_RF__COUNT; f++) {
		text_wrap(b, "      # ", "      #   ",
			  gradus_red_flag_question((gradus_red_flag)f), LOG_WIDTH);
		buf_printf(b, "      %s = \"\";\n", gradus_red_flag_key((gradus_red_flag)f));
	}
	buf_puts(b, "    };\n"
		    "    # ill = true;        delete the # if ill in bed or with an infection\n"
		    "    # hospital = true;   delete the # after a stay in hospital\n");
	buf_printf(b, "  }%s\n", last ? "" : ",");
}

static int put_log(buf *b, const gradus_plan *plan, int first, int last)
{
	const gradus_week *w0 = NULL, *w1 = NULL;
	size_t n_sessions = 0, seen = 0;

	for (size_t i = 0; i < plan->n_weeks; i++) {
		const gradus_week *w = &plan->weeks[i];
		if (w->number < first || w->number > last)
			continue;
		if (!w0)
			w0 = w;
		w1 = w;
		n_sessions += w->n_sessions;
	}
	if (!w0)
		return GRADUS_EUSAGE;
	put_header(b, plan, w0->number, w1->number);
	buf_puts(b, "\nsessions = (\n");
	for (const gradus_week *w = w0; w <= w1; w++) {
		buf_printf(b, "  # ---- week %d of %d: %s%s ----\n", w->number,
			   gradus_plan_last_week(plan), w->phase,
			   w->deload ? " (a lighter week)" : "");
		for (size_t j = 0; j < w->n_sessions; j++)
			put_session(b, &w->sessions[j], ++seen == n_sessions);
	}
	buf_puts(b, ");\n\n"
		    "# One check-in a week: any new warning signs? Answer each question true\n"
		    "# (yes) or false (no); a yes stops the plan until a doctor has seen\n"
		    "# the person. A check-in with no answer is not counted.\n"
		    "weeks = (\n");
	for (const gradus_week *w = w0; w <= w1; w++)
		put_check_in(b, w, w == w1);
	buf_puts(b, ");\n");
	return b->failed ? GRADUS_ENOMEM : GRADUS_OK;
}

int gradus_log_form(char **out, size_t *len, const gradus_plan *plan,
		    int first, int last)
{
	buf b = BUF_INIT;
	int rc;

	if (!out)
		return GRADUS_EUSAGE;
	*out = NULL;
	if (!plan || first > last)
		return GRADUS_EUSAGE;
	rc = put_log(&b, plan, first, last);
	if (rc != GRADUS_OK) {
		buf_free(&b);
		return rc;
	}
	*out = buf_detach(&b, len);
	return *out ? GRADUS_OK : GRADUS_ENOMEM;
}
