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

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

/* Issue 17: a profile is loaded from the parse that told what it is,
 * not parsed again; its errors still come after every file's parse
 * errors, as when each pass read the files anew. */
static void parse_errors_come_before_profile_errors(void **state)
{
	char dir[] = "/tmp/gradus-order-XXXXXX", a[96], b[96], want[512];
	const char *paths[] = {dir};
	gradus_check_stats st;
	char *text, *bad = replace(clean_profile, "age = 75;", "age = 200;");
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(a, sizeof(a), "%s/a.cfg", dir);
	snprintf(b, sizeof(b), "%s/b.cfg", dir);
	write_file(a, bad);
	write_file(b, "format = ;\n");
	assert_int_equal(check(paths, 1, &st, &text), GRADUS_EINVALID);
	snprintf(want, sizeof(want),
		 "%s:1: error: syntax error (check this line and the one before for a missing '=', ',', quote or bracket)\n"
		 "%s:2: error: 'person.age' must be from 18 to 120 (found 200)\n",
		 b, a);
	assert_string_equal(text, want);
	assert_int_equal(st.files, 2);
	assert_int_equal(st.profiles, 1);
	free(text);
	free(bad);
	unlink(a);
	unlink(b);
	rmdir(dir);
}

/* A template in the folder serves the profiles before it in name order
 * too: once the folder holds a catalogue or template, its profiles are
 * loaded against it, not against the built-in ones alone. */
static void folder_template_serves_profiles_before_it(void **state)
{
	char dir[] = "/tmp/gradus-tpl-XXXXXX", a[96], z[96];
	const char *paths[] = {dir};
	gradus_check_stats st;
	char *text, *tpl = read_text("profiles/templates/chair-based.cfg");
	char *mine, *prof;
	(void)state;
	assert_non_null(tpl);
	mine = replace(tpl, "id = \"chair-based\"", "id = \"zz-chair\"");
	prof = replace(clean_profile, "format = 1;\n",
		       "format = 1;\nprogram: { template = \"zz-chair\"; };\n");
	assert_non_null(mkdtemp(dir));
	snprintf(a, sizeof(a), "%s/a.cfg", dir);
	snprintf(z, sizeof(z), "%s/z.cfg", dir);
	write_file(a, prof);
	write_file(z, mine);
	assert_int_equal(check(paths, 1, &st, &text), GRADUS_OK);
	assert_string_equal(text, "");
	assert_int_equal(st.templates, 1);
	assert_int_equal(st.profiles, 1);
	free(text);
	free(tpl);
	free(mine);
	free(prof);
	unlink(a);
	unlink(z);
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
		cmocka_unit_test(parse_errors_come_before_profile_errors),
		cmocka_unit_test(folder_template_serves_profiles_before_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
