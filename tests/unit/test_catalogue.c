#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* One exercise record with the given id, pattern, level and links. */
static char *ex(const char *id, const char *pattern, int level,
		const char *easier, const char *harder)
{
	char *buf = malloc(2048);
	char links[200] = "";
	if (easier)
		snprintf(links, sizeof(links), "easier = \"%s\";", easier);
	if (harder)
		snprintf(links + strlen(links), sizeof(links) - strlen(links),
			 " harder = \"%s\";", harder);
	snprintf(buf, 2048,
		 "{ id = \"%s\"; name = \"Test %s\"; pattern = \"%s\";\n"
		 "  muscles = [\"thighs\"]; regions = [\"legs\"]; position = \"seated\";\n"
		 "  level = %d; equipment = [\"chair\"]; load = \"bodyweight\";\n"
		 "  %s avoid_with = []; steps = [\"Do it.\"]; cues = [\"Breathe.\"];\n"
		 "  safety = [\"Stop if it hurts.\"]; caregiver = [\"Watch.\"]; }",
		 id, id, pattern, level, links);
	return buf;
}

static int load(const char *body, gradus_diags *d, gradus_catalogue **out)
{
	char *text = malloc(strlen(body) + 64);
	int rc;
	sprintf(text, "format = 1;\nexercises = (\n%s\n);\n", body);
	assert_int_equal(gradus_catalogue_new(out), GRADUS_OK);
	rc = gradus_catalogue_add_string(*out, "cat.cfg", text, d);
	if (rc == GRADUS_OK)
		rc = gradus_catalogue_finish(*out, d);
	free(text);
	return rc;
}

static char *join3(char *a, char *b, char *c)
{
	char *out = malloc(strlen(a) + (b ? strlen(b) : 0) + (c ? strlen(c) : 0) + 8);
	sprintf(out, "%s%s%s%s%s", a, b ? ",\n" : "", b ? b : "", c ? ",\n" : "",
		c ? c : "");
	free(a);
	free(b);
	free(c);
	return out;
}

static void loads_a_valid_ladder(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *c;
	char *body = join3(ex("a", "squat", 1, NULL, "b"), ex("b", "squat", 2, "a", "c"),
			   ex("c", "squat", 2, "b", NULL));
	(void)state;
	assert_int_equal(load(body, d, &c), GRADUS_OK);
	assert_int_equal(gradus_diags_count(d), 0);
	assert_int_equal(gradus_catalogue_count(c), 3);
	const gradus_exercise *a = gradus_catalogue_find(c, "a");
	assert_non_null(a);
	assert_ptr_equal(a->harder, gradus_catalogue_find(c, "b"));
	assert_ptr_equal(a->harder->harder, gradus_catalogue_find(c, "c"));
	assert_ptr_equal(gradus_catalogue_find(c, "c")->easier, a->harder);
	assert_int_equal(a->seconds_per_rep, 4);
	assert_string_equal(a->steps[0], "Do it.");
	gradus_catalogue_free(c);
	gradus_diags_free(d);
	free(body);
}

static void expect_error(const char *body, const char *want)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *c;
	char *text;
	assert_int_equal(load(body, d, &c), GRADUS_EINVALID);
	text = diags_text(d);
	if (!strstr(text, want))
		fail_msg("expected '%s' in:\n%s", want, text);
	free(text);
	gradus_catalogue_free(c);
	gradus_diags_free(d);
}

static void rejects_dangling_link_with_hint(void **state)
{
	char *body = join3(ex("sit-to-stand", "sit_to_stand", 1, NULL, "sit-to-stnd-2"),
			   ex("sit-to-stand-2", "sit_to_stand", 2, "sit-to-stand", NULL), NULL);
	(void)state;
	expect_error(body, "cat.cfg:3: error: 'sit-to-stand.harder' names 'sit-to-stnd-2', "
			   "which is not in the catalogue; did you mean 'sit-to-stand-2'?");
	free(body);
}

