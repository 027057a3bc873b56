/* fuzz_plan: the whole `gradus plan` path. The input is a profile,
 * written to a file in the harness's temporary folder with its exact
 * bytes (fuzz_input_file: NUL bytes kept, `@include` of the files put
 * next to it, fuzz.h): load it with gradus_profile_load_file (built-in
 * catalogue and templates), screen it, and
 *  - when the tier allows a plan: generate it and render it in every
 *    format (text with and without --explain, html with and without
 *    --large-print, json, fhir, ics);
 *  - when it is gated: check that the generator refuses, then render the
 *    screening in every format and the referral sheet as text and html.
 * Dates: no clock. A profile with setup.start is screened and planned
 * from it; one without is screened and planned as of 2026-12-01 (as
 * `gradus plan --start 2026-12-01`).
 * Safety invariants (docs/hazards.md) that are cheap to test are checked
 * on every input: a broken one aborts (a finding). */
#include "fuzz.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static void check_screening(const gradus_profile *p, const gradus_screening *s)
{
	for (int i = 0; i < GRADUS_RF__COUNT; i++) {
		if (p->red_flags[i] == GRADUS_ANSWER_YES && s->tier < GRADUS_TIER_REVIEW)
			fuzz_fail("a red flag answered true below tier review (section 7.2)");
		if (p->red_flags[i] == GRADUS_ANSWER_MISSING &&
		    s->tier < GRADUS_TIER_INCOMPLETE)
			fuzz_fail("an unanswered red flag below tier incomplete (section 7.2)");
	}
}

static bool excluded(const gradus_profile *p, const char *id)
{
	for (size_t i = 0; i < p->n_exclude; i++)
		if (strcmp(p->exclude[i], id) == 0)
			return true;
	return false;
}

static void check_exercise(const gradus_profile *p, const gradus_screening *s,
			   const gradus_exercise *e)
{
	if (!e)
		fuzz_fail("an item without an exercise");
	if (e->equipment & ~p->equipment)
		fuzz_fail("equipment the person does not own (section 7.5)");
	if (e->avoid & (p->conditions | s->precautions.avoid))
		fuzz_fail("an exercise to avoid with the person's conditions (section 7.6)");
	if (excluded(p, e->id))
		fuzz_fail("an excluded exercise (section 7.6)");
}

static void check_plan(const gradus_profile *p, const gradus_screening *s,
		       const gradus_plan *pl)
{
	if (pl->effort_cap > s->precautions.effort_cap)
		fuzz_fail("plan effort cap above the screening's (section 7.8)");
	for (size_t b = 0; b < pl->n_warmup; b++)
		check_exercise(p, s, pl->warmup[b]);
	for (size_t b = 0; b < pl->n_balance; b++)
		check_exercise(p, s, pl->balance[b]);
	for (size_t b = 0; b < pl->n_cooldown; b++)
		check_exercise(p, s, pl->cooldown[b]);
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		for (size_t j = 0; j < wk->n_sessions; j++) {
			const gradus_session *ss = &wk->sessions[j];
			int wd = gradus_date_weekday(ss->date);
			if (!(p->days & (1u << wd)))
				fuzz_fail("a session on a day the person did not give (section 7.7)");
			if (gradus_session_minutes(ss) > p->minutes)
				fuzz_fail("a session longer than setup.minutes (section 7.8)");
			for (size_t k = 0; k < ss->n_items; k++) {
				const gradus_item *it = &ss->items[k];
				check_exercise(p, s, it->exercise);
				if (it->effort_max > pl->effort_cap)
					fuzz_fail("effort above the cap (section 7.8)");
			}
		}
	}
}

static void check_json(const char *text)
{
	cJSON *j = cJSON_Parse(text);
	if (!j)
		fuzz_fail("the JSON output does not parse");
	cJSON_Delete(j);
}

