/*
 * gradus/profile.h - a person's profile (docs/formats.md).
 *
 * Loading checks types, ranges, vocabularies, real dates and unknown keys
 * (with a "did you mean" hint). Red-flag questions are *not* required by
 * the loader: an unanswered question is kept as GRADUS_ANSWER_MISSING so
 * that screening can stop the plan with the "incomplete" tier.
 */
#ifndef GRADUS_PROFILE_H
#define GRADUS_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "date.h"
#include "diag.h"
#include "template.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	GRADUS_RF_SUDDEN_WEAKNESS,
	GRADUS_RF_ONE_SIDED_WEAKNESS,
	GRADUS_RF_FACE_DROOPING,
	GRADUS_RF_SPEECH_CHANGES,
	GRADUS_RF_VISION_CHANGES,
	GRADUS_RF_SUDDEN_BALANCE_LOSS,
	GRADUS_RF_SUDDEN_SEVERE_HEADACHE,
	GRADUS_RF_BREATHING_DIFFICULTY,
	GRADUS_RF_SWALLOWING_DIFFICULTY,
	GRADUS_RF_SPREADING_WEAKNESS,
	GRADUS_RF_BLADDER_OR_BOWEL_CHANGES,
	GRADUS_RF_SADDLE_NUMBNESS,
	GRADUS_RF_MUSCLE_TWITCHING,
	GRADUS_RF_NUMBNESS_OR_TINGLING,
	GRADUS_RF_DROOPING_EYELIDS_OR_DOUBLE_VISION,
	GRADUS_RF_DARK_URINE_WITH_MUSCLE_PAIN,
	GRADUS_RF_UNEXPLAINED_WEIGHT_LOSS,
	GRADUS_RF_CHEST_PAIN,
	GRADUS_RF_FAINTING_OR_DIZZINESS,
	GRADUS_RF__COUNT
} gradus_red_flag;

typedef enum {
	GRADUS_ANSWER_MISSING = -1,
	GRADUS_ANSWER_NO = 0,
	GRADUS_ANSWER_YES = 1
} gradus_answer;

/* File key of a red-flag question ("sudden_weakness"), and a plain
 * question for people ("Did the weakness come on suddenly?"): static
 * strings of the library, never to be freed; NULL out of range. */
const char *gradus_red_flag_key(gradus_red_flag f);
const char *gradus_red_flag_question(gradus_red_flag f);

typedef enum { GRADUS_SEX_FEMALE, GRADUS_SEX_MALE } gradus_sex;
typedef enum { GRADUS_ONSET_GRADUAL, GRADUS_ONSET_SUDDEN } gradus_onset;
typedef enum {
	GRADUS_PATTERN_SYMMETRIC,
	GRADUS_PATTERN_ONE_SIDED,
	GRADUS_PATTERN_ONE_LIMB
} gradus_weakness_pattern;
typedef enum {
	GRADUS_COURSE_IMPROVING,
	GRADUS_COURSE_STABLE,
	GRADUS_COURSE_WORSENING_SLOWLY,
	GRADUS_COURSE_WORSENING_FAST
} gradus_course;
typedef enum {
	GRADUS_SUP_ALONE,
	GRADUS_SUP_CAREGIVER,
	GRADUS_SUP_THERAPIST
} gradus_supervision;
typedef enum { GRADUS_SIDE_LEFT, GRADUS_SIDE_RIGHT, GRADUS_SIDE_BOTH } gradus_side;

typedef struct {
	const char *kind;        /* hip_replacement knee_replacement
	                            shoulder_replacement spine other */
	gradus_side side;
	const char *approach;    /* posterior anterior lateral; NULL if not given */
	gradus_date date;
	int line;
} gradus_surgery;

typedef struct {
	unsigned region;         /* GRADUS_REG_* bits */
	gradus_date date;
	int line;
} gradus_fracture;

/* Measures not given are NaN (floats) or -1 (whole numbers). */
typedef struct {
	gradus_date date;
	double grip_kg;
	double chair_stand_5x_s;
	int chair_stand_30s;
	double gait_speed_m_s;
	double tug_s;
	int sppb;
	int sarc_f;
} gradus_measures;

