/* The built-in catalogue and templates are C tables written at build time
 * by src/gen/gen_builtin.c (issue 17, item 4). Here they are compared
 * with the same files parsed now, from exercises/ and profiles/templates/
 * (the tests run from the source root): every pointer field by what it
 * points to, then the whole struct byte by byte with those pointers set
 * aside, so a field the generator leaves out (a number it writes as 0,
 * a pointer it leaves NULL) fails here, and so does a pointer field added
 * to the struct but not compared below. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static void same_text(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_list(const char *const *a, size_t na, const char *const *b,
		      size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		same_text(a[i], b[i]);
}

static const char *link_id(const gradus_exercise *e)
{
	return e ? e->id : NULL;
}

/* `a` parsed from its file, `b` from the tables. */
static void same_exercise(const gradus_exercise *a, const gradus_exercise *b)
{
	gradus_exercise x, y;

	same_text(a->id, b->id);
	same_text(a->name, b->name);
	same_text(a->easier_id, b->easier_id);
	same_text(a->harder_id, b->harder_id);
	same_text(link_id(a->easier), link_id(b->easier));
	same_text(link_id(a->harder), link_id(b->harder));
	same_list(a->muscles, a->n_muscles, b->muscles, b->n_muscles);
	same_list(a->steps, a->n_steps, b->steps, b->n_steps);
	same_list(a->cues, a->n_cues, b->cues, b->n_cues);
	same_list(a->safety, a->n_safety, b->safety, b->n_safety);
	same_list(a->caregiver, a->n_caregiver, b->caregiver, b->n_caregiver);
	same_text(a->file, b->file);
	assert_false(a->builtin);
	assert_true(b->builtin);
	/* everything else, byte for byte (padding included: both are
	 * zeroed memory, or static data, copied whole) */
	memcpy(&x, a, sizeof(x));
	memcpy(&y, b, sizeof(y));
	x.id = y.id = NULL;
	x.name = y.name = NULL;
	x.easier_id = y.easier_id = NULL;
	x.harder_id = y.harder_id = NULL;
	x.easier = y.easier = NULL;
	x.harder = y.harder = NULL;
	x.muscles = y.muscles = NULL;
	x.steps = y.steps = NULL;
	x.cues = y.cues = NULL;
	x.safety = y.safety = NULL;
	x.caregiver = y.caregiver = NULL;
	x.file = y.file = NULL;
	x.builtin = y.builtin = false;
	assert_memory_equal(&x, &y, sizeof(x));
}

static void compiled_exercises_are_the_files(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *files = NULL;
	const gradus_catalogue *tables = test_catalogue();
	(void)state;

	assert_int_equal(gradus_catalogue_load_dir(&files, "exercises", d),
			 GRADUS_OK);
	assert_int_equal(gradus_diags_count(d), 0);
	assert_true(gradus_catalogue_count(tables) > 100);
	assert_int_equal(gradus_catalogue_count(files),
			 gradus_catalogue_count(tables));
	for (size_t i = 0; i < gradus_catalogue_count(files); i++)
		same_exercise(gradus_catalogue_get(files, i),
			      gradus_catalogue_get(tables, i));
	gradus_catalogue_free(files);
	gradus_diags_free(d);
}

static void same_template(const gradus_template *a, const gradus_template *b)
{
	gradus_template x, y;

	same_text(a->id, b->id);
	same_text(a->name, b->name);
	same_text(a->description, b->description);
	same_text(a->file, b->file);
	same_text(a->text, b->text);
	assert_false(a->builtin);
	assert_true(b->builtin);
	assert_int_equal(a->n_phases, b->n_phases);
	for (size_t i = 0; i < a->n_phases; i++) {
		gradus_phase p = a->phases[i], q = b->phases[i];
		same_text(p.name, q.name);
		p.name = q.name = NULL;
		assert_memory_equal(&p, &q, sizeof(p));
	}
	assert_int_equal(a->n_slots, b->n_slots);
	assert_memory_equal(a->slots, b->slots, a->n_slots * sizeof(*a->slots));
	memcpy(&x, a, sizeof(x));
	memcpy(&y, b, sizeof(y));
	x.id = y.id = NULL;
	x.name = y.name = NULL;
	x.description = y.description = NULL;
	x.phases = y.phases = NULL;
	x.slots = y.slots = NULL;
	x.file = y.file = NULL;
	x.text = y.text = NULL;
	x.builtin = y.builtin = false;
	assert_memory_equal(&x, &y, sizeof(x));
}

