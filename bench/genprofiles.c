/* genprofiles: writes N random valid profiles to a folder, for the
 * benchmark and the batch memory test.
 *
 *     genprofiles [-s SEED] N DIR
 *
 * Profile i is DIR/p%06d.cfg (i = 0 .. N-1), made by tests/unit/
 * profile_gen.c from (SEED, i): the same seed gives the same files,
 * byte for byte, on every machine. The built-in catalogue and templates
 * supply the exercise ids of setup.exclude and the template ids of
 * program.template. About half the profiles are gated by screening (the
 * generator draws red flags, missing answers and clearance cases on
 * purpose); the rest get a plan. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gradus/gradus.h"
#include "profile_gen.h"

#define DEFAULT_SEED 0x6772616475730b01ULL /* "gradus" + bench */

static int usage(void)
{
	fputs("usage: genprofiles [-s SEED] N DIR\n"
	      "Writes N random valid profiles DIR/p000000.cfg ... (seeded: the same\n"
	      "SEED gives the same files).\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	uint64_t seed = DEFAULT_SEED;
	gradus_catalogue *cat = NULL;
	gradus_templates *tpl = NULL;
	gradus_diags *d = gradus_diags_new();
	unsigned long n;
	const char *dir;
	char *end, *path = NULL;
	int argi = 1, code = 1;

	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		errno = 0;
		seed = strtoull(argv[2], &end, 0);
		if (errno || *end || !argv[2][0])
			return usage();
		argi = 3;
	}
	if (argc - argi != 2)
		return usage();
	errno = 0;
	n = strtoul(argv[argi], &end, 10);
	if (errno || *end || !argv[argi][0] || n > 10000000)
		return usage();
	dir = argv[argi + 1];
	if (!d)
		return 1;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "genprofiles: cannot make %s: %s\n", dir, strerror(errno));
		goto out;
	}
	if (gradus_catalogue_load_builtin(&cat, d) != GRADUS_OK ||
	    gradus_templates_load_builtin(&tpl, cat, d) != GRADUS_OK) {
		gradus_diags_print(d, stderr);
		goto out;
	}
	path = malloc(strlen(dir) + 32);
	if (!path)
		goto out;
	for (unsigned long i = 0; i < n; i++) {
		char *text = pgen_profile(seed, i, cat, tpl, NULL);
		FILE *f;
		int ok;
		if (!text) {
			fputs("genprofiles: out of memory\n", stderr);
			goto out;
		}
		sprintf(path, "%s/p%06lu.cfg", dir, i);
		f = fopen(path, "w");
		ok = f && fputs(text, f) != EOF;
		if (f && fclose(f) != 0)
			ok = 0;
		if (!ok) {
			fprintf(stderr, "genprofiles: cannot write %s: %s\n", path,
				strerror(errno));
			free(text);
			goto out;
		}
		free(text);
	}
	code = 0;
out:
	free(path);
	gradus_templates_free(tpl);
	gradus_catalogue_free(cat);
	gradus_diags_free(d);
	return code;
}
