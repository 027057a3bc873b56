/* The one-page referral sheet (tiers review, urgent, emergency): who,
 * how urgent, what was reported, why referred. One content model, two
 * renderers (80-column text, self-contained HTML). The page budget is
 * counted on the text layout: when the content would run past one page,
 * the reasons are shortened first, then the yes-answers. */
#include "gradus/profile.h"
#include "gradus/screen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/util.h"
#include "render/formats.h"
#include "render/words.h"
#include "screen/screen_int.h"

#define WIDTH 80
#define MAX_LINES 60
#define MAX_BLOCKS 160

typedef enum { B_BANNER, B_TITLE, B_HEAD, B_PARA, B_ITEM, B_NOTE } bkind;

typedef struct {
	bkind k;
	char *text;
} block;

typedef struct {
	block v[MAX_BLOCKS];
	size_t n;
	bool oom;
} doc;

/* Takes the text of `t` as a new block. */
static void put(doc *d, bkind k, buf *t)
{
	char *s = buf_detach(t, NULL);
	if (!s || d->n == MAX_BLOCKS) {
		free(s);
		d->oom = true;
		return;
	}
	d->v[d->n].k = k;
	d->v[d->n].text = s;
	d->n++;
}

static void putf(doc *d, bkind k, const char *s)
{
	buf t = BUF_INIT;
	buf_puts(&t, s);
	put(d, k, &t);
}

static void doc_free(doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	d->n = 0;
}

/* Appends a file word in plain words: "hip_replacement" as
 * "hip replacement". */
static void plain(buf *b, const char *word)
{
	for (; *word; word++)
		buf_putc(b, *word == '_' ? ' ' : *word);
}

/* Region names in plain words: "left leg, hips". */
static void regions_plain(buf *b, unsigned r)
{
	size_t from = b->len;
	sc_regions(b, r);
	for (size_t i = from; i < b->len; i++)
		if (b->ptr[i] == '_')
			b->ptr[i] = ' ';
}

static void tags_plain(buf *b, gradus_tags t, int first, int end)
{
	size_t from = b->len;
	sc_tags(b, t, first, end);
	for (size_t i = from; i < b->len; i++)
		if (b->ptr[i] == '_')
			b->ptr[i] = ' ';
}

static const char *title(gradus_tier t)
{
	switch (t) {
	case GRADUS_TIER_EMERGENCY:
		return "EMERGENCY: this person needs help now";
	case GRADUS_TIER_URGENT:
		return "URGENT REFERRAL: please see this person today";
	default:
		return "REFERRAL: please check this person's weakness before they exercise";
	}
}

/* How urgent, in the sheet's own word, then the next step the person
 * was given (the same sentence in every format). */
static void urgency(buf *t, const gradus_screening *s, const gradus_profile *p)
{
	switch (s->tier) {
	case GRADUS_TIER_EMERGENCY:
		buf_puts(t, "Emergency. ");
		break;
	case GRADUS_TIER_URGENT:
		buf_puts(t, "Urgent. ");
		break;
	default:
		buf_puts(t, "Not an emergency, but do not wait. ");
	}
	words_next_step(t, s, p);
}

static void weakness(doc *d, const gradus_profile *p)
{
	buf t = BUF_INIT;
	buf_printf(&t, "Weakness: %s; came on %s; noticed for %d week%s; %s; %s.",
		   words_kind(p->kind),
		   p->onset == GRADUS_ONSET_SUDDEN ? "suddenly" : "gradually",
		   p->weeks, p->weeks == 1 ? "" : "s",
		   words_pattern(p->pattern), words_course(p->course));
	put(d, B_ITEM, &t);
	buf_puts(&t, "Where: ");
	regions_plain(&t, p->regions);
	buf_putc(&t, '.');
	put(d, B_ITEM, &t);
	if (p->cause) {
		buf_printf(&t, "Cause, in their words: \"%s\"", p->cause);
		put(d, B_ITEM, &t);
	}
	if (p->has_immobilised) {
		char e[11];
		gradus_date_format(p->immobilised_ended, e);
		buf_puts(&t, "Immobilised (cast, brace or bed rest): ");
		regions_plain(&t, p->immobilised_region);
		buf_printf(&t, ", ended %s.", e);
		put(d, B_ITEM, &t);
	}
}