#define GRADUS_MAX_BANDS 8
#define GRADUS_MAX_WEIGHTS 16

/* Band colours, light to heavy, in the order gradus knows them. */
typedef enum {
	GRADUS_BAND_YELLOW,
	GRADUS_BAND_RED,
	GRADUS_BAND_GREEN,
	GRADUS_BAND_BLUE,
	GRADUS_BAND_BLACK,
	GRADUS_BAND_SILVER,
	GRADUS_BAND_GOLD,
	GRADUS_BAND__COUNT
} gradus_band;
/* "yellow", ...: static, never to be freed; NULL out of range. */
const char *gradus_band_name(gradus_band b);

/* The therapist's choice of exercise for one slot (program.pin). The
 * exercise's pattern is the slot's; it is in the catalogue and not in
 * setup.exclude. */
#define GRADUS_MAX_PINS 12
typedef struct {
	gradus_pattern slot;
	const char *exercise;    /* catalogue id */
	int line;
} gradus_pin;

/* Where one exercise starts (program.start_load). Exactly one of kg,
 * band and machine_step is given, the one that fits the exercise's load
 * kind; the others are NaN / -1. kg is one of the person's own ankle
 * weights or dumbbells, band one of the person's bands. */
#define GRADUS_MAX_START_LOADS 12
typedef struct {
	const char *exercise;    /* catalogue id */
	double kg;               /* ankle_weight, dumbbell; NaN when not given */
	int band;                /* gradus_band for band; -1 when not given */
	int machine_step;        /* machine, 0..30; -1 when not given */
	int line;
} gradus_start_load;

/* Someone to call about the exercises (contacts.therapist,
 * contacts.doctor): a name of at most 80 bytes and a telephone number of
 * at most 20 (digits, spaces, '+', '-', '(' and ')', at least 3 digits).
 * Both NULL when the contact is not given. */
typedef struct {
	const char *name;
	const char *phone;
} gradus_contact;

typedef struct {
	const char *name;
	int age;
	gradus_sex sex;
	double weight_kg;        /* NaN when not given */

	gradus_kind kind;
	const char *cause;       /* NULL when not given */
	gradus_onset onset;
	int weeks;
	gradus_weakness_pattern pattern;
	gradus_course course;
	unsigned regions;        /* GRADUS_REG_* */
	bool has_immobilised;
	unsigned immobilised_region;
	gradus_date immobilised_ended; /* may be after setup.start: the cast
	                            is still on (screening: CL-IMMOBILISED) */
	int immobilised_line;    /* of condition.immobilised.ended */

	gradus_answer red_flags[GRADUS_RF__COUNT];
	int red_flag_line[GRADUS_RF__COUNT]; /* 0 when unanswered */

	gradus_tags conditions;  /* condition and medication tags */
	int resting_bp_sys, resting_bp_dia; /* -1 when not given */
	int resting_hr;          /* -1 when not given */
	bool regularly_active;
	int falls_last_year;
	int egfr;                /* -1 when not given */
	bool has_clearance;
	const char *clearance_by;
	gradus_date clearance_date; /* counts only from 365 days before the
	                            start to the start (screening) */
	int clearance_line;      /* of health.clearance.date */
	const gradus_surgery *surgery; size_t n_surgery;
	const gradus_fracture *fracture; size_t n_fracture;

	bool has_measures;
	gradus_measures measures;
	int measures_line;       /* of measures.date; 0 when not given */

	gradus_date start;       /* may be unset: then --start is needed */
	int weeks_planned;       /* setup.weeks 1..52 */
	unsigned days;           /* bit 0 = Monday .. bit 6 = Sunday */
	int minutes;             /* per session, 10..120 */
	gradus_supervision supervision;
	const char *caregiver;   /* NULL when not given */
	gradus_mobility mobility;
	/* setup.country: an ISO 3166-1 alpha-2 code in capitals ("US"),
	 * NULL when not given. */
	const char *country;
	/* setup.emergency_number as written; when not given, the country's
	 * number from the table (gradus_country_emergency_number) and
	 * emergency_from_country is true; NULL when neither: the pages say
	 * "your local emergency number". */
	const char *emergency_number;
	bool emergency_from_country;
	unsigned equipment;      /* GRADUS_EQ_* owned (bed always) */
	unsigned bands;          /* bits (1u << gradus_band) owned */
	double ankle_weights_kg[GRADUS_MAX_WEIGHTS]; size_t n_ankle_weights;
	double dumbbells_kg[GRADUS_MAX_WEIGHTS];     size_t n_dumbbells;
	const char *const *exclude; size_t n_exclude;

	/* contacts.therapist and contacts.doctor: name and phone, both NULL
	 * when the contact is not given */
	gradus_contact therapist, doctor;

	const char *template_id; /* program.template, NULL when not given */
	int max_rpe;             /* program overrides, -1 when not given */
	int sessions_per_week;
	/* program.pin and program.start_load, in file order (NULL and 0 when
	 * not given). Owned by the profile (its arena): valid until
	 * gradus_profile_free. */
	const gradus_pin *pins; size_t n_pins;
	const gradus_start_load *start_loads; size_t n_start_loads;

	const char *file;        /* name diagnostics use */
} gradus_profile;

