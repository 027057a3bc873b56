/* The easier and harder versions that a plan's pages may name ("Too
 * hard? / Too easy?" in the exercise guide): for every exercise the plan
 * uses, the nearest easier version and the next harder one that the
 * person may do, checked as the plan's own exercises are (usable and
 * balance_safe, select.c). A version the person may not do - it needs
 * equipment they lack, meets their conditions or precautions, does not
 * fit their mobility, is above their level, or is balance without
 * holding on for someone who must hold on - is never named. */
#include "gradus/plan.h"

#include "plan/plan_int.h"

typedef struct {
	gradus_versions *v;
	int *first;              /* the week index each is first used; -1:
	                            a warm-up or cool-down (every week) */
	size_t n, cap;
	bool failed;
} version_list;

static void add(version_list *l, arena *a, const gradus_exercise *e, int week)
{
	if (!e)
		return;
	/* most exercises come again every week: the newest entries first */
	for (size_t i = l->n; i-- > 0;)
		if (l->v[i].exercise == e)
			return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 32;
		gradus_versions *v = arena_alloc(a, cap * sizeof(*v));
		int *first = arena_alloc(a, cap * sizeof(*first));
		if (!v || !first) {
			l->failed = true;
			return;
		}
		if (l->n) {
			memcpy(v, l->v, l->n * sizeof(*v));
			memcpy(first, l->first, l->n * sizeof(*first));
		}
		l->v = v;
		l->first = first;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	l->v[l->n].exercise = e;
	l->first[l->n] = week;
	l->n++;
}

static int first_week(const version_list *l, const gradus_exercise *e)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].exercise == e)
			return l->first[i];
	return -2; /* not used */
}

int name_versions(gradus_plan *pl, const pl_ctx *c, arena *a)
{
	version_list l = {0};

	for (size_t i = 0; i < pl->n_warmup; i++)
		add(&l, a, pl->warmup[i], -1);
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		for (size_t s = 0; s < wk->n_sessions; s++) {
			const gradus_session *se = &wk->sessions[s];
			/* the sessions of a week often share their items */
			if (s == 0 || se->items != wk->sessions[s - 1].items)
				for (size_t i = 0; i < se->n_items; i++)
					add(&l, a, se->items[i].exercise, (int)w);
			for (size_t i = 0; se->balance_min && i < se->n_balance; i++)
				add(&l, a, se->balance[i], (int)w);
		}
	}
	for (size_t i = 0; i < pl->n_balance; i++)
		add(&l, a, pl->balance[i], (int)pl->n_weeks);
	for (size_t i = 0; i < pl->n_cooldown; i++)
		add(&l, a, pl->cooldown[i], -1);
	if (l.failed)
		return GRADUS_ENOMEM;

	for (size_t i = 0; i < l.n; i++) {
		gradus_versions *v = &l.v[i];
		const gradus_exercise *h = v->exercise->harder;
		v->easier = usable_or_easier(c, v->exercise->easier);
		v->harder = h && usable(c, h) && balance_safe(c, h) ? h : NULL;
		/* the warm-up and cool-down stay the same every week */
		v->harder_later = v->harder && l.first[i] >= 0 &&
				  first_week(&l, v->harder) > l.first[i];
	}
	pl->versions = l.v;
	pl->n_versions = l.n;
	return GRADUS_OK;
}

const gradus_versions *gradus_plan_versions(const gradus_plan *plan,
					    const gradus_exercise *e)
{
	for (size_t i = 0; plan && e && i < plan->n_versions; i++)
		if (plan->versions[i].exercise == e)
			return &plan->versions[i];
	return NULL;
}
