/* Internal: every sentence that more than one renderer prints, defined
 * once (render/words.c). */
#ifndef GRADUS_WORDS_H
#define GRADUS_WORDS_H

#include "gradus/plan.h"
#include "gradus/screen.h"
#include "util/buf.h"

/* The screening result in a few words ("see a doctor first") and, in
 * *more, a sentence; the same words on paper and on screen. */
const char *words_headline(gradus_tier t, const char **more);

/* What to do now, for the tier: the one next step every format prints
 * (plain text; HTML escapes it, the calendar and FHIR as they need).
 * For the clearance tier it adds what a clearance does not lift (very
 * high blood pressure, a resting pulse over 100). */
void words_next_step(buf *b, const gradus_screening *s, const gradus_profile *p);

/* What a screening result is and is not: "Made by gradus from the
 * answers in a profile, as of 2026-12-01. It is not a diagnosis. No
 * exercise plan was made." (no "as of" when the date is not set) */
void words_made_by(buf *b, gradus_date as_of);

/* setup.emergency_number, else the number of setup.country (resolved
 * when the profile is loaded: "911" for "US"), else "your local
 * emergency number". */
const char *words_emergency_number(const gradus_profile *p);
/* The banner of an emergency: "Call 112 now." (plain text). */
void words_call_now(buf *b, const gradus_profile *p);
/* The stop line of every page: "STOP AND CALL 112 at once if you get
 * chest pain, ..." in text and calendars; in HTML the box <div
 * class="stop"> with "Stop and call 112" in <strong class="call"> (the
 * stylesheet sets it in capitals), the same words. */
void words_stop(buf *b, const gradus_profile *p);
void words_stop_html(buf *b, const gradus_profile *p);
/* The person's contacts (contacts.therapist, contacts.doctor), after
 * the emergency sentence of the stop line and box: "Questions about the
 * exercises: your therapist, Anna Berg, 020 7946 0000. Other questions
 * about your health: your doctor, Dr A. Patel, 020 7946 0001." In text
 * the spaces of a phone number are no-break spaces (the wrap keeps the
 * number on one line); in the HTML box (a second <p>) each number is a
 * nowrap span. words_contacts writes nothing and returns false when the
 * profile has no contact. */
bool words_contacts(buf *b, const gradus_profile *p);
/* The "Whom to call" line of the helper page (HTML): "Therapist: Anna
 * Berg, phone 020 7946 0000. Doctor: ... Emergency: <strong>911</strong>",
 * with blanks to write in when the profile has no contact. */
void words_whom_to_call_html(buf *b, const gradus_profile *p);

/* Plain words for the weakness: "cause not known", "getting slowly
 * worse", "one side of the body", ... */
const char *words_kind(gradus_kind k);
const char *words_course(gradus_course c);
const char *words_pattern(gradus_weakness_pattern w);

/* The dose in the words of the text plan, shared by every renderer:
 * "moderate - 5 or 6 out of 10", "0.5 kg ankle weight", "hold on with
 * one hand" (NULL when the exercise is not held), "new: more reps"
 * (NULL when nothing changed). */
void render_put_effort(buf *b, int lo, int hi, const char *dash);
void render_put_load(buf *b, const gradus_item *it);
/* "2 sets of 8 to 12 reps on each side, holding each for 5 seconds" */
void render_put_sets(buf *b, const gradus_item *it);
/* ", then 1 more set with your weaker side only"; nothing when the
 * weaker side has no extra sets */
void render_put_affected(buf *b, const gradus_item *it);
/* How much, in the words of every plan: "2 sets of 10 to 12 reps, then
 * 1 more set with your weaker side only; 1 kg ankle weight; hold on with
 * one hand" (digits and plain words: nothing to escape in HTML). */
void render_put_amount(buf *b, const gradus_item *it);
/* The dose on one line, as the calendar and FHIR say it: "1 set of 10
 * to 12 reps; yellow band; hold on with both hands; effort 3 or 4 out
 * of 10 (light); rest 60 seconds between sets" */
void render_put_dose(buf *b, const gradus_item *it);
const char *render_support_words(gradus_support s);
const char *render_change_words(gradus_change c);
/* "In turns: 1 and 2, 3 and 4 - ..." for the paired sets of a session;
 * false (nothing written) when no pair has more than one set. */
bool render_put_pairs(buf *b, const gradus_session *s);

/* Day and month names: "Mon", "Monday", "Jan"; "mon" as profiles spell
 * days. Monday first, as gradus_date_weekday counts. */
extern const char *const words_day_short[7];
extern const char *const words_day_long[7];
extern const char *const words_day_key[7];
extern const char *const words_month_short[12];

#endif
