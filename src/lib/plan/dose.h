/* dose.h - what a dose is made of, shared by the generator (plan/) and
 * the review (review/adapt.c): the template's phases counted week by week, the
 * lighter weeks, the rep window, and the loads a person owns with the
 * step rule between them. One copy, so a plan and its review can never
 * count differently. Internal to libgradus. */
#ifndef GRADUS_DOSE_H
#define GRADUS_DOSE_H

#include <stdbool.h>

#include "gradus/plan.h"

/* The phase a program week (1-based) falls in; the last phase (or one
 * with weeks = 0) runs to the end. */
int dose_phase_index(const gradus_template *t, int week);
/* The first week of phase i. */
int dose_phase_first_week(const gradus_template *t, int i);

/* Lighter weeks: every deload_every weeks from deload_first on, never in
 * the first 5 weeks (our choice, D). */
bool dose_is_deload(const gradus_template *t, int week);
int dose_deload_first(const gradus_template *t);
/* At least this many weeks between two load rises of one exercise
 * [ACSM2009]; 2 is our conservative choice (D). */
int dose_load_step_weeks(const gradus_template *t);

/* The rep window shown is [lo, lo + 2] inside the phase range; the
 * highest `lo` of a phase. */
#define DOSE_WINDOW 2
/* (inline: asked for every item of every week) */
static inline int dose_reps_top_lo(const gradus_phase *ph)
{
	return ph->reps_max - DOSE_WINDOW > ph->reps_min
		? ph->reps_max - DOSE_WINDOW : ph->reps_min;
}

static inline int dose_reps_hi(int lo, const gradus_phase *ph)
{
	int hi = lo + DOSE_WINDOW;
	/* a window above the phase range (kept so reps never drop without
	 * a heavier load) keeps its width */
	if (lo <= dose_reps_top_lo(ph) && hi > ph->reps_max)
		hi = ph->reps_max;
	return hi < lo ? lo : hi;
}

/* The loads of one kind a person owns, lightest first. Machines have
 * 30 steps (the gym's stack). */
typedef struct {
	int n;
	double kg[GRADUS_MAX_WEIGHTS];
	int band[GRADUS_BAND__COUNT];
} dose_owned;
void dose_owned_for(const gradus_profile *p, gradus_load_kind k, dose_owned *o);
/* May the load go from owned step i to i + 1? At most +10 % or the
 * smallest step among the owned weights [ACSM2009; OTAGO 0.5 kg]. */
bool dose_load_step_ok(const dose_owned *o, gradus_load_kind k, int i);
gradus_load dose_load_at(const dose_owned *o, gradus_load_kind k, int i);
/* The index of the heaviest owned load not above `l` (0 when none). */
int dose_load_index(const dose_owned *o, const gradus_load *l);

/* Is the load a weight in kg (ankle weight, dumbbell), as opposed to a
 * band, a machine step or the body's own weight? */
static inline bool dose_weight_kind(gradus_load_kind k)
{
	return k == GRADUS_LOAD_ANKLE_WEIGHT || k == GRADUS_LOAD_DUMBBELL;
}

#endif
