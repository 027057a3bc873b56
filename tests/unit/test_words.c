/* Every format says the same words: for each tier, the screening text,
 * HTML, FHIR and calendar and the referral sheet (text and HTML) print
 * exactly the next step of words_next_step, and the emergency line names
 * the profile's number, or "your local emergency number". Compared after
 * undoing each format's own encoding: wrapped lines joined, HTML tags
 * dropped and entities read, JSON parsed, calendar lines unfolded and
 * unescaped. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "render/words.h"

static const gradus_date NO_DATE = {0, 0, 0};

typedef struct {
	const char *name;
	gradus_tier tier;
	const char *from[3], *to[3];
} tier_case;

/* Edits of the clean profile, one per tier (and both clearance caveats);
 * the emergency twice, with and without an emergency number. */
static const tier_case cases[] = {
	{"emergency", GRADUS_TIER_EMERGENCY, {"chest_pain = false;"}, {"chest_pain = true;"}},
	{"emergency with a number", GRADUS_TIER_EMERGENCY,
	 {"chest_pain = false;", "minutes = 30;"},
	 {"chest_pain = true;", "minutes = 30; emergency_number = \"+44 999\";"}},
	{"emergency in the US", GRADUS_TIER_EMERGENCY,
	 {"chest_pain = false;", "minutes = 30;"},
	 {"chest_pain = true;", "minutes = 30; country = \"US\";"}},
	{"urgent", GRADUS_TIER_URGENT, {"swallowing_difficulty = false;"},
	 {"swallowing_difficulty = true;"}},
	{"review", GRADUS_TIER_REVIEW, {"muscle_twitching = false;"}, {"muscle_twitching = true;"}},
	{"clearance", GRADUS_TIER_CLEARANCE, {"conditions = []"}, {"conditions = [\"diabetes\"]"}},
	{"clearance, very high blood pressure", GRADUS_TIER_CLEARANCE,
	 {"falls_last_year = 0;"}, {"falls_last_year = 0; resting_bp = [185, 115];"}},
	{"clearance, resting pulse over 100", GRADUS_TIER_CLEARANCE,
	 {"falls_last_year = 0;"}, {"falls_last_year = 0; resting_hr = 112;"}},
	{"clearance, both", GRADUS_TIER_CLEARANCE,
	 {"falls_last_year = 0;"}, {"falls_last_year = 0; resting_bp = [190, 100]; resting_hr = 104;"}},
	{"incomplete", GRADUS_TIER_INCOMPLETE, {"chest_pain = false;"}, {""}},
	{"precautions", GRADUS_TIER_PRECAUTIONS, {"conditions = []"}, {"conditions = [\"osteoporosis\"]"}},
	{"proceed", GRADUS_TIER_PROCEED, {NULL}, {NULL}},
};

static gradus_profile *load_case(const tier_case *c)
{
	char *text = strdup(clean_profile);
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p;
	for (int i = 0; i < 3 && c->from[i]; i++) {
		char *next = replace(text, c->from[i], c->to[i]);
		free(text);
		text = next;
	}
	p = profile_from(text, d);
	if (!p)
		fail_msg("%s: the profile did not load:\n%s", c->name, diags_text(d));
	gradus_diags_free(d);
	free(text);
	return p;
}

static gradus_screening *screen(const gradus_profile *p)
{
	gradus_screening *s = NULL;
	gradus_diags *d = gradus_diags_new();
	assert_int_equal(gradus_screen(&s, p, NO_DATE, d), GRADUS_OK);
	gradus_diags_free(d);
	return s;
}

/* ---- undoing each format's encoding ---- */

/* Runs of blanks and line ends become one space (wrapped text joined). */
static char *squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	bool blank = false;
	assert_non_null(out);
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t' || *s == '\f') {
			blank = true;
			continue;
		}
		if (blank && o > out)
			*o++ = ' ';
		blank = false;
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

/* HTML as a reader sees it: tags dropped (a line end in their place),
 * the five entities of buf_html read back, blanks squeezed. */
