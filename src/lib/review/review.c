/* The review of a session log (docs/review.md), as a pipeline: read the
 * log against the profile, re-screen (a tier above precautions: no
 * plan), the follow-up trigger (followup.c), the pause after an
 * illness, then the adaptation rules and the plan generated again
 * (adapt.c). This file gathers what was done (the reference plan, the
 * weeks, the tests, the loads) and runs the steps in that order. */
#include "gradus/review.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "review/review_int.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

#define MAX_LOG_WEEKS 104  /* program weeks a log may span */

static const char *const outcome_names[] = {"plan", "gated", "follow_up",
					    "pause"};
const char *gradus_review_outcome_name(gradus_review_outcome o)
{
	return (unsigned)o < COUNT(outcome_names) ? outcome_names[o] : NULL;
}

static const char *const action_names[] = {"continue", "progress", "repeat",
					   "reduce",   "easier",   "left_out",
					   "week",     "note"};
const char *gradus_adjust_action_name(gradus_adjust_action a)
{
	return (unsigned)a < COUNT(action_names) ? action_names[a] : NULL;
}

/* Not in the screening rule table (screen.c): the pause after an
 * illness belongs to the review of a log. */
static const gradus_rule illness_pause = {
	.id = "RV-ILLNESS-PAUSE",
	.tier = GRADUS_TIER_CLEARANCE,
	.summary = "Session logs only: ill or in hospital during the plan, and no doctor has yet said exercise can start again.",
	.person = "You were ill or in hospital. Rest from the exercises until your doctor says you can start again; gradus then restarts you at an easier level.",
	.clinician = "Illness or hospital stay during the plan: exercise paused; please advise when it may restart (it restarts one level lower).",
	.source = "OTAGO",
};

/* ---- checks that need the profile ---- */

static int place_sessions(rv_ctx *c, gradus_diags *d)
{
	const gradus_log *log = c->log;
	int errors = 0;
	char ds[11];

	for (size_t i = 0; i < log->n_sessions; i++) {
		const gradus_log_session *s = &log->sessions[i];
		long days = gradus_date_days(s->date) - c->start_days;
		gradus_date_format(s->date, ds);
		if (days < 0) {
			char ps[11];
			gradus_date_format(c->b->r.plan_start, ps);
			gradus_diags_add(d, GRADUS_SEV_ERROR, log->file, s->line,
					 "session on %s is before the plan started (%s)", ds, ps);
			errors++;
		} else if (log->first_week + days / 7 > MAX_LOG_WEEKS) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, log->file, s->line,
					 "session on %s is more than %d weeks after the plan started",
					 ds, MAX_LOG_WEEKS);
			errors++;
		}
		for (size_t k = 0; k < s->n_entries; k++) {
			const gradus_log_entry *e = &s->entries[k];
			if (!gradus_catalogue_find(c->cat, e->id)) {
				gradus_diags_add(d, GRADUS_SEV_ERROR, log->file, e->line,
						 "'%s' is not in the catalogue", e->id);
				errors++;
			}
		}
	}
	return errors ? GRADUS_EINVALID : GRADUS_OK;
}

/* The tests against the logged plan's start: the profile's measures are
 * what it started from (done by then), the log's are re-tests (done
 * after it began). Errors, every one: the follow-up trigger would
 * otherwise count a test from before the plan as progress during it. */
static int place_measures(rv_ctx *c, gradus_diags *d)
{
	const gradus_log *log = c->log;
	const gradus_profile *p = c->orig;
	int errors = 0;
	char ds[11], ps[11];

	gradus_date_format(c->b->r.plan_start, ps);
	if (p->has_measures && gradus_date_is_set(p->measures.date) &&
	    gradus_date_days(p->measures.date) > c->start_days) {
		gradus_date_format(p->measures.date, ds);
		gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, p->measures_line,
				 "'measures.date' is %s, after the logged plan started (%s): the profile's measures are the tests it started from; write later re-tests in the log",
				 ds, ps);
		errors++;
	}
	for (size_t i = 0; i < log->n_measures; i++) {
		const gradus_log_measure *m = &log->measures[i];
		if (gradus_date_days(m->values.date) >= c->start_days)
			continue;
		gradus_date_format(m->values.date, ds);
		gradus_diags_add(d, GRADUS_SEV_ERROR, log->file, m->line,
				 "re-test on %s is before the plan started (%s): write the tests it started from in the profile's 'measures'",
				 ds, ps);
		errors++;
	}
	return errors ? GRADUS_EINVALID : GRADUS_OK;
}