static void rejects_one_way_link(void **state)
{
	char *body = join3(ex("a", "squat", 1, NULL, "b"), ex("b", "squat", 2, NULL, NULL), NULL);
	(void)state;
	expect_error(body, "'a.harder' is 'b', but 'b.easier' does not name it back");
	free(body);
}

static void rejects_cycle(void **state)
{
	char *body = join3(ex("a", "squat", 2, "b", "b"), ex("b", "squat", 2, "a", "a"), NULL);
	(void)state;
	expect_error(body, "goes round in a circle");
	free(body);
}

static void rejects_pattern_change_and_level_drop(void **state)
{
	char *body = join3(ex("a", "squat", 3, NULL, "b"), ex("b", "lunge", 2, "a", NULL), NULL);
	(void)state;
	expect_error(body, "'a.harder' is 'b', which trains another pattern (lunge, not squat)");
	expect_error(body, "'a.harder' is 'b', whose level (2) is lower than the level of 'a' (3)");
	free(body);
}

static void rejects_duplicate_id(void **state)
{
	char *body = join3(ex("a", "squat", 1, NULL, NULL), ex("a", "squat", 1, NULL, NULL), NULL);
	(void)state;
	expect_error(body, "duplicate exercise id 'a' (first defined at cat.cfg:3)");
	free(body);
}

static void reports_every_problem_of_a_record(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *c;
	char *text;
	(void)state;
	assert_int_equal(load("{ id = \"x\"; name = \"X\"; pattern = \"squatt\";\n"
			      "  muscles = [\"thighs\"]; regions = [\"legs\"]; position = \"seated\";\n"
			      "  level = 9; equipment = [\"chair\"]; load = \"band\";\n"
			      "  avoid_with = [\"osteoprosis\"]; steps = [\"Do it.\"]; cues = [\"Breathe.\"];\n"
			      "  safety = [\"Stop.\"]; caregiver = [\"Watch.\"]; colour = 1; }",
			      d, &c),
			 GRADUS_EINVALID);
	text = diags_text(d);
	assert_string_equal(text,
		"cat.cfg:7: error: unknown key 'colour' in 'x'\n"
		"cat.cfg:3: error: 'x.pattern' is 'squatt'; did you mean 'squat'? (one of: sit_to_stand, squat, hinge, lunge, knee_extension, knee_flexion, hip_abduction, hip_extension, calf_raise, toe_raise, push, pull, press, core, grip, balance, mobility, warmup)\n"
		"cat.cfg:5: error: 'x.level' must be from 1 to 5 (found 9)\n"
		"cat.cfg:6: error: 'x.avoid_with[0]' is 'osteoprosis'; did you mean 'osteoporosis'? (one of: hypertension, heart_disease, heart_failure, diabetes, kidney_disease, osteoporosis, osteoarthritis, copd, dementia, parkinsons, stroke_history, cancer, blood_thinner, insulin, beta_blocker, statin, steroid, hip_posterior_precautions, spinal_flexion, spinal_twist, fall_risk, floor_transfer, breath_holding, kneeling, high_impact, weight_through_hands)\n"
		"cat.cfg:3: error: 'x': load is band, so 'equipment' must list 'band'\n");
	free(text);
	gradus_catalogue_free(c);
	gradus_diags_free(d);
}

static void builtin_catalogue_covers_everything(void **state)
{
	const gradus_catalogue *c = test_catalogue();
	unsigned patterns = 0, positions = 0;
	int levels = 0;
	(void)state;
	assert_true(gradus_catalogue_count(c) >= 60);
	for (size_t i = 0; i < gradus_catalogue_count(c); i++) {
		const gradus_exercise *e = gradus_catalogue_get(c, i);
		patterns |= 1u << e->pattern;
		positions |= 1u << e->position;
		levels |= 1 << e->level;
		assert_true(e->n_steps >= 1);
		assert_true(e->n_caregiver >= 1);
		assert_true(e->n_safety >= 1);
		if (i > 0)
			assert_true(strcmp(gradus_catalogue_get(c, i - 1)->id, e->id) < 0);
	}
	assert_int_equal(patterns, (1u << GRADUS_PAT__COUNT) - 1);
	assert_int_equal(positions, (1u << GRADUS_POS__COUNT) - 1);
	assert_int_equal(levels, 0x3e); /* levels 1..5 all present */
}

