/* FHIR R4 renderer: a plan as a Bundle of Patient, CarePlan, Goal and one
 * ServiceRequest per strength exercise; a gated profile as a Bundle of
 * Patient and a referral ServiceRequest.
 *
 * Choices (docs/fhir.md describes the mapping element by element):
 *  - Bundle.type "collection" by default: a self-contained document to
 *    hand over. "transaction" (gradus plan --fhir-bundle transaction) is
 *    the same resources for posting to a server: each entry also has a
 *    request {POST, resourceType}, and the resources carry no id (a
 *    server assigns its own; the fullUrl names the entry). References
 *    between entries use the entries' fullUrls ("urn:uuid:..."), which
 *    resolve inside either Bundle type (a server rewrites them on
 *    posting).
 *  - The dose: one ServiceRequest per exercise, whatever the weeks it is
 *    done in; one orderDetail per dose phase (consecutive weeks with the
 *    same dose), its text the dose in words and its extension (our own,
 *    DOSE_EXT) the same numbers for a machine; patientInstruction all the
 *    phases in words.
 *  - Ids are name-based UUIDs (RFC 4122 version 5, SHA-1) of the profile
 *    name, the start date, the template and what the resource is, under
 *    the namespace uuid5(URL, "urn:gradus:fhir"): no clock and no random
 *    numbers, so the same input gives byte-identical output and a
 *    regenerated plan keeps its ids.
 *  - Codes only where the HL7 Physical Activity IG (hl7.fhir.us.
 *    physical-activity 1.0) gives them: its category PhysicalActivity
 *    (CodeSystem pa-temporary-codes) on the CarePlan, Goal and requests,
 *    and SNOMED CT 229065009 "Exercise therapy", the code its exercise
 *    prescriptions use, on each exercise request. The exercise itself is
 *    named in code.text: the IG has no code per exercise. No profile is
 *    claimed in meta.profile (the IG's profiles build on US Core).
 *  - No Bundle.timestamp, CarePlan.created or Patient.birthDate: gradus
 *    has no clock and knows the age, not the birth date (and FHIR's
 *    Patient has no element for an age). */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/formats.h"
#include "render/words.h"

#define PA_SYSTEM "http://hl7.org/fhir/us/physical-activity/CodeSystem/pa-temporary-codes"
#define SNOMED "http://snomed.info/sct"
#define PERTAINS_TO_GOAL "http://hl7.org/fhir/StructureDefinition/resource-pertainsToGoal"
#define UCUM "http://unitsofmeasure.org"
/* our own extension: the numbers of one dose phase (docs/fhir.md) */
#define DOSE_EXT "urn:gradus:fhir:exercise-dose"

