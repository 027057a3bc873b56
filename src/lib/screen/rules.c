/* The rule table and its conditions: the constants with their source
 * keys (docs/sources.md), the small condition functions ck_* (one per
 * gradus_rule.check) and the table itself, one row per rule. Data and
 * conditions only: the gate that runs them is screen.c, the words that
 * show them are render/. */
#include "gradus/screen.h"

#include <math.h>
#include <string.h>

#include "util/buf.h"
#include "util/util.h"
#include "screen/rules.h"
#include "screen/screen_int.h"

/* ------------------------------------------------------------------ */
/* Constants (docs/sources.md; D = our own conservative choice)            */

#define RECENT_DAYS 28         /* fracture or surgery < 4 weeks [VIVI] */
#define HIP_POSTERIOR_DAYS 56  /* posterior hip precautions 6-8 weeks:
                                  we take 8 [SURG] */
#define ASYM_RECENT_WEEKS 2    /* "worsening over hours-days": noticed for
                                  2 weeks or less (D) [NICE127] */
#define BP_HIGH_SYS 180        /* >= 180/110: no training [AHA2007] */
#define BP_HIGH_DIA 110
#define BP_RAISED_SYS 160      /* >= 160/100: relative contraindication */
#define BP_RAISED_DIA 100      /* [AHA2007, OTAGO] */
#define BP_RAISED_CAP 5        /* effort cap for raised BP (D) */
#define HR_HIGH 100            /* resting HR > 100: a doctor first, and no
                                  session on a day it is over 100
                                  [OTAGO, ACSM2015] */
#define TUG_FALL_RISK 13.5     /* TUG >= 13.5 s: fall risk [EWGSOP2] */
#define GAIT_SLOW 0.8          /* gait < 0.8 m/s: fall risk [VIVI] */
#define EGFR_LOW 30            /* eGFR < 30: no protein target [PROTAGE] */
#define NEURO_CAP 5            /* neuro-maintenance effort cap (D) */
#define ACSM_MODERATE_CAP 6    /* moderate effort (5-6 of 10) until cleared
                                  for vigorous [ACSM2015] */
#define CLEARANCE_MAX_DAYS 365 /* a clearance counts for a year before the
                                  start, no longer (D: health changes; a
                                  yearly check is the least we ask) */

/* ------------------------------------------------------------------ */
/* Conditions                                                          */

static const char *rf_key(int f) { return gradus_red_flag_key((gradus_red_flag)f); }

static void date_str(gradus_date d, char out[11])
{
	gradus_date_format(d, out);
}

/* Does an immobilisation cover every weak region? */
static bool immob_covers(const gradus_profile *p)
{
	return p->has_immobilised && p->regions != 0 &&
	       (p->regions & ~p->immobilised_region) == 0;
}

/* Is an immobilisation still in place on as_of (it ends on or after
 * that day)? as_of must be known. */
static bool immob_in_place(const sc_ctx *c)
{
	return c->p->has_immobilised &&
	       gradus_date_days(c->p->immobilised_ended) >= c->today;
}

/* A clearance dated on or before as_of, at most CLEARANCE_MAX_DAYS
 * before it, and, when `since` is set, on or after that day (the
 * weakness began, the operation...). */
static verdict cleared(const sc_ctx *c, bool has_since, long since)
{
	long d;
	if (!c->p->has_clearance)
		return NO;
	if (!c->dated) {
		*c->needs |= NEED_CLEARANCE;
		return UNKNOWN;
	}
	d = gradus_date_days(c->p->clearance_date);
	if (d > c->today || c->today - d > CLEARANCE_MAX_DAYS ||
	    (has_since && d < since))
		return NO;
	return YES;
}

/* Why a clearance given does not count (cleared() said NO): for the
 * clinician's detail. */
static const char *clearance_why(const sc_ctx *c)
{
	long d = gradus_date_days(c->p->clearance_date);
	if (d > c->today)
		return "after the start date";
	if (c->today - d > CLEARANCE_MAX_DAYS)
		return "more than a year before the start date";
	return "older than the weakness";
}

/* Body regions of an operation (fail closed: "other" is everything). */
static unsigned surgery_regions(const gradus_surgery *s)
{
	unsigned legs = s->side == GRADUS_SIDE_LEFT    ? GRADUS_REG_LEFT_LEG
			: s->side == GRADUS_SIDE_RIGHT ? GRADUS_REG_RIGHT_LEG
						       : GRADUS_REG_LEGS;
	unsigned arms = s->side == GRADUS_SIDE_LEFT    ? GRADUS_REG_LEFT_ARM
			: s->side == GRADUS_SIDE_RIGHT ? GRADUS_REG_RIGHT_ARM
						       : GRADUS_REG_ARMS;
	if (!s->kind)
		return GRADUS_REG_ALL;
	if (strcmp(s->kind, "hip_replacement") == 0)
		return GRADUS_REG_HIPS | legs;
	if (strcmp(s->kind, "knee_replacement") == 0)
		return legs;
	if (strcmp(s->kind, "shoulder_replacement") == 0)
		return arms;
	if (strcmp(s->kind, "spine") == 0)
		return GRADUS_REG_TRUNK;
	return GRADUS_REG_ALL;
}

static const char *side_name(gradus_side s)
{
	return s == GRADUS_SIDE_LEFT ? "left" : s == GRADUS_SIDE_RIGHT ? "right" : "both sides";
}

/* "11 days before 2026-12-01" or "after 2026-12-01" */
static void age_words(buf *b, const sc_ctx *c, gradus_date d)
{
	char as_of[11];
	long days = c->today - gradus_date_days(d);
	date_str(c->as_of, as_of);
	if (days >= 0)
		buf_printf(b, "%ld day%s before %s", days, days == 1 ? "" : "s", as_of);
	else
		buf_printf(b, "after %s", as_of);
}

static bool recent(const sc_ctx *c, gradus_date d)
{
	/* an event after as_of (a planned operation) counts as recent */
	return c->today - gradus_date_days(d) < RECENT_DAYS;
}

static verdict ck_logs(const sc_ctx *c, int arg, buf *det)
{
	(void)c, (void)arg, (void)det;
	return NO;
}

static verdict ck_rf_yes(const sc_ctx *c, int arg, buf *det)
{
	(void)det;
	return c->p->red_flags[arg] == GRADUS_ANSWER_YES ? YES : NO;
}

static verdict ck_sudden_onset(const sc_ctx *c, int arg, buf *det)
{
	(void)arg;
	if (c->p->onset != GRADUS_ONSET_SUDDEN)
		return NO;
	buf_puts(det, "condition.onset = sudden");
	return YES;
}

static verdict ck_swallow_fast(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	(void)arg;
	if (p->red_flags[GRADUS_RF_SWALLOWING_DIFFICULTY] != GRADUS_ANSWER_YES)
		return NO;
	if (p->course == GRADUS_COURSE_WORSENING_FAST)
		buf_puts(det, "swallowing difficulty; condition.course = worsening_fast");
	else if (p->onset == GRADUS_ONSET_SUDDEN)
		buf_puts(det, "swallowing difficulty; condition.onset = sudden");
	else
		return NO;
	return YES;
}

static bool worsening(const gradus_profile *p)
{
	return p->course == GRADUS_COURSE_WORSENING_SLOWLY ||
	       p->course == GRADUS_COURSE_WORSENING_FAST;
}

