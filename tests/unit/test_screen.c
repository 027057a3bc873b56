/* The safety gate: one test per rule, tier precedence, fail-closed
 * behaviour, precautions, the example profiles, and the renderers. */
#include "helpers.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/screen.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static const gradus_date NO_DATE = {0, 0, 0};

/* clean_profile with up to four replacements applied in turn. */
static char *edited(const char *const *from, const char *const *to)
{
	char *text = strdup(clean_profile);
	for (int i = 0; i < 4 && from[i]; i++) {
		char *next = replace(text, from[i], to[i]);
		free(text);
		text = next;
	}
	return text;
}

static gradus_profile *load(const char *text)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from(text, d);
	if (!p) {
		char *msg = diags_text(d);
		fail_msg("profile did not load:\n%s", msg);
	}
	gradus_diags_free(d);
	return p;
}

static gradus_screening *screen_as_of(const gradus_profile *p, gradus_date as_of)
{
	gradus_screening *s = NULL;
	gradus_diags *d = gradus_diags_new();
	int rc = gradus_screen(&s, p, as_of, d);
	if (rc != GRADUS_OK) {
		char *msg = diags_text(d);
		fail_msg("gradus_screen returned %d:\n%s", rc, msg);
	}
	assert_non_null(s);
	gradus_diags_free(d);
	return s;
}

static gradus_screening *screen(const gradus_profile *p)
{
	return screen_as_of(p, NO_DATE);
}

static const gradus_finding *finding(const gradus_screening *s, const char *id)
{
	for (size_t i = 0; i < s->n_findings; i++)
		if (strcmp(s->findings[i].rule->id, id) == 0)
			return &s->findings[i];
	return NULL;
}

static const gradus_rule *rule(const char *id)
{
	size_t n;
	const gradus_rule *r = gradus_rules(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].id, id) == 0)
			return &r[i];
	return NULL;
}

static void show(const gradus_screening *s)
{
	for (size_t i = 0; i < s->n_findings; i++)
		print_message("  finding %s (%s) %s\n", s->findings[i].rule->id,
			      gradus_tier_name(s->findings[i].rule->tier),
			      s->findings[i].detail ? s->findings[i].detail : "");
}

/* Screens text; checks the tier. */
static gradus_screening *expect_tier(const char *text, gradus_tier want,
				     gradus_profile **pp)
{
	gradus_profile *p = load(text);
	gradus_screening *s = screen(p);
	if (s->tier != want) {
		show(s);
		fail_msg("tier %s, expected %s", gradus_tier_name(s->tier),
			 gradus_tier_name(want));
	}
	*pp = p;
	return s;
}

/* Joins wrapped lines: every run of newlines and spaces becomes one space. */
static void unwrap(char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		if (*r == '\n' || *r == ' ') {
			while (*r == '\n' || *r == ' ')
				r++;
			*w++ = ' ';
		} else
			*w++ = *r++;
	}
	*w = '\0';
}

static char *rf_line(gradus_red_flag f, const char *value)
{
	char *s = malloc(80);
	snprintf(s, 80, "%s = %s;", gradus_red_flag_key(f), value);
	return s;
}

/* ------------------------------------------------------------------ */
/* One test per rule: the rule fires, has its tier, and gives the      */
/* profile the expected tier. Removing a rule or changing its tier     */
/* fails its test; a rule without a case fails every_rule_has_a_case.  */

typedef struct {
	const char *id;
	gradus_tier rule_tier;
	gradus_tier profile_tier;
	const char *from[5], *to[5];
} rule_case;

#define E GRADUS_TIER_EMERGENCY
#define U GRADUS_TIER_URGENT
#define R GRADUS_TIER_REVIEW
#define C GRADUS_TIER_CLEARANCE
#define I GRADUS_TIER_INCOMPLETE
#define P GRADUS_TIER_PRECAUTIONS
#define G GRADUS_TIER_PROCEED
#define YES(k) {#k " = false;"}, {#k " = true;"}

static const rule_case cases[] = {
	{"RF-BEFAST-BALANCE", E, E, YES(sudden_balance_loss)},
	{"RF-BEFAST-EYES", E, E, YES(vision_changes)},
	{"RF-BEFAST-FACE", E, E, YES(face_drooping)},
	{"RF-BEFAST-ARM", E, E, YES(one_sided_weakness)},
	{"RF-BEFAST-SPEECH", E, E, YES(speech_changes)},
	{"RF-SUDDEN-WEAKNESS", E, E, YES(sudden_weakness)},
	{"RF-SUDDEN-ONSET", E, E, {"onset = \"gradual\""}, {"onset = \"sudden\""}},
	{"RF-HEADACHE", E, E, YES(sudden_severe_headache)},
	{"RF-BREATHING", E, E, YES(breathing_difficulty)},
	{"RF-SWALLOWING-FAST", E, E,
	 {"swallowing_difficulty = false;", "course = \"stable\""},
	 {"swallowing_difficulty = true;", "course = \"worsening_fast\""}},
	{"RF-SPREADING", E, E, YES(spreading_weakness)},
	{"RF-BLADDER-BOWEL", E, E, YES(bladder_or_bowel_changes)},
	{"RF-SADDLE", E, E, YES(saddle_numbness)},
	{"RF-CHEST-PAIN", E, E, YES(chest_pain)},
	{"RF-ONE-SIDE-WORSENING", U, U,
	 {"weeks = 104", "pattern = \"symmetric\"", "course = \"stable\"", "regions = [\"legs\"]"},
	 {"weeks = 1", "pattern = \"one_limb\"", "course = \"worsening_slowly\"", "regions = [\"left_leg\"]"}},
	{"RF-WORSENING-FAST", U, U, {"course = \"stable\""}, {"course = \"worsening_fast\""}},
	{"RF-SWALLOWING", U, U, YES(swallowing_difficulty)},
	{"RF-EYELIDS", U, U, YES(drooping_eyelids_or_double_vision)},
	{"RF-DARK-URINE", U, U, YES(dark_urine_with_muscle_pain)},
	{"RF-NEURO-UNCLEARED", R, R, {"kind = \"sarcopenia\""}, {"kind = \"neurogenic\""}},
	{"RF-TWITCHING", R, R, YES(muscle_twitching)},
	{"RF-ASYMMETRIC", R, R,
	 {"pattern = \"symmetric\"", "regions = [\"legs\"]"},
	 {"pattern = \"one_limb\"", "regions = [\"left_leg\"]"}},
	{"RF-NUMBNESS", R, R, YES(numbness_or_tingling)},
	{"RF-WEIGHT-LOSS", R, R, YES(unexplained_weight_loss)},
	{"RF-STATIN-STEROID", R, R,
	 {"medications = []", "course = \"stable\""},
	 {"medications = [\"statin\"]", "course = \"worsening_slowly\""}},
	{"RF-PROGRESSIVE", R, R, {"course = \"stable\""}, {"course = \"worsening_slowly\""}},
	{"RF-ANY", R, R, YES(fainting_or_dizziness)},
	{"CL-ACSM", C, C, {"conditions = []"}, {"conditions = [\"diabetes\"]"}},
	/* fainting is a clearance rule, but a true red flag: review (RF-ANY) */
	{"CL-FAINTING", C, R, YES(fainting_or_dizziness)},
	{"CL-BP-HIGH", C, C, {"falls_last_year = 0;"}, {"falls_last_year = 0; resting_bp = [182, 96];"}},
	{"CL-HR-HIGH", C, C, {"falls_last_year = 0;"}, {"falls_last_year = 0; resting_hr = 101;"}},
	{"CL-RECENT-SURGERY", C, C, {"falls_last_year = 0;"},
	 {"falls_last_year = 0; surgery = ( { kind = \"knee_replacement\"; side = \"left\"; date = \"2026-11-20\"; } );"}},
	{"CL-RECENT-FRACTURE", C, C, {"falls_last_year = 0;"},
	 {"falls_last_year = 0; fracture = ( { region = \"right_arm\"; date = \"2026-11-20\"; } );"}},
	/* a cast on the left leg that comes off after the start */
	{"CL-IMMOBILISED", C, C, {"regions = [\"legs\"]"},
	 {"regions = [\"legs\"]; immobilised = { region = \"left_leg\"; ended = \"2026-12-20\"; }"}},
	{"IN-UNANSWERED", I, I, {"chest_pain = false;"}, {""}},
	{"PC-OSTEOPOROSIS", P, P, {"conditions = []"}, {"conditions = [\"osteoporosis\"]"}},
	{"PC-HYPERTENSION", P, P, {"conditions = []"}, {"conditions = [\"hypertension\"]"}},
	{"PC-BP-RAISED", P, P, {"falls_last_year = 0;"}, {"falls_last_year = 0; resting_bp = [165, 90];"}},
	/* the pulse-check precaution comes with CL-HR-HIGH: clearance */
	{"PC-HR-HIGH", P, C, {"falls_last_year = 0;"}, {"falls_last_year = 0; resting_hr = 104;"}},
	{"PC-ACSM-MODERATE", P, P, {"conditions = []", "regularly_active = false"},
	 {"conditions = [\"diabetes\"]", "regularly_active = true"}},
	{"PC-BLOOD-THINNER", P, P, {"medications = []"}, {"medications = [\"blood_thinner\"]"}},
	{"PC-INSULIN", P, P, {"medications = []"}, {"medications = [\"insulin\"]"}},
	{"PC-HIP-POSTERIOR", P, P, {"falls_last_year = 0;"},
	 {"falls_last_year = 0; surgery = ( { kind = \"hip_replacement\"; side = \"left\"; approach = \"posterior\"; date = \"2026-10-20\"; } );"}},
	{"PC-KNEE-REPLACEMENT", P, P, {"falls_last_year = 0;"},
	 {"falls_last_year = 0; surgery = ( { kind = \"knee_replacement\"; side = \"right\"; date = \"2025-06-01\"; } );"}},
	{"PC-FALL-RISK", P, P, {"falls_last_year = 0;"}, {"falls_last_year = 1;"}},
	{"PC-DEMENTIA", P, P, {"conditions = []"}, {"conditions = [\"dementia\"]"}},
	{"PC-KIDNEY", P, P, {"falls_last_year = 0;"}, {"falls_last_year = 0; egfr = 25;"}},
	/* cleared after the break: the clearance rule is satisfied, the
	 * region is still spared */
	{"PC-RECENT-REGION", P, P, {"falls_last_year = 0;"},
	 {"falls_last_year = 0; fracture = ( { region = \"right_arm\"; date = \"2026-11-20\"; } ); clearance = { by = \"Dr A\"; date = \"2026-11-25\"; };"}},
	{"PC-NEURO-MAINTENANCE", P, P, {"kind = \"sarcopenia\"", "falls_last_year = 0;"},
	 {"kind = \"neurogenic\"", "falls_last_year = 0; clearance = { by = \"Dr A\"; date = \"2026-11-02\"; };"}},
	{"AD-FLOOR-TRANSFER", G, G, {"mobility = \"independent\""}, {"mobility = \"walks_with_aid\""}},
	/* a broken arm 9 weeks before the start: strength work is allowed
	 * again, leaning on the hands not yet */
	{"AD-HAND-HEALING", G, G, {"falls_last_year = 0;"},
	 {"falls_last_year = 0; fracture = ( { region = \"left_arm\"; date = \"2026-09-29\"; } );"}},
};

