/* The reasons of a plan ("why", --explain) over many generated
 * profiles (profile_gen.c): each reason whose words carry numbers says
 * the numbers of its item, word for word as the generator always wrote
 * them (the formats below are the reference), and each distinct text
 * is formatted once: items with the same reason share one string. The
 * same for plans made one after another in the same memory, which keep
 * their texts from plan to plan.
 *
 * Environment: GRADUS_WHY_COUNT overrides the number of profiles. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "profile_gen.h"

#define WHY_COUNT 3000
#define WHY_SEED 0x7768790000000003ULL /* "why" */
#define MAX_TEXTS 4096

typedef struct {
	unsigned long items, numbered, mismatches, copies, plans;
	int printed;
} tally;

/* The phase of a week: the template's phase of that name. */
static const gradus_phase *week_phase(const gradus_plan *pl, const gradus_week *wk)
{
	for (size_t i = 0; i < pl->template->n_phases; i++)
		if (pl->template->phases[i].name == wk->phase)
			return &pl->template->phases[i];
	return NULL;
}

/* The words of a numbered reason, as the generator always wrote them;
 * 0 for a rule whose words carry no number of the item. */
static int expected(char *out, size_t n, const gradus_plan *pl,
		    const gradus_phase *ph, const gradus_item *it, const char *rule)
{
	if (strcmp(rule, "G-SETS") == 0)
		return snprintf(out, n, "%d set%s: start with 1 and build to 2 or 3 (phase \"%s\" allows %d to %d).",
				it->sets, it->sets > 1 ? "s" : "", ph->name, ph->sets_min, ph->sets_max);
	if (strcmp(rule, "G-REPS") == 0 && it->reps_max > ph->reps_max)
		return snprintf(out, n, "%d to %d reps, more than this phase's %d-%d: reps come down only with a heavier weight, a harder version or one more set.",
				it->reps_min, it->reps_max, ph->reps_min, ph->reps_max);
	if (strcmp(rule, "G-REPS") == 0)
		return snprintf(out, n, "%d to %d reps: 10-15 when starting, 8-12 later (phase range %d-%d).",
				it->reps_min, it->reps_max, ph->reps_min, ph->reps_max);
	if (strcmp(rule, "G-EFFORT") == 0)
		return snprintf(out, n, "Effort %d-%d of 10 (%s): phase \"%s\" asks %d-%d, never above the cap of %d.",
				it->effort_min, it->effort_max,
				gradus_effort_words(it->effort_max), ph->name,
				ph->rpe_min, ph->rpe_max, pl->effort_cap);
	if (strcmp(rule, "G-REST") == 0)
		return snprintf(out, n, "Rest %d s between sets (60-120 s).", it->rest_s);
	if (strcmp(rule, "G-DELOAD") == 0)
		return snprintf(out, n, "Lighter week (every %d weeks): about half the sets, or the fewest reps when there is one set; nothing rises.",
				pl->template->deload_every);
	return 0;
}

/* Every reason of every item: the right words, and one string for each
 * distinct text. */
static void check_plan(tally *t, const gradus_plan *pl, uint64_t index)
{
	static const char *texts[MAX_TEXTS];
	size_t n_texts = 0;
	char want[512];

	t->plans++;
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		const gradus_phase *ph = week_phase(pl, wk);
		for (size_t s = 0; s < wk->n_sessions; s++)
			for (size_t i = 0; i < wk->sessions[s].n_items; i++) {
				const gradus_item *it = &wk->sessions[s].items[i];
				t->items++;
				for (size_t k = 0; k < it->n_why; k++) {
					const gradus_why *y = &it->why[k];
					size_t j;
					assert_non_null(ph);
					assert_non_null(y->text);
					if (expected(want, sizeof(want), pl, ph, it, y->rule) > 0) {
						t->numbered++;
						if (strcmp(want, y->text) != 0) {
							t->mismatches++;
							if (t->printed++ < 10)
								printf("index %" PRIu64 " week %d %s: \"%s\", want \"%s\"\n",
								       index, wk->number, y->rule, y->text, want);
						}
					}
					for (j = 0; j < n_texts; j++)
						if (strcmp(texts[j], y->text) == 0)
							break;
					if (j == n_texts && n_texts < MAX_TEXTS)
						texts[n_texts++] = y->text;
					else if (j < n_texts && texts[j] != y->text) {
						t->copies++;
						if (t->printed++ < 10)
							printf("index %" PRIu64 " week %d %s: \"%s\" formatted again\n",
							       index, wk->number, y->rule, y->text);
					}
				}
			}
	}
}

