/* gradus review: the re-screen, the follow-up trigger, each adaptation
 * rule (every test names the rule it proves, and fails when the rule is
 * removed), the renderers, and the safety invariants (the safety invariants, docs/hazards.md,
 * 3-9) on plans reviewed from random logs. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define MARGARET "profiles/examples/margaret-sarcopenia.cfg"

/* ---- building logs ---- */

/* Margaret's plan: Wed, Fri, Mon; weeks run Tuesday to Monday from
 * Tue 1 Dec 2026. Weeks 1-2 ("Getting started", reps 10-15, effort 3-4):
 * every exercise 1 set of 10-12, nothing rises. Weeks 3-8 ("Building",
 * reps 10-15, effort 5-6), one change a week each: week 3 STS and PULL
 * 2 x 10-12, the others 1 x 13-15; week 4 STS, PULL 2 x 13-15, PUSH and
 * HIP 2 x 13-15, KNEE and CALF 1 x 13-15; week 5 the knee weight 0.5 ->
 * 1 kg (1 x 10-12), the band yellow -> red, the calf raise one hand. She
 * owns ankle weights 0.5, 1, 1.5, 2 kg and a yellow and a red band. */
static const char *const dates[8][3] = {
	{"2026-12-02", "2026-12-04", "2026-12-07"},
	{"2026-12-09", "2026-12-11", "2026-12-14"},
	{"2026-12-16", "2026-12-18", "2026-12-21"},
	{"2026-12-23", "2026-12-25", "2026-12-28"},
	{"2026-12-30", "2027-01-01", "2027-01-04"},
	{"2027-01-06", "2027-01-08", "2027-01-11"},
	{"2027-01-13", "2027-01-15", "2027-01-18"},
	{"2027-01-20", "2027-01-22", "2027-01-25"},
};

/* in the plan's order (the order of the resume items) */
enum { STS, PUSH, KNEE, PULL, HIP, CALF, N_EX };
static const char *const ids[N_EX] = {
	"sit-to-stand-arms", "wall-push-up", "seated-knee-extension-ankle-weight",
	"seated-band-pull-apart", "standing-hip-abduction-ankle-weight",
	"calf-raise-supported"};

/* One entry: "" for the usual (1 set, reps 11, effort 4, pain 0, fine
 * the next morning), or the text of the entry's settings. */
typedef struct {
	const char *e[N_EX];
} session_spec;

typedef struct {
	char *text;
	size_t len;
	FILE *f;
	int n;
} logtext;

static void log_begin(logtext *l, const char *head)
{
	l->f = open_memstream(&l->text, &l->len);
	assert_non_null(l->f);
	l->n = 0;
	fprintf(l->f, "format = 1;\nplan_start = \"2026-12-01\";\n%s\nsessions = (\n",
		head ? head : "");
}

/* A session: each exercise with `spec` (NULL or "" = the usual; "-" =
 * not done). */
static void log_session(logtext *l, const char *date, const session_spec *spec)
{
	fprintf(l->f, "%s  { date = \"%s\"; exercises = (\n", l->n++ ? ",\n" : "", date);
	int k2 = 0;
	for (int k = 0; k < N_EX; k++) {
		const char *s = spec ? spec->e[k] : NULL;
		if (s && strcmp(s, "-") == 0)
			continue;
		fprintf(l->f, "%s    { id = \"%s\"; %s }", k2++ ? ",\n" : "", ids[k],
			s && *s ? s : "sets = 1; reps = 11; effort = 4; pain = 0; next_morning_ok = true;");
	}
	fputs(" ); }", l->f);
}

static void log_weeks(logtext *l, int from, int to)
{
	for (int w = from; w <= to; w++)
		for (int s = 0; s < 3; s++)
			log_session(l, dates[w - 1][s], NULL);
}

static char *log_end(logtext *l, const char *tail)
{
	fprintf(l->f, "\n);\n%s", tail ? tail : "");
	fclose(l->f);
	return l->text;
}

/* ---- running a review ---- */

typedef struct {
	gradus_profile *p;
	gradus_log *log;
	gradus_review *r;
	gradus_diags *d;
} run;

static void run_review(run *x, const char *profile_path, const char *log_text,
		       const gradus_review_options *o)
{
	char *ptext = read_text(profile_path);
	int rc;
	assert_non_null(ptext);
	memset(x, 0, sizeof(*x));
	x->d = gradus_diags_new();
	x->p = profile_from(ptext, x->d);
	free(ptext);
	assert_non_null(x->p);
	rc = gradus_log_load_string(&x->log, "log.cfg", log_text, test_catalogue(), x->d);
	if (rc != GRADUS_OK) {
		gradus_diags_print(x->d, stderr);
		fprintf(stderr, "%s", log_text);
	}
	assert_int_equal(rc, GRADUS_OK);
	rc = gradus_review_run(&x->r, x->p, x->log, test_catalogue(), test_templates(), o, x->d);
	if (rc != GRADUS_OK)
		gradus_diags_print(x->d, stderr);
	assert_int_equal(rc, GRADUS_OK);
}

static void run_free(run *x)
{
	gradus_review_free(x->r);
	gradus_log_free(x->log);
	gradus_profile_free(x->p);
	gradus_diags_free(x->d);
}

static const gradus_adjustment *adj_for(const gradus_review *r, const char *id)
{
	for (size_t i = 0; i < r->n_adjustments; i++)
		if (id ? r->adjustments[i].exercise_id &&
				 strcmp(r->adjustments[i].exercise_id, id) == 0
		       : !r->adjustments[i].exercise_id)
			return &r->adjustments[i];
	return NULL;
}

/* Resume items follow the plan's order: STS, PUSH, KNEE, PULL, HIP,
 * CALF. */
static const gradus_resume_item *resume_for(const gradus_review *r, int k)
{
	assert_non_null(r->resume);
	assert_true((size_t)k < r->resume->n_items);
	return &r->resume->items[k];
}

static const gradus_item *first_week_item(const gradus_review *r, const char *id)
{
	const gradus_week *w;
	assert_non_null(r->plan);
	w = &r->plan->weeks[0];
	for (size_t i = 0; i < w->sessions[0].n_items; i++)
		if (strcmp(w->sessions[0].items[i].exercise->id, id) == 0)
			return &w->sessions[0].items[i];
	return NULL;
}

static void expect(const gradus_review *r, const char *id, const char *rule,
		   gradus_adjust_action act)
{
	const gradus_adjustment *a = adj_for(r, id);
	if (!a)
		fail_msg("no adjustment for %s", id ? id : "the plan");
	if (strcmp(a->rule, rule) != 0 || a->action != act)
		fail_msg("%s: %s (%s), expected %s (%s): %s", id ? id : "plan", a->rule,
			 gradus_adjust_action_name(a->action), rule,
			 gradus_adjust_action_name(act), a->reason);
	assert_non_null(a->source);
	assert_true(strlen(a->reason) > 20);
}

/* ---- the adaptation rules ---- */

static void rule_two_for_two_progresses(void **state)
{
	/* seated knee straightening, week 2: 1 x 10-12 with 0.5 kg at effort
	 * 3-4; 12 reps (the top) at effort 3, twice running [ACSM2009] */
	logtext l;
	run x;
	session_spec top = {{NULL, NULL, "sets = 1; reps = 12; effort = 3; pain = 0; next_morning_ok = true;", NULL, NULL, NULL}};
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 1);
	log_session(&l, dates[1][0], NULL);
	log_session(&l, dates[1][1], &top);
	log_session(&l, dates[1][2], &top);
	run_review(&x, MARGARET, log_end(&l, NULL), NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PLAN);
	expect(x.r, ids[KNEE], "RV-TWO-FOR-TWO", GRADUS_ADJ_PROGRESS);
	expect(x.r, ids[STS], "RV-CONTINUE", GRADUS_ADJ_CONTINUE);
	assert_true(resume_for(x.r, KNEE)->advance);
	assert_false(resume_for(x.r, STS)->advance);
	assert_int_equal(x.r->resume->week, 3);
	/* the load steps up in the first week of the new plan (week 3,
	 * "Building", reps 10-15): 0.5 -> 1 kg (+0.5 kg, her smallest
	 * step), reps back to the bottom, 10-12, not one rep more */
	{
		const gradus_item *k = first_week_item(x.r, ids[KNEE]);
		assert_int_equal(k->change, GRADUS_CHANGE_LOAD);
		assert_true(fabs(k->load.kg - 1.0) < 1e-9);
		assert_int_equal(k->reps_min, 10);
		assert_int_equal(k->reps_max, 12);
		assert_int_equal(k->sets, 1);
	}
	assert_non_null(strstr(adj_for(x.r, ids[KNEE])->reason,
			       "the next load you own, 1 kg instead of 0.5 kg, with the reps back to 10 to 12"));
	assert_int_equal(first_week_item(x.r, ids[STS])->change, GRADUS_CHANGE_START);
	run_free(&x);
	free(l.text);
}

