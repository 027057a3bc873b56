#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const char *const good =
	"format = 1;\n"
	"template: {\n"
	"  id = \"t\"; name = \"T\"; description = \"A test.\";\n"
	"  fits = { kinds = [\"sarcopenia\"]; classes = [\"B\", \"C\"]; mobility = [\"independent\"]; };\n"
	"  sessions_per_week = 2; max_rpe = 6; deload_every = 4; load_progression = true;\n"
	"  max_level = 4; exercises = [2, 3];\n"
	"  warmup_minutes = 5; cooldown_minutes = 3; balance_minutes = 5;\n"
	"  walking = { minutes = 10; days = 5; };\n"
	"  phases = (\n"
	"    { name = \"Start\"; weeks = 2; sets = [1, 1]; reps = [10, 15]; effort = [3, 4]; rest_s = 90; },\n"
	"    { name = \"Build\"; weeks = 0; sets = [1, 2]; reps = [10, 15]; effort = [5, 6]; rest_s = 90; }\n"
	"  );\n"
	"  slots = (\n"
	"    { pattern = \"sit_to_stand\"; priority = 1; count = 2; },\n"
	"    { pattern = \"push\"; priority = 2; count = 1; }\n"
	"  );\n"
	"};\n";

static int load(const char *text, gradus_diags *d, gradus_templates **out)
{
	assert_int_equal(gradus_templates_new(out), GRADUS_OK);
	return gradus_templates_add_string(*out, "t.cfg", text, test_catalogue(), d);
}

static void loads_a_template(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_templates *ts;
	const gradus_template *t;
	(void)state;
	assert_int_equal(load(good, d, &ts), GRADUS_OK);
	t = gradus_templates_find(ts, "t");
	assert_non_null(t);
	assert_int_equal(t->kinds, 1u << GRADUS_KIND_SARCOPENIA);
	assert_int_equal(t->classes, (1u << GRADUS_CLASS_B) | (1u << GRADUS_CLASS_C));
	assert_int_equal(t->n_phases, 2);
	assert_int_equal(t->phases[1].weeks, 0);
	assert_int_equal(t->phases[0].rpe_max, 4);
	assert_int_equal(t->n_slots, 2);
	assert_int_equal(t->slots[0].pattern, GRADUS_PAT_SIT_TO_STAND);
	assert_int_equal(t->walking_days, 5);
	gradus_templates_free(ts);
	gradus_diags_free(d);
}

static void expect(const char *from, const char *to, const char *want)
{
	gradus_diags *d = gradus_diags_new();
	gradus_templates *ts;
	char *text = replace(good, from, to), *got;
	assert_int_equal(load(text, d, &ts), GRADUS_EINVALID);
	got = diags_text(d);
	assert_string_equal(got, want);
	free(got);
	free(text);
	gradus_templates_free(ts);
	gradus_diags_free(d);
}

static void phase_effort_above_cap(void **state)
{
	(void)state;
	expect("effort = [5, 6]", "effort = [5, 8]",
	       "t.cfg:11: error: 'template.phases[1].effort' goes up to 8, above the template's max_rpe of 6\n");
}

static void open_ended_phase_only_last(void **state)
{
	(void)state;
	expect("weeks = 2;", "weeks = 0;",
	       "t.cfg:10: error: 'template.phases[0].weeks' may be 0 (all remaining weeks) only in the last phase\n");
}

static void low_above_high(void **state)
{
	(void)state;
	expect("reps = [10, 15]", "reps = [15, 10]",
	       "t.cfg:10: error: 'template.phases[0].reps' must be [low, high] with low <= high (found [15, 10])\n");
}

static void balance_is_not_a_slot(void **state)
{
	(void)state;
	expect("pattern = \"push\"", "pattern = \"balance\"",
	       "t.cfg:15: error: 'template.slots[1].pattern' is 'balance'; slots are for strength work (balance, warm-up and mobility have their own keys)\n");
}

static void too_few_slots_for_minimum(void **state)
{
	(void)state;
	expect("exercises = [2, 3]", "exercises = [4, 6]",
	       "t.cfg:13: error: 'template.slots' offer 3 exercises, fewer than the minimum of 4 in 'template.exercises'\n");
}

static void builtin_templates_present(void **state)
{
	static const char *const ids[] = {"disuse-restart", "sarcopenia-home",
					  "sarcopenia-gym", "chair-based",
					  "bed-level", "neuro-maintenance"};
	const gradus_templates *ts = test_templates();
	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const gradus_template *t = gradus_templates_find(ts, ids[i]);
		if (!t)
			fail_msg("template %s missing", ids[i]);
		/* every phase stays within the template's own cap */
		for (size_t k = 0; k < t->n_phases; k++)
			assert_true(t->phases[k].rpe_max <= t->max_rpe);
	}
	const gradus_template *n = gradus_templates_find(ts, "neuro-maintenance");
	assert_true(n->max_rpe <= 5); /* docs/generation.md: neuro-maintenance <= 5 */
	assert_false(n->load_progression);
	assert_true(n->clearance_required);
}

static const gradus_template *load_one(const char *from, const char *to,
				       gradus_templates **ts, gradus_diags *d)
{
	char *text = replace(good, from, to);
	assert_int_equal(load(text, d, ts), GRADUS_OK);
	free(text);
	return gradus_templates_find(*ts, "t");
}

