/* Continuing a plan from a reviewed state (gradus_plan_options.resume). */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static gradus_plan *resumed(const char *profile_text, const gradus_resume *r,
			    gradus_profile **pp, gradus_screening **sp)
{
	gradus_diags *d = gradus_diags_new();
	gradus_plan *plan = NULL;
	gradus_plan_options o = {{2027, 1, 4}, 3, "sarcopenia-home", r};
	*pp = profile_from(profile_text, d);
	assert_non_null(*pp);
	assert_int_equal(gradus_screen(sp, *pp, (gradus_date){0, 0, 0}, d), GRADUS_OK);
	int rc = gradus_plan_generate(&plan, *pp, *sp, test_catalogue(),
				      test_templates(), &o, d);
	if (rc != GRADUS_OK)
		gradus_diags_print(d, stderr);
	assert_int_equal(rc, GRADUS_OK);
	gradus_diags_free(d);
	return plan;
}

static void continues_from_the_given_week_and_dose(void **state)
{
	gradus_resume_item items[] = {
		{"seated-knee-extension-ankle-weight", 2, 12, GRADUS_SUPPORT_NA,
		 1.2, -1, 0, false, "Repeat: pain the next morning had not settled.",
		 NULL, NULL},
		{"calf-raise-supported", 1, 10, GRADUS_SUPPORT_ONE_HAND, 0, -1, 0,
		 true, "Ready to progress: top of the range twice at the target effort.",
		 "RV-TWO-FOR-TWO", "ACSM2009"},
	};
	gradus_resume r = {5, items, 2};
	gradus_profile *p;
	gradus_screening *s;
	gradus_plan *plan = resumed(clean_profile, &r, &p, &s);
	const gradus_item *it;
	(void)state;
	assert_int_equal(plan->first_week, 5);
	assert_int_equal(plan->n_weeks, 3);
	assert_int_equal(plan->weeks[0].number, 5);
	assert_int_equal(plan->weeks[2].number, 7);
	/* week 6 is the first lighter week (every 6th, never in the first 5) */
	assert_false(plan->weeks[0].deload);
	assert_true(plan->weeks[1].deload);
	it = &plan->weeks[0].sessions[0].items[0];
	assert_string_equal(it->exercise->id, "seated-knee-extension-ankle-weight");
	assert_int_equal(it->sets, 2);
	assert_int_equal(it->reps_min, 12);
	/* 1.2 kg is not owned: the heaviest owned weight not above it */
	assert_true(fabs(it->load.kg - 1.0) < 1e-9);
	assert_int_equal(it->change, GRADUS_CHANGE_START);
	assert_string_equal(it->why[it->n_why - 1].rule, "R-REVIEW");
	/* ready to progress (2-for-2): the intensity steps in the first
	 * week - here less support - not one more rep [ACSM2009] */
	it = &plan->weeks[0].sessions[0].items[1];
	assert_string_equal(it->exercise->id, "calf-raise-supported");
	assert_int_equal(it->reps_min, 10);
	assert_int_equal(it->change, GRADUS_CHANGE_SUPPORT);
	assert_true(it->support > GRADUS_SUPPORT_ONE_HAND);
	assert_string_equal(it->why[it->n_why - 1].rule, "RV-TWO-FOR-TWO");
	assert_string_equal(it->why[it->n_why - 1].source, "ACSM2009");
	gradus_plan_free(plan);
	gradus_screening_free(s);
	gradus_profile_free(p);
}

static void an_exercise_that_no_longer_fits_is_replaced(void **state)
{
	/* standing work is not for a wheelchair user: the easier seated
	 * variant takes its place, started fresh */
	gradus_resume_item items[] = {
		{"seated-knee-extension", 1, 10, GRADUS_SUPPORT_NA, 0, -1, 0, false, NULL, NULL, NULL},
		{"calf-raise-supported", 2, 12, GRADUS_SUPPORT_TWO_HANDS, 0, -1, 0, false, NULL, NULL, NULL},
	};
	gradus_resume r = {3, items, 2};
	char *text = replace(clean_profile, "mobility = \"independent\"",
			     "mobility = \"wheelchair\"");
	gradus_profile *p;
	gradus_screening *s;
	gradus_plan *plan = resumed(text, &r, &p, &s);
	(void)state;
	const gradus_session *se = &plan->weeks[0].sessions[0];
	assert_int_equal(se->n_items, 2);
	assert_string_equal(se->items[1].exercise->id, "seated-calf-raise");
	assert_int_equal(se->items[1].sets, 1);
	bool said = false;
	for (size_t i = 0; i < plan->n_warnings; i++)
		if (strstr(plan->warnings[i], "'calf-raise-supported' no longer fits") &&
		    strstr(plan->warnings[i], "'seated-calf-raise' takes its place"))
			said = true;
	assert_true(said);
	gradus_plan_free(plan);
	gradus_screening_free(s);
	gradus_profile_free(p);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(continues_from_the_given_week_and_dose),
		cmocka_unit_test(an_exercise_that_no_longer_fits_is_replaced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
