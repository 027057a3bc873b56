/* Session logs: loading, defaults, and the problems reported. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

static gradus_log *log_from(const char *text, gradus_diags *d,
			    const gradus_catalogue *cat)
{
	gradus_log *log = NULL;
	gradus_log_load_string(&log, "log.cfg", text, cat, d);
	return log;
}

static void example_logs_load(void **state)
{
	static const char *const files[] = {
		"profiles/examples/logs/margaret-log-weeks1-3.cfg",
		"profiles/examples/logs/margaret-log-follow-up.cfg",
		"profiles/examples/logs/margaret-log-new-weakness.cfg",
		"profiles/examples/logs/margaret-log-missed-sessions.cfg",
		"profiles/examples/logs/margaret-log-weeks-away.cfg",
		"profiles/examples/logs/margaret-log-ill.cfg",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		gradus_diags *d = gradus_diags_new();
		gradus_log *log = NULL;
		int rc = gradus_log_load_file(&log, files[i], test_catalogue(), d);
		if (rc != GRADUS_OK)
			gradus_diags_print(d, stderr);
		assert_int_equal(rc, GRADUS_OK);
		assert_int_equal(gradus_diags_count(d), 0);
		assert_string_equal(log->profile, "margaret-sarcopenia");
		gradus_log_free(log);
		gradus_diags_free(d);
	}
}

static void the_grid_as_typed(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_log *log = NULL;
	const gradus_log_entry *e;
	(void)state;
	assert_int_equal(gradus_log_load_file(&log, "profiles/examples/logs/margaret-log-weeks1-3.cfg",
					      test_catalogue(), d), GRADUS_OK);
	assert_int_equal(log->n_sessions, 8);
	assert_int_equal(log->plan_start.y, 2026);
	assert_int_equal(log->plan_start.m, 12);
	assert_int_equal(log->plan_start.d, 1);
	assert_int_equal(log->first_week, 1);
	assert_int_equal(log->n_weeks, 3);
	assert_int_equal(log->weeks[2].week, 3);
	assert_int_equal(log->weeks[2].red_flags[GRADUS_RF_ONE_SIDED_WEAKNESS], GRADUS_ANSWER_NO);
	/* the last session, side leg lifts: pain 6 */
	e = &log->sessions[7].entries[2];
	assert_string_equal(e->id, "standing-hip-abduction-ankle-weight");
	assert_non_null(e->exercise);
	assert_int_equal(e->sets, 1);
	assert_int_equal(e->reps[0], 12);
	assert_true(fabs(e->load_kg - 0.5) < 1e-9);
	assert_int_equal(e->support, GRADUS_SUPPORT_TWO_HANDS);
	assert_int_equal(e->effort, 6);
	assert_int_equal(e->pain, 6);
	assert_int_equal(e->next_morning_ok, GRADUS_ANSWER_YES);
	assert_non_null(e->notes);
	e = &log->sessions[7].entries[3];
	assert_int_equal(e->next_morning_ok, GRADUS_ANSWER_NO);
	gradus_log_free(log);
	gradus_diags_free(d);
}

static void what_is_not_written_is_marked(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_log *log = log_from(
		"format = 1;\n"
		"sessions = ( { date = \"2026-12-02\"; exercises = (\n"
		"  { id = \"calf-raise-supported\"; reps = [12, 10, 8]; }\n"
		"); } );\n", d, test_catalogue());
	const gradus_log_entry *e;
	(void)state;
	assert_non_null(log);
	assert_false(gradus_date_is_set(log->plan_start));
	e = &log->sessions[0].entries[0];
	assert_int_equal(e->sets, 3);
	assert_int_equal(e->reps[0], 12);
	assert_int_equal(e->reps[2], 8);
	assert_true(isnan(e->load_kg));
	assert_int_equal(e->band, -1);
	assert_int_equal(e->machine_step, -1);
	assert_int_equal(e->support, GRADUS_SUPPORT_NA);
	assert_int_equal(e->effort, -1);
	assert_int_equal(e->pain, -1);
	assert_int_equal(e->next_morning_ok, GRADUS_ANSWER_MISSING);
	assert_null(e->notes);
	assert_int_equal(log->n_weeks, 0);
	assert_int_equal(log->n_measures, 0);
	assert_false(log->has_clearance);
	gradus_log_free(log);
	gradus_diags_free(d);
}