static void rule_fires(void **state)
{
	const rule_case *c = *state;
	const gradus_rule *r = rule(c->id);
	gradus_profile *p;
	gradus_screening *s;
	char *text = edited(c->from, c->to);

	assert_non_null(r);
	assert_int_equal(r->tier, c->rule_tier);
	assert_false(r->logs_only);
	s = expect_tier(text, c->profile_tier, &p);
	if (!finding(s, c->id)) {
		show(s);
		fail_msg("rule %s did not fire", c->id);
	}
	/* the edit is what fires it: the clean profile has no findings */
	for (size_t i = 0; i < s->n_findings; i++)
		assert_false(s->findings[i].rule->logs_only);
	gradus_screening_free(s);
	gradus_profile_free(p);
	free(text);
}

static void every_rule_has_a_case(void **state)
{
	size_t n;
	const gradus_rule *r = gradus_rules(&n);
	(void)state;
	assert_true(n >= 40);
	for (size_t i = 0; i < n; i++) {
		bool found = false;
		assert_non_null(r[i].id);
		assert_non_null(r[i].summary);
		assert_non_null(r[i].person);
		assert_non_null(r[i].clinician);
		assert_non_null(r[i].source);
		assert_true(r[i].source[0] != '\0');
		for (size_t k = i + 1; k < n; k++)
			assert_string_not_equal(r[i].id, r[k].id);
		for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
			found |= strcmp(cases[k].id, r[i].id) == 0;
		if (!found && !r[i].logs_only)
			fail_msg("rule %s has no test case", r[i].id);
		/* highest tier first: findings come out in severity order */
		if (i > 0 && !r[i].logs_only)
			assert_true(r[i].tier <= r[i - 1].tier);
	}
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		assert_non_null(rule(cases[k].id));
}

static void clean_profile_proceeds(void **state)
{
	gradus_profile *p;
	gradus_screening *s = expect_tier(clean_profile, GRADUS_TIER_PROCEED, &p);
	(void)state;
	assert_int_equal(s->n_findings, 0);
	assert_int_equal(s->n_missing, 0);
	assert_int_equal(s->precautions.effort_cap, 10);
	assert_int_equal(s->precautions.avoid, 0);
	assert_int_equal(s->as_of.y, 2026);
	assert_int_equal(s->as_of.m, 12);
	assert_int_equal(s->as_of.d, 1);
	gradus_screening_free(s);
	gradus_profile_free(p);
}

/* The follow-up rule is listed but only session logs can trigger it. */
static void follow_up_rule_is_logs_only(void **state)
{
	const gradus_rule *r = rule("FU-NO-PROGRESS");
	(void)state;
	assert_non_null(r);
	assert_true(r->logs_only);
	assert_int_equal(r->tier, GRADUS_TIER_REVIEW);
}

/* ------------------------------------------------------------------ */
/* Tiers                                                               */

static void tier_names_and_exit_codes(void **state)
{
	static const struct {
		gradus_tier t;
		const char *name;
		int code;
	} want[] = {{GRADUS_TIER_PROCEED, "proceed", 0},
		    {GRADUS_TIER_PRECAUTIONS, "precautions", 0},
		    {GRADUS_TIER_INCOMPLETE, "incomplete", 10},
		    {GRADUS_TIER_CLEARANCE, "clearance", 11},
		    {GRADUS_TIER_REVIEW, "review", 12},
		    {GRADUS_TIER_URGENT, "urgent", 13},
		    {GRADUS_TIER_EMERGENCY, "emergency", 14}};
	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_string_equal(gradus_tier_name(want[i].t), want[i].name);
		assert_int_equal(gradus_tier_exit_code(want[i].t), want[i].code);
	}
	assert_null(gradus_tier_name(GRADUS_TIER__COUNT));
	assert_string_equal(gradus_prec_name(GRADUS_PREC_SPINE_SPARING), "spine_sparing");
	assert_null(gradus_prec_name(3));
}

static void check_precedence(const char *const *from, const char *const *to,
			     gradus_tier want, const char *const *ids)
{
	char *text = edited(from, to);
	gradus_profile *p;
	gradus_screening *s = expect_tier(text, want, &p);
	for (int i = 0; ids[i]; i++)
		if (!finding(s, ids[i])) {
			show(s);
			fail_msg("missing finding %s", ids[i]);
		}
	gradus_screening_free(s);
	gradus_profile_free(p);
	free(text);
}

static void highest_tier_wins(void **state)
{
	(void)state;
	/* emergency + clearance -> emergency */
	check_precedence((const char *[]){"chest_pain = false;", "conditions = []", NULL},
			 (const char *[]){"chest_pain = true;", "conditions = [\"heart_disease\"]", NULL},
			 GRADUS_TIER_EMERGENCY,
			 (const char *[]){"RF-CHEST-PAIN", "CL-ACSM", NULL});
	/* unanswered + review -> review, the question still listed */
	check_precedence((const char *[]){"chest_pain = false;", "kind = \"sarcopenia\"", NULL},
			 (const char *[]){"", "kind = \"unknown\"", NULL},
			 GRADUS_TIER_REVIEW,
			 (const char *[]){"RF-NEURO-UNCLEARED", "IN-UNANSWERED", NULL});
	/* clearance + incomplete -> clearance */
	check_precedence((const char *[]){"chest_pain = false;", "conditions = []", NULL},
			 (const char *[]){"", "conditions = [\"heart_failure\"]", NULL},
			 GRADUS_TIER_CLEARANCE,
			 (const char *[]){"CL-ACSM", "IN-UNANSWERED", NULL});
	/* urgent + review + precautions -> urgent */
	check_precedence((const char *[]){"drooping_eyelids_or_double_vision = false;",
					  "muscle_twitching = false;", "conditions = []", NULL},
			 (const char *[]){"drooping_eyelids_or_double_vision = true;",
					  "muscle_twitching = true;", "conditions = [\"osteoporosis\"]", NULL},
			 GRADUS_TIER_URGENT,
			 (const char *[]){"RF-EYELIDS", "RF-TWITCHING", "PC-OSTEOPOROSIS", NULL});
	/* precautions + proceed-tier adjustment -> precautions */
	check_precedence((const char *[]){"mobility = \"independent\"", "conditions = []", NULL},
			 (const char *[]){"mobility = \"bed\"", "conditions = [\"hypertension\"]", NULL},
			 GRADUS_TIER_PRECAUTIONS,
			 (const char *[]){"AD-FLOOR-TRANSFER", "PC-HYPERTENSION", NULL});
}

