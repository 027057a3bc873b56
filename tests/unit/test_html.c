/* The HTML output (README, issue 5): every input string escaped
 * (profile, catalogue, screening), no external resource, one page block
 * per week (two in large print), the "Stop and call" box on every page,
 * large print at 16 pt or more, no week for a gated profile, the same
 * bytes for the same input. How the pages print is checked in a real
 * browser by tests/browser/print.py. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"


typedef struct {
	gradus_profile *p;
	gradus_screening *s;
	gradus_plan *plan;   /* NULL when gated */
	char *html;
} doc;

/* Screens `p` (taken) and renders a plan, or the screening result when
 * the profile is gated. */
static void make_with(doc *x, gradus_profile *p, const gradus_catalogue *cat,
		      const gradus_render_options *o)
{
	gradus_diags *d = gradus_diags_new();
	size_t len = 0;
	memset(x, 0, sizeof(*x));
	x->p = p;
	assert_int_equal(gradus_screen(&x->s, p, (gradus_date){0, 0, 0}, d), GRADUS_OK);
	if (x->s->tier > GRADUS_TIER_PRECAUTIONS) {
		assert_int_equal(gradus_screening_render(&x->html, x->s, p, GRADUS_SCREEN_HTML),
				 GRADUS_OK);
	} else {
		assert_int_equal(gradus_plan_generate(&x->plan, p, x->s, cat, test_templates(),
						      NULL, d), GRADUS_OK);
		assert_int_equal(gradus_plan_render(&x->html, &len, x->plan, GRADUS_PLAN_HTML, o),
				 GRADUS_OK);
		assert_int_equal(strlen(x->html), len);
	}
	assert_non_null(x->html);
	gradus_diags_free(d);
}

static void make(doc *x, gradus_profile *p, bool large)
{
	gradus_render_options o;
	memset(&o, 0, sizeof(o));
	o.large_print = large;
	make_with(x, p, test_catalogue(), &o);
}

static gradus_profile *load_file(const char *path)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = NULL;
	if (gradus_profile_load_file(&p, path, test_catalogue(), test_templates(), d) !=
	    GRADUS_OK)
		fail_msg("%s did not load:\n%s", path, diags_text(d));
	gradus_diags_free(d);
	return p;
}

static gradus_profile *load_text(const char *cfg)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from(cfg, d);
	assert_non_null(p);
	gradus_diags_free(d);
	return p;
}