static void answers(doc *d, const gradus_screening *s, const gradus_profile *p,
		    bool compact)
{
	buf t = BUF_INIT;
	bool any = false;
	for (int f = 0; f < GRADUS_RF__COUNT; f++) {
		if (p->red_flags[f] != GRADUS_ANSWER_YES)
			continue;
		if (compact) {
			buf_printf(&t, "%s%s", any ? ", " : "Answered yes: ",
				   gradus_red_flag_key((gradus_red_flag)f));
		} else {
			buf_printf(&t, "Yes: %s", gradus_red_flag_question((gradus_red_flag)f));
			put(d, B_ITEM, &t);
		}
		any = true;
	}
	if (compact && any) {
		buf_putc(&t, '.');
		put(d, B_ITEM, &t);
	}
	if (!any) {
		buf_puts(&t, "Warning-sign questions: none answered yes.");
		put(d, B_ITEM, &t);
	}
	for (size_t i = 0; i < s->n_missing; i++)
		buf_printf(&t, "%s%s", i ? ", " : "Not answered: ",
			   gradus_red_flag_key(s->missing[i]));
	if (s->n_missing) {
		buf_putc(&t, '.');
		put(d, B_ITEM, &t);
	}
	buf_free(&t);
}

static void health(doc *d, const gradus_profile *p)
{
	buf t = BUF_INIT;
	const gradus_measures *m = &p->measures;
	char dt[11];
	gradus_tags conds = p->conditions & (GRADUS_TAGBIT(GRADUS_TAG__CONDITIONS_END) - 1);
	gradus_tags meds = p->conditions & ~conds;

	buf_puts(&t, "Health: ");
	if (conds)
		tags_plain(&t, conds, 0, GRADUS_TAG__CONDITIONS_END);
	else
		buf_puts(&t, "no conditions listed");
	buf_puts(&t, "; medicines: ");
	if (meds)
		tags_plain(&t, meds, GRADUS_TAG__CONDITIONS_END, GRADUS_TAG__MEDICATIONS_END);
	else
		buf_puts(&t, "none listed");
	if (p->resting_bp_sys > 0)
		buf_printf(&t, "; resting BP %d/%d mmHg", p->resting_bp_sys, p->resting_bp_dia);
	if (p->resting_hr > 0)
		buf_printf(&t, "; resting pulse %d a minute", p->resting_hr);
	if (p->egfr > 0)
		buf_printf(&t, "; eGFR %d", p->egfr);
	buf_printf(&t, "; falls in the last year: %d; regularly active: %s.",
		   p->falls_last_year, p->regularly_active ? "yes" : "no");
	put(d, B_ITEM, &t);

	for (size_t i = 0; i < p->n_surgery; i++) {
		const gradus_surgery *s = &p->surgery[i];
		gradus_date_format(s->date, dt);
		buf_puts(&t, "Operation: ");
		plain(&t, s->kind ? s->kind : "other");
		buf_printf(&t, " (%s%s%s) on %s.",
			   s->side == GRADUS_SIDE_LEFT ? "left" : s->side == GRADUS_SIDE_RIGHT ? "right" : "both sides",
			   s->approach ? ", " : "", s->approach ? s->approach : "", dt);
		put(d, B_ITEM, &t);
	}
	for (size_t i = 0; i < p->n_fracture; i++) {
		gradus_date_format(p->fracture[i].date, dt);
		buf_puts(&t, "Broken bone: ");
		regions_plain(&t, p->fracture[i].region);
		buf_printf(&t, ", on %s.", dt);
		put(d, B_ITEM, &t);
	}
	if (p->has_clearance) {
		gradus_date_format(p->clearance_date, dt);
		buf_printf(&t, "Medical clearance: by %s on %s (a clearance never overrides a warning sign).",
			   p->clearance_by, dt);
		put(d, B_ITEM, &t);
	}
	if (p->has_measures) {
		size_t at;
		if (gradus_date_is_set(m->date)) {
			gradus_date_format(m->date, dt);
			buf_printf(&t, "Measures (%s):", dt);
		} else
			buf_puts(&t, "Measures:");
		at = t.len;
		if (!isnan(m->grip_kg))
			buf_printf(&t, " grip %.1f kg;", m->grip_kg);
		if (!isnan(m->chair_stand_5x_s))
			buf_printf(&t, " 5 chair stands %.1f s;", m->chair_stand_5x_s);
		if (m->chair_stand_30s >= 0)
			buf_printf(&t, " chair stands in 30 s: %d;", m->chair_stand_30s);
		if (!isnan(m->gait_speed_m_s))
			buf_printf(&t, " gait speed %.2f m/s;", m->gait_speed_m_s);
		if (!isnan(m->tug_s))
			buf_printf(&t, " timed up and go %.1f s;", m->tug_s);
		if (m->sppb >= 0)
			buf_printf(&t, " SPPB %d of 12;", m->sppb);
		if (m->sarc_f >= 0)
			buf_printf(&t, " SARC-F %d of 10;", m->sarc_f);
		if (t.len > at && !t.failed) {
			t.ptr[t.len - 1] = '.';
			put(d, B_ITEM, &t);
		}
	}
	buf_free(&t);
}

