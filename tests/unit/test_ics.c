/* The iCalendar output (RFC 5545): stable UIDs, CRLF lines folded at 75
 * octets without splitting a UTF-8 character, TEXT escaping, all-day
 * sessions with an exclusive DTEND, and the single VTODO of a gated
 * profile. libical checks the same files in the 'ics-validate' test. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"


/* The calendar of a profile: the plan, or the screening when gated. */
static char *calendar_of(gradus_profile *p, size_t *sessions)
{
	gradus_diags *d = gradus_diags_new();
	gradus_screening *s = NULL;
	gradus_plan *plan = NULL;
	char *text = NULL;
	size_t len;

	assert_int_equal(gradus_screen(&s, p, (gradus_date){0, 0, 0}, d), GRADUS_OK);
	if (s->tier > GRADUS_TIER_PRECAUTIONS) {
		assert_int_equal(gradus_screening_render(&text, s, p, GRADUS_SCREEN_ICS),
				 GRADUS_OK);
		if (sessions)
			*sessions = 0;
	} else {
		assert_int_equal(gradus_plan_generate(&plan, p, s, test_catalogue(),
						      test_templates(), NULL, d), GRADUS_OK);
		assert_int_equal(gradus_plan_render(&text, &len, plan, GRADUS_PLAN_ICS, NULL),
				 GRADUS_OK);
		assert_int_equal(strlen(text), len);
		if (sessions) {
			*sessions = 0;
			for (size_t w = 0; w < plan->n_weeks; w++)
				*sessions += plan->weeks[w].n_sessions;
		}
	}
	gradus_plan_free(plan);
	gradus_screening_free(s);
	gradus_diags_free(d);
	return text;
}

static char *calendar_of_file(const char *path, size_t *sessions)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = NULL;
	char *text;
	assert_int_equal(gradus_profile_load_file(&p, path, test_catalogue(),
						  test_templates(), d), GRADUS_OK);
	text = calendar_of(p, sessions);
	gradus_profile_free(p);
	gradus_diags_free(d);
	return text;
}

static char *calendar_of_text(const char *cfg)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from(cfg, d);
	char *text;
	if (!p) {
		char *msg = diags_text(d);
		fail_msg("profile does not load: %s", msg);
	}
	text = calendar_of(p, NULL);
	gradus_profile_free(p);
	gradus_diags_free(d);
	return text;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* The text with folds (CRLF + space) removed: the logical lines. */
static char *unfold(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	while (*s) {
		if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ')
			s += 3;
		else
			*o++ = *s++;
	}
	*o = '\0';
	return out;
}

/* Number of valid UTF-8 sequences in s[0..n), or -1 when not valid. */
static long utf8_chars(const unsigned char *s, size_t n)
{
	long chars = 0;
	for (size_t i = 0; i < n; chars++) {
		size_t len = s[i] < 0x80 ? 1 : (s[i] & 0xe0) == 0xc0 ? 2
			: (s[i] & 0xf0) == 0xe0 ? 3 : (s[i] & 0xf8) == 0xf0 ? 4 : 0;
		if (len == 0 || i + len > n)
			return -1;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return -1;
		i += len;
	}
	return chars;
}

/* CRLF only, at most 75 octets a line, each line valid UTF-8 by itself,
 * continuation lines start with a space. */
static void assert_lines_ok(const char *text)
{
	const char *line = text;
	size_t n_lines = 0;
	assert_true(strlen(text) > 2);
	assert_memory_equal(text + strlen(text) - 2, "\r\n", 2);
	while (*line) {
		const char *end = strstr(line, "\r\n");
		size_t n;
		assert_non_null(end);
		n = (size_t)(end - line);
		assert_null(memchr(line, '\n', n));
		assert_null(memchr(line, '\r', n));
		if (n > 75)
			fail_msg("line %zu has %zu octets: %.*s", n_lines + 1, n, (int)n, line);
		if (utf8_chars((const unsigned char *)line, n) < 0)
			fail_msg("line %zu splits a UTF-8 character: %.*s", n_lines + 1, (int)n, line);
		assert_true(n > 0);
		line = end + 2;
		n_lines++;
	}
}

/* The UIDs of a calendar, one per line (malloc'd). */
static char *uids(const char *text)
{
	char *all = unfold(text), *out = calloc(strlen(text) + 1, 1);
	for (const char *p = strstr(all, "\r\nUID:"); p; p = strstr(p + 1, "\r\nUID:")) {
		const char *v = p + 6, *e = strstr(v, "\r\n");
		strncat(out, v, (size_t)(e - v));
		strcat(out, "\n");
	}
	free(all);
	return out;
}