static void done(doc *x)
{
	free(x->html);
	gradus_plan_free(x->plan);
	gradus_screening_free(x->s);
	gradus_profile_free(x->p);
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void assert_has(const char *s, const char *needle)
{
	if (!strstr(s, needle))
		fail_msg("missing: %s", needle);
}

static void assert_lacks(const char *s, const char *needle)
{
	const char *at = strstr(s, needle);
	if (at)
		fail_msg("found %s in: ...%.80s...", needle, at > s + 40 ? at - 40 : s);
}

/* Copy of `text` with every `from` replaced by `to` (malloc'd). */
static char *replace_all(const char *text, const char *from, const char *to)
{
	size_t n = count(text, from), lf = strlen(from), lt = strlen(to);
	char *out = malloc(strlen(text) + n * (lt > lf ? lt - lf : 0) + 1), *o = out;
	const char *p = text, *hit;
	assert_non_null(out);
	while ((hit = strstr(p, from))) {
		memcpy(o, p, (size_t)(hit - p));
		o += hit - p;
		memcpy(o, to, lt);
		o += lt;
		p = hit + lf;
	}
	strcpy(o, p);
	return out;
}

/* Calls `check` on each <section class="page ..."> ... </section> block,
 * with its class (up to the first space or quote) and its text. */
typedef void (*page_fn)(const char *cls, const char *page, void *arg);

static size_t each_page(const char *html, page_fn check, void *arg)
{
	size_t n = 0;
	const char *p = html;
	while ((p = strstr(p, "<section class=\"page "))) {
		const char *end = strstr(p, "</section>");
		char cls[32];
		size_t k = 0;
		char *page;
		assert_non_null(end);
		for (const char *c = p + strlen("<section class=\"page ");
		     *c != ' ' && *c != '"' && k + 1 < sizeof(cls); c++)
			cls[k++] = *c;
		cls[k] = '\0';
		page = strndup(p, (size_t)(end - p));
		assert_non_null(page);
		check(cls, page, arg);
		free(page);
		n++;
		p = end;
	}
	return n;
}

/* ------------------------------------------------------------------ */

static const char *const hostile_name = "<script>alert(1)</script>";

static char *hostile_profile(void)
{
	char *a = replace(clean_profile, "name = \"Test\";",
			  "name = \"<script>alert(1)</script>\";");
	char *b = replace(a, "supervision = \"caregiver\";",
			  "supervision = \"caregiver\"; caregiver = \"Tom & \\\"Jerry\\\" <b>x</b>\";");
	free(a);
	return b;
}

static void test_plan_escapes_profile_text(void **state)
{
	char *cfg = hostile_profile();
	(void)state;
	for (int large = 0; large <= 1; large++) {
		doc x;
		make(&x, load_text(cfg), large);
		assert_non_null(x.plan);
		assert_string_equal(x.p->name, hostile_name);
		assert_lacks(x.html, "<script");
		assert_lacks(x.html, "<b>");
		assert_has(x.html, "<title>Strength plan for &lt;script&gt;alert(1)&lt;/script&gt;</title>");
		assert_has(x.html, "<h1>Strength plan for &lt;script&gt;alert(1)&lt;/script&gt;</h1>");
		assert_has(x.html, "Tom &amp; &quot;Jerry&quot; &lt;b&gt;x&lt;/b&gt;");
		/* the name heads every week page too */
		assert_true(count(x.html, "<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>") >=
			    x.plan->n_weeks);
		done(&x);
	}
	free(cfg);
}

static void test_screening_escapes_profile_text(void **state)
{
	doc x;
	(void)state;
	/* face drooping: emergency; every free-text field holds markup */
	make(&x, load_file("tests/data/screen/hostile.cfg"), false);
	assert_null(x.plan);
	assert_int_equal(x.s->tier, GRADUS_TIER_EMERGENCY);
	assert_lacks(x.html, "<script");
	assert_lacks(x.html, "<img");
	assert_lacks(x.html, "<i ");
	assert_lacks(x.html, "<b>");
	assert_lacks(x.html, "</li><img");
	assert_has(x.html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	/* the cause, the caregiver and the clearance, on the referral sheet */
	assert_has(x.html, "slow loss &amp; &quot;tiredness&quot; &lt;/li&gt;&lt;img src=x onerror=alert(1)&gt;");
	assert_has(x.html, "Tom &amp; &quot;Jerry&quot; &lt;b&gt;");
	assert_has(x.html, "Dr &lt;i onmouseover=&quot;x()&quot;&gt;Evil&lt;/i&gt;");
	/* an emergency opens with the call, in large type */
	assert_has(x.html, "<body>\n<main>\n<section class=\"page screening flow\"");
	assert_has(x.html, "\">\n<p class=\"banner\">Call 999 now.</p>");
	assert_int_equal(count(x.html, "class=\"page referral\""), 1);
	done(&x);
}

/* Markup in every exercise name and in the caregiver and safety notes of
 * a catalogue must come out as text. */
static void test_catalogue_text_escaped(void **state)
{
	static const char *const files[] = {"balance.cfg", "hips.cfg", "legs.cfg",
					    "trunk.cfg", "upper.cfg", "warmup.cfg"};
	gradus_catalogue *cat = NULL;
	gradus_diags *d = gradus_diags_new();
	gradus_render_options o;
	doc x;
	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(gradus_catalogue_new(&cat), GRADUS_OK);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[64], *text, *a, *b, *c;
		snprintf(path, sizeof(path), "exercises/%s", files[i]);
		text = read_text(path);
		assert_non_null(text);
		a = replace_all(text, "name = \"", "name = \"<i>&amp;");
		b = replace_all(a, "caregiver = [", "caregiver = [\"<u>care</u>\", ");
		c = replace_all(b, "safety = [", "safety = [\"<s>safe</s>\", ");
		if (gradus_catalogue_add_string(cat, path, c, d) != GRADUS_OK)
			fail_msg("%s", diags_text(d));
		free(text);
		free(a);
		free(b);
		free(c);
	}
	assert_int_equal(gradus_catalogue_finish(cat, d), GRADUS_OK);
	make_with(&x, load_text(clean_profile), cat, &o);
	assert_non_null(x.plan);
	assert_lacks(x.html, "<i>");
	assert_lacks(x.html, "<u>");
	assert_lacks(x.html, "<s>");
	assert_has(x.html, "&lt;i&gt;&amp;amp;");
	assert_has(x.html, "&lt;u&gt;care&lt;/u&gt;");
	assert_has(x.html, "&lt;s&gt;safe&lt;/s&gt;");
	done(&x);
	gradus_catalogue_free(cat);
	gradus_diags_free(d);
}

static void test_no_external_resources(void **state)
{
	static const char *const banned[] = {"src=", "href=", "@import", "url(", "<script",
					     "<link", "<img", "<iframe", "<object", "<embed",
					     "http:", "https:", "//"};
	(void)state;
	for (size_t i = 0; i < n_example_profiles; i++)
		for (int large = 0; large <= 1; large++) {
			doc x;
			make(&x, load_file(example_profiles[i]), large);
			for (size_t k = 0; k < sizeof(banned) / sizeof(banned[0]); k++)
				if (strstr(x.html, banned[k]))
					fail_msg("%s: found %s", example_profiles[i], banned[k]);
			assert_true(strncmp(x.html, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
			assert_has(x.html, "<meta charset=\"utf-8\">");
			assert_int_equal(count(x.html, "<style>"), count(x.html, "</style>"));
			done(&x);
		}
}

static void test_one_block_per_week(void **state)
{
	doc x;
	char id[64];
	(void)state;
	make(&x, load_file("profiles/examples/margaret-sarcopenia.cfg"), false);
	assert_int_equal(x.plan->n_weeks, 12);
	assert_int_equal(count(x.html, "<section class=\"page week\""), 12);
	assert_int_equal(count(x.html, "<section class=\"page record\""), 0);
	assert_int_equal(count(x.html, "<section class=\"page cover"), 1);
	assert_int_equal(count(x.html, "<section class=\"page helper"), 1);
	for (int w = 1; w <= 12; w++) {
		snprintf(id, sizeof(id), "id=\"week-%d\"", w);
		assert_int_equal(count(x.html, id), 1);
		snprintf(id, sizeof(id), "<h1>Week %d of 12: ", w);
		assert_int_equal(count(x.html, id), 1);
	}
	/* a tick box per set of each session, in each week */
	{
		size_t boxes = 0;
		for (size_t w = 0; w < x.plan->n_weeks; w++)
			for (size_t s = 0; s < x.plan->weeks[w].n_sessions; s++)
				for (size_t i = 0; i < x.plan->weeks[w].sessions[s].n_items; i++)
					boxes += (size_t)x.plan->weeks[w].sessions[s].items[i].sets;
		assert_true(count(x.html, "<span class=\"box\"></span>") >= boxes);
		assert_int_equal(count(x.html, "<th class=\"day\">Sets</th><th>Reps</th><th>Effort</th><th>Pain</th>"),
				 boxes ? 3 * 12 : 0);
	}
	done(&x);

	/* large print: "what to do" and "your record" for each week */
	make(&x, load_file("profiles/examples/margaret-sarcopenia.cfg"), true);
	assert_int_equal(count(x.html, "<section class=\"page week\""), 12);
	assert_int_equal(count(x.html, "<section class=\"page record\""), 12);
	for (int w = 1; w <= 12; w++) {
		snprintf(id, sizeof(id), "id=\"record-%d\"", w);
		assert_int_equal(count(x.html, id), 1);
		snprintf(id, sizeof(id), "<h1>Week %d of 12: your record</h1>", w);
		assert_int_equal(count(x.html, id), 1);
	}
	done(&x);
}

static void check_stop(const char *cls, const char *page, void *arg)
{
	const gradus_profile *p = arg;
	char want[96];
	snprintf(want, sizeof(want), "<strong class=\"call\">Stop and call %s</strong>",
		 p->emergency_number ? p->emergency_number : "your local emergency number");
	if (strcmp(cls, "referral") == 0) /* the sheet for the doctor */
		return;
	if (count(page, want) != 1)
		fail_msg("a %s page has %zu \"%s\"", cls, count(page, want), want);
	assert_has(page, "at once if you get chest pain, sudden weakness of one side, trouble speaking or seeing, or if you faint.");
}

static void test_stop_box_on_every_page(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_example_profiles; i++)
		for (int large = 0; large <= 1; large++) {
			doc x;
			size_t pages;
			make(&x, load_file(example_profiles[i]), large);
			pages = each_page(x.html, check_stop, x.p);
			assert_true(pages >= (x.plan ? 2 + x.plan->n_weeks : 1));
			done(&x);
		}
}

/* Every "font-size: Npt" of the document, smallest first out. */
static double smallest_pt(const char *html, double *body)
{
	double least = 1000;
	const char *b = strstr(html, "body {");
	assert_non_null(b);
	assert_int_equal(sscanf(strstr(b, "font-size:"), "font-size: %lfpt", body), 1);
	for (const char *p = strstr(html, "font-size:"); p; p = strstr(p + 1, "font-size:")) {
		double v;
		char unit[3] = "";
		if (sscanf(p, "font-size: %lf%2[a-z%]", &v, unit) == 2 && strcmp(unit, "pt") == 0 &&
		    v < least)
			least = v;
	}
	return least;
}

static void test_large_print_sizes(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_example_profiles; i++) {
		doc x;
		double body = 0, least;
		make(&x, load_file(example_profiles[i]), true);
		if (!x.plan) {
			done(&x);
			continue;
		}
		least = smallest_pt(x.html, &body);
		if (body < 16 || least < 16)
			fail_msg("%s: large print body %gpt, smallest %gpt", example_profiles[i], body, least);
		/* high contrast: black on white, and no colour said in CSS
		 * other than those */
		assert_has(x.html, "color: #000; background: #fff;");
		assert_int_equal(count(x.html, "color:"), count(x.html, "color: #000;"));
		assert_int_equal(count(x.html, "background:"), count(x.html, "background: #fff;"));
		assert_lacks(x.html, "rgb(");
		assert_lacks(x.html, "opacity");
		done(&x);

		make(&x, load_file(example_profiles[i]), false);
		smallest_pt(x.html, &body);
		assert_true(body < 16); /* the check above does tell them apart */
		done(&x);
	}
}

static void test_gated_has_no_week(void **state)
{
	doc x;
	(void)state;
	make(&x, load_file("profiles/examples/neuro-suspected.cfg"), false);
	assert_null(x.plan);
	assert_int_equal(x.s->tier, GRADUS_TIER_REVIEW);
	assert_lacks(x.html, "class=\"page week");
	assert_lacks(x.html, "class=\"page record");
	assert_lacks(x.html, "Week 1");
	assert_lacks(x.html, "Sets done");
	assert_has(x.html, "Result: see a doctor first.");
	assert_has(x.html, "No exercise plan was made.");
	assert_has(x.html, "RF-NEURO-UNCLEARED");
	assert_has(x.html, "<section class=\"page referral\">");
	assert_has(x.html, "REFERRAL: please check this person&#39;s weakness");
	assert_lacks(x.html, "Call 112 now."); /* not an emergency */
	done(&x);

	/* clearance: no referral sheet, still no week */
	{
		/* inactive, with heart disease [ACSM2015] */
		char *cfg = replace(clean_profile, "conditions = [];",
				    "conditions = [\"heart_disease\"];");
		make(&x, load_text(cfg), false);
		free(cfg);
		assert_null(x.plan);
		assert_int_equal(x.s->tier, GRADUS_TIER_CLEARANCE);
		assert_has(x.html, "Result: ask a doctor first.");
		assert_lacks(x.html, "class=\"page week");
		assert_lacks(x.html, "class=\"page referral");
		assert_int_equal(count(x.html, "<section class=\"page "), 1);
		done(&x);
	}
}

static void test_same_input_same_bytes(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_example_profiles; i++) {
		doc x, y;
		make(&x, load_file(example_profiles[i]), false);
		make(&y, load_file(example_profiles[i]), false);
		assert_string_equal(x.html, y.html);
		done(&x);
		done(&y);
	}
}

