/* Every sentence more than one renderer prints, defined once: the
 * tier's headline and next step, the emergency line and the stop line,
 * the dose, the plain words for the weakness, day and month names. The
 * effort scale is the generator's (gradus_effort_words, plan/plan.c). */
#include "render/words.h"

#include <string.h>

#include "screen/screen_int.h"
#include "util/buf.h"

const char *words_emergency_number(const gradus_profile *p)
{
	return p && p->emergency_number ? p->emergency_number
					: "your local emergency number";
}

void words_made_by(buf *b, gradus_date as_of)
{
	char d[11];
	buf_puts(b, "Made by gradus from the answers in a profile");
	if (gradus_date_is_set(as_of)) {
		gradus_date_format(as_of, d);
		buf_printf(b, ", as of %s", d);
	}
	buf_puts(b, ". It is not a diagnosis. No exercise plan was made.");
}

void words_call_now(buf *b, const gradus_profile *p)
{
	buf_printf(b, "Call %s now.", words_emergency_number(p));
}

/* What the stop line says after "Stop and call X". */
#define STOP_WHEN " at once if you get chest pain, sudden weakness of one side, trouble speaking or seeing, or if you faint."

/* A phone number that a line break never splits: in text its spaces
 * become no-break spaces (U+00A0, which the wrap keeps together), in HTML
 * it is a nowrap span. */
static void put_phone(buf *b, const char *phone, bool html)
{
	if (html) {
		buf_htmlf(b, "<span style=\"white-space: nowrap\">%s</span>", phone);
		return;
	}
	for (const char *c = phone; *c; c++)
		if (*c == ' ')
			buf_puts(b, "\xc2\xa0");
		else
			buf_putc(b, *c);
}

/* "your therapist, Anna Berg, 020 7946 0000" */
static void put_contact(buf *b, const char *who, const gradus_contact *c,
			bool html)
{
	if (html)
		buf_htmlf(b, "your %s, %s, ", who, c->name);
	else
		buf_printf(b, "your %s, %s, ", who, c->name);
	put_phone(b, c->phone, html);
}

static bool put_contacts(buf *b, const gradus_profile *p, bool html)
{
	const gradus_contact *t = &p->therapist, *d = &p->doctor;
	bool has_t = t->name && t->phone, has_d = d->name && d->phone;

	if (has_t) {
		buf_puts(b, "Questions about the exercises: ");
		put_contact(b, "therapist", t, html);
		buf_puts(b, ".");
	}
	if (has_d) {
		buf_puts(b, has_t ? " Other questions about your health: "
				  : "Questions about the exercises or your health: ");
		put_contact(b, "doctor", d, html);
		buf_puts(b, ".");
	}
	return has_t || has_d;
}

bool words_contacts(buf *b, const gradus_profile *p)
{
	return p && put_contacts(b, p, false);
}

void words_stop(buf *b, const gradus_profile *p)
{
	buf_printf(b, "STOP AND CALL %s" STOP_WHEN, words_emergency_number(p));
	if (p && (p->therapist.phone || p->doctor.phone)) {
		buf_putc(b, ' ');
		put_contacts(b, p, false);
	}
}

void words_stop_html(buf *b, const gradus_profile *p)
{
	buf_htmlf(b, "<div class=\"stop\"><p><strong class=\"call\">Stop and call %s</strong>" STOP_WHEN "</p>",
		  words_emergency_number(p));
	if (p && (p->therapist.phone || p->doctor.phone)) {
		buf_puts(b, "<p>");
		put_contacts(b, p, true);
		buf_puts(b, "</p>");
	}
	buf_puts(b, "</div>\n");
}

void words_whom_to_call_html(buf *b, const gradus_profile *p)
{
	const gradus_contact *t = &p->therapist, *d = &p->doctor;

	if (t->phone) {
		buf_htmlf(b, "Therapist: %s, phone ", t->name);
		put_phone(b, t->phone, true);
		buf_puts(b, ". ");
	}
	if (d->phone) {
		buf_htmlf(b, "Doctor: %s, phone ", d->name);
		put_phone(b, d->phone, true);
		buf_puts(b, ". ");
	}
	if (!t->phone && !d->phone)
		buf_puts(b, "Therapist or doctor: <span class=\"write\">&nbsp;</span> "
			    "Phone: <span class=\"write\">&nbsp;</span> ");
	buf_htmlf(b, "Emergency: <strong>%s</strong>", words_emergency_number(p));
}

const char *words_kind(gradus_kind k)
{
	switch (k) {
	case GRADUS_KIND_DISUSE: return "disuse (after a cast, bed rest or a hospital stay)";
	case GRADUS_KIND_SARCOPENIA: return "age-related muscle loss (sarcopenia)";
	case GRADUS_KIND_NEUROGENIC: return "from the nerves, spinal cord or brain (neurogenic)";
	default: return "cause not known";
	}
}

const char *words_course(gradus_course c)
{
	switch (c) {
	case GRADUS_COURSE_IMPROVING: return "getting better";
	case GRADUS_COURSE_STABLE: return "staying the same";
	case GRADUS_COURSE_WORSENING_SLOWLY: return "getting slowly worse";
	default: return "getting worse fast";
	}
}