static void same_input_same_output(void **state)
{
	(void)state;
	for (size_t f = 0; f < n_plannable_profiles; f++) {
		size_t sessions;
		char *a = calendar_of_file(plannable_profiles[f], &sessions);
		char *b = calendar_of_file(plannable_profiles[f], NULL);
		char *u = uids(a);
		assert_string_equal(a, b);
		assert_lines_ok(a);
		/* one event per session, each with its own UID */
		assert_int_equal(count(a, "BEGIN:VEVENT\r\n"), sessions);
		assert_int_equal(count(a, "END:VEVENT\r\n"), sessions);
		assert_int_equal(count(u, "\n"), sessions);
		for (const char *l = u; *l; l = strchr(l, '\n') + 1) {
			size_t n = (size_t)(strchr(l, '\n') - l);
			char *one = malloc(n + 2);
			snprintf(one, n + 2, "%.*s\n", (int)n, l);
			assert_int_equal(count(u, one), 1); /* unique */
			assert_memory_equal(l + n - 7, "@gradus", 7);
			free(one);
		}
		free(u);
		free(a);
		free(b);
	}
}

static void other_person_other_uids(void **state)
{
	char *cfg_b = replace(clean_profile, "name = \"Test\"", "name = \"Other\"");
	char *cfg_c = replace(clean_profile, "start = \"2026-12-01\"", "start = \"2026-12-02\"");
	char *a = calendar_of_text(clean_profile), *b = calendar_of_text(cfg_b);
	char *c = calendar_of_text(cfg_c);
	char *ua = uids(a), *ub = uids(b), *uc = uids(c);
	(void)state;
	assert_true(strlen(ua) > 0);
	for (char *l = ua; *l; l = strchr(l, '\n') + 1) {
		size_t n = (size_t)(strchr(l, '\n') - l);
		char *one = strndup(l, n);
		assert_null(strstr(ub, one));
		assert_null(strstr(uc, one));
		free(one);
	}
	/* the same dates, so the events differ only by their UIDs and names */
	assert_int_equal(count(a, "DTSTART"), count(b, "DTSTART"));
	free(ua);
	free(ub);
	free(uc);
	free(a);
	free(b);
	free(c);
	free(cfg_b);
	free(cfg_c);
}

