/* The generator's progression model, rule by rule (docs/generation.md,
 * section 4), on the shipped example profiles and small variations of
 * them. The property test holds the invariants over generated profiles;
 * these tests name the rules one at a time. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#ifdef __GLIBC__
#include <malloc.h>
#endif

typedef struct {
	gradus_profile *p;
	gradus_screening *s;
	gradus_plan *pl;
} made;

static made plan_text(const char *text)
{
	made m = {NULL, NULL, NULL};
	gradus_diags *d = gradus_diags_new();
	m.p = profile_from(text, d);
	assert_non_null(m.p);
	assert_int_equal(gradus_screen(&m.s, m.p, (gradus_date){0, 0, 0}, d), GRADUS_OK);
	assert_int_equal(gradus_plan_generate(&m.pl, m.p, m.s, test_catalogue(),
					      test_templates(), NULL, d), GRADUS_OK);
	gradus_diags_free(d);
	return m;
}

static made plan_file(const char *path)
{
	char *text = read_text(path);
	made m = plan_text(text);
	free(text);
	return m;
}

static void unmake(made *m)
{
	gradus_plan_free(m->pl);
	gradus_screening_free(m->s);
	gradus_profile_free(m->p);
}

static const gradus_item *item_of(const gradus_plan *pl, size_t w, const char *prefix)
{
	const gradus_session *s = &pl->weeks[w].sessions[0];
	for (size_t i = 0; i < s->n_items; i++)
		if (strncmp(s->items[i].exercise->id, prefix, strlen(prefix)) == 0)
			return &s->items[i];
	return NULL;
}

/* Lighter weeks every 6th week from week 6, never in the first 5. */
static void lighter_weeks_are_6_and_12(void **state)
{
	made m = plan_file("profiles/examples/margaret-sarcopenia.cfg");
	(void)state;
	assert_int_equal(m.pl->n_weeks, 12);
	for (size_t w = 0; w < m.pl->n_weeks; w++)
		assert_int_equal(m.pl->weeks[w].deload, w == 5 || w == 11);
	unmake(&m);
}

/* Double progression: David's knee straightening climbs the ankle
 * weights he owns, each rise one owned step, reps back to the bottom of
 * the range, and ends at 1.5 kg or more. */
static void loads_rise_one_owned_step_with_reps_back_to_the_bottom(void **state)
{
	made m = plan_file("profiles/examples/leg-cast-55.cfg");
	double last = 0;
	int rises = 0;
	(void)state;
	for (size_t w = 0; w < m.pl->n_weeks; w++) {
		const gradus_item *it = item_of(m.pl, w, "seated-knee-extension");
		assert_non_null(it);
		assert_int_equal(it->load.kind, GRADUS_LOAD_ANKLE_WEIGHT);
		if (w > 0 && it->load.kg > last + 1e-9) {
			rises++;
			assert_true(it->load.kg - last <= 0.5 + 1e-9);
			assert_int_equal(it->change, GRADUS_CHANGE_LOAD);
			/* reps start again at the bottom of the phase range */
			assert_true(it->reps_min <= 10);
		}
		last = it->load.kg;
	}
	assert_true(rises >= 1);
	assert_true(last >= 1.5 - 1e-9);
	unmake(&m);
}

/* The therapist's start load wins over the default. */
static void start_load_is_used(void **state)
{
	char *text = read_text("profiles/examples/margaret-sarcopenia.cfg");
	char *t2 = replace(text, "program: {",
			   "program: {\n  start_load = ( { exercise = \"seated-knee-extension-ankle-weight\"; kg = 1.5; } );");
	made m = plan_text(t2);
	const gradus_item *it = item_of(m.pl, 0, "seated-knee-extension-ankle-weight");
	(void)state;
	assert_non_null(it);
	assert_true(fabs(it->load.kg - 1.5) < 1e-9);
	unmake(&m);
	free(t2);
	free(text);
}

