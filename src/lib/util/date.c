#include "gradus/date.h"


static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int gradus_date_parse(const char *s, gradus_date *out)
{
	int v[3] = {0, 0, 0};
	static const int width[3] = {4, 2, 2};
	const char *p = s;

	if (!s)
		return -1;
	for (int f = 0; f < 3; f++) {
		for (int i = 0; i < width[f]; i++, p++) {
			if (*p < '0' || *p > '9')
				return -1;
			v[f] = v[f] * 10 + (*p - '0');
		}
		if (f < 2 && *p++ != '-')
			return -1;
	}
	if (*p != '\0')
		return -1;
	if (v[0] < 1900 || v[0] > 2199 || v[1] < 1 || v[1] > 12 || v[2] < 1 ||
	    v[2] > month_days(v[0], v[1]))
		return -1;
	out->y = v[0];
	out->m = v[1];
	out->d = v[2];
	return 0;
}

/* Howard Hinnant's days_from_civil. */
long gradus_date_days(gradus_date d)
{
	long y = d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

gradus_date gradus_date_from_days(long z)
{
	gradus_date r;
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

gradus_date gradus_date_add(gradus_date d, long days)
{
	/* within the month (most of a plan's steps are a few days): the
	 * day alone moves */
	if (d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= month_days(d.y, d.m) &&
	    days >= 1 - d.d && days <= month_days(d.y, d.m) - d.d) {
		d.d += (int)days;
		return d;
	}
	return gradus_date_from_days(gradus_date_days(d) + days);
}

int gradus_date_weekday(gradus_date d)
{
	long z = gradus_date_days(d); /* 1970-01-01 was a Thursday (3) */
	long w = (z % 7 + 7 + 3) % 7;
	return (int)w;
}

void gradus_date_format(gradus_date d, char buf[11])
{
	unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u,
		 dd = (unsigned)d.d % 100u;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
}