/* The whole sheet; `keep` reasons are listed in full, the rest by id;
 * `compact` lists the yes-answers by key on one line. */
static void build(doc *d, const gradus_screening *s, const gradus_profile *p,
		  bool compact, size_t keep)
{
	buf t = BUF_INIT;
	size_t shown = 0, more = 0;

	if (s->tier == GRADUS_TIER_EMERGENCY) {
		words_call_now(&t, p);
		put(d, B_BANNER, &t);
	}
	putf(d, B_TITLE, title(s->tier));
	words_made_by(&t, s->as_of);
	put(d, B_PARA, &t);

	putf(d, B_HEAD, "How urgent");
	urgency(&t, s, p);
	put(d, B_PARA, &t);

	putf(d, B_HEAD, "Who");
	buf_printf(&t, "Name: %s. Age: %d. Sex: %s.", p->name ? p->name : "(not given)",
		   p->age, gradus_sex_name(p->sex));
	if (p->caregiver)
		buf_printf(&t, " Helper: %s.", p->caregiver);
	if (p->therapist.phone)
		buf_printf(&t, " Therapist: %s, phone %s.", p->therapist.name,
			   p->therapist.phone);
	if (p->doctor.phone)
		buf_printf(&t, " Doctor: %s, phone %s.", p->doctor.name,
			   p->doctor.phone);
	put(d, B_PARA, &t);

	putf(d, B_HEAD, "What was reported");
	weakness(d, p);
	answers(d, s, p, compact);
	health(d, p);

	putf(d, B_HEAD, "Why referred");
	for (size_t i = 0; i < s->n_findings; i++) {
		const gradus_finding *f = &s->findings[i];
		if (f->rule->tier <= GRADUS_TIER_PRECAUTIONS)
			continue;
		if (shown == keep) {
			more++;
			continue;
		}
		buf_printf(&t, "%s (%s; %s): %s", f->rule->id, gradus_tier_name(f->rule->tier),
			   f->rule->source, f->rule->clinician);
		if (f->detail)
			buf_printf(&t, " [%s]", f->detail);
		put(d, B_ITEM, &t);
		shown++;
	}
	if (more) {
		size_t k = 0;
		buf_printf(&t, "And %zu more: ", more);
		for (size_t i = 0; i < s->n_findings; i++) {
			const gradus_finding *f = &s->findings[i];
			if (f->rule->tier <= GRADUS_TIER_PRECAUTIONS)
				continue;
			if (k++ < keep)
				continue;
			buf_printf(&t, "%s%s", k > keep + 1 ? ", " : "", f->rule->id);
		}
		buf_puts(&t, " (see 'gradus screen' and 'gradus rules').");
		put(d, B_ITEM, &t);
	}
	putf(d, B_NOTE, "For the doctor: gradus checks a person's answers against fixed rules (ids and sources above; the full table is printed by 'gradus rules'). It does not diagnose. The person was told not to start exercising until a doctor has seen them.");
	buf_free(&t);
}

static void to_text(buf *b, const doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const block *k = &d->v[i];
		switch (k->k) {
		case B_BANNER: {
			size_t w = utf8_width(k->text);
			text_wrap(b, "", "", k->text, WIDTH);
			for (size_t j = 0; j < (w < WIDTH ? w : WIDTH); j++)
				buf_putc(b, '=');
			buf_puts(b, "\n\n");
			break;
		}
		case B_TITLE:
			text_wrap(b, "", "", k->text, WIDTH);
			break;
		case B_HEAD:
			buf_putc(b, '\n');
			text_wrap(b, "", "", k->text, WIDTH);
			break;
		case B_PARA:
			text_wrap(b, "  ", "  ", k->text, WIDTH);
			break;
		case B_ITEM:
			text_wrap(b, "  - ", "    ", k->text, WIDTH);
			break;
		case B_NOTE:
			buf_putc(b, '\n');
			text_wrap(b, "", "", k->text, WIDTH);
			break;
		}
	}
}

/* Black on white, no colour-only meaning; sized so that the 60-line text
 * budget fits one A4 or Letter page (10 mm margins, 10 pt type). */
static const char css[] =
	"@page { margin: 10mm; }\n"
	"body { font-family: \"DejaVu Sans\", Arial, sans-serif; font-size: 10pt;\n"
	"  line-height: 1.3; color: #000; background: #fff; margin: 0 auto;\n"
	"  max-width: 185mm; }\n"
	".banner { font-size: 24pt; font-weight: bold; border: 3pt solid #000;\n"
	"  padding: 3pt 8pt; margin: 0 0 6pt 0; }\n"
	"h1 { font-size: 14pt; margin: 0 0 3pt 0; }\n"
	"h2 { font-size: 11.5pt; margin: 7pt 0 2pt 0; border-bottom: 1pt solid #000; }\n"
	"p { margin: 2pt 0; }\n"
	"ul { margin: 2pt 0; padding-left: 16pt; }\n"
	"li { margin: 1pt 0; }\n"
	".note { font-size: 9pt; margin-top: 7pt; }\n"
	"@media print { body { max-width: none; } }\n";

