/* The bump allocator's reset (issue 17): a plan made after another in
 * the same arena (gradus batch) finds the memory of the one before,
 * emptied and zeroed again, and allocates nothing new. And arena_printf,
 * which formats into the room left in the block first. */
#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
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

/* Texts of every length around the room left in a block (what fits is
 * formatted in place, what does not goes to a new block): each one
 * whole, unchanged by what came after, and the next allocation aligned. */
static void printf_fills_the_block_and_spills(void **state)
{
	static char want[3][12000];
	char *got[3];
	(void)state;
	for (size_t first = 0; first < 8192; first += 16) {
		for (size_t len = first > 64 ? 8192 - first - 40 : 0;
		     len < 8192 - first + 40; len += first > 64 ? 1 : 997) {
			arena a;
			void *after;
			arena_init(&a);
			assert_non_null(arena_alloc(&a, first ? first : 1));
			for (int k = 0; k < 3; k++) {
				memset(want[k], 'a' + k, len + (size_t)k);
				want[k][len + (size_t)k] = '\0';
				got[k] = arena_printf(&a, "%s", want[k]);
				assert_non_null(got[k]);
			}
			after = arena_alloc(&a, 1);
			assert_non_null(after);
			assert_int_equal((uintptr_t)after % alignof(max_align_t), 0);
			for (int k = 0; k < 3; k++)
				assert_string_equal(got[k], want[k]);
			arena_free(&a);
		}
		if (first > 64 && first < 8000)
			first += 512;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reset_keeps_the_first_block),
		cmocka_unit_test(reset_makes_one_block_of_all),
		cmocka_unit_test(reset_clears_a_failure),
		cmocka_unit_test(printf_fills_the_block_and_spills),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