static void reasons_over_generated_profiles(void **state)
{
	const gradus_catalogue *cat = test_catalogue();
	const gradus_templates *tpl = test_templates();
	const char *env = getenv("GRADUS_WHY_COUNT");
	unsigned long count = env ? strtoul(env, NULL, 10) : WHY_COUNT;
	gradus_diags *d = gradus_diags_new();
	tally t = {0};

	(void)state;
	for (uint64_t i = 0; i < count; i++) {
		gradus_profile *p;
		gradus_screening *s;
		gradus_plan *pl = NULL;

		if (pgen_screened(WHY_SEED, i, "why", cat, tpl, d, &p, &s) &&
		    gradus_plan_generate(&pl, p, s, cat, tpl, NULL, d) == GRADUS_OK)
			check_plan(&t, pl, i);
		gradus_plan_free(pl);
		gradus_screening_free(s);
		gradus_profile_free(p);
	}
	gradus_diags_free(d);
	printf("%lu plans, %lu items, %lu numbered reasons: %lu wrong, %lu formatted again\n",
	       t.plans, t.items, t.numbered, t.mismatches, t.copies);
	/* not vacuous: most generated profiles get a plan of several weeks */
	assert_true(t.plans >= count / 5);
	assert_true(t.numbered >= t.plans * 4);
	assert_int_equal(t.mismatches, 0);
	assert_int_equal(t.copies, 0);
}

/* Every reason text of plan a is the same as plan b's, item by item. */
static unsigned long different_texts(const gradus_plan *a, const gradus_plan *b)
{
	unsigned long n = 0;

	assert_int_equal(a->n_weeks, b->n_weeks);
	for (size_t w = 0; w < a->n_weeks; w++) {
		const gradus_week *x = &a->weeks[w], *y = &b->weeks[w];
		assert_int_equal(x->n_sessions, y->n_sessions);
		for (size_t s = 0; s < x->n_sessions; s++) {
			assert_int_equal(x->sessions[s].n_items, y->sessions[s].n_items);
			for (size_t i = 0; i < x->sessions[s].n_items; i++) {
				const gradus_item *p = &x->sessions[s].items[i];
				const gradus_item *q = &y->sessions[s].items[i];
				assert_int_equal(p->n_why, q->n_why);
				for (size_t k = 0; k < p->n_why; k++)
					n += strcmp(p->why[k].text, q->why[k].text) != 0;
			}
		}
	}
	return n;
}

/* Adds x to the distinct values v[0..*n) (at most max). */
static void note(long *v, size_t *n, size_t max, long x)
{
	for (size_t i = 0; i < *n; i++)
		if (v[i] == x)
			return;
	if (*n < max)
		v[(*n)++] = x;
}

/* Adds x to the distinct names v[0..*n) (at most max). */
static void note_name(const char **v, size_t *n, size_t max, const char *x)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(v[i], x) == 0)
			return;
	if (*n < max)
		v[(*n)++] = x;
}

/* Plans made one after another in the same memory (as gradus batch makes
 * them: gradus_plan_generate_reuse), which keeps the book of reason texts
 * from plan to plan: every reason has the words of the reference formats
 * and of the same profile's plan made afresh, over plans of different
 * effort caps, templates and phases. */
static void reasons_of_reused_plans(void **state)
{
	const gradus_catalogue *cat = test_catalogue();
	const gradus_templates *tpl = test_templates();
	const char *env = getenv("GRADUS_WHY_COUNT");
	unsigned long count = env ? strtoul(env, NULL, 10) : WHY_COUNT;
	gradus_diags *d = gradus_diags_new();
	gradus_plan *kept = NULL;
	tally t = {0};
	unsigned long after_another = 0, different = 0;
	long caps[16], templates[64];
	const char *phases[64];
	size_t n_caps = 0, n_templates = 0, n_phases = 0;

	(void)state;
	for (uint64_t i = 0; i < count; i++) {
		gradus_profile *p;
		gradus_screening *s;
		gradus_plan *fresh = NULL;

		if (pgen_screened(WHY_SEED, i, "why", cat, tpl, d, &p, &s)) {
			bool had = kept != NULL;
			if (gradus_plan_generate_reuse(&kept, p, s, cat, tpl, NULL, d) == GRADUS_OK) {
				check_plan(&t, kept, i);
				assert_int_equal(gradus_plan_generate(&fresh, p, s, cat, tpl, NULL, d),
						 GRADUS_OK);
				different += different_texts(kept, fresh);
				after_another += had;
				note(caps, &n_caps, 16, kept->effort_cap);
				note(templates, &n_templates, 64, (long)(intptr_t)kept->template);
				for (size_t w = 0; w < kept->n_weeks; w++)
					note_name(phases, &n_phases, 64, kept->weeks[w].phase);
				gradus_plan_free(fresh);
			}
		}
		gradus_screening_free(s);
		gradus_profile_free(p);
	}
	gradus_plan_free(kept);
	gradus_diags_free(d);
	printf("%lu reused plans (%lu after another), %zu effort caps, %zu templates, %zu phases: %lu wrong, %lu formatted again, %lu unlike the fresh plan\n",
	       t.plans, after_another, n_caps, n_templates, n_phases, t.mismatches,
	       t.copies, different);
	/* not vacuous: plans after plans, of several caps, templates, phases */
	assert_true(after_another >= count / 10);
	assert_true(n_caps >= 3);
	assert_true(n_templates >= 3);
	assert_true(n_phases >= 3);
	assert_int_equal(t.mismatches, 0);
	assert_int_equal(t.copies, 0);
	assert_int_equal(different, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reasons_over_generated_profiles),
		cmocka_unit_test(reasons_of_reused_plans),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
