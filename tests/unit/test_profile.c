#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static void loads_the_clean_profile(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from(clean_profile, d);
	(void)state;
	assert_int_equal(gradus_diags_count(d), 0);
	assert_non_null(p);
	assert_string_equal(p->name, "Test");
	assert_int_equal(p->age, 75);
	assert_int_equal(p->sex, GRADUS_SEX_FEMALE);
	assert_int_equal(p->kind, GRADUS_KIND_SARCOPENIA);
	assert_int_equal(p->regions, GRADUS_REG_LEGS);
	for (int i = 0; i < GRADUS_RF__COUNT; i++)
		assert_int_equal(p->red_flags[i], GRADUS_ANSWER_NO);
	assert_int_equal(p->days, (1u << 0) | (1u << 2) | (1u << 4));
	assert_int_equal(p->start.y, 2026);
	assert_int_equal(p->mobility, GRADUS_MOB_INDEPENDENT);
	assert_int_equal(p->bands, (1u << GRADUS_BAND_YELLOW) | (1u << GRADUS_BAND_RED));
	assert_int_equal(p->n_ankle_weights, 3);
	assert_true(p->ankle_weights_kg[0] == 0.5 && p->ankle_weights_kg[2] == 1.5);
	assert_true(p->equipment & GRADUS_EQ_BAND);
	assert_true(p->equipment & GRADUS_EQ_ANKLE_WEIGHT);
	assert_false(p->equipment & GRADUS_EQ_DUMBBELL);
	assert_true(p->equipment & GRADUS_EQ_BED);
	assert_int_equal(p->measures.sppb, 8);
	assert_true(isnan(p->measures.grip_kg));
	assert_int_equal(p->resting_hr, -1);
	assert_int_equal(p->max_rpe, -1);
	gradus_profile_free(p);
	gradus_diags_free(d);
}

/* Replace `from` by `to` in the clean profile and expect exactly `want`
 * as the diagnostics. */
static void expect_text(char *text, const char *want)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from(text, d);
	char *got = diags_text(d);
	assert_null(p);
	assert_string_equal(got, want);
	free(got);
	free(text);
	gradus_diags_free(d);
}

static void expect(const char *from, const char *to, const char *want)
{
	expect_text(replace(clean_profile, from, to), want);
}

static void unanswered_red_flag_is_not_a_file_error(void **state)
{
	gradus_diags *d = gradus_diags_new();
	char *text = replace(clean_profile, "chest_pain = false;", "");
	gradus_profile *p = profile_from(text, d);
	(void)state;
	assert_non_null(p);
	assert_int_equal(gradus_diags_count(d), 0);
	assert_int_equal(p->red_flags[GRADUS_RF_CHEST_PAIN], GRADUS_ANSWER_MISSING);
	assert_int_equal(p->red_flags[GRADUS_RF_SUDDEN_WEAKNESS], GRADUS_ANSWER_NO);
	gradus_profile_free(p);
	free(text);
	gradus_diags_free(d);
}

static void red_flag_answer_must_be_true_or_false(void **state)
{
	(void)state;
	expect("chest_pain = false;", "chest_pain = \"no\";",
	       "test.cfg:17: error: 'red_flags.chest_pain' must be true or false, not text in quotes\n");
}

static void typo_in_key_gets_a_hint(void **state)
{
	(void)state;
	expect("age = 75;", "agee = 75;",
	       "test.cfg:2: error: unknown key 'agee' in 'person'; did you mean 'age'?\n"
	       "test.cfg:2: error: 'person.age' is missing\n");
}

static void out_of_range_and_wrapped_numbers(void **state)
{
	(void)state;
	expect("age = 75;", "age = 130;",
	       "test.cfg:2: error: 'person.age' must be from 18 to 120 (found 130)\n");
	expect("weight_kg = 60.0;", "weight_kg = 1e400;",
	       "test.cfg:2: error: 'person.weight_kg' must be a finite number\n");
	expect("age = 75;", "age = 4294967371;",
	       "test.cfg:2: error: the number 4294967371 is too large (whole numbers go up to 2147483647)\n");
	/* a 64-bit literal in range is fine */
	gradus_diags *d = gradus_diags_new();
	char *text = replace(clean_profile, "age = 75;", "age = 75L;");
	gradus_profile *p = profile_from(text, d);
	assert_non_null(p);
	assert_int_equal(p->age, 75);
	gradus_profile_free(p);
	free(text);
	gradus_diags_free(d);
}

