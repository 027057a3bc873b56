/* The bump allocator's reset (issue 17): a plan made after another in
 * the same arena (gradus batch) finds the memory of the one before,
 * emptied and zeroed again, and allocates nothing new. */
#include <stdint.h>
#include <string.h>

#include "helpers.h"
#include "util/arena.h"

/* A reset arena keeps its one block: the next allocation is where the
 * first one was, zeroed again. */
static void reset_keeps_the_first_block(void **state)
{
	arena a;
	char *p, *q;
	size_t held, blocks;
	(void)state;
	arena_init(&a);
	arena_reset(&a); /* empty: nothing to keep */
	assert_int_equal(arena_held(&a, &blocks), 0);
	assert_int_equal(blocks, 0);
	p = arena_alloc(&a, 100);
	assert_non_null(p);
	memset(p, 'x', 100);
	held = arena_held(&a, &blocks);
	assert_int_equal(blocks, 1);
	arena_reset(&a);
	assert_int_equal(arena_held(&a, &blocks), held);
	assert_int_equal(blocks, 1);
	q = arena_alloc(&a, 100);
	assert_ptr_equal(q, p);
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(q[i], 0);
	arena_free(&a);
	assert_int_equal(arena_held(&a, NULL), 0);
}

/* Blocks become one as large as all of them: the same allocations again
 * fit in it, with no new block. */
static void reset_makes_one_block_of_all(void **state)
{
	arena a;
	void *first;
	size_t held, blocks;
	(void)state;
	arena_init(&a);
	for (int i = 0; i < 5; i++)
		assert_non_null(arena_alloc(&a, 6000));
	held = arena_held(&a, &blocks);
	assert_int_equal(blocks, 5);
	for (int round = 0; round < 3; round++) {
		arena_reset(&a);
		assert_int_equal(arena_held(&a, &blocks), held);
		assert_int_equal(blocks, 1);
		first = arena_alloc(&a, 6000);
		assert_non_null(first);
		for (int i = 1; i < 5; i++)
			assert_non_null(arena_alloc(&a, 6000));
		assert_int_equal(arena_held(&a, &blocks), held);
		assert_int_equal(blocks, 1);
	}
	arena_free(&a);
}

/* A failed allocation is forgotten: the next use starts clean. */
static void reset_clears_a_failure(void **state)
{
	arena a;
	(void)state;
	arena_init(&a);
	assert_non_null(arena_alloc(&a, 10));
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_true(a.failed);
	arena_reset(&a);
	assert_false(a.failed);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reset_keeps_the_first_block),
		cmocka_unit_test(reset_makes_one_block_of_all),
		cmocka_unit_test(reset_clears_a_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
