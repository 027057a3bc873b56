/* Internal: a streaming JSON writer. It appends to a buf exactly the
 * bytes cJSON 1.7.15 prints for the same tree, without building the
 * tree: cJSON_PrintUnformatted's, or cJSON_Print's layout when `pretty`
 * (an object's members one a line, indented by tabs, "key":<TAB>value;
 * an array's elements on one line, ", " between them). Strings are
 * escaped as cJSON does (\" \\ \b \f \n \r \t, other bytes below 32 as
 * \u00XX, every other byte as it is: UTF-8 passes through); numbers as
 * cJSON prints a double.
 *
 * The text is always written without layout, by the small functions
 * below, inlined where they are called: a key given as a string literal
 * is then copied with its length known when compiling, and checked for
 * escapes by the compiler. With `pretty`, jw_finish lays the finished
 * text out as cJSON_Print would (jw_layout): the layout is a function
 * of the compact text alone, so one writer serves both.
 *
 * A value is written with its key: `key` names the member in an object
 * and is NULL in an array and for the outermost value. The tests
 * (tests/unit/test_jsonw.c) check the bytes against cJSON's own print. */
#ifndef GRADUS_JSONW_H
#define GRADUS_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/buf.h"

#define JW_MAX_DEPTH 64

/* The small functions below are inlined where they are called, so that
 * a literal key's length and escapes are known when compiling. */
#if defined(__GNUC__)
#define JW_INLINE static inline __attribute__((always_inline))
#else
#define JW_INLINE static inline
#endif

typedef struct {
	buf *out;          /* where the text goes */
	buf *b;            /* where it is written: out, or tmp when pretty */
	buf tmp;
	bool pretty;
	bool failed;       /* nested deeper than JW_MAX_DEPTH, or unbalanced */
	unsigned depth;    /* containers open, counting `base` */
	unsigned base;
	uint64_t in_array; /* bit d: the container at depth d is an array */
	uint64_t started;  /* bit d: it has a member already */
} jw;

/* Writes into `b` (appending). `depth`: how deep the outermost value
 * sits in a document cJSON prints around it (0 for a document of its
 * own; 1 for the value of a member of the outermost object), so that
 * the text can be put there as a raw item. */
void jw_init(jw *w, buf *b, bool pretty, unsigned depth);
/* Ends the writing (with `pretty`, lays the text out into the buf):
 * true when the text is complete, every container closed and no
 * allocation failed. Call it once, also after a failure (it frees). */
bool jw_finish(jw *w);
/* Appends to `out` the compact JSON text `s` (n bytes, as this writer
 * or cJSON_PrintUnformatted writes it) laid out as cJSON_Print would,
 * the outermost value `depth` deep. */
void jw_layout(buf *out, const char *s, size_t n, unsigned depth);

void jw_num(jw *w, const char *key, double v);

/* ---- writing at a place: for a value whose shape is fixed (an object
 * with known members), written whole after one jw_begin with room for
 * all of it, then jw_done. Each returns the end of what it wrote. ---- */

#define JW_NUM_MAX 26   /* room for a number (jw_put_num) */
/* d as cJSON prints a double (NaN and infinities as null); NULL when it
 * cannot be printed. */
char *jw_put_num(char *o, double d);

/* ---- the small values, inlined ---- */

/* How many bytes each byte takes in a JSON string (cJSON's
 * print_string_ptr): 2 for a short escape, 6 for \u00XX, else 1. */
static const unsigned char jw_esc_len[256] = {
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

/* True when one of the 8 bytes in x needs an escape: below 32, '"' or
 * '\\' (the bit tricks find a byte below a value, or a zero byte after
 * an exclusive or; bytes of 128 and up are never found). */
JW_INLINE bool jw_any_escape8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
	return ((((x - ones * 32) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) &
		high) != 0;
}

/* The escaped length of s (n bytes), without the quotes: 8 bytes at a
 * time while none of them needs an escape. */
JW_INLINE size_t jw_escaped_len(const char *s, size_t n)
{
	size_t e = 0, i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (jw_any_escape8(x))
			break;
		e += 8;
	}
	for (; i < n; i++)
		e += jw_esc_len[(unsigned char)s[i]];
	return e;
}

/* Not inlined: room when the buf is full, and keys or strings with
 * escapes. */
char *jw_room_slow(jw *w, size_t n);
char *jw_put_escaped(char *o, const char *s, size_t n);
void jw_fail(jw *w);

/* The separator and key of the next value, with room for `extra` bytes
 * of it after them: where to write the value, or NULL. */
