/* The referral sheet (gradus_referral_render, include/gradus/screen.h)
 * for tiers review, urgent and emergency, in text and HTML: it names the
 * person, gives the clinician sentence of every finding that stops the
 * plan (and none of the precautions), the red-flag questions answered
 * yes (and not those answered no), the emergency number when one is set,
 * under its headings in order; a tier that does not stop the plan, or a
 * missing argument, gives no sheet (GRADUS_EUSAGE, *out NULL). The
 * sentences saying what to do next are left to the golden tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static gradus_profile *load(const char *text)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from(text, d);
	assert_non_null(p);
	gradus_diags_free(d);
	return p;
}

/* clean_profile with each from[i] replaced by to[i] (NULL-ended). */
static gradus_profile *load_edited(const char *const *from, const char *const *to)
{
	char *text = strdup(clean_profile);
	gradus_profile *p;
	assert_non_null(text);
	for (size_t i = 0; from[i]; i++) {
		char *next = replace(text, from[i], to[i]);
		free(text);
		text = next;
	}
	p = load(text);
	free(text);
	return p;
}

static gradus_screening *screen(const gradus_profile *p)
{
	gradus_diags *d = gradus_diags_new();
	gradus_screening *s = NULL;
	assert_int_equal(gradus_screen(&s, p, (gradus_date){0, 0, 0}, d), GRADUS_OK);
	assert_non_null(s);
	gradus_diags_free(d);
	return s;
}

/* The sheet with every run of white space made one space, so that a
 * sentence wrapped at 80 columns is found whole. */
static char *flat(const char *text)
{
	char *out = malloc(strlen(text) + 1), *o = out;
	bool space = false;
	assert_non_null(out);
	for (const char *c = text; *c; c++) {
		if (*c == ' ' || *c == '\n' || *c == '\t') {
			space = true;
			continue;
		}
		if (space && o != out)
			*o++ = ' ';
		space = false;
		*o++ = *c;
	}
	*o = '\0';
	return out;
}