static void rule_pain_during_makes_it_easier(void **state)
{
	/* pain 6 with the 1 kg weight: one step easier = the next lighter
	 * owned weight [PAIN] */
	logtext l;
	run x;
	session_spec s = {{NULL, NULL, "sets = 1; reps = 11; load_kg = 1.0; effort = 4; pain = 2; next_morning_ok = true;", NULL, NULL, NULL}};
	session_spec hurt = {{NULL, NULL, "sets = 1; reps = 10; load_kg = 1.0; effort = 4; pain = 6; next_morning_ok = true;", NULL, NULL, NULL}};
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 1);
	log_session(&l, dates[1][0], &s);
	log_session(&l, dates[1][1], &s);
	log_session(&l, dates[1][2], &hurt);
	run_review(&x, MARGARET, log_end(&l, NULL), NULL);
	expect(x.r, ids[KNEE], "RV-PAIN-DURING", GRADUS_ADJ_EASIER);
	assert_true(fabs(resume_for(x.r, KNEE)->load_kg - 0.5) < 1e-9);
	assert_true(fabs(first_week_item(x.r, ids[KNEE])->load.kg - 0.5) < 1e-9);
	assert_non_null(strstr(adj_for(x.r, ids[KNEE])->reason, "0.5 kg instead of 1 kg"));
	run_free(&x);
	free(l.text);
}

static void rule_pain_next_day_repeats(void **state)
{
	/* at the top of the range twice, but the pain had not settled the
	 * morning after the last: the same again, no rise [PAIN] */
	logtext l;
	run x;
	session_spec top = {{NULL, NULL, NULL, NULL, NULL, "sets = 1; reps = 12; effort = 3; pain = 2; next_morning_ok = true;"}};
	session_spec sore = {{NULL, NULL, NULL, NULL, NULL, "sets = 1; reps = 12; effort = 3; pain = 2; next_morning_ok = false;"}};
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 1);
	log_session(&l, dates[1][0], NULL);
	log_session(&l, dates[1][1], &top);
	log_session(&l, dates[1][2], &sore);
	run_review(&x, MARGARET, log_end(&l, NULL), NULL);
	expect(x.r, ids[CALF], "RV-PAIN-NEXT-DAY", GRADUS_ADJ_REPEAT);
	assert_false(resume_for(x.r, CALF)->advance);
	assert_int_equal(first_week_item(x.r, ids[CALF])->change, GRADUS_CHANGE_START);
	run_free(&x);
	free(l.text);
}

static void rule_pain_next_day_twice_makes_it_easier(void **state)
{
	/* twice running: one step easier; at 1 set, both hands and the
	 * fewest reps, that is the easier variant [PAIN] */
	logtext l;
	run x;
	session_spec sore = {{NULL, NULL, NULL, NULL, NULL, "sets = 1; reps = 10; effort = 4; pain = 3; next_morning_ok = false;"}};
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 1);
	log_session(&l, dates[1][0], NULL);
	log_session(&l, dates[1][1], &sore);
	log_session(&l, dates[1][2], &sore);
	run_review(&x, MARGARET, log_end(&l, NULL), NULL);
	expect(x.r, ids[CALF], "RV-PAIN-NEXT-DAY-TWICE", GRADUS_ADJ_EASIER);
	assert_string_equal(resume_for(x.r, CALF)->exercise_id, "seated-calf-raise");
	assert_non_null(first_week_item(x.r, "seated-calf-raise"));
	assert_null(first_week_item(x.r, ids[CALF]));
	run_free(&x);
	free(l.text);
}

static void rule_too_hard_reduces_the_load(void **state)
{
	/* effort 9: the next lighter owned weight (D) */
	logtext l;
	run x;
	session_spec s = {{NULL, NULL, "sets = 1; reps = 11; load_kg = 1.0; effort = 4; pain = 0; next_morning_ok = true;", NULL, NULL, NULL}};
	session_spec hard = {{NULL, NULL, "sets = 1; reps = 11; load_kg = 1.0; effort = 9; pain = 0; next_morning_ok = true;", NULL, NULL, NULL}};
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 1);
	log_session(&l, dates[1][0], &s);
	log_session(&l, dates[1][1], &s);
	log_session(&l, dates[1][2], &hard);
	run_review(&x, MARGARET, log_end(&l, NULL), NULL);
	expect(x.r, ids[KNEE], "RV-TOO-HARD", GRADUS_ADJ_REDUCE);
	assert_true(fabs(resume_for(x.r, KNEE)->load_kg - 0.5) < 1e-9);
	run_free(&x);
	free(l.text);
}

static void rule_too_hard_reps_short_holds(void **state)
{
	/* 7 reps with a window of 10-12 (2 or more short; 1 set planned):
	 * body weight, so hold: nothing rises (D) */
	logtext l;
	run x;
	session_spec shortr = {{"sets = 1; reps = 7; effort = 6; pain = 0; next_morning_ok = true;", NULL, NULL, NULL, NULL, NULL}};
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 1);
	log_session(&l, dates[1][0], NULL);
	log_session(&l, dates[1][1], NULL);
	log_session(&l, dates[1][2], &shortr);
	run_review(&x, MARGARET, log_end(&l, NULL), NULL);
	expect(x.r, ids[STS], "RV-TOO-HARD", GRADUS_ADJ_REPEAT);
	assert_non_null(strstr(adj_for(x.r, ids[STS])->reason, "reps done: 7"));
	run_free(&x);
	free(l.text);
}

static void rule_missed_sessions_repeats_the_week(void **state)
{
	/* week 2: 1 of 3 sessions (less than half): week 2 again (D) */
	logtext l;
	run x;
	session_spec top = {{"sets = 1; reps = 12; effort = 3; pain = 0; next_morning_ok = true;", NULL, NULL, NULL, NULL, NULL}};
	(void)state;
	log_begin(&l, NULL);
	log_session(&l, dates[0][0], NULL);
	log_session(&l, dates[0][1], &top);
	log_session(&l, dates[0][2], &top);
	log_session(&l, dates[1][0], &top);
	run_review(&x, MARGARET, log_end(&l, NULL), NULL);
	expect(x.r, NULL, "RV-MISSED-SESSIONS", GRADUS_ADJ_WEEK);
	assert_int_equal(x.r->resume->week, 2);
	assert_int_equal(x.r->plan->weeks[0].number, 2);
	/* no rise, even after 2-for-2 */
	expect(x.r, ids[STS], "RV-MISSED-SESSIONS", GRADUS_ADJ_REPEAT);
	assert_false(resume_for(x.r, STS)->advance);
	run_free(&x);
	free(l.text);
}

static void rule_long_gap_restarts_a_phase_lower(void **state)
{
	/* weeks 1-3 done, weeks 4 and 5 missed: from "Building" back to
	 * "Getting started", week 1 (D) */
	logtext l;
	run x;
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 3);
	run_review(&x, MARGARET, log_end(&l, "weeks = ( { week = 4; }, { week = 5; } );\n"), NULL);
	expect(x.r, NULL, "RV-LONG-GAP", GRADUS_ADJ_WEEK);
	assert_int_equal(x.r->resume->week, 1);
	assert_string_equal(x.r->plan->weeks[0].phase, "Getting started");
	assert_int_equal(first_week_item(x.r, ids[STS])->reps_min, 10);
	run_free(&x);
	free(l.text);
}

static void rule_long_gap_counts_weeks_before_the_start(void **state)
{
	/* the log ends with week 3; the new plan starts 2 weeks later */
	logtext l;
	run x;
	gradus_review_options o = {{2027, 1, 5}, 0};
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 3);
	run_review(&x, MARGARET, log_end(&l, NULL), &o);
	expect(x.r, NULL, "RV-LONG-GAP", GRADUS_ADJ_WEEK);
	assert_int_equal(x.r->resume->week, 1);
	assert_int_equal(x.r->plan->start.m, 1);
	assert_int_equal(x.r->plan->start.d, 5);
	run_free(&x);
	/* one week away is not a long gap */
	o.start = (gradus_date){2026, 12, 29};
	run_review(&x, MARGARET, l.text, &o);
	assert_null(adj_for(x.r, NULL));
	assert_int_equal(x.r->resume->week, 4);
	run_free(&x);
	free(l.text);
}

static void pain_beats_a_plan_level_repeat(void **state)
{
	/* safety first: an exercise that hurt is made easier even when the
	 * whole plan restarts a phase lower */
	logtext l;
	run x;
	session_spec hurt = {{NULL, NULL, NULL, NULL, "sets = 1; reps = 12; load_kg = 1.0; support = \"two_hands\"; effort = 5; pain = 7; next_morning_ok = true;", NULL}};
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 2);
	log_session(&l, dates[2][0], NULL);
	log_session(&l, dates[2][1], NULL);
	log_session(&l, dates[2][2], &hurt);
	run_review(&x, MARGARET, log_end(&l, "weeks = ( { week = 4; }, { week = 5; } );\n"), NULL);
	expect(x.r, NULL, "RV-LONG-GAP", GRADUS_ADJ_WEEK);
	expect(x.r, ids[HIP], "RV-PAIN-DURING", GRADUS_ADJ_EASIER);
	expect(x.r, ids[STS], "RV-LONG-GAP", GRADUS_ADJ_REPEAT);
	assert_true(fabs(resume_for(x.r, HIP)->load_kg - 0.5) < 1e-9);
	run_free(&x);
	free(l.text);
}

static void rule_illness_pauses_until_cleared(void **state)
{
	/* ill in week 2 and no session since: pause, exit 11 [OTAGO] */
	logtext l;
	run x;
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 1);
	log_session(&l, dates[1][0], NULL);
	run_review(&x, MARGARET, log_end(&l, "weeks = ( { week = 2; ill = true; } );\n"), NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PAUSE);
	assert_int_equal(x.r->tier, GRADUS_TIER_CLEARANCE);
	assert_int_equal(gradus_tier_exit_code(x.r->tier), 11);
	assert_null(x.r->plan);
	assert_string_equal(x.r->screening->findings[x.r->screening->n_findings - 1].rule->id,
			    "RV-ILLNESS-PAUSE");
	run_free(&x);
	free(l.text);
}