static void test_plain_words(void **state)
{
	doc x;
	size_t deload = 0;
	(void)state;
	make(&x, load_file("profiles/examples/margaret-sarcopenia.cfg"), false);
	/* effort as words and numbers; pain; the helper page */
	assert_has(x.html, "light \xe2\x80\x94 3 or 4 out of 10");
	assert_has(x.html, "moderate \xe2\x80\x94 5 or 6");
	assert_has(x.html, "hard \xe2\x80\x94 7 or 8");
	assert_has(x.html, "This week: <strong>effort light \xe2\x80\x94 3 or 4 out of 10</strong>");
	assert_has(x.html, "<strong>Above 5: stop that exercise</strong>");
	assert_has(x.html, "<h2>How to set up</h2>");
	assert_has(x.html, "<h2>How to stand by</h2>");
	assert_has(x.html, "Stand beside them, not in front");
	assert_has(x.html, "<h2>What to watch for</h2>");
	assert_has(x.html, "<h2>What to write down</h2>");
	assert_has(x.html, "<h2>Whom to call</h2>");
	assert_has(x.html, "Helper: Tom (son).");
	assert_has(x.html, "Emergency: <strong>112</strong>");
	assert_has(x.html, "<h1>For your therapist</h1>");
	assert_has(x.html, "<h2>Notes</h2>");
	assert_has(x.html, "Pain the next morning");
	for (size_t w = 0; w < x.plan->n_weeks; w++)
		deload += x.plan->weeks[w].deload;
	assert_true(deload > 0);
	assert_int_equal(count(x.html, "Lighter week: fewer sets, and nothing gets harder."), deload);
	done(&x);
}

