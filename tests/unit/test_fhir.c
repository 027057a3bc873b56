/* The FHIR R4 output: a Bundle whose ids are stable (same input, same
 * bytes; another person, other ids), whose references all resolve inside
 * it, with one ServiceRequest per strength exercise, and, for a gated
 * profile, a referral and no CarePlan. Third-party R4 validators check
 * the same output in the 'fhir-validate' test. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"


typedef struct {
	gradus_profile *p;
	gradus_screening *s;
	gradus_plan *plan;   /* NULL when gated */
	char *text;
	cJSON *json;
} doc;

static void make(doc *x, gradus_profile *p)
{
	gradus_diags *d = gradus_diags_new();
	size_t len;
	memset(x, 0, sizeof(*x));
	x->p = p;
	assert_int_equal(gradus_screen(&x->s, p, (gradus_date){0, 0, 0}, d), GRADUS_OK);
	if (x->s->tier > GRADUS_TIER_PRECAUTIONS) {
		assert_int_equal(gradus_screening_render(&x->text, x->s, p, GRADUS_SCREEN_FHIR),
				 GRADUS_OK);
	} else {
		assert_int_equal(gradus_plan_generate(&x->plan, p, x->s, test_catalogue(),
						      test_templates(), NULL, d), GRADUS_OK);
		assert_int_equal(gradus_plan_render(&x->text, &len, x->plan,
						    GRADUS_PLAN_FHIR, NULL), GRADUS_OK);
		assert_int_equal(strlen(x->text), len);
	}
	x->json = cJSON_Parse(x->text);
	assert_non_null(x->json);
	gradus_diags_free(d);
}

static void make_file(doc *x, const char *path)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = NULL;
	assert_int_equal(gradus_profile_load_file(&p, path, test_catalogue(),
						  test_templates(), d), GRADUS_OK);
	gradus_diags_free(d);
	make(x, p);
}

static void make_text(doc *x, const char *cfg)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from(cfg, d);
	assert_non_null(p);
	gradus_diags_free(d);
	make(x, p);
}

static void done(doc *x)
{
	cJSON_Delete(x->json);
	free(x->text);
	gradus_plan_free(x->plan);
	gradus_screening_free(x->s);
	gradus_profile_free(x->p);
}

static const char *sval(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static cJSON *entries(const doc *x)
{
	cJSON *e = cJSON_GetObjectItemCaseSensitive(x->json, "entry");
	assert_true(cJSON_IsArray(e));
	return e;
}

static size_t count_type(const doc *x, const char *type)
{
	size_t n = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, entries(x)) {
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(e, "resource");
		if (strcmp(sval(r, "resourceType"), type) == 0)
			n++;
	}
	return n;
}

static const cJSON *first_of(const doc *x, const char *type)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, entries(x)) {
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(e, "resource");
		if (strcmp(sval(r, "resourceType"), type) == 0)
			return r;
	}
	return NULL;
}

static bool has_full_url(const doc *x, const char *url)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, entries(x))
		if (strcmp(sval(e, "fullUrl"), url) == 0)
			return true;
	return false;
}

/* Every "reference" string under `node` resolves to a fullUrl; returns
 * how many were seen. */
static size_t check_refs(const doc *x, const cJSON *node)
{
	size_t n = 0;
	const cJSON *c;
	cJSON_ArrayForEach(c, node) {
		if (c->string && strcmp(c->string, "reference") == 0 && cJSON_IsString(c)) {
			if (!has_full_url(x, c->valuestring))
				fail_msg("reference %s resolves to no entry", c->valuestring);
			n++;
		} else if (cJSON_IsObject(c) || cJSON_IsArray(c))
			n += check_refs(x, c);
	}
	return n;
}

/* urn:uuid:xxxxxxxx-xxxx-5xxx-[89ab]xxx-xxxxxxxxxxxx, lower case */
static void assert_uuid5_urn(const char *u)
{
	assert_non_null(u);
	assert_int_equal(strlen(u), 45);
	assert_memory_equal(u, "urn:uuid:", 9);
	u += 9;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23)
			assert_int_equal(u[i], '-');
		else
			assert_non_null(strchr("0123456789abcdef", u[i]));
	}
	assert_int_equal(u[14], '5');
	assert_non_null(strchr("89ab", u[19]));
}