static void rule_illness_cleared_restarts_easier(void **state)
{
	logtext l;
	run x;
	(void)state;
	/* in hospital in week 2 (from 8 Dec); the OK on 14 Dec; the new
	 * plan starts with week 3 (15 Dec) */
	log_begin(&l, "clearance = { by = \"Dr A. Patel\"; date = \"2026-12-14\"; };");
	log_weeks(&l, 1, 1);
	log_session(&l, dates[1][0], NULL);
	run_review(&x, MARGARET, log_end(&l, "weeks = ( { week = 2; hospital = true; } );\n"), NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PLAN);
	expect(x.r, NULL, "RV-ILLNESS-RESTART", GRADUS_ADJ_WEEK);
	assert_int_equal(x.r->resume->week, 2);
	for (int k = 0; k < N_EX; k++)
		if (k != PULL)
			expect(x.r, ids[k], "RV-ILLNESS-RESTART", GRADUS_ADJ_EASIER);
	/* the band pull-apart: the lightest band she owns, 1 set, the
	 * fewest reps, no easier version: the same again, not left out */
	expect(x.r, ids[PULL], "RV-ILLNESS-RESTART", GRADUS_ADJ_REPEAT);
	assert_string_equal(resume_for(x.r, PULL)->exercise_id, ids[PULL]);
	run_free(&x);
	free(l.text);
}

/* Issue 15: a doctor's OK dated after the new start is not yet an OK:
 * the plan stays paused and says from when it may start; started on that
 * day, it restarts. */
static void no_restart_before_the_clearance_date(void **state)
{
	logtext l;
	run x;
	gradus_review_options o = {{2026, 12, 18}, 0};
	const char *log_text;
	(void)state;
	log_begin(&l, "clearance = { by = \"Dr A. Patel\"; date = \"2026-12-18\"; };");
	log_weeks(&l, 1, 1);
	log_session(&l, dates[1][0], NULL);
	log_text = log_end(&l, "weeks = ( { week = 2; hospital = true; } );\n");
	run_review(&x, MARGARET, log_text, NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PAUSE);
	assert_null(x.r->plan);
	assert_non_null(strstr(x.r->follow_up, "dated 18 Dec 2026, after the new start (15 Dec 2026)"));
	run_free(&x);
	run_review(&x, MARGARET, log_text, &o);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PLAN);
	expect(x.r, NULL, "RV-ILLNESS-RESTART", GRADUS_ADJ_WEEK);
	run_free(&x);
	free(l.text);
}

static void an_old_illness_is_history(void **state)
{
	logtext l;
	run x;
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 3);
	run_review(&x, MARGARET, log_end(&l, "weeks = ( { week = 1; ill = true; } );\n"), NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PLAN);
	assert_null(adj_for(x.r, NULL));
	run_free(&x);
	free(l.text);
}

/* Runs one case of an "easier" rule on exercise k: `entry` on the last
 * session of `week` (and on the one before when `twice`). */
static void easier_case(size_t i, int k, const char *entry, int week, bool twice,
			const char *rule, const char *what, const char *id_after)
{
	logtext l;
	run x;
	session_spec s = {{NULL, NULL, NULL, NULL, NULL, NULL}};
	s.e[k] = entry;
	log_begin(&l, NULL);
	log_weeks(&l, 1, week - 1);
	log_session(&l, dates[week - 1][0], NULL);
	log_session(&l, dates[week - 1][1], twice ? &s : NULL);
	log_session(&l, dates[week - 1][2], &s);
	run_review(&x, MARGARET, log_end(&l, NULL), NULL);
	expect(x.r, ids[k], rule, GRADUS_ADJ_EASIER);
	if (!strstr(adj_for(x.r, ids[k])->reason, what))
		fail_msg("case %zu: '%s' does not say '%s'", i, adj_for(x.r, ids[k])->reason, what);
	assert_string_equal(resume_for(x.r, k)->exercise_id, id_after ? id_after : ids[k]);
	run_free(&x);
	free(l.text);
}