/* Load and check a profile into *out. `out` must not be NULL, nor
 * `path`, or `name` (what diagnostics call it) and `text` (the whole
 * file, NUL-terminated). The catalogue and templates, when given, are
 * used to check `exclude`, `program.pin` and `program.start_load` ids
 * and `program.template`; either may be NULL (then those are not
 * checked), and the profile keeps no pointer to them nor to the
 * caller's strings. Problems go to `d` as FILE:LINE diagnostics (NULL:
 * dropped); a profile that loads may still have warnings.
 *
 * On GRADUS_OK the profile is the caller's: free it with
 * gradus_profile_free (accepts NULL), which frees every string and array
 * it points to. On any other result *out is NULL: GRADUS_EIO (the file
 * cannot be read), GRADUS_EINVALID (the diagnostics say why) or
 * GRADUS_ENOMEM. */
int gradus_profile_load_file(gradus_profile **out, const char *path,
			     const gradus_catalogue *cat,
			     const gradus_templates *tpl, gradus_diags *d);
int gradus_profile_load_string(gradus_profile **out, const char *name,
			       const char *text, const gradus_catalogue *cat,
			       const gradus_templates *tpl, gradus_diags *d);
void gradus_profile_free(gradus_profile *p);

/* The dates of `p` (not NULL) against the plan's first day `start`
 * (a set date; the loader cannot know it: --start may override
 * setup.start). FILE:LINE errors to `d` (NULL: dropped), every one, for
 * a date that cannot be right (docs/formats.md, "Dates"):
 *   - any date before the year the person was born (the year of the
 *     start less `age`, less one);
 *   - condition.immobilised.ended more than 365 days before the start
 *     (weakness a year after the cast came off is not disuse alone);
 *   - a health.fracture[].date after the start (a break to come).
 * measures.date after the start is a warning (the tests still describe
 * the person; re-tests belong in the session log; the review makes it
 * an error). Returns the number of errors (0: the dates are plausible
 * enough to screen). An
 * immobilisation still in place on the start, a clearance too old or
 * dated after the start, and an operation to come are not errors:
 * screening judges them. gradus_screen calls this first. */
int gradus_profile_check_dates(const gradus_profile *p, gradus_date start,
			       gradus_diags *d);

/* The emergency number gradus prints for a country: `code` is an ISO
 * 3166-1 alpha-2 code in capitals ("US"). The medical (ambulance) number
 * where a country has several; in the EU, 112. A static string; NULL
 * when the country is not in the table (docs/formats.md lists it). */
const char *gradus_country_emergency_number(const char *code);

/* Names as spelled in files: static, never to be freed; NULL out of
 * range. */
const char *gradus_sex_name(gradus_sex s);
const char *gradus_onset_name(gradus_onset o);
const char *gradus_weakness_pattern_name(gradus_weakness_pattern p);
const char *gradus_course_name(gradus_course c);
const char *gradus_supervision_name(gradus_supervision s);

#ifdef __cplusplus
}
#endif
#endif