/* The main patterns have a ladder from bed or seated work up to a loaded
 * variant (issue 2). */
static void builtin_ladders_reach_loaded_work(void **state)
{
	static const gradus_pattern main_patterns[] = {
		GRADUS_PAT_SIT_TO_STAND, GRADUS_PAT_KNEE_EXTENSION,
		GRADUS_PAT_HIP_ABDUCTION, GRADUS_PAT_CALF_RAISE,
		GRADUS_PAT_PUSH, GRADUS_PAT_PULL, GRADUS_PAT_HIP_EXTENSION};
	const gradus_catalogue *c = test_catalogue();
	(void)state;
	for (size_t k = 0; k < sizeof(main_patterns) / sizeof(main_patterns[0]); k++) {
		int best = 0;
		for (size_t i = 0; i < gradus_catalogue_count(c); i++) {
			const gradus_exercise *e = gradus_catalogue_get(c, i), *p;
			int steps = 1;
			if (e->pattern != main_patterns[k] || e->easier)
				continue;
			for (p = e; p->harder; p = p->harder)
				steps++;
			if (steps > best && e->level <= 2 && p->level >= 3)
				best = steps;
		}
		if (best < 3)
			fail_msg("pattern %s has no ladder of 3+ steps from level <= 2 to >= 3",
				 gradus_pattern_name(main_patterns[k]));
	}
}

/* Issue 14: every built-in exercise has a picture. */
static void builtin_exercises_all_have_a_figure(void **state)
{
	const gradus_catalogue *c = test_catalogue();
	(void)state;
	for (size_t i = 0; i < gradus_catalogue_count(c); i++) {
		const gradus_exercise *e = gradus_catalogue_get(c, i);
		if (!e->figure.present)
			fail_msg("%s (%s:%d) has no figure", e->id, e->file, e->line);
	}
}

/* A record of a seated knee straightening with the given figure. */
static int load_figure(const char *figure, gradus_diags *d,
		       gradus_catalogue **out)
{
	char body[2048];
	snprintf(body, sizeof(body),
		 "{ id = \"k\"; name = \"Knee\"; pattern = \"knee_extension\";\n"
		 "  muscles = [\"thighs\"]; regions = [\"legs\"]; position = \"seated\";\n"
		 "  level = 2; equipment = [\"chair\"]; load = \"bodyweight\";\n"
		 "  avoid_with = []; steps = [\"Do it.\"]; cues = [\"Breathe.\"];\n"
		 "  safety = [\"Stop if it hurts.\"]; caregiver = [\"Watch.\"];\n"
		 "  figure = %s; }", figure);
	return load(body, d, out);
}

static void expect_figure_error(const char *figure, const char *msg, int line)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *c;
	char *text;
	assert_int_equal(load_figure(figure, d, &c), GRADUS_EINVALID);
	text = diags_text(d);
	if (!strstr(text, msg))
		fail_msg("expected '%s' in:\n%s", msg, text);
	assert_int_equal(gradus_diags_get(d, 0)->line, line);
	free(text);
	gradus_catalogue_free(c);
	gradus_diags_free(d);
}

static void a_figure_loads_and_end_keeps_the_start(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *c;
	const gradus_exercise *e;
	(void)state;
	assert_int_equal(load_figure("{ base = \"seat\"; props = [\"chair\"]; "
				     "limbs = \"one\"; moves = \"ankle\";\n"
				     "start = { hip = 90; knee = 90; };\n"
				     "end = { knee = 0; }; }", d, &c), GRADUS_OK);
	e = gradus_catalogue_find(c, "k");
	assert_true(e->figure.present);
	assert_int_equal(e->figure.end.hip, 90);
	assert_int_equal(e->figure.end.knee, 0);
	assert_int_equal(e->figure.end.other_knee, 90); /* one leg moves */
	assert_int_equal(e->figure.start.other_knee, 90);
	assert_int_equal(e->figure.moves, GRADUS_FIG_PT_ANKLE);
	gradus_catalogue_free(c);
	gradus_diags_free(d);
}