/* ---- the reference plan: what the log followed ---- */

static int reference_plan(rv_ctx *c, int last_week, gradus_diags *d)
{
	gradus_screening *s0 = NULL;
	gradus_diags *scratch = gradus_diags_new();
	gradus_resume_item items[MAX_EX];
	gradus_resume res = {c->log->first_week, items, 0};
	gradus_plan_options po = {c->b->r.plan_start, 0, NULL, NULL};
	int span = last_week - c->log->first_week + 1;
	int rc;

	if (!scratch)
		return GRADUS_ENOMEM;
	po.weeks = c->orig->weeks_planned > span ? c->orig->weeks_planned : span;
	if (po.weeks > 52)
		po.weeks = 52;
	if (c->log->first_week > 1) {
		/* a reviewed plan: started from the first logged dose of each
		 * exercise (an approximation of the earlier review) */
		for (size_t i = 0; i < c->log->n_sessions && res.n_items < MAX_EX; i++)
			for (size_t k = 0; k < c->log->sessions[i].n_entries && res.n_items < MAX_EX; k++) {
				const gradus_log_entry *e = &c->log->sessions[i].entries[k];
				bool seen = false;
				for (size_t j = 0; j < res.n_items; j++)
					seen |= strcmp(items[j].exercise_id, e->id) == 0;
				if (seen)
					continue;
				items[res.n_items] = (gradus_resume_item){
					e->id, e->sets, min_reps(e), e->support,
					isnan(e->load_kg) ? 0.0 : e->load_kg, e->band,
					e->machine_step > 0 ? e->machine_step : 0, false, NULL,
					NULL, NULL};
				res.n_items++;
			}
		if (res.n_items)
			po.resume = &res;
	}
	/* the plan as it was made: the profile as it was, screened as of
	 * the start of the logged plan */
	rc = gradus_screen(&s0, c->orig, c->b->r.plan_start, scratch);
	if (rc == GRADUS_OK && s0->tier <= GRADUS_TIER_PRECAUTIONS)
		rc = gradus_plan_generate(&c->ref, c->orig, s0, c->cat, c->tpl, &po, scratch);
	else
		rc = GRADUS_EUSAGE;
	if (rc != GRADUS_OK && c->b->screen->tier <= GRADUS_TIER_PRECAUTIONS) {
		/* screened as of today instead (the earlier start was gated:
		 * the person was cleared since) */
		gradus_diags_clear(scratch);
		rc = gradus_plan_generate(&c->ref, c->p, c->b->screen, c->cat,
					  c->tpl, &po, d);
	}
	gradus_screening_free(s0);
	gradus_diags_free(scratch);
	if (rc == GRADUS_OK) {
		c->t = c->ref->template;
		c->b->r.template = c->t;
		c->cap = c->ref->effort_cap;
	}
	return rc;
}

/* ---- weeks, measures, history ---- */

static void build_weeks(rv_ctx *c, int last_week, gradus_date new_start)
{
	gradus_review *r = &c->b->r;
	const gradus_log *log = c->log;
	int n = last_week - log->first_week + 1;
	gradus_review_week *ws = arena_alloc(c->a, (size_t)(n > 0 ? n : 1) * sizeof(*ws));
	long stop = gradus_date_days(new_start);
	int guess = 0;

	if (!ws)
		return;
	for (int i = 0; i < 7; i++)
		guess += (c->p->days >> i) & 1u;
	if (c->p->sessions_per_week > 0 && c->p->sessions_per_week < guess)
		guess = c->p->sessions_per_week;
	if (guess > 3)
		guess = 3;
	for (int i = 0; i < n; i++) {
		gradus_review_week *w = &ws[i];
		w->week = log->first_week + i;
		w->start = week_start(c, w->week);
		w->end = gradus_date_add(w->start, 6);
		w->planned = -1;
		if (c->ref)
			for (size_t k = 0; k < c->ref->n_weeks; k++)
				if (c->ref->weeks[k].number == w->week) {
					w->planned = 0;
					for (size_t j = 0; j < c->ref->weeks[k].n_sessions; j++)
						w->planned += gradus_date_days(c->ref->weeks[k].sessions[j].date) < stop;
				}
		if (w->planned < 0)
			w->planned = guess; /* no plan to count from: the days */
		for (size_t j = 0; j < log->n_sessions; j++)
			w->done += week_of(c, log->sessions[j].date) == w->week;
		/* a session left blank in a week with sessions written in is
		 * not recorded: neither done nor missed. A week with none
		 * written in stays a week without training: the program never
		 * moves on over weeks nothing is known of. */
		for (size_t j = 0; w->done && j < log->n_skipped; j++)
			if (log->skipped[j].kind == GRADUS_SKIP_SESSION &&
			    week_of(c, log->skipped[j].date) == w->week &&
			    gradus_date_days(log->skipped[j].date) < stop &&
			    w->planned > w->done)
				w->planned--;
		for (size_t j = 0; j < log->n_weeks; j++)
			if (log->weeks[j].week == w->week) {
				w->ill = log->weeks[j].ill;
				w->hospital = log->weeks[j].hospital;
				for (int f = 0; f < GRADUS_RF__COUNT; f++)
					w->checked |= log->weeks[j].red_flags[f] != GRADUS_ANSWER_MISSING;
			}
		r->done += w->done < w->planned ? w->done : w->planned;
		r->planned += w->planned;
	}
	r->weeks = ws;
	r->n_weeks = (size_t)n;
}

