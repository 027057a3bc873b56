/* The generator (docs/generation.md; safety invariants in
 * docs/hazards.md): gradus_plan_generate runs the steps in order - the
 * person (assess.c), the template and the exercises (select.c), the days
 * and the minutes, and the weeks progressed (schedule.c, progress.c,
 * time.c) - and keeps the plan in one arena. */
#include "gradus/plan.h"

#include <stdlib.h>
#include <string.h>

#include "plan/plan_int.h"
#include "util/util.h"

typedef struct {
	gradus_plan plan; /* first: the public part */
	arena a;
	whybook wb;       /* the reasons' texts, kept from plan to plan */
} plan_box;

static const char *const change_names[] = {"start", "none", "reps",
					   "sets",  "support", "load",
					   "variant", "deload", "hold"};
const char *gradus_change_name(gradus_change c)
{
	return (unsigned)c < COUNT(change_names) ? change_names[c] : NULL;
}

/* ---- the steps of gradus_plan_generate ---- */

/* A plan in its own arena: a new one, or `box` emptied (its arena
 * reset, keeping its memory); its start and length from the options or
 * the profile. */
static plan_box *plan_new(plan_box *box, const gradus_profile *p,
			  const gradus_screening *s,
			  const gradus_plan_options *opt)
{
	gradus_plan *pl;

	if (box) {
		arena_reset(&box->a);
		memset(&box->plan, 0, sizeof(box->plan));
	} else {
		box = calloc(1, sizeof(*box));
		if (!box)
			return NULL;
		arena_init(&box->a);
		whys_init(&box->wb);
	}
	pl = &box->plan;
	pl->profile = p;
	pl->screening = s;
	pl->start = opt && gradus_date_is_set(opt->start) ? opt->start : p->start;
	pl->weeks_n = opt && opt->weeks > 0 ? opt->weeks : p->weeks_planned;
	if (pl->weeks_n > MAX_WEEKS)
		pl->weeks_n = MAX_WEEKS;
	return box;
}

/* The strength exercises: a resumed plan's, or the whole body. */
static size_t strength_picks(const pl_ctx *c, const gradus_plan *pl,
			     const gradus_plan_options *opt, pick *picks,
			     arena *a, strlist *warn)
{
	const gradus_template *t = c->t;

	if (opt && opt->resume)
		return resume_picks(c, opt->resume, picks, a, warn);
	return select_strength(c, &pl->assessment, picks,
			       (size_t)t->exercises_max < MAX_PICKS ? (size_t)t->exercises_max : MAX_PICKS,
			       warn, a);
}

/* The warm-up, balance and cool-down exercises, kept in the plan. */
static int keep_blocks(gradus_plan *pl, arena *a,
		       const gradus_exercise *blk[3][2], const size_t n_blk[3])
{
	for (int b = 0; b < 3; b++) {
		const gradus_exercise **v = arena_alloc(a, (n_blk[b] ? n_blk[b] : 1) * sizeof(*v));
		if (!v)
			return GRADUS_ENOMEM;
		memcpy(v, blk[b], n_blk[b] * sizeof(*v));
		if (b == 0) { pl->warmup = v; pl->n_warmup = n_blk[b]; }
		if (b == 1) { pl->balance = v; pl->n_balance = n_blk[b]; }
		if (b == 2) { pl->cooldown = v; pl->n_cooldown = n_blk[b]; }
	}
	return GRADUS_OK;
}

/* The advice (the days line among it), the last warnings and the
 * plan's own reasons (rule G-PLAN), kept in the plan. */
static int finish(gradus_plan *pl, const pl_ctx *c, arena *a, strlist *adv,
		  strlist *warn, strlist *reasons, const char *days_line)
{
	const gradus_profile *p = c->p;
	const gradus_screening *s = c->s;
	gradus_why *wv;

	advice(pl, p, s, a, adv);
	strlist_add(a, adv, days_line);
	next_loads(pl, c, a, adv);
	if (s->precautions.supervision_needed && p->supervision == GRADUS_SUP_ALONE)
		strlist_add(a, warn, "Screening asks for a caregiver at every session, but the profile says 'alone'.");
	if (c->emphasis) {
		const char *part = gradus_region_words(p->immobilised_region);
		strlist_add(a, reasons, arena_printf(a, "Exercises for %s come first: that is where you lost the most strength. The rest of your body is trained too.",
						     part ? part : "the part of your body that was kept still"));
	}
	pl->advice = adv->v;
	pl->n_advice = adv->n;
	pl->warnings = warn->v;
	pl->n_warnings = warn->n;
	wv = arena_alloc(a, (reasons->n ? reasons->n : 1) * sizeof(*wv));
	if (!wv)
		return GRADUS_ENOMEM;
	for (size_t i = 0; i < reasons->n; i++) {
		wv[i].rule = "G-PLAN";
		wv[i].text = reasons->v[i];
		wv[i].source = "D";
	}
	pl->why = wv;
	pl->n_why = reasons->n;
	return GRADUS_OK;
}

