/*
 * gradus/date.h - calendar dates (proleptic Gregorian), no clock.
 */
#ifndef GRADUS_DATE_H
#define GRADUS_DATE_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* y == 0 means "no date". */
typedef struct {
	int y, m, d;
} gradus_date;

/* Is `d` a date (y != 0)? */
static inline bool gradus_date_is_set(gradus_date d) { return d.y != 0; }

/* Parses exactly "YYYY-MM-DD" (year 1900..2199) and checks it is a real
 * calendar date. `out` must not be NULL; `s` may be (then -1). Returns 0
 * with *out set, or -1 when malformed or not a real date (*out is then
 * left as it was). */
int gradus_date_parse(const char *s, gradus_date *out);
/* Days since 1970-01-01 (negative before), and back; `d` is a set
 * date. Plain values: nothing to free, no failure. */
long gradus_date_days(gradus_date d);
gradus_date gradus_date_from_days(long days);
/* `d` moved by `days` (negative: earlier). */
gradus_date gradus_date_add(gradus_date d, long days);
/* 0 = Monday .. 6 = Sunday. */
int gradus_date_weekday(gradus_date d);
/* Writes "YYYY-MM-DD" and a NUL into buf, which the caller provides (at
 * least 11 bytes; not NULL). An unset date is written "0000-00-00". */
void gradus_date_format(gradus_date d, char buf[11]);

#ifdef __cplusplus
}
#endif
#endif
