/* The pictures (render/figure.c): every built-in exercise draws a
 * well-formed SVG with a text alternative, and each frame keeps its
 * drawing inside its own half of the fixed viewBox. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "render/figure.h"
#include "load/figure.h"
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
 * in [x0, x1] x [y0, y1]. */
static void inside(const gradus_exercise *e, const char *from,
		   const char *to, double x0, double x1, double y0, double y1)
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
			if (v < y0 - 0.1 || v > y1 + 0.1)
				fail_msg("%s: y %.1f outside %.0f..%.0f", e->id, v, y0, y1);
		}
	for (const char *p = strstr(from, "points=\""); p && p < to;
	     p = strstr(p + 1, "points=\"")) {
		const char *q = p + 8;
		while (*q && *q != '"') {
			char *end;
			double x = strtod(q, &end), y;
			y = strtod(end + 1, &end);
			if (x < x0 - 0.1 || x > x1 + 0.1 || y < y0 - 0.1 || y > y1 + 0.1)
				fail_msg("%s: point %.1f,%.1f outside", e->id, x, y);
			q = end;
			while (*q == ' ')
				q++;
		}
	}
}

/* A frame's cell (its data-box): side by side, the left or right half;
 * one above the other, the top or bottom half. Everything drawn from
 * the frame to `to` stays inside it. */
