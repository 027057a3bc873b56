#include "util/arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	arena_block *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
};

#define BLOCK_MIN 8192

void arena_init(arena *a)
{
	a->head = NULL;
	a->failed = 0;
}

void arena_free(arena *a)
{
	arena_block *b = a->head;
	while (b) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

void arena_reset(arena *a)
{
	arena_block *b = a->head;
	size_t total = 0;

	a->failed = 0;
	if (!b)
		return;
	if (b->next) {
		for (; b; b = b->next)
			total += b->cap;
		arena_free(a);
		b = malloc(sizeof(*b) + total);
		if (!b)
			return;
		b->cap = total;
		b->next = NULL;
		a->head = b;
	}
	b->used = 0;
}

size_t arena_held(const arena *a, size_t *blocks)
{
	size_t total = 0, n = 0;

	for (const arena_block *b = a->head; b; b = b->next, n++)
		total += b->cap;
	if (blocks)
		*blocks = n;
	return total;
}

void *arena_alloc(arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	size_t need;
	arena_block *b = a->head;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX / 2) {
		a->failed = 1;
		return NULL;
	}
	need = (n + align - 1) & ~(align - 1);
	if (!b || b->cap - b->used < need) {
		size_t cap = need > BLOCK_MIN ? need : BLOCK_MIN;
		b = malloc(sizeof(*b) + cap);
		if (!b) {
			a->failed = 1;
			return NULL;
		}
		b->cap = cap;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* printf into the arena: first straight into the room left in the
 * current block, so that a text that fits is formatted once; measured
 * and formatted again in a new block when it does not. */
char *arena_printf(arena *a, const char *fmt, ...)
{
	const size_t align = alignof(max_align_t);
	arena_block *b = a->head;
	va_list ap;
	int n;
	char *p;

	if (b && b->cap > b->used) {
		size_t room = b->cap - b->used;
		p = (char *)b->data + b->used;
		va_start(ap, fmt);
		n = vsnprintf(p, room, fmt, ap);
		va_end(ap);
		if (n < 0)
			return NULL;
		if ((size_t)n < room) {
			/* used and cap are multiples of align: this stays in cap */
			b->used += ((size_t)n + 1 + align - 1) & ~(align - 1);
			return p;
		}
	} else {
		va_start(ap, fmt);
		n = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			return NULL;
	}
	p = arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