/* Each exercise's safety lines and helper notes are in its guide entry
 * (tests/unit/test_guide.c checks every one), not pooled on the cover
 * or the helper page. */
static void test_notes_in_the_guide(void **state)
{
	doc x;
	const char *helper, *end;
	(void)state;
	make(&x, load_file("profiles/examples/robust-70-gym.cfg"), false);
	assert_lacks(x.html, "When to stop an exercise");
	helper = strstr(x.html, "<section class=\"page helper");
	assert_non_null(helper);
	end = strstr(helper, "</section>");
	assert_non_null(end);
	for (size_t w = 0; w < x.plan->n_weeks; w++) {
		const gradus_session *s = &x.plan->weeks[w].sessions[0];
		for (size_t i = 0; i < s->n_items; i++) {
			const gradus_exercise *e = s->items[i].exercise;
			for (size_t k = 0; k < e->n_caregiver; k++) {
				const char *at = strstr(helper, e->caregiver[k]);
				if (at && at < end)
					fail_msg("\"%s\" on the helper page", e->caregiver[k]);
			}
		}
	}
	done(&x);
}

/* The guide's caption names where start and end are: "Top"/"Bottom"
 * beside a picture whose frames are one above the other (a body lying
 * down), "Left"/"Right" beside two side by side. */
