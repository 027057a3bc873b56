/* Internal: a bump allocator. Everything a loaded object owns lives in
 * one arena so one call frees it. */
#ifndef GRADUS_ARENA_H
#define GRADUS_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct {
	arena_block *head;
	int failed; /* set once an allocation failed */
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
/* Empties the arena for its next use and keeps its memory: everything
 * allocated from it is gone (every pointer into it is invalid) and
 * `failed` is cleared. It keeps one block: its first, when it had only
 * that one; else one new block as large as all of its blocks were, so
 * that a next use of about the same size allocates nothing. When that
 * block cannot be had, the arena is left empty, as arena_free leaves it. */
void arena_reset(arena *a);
/* The bytes the arena's blocks hold for allocations, and the number of
 * blocks into *blocks when `blocks` is not NULL. */
size_t arena_held(const arena *a, size_t *blocks);
/* Zeroed memory, aligned for any type; NULL (and a->failed) when out of
 * memory. */
void *arena_alloc(arena *a, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
/* printf into the arena (any length); NULL when out of memory. */
char *arena_printf(arena *a, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

#endif
