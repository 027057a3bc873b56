/* The streaming JSON writer (src/lib/render/jsonw.c) against cJSON,
 * byte for byte:
 *   - the writer alone: every byte in a string and in a key (alone and
 *     at every place of a longer one), UTF-8, numbers, empty and nested
 *     containers, and random trees, each
 *     written by walking the cJSON tree and compared with cJSON_Print
 *     and cJSON_PrintUnformatted of it (and, inside a wrapper, as a raw
 *     item written one level deep);
 *   - the plan (gradus-plan/2): gradus_plan_render (JSON) and
 *     gradus_plan_render_compact against cJSON's print of the tree the
 *     library built before (plan_json_cjson.c), over every example
 *     profile that gets a plan (at its own length, 12 and 52 weeks) and
 *     thousands of generated profiles (profile_gen.c).
 *
 * Environment: GRADUS_JSONW_COUNT overrides the number of generated
 * profiles (6,000); without it GRADUS_PROPERTY_COUNT does (the valgrind
 * setup sets it low). */
#include <float.h>
#include <glob.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "helpers.h"
#include "plan_json_cjson.h"
#include "profile_gen.h"
#include "render/formats.h"
#include "render/jsonw.h"
#include "util/buf.h"

#define JSONW_COUNT 6000
#define JSONW_SEED 0x6a736f6e77000017ULL /* "jsonw", issue 17 */

/* ---- the writer alone ---- */

/* Writes `it` (and what is in it) with the writer, as cJSON would. */
static void walk(jw *w, const cJSON *it, const char *key)
{
	const cJSON *c;
	switch (it->type & 0xff) {
	case cJSON_NULL: jw_null(w, key); break;
	case cJSON_False: jw_bool(w, key, false); break;
	case cJSON_True: jw_bool(w, key, true); break;
	case cJSON_Number: jw_num(w, key, it->valuedouble); break;
	case cJSON_String: jw_str(w, key, it->valuestring); break;
	case cJSON_Array:
		jw_arr(w, key);
		for (c = it->child; c; c = c->next)
			walk(w, c, NULL);
		jw_end(w);
		break;
	case cJSON_Object:
		jw_obj(w, key);
		for (c = it->child; c; c = c->next)
			walk(w, c, c->string);
		jw_end(w);
		break;
	default:
		fail_msg("unknown cJSON type %d", it->type);
	}
}

static char *written(const cJSON *it, bool pretty, unsigned depth)
{
	buf b = BUF_INIT;
	jw w;
	char *s;
	jw_init(&w, &b, pretty, depth);
	walk(&w, it, NULL);
	assert_true(jw_finish(&w));
	s = buf_detach(&b, NULL);
	assert_non_null(s);
	return s;
}

/* cJSON's text and the writer's are the same, formatted and compact,
 * and one level deep: {"x": it} printed by cJSON against {"x": raw},
 * raw written at depth 1. Returns false (printing both) when not. */
static bool same_as_cjson(const cJSON *it)
{
	bool same = true;
	for (int pretty = 0; pretty < 2; pretty++) {
		char *want = pretty ? cJSON_Print(it) : cJSON_PrintUnformatted(it);
		char *got = written(it, pretty, 0);
		cJSON *wrap = cJSON_CreateObject(), *wrap_raw = cJSON_CreateObject();
		char *inner = written(it, pretty, 1), *want_wrap, *got_wrap;
		assert_non_null(want);
		cJSON_AddItemReferenceToObject(wrap, "x", (cJSON *)it);
		cJSON_AddRawToObject(wrap_raw, "x", inner);
		want_wrap = pretty ? cJSON_Print(wrap) : cJSON_PrintUnformatted(wrap);
		got_wrap = pretty ? cJSON_Print(wrap_raw) : cJSON_PrintUnformatted(wrap_raw);
		if (strcmp(want, got) != 0 || strcmp(want_wrap, got_wrap) != 0) {
			printf("pretty %d:\ncJSON:  [%s]\nwriter: [%s]\n", pretty, want, got);
			same = false;
		}
		cJSON_free(want);
		cJSON_free(want_wrap);
		cJSON_free(got_wrap);
		free(got);
		free(inner);
		cJSON_Delete(wrap);
		cJSON_Delete(wrap_raw);
	}
	return same;
}

