/* fuzz/common.c - helpers shared by the harnesses (see fuzz.h). */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *fuzz_text(const uint8_t *data, size_t size)
{
	char *text;

	if (size > FUZZ_MAX_INPUT)
		return NULL;
	text = malloc(size + 1);
	if (!text)
		return NULL;
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';
	return text;
}

void fuzz_fail(const char *what)
{
	fprintf(stderr, "fuzz: invariant broken: %s\n", what);
	abort();
}

static gradus_catalogue *builtin_cat;
static gradus_templates *builtin_tpl;

static void load_builtin(void)
{
	gradus_diags *d;

	if (builtin_cat && builtin_tpl)
		return;
	d = gradus_diags_new();
	if (!d || gradus_catalogue_load_builtin(&builtin_cat, d) != GRADUS_OK ||
	    gradus_templates_load_builtin(&builtin_tpl, builtin_cat, d) != GRADUS_OK) {
		if (d)
			gradus_diags_print(d, stderr);
		fuzz_fail("the built-in catalogue and templates must load");
	}
	gradus_diags_free(d);
}

const gradus_catalogue *fuzz_builtin_catalogue(void)
{
	load_builtin();
	return builtin_cat;
}

const gradus_templates *fuzz_builtin_templates(void)
{
	load_builtin();
	return builtin_tpl;
}
