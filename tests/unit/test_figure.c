/* The pictures (render/figure.c): every built-in exercise draws a
 * well-formed SVG with a text alternative, and each frame keeps its
 * drawing inside its own half of the fixed viewBox. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "render/figure.h"
#include "gradus/booklet.h"

static char *svg_of(const gradus_exercise *e)
{
	buf b = BUF_INIT;
	render_figure_svg(&b, e);
	return buf_detach(&b, NULL);
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

/* Every number of a coordinate attribute between `from` and `to` lies
 * in [x0, x1] x [0, 300]; circles with their radius. */
static void inside(const gradus_exercise *e, const char *from,
		   const char *to, double x0, double x1)
{
	static const char *const xs[] = {" x1=\"", " x2=\"", " cx=\"", " x=\""};
	static const char *const ys[] = {" y1=\"", " y2=\"", " cy=\"", " y=\""};
	for (size_t k = 0; k < 4; k++)
		for (const char *p = strstr(from, xs[k]); p && p < to;
		     p = strstr(p + 1, xs[k])) {
			double v = strtod(p + strlen(xs[k]), NULL);
			if (v < x0 - 0.1 || v > x1 + 0.1)
				fail_msg("%s: x %.1f outside %.0f..%.0f", e->id, v, x0, x1);
		}
	for (size_t k = 0; k < 4; k++)
		for (const char *p = strstr(from, ys[k]); p && p < to;
		     p = strstr(p + 1, ys[k])) {
			double v = strtod(p + strlen(ys[k]), NULL);
			if (v < -0.1 || v > 300.1)
				fail_msg("%s: y %.1f outside the picture", e->id, v);
		}
	for (const char *p = strstr(from, "points=\""); p && p < to;
	     p = strstr(p + 1, "points=\"")) {
		const char *q = p + 8;
		while (*q && *q != '"') {
			char *end;
			double x = strtod(q, &end), y;
			y = strtod(end + 1, &end);
			if (x < x0 - 0.1 || x > x1 + 0.1 || y < -0.1 || y > 300.1)
				fail_msg("%s: point %.1f,%.1f outside", e->id, x, y);
			q = end;
			while (*q == ' ')
				q++;
		}
	}
}

static void every_builtin_figure_is_drawn_inside_its_frames(void **state)
{
	const gradus_catalogue *c = test_catalogue();
	(void)state;
	for (size_t i = 0; i < gradus_catalogue_count(c); i++) {
		const gradus_exercise *e = gradus_catalogue_get(c, i);
		char *s = svg_of(e), title[200];
		const char *f0, *f1, *end;
		assert_non_null(s);
		assert_true(strncmp(s, "<svg ", 5) == 0);
		assert_non_null(strstr(s, "viewBox=\"0 0 600 300\""));
		assert_non_null(strstr(s, "role=\"img\""));
		snprintf(title, sizeof(title), "<title>Start and end position of ");
		assert_non_null(strstr(s, title));
		assert_null(strstr(s, "<script"));
		assert_null(strstr(s, "href"));
		assert_int_equal(count(s, "<g"), count(s, "</g>"));
		assert_int_equal(count(s, "<svg"), 1);
		assert_int_equal(count(s, "class=\"frame\""), 2);
		end = s + strlen(s);
		assert_true(strcmp(end - 7, "</svg>\n") == 0);
		f0 = strstr(s, "class=\"frame\"");
		f1 = strstr(f0 + 1, "class=\"frame\"");
		inside(e, f0, f1, 0, 300);
		inside(e, f1, end, 300, 600);
		free(s);
	}
}

static void no_figure_draws_nothing(void **state)
{
	gradus_exercise e;
	buf b = BUF_INIT;
	(void)state;
	memset(&e, 0, sizeof(e));
	e.id = "x";
	e.name = "X";
	render_figure_svg(&b, &e);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* The public call gives the same picture, and NULL for none. */
static void the_public_svg_is_the_same(void **state)
{
	const gradus_catalogue *c = test_catalogue();
	const gradus_exercise *e = gradus_catalogue_find(c, "sit-to-stand-no-arms");
	gradus_exercise none;
	char *pub = NULL, *own;
	(void)state;
	assert_non_null(e);
	assert_int_equal(gradus_exercise_figure_svg(e, &pub), GRADUS_OK);
	own = svg_of(e);
	assert_non_null(pub);
	assert_string_equal(pub, own);
	free(pub);
	free(own);
	memset(&none, 0, sizeof(none));
	none.id = "x";
	none.name = "X";
	pub = (char *)1;
	assert_int_equal(gradus_exercise_figure_svg(&none, &pub), GRADUS_OK);
	assert_null(pub);
}

static void the_title_is_escaped(void **state)
{
	gradus_exercise e = *gradus_catalogue_find(test_catalogue(), "sit-to-stand-arms");
	char *s;
	(void)state;
	e.name = "Sit <&> \"stand\"";
	s = svg_of(&e);
	assert_non_null(strstr(s, "<title>Start and end position of Sit &lt;&amp;&gt; &quot;stand&quot;</title>"));
	free(s);
}

/* Issue 14: a hold that barely moves shows its effort, a turn a round
 * arrow, and a picture not seen from the side says where it is seen from. */
static void holds_and_turns_show_a_sign(void **state)
{
	static const char *const marked[] = {"bed-elbow-press", "glute-squeeze-bed",
					     "seated-shoulder-rolls"};
	const gradus_catalogue *c = test_catalogue();
	char *s;
	(void)state;
	for (size_t i = 0; i < sizeof(marked) / sizeof(marked[0]); i++) {
		s = svg_of(gradus_catalogue_find(c, marked[i]));
		if (!strstr(s, "<g class=\"mark\">"))
			fail_msg("%s shows no sign of its effort", marked[i]);
		free(s);
	}
	s = svg_of(gradus_catalogue_find(c, "bed-knee-rolls"));
	assert_non_null(strstr(s, "Start (seen from the feet)"));
	free(s);
	s = svg_of(gradus_catalogue_find(c, "standing-pallof-press"));
	assert_non_null(strstr(s, "End (seen from above)"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_builtin_figure_is_drawn_inside_its_frames),
		cmocka_unit_test(no_figure_draws_nothing),
		cmocka_unit_test(the_title_is_escaped),
		cmocka_unit_test(the_public_svg_is_the_same),
		cmocka_unit_test(holds_and_turns_show_a_sign),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