static char *html_words(const char *s)
{
	char *plain = malloc(strlen(s) + 1), *o = plain, *out;
	static const struct {
		const char *entity;
		char c;
	} ent[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
	assert_non_null(plain);
	while (*s) {
		size_t k;
		if (*s == '<') {
			while (*s && *s != '>')
				s++;
			if (*s)
				s++;
			*o++ = '\n';
			continue;
		}
		for (k = 0; k < sizeof(ent) / sizeof(ent[0]); k++)
			if (strncmp(s, ent[k].entity, strlen(ent[k].entity)) == 0)
				break;
		if (*s == '&' && k < sizeof(ent) / sizeof(ent[0])) {
			*o++ = ent[k].c;
			s += strlen(ent[k].entity);
		} else
			*o++ = *s++;
	}
	*o = '\0';
	out = squeeze(plain);
	free(plain);
	return out;
}

/* An iCalendar file unfolded (CRLF and one space dropped), its line ends
 * made \n, and its TEXT escapes read: \, \; \n \N \\. */
static char *ics_words(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	assert_non_null(out);
	while (*s) {
		if (s[0] == '\r' && s[1] == '\n' && (s[2] == ' ' || s[2] == '\t')) {
			s += 3;
			continue;
		}
		if (s[0] == '\r' && s[1] == '\n') {
			*o++ = '\n';
			s += 2;
			continue;
		}
		*o++ = *s++;
	}
	*o = '\0';
	for (char *r = out, *w = out;; r++) {
		if (r[0] == '\\' && r[1]) {
			r++;
			*w++ = (*r == 'n' || *r == 'N') ? '\n' : *r;
		} else
			*w++ = *r;
		if (!*r)
			break;
	}
	return out;
}

/* `needle` occurs in `hay` as whole words: at the start or after a blank
 * or line end, and followed by one or by the end. */
static bool has_whole(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
		bool start = p == hay || p[-1] == ' ' || p[-1] == '\n';
		bool end = p[n] == '\0' || p[n] == ' ' || p[n] == '\n';
		if (start && end)
			return true;
	}
	return false;
}

static void expect_whole(const char *what, const tier_case *c, const char *hay,
			 const char *needle)
{
	if (!has_whole(hay, needle))
		fail_msg("%s, %s: the words\n  %s\nare not in\n%s", c->name, what, needle, hay);
}

/* ---- the formats ---- */

/* The rendered text (malloc'd); the tests fail when rendering does.
 * (GCC 12 inlining these warns of a dangling pointer that is not.) */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static char *screening(const gradus_screening *s, const gradus_profile *p,
		       gradus_screen_format f)
{
	char *out = NULL;
	int rc = gradus_screening_render(&out, s, p, f);
	if (rc != GRADUS_OK || !out)
		fail_msg("gradus_screening_render: %d", rc);
	return out;
}

#if defined(__GNUC__)
__attribute__((noinline))
#endif
static char *referral(const gradus_screening *s, const gradus_profile *p,
		      gradus_referral_format f)
{
	char *out = NULL;
	int rc = gradus_referral_render(&out, s, p, f);
	if (rc != GRADUS_OK || !out)
		fail_msg("gradus_referral_render: %d", rc);
	return out;
}

/* The patientInstruction of the referral ServiceRequest. */
static char *fhir_instruction(const char *json)
{
	cJSON *root = cJSON_Parse(json), *e;
	char *out = NULL;
	assert_non_null(root);
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "entry")) {
		cJSON *r = cJSON_GetObjectItemCaseSensitive(e, "resource");
		cJSON *t = cJSON_GetObjectItemCaseSensitive(r, "resourceType");
		cJSON *pi = cJSON_GetObjectItemCaseSensitive(r, "patientInstruction");
		if (cJSON_IsString(t) && strcmp(t->valuestring, "ServiceRequest") == 0 &&
		    cJSON_IsString(pi)) {
			out = strdup(pi->valuestring);
			break;
		}
	}
	cJSON_Delete(root);
	assert_non_null(out);
	return out;
}

/* The DESCRIPTION of the VTODO, unescaped. */
static char *ics_description(const char *ics)
{
	char *all = ics_words(ics), *from = strstr(all, "\nDESCRIPTION:"), *to, *out;
	assert_non_null(from);
	from += strlen("\nDESCRIPTION:");
	to = strstr(from, "\nEND:VTODO");
	assert_non_null(to);
	*to = '\0';
	out = strdup(from);
	free(all);
	return out;
}

