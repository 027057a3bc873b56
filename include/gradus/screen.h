/*
 * gradus/screen.h - the safety gate: screening tiers, findings,
 * precautions, the rule table and the referral sheet.
 *
 * Screening runs before anything is planned. Every rule is one row of a
 * table in src/lib/screen/rules.c (id, tier, condition, texts, source
 * key); the tier of a profile is the highest tier of its findings. A
 * tier above GRADUS_TIER_PRECAUTIONS means: no plan, the tier's exit
 * code, and (for review, urgent and emergency) a referral sheet.
 */
#ifndef GRADUS_SCREEN_H
#define GRADUS_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "profile.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

/* In increasing order of severity: highest wins. */
typedef enum {
	GRADUS_TIER_PROCEED = 0,
	GRADUS_TIER_PRECAUTIONS,
	GRADUS_TIER_INCOMPLETE,  /* exit 10 */
	GRADUS_TIER_CLEARANCE,   /* exit 11 */
	GRADUS_TIER_REVIEW,      /* exit 12 */
	GRADUS_TIER_URGENT,      /* exit 13 */
	GRADUS_TIER_EMERGENCY,   /* exit 14 */
	GRADUS_TIER__COUNT
} gradus_tier;

/* "emergency", ...: a static string, never to be freed; NULL out of
 * range. */
const char *gradus_tier_name(gradus_tier t);
/* The command's exit status for a tier: 0, 10..14; 1 out of range. */
int gradus_tier_exit_code(gradus_tier t);

/* One row of the rule table. */
typedef struct {
	const char *id;          /* stable, e.g. "RF-BEFAST-FACE" */
	gradus_tier tier;
	const char *summary;     /* what triggers it, one line */
	const char *person;      /* plain words for the person */
	const char *clinician;   /* a line for the clinician */
	const char *source;      /* source key(s), docs/sources.md, e.g. "BEFAST, NICE127";
	                            "D" marks our own design choice */
	/* What the rule asks of the plan when it applies (zero when
	 * nothing); a screening's precautions are the union over its
	 * findings. */
	gradus_tags avoid;       /* tags added to precautions.avoid */
	int effort_cap;          /* 1..10, or 0 when the rule sets no cap */
	unsigned sets;           /* GRADUS_PREC_* switches it turns on */
	bool logs_only;          /* listed for completeness but checked on
	                            session logs, never by gradus_screen */
	int check, arg;          /* internal: the condition rules.c tests */
} gradus_rule;

/* Precaution switches a rule turns on (gradus_rule.sets); each names the
 * gradus_precautions field of the same name. */
enum {
	GRADUS_PREC_BREATHING_CUES = 1u << 0,
	GRADUS_PREC_SPINE_SPARING = 1u << 1,
	GRADUS_PREC_HIP_POSTERIOR = 1u << 2,
	GRADUS_PREC_GLUCOSE_CHECK = 1u << 3,
	GRADUS_PREC_PREFER_SUPPORTED = 1u << 4,
	GRADUS_PREC_BALANCE_EMPHASIS = 1u << 5,
	GRADUS_PREC_SUPERVISION_NEEDED = 1u << 6,
	GRADUS_PREC_NO_PROTEIN_TARGET = 1u << 7,
	GRADUS_PREC_NEURO_MAINTENANCE = 1u << 8,
	GRADUS_PREC_HR_CHECK = 1u << 9,
	GRADUS_PREC_NO_STRENGTH_REGIONS = 1u << 10
};
#define GRADUS_PREC__COUNT 11
/* "breathing_cues", ... for one GRADUS_PREC_* bit (static, never to be
 * freed); NULL for anything else. */
const char *gradus_prec_name(unsigned single_bit);

/* The whole table, in a fixed order (highest tier first); its length in
 * *n when `n` is not NULL. Never NULL. The table is static, owned by the
 * library: never free it; it lives as long as the program. */
const gradus_rule *gradus_rules(size_t *n);

typedef struct {
	const gradus_rule *rule;
	char *detail;            /* specifics for this person, or NULL
	                            ("resting BP 182/96 mmHg") */
} gradus_finding;

/* What screening asks the generator to respect. */
typedef struct {
	gradus_tags avoid;       /* conditions, medications and derived
	                            precaution tags; an exercise whose
	                            avoid_with meets this is never chosen */
	int effort_cap;          /* 0..10; 10 when no precaution caps it */
	unsigned no_strength_regions; /* GRADUS_REG_* not to load (recent
	                            fracture or surgery of the region) */
	bool breathing_cues;     /* hypertension: breathe out on effort [AHA2007] */
	bool spine_sparing;      /* osteoporosis [TFTF] */
	bool hip_posterior;      /* posterior hip precautions in force */
	gradus_date hip_posterior_until;
	bool glucose_check;      /* insulin [ADA2016] */
	bool prefer_supported;   /* blood thinner: seated/supported first (M) */
	bool balance_emphasis;   /* falls or fall risk [VIVI, OTAGO] */
	bool supervision_needed; /* dementia: a caregiver present */
	bool no_protein_target;  /* eGFR < 30 or kidney disease [PROTAGE] */
	bool neuro_maintenance;  /* neurogenic with clearance: the
	                            function-maintenance program only */
	bool hr_check;           /* resting HR > 100: no session that day [OTAGO] */
	gradus_date no_strength_until; /* first day no_strength_regions may
	                            be loaded again (4 weeks after the latest
	                            recent fracture or operation); unset when
	                            no_strength_regions is 0 */
} gradus_precautions;