static void compiled_templates_are_the_files(void **state)
{
	gradus_diags *d = gradus_diags_new();
	gradus_templates *files = NULL;
	const gradus_templates *tables = test_templates();
	(void)state;

	assert_int_equal(gradus_templates_load_dir(&files, "profiles/templates",
						   test_catalogue(), d),
			 GRADUS_OK);
	assert_int_equal(gradus_diags_count(d), 0);
	assert_true(gradus_templates_count(tables) >= 6);
	assert_int_equal(gradus_templates_count(files),
			 gradus_templates_count(tables));
	for (size_t i = 0; i < gradus_templates_count(files); i++)
		same_template(gradus_templates_get(files, i),
			      gradus_templates_get(tables, i));
	gradus_templates_free(files);
	gradus_diags_free(d);
}

/* The one check left for when a process runs: the catalogue a built-in
 * template is used with must offer its slots. With a catalogue of the
 * warm-up and mobility exercises only (no strength work), the compiled
 * templates tell the same errors, at the same FILE:LINE (each slot's
 * pattern), as the files parsed now. */
static void a_thin_catalogue_is_told_at_the_slots(void **state)
{
	gradus_diags *want = gradus_diags_new(), *got = gradus_diags_new();
	gradus_catalogue *cat = NULL;
	gradus_templates *files = NULL, *tables = NULL;
	char *w, *g;
	(void)state;

	assert_int_equal(gradus_catalogue_new(&cat), GRADUS_OK);
	assert_int_equal(gradus_catalogue_add_file(cat, "exercises/warmup.cfg", NULL),
			 GRADUS_OK);
	assert_int_equal(gradus_catalogue_finish(cat, NULL), GRADUS_OK);
	assert_int_equal(gradus_templates_load_dir(&files, "profiles/templates",
						   cat, want),
			 GRADUS_EINVALID);
	assert_int_equal(gradus_templates_load_builtin(&tables, cat, got),
			 GRADUS_EINVALID);
	assert_null(tables);
	w = diags_text(want);
	g = diags_text(got);
	assert_non_null(strstr(w, "profiles/templates/bed-level.cfg:83: error: 'template.slots[0].pattern': the catalogue has no 'knee_extension' exercise at level 2 or below"));
	assert_string_equal(g, w);
	free(w);
	free(g);
	gradus_catalogue_free(cat);
	gradus_diags_free(want);
	gradus_diags_free(got);
}

/* Added before the built-in ones, an exercise and a template keep their
 * place: the built-in ones with their ids are left out; added twice,
 * the built-in ones are there once. */
static void added_first_keeps_its_place(void **state)
{
	gradus_catalogue *cat = NULL;
	gradus_templates *ts = NULL;
	const gradus_catalogue *all = test_catalogue();
	char *text = read_text("profiles/templates/chair-based.cfg");
	(void)state;

	assert_non_null(text);
	assert_int_equal(gradus_catalogue_new(&cat), GRADUS_OK);
	assert_int_equal(gradus_catalogue_add_dir(cat, "exercises", NULL),
			 GRADUS_OK);
	assert_int_equal(gradus_catalogue_add_builtin(cat, NULL), GRADUS_OK);
	assert_int_equal(gradus_catalogue_add_builtin(cat, NULL), GRADUS_OK);
	assert_int_equal(gradus_catalogue_finish(cat, NULL), GRADUS_OK);
	assert_int_equal(gradus_catalogue_count(cat), gradus_catalogue_count(all));
	for (size_t i = 0; i < gradus_catalogue_count(cat); i++)
		assert_false(gradus_catalogue_get(cat, i)->builtin);

	assert_int_equal(gradus_templates_new(&ts), GRADUS_OK);
	assert_int_equal(gradus_templates_add_string(ts, "mine.cfg", text, cat, NULL),
			 GRADUS_OK);
	assert_int_equal(gradus_templates_add_builtin(ts, cat, NULL), GRADUS_OK);
	assert_int_equal(gradus_templates_add_builtin(ts, cat, NULL), GRADUS_OK);
	assert_int_equal(gradus_templates_count(ts),
			 gradus_templates_count(test_templates()));
	assert_false(gradus_templates_find(ts, "chair-based")->builtin);
	assert_string_equal(gradus_templates_get(ts, 0)->file, "mine.cfg");
	gradus_templates_free(ts);
	gradus_catalogue_free(cat);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compiled_exercises_are_the_files),
		cmocka_unit_test(compiled_templates_are_the_files),
		cmocka_unit_test(a_thin_catalogue_is_told_at_the_slots),
		cmocka_unit_test(added_first_keeps_its_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