static bool any_measure(const gradus_measures *m)
{
	return !isnan(m->grip_kg) || !isnan(m->chair_stand_5x_s) ||
	       m->chair_stand_30s >= 0 || !isnan(m->gait_speed_m_s) ||
	       !isnan(m->tug_s) || m->sppb >= 0 || m->sarc_f >= 0;
}

static void build_measures(rv_ctx *c)
{
	gradus_review *r = &c->b->r;
	size_t n = 0;
	gradus_review_measure *ms = arena_alloc(c->a, (c->log->n_measures + 1) * sizeof(*ms));
	if (!ms)
		return;
	if (c->orig->has_measures && any_measure(&c->orig->measures)) {
		ms[n].values = c->orig->measures;
		ms[n].from_profile = true;
		n++;
	}
	for (size_t i = 0; i < c->log->n_measures; i++) {
		ms[n].values = c->log->measures[i].values;
		ms[n].from_profile = false;
		n++;
	}
	r->measures = ms;
	r->n_measures = n;
}

static void build_history(rv_ctx *c)
{
	gradus_review *r = &c->b->r;
	const gradus_log *log = c->log;
	const gradus_exercise *ids[MAX_EX];
	size_t n = 0;
	gradus_review_history *h;

	for (size_t i = 0; i < log->n_sessions; i++)
		for (size_t k = 0; k < log->sessions[i].n_entries && n < MAX_EX; k++) {
			const gradus_exercise *e = gradus_catalogue_find(c->cat, log->sessions[i].entries[k].id);
			bool seen = false;
			for (size_t j = 0; j < n; j++)
				seen |= ids[j] == e;
			if (e && !seen)
				ids[n++] = e;
		}
	h = arena_alloc(c->a, (n ? n : 1) * sizeof(*h));
	if (!h)
		return;
	for (size_t j = 0; j < n; j++) {
		gradus_review_dose *dw = arena_alloc(c->a, (r->n_weeks ? r->n_weeks : 1) * sizeof(*dw));
		if (!dw)
			return;
		h[j].exercise = ids[j];
		h[j].weeks = dw;
		for (size_t w = 0; w < r->n_weeks; w++)
			dw[w].not_planned = c->ref && !rv_target_of(c, ids[j], r->weeks[w].week).from_plan;
		for (size_t i = 0; i < log->n_sessions; i++) {
			const gradus_log_session *s = &log->sessions[i];
			int w = week_of(c, s->date) - log->first_week;
			if (w < 0 || (size_t)w >= r->n_weeks)
				continue;
			for (size_t k = 0; k < s->n_entries; k++) {
				logged x = {&s->entries[k], ids[j], s->date, w + log->first_week};
				target t;
				if (strcmp(s->entries[k].id, ids[j]->id) != 0)
					continue;
				/* the week's last session stands for the week */
				t = rv_target_of(c, ids[j], x.week);
				dw[w].not_planned = false;
				dw[w].sets = x.e->sets;
				dw[w].reps_best = max_reps(x.e);
				dw[w].load = rv_used_load(&x, &t);
				dw[w].support = rv_used_support(&x, &t);
			}
		}
	}
	r->history = h;
	r->n_history = n;
}