/* The therapist's pin for a slot wins over the generator's choice. */
static void pin_is_used(void **state)
{
	char *text = read_text("profiles/examples/margaret-sarcopenia.cfg");
	char *t2 = replace(text, "program: {",
			   "program: {\n  pin = ( { slot = \"pull\"; exercise = \"seated-band-row\"; } );");
	made m = plan_text(t2);
	(void)state;
	assert_non_null(item_of(m.pl, 0, "seated-band-row"));
	assert_null(item_of(m.pl, 0, "seated-band-pull-apart"));
	unmake(&m);
	free(t2);
	free(text);
}

/* One-limb disuse: the affected side gets one more set than the other,
 * on the one-sided exercises of that limb. */
static void one_limb_gets_an_extra_set(void **state)
{
	made m = plan_file("profiles/examples/leg-cast-55.cfg");
	bool extra = false;
	(void)state;
	for (size_t w = 0; w < m.pl->n_weeks; w++) {
		const gradus_item *it = item_of(m.pl, w, "seated-knee-extension");
		if (it->affected_sets) {
			assert_int_equal(it->affected_sets, it->sets + 1);
			extra = true;
		}
		/* learning weeks: the same for both sides */
		if (w < 2)
			assert_int_equal(it->affected_sets, 0);
	}
	assert_true(extra);
	unmake(&m);
}

/* The whole body: every example plan not at bed level has a push or
 * press and a pull; osteoporosis adds back-extensor work; 30 minutes or
 * more hold at least 6 exercises. */
static void whole_body_in_every_example(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_plannable_profiles; i++) {
		made m = plan_file(plannable_profiles[i]);
		const gradus_session *s = &m.pl->weeks[0].sessions[0];
		bool push = false, pull = false, back = false;
		for (size_t k = 0; k < s->n_items; k++) {
			const gradus_exercise *e = s->items[k].exercise;
			push |= e->pattern == GRADUS_PAT_PUSH || e->pattern == GRADUS_PAT_PRESS;
			pull |= e->pattern == GRADUS_PAT_PULL;
			/* the spinal extensors, or the upper back in a pull
			 * done sitting or standing tall (docs/generation.md) */
			for (size_t j = 0; j < e->n_muscles; j++)
				back |= strstr(e->muscles[j], "spinal extensors") != NULL ||
					(e->pattern == GRADUS_PAT_PULL && e->position != GRADUS_POS_BED &&
					 e->position != GRADUS_POS_SUPINE && e->position != GRADUS_POS_PRONE &&
					 strstr(e->muscles[j], "upper back") != NULL);
		}
		if (m.p->mobility != GRADUS_MOB_BED) {
			if (!push || !pull)
				fail_msg("%s: no %s", plannable_profiles[i], push ? "pull" : "push or press");
		}
		if (m.p->conditions & GRADUS_TAGBIT(GRADUS_TAG_OSTEOPOROSIS) && !back) {
			/* none fits (Elsie: in bed, no chair): the therapist's
			 * page must say so */
			bool said = false;
			for (size_t k = 0; k < m.pl->n_warnings; k++)
				said |= strstr(m.pl->warnings[k], "back-extensor") != NULL;
			if (!said)
				fail_msg("%s: osteoporosis without back-extensor work, and not said why",
					 plannable_profiles[i]);
		}
		if (m.p->minutes >= 30 && s->n_items < 6)
			fail_msg("%s: %zu exercises in %d minutes", plannable_profiles[i], s->n_items, m.p->minutes);
		unmake(&m);
	}
}

/* The minutes are used: the longest session of each example plan is
 * 80 % to 100 % of the person's minutes. */
static void sessions_use_the_minutes(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_plannable_profiles; i++) {
		made m = plan_file(plannable_profiles[i]);
		int longest = 0;
		for (size_t w = 0; w < m.pl->n_weeks; w++)
			for (size_t j = 0; j < m.pl->weeks[w].n_sessions; j++)
				if (m.pl->weeks[w].sessions[j].minutes > longest)
					longest = m.pl->weeks[w].sessions[j].minutes;
		if (longest > m.p->minutes || longest * 10 < m.p->minutes * 8)
			fail_msg("%s: longest session %d of %d minutes", plannable_profiles[i],
				 longest, m.p->minutes);
		unmake(&m);
	}
}

/* Fall risk "+": getting up starts pushing with the arms, and balance
 * is always done holding on. */