static void check_and_free(cJSON *it)
{
	assert_non_null(it);
	assert_true(same_as_cjson(it));
	cJSON_Delete(it);
}

/* Every byte from 1 to 255 in a string, alone and all together, as a
 * value and as a key; quotes, backslashes, UTF-8 of 2, 3 and 4 bytes. */
static void strings_and_keys(void **state)
{
	char all[256], one[2] = {0, 0};
	cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray();
	(void)state;
	for (int c = 1; c < 256; c++) {
		all[c - 1] = (char)c;
		one[0] = (char)c;
		cJSON_AddItemToArray(a, cJSON_CreateString(one));
		cJSON_AddStringToObject(o, one, one);
	}
	all[255] = '\0';
	cJSON_AddItemToArray(a, cJSON_CreateString(all));
	cJSON_AddStringToObject(o, all, all);
	cJSON_AddStringToObject(o, "", "");
	cJSON_AddStringToObject(o, "q\"b\\s/", "say \"no\" \\ C:\\dir\\ /slash/");
	cJSON_AddStringToObject(o, "utf8", "caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x92\xaa \xe2\x80\x94 end");
	cJSON_AddStringToObject(o, "ctl", "a\tb\nc\rd\be\ff\x01g\x1fh\x7f");
	check_and_free(o);
	check_and_free(a);
	check_and_free(cJSON_CreateString(all));
	check_and_free(cJSON_CreateString(""));
}

/* Every byte at every place of a longer string and key: the writer
 * looks at 8 bytes at a time for the ones that need an escape. */
static void bytes_in_long_strings(void **state)
{
	cJSON *a = cJSON_CreateArray(), *o = cJSON_CreateObject();
	char s[20];
	(void)state;
	for (int c = 1; c < 256; c++)
		for (int at = 0; at < 19; at++) {
			memcpy(s, "abcdefghijklmnopqrs", 20);
			s[at] = (char)c;
			cJSON_AddItemToArray(a, cJSON_CreateString(s));
			if (at % 5 == 0)
				cJSON_AddNullToObject(o, s);
		}
	check_and_free(a);
	check_and_free(o);
}

/* splitmix64, for the random numbers and trees below */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double random_double(uint64_t *s)
{
	uint64_t bits = next(s);
	double d;
	switch (bits % 8) {
	case 0: /* any bit pattern but NaN and infinities */
		bits = next(s);
		memcpy(&d, &bits, sizeof(d));
		return isfinite(d) ? d : 1.5;
	case 1: return (double)(int64_t)next(s) / 100.0;        /* hundredths */
	case 2: return round((double)(next(s) % 100000) * 0.37) / 100.0; /* round2 */
	case 3: return (double)(int32_t)next(s);                 /* whole */
	case 4: return (double)(next(s) % 100000) / 100.0;      /* kg-like */
	case 5: return ldexp((double)(next(s) >> 11), -(int)(next(s) % 80)); /* binary */
	case 6: return (double)(next(s) % 1000) * pow(10.0, (double)(int)(next(s) % 40) - 20);
	default: return round((double)(next(s) % 20000) * 0.25 * 100.0) / 100.0;
	}
}

static void numbers(void **state)
{
	static const double fixed[] = {
		0, 1, -1, 2, 10, 100, 12345, -98765, 2147483647.0, -2147483648.0,
		4294967296.0, 1e14, 999999999999999.0, 1e15, 1e15 + 1, 1e16, 1e17,
		1e21, 1e22, 1e300, DBL_MAX, -DBL_MAX, DBL_MIN, DBL_EPSILON, 5e-324,
		0.1, 0.2, 0.3, 0.01, 0.05, 0.001, 0.0001, 0.00001, 1e-7, 1.5, 2.25,
		2.5, 3.75, 12.5, 0.45, 1.1, 2.2, 33.33, 1.0 / 3, 2.0 / 3, 3.14159265358979323846,
		-0.5, -0.01, 123456789.12, 1234567890123.45, 12345678901234.5,
		0.1 + 0.2, 1e-300, 9007199254740993.0, 4.35, 0.07, 1.005, 1e13 + 0.01,
	};
	cJSON *a = cJSON_CreateArray(), *specials = cJSON_CreateArray();
	uint64_t s = 17;
	(void)state;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		cJSON_AddItemToArray(a, cJSON_CreateNumber(fixed[i]));
		if (fixed[i] != 0) /* -0: below */
			cJSON_AddItemToArray(a, cJSON_CreateNumber(-fixed[i]));
	}
	check_and_free(a);
	/* NaN and infinities print null */
	cJSON_AddItemToArray(specials, cJSON_CreateNumber(NAN));
	cJSON_AddItemToArray(specials, cJSON_CreateNumber(INFINITY));
	cJSON_AddItemToArray(specials, cJSON_CreateNumber(-INFINITY));
