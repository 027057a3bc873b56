/* The exercise guide (issue 14): for every example profile that gets a
 * plan, the text and HTML plans (normal and large print) carry every
 * step, cue, safety line and helper note of every exercise they use,
 * each exercise's guide entry comes before the week page that first
 * names it, and the week pages name it with the same guide number. The
 * person's pages (everything before "For your therapist") say no source
 * key and no clinical term; the text keeps to 80 columns. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define THERAPIST_TEXT "\f\nFor your therapist\n"
#define THERAPIST_HTML "<section class=\"page therapist"

/* What a reader sees: tags left out, entities read, every run of white
 * space (line breaks and indents of the text too) one space. */
static char *seen(const char *s, bool html)
{
	static const char *const ent[][2] = {
		{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
		{"&#39;", "'"}, {"&nbsp;", " "}, {"&#x27;", "'"}};
	char *out = malloc(strlen(s) + 2), *o = out;
	bool space = false;
	assert_non_null(out);
	while (*s) {
		char c = *s;
		if (html && c == '<') {
			const char *e = strchr(s, '>');
			s = e ? e + 1 : s + strlen(s);
			c = ' ';
			/* inline markup (strong, span) is no word break */
			if (s[-2] == 'g' || s[-2] == 'n' || s[-2] == '"')
				continue;
		} else if (html && c == '&') {
			size_t k;
			for (k = 0; k < sizeof(ent) / sizeof(ent[0]); k++)
				if (strncmp(s, ent[k][0], strlen(ent[k][0])) == 0)
					break;
			if (k < sizeof(ent) / sizeof(ent[0])) {
				c = ent[k][1][0];
				s += strlen(ent[k][0]);
			} else
				s++;
		} else
			s++;
		if (isspace((unsigned char)c)) {
			space = true;
			continue;
		}
		if (space && o > out)
			*o++ = ' ';
		space = false;
		*o++ = c;
	}
	*o = '\0';
	return out;
}

static void must_have(const char *doc, const char *what, const char *line,
		      const char *profile, const char *fmt)
{
	if (!strstr(doc, line))
		fail_msg("%s (%s): the %s \"%s\" is not in the plan", profile, fmt, what, line);
}

/* Guide entry and week references of `e` in the seen text `doc`. */
/* The numbers of " (guide 1, 2 and 3)" at `g` (or of ": guide 1 and
 * 2") into v; how many. */
static size_t numbers(const char *g, int *v, size_t max)
{
	const char *end = strchr(g, ')'), *c = g + 8;
	size_t n = 0;
	if (!end)
		end = g + strlen(g);
	while (c < end && n < max && isdigit((unsigned char)*c)) {
		v[n++] = atoi(c);
		c += strspn(c, "0123456789");
		c += strspn(c, ", and");
	}
	return n;
}

/* A block of the week pages: "Name; Other name (guide 1 and 2)", where
 * `name` is the k-th name and `n` the k-th number. */
static const char *in_block(const char *doc, const char *name, int n)
{
	for (const char *r = strstr(doc, name); r; r = strstr(r + 1, name)) {
		const char *g = strstr(r, " (guide "), *stop = strpbrk(r, ")(:");
		size_t after = 0, m;
		int v[20];
		if (!g || stop < g + 1 ||
		    (r - doc >= 9 && strncmp(r - 9, "version: ", 9) == 0))
			continue;
		/* the names after this one: it is that many from the end */
		for (const char *c = r; c < g; c++)
			after += *c == ';';
		m = numbers(g, v, 20);
		if (m > after && v[m - 1 - after] == n)
			return r;
	}
	return NULL;
}

/* A block in large print with nine or ten exercises: "Warm-up, 5 min:
 * guide 1 and 2" (the names would not fit the page). */
static const char *in_short_block(const char *doc, int n)
{
	for (const char *r = strstr(doc, " min: guide "); r; r = strstr(r + 1, " min: guide ")) {
		int v[20];
		size_t m = numbers(r + 4, v, 20); /* ": guide 1" */
		for (size_t i = 0; i < m; i++)
			if (v[i] == n)
				return r;
	}
	return NULL;
}

/* The end of the guide entry that starts at `h` ("Guide N: ..."): the
 * next entry's heading (not its own again, over a part "(continued)"),
 * or the end of the document. */
static const char *entry_end(const char *h)
{
	size_t own = (size_t)(strchr(h, ':') - h) + 1; /* "Guide N:" */
	const char *end = h + 6;
	for (;; end++) {
		end = strstr(end, "Guide ");
		if (!end || (isdigit((unsigned char)end[6]) && strncmp(end, h, own) != 0))
			break;
	}
	return end ? end : h + strlen(h);
}

/* `what` in the entry [h, end)? */
static bool in_entry(const char *h, const char *end, const char *what)
{
	const char *f = strstr(h, what);
	return f && f < end;
}

/* The versions the entry names: the plan's, and no other rung of the
 * exercise's ladder (one the person may not do: safety invariants 5, 6
 * and 9, checked on the plan's versions by test_property). */
static void check_versions(const char *h, const gradus_plan *pl,
			   const gradus_exercise *e, const char *profile,
			   const char *fmt)
{
	const gradus_versions *v = gradus_plan_versions(pl, e);
	const char *end = entry_end(h);
	char ref[512];

	if (!v)
		fail_msg("%s (%s): the plan has no versions for %s", profile, fmt, e->id);
	if (v->easier) {
		snprintf(ref, sizeof(ref), "Too hard? Try the easier version: %s", v->easier->name);
		if (!in_entry(h, end, ref))
			fail_msg("%s (%s): %s: \"%s\" is not in its entry", profile, fmt, e->id, ref);
	}
	for (const gradus_exercise *x = e->easier; x && x != v->easier; x = x->easier) {
		snprintf(ref, sizeof(ref), "version: %s", x->name);
		if (in_entry(h, end, ref))
			fail_msg("%s (%s): %s names %s, which is not for this person", profile,
				 fmt, e->id, x->id);
	}
	if (v->harder) {
		snprintf(ref, sizeof(ref), v->harder_later ?
			 "Too easy? Try the harder version: %s" :
			 "Too easy? Ask your therapist about the harder version: %s",
			 v->harder->name);
		if (!in_entry(h, end, ref))
			fail_msg("%s (%s): %s: \"%s\" is not in its entry", profile, fmt, e->id, ref);
	} else if (e->harder) {
		snprintf(ref, sizeof(ref), "version: %s", e->harder->name);
		if (in_entry(h, end, ref))
			fail_msg("%s (%s): %s names %s, which is not for this person", profile,
				 fmt, e->id, e->harder->id);
	}
	if (in_entry(h, end, "Your plan moves you on") != (v->harder && v->harder_later))
		fail_msg("%s (%s): %s: \"Your plan moves you on\" %s", profile, fmt, e->id,
			 v->harder_later ? "is missing" : "where the plan does not");
}

static void check_exercise(const char *doc, const gradus_plan *pl,
			   const gradus_exercise *e, bool block,
			   const char *profile, const char *fmt)
{
	char head[512], ref[512];
	const char *h = NULL, *r;
	int n;

	for (n = 1; n < 200 && !h; n++) {
		snprintf(head, sizeof(head), "Guide %d: %s ", n, e->name);
		h = strstr(doc, head);
	}
	n--;
	if (!h)
		fail_msg("%s (%s): no guide entry for %s", profile, fmt, e->id);
	if (strstr(h + 1, head))
		fail_msg("%s (%s): two guide entries for %s", profile, fmt, e->id);
	snprintf(ref, sizeof(ref), "%s (guide %d)", e->name, n);
	/* the first week page that names it (a guide entry may name it
	 * before, as an easier or harder version) */
	for (r = strstr(doc, ref); r; r = strstr(r + 1, ref))
		if (r - doc < 9 || strncmp(r - 9, "version: ", 9) != 0)
			break;
	if (!r && block)
		r = in_block(doc, e->name, n);
	if (!r && block)
		r = in_short_block(doc, n);
	if (!r)
		fail_msg("%s (%s): the week pages do not name %s as guide %d", profile, fmt,
			 e->id, n);
	if (r < h)
		fail_msg("%s (%s): %s is named before its guide entry", profile, fmt, e->id);
	for (size_t i = 0; i < e->n_steps; i++)
		must_have(h, "step", e->steps[i], profile, fmt);
	for (size_t i = 0; i < e->n_cues; i++)
		must_have(h, "cue", e->cues[i], profile, fmt);
	for (size_t i = 0; i < e->n_safety; i++)
		must_have(h, "safety line", e->safety[i], profile, fmt);
	for (size_t i = 0; i < e->n_caregiver; i++)
		must_have(h, "helper note", e->caregiver[i], profile, fmt);
	check_versions(h, pl, e, profile, fmt);
}

static void check_all(const char *doc, const gradus_plan *pl, const char *profile,
		      const char *fmt)
{
	for (size_t i = 0; i < pl->n_warmup; i++)
		check_exercise(doc, pl, pl->warmup[i], true, profile, fmt);
	for (size_t i = 0; i < pl->n_cooldown; i++)
		check_exercise(doc, pl, pl->cooldown[i], true, profile, fmt);
	for (size_t w = 0; w < pl->n_weeks; w++)
		for (size_t s = 0; s < pl->weeks[w].n_sessions; s++) {
			const gradus_session *se = &pl->weeks[w].sessions[s];
			for (size_t i = 0; i < se->n_items; i++)
				check_exercise(doc, pl, se->items[i].exercise, false, profile, fmt);
			for (size_t i = 0; se->balance_min && i < se->n_balance; i++)
				check_exercise(doc, pl, se->balance[i], true, profile, fmt);
		}
}

/* The person's pages: no "[KEY" source key, no clinical term. */
static void check_person(const char *doc, const char *marker, const char *profile,
			 const char *fmt)
{
	static const char *const terms[] = {"EWGSOP2", "SARC-F", "SARCF", "passport",
					    "SPPB", "Notes for the therapist",
					    "starting level", "level A", "max_rpe",
					    "function-maintenance", "template", "immobilised"};
	const char *end = strstr(doc, marker);
	size_t n;
	if (!end)
		fail_msg("%s (%s): no page \"For your therapist\"", profile, fmt);
	n = (size_t)(end - doc);
	for (size_t i = 0; i + 1 < n; i++)
		if (doc[i] == '[' && isupper((unsigned char)doc[i + 1]))
			fail_msg("%s (%s): a source key on the person's pages: %.40s", profile,
				 fmt, doc + i);
	for (size_t k = 0; k < sizeof(terms) / sizeof(terms[0]); k++) {
		const char *t = strstr(doc, terms[k]);
		if (t && t < end)
			fail_msg("%s (%s): \"%s\" on the person's pages", profile, fmt, terms[k]);
	}
	if (!strstr(end, "Program"))
		fail_msg("%s (%s): the therapist's page does not name the program", profile, fmt);
}

static void check_80(const char *doc, const char *profile)
{
	size_t cols = 0, line = 1;
	for (const char *c = doc; *c; c++) {
		if (*c == '\n') {
			cols = 0;
			line++;
		} else if (((unsigned char)*c & 0xc0) != 0x80 && ++cols > 80)
			fail_msg("%s: text line %zu is wider than 80 columns", profile, line);
	}
}

static void render(char **out, const gradus_plan *pl, gradus_plan_format f, bool large)
{
	gradus_render_options o;
	memset(&o, 0, sizeof(o));
	o.large_print = large;
	assert_int_equal(gradus_plan_render(out, NULL, pl, f, &o), GRADUS_OK);
}

static void test_examples(void **state)
{
	(void)state;
	for (size_t k = 0; k < n_plannable_profiles; k++) {
		const char *path = plannable_profiles[k];
		gradus_diags *d = gradus_diags_new();
		gradus_profile *p = NULL;
		gradus_screening *s = NULL;
		gradus_plan *pl = NULL;
		char *text, *html, *large, *v;

		if (gradus_profile_load_file(&p, path, test_catalogue(), test_templates(), d) !=
		    GRADUS_OK)
			fail_msg("%s did not load:\n%s", path, diags_text(d));
		assert_int_equal(gradus_screen(&s, p, (gradus_date){0, 0, 0}, d), GRADUS_OK);
		assert_int_equal(gradus_plan_generate(&pl, p, s, test_catalogue(),
						      test_templates(), NULL, d), GRADUS_OK);
		render(&text, pl, GRADUS_PLAN_TEXT, false);
		render(&html, pl, GRADUS_PLAN_HTML, false);
		render(&large, pl, GRADUS_PLAN_HTML, true);

		check_80(text, path);
		check_person(text, THERAPIST_TEXT, path, "text");
		check_person(html, THERAPIST_HTML, path, "HTML");
		check_person(large, THERAPIST_HTML, path, "large print");
		v = seen(text, false);
		check_all(v, pl, path, "text");
		free(v);
		v = seen(html, true);
		check_all(v, pl, path, "HTML");
		free(v);
		v = seen(large, true);
		check_all(v, pl, path, "large print");
		free(v);

		free(text);
		free(html);
		free(large);
		gradus_plan_free(pl);
		gradus_screening_free(s);
		gradus_profile_free(p);
		gradus_diags_free(d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