static void fall_risk_starts_lower_and_holds_on(void **state)
{
	made m = plan_file("profiles/examples/margaret-sarcopenia.cfg");
	(void)state;
	assert_true(m.pl->assessment.fall_risk_plus);
	assert_non_null(item_of(m.pl, 0, "sit-to-stand-arms"));
	for (size_t w = 0; w < m.pl->n_weeks; w++) {
		const gradus_session *s = &m.pl->weeks[w].sessions[0];
		for (size_t b = 0; b < s->n_balance; b++)
			assert_int_not_equal(s->balance[b]->position, GRADUS_POS_STANDING);
	}
	unmake(&m);
}

static const gradus_versions *versions_of(const gradus_plan *pl, const char *id)
{
	const gradus_exercise *e = gradus_catalogue_find(test_catalogue(), id);
	assert_non_null(e);
	return gradus_plan_versions(pl, e);
}

static const char *id_of(const gradus_exercise *e)
{
	return e ? e->id : "(none)";
}

/* The guide names only versions the person may do. Margaret walks with
 * a stick and has no gym: the catalogue's next rungs "Heel raises
 * without holding on" (position standing: safety invariant 9) and "Leg
 * extension machine" (a gym) are not named; "Sit to stand with your
 * arms crossed" is, and the plan moves on to it; "Sit to stand, sitting
 * down slowly" is safe for her but not in these 12 weeks. */
static void versions_named_are_for_the_person(void **state)
{
	made m = plan_file("profiles/examples/margaret-sarcopenia.cfg");
	const gradus_versions *v;
	(void)state;

	v = versions_of(m.pl, "calf-raise-supported");
	assert_non_null(v);
	assert_null(v->harder);
	assert_string_equal(id_of(v->easier), "seated-calf-raise");

	v = versions_of(m.pl, "seated-knee-extension-ankle-weight");
	assert_non_null(v);
	assert_null(v->harder);
	assert_string_equal(id_of(v->easier), "seated-knee-extension");

	v = versions_of(m.pl, "sit-to-stand-arms");
	assert_non_null(v);
	assert_string_equal(id_of(v->harder), "sit-to-stand-no-arms");
	assert_true(v->harder_later);

	v = versions_of(m.pl, "sit-to-stand-no-arms");
	assert_non_null(v);
	assert_string_equal(id_of(v->harder), "sit-to-stand-slow");
	assert_false(v->harder_later);
	assert_string_equal(id_of(v->easier), "sit-to-stand-arms");

	/* not in her plan: nothing to name */
	assert_null(versions_of(m.pl, "leg-press-machine"));
	unmake(&m);
}

/* "You will need light dumbbells" only for a harder version the person
 * may do. Margaret with weak hands and 45 minutes gets "Wring out a
 * towel" and "Sit to stand, sitting down slowly"; their harder versions
 * need dumbbells, which she does not own. The dumbbell hold is not for
 * her (hypertension: no breath holding), and she excludes the other:
 * so no dumbbells, only the next band. */
static void next_loads_only_for_what_is_safe(void **state)
{
	char *text = read_text("profiles/examples/margaret-sarcopenia.cfg");
	char *t2 = replace(text, "regions = [\"legs\", \"hips\"];", "regions = [\"hands\"];");
	char *t3 = replace(t2, "minutes = 30;", "minutes = 45; exclude = [\"sit-to-stand-dumbbell\"];");
	made m = plan_text(t3);
	bool wring = false, slow = false, band = false;
	(void)state;

	for (size_t w = 0; w < m.pl->n_weeks; w++) {
		const gradus_session *s = &m.pl->weeks[w].sessions[0];
		for (size_t k = 0; k < s->n_items; k++) {
			wring |= strcmp(s->items[k].exercise->id, "seated-towel-wring") == 0;
			slow |= strcmp(s->items[k].exercise->id, "sit-to-stand-slow") == 0;
		}
	}
	assert_true(wring && slow); /* else the test proves nothing */
	for (size_t i = 0; i < m.pl->n_advice; i++) {
		if (strstr(m.pl->advice[i], "dumbbell"))
			fail_msg("advice names dumbbells: %s", m.pl->advice[i]);
		band |= strstr(m.pl->advice[i], "you will need a green band") != NULL;
	}
	assert_true(band);
	unmake(&m);
	free(t3);
	free(t2);
	free(text);
}