/* `s` as the sheet's HTML writes it (& < > " ' escaped). */
static char *escaped(const char *s)
{
	char *out = malloc(6 * strlen(s) + 1), *o = out;
	assert_non_null(out);
	for (; *s; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
			      : *s == '"' ? "&quot;" : *s == '\'' ? "&#39;" : NULL;
		if (e) {
			strcpy(o, e);
			o += strlen(e);
		} else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

static void assert_has(const char *sheet, const char *what, bool html)
{
	char *want = html ? escaped(what) : strdup(what);
	assert_non_null(want);
	if (!strstr(sheet, want))
		fail_msg("the %s sheet lacks \"%s\"", html ? "HTML" : "text", want);
	free(want);
}

static void assert_lacks(const char *sheet, const char *what, bool html)
{
	char *want = html ? escaped(what) : strdup(what);
	assert_non_null(want);
	if (strstr(sheet, want))
		fail_msg("the %s sheet has \"%s\"", html ? "HTML" : "text", want);
	free(want);
}

/* Renders the sheet of `p` in format `f` (flattened for text), twice:
 * the same bytes both times. */
static char *sheet(const gradus_screening *s, const gradus_profile *p,
		   gradus_referral_format f)
{
	char *a = NULL, *b = NULL, *out;
	assert_int_equal(gradus_referral_render(&a, s, p, f), GRADUS_OK);
	assert_int_equal(gradus_referral_render(&b, s, p, f), GRADUS_OK);
	assert_non_null(a);
	assert_string_equal(a, b);
	free(b);
	if (f == GRADUS_REFERRAL_HTML)
		return a;
	out = flat(a);
	free(a);
	return out;
}

/* What every sheet holds, in either format: the headings in order, the
 * person's name, the clinician sentence and id of each finding that
 * stops the plan, no precaution finding, and the question of each red
 * flag answered yes, none of one answered no. */
static void assert_sheet(const char *out, const gradus_screening *s,
			 const gradus_profile *p, bool html)
{
	static const char *const heads[] = {"How urgent", "Who", "What was reported",
					    "Why referred"};
	const char *at = out;
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		char h[64];
		snprintf(h, sizeof(h), html ? "<h2>%s</h2>" : " %s ", heads[i]);
		at = strstr(at, h);
		if (!at)
			fail_msg("heading \"%s\" missing or out of order", heads[i]);
	}
	assert_has(out, p->name, html);
	for (size_t i = 0; i < s->n_findings; i++) {
		const gradus_rule *r = s->findings[i].rule;
		if (r->tier > GRADUS_TIER_PRECAUTIONS) {
			assert_has(strstr(out, html ? "<h2>Why referred" : " Why referred "),
				   r->clinician, html);
			assert_has(out, r->id, html);
		} else {
			assert_lacks(out, r->id, html);
		}
	}
	for (int f = 0; f < GRADUS_RF__COUNT; f++) {
		const char *q = gradus_red_flag_question((gradus_red_flag)f);
		if (p->red_flags[f] == GRADUS_ANSWER_YES)
			assert_has(out, q, html);
		else
			assert_lacks(out, q, html);
	}
}

/* Both formats of one profile's sheet, checked; the tier must be `tier`. */
static void check_profile(gradus_profile *p, gradus_tier tier, const char *number)
{
	gradus_screening *s = screen(p);
	char *text, *html;
	assert_int_equal(s->tier, tier);
	text = sheet(s, p, GRADUS_REFERRAL_TEXT);
	html = sheet(s, p, GRADUS_REFERRAL_HTML);
	assert_sheet(text, s, p, false);
	assert_sheet(html, s, p, true);
	assert_non_null(strstr(html, "<!DOCTYPE html>"));
	assert_non_null(strstr(html, "</html>"));
	if (number) {
		assert_has(text, number, false);
		assert_has(html, number, true);
	}
	free(text);
	free(html);
	gradus_screening_free(s);
	gradus_profile_free(p);
}

static void review_sheet(void **state)
{
	(void)state;
	/* a precaution (osteoporosis) along with the review finding: it is
	 * not a reason for the referral */
	check_profile(load_edited((const char *const[]){"name = \"Test\"",
							"muscle_twitching = false;",
							"conditions = []", NULL},
				  (const char *const[]){"name = \"Edith O'Brien\"",
							"muscle_twitching = true;",
							"conditions = [\"osteoporosis\"]", NULL}),
		      GRADUS_TIER_REVIEW, NULL);
}

static void urgent_sheet(void **state)
{
	(void)state;
	check_profile(load_edited((const char *const[]){"name = \"Test\"",
							"swallowing_difficulty = false;",
							"dark_urine_with_muscle_pain = false;",
							"mobility = \"independent\";", NULL},
				  (const char *const[]){"name = \"Arthur <Art> Jones\"",
							"swallowing_difficulty = true;",
							"dark_urine_with_muscle_pain = true;",
							"mobility = \"independent\"; "
							"emergency_number = \"112\";", NULL}),
		      GRADUS_TIER_URGENT, "112");
}

static void emergency_sheet(void **state)
{
	gradus_profile *p = load_edited((const char *const[]){"name = \"Test\"",
							      "chest_pain = false;",
							      "mobility = \"independent\";", NULL},
					(const char *const[]){"name = \"May & June\"",
							      "chest_pain = true;",
							      "mobility = \"independent\"; "
							      "emergency_number = \"999\";", NULL});
	gradus_screening *s = screen(p);
	char *text = NULL, *html = NULL, first[200];
	const char *nl;
	(void)state;
	/* the number first, before anything else on the sheet */
	assert_int_equal(gradus_referral_render(&text, s, p, GRADUS_REFERRAL_TEXT), GRADUS_OK);
	nl = strchr(text, '\n');
	assert_non_null(nl);
	assert_true((size_t)(nl - text) < sizeof(first));
	memcpy(first, text, (size_t)(nl - text));
	first[nl - text] = '\0';
	assert_non_null(strstr(first, "999"));
	assert_true(nl[1] == '=');  /* underlined */
	assert_int_equal(gradus_referral_render(&html, s, p, GRADUS_REFERRAL_HTML), GRADUS_OK);
	assert_non_null(strstr(html, "<p class=\"banner\">"));
	assert_true(strstr(html, "999") > strstr(html, "<p class=\"banner\">"));
	assert_true(strstr(html, "<p class=\"banner\">") < strstr(html, "<h1>"));
	free(text);
	free(html);
	gradus_screening_free(s);
	check_profile(p, GRADUS_TIER_EMERGENCY, "999");
}

/* Without a number set, the emergency sheet still has its banner. */
static void emergency_sheet_without_number(void **state)
{
	gradus_profile *p = load_edited((const char *const[]){"chest_pain = false;", NULL},
					(const char *const[]){"chest_pain = true;", NULL});
	gradus_screening *s = screen(p);
	char *html = NULL;
	(void)state;
	assert_int_equal(gradus_referral_render(&html, s, p, GRADUS_REFERRAL_HTML), GRADUS_OK);
	assert_non_null(strstr(html, "<p class=\"banner\">"));
	free(html);
	gradus_screening_free(s);
	check_profile(p, GRADUS_TIER_EMERGENCY, NULL);
}

static void assert_no_sheet(const gradus_screening *s, const gradus_profile *p)
{
	char *out = (char *)"not touched";
	assert_int_equal(gradus_referral_render(&out, s, p, GRADUS_REFERRAL_TEXT),
			 GRADUS_EUSAGE);
	assert_null(out);
	out = (char *)"not touched";
	assert_int_equal(gradus_referral_render(&out, s, p, GRADUS_REFERRAL_HTML),
			 GRADUS_EUSAGE);
	assert_null(out);
}

/* Tiers that do not stop the plan for a doctor's check give no sheet. */
static void no_sheet_below_review(void **state)
{
	static const struct {
		const char *from, *to;
		gradus_tier tier;
	} cases[] = {
		{"falls_last_year = 0;", "falls_last_year = 0;", GRADUS_TIER_PROCEED},
		{"conditions = []", "conditions = [\"hypertension\"]", GRADUS_TIER_PRECAUTIONS},
		{"chest_pain = false;", "", GRADUS_TIER_INCOMPLETE},
		{"falls_last_year = 0;", "falls_last_year = 0; resting_bp = [185, 100];",
		 GRADUS_TIER_CLEARANCE},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		gradus_profile *p = load_edited((const char *const[]){cases[i].from, NULL},
						(const char *const[]){cases[i].to, NULL});
		gradus_screening *s = screen(p);
		assert_int_equal(s->tier, cases[i].tier);
		assert_no_sheet(s, p);
		gradus_screening_free(s);
		gradus_profile_free(p);
	}
}

static void missing_arguments(void **state)
{
	gradus_profile *p = load_edited((const char *const[]){"chest_pain = false;", NULL},
					(const char *const[]){"chest_pain = true;", NULL});
	gradus_screening *s = screen(p);
	char *out = (char *)"not touched";
	(void)state;
	assert_int_equal(gradus_referral_render(NULL, s, p, GRADUS_REFERRAL_TEXT),
			 GRADUS_EUSAGE);
	assert_no_sheet(NULL, p);
	assert_no_sheet(s, NULL);
	assert_int_equal(gradus_referral_render(&out, s, p, (gradus_referral_format)7),
			 GRADUS_EUSAGE);
	assert_null(out);
	gradus_screening_free(s);
	gradus_profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(review_sheet),
		cmocka_unit_test(urgent_sheet),
		cmocka_unit_test(emergency_sheet),
		cmocka_unit_test(emergency_sheet_without_number),
		cmocka_unit_test(no_sheet_below_review),
		cmocka_unit_test(missing_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
