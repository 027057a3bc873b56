/*
 * gradus/log.h - session logs: what was really done (docs/formats.md,
 * "Session log").
 *
 * A log is what a caregiver copies from the record grid of the printed
 * plan: for each session its date and, for each exercise, the sets done
 * (a box ticked for each), the reps done, the effort and the pain (0-10),
 * and whether pain the next morning was back to usual. Each program week
 * may add a check-in (the red-flag questions again, illness, a hospital
 * stay), and the log may hold re-test results with their dates.
 *
 *     format = 1;
 *     profile = "margaret-sarcopenia";         # informative
 *     plan_start = "2026-12-01";               # day 1 of the plan logged
 *     sessions = (
 *       { date = "2026-12-02";
 *         exercises = (
 *           { id = "seated-knee-extension-ankle-weight"; sets = 1; reps = 12;
 *             load_kg = 0.5; effort = 4; pain = 0; next_morning_ok = true; }
 *         ); }
 *     );
 *     weeks = ( { week = 1; red_flags = { one_sided_weakness = false; }; } );
 *     measures = ( { date = "2027-01-26"; chair_stand_5x_s = 16.1; } );
 *
 * Loading checks types, ranges, real dates, date order, unknown keys
 * (with a "did you mean" hint) and, when a catalogue is given, that every
 * exercise id exists and that the load and support written fit the
 * exercise. Every problem is reported as FILE:LINE diagnostics.
 *
 * Blanks (what `gradus log new` writes for the caregiver to fill in):
 * `reps = [];`, and `""` (or `[]`) for effort, pain, next_morning_ok and
 * a weekly red-flag answer. A blank is never an answer: an entry whose
 * reps are blank, a session with no entry filled in and a check-in with
 * no answer are not counted (they are in `skipped`, not in `sessions`
 * or `weeks`); a blank effort, pain or next-morning answer is "not
 * written down"; a blank red-flag answer of a check-in that has other
 * answers is kept in red_flag_blank. Every group of blanks is listed in
 * `blanks` (for `gradus check`).
 */
#ifndef GRADUS_LOG_H
#define GRADUS_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "date.h"
#include "diag.h"
#include "profile.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GRADUS_LOG_MAX_SETS 10

/* One exercise in one session: a cell of the record grid. */
typedef struct {
	const char *id;
	const gradus_exercise *exercise; /* resolved when loaded with a
	                            catalogue, else NULL */
	int sets;                /* sets done, 1..GRADUS_LOG_MAX_SETS */
	int reps[GRADUS_LOG_MAX_SETS]; /* reps done in each set (per side
	                            when the exercise is per side) */
	/* What was used; not given: as the plan said. */
	double load_kg;          /* ankle weight or dumbbell; NaN: not given */
	int band;                /* gradus_band; -1: not given */
	int machine_step;        /* -1: not given */
	gradus_support support;  /* GRADUS_SUPPORT_NA: not given */
	int effort;              /* 0..10, -1: not written down */
	int pain;                /* 0..10 during the exercise, -1: not written */
	gradus_answer next_morning_ok; /* pain back to usual the next
	                            morning; GRADUS_ANSWER_MISSING: not said */
	const char *notes;       /* NULL when none */
	int line;
} gradus_log_entry;

typedef struct {
	gradus_date date;
	const gradus_log_entry *entries; size_t n_entries;
	const char *notes;
	int line;
} gradus_log_session;

/* A weekly check-in. `week` is the program week as printed on the plan
 * ("week 3 of 12"). Red-flag questions not asked are
 * GRADUS_ANSWER_MISSING; only a yes changes anything. */
typedef struct {
	int week;
	gradus_answer red_flags[GRADUS_RF__COUNT];
	bool red_flag_blank[GRADUS_RF__COUNT]; /* written as a blank: not
	                            answered (never a no) */
	bool ill;                /* ill in bed, or an infection, that week */
	bool hospital;           /* a hospital stay that week */
	const char *notes;
	int line;
} gradus_log_week;

/* A re-test; measures not given are NaN or -1 (as in a profile). */
typedef struct {
	gradus_measures values;  /* values.date is always set */
	int line;
} gradus_log_measure;

/* What was not counted because it was left blank. */
typedef enum {
	GRADUS_SKIP_SESSION = 0, /* a session with no exercise filled in */
	GRADUS_SKIP_ENTRY,       /* an exercise whose reps are blank (in a
	                            session that has others filled in) */
	GRADUS_SKIP_WEEK         /* a check-in with no answer */
} gradus_skip_kind;

typedef struct {
	gradus_skip_kind kind;
	gradus_date date;        /* SESSION, ENTRY */
	const char *id;          /* ENTRY: the exercise */
	int week;                /* WEEK: the program week */
	int line;
} gradus_log_skip;

/* A group of blanks still empty: one exercise, one session or one
 * check-in (when wholly blank), for `gradus check`. */
typedef struct {
	const char *where;       /* "sessions[0].exercises[2]", "weeks[1]" */
	const char *keys;        /* "reps, effort, pain" (NULL: all of it) */
	int n;                   /* blanks in it */
	int line;
} gradus_log_blank;

typedef struct gradus_log {
	const char *profile;     /* informative, NULL when not given */
	gradus_date plan_start;  /* unset: the profile's setup.start */
	int first_week;          /* program week that plan_start begins (1
	                            unless the logged plan was itself a
	                            reviewed one) */
	const gradus_log_session *sessions; size_t n_sessions; /* date order */
	const gradus_log_week *weeks; size_t n_weeks;          /* week order */
	const gradus_log_measure *measures; size_t n_measures; /* date order */
	const gradus_log_skip *skipped; size_t n_skipped; /* file order */
	const gradus_log_blank *blanks; size_t n_blanks;  /* file order */
	size_t n_blank_values;   /* blanks still empty, all together */
	bool has_clearance;      /* a doctor's OK after an illness */
	const char *clearance_by;
	gradus_date clearance_date;
	const char *file;        /* name diagnostics use */
} gradus_log;

/* Load and check a log into *out. `out` must not be NULL, nor `path`,
 * or `name` (what diagnostics call it) and `text` (the whole file,
 * NUL-terminated). The catalogue, when given, is used to check the
 * exercise ids (with a "did you mean" hint) and that load_kg, band,
 * machine_step and support fit each exercise; it may be NULL (then
 * gradus_log_entry.exercise is NULL). When given, each entry's
 * `exercise` points into it: the catalogue must outlive the log's use of
 * those pointers. Problems go to `d` as FILE:LINE diagnostics (NULL:
 * dropped).
 *
 * On GRADUS_OK the log is the caller's: free it with gradus_log_free
 * (accepts NULL), which frees every string and array it points to. On
 * any other result *out is NULL: GRADUS_EIO (the file cannot be read),
 * GRADUS_EINVALID (the diagnostics say why) or GRADUS_ENOMEM. */
int gradus_log_load_file(gradus_log **out, const char *path,
			 const gradus_catalogue *cat, gradus_diags *d);
int gradus_log_load_string(gradus_log **out, const char *name,
			   const char *text, const gradus_catalogue *cat,
			   gradus_diags *d);
void gradus_log_free(gradus_log *log);

#ifdef __cplusplus
}
#endif
#endif