/* Balance climbs its ladder and walking builds toward 30 minutes. */
static void balance_and_walking_progress(void **state)
{
	made m = plan_file("profiles/examples/margaret-sarcopenia.cfg");
	const gradus_session *first = &m.pl->weeks[0].sessions[0];
	const gradus_session *late = &m.pl->weeks[9].sessions[0];
	bool climbed = false;
	(void)state;
	for (size_t b = 0; b < first->n_balance && b < late->n_balance; b++)
		climbed |= first->balance[b] != late->balance[b];
	assert_true(climbed);
	assert_true(m.pl->weeks[0].walking_min < m.pl->weeks[9].walking_min);
	assert_int_equal(m.pl->weeks[9].walking_min, 30);
	unmake(&m);
}

/* A wrist just out of a cast carries no body weight: no push-ups. */
static void healing_wrist_gets_no_push_ups(void **state)
{
	char *text = read_text("profiles/examples/leg-cast-55.cfg");
	char *t2 = replace(text, "immobilised = { region = \"left_leg\"; ended = \"2026-11-10\"; };",
			   "immobilised = { region = \"left_arm\"; ended = \"2026-11-10\"; };");
	char *t3 = replace(t2, "regions = [\"left_leg\"];", "regions = [\"left_arm\"];");
	char *t4 = replace(t3, "fracture = ( { region = \"left_leg\";", "fracture = ( { region = \"left_arm\";");
	made m = plan_text(t4);
	(void)state;
	for (size_t w = 0; w < m.pl->n_weeks; w++) {
		const gradus_session *s = &m.pl->weeks[w].sessions[0];
		for (size_t k = 0; k < s->n_items; k++)
			if (s->items[k].exercise->avoid & GRADUS_TAGBIT(GRADUS_TAG_WEIGHT_THROUGH_HANDS))
				fail_msg("week %zu: %s", w + 1, s->items[k].exercise->id);
	}
	unmake(&m);
	free(t4);
	free(t3);
	free(t2);
	free(text);
}

/* --explain names the real reason when nothing rose. */
static void waits_name_their_reason(void **state)
{
	made m = plan_file("profiles/examples/margaret-sarcopenia.cfg");
	const gradus_item *it = item_of(m.pl, 1, "seated-knee-extension");
	bool learning = false;
	(void)state;
	assert_int_equal(it->change, GRADUS_CHANGE_NONE);
	for (size_t k = 0; k < it->n_why; k++)
		learning |= strstr(it->why[k].text, "learning the movements") != NULL;
	assert_true(learning);
	unmake(&m);
}

/* --week: a cut is the very weeks of the whole plan, numbers kept; the
 * rest of the plan is the whole plan's; weeks outside it are refused. */
static void cut_keeps_the_weeks_of_the_whole_plan(void **state)
{
	made m = plan_file("profiles/examples/margaret-sarcopenia.cfg");
	gradus_plan v, untouched;
	(void)state;
	assert_int_equal(gradus_plan_last_week(m.pl), 12);
	assert_int_equal(gradus_plan_cut(&v, m.pl, 5, 6), GRADUS_OK);
	assert_int_equal(v.n_weeks, 2);
	assert_ptr_equal(v.weeks, &m.pl->weeks[4]);
	assert_int_equal(v.weeks[0].number, 5);
	assert_int_equal(v.weeks[1].number, 6);
	assert_int_equal(v.weeks_n, 12);
	assert_int_equal(gradus_plan_last_week(&v), 12);
	assert_ptr_equal(v.profile, m.pl->profile);
	assert_int_equal(gradus_plan_cut(&v, m.pl, 12, 12), GRADUS_OK);
	assert_int_equal(v.n_weeks, 1);
	assert_int_equal(v.weeks[0].number, 12);
	memset(&untouched, 0, sizeof(untouched));
	v = untouched;
	assert_int_equal(gradus_plan_cut(&v, m.pl, 0, 1), GRADUS_EUSAGE);
	assert_int_equal(gradus_plan_cut(&v, m.pl, 12, 13), GRADUS_EUSAGE);
	assert_int_equal(gradus_plan_cut(&v, m.pl, 4, 3), GRADUS_EUSAGE);
	assert_int_equal(gradus_plan_cut(NULL, m.pl, 1, 1), GRADUS_EUSAGE);
	assert_int_equal(gradus_plan_cut(&v, NULL, 1, 1), GRADUS_EUSAGE);
	assert_int_equal(memcmp(&v, &untouched, sizeof(v)), 0);
	unmake(&m);
}

