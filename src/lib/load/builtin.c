/* The built-in catalogue and templates: the tables src/gen/gen_builtin.c
 * compiled from exercises/ and profiles/templates/ at build time, after
 * this stage's own loader read and checked those files. They are added
 * as they are: no file is parsed when a process starts. (The generator
 * is built from util/ and load/ without this file.) */
#include "gradus/catalogue.h"
#include "gradus/template.h"

#include "load/load.h"

int gradus_catalogue_add_builtin(gradus_catalogue *c, gradus_diags *d)
{
	(void)d; /* checked when the library was built */
	return catalogue_add_compiled(c, gradus_builtin_exercises,
				      gradus_builtin_exercises_count);
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

int gradus_templates_add_builtin(gradus_templates *t,
				 const gradus_catalogue *cat, gradus_diags *d)
{
	return templates_add_compiled(t, gradus_builtin_templates,
				      gradus_builtin_templates_count, cat, d);
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
	rc = gradus_templates_add_builtin(t, cat, d);
	if (rc) {
		gradus_templates_free(t);
		return rc;
	}
	*out = t;
	return GRADUS_OK;
}