static void easier_steps_in_order(void **state)
{
	/* pain the next morning twice: load, support, sets, reps (one rep
	 * step of the generator: 13-15 back to 10-12), then the variant */
	static const struct {
		const char *entry;
		int week;
		const char *what, *after;
	} cases[] = {
		{"sets = 2; reps = 12; load_kg = 1.0; support = \"one_hand\"; effort = 5; pain = 3; next_morning_ok = false;", 2, "a lighter load: 0.5 kg instead of 1 kg", NULL},
		{"sets = 2; reps = 12; load_kg = 0.5; support = \"one_hand\"; effort = 5; pain = 3; next_morning_ok = false;", 2, "more support: holding on with both hands", NULL},
		/* week 4: 2 x 13-15 planned */
		{"sets = 2; reps = 14; load_kg = 0.5; support = \"two_hands\"; effort = 5; pain = 3; next_morning_ok = false;", 4, "one set fewer: 1 instead of 2", NULL},
		/* week 3: 1 x 13-15 planned */
		{"sets = 1; reps = 14; load_kg = 0.5; support = \"two_hands\"; effort = 5; pain = 3; next_morning_ok = false;", 3, "fewer reps: 10 to 12 instead of 13 to 15", NULL},
		{"sets = 1; reps = 10; load_kg = 0.5; support = \"two_hands\"; effort = 5; pain = 3; next_morning_ok = false;", 2, "the easier version", "standing-hip-abduction-supported"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		easier_case(i, HIP, cases[i].entry, cases[i].week, true, "RV-PAIN-NEXT-DAY-TWICE",
			    cases[i].what, cases[i].after);
}

static void pain_during_takes_the_weight_off_first(void **state)
{
	/* pain above 5 during one exercise [PAIN]: the added weight comes
	 * off first (D): one owned load lighter; at the lightest weight, or
	 * for body weight, the easier version, before support, sets or
	 * reps; without an easier version, then sets */
	(void)state;
	easier_case(0, HIP, "sets = 2; reps = 12; load_kg = 1.0; support = \"one_hand\"; effort = 5; pain = 6;", 2,
		    false, "RV-PAIN-DURING", "a lighter load: 0.5 kg instead of 1 kg", NULL);
	/* 0.5 kg is her lightest: the version without the weight, not
	 * more support */
	easier_case(1, HIP, "sets = 2; reps = 12; load_kg = 0.5; support = \"one_hand\"; effort = 5; pain = 6;", 2,
		    false, "RV-PAIN-DURING", "the easier version, \"Side leg lifts holding the counter\"",
		    "standing-hip-abduction-supported");
	/* body weight, week 4 (2 x 13-15): the easier version, not one
	 * set fewer or fewer reps */
	easier_case(2, STS, "sets = 2; reps = 14; effort = 5; pain = 7;", 4, false, "RV-PAIN-DURING",
		    "the easier version", "sit-to-stand-high-seat");
	/* a band with no easier version, at her lightest band (yellow),
	 * week 4 (2 x 13-15): one set fewer */
	easier_case(3, PULL, "sets = 2; reps = 14; band = \"yellow\"; effort = 5; pain = 6;", 4, false,
		    "RV-PAIN-DURING", "one set fewer: 1 instead of 2", NULL);
}

static void no_easier_step_leaves_it_out(void **state)
{
	/* a chair push-up (no easier version) at 1 set and the fewest reps
	 * that hurt: left out until the therapist has seen it */
	logtext l;
	run x;
	(void)state;
	l.f = open_memstream(&l.text, &l.len);
	fputs("format = 1;\nplan_start = \"2026-12-01\";\nsessions = (\n"
	      "  { date = \"2026-12-16\"; exercises = (\n"
	      "    { id = \"chair-push-up\"; sets = 1; reps = 10; effort = 5; pain = 7; },\n"
	      "    { id = \"sit-to-stand-no-arms\"; sets = 1; reps = 12; effort = 5; pain = 0; }\n"
	      "  ); }\n);\n", l.f);
	fclose(l.f);
	run_review(&x, MARGARET, l.text, NULL);
	expect(x.r, "chair-push-up", "RV-PAIN-DURING", GRADUS_ADJ_LEFT_OUT);
	assert_null(first_week_item(x.r, "chair-push-up"));
	for (size_t i = 0; i < x.r->resume->n_items; i++)
		assert_string_not_equal(x.r->resume->items[i].exercise_id, "chair-push-up");
	run_free(&x);
	free(l.text);
}

/* A wheelchair user's knee straightening hurts (pain 7 during it, one
 * set, the fewest reps, body weight). Its easier versions in the
 * catalogue are done lying in bed ("Knee straightening over a rolled
 * towel", then the thigh squeeze), which a wheelchair user is never
 * planned (safety invariant 9): none is named, and the exercise is left
 * out until the therapist has seen it. */
static void easier_version_only_one_the_person_may_do(void **state)
{
	logtext l;
	run x;
	const gradus_adjustment *a;
	(void)state;
	l.f = open_memstream(&l.text, &l.len);
	fputs("format = 1;\nplan_start = \"2026-12-01\";\nsessions = (\n"
	      "  { date = \"2026-12-08\"; exercises = (\n"
	      "    { id = \"seated-knee-extension\"; sets = 1; reps = 10; effort = 5; pain = 7; }\n"
	      "  ); }\n);\n", l.f);
	fclose(l.f);
	run_review(&x, "profiles/examples/wheelchair-user.cfg", l.text, NULL);
	expect(x.r, "seated-knee-extension", "RV-PAIN-DURING", GRADUS_ADJ_LEFT_OUT);
	a = adj_for(x.r, "seated-knee-extension");
	if (strstr(a->reason, "rolled towel") || strstr(a->reason, "easier version"))
		fail_msg("names a version for the bed: %s", a->reason);
	assert_null(first_week_item(x.r, "seated-knee-extension"));
	assert_null(first_week_item(x.r, "short-arc-quad-bed"));
	assert_null(first_week_item(x.r, "quad-set-bed"));
	run_free(&x);
	free(l.text);
}

static void unlogged_exercises_go_on_as_planned(void **state)
{
	logtext l;
	run x;
	session_spec three = {{NULL, NULL, NULL, NULL, NULL, "-"}};
	(void)state;
	log_begin(&l, NULL);
	for (int w = 0; w < 2; w++)
		for (int s = 0; s < 3; s++)
			log_session(&l, dates[w][s], &three);
	run_review(&x, MARGARET, log_end(&l, NULL), NULL);
	expect(x.r, ids[CALF], "RV-NOT-LOGGED", GRADUS_ADJ_CONTINUE);
	expect(x.r, ids[STS], "RV-CONTINUE", GRADUS_ADJ_CONTINUE);
	assert_non_null(first_week_item(x.r, ids[CALF]));
	run_free(&x);
	free(l.text);
}

static const gradus_review_history *history_of(const gradus_review *r, const char *id)
{
	for (size_t i = 0; i < r->n_history; i++)
		if (strcmp(r->history[i].exercise->id, id) == 0)
			return &r->history[i];
	return NULL;
}

/* A week the plan had another version of the exercise is "not planned",
 * not a week missed; a planned week with nothing logged is missed. */
static void weeks_of_another_version_are_not_planned(void **state)
{
	char *text = read_text("profiles/examples/logs/margaret-log-follow-up.cfg");
	const gradus_review_history *arms, *crossed;
	run x;
	(void)state;
	assert_non_null(text);
	run_review(&x, MARGARET, text, NULL);
	arms = history_of(x.r, "sit-to-stand-arms");
	crossed = history_of(x.r, "sit-to-stand-no-arms");
	assert_non_null(arms);
	assert_non_null(crossed);
	assert_int_equal(x.r->n_weeks, 8);
	/* the harder version from week 5, as the plan has it */
	for (size_t w = 0; w < 8; w++) {
		assert_int_equal(arms->weeks[w].sets > 0, w < 4);
		assert_int_equal(arms->weeks[w].not_planned, w >= 4);
		assert_int_equal(crossed->weeks[w].sets > 0, w >= 4);
		assert_int_equal(crossed->weeks[w].not_planned, w < 4);
	}
	run_free(&x);
	free(text);

	text = read_text("profiles/examples/logs/margaret-log-weeks-away.cfg");
	assert_non_null(text);
	run_review(&x, MARGARET, text, NULL);
	arms = history_of(x.r, "sit-to-stand-arms");
	assert_non_null(arms);
	assert_int_equal(x.r->n_weeks, 5);
	/* away in weeks 4 and 5: week 4 planned, not done; in week 5 the
	 * plan has the harder version */
	assert_int_equal(arms->weeks[3].sets, 0);
	assert_false(arms->weeks[3].not_planned);
	assert_int_equal(arms->weeks[4].sets, 0);
	assert_true(arms->weeks[4].not_planned);
	run_free(&x);
	free(text);
}

/* ---- re-screen ---- */

static void a_new_one_sided_weakness_stops_everything(void **state)
{
	logtext l;
	run x;
	char *text = NULL;
	size_t len;
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 2);
	run_review(&x, MARGARET, log_end(&l,
		"weeks = ( { week = 1; red_flags = { one_sided_weakness = true; }; },\n"
		"          { week = 2; red_flags = { one_sided_weakness = false; }; } );\n"), NULL);
	/* a yes in any week counts, even if a later week says no */
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_GATED);
	assert_int_equal(x.r->tier, GRADUS_TIER_EMERGENCY);
	assert_int_equal(gradus_tier_exit_code(x.r->tier), 14);
	assert_int_equal(x.r->new_red_flag_week, 1);
	assert_null(x.r->plan);
	assert_int_equal(x.r->profile->red_flags[GRADUS_RF_ONE_SIDED_WEAKNESS], GRADUS_ANSWER_YES);
	/* the profile itself is unchanged */
	assert_int_equal(x.p->red_flags[GRADUS_RF_ONE_SIDED_WEAKNESS], GRADUS_ANSWER_NO);
	for (int f = GRADUS_PLAN_TEXT; f <= GRADUS_PLAN_FHIR_TRANSACTION; f++) {
		assert_int_equal(gradus_review_render(&text, &len, x.r, (gradus_plan_format)f, NULL), GRADUS_OK);
		assert_null(strstr(text, "Strength plan for"));
		assert_null(strstr(text, "BEGIN:VEVENT"));
		assert_null(strstr(text, "\"CarePlan\""));
		if (f == GRADUS_PLAN_JSON) {
			cJSON *j = cJSON_Parse(text);
			assert_non_null(j);
			assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "plan")));
			assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "screening"), "tier")->valuestring,
					    "emergency");
			cJSON_Delete(j);
		}
		free(text);
	}
	run_free(&x);
	free(l.text);
}

/* ---- follow-up ---- */

static char *eight_weeks(const char *measures, int sessions_a_week)
{
	logtext l;
	log_begin(&l, NULL);
	for (int w = 0; w < 8; w++)
		for (int s = 0; s < sessions_a_week; s++)
			log_session(&l, dates[w][s], NULL);
	return log_end(&l, measures);
}

static void follow_up_when_tests_do_not_improve(void **state)
{
	char *text = eight_weeks("measures = ( { date = \"2027-01-26\"; chair_stand_5x_s = 17.9; grip_kg = 14.0; sppb = 6; } );\n", 3);
	run x;
	char *out = NULL;
	size_t len;
	bool found = false;
	(void)state;
	run_review(&x, MARGARET, text, NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_FOLLOW_UP);
	assert_int_equal(x.r->tier, GRADUS_TIER_REVIEW);
	assert_int_equal(gradus_tier_exit_code(x.r->tier), 12);
	assert_null(x.r->plan);
	for (size_t i = 0; i < x.r->screening->n_findings; i++)
		found |= strcmp(x.r->screening->findings[i].rule->id, "FU-NO-PROGRESS") == 0;
	assert_true(found);
	assert_non_null(strstr(x.r->follow_up, "24 of 24 sessions"));
	assert_int_equal(gradus_review_render(&out, &len, x.r, GRADUS_PLAN_TEXT, NULL), GRADUS_OK);
	assert_non_null(strstr(out, "SEE YOUR DOCTOR"));
	assert_non_null(strstr(out, "What was done"));
	assert_non_null(strstr(out, "What changed"));
	assert_non_null(strstr(out, "Why referred"));
	assert_null(strstr(out, "Strength plan for"));
	free(out);
	run_free(&x);
	free(text);
}

static void no_follow_up_when_tests_improve(void **state)
{
	char *text = eight_weeks("measures = ( { date = \"2027-01-26\"; chair_stand_5x_s = 15.9; grip_kg = 15.5; sppb = 7; } );\n", 3);
	run x;
	(void)state;
	run_review(&x, MARGARET, text, NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PLAN);
	assert_non_null(x.r->plan);
	run_free(&x);
	free(text);
}

static void no_follow_up_before_six_weeks_or_below_70_percent(void **state)
{
	run x;
	logtext l;
	char *text;
	(void)state;
	/* 4 weeks: too early */
	log_begin(&l, NULL);
	log_weeks(&l, 1, 4);
	run_review(&x, MARGARET, log_end(&l, "measures = ( { date = \"2026-12-29\"; chair_stand_5x_s = 17.9; } );\n"), NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PLAN);
	run_free(&x);
	free(l.text);
	/* 8 weeks at 2 of 3 (67 %): not enough training for the rule; a
	 * note says so */
	text = eight_weeks("measures = ( { date = \"2027-01-26\"; chair_stand_5x_s = 17.9; } );\n", 2);
	run_review(&x, MARGARET, text, NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PLAN);
	expect(x.r, NULL, "FU-NO-PROGRESS", GRADUS_ADJ_NOTE);
	run_free(&x);
	free(text);
}

static void small_changes_are_test_noise(void **state)
{
	/* 8 weeks at 24 of 24 sessions, the load rose (week 5: knee 1 kg, red
	 * band). 5 chair stands 17.2 -> 15.5 s (1.7 s, less than 2.5
	 * [GOLDBERG2012]), grip 14.5 -> 15.5 kg (less than 5 [BOHANNON2019]),
	 * SPPB 6 -> 6: no meaningful gain, so the follow-up */
	char *text = eight_weeks("measures = ( { date = \"2027-01-26\"; chair_stand_5x_s = 15.5; grip_kg = 15.5; sppb = 6; } );\n", 3);
	run x;
	(void)state;
	run_review(&x, MARGARET, text, NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_FOLLOW_UP);
	assert_non_null(strstr(x.r->follow_up, "5 chair stands 17.2 s to 15.5 s (within test noise)"));
	run_free(&x);
	free(text);
	/* gait speed 0.72 -> 0.82 m/s: 0.1 m/s is a meaningful gain
	 * [PERERA2006] */
	text = eight_weeks("measures = ( { date = \"2027-01-26\"; chair_stand_5x_s = 15.5; gait_speed_m_s = 0.82; sppb = 6; } );\n", 3);
	run_review(&x, MARGARET, text, NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PLAN);
	run_free(&x);
	free(text);
}