static verdict ck_asym_worsening(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	(void)arg;
	if (p->pattern == GRADUS_PATTERN_SYMMETRIC || !worsening(p) ||
	    p->weeks > ASYM_RECENT_WEEKS)
		return NO;
	buf_printf(det, "condition.pattern = %s, course = %s, noticed for %d week%s",
		   gradus_weakness_pattern_name(p->pattern),
		   gradus_course_name(p->course), p->weeks,
		   p->weeks == 1 ? "" : "s");
	return YES;
}

static verdict ck_course_fast(const sc_ctx *c, int arg, buf *det)
{
	(void)arg;
	if (c->p->course != GRADUS_COURSE_WORSENING_FAST)
		return NO;
	buf_puts(det, "condition.course = worsening_fast");
	return YES;
}

static bool neuro_or_unknown(const gradus_profile *p)
{
	return p->kind == GRADUS_KIND_NEUROGENIC || p->kind == GRADUS_KIND_UNKNOWN;
}

/* The clearance must postdate the start of the weakness. */
static verdict neuro_cleared(const sc_ctx *c)
{
	return cleared(c, true, c->today - 7L * c->p->weeks);
}

static verdict ck_neuro_uncleared(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	verdict v;
	char d[11];
	(void)arg;
	if (!neuro_or_unknown(p))
		return NO;
	v = neuro_cleared(c);
	if (v == UNKNOWN)
		return UNKNOWN;
	if (v == YES)
		return NO;
	buf_printf(det, "condition.kind = %s; ", gradus_kind_name(p->kind));
	if (!p->has_clearance) {
		buf_puts(det, "no clearance");
	} else {
		date_str(p->clearance_date, d);
		buf_printf(det, "the clearance of %s is %s", d, clearance_why(c));
	}
	return YES;
}

static verdict ck_asym_unexplained(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	(void)arg;
	if (p->pattern == GRADUS_PATTERN_SYMMETRIC || immob_covers(p))
		return NO;
	buf_printf(det, "condition.pattern = %s (", gradus_weakness_pattern_name(p->pattern));
	sc_regions(det, p->regions);
	if (p->has_immobilised) {
		buf_puts(det, "); the immobilisation (");
		sc_regions(det, p->immobilised_region);
		buf_puts(det, ") does not cover them");
	} else
		buf_puts(det, "); no immobilisation");
	return YES;
}

static verdict ck_statin_steroid(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	gradus_tags meds = p->conditions & (GRADUS_TAGBIT(GRADUS_TAG_STATIN) |
					    GRADUS_TAGBIT(GRADUS_TAG_STEROID));
	(void)arg;
	if (!meds || !worsening(p) || p->onset != GRADUS_ONSET_GRADUAL)
		return NO;
	sc_tags(det, meds, GRADUS_TAG_STATIN, GRADUS_TAG__MEDICATIONS_END);
	buf_printf(det, "; condition.course = %s, onset gradual",
		   gradus_course_name(p->course));
	return YES;
}

static verdict ck_progressive(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	(void)arg;
	if (p->course != GRADUS_COURSE_WORSENING_SLOWLY)
		return NO;
	/* explained only by an immobilisation of the weak regions that has
	 * not ended before as_of: loss after it ended is not disuse */
	if (immob_covers(p)) {
		if (!c->dated) {
			*c->needs |= NEED_IMMOB;
			return UNKNOWN;
		}
		if (immob_in_place(c))
			return NO;
	}
	buf_printf(det, "condition.course = worsening_slowly, pattern %s, noticed for %d week%s",
		   gradus_weakness_pattern_name(p->pattern), p->weeks,
		   p->weeks == 1 ? "" : "s");
	if (p->has_immobilised) {
		char d[11];
		date_str(p->immobilised_ended, d);
		buf_printf(det, "; immobilisation ended %s", d);
	}
	return YES;
}

static verdict ck_any_yes(const sc_ctx *c, int arg, buf *det)
{
	(void)c, (void)arg, (void)det;
	return NO; /* evaluated in gradus_screen, after the other rows */
}

/* Known cardiovascular, metabolic or renal disease [ACSM2015]. */
static gradus_tags acsm_diseases(const gradus_profile *p)
{
	return p->conditions & (GRADUS_TAGBIT(GRADUS_TAG_HEART_DISEASE) |
				GRADUS_TAGBIT(GRADUS_TAG_HEART_FAILURE) |
				GRADUS_TAGBIT(GRADUS_TAG_DIABETES) |
				GRADUS_TAGBIT(GRADUS_TAG_KIDNEY_DISEASE));
}

static verdict ck_acsm(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	gradus_tags cm = acsm_diseases(p);
	verdict v;
	(void)arg;
	if (p->regularly_active || !cm)
		return NO;
	v = cleared(c, false, 0);
	if (v != NO)
		return v == YES ? NO : UNKNOWN;
	buf_puts(det, "not regularly active; ");
	sc_tags(det, cm, 0, GRADUS_TAG__CONDITIONS_END);
	return YES;
}

/* The active half of the same ACSM branch: no clearance is needed to go
 * on at moderate effort, one is needed for vigorous. The clearance counts
 * as for CL-ACSM (dated on or before the start). */
static verdict ck_acsm_active(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	gradus_tags cm = acsm_diseases(p);
	verdict v;
	(void)arg;
	if (!p->regularly_active || !cm)
		return NO;
	v = cleared(c, false, 0);
	if (v != NO)
		return v == YES ? NO : UNKNOWN;
	buf_puts(det, "regularly active; ");
	sc_tags(det, cm, 0, GRADUS_TAG__CONDITIONS_END);
	if (p->has_clearance)
		buf_printf(det, "; the clearance is %s", clearance_why(c));
	else
		buf_puts(det, "; no clearance");
	return YES;
}

static verdict ck_bp_high(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	(void)arg;
	if (p->resting_bp_sys < BP_HIGH_SYS && p->resting_bp_dia < BP_HIGH_DIA)
		return NO;
	buf_printf(det, "resting BP %d/%d mmHg", p->resting_bp_sys, p->resting_bp_dia);
	return YES;
}

static verdict ck_recent_surgery(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	bool any = false;
	(void)arg;
	if (p->n_surgery && !c->dated) {
		*c->needs |= NEED_SURGERY;
		return UNKNOWN;
	}
	for (size_t i = 0; i < p->n_surgery; i++) {
		const gradus_surgery *s = &p->surgery[i];
		long sd = gradus_date_days(s->date);
		char d[11];
		if (!recent(c, s->date) ||
		    cleared(c, true, sd) == YES)
			continue;
		date_str(s->date, d);
		buf_printf(det, "%s%s (%s) on %s, ", any ? "; " : "",
			   s->kind ? s->kind : "operation", side_name(s->side), d);
		age_words(det, c, s->date);
		any = true;
	}
	return any ? YES : NO;
}

static verdict ck_recent_fracture(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	bool any = false;
	(void)arg;
	if (p->n_fracture && !c->dated) {
		*c->needs |= NEED_FRACTURE;
		return UNKNOWN;
	}
	for (size_t i = 0; i < p->n_fracture; i++) {
		const gradus_fracture *f = &p->fracture[i];
		char d[11];
		if (!recent(c, f->date) ||
		    cleared(c, true, gradus_date_days(f->date)) == YES)
			continue;
		date_str(f->date, d);
		buf_puts(det, any ? "; fracture (" : "fracture (");
		sc_regions(det, f->region);
		buf_printf(det, ") on %s, ", d);
		age_words(det, c, f->date);
		any = true;
	}
	return any ? YES : NO;
}

