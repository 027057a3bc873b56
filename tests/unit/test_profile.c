#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static void loads_the_clean_profile(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from(clean_profile, d);
	(void)state;
	assert_int_equal(gradus_diags_count(d), 0);
	assert_non_null(p);
	assert_string_equal(p->name, "Test");
	assert_int_equal(p->age, 75);
	assert_int_equal(p->sex, GRADUS_SEX_FEMALE);
	assert_int_equal(p->kind, GRADUS_KIND_SARCOPENIA);
	assert_int_equal(p->regions, GRADUS_REG_LEGS);
	for (int i = 0; i < GRADUS_RF__COUNT; i++)
		assert_int_equal(p->red_flags[i], GRADUS_ANSWER_NO);
	assert_int_equal(p->days, (1u << 0) | (1u << 2) | (1u << 4));
	assert_int_equal(p->start.y, 2026);
	assert_int_equal(p->mobility, GRADUS_MOB_INDEPENDENT);
	assert_int_equal(p->bands, (1u << GRADUS_BAND_YELLOW) | (1u << GRADUS_BAND_RED));
	assert_int_equal(p->n_ankle_weights, 3);
	assert_true(p->ankle_weights_kg[0] == 0.5 && p->ankle_weights_kg[2] == 1.5);
	assert_true(p->equipment & GRADUS_EQ_BAND);
	assert_true(p->equipment & GRADUS_EQ_ANKLE_WEIGHT);
	assert_false(p->equipment & GRADUS_EQ_DUMBBELL);
	assert_true(p->equipment & GRADUS_EQ_BED);
	assert_int_equal(p->measures.sppb, 8);
	assert_true(isnan(p->measures.grip_kg));
	assert_int_equal(p->resting_hr, -1);
	assert_int_equal(p->max_rpe, -1);
	gradus_profile_free(p);
	gradus_diags_free(d);
}

/* Replace `from` by `to` in the clean profile and expect exactly `want`
 * as the diagnostics. */
static void expect(const char *from, const char *to, const char *want)
{
	gradus_diags *d = gradus_diags_new();
	char *text = replace(clean_profile, from, to);
	gradus_profile *p = profile_from(text, d);
	char *got = diags_text(d);
	assert_null(p);
	assert_string_equal(got, want);
	free(got);
	free(text);
	gradus_diags_free(d);
}

static void unanswered_red_flag_is_not_a_file_error(void **state)
{
	gradus_diags *d = gradus_diags_new();
	char *text = replace(clean_profile, "chest_pain = false;", "");
	gradus_profile *p = profile_from(text, d);
	(void)state;
	assert_non_null(p);
	assert_int_equal(gradus_diags_count(d), 0);
	assert_int_equal(p->red_flags[GRADUS_RF_CHEST_PAIN], GRADUS_ANSWER_MISSING);
	assert_int_equal(p->red_flags[GRADUS_RF_SUDDEN_WEAKNESS], GRADUS_ANSWER_NO);
	gradus_profile_free(p);
	free(text);
	gradus_diags_free(d);
}

static void red_flag_answer_must_be_true_or_false(void **state)
{
	(void)state;
	expect("chest_pain = false;", "chest_pain = \"no\";",
	       "test.cfg:17: error: 'red_flags.chest_pain' must be true or false, not text in quotes\n");
}

static void typo_in_key_gets_a_hint(void **state)
{
	(void)state;
	expect("age = 75;", "agee = 75;",
	       "test.cfg:2: error: unknown key 'agee' in 'person'; did you mean 'age'?\n"
	       "test.cfg:2: error: 'person.age' is missing\n");
}

