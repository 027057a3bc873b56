/* The safety gate: runs every row of the rule table (rules.c) on a
 * profile, takes the highest tier, fails closed when a date is missing,
 * and gathers the findings and the precautions they ask of the plan.
 * It never renders (render/ does). */
#include "gradus/screen.h"

#include <stdlib.h>

#include "util/buf.h"
#include "screen/rules.h"

typedef struct {
	gradus_screening s;
	gradus_finding findings[SC_N_RULES];
	gradus_red_flag missing[GRADUS_RF__COUNT];
} screening_box;

void gradus_screening_free(gradus_screening *s)
{
	screening_box *b = (screening_box *)s;
	if (!b)
		return;
	for (size_t i = 0; i < b->s.n_findings; i++)
		free(b->findings[i].detail);
	free(b);
}

/* One screening under way. */
typedef struct {
	sc_ctx c;
	unsigned needs;            /* NEED_* of the UNKNOWN verdicts */
	bool hit[SC_N_RULES];
	char *details[SC_N_RULES]; /* malloc'd, or NULL */
	gradus_tier tier;          /* highest tier of the hits */
	gradus_tier unknown_tier;  /* highest tier judged UNKNOWN */
	bool unknown, oom;
} gate;

static void gate_init(gate *g, const gradus_profile *p, gradus_date as_of)
{
	*g = (gate){0};
	g->c.p = p;
	g->c.needs = &g->needs;
	g->c.as_of = gradus_date_is_set(as_of) ? as_of : p->start;
	g->c.dated = gradus_date_is_set(g->c.as_of);
	g->c.today = g->c.dated ? gradus_date_days(g->c.as_of) : 0;
	g->tier = GRADUS_TIER_PROCEED;
	g->unknown_tier = GRADUS_TIER_PROCEED;
}

static void gate_free_details(gate *g)
{
	for (size_t i = 0; i < SC_N_RULES; i++)
		free(g->details[i]);
}

/* Row i is a finding; its detail, when any, is kept. */
static void gate_hit(gate *g, size_t i, buf *det)
{
	g->hit[i] = true;
	if (det->len || det->failed) {
		g->details[i] = buf_detach(det, NULL);
		g->oom |= g->details[i] == NULL;
	}
}

/* Every row in table order, then the catch-all (it looks at the other
 * rows' hits); the tier is the highest tier of the hits. */
static void gate_judge(gate *g)
{
	for (size_t i = 0; i < SC_N_RULES; i++) {
		const gradus_rule *r = &sc_rules[i];
		buf det = BUF_INIT;
		verdict v;
		if (r->logs_only || r->check == C_ANY_YES)
			continue;
		v = sc_check(&g->c, r, &det);
		if (v == YES) {
			gate_hit(g, i, &det);
		} else if (v == UNKNOWN) {
			g->unknown = true;
			if (r->tier > g->unknown_tier)
				g->unknown_tier = r->tier;
		}
		buf_free(&det);
	}
	for (size_t i = 0; i < SC_N_RULES; i++) {
		buf det = BUF_INIT;
		if (sc_rules[i].check != C_ANY_YES)
			continue;
		if (sc_uncovered_yes(&g->c, g->hit, &det)) {
			g->hit[i] = true;
			g->details[i] = buf_detach(&det, NULL);
			g->oom |= g->details[i] == NULL;
		}
		buf_free(&det);
	}
	for (size_t i = 0; i < SC_N_RULES; i++)
		if (g->hit[i] && sc_rules[i].tier > g->tier)
			g->tier = sc_rules[i].tier;
}

/* "the operation, the fracture and the clearance"; returns how many. */
static size_t date_needs(buf *b, unsigned needs)
{
	const char *what[4];
	size_t n = 0;
	if (needs & NEED_SURGERY)
		what[n++] = "the operation";
	if (needs & NEED_FRACTURE)
		what[n++] = "the fracture";
	if (needs & NEED_CLEARANCE)
		what[n++] = "the clearance";
	if (needs & NEED_IMMOB)
		what[n++] = "the end of the immobilisation";
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", what[i]);
	return n;
}

/* Some rows could not be judged without a date. Fail closed: the result
 * stands only when it stops the plan and no dated rule could raise it
 * (a warning says the dates were not judged); otherwise an error and
 * GRADUS_EUSAGE. */