const char *words_pattern(gradus_weakness_pattern w)
{
	switch (w) {
	case GRADUS_PATTERN_SYMMETRIC: return "both sides alike";
	case GRADUS_PATTERN_ONE_SIDED: return "one side of the body";
	default: return "one arm or leg";
	}
}


/* What the result means, in a few words and then a sentence. */
const char *words_headline(gradus_tier t, const char **more)
{
	static const char *const words[GRADUS_TIER__COUNT][2] = {
		{"you can start", "Nothing in your answers stops the plan."},
		{"you can start, with changes", "Your plan is changed to keep you safe."},
		{"not finished", "Some questions have no answer yet."},
		{"ask a doctor first", "You need a doctor's OK before you start."},
		{"see a doctor first", "A doctor should check your weakness before you start."},
		{"see a doctor today", "This is urgent. Do not wait."},
		{"get help now", "This is an emergency."}};
	if ((int)t < 0 || t >= GRADUS_TIER__COUNT)
		t = GRADUS_TIER_EMERGENCY;
	*more = words[t][1];
	return words[t][0];
}

/* CL-IMMOBILISED: when the cast, brace or bed rest ends, and that the
 * part in it is trained only after that and a doctor's or therapist's
 * yes ("... on Thu 10 Dec 2026."). */
static void immobilised_caveat(buf *b, const gradus_profile *p)
{
	const char *part = gradus_region_words(p->immobilised_region);
	gradus_date e = p->immobilised_ended;

	if (part)
		buf_printf(b, " The cast or brace on %s is due to come off on ", part);
	else
		buf_puts(b, " Your bed rest is due to end on ");
	buf_printf(b, "%s %d %s %d. A doctor's yes is not enough for that.",
		   words_day_short[gradus_date_weekday(e)], e.d,
		   words_month_short[e.m - 1], e.y);
	if (part)
		buf_printf(b, " Start the exercises for %s after it is off and your doctor or therapist says you may.",
			   part);
	else
		buf_puts(b, " Start the exercises after it has ended and your doctor or therapist says you may.");
	buf_puts(b, " Write a start date after that day in the profile (setup.start).");
}

/* Short plain sentences for a reader of 80: the action first, then what
 * not to do, then when to call for help. */
void words_next_step(buf *b, const gradus_screening *s, const gradus_profile *p)
{
	unsigned caveats;
	switch (s->tier) {
	case GRADUS_TIER_EMERGENCY:
		buf_printf(b, "Call %s now, or ask someone to call for you. Do not wait to see if it gets better. Do not drive yourself. Do not exercise. Show the referral sheet to the people who help you.",
			   words_emergency_number(p));
		break;
	case GRADUS_TIER_URGENT:
		buf_printf(b, "See a doctor today. Take the referral sheet with you. Do not start the exercises. If it gets worse, or a new warning sign appears, call %s.",
			   words_emergency_number(p));
		break;
	case GRADUS_TIER_REVIEW:
		buf_puts(b, "Book an appointment with your doctor soon. Take the referral sheet with you. Do not start the exercises until a doctor has checked you.");
		break;
	case GRADUS_TIER_CLEARANCE:
		buf_puts(b, "Ask your doctor if it is safe for you to start strength exercises. If the doctor says yes, write their name and the date in the profile (health.clearance).");
		caveats = sc_clearance_caveats(s);
		if (caveats & SC_CAVEAT_BP_HIGH)
			buf_puts(b, " Your blood pressure is very high: a doctor's yes is not enough for that. It must be treated first. When it is below 180/110, write the new numbers in the profile (health.resting_bp).");
		if (caveats & SC_CAVEAT_HR_HIGH)
			buf_puts(b, " Your pulse at rest is over 100: a doctor's yes is not enough for that. When your pulse at rest is 100 or less, write the new number in the profile (health.resting_hr).");
		if (caveats & SC_CAVEAT_IMMOBILISED)
			immobilised_caveat(b, p);
		buf_puts(b, " Then run gradus again.");
		break;
	case GRADUS_TIER_INCOMPLETE:
		buf_puts(b, "Answer every question that has no answer yet with yes or no (true or false in the profile). Then run gradus again.");
		break;
	case GRADUS_TIER_PRECAUTIONS:
		buf_puts(b, "You can start your plan, with the changes that keep you safe.");
		break;
	default:
		buf_puts(b, "You can start your plan.");
	}
}

const char *const words_day_short[7] = {"Mon", "Tue", "Wed", "Thu",
					 "Fri", "Sat", "Sun"};
const char *const words_day_long[7] = {"Monday", "Tuesday", "Wednesday",
					"Thursday", "Friday", "Saturday",
					"Sunday"};
/* weekdays as profiles spell them (setup.days) */
const char *const words_day_key[7] = {"mon", "tue", "wed", "thu",
				       "fri", "sat", "sun"};
const char *const words_month_short[12] = {"Jan", "Feb", "Mar", "Apr",
					    "May", "Jun", "Jul", "Aug",
					    "Sep", "Oct", "Nov", "Dec"};

