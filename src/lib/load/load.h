/* Internal to the load stage (and the file generated from exercises/ and
 * profiles/templates/): the built-in catalogue and templates, and the
 * vocabulary tables in file spelling. */
#ifndef GRADUS_LOAD_H
#define GRADUS_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/catalogue.h"
#include "gradus/log.h"
#include "gradus/profile.h"
#include "gradus/template.h"
#include "util/cfg.h"

/* A file's name and text (scripts/embed.py writes tables of them: the
 * fuzz harnesses' example profile). */
typedef struct {
	const char *name; /* original relative path, for diagnostics */
	const char *text;
} builtin_file;

/* The built-in catalogue and templates as C tables, written at build
 * time by src/gen/gen_builtin.c after the loader of this stage read and
 * checked exercises/ and profiles/templates/ (a file with an error fails
 * the build); builtin.c adds them. The tables hold no pointer, so the
 * dynamic loader has nothing to relocate in them when a process starts:
 * a string is an offset in gradus_builtin_pool (BUILTIN_NULL: none), a
 * list of strings runs from an index of gradus_builtin_lists on.
 *
 * Each exercise (in id order) is `e` with every field but the pointers
 * (`builtin` set), its strings, and its lists from `list` on: muscles,
 * steps, cues, safety, caregiver, as many as e.n_* say. Each template
 * (in file order) is `t` with every field but the pointers, its strings
 * (`text`: the whole file), its phases from gradus_builtin_phases[phase]
 * and its slots from gradus_builtin_slots[slot] on;
 * gradus_builtin_pattern_lines[slot + i] is the line of slot i's
 * pattern, where an error about the catalogue a template is used with
 * is told. */
typedef unsigned builtin_str;
#define BUILTIN_NULL 0xffffffffu
typedef struct {
	gradus_exercise e;
	builtin_str id, name, easier_id, harder_id, file;
	unsigned list;
} builtin_exercise;
typedef struct {
	gradus_phase p;
	builtin_str name;
} builtin_phase;
typedef struct {
	gradus_template t;
	builtin_str id, name, description, file, text;
	unsigned phase, slot;
} builtin_template;
extern const char gradus_builtin_pool[];
extern const builtin_str gradus_builtin_lists[];
extern const builtin_exercise gradus_builtin_exercises[];
extern const size_t gradus_builtin_exercises_count;
extern const builtin_template gradus_builtin_templates[];
extern const size_t gradus_builtin_templates_count;
extern const builtin_phase gradus_builtin_phases[];
extern const gradus_slot gradus_builtin_slots[];
extern const int gradus_builtin_pattern_lines[];

/* Zeroed memory of n bytes that lives as long as the catalogue (or
 * template set); NULL when out of memory. */
void *catalogue_alloc(gradus_catalogue *c, size_t n);
void *templates_alloc(gradus_templates *ts, size_t n);
/* Adds the n exercises of `v` (memory of catalogue_alloc) to a catalogue
 * not yet finished; one whose id it already held before the call is left
 * out. GRADUS_OK or GRADUS_ENOMEM. (catalogue.c) */
int catalogue_add_compiled(gradus_catalogue *c, gradus_exercise *v,
			   size_t n);
/* Adds the built-in template `t` (memory of templates_alloc) to the set
 * after checking that `cat` (when not NULL) offers every slot an
 * exercise (pattern_lines[i]: where slot i's pattern is); one whose id
 * the set already holds is left out. GRADUS_OK, GRADUS_EINVALID
 * (diagnostics in `d`) or GRADUS_ENOMEM. (template.c) */
int templates_add_compiled(gradus_templates *ts, gradus_template *t,
			   const int *pattern_lines,
			   const gradus_catalogue *cat, gradus_diags *d);
/* Ends a load of a set of templates: on rc 0 the set in *out, else
 * freed (*out stays NULL) and `rc` returned. */
int templates_keep_or_free(gradus_templates *t, int rc, gradus_templates **out);

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

/* A profile or a log loaded from a file already parsed: `cf` is what
 * cfg_open_file (or cfg_open_string) opened and `rc` what it returned;
 * the caller still closes it. As gradus_profile_load_file and
 * gradus_log_load_file, which parse and call these (gradus_check_paths
 * parses a file once to tell what it is and to load it). Diagnostics go
 * to cf->d. (profile.c, log.c) */
int profile_load_cfg(gradus_profile **out, cfgfile *cf, int rc,
		     const gradus_catalogue *cat, const gradus_templates *tpl);
int log_load_cfg(gradus_log **out, cfgfile *cf, int rc,
		 const gradus_catalogue *cat);

#endif