/* A cast, brace or bed rest that has not ended before the start: that
 * part is not trained, so no plan (D). A clearance does not lift it; a
 * start after the end date does. */
static verdict ck_immobilised(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	char d[11];
	(void)arg;
	if (!p->has_immobilised)
		return NO;
	if (!c->dated) {
		*c->needs |= NEED_IMMOB;
		return UNKNOWN;
	}
	if (!immob_in_place(c))
		return NO;
	date_str(p->immobilised_ended, d);
	buf_puts(det, "condition.immobilised (");
	sc_regions(det, p->immobilised_region);
	buf_printf(det, ") ends %s, ", d);
	date_str(c->as_of, d);
	buf_printf(det, "on or after the start %s", d);
	return YES;
}

static verdict ck_missing(const sc_ctx *c, int arg, buf *det)
{
	bool any = false;
	(void)arg;
	for (int f = 0; f < GRADUS_RF__COUNT; f++)
		if (c->p->red_flags[f] == GRADUS_ANSWER_MISSING) {
			buf_printf(det, "%sred_flags.%s", any ? ", " : "unanswered: ", rf_key(f));
			any = true;
		}
	return any ? YES : NO;
}

static verdict ck_tag(const sc_ctx *c, int arg, buf *det)
{
	(void)det;
	return c->p->conditions & GRADUS_TAGBIT(arg) ? YES : NO;
}

static verdict ck_bp_raised(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	(void)arg;
	if (p->resting_bp_sys >= BP_HIGH_SYS || p->resting_bp_dia >= BP_HIGH_DIA ||
	    (p->resting_bp_sys < BP_RAISED_SYS && p->resting_bp_dia < BP_RAISED_DIA))
		return NO;
	buf_printf(det, "resting BP %d/%d mmHg", p->resting_bp_sys, p->resting_bp_dia);
	return YES;
}

static verdict ck_hr_high(const sc_ctx *c, int arg, buf *det)
{
	(void)arg;
	if (c->p->resting_hr <= HR_HIGH)
		return NO;
	buf_printf(det, "resting heart rate %d a minute", c->p->resting_hr);
	return YES;
}

/* Posterior approach, or approach not given (fail closed). */
static bool hip_posterior_kind(const gradus_surgery *s)
{
	return s->kind && strcmp(s->kind, "hip_replacement") == 0 &&
	       (!s->approach || strcmp(s->approach, "posterior") == 0);
}

static verdict ck_hip_posterior(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	bool any = false;
	(void)arg;
	for (size_t i = 0; i < p->n_surgery; i++) {
		const gradus_surgery *s = &p->surgery[i];
		char d[11], u[11];
		if (!hip_posterior_kind(s))
			continue;
		if (!c->dated) {
			*c->needs |= NEED_SURGERY;
			return UNKNOWN;
		}
		if (c->today - gradus_date_days(s->date) >= HIP_POSTERIOR_DAYS)
			continue;
		date_str(s->date, d);
		date_str(gradus_date_add(s->date, HIP_POSTERIOR_DAYS), u);
		buf_printf(det, "%s%s hip replacement (%s) on %s; precautions until %s",
			   any ? "; " : "", side_name(s->side),
			   s->approach ? "posterior approach" : "approach not given",
			   d, u);
		any = true;
	}
	return any ? YES : NO;
}

static verdict ck_knee(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	bool any = false;
	(void)arg;
	for (size_t i = 0; i < p->n_surgery; i++) {
		char d[11];
		if (!p->surgery[i].kind || strcmp(p->surgery[i].kind, "knee_replacement") != 0)
			continue;
		date_str(p->surgery[i].date, d);
		buf_printf(det, "%sknee replacement (%s) on %s", any ? "; " : "",
			   side_name(p->surgery[i].side), d);
		any = true;
	}
	return any ? YES : NO;
}

static verdict ck_fall_risk(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	const gradus_measures *m = &p->measures;
	bool any = false;
	(void)arg;
	if (p->falls_last_year >= 1) {
		buf_printf(det, "%d fall%s in the last year", p->falls_last_year,
			   p->falls_last_year == 1 ? "" : "s");
		any = true;
	}
	if (p->has_measures && !isnan(m->tug_s) && m->tug_s >= TUG_FALL_RISK) {
		buf_printf(det, "%sTUG %.1f s", any ? "; " : "", m->tug_s);
		any = true;
	}
	if (p->has_measures && !isnan(m->gait_speed_m_s) && m->gait_speed_m_s < GAIT_SLOW) {
		buf_printf(det, "%sgait speed %.2f m/s", any ? "; " : "", m->gait_speed_m_s);
		any = true;
	}
	if (p->conditions & GRADUS_TAGBIT(GRADUS_TAG_DEMENTIA)) {
		buf_printf(det, "%sdementia", any ? "; " : "");
		any = true;
	}
	return any ? YES : NO;
}

static verdict ck_kidney(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	bool low = p->egfr >= 1 && p->egfr < EGFR_LOW;
	bool ckd = (p->conditions & GRADUS_TAGBIT(GRADUS_TAG_KIDNEY_DISEASE)) != 0;
	(void)arg;
	if (!low && !ckd)
		return NO;
	if (low)
		buf_printf(det, "eGFR %d", p->egfr);
	if (ckd)
		buf_printf(det, "%skidney_disease", low ? "; " : "");
	return YES;
}

/* Regions of fractures and operations less than 4 weeks old, and the
 * day they may be loaded again. */
unsigned sc_recent_regions(const sc_ctx *c, gradus_date *until)
{
	const gradus_profile *p = c->p;
	unsigned r = 0;
	long last = 0;
	bool any = false;
	for (size_t i = 0; i < p->n_surgery; i++)
		if (recent(c, p->surgery[i].date)) {
			long d = gradus_date_days(p->surgery[i].date) + RECENT_DAYS;
			r |= surgery_regions(&p->surgery[i]);
			if (!any || d > last)
				last = d;
			any = true;
		}
	for (size_t i = 0; i < p->n_fracture; i++)
		if (recent(c, p->fracture[i].date)) {
			long d = gradus_date_days(p->fracture[i].date) + RECENT_DAYS;
			r |= p->fracture[i].region;
			if (!any || d > last)
				last = d;
			any = true;
		}
	if (until)
		*until = any ? gradus_date_from_days(last) : (gradus_date){0, 0, 0};
	return r;
}

static verdict ck_recent_region(const sc_ctx *c, int arg, buf *det)
{
	gradus_date until;
	unsigned r;
	char u[11];
	(void)arg;
	if (!c->p->n_surgery && !c->p->n_fracture)
		return NO;
	if (!c->dated) {
		*c->needs |= (c->p->n_surgery ? NEED_SURGERY : 0) |
			     (c->p->n_fracture ? NEED_FRACTURE : 0);
		return UNKNOWN;
	}
	r = sc_recent_regions(c, &until);
	if (!r)
		return NO;
	date_str(until, u);
	buf_puts(det, "no strength work for ");
	sc_regions(det, r);
	buf_printf(det, " before %s", u);
	return YES;
}

static verdict ck_neuro_maint(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	verdict v;
	char d[11];
	(void)arg;
	if (!neuro_or_unknown(p))
		return NO;
	for (int f = 0; f < GRADUS_RF__COUNT; f++)
		if (p->red_flags[f] == GRADUS_ANSWER_YES)
			return NO; /* a red flag is never cleared */
	v = neuro_cleared(c);
	if (v != YES)
		return v;
	date_str(p->clearance_date, d);
	buf_printf(det, "condition.kind = %s; cleared by %s on %s",
		   gradus_kind_name(p->kind), p->clearance_by, d);
	return YES;
}