static void no_follow_up_before_the_load_rose(void **state)
{
	/* neuro-cleared (maintenance: the load never rises), 8 weeks of the
	 * plan's sessions, all done; the re-test shows no gain: the rule
	 * waits for a plan whose load rose, and a note says so */
	const char *path = "profiles/examples/neuro-cleared.cfg";
	char *ptext = read_text(path);
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from(ptext, d);
	gradus_screening *sc = NULL;
	gradus_plan *pl = NULL;
	logtext l;
	run x;
	int n = 0;
	(void)state;
	free(ptext);
	assert_non_null(p);
	assert_int_equal(gradus_screen(&sc, p, (gradus_date){0, 0, 0}, d), GRADUS_OK);
	assert_int_equal(gradus_plan_generate(&pl, p, sc, test_catalogue(), test_templates(), NULL, d), GRADUS_OK);
	log_begin(&l, NULL);
	for (size_t w = 0; w < 8 && w < pl->n_weeks; w++)
		for (size_t k = 0; k < pl->weeks[w].n_sessions; k++) {
			const gradus_session *ss = &pl->weeks[w].sessions[k];
			char ds[11];
			gradus_date_format(ss->date, ds);
			/* the changes of this plan: no load or version rise */
			for (size_t i = 0; i < ss->n_items; i++) {
				assert_int_not_equal(ss->items[i].change, GRADUS_CHANGE_LOAD);
				assert_int_not_equal(ss->items[i].change, GRADUS_CHANGE_VARIANT);
			}
			fprintf(l.f, "%s  { date = \"%s\"; exercises = (\n", n++ ? ",\n" : "", ds);
			for (size_t i = 0; i < ss->n_items; i++)
				fprintf(l.f, "%s    { id = \"%s\"; sets = 1; reps = 10; effort = 4; pain = 0; next_morning_ok = true; }",
					i ? ",\n" : "", ss->items[i].exercise->id);
			fputs(" ); }", l.f);
		}
	run_review(&x, path, log_end(&l, "measures = ( { date = \"2027-01-26\"; chair_stand_5x_s = 14.1; grip_kg = 19.0; sppb = 8; } );\n"), NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PLAN);
	expect(x.r, NULL, "FU-NO-PROGRESS", GRADUS_ADJ_NOTE);
	assert_non_null(strstr(adj_for(x.r, NULL)->reason, "no load rose"));
	run_free(&x);
	free(l.text);
	gradus_plan_free(pl);
	gradus_screening_free(sc);
	gradus_profile_free(p);
	gradus_diags_free(d);
}

static void follow_up_when_sppb_falls_two_points(void **state)
{
	logtext l;
	run x;
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 2);
	run_review(&x, MARGARET, log_end(&l, "measures = ( { date = \"2026-12-15\"; sppb = 4; } );\n"), NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_FOLLOW_UP);
	assert_non_null(strstr(x.r->follow_up, "SPPB"));
	run_free(&x);
	free(l.text);
}

/* ---- output ---- */

static void renders_every_format(void **state)
{
	char *ptext = read_text(MARGARET);
	char *ltext = read_text("profiles/examples/logs/margaret-log-weeks1-3.cfg");
	run x;
	char *out = NULL, *again = NULL;
	size_t len, len2;
	cJSON *j;
	(void)state;
	free(ptext);
	run_review(&x, MARGARET, ltext, NULL);
	/* JSON: the review with the plan in it */
	assert_int_equal(gradus_review_render(&out, &len, x.r, GRADUS_PLAN_JSON, NULL), GRADUS_OK);
	j = cJSON_Parse(out);
	assert_non_null(j);
	assert_string_equal(cJSON_GetObjectItem(j, "format")->valuestring, "gradus-review/1");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "plan"), "format")->valuestring,
			    "gradus-plan/2");
	{
		cJSON *a = cJSON_GetObjectItem(j, "adjustments"), *e;
		/* the example log has 4 of the plan's 6 exercises: the wall
		 * push-up and the band pull-apart go on as planned
		 * (RV-NOT-LOGGED) */
		assert_int_equal(cJSON_GetArraySize(a), 6);
		cJSON_ArrayForEach(e, a) {
			assert_non_null(cJSON_GetObjectItem(e, "exercise"));
			assert_non_null(cJSON_GetObjectItem(e, "rule")->valuestring);
			assert_non_null(cJSON_GetObjectItem(e, "reason")->valuestring);
			assert_non_null(cJSON_GetObjectItem(e, "source")->valuestring);
		}
		assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "adherence")), 3);
		assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "measures")), 1);
	}
	cJSON_Delete(j);
	/* the same inputs, the same bytes */
	assert_int_equal(gradus_review_render(&again, &len2, x.r, GRADUS_PLAN_JSON, NULL), GRADUS_OK);
	assert_int_equal(len, len2);
	assert_memory_equal(out, again, len);
	free(out);
	free(again);
	/* text: the summary first, then the plan; the reasons in --explain */
	gradus_render_options ex = {true, false, NULL, NULL, NULL, 0};
	assert_int_equal(gradus_review_render(&out, &len, x.r, GRADUS_PLAN_TEXT, &ex), GRADUS_OK);
	assert_true(strstr(out, "Progress review for Margaret") < strstr(out, "Strength plan for Margaret"));
	/* the changes' rules on the therapist's page only */
	assert_true(strstr(out, "For your therapist") < strstr(out, "[RV-TWO-FOR-TWO: ACSM2009]"));
	assert_true(strstr(out, "[RV-") > strstr(out, "For your therapist"));
	for (char *line = out; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		size_t cols = 0;
		for (size_t i = 0; i < n; i++)
			cols += ((unsigned char)line[i] & 0xc0) != 0x80;
		if (cols > 80)
			fail_msg("line longer than 80 columns: %.*s", (int)n, line);
		line += n + (nl ? 1 : 0);
	}
	free(out);
	/* HTML: the chart, no scripts */
	assert_int_equal(gradus_review_render(&out, &len, x.r, GRADUS_PLAN_HTML, NULL), GRADUS_OK);
	assert_non_null(strstr(out, "id=\"gradus-review-summary\""));
	assert_non_null(strstr(out, "<svg"));
	assert_null(strstr(out, "<script"));
	assert_true(strstr(out, "gradus-review-summary") < strstr(out, "id=\"week-4\""));
	assert_true(strstr(out, "[RV-") > strstr(out, "For your therapist"));
	assert_true(strstr(out, "[RV-TWO-FOR-TWO: ACSM2009]") > strstr(out, "For your therapist"));
	free(out);
	/* FHIR and ICS: the plan only */
	assert_int_equal(gradus_review_render(&out, &len, x.r, GRADUS_PLAN_ICS, NULL), GRADUS_OK);
	assert_non_null(strstr(out, "BEGIN:VCALENDAR"));
	assert_null(strstr(out, "Progress review"));
	free(out);
	assert_int_equal(gradus_review_render(&out, &len, x.r, GRADUS_PLAN_FHIR, NULL), GRADUS_OK);
	assert_non_null(strstr(out, "\"resourceType\""));
	free(out);
	run_free(&x);
	free(ltext);
}

static void the_log_must_fit_the_profile(void **state)
{
	gradus_diags *d = gradus_diags_new();
	char *ptext = read_text(MARGARET);
	gradus_profile *p = profile_from(ptext, d);
	gradus_log *log = NULL;
	gradus_review *r = NULL;
	gradus_review_options o = {{2026, 12, 3}, 0};
	char *t;
	(void)state;
	/* a session before the plan began */
	assert_int_equal(gradus_log_load_string(&log, "log.cfg",
		"format = 1;\nsessions = ( { date = \"2026-11-30\"; exercises = (\n"
		"  { id = \"sit-to-stand-no-arms\"; sets = 1; reps = 10; } ); } );\n",
		test_catalogue(), d), GRADUS_OK);
	assert_int_equal(gradus_review_run(&r, p, log, test_catalogue(), test_templates(), NULL, d),
			 GRADUS_EINVALID);
	assert_null(r);
	t = diags_text(d);
	assert_string_equal(t, "log.cfg:2: error: session on 2026-11-30 is before the plan started (2026-12-01)\n");
	free(t);
	gradus_log_free(log);
	gradus_diags_clear(d);
	/* --start must come after the last session */
	assert_int_equal(gradus_log_load_string(&log, "log.cfg",
		"format = 1;\nsessions = ( { date = \"2026-12-04\"; exercises = (\n"
		"  { id = \"sit-to-stand-no-arms\"; sets = 1; reps = 10; } ); } );\n",
		test_catalogue(), d), GRADUS_OK);
	assert_int_equal(gradus_review_run(&r, p, log, test_catalogue(), test_templates(), &o, d),
			 GRADUS_EUSAGE);
	t = diags_text(d);
	assert_string_equal(t, "log.cfg: error: the new plan must start after the last logged session (2026-12-04)\n");
	free(t);
	gradus_log_free(log);
	gradus_profile_free(p);
	free(ptext);
	gradus_diags_free(d);
}

