/*
 * gradus/check.h - validate any mix of catalogue, template and profile
 * files (what `gradus check FILE|DIR...` does).
 */
#ifndef GRADUS_CHECK_H
#define GRADUS_CHECK_H

#include <stddef.h>

#include "catalogue.h"
#include "diag.h"
#include "template.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	GRADUS_FILE_UNKNOWN = 0,
	GRADUS_FILE_CATALOGUE,
	GRADUS_FILE_TEMPLATE,
	GRADUS_FILE_PROFILE,
	GRADUS_FILE_LOG
} gradus_file_kind;

typedef struct {
	size_t files;       /* files read */
	size_t catalogue, templates, profiles, logs;
	size_t exercises;   /* exercises in the catalogue files checked */
	size_t blanks;      /* blanks still empty in the logs (each group
	                       of them is a note) */
} gradus_check_stats;

/* Checks every file named in `paths` (`n` strings, none NULL; the caller
 * keeps them); folders are searched for *.cfg files (also in
 * sub-folders). The kind of each file is told by its top-level key
 * (exercises, template, person, sessions). Catalogue files are checked
 * together, added to the built-in catalogue as gradus_catalogue_add_file
 * adds them (links may cross files; an exercise with a built-in id
 * replaces it), and that catalogue replaces `base_cat` for the other
 * files; template files likewise are added to the built-in templates
 * (checked against that catalogue too) and replace `base_tpl`; the
 * stats count the exercises of the files given. Either base may be
 * NULL; both stay the caller's, and nothing loaded is kept: the files
 * are checked, not returned. Every problem goes to `d` (NULL: dropped).
 * `stats`, when not NULL, is filled with what was read.
 * Returns GRADUS_OK, GRADUS_EINVALID, GRADUS_EIO (a file or folder
 * could not be read; other files are still checked) or GRADUS_ENOMEM. */
int gradus_check_paths(gradus_check_stats *stats, const char *const *paths,
		       size_t n, const gradus_catalogue *base_cat,
		       const gradus_templates *base_tpl, gradus_diags *d);

#ifdef __cplusplus
}
#endif
#endif