/* Findings come in rule-table order and the tier is their maximum. */
static void findings_in_table_order(void **state)
{
	char *text = edited((const char *[]){"chest_pain = false;", "muscle_twitching = false;",
					     "conditions = []", NULL},
			    (const char *[]){"chest_pain = true;", "muscle_twitching = true;",
					     "conditions = [\"osteoporosis\", \"diabetes\"]", NULL});
	gradus_profile *p = load(text);
	gradus_screening *s = screen(p);
	size_t n;
	const gradus_rule *r = gradus_rules(&n);
	gradus_tier max = GRADUS_TIER_PROCEED;
	(void)state;
	assert_true(s->n_findings >= 4);
	for (size_t i = 0; i < s->n_findings; i++) {
		if (i > 0)
			assert_true(s->findings[i].rule > s->findings[i - 1].rule);
		assert_true(s->findings[i].rule >= r && s->findings[i].rule < r + n);
		if (s->findings[i].rule->tier > max)
			max = s->findings[i].rule->tier;
	}
	assert_int_equal(s->tier, max);
	gradus_screening_free(s);
	gradus_profile_free(p);
	free(text);
}

/* ------------------------------------------------------------------ */
/* Invariant 2: red flags                                              */

static void every_red_flag_gives_review_or_higher(void **state)
{
	(void)state;
	for (int f = 0; f < GRADUS_RF__COUNT; f++) {
		char *no = rf_line((gradus_red_flag)f, "false");
		char *yes = rf_line((gradus_red_flag)f, "true");
		char *text = replace(clean_profile, no, yes);
		gradus_profile *p = load(text);
		gradus_screening *s = screen(p);
		if (s->tier < GRADUS_TIER_REVIEW)
			fail_msg("%s = true gives tier %s", gradus_red_flag_key((gradus_red_flag)f),
				 gradus_tier_name(s->tier));
		assert_true(gradus_tier_exit_code(s->tier) >= 12);
		gradus_screening_free(s);
		gradus_profile_free(p);
		free(text);
		free(no);
		free(yes);
	}
}

static void every_missing_answer_gives_incomplete(void **state)
{
	(void)state;
	for (int f = 0; f < GRADUS_RF__COUNT; f++) {
		char *no = rf_line((gradus_red_flag)f, "false");
		char *text = replace(clean_profile, no, "");
		gradus_profile *p = load(text);
		gradus_screening *s = screen(p);
		const gradus_finding *fi = finding(s, "IN-UNANSWERED");
		char *out = NULL;
		assert_int_equal(s->tier, GRADUS_TIER_INCOMPLETE);
		assert_int_equal(gradus_tier_exit_code(s->tier), 10);
		assert_int_equal(s->n_missing, 1);
		assert_int_equal(s->missing[0], f);
		assert_non_null(fi);
		assert_non_null(fi->detail);
		assert_non_null(strstr(fi->detail, gradus_red_flag_key((gradus_red_flag)f)));
		/* the text names the question in plain words */
		assert_int_equal(gradus_screening_render(&out, s, p, GRADUS_SCREEN_TEXT), GRADUS_OK);
		unwrap(out);
		assert_non_null(strstr(out, gradus_red_flag_question((gradus_red_flag)f)));
		free(out);
		gradus_screening_free(s);
		gradus_profile_free(p);
		free(text);
		free(no);
	}
}

static void no_red_flags_group_lists_all_questions(void **state)
{
	const char *start = strstr(clean_profile, "red_flags: {");
	const char *end = strstr(start, "};\n") + 3;
	size_t a = (size_t)(start - clean_profile);
	char *text = malloc(strlen(clean_profile) + 1);
	gradus_profile *p;
	gradus_screening *s;
	(void)state;
	memcpy(text, clean_profile, a);
	strcpy(text + a, end);
	p = load(text);
	s = screen(p);
	assert_int_equal(s->tier, GRADUS_TIER_INCOMPLETE);
	assert_int_equal(s->n_missing, GRADUS_RF__COUNT);
	for (int f = 0; f < GRADUS_RF__COUNT; f++)
		assert_int_equal(s->missing[f], f);
	gradus_screening_free(s);
	gradus_profile_free(p);
	free(text);
}

static const char clearance_line[] =
	"falls_last_year = 0; clearance = { by = \"Dr A\"; date = \"2026-11-25\"; };";

static void clearance_never_overrides_a_red_flag(void **state)
{
	(void)state;
	for (int f = 0; f < GRADUS_RF__COUNT; f++) {
		char *no = rf_line((gradus_red_flag)f, "false");
		char *yes = rf_line((gradus_red_flag)f, "true");
		char *text = edited((const char *[]){no, "falls_last_year = 0;", NULL},
				    (const char *[]){yes, clearance_line, NULL});
		gradus_profile *p = load(text);
		gradus_screening *s = screen(p);
		assert_true(p->has_clearance);
		assert_true(s->tier >= GRADUS_TIER_REVIEW);
		assert_false(s->precautions.neuro_maintenance);
		gradus_screening_free(s);
		gradus_profile_free(p);
		free(text);
		free(no);
		free(yes);
	}
}

/* Neurogenic with clearance, but a red flag: review, never maintenance. */
static void cleared_neurogenic_with_red_flag_is_reviewed(void **state)
{
	char *text = edited((const char *[]){"kind = \"sarcopenia\"", "falls_last_year = 0;",
					     "muscle_twitching = false;", NULL},
			    (const char *[]){"kind = \"neurogenic\"", clearance_line,
					     "muscle_twitching = true;", NULL});
	gradus_profile *p;
	gradus_screening *s = expect_tier(text, GRADUS_TIER_REVIEW, &p);
	(void)state;
	assert_non_null(finding(s, "RF-TWITCHING"));
	assert_null(finding(s, "PC-NEURO-MAINTENANCE"));
	assert_false(s->precautions.neuro_maintenance);
	gradus_screening_free(s);
	gradus_profile_free(p);
	free(text);
}

/* ------------------------------------------------------------------ */
/* Clearance                                                           */

static gradus_screening *screen_edit(const char *const *from, const char *const *to,
				     gradus_tier want, gradus_profile **pp)
{
	char *text = edited(from, to);
	gradus_screening *s = expect_tier(text, want, pp);
	free(text);
	return s;
}

static void clearance_satisfies_acsm_and_recent_surgery(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	(void)state;
	s = screen_edit((const char *[]){"conditions = []", "falls_last_year = 0;", NULL},
			(const char *[]){"conditions = [\"heart_disease\", \"kidney_disease\"]",
					 clearance_line, NULL},
			GRADUS_TIER_PRECAUTIONS, &p); /* kidney disease: no protein target */
	assert_null(finding(s, "CL-ACSM"));
	assert_true(s->precautions.no_protein_target);
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* regularly active: no clearance needed to start, moderate effort
	 * only (PC-ACSM-MODERATE) */
	s = screen_edit((const char *[]){"conditions = []", "regularly_active = false", NULL},
			(const char *[]){"conditions = [\"diabetes\"]", "regularly_active = true", NULL},
			GRADUS_TIER_PRECAUTIONS, &p);
	assert_null(finding(s, "CL-ACSM"));
	assert_int_equal(s->precautions.effort_cap, 6);
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* surgery 2026-11-20, cleared 2026-11-25: precautions only */
	s = screen_edit((const char *[]){"falls_last_year = 0;", NULL},
			(const char *[]){"falls_last_year = 0; clearance = { by = \"Dr A\"; date = \"2026-11-25\"; }; "
					 "surgery = ( { kind = \"spine\"; side = \"both\"; date = \"2026-11-20\"; } );", NULL},
			GRADUS_TIER_PRECAUTIONS, &p);
	assert_null(finding(s, "CL-RECENT-SURGERY"));
	assert_non_null(finding(s, "PC-RECENT-REGION"));
	assert_int_equal(s->precautions.no_strength_regions, GRADUS_REG_TRUNK);
	assert_int_equal(s->precautions.no_strength_until.m, 12);
	assert_int_equal(s->precautions.no_strength_until.d, 18);
	gradus_screening_free(s);
	gradus_profile_free(p);
}