/* Issue 15: the tests against the logged plan's start. A re-test dated
 * before it, or profile measures dated after it, would make the
 * follow-up trigger count tests from the wrong side of the start:
 * errors, every one. */
static void tests_on_the_right_side_of_the_start(void **state)
{
	gradus_diags *d = gradus_diags_new();
	char *ptext = read_text(MARGARET);
	gradus_profile *p = profile_from(ptext, d);
	gradus_log *log = NULL;
	gradus_review *r = NULL;
	char *t;
	(void)state;
	assert_non_null(p);
	/* no plan_start in the log: the profile's start (2026-12-01) */
	assert_int_equal(gradus_log_load_string(&log, "log.cfg",
		"format = 1;\nsessions = ( { date = \"2026-12-02\"; exercises = (\n"
		"  { id = \"sit-to-stand-no-arms\"; sets = 1; reps = 10; } ); } );\n"
		"measures = ( { date = \"2026-11-25\"; sppb = 7; } );\n",
		test_catalogue(), d), GRADUS_OK);
	assert_int_equal(gradus_review_run(&r, p, log, test_catalogue(), test_templates(), NULL, d),
			 GRADUS_EINVALID);
	assert_null(r);
	t = diags_text(d);
	assert_string_equal(t, "log.cfg:4: error: re-test on 2026-11-25 is before the plan started (2026-12-01): write the tests it started from in the profile's 'measures'\n");
	free(t);
	gradus_log_free(log);
	gradus_diags_clear(d);
	/* a logged plan that began before the profile's tests were done */
	assert_int_equal(gradus_log_load_string(&log, "log.cfg",
		"format = 1;\nplan_start = \"2026-11-10\";\n"
		"sessions = ( { date = \"2026-11-11\"; exercises = (\n"
		"  { id = \"sit-to-stand-no-arms\"; sets = 1; reps = 10; } ); } );\n",
		test_catalogue(), d), GRADUS_OK);
	assert_int_equal(gradus_review_run(&r, p, log, test_catalogue(), test_templates(), NULL, d),
			 GRADUS_EINVALID);
	assert_null(r);
	t = diags_text(d);
	assert_string_equal(t, "test.cfg:68: error: 'measures.date' is 2026-11-20, after the logged plan started (2026-11-10): the profile's measures are the tests it started from; write later re-tests in the log\n");
	free(t);
	gradus_log_free(log);
	gradus_profile_free(p);
	free(ptext);
	gradus_diags_free(d);
}

/* ---- invariants on reviewed plans (safety invariants 3-9, docs/hazards.md) ---- */

static uint64_t rng_state;
static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (unsigned)((rng_state >> 33) % n) : 0;
}

static bool position_fits(gradus_position pos, gradus_mobility mob)
{
	switch (mob) {
	case GRADUS_MOB_BED:
		return pos == GRADUS_POS_BED || pos == GRADUS_POS_SUPINE || pos == GRADUS_POS_SEATED;
	case GRADUS_MOB_WHEELCHAIR:
		return pos == GRADUS_POS_SEATED;
	case GRADUS_MOB_WALKS_WITH_AID:
		return pos != GRADUS_POS_STANDING;
	default:
		return true;
	}
}

static bool owns_kg(const double *v, size_t n, double kg)
{
	for (size_t i = 0; i < n; i++)
		if (fabs(v[i] - kg) < 1e-9)
			return true;
	return false;
}

static int check_exercise(const gradus_profile *p, const gradus_screening *s,
			  const gradus_exercise *e, char *why, size_t n)
{
	if (e->equipment & ~p->equipment)
		return snprintf(why, n, "5: %s needs equipment not owned", e->id);
	if (e->avoid & (p->conditions | s->precautions.avoid))
		return snprintf(why, n, "6: %s has an avoid_with tag of the person", e->id);
	for (size_t i = 0; i < p->n_exclude; i++)
		if (strcmp(p->exclude[i], e->id) == 0)
			return snprintf(why, n, "6: %s is excluded", e->id);
	if (!position_fits(e->position, p->mobility))
		return snprintf(why, n, "9: %s position does not fit mobility", e->id);
	return 0;
}

/* Invariants 3-9 on a reviewed plan; returns a description of the
 * first violation, or NULL. */
static const char *check_plan(const gradus_plan *pl, const gradus_profile *p,
			      const gradus_screening *s, char *why, size_t n)
{
	int cap = p->supervision == GRADUS_SUP_THERAPIST ? 8
		: p->supervision == GRADUS_SUP_CAREGIVER ? 7 : 6;
	long prev_day = -1000000;
	int last_load[16];
	if (pl->assessment.cls <= GRADUS_CLASS_B && cap > 6)
		cap = 6;
	if (s->precautions.neuro_maintenance && cap > 5)
		cap = 5;
	if (s->precautions.effort_cap < cap)
		cap = s->precautions.effort_cap;
	if (p->max_rpe > 0 && p->max_rpe < cap)
		cap = p->max_rpe;
	for (int k = 0; k < 16; k++)
		last_load[k] = -10;
	for (int b = 0; b < 3; b++) {
		const gradus_exercise *const *v = b == 0 ? pl->warmup : b == 1 ? pl->balance : pl->cooldown;
		size_t nv = b == 0 ? pl->n_warmup : b == 1 ? pl->n_balance : pl->n_cooldown;
		for (size_t i = 0; i < nv; i++)
			if (check_exercise(p, s, v[i], why, n))
				return why;
	}
	/* the versions its guide names (hazard 26) */
	for (size_t i = 0; i < pl->n_versions; i++) {
		const gradus_versions *v = &pl->versions[i];
		if ((v->easier && check_exercise(p, s, v->easier, why, n)) ||
		    (v->harder && check_exercise(p, s, v->harder, why, n)))
			return why;
	}
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		for (size_t j = 0; j < wk->n_sessions; j++) {
			const gradus_session *ss = &wk->sessions[j];
			long day = gradus_date_days(ss->date);
			if (!(p->days & (1u << gradus_date_weekday(ss->date)))) {
				snprintf(why, n, "7: week %d: a session on a day not in the profile", wk->number);
				return why;
			}
			if (day - prev_day < 2) {
				snprintf(why, n, "7: week %d: sessions less than 48 h apart", wk->number);
				return why;
			}
			prev_day = day;
			if (gradus_session_minutes(ss) > p->minutes) {
				snprintf(why, n, "8: week %d: %d minutes, the profile has %d",
					 wk->number, gradus_session_minutes(ss), p->minutes);
				return why;
			}
			for (size_t i = 0; i < ss->n_items; i++) {
				const gradus_item *it = &ss->items[i];
				const gradus_exercise *e = it->exercise;
				if (check_exercise(p, s, e, why, n))
					return why;
				if (it->effort_max > cap || it->effort_max > pl->effort_cap) {
					snprintf(why, n, "8: %s effort %d, cap %d", e->id, it->effort_max, cap);
					return why;
				}
				if ((it->load.kind == GRADUS_LOAD_ANKLE_WEIGHT &&
				     !owns_kg(p->ankle_weights_kg, p->n_ankle_weights, it->load.kg)) ||
				    (it->load.kind == GRADUS_LOAD_DUMBBELL &&
				     !owns_kg(p->dumbbells_kg, p->n_dumbbells, it->load.kg)) ||
				    (it->load.kind == GRADUS_LOAD_BAND &&
				     (it->load.band < 0 || !(p->bands & (1u << it->load.band))))) {
					snprintf(why, n, "5: %s with a load not owned", e->id);
					return why;
				}
				if (p->mobility == GRADUS_MOB_WALKS_WITH_AID && e->supported &&
				    it->support == GRADUS_SUPPORT_NONE) {
					snprintf(why, n, "9: %s without support, walking with an aid", e->id);
					return why;
				}
			}
		}
		if (w == 0 || !wk->n_sessions || !pl->weeks[w - 1].n_sessions)
			continue;
		const gradus_session *a = &pl->weeks[w - 1].sessions[0], *b = &wk->sessions[0];
		for (size_t i = 0; i < b->n_items && i < a->n_items && i < 16; i++) {
			const gradus_item *x = &a->items[i], *y = &b->items[i];
			int rises = 0;
			bool load_rise = false;
			if (x->exercise != y->exercise) {
				rises++;
				if (x->exercise->harder != y->exercise) {
					snprintf(why, n, "3: week %d: %s replaced by %s, not its harder version",
						 wk->number, x->exercise->id, y->exercise->id);
					return why;
				}
			} else {
				rises += y->reps_min > x->reps_min;
				rises += y->sets > x->sets;
				rises += x->support != GRADUS_SUPPORT_NA && y->support > x->support;
				load_rise = (y->load.kind == GRADUS_LOAD_ANKLE_WEIGHT || y->load.kind == GRADUS_LOAD_DUMBBELL)
					? y->load.kg > x->load.kg + 1e-9
					: y->load.kind == GRADUS_LOAD_BAND ? y->load.band > x->load.band
					: y->load.machine_step > x->load.machine_step;
				rises += load_rise;
			}
			if (rises > 1 || (wk->deload && rises)) {
				snprintf(why, n, "3: week %d: %s: %d things rose%s", wk->number,
					 y->exercise->id, rises, wk->deload ? " in a lighter week" : "");
				return why;
			}
			if (load_rise) {
				const double *v = y->load.kind == GRADUS_LOAD_DUMBBELL ? p->dumbbells_kg : p->ankle_weights_kg;
				size_t nv = y->load.kind == GRADUS_LOAD_DUMBBELL ? p->n_dumbbells : p->n_ankle_weights;
				double smallest = INFINITY, diff = y->load.kg - x->load.kg;
				for (size_t k = 1; k < nv; k++)
					if (v[k] - v[k - 1] < smallest)
						smallest = v[k] - v[k - 1];
				if ((y->load.kind == GRADUS_LOAD_ANKLE_WEIGHT || y->load.kind == GRADUS_LOAD_DUMBBELL) &&
				    !(diff <= 0.10 * x->load.kg + 1e-9 || fabs(diff - smallest) < 1e-9)) {
					snprintf(why, n, "4: week %d: %s load %g -> %g kg", wk->number,
						 y->exercise->id, x->load.kg, y->load.kg);
					return why;
				}
				if (last_load[i] == (int)w - 1) {
					snprintf(why, n, "4: week %d: %s load rose two weeks running",
						 wk->number, y->exercise->id);
					return why;
				}
				last_load[i] = (int)w;
			}
		}
	}
	return NULL;
}

