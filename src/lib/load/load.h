/* Internal to the load stage (and the files generated from exercises/
 * and profiles/templates/): the built-in files and the vocabulary tables
 * in file spelling. */
#ifndef GRADUS_LOAD_H
#define GRADUS_LOAD_H

#include <stdbool.h>
#include <stddef.h>

/* A file compiled into the library (generated from exercises/ and
 * profiles/templates/ at build time). */
typedef struct {
	const char *name; /* original relative path, for diagnostics */
	const char *text;
} builtin_file;

extern const builtin_file gradus_builtin_catalogue[];
extern const size_t gradus_builtin_catalogue_count;
extern const builtin_file gradus_builtin_templates[];
extern const size_t gradus_builtin_templates_count;

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