static int gate_undated(const gate *g, const gradus_profile *p, gradus_diags *d)
{
	buf msg = BUF_INIT;
	bool stands = g->tier > GRADUS_TIER_PRECAUTIONS && g->tier >= g->unknown_tier;
	size_t n = 0;
	for (unsigned k = g->needs; k; k &= k - 1)
		n++;
	if (stands)
		buf_printf(&msg, "no start date (setup.start or --start), so the date%s of ",
			   n > 1 ? "s" : "");
	else
		buf_puts(&msg, "a start date is needed to judge how recent ");
	n = date_needs(&msg, g->needs);
	if (stands)
		buf_printf(&msg, " %s not judged; %s cannot change this result",
			   n > 1 ? "were" : "was", n > 1 ? "they" : "it");
	else
		buf_printf(&msg, " %s (setup.start or --start)", n > 1 ? "are" : "is");
	if (msg.failed) {
		buf_free(&msg);
		return GRADUS_ENOMEM;
	}
	gradus_diags_add(d, stands ? GRADUS_SEV_WARNING : GRADUS_SEV_ERROR,
			 p->file ? p->file : "", 0, "%s", msg.ptr);
	buf_free(&msg);
	return stands ? GRADUS_OK : GRADUS_EUSAGE;
}

/* What the findings ask of the plan: the union of their avoid tags and
 * switches, the lowest effort cap. */
static void gate_precautions(gradus_screening *s, const gate *g)
{
	gradus_precautions *pr = &s->precautions;
	pr->avoid = g->c.p->conditions;
	pr->effort_cap = 10;
	for (size_t i = 0; i < s->n_findings; i++) {
		const gradus_rule *r = s->findings[i].rule;
		unsigned sets = r->sets;
		pr->avoid |= r->avoid;
		if (r->effort_cap > 0 && r->effort_cap < pr->effort_cap)
			pr->effort_cap = r->effort_cap;
		pr->breathing_cues |= (sets & GRADUS_PREC_BREATHING_CUES) != 0;
		pr->spine_sparing |= (sets & GRADUS_PREC_SPINE_SPARING) != 0;
		pr->glucose_check |= (sets & GRADUS_PREC_GLUCOSE_CHECK) != 0;
		pr->prefer_supported |= (sets & GRADUS_PREC_PREFER_SUPPORTED) != 0;
		pr->balance_emphasis |= (sets & GRADUS_PREC_BALANCE_EMPHASIS) != 0;
		pr->supervision_needed |= (sets & GRADUS_PREC_SUPERVISION_NEEDED) != 0;
		pr->no_protein_target |= (sets & GRADUS_PREC_NO_PROTEIN_TARGET) != 0;
		pr->neuro_maintenance |= (sets & GRADUS_PREC_NEURO_MAINTENANCE) != 0;
		pr->hr_check |= (sets & GRADUS_PREC_HR_CHECK) != 0;
		if (sets & GRADUS_PREC_HIP_POSTERIOR) {
			pr->hip_posterior = true;
			pr->hip_posterior_until = sc_hip_posterior_until(&g->c);
		}
		if (sets & GRADUS_PREC_NO_STRENGTH_REGIONS)
			pr->no_strength_regions =
				sc_recent_regions(&g->c, &pr->no_strength_until);
	}
}

/* The screening itself: the findings in table order (the details move
 * into it), the unanswered questions, the precautions. NULL when out
 * of memory (the details are then still the gate's). */
static gradus_screening *gate_result(gate *g)
{
	screening_box *b = calloc(1, sizeof(*b));
	gradus_screening *s;
	if (!b)
		return NULL;
	s = &b->s;
	s->tier = g->tier;
	s->as_of = g->c.dated ? g->c.as_of : (gradus_date){0, 0, 0};
	s->findings = b->findings;
	s->missing = b->missing;
	for (size_t i = 0; i < SC_N_RULES; i++)
		if (g->hit[i]) {
			b->findings[s->n_findings].rule = &sc_rules[i];
			b->findings[s->n_findings].detail = g->details[i];
			g->details[i] = NULL;
			s->n_findings++;
		}
	for (int f = 0; f < GRADUS_RF__COUNT; f++)
		if (g->c.p->red_flags[f] == GRADUS_ANSWER_MISSING)
			b->missing[s->n_missing++] = (gradus_red_flag)f;
	gate_precautions(s, g);
	return s;
}

int gradus_screen(gradus_screening **out, const gradus_profile *p,
		  gradus_date as_of, gradus_diags *d)
{
	gate g;
	int rc = GRADUS_OK;

	if (!out)
		return GRADUS_EUSAGE;
	*out = NULL;
	if (!p)
		return GRADUS_EUSAGE;
	gate_init(&g, p, as_of);
	/* a date that cannot be right is an error, not a finding: every
	 * one is reported (FILE:LINE) and nothing is judged */
	if (g.c.dated && gradus_profile_check_dates(p, g.c.as_of, d) > 0)
		return GRADUS_EINVALID;
	gate_judge(&g);
	if (g.oom)
		rc = GRADUS_ENOMEM;
	else if (g.unknown)
		rc = gate_undated(&g, p, d);
	if (rc == GRADUS_OK) {
		*out = gate_result(&g);
		if (!*out)
			rc = GRADUS_ENOMEM;
	}
	gate_free_details(&g);
	return rc;
}