static void cell_of(const gradus_exercise *e, const char *frame, int k,
		    const char *from, const char *to)
{
	const char *p = strstr(frame, "data-box=\"");
	double x, y, w, h;
	assert_non_null(p);
	assert_int_equal(sscanf(p + 10, "%lf %lf %lf %lf", &x, &y, &w, &h), 4);
	if (!(w == 300 && h == 300 && x == 300 * k && y == 0) &&
	    !(w == 600 && h == 150 && x == 0 && y == 150 * k))
		fail_msg("%s: frame %d's cell %.0f %.0f %.0f %.0f is not a half", e->id,
			 k, x, y, w, h);
	inside(e, from, to, x, x + w, y, y + h);
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
		cell_of(e, f0, 0, f0, f1);
		cell_of(e, f1, 1, f1, end);
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

/* Issue 14: a body lying in bed is drawn large (its frames one above
 * the other). */
static void a_body_lying_in_bed_is_drawn_large(void **state)
{
	char *s = svg_of(gradus_catalogue_find(test_catalogue(), "bed-ankle-pumps"));
	(void)state;
	assert_non_null(strstr(s, "data-box=\"0.0 150.0 600.0 150.0\""));
	free(s);
}

/* The caller learns how the frames stand (the guide's caption says
 * "Top"/"Bottom" or "Left"/"Right"): stacked exactly when the second
 * frame starts half-way down, for every built-in picture. */
static void the_svg_says_when_its_frames_are_stacked(void **state)
{
	const gradus_catalogue *c = test_catalogue();
	size_t stacked = 0;
	(void)state;
	for (size_t i = 0; i < gradus_catalogue_count(c); i++) {
		const gradus_exercise *e = gradus_catalogue_get(c, i);
		buf b = BUF_INIT;
		bool got = render_figure_svg(&b, e);
		assert_int_equal(got, strstr(b.ptr, "data-box=\"0.0 150.0 600.0 150.0\"") != NULL);
		stacked += got;
		buf_free(&b);
	}
	/* both kinds are in the catalogue */
	assert_true(stacked > 0 && stacked < gradus_catalogue_count(c));
}

/* Issue 14: the bed's end board shows where the feet push, a rolled
 * towel where the knee rests, the chair's arms where the hands push; a
 * misspelt prop is an error at its line. */
static void the_footboard_and_towel_are_props(void **state)
{
	static const char *const fmt =
		"format = 1;\nexercises = (\n"
		"{ id = \"push\"; name = \"Push\"; pattern = \"squat\";\n"
		"  muscles = [\"thighs\"]; regions = [\"legs\"]; position = \"bed\";\n"
		"  level = 1; equipment = [\"bed\"]; load = \"bodyweight\";\n"
		"  avoid_with = []; steps = [\"Push.\"]; cues = [\"Breathe.\"];\n"
		"  safety = [\"Stop if it hurts.\"]; caregiver = [\"Watch.\"];\n"
		"  figure = { base = \"bed\"; moves = \"toe\";\n"
		"    props = [\"bed\", \"%s\"];\n"
		"    start = { trunk = -90; hip = 15; knee = 30; }; end = { }; }; }\n);\n";
	static const struct {
		const char *word, *drawn;
		unsigned bit;
	} props[] = {{"footboard", "<rect", GRADUS_FIG_PROP_FOOTBOARD},
		     {"towel", "<circle", GRADUS_FIG_PROP_TOWEL},
		     {"armrests", "<line", GRADUS_FIG_PROP_ARMRESTS}};
	char text[1024], *svg, *plain, *msg;
	gradus_exercise e;
	gradus_catalogue *c;
	gradus_diags *d = gradus_diags_new();
	(void)state;
	for (size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		snprintf(text, sizeof(text), fmt, props[i].word);
		assert_int_equal(gradus_catalogue_new(&c), GRADUS_OK);
		assert_int_equal(gradus_catalogue_add_string(c, "mine.cfg", text, d), GRADUS_OK);
		assert_int_equal(gradus_diags_count(d), 0);
		e = *gradus_catalogue_find(c, "push");
		assert_true(e.figure.props & props[i].bit);
		/* drawn in each frame: two shapes more than the bed alone */
		svg = svg_of(&e);
		e.figure.props &= ~props[i].bit;
		plain = svg_of(&e);
		if (count(svg, props[i].drawn) < count(plain, props[i].drawn) + 2)
			fail_msg("the %s is not drawn", props[i].word);
		free(svg);
		free(plain);
		gradus_catalogue_free(c);
	}
	snprintf(text, sizeof(text), fmt, "footbord");
	assert_int_equal(gradus_catalogue_new(&c), GRADUS_OK);
	assert_int_not_equal(gradus_catalogue_add_string(c, "mine.cfg", text, d), GRADUS_OK);
	msg = diags_text(d);
	if (!strstr(msg, "mine.cfg:9: error:") || !strstr(msg, "footbord"))
		fail_msg("expected mine.cfg:9 naming 'footbord' in:\n%s", msg);
	free(msg);
	gradus_catalogue_free(c);
	gradus_diags_free(d);
}

/* The End frame: from its mark to the end of the picture. */
static const char *end_frame(const char *svg)
{
	const char *f0 = strstr(svg, "class=\"frame\"");
	assert_non_null(f0);
	return strstr(f0 + 1, "class=\"frame\"");
}

/* Issue 14 (review): a moving head's arrow followed the head and ended
 * inside it; it is an arc round the hips that ends outside the head. */
static void a_moving_head_s_arrow_ends_outside_the_head(void **state)
{
	static const char *const heads[] = {"seated-hip-hinge", "seated-hamstring-stretch",
					    "hip-hinge-supported", "prone-back-extension",
					    "prone-lying-stretch"};
	(void)state;
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		char *s = svg_of(gradus_catalogue_find(test_catalogue(), heads[i]));
		const char *f1 = end_frame(s), *body, *mv;
		double cx, cy, r, tx, ty;
		assert_non_null(f1);
		body = strstr(f1, "<g stroke-linecap");
		assert_non_null(body);
		body = strstr(body, "<circle ");
		assert_non_null(body);
		assert_int_equal(sscanf(body, "<circle cx=\"%lf\" cy=\"%lf\" r=\"%lf\"",
					&cx, &cy, &r), 3);
		mv = strstr(s, "class=\"move\"");
		if (!mv)
			fail_msg("%s: no arrow", heads[i]);
		mv = strstr(mv, "<polygon points=\"");
		assert_non_null(mv);
		assert_int_equal(sscanf(mv, "<polygon points=\"%lf,%lf", &tx, &ty), 2);
		if ((tx - cx) * (tx - cx) + (ty - cy) * (ty - cy) < (r + 3) * (r + 3))
			fail_msg("%s: the arrow ends on the head (%.1f,%.1f; head %.1f,%.1f r %.1f)",
				 heads[i], tx, ty, cx, cy, r);
		assert_non_null(strstr(s, "class=\"move\"><polyline"));
		free(s);
	}
}

/* Issue 14 (review): the clam, seen from in front and above: the top
 * knee opens upward, the feet stay together, the bottom leg stays. */