static verdict ck_not_independent(const sc_ctx *c, int arg, buf *det)
{
	(void)arg;
	if (c->p->mobility == GRADUS_MOB_INDEPENDENT)
		return NO;
	buf_printf(det, "setup.mobility = %s", gradus_mobility_name(c->p->mobility));
	return YES;
}

/* An arm or hand out of a cast or brace, or an arm broken, in the last
 * 12 weeks: no body weight through the hands and wrists yet (the 12 weeks
 * are our choice, D; the first 4 weeks after a fracture no strength work
 * at all [VIVI]). */
#define HAND_HEALING_DAYS 84

static verdict ck_hand_healing(const sc_ctx *c, int arg, buf *det)
{
	const gradus_profile *p = c->p;
	const unsigned arms = GRADUS_REG_ARMS | GRADUS_REG_HANDS;
	(void)arg;
	if (!c->dated) {
		bool immob = p->has_immobilised && p->immobilised_region != GRADUS_REG_ALL &&
			     (p->immobilised_region & arms);
		bool frac = false;
		for (size_t i = 0; i < p->n_fracture; i++)
			frac |= (p->fracture[i].region & arms) != 0;
		if (immob)
			*c->needs |= NEED_IMMOB;
		if (frac)
			*c->needs |= NEED_FRACTURE;
		return immob || frac ? UNKNOWN : NO;
	}
	/* a cast or brace on an arm or hand, not whole-body bed rest */
	if (p->has_immobilised && p->immobilised_region != GRADUS_REG_ALL &&
	    (p->immobilised_region & arms) && gradus_date_is_set(p->immobilised_ended) &&
	    c->today - gradus_date_days(p->immobilised_ended) < HAND_HEALING_DAYS) {
		buf_puts(det, "arm or hand out of a cast or brace less than 12 weeks ago");
		return YES;
	}
	for (size_t i = 0; i < p->n_fracture; i++)
		if ((p->fracture[i].region & arms) &&
		    c->today - gradus_date_days(p->fracture[i].date) < HAND_HEALING_DAYS) {
			buf_puts(det, "arm fracture less than 12 weeks ago");
			return YES;
		}
	return NO;
}

typedef verdict (*check_fn)(const sc_ctx *c, int arg, buf *detail);

static const check_fn checks[C__COUNT] = {
	[C_LOGS] = ck_logs,
	[C_RF_YES] = ck_rf_yes,
	[C_SUDDEN_ONSET] = ck_sudden_onset,
	[C_SWALLOW_FAST] = ck_swallow_fast,
	[C_ASYM_WORSENING] = ck_asym_worsening,
	[C_COURSE_FAST] = ck_course_fast,
	[C_NEURO_UNCLEARED] = ck_neuro_uncleared,
	[C_ASYM_UNEXPLAINED] = ck_asym_unexplained,
	[C_STATIN_STEROID] = ck_statin_steroid,
	[C_PROGRESSIVE] = ck_progressive,
	[C_ANY_YES] = ck_any_yes,
	[C_ACSM] = ck_acsm,
	[C_ACSM_ACTIVE] = ck_acsm_active,
	[C_BP_HIGH] = ck_bp_high,
	[C_RECENT_SURGERY] = ck_recent_surgery,
	[C_RECENT_FRACTURE] = ck_recent_fracture,
	[C_MISSING] = ck_missing,
	[C_TAG] = ck_tag,
	[C_BP_RAISED] = ck_bp_raised,
	[C_HR_HIGH] = ck_hr_high,
	[C_HIP_POSTERIOR] = ck_hip_posterior,
	[C_KNEE] = ck_knee,
	[C_FALL_RISK] = ck_fall_risk,
	[C_KIDNEY] = ck_kidney,
	[C_RECENT_REGION] = ck_recent_region,
	[C_NEURO_MAINT] = ck_neuro_maint,
	[C_NOT_INDEPENDENT] = ck_not_independent,
	[C_HAND_HEALING] = ck_hand_healing,
	[C_IMMOBILISED] = ck_immobilised,
};

verdict sc_check(const sc_ctx *c, const gradus_rule *r, buf *det)
{
	return checks[r->check](c, r->arg, det);
}


/* ------------------------------------------------------------------ */
/* The rule table, highest tier first. Findings come in this order.    */

#define T(x) GRADUS_TIER_##x
#define RF(x) GRADUS_RF_##x
#define TAG(x) GRADUS_TAGBIT(GRADUS_TAG_##x)
#define PREC(x) GRADUS_PREC_##x

