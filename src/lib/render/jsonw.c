/* The streaming JSON writer; see jsonw.h. The layout and escapes are
 * those of cJSON 1.7.15's print_object, print_array, print_string_ptr
 * and print_number (cJSON.c), step for step:
 *
 *   object, compact:  "{" "key":value "," ... "}"
 *   object, pretty:   "{\n", then each member as DEPTH tabs, the key,
 *                     ":\t", the value, "," unless last, "\n"; then
 *                     DEPTH - 1 tabs and "}" (so "{\n}" when empty).
 *                     DEPTH counts every container open, arrays too.
 *   array:            "[" values with "," (compact) or ", " between "]"
 *   number:           "%1.15g", or "%1.17g" when that does not read back
 *                     (within DBL_EPSILON); NaN and infinities "null";
 *                     the locale's decimal point written as ".".
 *
 * The writer writes the compact text (the small values inline, in
 * jsonw.h); the pretty text is laid out from it afterwards (jw_layout),
 * which needs only the compact text: where a string starts and ends,
 * and which container each brace or comma belongs to. */
#include "render/jsonw.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void jw_init(jw *w, buf *b, bool pretty, unsigned depth)
{
	memset(w, 0, sizeof(*w));
	w->out = b;
	w->b = pretty ? &w->tmp : b;
	w->pretty = pretty;
	w->depth = w->base = depth;
	w->failed = depth >= JW_MAX_DEPTH;
}

bool jw_finish(jw *w)
{
	bool ok = !w->failed && !w->b->failed && w->depth == w->base;
	if (w->pretty) {
		if (ok)
			jw_layout(w->out, w->tmp.ptr ? w->tmp.ptr : "", w->tmp.len, w->base);
		buf_free(&w->tmp);
		w->b = w->out;
		ok = ok && !w->out->failed;
	}
	return ok;
}

char *jw_room_slow(jw *w, size_t n)
{
	if (w->failed)
		return NULL;
	return buf_reserve(w->b, n);
}

/* `s` (n bytes) quoted and escaped at o (room: jw_escaped_len + 2);
 * returns the end. */
char *jw_put_escaped(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	*o++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (jw_esc_len[c] == 1) {
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
	*o++ = '"';
	return o;
}

/* The index of the lowest byte whose high bit is set in `hit` (not 0):
 * the first flagged byte of 8 read from memory (little-endian), or 0
 * (the byte loop after it then finds it) elsewhere. */
static inline size_t first_byte(uint64_t hit)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (size_t)__builtin_ctzll(hit) >> 3;
#else
	(void)hit;
	return 0;
#endif
}

/* Where the string that starts at s[j - 1] (its opening quote) ends:
 * the index after its closing quote, or n. Eight bytes at a time while
 * none is a quote or a backslash. */
static size_t string_end(const char *s, size_t j, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	for (;;) {
		for (; j + 8 <= n; j += 8) {
			uint64_t x, q, b, hit;
			memcpy(&x, s + j, 8);
			q = x ^ (ones * '"');
			b = x ^ (ones * '\\');
			hit = (((q - ones) & ~q) | ((b - ones) & ~b)) & high;
			if (hit) {
				/* the lowest flagged byte is the first quote or
				 * backslash (bytes are in memory order) */
				j += first_byte(hit);
				break;
			}
		}
		if (j >= n)
			return n;
		if (s[j] == '"')
			return j + 1;
		j += s[j] == '\\' ? 2 : 1;
	}
}

/* A byte of JSON's punctuation outside strings: { } [ ] , : */
static inline bool is_punct(char c)
{
	return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':';
}

/* At least `k` bytes of room from o, the place being written in `out`
 * (its text up to o counted): o, or where it moved; NULL when out of
 * memory. `left`: about how much is still to come, reserved at once. */
static char *layout_grow(buf *out, char *o, size_t k, size_t left, char **end)
{
	out->len = (size_t)(o - out->ptr);
	if (!buf_reserve(out, k > left ? k : left))
		return NULL;
	*end = out->ptr + out->cap - 1; /* the last byte is for the NUL */
	return out->ptr + out->len;
}