static void clearance_must_be_dated_right(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	(void)state;
	/* a clearance older than the operation does not cover it */
	s = screen_edit((const char *[]){"falls_last_year = 0;", NULL},
			(const char *[]){"falls_last_year = 0; clearance = { by = \"Dr A\"; date = \"2026-11-01\"; }; "
					 "surgery = ( { kind = \"other\"; side = \"left\"; date = \"2026-11-20\"; } );", NULL},
			GRADUS_TIER_CLEARANCE, &p);
	assert_non_null(finding(s, "CL-RECENT-SURGERY"));
	assert_int_equal(s->precautions.no_strength_regions, GRADUS_REG_ALL);
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* a clearance dated after the start does not count yet */
	s = screen_edit((const char *[]){"conditions = []", "falls_last_year = 0;", NULL},
			(const char *[]){"conditions = [\"diabetes\"]",
					 "falls_last_year = 0; clearance = { by = \"Dr A\"; date = \"2026-12-05\"; };", NULL},
			GRADUS_TIER_CLEARANCE, &p);
	assert_non_null(finding(s, "CL-ACSM"));
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* neurogenic weakness noticed for 10 weeks; clearance 2026-01-10 predates it */
	s = screen_edit((const char *[]){"kind = \"sarcopenia\"", "weeks = 104", "falls_last_year = 0;", NULL},
			(const char *[]){"kind = \"neurogenic\"", "weeks = 10",
					 "falls_last_year = 0; clearance = { by = \"Dr A\"; date = \"2026-01-10\"; };", NULL},
			GRADUS_TIER_REVIEW, &p);
	assert_non_null(finding(s, "RF-NEURO-UNCLEARED"));
	assert_non_null(strstr(finding(s, "RF-NEURO-UNCLEARED")->detail, "older than the weakness"));
	gradus_screening_free(s);
	gradus_profile_free(p);
}

static void clearance_does_not_satisfy_high_bp_or_fainting(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	(void)state;
	s = screen_edit((const char *[]){"falls_last_year = 0;", NULL},
			(const char *[]){"falls_last_year = 0; resting_bp = [150, 112]; clearance = { by = \"Dr A\"; date = \"2026-11-25\"; };", NULL},
			GRADUS_TIER_CLEARANCE, &p);
	assert_non_null(finding(s, "CL-BP-HIGH"));
	assert_string_equal(finding(s, "CL-BP-HIGH")->detail, "resting BP 150/112 mmHg");
	assert_null(finding(s, "PC-BP-RAISED"));
	gradus_screening_free(s);
	gradus_profile_free(p);

	s = screen_edit((const char *[]){"fainting_or_dizziness = false;", "falls_last_year = 0;", NULL},
			(const char *[]){"fainting_or_dizziness = true;", clearance_line, NULL},
			GRADUS_TIER_REVIEW, &p);
	assert_non_null(finding(s, "CL-FAINTING"));
	assert_non_null(finding(s, "RF-ANY"));
	assert_string_equal(finding(s, "RF-ANY")->detail, "red_flags.fainting_or_dizziness = true");
	gradus_screening_free(s);
	gradus_profile_free(p);
}

/* Resting pulse over 100 a minute: a doctor first [OTAGO, ACSM2015]. A
 * clearance does not lift it (like CL-BP-HIGH): the profile's pulse has no
 * date, so no clearance can be shown to have seen it; a new measurement of
 * 100 or less does. */
static void resting_hr_over_100_needs_clearance(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	const gradus_finding *f;
	char *out = NULL;
	(void)state;
	/* 100 is not over 100 */
	s = screen_edit((const char *[]){"falls_last_year = 0;", NULL},
			(const char *[]){"falls_last_year = 0; resting_hr = 100;", NULL},
			GRADUS_TIER_PROCEED, &p);
	assert_null(finding(s, "CL-HR-HIGH"));
	assert_null(finding(s, "PC-HR-HIGH"));
	assert_false(s->precautions.hr_check);
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* 101 gates; the pulse check is still asked for */
	s = screen_edit((const char *[]){"falls_last_year = 0;", NULL},
			(const char *[]){"falls_last_year = 0; resting_hr = 101;", NULL},
			GRADUS_TIER_CLEARANCE, &p);
	f = finding(s, "CL-HR-HIGH");
	assert_non_null(f);
	assert_int_equal(f->rule->tier, GRADUS_TIER_CLEARANCE);
	assert_string_equal(f->rule->source, "OTAGO, ACSM2015");
	assert_string_equal(f->rule->person,
			    "Your resting pulse is over 100 beats a minute. See your doctor before you start.");
	assert_string_equal(f->detail, "resting heart rate 101 a minute");
	assert_non_null(finding(s, "PC-HR-HIGH"));
	assert_true(s->precautions.hr_check);
	assert_int_equal(gradus_tier_exit_code(s->tier), 11);
	/* the next step says a clearance alone will not do */
	assert_int_equal(gradus_screening_render(&out, s, p, GRADUS_SCREEN_TEXT), GRADUS_OK);
	unwrap(out);
	assert_non_null(strstr(out, "health.resting_hr"));
	free(out);
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* a clearance dated before the start does not lift it */
	s = screen_edit((const char *[]){"falls_last_year = 0;", NULL},
			(const char *[]){"falls_last_year = 0; resting_hr = 101; clearance = { by = \"Dr A\"; date = \"2026-11-25\"; };", NULL},
			GRADUS_TIER_CLEARANCE, &p);
	assert_true(p->has_clearance);
	assert_non_null(finding(s, "CL-HR-HIGH"));
	gradus_screening_free(s);
	gradus_profile_free(p);
}

/* Margaret's example profile with a resting pulse of 112: no plan. */
static void margaret_with_resting_hr_112_needs_clearance(void **state)
{
	char *orig = read_text("profiles/examples/margaret-sarcopenia.cfg");
	char *text;
	gradus_profile *p;
	gradus_screening *s;
	(void)state;
	assert_non_null(orig);
	text = replace(orig, "resting_hr = 72;", "resting_hr = 112;");
	s = expect_tier(text, GRADUS_TIER_CLEARANCE, &p);
	assert_non_null(finding(s, "CL-HR-HIGH"));
	assert_string_equal(finding(s, "CL-HR-HIGH")->detail, "resting heart rate 112 a minute");
	assert_non_null(finding(s, "PC-HYPERTENSION")); /* the rest still listed */
	gradus_screening_free(s);
	gradus_profile_free(p);
	free(text);
	free(orig);
}

/* Regularly active with heart, metabolic or kidney disease and no
 * clearance: a plan, but moderate effort only until cleared for vigorous
 * [ACSM2015]. Not active and not cleared: clearance (CL-ACSM). */
static void active_with_disease_is_moderate_until_cleared(void **state)
{
	static const char *const tags[] = {
		"conditions = [\"heart_disease\"]", "conditions = [\"heart_failure\"]",
		"conditions = [\"diabetes\"]", "conditions = [\"kidney_disease\"]"};
	gradus_profile *p;
	gradus_screening *s;
	const gradus_finding *f;
	(void)state;
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		s = screen_edit((const char *[]){"conditions = []", "regularly_active = false", NULL},
				(const char *[]){tags[i], "regularly_active = true", NULL},
				GRADUS_TIER_PRECAUTIONS, &p);
		f = finding(s, "PC-ACSM-MODERATE");
		assert_non_null(f);
		assert_string_equal(f->rule->source, "ACSM2015");
		assert_int_equal(f->rule->effort_cap, 6);
		assert_int_equal(s->precautions.effort_cap, 6);
		assert_null(finding(s, "CL-ACSM"));
		gradus_screening_free(s);
		gradus_profile_free(p);
	}

	/* diabetes, the detail names it */
	s = screen_edit((const char *[]){"conditions = []", "regularly_active = false", NULL},
			(const char *[]){"conditions = [\"diabetes\", \"osteoporosis\"]", "regularly_active = true", NULL},
			GRADUS_TIER_PRECAUTIONS, &p);
	assert_string_equal(finding(s, "PC-ACSM-MODERATE")->detail,
			    "regularly active; diabetes; no clearance");
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* cleared on or before the start: no cap */
	s = screen_edit((const char *[]){"conditions = []", "regularly_active = false", "falls_last_year = 0;", NULL},
			(const char *[]){"conditions = [\"diabetes\"]", "regularly_active = true", clearance_line, NULL},
			GRADUS_TIER_PROCEED, &p);
	assert_null(finding(s, "PC-ACSM-MODERATE"));
	assert_int_equal(s->precautions.effort_cap, 10);
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* a clearance dated after the start does not count yet */
	s = screen_edit((const char *[]){"conditions = []", "regularly_active = false", "falls_last_year = 0;", NULL},
			(const char *[]){"conditions = [\"diabetes\"]", "regularly_active = true",
					 "falls_last_year = 0; clearance = { by = \"Dr A\"; date = \"2026-12-05\"; };", NULL},
			GRADUS_TIER_PRECAUTIONS, &p);
	assert_non_null(finding(s, "PC-ACSM-MODERATE"));
	assert_int_equal(s->precautions.effort_cap, 6);
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* not regularly active, no clearance: clearance tier, as before */
	s = screen_edit((const char *[]){"conditions = []", NULL},
			(const char *[]){"conditions = [\"diabetes\"]", NULL},
			GRADUS_TIER_CLEARANCE, &p);
	assert_non_null(finding(s, "CL-ACSM"));
	assert_null(finding(s, "PC-ACSM-MODERATE"));
	gradus_screening_free(s);
	gradus_profile_free(p);
}

