/* The printed text plan: 80 columns, one week per page, a stop-and-call
 * box on every page, a tick box per set. Checked on every example. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"


static gradus_plan *make(const char *path, gradus_profile **pp,
			 gradus_screening **sp)
{
	gradus_diags *d = gradus_diags_new();
	gradus_plan *plan = NULL;
	assert_int_equal(gradus_profile_load_file(pp, path, test_catalogue(),
						  test_templates(), d), GRADUS_OK);
	assert_int_equal(gradus_screen(sp, *pp, (gradus_date){0, 0, 0}, d), GRADUS_OK);
	assert_int_equal(gradus_plan_generate(&plan, *pp, *sp, test_catalogue(),
					      test_templates(), NULL, d), GRADUS_OK);
	gradus_diags_free(d);
	return plan;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void pages_fit_paper(void **state)
{
	(void)state;
	for (size_t f = 0; f < n_plannable_profiles; f++) {
		gradus_profile *p;
		gradus_screening *s;
		gradus_plan *plan = make(plannable_profiles[f], &p, &s);
		char *text;
		size_t len, pages = 1, lines = 1, cols = 0;
		assert_int_equal(gradus_plan_render(&text, &len, plan, GRADUS_PLAN_TEXT, NULL),
				 GRADUS_OK);
		/* a cover page, the guide, one page per week (after the
		 * guide of the exercises that start there), the therapist's
		 * page: the stop lines on each */
		assert_true(count(text, "\f") > plan->n_weeks + 1);
		assert_int_equal(count(text, "STOP AND CALL"), count(text, "\f") + 1);
		assert_int_equal(count(text, "\f\nFor your therapist\n"), 1);
		for (const char *c = text; *c; c++) {
			if (*c == '\f') {
				pages++;
				lines = 1;
				continue;
			}
			if (*c == '\n') {
				lines++;
				cols = 0;
				/* 62 lines: A4 and Letter at 6 lines an inch, with margins */
				if (lines > 62)
					fail_msg("%s: page %zu is longer than 62 lines", plannable_profiles[f], pages);
				continue;
			}
			if (((unsigned char)*c & 0xc0) != 0x80 && ++cols > 80)
				fail_msg("%s: page %zu line %zu is wider than 80 columns",
					 plannable_profiles[f], pages, lines);
		}
		free(text);
		gradus_plan_free(plan);
		gradus_screening_free(s);
		gradus_profile_free(p);
	}
}

/* The record grid has a box for each set of each session. */
static void one_box_per_set(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	gradus_plan *plan = make("profiles/examples/margaret-sarcopenia.cfg", &p, &s);
	char *text, *page;
	size_t boxes = 0;
	(void)state;
	assert_int_equal(gradus_plan_render(&text, NULL, plan, GRADUS_PLAN_TEXT, NULL),
			 GRADUS_OK);
	/* the last week's page, before the therapist's */
	page = strstr(text, "\f\nFor your therapist\n");
	assert_non_null(page);
	*page = '\0';
	page = strrchr(text, '\f');
	assert_non_null(page);
	const gradus_week *wk = &plan->weeks[plan->n_weeks - 1];
	for (size_t i = 0; i < wk->sessions[0].n_items; i++)
		boxes += (size_t)wk->sessions[0].items[i].sets * wk->n_sessions;
	assert_true(boxes > 0);
	assert_int_equal(count(page, "[ ]"), boxes);
	assert_int_equal(count(page, "__/__/__"), wk->sessions[0].n_items * wk->n_sessions);
	free(text);
	gradus_plan_free(plan);
	gradus_screening_free(s);
	gradus_profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pages_fit_paper),
		cmocka_unit_test(one_box_per_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