/* JSON text without the layout between its tokens. */
static void squeeze(char *t)
{
	char *o = t;
	bool inside = false, escaped = false;
	for (; *t; t++) {
		if (inside) {
			if (escaped)
				escaped = false;
			else if (*t == '\\')
				escaped = true;
			else if (*t == '"')
				inside = false;
		} else if (*t == '"')
			inside = true;
		else if (strchr(" \t\r\n", *t))
			continue;
		*o++ = *t;
	}
	*o = '\0';
}

/* Issue 17: gradus_plan_render_compact prints, into a buffer the caller
 * keeps, exactly the pretty JSON without its layout; it grows the
 * buffer when the text does not fit, keeps what is before `at`, and
 * reuses the buffer without growing it for the next plan. */
static void compact_json_is_the_pretty_json_in_one_kept_buffer(void **state)
{
	made m = plan_file("profiles/examples/margaret-sarcopenia.cfg");
	char *pretty = NULL, *buf = malloc(16);
	size_t cap = 16, len = 0, cap_after;
	(void)state;
	assert_non_null(buf);
	memcpy(buf, "head:", 6);
	assert_int_equal(gradus_plan_render(&pretty, NULL, m.pl, GRADUS_PLAN_JSON, NULL),
			 GRADUS_OK);
	squeeze(pretty);
	assert_int_equal(gradus_plan_render_compact(&buf, &cap, 5, &len, m.pl), GRADUS_OK);
	assert_true(cap > 16);
	assert_memory_equal(buf, "head:", 5);
	assert_int_equal(len, strlen(pretty));
	assert_string_equal(buf + 5, pretty);
	cap_after = cap;
	assert_int_equal(gradus_plan_render_compact(&buf, &cap, 0, &len, m.pl), GRADUS_OK);
	assert_int_equal(cap, cap_after);
	assert_string_equal(buf, pretty);
	assert_int_equal(gradus_plan_render_compact(&buf, &cap, cap + 1, &len, m.pl),
			 GRADUS_EUSAGE);
	free(pretty);
	assert_int_equal(gradus_screening_render(&pretty, m.s, m.p, GRADUS_SCREEN_JSON),
			 GRADUS_OK);
	squeeze(pretty);
	assert_int_equal(gradus_screening_render_compact(&buf, &cap, 0, NULL, m.s), GRADUS_OK);
	assert_string_equal(buf, pretty);
	free(pretty);
	free(buf);
	unmake(&m);
}

/* The plan's JSON and its text with the reasons, for comparing. */
static char *plan_words(const gradus_plan *pl)
{
	gradus_render_options ro = {0};
	char *json = NULL, *text = NULL, *both;
	size_t cap = 0, len = 0;
	ro.explain = true;
	assert_int_equal(gradus_plan_render_compact(&json, &cap, 0, &len, pl), GRADUS_OK);
	assert_int_equal(gradus_plan_render(&text, NULL, pl, GRADUS_PLAN_TEXT, &ro),
			 GRADUS_OK);
	both = malloc(len + strlen(text) + 2);
	assert_non_null(both);
	sprintf(both, "%s\n%s", json, text);
	free(json);
	free(text);
	return both;
}

/* Issue 17: a plan made in the memory of another (as gradus batch makes
 * them, gradus_plan_generate_reuse) is the plan made afresh, byte for
 * byte: every plannable example after every other, a 52-week plan
 * before and after a 12-week one. A plan that cannot be made frees the
 * old one. */