#if CJSON_VERSION_MAJOR == 1 && CJSON_VERSION_MINOR == 7 && CJSON_VERSION_PATCH <= 15
	/* -0 prints "-0" (1.7.16 on print it as the integer 0) */
	cJSON_AddItemToArray(specials, cJSON_CreateNumber(-0.0));
#endif
	check_and_free(specials);
	for (int round = 0; round < 200; round++) {
		cJSON *r = cJSON_CreateArray();
		for (int i = 0; i < 500; i++)
			cJSON_AddItemToArray(r, cJSON_CreateNumber(random_double(&s)));
		check_and_free(r);
	}
}

static void containers(void **state)
{
	static const char *const docs[] = {
		"{}", "[]", "[[]]", "[{}]", "{\"a\":{}}", "{\"a\":[]}",
		"[[], {}, [[{}]], {\"x\": [{}, []]}]",
		"{\"a\": [{\"b\": 1, \"c\": [1, 2, {\"d\": null}]}, {\"e\": true}], \"f\": false, \"g\": {\"h\": {\"i\": {}}}}",
		"[1, \"two\", null, true, false, [3, [4, [5]]], {\"k\": [{\"l\": {\"m\": []}}]}]",
		"\"just a string\"", "42", "-1.5", "null", "true",
		"{\"\": \"\", \"x\\u0001y\": [\"\\u001f\", \"\\\"\"]}",
	};
	char deep_text[4096] = "";
	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		check_and_free(cJSON_Parse(docs[i]));
	/* nested 30 deep, arrays and objects in turn */
	for (int i = 0; i < 30; i++)
		strcat(deep_text, i % 2 ? "{\"k\":" : "[1,");
	strcat(deep_text, "{\"leaf\":[{},[]]}");
	for (int i = 29; i >= 0; i--)
		strcat(deep_text, i % 2 ? "}" : "]");
	check_and_free(cJSON_Parse(deep_text));
}

/* A key is read when it is written: a key buffer whose words change
 * between members, long keys and keys that need escapes are written as
 * they are at that moment. */
static void keys_remembered(void **state)
{
	static const char *const words[] = {"sets", "reps", "set", "setsx", "",
		"a key that is far too long to be remembered", "tab\there", "sets"};
	char key[64];
	cJSON *o = cJSON_CreateObject();
	buf b = BUF_INIT;
	jw w;
	char *want, *got;
	(void)state;
	for (int pretty = 0; pretty < 2; pretty++) {
		jw_init(&w, &b, pretty, 0);
		jw_obj(&w, NULL);
		for (int round = 0; round < 3; round++)
			for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
				strcpy(key, words[i]);
				jw_int(&w, key, (long)i);
				if (pretty == 0 && round == 0)
					cJSON_AddNumberToObject(o, words[i], (double)i);
			}
		jw_end(&w);
		assert_true(jw_finish(&w));
		got = buf_detach(&b, NULL);
		if (pretty == 0) {
			/* the tree has each round's members once: repeat them */
			cJSON *o3 = cJSON_CreateObject();
			for (int round = 0; round < 3; round++)
				for (cJSON *c = o->child; c; c = c->next)
					cJSON_AddNumberToObject(o3, c->string, c->valuedouble);
			cJSON_Delete(o);
			o = o3;
		}
		want = pretty ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
		assert_string_equal(got, want);
		cJSON_free(want);
		free(got);
	}
	cJSON_Delete(o);
}