/* A random log over the plan the profile makes: sessions on its dates
 * (some missed), reps around the window, any effort and pain, sometimes
 * not settled the next morning, other owned loads and supports; weekly
 * check-ins (sometimes ill), sometimes re-tests. */
static char *random_log(const gradus_plan *pl, const gradus_profile *p)
{
	logtext l;
	int weeks = 1 + (int)rnd(pl->n_weeks < 10 ? (unsigned)pl->n_weeks : 10);
	char ps[11];
	gradus_date_format(pl->start, ps);
	l.f = open_memstream(&l.text, &l.len);
	l.n = 0;
	fprintf(l.f, "format = 1;\nplan_start = \"%s\";\n", ps);
	if (rnd(8) == 0)
		fprintf(l.f, "clearance = { by = \"Dr X\"; date = \"2030-01-01\"; };\n");
	fputs("sessions = (\n", l.f);
	for (int w = 0; w < weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		bool away = rnd(10) == 0;
		for (size_t j = 0; j < wk->n_sessions; j++) {
			const gradus_session *ss = &wk->sessions[j];
			char ds[11];
			int k2 = 0;
			if (away || rnd(6) == 0)
				continue;
			gradus_date_format(ss->date, ds);
			fprintf(l.f, "%s  { date = \"%s\"; exercises = (\n", l.n++ ? ",\n" : "", ds);
			for (size_t i = 0; i < ss->n_items; i++) {
				const gradus_item *it = &ss->items[i];
				const gradus_exercise *e = it->exercise;
				int sets = it->sets + (rnd(4) == 0 ? (rnd(2) ? 1 : -1) : 0);
				if (rnd(12) == 0)
					continue;
				if (sets < 1)
					sets = 1;
				fprintf(l.f, "%s    { id = \"%s\"; reps = [", k2++ ? ",\n" : "", e->id);
				for (int s = 0; s < sets; s++)
					fprintf(l.f, "%s%d", s ? ", " : "",
						(int)it->reps_min - 3 + (int)rnd((unsigned)(it->reps_max - it->reps_min + 5)));
				fprintf(l.f, "]; effort = %u; pain = %u;", 2 + rnd(9),
					rnd(5) == 0 ? 4 + rnd(5) : rnd(4));
				if (rnd(3))
					fprintf(l.f, " next_morning_ok = %s;", rnd(6) ? "true" : "false");
				if ((e->load == GRADUS_LOAD_ANKLE_WEIGHT && p->n_ankle_weights) ||
				    (e->load == GRADUS_LOAD_DUMBBELL && p->n_dumbbells)) {
					const double *v = e->load == GRADUS_LOAD_DUMBBELL ? p->dumbbells_kg : p->ankle_weights_kg;
					size_t nv = e->load == GRADUS_LOAD_DUMBBELL ? p->n_dumbbells : p->n_ankle_weights;
					if (rnd(3) == 0)
						fprintf(l.f, " load_kg = %g;", v[rnd((unsigned)nv)]);
				}
				if (e->load == GRADUS_LOAD_BAND && p->bands && rnd(3) == 0) {
					int b;
					do
						b = (int)rnd(GRADUS_BAND__COUNT);
					while (!(p->bands & (1u << b)));
					fprintf(l.f, " band = \"%s\";", gradus_band_name((gradus_band)b));
				}
				if (e->supported && rnd(3) == 0)
					fprintf(l.f, " support = \"%s\";", gradus_support_name((gradus_support)rnd(4)));
				fputs(" }", l.f);
			}
			if (k2 == 0)
				fprintf(l.f, "    { id = \"%s\"; sets = 1; reps = 10; }", ss->items[0].exercise->id);
			fputs(" ); }", l.f);
		}
	}
	fputs("\n);\nweeks = (\n", l.f);
	for (int w = 0; w < weeks; w++)
		fprintf(l.f, "%s  { week = %d; ill = %s; red_flags = { chest_pain = false; }; }",
			w ? ",\n" : "", w + 1, rnd(15) == 0 ? "true" : "false");
	fputs("\n);\n", l.f);
	if (rnd(3) == 0) {
		char ds[11];
		gradus_date_format(gradus_date_add(pl->start, 7L * weeks - 1), ds);
		fprintf(l.f, "measures = ( { date = \"%s\"; chair_stand_5x_s = %u.5; sppb = %u; } );\n",
			ds, 10 + rnd(10), rnd(13));
	}
	fclose(l.f);
	return l.text;
}

static void invariants_hold_on_reviewed_plans(void **state)
{
	const char *env = getenv("GRADUS_REVIEW_COUNT");
	int per = env ? atoi(env) : 40, checked = 0, outcomes[4] = {0, 0, 0, 0};
	int actions[GRADUS_ADJ_NOTE + 1] = {0};
	(void)state;
	rng_state = 0x7265766965770001ULL; /* "review" */
	for (size_t f = 0; f < n_plannable_profiles; f++) {
		char *ptext = read_text(plannable_profiles[f]);
		gradus_diags *d = gradus_diags_new();
		gradus_profile *p = profile_from(ptext, d);
		gradus_screening *s = NULL;
		gradus_plan *pl = NULL;
		assert_non_null(p);
		assert_int_equal(gradus_screen(&s, p, (gradus_date){0, 0, 0}, d), GRADUS_OK);
		assert_int_equal(gradus_plan_generate(&pl, p, s, test_catalogue(), test_templates(), NULL, d),
				 GRADUS_OK);
		for (int i = 0; i < per; i++) {
			char *text = random_log(pl, p);
			gradus_log *log = NULL;
			gradus_review *r = NULL;
			char why[300];
			int rc = gradus_log_load_string(&log, "random.cfg", text, test_catalogue(), d);
			if (rc != GRADUS_OK) {
				gradus_diags_print(d, stderr);
				fail_msg("%s: random log %d does not load:\n%s", plannable_profiles[f], i, text);
			}
			rc = gradus_review_run(&r, p, log, test_catalogue(), test_templates(), NULL, d);
			if (rc != GRADUS_OK) {
				gradus_diags_print(d, stderr);
				fail_msg("%s: review of random log %d failed:\n%s", plannable_profiles[f], i, text);
			}
			outcomes[r->outcome]++;
			for (size_t k = 0; k < r->n_adjustments; k++)
				actions[r->adjustments[k].action]++;
			if (r->outcome == GRADUS_REVIEW_PLAN) {
				const char *bad;
				assert_true(r->tier <= GRADUS_TIER_PRECAUTIONS);
				assert_non_null(r->plan);
				assert_int_equal(r->plan->first_week, r->resume->week);
				bad = check_plan(r->plan, r->profile, r->screening, why, sizeof(why));
				if (bad)
					fail_msg("%s, random log %d: invariant %s\n%s", plannable_profiles[f], i, bad, text);
				/* an easier version the review names is one the
				 * person may do (its reason names it) */
				for (size_t k = 0; k < r->resume->n_items; k++) {
					const gradus_exercise *e = gradus_catalogue_find(
						test_catalogue(), r->resume->items[k].exercise_id);
					if (e && strstr(r->resume->items[k].why ? r->resume->items[k].why : "",
							"the easier version") &&
					    check_exercise(r->profile, r->screening, e, why, sizeof(why)))
						fail_msg("%s, random log %d: the review names %s: %s\n%s",
							 plannable_profiles[f], i, e->id, why, text);
				}
				checked++;
			} else {
				/* invariant 1: no plan above precautions */
				assert_null(r->plan);
				assert_true(r->tier > GRADUS_TIER_PRECAUTIONS);
			}
			gradus_review_free(r);
			gradus_log_free(log);
			free(text);
			gradus_diags_clear(d);
		}
		gradus_plan_free(pl);
		gradus_screening_free(s);
		gradus_profile_free(p);
		gradus_diags_free(d);
		free(ptext);
	}
	printf("# %d reviewed plans checked (outcomes: %d plan, %d gated, %d follow-up, %d pause)\n",
	       checked, outcomes[0], outcomes[1], outcomes[2], outcomes[3]);
	printf("# adjustments:");
	for (int a = 0; a <= GRADUS_ADJ_NOTE; a++)
		printf(" %s %d", gradus_adjust_action_name((gradus_adjust_action)a), actions[a]);
	printf("\n");
	assert_true(checked >= per * 3);
	/* not vacuous: every kind of change was made and checked */
	if (per >= 40)
		for (int a = GRADUS_ADJ_CONTINUE; a <= GRADUS_ADJ_WEEK; a++)
			assert_true(actions[a] > 0);
}

