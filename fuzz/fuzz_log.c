/* fuzz_log: the input is a session log (written to disk with its exact
 * bytes, fuzz_input_file). It is loaded with gradus_log_load_file against
 * the built-in catalogue and, when it loads, reviewed (`gradus review`) for
 * the example person it was written for, profiles/examples/margaret-
 * sarcopenia.cfg (compiled in by fuzz/meson.build), and the review is
 * rendered in every format. Safety invariants checked on every input: a
 * red flag answered yes (in the profile or any week of the log) never
 * gives a plan; only the outcome "plan" carries one. */
#include "fuzz.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "load/load.h"

extern const builtin_file fuzz_profiles[];

static const gradus_profile *margaret(void)
{
	static gradus_profile *p;
	if (!p) {
		gradus_diags *d = gradus_diags_new();
		if (!d || gradus_profile_load_string(&p, fuzz_profiles[0].name,
						     fuzz_profiles[0].text,
						     fuzz_builtin_catalogue(),
						     fuzz_builtin_templates(), d) != GRADUS_OK)
			fuzz_fail("the example profile must load");
		gradus_diags_free(d);
	}
	return p;
}

static void render(const gradus_review *r, gradus_plan_format f, bool explain,
		   bool large)
{
	gradus_render_options ro;
	char *out = NULL;
	size_t len = 0;
	int rc;

	memset(&ro, 0, sizeof(ro));
	ro.explain = explain;
	ro.large_print = large;
	rc = gradus_review_render(&out, &len, r, f, &ro);
	if (rc == GRADUS_OK) {
		if (!out || strlen(out) != len)
			fuzz_fail("review render: length differs from the text");
		if (f == GRADUS_PLAN_JSON || f == GRADUS_PLAN_FHIR ||
		    f == GRADUS_PLAN_FHIR_TRANSACTION) {
			cJSON *j = cJSON_Parse(out);
			if (!j)
				fuzz_fail("the review's JSON does not parse");
			cJSON_Delete(j);
		}
	} else if (rc != GRADUS_ENOMEM)
		fuzz_fail("review render failed");
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const gradus_catalogue *cat = fuzz_builtin_catalogue();
	const gradus_templates *tpl = fuzz_builtin_templates();
	const gradus_profile *p = margaret();
	const char *path = fuzz_input_file(data, size);
	gradus_diags *d = gradus_diags_new();
	gradus_log *log = NULL;
	gradus_review *r = NULL;
	gradus_review_options ro;
	int rc;

	memset(&ro, 0, sizeof(ro));
	if (!path || !d)
		goto out;
	rc = gradus_log_load_file(&log, path, cat, d);
	if (rc != GRADUS_OK) {
		if (log)
			fuzz_fail("log returned with an error");
		if (gradus_diags_errors(d) == 0)
			fuzz_fail("log refused without an error message");
		goto out;
	}
	if (gradus_review_run(&r, p, log, cat, tpl, &ro, d) != GRADUS_OK)
		goto out;
	if ((r->outcome == GRADUS_REVIEW_PLAN) != (r->plan != NULL))
		fuzz_fail("a review plan without the outcome 'plan', or none with it");
	if (r->outcome == GRADUS_REVIEW_PLAN) {
		if (r->tier > GRADUS_TIER_PRECAUTIONS)
			fuzz_fail("a reviewed plan above tier precautions (section 7.1)");
		for (int i = 0; i < GRADUS_RF__COUNT; i++) {
			if (r->profile->red_flags[i] == GRADUS_ANSWER_YES)
				fuzz_fail("a reviewed plan despite a red flag (section 7.2)");
			for (size_t w = 0; w < log->n_weeks; w++)
				if (log->weeks[w].red_flags[i] == GRADUS_ANSWER_YES)
					fuzz_fail("a reviewed plan despite a red flag in the log");
		}
	}
	render(r, GRADUS_PLAN_TEXT, false, false);
	render(r, GRADUS_PLAN_TEXT, true, false);
	render(r, GRADUS_PLAN_HTML, false, false);
	render(r, GRADUS_PLAN_HTML, false, true);
	render(r, GRADUS_PLAN_JSON, false, false);
	render(r, GRADUS_PLAN_FHIR, false, false);
	render(r, GRADUS_PLAN_FHIR_TRANSACTION, false, false);
	render(r, GRADUS_PLAN_ICS, false, false);
out:
	gradus_review_free(r);
	gradus_log_free(log);
	gradus_diags_free(d);
	return 0;
}
