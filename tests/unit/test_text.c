/* The printed text plan: 80 columns, one week per page, a stop-and-call
 * box on every page, a tick box per set. Checked on every example. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "util/buf.h"
#include "util/text.h"


static gradus_plan *make(const char *path, gradus_profile **pp,
			 gradus_screening **sp)
{
	gradus_diags *d = gradus_diags_new();
	gradus_plan *plan = NULL;
	assert_int_equal(gradus_profile_load_file(pp, path, test_catalogue(),
						  test_templates(), d), GRADUS_OK);
	assert_int_equal(gradus_screen(sp, *pp, (gradus_date){0, 0, 0}, d), GRADUS_OK);
	assert_int_equal(gradus_plan_generate(&plan, *pp, *sp, test_catalogue(),
					      test_templates(), NULL, d), GRADUS_OK);
	gradus_diags_free(d);
	return plan;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void pages_fit_paper(void **state)
{
	(void)state;
	for (size_t f = 0; f < n_plannable_profiles; f++) {
		gradus_profile *p;
		gradus_screening *s;
		gradus_plan *plan = make(plannable_profiles[f], &p, &s);
		char *text;
		size_t len, pages = 1, lines = 1, cols = 0;
		assert_int_equal(gradus_plan_render(&text, &len, plan, GRADUS_PLAN_TEXT, NULL),
				 GRADUS_OK);
		/* a cover page, the guide, one page per week (after the
		 * guide of the exercises that start there), the therapist's
		 * page: the stop lines on each */
		assert_true(count(text, "\f") > plan->n_weeks + 1);
		assert_int_equal(count(text, "STOP AND CALL"), count(text, "\f") + 1);
		assert_int_equal(count(text, "\f\nFor your therapist\n"), 1);
		for (const char *c = text; *c; c++) {
			if (*c == '\f') {
				pages++;
				lines = 1;
				continue;
			}
			if (*c == '\n') {
				lines++;
				cols = 0;
				/* 62 lines: A4 and Letter at 6 lines an inch, with margins */
				if (lines > 62)
					fail_msg("%s: page %zu is longer than 62 lines", plannable_profiles[f], pages);
				continue;
			}
			if (((unsigned char)*c & 0xc0) != 0x80 && ++cols > 80)
				fail_msg("%s: page %zu line %zu is wider than 80 columns",
					 plannable_profiles[f], pages, lines);
		}
		free(text);
		gradus_plan_free(plan);
		gradus_screening_free(s);
		gradus_profile_free(p);
	}
}

/* The record grid has a box for each set of each session. */
static void one_box_per_set(void **state)
{
	gradus_profile *p;
	gradus_screening *s;
	gradus_plan *plan = make("profiles/examples/margaret-sarcopenia.cfg", &p, &s);
	char *text, *page;
	size_t boxes = 0;
	(void)state;
	assert_int_equal(gradus_plan_render(&text, NULL, plan, GRADUS_PLAN_TEXT, NULL),
			 GRADUS_OK);
	/* the last week's page, before the therapist's */
	page = strstr(text, "\f\nFor your therapist\n");
	assert_non_null(page);
	*page = '\0';
	page = strrchr(text, '\f');
	assert_non_null(page);
	const gradus_week *wk = &plan->weeks[plan->n_weeks - 1];
	for (size_t i = 0; i < wk->sessions[0].n_items; i++)
		boxes += (size_t)wk->sessions[0].items[i].sets * wk->n_sessions;
	assert_true(boxes > 0);
	assert_int_equal(count(page, "[ ]"), boxes);
	assert_int_equal(count(page, "__/__/__"), wk->sessions[0].n_items * wk->n_sessions);
	free(text);
	gradus_plan_free(plan);
	gradus_screening_free(s);
	gradus_profile_free(p);
}

/* Display width (UAX #11): wide and fullwidth characters take 2
 * columns, combining marks and zero-width characters none. */