static void bundle_is_stable(void **state)
{
	(void)state;
	for (size_t f = 0; f < n_example_profiles; f++) {
		doc a, b;
		make_file(&a, example_profiles[f]);
		make_file(&b, example_profiles[f]);
		assert_string_equal(a.text, b.text);
		assert_string_equal(sval(a.json, "resourceType"), "Bundle");
		assert_string_equal(sval(a.json, "type"), "collection");
		done(&a);
		done(&b);
	}
}

static void references_resolve(void **state)
{
	(void)state;
	for (size_t f = 0; f < n_example_profiles; f++) {
		doc x;
		const cJSON *e, *e2;
		make_file(&x, example_profiles[f]);
		cJSON_ArrayForEach(e, entries(&x)) {
			const char *url = sval(e, "fullUrl");
			const cJSON *r = cJSON_GetObjectItemCaseSensitive(e, "resource");
			size_t same = 0;
			assert_uuid5_urn(url);
			/* the resource id is the UUID of its fullUrl */
			assert_string_equal(sval(r, "id"), url + 9);
			cJSON_ArrayForEach(e2, entries(&x))
				same += strcmp(sval(e2, "fullUrl"), url) == 0;
			assert_int_equal(same, 1);
		}
		/* Patient + subject at least */
		assert_true(check_refs(&x, entries(&x)) >= 1);
		assert_int_equal(count_type(&x, "Patient"), 1);
		done(&x);
	}
}

static void other_person_other_ids(void **state)
{
	char *cfg_b = replace(clean_profile, "name = \"Test\"", "name = \"Other\"");
	doc a, b;
	const cJSON *e, *e2;
	(void)state;
	make_text(&a, clean_profile);
	make_text(&b, cfg_b);
	assert_true(cJSON_GetArraySize(entries(&a)) > 3);
	cJSON_ArrayForEach(e, entries(&a))
		cJSON_ArrayForEach(e2, entries(&b))
			assert_string_not_equal(sval(e, "fullUrl"), sval(e2, "fullUrl"));
	done(&a);
	done(&b);
	free(cfg_b);
}

/* The distinct exercises of a plan's weeks. */
static size_t distinct_exercises(const gradus_plan *pl, const gradus_exercise **v,
				 size_t cap)
{
	size_t n = 0;
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		for (size_t s = 0; s < wk->n_sessions; s++)
			for (size_t i = 0; i < wk->sessions[s].n_items; i++) {
				const gradus_exercise *ex = wk->sessions[s].items[i].exercise;
				size_t k = 0;
				while (k < n && v[k] != ex)
					k++;
				if (k == n && n < cap)
					v[n++] = ex;
			}
	}
	return n;
}

static void one_request_per_exercise(void **state)
{
	(void)state;
	for (size_t f = 0; f < n_example_profiles; f++) {
		const gradus_exercise *ex[256];
		const cJSON *plan, *acts, *a, *e;
		size_t n_ex, n_ref = 0;
		doc x;
		make_file(&x, example_profiles[f]);
		if (!x.plan) {
			done(&x);
			continue;
		}
		n_ex = distinct_exercises(x.plan, ex, 256);
		assert_true(n_ex > 0);
		assert_int_equal(count_type(&x, "ServiceRequest"), n_ex);
		assert_int_equal(count_type(&x, "CarePlan"), 1);
		assert_int_equal(count_type(&x, "Goal"), 1);
		/* each exercise named by exactly one request, with the plan's timing */
		for (size_t k = 0; k < n_ex; k++) {
			size_t named = 0;
			cJSON_ArrayForEach(e, entries(&x)) {
				const cJSON *r = cJSON_GetObjectItemCaseSensitive(e, "resource");
				const cJSON *code = cJSON_GetObjectItemCaseSensitive(r, "code");
				const cJSON *rep;
				if (strcmp(sval(r, "resourceType"), "ServiceRequest") != 0 ||
				    strcmp(sval(code, "text"), ex[k]->name) != 0)
					continue;
				named++;
				assert_string_equal(sval(r, "status"), "active");
				assert_string_equal(sval(r, "intent"), "plan");
				rep = cJSON_GetObjectItemCaseSensitive(
					cJSON_GetObjectItemCaseSensitive(r, "occurrenceTiming"), "repeat");
				assert_int_equal(cJSON_GetObjectItemCaseSensitive(rep, "frequency")->valueint,
						 x.plan->sessions_per_week);
				assert_string_equal(sval(rep, "periodUnit"), "wk");
				assert_non_null(strstr(sval(r, "patientInstruction"), "Week"));
			}
			assert_int_equal(named, 1);
		}
		/* the CarePlan lists every request among its activities */
		plan = first_of(&x, "CarePlan");
		assert_string_equal(sval(plan, "status"), "active");
		assert_string_equal(sval(plan, "intent"), "plan");
		acts = cJSON_GetObjectItemCaseSensitive(plan, "activity");
		cJSON_ArrayForEach(a, acts)
			if (cJSON_GetObjectItemCaseSensitive(a, "reference"))
				n_ref++;
		assert_int_equal(n_ref, n_ex);
		done(&x);
	}
}