static void sets_times_reps(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_log *log = log_from(
		"format = 1;\n"
		"sessions = ( { date = \"2026-12-02\"; exercises = (\n"
		"  { id = \"calf-raise-supported\"; sets = 2; reps = 11; }\n"
		"); } );\n", d, test_catalogue());
	(void)state;
	assert_non_null(log);
	assert_int_equal(log->sessions[0].entries[0].sets, 2);
	assert_int_equal(log->sessions[0].entries[0].reps[1], 11);
	gradus_log_free(log);
	gradus_diags_free(d);
}

static void weekly_answers_and_retests(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_log *log = log_from(
		"format = 1;\n"
		"plan_start = \"2026-12-01\"; first_week = 5;\n"
		"sessions = ();\n"
		"weeks = ( { week = 5; ill = true; red_flags = { chest_pain = true; }; },\n"
		"          { week = 6; hospital = true; } );\n"
		"measures = ( { date = \"2027-01-26\"; sppb = 7; grip_kg = 15; } );\n"
		"clearance = { by = \"Dr A. Patel\"; date = \"2027-01-20\"; };\n",
		d, test_catalogue());
	(void)state;
	if (!log)
		gradus_diags_print(d, stderr);
	assert_non_null(log);
	assert_int_equal(log->first_week, 5);
	assert_int_equal(log->n_weeks, 2);
	assert_true(log->weeks[0].ill);
	assert_false(log->weeks[0].hospital);
	assert_int_equal(log->weeks[0].red_flags[GRADUS_RF_CHEST_PAIN], GRADUS_ANSWER_YES);
	assert_int_equal(log->weeks[0].red_flags[GRADUS_RF_SUDDEN_WEAKNESS], GRADUS_ANSWER_MISSING);
	assert_true(log->weeks[1].hospital);
	assert_int_equal(log->n_measures, 1);
	assert_int_equal(log->measures[0].values.sppb, 7);
	assert_true(fabs(log->measures[0].values.grip_kg - 15.0) < 1e-9);
	assert_true(isnan(log->measures[0].values.chair_stand_5x_s));
	assert_int_equal(log->measures[0].values.chair_stand_30s, -1);
	assert_true(log->has_clearance);
	assert_string_equal(log->clearance_by, "Dr A. Patel");
	gradus_log_free(log);
	gradus_diags_free(d);
}

static void every_problem_is_reported(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_log *log = log_from(
		"format = 1;\n"
		"sessions = (\n"
		"  { date = \"2026-12-04\"; exercises = (\n"
		"    { id = \"sit-to-stand-no-arm\"; sets = 1; reps = 12; pain = 12; } ); },\n"
		"  { date = \"2026-12-03\"; exercises = (\n"
		"    { id = \"calf-raise-supported\"; reps = 12; support = \"two hands\"; } ); }\n"
		");\n", d, test_catalogue());
	char *text = diags_text(d);
	(void)state;
	assert_null(log);
	assert_string_equal(text,
		"log.cfg:4: error: 'sessions[0].exercises[0].id' names 'sit-to-stand-no-arm', which is not in the catalogue; did you mean 'sit-to-stand-no-arms'?\n"
		"log.cfg:4: error: 'sessions[0].exercises[0].pain' must be from 0 to 10 (found 12)\n"
		"log.cfg:5: error: 'sessions[1].date' is 2026-12-03, before the session above it: sessions go in date order\n"
		"log.cfg:6: error: 'sessions[1].exercises[0].reps' is one number, so 'sessions[1].exercises[0].sets' is needed (how many boxes were ticked); or write the reps of each set as a list [ ... ]\n"
		"log.cfg:6: error: 'sessions[1].exercises[0].support' is 'two hands'; did you mean 'two_hands'? (one of: two_hands, one_hand, fingertips, none)\n");
	free(text);
	gradus_diags_free(d);
}

/* Issue 15: a re-test dated before plan_start is not a re-test of the
 * plan: an error, like a session before it. */