static void render_plan(const gradus_plan *pl, gradus_plan_format f,
			bool explain, bool large)
{
	gradus_render_options ro;
	char *out = NULL;
	size_t len = 0;
	int rc;

	memset(&ro, 0, sizeof(ro));
	ro.explain = explain;
	ro.large_print = large;
	rc = gradus_plan_render(&out, &len, pl, f, &ro);

	if (rc == GRADUS_OK) {
		if (!out || strlen(out) != len)
			fuzz_fail("plan render: length differs from the text");
		if (f == GRADUS_PLAN_JSON || f == GRADUS_PLAN_FHIR ||
		    f == GRADUS_PLAN_FHIR_TRANSACTION)
			check_json(out);
	} else if (rc != GRADUS_ENOMEM)
		fuzz_fail("plan render failed on a generated plan");
	free(out);
}

static void render_gated(const gradus_screening *s, const gradus_profile *p)
{
	static const gradus_screen_format sf[] = {
		GRADUS_SCREEN_TEXT, GRADUS_SCREEN_JSON, GRADUS_SCREEN_HTML,
		GRADUS_SCREEN_FHIR, GRADUS_SCREEN_ICS, GRADUS_SCREEN_FHIR_TRANSACTION};
	static const gradus_referral_format rf[] = {GRADUS_REFERRAL_TEXT,
						    GRADUS_REFERRAL_HTML};
	char *out;

	for (size_t i = 0; i < sizeof(sf) / sizeof(sf[0]); i++) {
		out = NULL;
		int rc = gradus_screening_render(&out, s, p, sf[i]);
		if (rc == GRADUS_OK && (sf[i] == GRADUS_SCREEN_JSON ||
					sf[i] == GRADUS_SCREEN_FHIR ||
					sf[i] == GRADUS_SCREEN_FHIR_TRANSACTION))
			check_json(out);
		else if (rc != GRADUS_OK && rc != GRADUS_ENOMEM)
			fuzz_fail("screening render failed");
		free(out);
	}
	for (size_t i = 0; i < sizeof(rf) / sizeof(rf[0]); i++) {
		out = NULL;
		(void)gradus_referral_render(&out, s, p, rf[i]);
		free(out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const gradus_catalogue *cat = fuzz_builtin_catalogue();
	const gradus_templates *tpl = fuzz_builtin_templates();
	const char *path = fuzz_input_file(data, size);
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = NULL;
	gradus_screening *s = NULL;
	gradus_plan *pl = NULL;
	gradus_plan_options po;
	gradus_date as_of = {0, 0, 0};
	int rc;

	memset(&po, 0, sizeof(po));
	if (!path || !d)
		goto out;
	if (gradus_profile_load_file(&p, path, cat, tpl, d) != GRADUS_OK)
		goto out;
	if (!gradus_date_is_set(p->start)) {
		as_of.y = 2026;
		as_of.m = 12;
		as_of.d = 1;
		po.start = as_of;
	}
	if (gradus_screen(&s, p, as_of, d) != GRADUS_OK)
		goto out;
	check_screening(p, s);
	if (s->tier > GRADUS_TIER_PRECAUTIONS) {
		rc = gradus_plan_generate(&pl, p, s, cat, tpl, &po, d);
		if (rc == GRADUS_OK)
			fuzz_fail("a plan for a gated profile (section 7.1)");
		render_gated(s, p);
		goto out;
	}
	if (gradus_plan_generate(&pl, p, s, cat, tpl, &po, d) != GRADUS_OK)
		goto out;
	check_plan(p, s, pl);
	render_plan(pl, GRADUS_PLAN_TEXT, false, false);
	render_plan(pl, GRADUS_PLAN_TEXT, true, false);
	render_plan(pl, GRADUS_PLAN_HTML, false, false);
	render_plan(pl, GRADUS_PLAN_HTML, false, true);
	render_plan(pl, GRADUS_PLAN_JSON, false, false);
	render_plan(pl, GRADUS_PLAN_FHIR, false, false);
	render_plan(pl, GRADUS_PLAN_FHIR_TRANSACTION, false, false);
	render_plan(pl, GRADUS_PLAN_ICS, false, false);
out:
	gradus_plan_free(pl);
	gradus_screening_free(s);
	gradus_profile_free(p);
	gradus_diags_free(d);
	return 0;
}