const gradus_rule sc_rules[] = {
	/* emergency: call the emergency number now [BEFAST, NICE127] */
	{.id = "RF-BEFAST-BALANCE", .tier = T(EMERGENCY),
	 .summary = "Balance lost suddenly (BE-FAST: Balance).",
	 .person = "You said you suddenly lost your balance. This can be a sign of a stroke.",
	 .clinician = "Sudden loss of balance (BE-FAST B): possible stroke.",
	 .source = "BEFAST", .check = C_RF_YES, .arg = RF(SUDDEN_BALANCE_LOSS)},
	{.id = "RF-BEFAST-EYES", .tier = T(EMERGENCY),
	 .summary = "Sight changed suddenly: lost, blurred or double (BE-FAST: Eyes).",
	 .person = "You said your sight changed suddenly. This can be a sign of a stroke.",
	 .clinician = "Sudden visual disturbance (BE-FAST E): possible stroke.",
	 .source = "BEFAST", .check = C_RF_YES, .arg = RF(VISION_CHANGES)},
	{.id = "RF-BEFAST-FACE", .tier = T(EMERGENCY),
	 .summary = "One side of the face drooping (BE-FAST: Face).",
	 .person = "You said one side of your face is drooping. This can be a sign of a stroke.",
	 .clinician = "Facial droop (BE-FAST F): possible stroke.",
	 .source = "BEFAST", .check = C_RF_YES, .arg = RF(FACE_DROOPING)},
	{.id = "RF-BEFAST-ARM", .tier = T(EMERGENCY),
	 .summary = "One arm or leg, or one side, suddenly weak (BE-FAST: Arm).",
	 .person = "You said one arm or leg, or one side of your body, suddenly became weak. This can be a sign of a stroke.",
	 .clinician = "Sudden unilateral limb weakness (BE-FAST A): possible stroke.",
	 .source = "BEFAST", .check = C_RF_YES, .arg = RF(ONE_SIDED_WEAKNESS)},
	{.id = "RF-BEFAST-SPEECH", .tier = T(EMERGENCY),
	 .summary = "Speech slurred, strange or hard to find (BE-FAST: Speech).",
	 .person = "You said your speech has changed. This can be a sign of a stroke.",
	 .clinician = "Speech disturbance (BE-FAST S): possible stroke.",
	 .source = "BEFAST", .check = C_RF_YES, .arg = RF(SPEECH_CHANGES)},
	{.id = "RF-SUDDEN-WEAKNESS", .tier = T(EMERGENCY),
	 .summary = "Weakness that came on suddenly, even of one hand.",
	 .person = "You said the weakness came on suddenly. Sudden weakness needs help at once.",
	 .clinician = "Sudden-onset weakness: exclude stroke or another acute neurological cause.",
	 .source = "BEFAST, NICE127", .check = C_RF_YES, .arg = RF(SUDDEN_WEAKNESS)},
	{.id = "RF-SUDDEN-ONSET", .tier = T(EMERGENCY),
	 .summary = "condition.onset is sudden: counts as sudden weakness.",
	 .person = "Your answers say the weakness came on suddenly. Sudden weakness needs help at once.",
	 .clinician = "Weakness of sudden onset recorded: exclude stroke or another acute neurological cause.",
	 .source = "BEFAST, NICE127", .check = C_SUDDEN_ONSET},
	{.id = "RF-HEADACHE", .tier = T(EMERGENCY),
	 .summary = "Sudden, severe headache.",
	 .person = "You said you have a sudden, severe headache. This needs help at once.",
	 .clinician = "Sudden severe headache: exclude stroke or subarachnoid haemorrhage.",
	 .source = "BEFAST, NICE127", .check = C_RF_YES, .arg = RF(SUDDEN_SEVERE_HEADACHE)},
	{.id = "RF-BREATHING", .tier = T(EMERGENCY),
	 .summary = "Breathing hard at rest or when lying flat.",
	 .person = "You said breathing is hard at rest or when you lie flat. This needs help at once.",
	 .clinician = "Dyspnoea at rest or orthopnoea with weakness: possible respiratory muscle involvement or cardiac cause.",
	 .source = "NICE127", .check = C_RF_YES, .arg = RF(BREATHING_DIFFICULTY)},
	{.id = "RF-SWALLOWING-FAST", .tier = T(EMERGENCY),
	 .summary = "Swallowing trouble with weakness that came on suddenly or gets worse fast.",
	 .person = "You have trouble swallowing, and the weakness came on suddenly or is getting worse fast. This needs help at once.",
	 .clinician = "Dysphagia with sudden or rapidly progressive weakness: possible bulbar or respiratory involvement.",
	 .source = "NICE127", .check = C_SWALLOW_FAST},
	{.id = "RF-SPREADING", .tier = T(EMERGENCY),
	 .summary = "Weakness spreading, e.g. climbing up from the feet, over days or weeks (up to 4 weeks).",
	 .person = "You said the weakness is spreading. Weakness that spreads over days or weeks needs help at once.",
	 .clinician = "Symmetric weakness spreading over 4 weeks or less: possible Guillain-Barre syndrome.",
	 .source = "NICE127", .check = C_RF_YES, .arg = RF(SPREADING_WEAKNESS)},
	{.id = "RF-BLADDER-BOWEL", .tier = T(EMERGENCY),
	 .summary = "New change in bladder or bowel control.",
	 .person = "You said your bladder or bowel control has changed. With weakness, this needs help at once.",
	 .clinician = "New bladder or bowel dysfunction with weakness: possible cauda equina or spinal cord compression.",
	 .source = "NICE127", .check = C_RF_YES, .arg = RF(BLADDER_OR_BOWEL_CHANGES)},
	{.id = "RF-SADDLE", .tier = T(EMERGENCY),
	 .summary = "Numbness around the bottom or between the legs (saddle area).",
	 .person = "You said you have numbness around your bottom or between your legs. This needs help at once.",
	 .clinician = "Saddle anaesthesia: possible cauda equina syndrome.",
	 .source = "NICE127", .check = C_RF_YES, .arg = RF(SADDLE_NUMBNESS)},
	{.id = "RF-CHEST-PAIN", .tier = T(EMERGENCY),
	 .summary = "Chest pain or pressure.",
	 .person = "You said you have chest pain or pressure. This needs help at once.",
	 .clinician = "Chest pain or pressure: exclude an acute cardiac cause; no exercise.",
	 .source = "NICE127, ACSM2015", .check = C_RF_YES, .arg = RF(CHEST_PAIN)},

	/* urgent: see a doctor today [NICE127] */
	{.id = "RF-ONE-SIDE-WORSENING", .tier = T(URGENT),
	 .summary = "One limb or one side weak and getting worse, noticed for 2 weeks or less (worsening over hours to days).",
	 .person = "Weakness of one arm or leg, or one side, that has got worse over the last days needs a doctor today.",
	 .clinician = "Unilateral or single-limb weakness progressing over hours to days: same-day assessment.",
	 .source = "NICE127; 2 weeks: D", .check = C_ASYM_WORSENING},
	{.id = "RF-WORSENING-FAST", .tier = T(URGENT),
	 .summary = "condition.course is worsening_fast.",
	 .person = "Your weakness is getting worse fast. A doctor should see you today.",
	 .clinician = "Rapidly progressive weakness: same-day assessment.",
	 .source = "NICE127", .check = C_COURSE_FAST},
	{.id = "RF-SWALLOWING", .tier = T(URGENT),
	 .summary = "Swallowing trouble with weakness (slowly progressive weakness with any swallowing problem).",
	 .person = "You said swallowing is difficult. With weakness, a doctor should see you today.",
	 .clinician = "Weakness with dysphagia: possible bulbar involvement (e.g. motor neurone disease, myasthenia).",
	 .source = "NICE127", .check = C_RF_YES, .arg = RF(SWALLOWING_DIFFICULTY)},
	{.id = "RF-EYELIDS", .tier = T(URGENT),
	 .summary = "Drooping eyelids or double vision (fatigable weakness).",
	 .person = "You said you have drooping eyelids or double vision. With weakness, a doctor should see you today.",
	 .clinician = "Ptosis or diplopia with weakness: possible myasthenia gravis.",
	 .source = "NICE127", .check = C_RF_YES, .arg = RF(DROOPING_EYELIDS_OR_DOUBLE_VISION)},
	{.id = "RF-DARK-URINE", .tier = T(URGENT),
	 .summary = "Dark (cola-coloured) urine with muscle pain (statin users especially).",
	 .person = "You said you have dark urine and muscle pain. A doctor should see you today. If you take a statin, tell the doctor.",
	 .clinician = "Myalgia and weakness with dark urine: possible rhabdomyolysis (statin?); check CK and renal function.",
	 .source = "NICE127", .check = C_RF_YES, .arg = RF(DARK_URINE_WITH_MUSCLE_PAIN)},

	/* review: a doctor checks before any plan [NICE42, NICE127] */
	{.id = "RF-NEURO-UNCLEARED", .tier = T(REVIEW),
	 .summary = "condition.kind neurogenic or unknown, without a clearance dated after the weakness began and on or before the start.",
	 .person = "Your weakness may come from the nerves, or its cause is not known, and no doctor has yet said that exercise is safe for you. A doctor should check it first.",
	 .clinician = "Weakness of neurogenic or unknown cause without documented clearance: please evaluate before exercise.",
	 .source = "NICE127", .check = C_NEURO_UNCLEARED},
	{.id = "RF-TWITCHING", .tier = T(REVIEW),
	 .summary = "Muscle twitches (fasciculations) with weakness: possible motor neurone disease.",
	 .person = "You said your muscles twitch under the skin. With weakness, a doctor should check this without delay.",
	 .clinician = "Fasciculations with weakness: possible motor neurone disease; NICE NG42 advises referral without delay.",
	 .source = "NICE42", .check = C_RF_YES, .arg = RF(MUSCLE_TWITCHING)},
	{.id = "RF-ASYMMETRIC", .tier = T(REVIEW),
	 .summary = "Weakness of one limb or one side (condition.pattern) without an immobilisation that covers the weak regions.",
	 .person = "Weakness on one side, or in one arm or leg, without a cast or rest to explain it, should be checked by a doctor.",
	 .clinician = "Asymmetric weakness not explained by immobilisation: evaluate for a neurological cause.",
	 .source = "NICE42, NICE127", .check = C_ASYM_UNEXPLAINED},
	{.id = "RF-NUMBNESS", .tier = T(REVIEW),
	 .summary = "Numbness or tingling with the weakness.",
	 .person = "You said you have numbness or tingling with the weakness. A doctor should check this.",
	 .clinician = "Sensory symptoms with weakness: possible neuropathy or radiculopathy.",
	 .source = "NICE127", .check = C_RF_YES, .arg = RF(NUMBNESS_OR_TINGLING)},
	{.id = "RF-WEIGHT-LOSS", .tier = T(REVIEW),
	 .summary = "Weight lost without trying.",
	 .person = "You said you have lost weight without trying. A doctor should check this.",
	 .clinician = "Unexplained weight loss with weakness: please evaluate.",
	 .source = "NICE42, NICE127", .check = C_RF_YES, .arg = RF(UNEXPLAINED_WEIGHT_LOSS)},
	{.id = "RF-STATIN-STEROID", .tier = T(REVIEW),
	 .summary = "A statin or steroid, with weakness of gradual onset that is getting worse (our proxy for proximal weakness new since the medicine).",
	 .person = "You take a statin or a steroid, and your weakness is getting worse. Some medicines can weaken muscles. A doctor should check this. Do not stop a medicine without asking your doctor.",
	 .clinician = "Progressive weakness on a statin or corticosteroid: consider drug-induced myopathy.",
	 .source = "NICE127; proxy: D", .check = C_STATIN_STEROID},
	{.id = "RF-PROGRESSIVE", .tier = T(REVIEW),
	 .summary = "Weakness getting slowly worse, not explained by an immobilisation of the weak regions that is still in place.",
	 .person = "Your weakness is slowly getting worse. A doctor should find out why before you start.",
	 .clinician = "Slowly progressive weakness not explained by disuse: please evaluate before training.",
	 .source = "NICE42, NICE127", .check = C_PROGRESSIVE},
	{.id = "RF-ANY", .tier = T(REVIEW),
	 .summary = "Catch-all: any red-flag question answered yes that no rule of tier review or higher covers.",
	 .person = "You answered yes to a warning-sign question. A doctor should look at this before you start, even if a doctor has cleared you before.",
	 .clinician = "Red-flag symptom reported (see detail): please review before exercise.",
	 .source = "D", .check = C_ANY_YES},

	/* clearance: a doctor's OK first [ACSM2015, AHA2007, VIVI] */
	{.id = "CL-ACSM", .tier = T(CLEARANCE),
	 .summary = "Not regularly active, with heart disease, heart failure, diabetes or kidney disease, and no clearance on or before the start.",
	 .person = "You are not regularly active and you have heart, kidney or sugar (diabetes) disease. Ask your doctor whether it is safe to start.",
	 .clinician = "Inactive with known cardiovascular, metabolic or renal disease: medical clearance recommended before exercise.",
	 .source = "ACSM2015", .check = C_ACSM},
	{.id = "CL-FAINTING", .tier = T(CLEARANCE),
	 .summary = "Fainting spells or dizziness (a clearance does not satisfy this rule).",
	 .person = "You said you have fainting spells or dizziness. A doctor must check this before you start.",
	 .clinician = "Syncope or dizziness: evaluate (cardiac, orthostatic) before exercise.",
	 .source = "ACSM2015", .check = C_RF_YES, .arg = RF(FAINTING_OR_DIZZINESS)},
	{.id = "CL-BP-HIGH", .tier = T(CLEARANCE),
	 .summary = "Resting blood pressure 180 systolic or 110 diastolic or higher (a clearance does not satisfy this rule).",
	 .person = "Your resting blood pressure is very high. Do not do strength exercises until a doctor has treated it and it is lower.",
	 .clinician = "Resting BP at or above 180/110 mmHg: no resistance training until controlled.",
	 .source = "AHA2007", .check = C_BP_HIGH},
	{.id = "CL-HR-HIGH", .tier = T(CLEARANCE),
	 .summary = "Resting heart rate above 100 a minute (a clearance does not satisfy this rule; a new resting pulse of 100 or less does).",
	 .person = "Your resting pulse is over 100 beats a minute. See your doctor before you start.",
	 .clinician = "Resting HR above 100/min: please evaluate before exercise. gradus plans again once a resting HR of 100/min or less is recorded; a clearance alone does not lift this.",
	 .source = "OTAGO, ACSM2015", .check = C_HR_HIGH},
	{.id = "CL-RECENT-SURGERY", .tier = T(CLEARANCE),
	 .summary = "An operation less than 4 weeks before the start (or after it), with no clearance dated after the operation.",
	 .person = "You had an operation less than 4 weeks ago. Ask your surgeon or doctor when you may start strength exercises.",
	 .clinician = "Surgery less than 4 weeks before the start: please confirm exercise may begin, and any restrictions.",
	 .source = "VIVI", .check = C_RECENT_SURGERY},
	{.id = "CL-RECENT-FRACTURE", .tier = T(CLEARANCE),
	 .summary = "A broken bone less than 4 weeks before the start, with no clearance dated after the break (a break dated after the start is an error).",
	 .person = "You broke a bone less than 4 weeks ago. Ask your doctor when you may start strength exercises.",
	 .clinician = "Fracture less than 4 weeks before the start: no strength training of the region within 1 month; please confirm.",
	 .source = "VIVI", .check = C_RECENT_FRACTURE},
	{.id = "CL-IMMOBILISED", .tier = T(CLEARANCE),
	 .summary = "An immobilisation (cast, brace or bed rest, condition.immobilised) that ends on or after the start: no plan until it has ended (a clearance does not satisfy this rule; a start after the end date does).",
	 .person = "Your cast, brace or bed rest has not ended yet. Do not start these exercises until it has ended and your doctor or therapist says you may.",
	 .clinician = "Immobilisation still in place at the start: no training planned. gradus plans once the start is after the immobilisation ends; please advise on loading and weight-bearing after removal.",
	 .source = "D", .check = C_IMMOBILISED},

	/* incomplete: every question needs an answer (fail closed) */
	{.id = "IN-UNANSWERED", .tier = T(INCOMPLETE),
	 .summary = "A red-flag question is not answered.",
	 .person = "Some warning-sign questions are not answered. gradus makes no plan until every question is answered yes or no.",
	 .clinician = "Screening incomplete: red-flag questions unanswered.",
	 .source = "D", .check = C_MISSING},

	/* precautions: a plan, with adaptations */
	{.id = "PC-OSTEOPOROSIS", .tier = T(PRECAUTIONS),
	 .summary = "Osteoporosis: spine-sparing; no loaded or fast bending or twisting of the back, no jumping.",
	 .person = "You have osteoporosis (thin bones). Your plan avoids bending forward or twisting with a load, and jumping.",
	 .clinician = "Osteoporosis: spine-sparing program, no loaded or rapid spinal flexion or twisting, no impact.",
	 .source = "TFTF", .check = C_TAG, .arg = GRADUS_TAG_OSTEOPOROSIS,
	 .avoid = TAG(SPINAL_FLEXION) | TAG(SPINAL_TWIST) | TAG(HIGH_IMPACT),
	 .sets = PREC(SPINE_SPARING)},
	{.id = "PC-HYPERTENSION", .tier = T(PRECAUTIONS),
	 .summary = "High blood pressure: breathe out on effort, no breath-holding.",
	 .person = "You have high blood pressure. Breathe out as you push or lift, and never hold your breath. Your plan reminds you.",
	 .clinician = "Hypertension: breathing cues on every exercise, no Valsalva or long breath-held efforts.",
	 .source = "AHA2007", .check = C_TAG, .arg = GRADUS_TAG_HYPERTENSION,
	 .avoid = TAG(BREATH_HOLDING), .sets = PREC(BREATHING_CUES)},
	{.id = "PC-BP-RAISED", .tier = T(PRECAUTIONS),
	 .summary = "Resting blood pressure 160-179 systolic or 100-109 diastolic: effort at most 5 out of 10.",
	 .person = "Your resting blood pressure is raised. Your plan keeps the effort moderate: at most 5 out of 10. Tell your doctor about your blood pressure.",
	 .clinician = "Resting BP 160-179/100-109 mmHg (relative contraindication): effort capped at 5/10 (our conservative choice).",
	 .source = "AHA2007, OTAGO; cap 5: D", .check = C_BP_RAISED,
	 .avoid = TAG(BREATH_HOLDING), .effort_cap = BP_RAISED_CAP,
	 .sets = PREC(BREATHING_CUES)},
	{.id = "PC-HR-HIGH", .tier = T(PRECAUTIONS),
	 .summary = "Resting heart rate above 100 a minute: check the pulse before each session (comes with CL-HR-HIGH, so no plan until the pulse is lower).",
	 .person = "Your resting pulse was high (over 100 beats a minute). Check your pulse before each session. If it is over 100 at rest, do not exercise that day.",
	 .clinician = "Resting HR above 100/min: pulse check before each session, no session when above 100.",
	 .source = "OTAGO", .check = C_HR_HIGH, .sets = PREC(HR_CHECK)},
	{.id = "PC-ACSM-MODERATE", .tier = T(PRECAUTIONS),
	 .summary = "Regularly active, with heart disease, heart failure, diabetes or kidney disease, and no clearance on or before the start: effort at most 6 out of 10 (moderate only until cleared for vigorous).",
	 .person = "You have heart, kidney or sugar (diabetes) disease. You are used to being active, so you can start, but keep the effort moderate: at most 6 out of 10. Ask your doctor before you work harder than that.",
	 .clinician = "Regularly active with known cardiovascular, metabolic or renal disease, no clearance: moderate intensity only (effort capped at 6/10) until medically cleared for vigorous exercise.",
	 .source = "ACSM2015", .check = C_ACSM_ACTIVE,
	 .effort_cap = ACSM_MODERATE_CAP},
	{.id = "PC-BLOOD-THINNER", .tier = T(PRECAUTIONS),
	 .summary = "Blood thinner: seated or supported exercises first, no fall-prone exercises.",
	 .person = "You take a blood thinner. Your plan prefers seated or supported exercises and avoids ones where you could fall. Tell your doctor about new bruising, black stools or a bad headache.",
	 .clinician = "Anticoagulant: seated or supported exercise preferred, fall-prone exercises avoided.",
	 .source = "M", .check = C_TAG, .arg = GRADUS_TAG_BLOOD_THINNER,
	 .avoid = TAG(FALL_RISK), .sets = PREC(PREFER_SUPPORTED)},
	{.id = "PC-INSULIN", .tier = T(PRECAUTIONS),
	 .summary = "Insulin: check blood sugar before each session.",
	 .person = "You use insulin. Check your blood sugar before each session. If it is below 100 mg/dL (5.6 mmol/L), eat about 15 g of carbohydrate first. If it is above 250 mg/dL (13.9 mmol/L), check for ketones, and do not exercise if there are any.",
	 .clinician = "Insulin-treated diabetes: glucose check before exercise (<100 mg/dL: ~15 g carbohydrate; >250 mg/dL: ketones, no exercise if present).",
	 .source = "ADA2016", .check = C_TAG, .arg = GRADUS_TAG_INSULIN,
	 .sets = PREC(GLUCOSE_CHECK)},
	{.id = "PC-HIP-POSTERIOR", .tier = T(PRECAUTIONS),
	 .summary = "Hip replacement by the posterior approach (or approach not given), less than 8 weeks before: hip precautions until 8 weeks after.",
	 .person = "You had a hip replacement less than 8 weeks ago. Until the date given: do not bend the hip past a right angle, do not cross your legs, and do not turn the leg inwards. Follow your surgeon if their advice differs.",
	 .clinician = "Posterior hip precautions (no flexion past 90 degrees, no adduction past midline, no internal rotation) until 8 weeks after surgery.",
	 .source = "SURG; approach not given: D",
	 .check = C_HIP_POSTERIOR,
	 .avoid = TAG(HIP_POSTERIOR_PRECAUTIONS), .sets = PREC(HIP_POSTERIOR)},
	{.id = "PC-KNEE-REPLACEMENT", .tier = T(PRECAUTIONS),
	 .summary = "Knee replacement: no kneeling.",
	 .person = "You had a knee replacement. Your plan has no kneeling.",
	 .clinician = "Knee arthroplasty: kneeling avoided.",
	 .source = "SURG", .check = C_KNEE,
	 .avoid = TAG(KNEELING)},
	{.id = "PC-FALL-RISK", .tier = T(PRECAUTIONS),
	 .summary = "Fall risk: 1 fall or more in the last year, TUG 13.5 s or more, gait speed below 0.8 m/s, or dementia: balance work, no fall-prone exercises.",
	 .person = "You have a higher risk of falling. Your plan includes balance work with support close by, and avoids exercises where you could fall.",
	 .clinician = "Fall risk (falls, TUG, gait speed or dementia): balance emphasis, fall-prone exercises avoided.",
	 .source = "VIVI, EWGSOP2; 1 fall: D", .check = C_FALL_RISK,
	 .avoid = TAG(FALL_RISK), .sets = PREC(BALANCE_EMPHASIS)},
	{.id = "PC-DEMENTIA", .tier = T(PRECAUTIONS),
	 .summary = "Dementia: someone present at every session.",
	 .person = "Because of memory problems, someone you know should be with you at every session.",
	 .clinician = "Dementia: supervised sessions only.",
	 .source = "D", .check = C_TAG, .arg = GRADUS_TAG_DEMENTIA,
	 .sets = PREC(SUPERVISION_NEEDED)},
	{.id = "PC-KIDNEY", .tier = T(PRECAUTIONS),
	 .summary = "eGFR below 30 or kidney disease: no protein target.",
	 .person = "Because of your kidneys, the plan gives no protein advice. Ask your doctor how much protein is right for you.",
	 .clinician = "eGFR below 30 or kidney disease: no protein target given; please advise.",
	 .source = "PROTAGE", .check = C_KIDNEY, .sets = PREC(NO_PROTEIN_TARGET)},
	{.id = "PC-RECENT-REGION", .tier = T(PRECAUTIONS),
	 .summary = "A fracture or operation less than 4 weeks before the start: no strength work for that region until 4 weeks have passed, even with clearance (an operation of kind other: every region).",
	 .person = "Part of your body is still healing from a break or an operation. Your plan does not strengthen that part yet.",
	 .clinician = "Region of a fracture or operation less than 4 weeks old: excluded from strength training.",
	 .source = "VIVI; kind other: D", .check = C_RECENT_REGION,
	 .sets = PREC(NO_STRENGTH_REGIONS)},
	{.id = "PC-NEURO-MAINTENANCE", .tier = T(PRECAUTIONS),
	 .summary = "Neurogenic (or unknown) weakness with a valid clearance and no red flag: the function-maintenance program only, effort at most 5 out of 10.",
	 .person = "A doctor has said exercise is safe for you. Because your weakness may come from the nerves, only a gentle program is allowed: effort at most 5 out of 10 (moderate), never to exhaustion, and loads do not keep rising. Guidance from a therapist is recommended.",
	 .clinician = "Neurogenic weakness, cleared: function-maintenance program only (effort at most 5/10, no training to fatigue); therapist guidance advised.",
	 .source = "NICE127; cap 5: D", .check = C_NEURO_MAINT,
	 .effort_cap = NEURO_CAP, .sets = PREC(NEURO_MAINTENANCE)},

	/* proceed: adjusts the plan, not a precaution */
	{.id = "AD-FLOOR-TRANSFER", .tier = T(PROCEED),
	 .summary = "Does not walk independently: no exercises on or down to the floor.",
	 .person = "Your plan has no exercises that need you to get down to the floor.",
	 .clinician = "Mobility other than independent: floor transfers excluded.",
	 .source = "D", .check = C_NOT_INDEPENDENT, .avoid = TAG(FLOOR_TRANSFER)},

	{.id = "AD-HAND-HEALING", .tier = T(PROCEED),
	 .summary = "An arm or hand out of a cast or brace, or an arm fracture, less than 12 weeks before the start: no exercises that put body weight through the hands and wrists.",
	 .person = "Your wrist or arm is still getting used to work again. Your plan has no push-ups or other exercises that lean your weight on your hands yet.",
	 .clinician = "Arm/hand immobilisation ended or arm fracture < 12 weeks: weight-bearing through the hands excluded.",
	 .source = "D", .check = C_HAND_HEALING, .avoid = TAG(WEIGHT_THROUGH_HANDS)},

	/* during a plan: session logs only (not checked by gradus_screen) */
	{.id = "FU-NO-PROGRESS", .tier = T(REVIEW), .logs_only = true,
	 .summary = "Session logs only (not checked by screen): after 6-8 weeks at 70 % adherence or more of a plan whose load rose, no meaningful gain or a meaningful decline in five chair stands (2.5 s), grip (5 kg), gait speed (0.1 m/s) or SPPB (1 point) - smaller changes are test noise; or SPPB down 2 points at any time.",
	 .person = "Your test results have not improved, or have got worse, after weeks of regular exercise. A doctor should find out why.",
	 .clinician = "No meaningful improvement, or a meaningful decline, despite 6-8 weeks of adherent training with rising load: follow-up for a cause other than disuse.",
	 .source = "PERERA2006, BOHANNON2019, GOLDBERG2012; 6-8 weeks, 70 %: D", .check = C_LOGS},
};