static void days_and_period(void **state)
{
	doc x;
	const cJSON *plan, *sr, *rep, *days, *period;
	(void)state;
	make_text(&x, clean_profile); /* mon wed fri from 2026-12-01, 12 weeks */
	plan = first_of(&x, "CarePlan");
	period = cJSON_GetObjectItemCaseSensitive(plan, "period");
	assert_string_equal(sval(period, "start"), "2026-12-01");
	assert_string_equal(sval(period, "end"), "2027-02-22");
	sr = first_of(&x, "ServiceRequest");
	rep = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(sr, "occurrenceTiming"), "repeat");
	days = cJSON_GetObjectItemCaseSensitive(rep, "dayOfWeek");
	assert_int_equal(cJSON_GetArraySize(days), 3);
	assert_string_equal(cJSON_GetArrayItem(days, 0)->valuestring, "mon");
	assert_string_equal(cJSON_GetArrayItem(days, 1)->valuestring, "wed");
	assert_string_equal(cJSON_GetArrayItem(days, 2)->valuestring, "fri");
	assert_string_equal(sval(first_of(&x, "Patient"), "gender"), "female");
	assert_null(cJSON_GetObjectItemCaseSensitive(first_of(&x, "Patient"), "birthDate"));
	done(&x);
}

/* The integer of sub-extension `url` of the dose extension of `detail`;
 * -1 when absent. */
static int dose_int(const cJSON *detail, const char *url)
{
	const cJSON *x = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(detail, "extension"), 0), *e;
	assert_string_equal(sval(x, "url"), "urn:gradus:fhir:exercise-dose");
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(x, "extension"))
		if (strcmp(sval(e, "url"), url) == 0)
			return cJSON_GetObjectItemCaseSensitive(e, "valueInteger")->valueint;
	return -1;
}

/* The request naming exercise `ex` in code.text. */
static const cJSON *request_of(const doc *x, const gradus_exercise *ex)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, entries(x)) {
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(e, "resource");
		const cJSON *code = cJSON_GetObjectItemCaseSensitive(r, "code");
		if (strcmp(sval(r, "resourceType"), "ServiceRequest") == 0 &&
		    strcmp(sval(code, "text"), ex->name) == 0)
			return r;
	}
	return NULL;
}

/* Issue 16: every week an exercise is done in lies in exactly one of its
 * request's dose phases (orderDetail), whose numbers are that week's;
 * a week without it lies in none. */
static void every_week_has_its_dose(void **state)
{
	(void)state;
	for (size_t f = 0; f < n_example_profiles; f++) {
		doc x;
		make_file(&x, example_profiles[f]);
		for (size_t w = 0; x.plan && w < x.plan->n_weeks; w++) {
			const gradus_week *wk = &x.plan->weeks[w];
			const gradus_session *s = &wk->sessions[0];
			for (size_t i = 0; i < s->n_items; i++) {
				const gradus_item *it = &s->items[i];
				const cJSON *sr = request_of(&x, it->exercise), *d, *in = NULL;
				size_t n = 0;
				assert_non_null(sr);
				cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(sr, "orderDetail"))
					if (dose_int(d, "firstWeek") <= wk->number &&
					    wk->number <= dose_int(d, "lastWeek")) {
						in = d;
						n++;
					}
				assert_int_equal(n, 1);
				assert_int_equal(dose_int(in, "sets"), it->sets);
				assert_int_equal(dose_int(in, "repsMin"), it->reps_min);
				assert_int_equal(dose_int(in, "repsMax"), it->reps_max);
				assert_int_equal(dose_int(in, "effortMin"), it->effort_min);
				assert_int_equal(dose_int(in, "effortMax"), it->effort_max);
				assert_non_null(strstr(sval(sr, "patientInstruction"), sval(in, "text")));
			}
		}
		done(&x);
	}
}

/* --fhir-bundle transaction: the same entries, each with a request
 * POST to its resource type and no resource id; a gated profile's
 * referral too. */
