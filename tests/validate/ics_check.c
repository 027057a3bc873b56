/*
 * ics_check - validates iCalendar files (RFC 5545) with libical, an
 * independent parser, for the ICS tests of gradus.
 *
 * Usage: ics_check FILE...   (exit 0: every file valid; 1: a problem)
 *
 * Per file it checks
 *  - the raw text: CRLF line ends only, no line longer than 75 octets,
 *    every line valid UTF-8 on its own (so a fold never splits a
 *    character), continuation lines start with a space;
 *  - that libical parses it into one VCALENDAR with VERSION:2.0, PRODID
 *    and at least one component, without X-LIC-ERROR properties;
 *  - icalrestriction_check() (RFC 5545 / RFC 5546 property counts for the
 *    calendar's METHOD), again counting the X-LIC-ERROR it adds;
 *  - each VEVENT: UID, DTSTAMP, DTSTART and DTEND present, DTEND after
 *    DTSTART; each VTODO: UID and DTSTAMP; UIDs unique in the calendar.
 * Every problem is printed as FILE: message.
 */
#include <libical/ical.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int problems;

/* FILE[:LINE]: message (line 0: none) */
static void problem(const char *file, long line, const char *msg,
		    const char *arg)
{
	fprintf(stderr, "%s", file);
	if (line > 0)
		fprintf(stderr, ":%ld", line);
	fprintf(stderr, ": %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
	problems++;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	size_t cap = 0, n = 0, r;
	if (!f)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			char *t;
			cap = cap ? cap * 2 : 8192;
			t = realloc(s, cap);
			if (!t) {
				free(s);
				fclose(f);
				return NULL;
			}
			s = t;
		}
		r = fread(s + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	fclose(f);
	if (!s)
		s = calloc(1, 1);
	else
		s[n] = '\0';
	*len = n;
	return s;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned cp;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

static void check_raw(const char *file, const char *s, size_t n)
{
	size_t i = 0;
	long line = 0;
	if (n == 0) {
		problem(file, 0, "empty file", NULL);
		return;
	}
	while (i < n) {
		size_t start = i, end;
		line++;
		while (i < n && s[i] != '\r' && s[i] != '\n')
			i++;
		end = i;
		if (i >= n) {
			problem(file, line, "last line does not end with CRLF", NULL);
			break;
		}
		if (s[i] == '\n') {
			problem(file, line, "bare LF line end (RFC 5545 needs CRLF)", NULL);
			i++;
		} else if (i + 1 >= n || s[i + 1] != '\n') {
			problem(file, line, "bare CR (RFC 5545 needs CRLF)", NULL);
			i++;
		} else
			i += 2;
		if (end - start > 75)
			problem(file, line, "line longer than 75 octets (fold it)", NULL);
		if (end == start)
			problem(file, line, "empty line", NULL);
		for (size_t k = start; k < end;) {
			size_t m = utf8_seq((const unsigned char *)s + k, end - k);
			if (m == 0) {
				problem(file, line, "not valid UTF-8 on its own (a fold splits a character?)", NULL);
				break;
			}
			if (m == 1 && (unsigned char)s[k] < 0x20 && s[k] != '\t') {
				problem(file, line, "control character", NULL);
				break;
			}
			k += m;
		}
	}
}

/* Prints and counts the X-LIC-ERROR properties of c and its children. */
static void lic_errors(const char *file, icalcomponent *c)
{
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	     p; p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
		problem(file, 0, "libical:", icalproperty_get_xlicerror(p));
	for (icalcomponent *k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
	     k; k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		lic_errors(file, k);
}

static bool has(icalcomponent *c, icalproperty_kind k)
{
	return icalcomponent_get_first_property(c, k) != NULL;
}

#define MAX_UIDS 4096

static void check_parts(const char *file, icalcomponent *cal)
{
	const char *uids[MAX_UIDS];
	size_t n_uids = 0, n_parts = 0;

	for (icalcomponent *c = icalcomponent_get_first_component(cal, ICAL_ANY_COMPONENT);
	     c; c = icalcomponent_get_next_component(cal, ICAL_ANY_COMPONENT)) {
		icalcomponent_kind k = icalcomponent_isa(c);
		const char *what = icalcomponent_kind_to_string(k);
		const char *uid;
		n_parts++;
		if (k != ICAL_VEVENT_COMPONENT && k != ICAL_VTODO_COMPONENT)
			continue;
		if (!has(c, ICAL_UID_PROPERTY)) {
			problem(file, 0, "no UID in a", what);
			continue;
		}
		uid = icalcomponent_get_uid(c);
		if (!has(c, ICAL_DTSTAMP_PROPERTY))
			problem(file, 0, "no DTSTAMP in", uid);
		for (size_t i = 0; i < n_uids; i++)
			if (strcmp(uids[i], uid) == 0)
				problem(file, 0, "UID used twice:", uid);
		if (n_uids < MAX_UIDS)
			uids[n_uids++] = uid;
		if (k == ICAL_VEVENT_COMPONENT) {
			if (!has(c, ICAL_DTSTART_PROPERTY))
				problem(file, 0, "no DTSTART in", uid);
			else if (!has(c, ICAL_DTEND_PROPERTY))
				problem(file, 0, "no DTEND in", uid);
			else if (icaltime_compare(icalcomponent_get_dtend(c),
						  icalcomponent_get_dtstart(c)) <= 0)
				problem(file, 0, "DTEND not after DTSTART in", uid);
			if (!has(c, ICAL_SUMMARY_PROPERTY))
				problem(file, 0, "no SUMMARY in", uid);
		}
	}
	if (n_parts == 0)
		problem(file, 0, "VCALENDAR without any component", NULL);
}

static void check_file(const char *file)
{
	size_t n = 0;
	char *s = read_file(file, &n);
	icalcomponent *root;
	int before = problems;

	if (!s) {
		problem(file, 0, "cannot read", NULL);
		return;
	}
	check_raw(file, s, n);
	root = icalparser_parse_string(s);
	free(s);
	if (!root) {
		problem(file, 0, "libical could not parse it", NULL);
		return;
	}
	if (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
		problem(file, 0, "not one VCALENDAR", NULL);
		icalcomponent_free(root);
		return;
	}
	if (!has(root, ICAL_VERSION_PROPERTY) ||
	    strcmp(icalproperty_get_version(icalcomponent_get_first_property(root, ICAL_VERSION_PROPERTY)), "2.0") != 0)
		problem(file, 0, "no VERSION:2.0", NULL);
	if (!has(root, ICAL_PRODID_PROPERTY))
		problem(file, 0, "no PRODID", NULL);
	lic_errors(file, root); /* parse errors */
	if (problems == before) {
		int ok = icalrestriction_check(root);
		lic_errors(file, root); /* what the restriction check added */
		if (!ok && problems == before)
			problem(file, 0, "icalrestriction_check failed", NULL);
	}
	check_parts(file, root);
	icalcomponent_free(root);
	if (problems == before)
		printf("%s: valid\n", file);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: ics_check FILE...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		check_file(argv[i]);
	return problems ? 1 : 0;
}