static void a_catalogue_without_figures_loads(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *c;
	char *body = ex("a", "squat", 1, NULL, NULL);
	(void)state;
	assert_int_equal(load(body, d, &c), GRADUS_OK);
	assert_false(gradus_catalogue_find(c, "a")->figure.present);
	assert_int_equal(gradus_diags_count(d), 0);
	gradus_catalogue_free(c);
	gradus_diags_free(d);
	free(body);
}

static void rejects_a_joint_out_of_range(void **state)
{
	(void)state;
	expect_figure_error("{ base = \"seat\"; props = [\"chair\"]; moves = \"ankle\";\n"
			    "start = { hip = 90; knee = 170; };\nend = { knee = 0; }; }",
			    "'k.figure.start.knee' must be from 0 to 150 (found 170)", 9);
}

static void rejects_a_floating_body(void **state)
{
	(void)state;
	expect_figure_error("{ base = \"floor\"; props = [\"chair\"]; moves = \"pelvis\";\n"
			    "start = { lift = 0; };\nend = { lift = 25; }; }",
			    "'k.figure.end': the body floats 25 cm above the floor", 10);
}

static void rejects_a_body_through_the_bed(void **state)
{
	(void)state;
	expect_figure_error("{ base = \"bed\"; props = [\"bed\", \"chair\"]; moves = \"ankle\";\n"
			    "start = { trunk = -90; lift = -12; };\nend = { ankle = 30; }; }",
			    "the body goes 12 cm into the bed", 9);
}

static void rejects_a_missing_prop(void **state)
{
	(void)state;
	expect_figure_error("{ base = \"seat\"; props = [\"wall\"]; moves = \"ankle\";\n"
			    "start = { hip = 90; knee = 90; };\nend = { knee = 0; }; }",
			    "'k.figure.props' must show 'chair': the exercise uses chair", 8);
}

/* Issue 14: the signs and views a picture needs to be recognised. */
static void loads_a_mark_a_feet_view_and_a_side_anchor(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *c;
	const gradus_figure *f;
	(void)state;
	assert_int_equal(load_figure("{ view = \"feet\"; base = \"bed\"; props = [\"bed\", \"chair\"];\n"
				     "moves = \"knee\"; mark = \"turn\";\n"
				     "start = { hip = 60; knee = 110; };\nend = { roll = 40; }; }",
				     d, &c), GRADUS_OK);
	f = &gradus_catalogue_find(c, "k")->figure;
	assert_int_equal(f->view, GRADUS_FIG_VIEW_FEET);
	assert_int_equal(f->mark, GRADUS_FIG_MARK_TURN);
	assert_int_equal(f->start.roll, 0);
	assert_int_equal(f->end.roll, 40);
	gradus_catalogue_free(c);
	gradus_diags_free(d);
}

static void rejects_an_unknown_mark(void **state)
{
	(void)state;
	expect_figure_error("{ base = \"seat\"; props = [\"chair\"]; moves = \"ankle\";\n"
			    "mark = \"wiggle\";\nstart = { hip = 90; knee = 90; };\nend = { knee = 0; }; }",
			    "'k.figure.mark'", 9);
}

static void rejects_a_roll_outside_the_feet_view(void **state)
{
	(void)state;
	expect_figure_error("{ base = \"seat\"; props = [\"chair\"]; moves = \"ankle\";\n"
			    "start = { hip = 90; knee = 90; };\nend = { knee = 0; roll = 20; }; }",
			    "'k.figure.end.roll' is drawn only in the feet view", 10);
}

