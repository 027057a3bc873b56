/*
 * gradus/template.h - program templates a therapist can copy and edit.
 *
 *     format = 1;
 *     template: { id = "sarcopenia-home"; name = "..."; fits = {...};
 *                 phases = ( {...}, ... ); slots = ( {...}, ... ); ... };
 *
 * docs/formats.md lists every key. A template set holds the templates of
 * several files; ids are unique across it.
 */
#ifndef GRADUS_TEMPLATE_H
#define GRADUS_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "diag.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Condition kinds (profile condition.kind) as bits. */
typedef enum {
	GRADUS_KIND_DISUSE = 0,
	GRADUS_KIND_SARCOPENIA,
	GRADUS_KIND_NEUROGENIC,
	GRADUS_KIND_UNKNOWN,
	GRADUS_KIND__COUNT
} gradus_kind;

/* Vivifrail passports A..D (SPPB 0-3, 4-6, 7-9, 10-12) [VIVI, SPPB]. */
typedef enum {
	GRADUS_CLASS_A = 0,
	GRADUS_CLASS_B,
	GRADUS_CLASS_C,
	GRADUS_CLASS_D,
	GRADUS_CLASS__COUNT
} gradus_class;

/* Mobility (profile setup.mobility). */
typedef enum {
	GRADUS_MOB_BED = 0,
	GRADUS_MOB_WHEELCHAIR,
	GRADUS_MOB_WALKS_WITH_AID,
	GRADUS_MOB_INDEPENDENT,
	GRADUS_MOB__COUNT
} gradus_mobility;

typedef struct {
	const char *name;        /* "Getting started" */
	int weeks;               /* 0 in the last phase: all remaining weeks */
	int sets_min, sets_max;  /* 1..5 */
	int reps_min, reps_max;  /* 1..30 */
	int rpe_min, rpe_max;    /* effort 0..10 */
	int rest_s;              /* rest between sets, 30..300 */
	int line;
} gradus_phase;

typedef struct {
	gradus_pattern pattern;
	int priority;            /* 1 = most important */
	int count;               /* exercises for this slot, 1..2 */
	int line;
} gradus_slot;

typedef struct gradus_template {
	const char *id;
	const char *name;
	const char *description;
	unsigned kinds;          /* bits (1u << gradus_kind) it fits */
	unsigned classes;        /* bits (1u << gradus_class) it fits */
	unsigned mobility;       /* bits (1u << gradus_mobility) it fits */
	bool gym;                /* needs gym access */
	bool clearance_required; /* only with a clinician's clearance */
	int sessions_per_week;   /* 1..3 */
	int max_rpe;             /* effort cap of the program, 1..10 */
	int deload_every;        /* every Nth week is lighter; 0 = never */
	int deload_first;        /* the first lighter week (6..52; default 6):
	                            then deload_first + deload_every, ...;
	                            0 when deload_every is 0 */
	int load_step_weeks;     /* at least this many weeks between two load
	                            rises of one exercise, 2..8 (default 2) */
	bool load_progression;   /* external load may rise */
	int max_level;           /* highest exercise level used, 1..5 */
	int exercises_min, exercises_max;
	int warmup_min, cooldown_min;     /* minutes */
	int balance_min;         /* minutes of balance work per session, 0 = none */
	int walking_min;         /* walking plan: minutes a day, 0 = none */
	int walking_days;        /* days a week */
	const gradus_phase *phases; size_t n_phases;
	const gradus_slot *slots;   size_t n_slots;
	const char *file;
	int line;
	bool builtin;            /* compiled into the library (file is then
	                            its place in the source tree); false:
	                            added from a file */
	const char *text;        /* the whole file it was read from, as read:
	                            comments, blank lines and all */
} gradus_template;

typedef struct gradus_templates gradus_templates;

/* Makes an empty template set in *out (`out` must not be NULL).
 *
 * The set is the caller's: free it with gradus_templates_free.
 * Returns GRADUS_OK, or GRADUS_ENOMEM with *out NULL. */
int gradus_templates_new(gradus_templates **out);

/* Frees a template set and everything it owns: every template and string
 * gradus_templates_get and gradus_templates_find returned. NULL is
 * accepted and does nothing. A plan or review made with the set points
 * into it: free them first. */
void gradus_templates_free(gradus_templates *t);