/* ---- findings shown: the follow-up and the pause ---- */

static const gradus_rule *rule_by_id(const char *id)
{
	size_t n;
	const gradus_rule *rs = gradus_rules(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(rs[i].id, id) == 0)
			return &rs[i];
	return NULL;
}

/* The re-screen with one more finding (FOLLOW_UP and PAUSE). */
static void add_finding(rv_ctx *c, const gradus_rule *rule, char *detail)
{
	review_box *b = c->b;
	const gradus_screening *s = b->screen;
	gradus_finding *f = arena_alloc(c->a, (s->n_findings + 1) * sizeof(*f));
	if (!f || !rule)
		return;
	if (s->n_findings)
		memcpy(f, s->findings, s->n_findings * sizeof(*f));
	f[s->n_findings].rule = rule;
	f[s->n_findings].detail = detail;
	b->shown = *s;
	b->shown.findings = f;
	b->shown.n_findings = s->n_findings + 1;
	if (rule->tier > b->shown.tier)
		b->shown.tier = rule->tier;
	b->r.screening = &b->shown;
	b->r.tier = b->shown.tier;
}

/* ---- 3. the pause ---- */

/* A doctor's OK counts when it is dated on or after the first day of the
 * week of the illness and on or before the new start: an OK dated after
 * the restart is not yet an OK (kept in ill->late to say so). */
static bool take_clearance(const rv_ctx *c, illness *ill, long from, bool has,
			   const char *by, gradus_date when)
{
	long d = gradus_date_days(when);
	if (!has || d < from)
		return false;
	if (d > gradus_date_days(c->b->r.start)) {
		ill->late = when;
		return false;
	}
	ill->by = by;
	ill->when = when;
	return true;
}

/* Ill or in hospital in the week of the last session or later (an
 * illness followed by sessions is history), and the doctor's OK dated on
 * or after that week's first day: the log's, else the profile's. */
static void find_illness(const rv_ctx *c, illness *ill)
{
	const gradus_log *log = c->log;
	const gradus_log_week *iw = NULL;
	long from;

	memset(ill, 0, sizeof(*ill));
	for (size_t i = 0; i < log->n_weeks; i++)
		if ((log->weeks[i].ill || log->weeks[i].hospital) &&
		    log->weeks[i].week >= c->last_session_week)
			ill->week = log->weeks[i].week;
	if (!ill->week)
		return;
	for (size_t i = 0; i < log->n_weeks; i++)
		if (log->weeks[i].week == ill->week)
			iw = &log->weeks[i];
	ill->hospital = iw && iw->hospital;
	from = gradus_date_days(week_start(c, ill->week));
	if (!take_clearance(c, ill, from, log->has_clearance,
			    log->clearance_by, log->clearance_date))
		take_clearance(c, ill, from, c->orig->has_clearance,
			       c->orig->clearance_by, c->orig->clearance_date);
}

/* RV-ILLNESS-PAUSE: no plan until a doctor says exercise can start
 * again [OTAGO]. */
static void pause_plan(rv_ctx *c, const illness *ill)
{
	gradus_review *r = &c->b->r;
	const char *what = ill->hospital ? "In hospital" : "Ill";
	char d1[24];

	r->outcome = GRADUS_REVIEW_PAUSE;
	if (gradus_date_is_set(ill->late)) {
		char d2[24], d3[24];
		r->follow_up = arena_printf(c->a, "%s in week %d (from %s). The doctor's OK is dated %s, after the new start (%s): start again on that day or later (--start) [OTAGO].",
					    what, ill->week, date_words(week_start(c, ill->week), d1),
					    date_words(ill->late, d2), date_words(r->start, d3));
		add_finding(c, &illness_pause,
			    arena_printf(c->a, "%s in week %d (from %s); the clearance is dated %s, after the new start %s",
					 what, ill->week, date_words(week_start(c, ill->week), d1),
					 date_words(ill->late, d2), date_words(r->start, d3)));
		return;
	}
	r->follow_up = arena_printf(c->a, "%s in week %d (from %s), and no doctor has said since then that exercise can start again [OTAGO].",
				    what, ill->week, date_words(week_start(c, ill->week), d1));
	add_finding(c, &illness_pause,
		    arena_printf(c->a, "%s in week %d (from %s); no clearance since",
				 what, ill->week, date_words(week_start(c, ill->week), d1)));
}