static void test_caption_follows_the_frames(void **state)
{
	doc x;
	size_t top = 0, left = 0;
	(void)state;
	make(&x, load_file("profiles/examples/bed-level.cfg"), false);
	for (const char *g = strstr(x.html, "<div class=\"fig\""); g;
	     g = strstr(g + 1, "<div class=\"fig\"")) {
		const char *svg_end = strstr(g, "</svg>"), *cap;
		bool stacked;
		assert_non_null(svg_end);
		cap = strstr(svg_end, "<p class=\"cap\">");
		assert_non_null(cap);
		stacked = strstr(g, "data-box=\"0.0 150.0 600.0 150.0\"") &&
			  strstr(g, "data-box=\"0.0 150.0 600.0 150.0\"") < svg_end;
		if (stacked) {
			assert_true(strncmp(cap + 15, "Top: how you start.<br>Bottom: how you end.", 43) == 0);
			top++;
		} else {
			assert_true(strncmp(cap + 15, "Left: how you start.<br>Right: how you end.", 43) == 0);
			left++;
		}
	}
	/* bed-level has both kinds */
	assert_true(top > 0 && left > 0);
	done(&x);
}

static void test_preface(void **state)
{
	gradus_render_options o;
	doc x;
	const char *pre, *cover;
	(void)state;
	memset(&o, 0, sizeof(o));
	o.preface_html = "<h1>Your progress</h1>\n<p>Two weeks done.</p>\n";
	make_with(&x, load_file("profiles/examples/margaret-sarcopenia.cfg"), test_catalogue(), &o);
	pre = strstr(x.html, "<section class=\"page preface\">\n<h1>Your progress</h1>");
	cover = strstr(x.html, "<section class=\"page cover");
	assert_non_null(pre);
	assert_non_null(cover);
	assert_true(pre < cover);
	each_page(x.html, check_stop, x.p);
	done(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_escapes_profile_text),
		cmocka_unit_test(test_screening_escapes_profile_text),
		cmocka_unit_test(test_catalogue_text_escaped),
		cmocka_unit_test(test_no_external_resources),
		cmocka_unit_test(test_one_block_per_week),
		cmocka_unit_test(test_stop_box_on_every_page),
		cmocka_unit_test(test_large_print_sizes),
		cmocka_unit_test(test_gated_has_no_week),
		cmocka_unit_test(test_same_input_same_bytes),
		cmocka_unit_test(test_plain_words),
		cmocka_unit_test(test_notes_in_the_guide),
		cmocka_unit_test(test_preface),
		cmocka_unit_test(test_caption_follows_the_frames),
	};
	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
