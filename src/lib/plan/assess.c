/* The person: the Vivifrail class, the fall risk "+", the EWGSOP2 and
 * SARC-F findings from the measures (docs/generation.md, 1), and what
 * they and the screening mean for every plan: the effort cap and the
 * advice (protein included). */
#include <math.h>

#include "plan/plan_int.h"

/* ---- assessment ---- */

void assess(gradus_assessment *as, const gradus_profile *p, arena *a)
{
	const gradus_measures *m = &p->measures;
	strlist notes = {0};
	bool low_gait = !isnan(m->gait_speed_m_s) && m->gait_speed_m_s <= 0.8;

	memset(as, 0, sizeof(*as));
	if (m->sppb >= 0) {
		/* Vivifrail passports: SPPB 0-3 A, 4-6 B, 7-9 C, 10-12 D [VIVI, SPPB] */
		as->cls = m->sppb <= 3 ? GRADUS_CLASS_A
			: m->sppb <= 6 ? GRADUS_CLASS_B
			: m->sppb <= 9 ? GRADUS_CLASS_C : GRADUS_CLASS_D;
		strlist_add(a, &notes, arena_printf(a, "Starting level %s from the SPPB score of %d [VIVI, SPPB].",
					   gradus_class_name(as->cls), m->sppb));
	} else {
		/* No SPPB: a conservative class from mobility, never above C
		 * (our choice, D), and no higher than gait speed suggests. */
		static const gradus_class by_mobility[GRADUS_MOB__COUNT] = {
			GRADUS_CLASS_A, GRADUS_CLASS_A, GRADUS_CLASS_B, GRADUS_CLASS_C};
		as->cls = by_mobility[p->mobility];
		if (low_gait && as->cls > GRADUS_CLASS_B)
			as->cls = GRADUS_CLASS_B; /* gait <= 0.8 m/s [EWGSOP2] */
		as->from_mobility = true;
		as->test_to_do = p->mobility <= GRADUS_MOB_WHEELCHAIR
			? "the grip strength test"
			: "the Short Physical Performance Battery (SPPB), or at least the 5-times chair stand";
		static const char *const mobility_words[GRADUS_MOB__COUNT] = {
			"mostly in bed", "uses a wheelchair",
			"walks with a stick or frame", "walks without help"};
		strlist_add(a, &notes, arena_printf(a, "No SPPB score: starting level %s is a careful guess from how you get about (%s). Ask for %s to set a better start.",
					   gradus_class_name(as->cls),
					   mobility_words[p->mobility], as->test_to_do));
	}
	/* Fall-risk "+": TUG >= 20 s, gait < 0.8 m/s, dementia, recurrent
	 * falls [VIVI] */
	if ((!isnan(m->tug_s) && m->tug_s >= 20) ||
	    (!isnan(m->gait_speed_m_s) && m->gait_speed_m_s < 0.8) ||
	    (p->conditions & GRADUS_TAGBIT(GRADUS_TAG_DEMENTIA)) ||
	    p->falls_last_year >= 2) {
		as->fall_risk_plus = true;
		strlist_add(a, &notes, "Higher risk of falling (passport \"+\"): balance work in every session, and always something sturdy to hold [VIVI].");
	}
	/* EWGSOP2: low strength = grip < 27 kg men, < 16 kg women, or five
	 * chair stands > 15 s; low performance = gait <= 0.8 m/s or TUG >=
	 * 20 s; both = severe. Information, not a diagnosis. */
	if (!isnan(m->grip_kg) &&
	    m->grip_kg < (p->sex == GRADUS_SEX_MALE ? 27.0 : 16.0))
		as->low_strength = true;
	if (!isnan(m->chair_stand_5x_s) && m->chair_stand_5x_s > 15.0)
		as->low_strength = true;
	if (low_gait || (!isnan(m->tug_s) && m->tug_s >= 20.0))
		as->low_performance = true;
	as->severe = as->low_strength && as->low_performance;
	as->sarc_f_positive = m->sarc_f >= 4; /* [SARCF] */
	if (as->severe)
		strlist_add(a, &notes, "Tests show low strength and low walking performance: this fits severe sarcopenia by the EWGSOP2 cut-offs. This is information for your doctor, not a diagnosis [EWGSOP2].");
	else if (as->low_strength)
		strlist_add(a, &notes, "Tests show low muscle strength (probable sarcopenia by the EWGSOP2 cut-offs). This is information for your doctor, not a diagnosis [EWGSOP2].");
	else if (as->low_performance)
		strlist_add(a, &notes, "Walking tests are slow (low physical performance by the EWGSOP2 cut-offs) [EWGSOP2].");
	if (as->sarc_f_positive)
		strlist_add(a, &notes, arena_printf(a, "SARC-F score %d of 10 (4 or more is a positive screen) [SARCF].",
					   m->sarc_f));
	as->notes = notes.v;
	as->n_notes = notes.n;
}

/* ---- effort cap and advice ---- */