/* ---- the run ---- */

static review_box *box_new(rv_ctx *c, const gradus_profile *p, const gradus_log *log,
			   const gradus_catalogue *cat, const gradus_templates *tpl)
{
	review_box *b = calloc(1, sizeof(*b));
	memset(c, 0, sizeof(*c));
	if (!b)
		return NULL;
	arena_init(&b->a);
	c->b = b;
	c->a = &b->a;
	c->orig = p;
	c->p = &b->prof;
	c->log = log;
	c->cat = cat;
	c->tpl = tpl;
	b->r.log = log;
	b->r.first_week = log->first_week;
	return b;
}

/* The log names its person: a different profile file is most likely the
 * wrong person's (a warning). */
static void check_person(const gradus_profile *p, const gradus_log *log,
			 gradus_diags *d)
{
	const char *base;
	size_t n;
	if (!log->profile || !p->file)
		return;
	base = strrchr(p->file, '/');
	base = base ? base + 1 : p->file;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".cfg") == 0)
		n -= 4;
	if (strlen(log->profile) != n || strncmp(log->profile, base, n) != 0)
		gradus_diags_add(d, GRADUS_SEV_WARNING, log->file, 0,
				 "the log is for '%s', but the profile is %s: check that both are the same person's",
				 log->profile, p->file);
}

/* The last logged week L: the latest with a session or a check-in; and
 * the week of the last session. */
static void last_logged_week(rv_ctx *c)
{
	const gradus_log *log = c->log;
	int last_week = log->first_week;
	for (size_t i = 0; i < log->n_sessions; i++) {
		int w = week_of(c, log->sessions[i].date);
		c->last_session_week = w;
		if (w > last_week)
			last_week = w;
	}
	for (size_t i = 0; i < log->n_weeks; i++)
		if (log->weeks[i].week > last_week)
			last_week = log->weeks[i].week;
	c->b->r.last_week = last_week;
}

static void unanswered(review_box *b, int f, int line, int week)
{
	if (b->prof.red_flags[f] == GRADUS_ANSWER_YES)
		return;
	if (!b->r.blank_check_in_week || week < b->r.blank_check_in_week)
		b->r.blank_check_in_week = week;
	b->prof.red_flags[f] = GRADUS_ANSWER_MISSING;
	b->prof.red_flag_line[f] = line;
}

/* The profile with the log's answers: a yes in any week counts. */
static void with_log_answers(rv_ctx *c)
{
	review_box *b = c->b;
	const gradus_log *log = c->log;
	b->prof = *c->orig;
	for (size_t i = 0; i < log->n_weeks; i++)
		for (int f = 0; f < GRADUS_RF__COUNT; f++)
			if (log->weeks[i].red_flags[f] == GRADUS_ANSWER_YES) {
				if (c->orig->red_flags[f] != GRADUS_ANSWER_YES && !b->r.new_red_flag_week)
					b->r.new_red_flag_week = log->weeks[i].week;
				b->prof.red_flags[f] = GRADUS_ANSWER_YES;
				b->prof.red_flag_line[f] = log->weeks[i].line;
			}
	/* Safety fails closed: a question asked and left blank is not a no.
	 * Up to the last logged week it is unanswered, as in a profile, and
	 * the re-screen stops (incomplete) until it is answered; a check-in
	 * with nothing written in after that week is not yet due. */
	for (size_t i = 0; i < log->n_weeks; i++)
		for (int f = 0; f < GRADUS_RF__COUNT; f++)
			if (log->weeks[i].red_flag_blank[f])
				unanswered(b, f, log->weeks[i].line,
					   log->weeks[i].week);
	for (size_t i = 0; i < log->n_skipped; i++)
		if (log->skipped[i].kind == GRADUS_SKIP_WEEK &&
		    log->skipped[i].week <= b->r.last_week)
			for (int f = 0; f < GRADUS_RF__COUNT; f++)
				unanswered(b, f, log->skipped[i].line,
					   log->skipped[i].week);
	b->r.profile = &b->prof;
}

/* Whether a session of `week` has numbers written in. */
static bool week_has_session(const rv_ctx *c, int week)
{
	for (size_t i = 0; i < c->log->n_sessions; i++)
		if (week_of(c, c->log->sessions[i].date) == week)
			return true;
	return false;
}

