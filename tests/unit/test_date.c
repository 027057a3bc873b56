#include "helpers.h"

static void parses_real_dates(void **state)
{
	gradus_date d;
	(void)state;
	assert_int_equal(gradus_date_parse("2026-12-01", &d), 0);
	assert_int_equal(d.y, 2026);
	assert_int_equal(d.m, 12);
	assert_int_equal(d.d, 1);
	assert_int_equal(gradus_date_parse("2024-02-29", &d), 0); /* leap */
}

static void rejects_unreal_or_malformed_dates(void **state)
{
	gradus_date d;
	static const char *const bad[] = {
		"2026-02-29", "2100-02-29", "2026-13-01", "2026-00-10",
		"2026-04-31", "2026-1-01", "26-01-01", "2026-01-01x",
		"2026/01/01", "", "1899-12-31", "2200-01-01", " 2026-01-01"};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(gradus_date_parse(bad[i], &d), -1);
	assert_int_equal(gradus_date_parse("2000-02-29", &d), 0);
}

static void counts_days_and_weekdays(void **state)
{
	gradus_date d = {1970, 1, 1}, e;
	char buf[11];
	(void)state;
	assert_int_equal(gradus_date_days(d), 0);
	assert_int_equal(gradus_date_weekday(d), 3); /* a Thursday */
	d = (gradus_date){2026, 12, 1};              /* a Tuesday */
	assert_int_equal(gradus_date_weekday(d), 1);
	e = gradus_date_add(d, 31);
	gradus_date_format(e, buf);
	assert_string_equal(buf, "2027-01-01");
	e = gradus_date_add((gradus_date){2028, 2, 28}, 1);
	gradus_date_format(e, buf);
	assert_string_equal(buf, "2028-02-29");
	assert_int_equal(gradus_date_days((gradus_date){2026, 12, 1}) -
				 gradus_date_days((gradus_date){2026, 11, 1}),
			 30);
}

/* Adding days gives the day that many days on (the calendar date of
 * the day count), for every day of 1999 to 2101 (leap years, 2000 and
 * 2100 among them, month and year ends) and steps of -40 to 40 days:
 * the shortcut within a month agrees with it. */
static void adds_days_across_months_and_years(void **state)
{
	(void)state;
	for (long z = gradus_date_days((gradus_date){1999, 1, 1});
	     z <= gradus_date_days((gradus_date){2101, 12, 31}); z++) {
		gradus_date d = gradus_date_from_days(z);
		for (long k = -40; k <= 40; k++) {
			gradus_date r = gradus_date_add(d, k), want = gradus_date_from_days(z + k);
			if (r.y != want.y || r.m != want.m || r.d != want.d)
				fail_msg("%04d-%02d-%02d + %ld gave %04d-%02d-%02d", d.y, d.m,
					 d.d, k, r.y, r.m, r.d);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_real_dates),
		cmocka_unit_test(rejects_unreal_or_malformed_dates),
		cmocka_unit_test(counts_days_and_weekdays),
		cmocka_unit_test(adds_days_across_months_and_years),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