/* RF-ANY only fires for answers no review-or-higher rule covers. */
static void catch_all_is_quiet_when_covered(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	(void)state;
	s = screen_edit((const char *[]){"muscle_twitching = false;", NULL},
			(const char *[]){"muscle_twitching = true;", NULL}, GRADUS_TIER_REVIEW, &p);
	assert_null(finding(s, "RF-ANY"));
	gradus_screening_free(s);
	gradus_profile_free(p);
}

/* ------------------------------------------------------------------ */
/* Patterns, courses and explanations                                  */

static void immobilisation_explains_one_limb(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	(void)state;
	s = screen_edit((const char *[]){"pattern = \"symmetric\"", "regions = [\"legs\"]", NULL},
			(const char *[]){"pattern = \"one_limb\"",
					 "regions = [\"left_leg\"]; immobilised = { region = \"left_leg\"; ended = \"2026-11-10\"; }", NULL},
			GRADUS_TIER_PROCEED, &p);
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* the other leg was in the cast: not explained */
	s = screen_edit((const char *[]){"pattern = \"symmetric\"", "regions = [\"legs\"]", NULL},
			(const char *[]){"pattern = \"one_limb\"",
					 "regions = [\"left_leg\"]; immobilised = { region = \"right_leg\"; ended = \"2026-11-10\"; }", NULL},
			GRADUS_TIER_REVIEW, &p);
	assert_non_null(finding(s, "RF-ASYMMETRIC"));
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* slowly worse after the cast came off: not explained by disuse */
	s = screen_edit((const char *[]){"course = \"stable\"", "regions = [\"legs\"]", NULL},
			(const char *[]){"course = \"worsening_slowly\"",
					 "regions = [\"legs\"]; immobilised = { region = \"whole_body\"; ended = \"2026-11-10\"; }", NULL},
			GRADUS_TIER_REVIEW, &p);
	assert_non_null(finding(s, "RF-PROGRESSIVE"));
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* still immobilised on the start date: the worsening is explained,
	 * but the legs are still in the cast, so no plan (issue 15) */
	s = screen_edit((const char *[]){"course = \"stable\"", "regions = [\"legs\"]", NULL},
			(const char *[]){"course = \"worsening_slowly\"",
					 "regions = [\"legs\"]; immobilised = { region = \"legs\"; ended = \"2026-12-01\"; }", NULL},
			GRADUS_TIER_CLEARANCE, &p);
	assert_null(finding(s, "RF-PROGRESSIVE"));
	assert_non_null(finding(s, "CL-IMMOBILISED"));
	gradus_screening_free(s);
	gradus_profile_free(p);
}

/* Issue 15: a cast still on at the start gave a plan "for the limb that
 * was immobilised". Now clearance (exit 11), not lifted by a clearance;
 * the next step says when it comes off, in plain words; a start after
 * that day plans. */
static void cast_still_on_gives_no_plan(void **state)
{
	static const char *const from[] = {"pattern = \"symmetric\"", "regions = [\"legs\"]",
					   "falls_last_year = 0;", NULL};
	static const char *const to[] = {"pattern = \"one_limb\"",
					 "regions = [\"left_arm\"]; immobilised = { region = \"left_arm\"; ended = \"2026-12-10\"; }",
					 "falls_last_year = 0; clearance = { by = \"Dr A\"; date = \"2026-11-25\"; };", NULL};
	gradus_profile *p;
	gradus_screening *s;
	char *text = edited(from, to), *out = NULL;
	(void)state;
	s = expect_tier(text, GRADUS_TIER_CLEARANCE, &p);
	assert_non_null(finding(s, "CL-IMMOBILISED"));
	assert_string_equal(finding(s, "CL-IMMOBILISED")->detail,
			    "condition.immobilised (left_arm) ends 2026-12-10, on or after the start 2026-12-01");
	assert_int_equal(gradus_screening_render(&out, s, p, GRADUS_SCREEN_TEXT), GRADUS_OK);
	unwrap(out);
	assert_non_null(strstr(out, "The cast or brace on your left arm is due to come off on Thu 10 Dec 2026. "
				    "A doctor's yes is not enough for that. Start the exercises for your left arm "
				    "after it is off and your doctor or therapist says you may."));
	free(out);
	gradus_screening_free(s);
	/* the day after it comes off: a plan */
	s = screen_as_of(p, (gradus_date){2026, 12, 11});
	assert_null(finding(s, "CL-IMMOBILISED"));
	assert_true(s->tier <= GRADUS_TIER_PRECAUTIONS);
	gradus_screening_free(s);
	gradus_profile_free(p);
	free(text);
}

/* Issue 15: a date in 1900 was accepted. Every impossible date is a
 * FILE:LINE error naming the key, all of them, and nothing is judged. */
static void impossible_dates_are_errors(void **state)
{
	static const char *const from[] = {"regions = [\"legs\"]", "falls_last_year = 0;", NULL};
	static const char *const to[] = {
		"regions = [\"legs\"]; immobilised = { region = \"legs\"; ended = \"1900-01-01\"; }",
		"falls_last_year = 0; clearance = { by = \"Dr A\"; date = \"1900-01-01\"; }; "
		"surgery = ( { kind = \"spine\"; side = \"both\"; date = \"1949-06-01\"; } ); "
		"fracture = ( { region = \"left_arm\"; date = \"2026-12-05\"; } );", NULL};
	char *text = edited(from, to), *msg;
	gradus_profile *p = load(text);
	gradus_diags *d = gradus_diags_new();
	gradus_screening *s = NULL;
	(void)state;
	assert_int_equal(gradus_screen(&s, p, NO_DATE, d), GRADUS_EINVALID);
	assert_null(s);
	msg = diags_text(d);
	assert_string_equal(msg,
		"test.cfg:5: error: 'condition.immobilised.ended' is 1900-01-01, before the person was born (age 75 on 2026-12-01)\n"
		"test.cfg:22: error: 'health.clearance.date' is 1900-01-01, before the person was born (age 75 on 2026-12-01)\n"
		"test.cfg:22: error: 'health.surgery[0].date' is 1949-06-01, before the person was born (age 75 on 2026-12-01)\n"
		"test.cfg:22: error: 'health.fracture[0].date' is 2026-12-05, after the start (2026-12-01): a broken bone cannot be dated in the future\n");
	free(msg);
	/* a year and a day after the cast came off: not disuse alone */
	gradus_diags_clear(d);
	gradus_profile_free(p);
	free(text);
	text = edited((const char *[]){"regions = [\"legs\"]", NULL},
		      (const char *[]){"regions = [\"legs\"]; immobilised = { region = \"legs\"; ended = \"2025-11-30\"; }", NULL});
	p = load(text);
	assert_int_equal(gradus_screen(&s, p, NO_DATE, d), GRADUS_EINVALID);
	msg = diags_text(d);
	assert_non_null(strstr(msg, "test.cfg:5: error: 'condition.immobilised.ended' is 2025-11-30, more than a year before the start (2026-12-01)"));
	free(msg);
	gradus_diags_clear(d);
	/* a year to the day: accepted */
	assert_int_equal(gradus_screen(&s, p, (gradus_date){2026, 11, 30}, d), GRADUS_OK);
	gradus_screening_free(s);
	gradus_diags_free(d);
	gradus_profile_free(p);
	free(text);
}

/* Issue 15: a clearance dated long ago cleared heart disease. It counts
 * for a year before the start, no longer. */
