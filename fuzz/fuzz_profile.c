/* fuzz_profile: the input is a profile file (written to disk with its
 * exact bytes, fuzz_input_file), loaded with gradus_profile_load_file
 * against the built-in catalogue and templates. */
#include "fuzz.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const gradus_catalogue *cat = fuzz_builtin_catalogue();
	const gradus_templates *tpl = fuzz_builtin_templates();
	const char *path = fuzz_input_file(data, size);
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = NULL;
	int rc;

	if (!path || !d)
		goto out;
	rc = gradus_profile_load_file(&p, path, cat, tpl, d);
	if (rc == GRADUS_OK && !p)
		fuzz_fail("profile loaded without a profile");
	if (rc != GRADUS_OK && p)
		fuzz_fail("profile returned with an error");
	if (rc != GRADUS_OK && gradus_diags_errors(d) == 0)
		fuzz_fail("profile refused without an error message");
out:
	gradus_profile_free(p);
	gradus_diags_free(d);
	return 0;
}