/* FHIR codes (ValueSet days-of-week), not words for a reader */
static const char *const fhir_day[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* ---- SHA-1 (FIPS 180-4), for version 5 UUIDs ---- */

typedef struct {
	uint32_t h[5];
	uint64_t bytes;
	unsigned char block[64];
	size_t n;
} sha1_ctx;

static uint32_t rol(uint32_t x, int k)
{
	return (x << k) | (x >> (32 - k));
}

static void sha1_block(sha1_ctx *c, const unsigned char *p)
{
	uint32_t w[80], a = c->h[0], b = c->h[1], d = c->h[3], e = c->h[4];
	uint32_t cc = c->h[2];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	for (int i = 0; i < 80; i++) {
		uint32_t f, k, t;
		if (i < 20) {
			f = (b & cc) | (~b & d);
			k = 0x5a827999u;
		} else if (i < 40) {
			f = b ^ cc ^ d;
			k = 0x6ed9eba1u;
		} else if (i < 60) {
			f = (b & cc) | (b & d) | (cc & d);
			k = 0x8f1bbcdcu;
		} else {
			f = b ^ cc ^ d;
			k = 0xca62c1d6u;
		}
		t = rol(a, 5) + f + e + k + w[i];
		e = d;
		d = cc;
		cc = rol(b, 30);
		b = a;
		a = t;
	}
	c->h[0] += a;
	c->h[1] += b;
	c->h[2] += cc;
	c->h[3] += d;
	c->h[4] += e;
}

static void sha1_init(sha1_ctx *c)
{
	static const uint32_t h0[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu,
				       0x10325476u, 0xc3d2e1f0u};
	memcpy(c->h, h0, sizeof(h0));
	c->bytes = 0;
	c->n = 0;
}

static void sha1_update(sha1_ctx *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	c->bytes += len;
	while (len--) {
		c->block[c->n++] = *p++;
		if (c->n == 64) {
			sha1_block(c, c->block);
			c->n = 0;
		}
	}
}

static void sha1_final(sha1_ctx *c, unsigned char out[20])
{
	uint64_t bits = c->bytes * 8;
	unsigned char pad = 0x80, len[8];
	sha1_update(c, &pad, 1);
	pad = 0;
	while (c->n != 56)
		sha1_update(c, &pad, 1);
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(c, len, 8);
	for (int i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

/* ---- stable ids ---- */

/* What every id of one document is derived from. */
typedef struct {
	const char *kind;      /* "plan" or "screening" */
	const char *name;
	char date[11];         /* plan start or screening date; "" when unset */
	const char *template_id; /* "" for a screening */
} seed;

#define URN_LEN 46 /* "urn:uuid:" + 36 + NUL */

static void hash_part(sha1_ctx *c, const char *s)
{
	char n[24];
	size_t len = s ? strlen(s) : 0;
	snprintf(n, sizeof(n), "%zu:", len);
	sha1_update(c, n, strlen(n));
	sha1_update(c, s ? s : "", len);
}

/* "urn:uuid:" + uuid5(namespace, kind, name, date, template, what) */
static void make_urn(char out[URN_LEN], const seed *sd, const char *what,
		     const char *what2)
{
	/* uuid5(NAMESPACE_URL, "urn:gradus:fhir") */
	static const unsigned char ns[16] = {0x9f, 0xef, 0xe3, 0x66, 0xe9, 0xcd,
					     0x5a, 0x6e, 0xa1, 0xdc, 0xd2, 0xb4,
					     0xb6, 0xd2, 0x4e, 0xe0};
	unsigned char h[20];
	sha1_ctx c;
	char *o = out;

	sha1_init(&c);
	sha1_update(&c, ns, sizeof(ns));
	hash_part(&c, sd->kind);
	hash_part(&c, sd->name);
	hash_part(&c, sd->date);
	hash_part(&c, sd->template_id);
	hash_part(&c, what);
	hash_part(&c, what2);
	sha1_final(&c, h);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x50); /* version 5 */
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	o += sprintf(o, "urn:uuid:");
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		o += sprintf(o, "%02x", h[i]);
	}
}

/* ---- cJSON helpers: an item whose add fails is freed here ---- */

static bool add(cJSON *parent, const char *key, cJSON *item)
{
	if (!parent || !item) {
		cJSON_Delete(item);
		return false;
	}
	if (key ? cJSON_AddItemToObject(parent, key, item)
		: cJSON_AddItemToArray(parent, item))
		return true;
	cJSON_Delete(item);
	return false;
}

static bool str(cJSON *o, const char *key, const char *v)
{
	return o && v && cJSON_AddStringToObject(o, key, v) != NULL;
}

static bool num(cJSON *o, const char *key, int v)
{
	return o && cJSON_AddNumberToObject(o, key, v) != NULL;
}

static cJSON *text_concept(const char *text)
{
	cJSON *o = cJSON_CreateObject();
	if (!str(o, "text", text)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *reference(const char *urn, const char *display)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = str(o, "reference", urn);
	if (display)
		ok &= str(o, "display", display);
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *coding_concept(const char *system, const char *code,
			     const char *display, const char *text)
{
	cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray(),
	      *c = cJSON_CreateObject();
	bool ok = str(c, "system", system) && str(c, "code", code) &&
		  str(c, "display", display);
	ok &= add(a, NULL, c);
	ok &= add(o, "coding", a);
	if (text)
		ok &= str(o, "text", text);
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* [ {PhysicalActivity} ] */
static cJSON *pa_category(void)
{
	cJSON *a = cJSON_CreateArray();
	if (!add(a, NULL, coding_concept(PA_SYSTEM, "PhysicalActivity",
					 "Physical Activity", NULL))) {
		cJSON_Delete(a);
		return NULL;
	}
	return a;
}

/* [ item ] */
static cJSON *one(cJSON *item)
{
	cJSON *a = cJSON_CreateArray();
	if (!add(a, NULL, item)) {
		cJSON_Delete(a);
		return NULL;
	}
	return a;
}

/* Moves the text of `t` into a new string item. */
static cJSON *string_of(buf *t)
{
	char *s = buf_detach(t, NULL);
	cJSON *o = s ? cJSON_CreateString(s) : NULL;
	free(s);
	return o;
}

/* An Annotation {"text": ...}; the same shape as a text-only concept. */
static cJSON *annotation(const char *text)
{
	return text_concept(text);
}

static cJSON *annotation_of(buf *t)
{
	cJSON *o = cJSON_CreateObject();
	if (!add(o, "text", string_of(t))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static void date_str(gradus_date d, char out[11])
{
	gradus_date_format(d, out);
}

static cJSON *period(gradus_date start, gradus_date end)
{
	char s[11], e[11];
	cJSON *o = cJSON_CreateObject();
	date_str(start, s);
	date_str(end, e);
	if (!(str(o, "start", s) && str(o, "end", e))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* Appends the entry {fullUrl, resource} to the Bundle's entry array; in
 * a transaction also {request: {method: POST, url: resourceType}}, and
 * the resource loses its id (a server assigns its own on a create). */
static bool add_entry(cJSON *entries, const char *urn, cJSON *resource,
		      bool transaction)
{
	cJSON *e = cJSON_CreateObject();
	bool ok = str(e, "fullUrl", urn);
	if (transaction && resource) {
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(resource, "resourceType");
		cJSON *r = cJSON_CreateObject();
		cJSON_DeleteItemFromObjectCaseSensitive(resource, "id");
		ok &= cJSON_IsString(type) && str(r, "method", "POST") &&
		      str(r, "url", type->valuestring);
		ok &= add(e, "resource", resource);
		ok &= add(e, "request", r);
	} else
		ok &= add(e, "resource", resource);
	return add(entries, NULL, e) && ok;
}

/* A new resource {resourceType, id}; the id is the UUID of its fullUrl. */
static cJSON *resource(const char *type, const char *urn)
{
	cJSON *o = cJSON_CreateObject();
	if (!(str(o, "resourceType", type) && str(o, "id", urn + strlen("urn:uuid:")))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *bundle(const char *urn, cJSON **entries, bool transaction)
{
	cJSON *b = resource("Bundle", urn), *id = cJSON_CreateObject();
	bool ok = str(id, "system", "urn:ietf:rfc:3986") && str(id, "value", urn);
	ok &= add(b, "identifier", id);
	ok &= str(b, "type", transaction ? "transaction" : "collection");
	*entries = cJSON_CreateArray();
	ok &= add(b, "entry", *entries);
	if (!ok) {
		cJSON_Delete(b);
		*entries = NULL;
		return NULL;
	}
	return b;
}

static cJSON *patient(const char *urn, const gradus_profile *p)
{
	cJSON *o = resource("Patient", urn);
	bool ok = o != NULL;
	if (p->name) {
		cJSON *n = cJSON_CreateObject();
		ok &= str(n, "text", p->name);
		ok &= add(o, "name", one(n));
	}
	ok &= str(o, "gender", p->sex == GRADUS_SEX_FEMALE ? "female" : "male");
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* ---- the plan ---- */

/* One strength exercise over the weeks it is done in: its first and
 * last week, and the exercise it took the place of (a harder or easier
 * version of the week before, in the same place of the session), or
 * NULL. */
typedef struct {
	const gradus_exercise *ex;
	const gradus_week *first_w, *last_w;
	const gradus_exercise *after;
	char urn[URN_LEN];
} activity;

/* The items of a week (every session of a week has the same), or NULL. */
static const gradus_session *week_session(const gradus_week *wk)
{
	return wk->n_sessions ? &wk->sessions[0] : NULL;
}

/* The item of exercise `ex` in week `wk`, or NULL when it is not done. */
static const gradus_item *week_item(const gradus_week *wk, const gradus_exercise *ex)
{
	const gradus_session *s = week_session(wk);
	for (size_t i = 0; s && i < s->n_items; i++)
		if (s->items[i].exercise == ex)
			return &s->items[i];
	return NULL;
}

/* Collects the distinct exercises in order of first appearance. */
static activity *collect(const gradus_plan *pl, size_t *n)
{
	size_t cap = 0, k = 0;
	activity *v;
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_session *s = week_session(&pl->weeks[w]);
		cap += s ? s->n_items : 0;
	}
	v = calloc(cap ? cap : 1, sizeof(*v));
	if (!v)
		return NULL;
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		const gradus_session *s = week_session(wk);
		for (size_t i = 0; s && i < s->n_items; i++) {
			const gradus_item *it = &s->items[i];
			size_t j = 0;
			while (j < k && v[j].ex != it->exercise)
				j++;
			if (j == k) {
				const gradus_session *b = w ? week_session(&pl->weeks[w - 1]) : NULL;
				v[k].ex = it->exercise;
				v[k].first_w = wk;
				if (b && i < b->n_items && it->change == GRADUS_CHANGE_VARIANT &&
				    b->items[i].exercise != it->exercise &&
				    b->items[i].exercise->pattern == it->exercise->pattern)
					v[k].after = b->items[i].exercise;
				k++;
			}
			v[j].last_w = wk;
		}
	}
	*n = k;
	return v;
}

/* One dose phase of an exercise: consecutive weeks with the same dose
 * (the same words: sets, reps, load, support, effort, rest) and the
 * same kind of week (a lighter week is a phase of its own). */
typedef struct {
	const gradus_week *from, *to;
	const gradus_item *it;   /* the item of `from` (the same dose) */
	char *dose;              /* render_put_dose */
} phase;

static void phases_free(phase *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].dose);
	free(v);
}

/* The dose phases of `ex` over the plan's weeks, in order; every week
 * the exercise is done in lies in exactly one. NULL when out of memory. */
static phase *phases_of(const gradus_plan *pl, const gradus_exercise *ex, size_t *n)
{
	phase *v = calloc(pl->n_weeks ? pl->n_weeks : 1, sizeof(*v));
	size_t k = 0;
	bool in = false; /* the week before had the exercise */
	if (!v)
		return NULL;
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		const gradus_item *it = week_item(wk, ex);
		buf d = BUF_INIT;
		char *dose;
		if (!it) {
			in = false;
			continue;
		}
		render_put_dose(&d, it);
		dose = buf_detach(&d, NULL);
		if (!dose) {
			phases_free(v, k);
			return NULL;
		}
		if (in && strcmp(v[k - 1].dose, dose) == 0 &&
		    v[k - 1].from->deload == wk->deload) {
			v[k - 1].to = wk;
			free(dose);
		} else {
			v[k].from = v[k].to = wk;
			v[k].it = it;
			v[k].dose = dose;
			k++;
		}
		in = true;
	}
	*n = k;
	return v;
}

/* Timing.repeat for the plan's days: frequency a week, dayOfWeek. */
static cJSON *weekly_timing(const gradus_plan *pl, gradus_date start,
			    gradus_date end, int per_week, int minutes)
{
	cJSON *t = cJSON_CreateObject(), *r = cJSON_CreateObject();
	bool ok = add(t, "repeat", r);
	ok &= add(r, "boundsPeriod", period(start, end));
	ok &= num(r, "frequency", per_week);
	ok &= num(r, "period", 1);
	ok &= str(r, "periodUnit", "wk");
	if (minutes > 0) {
		ok &= num(r, "duration", minutes);
		ok &= str(r, "durationUnit", "min");
	}
	if (pl && pl->days) {
		cJSON *days = cJSON_CreateArray();
		for (int d = 0; d < 7; d++)
			if (pl->days & (1u << d))
				ok &= add(days, NULL, cJSON_CreateString(fhir_day[d]));
		ok &= add(r, "dayOfWeek", days);
	}
	if (!ok) {
		cJSON_Delete(t);
		return NULL;
	}
	return t;
}

static const char *kind_reason(gradus_kind k)
{
	switch (k) {
	case GRADUS_KIND_DISUSE:
		return "Muscle weakness after disuse (immobilisation, bed rest or a hospital stay)";
	case GRADUS_KIND_SARCOPENIA:
		return "Sarcopenia (age-related loss of muscle strength)";
	case GRADUS_KIND_NEUROGENIC:
		return "Weakness of neurogenic cause, cleared for exercise: function-maintenance program";
	default:
		return "Weakness of unknown cause, cleared for exercise";
	}
}

static cJSON *reason(const gradus_profile *p)
{
	buf t = BUF_INIT;
	buf_puts(&t, kind_reason(p->kind));
	if (p->cause)
		buf_printf(&t, ": %s", p->cause);
	return one(annotation_of(&t)); /* {"text": ...} */
}

static const char *goal_text(const gradus_plan *pl)
{
	if (pl->screening->precautions.neuro_maintenance)
		return "Keep strength and everyday function (a maintenance program, with a therapist's guidance).";
	if (pl->profile->kind == GRADUS_KIND_DISUSE)
		return "Regain the strength lost during disuse and get back to everyday activities safely.";
	return "Regain strength and keep doing everyday activities safely and independently.";
}

static void put_days(buf *b, unsigned days)
{
	int n = 0, k = 0;
	for (int d = 0; d < 7; d++)
		n += (days >> d) & 1;
	for (int d = 0; d < 7; d++) {
		if (!(days & (1u << d)))
			continue;
		k++;
		buf_printf(b, "%s%s", k == 1 ? "" : k == n ? " and " : ", ", words_day_long[d]);
	}
}

static cJSON *careplan(const gradus_plan *pl, const char *urn, const char *patient_urn,
		       const char *goal_urn, const activity *acts, size_t n_acts,
		       gradus_date end, const gradus_session *s0)
{
	const gradus_profile *p = pl->profile;
	cJSON *o = resource("CarePlan", urn), *arr;
	buf t = BUF_INIT;
	bool ok = o != NULL;

	ok &= str(o, "status", "active");
	ok &= str(o, "intent", "plan");
	ok &= add(o, "category", pa_category());
	buf_printf(&t, "Strength plan for %s", p->name);
	ok &= add(o, "title", string_of(&t));
	buf_printf(&t, "%s: %d weeks, %d session%s a week (", pl->template->name,
		   pl->weeks_n, pl->sessions_per_week, pl->sessions_per_week > 1 ? "s" : "");
	put_days(&t, pl->days);
	buf_puts(&t, ")");
	if (s0)
		buf_printf(&t, ", about %d minutes each: warm-up, strength exercises%s, cool-down",
			   s0->minutes, s0->balance_min ? ", balance" : "");
	buf_printf(&t, ". Starting level %s%s; effort never above %d out of 10.",
		   gradus_class_name(pl->assessment.cls),
		   pl->assessment.fall_risk_plus ? "+" : "", pl->effort_cap);
	ok &= add(o, "description", string_of(&t));
	ok &= add(o, "subject", reference(patient_urn, p->name));
	ok &= add(o, "period", period(pl->start, end));
	ok &= add(o, "goal", one(reference(goal_urn, NULL)));
	arr = cJSON_CreateArray();
	ok &= add(o, "activity", arr);
	for (size_t i = 0; i < n_acts; i++) {
		cJSON *a = cJSON_CreateObject();
		ok &= add(a, "reference", reference(acts[i].urn, acts[i].ex->name));
		ok &= add(arr, NULL, a);
	}
	if (s0 && s0->balance_min) {
		cJSON *a = cJSON_CreateObject(), *d = cJSON_CreateObject();
		buf_printf(&t, "%d minutes in each session: ", s0->balance_min);
		for (size_t i = 0; i < pl->n_balance; i++)
			buf_printf(&t, "%s%s", i ? "; " : "", pl->balance[i]->name);
		if (pl->n_balance == 0)
			buf_puts(&t, "balance practice");
		buf_puts(&t, ".");
		ok &= add(d, "code", text_concept("Balance exercises"));
		ok &= str(d, "status", "not-started");
		ok &= add(d, "scheduledTiming",
			  weekly_timing(pl, pl->start, end, pl->sessions_per_week, s0->balance_min));
		ok &= add(d, "description", string_of(&t));
		ok &= add(a, "detail", d);
		ok &= add(arr, NULL, a);
	}
	if (pl->walking_min > 0 && pl->walking_days > 0) {
		cJSON *a = cJSON_CreateObject(), *d = cJSON_CreateObject();
		buf_printf(&t, "Walk %d minutes on %d days a week; you may split it into shorter walks through the day.",
			   pl->walking_min, pl->walking_days);
		ok &= add(d, "code", text_concept("Walking"));
		ok &= str(d, "status", "not-started");
		ok &= add(d, "scheduledTiming",
			  weekly_timing(NULL, pl->start, end, pl->walking_days, pl->walking_min));
		ok &= add(d, "description", string_of(&t));
		ok &= add(a, "detail", d);
		ok &= add(arr, NULL, a);
	}
	arr = cJSON_CreateArray();
	/* the stop line every page of the plan prints, first */
	words_stop(&t, pl->profile);
	ok &= add(arr, NULL, annotation_of(&t));
	for (size_t i = 0; i < pl->assessment.n_notes; i++) {
		buf_printf(&t, "Assessment: %s", pl->assessment.notes[i]);
		ok &= add(arr, NULL, annotation_of(&t));
	}
	for (size_t i = 0; i < pl->n_advice; i++)
		ok &= add(arr, NULL, annotation(pl->advice[i]));
	if (pl->protein)
		ok &= add(arr, NULL, annotation(pl->protein));
	for (size_t i = 0; i < pl->n_warnings; i++) {
		buf_printf(&t, "For the therapist: %s", pl->warnings[i]);
		ok &= add(arr, NULL, annotation_of(&t));
	}
	if (cJSON_GetArraySize(arr) > 0)
		ok &= add(o, "note", arr);
	else
		cJSON_Delete(arr);
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *goal(const gradus_plan *pl, const char *urn, const char *patient_urn,
		   gradus_date end)
{
	cJSON *o = resource("Goal", urn), *target = cJSON_CreateObject();
	char s[11];
	bool ok = o != NULL;
	ok &= str(o, "lifecycleStatus", "active");
	ok &= add(o, "category", pa_category());
	ok &= add(o, "description", text_concept(goal_text(pl)));
	ok &= add(o, "subject", reference(patient_urn, pl->profile->name));
	date_str(pl->start, s);
	ok &= str(o, "startDate", s);
	date_str(end, s);
	ok &= str(target, "dueDate", s);
	ok &= add(o, "target", one(target));
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* "Weeks 1 to 2: <dose>." / "Week 3: <dose>." / "Week 12, a lighter
 * week: <dose>." */
static void put_phase(buf *t, const phase *ph)
{
	if (ph->from == ph->to)
		buf_printf(t, "Week %d", ph->from->number);
	else
		buf_printf(t, "Weeks %d to %d", ph->from->number, ph->to->number);
	if (ph->from->deload)
		buf_printf(t, ", a lighter week%s", ph->from == ph->to ? "" : "s");
	buf_printf(t, ": %s.", ph->dose);
}

/* {url, valueInteger|valueBoolean|valueCode|valueQuantity} */
static cJSON *ext_int(const char *url, int v)
{
	cJSON *o = cJSON_CreateObject();
	if (!(str(o, "url", url) && num(o, "valueInteger", v))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *ext_code(const char *url, const char *code)
{
	cJSON *o = cJSON_CreateObject();
	if (!(str(o, "url", url) && str(o, "valueCode", code))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *ext_bool(const char *url, bool v)
{
	cJSON *o = cJSON_CreateObject();
	if (!(str(o, "url", url) && add(o, "valueBoolean", cJSON_CreateBool(v)))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* A UCUM quantity: "s" seconds, "kg" kilograms. */
static cJSON *ext_qty(const char *url, double v, const char *ucum)
{
	cJSON *o = cJSON_CreateObject(), *q = cJSON_CreateObject();
	bool ok = str(o, "url", url) && add(o, "valueQuantity", q);
	ok = ok && add(q, "value", cJSON_CreateNumber(round(v * 100) / 100)) &&
	     str(q, "unit", ucum) && str(q, "system", UCUM) && str(q, "code", ucum);
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* The numbers of one phase as the extension DOSE_EXT (docs/fhir.md). */
static cJSON *dose_ext(const phase *ph)
{
	const gradus_item *it = ph->it;
	cJSON *o = cJSON_CreateObject(), *x = cJSON_CreateArray();
	bool ok = str(o, "url", DOSE_EXT);
	ok &= add(o, "extension", x);
	ok &= add(x, NULL, ext_int("firstWeek", ph->from->number));
	ok &= add(x, NULL, ext_int("lastWeek", ph->to->number));
	ok &= add(x, NULL, ext_bool("lighterWeek", ph->from->deload));
	ok &= add(x, NULL, ext_int("sets", it->sets));
	if (it->affected_sets > it->sets)
		ok &= add(x, NULL, ext_int("affectedSideSets", it->affected_sets));
	ok &= add(x, NULL, ext_int("repsMin", it->reps_min));
	ok &= add(x, NULL, ext_int("repsMax", it->reps_max));
	ok &= add(x, NULL, ext_bool("perSide", it->exercise->per_side));
	if (it->hold_s > 0)
		ok &= add(x, NULL, ext_qty("hold", it->hold_s, "s"));
	ok &= add(x, NULL, ext_code("loadKind", gradus_load_name(it->load.kind)));
	if (it->load.kind == GRADUS_LOAD_ANKLE_WEIGHT || it->load.kind == GRADUS_LOAD_DUMBBELL)
		ok &= add(x, NULL, ext_qty("load", it->load.kg, "kg"));
	if (it->load.kind == GRADUS_LOAD_BAND && it->load.band >= 0)
		ok &= add(x, NULL, ext_code("band", gradus_band_name((gradus_band)it->load.band)));
	if (it->load.kind == GRADUS_LOAD_MACHINE)
		ok &= add(x, NULL, ext_int("machineStep", it->load.machine_step));
	if (it->support != GRADUS_SUPPORT_NA)
		ok &= add(x, NULL, ext_code("support", gradus_support_name(it->support)));
	ok &= add(x, NULL, ext_int("effortMin", it->effort_min));
	ok &= add(x, NULL, ext_int("effortMax", it->effort_max));
	if (it->sets > 1)
		ok &= add(x, NULL, ext_qty("rest", it->rest_s, "s"));
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* orderDetail: one concept per phase, {extension: [dose], text}. */
static cJSON *order_detail(const phase *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	bool ok = a != NULL;
	for (size_t i = 0; i < n; i++) {
		cJSON *c = cJSON_CreateObject();
		buf t = BUF_INIT;
		put_phase(&t, &v[i]);
		ok &= add(c, "extension", one(dose_ext(&v[i])));
		ok &= add(c, "text", string_of(&t));
		ok &= add(a, NULL, c);
	}
	if (!ok) {
		cJSON_Delete(a);
		return NULL;
	}
	return a;
}

/* patientInstruction: every phase in words, one after the other. */
static cJSON *instruction(const phase *v, size_t n)
{
	buf t = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&t, ' ');
		put_phase(&t, &v[i]);
	}
	return string_of(&t);
}

/* "Exercise ID (pattern, position), weeks 5 to 12 of 12; not in weeks 1
 * to 4 of this plan; from week 5 it takes the place of ID2." The weeks
 * of the plan without it are named ("week 3", "weeks 1 to 4 and 9 to
 * 12"), so a reader knows the dose of those weeks is not missing. */
static cJSON *exercise_note(const gradus_plan *pl, const activity *a)
{
	buf t = BUF_INIT, gaps = BUF_INIT;
	int gap = 0, weeks = 0, runs = 0; /* gap: weeks without it in this run */
	buf_printf(&t, "Exercise %s (%s, %s), ", a->ex->id,
		   gradus_pattern_name(a->ex->pattern),
		   gradus_position_name(a->ex->position));
	if (a->first_w == a->last_w)
		buf_printf(&t, "week %d", a->first_w->number);
	else
		buf_printf(&t, "weeks %d to %d", a->first_w->number, a->last_w->number);
	buf_printf(&t, " of %d", gradus_plan_last_week(pl));
	for (size_t w = 0; w <= pl->n_weeks; w++) {
		if (w < pl->n_weeks && !week_item(&pl->weeks[w], a->ex)) {
			gap++;
			continue;
		}
		if (gap) {
			int to = pl->weeks[w - 1].number, from = to - gap + 1;
			buf_puts(&gaps, runs ? " and " : "");
			if (from == to)
				buf_printf(&gaps, "%d", to);
			else
				buf_printf(&gaps, "%d to %d", from, to);
			weeks += gap;
			runs++;
		}
		gap = 0;
	}
	if (runs)
		buf_printf(&t, "; not in week%s %s of this plan", weeks > 1 ? "s" : "",
			   gaps.ptr ? gaps.ptr : "");
	buf_free(&gaps);
	if (a->after)
		buf_printf(&t, "; from week %d it takes the place of %s", a->first_w->number,
			   a->after->id);
	buf_puts(&t, ".");
	return one(annotation_of(&t));
}

static cJSON *exercise_request(const gradus_plan *pl, const activity *a,
			       const char *patient_urn, const char *plan_urn,
			       const char *goal_urn)
{
	cJSON *o = resource("ServiceRequest", a->urn), *ext = cJSON_CreateObject();
	size_t n = 0;
	phase *v = phases_of(pl, a->ex, &n);
	bool ok = o != NULL && v != NULL;

	ok &= str(ext, "url", PERTAINS_TO_GOAL);
	ok &= add(ext, "valueReference", reference(goal_urn, NULL));
	ok &= add(o, "extension", one(ext));
	ok &= add(o, "basedOn", one(reference(plan_urn, NULL)));
	ok &= str(o, "status", "active");
	ok &= str(o, "intent", "plan");
	ok &= add(o, "category", pa_category());
	ok &= add(o, "code", coding_concept(SNOMED, "229065009",
					    "Exercise therapy (regime/therapy)",
					    a->ex->name));
	if (v)
		ok &= add(o, "orderDetail", order_detail(v, n));
	ok &= add(o, "subject", reference(patient_urn, pl->profile->name));
	ok &= add(o, "occurrenceTiming",
		  weekly_timing(pl, a->first_w->start, a->last_w->end,
				pl->sessions_per_week, 0));
	ok &= add(o, "performer", one(reference(patient_urn, pl->profile->name)));
	ok &= add(o, "reasonCode", reason(pl->profile));
	if (v)
		ok &= add(o, "patientInstruction", instruction(v, n));
	ok &= add(o, "note", exercise_note(pl, a));
	phases_free(v, n);
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

cJSON *render_plan_fhir(const gradus_plan *pl, bool transaction)
{
	const gradus_profile *p = pl->profile;
	seed sd = {"plan", p->name, "", pl->template->id};
	char bundle_urn[URN_LEN], patient_urn[URN_LEN], plan_urn[URN_LEN], goal_urn[URN_LEN];
	const gradus_session *s0 = NULL;
	gradus_date end = gradus_date_add(pl->start, 7L * pl->weeks_n - 1);
	size_t n_acts = 0;
	activity *acts;
	cJSON *root, *entries;
	bool ok;

	date_str(pl->start, sd.date);
	make_urn(bundle_urn, &sd, "Bundle", "");
	make_urn(patient_urn, &sd, "Patient", "");
	make_urn(plan_urn, &sd, "CarePlan", "");
	make_urn(goal_urn, &sd, "Goal", "");
	if (pl->n_weeks)
		end = pl->weeks[pl->n_weeks - 1].end;
	for (size_t w = 0; !s0 && w < pl->n_weeks; w++)
		s0 = week_session(&pl->weeks[w]);
	acts = collect(pl, &n_acts);
	if (!acts)
		return NULL;
	for (size_t i = 0; i < n_acts; i++)
		make_urn(acts[i].urn, &sd, "ServiceRequest", acts[i].ex->id);

	root = bundle(bundle_urn, &entries, transaction);
	ok = root != NULL;
	ok = ok && add_entry(entries, patient_urn, patient(patient_urn, p), transaction);
	ok = ok && add_entry(entries, plan_urn,
			     careplan(pl, plan_urn, patient_urn, goal_urn, acts, n_acts, end, s0),
			     transaction);
	ok = ok && add_entry(entries, goal_urn, goal(pl, goal_urn, patient_urn, end),
			     transaction);
	for (size_t i = 0; ok && i < n_acts; i++)
		ok = add_entry(entries, acts[i].urn,
			       exercise_request(pl, &acts[i], patient_urn, plan_urn, goal_urn),
			       transaction);
	free(acts);
	if (!ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* ---- gated: a referral ---- */

static const char *priority(gradus_tier t)
{
	switch (t) {
	case GRADUS_TIER_EMERGENCY: return "stat";
	case GRADUS_TIER_URGENT: return "urgent";
	default: return "routine";
	}
}

cJSON *render_screening_fhir(const gradus_screening *s, const gradus_profile *p,
			     bool transaction)
{
	seed sd = {"screening", p->name, "", ""};
	char bundle_urn[URN_LEN], patient_urn[URN_LEN], sr_urn[URN_LEN];
	cJSON *root, *entries, *sr, *reasons, *notes;
	buf t = BUF_INIT;
	bool ok;

	if (gradus_date_is_set(s->as_of))
		date_str(s->as_of, sd.date);
	make_urn(bundle_urn, &sd, "Bundle", "");
	make_urn(patient_urn, &sd, "Patient", "");
	make_urn(sr_urn, &sd, "ServiceRequest", "referral");

	sr = resource("ServiceRequest", sr_urn);
	ok = sr != NULL;
	ok &= str(sr, "status", "active");
	ok &= str(sr, "intent", "proposal");
	ok &= add(sr, "category", pa_category());
	ok &= str(sr, "priority", priority(s->tier));
	ok &= add(sr, "code", text_concept("Medical review before exercise"));
	ok &= add(sr, "subject", reference(patient_urn, p->name));
	if (gradus_date_is_set(s->as_of))
		ok &= str(sr, "authoredOn", sd.date);
	reasons = cJSON_CreateArray();
	notes = cJSON_CreateArray();
	for (size_t i = 0; i < s->n_findings; i++) {
		const gradus_finding *f = &s->findings[i];
		bool referral = f->rule->tier > GRADUS_TIER_PRECAUTIONS;
		/* as on the referral sheet: "RULE (tier; source): line [detail]" */
		buf_printf(&t, "%s%s (%s; %s): %s", referral ? "" : "Also noted: ",
			   f->rule->id, gradus_tier_name(f->rule->tier), f->rule->source,
			   f->rule->clinician);
		if (f->detail)
			buf_printf(&t, " [%s]", f->detail);
		ok &= add(referral ? reasons : notes, NULL, annotation_of(&t));
	}
	for (size_t i = 0; i < s->n_missing; i++) {
		buf_printf(&t, "Not answered: %s (red_flags.%s)",
			   gradus_red_flag_question(s->missing[i]),
			   gradus_red_flag_key(s->missing[i]));
		ok &= add(notes, NULL, annotation_of(&t));
	}
	words_made_by(&t, (gradus_date){0, 0, 0}); /* authoredOn has the date */
	ok &= add(notes, NULL, annotation_of(&t));
	if (cJSON_GetArraySize(reasons) > 0)
		ok &= add(sr, "reasonCode", reasons);
	else
		cJSON_Delete(reasons);
	words_next_step(&t, s, p);
	ok &= add(sr, "patientInstruction", string_of(&t));
	ok &= add(sr, "note", notes);

	root = bundle(bundle_urn, &entries, transaction);
	ok = ok && root != NULL;
	ok = ok && add_entry(entries, patient_urn, patient(patient_urn, p), transaction);
	if (ok)
		ok = add_entry(entries, sr_urn, sr, transaction);
	else
		cJSON_Delete(sr);
	if (!ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}