static void rejects_a_roll_out_of_range(void **state)
{
	(void)state;
	expect_figure_error("{ view = \"feet\"; base = \"bed\"; props = [\"bed\", \"chair\"]; moves = \"knee\";\n"
			    "start = { hip = 60; knee = 110; };\nend = { roll = 90; }; }",
			    "'k.figure.end.roll' must be from -60 to 60 (found 90)", 10);
}

/* Issue 14: shoulders that turn, seen from above; a body lying on its
 * side, seen from in front and above, whose top knee opens (a roll). */
static void loads_a_turn_and_the_front_above_view(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *c;
	const gradus_figure *f;
	(void)state;
	assert_int_equal(load_figure("{ view = \"top\"; base = \"seat\"; props = [\"chair\"];\n"
				     "moves = \"head\";\nstart = { hip = 90; knee = 95; };\n"
				     "end = { turn = 70; }; }",
				     d, &c), GRADUS_OK);
	f = &gradus_catalogue_find(c, "k")->figure;
	assert_int_equal(f->start.turn, 0);
	assert_int_equal(f->end.turn, 70);
	gradus_catalogue_free(c);
	assert_int_equal(load_figure("{ view = \"front_above\"; base = \"bed\";\n"
				     "props = [\"bed\", \"chair\"]; moves = \"knee\";\n"
				     "start = { hip = 45; knee = 90; };\nend = { roll = 40; }; }",
				     d, &c), GRADUS_OK);
	f = &gradus_catalogue_find(c, "k")->figure;
	assert_int_equal(f->view, GRADUS_FIG_VIEW_FRONT_ABOVE);
	assert_int_equal(f->end.roll, 40);
	gradus_catalogue_free(c);
	gradus_diags_free(d);
}

static void rejects_a_turn_outside_the_top_view(void **state)
{
	(void)state;
	expect_figure_error("{ base = \"seat\"; props = [\"chair\"]; moves = \"head\";\n"
			    "start = { hip = 90; knee = 90; };\nend = { turn = 30; }; }",
			    "'k.figure.end.turn' is drawn only seen from above", 10);
	expect_figure_error("{ view = \"top\"; base = \"bed\"; props = [\"bed\", \"chair\"];\n"
			    "moves = \"head\";\nstart = { trunk = -90; turn = 20; };\nend = { hip = 20; }; }",
			    "'k.figure.start.turn' is drawn only seen from above (view = \"top\"), "
			    "sitting or standing", 10);
}

static void rejects_a_turn_out_of_range(void **state)
{
	(void)state;
	expect_figure_error("{ view = \"top\"; base = \"seat\"; props = [\"chair\"]; moves = \"head\";\n"
			    "start = { hip = 90; knee = 90; };\nend = { turn = 120; }; }",
			    "'k.figure.end.turn' must be from -90 to 90 (found 120)", 10);
}

static void rejects_the_front_above_view_of_a_seated_body(void **state)
{
	(void)state;
	expect_figure_error("{ view = \"front_above\"; base = \"seat\"; props = [\"chair\"];\n"
			    "moves = \"knee\";\nstart = { hip = 90; knee = 90; };\nend = { roll = 20; }; }",
			    "'k.figure.start': the front_above view draws a body lying on its side", 10);
}

static void rejects_a_misspelt_view(void **state)
{
	(void)state;
	expect_figure_error("{ view = \"front_abov\"; base = \"bed\"; props = [\"bed\", \"chair\"];\n"
			    "moves = \"knee\";\nstart = { hip = 45; knee = 90; };\nend = { roll = 20; }; }",
			    "'k.figure.view'", 8);
}

static void rejects_a_side_anchor_in_the_side_view(void **state)
{
	(void)state;
	expect_figure_error("{ base = \"seat\"; props = [\"chair\", \"band\"];\n"
			    "band = [\"hand\", \"side\"]; moves = \"hand\";\n"
			    "start = { hip = 90; knee = 90; };\nend = { shoulder = 90; }; }",
			    "a band tied at the 'side' shows only in the front or top view", 9);
}

