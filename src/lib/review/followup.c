/* The follow-up trigger, FU-NO-PROGRESS (docs/review.md): no meaningful
 * gain, or a meaningful decline, in the tests after 6 weeks or more of
 * training whose load rose, at 70 % adherence or more; or SPPB down 2
 * points at any time. Reads what review.c gathered (weeks, history,
 * the reference plan); adds notes when the rule waits. */
#include <math.h>
#include <stdio.h>

#include "review/review_int.h"
#include "util/arena.h"

/* The weeks and the adherence are our choice (D); the meaningful
 * changes are in follow_kinds[] below. */
#define DAYS_FOLLOW_UP 42  /* 6 weeks of training before a re-test counts */
#define ADHERENCE_FOLLOW_UP 70 /* per cent of planned sessions done */
#define SPPB_DROP 2        /* SPPB points down at any time (D) */

typedef struct {
	const char *name, *unit;
	bool lower_better;
	int digits;
	double meaningful;  /* the smallest change that is not test noise */
} measure_kind;

/* The meaningful-change table: a smaller change is test noise, neither
 * better nor worse. SPPB 1 point and gait speed 0.1 m/s [PERERA2006],
 * grip 5 kg [BOHANNON2019], five chair stands 2.5 s [GOLDBERG2012].
 * Chair stands in 30 s and TUG have no row: shown, not judged (D). */
static const measure_kind follow_kinds[4] = {
	{"5 chair stands", "s", true, 1, 2.5},
	{"gait speed", "m/s", false, 2, 0.1},
	{"grip", "kg", false, 1, 5.0},
	{"SPPB", "of 12", false, 0, 1.0},
};

static double measure_value(const gradus_measures *m, int k)
{
	switch (k) {
	case 0: return m->chair_stand_5x_s;
	case 1: return m->gait_speed_m_s;
	case 2: return m->grip_kg;
	default: return m->sppb >= 0 ? m->sppb : NAN;
	}
}

static bool load_above(const gradus_load *a, const gradus_load *b)
{
	return a->kind == b->kind &&
	       (dose_weight_kind(a->kind) ? a->kg > b->kg + 1e-9
		: a->kind == GRADUS_LOAD_BAND ? a->band > b->band
		: a->kind == GRADUS_LOAD_MACHINE && a->machine_step > b->machine_step);
}

/* Did the load rise in the weeks before `before` (days): a heavier
 * weight, band or machine step, or a harder version, in the plan the log
 * followed or in the log itself? */
static bool load_rose(const rv_ctx *c, long before)
{
	const gradus_review *r = &c->b->r;
	if (c->ref)
		for (size_t w = 0; w < c->ref->n_weeks; w++) {
			const gradus_week *wk = &c->ref->weeks[w];
			if (wk->number < c->log->first_week || wk->number > r->last_week ||
			    gradus_date_days(week_start(c, wk->number)) >= before)
				continue;
			for (size_t s = 0; s < wk->n_sessions; s++)
				for (size_t i = 0; i < wk->sessions[s].n_items; i++) {
					gradus_change ch = wk->sessions[s].items[i].change;
					if (ch == GRADUS_CHANGE_LOAD || ch == GRADUS_CHANGE_VARIANT)
						return true;
				}
		}
	for (size_t j = 0; j < r->n_history; j++) {
		const gradus_review_history *h = &r->history[j];
		const gradus_load *seen = NULL;
		for (size_t w = 0; w < r->n_weeks; w++) {
			if (h->weeks[w].sets <= 0 ||
			    gradus_date_days(r->weeks[w].start) >= before)
				continue;
			if (seen && load_above(&h->weeks[w].load, seen))
				return true;
			seen = &h->weeks[w].load;
		}
		/* a harder version taken up after an easier one */
		for (size_t k = 0; k < r->n_history; k++)
			for (const gradus_exercise *e = h->exercise->harder; e && k != j; e = e->harder)
				if (e == r->history[k].exercise)
					return true;
	}
	return false;
}

/* The baseline of each test: the profile's measures (dated by
 * measures.date, else plan_start); a test the profile lacks takes its
 * first result in the log. */
typedef struct {
	double v[4];
	gradus_date date[4];
} baseline;

static void baselines(const rv_ctx *c, baseline *base)
{
	const gradus_log *log = c->log;
	for (int k = 0; k < 4; k++) {
		base->v[k] = NAN;
		base->date[k] = c->b->r.plan_start;
		if (c->orig->has_measures && !isnan(measure_value(&c->orig->measures, k))) {
			base->v[k] = measure_value(&c->orig->measures, k);
			if (gradus_date_is_set(c->orig->measures.date))
				base->date[k] = c->orig->measures.date;
		} else
			for (size_t i = 0; i < log->n_measures; i++)
				if (!isnan(measure_value(&log->measures[i].values, k))) {
					base->v[k] = measure_value(&log->measures[i].values, k);
					base->date[k] = log->measures[i].values.date;
					break;
				}
	}
}

/* A decline of 2 SPPB points or more at any time: the reason, or NULL. */
static const char *sppb_fell(rv_ctx *c, const baseline *base)
{
	const gradus_log *log = c->log;
	char d1[24], d2[24];
	for (size_t i = 0; i < log->n_measures; i++) {
		const gradus_measures *m = &log->measures[i].values;
		if (m->sppb >= 0 && !isnan(base->v[3]) &&
		    gradus_date_days(m->date) > gradus_date_days(base->date[3]) &&
		    m->sppb <= base->v[3] - SPPB_DROP)
			return arena_printf(c->a, "The SPPB score fell from %.0f on %s to %d on %s: a fall of %d points or more needs a doctor at any time.",
					    base->v[3], date_words(base->date[3], d1), m->sppb,
					    date_words(m->date, d2), SPPB_DROP);
	}
	return NULL;
}