/* The blocks of the sheet as HTML, the inside of <body>. */
static void to_html_body(buf *b, const doc *d)
{
	bool in_list = false;
	for (size_t i = 0; i < d->n; i++) {
		const block *k = &d->v[i];
		if (in_list && k->k != B_ITEM) {
			buf_puts(b, "</ul>\n");
			in_list = false;
		}
		switch (k->k) {
		case B_BANNER:
			buf_htmlf(b, "<p class=\"banner\">%s</p>\n", k->text);
			break;
		case B_TITLE:
			buf_htmlf(b, "<h1>%s</h1>\n", k->text);
			break;
		case B_HEAD:
			buf_htmlf(b, "<h2>%s</h2>\n", k->text);
			break;
		case B_PARA:
			buf_htmlf(b, "<p>%s</p>\n", k->text);
			break;
		case B_ITEM:
			if (!in_list)
				buf_puts(b, "<ul>\n");
			in_list = true;
			buf_htmlf(b, "<li>%s</li>\n", k->text);
			break;
		case B_NOTE:
			buf_htmlf(b, "<p class=\"note\">%s</p>\n", k->text);
			break;
		}
	}
	if (in_list)
		buf_puts(b, "</ul>\n");
}

static size_t count_lines(const buf *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->len; i++)
		n += b->ptr[i] == '\n';
	return n;
}

static bool referral_tier(const gradus_screening *s)
{
	return s->tier >= GRADUS_TIER_REVIEW && s->tier < GRADUS_TIER__COUNT;
}

/* The fullest sheet that fits one page: every reason in full if it can,
 * else fewer, then the yes-answers by key. NULL when out of memory. */
static doc *fitted(const gradus_screening *s, const gradus_profile *p)
{
	doc *d = calloc(1, sizeof(*d));
	buf b = BUF_INIT;
	size_t n_why = 0;

	if (!d)
		return NULL;
	for (size_t i = 0; i < s->n_findings; i++)
		n_why += s->findings[i].rule->tier > GRADUS_TIER_PRECAUTIONS;
	for (int compact = 0; compact <= 1; compact++) {
		bool fits = false;
		for (size_t keep = n_why + 1; keep-- > 0;) {
			doc_free(d);
			build(d, s, p, compact, keep);
			to_text(&b, d);
			fits = !b.failed && count_lines(&b) <= MAX_LINES;
			buf_free(&b);
			if (fits || d->oom)
				break;
		}
		if (fits || d->oom)
			break;
	}
	if (d->oom) {
		doc_free(d);
		free(d);
		return NULL;
	}
	return d;
}

static void doc_delete(doc *d)
{
	doc_free(d);
	free(d);
}

int render_referral_body_html(buf *b, const gradus_screening *s,
			      const gradus_profile *p)
{
	doc *d;
	if (!s || !p || !referral_tier(s))
		return GRADUS_EUSAGE;
	d = fitted(s, p);
	if (!d)
		return GRADUS_ENOMEM;
	to_html_body(b, d);
	doc_delete(d);
	return b->failed ? GRADUS_ENOMEM : GRADUS_OK;
}

int gradus_referral_render(char **out, const gradus_screening *s,
			   const gradus_profile *p, gradus_referral_format f)
{
	doc *d;
	buf b = BUF_INIT;

	if (!out)
		return GRADUS_EUSAGE;
	*out = NULL;
	if (!s || !p || !referral_tier(s) ||
	    (f != GRADUS_REFERRAL_TEXT && f != GRADUS_REFERRAL_HTML))
		return GRADUS_EUSAGE;
	d = fitted(s, p);
	if (!d)
		return GRADUS_ENOMEM;
	if (f == GRADUS_REFERRAL_TEXT) {
		to_text(&b, d);
	} else {
		buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
		buf_htmlf(&b, "<title>Referral: %s</title>\n", p->name ? p->name : "");
		buf_printf(&b, "<style>\n%s</style>\n</head>\n<body>\n<main>\n", css);
		to_html_body(&b, d);
		buf_puts(&b, "</main>\n</body>\n</html>\n");
	}
	doc_delete(d);
	*out = buf_detach(&b, NULL);
	return *out ? GRADUS_OK : GRADUS_ENOMEM;
}
