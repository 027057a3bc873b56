/* Internal to the load stage (and the file generated from exercises/ and
 * profiles/templates/): the built-in catalogue and templates, and the
 * vocabulary tables in file spelling. */
#ifndef GRADUS_LOAD_H
#define GRADUS_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/catalogue.h"
#include "gradus/template.h"

/* A file's name and text (scripts/embed.py writes tables of them: the
 * fuzz harnesses' example profile). */
typedef struct {
	const char *name; /* original relative path, for diagnostics */
	const char *text;
} builtin_file;

/* The built-in catalogue and templates as C tables, written at build
 * time by src/gen/gen_builtin.c after the loader of this stage read and
 * checked exercises/ and profiles/templates/ (a file with an error fails
 * the build). The exercises are in id order, with `builtin` set and the
 * ladder pointers NULL (gradus_catalogue_finish sets them); the
 * templates in file order, with `builtin` set and the text of their
 * file. pattern_lines[i] is the line of slot i's pattern, where an
 * error about the catalogue a template is used with is told. */
extern const gradus_exercise gradus_builtin_exercises[];
extern const size_t gradus_builtin_exercises_count;
typedef struct {
	gradus_template t;
	const int *pattern_lines;
} builtin_template;
extern const builtin_template gradus_builtin_templates[];
extern const size_t gradus_builtin_templates_count;

/* Adds copies of n compiled exercises to a catalogue not yet finished;
 * one whose id it already holds is left out. GRADUS_OK or
 * GRADUS_ENOMEM. (catalogue.c) */
int catalogue_add_compiled(gradus_catalogue *c, const gradus_exercise *tab,
			   size_t n);
/* Adds copies of n compiled templates to a set, each after checking
 * that `cat` (when not NULL) offers every slot an exercise; one whose
 * id the set already holds is left out. GRADUS_OK, GRADUS_EINVALID
 * (diagnostics in `d`) or GRADUS_ENOMEM. (template.c) */
int templates_add_compiled(gradus_templates *ts, const builtin_template *tab,
			   size_t n, const gradus_catalogue *cat,
			   gradus_diags *d);

/* Lower-case letters, digits and '-', starting with a letter. */
bool gradus_valid_id(const char *s);

/* Vocabulary tables in file spelling (vocab.c). */
extern const char *const gradus_vocab_patterns[];   /* GRADUS_PAT__COUNT */
extern const char *const gradus_vocab_positions[];  /* GRADUS_POS__COUNT */
extern const char *const gradus_vocab_loads[];      /* GRADUS_LOAD__COUNT */
extern const char *const gradus_vocab_equipment[];  /* GRADUS_EQ__COUNT, by bit */
extern const char *const gradus_vocab_regions[];    /* 7, by bit */
extern const char *const gradus_vocab_tags[];       /* GRADUS_TAG__COUNT */
extern const char *const gradus_vocab_kinds[];
extern const char *const gradus_vocab_classes[];
extern const char *const gradus_vocab_mobility[];
extern const char *const gradus_vocab_bands[];
extern const char *const gradus_vocab_sex[];
extern const char *const gradus_vocab_onset[];
extern const char *const gradus_vocab_wpattern[];
extern const char *const gradus_vocab_course[];
extern const char *const gradus_vocab_supervision[];
extern const char *const gradus_vocab_support[];     /* GRADUS_SUPPORT_NONE + 1 */

/* File words for a region list: the 7 single regions then legs, arms,
 * whole_body (10 words). region_bits[i] gives the bits of word i. */
extern const char *const gradus_vocab_region_words[];
extern const unsigned gradus_vocab_region_bits[];
#define GRADUS_REGION_WORDS 10

/* The codes of the emergency-number table (country.c), in order: at
 * most `max` into codes; returns how many. */
#define GRADUS_MAX_COUNTRIES 64
size_t gradus_country_codes(const char **codes, size_t max);

#endif