/* Issue 16, item 3: a file's exercise with a built-in id (one outside
 * every ladder) replaces the built-in one; a new id is added; two files' exercises with one id are
 * still a duplicate. */
static void an_added_exercise_replaces_a_builtin_one(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *c;
	const gradus_exercise *e;
	size_t n;
	char *body = ex("wrist-curl-dumbbell", "grip", 1, NULL, NULL);
	char *text = malloc(strlen(body) + 1024);
	(void)state;
	sprintf(text, "format = 1;\nexercises = (\n%s,\n%s\n);\n", body,
		"{ id = \"towel-twist\"; name = \"Twist\"; pattern = \"grip\";"
		" muscles = [\"forearm\"]; regions = [\"arms\"]; position = \"seated\";"
		" level = 1; equipment = [\"chair\"]; load = \"bodyweight\";"
		" avoid_with = []; steps = [\"Do it.\"]; cues = [\"Breathe.\"];"
		" safety = [\"Stop if it hurts.\"]; caregiver = [\"Watch.\"]; }");
	assert_int_equal(gradus_catalogue_new(&c), GRADUS_OK);
	assert_int_equal(gradus_catalogue_add_builtin(c, d), GRADUS_OK);
	n = gradus_catalogue_count(c);
	assert_true(gradus_catalogue_find(c, "wrist-curl-dumbbell")->builtin);
	assert_int_equal(gradus_catalogue_add_string(c, "mine.cfg", text, d), GRADUS_OK);
	assert_int_equal(gradus_catalogue_finish(c, d), GRADUS_OK);
	assert_int_equal(gradus_diags_count(d), 0);
	assert_int_equal(gradus_catalogue_count(c), n + 1);
	e = gradus_catalogue_find(c, "wrist-curl-dumbbell");
	assert_false(e->builtin);
	assert_string_equal(e->name, "Test wrist-curl-dumbbell");
	assert_string_equal(e->file, "mine.cfg");
	assert_false(gradus_catalogue_find(c, "towel-twist")->builtin);
	assert_true(gradus_catalogue_find(c, "sit-to-stand-arms")->builtin);
	gradus_catalogue_free(c);

	/* a second file with the same id: a duplicate, told at its line */
	assert_int_equal(gradus_catalogue_new(&c), GRADUS_OK);
	assert_int_equal(gradus_catalogue_add_builtin(c, d), GRADUS_OK);
	assert_int_equal(gradus_catalogue_add_string(c, "a.cfg", text, d), GRADUS_OK);
	assert_int_equal(gradus_catalogue_add_string(c, "b.cfg", text, d), GRADUS_EINVALID);
	gradus_catalogue_free(c);
	{
		char *got = diags_text(d);
		assert_non_null(strstr(got, "b.cfg:3: error: duplicate exercise id 'wrist-curl-dumbbell' (first defined at a.cfg:3)"));
		free(got);
	}
	free(text);
	free(body);
	gradus_diags_free(d);
}

/* An added exercise that breaks a built-in ladder is an error told at the
 * added file, naming the built-in exercise that links to it. */
static void an_added_exercise_breaking_a_builtin_ladder_is_told_there(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *c;
	char *body = ex("sit-to-stand-arms", "sit_to_stand", 2, NULL, NULL);
	char *text = malloc(strlen(body) + 64), *got;
	(void)state;
	sprintf(text, "format = 1;\nexercises = (\n%s\n);\n", body);
	assert_int_equal(gradus_catalogue_new(&c), GRADUS_OK);
	assert_int_equal(gradus_catalogue_add_builtin(c, d), GRADUS_OK);
	assert_int_equal(gradus_catalogue_add_string(c, "mine.cfg", text, d), GRADUS_OK);
	assert_int_equal(gradus_catalogue_finish(c, d), GRADUS_EINVALID);
	got = diags_text(d);
	assert_non_null(strstr(got, "mine.cfg:3: error: 'sit-to-stand-high-seat.harder' is 'sit-to-stand-arms', but 'sit-to-stand-arms.easier' does not name it back (the built-in exercise 'sit-to-stand-high-seat', exercises/legs.cfg:"));
	assert_null(strstr(got, "\nexercises/"));
	assert_true(strncmp(got, "mine.cfg:", 9) == 0);
	free(got);
	free(text);
	free(body);
	gradus_catalogue_free(c);
	gradus_diags_free(d);
}