/* Adds the template of one file to the set. `t` and `path` must not be
 * NULL. A template whose id is that of a built-in template
 * (gradus_templates_add_builtin) replaces it, keeping its place in the
 * order; any other id seen before is an error. `name` is what diagnostics call the file; `text` is its whole
 * content, NUL-terminated; neither may be NULL. The set keeps copies of
 * what it needs: the caller keeps `path`, `name` and `text`.
 *
 * The catalogue, when given, is used to check that every slot pattern
 * has at least one exercise; it may be NULL (then that is not checked),
 * and the set does not keep it. Every problem is appended to `d` as
 * FILE:LINE diagnostics (`d` may be NULL: then they are dropped). A
 * template with errors, or whose id is already in the set, is not added.
 * Returns GRADUS_OK; GRADUS_EIO when the file cannot be read;
 * GRADUS_EINVALID when it has errors; or GRADUS_ENOMEM. */
int gradus_templates_add_file(gradus_templates *t, const char *path,
			      const gradus_catalogue *cat, gradus_diags *d);
int gradus_templates_add_string(gradus_templates *t, const char *name,
				const char *text, const gradus_catalogue *cat,
				gradus_diags *d);

/* Adds the templates compiled into the library (profiles/templates/)
 * to the set; they have `builtin` set. Call it first: a file added
 * before it keeps its template, and the built-in one with its id is
 * left out (so a second call adds nothing). The files were read and
 * checked when the library was built (a mistake in one fails the
 * build); what is left is `cat`, as for gradus_templates_add_file: a
 * catalogue with exercises of its own must still offer every slot of
 * every built-in template (else an error, told at an added exercise of
 * that pattern when there is one, or at the slot in the built-in file,
 * and that template is not added). `t` must not be NULL. Returns
 * GRADUS_OK, GRADUS_EINVALID or GRADUS_ENOMEM. */
int gradus_templates_add_builtin(gradus_templates *t,
				 const gradus_catalogue *cat, gradus_diags *d);

/* Adds every *.cfg of the folder `dir` (sorted by name, not its
 * sub-folders), as gradus_templates_add_file. `t` and `dir` must not be
 * NULL. Returns GRADUS_OK; GRADUS_EIO (the folder or a file cannot be
 * read); GRADUS_EINVALID (errors, or no *.cfg in the folder); or
 * GRADUS_ENOMEM. */
int gradus_templates_add_dir(gradus_templates *t, const char *dir,
			     const gradus_catalogue *cat, gradus_diags *d);

/* Convenience: a new set in *out from every *.cfg of the folder `dir`
 * (sorted by name, not its sub-folders). `out` and `dir` must not be
 * NULL; `cat` (as for gradus_templates_add_file) and `d` may be.
 *
 * On GRADUS_OK the set is the caller's: free it with
 * gradus_templates_free. On any other result *out is NULL: GRADUS_EIO
 * (the folder or a file cannot be read), GRADUS_EINVALID (errors, or no
 * *.cfg in the folder) or GRADUS_ENOMEM. */
int gradus_templates_load_dir(gradus_templates **out, const char *dir,
			      const gradus_catalogue *cat, gradus_diags *d);
/* The templates compiled into the library from profiles/templates/, in
 * *out (`out` must not be NULL; `cat` and `d` may be). The caller frees
 * the set with gradus_templates_free. Returns GRADUS_OK, or
 * GRADUS_ENOMEM with *out NULL (GRADUS_EINVALID when `cat` lacks a
 * pattern they need). */
int gradus_templates_load_builtin(gradus_templates **out,
				  const gradus_catalogue *cat, gradus_diags *d);

/* How many templates the set holds; 0 for NULL. */
size_t gradus_templates_count(const gradus_templates *t);

/* The template at index `i` (the order they were added in), or NULL
 * when `t` is NULL or `i` is not below gradus_templates_count.
 *
 * The template is owned by the set. You don't have to free it, but you
 * must not use it after the set is freed. */
const gradus_template *gradus_templates_get(const gradus_templates *t,
					    size_t i);

/* The template whose id is `id`; NULL if there is none, or when `t` or
 * `id` is NULL. Owned by the set, as for gradus_templates_get. */
const gradus_template *gradus_templates_find(const gradus_templates *t,
					     const char *id);

/* Names as spelled in files ("disuse", "A".."D", "walks_with_aid"):
 * static strings of the library, never to be freed; NULL for a value
 * out of range. */
const char *gradus_kind_name(gradus_kind k);
const char *gradus_class_name(gradus_class c);   /* "A".."D" */
const char *gradus_mobility_name(gradus_mobility m);

#ifdef __cplusplus
}
#endif
#endif