static void all_day_events(void **state)
{
	char *a = calendar_of_text(clean_profile), *all = unfold(a);
	(void)state;
	/* no clock: DTSTAMP is the start date at midnight UTC */
	assert_int_equal(count(all, "DTSTAMP:"), count(all, "BEGIN:VEVENT"));
	assert_int_equal(count(all, "DTSTAMP:20261201T000000Z\r\n"), count(all, "BEGIN:VEVENT"));
	/* the first session is Wednesday 2 December (the plan starts on a
	 * Tuesday): all day, DTEND the next day (exclusive) */
	assert_non_null(strstr(all, "DTSTART;VALUE=DATE:20261202\r\nDTEND;VALUE=DATE:20261203\r\n"));
	/* across the month and year end: Wednesday 30 December ends on the
	 * 31st, Friday 1 January 2027 on the 2nd */
	assert_non_null(strstr(all, "DTSTART;VALUE=DATE:20261230\r\nDTEND;VALUE=DATE:20261231\r\n"));
	assert_null(strstr(all, "DTSTART;VALUE=DATE:20261231")); /* a Thursday */
	assert_non_null(strstr(all, "DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270102\r\n"));
	assert_non_null(strstr(all, "SUMMARY:gradus week 1\\, session 1: strength (about "));
	assert_non_null(strstr(all, "SUMMARY:gradus week 3\\, session 2: strength (about "));
	assert_non_null(strstr(a, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gradus//gradus 0.1.0//EN\r\n"));
	assert_non_null(strstr(a, "END:VCALENDAR\r\n"));
	free(all);
	free(a);
}

static void text_is_escaped(void **state)
{
	/* libconfig "\\" is one backslash */
	char *cfg = replace(clean_profile, "name = \"Test\"",
			    "name = \"Ann, Bo; C\\\\D\"");
	char *a = calendar_of_text(cfg), *all = unfold(a);
	(void)state;
	assert_lines_ok(a);
	assert_non_null(strstr(all, "DESCRIPTION:Strength plan for Ann\\, Bo\\; C\\\\D: week 1 of 12"));
	/* the description's own line breaks are \n, never a raw newline */
	assert_non_null(strstr(all, ".\\nWarm-up ("));
	/* no unescaped comma or semicolon is left in a DESCRIPTION value */
	for (const char *p = strstr(all, "DESCRIPTION:"); p; p = strstr(p + 1, "DESCRIPTION:")) {
		const char *e = strstr(p, "\r\n");
		for (const char *c = p + 12; c < e; c++) {
			if (*c == '\\') {
				assert_non_null(strchr("\\;,n", c[1]));
				c++;
				continue;
			}
			assert_true(*c != ',' && *c != ';');
		}
	}
	free(all);
	free(a);
	free(cfg);
}

static void folds_keep_characters_whole(void **state)
{
	/* two-, three- and four-octet characters at every alignment */
	static const char *const pieces[] = {"\xc3\xab", "\xe2\x98\x83", "\xf0\x9f\x98\x80"};
	(void)state;
	for (size_t k = 0; k < 3; k++)
		for (size_t shift = 0; shift < 4; shift++) {
			char name[256] = "";
			char line[300], *cfg, *a, *all;
			for (size_t i = 0; i < shift; i++)
				strcat(name, "x");
			/* names hold at most 80 octets */
			while (strlen(name) + strlen(pieces[k]) <= 80)
				strcat(name, pieces[k]);
			snprintf(line, sizeof(line), "name = \"%s\"", name);
			cfg = replace(clean_profile, "name = \"Test\"", line);
			a = calendar_of_text(cfg);
			assert_lines_ok(a);
			all = unfold(a);
			/* unfolding gives the name back whole */
			snprintf(line, sizeof(line), "DESCRIPTION:Strength plan for %s: week", name);
			assert_non_null(strstr(all, line));
			free(all);
			free(a);
			free(cfg);
		}
}

static void gated_is_one_todo(void **state)
{
	size_t sessions;
	char *a = calendar_of_file("profiles/examples/neuro-suspected.cfg", &sessions);
	char *cfg = replace(clean_profile, "chest_pain = false", "chest_pain = true");
	char *e = calendar_of_text(cfg), *all = unfold(a);
	(void)state;
	assert_lines_ok(a);
	assert_lines_ok(e);
	assert_int_equal(count(a, "BEGIN:VTODO\r\n"), 1);
	assert_int_equal(count(a, "BEGIN:VEVENT"), 0);
	assert_non_null(strstr(a, "SUMMARY:See a doctor before starting exercise\r\n"));
	assert_non_null(strstr(a, "DTSTAMP:20261201T000000Z\r\n"));
	assert_non_null(strstr(a, "DUE;VALUE=DATE:20261201\r\n"));
	assert_non_null(strstr(a, "PRIORITY:5\r\n"));
	/* the person's words for why, no rule id (the referral sheet has them) */
	assert_non_null(strstr(all, "You said your muscles twitch under the skin."));
	assert_null(strstr(all, "[RF-"));
	/* emergency and urgent come first */
	assert_non_null(strstr(e, "PRIORITY:1\r\n"));
	assert_int_equal(count(e, "BEGIN:VTODO\r\n"), 1);
	/* stable */
	{
		char *b = calendar_of_file("profiles/examples/neuro-suspected.cfg", NULL);
		assert_string_equal(a, b);
		free(b);
	}
	/* no date at all (no start, nothing dated): still no clock */
	{
		char *c1 = replace(clean_profile, "face_drooping = false", "face_drooping = true");
		char *c2 = replace(c1, "start = \"2026-12-01\"; ", "");
		char *n = calendar_of_text(c2);
		assert_lines_ok(n);
		assert_non_null(strstr(n, "DTSTAMP:19700101T000000Z\r\n"));
		assert_null(strstr(n, "DUE"));
		assert_non_null(strstr(n, "PRIORITY:1\r\n"));
		free(n);
		free(c2);
		free(c1);
	}
	free(all);
	free(a);
	free(e);
	free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_input_same_output),
		cmocka_unit_test(other_person_other_uids),
		cmocka_unit_test(all_day_events),
		cmocka_unit_test(text_is_escaped),
		cmocka_unit_test(folds_keep_characters_whole),
		cmocka_unit_test(gated_is_one_todo),
	};
	return cmocka_run_group_tests_name("ics", tests, NULL, NULL);
}
