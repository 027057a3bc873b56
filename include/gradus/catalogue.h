/*
 * gradus/catalogue.h - the exercise catalogue.
 *
 * A catalogue is read from one or more libconfig files, each holding
 *
 *     format = 1;
 *     exercises = ( { id = "..."; name = "..."; ... }, ... );
 *
 * (docs/formats.md lists every key). Files are added one by one, then
 * gradus_catalogue_finish() resolves the easier/harder ladder links and
 * proves them consistent (every link exists, links are mutual, no cycles).
 * All strings are owned by the catalogue.
 */
#ifndef GRADUS_CATALOGUE_H
#define GRADUS_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gradus_exercise gradus_exercise;

struct gradus_exercise {
	const char *id;
	const char *name;
	gradus_pattern pattern;
	gradus_position position;
	int level;                   /* 1 (bed) .. 5 (gym machines) */
	gradus_load_kind load;
	unsigned equipment;          /* GRADUS_EQ_* bits needed */
	unsigned regions;            /* GRADUS_REG_* bits trained */
	gradus_tags avoid;           /* avoid_with as GRADUS_TAGBIT()s */
	bool supported;              /* done holding on: the support ladder
	                                (two hands, one, fingertips, none) applies */
	bool per_side;               /* reps are counted for each side */
	int hold_s;                  /* > 0: a hold of this many seconds per rep */
	int seconds_per_rep;         /* for time estimates (default 4) */
	const char *easier_id;       /* NULL when none */
	const char *harder_id;
	const gradus_exercise *easier; /* resolved by gradus_catalogue_finish */
	const gradus_exercise *harder;
	const char *const *muscles;  size_t n_muscles;
	const char *const *steps;    size_t n_steps;
	const char *const *cues;     size_t n_cues;
	const char *const *safety;   size_t n_safety;
	const char *const *caregiver; size_t n_caregiver;
	const char *file;            /* where it was defined */
	int line;
};

typedef struct gradus_catalogue gradus_catalogue;

/* An empty catalogue. Free with gradus_catalogue_free (accepts NULL). */
int gradus_catalogue_new(gradus_catalogue **out);
void gradus_catalogue_free(gradus_catalogue *cat);

/* Add the exercises of one file. `name` is what diagnostics call it.
 * Returns GRADUS_OK, GRADUS_EIO (diagnostic added) or GRADUS_EINVALID.
 * Exercises of a file with errors are not added. */
int gradus_catalogue_add_file(gradus_catalogue *cat, const char *path,
			      gradus_diags *d);
int gradus_catalogue_add_string(gradus_catalogue *cat, const char *name,
				const char *text, gradus_diags *d);

/* Resolve and check ladder links and duplicate ids across all files.
 * Must be called once, after the last add. */
int gradus_catalogue_finish(gradus_catalogue *cat, gradus_diags *d);

/* Convenience: every *.cfg in a directory (sorted by name), finished. */
int gradus_catalogue_load_dir(gradus_catalogue **out, const char *dir,
			      gradus_diags *d);
/* The catalogue compiled into the library from exercises/. */
int gradus_catalogue_load_builtin(gradus_catalogue **out, gradus_diags *d);

size_t gradus_catalogue_count(const gradus_catalogue *cat);
/* Exercises in id order after finish. Borrowed. */
const gradus_exercise *gradus_catalogue_get(const gradus_catalogue *cat,
					    size_t i);
const gradus_exercise *gradus_catalogue_find(const gradus_catalogue *cat,
					     const char *id);

#ifdef __cplusplus
}
#endif
#endif
