/* plan_int.h - what the files of the generator share (plan/): the
 * person's assessment (assess.c), the choice of template and exercises
 * (select.c), the time model (time.c), the week-by-week progression
 * (progress.c) and the weeks and sessions (schedule.c), driven step by
 * step by gradus_plan_generate (plan.c). Internal to libgradus. */
#ifndef GRADUS_PLAN_INT_H
#define GRADUS_PLAN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "gradus/plan.h"
#include "util/arena.h"

/* Shared by the files of plan/ only: kept out of the library's exported
 * names (those are gradus_...). */
#if defined(__GNUC__)
#define PLAN_INTERNAL __attribute__((visibility("hidden")))
#else
#define PLAN_INTERNAL
#endif

#define MAX_PICKS 12
#define MAX_WEEKS 52

/* ---- small helpers ---- */

/* A growable list of strings kept in the arena. */
typedef struct {
	const char **v;
	size_t n, cap;
} strlist;

static inline void strlist_add(arena *a, strlist *l, const char *s)
{
	if (!s)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		const char **v = arena_alloc(a, cap * sizeof(*v));
		if (!v)
			return;
		if (l->n)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
}

/* ---- assess.c: the person ---- */

/* The Vivifrail class, the fall risk "+", the EWGSOP2 and SARC-F
 * findings, with a note for each. */
PLAN_INTERNAL void assess(gradus_assessment *as, const gradus_profile *p, arena *a);
/* The effort cap of every item, with its reason added to `reasons`. */
PLAN_INTERNAL int effort_cap(const gradus_plan *pl, const gradus_profile *p,
			     const gradus_screening *s, const gradus_template *t,
			     arena *a, strlist *reasons);
/* The safety advice of the precautions, and the protein line. */
PLAN_INTERNAL void advice(gradus_plan *pl, const gradus_profile *p,
			  const gradus_screening *s, arena *a, strlist *adv);

#endif