int gradus_plan_generate(gradus_plan **out, const gradus_profile *p,
			 const gradus_screening *s, const gradus_catalogue *cat,
			 const gradus_templates *tpl,
			 const gradus_plan_options *opt, gradus_diags *d)
{
	*out = NULL;
	return gradus_plan_generate_reuse(out, p, s, cat, tpl, opt, d);
}

int gradus_plan_generate_reuse(gradus_plan **plan, const gradus_profile *p,
			       const gradus_screening *s,
			       const gradus_catalogue *cat,
			       const gradus_templates *tpl,
			       const gradus_plan_options *opt, gradus_diags *d)
{
	plan_box *box = (plan_box *)*plan;
	gradus_plan *pl;
	arena *a;
	const gradus_template *t;
	pl_ctx c;
	pick picks[MAX_PICKS];
	size_t n_picks;
	strlist adv = {0}, warn = {0}, reasons = {0};
	const gradus_exercise *blk[3][2] = {{NULL, NULL}, {NULL, NULL}, {NULL, NULL}};
	size_t n_blk[3];
	fitting fit;
	const char *days_line;
	int rc;

	*plan = NULL;
	if (!s || s->tier > GRADUS_TIER_PRECAUTIONS) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
				 "no plan: screening says %s", s ? gradus_tier_name(s->tier) : "nothing");
		gradus_plan_free((gradus_plan *)box);
		return GRADUS_EUSAGE;
	}
	box = plan_new(box, p, s, opt);
	if (!box)
		return GRADUS_ENOMEM;
	a = &box->a;
	pl = &box->plan;
	if (!gradus_date_is_set(pl->start)) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
				 "no start date: set 'setup.start' in the profile or give --start YYYY-MM-DD");
		rc = GRADUS_EUSAGE;
		goto fail;
	}

	/* 1. the person */
	assess(&pl->assessment, p, a);

	/* 2. the template, and the effort cap */
	rc = template_for(&t, p, s, tpl, opt && opt->template_id ? opt->template_id : p->template_id,
			  pl->assessment.cls, a, &warn, d);
	if (rc)
		goto fail;
	pl->template = t;
	pl->effort_cap = effort_cap(pl, p, s, t, a, &reasons);

	/* 3. the exercises: strength, then warm-up, balance, cool-down */
	rc = ctx_init(&c, p, s, t, cat, &pl->assessment, pl->start, a);
	if (rc)
		goto fail;
	pl->first_week = opt && opt->resume && opt->resume->week > 1 ? opt->resume->week : 1;
	n_picks = strength_picks(&c, pl, opt, picks, a, &warn);
	if (n_picks == 0) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, p->file, 0,
				 "no strength exercise in the catalogue fits this person's mobility, equipment and precautions");
		rc = GRADUS_EINVALID;
		goto fail;
	}
	n_blk[0] = select_block(&c, GRADUS_PAT_WARMUP, blk[0], 2);
	n_blk[1] = select_block(&c, GRADUS_PAT_BALANCE, blk[1], 2);
	n_blk[2] = select_block(&c, GRADUS_PAT_MOBILITY, blk[2], 2);

	/* 4. the days, >= 48 h apart */
	days_line = session_days(pl, p, t, a, &warn);

	/* 5. the minutes: blocks sized, as many exercises as fit */
	rc = fit_minutes(&fit, &c, picks, n_picks, balance_minutes(&c, n_blk[1]),
			 a, &warn, d);
	if (rc)
		goto fail;
	back_extensor_note(&c, picks, fit.n_use, a, &warn);

	/* 6. the weeks: progressed, in sessions */
	rc = schedule_weeks(pl, a, &box->wb, &c, picks, &fit, blk[1], n_blk[1], d);
	if (rc)
		goto fail;
	rc = keep_blocks(pl, a, blk, n_blk);
	if (rc)
		goto fail;
	rc = name_versions(pl, &c, a);
	if (rc)
		goto fail;
	pl->walking_min = t->walking_min;
	pl->walking_days = t->walking_days;

	/* 7. advice, warnings and reasons */
	rc = finish(pl, &c, a, &adv, &warn, &reasons, days_line);
	if (rc)
		goto fail;
	if (a->failed) {
		rc = GRADUS_ENOMEM;
		goto fail;
	}
	*plan = pl;
	return GRADUS_OK;
fail:
	gradus_plan_free(pl);
	return rc;
}

void gradus_plan_free(gradus_plan *plan)
{
	plan_box *b = (plan_box *)plan;
	if (!b)
		return;
	arena_free(&b->a);
	whys_free(&b->wb);
	free(b);
}

int gradus_plan_cut(gradus_plan *view, const gradus_plan *plan, int first,
		    int last)
{
	size_t from, n;

	if (!view || !plan || !plan->n_weeks || first > last)
		return GRADUS_EUSAGE;
	if (first < plan->weeks[0].number ||
	    last > plan->weeks[plan->n_weeks - 1].number)
		return GRADUS_EUSAGE;
	from = (size_t)(first - plan->weeks[0].number);
	n = (size_t)(last - first + 1);
	*view = *plan;
	view->weeks = plan->weeks + from;
	view->n_weeks = n;
	return GRADUS_OK;
}

int gradus_plan_last_week(const gradus_plan *plan)
{
	return plan->weeks_n + plan->first_week - 1;
}