/* Both numbers of a pair, and both keys of a clearance, are checked and
 * reported, in the order they are written. */
static void both_halves_of_a_pair_are_reported(void **state)
{
	(void)state;
	expect("conditions = []; medications = [];",
	       "conditions = []; medications = []; resting_bp = [400, 10];\n"
	       "  clearance = { by = 5; date = \"2026-13-01\"; };",
	       "test.cfg:21: error: 'health.resting_bp[0]' must be from 60 to 300 (found 400)\n"
	       "test.cfg:21: error: 'health.resting_bp[1]' must be from 30 to 200 (found 10)\n"
	       "test.cfg:22: error: 'health.clearance.by' must be text in quotes, not a whole number\n"
	       "test.cfg:22: error: 'health.clearance.date' must be a real date written YYYY-MM-DD (found '2026-13-01')\n");
}

static void dates_must_be_real(void **state)
{
	(void)state;
	expect("start = \"2026-12-01\";", "start = \"2026-02-30\";",
	       "test.cfg:26: error: 'setup.start' must be a real date written YYYY-MM-DD (found '2026-02-30')\n");
}

static void vocabulary_words_are_checked(void **state)
{
	(void)state;
	expect("conditions = [];", "conditions = [\"hypertensoin\"];",
	       "test.cfg:21: error: 'health.conditions[0]' is 'hypertensoin'; did you mean 'hypertension'? (one of: hypertension, heart_disease, heart_failure, diabetes, kidney_disease, osteoporosis, osteoarthritis, copd, dementia, parkinsons, stroke_history, cancer)\n");
	expect("days = [\"mon\", \"wed\", \"fri\"];", "days = [\"mon\", \"mon\"];",
	       "test.cfg:26: error: 'setup.days' lists 'mon' twice\n");
}

static void mixed_array_is_a_parse_error_with_advice(void **state)
{
	(void)state;
	expect("ankle_weights_kg = [0.5, 1.0, 1.5]", "ankle_weights_kg = [0.5, 1, 1.5]",
	       "test.cfg:29: error: mismatched element type in array (all values in one [ ... ] list must be of one type: write 2.0 rather than 2 next to decimals such as 2.5)\n");
}

static void unknown_exclude_and_template_are_errors(void **state)
{
	gradus_diags *d = gradus_diags_new();
	char *t1 = replace(clean_profile, "minutes = 30;",
			   "minutes = 30; exclude = [\"no-such-exercise\"];");
	char *t2 = malloc(strlen(t1) + 100);
	gradus_profile *p;
	char *got;
	(void)state;
	sprintf(t2, "%sprogram: { template = \"sarcopenia-hom\"; };\n", t1);
	p = profile_from(t2, d);
	assert_null(p);
	got = diags_text(d);
	assert_string_equal(got,
		"test.cfg:27: error: 'setup.exclude[0]' names 'no-such-exercise', which is not in the catalogue\n"
		"test.cfg:31: error: 'program.template' names 'sarcopenia-hom', which is not a known template; did you mean 'sarcopenia-home'?\n");
	free(got);
	free(t1);
	free(t2);
	gradus_diags_free(d);
}

static void missing_groups_are_reported_together(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from("format = 1;\n", d);
	char *got = diags_text(d);
	(void)state;
	assert_null(p);
	assert_string_equal(got,
		"test.cfg:1: error: 'person' is missing\n"
		"test.cfg:1: error: 'condition' is missing\n"
		"test.cfg:1: error: 'health' is missing\n"
		"test.cfg:1: error: 'setup' is missing\n");
	free(got);
	gradus_diags_free(d);
}

/* The clean profile with `program` appended (it starts on line 31). */
static char *with_program(const char *base, const char *program)
{
	char *t = malloc(strlen(base) + strlen(program) + 1);
	strcpy(t, base);
	strcat(t, program);
	return t;
}

static void expect_program(const char *program, const char *want)
{
	expect_text(with_program(clean_profile, program), want);
}

