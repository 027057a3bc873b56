/* What plan generation works out a piece at a time equals the whole
 * worked out afresh, over plans of many generated profiles
 * (profile_gen.c) made with the check on (plan_check): the seconds of
 * the strength part worked out a block at a time (the block of the one
 * dose that changes: progress; the exercises added one at a time, each
 * pair worked out once: fit_minutes) against strength_seconds over all
 * the doses, and what rose since last week after a change of reps alone
 * against rises(). Linked with the library's objects: the check is
 * internal.
 *
 * Environment: GRADUS_INCREMENTS_COUNT overrides the number of profiles. */
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"
#include "plan/plan_int.h"
#include "profile_gen.h"

#define INCREMENTS_COUNT 3000
#define INCREMENTS_SEED 0x74696d6500000011ULL /* "time" */

static void pieces_over_generated_profiles(void **state)
{
	const gradus_catalogue *cat = test_catalogue();
	const gradus_templates *tpl = test_templates();
	const char *env = getenv("GRADUS_INCREMENTS_COUNT");
	unsigned long count = env ? strtoul(env, NULL, 10) : INCREMENTS_COUNT;
	gradus_diags *d = gradus_diags_new();
	unsigned long plans = 0;

	(void)state;
	plan_check.on = true;
	plan_check.checked = plan_check.wrong = 0;
	for (uint64_t i = 0; i < count; i++) {
		gradus_profile *p;
		gradus_screening *s;
		gradus_plan *pl = NULL;

		if (pgen_screened(INCREMENTS_SEED, i, "increments", cat, tpl, d, &p, &s) &&
		    gradus_plan_generate(&pl, p, s, cat, tpl, NULL, d) == GRADUS_OK)
			plans++;
		gradus_plan_free(pl);
		gradus_screening_free(s);
		gradus_profile_free(p);
	}
	plan_check.on = false;
	gradus_diags_free(d);
	printf("%lu plans, %lu pieces checked, %lu wrong\n", plans,
	       plan_check.checked, plan_check.wrong);
	/* not vacuous: most generated profiles get a plan, every plan
	 * fits its minutes and most rises are fitted */
	assert_true(plans >= count / 5);
	assert_true(plan_check.checked >= plans * 10);
	assert_int_equal(plan_check.wrong, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pieces_over_generated_profiles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