#undef T
#undef RF
#undef TAG
#undef PREC

_Static_assert(COUNT(sc_rules) == SC_N_RULES, "SC_N_RULES is the number of rows");

unsigned sc_clearance_caveats(const gradus_screening *s)
{
	unsigned c = 0;
	for (size_t i = 0; s && i < s->n_findings; i++) {
		const gradus_rule *r = s->findings[i].rule;
		if (r->check == C_BP_HIGH)
			c |= SC_CAVEAT_BP_HIGH;
		if (r->check == C_HR_HIGH && r->tier == GRADUS_TIER_CLEARANCE)
			c |= SC_CAVEAT_HR_HIGH;
		if (r->check == C_IMMOBILISED)
			c |= SC_CAVEAT_IMMOBILISED;
	}
	return c;
}

const gradus_rule *gradus_rules(size_t *n)
{
	if (n)
		*n = SC_N_RULES;
	return sc_rules;
}

/* ------------------------------------------------------------------ */
/* Names and plain words                                               */

static const char *const tier_names[GRADUS_TIER__COUNT] = {
	"proceed", "precautions", "incomplete", "clearance",
	"review", "urgent", "emergency"};

const char *gradus_tier_name(gradus_tier t)
{
	return (unsigned)t < GRADUS_TIER__COUNT ? tier_names[t] : NULL;
}