static void pins_and_start_loads_are_read(void **state)
{
	gradus_diags *d = gradus_diags_new();
	char *text = with_program(clean_profile,
		"program: {\n"
		"  pin = ( { slot = \"push\"; exercise = \"wall-push-up\"; },\n"
		"          { slot = \"knee_extension\"; exercise = \"seated-knee-extension-ankle-weight\"; } );\n"
		"  start_load = (\n"
		"    { exercise = \"seated-knee-extension-ankle-weight\"; kg = 1.0; },\n"
		"    { exercise = \"seated-band-row\"; band = \"red\"; },\n"
		"    { exercise = \"leg-extension-machine\"; machine_step = 3; }\n"
		"  );\n"
		"};\n");
	gradus_profile *p = profile_from(text, d);
	(void)state;
	assert_non_null(p);
	assert_int_equal(gradus_diags_count(d), 0);
	assert_int_equal(p->n_pins, 2);
	assert_int_equal(p->pins[0].slot, GRADUS_PAT_PUSH);
	assert_string_equal(p->pins[0].exercise, "wall-push-up");
	assert_int_equal(p->pins[0].line, 32);
	assert_int_equal(p->pins[1].slot, GRADUS_PAT_KNEE_EXTENSION);
	assert_string_equal(p->pins[1].exercise, "seated-knee-extension-ankle-weight");
	assert_int_equal(p->n_start_loads, 3);
	assert_string_equal(p->start_loads[0].exercise, "seated-knee-extension-ankle-weight");
	assert_true(p->start_loads[0].kg == 1.0);
	assert_int_equal(p->start_loads[0].band, -1);
	assert_int_equal(p->start_loads[0].machine_step, -1);
	assert_int_equal(p->start_loads[0].line, 35);
	assert_true(isnan(p->start_loads[1].kg));
	assert_int_equal(p->start_loads[1].band, GRADUS_BAND_RED);
	assert_int_equal(p->start_loads[1].machine_step, -1);
	assert_true(isnan(p->start_loads[2].kg));
	assert_int_equal(p->start_loads[2].band, -1);
	assert_int_equal(p->start_loads[2].machine_step, 3);
	gradus_profile_free(p);
	free(text);
	gradus_diags_free(d);
}

static void no_pins_or_start_loads_by_default(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = profile_from(clean_profile, d);
	(void)state;
	assert_non_null(p);
	assert_null(p->pins);
	assert_int_equal(p->n_pins, 0);
	assert_null(p->start_loads);
	assert_int_equal(p->n_start_loads, 0);
	gradus_profile_free(p);
	gradus_diags_free(d);
}

static void pin_errors(void **state)
{
	gradus_diags *d;
	char *t1, *t2;
	gradus_profile *p;
	char *got;
	(void)state;
	expect_program("program: { pin = ( { slot = \"push\"; exercise = \"wall-push-up\"; },\n"
		       "  { slot = \"push\"; exercise = \"counter-push-up\"; } ); };\n",
		       "test.cfg:32: error: 'program.pin[1]' pins the 'push' slot again (first pinned on line 31)\n");
	expect_program("program: { pin = ( { slot = \"balance\"; exercise = \"one-leg-stand\"; } ); };\n",
		       "test.cfg:31: error: 'program.pin[0].slot' is 'balance'; only strength slots can be pinned (balance, warm-up and mobility are not slots)\n");
	expect_program("program: { pin = ( \"push\" ); };\n",
		       "test.cfg:31: error: 'program.pin[0]' must be a group { ... }\n");
	expect_program("program: { pin = ( { slot = \"push\"; } ); };\n",
		       "test.cfg:31: error: 'program.pin[0].exercise' is missing\n");
	expect_program("program: { pin = ( { slot = \"push\"; exercise = \"wall-push-up\"; side = \"left\"; } ); };\n",
		       "test.cfg:31: error: unknown key 'side' in 'program.pin[0]'\n");
	expect_program("program: { pin = ( {slot=\"push\";exercise=\"wall-push-up\";}, {slot=\"pull\";exercise=\"seated-band-row\";},\n"
		       "{slot=\"press\";exercise=\"seated-band-press\";}, {slot=\"squat\";exercise=\"wall-sit\";},\n"
		       "{slot=\"sit_to_stand\";exercise=\"sit-to-stand-arms\";}, {slot=\"hinge\";exercise=\"hip-hinge-supported\";},\n"
		       "{slot=\"lunge\";exercise=\"step-up-supported\";}, {slot=\"knee_extension\";exercise=\"seated-knee-extension\";},\n"
		       "{slot=\"knee_flexion\";exercise=\"seated-heel-dig\";}, {slot=\"hip_abduction\";exercise=\"side-lying-clam\";},\n"
		       "{slot=\"hip_extension\";exercise=\"floor-bridge\";}, {slot=\"calf_raise\";exercise=\"calf-raise\";},\n"
		       "{slot=\"core\";exercise=\"bird-dog\";} ); };\n",
		       "test.cfg:31: error: 'program.pin' lists 13 pins; at most 12 are allowed\n");
	/* an excluded exercise cannot be pinned */
	d = gradus_diags_new();
	t1 = replace(clean_profile, "minutes = 30;",
		     "minutes = 30; exclude = [\"wall-push-up\"];");
	t2 = with_program(t1, "program: { pin = ( { slot = \"push\"; exercise = \"wall-push-up\"; } ); };\n");
	p = profile_from(t2, d);
	assert_null(p);
	got = diags_text(d);
	assert_string_equal(got,
		"test.cfg:31: error: 'program.pin[0]': 'wall-push-up' is also in 'setup.exclude'; pin it or exclude it, not both\n");
	free(got);
	free(t1);
	free(t2);
	gradus_diags_free(d);
}

