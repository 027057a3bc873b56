/* fuzz_template: the input is a template file (written to disk with its
 * exact bytes, fuzz_input_file), added with gradus_templates_add_file to
 * an empty set and checked against the built-in catalogue. */
#include "fuzz.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const gradus_catalogue *cat = fuzz_builtin_catalogue();
	const char *path = fuzz_input_file(data, size);
	gradus_diags *d = gradus_diags_new();
	gradus_templates *t = NULL;
	int rc;

	if (!path || !d || gradus_templates_new(&t) != GRADUS_OK)
		goto out;
	rc = gradus_templates_add_file(t, path, cat, d);
	if (rc != GRADUS_OK && gradus_diags_errors(d) == 0)
		fuzz_fail("template refused without an error message");
	if (rc == GRADUS_OK) {
		/* every template added can be found by its id */
		for (size_t i = 0; i < gradus_templates_count(t); i++) {
			const gradus_template *x = gradus_templates_get(t, i);
			if (!x || gradus_templates_find(t, x->id) != x)
				fuzz_fail("a template cannot be found by its id");
		}
	}
out:
	gradus_templates_free(t);
	gradus_diags_free(d);
	return 0;
}