static void old_clearance_does_not_count(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	(void)state;
	s = screen_edit((const char *[]){"conditions = []", "falls_last_year = 0;", NULL},
			(const char *[]){"conditions = [\"heart_disease\"]",
					 "falls_last_year = 0; clearance = { by = \"Dr A\"; date = \"2025-11-30\"; };", NULL},
			GRADUS_TIER_CLEARANCE, &p);
	assert_non_null(finding(s, "CL-ACSM"));
	gradus_screening_free(s);
	/* a year to the day before the start: still counts */
	s = screen_as_of(p, (gradus_date){2026, 11, 30});
	assert_null(finding(s, "CL-ACSM"));
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* the active half says why it does not count */
	s = screen_edit((const char *[]){"conditions = []", "regularly_active = false", "falls_last_year = 0;", NULL},
			(const char *[]){"conditions = [\"diabetes\"]", "regularly_active = true",
					 "falls_last_year = 0; clearance = { by = \"Dr A\"; date = \"2024-05-01\"; };", NULL},
			GRADUS_TIER_PRECAUTIONS, &p);
	assert_non_null(finding(s, "PC-ACSM-MODERATE"));
	assert_string_equal(finding(s, "PC-ACSM-MODERATE")->detail,
			    "regularly active; diabetes; the clearance is more than a year before the start date");
	gradus_screening_free(s);
	gradus_profile_free(p);
}

/* Issue 15: tests dated after the start are a warning (they still
 * describe the person); the screening goes on. */
static void measures_after_the_start_warn(void **state)
{
	gradus_profile *p = load(clean_profile);
	gradus_diags *d = gradus_diags_new();
	gradus_screening *s = NULL;
	char *msg;
	(void)state;
	assert_int_equal(gradus_screen(&s, p, (gradus_date){2026, 11, 2}, d), GRADUS_OK);
	assert_non_null(s);
	msg = diags_text(d);
	assert_string_equal(msg,
		"test.cfg:24: warning: 'measures.date' is 2026-11-20, after the start (2026-11-02): the plan's starting level comes from tests done after it began; check both dates (later re-tests go in the session log)\n");
	free(msg);
	gradus_screening_free(s);
	gradus_diags_free(d);
	gradus_profile_free(p);
}

static void one_sided_worsening_for_months_is_review_not_urgent(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	(void)state;
	s = screen_edit((const char *[]){"weeks = 104", "pattern = \"symmetric\"", "course = \"stable\"", NULL},
			(const char *[]){"weeks = 3", "pattern = \"one_sided\"", "course = \"worsening_slowly\"", NULL},
			GRADUS_TIER_REVIEW, &p);
	assert_null(finding(s, "RF-ONE-SIDE-WORSENING"));
	assert_non_null(finding(s, "RF-ASYMMETRIC"));
	gradus_screening_free(s);
	gradus_profile_free(p);
}

static void sarcopenia_stable_or_improving_is_clean(void **state)
{
	static const char *const courses[] = {"course = \"stable\"", "course = \"improving\""};
	(void)state;
	for (int i = 0; i < 2; i++) {
		gradus_profile *p;
		gradus_screening *s = screen_edit((const char *[]){"course = \"stable\"", NULL},
						  (const char *[]){courses[i], NULL},
						  GRADUS_TIER_PROCEED, &p);
		assert_int_equal(s->n_findings, 0);
		gradus_screening_free(s);
		gradus_profile_free(p);
	}
}

/* ------------------------------------------------------------------ */
/* Precautions                                                         */

static void precautions_shape_the_plan(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	const gradus_precautions *pr;
	(void)state;
	s = screen_edit((const char *[]){"conditions = []", "medications = []", "regularly_active = false", "falls_last_year = 0;", NULL},
			(const char *[]){"conditions = [\"osteoporosis\", \"hypertension\", \"osteoarthritis\", \"dementia\", \"diabetes\"]",
					 "medications = [\"blood_thinner\", \"insulin\", \"beta_blocker\"]",
					 "regularly_active = true",
					 "falls_last_year = 0; resting_bp = [168, 92]; resting_hr = 100; egfr = 29;", NULL},
			GRADUS_TIER_PRECAUTIONS, &p);
	pr = &s->precautions;
	/* every condition and medication tag, and the derived ones */
	assert_int_equal(pr->avoid & p->conditions, p->conditions);
	assert_true(pr->avoid & GRADUS_TAGBIT(GRADUS_TAG_OSTEOARTHRITIS));
	assert_true(pr->avoid & GRADUS_TAGBIT(GRADUS_TAG_BETA_BLOCKER));
	assert_true(pr->avoid & GRADUS_TAGBIT(GRADUS_TAG_SPINAL_FLEXION));
	assert_true(pr->avoid & GRADUS_TAGBIT(GRADUS_TAG_SPINAL_TWIST));
	assert_true(pr->avoid & GRADUS_TAGBIT(GRADUS_TAG_HIGH_IMPACT));
	assert_true(pr->avoid & GRADUS_TAGBIT(GRADUS_TAG_BREATH_HOLDING));
	assert_true(pr->avoid & GRADUS_TAGBIT(GRADUS_TAG_FALL_RISK));
	assert_false(pr->avoid & GRADUS_TAGBIT(GRADUS_TAG_FLOOR_TRANSFER));
	assert_false(pr->avoid & GRADUS_TAGBIT(GRADUS_TAG_KNEELING));
	assert_true(pr->spine_sparing);
	assert_true(pr->breathing_cues);
	assert_true(pr->prefer_supported);
	assert_true(pr->glucose_check);
	assert_true(pr->balance_emphasis);   /* dementia */
	assert_true(pr->supervision_needed);
	assert_true(pr->no_protein_target);
	assert_false(pr->hr_check);          /* 100 is not over 100 */
	assert_false(pr->hip_posterior);
	assert_false(pr->neuro_maintenance);
	assert_int_equal(pr->effort_cap, 5); /* raised BP 5 beats ACSM 6 */
	assert_non_null(finding(s, "PC-ACSM-MODERATE"));
	assert_int_equal(pr->no_strength_regions, 0);
	assert_false(gradus_date_is_set(pr->no_strength_until));
	gradus_screening_free(s);
	gradus_profile_free(p);
}

static void hip_posterior_until_eight_weeks(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	char d[11];
	(void)state;
	/* 2026-10-20 + 56 days = 2026-12-15; approach not given counts */
	s = screen_edit((const char *[]){"falls_last_year = 0;", NULL},
			(const char *[]){"falls_last_year = 0; surgery = ( { kind = \"hip_replacement\"; side = \"right\"; date = \"2026-10-20\"; } );", NULL},
			GRADUS_TIER_PRECAUTIONS, &p);
	assert_true(s->precautions.hip_posterior);
	gradus_date_format(s->precautions.hip_posterior_until, d);
	assert_string_equal(d, "2026-12-15");
	assert_true(s->precautions.avoid & GRADUS_TAGBIT(GRADUS_TAG_HIP_POSTERIOR_PRECAUTIONS));
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* anterior approach: none */
	s = screen_edit((const char *[]){"falls_last_year = 0;", NULL},
			(const char *[]){"falls_last_year = 0; surgery = ( { kind = \"hip_replacement\"; side = \"right\"; approach = \"anterior\"; date = \"2026-10-20\"; } );", NULL},
			GRADUS_TIER_PROCEED, &p);
	assert_false(s->precautions.hip_posterior);
	gradus_screening_free(s);
	gradus_profile_free(p);

	/* more than 8 weeks ago: none */
	s = screen_edit((const char *[]){"falls_last_year = 0;", NULL},
			(const char *[]){"falls_last_year = 0; surgery = ( { kind = \"hip_replacement\"; side = \"right\"; approach = \"posterior\"; date = \"2026-10-06\"; } );", NULL},
			GRADUS_TIER_PROCEED, &p);
	assert_false(s->precautions.hip_posterior);
	gradus_screening_free(s);
	gradus_profile_free(p);
}

static void recent_fracture_spares_region_and_needs_clearance(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	(void)state;
	s = screen_edit((const char *[]){"falls_last_year = 0;", NULL},
			(const char *[]){"falls_last_year = 0; fracture = ( { region = \"left_arm\"; date = \"2026-11-04\"; } );", NULL},
			GRADUS_TIER_CLEARANCE, &p); /* 27 days */
	assert_non_null(finding(s, "CL-RECENT-FRACTURE"));
	assert_int_equal(s->precautions.no_strength_regions, GRADUS_REG_LEFT_ARM);
	gradus_screening_free(s);
	gradus_profile_free(p);

	s = screen_edit((const char *[]){"falls_last_year = 0;", NULL},
			(const char *[]){"falls_last_year = 0; fracture = ( { region = \"left_arm\"; date = \"2026-11-03\"; } );", NULL},
			GRADUS_TIER_PROCEED, &p); /* 28 days: 4 weeks */
	assert_int_equal(s->precautions.no_strength_regions, 0);
	gradus_screening_free(s);
	gradus_profile_free(p);
}