/* The latest re-test after 6 weeks or more of training, or NULL. */
static const gradus_log_measure *latest_retest(const rv_ctx *c, long prog_start)
{
	const gradus_log *log = c->log;
	for (size_t i = log->n_measures; i-- > 0;) {
		const gradus_measures *m = &log->measures[i].values;
		bool has = false;
		for (int k = 0; k < 4; k++)
			has |= !isnan(measure_value(m, k));
		if (has && gradus_date_days(m->date) - prog_start >= DAYS_FOLLOW_UP)
			return &log->measures[i];
	}
	return NULL;
}

/* A re-test against the baselines: the tests in words, and how many
 * were compared, better and worse. */
typedef struct {
	char what[600];
	int better, worse, compared;
} comparison;

/* Each test of the re-test against its baseline, in `what` ("grip 18.0
 * kg to 18.5 kg (within test noise); ..."); a change smaller than the
 * meaningful one is test noise. */
static void compare_tests(const baseline *base, const gradus_measures *re,
			  comparison *cmp)
{
	long re_days = gradus_date_days(re->date);
	size_t at = 0;
	cmp->what[0] = '\0';
	cmp->better = cmp->worse = cmp->compared = 0;
	for (int k = 0; k < 4; k++) {
		double now = measure_value(re, k);
		if (isnan(now) || isnan(base->v[k]) ||
		    gradus_date_days(base->date[k]) >= re_days)
			continue;
		const measure_kind *mk = &follow_kinds[k];
		const char *word;
		cmp->compared++;
		if (now == base->v[k])
			word = "no change";
		else if (fabs(now - base->v[k]) < mk->meaningful - 1e-9)
			word = "within test noise";
		else if ((now < base->v[k]) == mk->lower_better) {
			cmp->better++;
			word = mk->lower_better ? "faster, better" : "better";
		} else {
			cmp->worse++;
			word = mk->lower_better ? "slower, worse" : "worse";
		}
		int w = snprintf(cmp->what + at, sizeof(cmp->what) - at, "%s%s %.*f%s%s to %.*f%s%s (%s)",
				 at ? "; " : "", mk->name, mk->digits, base->v[k],
				 mk->unit[0] ? " " : "", mk->unit, mk->digits, now,
				 mk->unit[0] ? " " : "", mk->unit, word);
		if (w > 0 && (size_t)w < sizeof(cmp->what) - at)
			at += (size_t)w;
	}
}

/* Returns the reason (arena text) when the follow-up rule fires, else
 * NULL; adds a note when a re-test shows no gain but no load rose or too
 * few sessions were done for the rule to apply. */
const char *rv_follow_up(rv_ctx *c)
{
	const gradus_review *r = &c->b->r;
	long prog_start = c->start_days - 7L * (c->log->first_week - 1);
	const gradus_log_measure *re;
	const char *why;
	baseline base;
	comparison cmp;
	char d1[24];
	int done = 0, planned = 0;

	baselines(c, &base);
	if ((why = sppb_fell(c, &base)) != NULL)
		return why;
	if (!(re = latest_retest(c, prog_start)))
		return NULL;
	long re_days = gradus_date_days(re->values.date);
	/* adherence: the logged weeks that began before the re-test */
	for (size_t i = 0; i < r->n_weeks; i++)
		if (gradus_date_days(r->weeks[i].start) < re_days) {
			done += r->weeks[i].done < r->weeks[i].planned ? r->weeks[i].done : r->weeks[i].planned;
			planned += r->weeks[i].planned;
		}
	compare_tests(&base, &re->values, &cmp);
	if (!cmp.compared)
		return NULL;
	int weeks = (int)((re_days - prog_start) / 7);
	int pct = planned ? (int)((done * 100L + planned / 2) / planned) : 0;
	if (cmp.better > 0 && cmp.worse == 0)
		return NULL;
	const char *shows = cmp.worse ? "a decline" : "no gain";
	if (!load_rose(c, re_days)) {
		/* the rule judges a plan that asked more of the muscles: only
		 * after a rise in load (our choice, D) */
		adjust(c, NULL, GRADUS_ADJ_NOTE, "FU-NO-PROGRESS",
		       arena_printf(c->a, "The re-test on %s shows %s (%s), but no load rose in the weeks before it (no heavier weight, band or machine step, no harder version): the follow-up rule waits for a plan whose load rose. Keep going and test again.",
				    date_words(re->values.date, d1), shows, cmp.what),
		       "D");
		return NULL;
	}
	if (planned == 0 || done * 100L < (long)ADHERENCE_FOLLOW_UP * planned) {
		adjust(c, NULL, GRADUS_ADJ_NOTE, "FU-NO-PROGRESS",
		       arena_printf(c->a, "The re-test on %s shows %s (%s), but only %d of %d sessions (%d %%) were done: the follow-up rule needs %d %% or more. Keep going and test again.",
				    date_words(re->values.date, d1), shows, cmp.what,
				    done, planned, pct, ADHERENCE_FOLLOW_UP),
		       "D");
		return NULL;
	}
	return arena_printf(c->a, "After %d weeks of training with %d of %d sessions done (%d %%), the re-test on %s shows %s: %s.",
			    weeks, done, planned, pct, date_words(re->values.date, d1),
			    shows, cmp.what);
}