static void start_load_errors(void **state)
{
	(void)state;
	expect_program("program: { start_load = ( { exercise = \"seated-band-row\"; } ); };\n",
		       "test.cfg:31: error: 'program.start_load[0]' must give exactly one of 'kg', 'band' or 'machine_step'\n");
	expect_program("program: { start_load = ( { exercise = \"seated-band-row\"; band = \"red\"; kg = 1.0; } ); };\n",
		       "test.cfg:31: error: 'program.start_load[0]' must give exactly one of 'kg', 'band' or 'machine_step'\n");
	expect_program("program: { start_load = ( { exercise = \"seated-band-row\"; band = \"blue\"; } ); };\n",
		       "test.cfg:31: error: 'program.start_load[0].band' is 'blue', which is not one of the person's bands in 'setup.equipment.bands' (yellow, red)\n");
	expect_program("program: { start_load = ( { exercise = \"seated-band-row\"; band = \"redd\"; } ); };\n",
		       "test.cfg:31: error: 'program.start_load[0].band' is 'redd'; did you mean 'red'? (one of: yellow, red, green, blue, black, silver, gold)\n");
	expect_program("program: { start_load = ( { exercise = \"wall-push-up\"; kg = 1.0; } ); };\n",
		       "test.cfg:31: error: 'program.start_load[0]': 'wall-push-up' uses body weight only, so it has no start load\n");
	expect_program("program: { start_load = ( { exercise = \"goblet-squat-dumbbell\"; kg = 1.0; } ); };\n",
		       "test.cfg:31: error: 'program.start_load[0].kg' is 1 kg, which is not one of the person's dumbbells in 'setup.equipment.dumbbells_kg' (none)\n");
	expect_program("program: { start_load = ( { exercise = \"leg-extension-machine\"; machine_step = 31; } ); };\n",
		       "test.cfg:31: error: 'program.start_load[0].machine_step' must be from 0 to 30 (found 31)\n");
	expect_program("program: { start_load = ( { exercise = \"leg-extension-machine\"; kg = 5.0; } ); };\n",
		       "test.cfg:31: error: 'program.start_load[0]': 'leg-extension-machine' is loaded on a machine, so its start load is 'machine_step', not 'kg'\n");
	expect_program("program: { start_load = ( { exercise = \"seated-band-rwo\"; band = \"red\"; } ); };\n",
		       "test.cfg:31: error: 'program.start_load[0].exercise' names 'seated-band-rwo', which is not in the catalogue; did you mean 'seated-band-row'?\n");
	expect_program("program: { start_load = ( { exercise = \"seated-band-row\"; band = \"red\"; },\n"
		       "  { exercise = \"seated-band-row\"; band = \"yellow\"; } ); };\n",
		       "test.cfg:32: error: 'program.start_load[1]' gives a start load for 'seated-band-row' again (first on line 31)\n");
}

/* setup.country gives the emergency number when none is written; a
 * written number wins; a code not in the table is an error with a hint. */
