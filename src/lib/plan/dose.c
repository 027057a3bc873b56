/* The parts of a dose the generator and the review share (dose.h), and
 * the one effort scale. */
#include "plan/dose.h"

#include <math.h>
#include <string.h>

#include "gradus/plan.h"

int dose_phase_index(const gradus_template *t, int week)
{
	int end = 0;
	for (size_t i = 0; i < t->n_phases; i++) {
		if (t->phases[i].weeks == 0 || i + 1 == t->n_phases)
			return (int)i;
		end += t->phases[i].weeks;
		if (week <= end)
			return (int)i;
	}
	return 0;
}

int dose_phase_first_week(const gradus_template *t, int i)
{
	int w = 1;
	for (int k = 0; k < i && (size_t)k < t->n_phases; k++)
		w += t->phases[k].weeks;
	return w;
}

/* never a lighter week in the first 5 weeks: the first comes in week 6
 * at the earliest (our choice, D) */
#define DELOAD_EARLIEST 6

int dose_deload_first(const gradus_template *t)
{
	/* the template's deload_first (validated 6..52); a template made in
	 * code without it gets the default */
	return t->deload_first >= DELOAD_EARLIEST ? t->deload_first : DELOAD_EARLIEST;
}

bool dose_is_deload(const gradus_template *t, int week)
{
	int first;
	if (t->deload_every < 2)
		return false;
	first = dose_deload_first(t);
	return week >= first && (week - first) % t->deload_every == 0;
}

int dose_load_step_weeks(const gradus_template *t)
{
	/* the template's load_step_weeks (2..8, default 2) */
	return t->load_step_weeks >= 2 ? t->load_step_weeks : 2;
}

void dose_owned_for(const gradus_profile *p, gradus_load_kind k, dose_owned *o)
{
	memset(o, 0, sizeof(*o));
	switch (k) {
	case GRADUS_LOAD_ANKLE_WEIGHT:
		o->n = (int)p->n_ankle_weights;
		memcpy(o->kg, p->ankle_weights_kg, sizeof(double) * p->n_ankle_weights);
		break;
	case GRADUS_LOAD_DUMBBELL:
		o->n = (int)p->n_dumbbells;
		memcpy(o->kg, p->dumbbells_kg, sizeof(double) * p->n_dumbbells);
		break;
	case GRADUS_LOAD_BAND:
		for (int b = 0; b < GRADUS_BAND__COUNT; b++)
			if (p->bands & (1u << b))
				o->band[o->n++] = b;
		break;
	case GRADUS_LOAD_MACHINE:
		o->n = 30;
		break;
	default:
		o->n = 0;
	}
	/* a profile may list weights in any order: lightest first, so the
	 * plan starts light and only ever steps up */
	if (k == GRADUS_LOAD_ANKLE_WEIGHT || k == GRADUS_LOAD_DUMBBELL)
		for (int i = 1; i < o->n; i++)
			for (int j = i; j > 0 && o->kg[j - 1] > o->kg[j]; j--) {
				double t = o->kg[j];
				o->kg[j] = o->kg[j - 1];
				o->kg[j - 1] = t;
			}
}

bool dose_load_step_ok(const dose_owned *o, gradus_load_kind k, int i)
{
	double diff, smallest = 1e9;
	if (i + 1 >= o->n)
		return false;
	if (k == GRADUS_LOAD_BAND || k == GRADUS_LOAD_MACHINE)
		return true; /* the next owned band; one machine step */
	for (int j = 1; j < o->n; j++)
		if (o->kg[j] - o->kg[j - 1] < smallest)
			smallest = o->kg[j] - o->kg[j - 1];
	diff = o->kg[i + 1] - o->kg[i];
	return diff <= 0.10 * o->kg[i] + 1e-9 || fabs(diff - smallest) < 1e-9;
}

gradus_load dose_load_at(const dose_owned *o, gradus_load_kind k, int i)
{
	gradus_load l = {k, 0.0, -1, 0};
	if (o->n == 0)
		return l;
	if (i >= o->n)
		i = o->n - 1;
	if (k == GRADUS_LOAD_ANKLE_WEIGHT || k == GRADUS_LOAD_DUMBBELL)
		l.kg = o->kg[i];
	else if (k == GRADUS_LOAD_BAND)
		l.band = o->band[i];
	else if (k == GRADUS_LOAD_MACHINE)
		l.machine_step = i;
	return l;
}

int dose_load_index(const dose_owned *o, const gradus_load *l)
{
	int at = 0;
	for (int i = 0; i < o->n; i++) {
		if ((l->kind == GRADUS_LOAD_ANKLE_WEIGHT || l->kind == GRADUS_LOAD_DUMBBELL) &&
		    o->kg[i] <= l->kg + 1e-9)
			at = i;
		if (l->kind == GRADUS_LOAD_BAND && l->band >= 0 && o->band[i] <= l->band)
			at = i;
		if (l->kind == GRADUS_LOAD_MACHINE && i <= l->machine_step)
			at = i;
	}
	return at;
}

/* The one effort scale, used by the generator's reasons, the review and
 * every renderer (docs/architecture.md). */
const char *gradus_effort_words(int e)
{
	/* Effort words on the 0-10 scale (ACSM2009OA: 5-6 moderate, 7-8
	 * vigorous). */
	if (e <= 2)
		return "very light";
	if (e <= 4)
		return "light";
	if (e <= 6)
		return "moderate";
	if (e <= 8)
		return "hard";
	return "very hard";
}
