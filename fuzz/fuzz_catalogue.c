/* fuzz_catalogue: the input is one catalogue file (written to disk with
 * its exact bytes, fuzz_input_file), added with gradus_catalogue_add_file
 * to an empty catalogue, then finished (links resolved, ladders checked). The
 * built-in files are not added: parsing them on every input would cost
 * ~100x the input itself; cross-file links are exercised by seeds that
 * hold several files' exercises. */
#include "fuzz.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_file(data, size);
	gradus_diags *d = gradus_diags_new();
	gradus_catalogue *cat = NULL;
	int rc;

	if (!path || !d || gradus_catalogue_new(&cat) != GRADUS_OK)
		goto out;
	rc = gradus_catalogue_add_file(cat, path, d);
	if (rc != GRADUS_OK && gradus_diags_errors(d) == 0)
		fuzz_fail("catalogue file refused without an error message");
	rc = gradus_catalogue_finish(cat, d);
	if (rc != GRADUS_OK && gradus_diags_errors(d) == 0)
		fuzz_fail("catalogue refused without an error message");
	if (rc == GRADUS_OK && gradus_diags_errors(d) == 0) {
		/* a finished catalogue: ids findable, ladders end (no cycle) */
		size_t n = gradus_catalogue_count(cat);
		for (size_t i = 0; i < n; i++) {
			const gradus_exercise *e = gradus_catalogue_get(cat, i);
			const gradus_exercise *x = e;
			size_t steps = 0;
			if (!e || gradus_catalogue_find(cat, e->id) != e)
				fuzz_fail("an exercise cannot be found by its id");
			while (x && steps <= n) {
				x = x->harder;
				steps++;
			}
			if (x)
				fuzz_fail("a 'harder' ladder has a cycle");
			for (x = e, steps = 0; x && steps <= n; steps++)
				x = x->easier;
			if (x)
				fuzz_fail("an 'easier' ladder has a cycle");
		}
	}
out:
	gradus_catalogue_free(cat);
	gradus_diags_free(d);
	return 0;
}