static void transaction_bundle(void **state)
{
	(void)state;
	for (size_t f = 0; f < n_example_profiles; f++) {
		doc x;
		char *tx = NULL;
		size_t len;
		cJSON *t, *e, *c;
		make_file(&x, example_profiles[f]);
		if (x.plan)
			assert_int_equal(gradus_plan_render(&tx, &len, x.plan,
							    GRADUS_PLAN_FHIR_TRANSACTION, NULL), GRADUS_OK);
		else
			assert_int_equal(gradus_screening_render(&tx, x.s, x.p,
								 GRADUS_SCREEN_FHIR_TRANSACTION), GRADUS_OK);
		t = cJSON_Parse(tx);
		assert_non_null(t);
		assert_string_equal(sval(t, "type"), "transaction");
		e = cJSON_GetObjectItemCaseSensitive(t, "entry");
		assert_int_equal(cJSON_GetArraySize(e), cJSON_GetArraySize(entries(&x)));
		c = entries(&x)->child;
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(t, "entry")) {
			const cJSON *r = cJSON_GetObjectItemCaseSensitive(e, "resource");
			const cJSON *q = cJSON_GetObjectItemCaseSensitive(e, "request");
			assert_string_equal(sval(e, "fullUrl"), sval(c, "fullUrl"));
			assert_null(cJSON_GetObjectItemCaseSensitive(r, "id"));
			assert_string_equal(sval(q, "method"), "POST");
			assert_string_equal(sval(q, "url"), sval(r, "resourceType"));
			assert_null(cJSON_GetObjectItemCaseSensitive(c, "request"));
			c = c->next;
		}
		cJSON_Delete(t);
		free(tx);
		done(&x);
	}
}

static void gated_has_no_careplan(void **state)
{
	char *cfg = replace(clean_profile, "chest_pain = false", "chest_pain = true");
	const cJSON *sr, *reasons, *r;
	size_t n_reasons = 0, referral_findings = 0;
	doc x, e;
	(void)state;
	make_file(&x, "profiles/examples/neuro-suspected.cfg");
	assert_null(x.plan);
	assert_int_equal(cJSON_GetArraySize(entries(&x)), 2);
	assert_int_equal(count_type(&x, "Patient"), 1);
	assert_int_equal(count_type(&x, "ServiceRequest"), 1);
	assert_int_equal(count_type(&x, "CarePlan"), 0);
	assert_int_equal(count_type(&x, "Goal"), 0);
	sr = first_of(&x, "ServiceRequest");
	assert_string_equal(sval(cJSON_GetObjectItemCaseSensitive(sr, "code"), "text"),
			    "Medical review before exercise");
	assert_string_equal(sval(sr, "priority"), "routine");
	assert_string_equal(sval(sr, "authoredOn"), "2026-12-01");
	/* one reason per finding that stops the plan, naming rule and source */
	reasons = cJSON_GetObjectItemCaseSensitive(sr, "reasonCode");
	for (size_t i = 0; i < x.s->n_findings; i++)
		if (x.s->findings[i].rule->tier > GRADUS_TIER_PRECAUTIONS)
			referral_findings++;
	for (size_t i = 0; i < x.s->n_findings; i++) {
		const gradus_rule *rule = x.s->findings[i].rule;
		if (rule->tier <= GRADUS_TIER_PRECAUTIONS)
			continue;
		r = cJSON_GetArrayItem(reasons, (int)n_reasons++);
		assert_non_null(r);
		assert_non_null(strstr(sval(r, "text"), rule->id));
		assert_non_null(strstr(sval(r, "text"), rule->clinician));
		assert_non_null(strstr(sval(r, "text"), rule->source));
	}
	assert_true(referral_findings > 0);
	assert_int_equal(cJSON_GetArraySize(reasons), referral_findings);
	assert_int_equal(n_reasons, referral_findings);
	check_refs(&x, entries(&x));

	make_text(&e, cfg);
	assert_null(e.plan);
	assert_int_equal(count_type(&e, "CarePlan"), 0);
	assert_string_equal(sval(first_of(&e, "ServiceRequest"), "priority"), "stat");
	done(&e);
	done(&x);
	free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bundle_is_stable),
		cmocka_unit_test(references_resolve),
		cmocka_unit_test(other_person_other_ids),
		cmocka_unit_test(one_request_per_exercise),
		cmocka_unit_test(days_and_period),
		cmocka_unit_test(gated_has_no_careplan),
		cmocka_unit_test(every_week_has_its_dose),
		cmocka_unit_test(transaction_bundle),
	};
	return cmocka_run_group_tests_name("fhir", tests, NULL, NULL);
}