static void reused_plan_is_the_fresh_plan(void **state)
{
	made m[16];
	char *fresh[16];
	gradus_plan *kept = NULL;
	gradus_plan_options po = {0}, po52 = {0};
	gradus_diags *d = gradus_diags_new();
	size_t n = n_plannable_profiles;
	(void)state;
	assert_true(n <= 16);
	po52.weeks = 52;
	for (size_t i = 0; i < n; i++) {
		m[i] = plan_file(plannable_profiles[i]);
		fresh[i] = plan_words(m[i].pl);
	}
	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n; b++) {
			char *got;
			bool big = (a + b) % 2;
			assert_int_equal(gradus_plan_generate_reuse(&kept, m[a].p, m[a].s,
				test_catalogue(), test_templates(), big ? &po52 : &po, d),
				GRADUS_OK);
			assert_int_equal(gradus_plan_generate_reuse(&kept, m[b].p, m[b].s,
				test_catalogue(), test_templates(), &po, d), GRADUS_OK);
			got = plan_words(kept);
			assert_string_equal(got, fresh[b]);
			free(got);
		}
	assert_int_equal(gradus_diags_count(d), 0);
	{
		/* gated: no plan, and the old one is freed (ASan, valgrind) */
		made g = {NULL, NULL, NULL};
		char *text = read_text("profiles/examples/neuro-suspected.cfg");
		g.p = profile_from(text, d);
		assert_int_equal(gradus_screen(&g.s, g.p, (gradus_date){0, 0, 0}, d),
				 GRADUS_OK);
		assert_int_equal(gradus_plan_generate_reuse(&kept, g.p, g.s,
				 test_catalogue(), test_templates(), NULL, d),
				 GRADUS_EUSAGE);
		assert_null(kept);
		free(text);
		unmake(&g);
	}
	for (size_t i = 0; i < n; i++) {
		free(fresh[i]);
		unmake(&m[i]);
	}
	gradus_diags_free(d);
}

/* Issue 17: once its memory has grown to a plan's size, a plan made in
 * the memory of the one before allocates nothing more: the heap in use
 * is the same after 20 more plans (the arena is reset, not added to).
 * glibc only (mallinfo2); under a sanitizer its figures are 0 and the
 * test says nothing. */
static void reused_plan_memory_stays_flat(void **state)
{
#ifdef __GLIBC__
	made m = plan_file("profiles/examples/margaret-sarcopenia.cfg");
	gradus_plan *kept = NULL, *first;
	size_t before;
	(void)state;
	for (int i = 0; i < 3; i++)
		assert_int_equal(gradus_plan_generate_reuse(&kept, m.p, m.s,
				 test_catalogue(), test_templates(), NULL, NULL), GRADUS_OK);
	first = kept;
	before = mallinfo2().uordblks;
	for (int i = 0; i < 20; i++)
		assert_int_equal(gradus_plan_generate_reuse(&kept, m.p, m.s,
				 test_catalogue(), test_templates(), NULL, NULL), GRADUS_OK);
	assert_ptr_equal(kept, first);
	assert_int_equal(mallinfo2().uordblks, before);
	gradus_plan_free(kept);
	unmake(&m);
#else
	(void)state;
	skip();
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compact_json_is_the_pretty_json_in_one_kept_buffer),
		cmocka_unit_test(reused_plan_is_the_fresh_plan),
		cmocka_unit_test(reused_plan_memory_stays_flat),
		cmocka_unit_test(lighter_weeks_are_6_and_12),
		cmocka_unit_test(cut_keeps_the_weeks_of_the_whole_plan),
		cmocka_unit_test(loads_rise_one_owned_step_with_reps_back_to_the_bottom),
		cmocka_unit_test(start_load_is_used),
		cmocka_unit_test(pin_is_used),
		cmocka_unit_test(one_limb_gets_an_extra_set),
		cmocka_unit_test(whole_body_in_every_example),
		cmocka_unit_test(sessions_use_the_minutes),
		cmocka_unit_test(fall_risk_starts_lower_and_holds_on),
		cmocka_unit_test(versions_named_are_for_the_person),
		cmocka_unit_test(next_loads_only_for_what_is_safe),
		cmocka_unit_test(balance_and_walking_progress),
		cmocka_unit_test(healing_wrist_gets_no_push_ups),
		cmocka_unit_test(waits_name_their_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