void jw_layout(buf *out, const char *s, size_t n, unsigned depth)
{
	uint64_t in_array = 0;
	unsigned d = depth;
	bool key_next = false;   /* the next string is a member's key */
	size_t i = 0;
	char *o, *end;

	/* the compact text and a quarter more for the line ends and tabs
	 * to begin with */
	if (!(o = buf_reserve(out, n + n / 4 + 64)))
		return;
	end = out->ptr + out->cap - 1;
	while (i < n && d + 1 < JW_MAX_DEPTH) {
		size_t j = i + 1;
		if (s[i] == '"') {
			j = string_end(s, j, n);
			if ((size_t)(end - o) < j - i + d + 16 &&
			    !(o = layout_grow(out, o, j - i + d + 16, n - i + (n - i) / 4, &end)))
				return;
			if (key_next) {
				memset(o, '\t', d);
				o += d;
			}
			if (j - i <= 16 && i + 16 <= n) /* a key: one fixed copy */
				memcpy(o, s + i, 16);
			else
				memcpy(o, s + i, j - i);
			o += j - i;
			key_next = false;
			i = j;
			continue;
		}
		if (!is_punct(s[i])) {
			/* a number, true, false or null: as it is */
			while (j < n && !is_punct(s[j]) && s[j] != '"')
				j++;
			if ((size_t)(end - o) < j - i &&
			    !(o = layout_grow(out, o, j - i, n - i + (n - i) / 4, &end)))
				return;
			memcpy(o, s + i, j - i);
			o += j - i;
			key_next = false;
			i = j;
			continue;
		}
		if ((size_t)(end - o) < (size_t)d + 3 &&
		    !(o = layout_grow(out, o, (size_t)d + 3, n - i + (n - i) / 4, &end)))
			return;
		key_next = false;
		switch (s[i]) {
		case '{':
			*o++ = '{';
			*o++ = '\n';
			in_array &= ~((uint64_t)1 << ++d);
			key_next = j < n && s[j] != '}';
			break;
		case '[':
			*o++ = '[';
			in_array |= (uint64_t)1 << ++d;
			break;
		case '}':
			if (s[i - 1] != '{')
				*o++ = '\n';
			memset(o, '\t', d - 1);
			o += d - 1;
			*o++ = '}';
			d--;
			break;
		case ']':
			*o++ = ']';
			d--;
			break;
		case ',':
			*o++ = ',';
			if (in_array & ((uint64_t)1 << d)) {
				*o++ = ' ';
			} else {
				*o++ = '\n';
				key_next = true;
			}
			break;
		case ':':
			*o++ = ':';
			*o++ = '\t';
			break;
		default:
			*o++ = s[i];
		}
		i = j;
	}
	out->len = (size_t)(o - out->ptr);
	*o = '\0';
}

/* The text will not be complete: nested deeper than JW_MAX_DEPTH,
 * closed more than opened, or a number that could not be printed. */
void jw_fail(jw *w)
{
	w->failed = true;
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
	o = jw_put_long(o, (long long)(u / 100));
	if (frac) {
		*o++ = '.';
		*o++ = (char)('0' + frac / 10);
		if (frac % 10)
			*o++ = (char)('0' + frac % 10);
	}
	return o;
}

char *jw_put_num(char *o, double d)
{
	double h;
	size_t n;
	if (isnan(d) || isinf(d)) {
		memcpy(o, "null", 4);
		return o + 4;
	}
	/* the common cases without printf: whole numbers below 10^15 (but
	 * not -0), and hundredths */
	if (fabs(d) < 1e15 && d == floor(d) && (d != 0 || !signbit(d)))
		return jw_put_long(o, (long long)d);
	h = d * 100.0;
	if (fabs(h) < 1e14 && h != 0) {
		long long c = llround(h);
		if ((double)c / 100.0 == d)
			return put_hundredths(o, c);
	}
	n = print_double(o, d);
	return n ? o + n : NULL;
}

void jw_num(jw *w, const char *key, double d)
{
	char *o = jw_begin(w, key, JW_NUM_MAX);
	if (!o)
		return;
	if (!(o = jw_put_num(o, d)))
		w->failed = true;
	else
		jw_done(w, o);
}