static void check_next_step(const tier_case *c, const gradus_screening *s,
			    const gradus_profile *p, const char *want)
{
	size_t n = strlen("What to do next: ") + strlen(want) + 1;
	char *out, *plain, *head = malloc(n);

	/* text and HTML: the sentence right under "What to do next" (in
	 * HTML a heading, then the paragraph) */
	assert_non_null(head);
	snprintf(head, n, "What to do next: %s", want);
	out = screening(s, p, GRADUS_SCREEN_TEXT);
	plain = squeeze(out);
	expect_whole("screening text", c, plain, head);
	free(plain);
	free(out);
	snprintf(head, n, "What to do next %s", want);
	out = screening(s, p, GRADUS_SCREEN_HTML);
	plain = html_words(out);
	expect_whole("screening HTML", c, plain, head);
	free(plain);
	free(out);
	free(head);

	/* FHIR: the instruction is the sentence, nothing more */
	out = screening(s, p, GRADUS_SCREEN_FHIR);
	plain = fhir_instruction(out);
	if (strcmp(plain, want) != 0)
		fail_msg("%s, FHIR patientInstruction:\n  %s\nwanted\n  %s", c->name, plain, want);
	free(plain);
	free(out);

	/* the calendar: a line of the description */
	out = screening(s, p, GRADUS_SCREEN_ICS);
	plain = ics_description(out);
	{
		size_t m = strlen(want) + 3;
		char *line = malloc(m);
		assert_non_null(line);
		snprintf(line, m, "\n%s\n", want);
		if (!strstr(plain, line))
			fail_msg("%s, calendar: the line\n  %s\nis not in\n%s", c->name, want, plain);
		free(line);
	}
	free(plain);
	free(out);

	/* the referral sheet, for review and above */
	if (s->tier < GRADUS_TIER_REVIEW)
		return;
	out = referral(s, p, GRADUS_REFERRAL_TEXT);
	plain = squeeze(out);
	expect_whole("referral text", c, plain, want);
	free(plain);
	free(out);
	out = referral(s, p, GRADUS_REFERRAL_HTML);
	plain = html_words(out);
	expect_whole("referral HTML", c, plain, want);
	free(plain);
	free(out);
}

/* The emergency line: the first line of the text result and of the
 * referral sheet, and the HTML banners, say "Call X now." */
static void check_call_now(const tier_case *c, const gradus_screening *s,
			   const gradus_profile *p)
{
	buf want = BUF_INIT;
	char *out, *line, *banner;
	size_t n;

	words_call_now(&want, p);
	assert_non_null(want.ptr);
	assert_non_null(strstr(want.ptr, p->emergency_number ? p->emergency_number
							     : "your local emergency number"));
	n = strlen(want.ptr);
	out = screening(s, p, GRADUS_SCREEN_TEXT);
	if (strncmp(out, want.ptr, n) != 0 || out[n] != '\n')
		fail_msg("%s: the text result does not start with '%s'", c->name, want.ptr);
	free(out);
	out = referral(s, p, GRADUS_REFERRAL_TEXT);
	if (strncmp(out, want.ptr, n) != 0 || out[n] != '\n')
		fail_msg("%s: the referral sheet does not start with '%s'", c->name, want.ptr);
	free(out);

	line = malloc(n + 40);
	assert_non_null(line);
	snprintf(line, n + 40, "<p class=\"banner\">%s</p>", want.ptr);
	/* the result page's banner and the referral sheet's */
	out = screening(s, p, GRADUS_SCREEN_HTML);
	banner = strstr(out, line);
	if (!banner || !strstr(banner + 1, line))
		fail_msg("%s: the screening HTML has not two banners '%s'", c->name, line);
	free(out);
	out = referral(s, p, GRADUS_REFERRAL_HTML);
	if (!strstr(out, line))
		fail_msg("%s: the referral HTML has no banner '%s'", c->name, line);
	free(out);
	free(line);
	buf_free(&want);
}

static void every_format_has_the_same_next_step(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const tier_case *c = &cases[i];
		gradus_profile *p = load_case(c);
		gradus_screening *s = screen(p);
		buf want = BUF_INIT;

		if (s->tier != c->tier)
			fail_msg("%s: tier %s, wanted %s", c->name, gradus_tier_name(s->tier),
				 gradus_tier_name(c->tier));
		words_next_step(&want, s, p);
		assert_non_null(want.ptr);
		/* the caveats are there when their rule fired */
		assert_int_equal(strstr(want.ptr, "health.resting_bp") != NULL,
				 strstr(c->name, "blood pressure") || strstr(c->name, "both"));
		assert_int_equal(strstr(want.ptr, "health.resting_hr") != NULL,
				 strstr(c->name, "pulse") || strstr(c->name, "both"));
		check_next_step(c, s, p, want.ptr);
		if (s->tier == GRADUS_TIER_EMERGENCY)
			check_call_now(c, s, p);
		buf_free(&want);
		gradus_screening_free(s);
		gradus_profile_free(p);
	}
}

