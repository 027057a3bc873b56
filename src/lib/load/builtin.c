/* The built-in catalogue and templates: the tables src/gen/gen_builtin.c
 * compiled from exercises/ and profiles/templates/ at build time, after
 * this stage's own loader read and checked those files (load.h). No
 * file is parsed when a process starts: the structs are copied into the
 * catalogue's or set's memory and their strings pointed at the pool.
 * (The generator is built from util/ and load/ without this file.) */
#include "gradus/catalogue.h"
#include "gradus/template.h"

#include <string.h>

#include "load/load.h"

static const char *str(builtin_str s)
{
	return s == BUILTIN_NULL ? NULL : gradus_builtin_pool + s;
}

/* The list of n strings at *at, and *at moved past it. */
static const char *const *list(const char **at[], size_t n)
{
	const char *const *v = *at;
	*at += n;
	return n ? v : NULL;
}

int gradus_catalogue_add_builtin(gradus_catalogue *c, gradus_diags *d)
{
	size_t n = gradus_builtin_exercises_count, n_strs = 0;
	gradus_exercise *v;
	const char **strs;

	(void)d; /* checked when the library was built */
	if (n == 0)
		return GRADUS_OK;
	for (size_t i = 0; i < n; i++) {
		const gradus_exercise *e = &gradus_builtin_exercises[i].e;
		n_strs += e->n_muscles + e->n_steps + e->n_cues + e->n_safety +
			  e->n_caregiver;
	}
	v = catalogue_alloc(c, n * sizeof(*v));
	strs = catalogue_alloc(c, (n_strs ? n_strs : 1) * sizeof(*strs));
	if (!v || !strs)
		return GRADUS_ENOMEM;
	for (size_t i = 0; i < n_strs; i++)
		strs[i] = str(gradus_builtin_lists[i]);
	for (size_t i = 0; i < n; i++) {
		const builtin_exercise *b = &gradus_builtin_exercises[i];
		const char **at = strs + b->list;
		gradus_exercise *e = &v[i];

		memcpy(e, &b->e, sizeof(*e));
		e->id = str(b->id);
		e->name = str(b->name);
		e->easier_id = str(b->easier_id);
		e->harder_id = str(b->harder_id);
		e->file = str(b->file);
		e->muscles = list(&at, e->n_muscles);
		e->steps = list(&at, e->n_steps);
		e->cues = list(&at, e->n_cues);
		e->safety = list(&at, e->n_safety);
		e->caregiver = list(&at, e->n_caregiver);
	}
	return catalogue_add_compiled(c, v, n);
}

int gradus_catalogue_load_builtin(gradus_catalogue **out, gradus_diags *d)
{
	gradus_catalogue *c;
	int rc, fin;

	*out = NULL;
	rc = gradus_catalogue_new(&c);
	if (rc)
		return rc;
	rc = gradus_catalogue_add_builtin(c, d);
	fin = gradus_catalogue_finish(c, d);
	if (rc == GRADUS_OK)
		rc = fin;
	if (rc) {
		gradus_catalogue_free(c);
		return rc;
	}
	*out = c;
	return GRADUS_OK;
}

/* Built-in template i, in the set's memory. */
static gradus_template *template_at(gradus_templates *ts, size_t i)
{
	const builtin_template *b = &gradus_builtin_templates[i];
	gradus_template *t = templates_alloc(ts, sizeof(*t));
	gradus_phase *ph;

	if (!t)
		return NULL;
	memcpy(t, &b->t, sizeof(*t));
	ph = templates_alloc(ts, (t->n_phases ? t->n_phases : 1) * sizeof(*ph));
	if (!ph)
		return NULL;
	for (size_t k = 0; k < t->n_phases; k++) {
		ph[k] = gradus_builtin_phases[b->phase + k].p;
		ph[k].name = str(gradus_builtin_phases[b->phase + k].name);
	}
	t->id = str(b->id);
	t->name = str(b->name);
	t->description = str(b->description);
	t->file = str(b->file);
	t->text = str(b->text);
	t->phases = t->n_phases ? ph : NULL;
	t->slots = t->n_slots ? &gradus_builtin_slots[b->slot] : NULL;
	return t;
}

int gradus_templates_add_builtin(gradus_templates *ts,
				 const gradus_catalogue *cat, gradus_diags *d)
{
	int rc, worst = GRADUS_OK;

	for (size_t i = 0; i < gradus_builtin_templates_count; i++) {
		gradus_template *t = template_at(ts, i);
		if (!t)
			return GRADUS_ENOMEM;
		rc = templates_add_compiled(ts, t,
			&gradus_builtin_pattern_lines[gradus_builtin_templates[i].slot],
			cat, d);
		if (rc == GRADUS_ENOMEM)
			return rc;
		if (rc && worst == GRADUS_OK)
			worst = rc;
	}
	return worst;
}

int gradus_templates_load_builtin(gradus_templates **out,
				  const gradus_catalogue *cat, gradus_diags *d)
{
	gradus_templates *t;
	int rc;

	*out = NULL;
	rc = gradus_templates_new(&t);
	if (rc)
		return rc;
	return templates_keep_or_free(t, gradus_templates_add_builtin(t, cat, d), out);
}
