/* Internal: strict, diagnosing access to libconfig files.
 *
 * Every getter reports what is wrong with a key (missing, wrong type, out
 * of range, not in the vocabulary) as FILE:LINE diagnostics and returns
 * false, so loaders can keep going and report every problem in a file. */
#ifndef GRADUS_CFG_H
#define GRADUS_CFG_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "gradus/diag.h"

typedef struct {
	config_t cfg;
	const char *name;   /* file name for diagnostics */
	gradus_diags *d;
	int errors;         /* errors reported through this file */
	bool open;
	const char *text;   /* the whole text as read (until cfg_close) */
	char *owned;        /* text, when cfg_open_file read it */
	/* where the last member was found (cfg_member): the next search
	 * starts there, as loaders read members in the order written */
	const config_setting_t *hint_group;
	unsigned hint;
} cfgfile;

typedef const config_setting_t cset;

/* Read a file or a string. On failure a diagnostic is added and
 * GRADUS_EIO or GRADUS_EINVALID returned; cfg_close is still safe. */
int cfg_open_file(cfgfile *cf, const char *path, gradus_diags *d);
int cfg_open_string(cfgfile *cf, const char *name, const char *text,
		    gradus_diags *d);
void cfg_close(cfgfile *cf);
cset *cfg_root(cfgfile *cf);

int cfg_line(cset *s);
void cfg_error(cfgfile *cf, cset *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
void cfg_warning(cfgfile *cf, cset *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Closest word within a small edit distance, or NULL. */
const char *cfg_closest(const char *word, const char *const *names, size_t n);

/* Report every member of `group` whose name is not in `allowed`
 * (NULL-terminated). `where` is the group's path ("person"), or NULL for
 * the top level. */
void cfg_check_keys(cfgfile *cf, cset *group, const char *where,
		    const char *const *allowed);

/* The member `key` of the group `parent`, or NULL (also when `parent` is
 * NULL or not a group). The same member config_setting_get_member finds
 * for a plain name (no '.', ':' or '/'), in a few instructions when
 * members are looked up in the order they are written, or one again. */
cset *cfg_member(cfgfile *cf, cset *parent, const char *key);

/* `where` is the path of the parent ("person") or NULL for the top. The
 * getters return false (and report) when the key is absent and
 * `required`, or present but bad. When absent and not required they
 * return false without a report; use cfg_has to tell the cases apart. */
bool cfg_has(cset *parent, const char *key);
cset *cfg_group(cfgfile *cf, cset *parent, const char *where,
		const char *key, bool required);
/* A ( ... ) list or a [ ... ] array, any length. */
cset *cfg_list(cfgfile *cf, cset *parent, const char *where, const char *key,
	       bool required);
bool cfg_int(cfgfile *cf, cset *parent, const char *where, const char *key,
	     bool required, long min, long max, int *out);
bool cfg_float(cfgfile *cf, cset *parent, const char *where, const char *key,
	       bool required, double min, double max, double *out);
bool cfg_bool(cfgfile *cf, cset *parent, const char *where, const char *key,
	      bool required, bool *out);
/* Non-empty text of at most max_len bytes, valid UTF-8, no control
 * characters; copied into the arena. */
bool cfg_string(cfgfile *cf, cset *parent, const char *where,
		const char *key, bool required, size_t max_len, arena *a,
		const char **out);
/* One word of a vocabulary; *out is its index. */
bool cfg_word(cfgfile *cf, cset *parent, const char *where, const char *key,
	      bool required, const char *const *names, size_t n, int *out);
/* An element of an array or list: checks and reports as the getters do,
 * naming it "where[i]". */
bool cfg_elem_string(cfgfile *cf, cset *arr, const char *where, int i,
		     size_t max_len, arena *a, const char **out);
bool cfg_elem_word(cfgfile *cf, cset *arr, const char *where, int i,
		   const char *const *names, size_t n, int *out);
bool cfg_elem_float(cfgfile *cf, cset *arr, const char *where, int i,
		    double min, double max, double *out);
bool cfg_elem_int(cfgfile *cf, cset *arr, const char *where, int i, long min,
		  long max, int *out);
/* A required list of words of a vocabulary, OR-ed together: word i gives
 * bits[i] (1 << i when `bits` is NULL). An empty list is reported as
 * "'where.key' " followed by `empty` ("must not be empty"). */
unsigned cfg_word_bits(cfgfile *cf, cset *parent, const char *where,
		       const char *key, const char *const *names, size_t n,
		       const unsigned *bits, const char *empty);
/* Reads a list of text into a NULL-free array in the arena. */
bool cfg_string_list(cfgfile *cf, cset *parent, const char *where,
		     const char *key, bool required, size_t min_n,
		     size_t max_n, size_t max_len, arena *a,
		     const char *const **out, size_t *out_n);

/* "person.age" into buf. */
const char *cfg_path(char *buf, size_t n, const char *where, const char *key);

#endif