int gradus_tier_exit_code(gradus_tier t)
{
	static const int codes[GRADUS_TIER__COUNT] = {0, 0, 10, 11, 12, 13, 14};
	return (unsigned)t < GRADUS_TIER__COUNT ? codes[t] : 1;
}

static const char *const prec_names[GRADUS_PREC__COUNT] = {
	"breathing_cues", "spine_sparing", "hip_posterior", "glucose_check",
	"prefer_supported", "balance_emphasis", "supervision_needed",
	"no_protein_target", "neuro_maintenance", "hr_check",
	"no_strength_regions"};

const char *gradus_prec_name(unsigned single_bit)
{
	for (unsigned i = 0; i < GRADUS_PREC__COUNT; i++)
		if (single_bit == (1u << i))
			return prec_names[i];
	return NULL;
}

void sc_regions(buf *b, unsigned r)
{
	bool first = true;
	if (!r) {
		buf_puts(b, "none");
		return;
	}
	if ((r & GRADUS_REG_ALL) == GRADUS_REG_ALL) {
		buf_puts(b, "whole_body");
		return;
	}
	for (unsigned i = 0; i < 7; i++)
		if (r & (1u << i)) {
			buf_printf(b, "%s%s", first ? "" : ", ", gradus_region_name(1u << i));
			first = false;
		}
}

