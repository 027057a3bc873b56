#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "helpers.h"

static int check(const char *const *paths, size_t n, gradus_check_stats *st,
		 char **text)
{
	gradus_diags *d = gradus_diags_new();
	int rc = gradus_check_paths(st, paths, n, test_catalogue(),
				    test_templates(), d);
	*text = diags_text(d);
	gradus_diags_free(d);
	return rc;
}

static void shipped_files_are_valid(void **state)
{
	const char *paths[] = {"exercises", "profiles"};
	gradus_check_stats st;
	char *text;
	(void)state;
	assert_int_equal(check(paths, 2, &st, &text), GRADUS_OK);
	assert_string_equal(text, "");
	assert_true(st.catalogue >= 5);
	assert_true(st.exercises >= 60);
	assert_true(st.templates >= 6);
	assert_true(st.profiles >= 6);
	free(text);
}

static void missing_path_is_an_io_error(void **state)
{
	const char *paths[] = {"no/such/file.cfg"};
	gradus_check_stats st;
	char *text;
	(void)state;
	assert_int_equal(check(paths, 1, &st, &text), GRADUS_EIO);
	assert_string_equal(text, "no/such/file.cfg: error: cannot read: No such file or directory\n");
	free(text);
}

static void unknown_kind_is_reported(void **state)
{
	const char *paths[] = {"tests/data/not-gradus.cfg"};
	gradus_check_stats st;
	char *text;
	(void)state;
	assert_int_equal(check(paths, 1, &st, &text), GRADUS_EINVALID);
	assert_string_equal(text,
		"tests/data/not-gradus.cfg:1: error: cannot tell what kind of file this is: a catalogue has 'exercises', a template 'template', a profile 'person', a log 'sessions'\n");
	free(text);
}

static void empty_folder_is_an_error(void **state)
{
	char dir[] = "/tmp/gradus-empty-XXXXXX";
	const char *paths[] = {dir};
	gradus_check_stats st;
	char *text, want[128];
	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(check(paths, 1, &st, &text), GRADUS_EINVALID);
	snprintf(want, sizeof(want), "%s: error: no gradus files (*.cfg) in this folder\n", dir);
	assert_string_equal(text, want);
	free(text);
	rmdir(dir);
}

/* Issue 15: a folder holding links back to itself was walked under every
 * name the links make (4 links to "." gave 87,381 files, 8 levels deep):
 * each folder and file is checked once. */
static void linked_folders_are_visited_once(void **state)
{
	char dir[] = "/tmp/gradus-links-XXXXXX", path[128], link[128];
	const char *paths[] = {dir, path};
	gradus_check_stats st;
	char *text;
	int rc;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/p.cfg", dir);
	{
		FILE *in = fopen("profiles/examples/margaret-sarcopenia.cfg", "rb");
		FILE *out = fopen(path, "wb");
		int c;
		assert_non_null(in);
		assert_non_null(out);
		while ((c = fgetc(in)) != EOF)
			fputc(c, out);
		fclose(in);
		fclose(out);
	}
	for (int i = 0; i < 4; i++) {
		snprintf(link, sizeof(link), "%s/l%d", dir, i);
		assert_int_equal(symlink(".", link), 0);
	}
	/* the folder, and the same file named again */
	rc = check(paths, 2, &st, &text);
	assert_string_equal(text, "");
	assert_int_equal(rc, GRADUS_OK);
	assert_int_equal(st.files, 1);
	assert_int_equal(st.profiles, 1);
	free(text);
	for (int i = 0; i < 4; i++) {
		snprintf(link, sizeof(link), "%s/l%d", dir, i);
		unlink(link);
	}
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_files_are_valid),
		cmocka_unit_test(missing_path_is_an_io_error),
		cmocka_unit_test(unknown_kind_is_reported),
		cmocka_unit_test(empty_folder_is_an_error),
		cmocka_unit_test(linked_folders_are_visited_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
