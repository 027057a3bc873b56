/* The libconfig helpers (src/lib/util/cfg.c) where they do less work
 * than libconfig would (issue 17): cfg_member finds what
 * config_setting_get_member finds, in any order of lookups; cfg_path
 * cuts names as snprintf does; an @include is still read next to the
 * file that names it, though its folder is given to libconfig only when
 * the text has an '@'. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "util/cfg.h"

static const char *const shipped[] = {
	"profiles/examples/margaret-sarcopenia.cfg",
	"profiles/examples/hospital-stay-84.cfg",
	"profiles/examples/logs/margaret-log-weeks1-3.cfg",
	"profiles/templates/chair-based.cfg",
	"exercises/legs.cfg",
};

/* The lookups of `keys` in this order, each against libconfig's own. */
static void lookups_agree(cfgfile *cf, cset *g, const char *const *keys,
			  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		cset *want = config_setting_get_member(g, keys[i]);
		assert_ptr_equal(cfg_member(cf, g, keys[i]), want);
		assert_int_equal(cfg_has(g, keys[i]), want != NULL);
	}
}

/* Every group below `s`: its members looked up forwards, backwards,
 * every third one, each twice, and names that are not there. */
static void check_groups(cfgfile *cf, cset *s)
{
	int n = config_setting_length(s);
	const char **keys, **order;
	char (*absent)[80];
	size_t k = 0;

	for (int i = 0; i < n; i++) {
		cset *m = config_setting_get_elem(s, (unsigned)i);
		if (config_setting_is_aggregate(m))
			check_groups(cf, m);
	}
	if (!config_setting_is_group(s) || n == 0)
		return;
	keys = calloc((size_t)n, sizeof(*keys));
	order = calloc((size_t)n * 6, sizeof(*order));
	absent = calloc((size_t)n * 2, sizeof(*absent));
	assert_non_null(keys);
	assert_non_null(order);
	assert_non_null(absent);
	for (int i = 0; i < n; i++)
		keys[i] = config_setting_name(config_setting_get_elem(s, (unsigned)i));
	for (int i = 0; i < n; i++)
		order[k++] = keys[i];
	for (int i = n - 1; i >= 0; i--)
		order[k++] = keys[i];
	for (int step = 0; step < 3; step++)
		for (int i = step; i < n; i += 3)
			order[k++] = keys[i];
	for (int i = 0; i < n; i++) {
		order[k++] = keys[(i * 7) % n];
		order[k++] = keys[(i * 7) % n];
	}
	lookups_agree(cf, s, order, k);
	/* a letter more, a letter less: not members (unless they are) */
	for (int i = 0; i < n; i++) {
		snprintf(absent[2 * i], sizeof(absent[0]), "%sx", keys[i]);
		snprintf(absent[2 * i + 1], sizeof(absent[0]), "%.*s",
			 (int)strlen(keys[i]) - 1, keys[i]);
	}
	for (int i = 0; i < 2 * n; i++)
		order[i] = absent[i][0] ? absent[i] : "nothing_here";
	lookups_agree(cf, s, order, (size_t)(2 * n));
	free(keys);
	free(order);
	free(absent);
}

static void member_lookup_matches_libconfig(void **state)
{
	(void)state;
	for (size_t f = 0; f < sizeof(shipped) / sizeof(shipped[0]); f++) {
		cfgfile cf;
		assert_int_equal(cfg_open_file(&cf, shipped[f], NULL), GRADUS_OK);
		check_groups(&cf, cfg_root(&cf));
		/* and from outside: not a group, no group */
		assert_null(cfg_member(&cf, NULL, "person"));
		assert_false(cfg_has(NULL, "person"));
		cfg_close(&cf);
	}
}

static void path_is_cut_as_snprintf_cuts(void **state)
{
	static const char *const wheres[] = {NULL, "", "person",
					     "health.surgery[12]"};
	static const char *const keys[] = {"age", "drooping_eyelids_or_double_vision"};
	(void)state;
	for (size_t n = 1; n < 48; n++)
		for (size_t w = 0; w < 4; w++)
			for (size_t k = 0; k < 2; k++) {
				char got[64], want[64];
				memset(got, '#', sizeof(got));
				memset(want, '#', sizeof(want));
				if (wheres[w] && *wheres[w])
					snprintf(want, n, "%s.%s", wheres[w], keys[k]);
				else
					snprintf(want, n, "%s", keys[k]);
				assert_ptr_equal(cfg_path(got, n, wheres[w], keys[k]), got);
				assert_memory_equal(got, want, sizeof(got));
			}
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The folder of the file is where its @include is looked for, not the
 * working folder (the tests run from the source tree). */
static void include_is_read_next_to_the_file(void **state)
{
	char dir[] = "/tmp/gradus-include-XXXXXX", path[96], part[96];
	gradus_diags *d = gradus_diags_new();
	gradus_profile *p = NULL;
	char *text = replace(clean_profile, "format = 1;\n",
			     "@include \"format-part.cfg\"\n");
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/p.cfg", dir);
	snprintf(part, sizeof(part), "%s/format-part.cfg", dir);
	write_file(path, text);
	write_file(part, "format = 1;\n");
	assert_int_equal(gradus_profile_load_file(&p, path, test_catalogue(),
						  test_templates(), d), GRADUS_OK);
	assert_int_equal(gradus_diags_count(d), 0);
	gradus_profile_free(p);
	unlink(part);
	unlink(path);
	rmdir(dir);
	free(text);
	gradus_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(member_lookup_matches_libconfig),
		cmocka_unit_test(path_is_cut_as_snprintf_cuts),
		cmocka_unit_test(include_is_read_next_to_the_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
