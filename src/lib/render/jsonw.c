/* The streaming JSON writer; see jsonw.h. The layout and escapes are
 * those of cJSON 1.7.15's print_object, print_array, print_string_ptr
 * and print_number (cJSON.c), step for step:
 *
 *   object, pretty:   "{\n", then each member as DEPTH tabs, the key,
 *                     ":\t", the value, "," unless last, "\n"; then
 *                     DEPTH - 1 tabs and "}" (so "{\n}" when empty).
 *                     DEPTH counts every container open, arrays too.
 *   object, compact:  "{" "key":value "," ... "}"
 *   array:            "[" values with ", " (pretty) or "," between "]"
 *   number:           "%1.15g", or "%1.17g" when that does not read back
 *                     (within DBL_EPSILON); NaN and infinities "null";
 *                     the locale's decimal point written as ".".
 *
 * Each value is written with its separator, indentation and key after
 * one reservation of room in the buffer; a key met before (found by its
 * address, checked by its bytes) is copied without being scanned for
 * escapes again. */
#include "render/jsonw.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void jw_init(jw *w, buf *b, bool pretty, unsigned depth)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->pretty = pretty;
	w->depth = w->base = depth;
	w->failed = depth >= JW_MAX_DEPTH;
}

bool jw_ok(const jw *w)
{
	return !w->failed && !w->b->failed && w->depth == w->base;
}

/* Room for n bytes (and a NUL) at the end of b; NULL when out of memory. */
static inline char *room(buf *b, size_t n)
{
	if (b->len + n < b->cap && !b->failed)
		return b->ptr + b->len;
	return buf_reserve(b, n);
}

/* The written text ends at `end`. */
static inline void done(jw *w, char *end)
{
	w->b->len = (size_t)(end - w->b->ptr);
	*end = '\0';
}

/* Room for n bytes from o, a place after the end of the buffer's text
 * (what begin wrote, not counted yet): o, or where it moved; NULL when
 * out of memory. */
static char *extend(jw *w, char *o, size_t n)
{
	size_t at = (size_t)(o - w->b->ptr);
	if (at + n < w->b->cap)
		return o;
	if (!buf_reserve(w->b, at - w->b->len + n))
		return NULL;
	return w->b->ptr + at;
}

/* How many bytes each byte takes in a JSON string (print_string_ptr):
 * 2 for a short escape, 6 for \u00XX, else 1. */
static const unsigned char esc_len[256] = {
	6, 6, 6, 6, 6, 6, 6, 6, 2, 2, 2, 6, 2, 2, 6, 6,
	6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
	1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* The length of `s` escaped, without the quotes; its own length in *n. */
static size_t escaped_len(const char *s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t e = 0;
	for (; *p; p++)
		e += esc_len[*p];
	*n = (size_t)(p - (const unsigned char *)s);
	return e;
}

/* `s` (n bytes, e escaped) quoted and escaped at o; returns the end. */
static char *put_string(char *o, const char *s, size_t n, size_t e)
{
	static const char hex[] = "0123456789abcdef";
	*o++ = '"';
	if (e == n) {
		memcpy(o, s, n);
		o += n;
	} else {
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if (esc_len[c] == 1) {
				*o++ = (char)c;
				continue;
			}
			*o++ = '\\';
			switch (c) {
			case '"': *o++ = '"'; break;
			case '\\': *o++ = '\\'; break;
			case '\b': *o++ = 'b'; break;
			case '\f': *o++ = 'f'; break;
			case '\n': *o++ = 'n'; break;
			case '\r': *o++ = 'r'; break;
			case '\t': *o++ = 't'; break;
			default:
				memcpy(o, "u00", 3);
				o[3] = hex[c >> 4];
				o[4] = hex[c & 15];
				o += 5;
			}
		}
	}
	*o++ = '"';
	return o;
}

/* The remembered key `key` at o, quoted, with its colon: the end; NULL
 * when it is not remembered (room: JW_KEY_MAX + 4 bytes). */
static inline char *put_known_key(char *o, const char *key, const jw_key *k)
{
	if (k->key != key || strcmp(key, k->name) != 0)
		return NULL;
	*o++ = '"';
	memcpy(o, k->name, JW_KEY_MAX + 1); /* fixed size: no call */
	o += k->len;
	*o++ = '"';
	*o++ = ':';
	return o;
}

/* The separator, indentation and key of the next value, with room for
 * `extra` bytes of it after them: where to write the value, or NULL. */
static char *begin(jw *w, const char *key, size_t extra)
{
	unsigned d = w->depth;
	uint64_t bit = (uint64_t)1 << d;
	bool sep = false, member = false;
	size_t kn = 0, ke = 0;
	jw_key *k = NULL;
	char *o, *q;

	if (w->failed)
		return NULL;
	if (d > w->base) {
		sep = (w->started & bit) != 0;
		member = !(w->in_array & bit);
		w->started |= bit;
	}
	if (member) {
		if (!key)
			key = "";
		k = &w->keys[((uintptr_t)key ^ (uintptr_t)key >> 6) & (JW_KEYS - 1)];
		extra += d + JW_KEY_MAX + 5;
	}
	o = room(w->b, extra + 2);
	if (!o)
		return NULL;
	if (sep) {
		*o++ = ',';
		if (w->pretty)
			*o++ = member ? '\n' : ' ';
	}
	if (!member)
		return o;
	if (w->pretty) {
		memset(o, '\t', d);
		o += d;
	}
	q = put_known_key(o, key, k);
	if (!q) {
		ke = escaped_len(key, &kn);
		if (ke > JW_KEY_MAX + 1) {
			o = extend(w, o, ke + extra);
			if (!o)
				return NULL;
		}
		q = put_string(o, key, kn, ke);
		*q++ = ':';
		if (ke == kn && kn <= JW_KEY_MAX) {
			k->key = key;
			k->len = kn;
			memcpy(k->name, key, kn + 1);
		}
	}
	if (w->pretty)
		*q++ = '\t';
	return q;
}