static void width_of_wide_and_combining(void **state)
{
	(void)state;
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("Margaret"), 8);
	assert_int_equal(utf8_width("caf\xc3\xa9"), 4);            /* precomposed e acute */
	assert_int_equal(utf8_width("cafe\xcc\x81"), 4);           /* e + U+0301 */
	assert_int_equal(utf8_width("Zoe\xcc\x88\xcc\xa3"), 3);     /* two marks on one e */
	assert_int_equal(utf8_width("\xe5\xb1\xb1\xe7\x94\xb0"), 4);  /* CJK: two ideographs */
	assert_int_equal(utf8_width("\xe3\x81\x95"), 2);           /* hiragana */
	assert_int_equal(utf8_width("\xef\xbc\xa1"), 2);           /* fullwidth A, U+FF21 */
	assert_int_equal(utf8_width("\xea\xb0\x80"), 2);           /* Hangul syllable */
	assert_int_equal(utf8_width("\xf0\x9f\x91\xb5"), 2);       /* emoji U+1F475 */
	assert_int_equal(utf8_width("\xf0\xa0\x80\x80"), 2);       /* U+20000, plane 2 */
	assert_int_equal(utf8_width("a\xe2\x80\x8b" "b"), 2);         /* zero width space */
	assert_int_equal(utf8_width("a\xe2\x80\x8d" "b"), 2);         /* zero width joiner */
	assert_int_equal(utf8_width("\xef\xbb\xbf"), 0);           /* BOM, U+FEFF */
	assert_int_equal(utf8_width("\xc3\x97\xe2\x80\x94"), 2);    /* narrow: x sign, dash */
	assert_int_equal(utf8_width("\xef\xbd\xb1"), 1);           /* halfwidth katakana */
	assert_int_equal(utf8_width_n("\xe5\xb1\xb1\xe7\x94\xb0", 3), 2);
	/* broken sequences: one column each, never a read past the end */
	assert_int_equal(utf8_width("\xe5\xb1"), 1);
	assert_int_equal(utf8_width("\x80\x80x"), 2);
	/* the longest start that fits, marks kept with their letter */
	assert_int_equal(utf8_fit("cafe\xcc\x81s", 7, 4), 6);
	assert_int_equal(utf8_fit("\xe5\xb1\xb1\xe7\x94\xb0", 6, 3), 3);
	assert_int_equal(utf8_fit("ab", 2, 0), 0);
}

/* Wrapping and padding count display columns: a line of wide
 * characters holds half as many, and a word of them breaks between
 * characters, never inside one or before a combining mark. */
static void wrap_and_pad_by_columns(void **state)
{
	buf b = BUF_INIT;
	char *s;
	(void)state;
	/* 30 ideographs (60 columns) after a 30-column prefix */
	text_wrap(&b, "123456789012345678901234567890", "",
		  "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
		  "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
		  "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
		  "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
		  "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
		  "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1", 41);
	s = buf_detach(&b, NULL);
	assert_non_null(s);
	/* 5 on the first line (40 columns), 20 on the second, 5 left */
	assert_int_equal(utf8_width_n(s, (size_t)(strchr(s, '\n') - s)), 40);
	assert_int_equal(utf8_width_n(strchr(s, '\n') + 1,
				      (size_t)(strchr(strchr(s, '\n') + 1, '\n') - strchr(s, '\n') - 1)), 40);
	free(s);
	/* e + U+0301 repeated: broken after a mark, never before one */
	text_wrap(&b, "", "", "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2);
	s = buf_detach(&b, NULL);
	assert_string_equal(s, "e\xcc\x81" "e\xcc\x81\ne\xcc\x81" "e\xcc\x81\ne\xcc\x81\n");
	free(s);
	text_pad(&b, "\xe5\xb1\xb1x", 5);
	buf_putc(&b, '|');
	text_pad(&b, "toolong", 3);
	s = buf_detach(&b, NULL);
	assert_string_equal(s, "\xe5\xb1\xb1x  |toolong");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pages_fit_paper),
		cmocka_unit_test(one_box_per_set),
		cmocka_unit_test(width_of_wide_and_combining),
		cmocka_unit_test(wrap_and_pad_by_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