/* A finished catalogue finds every exercise by its id (by halves: the
 * items are in id order), and nothing for an id it does not hold: one
 * just before or after a real one, a prefix, one longer, the empty one. */
static void finds_every_id_when_finished(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *c;
	char id[128];
	size_t n;
	(void)state;
	assert_int_equal(gradus_catalogue_new(&c), GRADUS_OK);
	assert_int_equal(gradus_catalogue_add_builtin(c, d), GRADUS_OK);
	assert_int_equal(gradus_catalogue_finish(c, d), GRADUS_OK);
	n = gradus_catalogue_count(c);
	assert_true(n > 100);
	for (size_t i = 0; i < n; i++) {
		const gradus_exercise *e = gradus_catalogue_get(c, i);
		size_t len = strlen(e->id);
		assert_ptr_equal(gradus_catalogue_find(c, e->id), e);
		assert_true(len > 1 && len + 2 < sizeof(id));
		snprintf(id, sizeof(id), "%s-", e->id);
		assert_null(gradus_catalogue_find(c, id));
		for (int k = 0; k < 2; k++) {
			const gradus_exercise *f;
			memcpy(id, e->id, len + 1);
			if (k == 0)
				id[len - 1] = '\0';     /* a prefix */
			else
				id[len - 1]--;          /* just before */
			f = gradus_catalogue_find(c, id);
			if (f) /* only an exercise of exactly that id */
				assert_string_equal(f->id, id);
		}
	}
	assert_null(gradus_catalogue_find(c, ""));
	assert_null(gradus_catalogue_find(c, "zzzz"));
	assert_null(gradus_catalogue_find(c, "!"));
	gradus_catalogue_free(c);
	gradus_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_a_valid_ladder),
		cmocka_unit_test(rejects_dangling_link_with_hint),
		cmocka_unit_test(rejects_one_way_link),
		cmocka_unit_test(rejects_cycle),
		cmocka_unit_test(rejects_pattern_change_and_level_drop),
		cmocka_unit_test(rejects_duplicate_id),
		cmocka_unit_test(reports_every_problem_of_a_record),
		cmocka_unit_test(builtin_catalogue_covers_everything),
		cmocka_unit_test(builtin_ladders_reach_loaded_work),
		cmocka_unit_test(builtin_exercises_all_have_a_figure),
		cmocka_unit_test(a_figure_loads_and_end_keeps_the_start),
		cmocka_unit_test(a_catalogue_without_figures_loads),
		cmocka_unit_test(rejects_a_joint_out_of_range),
		cmocka_unit_test(rejects_a_floating_body),
		cmocka_unit_test(rejects_a_body_through_the_bed),
		cmocka_unit_test(rejects_a_missing_prop),
		cmocka_unit_test(loads_a_mark_a_feet_view_and_a_side_anchor),
		cmocka_unit_test(rejects_an_unknown_mark),
		cmocka_unit_test(an_added_exercise_replaces_a_builtin_one),
		cmocka_unit_test(an_added_exercise_breaking_a_builtin_ladder_is_told_there),
		cmocka_unit_test(rejects_a_roll_outside_the_feet_view),
		cmocka_unit_test(rejects_a_roll_out_of_range),
		cmocka_unit_test(rejects_a_side_anchor_in_the_side_view),
		cmocka_unit_test(loads_a_turn_and_the_front_above_view),
		cmocka_unit_test(rejects_a_turn_outside_the_top_view),
		cmocka_unit_test(rejects_a_turn_out_of_range),
		cmocka_unit_test(rejects_the_front_above_view_of_a_seated_body),
		cmocka_unit_test(rejects_a_misspelt_view),
		cmocka_unit_test(finds_every_id_when_finished),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