static void open_container(jw *w, const char *key, bool array)
{
	char *o = begin(w, key, 2);
	uint64_t bit;
	if (!o)
		return;
	if (w->depth + 1 >= JW_MAX_DEPTH) {
		w->failed = true;
		return;
	}
	*o++ = array ? '[' : '{';
	if (!array && w->pretty)
		*o++ = '\n';
	done(w, o);
	bit = (uint64_t)1 << ++w->depth;
	w->started &= ~bit;
	if (array)
		w->in_array |= bit;
	else
		w->in_array &= ~bit;
}

void jw_obj(jw *w, const char *key)
{
	open_container(w, key, false);
}

void jw_arr(jw *w, const char *key)
{
	open_container(w, key, true);
}

void jw_end(jw *w)
{
	unsigned d = w->depth;
	uint64_t bit = (uint64_t)1 << d;
	char *o;
	if (w->failed || d <= w->base) {
		w->failed = true;
		return;
	}
	w->depth--;
	o = room(w->b, d + 2);
	if (!o)
		return;
	if (w->in_array & bit) {
		*o++ = ']';
	} else {
		if (w->pretty) {
			if (w->started & bit)
				*o++ = '\n';
			memset(o, '\t', d - 1);
			o += d - 1;
		}
		*o++ = '}';
	}
	done(w, o);
}

void jw_str(jw *w, const char *key, const char *s)
{
	size_t n, e;
	char *o;
	if (!s)
		return;
	e = escaped_len(s, &n);
	o = begin(w, key, e + 2);
	if (o)
		done(w, put_string(o, s, n, e));
}

/* The decimal digits of v at o; returns the end. */
static char *put_long(char *o, long long v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v
				     : (unsigned long long)v;
	size_t n;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	n = (size_t)(tmp + sizeof(tmp) - p);
	memcpy(o, p, n);
	return o + n;
}

void jw_int(jw *w, const char *key, long v)
{
	char *o = begin(w, key, 21);
	if (!o)
		return;
	if (v >= 0 && v < 100) { /* most of a plan's numbers */
		if (v >= 10)
			*o++ = (char)('0' + v / 10);
		*o++ = (char)('0' + v % 10);
		done(w, o);
	} else
		done(w, put_long(o, v));
}

/* cJSON's print_number: "%1.15g", or "%1.17g" when the 15 digits do not
 * read back within DBL_EPSILON; the locale's decimal point as ".". */
static size_t print_double(char *out, double d)
{
	char dp = localeconv()->decimal_point[0];
	double test = 0.0, max;
	int n = snprintf(out, 26, "%1.15g", d);
	max = fabs(d);
	if (sscanf(out, "%lg", &test) != 1 ||
	    !(fabs(test - d) <= (fabs(test) > max ? fabs(test) : max) * DBL_EPSILON))
		n = snprintf(out, 26, "%1.17g", d);
	if (n < 0 || n > 25)
		return 0;
	for (int i = 0; i < n; i++)
		if (out[i] == dp)
			out[i] = '.';
	return (size_t)n;
}

/* The bytes "%1.15g" prints for d = n / 100 (n a whole number, not 0,
 * of at most 15 digits: its 15 significant digits are exactly those of
 * n / 100, which read back as d): no exponent, no trailing zeros. */
static char *put_hundredths(char *o, long long n)
{
	unsigned long long u = n < 0 ? 0ull - (unsigned long long)n
				     : (unsigned long long)n;
	unsigned frac = (unsigned)(u % 100);
	if (n < 0)
		*o++ = '-';
	o = put_long(o, (long long)(u / 100));
	if (frac) {
		*o++ = '.';
		*o++ = (char)('0' + frac / 10);
		if (frac % 10)
			*o++ = (char)('0' + frac % 10);
	}
	return o;
}

void jw_num(jw *w, const char *key, double d)
{
	char tmp[32], *o;
	size_t n;
	double h;
	if (isnan(d) || isinf(d)) {
		jw_null(w, key);
		return;
	}
	/* the common cases without printf: whole numbers below 10^15 (but
	 * not -0), and hundredths */
	if (fabs(d) < 1e15 && d == floor(d) && (d != 0 || !signbit(d))) {
		o = begin(w, key, 21);
		if (o)
			done(w, put_long(o, (long long)d));
		return;
	}
	h = d * 100.0;
	if (fabs(h) < 1e14 && h != 0) {
		long long c = llround(h);
		if ((double)c / 100.0 == d) {
			o = begin(w, key, 24);
			if (o)
				done(w, put_hundredths(o, c));
			return;
		}
	}
	n = print_double(tmp, d);
	if (n == 0) {
		w->failed = true;
		return;
	}
	o = begin(w, key, n);
	if (o) {
		memcpy(o, tmp, n);
		done(w, o + n);
	}
}

void jw_bool(jw *w, const char *key, bool v)
{
	char *o = begin(w, key, 5);
	if (!o)
		return;
	if (v) {
		memcpy(o, "true", 4);
		done(w, o + 4);
	} else {
		memcpy(o, "false", 5);
		done(w, o + 5);
	}
}

void jw_null(jw *w, const char *key)
{
	char *o = begin(w, key, 4);
	if (o) {
		memcpy(o, "null", 4);
		done(w, o + 4);
	}
}

void jw_raw(jw *w, const char *key, const char *text, size_t n)
{
	char *o = begin(w, key, n);
	if (o) {
		memcpy(o, text, n);
		done(w, o + n);
	}
}
