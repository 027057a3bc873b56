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

/* A new, empty list. Returns NULL when out of memory. Free with
 * gradus_diags_free (which accepts NULL). */
gradus_diags *gradus_diags_new(void);
void gradus_diags_free(gradus_diags *d);

/* Append one diagnostic; message is printf-formatted. Never fails
 * visibly: when memory runs out, an out-of-memory marker is kept. */
void gradus_diags_add(gradus_diags *d, gradus_severity sev, const char *file,
		      int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

size_t gradus_diags_count(const gradus_diags *d);
/* Number of entries with severity GRADUS_SEV_ERROR. */
size_t gradus_diags_errors(const gradus_diags *d);
/* Borrowed pointer, valid until the list is freed or cleared. */
const gradus_diag *gradus_diags_get(const gradus_diags *d, size_t i);
void gradus_diags_clear(gradus_diags *d);

/* Writes every entry as "FILE:LINE: error: message\n" (line omitted when 0,
 * file omitted when empty) to the stream the caller gives. */
void gradus_diags_print(const gradus_diags *d, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