void sc_tags(buf *b, gradus_tags t, int first_tag, int end)
{
	bool first = true;
	for (int i = first_tag; i < end; i++)
		if (t & GRADUS_TAGBIT(i)) {
			buf_printf(b, "%s%s", first ? "" : ", ", gradus_tag_name((gradus_tag)i));
			first = false;
		}
}

/* ------------------------------------------------------------------ */
/* What the gate asks of the table                                     */

/* Is every true red-flag answer covered by a hit of tier review or
 * higher? Lists the uncovered keys into `det`. */
bool sc_uncovered_yes(const sc_ctx *c, const bool hit[SC_N_RULES], buf *det)
{
	bool any = false;
	for (int f = 0; f < GRADUS_RF__COUNT; f++) {
		bool covered = false;
		if (c->p->red_flags[f] != GRADUS_ANSWER_YES)
			continue;
		for (size_t i = 0; i < SC_N_RULES; i++)
			if (hit[i] && sc_rules[i].check == C_RF_YES &&
			    sc_rules[i].arg == f && sc_rules[i].tier >= GRADUS_TIER_REVIEW)
				covered = true;
		if (!covered) {
			buf_printf(det, "%sred_flags.%s = true", any ? ", " : "", rf_key(f));
			any = true;
		}
	}
	return any;
}

gradus_date sc_hip_posterior_until(const sc_ctx *c)
{
	const gradus_profile *p = c->p;
	gradus_date until = {0, 0, 0};
	for (size_t k = 0; k < p->n_surgery; k++) {
		gradus_date u;
		if (!hip_posterior_kind(&p->surgery[k]))
			continue;
		u = gradus_date_add(p->surgery[k].date, HIP_POSTERIOR_DAYS);
		if (gradus_date_days(u) > c->today &&
		    (!gradus_date_is_set(until) ||
		     gradus_date_days(u) > gradus_date_days(until)))
			until = u;
	}
	return until;
}