static void retest_before_plan_start_is_an_error(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_log *log = log_from(
		"format = 1;\n"
		"plan_start = \"2026-12-01\";\n"
		"sessions = ();\n"
		"measures = ( { date = \"2026-11-24\"; sppb = 7; },\n"
		"             { date = \"2026-12-01\"; sppb = 7; } );\n",
		d, test_catalogue());
	char *text = diags_text(d);
	(void)state;
	assert_null(log);
	assert_string_equal(text,
		"log.cfg:4: error: 'measures[0].date' is 2026-11-24, before 'plan_start': a re-test is done during the plan; write the tests it started from in the profile's 'measures'\n");
	free(text);
	gradus_diags_free(d);
}

static void without_a_catalogue_ids_wait(void **state)
{
	/* gradus check without catalogue files still checks ids against
	 * the built-in one; with no catalogue at all they wait for review */
	gradus_diags *d = gradus_diags_new();
	gradus_log *log = log_from(
		"format = 1;\n"
		"sessions = ( { date = \"2026-12-02\"; exercises = (\n"
		"  { id = \"no-such-exercise\"; sets = 1; reps = 12; load_kg = 2.0; }\n"
		"); } );\n", d, NULL);
	(void)state;
	assert_non_null(log);
	assert_null(log->sessions[0].entries[0].exercise);
	gradus_log_free(log);
	gradus_diags_free(d);
}

static void check_tells_a_log_by_its_sessions(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_check_stats st;
	const char *paths[] = {"profiles/examples/logs"};
	(void)state;
	assert_int_equal(gradus_check_paths(&st, paths, 1, test_catalogue(),
					    test_templates(), d), GRADUS_OK);
	assert_int_equal(st.logs, 6);
	assert_int_equal(gradus_diags_count(d), 0);
	gradus_diags_free(d);
}


/* ---- blanks (gradus log new) ---- */

static const char blank_log[] =
	"format = 1;\n"
	"plan_start = \"2026-12-01\";\n"
	"sessions = (\n"
	"  { date = \"2026-12-02\"; exercises = (\n"
	"      { id = \"sit-to-stand-arms\"; reps = [11]; effort = 4; pain = \"\"; next_morning_ok = \"\"; },\n"
	"      { id = \"wall-push-up\"; reps = []; effort = 3; pain = \"\"; next_morning_ok = \"\"; }\n"
	"  ); },\n"
	"  { date = \"2026-12-04\"; exercises = (\n"
	"      { id = \"sit-to-stand-arms\"; reps = []; effort = \"\"; pain = \"\"; next_morning_ok = \"\"; }\n"
	"  ); }\n"
	");\n"
	"weeks = (\n"
	"  { week = 1; red_flags = { chest_pain = false; one_sided_weakness = \"\"; }; },\n"
	"  { week = 2; red_flags = { chest_pain = \"\"; one_sided_weakness = []; }; }\n"
	");\n";

static void blanks_are_never_answers(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_log *log = log_from(blank_log, d, test_catalogue());
	const gradus_log_entry *e;
	(void)state;
	assert_non_null(log);
	assert_int_equal(gradus_diags_errors(d), 0);
	/* the filled session is counted with its filled entry only */
	assert_int_equal(log->n_sessions, 1);
	assert_int_equal(log->sessions[0].n_entries, 1);
	e = &log->sessions[0].entries[0];
	assert_string_equal(e->id, "sit-to-stand-arms");
	assert_int_equal(e->sets, 1);
	assert_int_equal(e->reps[0], 11);
	assert_int_equal(e->effort, 4);
	assert_int_equal(e->pain, -1);                 /* not written down */
	assert_int_equal(e->next_morning_ok, GRADUS_ANSWER_MISSING);
	/* not counted: the push-ups of 2 Dec, the session of 4 Dec, week 2 */
	assert_int_equal(log->n_skipped, 3);
	assert_int_equal(log->skipped[0].kind, GRADUS_SKIP_ENTRY);
	assert_string_equal(log->skipped[0].id, "wall-push-up");
	assert_int_equal(log->skipped[0].line, 6);
	assert_int_equal(log->skipped[1].kind, GRADUS_SKIP_SESSION);
	assert_int_equal(log->skipped[1].date.d, 4);
	assert_int_equal(log->skipped[2].kind, GRADUS_SKIP_WEEK);
	assert_int_equal(log->skipped[2].week, 2);
	/* week 1 is kept: its blank is marked, never a no */
	assert_int_equal(log->n_weeks, 1);
	assert_int_equal(log->weeks[0].red_flags[GRADUS_RF_CHEST_PAIN], GRADUS_ANSWER_NO);
	assert_int_equal(log->weeks[0].red_flags[GRADUS_RF_ONE_SIDED_WEAKNESS], GRADUS_ANSWER_MISSING);
	assert_true(log->weeks[0].red_flag_blank[GRADUS_RF_ONE_SIDED_WEAKNESS]);
	assert_false(log->weeks[0].red_flag_blank[GRADUS_RF_CHEST_PAIN]);
	/* 2 + 3 + 4 + 1 + 2 blanks, in 5 groups */
	assert_int_equal(log->n_blank_values, 12);
	assert_int_equal(log->n_blanks, 5);
	gradus_log_free(log);
	gradus_diags_free(d);
}