static void neurogenic_with_clearance_is_maintenance_only(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	(void)state;
	s = screen_edit((const char *[]){"kind = \"sarcopenia\"", "falls_last_year = 0;", NULL},
			(const char *[]){"kind = \"neurogenic\"", clearance_line, NULL},
			GRADUS_TIER_PRECAUTIONS, &p);
	assert_non_null(finding(s, "PC-NEURO-MAINTENANCE"));
	assert_null(finding(s, "RF-NEURO-UNCLEARED"));
	assert_true(s->precautions.neuro_maintenance);
	assert_int_equal(s->precautions.effort_cap, 5);
	gradus_screening_free(s);
	gradus_profile_free(p);
}

/* ------------------------------------------------------------------ */
/* The screening date                                                  */

static void start_option_overrides_profile_start(void **state)
{
	char *text = replace(clean_profile, "falls_last_year = 0;",
			     "falls_last_year = 0; fracture = ( { region = \"left_arm\"; date = \"2026-11-20\"; } );");
	gradus_profile *p = load(text);
	gradus_screening *s = screen(p);
	(void)state;
	assert_int_equal(s->tier, GRADUS_TIER_CLEARANCE);
	gradus_screening_free(s);
	s = screen_as_of(p, (gradus_date){2027, 1, 15});
	assert_int_equal(s->tier, GRADUS_TIER_PROCEED);
	assert_int_equal(s->as_of.y, 2027);
	gradus_screening_free(s);
	gradus_profile_free(p);
	free(text);
}

static void missing_date_fails_closed(void **state)
{
	char *nostart = replace(clean_profile, "start = \"2026-12-01\";", "");
	char *text = replace(nostart, "falls_last_year = 0;",
			     "falls_last_year = 0; fracture = ( { region = \"left_arm\"; date = \"2026-11-20\"; } );");
	char *redflag = replace(text, "face_drooping = false;", "face_drooping = true;");
	gradus_profile *p;
	gradus_screening *s = NULL;
	gradus_diags *d = gradus_diags_new();
	char *msg;
	(void)state;

	/* no dated events: screening needs no date */
	p = load(nostart);
	assert_int_equal(gradus_screen(&s, p, NO_DATE, d), GRADUS_OK);
	assert_int_equal(s->tier, GRADUS_TIER_PROCEED);
	assert_false(gradus_date_is_set(s->as_of));
	gradus_screening_free(s);
	gradus_profile_free(p);
	assert_int_equal(gradus_diags_count(d), 0);

	/* a fracture: how recent? usage error, no result */
	p = load(text);
	s = (gradus_screening *)1;
	assert_int_equal(gradus_screen(&s, p, NO_DATE, d), GRADUS_EUSAGE);
	assert_null(s);
	msg = diags_text(d);
	assert_string_equal(msg, "test.cfg: error: a start date is needed to judge how recent the fracture is (setup.start or --start)\n");
	free(msg);
	gradus_profile_free(p);
	gradus_diags_clear(d);

	/* ... but an emergency is never hidden behind a missing date */
	p = load(redflag);
	assert_int_equal(gradus_screen(&s, p, NO_DATE, d), GRADUS_OK);
	assert_int_equal(s->tier, GRADUS_TIER_EMERGENCY);
	msg = diags_text(d);
	assert_string_equal(msg, "test.cfg: warning: no start date (setup.start or --start), so the date of the fracture was not judged; it cannot change this result\n");
	free(msg);
	gradus_screening_free(s);
	gradus_profile_free(p);
	gradus_diags_free(d);
	free(nostart);
	free(text);
	free(redflag);
}

/* ------------------------------------------------------------------ */
/* The example profiles                                                */

static void examples_get_their_tiers(void **state)
{
	static const struct {
		const char *file;
		gradus_tier tier;
		const char *must; /* a finding it must have, or NULL */
	} ex[] = {
		{"profiles/examples/bed-level.cfg", GRADUS_TIER_PRECAUTIONS, "PC-OSTEOPOROSIS"},
		{"profiles/examples/hospital-stay-84.cfg", GRADUS_TIER_PRECAUTIONS, "PC-FALL-RISK"},
		{"profiles/examples/leg-cast-55.cfg", GRADUS_TIER_PROCEED, NULL},
		{"profiles/examples/margaret-sarcopenia.cfg", GRADUS_TIER_PRECAUTIONS, "PC-HYPERTENSION"},
		{"profiles/examples/neuro-cleared.cfg", GRADUS_TIER_PRECAUTIONS, "PC-NEURO-MAINTENANCE"},
		{"profiles/examples/neuro-suspected.cfg", GRADUS_TIER_REVIEW, "RF-TWITCHING"},
		{"profiles/examples/robust-70-gym.cfg", GRADUS_TIER_PROCEED, NULL},
		{"profiles/examples/wheelchair-user.cfg", GRADUS_TIER_PROCEED, NULL},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		gradus_profile *p = NULL;
		gradus_diags *d = gradus_diags_new();
		gradus_screening *s;
		if (gradus_profile_load_file(&p, ex[i].file, test_catalogue(), test_templates(), d) != GRADUS_OK) {
			char *msg = diags_text(d);
			fail_msg("%s did not load:\n%s", ex[i].file, msg);
		}
		s = screen(p);
		if (s->tier != ex[i].tier) {
			show(s);
			fail_msg("%s: tier %s, expected %s", ex[i].file, gradus_tier_name(s->tier),
				 gradus_tier_name(ex[i].tier));
		}
		if (ex[i].must)
			assert_non_null(finding(s, ex[i].must));
		gradus_screening_free(s);
		gradus_profile_free(p);
		gradus_diags_free(d);
	}
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */

static void assert_width(const char *text, size_t max_cols, size_t max_lines)
{
	size_t lines = 0, col = 0;
	for (const char *c = text; *c; c++) {
		if (*c == '\n') {
			lines++;
			col = 0;
		} else if (((unsigned char)*c & 0xc0) != 0x80) {
			col++;
			if (col > max_cols)
				fail_msg("line %zu is longer than %zu columns", lines + 1, max_cols);
		}
	}
	if (lines > max_lines)
		fail_msg("%zu lines, at most %zu expected", lines, max_lines);
}

/* Everything true, a long name without spaces, long cause. */
static char *worst_profile(void)
{
	char *text = strdup(clean_profile), *next;
	for (int f = 0; f < GRADUS_RF__COUNT; f++) {
		char *no = rf_line((gradus_red_flag)f, "false");
		char *yes = rf_line((gradus_red_flag)f, "true");
		next = replace(text, no, yes);
		free(text);
		text = next;
		free(no);
		free(yes);
	}
	next = replace(text, "name = \"Test\"",
		       "name = \"Bartholomew-Maximilian-Alexander-Wolfgang-Christophersen-Featherstonehaugh\"");
	free(text);
	text = replace(next, "kind = \"sarcopenia\";",
		       "kind = \"unknown\"; cause = \"it started after a long illness in the winter and has not improved since, with tiredness, cramps, falls, and trouble with stairs and buttons and jars and keys and writing and getting up from low chairs and the bath; nobody has found out why yet, and it keeps getting a little worse every month\";");
	free(next);
	next = replace(text, "conditions = []", "conditions = [\"heart_disease\", \"diabetes\", \"osteoporosis\"]");
	free(text);
	text = replace(next, "falls_last_year = 0;",
		       "falls_last_year = 3; resting_bp = [190, 115]; resting_hr = 110; egfr = 20; "
		       "surgery = ( { kind = \"hip_replacement\"; side = \"left\"; date = \"2026-11-20\"; } ); "
		       "fracture = ( { region = \"right_arm\"; date = \"2026-11-21\"; } );");
	free(next);
	next = replace(text, "course = \"stable\"", "course = \"worsening_fast\"");
	free(text);
	return next;
}

static void referral_fits_one_page(void **state)
{
	char *text = worst_profile();
	gradus_profile *p = load(text);
	gradus_screening *s = screen(p);
	char *out = NULL, *html = NULL;
	(void)state;
	assert_int_equal(s->tier, GRADUS_TIER_EMERGENCY);
	assert_int_equal(gradus_referral_render(&out, s, p, GRADUS_REFERRAL_TEXT), GRADUS_OK);
	assert_width(out, 80, 60);
	assert_true(strncmp(out, "Call your local emergency number now.\n", 38) == 0);
	assert_non_null(strstr(out, "And "));  /* shortened, says so */
	assert_int_equal(gradus_referral_render(&html, s, p, GRADUS_REFERRAL_HTML), GRADUS_OK);
	assert_non_null(strstr(html, "<p class=\"banner\">Call your local emergency number now.</p>"));
	free(out);
	free(html);
	/* the screening text keeps to 80 columns too */
	assert_int_equal(gradus_screening_render(&out, s, p, GRADUS_SCREEN_TEXT), GRADUS_OK);
	assert_width(out, 80, 1000);
	free(out);
	gradus_screening_free(s);
	gradus_profile_free(p);
	free(text);
}

static void referral_only_for_review_and_above(void **state)
{
	gradus_profile *p = load(clean_profile);
	gradus_screening *s = screen(p);
	char *out = (char *)1;
	(void)state;
	assert_int_equal(gradus_referral_render(&out, s, p, GRADUS_REFERRAL_TEXT), GRADUS_EUSAGE);
	assert_null(out);
	s->tier = GRADUS_TIER_CLEARANCE;
	assert_int_equal(gradus_referral_render(&out, s, p, GRADUS_REFERRAL_HTML), GRADUS_EUSAGE);
	gradus_screening_free(s);
	gradus_profile_free(p);
}

static void referral_html_escapes_everything(void **state)
{
	gradus_profile *p = NULL;
	gradus_diags *d = gradus_diags_new();
	gradus_screening *s;
	char *html = NULL;
	(void)state;
	assert_int_equal(gradus_profile_load_file(&p, "tests/data/screen/hostile.cfg",
						  test_catalogue(), test_templates(), d),
			 GRADUS_OK);
	s = screen(p);
	assert_int_equal(s->tier, GRADUS_TIER_EMERGENCY);
	assert_int_equal(gradus_referral_render(&html, s, p, GRADUS_REFERRAL_HTML), GRADUS_OK);
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<i "));
	assert_null(strstr(html, "<b>"));
	assert_null(strstr(html, "onerror=alert(1)>"));
	assert_null(strstr(html, "http"));   /* no external resources */
	assert_null(strstr(html, "href"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
	assert_non_null(strstr(html, "<p class=\"banner\">Call 999 now.</p>"));
	free(html);
	gradus_screening_free(s);
	gradus_profile_free(p);
	gradus_diags_free(d);
}

static void json_is_complete_and_deterministic(void **state)
{
	char *text = edited((const char *[]){"chest_pain = false;", "muscle_twitching = false;", "conditions = []", NULL},
			    (const char *[]){"", "muscle_twitching = true;", "conditions = [\"osteoporosis\"]", NULL});
	gradus_profile *p = load(text);
	gradus_screening *s = screen(p);
	char *a = NULL, *b = NULL;
	cJSON *root, *f, *pr;
	(void)state;
	assert_int_equal(gradus_screening_render(&a, s, p, GRADUS_SCREEN_JSON), GRADUS_OK);
	assert_int_equal(gradus_screening_render(&b, s, p, GRADUS_SCREEN_JSON), GRADUS_OK);
	assert_string_equal(a, b);
	root = cJSON_Parse(a);
	assert_non_null(root);
	assert_string_equal(cJSON_GetObjectItem(root, "format")->valuestring, "gradus-screening/1");
	assert_string_equal(cJSON_GetObjectItem(root, "tier")->valuestring, "review");
	assert_int_equal(cJSON_GetObjectItem(root, "exit_code")->valueint, 12);
	assert_string_equal(cJSON_GetObjectItem(root, "as_of")->valuestring, "2026-12-01");
	f = cJSON_GetObjectItem(root, "findings");
	assert_int_equal(cJSON_GetArraySize(f), (int)s->n_findings);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(f, 0), "rule")->valuestring, "RF-TWITCHING");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(f, 0), "source")->valuestring, "NICE42");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(f, 0), "detail")));
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(root, "missing"), 0)->valuestring,
			    "chest_pain");
	pr = cJSON_GetObjectItem(root, "precautions");
	assert_int_equal(cJSON_GetObjectItem(pr, "effort_cap")->valueint, 10);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(pr, "spine_sparing")));
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(pr, "avoid"), 0)->valuestring,
			    "osteoporosis");
	cJSON_Delete(root);
	free(a);
	free(b);
	gradus_screening_free(s);
	gradus_profile_free(p);
	free(text);
}