/* A plan's stop line names the same number in the text, the calendar
 * and the HTML. */
static void plans_name_the_emergency_number(void **state)
{
	static const tier_case plain = {"plan", GRADUS_TIER_PROCEED, {NULL}, {NULL}};
	static const tier_case number = {"plan with a number", GRADUS_TIER_PROCEED,
					 {"minutes = 30;"},
					 {"minutes = 30; emergency_number = \"+44 999\";"}};
	static const tier_case us = {"plan in the US, with contacts", GRADUS_TIER_PROCEED,
				     {"minutes = 30;", "falls_last_year = 0;\n};"},
				     {"minutes = 30; country = \"US\";",
				      "falls_last_year = 0;\n};\ncontacts = { therapist = { name = \"Anna Berg\"; phone = \"+1 (555) 010 0100\"; }; };"}};
	const tier_case *cs[3] = {&plain, &number, &us};
	(void)state;
	for (int i = 0; i < 3; i++) {
		gradus_profile *p = load_case(cs[i]);
		gradus_screening *s = screen(p);
		gradus_diags *d = gradus_diags_new();
		gradus_plan *pl = NULL;
		buf stop = BUF_INIT, box = BUF_INIT;
		char *out = NULL, *words;

		assert_int_equal(gradus_plan_generate(&pl, p, s, test_catalogue(), test_templates(),
						      NULL, d), GRADUS_OK);
		words_stop(&stop, p);
		assert_non_null(stop.ptr);
		if (cs[i] == &us) {
			/* the country's number, and the therapist after it, the
			 * phone's spaces no-break spaces */
			assert_string_equal(words_emergency_number(p), "911");
			assert_true(p->emergency_from_country);
			assert_non_null(strstr(stop.ptr, "STOP AND CALL 911 at once"));
			assert_non_null(strstr(stop.ptr, "Questions about the exercises: your therapist, Anna Berg, "
							 "+1\xc2\xa0(555)\xc2\xa0" "010\xc2\xa0" "0100."));
			assert_true(strstr(stop.ptr, "911") < strstr(stop.ptr, "Anna Berg"));
		}
		assert_int_equal(gradus_plan_render(&out, NULL, pl, GRADUS_PLAN_TEXT, NULL), GRADUS_OK);
		words = squeeze(out);
		expect_whole("plan text", cs[i], words, stop.ptr);
		free(words);
		free(out);
		assert_int_equal(gradus_plan_render(&out, NULL, pl, GRADUS_PLAN_ICS, NULL), GRADUS_OK);
		words = ics_words(out);
		expect_whole("plan calendar", cs[i], words, stop.ptr);
		free(words);
		free(out);
		buf_printf(&box, "Stop and call %s at once", words_emergency_number(p));
		assert_int_equal(gradus_plan_render(&out, NULL, pl, GRADUS_PLAN_HTML, NULL), GRADUS_OK);
		words = html_words(out);
		expect_whole("plan HTML", cs[i], words, box.ptr);
		if (cs[i] == &us)
			expect_whole("plan HTML", cs[i], words,
				     "Questions about the exercises: your therapist, Anna Berg, +1 (555) 010 0100");
		free(words);
		free(out);
		/* FHIR: the stop line is the CarePlan's first note */
		assert_int_equal(gradus_plan_render(&out, NULL, pl, GRADUS_PLAN_FHIR, NULL), GRADUS_OK);
		if (!strstr(out, stop.ptr))
			fail_msg("%s: the FHIR plan has no note '%s'", cs[i]->name, stop.ptr);
		free(out);
		buf_free(&stop);
		buf_free(&box);
		gradus_plan_free(pl);
		gradus_diags_free(d);
		gradus_screening_free(s);
		gradus_profile_free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_format_has_the_same_next_step),
		cmocka_unit_test(plans_name_the_emergency_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