/* What the log left blank, in plain words (docs/review.md, "Blanks"):
 * sessions with nothing written in up to the last logged week (neither
 * done nor missed in a week with others written in; a week with none is
 * a week without training), exercises with no reps, and what comes after
 * that week (not filled in yet). */
static void say_not_counted(rv_ctx *c)
{
	const gradus_log *log = c->log;
	int L = c->b->r.last_week, n_sess = 0, n_ex = 0, later_s = 0, later_w = 0;
	int n_empty = 0, last_empty = 0;
	buf t = BUF_INIT, sess = BUF_INIT, ex = BUF_INIT, empty = BUF_INIT;
	char d1[24];

	for (size_t i = 0; i < log->n_skipped; i++) {
		const gradus_log_skip *k = &log->skipped[i];
		int week = k->kind == GRADUS_SKIP_WEEK ? k->week : week_of(c, k->date);
		if (week > L) {
			later_s += k->kind != GRADUS_SKIP_WEEK;
			later_w += k->kind == GRADUS_SKIP_WEEK;
		} else if (k->kind == GRADUS_SKIP_SESSION && !week_has_session(c, week)) {
			if (week != last_empty)
				buf_printf(&empty, "%s%d", n_empty++ ? ", " : "", week);
			last_empty = week;
		} else if (k->kind == GRADUS_SKIP_SESSION) {
			buf_printf(&sess, "%s%s", n_sess ? ", " : "", date_words(k->date, d1));
			n_sess++;
		} else if (k->kind == GRADUS_SKIP_ENTRY) {
			const gradus_exercise *e = gradus_catalogue_find(c->cat, k->id);
			buf_printf(&ex, "%s%s on %s", n_ex ? "; " : "", e ? e->name : k->id,
				   date_words(k->date, d1));
			n_ex++;
		}
	}
	if (n_sess)
		buf_printf(&t, "Not counted: %d session%s with no numbers written in (%s): neither done nor missed.",
			   n_sess, n_sess == 1 ? "" : "s", sess.ptr);
	if (n_empty)
		buf_printf(&t, "%sNo numbers written in for any session of week%s %s: taken as %s without training.",
			   t.len ? " " : "", n_empty == 1 ? "" : "s", empty.ptr,
			   n_empty == 1 ? "a week" : "weeks");
	if (n_ex)
		buf_printf(&t, "%sNot counted: %d exercise%s with no reps written in (%s).",
			   t.len ? " " : "", n_ex, n_ex == 1 ? "" : "s", ex.ptr);
	if (later_s || later_w) {
		buf_printf(&t, "%sNot filled in yet, after week %d: ", t.len ? " " : "", L);
		if (later_s)
			buf_printf(&t, "%d session%s", later_s, later_s == 1 ? "" : "s");
		if (later_w)
			buf_printf(&t, "%s%d weekly check-in%s", later_s ? " and " : "",
				   later_w, later_w == 1 ? "" : "s");
		buf_putc(&t, '.');
	}
	if (t.len && !t.failed)
		c->b->r.not_counted = arena_strdup(c->a, t.ptr);
	buf_free(&t);
	buf_free(&sess);
	buf_free(&ex);
	buf_free(&empty);
}

/* The new plan starts after the last logged week, or on --start (after
 * the last session). */
static int new_start(rv_ctx *c, const gradus_review_options *o, gradus_diags *d)
{
	gradus_review *r = &c->b->r;
	const gradus_log *log = c->log;
	if (!o || !gradus_date_is_set(o->start)) {
		r->start = week_start(c, r->last_week + 1);
		return GRADUS_OK;
	}
	r->start = o->start;
	if (log->n_sessions &&
	    gradus_date_days(o->start) <=
		    gradus_date_days(log->sessions[log->n_sessions - 1].date)) {
		char ds[11];
		gradus_date_format(log->sessions[log->n_sessions - 1].date, ds);
		gradus_diags_add(d, GRADUS_SEV_ERROR, log->file, 0,
				 "the new plan must start after the last logged session (%s)", ds);
		return GRADUS_EUSAGE;
	}
	return GRADUS_OK;
}

/* The log against the profile: where the logged plan began, whose log
 * it is, its sessions placed in program weeks, the last logged week,
 * the answers merged, the new start. */