static void a_filled_value_is_still_checked(void **state)
{
	gradus_diags *d = gradus_diags_new();
	char *text = replace(blank_log, "effort = 4; pain = \"\"", "effort = \"4\"; pain = 11");
	gradus_log *log = log_from(text, d, test_catalogue());
	char *msg;
	(void)state;
	assert_null(log);
	msg = diags_text(d);
	assert_non_null(strstr(msg, "log.cfg:5: error: 'sessions[0].exercises[0].effort'"));
	assert_non_null(strstr(msg, "log.cfg:5: error: 'sessions[0].exercises[0].pain'"));
	free(msg);
	free(text);
	gradus_diags_free(d);
}

/* An exercise is written once a session, blank or not (a blank one
 * first, then the same filled in). */
static void a_blank_entry_is_still_once_a_session(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_log *log = log_from(
		"format = 1;\n"
		"sessions = ( { date = \"2026-12-02\"; exercises = (\n"
		"  { id = \"wall-push-up\"; reps = []; },\n"
		"  { id = \"wall-push-up\"; reps = [10]; } ); } );\n", d, test_catalogue());
	char *msg;
	(void)state;
	assert_null(log);
	msg = diags_text(d);
	assert_non_null(strstr(msg, "log.cfg:4: error: 'sessions[0].exercises[1]' is 'wall-push-up' again"));
	free(msg);
	gradus_diags_free(d);
}

static void check_notes_the_blanks(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_check_stats st;
	const char *paths[1];
	char path[] = "/tmp/gradus-test-blanks-XXXXXX";
	int fd = mkstemp(path);
	char *msg;
	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, blank_log, strlen(blank_log)), (ssize_t)strlen(blank_log));
	close(fd);
	paths[0] = path;
	assert_int_equal(gradus_check_paths(&st, paths, 1, test_catalogue(), test_templates(), d),
			 GRADUS_OK);
	assert_int_equal(gradus_diags_errors(d), 0);
	assert_int_equal(st.blanks, 12);
	msg = diags_text(d);
	assert_non_null(strstr(msg, ":5: note: 'sessions[0].exercises[0] (sit-to-stand-arms)': still blank: pain, next_morning_ok"));
	assert_non_null(strstr(msg, ":6: note: 'sessions[0].exercises[1] (wall-push-up)': still blank: reps, pain, next_morning_ok"));
	assert_non_null(strstr(msg, ":8: note: 'sessions[1] (2026-12-04)': nothing filled in yet (4 blanks)"));
	assert_non_null(strstr(msg, ":13: note: 'weeks[0] (week 1)': still blank: one_sided_weakness"));
	assert_non_null(strstr(msg, ":14: note: 'weeks[1] (week 2)': nothing filled in yet (2 blanks)"));
	assert_null(strstr(msg, "error"));
	free(msg);
	unlink(path);
	gradus_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(example_logs_load),
		cmocka_unit_test(the_grid_as_typed),
		cmocka_unit_test(what_is_not_written_is_marked),
		cmocka_unit_test(sets_times_reps),
		cmocka_unit_test(weekly_answers_and_retests),
		cmocka_unit_test(every_problem_is_reported),
		cmocka_unit_test(retest_before_plan_start_is_an_error),
		cmocka_unit_test(without_a_catalogue_ids_wait),
		cmocka_unit_test(check_tells_a_log_by_its_sessions),
		cmocka_unit_test(blanks_are_never_answers),
		cmocka_unit_test(a_filled_value_is_still_checked),
		cmocka_unit_test(a_blank_entry_is_still_once_a_session),
		cmocka_unit_test(check_notes_the_blanks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