JW_INLINE char *jw_begin(jw *w, const char *key, size_t extra)
{
	uint64_t bit = (uint64_t)1 << w->depth;
	size_t kn = key ? strlen(key) : 0, ke = key ? jw_escaped_len(key, kn) : 0;
	size_t need = extra + ke + 5;
	char *o;

	if (w->b->len + need < w->b->cap && !w->failed && !w->b->failed)
		o = w->b->ptr + w->b->len;
	else if (!(o = jw_room_slow(w, need)))
		return NULL;
	if (w->started & bit)
		*o++ = ',';
	w->started |= bit;
	if (key) {
		if (ke == kn) {
			*o++ = '"';
			memcpy(o, key, kn);
			o += kn;
			*o++ = '"';
		} else
			o = jw_put_escaped(o, key, kn);
		*o++ = ':';
	}
	return o;
}

/* The bytes of a string literal, as they are. */
#define JW_PUT(o, lit) (memcpy((o), (lit), sizeof(lit) - 1), (o) + sizeof(lit) - 1)

/* `s` (n bytes, e of them escaped: jw_escaped_len) as a JSON string. */
JW_INLINE char *jw_put_str(char *o, const char *s, size_t n, size_t e)
{
	if (e != n)
		return jw_put_escaped(o, s, n);
	*o++ = '"';
	memcpy(o, s, n);
	o += n;
	*o++ = '"';
	return o;
}

/* The text written ends at `end`. */
JW_INLINE void jw_done(jw *w, char *end)
{
	w->b->len = (size_t)(end - w->b->ptr);
	*end = '\0';
}

/* A NULL string writes nothing, not even its key: what
 * cJSON_AddStringToObject and cJSON_CreateString do with one. */
JW_INLINE void jw_str(jw *w, const char *key, const char *s)
{
	size_t n, e;
	char *o;
	if (!s)
		return;
	n = strlen(s);
	e = jw_escaped_len(s, n);
	if (!(o = jw_begin(w, key, e + 2)))
		return;
	if (e == n) {
		*o++ = '"';
		memcpy(o, s, n);
		o += n;
		*o++ = '"';
	} else
		o = jw_put_escaped(o, s, n);
	jw_done(w, o);
}

/* The decimal digits of v at o; returns the end. */
JW_INLINE char *jw_put_long(char *o, long long v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v
				     : (unsigned long long)v;
	size_t n;
	if (v >= 0 && v < 100) { /* most of a plan's numbers: no division */
		static const char two[] =
			"00010203040506070809101112131415161718192021222324"
			"25262728293031323334353637383940414243444546474849"
			"50515253545556575859606162636465666768697071727374"
			"75767778798081828384858687888990919293949596979899";
		if (v < 10) {
			*o = (char)('0' + v);
			return o + 1;
		}
		memcpy(o, two + 2 * v, 2);
		return o + 2;
	}
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

JW_INLINE void jw_int(jw *w, const char *key, long v)
{
	char *o = jw_begin(w, key, 21);
	if (o)
		jw_done(w, jw_put_long(o, v));
}

JW_INLINE void jw_bool(jw *w, const char *key, bool v)
{
	char *o = jw_begin(w, key, 5);
	if (!o)
		return;
	if (v) {
		memcpy(o, "true", 4);
		jw_done(w, o + 4);
	} else {
		memcpy(o, "false", 5);
		jw_done(w, o + 5);
	}
}

JW_INLINE void jw_null(jw *w, const char *key)
{
	char *o = jw_begin(w, key, 4);
	if (o) {
		memcpy(o, "null", 4);
		jw_done(w, o + 4);
	}
}

/* The caller wrote the opening bracket of a container itself, as part
 * of a value (after jw_begin): what follows goes inside it, and jw_end
 * closes it. `started`: the caller wrote members in it already. */
JW_INLINE void jw_enter(jw *w, bool array, bool started)
{
	uint64_t bit;
	if (w->failed)
		return;
	if (w->depth + 1 >= JW_MAX_DEPTH) {
		jw_fail(w);
		return;
	}
	bit = (uint64_t)1 << ++w->depth;
	w->started = started ? w->started | bit : w->started & ~bit;
	w->in_array = array ? w->in_array | bit : w->in_array & ~bit;
}

JW_INLINE void jw_open(jw *w, const char *key, bool array)
{
	char *o = jw_begin(w, key, 1);
	if (!o)
		return;
	*o++ = array ? '[' : '{';
	jw_done(w, o);
	jw_enter(w, array, false);
}

JW_INLINE void jw_obj(jw *w, const char *key)
{
	jw_open(w, key, false);
}

JW_INLINE void jw_arr(jw *w, const char *key)
{
	jw_open(w, key, true);
}

/* Closes the innermost object or array. */
JW_INLINE void jw_end(jw *w)
{
	uint64_t bit = (uint64_t)1 << w->depth;
	char *o;
	if (w->failed || w->depth <= w->base) {
		jw_fail(w);
		return;
	}
	w->depth--;
	if (w->b->len + 2 < w->b->cap && !w->b->failed)
		o = w->b->ptr + w->b->len;
	else if (!(o = jw_room_slow(w, 2)))
		return;
	*o++ = (w->in_array & bit) ? ']' : '}';
	jw_done(w, o);
}

#endif