static void the_clam_opens_its_top_knee(void **state)
{
	const gradus_figure *g = &gradus_catalogue_find(test_catalogue(), "side-lying-clam")->figure;
	fig_body b0, b1;
	(void)state;
	assert_int_equal(g->view, GRADUS_FIG_VIEW_FRONT_ABOVE);
	fig_body_pose(g, &g->start, &b0);
	fig_body_pose(g, &g->end, &b1);
	assert_true(b1.p[GRADUS_FIG_PT_KNEE].y > b0.p[GRADUS_FIG_PT_KNEE].y + 15.0);
	assert_true(fabs(b1.p[GRADUS_FIG_PT_ANKLE].x - b0.p[GRADUS_FIG_PT_ANKLE].x) < 0.5);
	assert_true(fabs(b1.p[GRADUS_FIG_PT_ANKLE].y - b0.p[GRADUS_FIG_PT_ANKLE].y) < 0.5);
	assert_true(fabs(b1.p[GRADUS_FIG_PT_OTHER_KNEE].y - b0.p[GRADUS_FIG_PT_OTHER_KNEE].y) < 0.5);
	/* knees bent: each knee ahead of its hip and its ankle */
	assert_true(b0.p[GRADUS_FIG_PT_KNEE].y < b0.p[GRADUS_FIG_PT_PELVIS].y - 5.0);
	/* its harder version, the same view: the straight top leg lifts */
	g = &gradus_catalogue_find(test_catalogue(), "side-lying-hip-abduction")->figure;
	assert_int_equal(g->view, GRADUS_FIG_VIEW_FRONT_ABOVE);
	fig_body_pose(g, &g->start, &b0);
	fig_body_pose(g, &g->end, &b1);
	assert_true(b1.p[GRADUS_FIG_PT_ANKLE].y > b0.p[GRADUS_FIG_PT_ANKLE].y + 30.0);
	assert_true(fabs(b1.p[GRADUS_FIG_PT_OTHER_ANKLE].y - b0.p[GRADUS_FIG_PT_OTHER_ANKLE].y) < 0.5);
}

/* Issue 14 (review): an arm that swings up over the head has its arrow
 * round the shoulder, not through the head. */
static void a_swinging_arm_s_arrow_goes_round(void **state)
{
	static const char *const arms[] = {"bed-overhead-reach", "seated-arm-raise"};
	(void)state;
	for (size_t i = 0; i < sizeof(arms) / sizeof(arms[0]); i++) {
		const gradus_exercise *e = gradus_catalogue_find(test_catalogue(), arms[i]);
		char *s;
		if (!e)
			fail_msg("no %s", arms[i]);
		s = svg_of(e);
		if (!strstr(s, "class=\"move\"><polyline"))
			fail_msg("%s: a straight arrow", arms[i]);
		free(s);
	}
}

/* Issue 14 (review): the turn to look behind, seen from above: the
 * shoulders turn (their oval, the nose) and a round arrow shows which
 * way; the band push-outs name the door and the band, and their arrow
 * runs beside the arms, not on them; in the knee rolls the knees are
 * drawn in front of the arms. */
static void turns_door_band_and_knees_read(void **state)
{
	const gradus_catalogue *c = test_catalogue();
	const gradus_exercise *e = gradus_catalogue_find(c, "seated-trunk-rotation");
	char *s = svg_of(e);
	double x1, y1, x2, y2;
	const char *mv;
	(void)state;
	assert_int_equal(e->figure.view, GRADUS_FIG_VIEW_TOP);
	assert_non_null(strstr(end_frame(s), "transform=\"rotate(-70 "));
	assert_null(strstr(s, "transform=\"rotate(0 "));
	assert_non_null(strstr(s, "class=\"move\"><polyline"));
	free(s);
	s = svg_of(gradus_catalogue_find(c, "standing-pallof-press"));
	assert_int_equal(count(s, ">door</text>"), 2);
	assert_int_equal(count(s, ">band</text>"), 2);
	mv = strstr(s, "class=\"move\"><line ");
	assert_non_null(mv);
	assert_int_equal(sscanf(mv, "class=\"move\"><line x1=\"%lf\" y1=\"%lf\" x2=\"%lf\" y2=\"%lf\"",
				&x1, &y1, &x2, &y2), 4);
	assert_true(fabs(y1 - y2) < 0.05 && x2 > x1 + 20.0); /* straight ahead */
	free(s);
	s = svg_of(gradus_catalogue_find(c, "bed-knee-rolls"));
	assert_non_null(strstr(s, "stroke=\"#fff\""));
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
		cmocka_unit_test(a_body_lying_in_bed_is_drawn_large),
		cmocka_unit_test(the_footboard_and_towel_are_props),
		cmocka_unit_test(a_moving_head_s_arrow_ends_outside_the_head),
		cmocka_unit_test(the_clam_opens_its_top_knee),
		cmocka_unit_test(a_swinging_arm_s_arrow_goes_round),
		cmocka_unit_test(turns_door_band_and_knees_read),
		cmocka_unit_test(the_svg_says_when_its_frames_are_stacked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