static void load_step_and_first_lighter_week_defaults(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_templates *ts;
	const gradus_template *t;
	(void)state;
	t = load_one("deload_every = 4;", "deload_every = 4;", &ts, d);
	assert_int_equal(t->load_step_weeks, 2);
	assert_int_equal(t->deload_first, 6);
	gradus_templates_free(ts);
	/* no lighter weeks: no first one either */
	t = load_one("deload_every = 4;", "deload_every = 0;", &ts, d);
	assert_int_equal(t->deload_every, 0);
	assert_int_equal(t->deload_first, 0);
	assert_int_equal(t->load_step_weeks, 2);
	gradus_templates_free(ts);
	gradus_diags_free(d);
}

static void load_step_and_first_lighter_week_are_read(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_templates *ts;
	const gradus_template *t;
	(void)state;
	t = load_one("deload_every = 4;",
		     "deload_every = 4; deload_first = 9; load_step_weeks = 3;", &ts, d);
	assert_int_equal(t->deload_every, 4);
	assert_int_equal(t->deload_first, 9);
	assert_int_equal(t->load_step_weeks, 3);
	gradus_templates_free(ts);
	t = load_one("deload_every = 4;", "deload_every = 3; deload_first = 6;", &ts, d);
	assert_int_equal(t->deload_first, 6);
	gradus_templates_free(ts);
	t = load_one("deload_every = 4;", "deload_every = 0; deload_first = 0;", &ts, d);
	assert_int_equal(t->deload_first, 0);
	gradus_templates_free(ts);
	assert_int_equal(gradus_diags_count(d), 0);
	gradus_diags_free(d);
}

static void load_step_and_first_lighter_week_errors(void **state)
{
	(void)state;
	expect("deload_every = 4;", "deload_every = 4; load_step_weeks = 9;",
	       "t.cfg:5: error: 'template.load_step_weeks' must be from 2 to 8 (found 9)\n");
	expect("deload_every = 4;", "deload_every = 4; deload_first = 5;",
	       "t.cfg:5: error: 'template.deload_first' must be 0 (no lighter weeks) or from 6 to 52 (found 5): lighter weeks never come in the first 5 weeks\n");
	expect("deload_every = 4;", "deload_every = 4; deload_first = 53;",
	       "t.cfg:5: error: 'template.deload_first' must be 0 (no lighter weeks) or from 6 to 52 (found 53)\n");
	expect("deload_every = 4;", "deload_every = 0; deload_first = 8;",
	       "t.cfg:5: error: 'template.deload_first' is 8, but 'template.deload_every' is 0 (no lighter weeks); leave deload_first out or give deload_every\n");
	expect("deload_every = 4;", "deload_every = 4; deload_first = 0;",
	       "t.cfg:5: error: 'template.deload_first' is 0 (no lighter weeks), but 'template.deload_every' is 4; write deload_every = 0 for no lighter weeks\n");
}

/* Issue 16, items 2 and 3: a template keeps the text of its file; one
 * with a built-in id replaces the built-in one in its place; a new one
 * comes after them; two added ones with one id are a duplicate. */
static void an_added_template_replaces_a_builtin_one(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_templates *ts;
	const gradus_template *t;
	char *mine = malloc(strlen(good) + 64), *p;
	size_t n, at = 0;
	(void)state;
	assert_int_equal(gradus_templates_new(&ts), GRADUS_OK);
	assert_int_equal(gradus_templates_add_builtin(ts, test_catalogue(), d), GRADUS_OK);
	n = gradus_templates_count(ts);
	for (size_t i = 0; i < n; i++)
		if (strcmp(gradus_templates_get(ts, i)->id, "chair-based") == 0)
			at = i;
	t = gradus_templates_get(ts, at);
	assert_true(t->builtin);
	assert_non_null(strstr(t->text, "id = \"chair-based\";"));
	assert_non_null(strstr(t->text, "# "));  /* comments kept */

	strcpy(mine, good);
	p = strstr(mine, "id = \"t\";");
	memmove(p + 20, p + 9, strlen(p + 9) + 1);
	memcpy(p, "id = \"chair-based\"; ", 20);
	assert_int_equal(gradus_templates_add_string(ts, "mine.cfg", mine,
						     test_catalogue(), d), GRADUS_OK);
	assert_int_equal(gradus_templates_add_string(ts, "t.cfg", good,
						     test_catalogue(), d), GRADUS_OK);
	assert_int_equal(gradus_diags_count(d), 0);
	assert_int_equal(gradus_templates_count(ts), n + 1);
	t = gradus_templates_get(ts, at);
	assert_string_equal(t->id, "chair-based");
	assert_false(t->builtin);
	assert_string_equal(t->file, "mine.cfg");
	assert_string_equal(t->text, mine);
	assert_string_equal(gradus_templates_get(ts, n)->id, "t");
	assert_int_equal(gradus_templates_add_string(ts, "again.cfg", mine,
						     test_catalogue(), d),
			 GRADUS_EINVALID);
	{
		char *got = diags_text(d);
		assert_non_null(strstr(got, "again.cfg:3: error: duplicate template id 'chair-based' (first defined at mine.cfg:2)"));
		free(got);
	}
	free(mine);
	gradus_templates_free(ts);
	gradus_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_a_template),
		cmocka_unit_test(phase_effort_above_cap),
		cmocka_unit_test(open_ended_phase_only_last),
		cmocka_unit_test(low_above_high),
		cmocka_unit_test(balance_is_not_a_slot),
		cmocka_unit_test(too_few_slots_for_minimum),
		cmocka_unit_test(builtin_templates_present),
		cmocka_unit_test(load_step_and_first_lighter_week_defaults),
		cmocka_unit_test(load_step_and_first_lighter_week_are_read),
		cmocka_unit_test(load_step_and_first_lighter_week_errors),
		cmocka_unit_test(an_added_template_replaces_a_builtin_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