static cJSON *random_tree(uint64_t *s, int depth)
{
	static const char *const keys[] = {"a", "key", "", "with \"quote\"",
					   "tab\there", "caf\xc3\xa9", "x\x01"};
	static const char *const strs[] = {"", "plain", "line\nbreak",
					   "back\\slash", "\x7f\x1b[0m", "\xe2\x9c\x93"};
	unsigned kind = (unsigned)(next(s) % (depth > 5 ? 6 : 8));
	cJSON *it, *c;
	unsigned n;
	switch (kind) {
	case 0: return cJSON_CreateNull();
	case 1: return cJSON_CreateBool(next(s) % 2);
	case 2: case 3: return cJSON_CreateNumber(random_double(s));
	case 4: case 5: return cJSON_CreateString(strs[next(s) % 6]);
	default:
		it = kind == 6 ? cJSON_CreateArray() : cJSON_CreateObject();
		n = (unsigned)(next(s) % 5);
		for (unsigned i = 0; i < n; i++) {
			c = random_tree(s, depth + 1);
			if (kind == 6)
				cJSON_AddItemToArray(it, c);
			else
				cJSON_AddItemToObject(it, keys[next(s) % 7], c);
		}
		return it;
	}
}

static void random_trees(void **state)
{
	uint64_t s = 0x1717;
	(void)state;
	for (int i = 0; i < 3000; i++)
		check_and_free(random_tree(&s, 0));
}

/* ---- the plan ---- */

typedef struct {
	unsigned long plans, bytes;
	int printed;
} tally;

/* The first difference of two texts, for the log. */
static void show_difference(const char *what, const char *want, const char *got)
{
	size_t i = 0;
	while (want[i] && want[i] == got[i])
		i++;
	printf("%s: differs at byte %zu: cJSON \"%.40s\", writer \"%.40s\"\n",
	       what, i, want + i, got + i);
}

/* The plan's JSON, formatted and compact (written at an offset of a
 * buffer kept from the plan before, as batch does), against cJSON's
 * print of the tree; also the plan as a review embeds it. */
static bool plan_same(tally *t, const gradus_plan *pl, const char *what,
		      char **keep, size_t *keep_cap)
{
	cJSON *tree = plan_json_cjson(pl), *wrap = cJSON_CreateObject(),
	      *wrap_raw = cJSON_CreateObject();
	char *want = cJSON_Print(tree), *want_compact = cJSON_PrintUnformatted(tree);
	char *got = NULL, *want_wrap, *got_wrap;
	size_t len = 0, clen = 0;
	buf inner = BUF_INIT;
	bool same = true;

	assert_non_null(want);
	assert_non_null(want_compact);
	assert_int_equal(gradus_plan_render(&got, &len, pl, GRADUS_PLAN_JSON, NULL), GRADUS_OK);
	assert_int_equal(len, strlen(want) + 1);
	if (strncmp(want, got, len - 1) != 0 || got[len - 1] != '\n') {
		show_difference(what, want, got);
		same = false;
	}
	memcpy(*keep, "head:", 5);
	assert_int_equal(gradus_plan_render_compact(keep, keep_cap, 5, &clen, pl), GRADUS_OK);
	assert_memory_equal(*keep, "head:", 5);
	if (clen != strlen(want_compact) || strcmp(*keep + 5, want_compact) != 0) {
		show_difference(what, want_compact, *keep + 5);
		same = false;
	}
	/* as the review embeds it: a member of the outermost object */
	assert_true(render_plan_json(&inner, pl, true, 1));
	cJSON_AddItemReferenceToObject(wrap, "plan", tree);
	cJSON_AddRawToObject(wrap_raw, "plan", inner.ptr);
	want_wrap = cJSON_Print(wrap);
	got_wrap = cJSON_Print(wrap_raw);
	if (strcmp(want_wrap, got_wrap) != 0) {
		show_difference(what, want_wrap, got_wrap);
		same = false;
	}
	t->plans++;
	t->bytes += (unsigned long)len;
	buf_free(&inner);
	cJSON_free(want_wrap);
	cJSON_free(got_wrap);
	cJSON_Delete(wrap);
	cJSON_Delete(wrap_raw);
	cJSON_Delete(tree);
	cJSON_free(want);
	cJSON_free(want_compact);
	free(got);
	return same;
}

