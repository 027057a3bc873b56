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

static inline bool gradus_date_is_set(gradus_date d) { return d.y != 0; }

/* Parses exactly "YYYY-MM-DD" (year 1900..2199) and checks it is a real
 * calendar date. Returns 0, or -1 when malformed or not a real date. */
int gradus_date_parse(const char *s, gradus_date *out);
/* Days since 1970-01-01 (negative before). */
long gradus_date_days(gradus_date d);
gradus_date gradus_date_from_days(long days);
gradus_date gradus_date_add(gradus_date d, long days);
/* 0 = Monday .. 6 = Sunday. */
int gradus_date_weekday(gradus_date d);
/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void gradus_date_format(gradus_date d, char buf[11]);

#ifdef __cplusplus
}
#endif
#endif
