/* The diagnostics suite: every tests/diag/NAME.cfg is a broken file whose
 * exact diagnostics are in tests/diag/NAME.expected (written by hand, one
 * "FILE:LINE: error: message" a line). The built-in catalogue and
 * templates are used to check references. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define DIR_PATH "tests/diag"

static void run_case(void **state)
{
	const char *name = *state;
	char path[512], want_path[512];
	const char *paths[1] = {path};
	gradus_diags *d = gradus_diags_new();
	char *got, *want;
	int rc;

	snprintf(path, sizeof(path), "%s/%s.cfg", DIR_PATH, name);
	snprintf(want_path, sizeof(want_path), "%s/%s.expected", DIR_PATH, name);
	want = read_text(want_path);
	if (!want)
		fail_msg("%s is missing", want_path);
	rc = gradus_check_paths(NULL, paths, 1, test_catalogue(),
				test_templates(), d);
	got = diags_text(d);
	if (strcmp(got, want) != 0)
		fail_msg("%s:\n--- expected\n%s--- got\n%s", path, want, got);
	/* a broken file is never accepted */
	assert_int_not_equal(rc, GRADUS_OK);
	assert_true(gradus_diags_errors(d) > 0);
	free(got);
	free(want);
	gradus_diags_free(d);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	DIR *dp = opendir(DIR_PATH);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	struct CMUnitTest *tests;
	int rc;

	if (!dp) {
		perror(DIR_PATH);
		return 1;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len > 4 && strcmp(de->d_name + len - 4, ".cfg") == 0) {
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n] = strndup(de->d_name, len - 4);
			n++;
		}
	}
	closedir(dp);
	if (n < 40) {
		fprintf(stderr, "only %zu cases in %s; at least 40 expected\n", n, DIR_PATH);
		return 1;
	}
	qsort(names, n, sizeof(*names), by_name);
	tests = calloc(n, sizeof(*tests));
	for (size_t i = 0; i < n; i++) {
		tests[i].name = names[i];
		tests[i].test_func = run_case;
		tests[i].initial_state = names[i];
	}
	rc = _cmocka_run_group_tests("diagnostics", tests, n, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(tests);
	return rc;
}