int effort_cap(const gradus_plan *pl, const gradus_profile *p,
	       const gradus_screening *s, const gradus_template *t,
	       arena *a, strlist *reasons)
{
	/* docs/generation.md, effort cap: alone or class A/B <= 6; caregiver <= 7;
	 * therapist <= 8; neuro-maintenance <= 5 (our design, D; effort
	 * targets 5-6 moderate, 7-8 supervised [ACSM2009OA]). */
	int cap = p->supervision == GRADUS_SUP_THERAPIST ? 8
		: p->supervision == GRADUS_SUP_CAREGIVER ? 7 : 6;
	/* The reason in plain words: it is printed on the person's first
	 * page (the therapist's page has the level and the template). */
	const char *why_cap = p->supervision == GRADUS_SUP_THERAPIST
		? "a therapist is with you" : p->supervision == GRADUS_SUP_CAREGIVER
		? "a helper is with you" : "you train on your own";
	if (pl->assessment.cls <= GRADUS_CLASS_B && cap > 6) {
		cap = 6;
		why_cap = "you start from a low level of strength";
	}
	int tcap = p->max_rpe > 0 ? p->max_rpe : t->max_rpe;
	if (tcap < cap) {
		cap = tcap;
		why_cap = p->max_rpe > 0 ? "your therapist set this limit"
					 : "your program sets this limit";
	}
	if (s->precautions.effort_cap < cap) {
		cap = s->precautions.effort_cap;
		why_cap = "of a health condition in your answers";
	}
	if (s->precautions.neuro_maintenance && cap > 5) {
		cap = 5;
		why_cap = "this program keeps what you can do without pushing hard";
	}
	strlist_add(a, reasons, arena_printf(a, "Never go above %d out of 10 (%s), because %s.",
					     cap, gradus_effort_words(cap), why_cap));
	return cap;
}

void advice(gradus_plan *pl, const gradus_profile *p,
	    const gradus_screening *s, arena *a, strlist *adv)
{
	const gradus_precautions *pr = &s->precautions;
	strlist_add(a, adv, "Stop and rest if you feel pain above 5 out of 10, chest pain, dizziness or unusual shortness of breath.");
	if (pr->breathing_cues)
		strlist_add(a, adv, "Breathe out as you push or lift. Never hold your breath [AHA2007].");
	if (pr->spine_sparing)
		strlist_add(a, adv, "Keep your back straight. No bending forward with a load and no twisting [TFTF].");
	if (pr->hip_posterior) {
		char until[11];
		gradus_date_format(pr->hip_posterior_until, until);
		strlist_add(a, adv, arena_printf(a, "Hip precautions until %s (longer if your surgeon says): do not bend the hip past a right angle, do not cross your legs, do not turn the knee inwards.",
					until));
	}
	if (pr->glucose_check)
		strlist_add(a, adv, "Check your blood sugar before each session. Below 100 mg/dL (5.6 mmol/L): eat about 15 g of carbohydrate first. Above 250 mg/dL (13.9 mmol/L): check for ketones and do not exercise if they are present [ADA2016].");
	if (pr->prefer_supported)
		strlist_add(a, adv, "You take a blood thinner: tell your doctor about new bruising, black stools or a severe headache.");
	if (pr->hr_check)
		strlist_add(a, adv, "Check your pulse before each session. If it is over 100 beats a minute at rest, skip the session that day [OTAGO].");
	if (pr->supervision_needed)
		strlist_add(a, adv, "A caregiver should be there for every session.");
	if (pr->neuro_maintenance)
		strlist_add(a, adv, "This is a program to keep function, not to train hard: stop each exercise well before tiring, and follow your therapist's guidance.");
	/* Protein: 1.0-1.2 g/kg/day, >= 1.2 when training, 1.2-1.5 when ill
	 * [PROTAGE, ESPEN]; none when eGFR < 30 or kidney disease [PROTAGE]. */
	if (pr->no_protein_target)
		pl->protein = "Discuss how much protein to eat with your doctor (your kidneys need care).";
	else if (!isnan(p->weight_kg)) {
		bool ill = p->kind == GRADUS_KIND_DISUSE && p->has_immobilised &&
			   p->immobilised_region == GRADUS_REG_ALL;
		double lo = ill ? 1.2 : 1.2, hi = ill ? 1.5 : 1.2;
		if (hi > lo)
			pl->protein = arena_printf(a, "Eat about %.0f to %.0f g of protein a day (%.1f to %.1f g for each kg of your weight), spread over your meals [PROTAGE, ESPEN].",
					  lo * p->weight_kg, hi * p->weight_kg, lo, hi);
		else
			pl->protein = arena_printf(a, "Eat about %.0f g of protein a day (%.1f g for each kg of your weight), spread over your meals [PROTAGE, ESPEN].",
					  lo * p->weight_kg, lo);
	} else
		pl->protein = "Eat about 1.2 g of protein a day for each kg of your weight, spread over your meals [PROTAGE, ESPEN].";
}