static void rules_render_lists_every_rule(void **state)
{
	size_t n;
	const gradus_rule *r = gradus_rules(&n);
	char *text = NULL, *json = NULL;
	cJSON *root;
	(void)state;
	assert_int_equal(gradus_rules_render(&text, GRADUS_SCREEN_TEXT), GRADUS_OK);
	assert_width(text, 80, 1000);
	for (size_t i = 0; i < n; i++)
		assert_non_null(strstr(text, r[i].id));
	assert_int_equal(gradus_rules_render(&json, GRADUS_SCREEN_JSON), GRADUS_OK);
	root = cJSON_Parse(json);
	assert_non_null(root);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "rules")), (int)n);
	assert_int_equal(cJSON_GetObjectItem(root, "count")->valueint, (int)n);
	cJSON_Delete(root);
	free(text);
	free(json);
}

static void bad_arguments_are_usage_errors(void **state)
{
	gradus_screening *s = NULL;
	char *out = NULL;
	(void)state;
	assert_int_equal(gradus_screen(&s, NULL, NO_DATE, NULL), GRADUS_EUSAGE);
	assert_int_equal(gradus_screen(NULL, NULL, NO_DATE, NULL), GRADUS_EUSAGE);
	assert_int_equal(gradus_rules_render(&out, (gradus_screen_format)7), GRADUS_EUSAGE);
	gradus_screening_free(NULL);
}

int main(void)
{
	enum { N_CASES = sizeof(cases) / sizeof(cases[0]) };
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(every_rule_has_a_case),
		cmocka_unit_test(clean_profile_proceeds),
		cmocka_unit_test(cast_still_on_gives_no_plan),
		cmocka_unit_test(impossible_dates_are_errors),
		cmocka_unit_test(old_clearance_does_not_count),
		cmocka_unit_test(measures_after_the_start_warn),
		cmocka_unit_test(follow_up_rule_is_logs_only),
		cmocka_unit_test(tier_names_and_exit_codes),
		cmocka_unit_test(highest_tier_wins),
		cmocka_unit_test(findings_in_table_order),
		cmocka_unit_test(every_red_flag_gives_review_or_higher),
		cmocka_unit_test(every_missing_answer_gives_incomplete),
		cmocka_unit_test(no_red_flags_group_lists_all_questions),
		cmocka_unit_test(clearance_never_overrides_a_red_flag),
		cmocka_unit_test(cleared_neurogenic_with_red_flag_is_reviewed),
		cmocka_unit_test(clearance_satisfies_acsm_and_recent_surgery),
		cmocka_unit_test(clearance_must_be_dated_right),
		cmocka_unit_test(clearance_does_not_satisfy_high_bp_or_fainting),
		cmocka_unit_test(resting_hr_over_100_needs_clearance),
		cmocka_unit_test(margaret_with_resting_hr_112_needs_clearance),
		cmocka_unit_test(active_with_disease_is_moderate_until_cleared),
		cmocka_unit_test(catch_all_is_quiet_when_covered),
		cmocka_unit_test(immobilisation_explains_one_limb),
		cmocka_unit_test(one_sided_worsening_for_months_is_review_not_urgent),
		cmocka_unit_test(sarcopenia_stable_or_improving_is_clean),
		cmocka_unit_test(precautions_shape_the_plan),
		cmocka_unit_test(hip_posterior_until_eight_weeks),
		cmocka_unit_test(recent_fracture_spares_region_and_needs_clearance),
		cmocka_unit_test(neurogenic_with_clearance_is_maintenance_only),
		cmocka_unit_test(start_option_overrides_profile_start),
		cmocka_unit_test(missing_date_fails_closed),
		cmocka_unit_test(examples_get_their_tiers),
		cmocka_unit_test(referral_fits_one_page),
		cmocka_unit_test(referral_only_for_review_and_above),
		cmocka_unit_test(referral_html_escapes_everything),
		cmocka_unit_test(json_is_complete_and_deterministic),
		cmocka_unit_test(rules_render_lists_every_rule),
		cmocka_unit_test(bad_arguments_are_usage_errors),
	};
	enum { N_FIXED = sizeof(fixed) / sizeof(fixed[0]) };
	/* one named test per rule case ("rule RF-BEFAST-FACE") */
	struct CMUnitTest tests[N_CASES + N_FIXED];
	char names[N_CASES][48];
	for (size_t i = 0; i < N_CASES; i++) {
		snprintf(names[i], sizeof(names[i]), "rule %s", cases[i].id);
		tests[i] = (struct CMUnitTest){names[i], rule_fires, NULL, NULL,
					       (void *)&cases[i]};
	}
	for (size_t i = 0; i < N_FIXED; i++)
		tests[N_CASES + i] = fixed[i];
	return _cmocka_run_group_tests("screen", tests, N_CASES + N_FIXED, NULL, NULL);
}
