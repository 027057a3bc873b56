/* The book of reason texts (plan/why.c) that a plan's memory keeps from
 * plan to plan (gradus_plan_generate_reuse): over many plans with ever
 * new texts it is emptied between plans once past its bound, so memory
 * stays flat, and every text is still right; a phase name is the
 * book's own copy, not the caller's string, whose words may change
 * between plans. Linked with the library's objects: the book is
 * internal. */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "plan/plan_int.h"

#define PLANS 3000

static void book_stays_bounded(void **state)
{
	whybook wb;
	gradus_template t;
	gradus_plan pl;
	gradus_phase ph;
	gradus_item it;
	wdose row[1];
	gradus_why slots[ITEM_WHYS_MAX];
	char name[32], want[256];
	size_t most = 0;
	unsigned flushes = 0;

	(void)state;
	memset(&t, 0, sizeof(t));
	memset(&pl, 0, sizeof(pl));
	memset(&ph, 0, sizeof(ph));
	memset(&it, 0, sizeof(it));
	memset(row, 0, sizeof(row));
	t.deload_every = 4;
	pl.template = &t;
	ph.name = name; /* the same string, other words in every plan */
	ph.sets_min = 1;
	ph.sets_max = 3;
	ph.reps_min = 8;
	ph.reps_max = 12;
	ph.rpe_min = 3;
	ph.rpe_max = 5;
	row[0].change = GRADUS_CHANGE_NONE;
	whys_init(&wb);
	for (int i = 0; i < PLANS; i++) {
		size_t n;
		/* a new phase name: new texts of its sets and effort */
		snprintf(name, sizeof(name), "phase %d", i);
		pl.effort_cap = 3 + i % 3;
		it.sets = 1 + i % 3;
		it.reps_min = 8;
		it.reps_max = 10;
		it.effort_min = 3;
		it.effort_max = pl.effort_cap < 5 ? pl.effort_cap : 5;
		it.rest_s = 60 + i % 61;
		whys_begin(&wb, &pl);
		assert_int_equal(item_whys(&it, slots, &wb, &ph, row, 0, NULL), GRADUS_OK);
		assert_int_equal(it.n_why, 5);
		snprintf(want, sizeof(want), "%d set%s: start with 1 and build to 2 or 3 (phase \"%s\" allows 1 to 3).",
			 it.sets, it.sets > 1 ? "s" : "", name);
		assert_string_equal(it.why[0].text, want);
		snprintf(want, sizeof(want), "Effort 3-%d of 10 (%s): phase \"%s\" asks 3-5, never above the cap of %d.",
			 it.effort_max, gradus_effort_words(it.effort_max), name, pl.effort_cap);
		assert_string_equal(it.why[2].text, want);
		snprintf(want, sizeof(want), "Rest %d s between sets (60-120 s).", it.rest_s);
		assert_string_equal(it.why[3].text, want);
		n = whys_count(&wb, &flushes);
		if (n > most)
			most = n;
	}
	printf("%d plans: at most %zu texts in the book, emptied %u times\n", PLANS, most,
	       flushes);
	/* not vacuous: more new texts than the bound, so it was emptied */
	assert_true(flushes >= 2);
	/* the bound, and one plan's texts more at most */
	assert_true(most <= WHY_BOOK_MAX + ITEM_WHYS_MAX);
	whys_free(&wb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(book_stays_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