/* A plan of the profile in `text` (NULL when gated or none), for
 * `weeks` (0: its own length). */
static gradus_plan *plan_of(const char *name, const char *text, int weeks,
			    gradus_profile **p, gradus_screening **s)
{
	gradus_diags *d = gradus_diags_new();
	gradus_plan_options po;
	gradus_plan *pl = NULL;
	memset(&po, 0, sizeof(po));
	po.start = (gradus_date){2026, 12, 1};
	po.weeks = weeks;
	*p = NULL;
	*s = NULL;
	if (gradus_profile_load_string(p, name, text, test_catalogue(), test_templates(), d) == GRADUS_OK &&
	    gradus_screen(s, *p, (gradus_date){0, 0, 0}, d) == GRADUS_OK &&
	    (*s)->tier <= GRADUS_TIER_PRECAUTIONS &&
	    gradus_plan_generate(&pl, *p, *s, test_catalogue(), test_templates(), &po, d) != GRADUS_OK)
		pl = NULL;
	gradus_diags_free(d);
	return pl;
}

static void examples(void **state)
{
	static const int weeks[] = {0, 12, 52};
	glob_t g;
	tally t = {0, 0, 0};
	char *keep = malloc(16);
	size_t keep_cap = 16, files = 0;
	(void)state;
	assert_non_null(keep);
	assert_int_equal(glob("profiles/examples/*.cfg", 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char *text = read_text(g.gl_pathv[i]);
		bool planned = false;
		assert_non_null(text);
		for (size_t k = 0; k < 3; k++) {
			gradus_profile *p;
			gradus_screening *s;
			gradus_plan *pl = plan_of(g.gl_pathv[i], text, weeks[k], &p, &s);
			char what[300];
			snprintf(what, sizeof(what), "%s, weeks %d", g.gl_pathv[i], weeks[k]);
			if (pl) {
				planned = true;
				assert_true(plan_same(&t, pl, what, &keep, &keep_cap));
			}
			gradus_plan_free(pl);
			gradus_screening_free(s);
			gradus_profile_free(p);
		}
		files += planned;
		free(text);
	}
	printf("%zu example profiles of %zu planned, %lu plans, %lu bytes of JSON\n",
	       files, g.gl_pathc, t.plans, t.bytes);
	/* not vacuous: every example that should get a plan got one */
	assert_true(files >= n_plannable_profiles);
	globfree(&g);
	free(keep);
}

static void generated(void **state)
{
	const char *env = getenv("GRADUS_JSONW_COUNT");
	unsigned long count = JSONW_COUNT, wrong = 0;
	tally t = {0, 0, 0};
	char *keep = NULL;
	size_t keep_cap = 0;
	(void)state;
	if (!env)
		env = getenv("GRADUS_PROPERTY_COUNT");
	if (env)
		count = strtoul(env, NULL, 10);
	keep = malloc(8);
	keep_cap = 8;
	assert_non_null(keep);
	for (uint64_t i = 0; i < count; i++) {
		char *text = pgen_profile(JSONW_SEED, i, test_catalogue(), test_templates(), NULL);
		gradus_profile *p;
		gradus_screening *s;
		gradus_plan *pl;
		char name[64];
		assert_non_null(text);
		snprintf(name, sizeof(name), "jsonw-%" PRIu64 ".cfg", i);
		pl = plan_of(name, text, 0, &p, &s);
		if (pl && !plan_same(&t, pl, name, &keep, &keep_cap) && wrong++ > 10)
			fail_msg("more than 10 plans differ");
		gradus_plan_free(pl);
		gradus_screening_free(s);
		gradus_profile_free(p);
		free(text);
	}
	printf("%lu generated profiles, %lu plans, %lu bytes of JSON, %lu differ\n",
	       count, t.plans, t.bytes, wrong);
	assert_true(t.plans >= count / 5);
	assert_int_equal(wrong, 0);
	free(keep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings_and_keys),
		cmocka_unit_test(bytes_in_long_strings),
		cmocka_unit_test(numbers),
		cmocka_unit_test(containers),
		cmocka_unit_test(keys_remembered),
		cmocka_unit_test(random_trees),
		cmocka_unit_test(examples),
		cmocka_unit_test(generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
