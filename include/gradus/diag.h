/*
 * gradus/diag.h - diagnostics collected while loading and checking files.
 *
 * The library never prints. Every problem it finds is appended to a
 * caller-supplied gradus_diags list as (file, line, severity, message);
 * the command-line tool prints them as "FILE:LINE: error: message".
 * Loaders keep going after an error so that every problem in a file is
 * reported, not only the first.
 */
#ifndef GRADUS_DIAG_H
#define GRADUS_DIAG_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Return codes used across the library. */
enum {
	GRADUS_OK = 0,
	GRADUS_EIO = -1,      /* a file could not be read or written */
	GRADUS_EINVALID = -2, /* the input has errors; see the diagnostics */
	GRADUS_ENOMEM = -3,   /* out of memory */
	GRADUS_EUSAGE = -4    /* the caller asked for something impossible */
};

typedef enum {
	GRADUS_SEV_ERROR = 0,
	GRADUS_SEV_WARNING = 1,
	GRADUS_SEV_NOTE = 2
} gradus_severity;

typedef struct {
	const char *file;   /* file name as the user gave it; may be "" */
	int line;           /* 1-based; 0 when no line applies */
	gradus_severity severity;
	const char *message;
} gradus_diag;

typedef struct gradus_diags gradus_diags;

/* A new, empty list. Returns NULL when out of memory. The list is the
 * caller's: free it with gradus_diags_free (which accepts NULL), which
 * also frees every entry and string it holds.
 * Every function of the library that takes a gradus_diags accepts NULL
 * there: the problems are then not kept (the return code still says
 * what happened). */
gradus_diags *gradus_diags_new(void);
void gradus_diags_free(gradus_diags *d);

/* Append one diagnostic; message is printf-formatted. The list keeps
 * copies of `file` (NULL is kept as "") and of the message. `d` NULL:
 * nothing is done. Never fails visibly: when memory runs out, an
 * out-of-memory marker (an error) is kept instead. */
void gradus_diags_add(gradus_diags *d, gradus_severity sev, const char *file,
		      int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/* Number of entries (the out-of-memory marker included); 0 for NULL. */
size_t gradus_diags_count(const gradus_diags *d);
/* Number of entries with severity GRADUS_SEV_ERROR; 0 for NULL. */
size_t gradus_diags_errors(const gradus_diags *d);
/* Entry `i`, in the order added; NULL when `d` is NULL or `i` is not
 * below gradus_diags_count. The entry and its strings are owned by the
 * list. You don't have to free them, but you must not use them after the
 * list is cleared or freed. */
const gradus_diag *gradus_diags_get(const gradus_diags *d, size_t i);
/* Empties the list (frees every entry); NULL is accepted. */
void gradus_diags_clear(gradus_diags *d);

/* Writes every entry as "FILE:LINE: error: message\n" (line omitted when 0,
 * file omitted when empty) to the stream the caller gives (not NULL);
 * `d` NULL writes nothing. The only function of the library that writes
 * anywhere, and only where it is told to. */
void gradus_diags_print(const gradus_diags *d, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