/* ---- blanks (gradus log new) ---- */

static const session_spec blank_session = {{
	"reps = []; effort = \"\"; pain = \"\"; next_morning_ok = \"\";",
	"reps = []; effort = \"\"; pain = \"\"; next_morning_ok = \"\";",
	"reps = []; effort = \"\"; pain = \"\"; next_morning_ok = \"\";",
	"reps = []; effort = \"\"; pain = \"\"; next_morning_ok = \"\";",
	"reps = []; effort = \"\"; pain = \"\"; next_morning_ok = \"\";",
	"reps = []; effort = \"\"; pain = \"\"; next_morning_ok = \"\";"}};

/* A weekly question asked and left blank is never a "no": up to the
 * last logged week it is unanswered, and the re-screen stops as it does
 * for a profile (incomplete, exit 10), naming the question. */
static void a_blank_red_flag_is_unanswered(void **state)
{
	logtext l;
	run x;
	char *text = NULL;
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 2);
	run_review(&x, MARGARET, log_end(&l,
		"weeks = ( { week = 1; red_flags = { chest_pain = false; one_sided_weakness = false; }; },\n"
		"          { week = 2; red_flags = { chest_pain = false; one_sided_weakness = \"\"; }; } );\n"), NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_GATED);
	assert_int_equal(x.r->tier, GRADUS_TIER_INCOMPLETE);
	assert_int_equal(gradus_tier_exit_code(x.r->tier), 10);
	assert_int_equal(x.r->blank_check_in_week, 2);
	assert_int_equal(x.r->profile->red_flags[GRADUS_RF_ONE_SIDED_WEAKNESS], GRADUS_ANSWER_MISSING);
	assert_null(x.r->plan);
	assert_int_equal(gradus_review_render(&text, NULL, x.r, GRADUS_PLAN_TEXT, NULL), GRADUS_OK);
	assert_non_null(strstr(text, "red_flags.one_sided_weakness"));
	assert_non_null(strstr(text, "week 2"));
	free(text);
	run_free(&x);
	free(l.text);
	/* a check-in with nothing answered, in a week with sessions: every
	 * question is unanswered */
	log_begin(&l, NULL);
	log_weeks(&l, 1, 2);
	run_review(&x, MARGARET, log_end(&l,
		"weeks = ( { week = 2; red_flags = { chest_pain = \"\"; one_sided_weakness = \"\"; }; } );\n"), NULL);
	assert_int_equal(x.r->tier, GRADUS_TIER_INCOMPLETE);
	assert_int_equal(x.r->blank_check_in_week, 2);
	assert_int_equal(x.r->profile->red_flags[GRADUS_RF_CHEST_PAIN], GRADUS_ANSWER_MISSING);
	run_free(&x);
	free(l.text);
}

/* A yes elsewhere still counts (a blank never hides it), and the blank
 * check-ins after the last logged week are not yet due. */
static void blanks_after_the_last_week_wait(void **state)
{
	logtext l;
	run x;
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 2);
	log_session(&l, dates[2][0], &blank_session);
	run_review(&x, MARGARET, log_end(&l,
		"weeks = ( { week = 2; red_flags = { chest_pain = false; }; },\n"
		"          { week = 3; red_flags = { chest_pain = \"\"; one_sided_weakness = \"\"; }; } );\n"),
		NULL);
	assert_int_equal(x.r->outcome, GRADUS_REVIEW_PLAN);
	assert_int_equal(x.r->last_week, 2);
	assert_int_equal(x.r->blank_check_in_week, 0);
	assert_non_null(x.r->not_counted);
	assert_string_equal(x.r->not_counted,
			    "Not filled in yet, after week 2: 1 session and 1 weekly check-in.");
	run_free(&x);
	free(l.text);
}

/* A session with nothing written in, up to the last logged week, is
 * neither done nor missed: week 2 with one session done and two blank
 * is not "fewer than half done" (compare
 * rule_missed_sessions_repeats_the_week), and the review says so. */
static void a_blank_session_is_neither_done_nor_missed(void **state)
{
	logtext l;
	run x;
	char *text = NULL;
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 1);
	log_session(&l, dates[1][0], NULL);
	log_session(&l, dates[1][1], &blank_session);
	log_session(&l, dates[1][2], &blank_session);
	run_review(&x, MARGARET, log_end(&l, NULL), NULL);
	assert_int_equal(x.r->n_weeks, 2);
	assert_int_equal(x.r->weeks[1].done, 1);
	assert_int_equal(x.r->weeks[1].planned, 1);
	assert_int_equal(x.r->done, 4);
	assert_int_equal(x.r->planned, 4);
	for (size_t i = 0; i < x.r->n_adjustments; i++)
		assert_string_not_equal(x.r->adjustments[i].rule, "RV-MISSED-SESSIONS");
	assert_string_equal(x.r->not_counted,
			    "Not counted: 2 sessions with no numbers written in (11 Dec 2026, 14 Dec 2026): neither done nor missed.");
	assert_int_equal(gradus_review_render(&text, NULL, x.r, GRADUS_PLAN_JSON, NULL), GRADUS_OK);
	{
		cJSON *j = cJSON_Parse(text), *nc, *items;
		assert_non_null(j);
		nc = cJSON_GetObjectItem(j, "not_counted");
		assert_non_null(nc);
		items = cJSON_GetObjectItem(nc, "items");
		assert_int_equal(cJSON_GetArraySize(items), 2);
		assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(items, 0), "what")->valuestring,
				    "session");
		assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(items, 1), "date")->valuestring,
				    "2026-12-14");
		cJSON_Delete(j);
	}
	free(text);
	assert_int_equal(gradus_review_render(&text, NULL, x.r, GRADUS_PLAN_HTML, NULL), GRADUS_OK);
	assert_non_null(strstr(text, "Not counted: 2 sessions"));
	free(text);
	run_free(&x);
	free(l.text);
}

/* A week with no session written in (all left blank) is a week without
 * training: the program never moves on over a week nothing is known of.
 * Week 4 all blank, its check-in answered: week 4 again (as with none
 * done, RV-MISSED-SESSIONS), not week 5. */
static void a_week_left_blank_is_not_trained(void **state)
{
	logtext l;
	run x;
	(void)state;
	log_begin(&l, NULL);
	log_weeks(&l, 1, 3);
	for (int k = 0; k < 3; k++)
		log_session(&l, dates[3][k], &blank_session);
	run_review(&x, MARGARET, log_end(&l,
		"weeks = ( { week = 4; red_flags = { chest_pain = false; }; } );\n"), NULL);
	assert_int_equal(x.r->last_week, 4);
	assert_int_equal(x.r->weeks[3].done, 0);
	assert_int_equal(x.r->weeks[3].planned, 3);
	expect(x.r, NULL, "RV-MISSED-SESSIONS", GRADUS_ADJ_WEEK);
	assert_int_equal(x.r->resume->week, 4);
	assert_string_equal(x.r->not_counted,
			    "No numbers written in for any session of week 4: taken as a week without training.");
	run_free(&x);
	free(l.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rule_two_for_two_progresses),
		cmocka_unit_test(weeks_of_another_version_are_not_planned),
		cmocka_unit_test(a_blank_red_flag_is_unanswered),
		cmocka_unit_test(blanks_after_the_last_week_wait),
		cmocka_unit_test(a_blank_session_is_neither_done_nor_missed),
		cmocka_unit_test(a_week_left_blank_is_not_trained),
		cmocka_unit_test(rule_pain_during_makes_it_easier),
		cmocka_unit_test(rule_pain_next_day_repeats),
		cmocka_unit_test(rule_pain_next_day_twice_makes_it_easier),
		cmocka_unit_test(rule_too_hard_reduces_the_load),
		cmocka_unit_test(rule_too_hard_reps_short_holds),
		cmocka_unit_test(rule_missed_sessions_repeats_the_week),
		cmocka_unit_test(rule_long_gap_restarts_a_phase_lower),
		cmocka_unit_test(rule_long_gap_counts_weeks_before_the_start),
		cmocka_unit_test(pain_beats_a_plan_level_repeat),
		cmocka_unit_test(rule_illness_pauses_until_cleared),
		cmocka_unit_test(rule_illness_cleared_restarts_easier),
		cmocka_unit_test(no_restart_before_the_clearance_date),
		cmocka_unit_test(an_old_illness_is_history),
		cmocka_unit_test(easier_steps_in_order),
		cmocka_unit_test(pain_during_takes_the_weight_off_first),
		cmocka_unit_test(no_easier_step_leaves_it_out),
		cmocka_unit_test(easier_version_only_one_the_person_may_do),
		cmocka_unit_test(unlogged_exercises_go_on_as_planned),
		cmocka_unit_test(a_new_one_sided_weakness_stops_everything),
		cmocka_unit_test(follow_up_when_tests_do_not_improve),
		cmocka_unit_test(no_follow_up_when_tests_improve),
		cmocka_unit_test(no_follow_up_before_six_weeks_or_below_70_percent),
		cmocka_unit_test(follow_up_when_sppb_falls_two_points),
		cmocka_unit_test(small_changes_are_test_noise),
		cmocka_unit_test(no_follow_up_before_the_load_rose),
		cmocka_unit_test(renders_every_format),
		cmocka_unit_test(the_log_must_fit_the_profile),
		cmocka_unit_test(tests_on_the_right_side_of_the_start),
		cmocka_unit_test(invariants_hold_on_reviewed_plans),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
