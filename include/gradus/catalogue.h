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

/* A picture of the exercise, drawn from data (docs/formats.md, "figure").
 * Angles are whole degrees; see the format for the convention. */
typedef enum {
	GRADUS_FIG_VIEW_SIDE,        /* from the side, facing right */
	GRADUS_FIG_VIEW_FRONT,       /* from the front: sideways movements */
	GRADUS_FIG_VIEW_TOP,         /* from above: lying, or a standing or
	                              * seated body whose hands hold one handle */
	GRADUS_FIG_VIEW_FEET,        /* lying on the back, seen from the feet */
	GRADUS_FIG_VIEW_FRONT_ABOVE, /* lying on the side, seen from in front
	                              * and above: knees bent forward show */
	GRADUS_FIG_VIEW__COUNT
} gradus_figure_view;

typedef enum {
	GRADUS_FIG_ON_FLOOR,         /* standing on the feet */
	GRADUS_FIG_ON_SEAT,          /* sitting on a chair or machine seat */
	GRADUS_FIG_ON_BED,           /* lying on a bed, or sitting on its edge */
	GRADUS_FIG_ON_MAT,           /* lying or kneeling on the floor */
	GRADUS_FIG_ON__COUNT
} gradus_figure_base;

typedef enum {
	GRADUS_FIG_PROP_CHAIR = 1u << 0,
	GRADUS_FIG_PROP_COUNTER = 1u << 1,
	GRADUS_FIG_PROP_WALL = 1u << 2,
	GRADUS_FIG_PROP_STEP = 1u << 3,
	GRADUS_FIG_PROP_BED = 1u << 4,
	GRADUS_FIG_PROP_BAND = 1u << 5,
	GRADUS_FIG_PROP_ANKLE_WEIGHT = 1u << 6,
	GRADUS_FIG_PROP_DUMBBELL = 1u << 7,
	GRADUS_FIG_PROP_MACHINE = 1u << 8,
	GRADUS_FIG_PROP_MAT = 1u << 9,
	GRADUS_FIG_PROP_FOOTBOARD = 1u << 10, /* the bed's end board, at the feet */
	GRADUS_FIG_PROP_TOWEL = 1u << 11,     /* a rolled towel: under the knee
	                                       * lying, else in the near hand */
	GRADUS_FIG_PROP_ARMRESTS = 1u << 12   /* the chair's arms, under the
	                                       * hands of the start pose */
} gradus_figure_prop;
#define GRADUS_FIG_PROP__COUNT 13

/* Points of the body a band or the movement arrow may name. */
typedef enum {
	GRADUS_FIG_PT_HEAD,
	GRADUS_FIG_PT_SHOULDER,
	GRADUS_FIG_PT_PELVIS,
	GRADUS_FIG_PT_ELBOW,
	GRADUS_FIG_PT_HAND,
	GRADUS_FIG_PT_KNEE,
	GRADUS_FIG_PT_ANKLE,
	GRADUS_FIG_PT_TOE,
	GRADUS_FIG_PT_OTHER_ELBOW,
	GRADUS_FIG_PT_OTHER_HAND,
	GRADUS_FIG_PT_OTHER_KNEE,
	GRADUS_FIG_PT_OTHER_ANKLE,
	GRADUS_FIG_PT_OTHER_TOE,
	GRADUS_FIG_PT__COUNT,
	/* band anchors that are not on the body */
	GRADUS_FIG_ANCHOR_FRONT = GRADUS_FIG_PT__COUNT,
	GRADUS_FIG_ANCHOR_BEHIND,
	GRADUS_FIG_ANCHOR_LOW,
	GRADUS_FIG_ANCHOR_SIDE,      /* tied beside the body (front, top views) */
	GRADUS_FIG_ANCHOR__END
} gradus_figure_point;

/* A sign drawn at the moving point in the end frame: the effort of a
 * hold that barely moves (press down/up/forward/back, squeeze) or a
 * round arrow for a turn, a roll or a circle. */
typedef enum {
	GRADUS_FIG_MARK_NONE,
	GRADUS_FIG_MARK_DOWN,
	GRADUS_FIG_MARK_UP,
	GRADUS_FIG_MARK_FORWARD,
	GRADUS_FIG_MARK_BACK,
	GRADUS_FIG_MARK_SQUEEZE,
	GRADUS_FIG_MARK_TURN,
	GRADUS_FIG_MARK__COUNT
} gradus_figure_mark;

/* One pose. Side view: trunk leans forward from vertical (+90 lying on
 * the front, -90 on the back); hip, knee, shoulder and elbow are flexion
 * angles, ankle is plantar flexion (0: foot square to the shin). The
 * near limbs are hip/knee/ankle/shoulder/elbow, the far ones other_*.
 * Front view (and top view of a lying body): hip and shoulder are
 * abduction. Feet view: trunk -90 lies flat, nearer 0 sits up in bed;
 * hip and knee are flexion, shoulder turns the arm from where the chest
 * faces out to the side. lift raises the pelvis
 * above where the base puts it and forward moves it ahead, in cm. */
typedef struct {
	gradus_figure_base on;
	int trunk, head, lift, forward;
	int hip, knee, ankle, shoulder, elbow;
	int other_hip, other_knee, other_ankle, other_shoulder, other_elbow;
	int roll;                    /* feet view: the bent legs tip sideways;
	                              * front_above: the top knee opens */
	int turn;                    /* top view, upright: the shoulders and
	                              * head turn to the left (negative: right) */
	int line;
} gradus_figure_pose;