static int read_log(rv_ctx *c, const gradus_review_options *o, gradus_diags *d)
{
	gradus_review *r = &c->b->r;
	const gradus_log *log = c->log;
	int rc;

	r->plan_start = gradus_date_is_set(log->plan_start) ? log->plan_start : c->orig->start;
	if (!gradus_date_is_set(r->plan_start)) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, log->file, 0,
				 "the log has no 'plan_start' and the profile no 'setup.start': say when the logged plan began");
		return GRADUS_EUSAGE;
	}
	c->start_days = gradus_date_days(r->plan_start);
	check_person(c->orig, log, d);
	rc = place_sessions(c, d);
	if (place_measures(c, d) != GRADUS_OK)
		rc = GRADUS_EINVALID;
	if (rc != GRADUS_OK)
		return rc;
	last_logged_week(c);
	say_not_counted(c);
	with_log_answers(c);
	return new_start(c, o, d);
}

/* 1. Re-screen, as of the new start; then what the log followed (the
 * reference plan) and what was done: weeks, measures, history. */
static int rescreen(rv_ctx *c, gradus_diags *d)
{
	review_box *b = c->b;
	gradus_review *r = &b->r;
	int rc = gradus_screen(&b->screen, &b->prof, r->start, d);
	if (rc != GRADUS_OK)
		return rc;
	r->screening = b->screen;
	r->tier = b->screen->tier;
	rc = reference_plan(c, r->last_week, d);
	if (rc != GRADUS_OK && b->screen->tier <= GRADUS_TIER_PRECAUTIONS)
		return rc;
	build_weeks(c, r->last_week, r->start);
	build_measures(c);
	if (c->t)
		build_history(c);
	return GRADUS_OK;
}

/* The adjustments, copied out of the working state. */
static int finish(rv_ctx *c)
{
	review_box *b = c->b;
	gradus_plan_free(c->ref);
	c->ref = NULL;
	if (c->n_adj) {
		gradus_adjustment *v = arena_alloc(&b->a, c->n_adj * sizeof(*v));
		if (v)
			memcpy(v, c->adj, c->n_adj * sizeof(*v));
		b->r.adjustments = v;
		b->r.n_adjustments = c->n_adj;
	}
	return b->a.failed ? GRADUS_ENOMEM : GRADUS_OK;
}

/* Safety first, in this order (docs/review.md): re-screen (gated: no
 * plan), the follow-up trigger, the pause after an illness, then the
 * adaptation rules and the new plan. */
int gradus_review_run(gradus_review **out, const gradus_profile *p,
		      const gradus_log *log, const gradus_catalogue *cat,
		      const gradus_templates *tpl,
		      const gradus_review_options *o, gradus_diags *d)
{
	review_box *b;
	gradus_review *r;
	const char *why;
	illness ill;
	rv_ctx c;
	int rc;

	if (!out)
		return GRADUS_EUSAGE;
	*out = NULL;
	if (!p || !log || !cat || !tpl)
		return GRADUS_EUSAGE;
	if (!(b = box_new(&c, p, log, cat, tpl)))
		return GRADUS_ENOMEM;
	r = &b->r;
	if ((rc = read_log(&c, o, d)) != GRADUS_OK ||
	    (rc = rescreen(&c, d)) != GRADUS_OK)
		goto fail;
	if (b->screen->tier > GRADUS_TIER_PRECAUTIONS) {
		r->outcome = GRADUS_REVIEW_GATED;
		goto done;
	}
	/* 2. the follow-up trigger */
	if ((why = rv_follow_up(&c)) != NULL) {
		r->outcome = GRADUS_REVIEW_FOLLOW_UP;
		r->follow_up = why;
		add_finding(&c, rule_by_id("FU-NO-PROGRESS"), (char *)why);
		goto done;
	}
	/* 3. the pause, or 4. the adaptation rules and the new plan */
	find_illness(&c, &ill);
	if (ill.week && !ill.by)
		pause_plan(&c, &ill);
	else if ((rc = rv_adapt(&c, &ill, o, d)) != GRADUS_OK)
		goto fail;
done:
	if ((rc = finish(&c)) != GRADUS_OK)
		goto fail;
	*out = r;
	return GRADUS_OK;
fail:
	gradus_plan_free(c.ref);
	gradus_review_free(r);
	return rc;
}

void gradus_review_free(gradus_review *r)
{
	review_box *b = (review_box *)r;
	if (!b)
		return;
	gradus_plan_free(b->plan);
	gradus_screening_free(b->screen);
	arena_free(&b->a);
	free(b);
}
