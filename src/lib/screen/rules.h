/* Internal to the screen stage: what the gate (screen.c) uses of the
 * rule table and its conditions (rules.c). rules.c knows nothing of the
 * gate; the gate reads the table through this header only. */
#ifndef GRADUS_SCREEN_RULES_H
#define GRADUS_SCREEN_RULES_H

#include <stdbool.h>

#include "gradus/screen.h"
#include "util/buf.h"

/* Rows of the rule table (rules.c checks the count at compile time). */
#define SC_N_RULES 52

typedef enum { NO = 0, YES, UNKNOWN } verdict; /* UNKNOWN: needs as_of */

/* What an UNKNOWN verdict needed the date for (sc_ctx.needs). */
enum { NEED_SURGERY = 1, NEED_FRACTURE = 2, NEED_CLEARANCE = 4, NEED_IMMOB = 8 };

/* What every condition is judged against. */
typedef struct {
	const gradus_profile *p;
	unsigned *needs; /* NEED_* bits, set with each UNKNOWN verdict */
	bool dated;  /* as_of known */
	long today;  /* as_of in days */
	gradus_date as_of;
} sc_ctx;

/* The condition a row tests (gradus_rule.check). */
enum {
	C_LOGS,            /* never by gradus_screen */
	C_RF_YES,          /* arg: red flag answered yes */
	C_SUDDEN_ONSET,
	C_SWALLOW_FAST,
	C_ASYM_WORSENING,  /* one limb/side, worse, noticed <= 2 weeks */
	C_COURSE_FAST,
	C_NEURO_UNCLEARED,
	C_ASYM_UNEXPLAINED,
	C_STATIN_STEROID,
	C_PROGRESSIVE,
	C_ANY_YES,         /* catch-all, evaluated after the others
	                      (sc_uncovered_yes) */
	C_ACSM,
	C_ACSM_ACTIVE,     /* regularly active, same diseases, not cleared */
	C_BP_HIGH,
	C_RECENT_SURGERY,
	C_RECENT_FRACTURE,
	C_MISSING,
	C_TAG,             /* arg: condition or medication tag */
	C_BP_RAISED,
	C_HR_HIGH,
	C_HIP_POSTERIOR,
	C_KNEE,
	C_FALL_RISK,
	C_KIDNEY,
	C_RECENT_REGION,
	C_NEURO_MAINT,
	C_NOT_INDEPENDENT,
	C_HAND_HEALING,
	C_IMMOBILISED,     /* cast, brace or bed rest ends on or after as_of */
	C__COUNT
};

/* The rule table, highest tier first. Findings come in this order. */
extern const gradus_rule sc_rules[SC_N_RULES];

/* Tests the condition of row `r` for `c`; on YES, the specifics for this
 * person may be written to `det`. */
verdict sc_check(const sc_ctx *c, const gradus_rule *r, buf *det);

/* The catch-all (C_ANY_YES), once the other rows are judged (`hit`, one
 * per row): is a red-flag answer of yes left that no hit of tier review
 * or higher covers? Lists those keys into `det`. */
bool sc_uncovered_yes(const sc_ctx *c, const bool hit[SC_N_RULES], buf *det);

/* Regions of fractures and operations less than 4 weeks old, and (when
 * `until` is given) the first day they may be loaded again; unset when
 * there is none. */
unsigned sc_recent_regions(const sc_ctx *c, gradus_date *until);

/* The last day of the posterior hip precautions still in force on
 * c->as_of (unset when none): 8 weeks after the latest posterior (or
 * approach not given) hip replacement. */
gradus_date sc_hip_posterior_until(const sc_ctx *c);

#endif