typedef struct gradus_screening gradus_screening;
struct gradus_screening {
	gradus_tier tier;
	const gradus_finding *findings; size_t n_findings; /* rule-table order */
	gradus_precautions precautions;
	/* red-flag questions left unanswered, in gradus_red_flag order */
	const gradus_red_flag *missing; size_t n_missing;
	gradus_date as_of;       /* the date screening judged "recent" against */
};

/* Screens `p` (not NULL) as of `as_of` (the plan's start date: surgery
 * and fracture ages are counted to it). When `as_of` is unset, the
 * profile's setup.start is used; when both are unset and the profile has
 * dated events that matter, GRADUS_EUSAGE is returned with a diagnostic.
 * Fail closed, but never hide a warning sign: when the rules that need
 * no date already stop the plan (tier review or higher) and no dated
 * rule could raise the tier, the result is returned (GRADUS_OK) with a
 * warning that the dates were not judged. Diagnostics go to `d` (NULL:
 * dropped).
 *
 * The profile's dates are checked against that date first
 * (gradus_profile_check_dates): a date that cannot be right gives
 * GRADUS_EINVALID with every such date as a FILE:LINE error.
 *
 * On GRADUS_OK the screening in *out is the caller's: free it with
 * gradus_screening_free, which frees its findings and their details.
 * Its rules point into the static rule table; it keeps no pointer to
 * `p`, which may be freed first. On any other result *out is NULL:
 * GRADUS_EUSAGE (`out` or `p` NULL, or no start date as above),
 * GRADUS_EINVALID (an impossible date, as above) or GRADUS_ENOMEM. */
int gradus_screen(gradus_screening **out, const gradus_profile *p,
		  gradus_date as_of, gradus_diags *d);
/* Frees a screening made by gradus_screen; NULL is accepted. A plan or
 * review made with it points to it: free them first. */
void gradus_screening_free(gradus_screening *s);

/* Renders a screening of `p` (both not NULL) into *out, as a
 * NUL-terminated string. It is the caller's responsibility to free it,
 * with free(). The result text says the tier, each finding in plain
 * words, and what to do next; JSON is {"format": "gradus-screening/1",
 * ...}. Returns GRADUS_OK; GRADUS_EUSAGE (`out`, `s` or `p` NULL, or an
 * unknown format) or GRADUS_ENOMEM, with *out NULL. */
typedef enum {
	GRADUS_SCREEN_TEXT,
	GRADUS_SCREEN_JSON,
	GRADUS_SCREEN_HTML,  /* one printable page; review and above add the
	                        referral sheet */
	GRADUS_SCREEN_FHIR,  /* FHIR R4 Bundle with a referral ServiceRequest */
	GRADUS_SCREEN_ICS,   /* RFC 5545 calendar holding one VTODO: see a
	                        doctor before starting */
	GRADUS_SCREEN_FHIR_TRANSACTION /* the FHIR Bundle as a transaction */
} gradus_screen_format;
int gradus_screening_render(char **out, const gradus_screening *s,
			    const gradus_profile *p, gradus_screen_format f);
/* The screening result as gradus-screening/1 on one line, without
 * layout, into a buffer the caller keeps: as gradus_plan_render_compact
 * (gradus/plan.h) does for a plan. */
int gradus_screening_render_compact(char **buf, size_t *cap, size_t at,
				    size_t *len, const gradus_screening *s);

/* The one-page referral sheet (tiers review, urgent and emergency) as
 * plain text or self-contained HTML (every input string escaped), into
 * *out as a NUL-terminated string. It is the caller's responsibility to
 * free it, with free(). Returns GRADUS_OK; GRADUS_EUSAGE when `out`, `s`
 * or `p` is NULL, the format is unknown or the tier is below review (no
 * sheet: *out NULL); or GRADUS_ENOMEM. */
typedef enum {
	GRADUS_REFERRAL_TEXT,
	GRADUS_REFERRAL_HTML
} gradus_referral_format;
int gradus_referral_render(char **out, const gradus_screening *s,
			   const gradus_profile *p, gradus_referral_format f);

/* The rule table as text or JSON (what `gradus rules` prints), into
 * *out as a NUL-terminated string. It is the caller's responsibility to
 * free it, with free(). Returns GRADUS_OK; GRADUS_EUSAGE (`out` NULL, or
 * a format other than GRADUS_SCREEN_TEXT and GRADUS_SCREEN_JSON) or
 * GRADUS_ENOMEM, with *out NULL. */
int gradus_rules_render(char **out, gradus_screen_format f);

#ifdef __cplusplus
}
#endif
#endif