static void out_of_range_and_wrapped_numbers(void **state)
{
	(void)state;
	expect("age = 75;", "age = 130;",
	       "test.cfg:2: error: 'person.age' must be from 18 to 120 (found 130)\n");
	expect("weight_kg = 60.0;", "weight_kg = 1e400;",
	       "test.cfg:2: error: 'person.weight_kg' must be a finite number\n");
	expect("age = 75;", "age = 4294967371;",
	       "test.cfg:2: error: the number 4294967371 is too large (whole numbers go up to 2147483647)\n");
	/* a 64-bit literal in range is fine */
	gradus_diags *d = gradus_diags_new();
	char *text = replace(clean_profile, "age = 75;", "age = 75L;");
	gradus_profile *p = profile_from(text, d);
	assert_non_null(p);
	assert_int_equal(p->age, 75);
	gradus_profile_free(p);
	free(text);
	gradus_diags_free(d);
}

static void dates_must_be_real(void **state)
{
	(void)state;
	expect("start = \"2026-12-01\";", "start = \"2026-02-30\";",
	       "test.cfg:26: error: 'setup.start' must be a real date written YYYY-MM-DD (found '2026-02-30')\n");
}

static void vocabulary_words_are_checked(void **state)
{
	(void)state;
	expect("conditions = [];", "conditions = [\"hypertensoin\"];",
	       "test.cfg:21: error: 'health.conditions[0]' is 'hypertensoin'; did you mean 'hypertension'? (one of: hypertension, heart_disease, heart_failure, diabetes, kidney_disease, osteoporosis, osteoarthritis, copd, dementia, parkinsons, stroke_history, cancer)\n");
	expect("days = [\"mon\", \"wed\", \"fri\"];", "days = [\"mon\", \"mon\"];",
	       "test.cfg:26: error: 'setup.days' lists 'mon' twice\n");
}

static void mixed_array_is_a_parse_error_with_advice(void **state)
{
	(void)state;
	expect("ankle_weights_kg = [0.5, 1.0, 1.5]", "ankle_weights_kg = [0.5, 1, 1.5]",
	       "test.cfg:29: error: mismatched element type in array (all values in one [ ... ] list must be of one type: write 2.0 rather than 2 next to decimals such as 2.5)\n");
}

static void unknown_exclude_and_template_are_errors(void **state)
{
	gradus_diags *d = gradus_diags_new();
	char *t1 = replace(clean_profile, "minutes = 30;",
			   "minutes = 30; exclude = [\"no-such-exercise\"];");
	char *t2 = malloc(strlen(t1) + 100);
	gradus_profile *p;
	char *got;
	(void)state;
	sprintf(t2, "%sprogram: { template = \"sarcopenia-hom\"; };\n", t1);
	p = profile_from(t2, d);
	assert_null(p);
	got = diags_text(d);
	assert_string_equal(got,
		"test.cfg:27: error: 'setup.exclude[0]' names 'no-such-exercise', which is not in the catalogue\n"
		"test.cfg:31: error: 'program.template' names 'sarcopenia-hom', which is not a known template; did you mean 'sarcopenia-home'?\n");
	free(got);
	free(t1);
	free(t2);
	gradus_diags_free(d);
}

static void missing_groups_are_reported_together(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from("format = 1;\n", d);
	char *got = diags_text(d);
	(void)state;
	assert_null(p);
	assert_string_equal(got,
		"test.cfg:1: error: 'person' is missing\n"
		"test.cfg:1: error: 'condition' is missing\n"
		"test.cfg:1: error: 'health' is missing\n"
		"test.cfg:1: error: 'setup' is missing\n");
	free(got);
	gradus_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_the_clean_profile),
		cmocka_unit_test(unanswered_red_flag_is_not_a_file_error),
		cmocka_unit_test(red_flag_answer_must_be_true_or_false),
		cmocka_unit_test(typo_in_key_gets_a_hint),
		cmocka_unit_test(out_of_range_and_wrapped_numbers),
		cmocka_unit_test(dates_must_be_real),
		cmocka_unit_test(vocabulary_words_are_checked),
		cmocka_unit_test(mixed_array_is_a_parse_error_with_advice),
		cmocka_unit_test(unknown_exclude_and_template_are_errors),
		cmocka_unit_test(missing_groups_are_reported_together),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