typedef struct {
	bool present;                /* false: the exercise has no figure */
	gradus_figure_view view;
	unsigned props;              /* GRADUS_FIG_PROP_* bits */
	gradus_figure_pose start, end;
	gradus_figure_point moves;   /* the arrow follows this point */
	gradus_figure_point band[2]; /* band ends, when props has band */
	gradus_figure_mark mark;     /* GRADUS_FIG_MARK_NONE: no sign */
	int line;
} gradus_figure;

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
	gradus_figure figure;        /* figure.present false: no picture */
	const char *file;            /* where it was defined */
	int line;
	bool builtin;                /* compiled into the library (file is
	                                then its place in the source tree);
	                                false: added from a file */
};

typedef struct gradus_catalogue gradus_catalogue;

/* Makes an empty catalogue in *out (`out` must not be NULL).
 *
 * The catalogue is the caller's: free it with gradus_catalogue_free.
 * Returns GRADUS_OK, or GRADUS_ENOMEM with *out NULL. */
int gradus_catalogue_new(gradus_catalogue **out);

/* Frees a catalogue and everything it owns: every exercise and string
 * that gradus_catalogue_get and gradus_catalogue_find returned. NULL is
 * accepted and does nothing. A log loaded with the catalogue, and a
 * plan or review made with it, point into it: free them first. */
void gradus_catalogue_free(gradus_catalogue *cat);

/* Adds the exercises of one file to a catalogue that is not yet
 * finished. An exercise whose id is that of a built-in exercise
 * (gradus_catalogue_add_builtin) replaces it, keeping its place; any
 * other id seen before is an error. `cat` and `path` must not be NULL. `name` is what
 * diagnostics call the file; `text` is its whole content,
 * NUL-terminated; neither may be NULL. The file is read and closed
 * before the call returns, and the catalogue keeps copies of what it
 * needs: the caller keeps `path`, `name` and `text`.
 *
 * Every problem is appended to `d` as FILE:LINE diagnostics (`d` may be
 * NULL: then they are dropped). An exercise with errors is still added,
 * so that links to it give no second, misleading error; a catalogue
 * that had an error must not be used.
 * Returns GRADUS_OK; GRADUS_EIO when the file cannot be read (a
 * diagnostic says why); GRADUS_EINVALID when it has errors; or
 * GRADUS_ENOMEM. */
int gradus_catalogue_add_file(gradus_catalogue *cat, const char *path,
			      gradus_diags *d);
int gradus_catalogue_add_string(gradus_catalogue *cat, const char *name,
				const char *text, gradus_diags *d);

/* Sorts the exercises by id, then resolves and checks the easier/harder
 * ladder links across all the files added (the `easier` and `harder`
 * pointers are NULL until then). Call it exactly once, after the last
 * add: no file may be added to a finished catalogue. `cat` must not be
 * NULL; `d` may be. Returns GRADUS_OK; GRADUS_EINVALID (diagnostics name
 * each broken link); GRADUS_EUSAGE when called a second time; or
 * GRADUS_ENOMEM. */
int gradus_catalogue_finish(gradus_catalogue *cat, gradus_diags *d);

/* Adds the catalogue compiled into the library (exercises/) to a
 * catalogue that is not yet finished; its exercises have `builtin` set.
 * Call it first: a file added before it keeps its exercises, and the
 * built-in ones with their ids are left out (so a second call adds
 * nothing). The files were read and checked when the library was built
 * (a mistake in one fails the build): nothing is parsed here. `cat`
 * must not be NULL; `d` may be. Returns GRADUS_OK or GRADUS_ENOMEM. */
int gradus_catalogue_add_builtin(gradus_catalogue *cat, gradus_diags *d);

/* Adds every *.cfg of the folder `dir` (sorted by name, not its
 * sub-folders), as gradus_catalogue_add_file, to a catalogue that is not
 * yet finished. `cat` and `dir` must not be NULL; `d` may be. Returns
 * GRADUS_OK; GRADUS_EIO (the folder or a file cannot be read);
 * GRADUS_EINVALID (errors, or no *.cfg in the folder); GRADUS_ENOMEM. */
int gradus_catalogue_add_dir(gradus_catalogue *cat, const char *dir,
			     gradus_diags *d);

/* Convenience: a new catalogue in *out from every *.cfg of the folder
 * `dir` (sorted by name, not its sub-folders), finished. `out` and `dir`
 * must not be NULL; `d` may be.
 *
 * On GRADUS_OK the catalogue is the caller's: free it with
 * gradus_catalogue_free. On any other result *out is NULL: GRADUS_EIO
 * (the folder or a file cannot be read), GRADUS_EINVALID (errors, or no
 * *.cfg in the folder; diagnostics say which) or GRADUS_ENOMEM. */
int gradus_catalogue_load_dir(gradus_catalogue **out, const char *dir,
			      gradus_diags *d);
/* The catalogue compiled into the library from exercises/, finished, in
 * *out (`out` must not be NULL; `d` may be). The caller frees it with
 * gradus_catalogue_free. Returns GRADUS_OK, or GRADUS_ENOMEM with *out
 * NULL. */
int gradus_catalogue_load_builtin(gradus_catalogue **out, gradus_diags *d);

/* How many exercises the catalogue holds; 0 for NULL. */
size_t gradus_catalogue_count(const gradus_catalogue *cat);

/* The exercise at index `i` (in id order once finished), or NULL when
 * `cat` is NULL or `i` is not below gradus_catalogue_count.
 *
 * The exercise is owned by the catalogue. You don't have to free it,
 * but you must not use it after the catalogue is freed. */
const gradus_exercise *gradus_catalogue_get(const gradus_catalogue *cat,
					    size_t i);

/* The exercise whose id is `id`; NULL if there is none, or when `cat` or
 * `id` is NULL. Owned by the catalogue, as for gradus_catalogue_get. */
const gradus_exercise *gradus_catalogue_find(const gradus_catalogue *cat,
					     const char *id);

#ifdef __cplusplus
}
#endif
#endif