/* "5 or 6 out of 10" */
static void put_effort_numbers(buf *b, int lo, int hi)
{
	if (lo == hi)
		buf_printf(b, "%d out of 10", hi);
	else if (hi == lo + 1)
		buf_printf(b, "%d or %d out of 10", lo, hi);
	else
		buf_printf(b, "%d to %d out of 10", lo, hi);
}

/* "moderate - 5 or 6 out of 10" */
void render_put_effort(buf *b, int lo, int hi, const char *dash)
{
	const char *wl = gradus_effort_words(lo), *wh = gradus_effort_words(hi);
	if (strcmp(wl, wh) == 0)
		buf_puts(b, wh);
	else
		buf_printf(b, "%s to %s", wl, wh);
	buf_printf(b, " %s ", dash);
	put_effort_numbers(b, lo, hi);
}

void render_put_sets(buf *b, const gradus_item *it)
{
	buf_printf(b, "%d set%s of %d to %d %s", it->sets, it->sets > 1 ? "s" : "",
		   it->reps_min, it->reps_max,
		   it->exercise->per_side ? "reps on each side" : "reps");
	if (it->hold_s > 0)
		buf_printf(b, ", holding each for %d seconds", it->hold_s);
}

void render_put_affected(buf *b, const gradus_item *it)
{
	int more = it->affected_sets - it->sets;
	if (more > 0)
		buf_printf(b, ", then %d more set%s with your weaker side only", more,
			   more > 1 ? "s" : "");
}

void render_put_amount(buf *b, const gradus_item *it)
{
	const char *sw = render_support_words(it->support);
	render_put_sets(b, it);
	render_put_affected(b, it);
	buf_puts(b, "; ");
	render_put_load(b, it);
	if (sw)
		buf_printf(b, "; %s", sw);
}

void render_put_dose(buf *b, const gradus_item *it)
{
	render_put_amount(b, it);
	buf_puts(b, "; effort ");
	put_effort_numbers(b, it->effort_min, it->effort_max);
	buf_printf(b, " (%s)", gradus_effort_words(it->effort_max));
	if (it->sets > 1)
		buf_printf(b, "; rest %d seconds between sets", it->rest_s);
}

void render_put_load(buf *b, const gradus_item *it)
{
	const gradus_load *l = &it->load;
	switch (l->kind) {
	case GRADUS_LOAD_BAND:
		if (l->band >= 0)
			buf_printf(b, "%s band", gradus_band_name((gradus_band)l->band));
		else
			buf_puts(b, "band");
		break;
	case GRADUS_LOAD_ANKLE_WEIGHT:
		buf_printf(b, "%g kg ankle weight", l->kg);
		break;
	case GRADUS_LOAD_DUMBBELL:
		buf_printf(b, "%g kg dumbbell", l->kg);
		break;
	case GRADUS_LOAD_MACHINE:
		if (l->machine_step == 0)
			buf_puts(b, "machine at a light setting");
		else
			buf_printf(b, "machine, %d step%s above your first setting",
				   l->machine_step, l->machine_step > 1 ? "s" : "");
		break;
	default:
		buf_puts(b, "your own body weight");
	}
}

const char *render_support_words(gradus_support s)
{
	switch (s) {
	case GRADUS_SUPPORT_TWO_HANDS: return "hold on with both hands";
	case GRADUS_SUPPORT_ONE_HAND: return "hold on with one hand";
	case GRADUS_SUPPORT_FINGERTIPS: return "rest your fingertips on the support";
	case GRADUS_SUPPORT_NONE: return "no hands, but stay next to the support";
	default: return NULL;
	}
}

const char *render_change_words(gradus_change c)
{
	switch (c) {
	case GRADUS_CHANGE_REPS: return "new: more reps";
	case GRADUS_CHANGE_SETS: return "new: one more set";
	case GRADUS_CHANGE_SUPPORT: return "new: less support";
	case GRADUS_CHANGE_LOAD: return "new: heavier";
	case GRADUS_CHANGE_VARIANT: return "new: harder version";
	case GRADUS_CHANGE_DELOAD: return "lighter week";
	case GRADUS_CHANGE_HOLD: return "new: hold longer";
	default: return NULL;
	}
}

/* Paired sets, in the words every renderer uses: one sentence for the
 * session, naming the pairs that have more than one set. Nothing when
 * no pair has. */
bool render_put_pairs(buf *b, const gradus_session *s)
{
	int n = 0;
	for (size_t i = 0; i + 1 < s->n_items; i++) {
		const gradus_item *a = &s->items[i], *c = &s->items[i + 1];
		if (a->pair <= 0 || c->pair != a->pair || (a->sets < 2 && c->sets < 2))
			continue;
		buf_printf(b, "%s%zu and %zu", n == 0 ? "Do " : ", then ", i + 1, i + 2);
		if (n == 0)
			buf_puts(b, " in turns");
		n++;
		i++;
	}
	if (n)
		buf_puts(b, ": a set of one, then a set of the other. Each is the rest for the other.");
	return n > 0;
}