static void country_gives_the_emergency_number(void **state)
{
	static const struct {
		const char *code, *number;
	} rows[] = {{"US", "911"}, {"CA", "911"}, {"GB", "999"}, {"AU", "000"},
		    {"NZ", "111"}, {"DE", "112"}, {"FR", "112"}, {"CH", "144"},
		    {"JP", "119"}, {"IN", "112"}, {"ZA", "10177"}, {"BR", "192"},
		    {"NO", "113"}};
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p;
	char *text;
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_string_equal(gradus_country_emergency_number(rows[i].code), rows[i].number);
	assert_null(gradus_country_emergency_number("UK"));
	assert_null(gradus_country_emergency_number("us"));
	assert_null(gradus_country_emergency_number(NULL));

	text = replace(clean_profile, "minutes = 30;", "minutes = 30; country = \"US\";");
	p = profile_from(text, d);
	assert_non_null(p);
	assert_string_equal(p->country, "US");
	assert_string_equal(p->emergency_number, "911");
	assert_true(p->emergency_from_country);
	gradus_profile_free(p);
	free(text);
	text = replace(clean_profile, "minutes = 30;",
		       "minutes = 30; country = \"US\"; emergency_number = \"+1 555\";");
	p = profile_from(text, d);
	assert_non_null(p);
	assert_string_equal(p->emergency_number, "+1 555");
	assert_false(p->emergency_from_country);
	gradus_profile_free(p);
	free(text);
	p = profile_from(clean_profile, d);
	assert_null(p->country);
	assert_null(p->emergency_number);
	assert_null(p->therapist.phone);
	assert_null(p->doctor.name);
	gradus_profile_free(p);
	assert_int_equal(gradus_diags_count(d), 0);
	gradus_diags_free(d);

	expect("minutes = 30;", "minutes = 30; country = \"UK\";",
	       "test.cfg:27: error: 'setup.country' is 'UK', which is not in gradus's table of emergency numbers; did you mean 'GB'? (Or leave 'country' out and write the number in 'setup.emergency_number'.)\n");
	expect("minutes = 30;", "minutes = 30; country = \"us\";",
	       "test.cfg:27: error: 'setup.country' is 'us', which is not in gradus's table of emergency numbers; did you mean 'US'? (Or leave 'country' out and write the number in 'setup.emergency_number'.)\n");
}

static void contacts_are_read_and_checked(void **state)
{
	gradus_diags *d = gradus_diags_new();
	char *text = replace(clean_profile, "measures:",
			     "contacts = { therapist = { name = \"Anna Berg\"; phone = \"020 7946 0000\"; };\n"
			     "  doctor = { name = \"Dr Patel\"; phone = \"+44 (20) 7946-0001\"; }; };\nmeasures:");
	gradus_profile *p = profile_from(text, d);
	(void)state;
	assert_non_null(p);
	assert_string_equal(p->therapist.name, "Anna Berg");
	assert_string_equal(p->therapist.phone, "020 7946 0000");
	assert_string_equal(p->doctor.phone, "+44 (20) 7946-0001");
	gradus_profile_free(p);
	gradus_diags_free(d);
	free(text);

	expect("measures:", "contacts = { nurse = { name = \"X\"; phone = \"123\"; }; };\nmeasures:",
	       "test.cfg:24: error: unknown key 'nurse' in 'contacts'\n");
	expect("measures:", "contacts = { doctor = { name = \"X\"; }; };\nmeasures:",
	       "test.cfg:24: error: 'contacts.doctor.phone' is missing\n");
	expect("measures:", "contacts = { doctor = { name = \"X\"; phone = \"call me\"; }; };\nmeasures:",
	       "test.cfg:24: error: 'contacts.doctor.phone' must be a telephone number: at least 3 digits, with spaces, '+', '-', '(' and ')' if you like (found 'call me')\n");
	expect("measures:", "contacts = { doctor = { name = \"X\"; phone = \"12\"; }; };\nmeasures:",
	       "test.cfg:24: error: 'contacts.doctor.phone' must be a telephone number: at least 3 digits, with spaces, '+', '-', '(' and ')' if you like (found '12')\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_the_clean_profile),
		cmocka_unit_test(unanswered_red_flag_is_not_a_file_error),
		cmocka_unit_test(red_flag_answer_must_be_true_or_false),
		cmocka_unit_test(typo_in_key_gets_a_hint),
		cmocka_unit_test(out_of_range_and_wrapped_numbers),
		cmocka_unit_test(dates_must_be_real),
		cmocka_unit_test(both_halves_of_a_pair_are_reported),
		cmocka_unit_test(vocabulary_words_are_checked),
		cmocka_unit_test(mixed_array_is_a_parse_error_with_advice),
		cmocka_unit_test(unknown_exclude_and_template_are_errors),
		cmocka_unit_test(missing_groups_are_reported_together),
		cmocka_unit_test(pins_and_start_loads_are_read),
		cmocka_unit_test(no_pins_or_start_loads_by_default),
		cmocka_unit_test(pin_errors),
		cmocka_unit_test(start_load_errors),
		cmocka_unit_test(country_gives_the_emergency_number),
		cmocka_unit_test(contacts_are_read_and_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
