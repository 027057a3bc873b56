/* Internal: a streaming JSON writer. It appends to a buf exactly the
 * bytes cJSON 1.7.15 prints for the same tree, without building the
 * tree: cJSON_Print's layout when `pretty` (an object's members one a
 * line, indented by tabs, "key":<TAB>value; an array's elements on one
 * line, ", " between them), cJSON_PrintUnformatted's otherwise. Strings
 * are escaped as cJSON does (\" \\ \b \f \n \r \t, other bytes below 32
 * as \u00XX, every other byte as it is: UTF-8 passes through); numbers
 * as cJSON prints a double.
 *
 * A value is written with its key: `key` names the member in an object
 * and is NULL in an array and for the outermost value. The tests
 * (tests/unit/test_jsonw.c) check the bytes against cJSON's own print. */
#ifndef GRADUS_JSONW_H
#define GRADUS_JSONW_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

#define JW_MAX_DEPTH 64
#define JW_KEYS 64       /* keys remembered (a power of 2) */
#define JW_KEY_MAX 23    /* longest key remembered */

/* A key met before with nothing to escape, found by its address and
 * checked by its bytes: written without scanning it again. */
typedef struct {
	const char *key;
	size_t len;
	char name[JW_KEY_MAX + 1];
} jw_key;

typedef struct {
	buf *b;
	bool pretty;
	bool failed;       /* nested deeper than JW_MAX_DEPTH, or unbalanced */
	unsigned depth;    /* containers open, counting `base` */
	unsigned base;
	uint64_t in_array; /* bit d: the container at depth d is an array */
	uint64_t started;  /* bit d: it has a member already */
	jw_key keys[JW_KEYS];
} jw;

/* Writes into `b` (appending). `depth`: how deep the outermost value
 * sits in a document cJSON prints around it (0 for a document of its
 * own; 1 for the value of a member of the outermost object), so that
 * the text can be put there as a raw item. */
void jw_init(jw *w, buf *b, bool pretty, unsigned depth);
/* True when the text is complete: every container closed, no
 * allocation failed. */
bool jw_ok(const jw *w);

void jw_obj(jw *w, const char *key);
void jw_arr(jw *w, const char *key);
void jw_end(jw *w);     /* closes the innermost object or array */
/* A NULL string writes nothing, not even its key: what
 * cJSON_AddStringToObject and cJSON_CreateString do with one. */
void jw_str(jw *w, const char *key, const char *s);
void jw_int(jw *w, const char *key, long v);
void jw_num(jw *w, const char *key, double v);
void jw_bool(jw *w, const char *key, bool v);
void jw_null(jw *w, const char *key);
/* Text written as it is (a cJSON raw item). */
void jw_raw(jw *w, const char *key, const char *text, size_t n);

#endif
