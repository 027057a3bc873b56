#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *diags_text(const gradus_diags *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	gradus_diags_print(d, f);
	fclose(f);
	return buf;
}

static gradus_catalogue *cat;
static gradus_templates *tpl;

const gradus_catalogue *test_catalogue(void)
{
	if (!cat) {
		gradus_diags *d = gradus_diags_new();
		int rc = gradus_catalogue_load_builtin(&cat, d);
		if (rc != GRADUS_OK)
			gradus_diags_print(d, stderr);
		assert_int_equal(rc, GRADUS_OK);
		gradus_diags_free(d);
	}
	return cat;
}

const gradus_templates *test_templates(void)
{
	if (!tpl) {
		gradus_diags *d = gradus_diags_new();
		int rc = gradus_templates_load_builtin(&tpl, test_catalogue(), d);
		if (rc != GRADUS_OK)
			gradus_diags_print(d, stderr);
		assert_int_equal(rc, GRADUS_OK);
		gradus_diags_free(d);
	}
	return tpl;
}

char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

gradus_profile *profile_from(const char *text, gradus_diags *d)
{
	gradus_profile *p = NULL;
	gradus_profile_load_string(&p, "test.cfg", text, test_catalogue(),
				   test_templates(), d);
	return p;
}

char *replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	size_t a, b, c;
	char *out;
	if (!at)
		fail_msg("'%s' not found in the text", from);
	a = (size_t)(at - text);
	b = strlen(to);
	c = strlen(at + strlen(from));
	out = malloc(a + b + c + 1);
	memcpy(out, text, a);
	memcpy(out + a, to, b);
	memcpy(out + a + b, at + strlen(from), c + 1);
	return out;
}

const char *const clean_profile =
	"format = 1;\n"
	"person: { name = \"Test\"; age = 75; sex = \"female\"; weight_kg = 60.0; };\n"
	"condition: {\n"
	"  kind = \"sarcopenia\"; onset = \"gradual\"; weeks = 104;\n"
	"  pattern = \"symmetric\"; course = \"stable\"; regions = [\"legs\"];\n"
	"};\n"
	"red_flags: {\n"
	"  sudden_weakness = false; one_sided_weakness = false;\n"
	"  face_drooping = false; speech_changes = false;\n"
	"  vision_changes = false; sudden_balance_loss = false;\n"
	"  sudden_severe_headache = false; breathing_difficulty = false;\n"
	"  swallowing_difficulty = false; spreading_weakness = false;\n"
	"  bladder_or_bowel_changes = false; saddle_numbness = false;\n"
	"  muscle_twitching = false; numbness_or_tingling = false;\n"
	"  drooping_eyelids_or_double_vision = false;\n"
	"  dark_urine_with_muscle_pain = false;\n"
	"  unexplained_weight_loss = false; chest_pain = false;\n"
	"  fainting_or_dizziness = false;\n"
	"};\n"
	"health: {\n"
	"  conditions = []; medications = [];\n"
	"  regularly_active = false; falls_last_year = 0;\n"
	"};\n"
	"measures: { date = \"2026-11-20\"; sppb = 8; gait_speed_m_s = 0.9; };\n"
	"setup: {\n"
	"  start = \"2026-12-01\"; weeks = 12; days = [\"mon\", \"wed\", \"fri\"];\n"
	"  minutes = 30; supervision = \"caregiver\"; mobility = \"independent\";\n"
	"  equipment = { chair = true; sturdy_counter = true; wall = true;\n"
	"    bands = [\"yellow\", \"red\"]; ankle_weights_kg = [0.5, 1.0, 1.5]; };\n"
	"};\n";

const char *const example_profiles[] = {
	"profiles/examples/bed-level.cfg",
	"profiles/examples/hospital-stay-84.cfg",
	"profiles/examples/leg-cast-55.cfg",
	"profiles/examples/margaret-sarcopenia.cfg",
	"profiles/examples/neuro-cleared.cfg",
	"profiles/examples/neuro-suspected.cfg",
	"profiles/examples/robust-70-gym.cfg",
	"profiles/examples/wheelchair-user.cfg",
};
const size_t n_example_profiles =
	sizeof(example_profiles) / sizeof(example_profiles[0]);

const char *const plannable_profiles[] = {
	"profiles/examples/bed-level.cfg",
	"profiles/examples/hospital-stay-84.cfg",
	"profiles/examples/leg-cast-55.cfg",
	"profiles/examples/margaret-sarcopenia.cfg",
	"profiles/examples/neuro-cleared.cfg",
	"profiles/examples/robust-70-gym.cfg",
	"profiles/examples/wheelchair-user.cfg",
};
const size_t n_plannable_profiles =
	sizeof(plannable_profiles) / sizeof(plannable_profiles[0]);
