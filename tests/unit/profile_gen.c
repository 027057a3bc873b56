/* Random valid profile texts; see profile_gen.h. */
#include "profile_gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the random stream ---- */

static uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

void pgen_rng_init(pgen_rng *r, uint64_t seed, uint64_t index)
{
	r->state = mix(seed + 0x9E3779B97F4A7C15ULL) ^ mix(~index * 0xD1B54A32D192ED03ULL);
}

uint64_t pgen_next(pgen_rng *r)
{
	r->state += 0x9E3779B97F4A7C15ULL;
	return mix(r->state);
}

unsigned pgen_below(pgen_rng *r, unsigned n)
{
	return (unsigned)(((pgen_next(r) >> 32) * (uint64_t)n) >> 32);
}

int pgen_range(pgen_rng *r, int lo, int hi)
{
	return lo + (int)pgen_below(r, (unsigned)(hi - lo + 1));
}

bool pgen_chance(pgen_rng *r, unsigned percent)
{
	return pgen_below(r, 100) < percent;
}

/* ---- the file's words (docs/formats.md) ---- */

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const red_flag_keys[GRADUS_RF__COUNT] = {
	"sudden_weakness", "one_sided_weakness", "face_drooping",
	"speech_changes", "vision_changes", "sudden_balance_loss",
	"sudden_severe_headache", "breathing_difficulty",
	"swallowing_difficulty", "spreading_weakness",
	"bladder_or_bowel_changes", "saddle_numbness", "muscle_twitching",
	"numbness_or_tingling", "drooping_eyelids_or_double_vision",
	"dark_urine_with_muscle_pain", "unexplained_weight_loss", "chest_pain",
	"fainting_or_dizziness"};
static const char *const region_words[] = {
	"legs", "left_leg", "right_leg", "arms", "left_arm",
	"right_arm", "hips", "trunk", "hands", "whole_body"};
static const char *const limb_words[] = {"left_leg", "right_leg", "left_arm",
					 "right_arm"};
static const char *const condition_words[] = {
	"hypertension", "heart_disease", "heart_failure", "diabetes",
	"kidney_disease", "osteoporosis", "osteoarthritis", "copd",
	"dementia", "parkinsons", "stroke_history", "cancer"};
static const char *const medication_words[] = {
	"blood_thinner", "insulin", "beta_blocker", "statin", "steroid"};
static const char *const day_words[] = {"mon", "tue", "wed", "thu",
					"fri", "sat", "sun"};
static const char *const band_words[] = {"yellow", "red", "green", "blue",
					 "black", "silver", "gold"};
static const double ankle_kg[] = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0};
static const double dumbbell_kg[] = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0};
static const char *const surgery_kinds[] = {
	"hip_replacement", "knee_replacement", "shoulder_replacement", "spine",
	"other"};
static const char *const sides[] = {"left", "right", "both"};
static const char *const approaches[] = {"posterior", "anterior", "lateral"};
static const char *const supervision_words[] = {"alone", "caregiver",
						"therapist"};
static const char *const names[] = {
	"Margaret", "David", "Ana", "Joseph", "Ingrid", "Kofi",
	"Mei", "Rosa & Tom", "Sean O'Brien", "Zoë", "Anna \\\"Nan\\\" B.",
	"Hans-Peter"};

/* ---- helpers ---- */

static void shuffle(pgen_rng *r, int *v, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = (int)pgen_below(r, (unsigned)i + 1), t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}

/* Chooses each of n words with the given chance, in random order, and
 * writes them as a list; returns how many. */
static int word_list(FILE *f, pgen_rng *r, const char *const *words, int n,
		     unsigned percent, bool shuffled)
{
	int pick[16], k = 0;
	for (int i = 0; i < n; i++)
		if (pgen_chance(r, percent))
			pick[k++] = i;
	if (shuffled)
		shuffle(r, pick, k);
	fputc('[', f);
	for (int i = 0; i < k; i++)
		fprintf(f, "%s\"%s\"", i ? ", " : "", words[pick[i]]);
	fputc(']', f);
	return k;
}

static void put_date(FILE *f, const char *key, gradus_date d)
{
	char buf[11];
	gradus_date_format(d, buf);
	fprintf(f, "%s = \"%s\";", key, buf);
}

static gradus_date before(pgen_rng *r, gradus_date start, int lo, int hi)
{
	return gradus_date_add(start, -(long)pgen_range(r, lo, hi));
}

/* A decimal with one place (always written with a '.': libconfig types
 * 1 and 1.0 differently). */
static void put_dec(FILE *f, const char *key, int tenths)
{
	fprintf(f, " %s = %d.%d;", key, tenths / 10, tenths % 10);
}

/* ---- the profile ---- */

char *pgen_profile(uint64_t seed, uint64_t index, const gradus_catalogue *cat,
		   const gradus_templates *tpl, pgen_info *info)
{
	pgen_rng rr, *r = &rr;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	pgen_info in;
	gradus_date start;
	int kind, pattern, mobility;

	if (!f)
		return NULL;
	memset(&in, 0, sizeof(in));
	pgen_rng_init(r, seed, index);

	/* start first: every other date is counted back from it */
	start = gradus_date_add((gradus_date){2026, 1, 1}, pgen_range(r, 0, 729));
	/* mobility early: the measures go with it */
	{
		unsigned u = pgen_below(r, 100);
		mobility = u < 10 ? 0 : u < 25 ? 1 : u < 55 ? 2 : 3;
	}

	fprintf(f, "# generated: seed 0x%016llx, profile %llu\nformat = 1;\n\n",
		(unsigned long long)seed, (unsigned long long)index);

	/* person */
	fprintf(f, "person: {\n  name = \"%s %llu\";\n  age = %d;\n  sex = \"%s\";\n",
		names[pgen_below(r, N(names))], (unsigned long long)index,
		pgen_range(r, 55, 100), pgen_chance(r, 55) ? "female" : "male");
	if (pgen_chance(r, 60)) {
		fputs(" ", f);
		put_dec(f, "weight_kg", pgen_range(r, 400, 1100));
		fputc('\n', f);
	}
	fputs("};\n\n", f);

	/* condition */
	{
		static const char *const kinds[] = {"disuse", "sarcopenia",
						    "neurogenic", "unknown"};
		static const char *const patterns[] = {"symmetric", "one_sided",
						       "one_limb"};
		static const char *const courses[] = {
			"improving", "stable", "worsening_slowly", "worsening_fast"};
		unsigned u = pgen_below(r, 100);
		int regions[4], n_regions = 0, course;
		bool immob;
		kind = u < 45 ? 0 : u < 85 ? 1 : u < 93 ? 2 : 3;
		u = pgen_below(r, 100);
		pattern = u < 65 ? 0 : u < 78 ? 1 : 2;
		u = pgen_below(r, 100);
		course = u < 45 ? 0 : u < 85 ? 1 : u < 96 ? 2 : 3;
		/* an immobilisation that explains a one-sided or one-limb
		 * pattern most of the time; sometimes none (screening sends
		 * those to review) */
		immob = pgen_chance(r, pattern != 0 ? 65 : kind == 0 ? 55 : 10);

		fprintf(f, "condition: {\n  kind = \"%s\";\n", kinds[kind]);
		if (pgen_chance(r, 40))
			fputs("  cause = \"generated for the property test\";\n", f);
		fprintf(f, "  onset = \"%s\";\n  weeks = %d;\n",
			pgen_chance(r, 96) ? "gradual" : "sudden",
			pgen_range(r, 0, 260));
		fprintf(f, "  pattern = \"%s\";\n  course = \"%s\";\n",
			patterns[pattern], courses[course]);
		if (pattern == 2 && pgen_chance(r, 80)) {
			regions[n_regions++] = 1 + (int)pgen_below(r, 2) +
				(pgen_chance(r, 70) ? 0 : 3); /* a limb */
		} else if (pattern == 1 && pgen_chance(r, 80)) {
			bool left = pgen_chance(r, 50);
			regions[n_regions++] = left ? 1 : 2;
			regions[n_regions++] = left ? 4 : 5;
		} else {
			int all[N(region_words)];
			int k = pgen_range(r, 1, 3);
			for (int i = 0; i < (int)N(region_words); i++)
				all[i] = i;
			shuffle(r, all, (int)N(region_words));
			for (int i = 0; i < k; i++)
				regions[n_regions++] = all[i];
		}
		fputs("  regions = [", f);
		for (int i = 0; i < n_regions; i++)
			fprintf(f, "%s\"%s\"", i ? ", " : "", region_words[regions[i]]);
		fputs("];\n", f);
		if (immob) {
			/* mostly the whole of what is weak (it explains the
			 * pattern), or one listed region; sometimes the whole
			 * body (bed rest), sometimes another limb (a loader
			 * warning, never an error) */
			u = pgen_below(r, 100);
			fputs("  immobilised = { region = \"", f);
			if (u < 45 && n_regions == 2 && regions[0] == 1 && regions[1] == 4)
				fputs("left_leg", f); /* covers half: review */
			else if (u < 45 && n_regions == 1)
				fputs(region_words[regions[0]], f);
			else if (u < 70)
				fputs(region_words[regions[pgen_below(r, (unsigned)n_regions)]], f);
			else if (u < 90)
				fputs("whole_body", f);
			else
				fputs(limb_words[pgen_below(r, N(limb_words))], f);
			fputs("\"; ", f);
			put_date(f, "ended", before(r, start, -14, 180));
			fputs(" };\n", f);
		}
		fputs("};\n\n", f);
	}

	/* red flags: most all false, ~15 % with one or more true, ~5 %
	 * with one or more left out */
	{
		bool yes_mode = pgen_chance(r, 15), missing_mode = pgen_chance(r, 5);
		if (yes_mode) {
			int k = pgen_chance(r, 70) ? 1 : pgen_range(r, 2, 4);
			for (int i = 0; i < k; i++)
				in.rf_yes |= 1u << pgen_below(r, GRADUS_RF__COUNT);
		}
		if (missing_mode) {
			if (pgen_chance(r, 10)) {
				in.red_flags_omitted = true;
				in.rf_missing = (1u << GRADUS_RF__COUNT) - 1;
				in.rf_yes = 0;
			} else {
				int k = pgen_range(r, 1, 3);
				for (int i = 0; i < k; i++)
					in.rf_missing |= 1u << pgen_below(r, GRADUS_RF__COUNT);
				in.rf_yes &= ~in.rf_missing;
			}
		}
		if (!in.red_flags_omitted) {
			fputs("red_flags: {\n", f);
			for (int i = 0; i < GRADUS_RF__COUNT; i++)
				if (!(in.rf_missing & (1u << i)))
					fprintf(f, "  %s = %s;\n", red_flag_keys[i],
						(in.rf_yes & (1u << i)) ? "true" : "false");
			fputs("};\n\n", f);
		}
	}

	/* health */
	fputs("health: {\n  conditions = ", f);
	word_list(f, r, condition_words, (int)N(condition_words), 10, true);
	fputs(";\n  medications = ", f);
	word_list(f, r, medication_words, (int)N(medication_words), 12, true);
	fputs(";\n", f);
	if (pgen_chance(r, 50)) {
		unsigned u = pgen_below(r, 100);
		int sys, dia;
		if (u < 75) {          /* below 160/100 */
			sys = pgen_range(r, 100, 159);
			dia = pgen_range(r, 60, 99);
		} else if (u < 88) {   /* 160-179: a relative contraindication */
			sys = pgen_range(r, 160, 179);
			dia = pgen_range(r, 80, 109);
		} else if (u < 95) {   /* >= 180 systolic */
			sys = pgen_range(r, 180, 230);
			dia = pgen_range(r, 80, 130);
		} else {               /* >= 110 diastolic */
			sys = pgen_range(r, 150, 200);
			dia = pgen_range(r, 110, 125);
		}
		fprintf(f, "  resting_bp = [%d, %d];\n", sys, dia);
	}
	if (pgen_chance(r, 40))
		fprintf(f, "  resting_hr = %d;\n", pgen_range(r, 45, 115));
	fprintf(f, "  regularly_active = %s;\n  falls_last_year = %d;\n",
		pgen_chance(r, 40) ? "true" : "false", pgen_range(r, 0, 4));
	if (pgen_chance(r, 25))
		fprintf(f, "  egfr = %d;\n", pgen_range(r, 10, 110));
	if (pgen_chance(r, kind >= 2 ? 55 : 20)) {
		fputs("  clearance = { by = \"Dr A. Patel\"; ", f);
		put_date(f, "date", before(r, start, 0, 90));
		fputs(" };\n", f);
	}
	if (pgen_chance(r, 12)) {
		int k = pgen_chance(r, 85) ? 1 : 2;
		fputs("  surgery = (", f);
		for (int i = 0; i < k; i++) {
			int sk = (int)pgen_below(r, N(surgery_kinds));
			fprintf(f, "%s\n    { kind = \"%s\"; side = \"%s\"; ", i ? "," : "",
				surgery_kinds[sk], sides[pgen_below(r, N(sides))]);
			if (sk == 0 ? pgen_chance(r, 85) : pgen_chance(r, 30))
				fprintf(f, "approach = \"%s\"; ",
					sk == 0 && pgen_chance(r, 65)
						? "posterior"
						: approaches[pgen_below(r, N(approaches))]);
			put_date(f, "date", before(r, start, 1, 400));
			fputs(" }", f);
		}
		fputs("\n  );\n", f);
	}
	if (pgen_chance(r, 10)) {
		fprintf(f, "  fracture = ( { region = \"%s\"; ",
			region_words[pgen_below(r, N(region_words))]);
		put_date(f, "date", before(r, start, 1, 400));
		fputs(" } );\n", f);
	}
	fputs("};\n\n", f);

	/* measures: absent, complete or partial */
	{
		unsigned u = pgen_below(r, 100);
		if (u >= 30) {
			int keep = u < 70 ? 100 : 50;
			fputs("measures: {\n ", f);
			if (pgen_chance(r, 85)) {
				fputc(' ', f);
				put_date(f, "date", before(r, start, 0, 60));
			}
			if (pgen_chance(r, keep))
				put_dec(f, "grip_kg", pgen_range(r, 80, 500));
			if (pgen_chance(r, keep))
				put_dec(f, "chair_stand_5x_s", pgen_range(r, 60, 400));
			if (pgen_chance(r, keep))
				fprintf(f, " chair_stand_30s = %d;", pgen_range(r, 0, 20));
			fputs("\n ", f);
			if (pgen_chance(r, keep)) {
				int c = pgen_range(r, 20, 160); /* hundredths */
				fprintf(f, " gait_speed_m_s = %d.%02d;", c / 100, c % 100);
			}
			if (pgen_chance(r, keep))
				put_dec(f, "tug_s", pgen_range(r, 60, 400));
			if (pgen_chance(r, keep)) {
				/* mostly what the mobility suggests, sometimes any */
				static const int lo[4] = {0, 0, 3, 5}, hi[4] = {3, 6, 9, 12};
				fprintf(f, " sppb = %d;", pgen_chance(r, 85)
					? pgen_range(r, lo[mobility], hi[mobility])
					: pgen_range(r, 0, 12));
			}
			if (pgen_chance(r, keep))
				fprintf(f, " sarc_f = %d;", pgen_range(r, 0, 10));
			fputs("\n};\n\n", f);
		}
	}

	/* setup */
	{
		static const char *const mobility_words[] = {
			"bed", "wheelchair", "walks_with_aid", "independent"};
		static const struct {
			const char *key;
			unsigned percent;
		} flags[] = {{"chair", 85}, {"sturdy_counter", 60}, {"wall", 70},
			     {"step", 40}, {"gym", 15}};
		unsigned u = pgen_below(r, 100);
		int days[7], n_days = 0, weeks;
		weeks = u < 70 ? pgen_range(r, 1, 16) : pgen_range(r, 1, 52);

		fputs("setup: {\n  ", f);
		put_date(f, "start", start);
		fprintf(f, "\n  weeks = %d;\n  days = [", weeks);
		while (n_days == 0)
			for (int d = 0; d < 7; d++)
				if (pgen_chance(r, 45))
					days[n_days++] = d;
		if (pgen_chance(r, 30))
			shuffle(r, days, n_days);
		for (int i = 0; i < n_days; i++)
			fprintf(f, "%s\"%s\"", i ? ", " : "", day_words[days[i]]);
		fprintf(f, "];\n  minutes = %d;\n  supervision = \"%s\";\n",
			pgen_range(r, 10, 90),
			supervision_words[pgen_below(r, N(supervision_words))]);
		if (pgen_chance(r, 30))
			fputs("  caregiver = \"Tom (son)\";\n", f);
		fprintf(f, "  mobility = \"%s\";\n", mobility_words[mobility]);
		if (pgen_chance(r, 30))
			fprintf(f, "  emergency_number = \"%s\";\n",
				pgen_chance(r, 50) ? "112" : "911");
		fputs("  equipment = {\n   ", f);
		for (size_t i = 0; i < N(flags); i++) {
			if (pgen_chance(r, flags[i].percent))
				fprintf(f, " %s = true;", flags[i].key);
			else if (pgen_chance(r, 50))
				fprintf(f, " %s = false;", flags[i].key);
		}
		fputc('\n', f);
		if (pgen_chance(r, 80)) {
			fputs("    bands = ", f);
			word_list(f, r, band_words, (int)N(band_words), 35, true);
			fputs(";\n", f);
		}
		for (int w = 0; w < 2; w++) {
			const double *kg = w ? dumbbell_kg : ankle_kg;
			int pick[8], k = 0;
			if (!pgen_chance(r, w ? 55 : 60))
				continue;
			for (int i = 0; i < 8; i++)
				if (pgen_chance(r, w ? 35 : 40))
					pick[k++] = i;
			if (w) /* dumbbells in any order: the loader sorts them */
				shuffle(r, pick, k);
			fprintf(f, "    %s = [", w ? "dumbbells_kg" : "ankle_weights_kg");
			for (int i = 0; i < k; i++)
				fprintf(f, "%s%.1f", i ? ", " : "", kg[pick[i]]);
			fputs("];\n", f);
		}
		fputs("  };\n", f);
		if (cat && gradus_catalogue_count(cat) > 0 && pgen_chance(r, 18)) {
			size_t n = gradus_catalogue_count(cat);
			int k = pgen_chance(r, 15) ? 0 : pgen_range(r, 1, 3);
			size_t chosen[3];
			int got = 0;
			fputs("  exclude = [", f);
			for (int i = 0; i < k; i++) {
				size_t c = pgen_below(r, (unsigned)n);
				bool dup = false;
				for (int j = 0; j < got; j++)
					dup |= chosen[j] == c;
				if (dup)
					continue;
				chosen[got] = c;
				fprintf(f, "%s\"%s\"", got ? ", " : "",
					gradus_catalogue_get(cat, c)->id);
				got++;
			}
			fputs("];\n", f);
		}
		fputs("};\n", f);
	}

	/* program: each override optional, only valid values */
	if (pgen_chance(r, 30)) {
		fputs("\nprogram: {\n", f);
		if (tpl && gradus_templates_count(tpl) > 0 && pgen_chance(r, 35)) {
			size_t n = gradus_templates_count(tpl);
			fprintf(f, "  template = \"%s\";\n",
				gradus_templates_get(tpl, pgen_below(r, (unsigned)n))->id);
			in.has_program_template = true;
		}
		if (pgen_chance(r, 50))
			fprintf(f, "  max_rpe = %d;\n", pgen_range(r, 1, 10));
		if (pgen_chance(r, 50))
			fprintf(f, "  sessions_per_week = %d;\n", pgen_range(r, 1, 3));
		fputs("};\n", f);
	}

	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	if (info)
		*info = in;
	return text;
}

bool pgen_screened(uint64_t seed, uint64_t index, const char *prefix,
		   const gradus_catalogue *cat, const gradus_templates *tpl,
		   gradus_diags *d, gradus_profile **p, gradus_screening **s)
{
	char *text = pgen_profile(seed, index, cat, tpl, NULL);
	char name[96];
	bool ok;

	*p = NULL;
	*s = NULL;
	if (!text)
		return false;
	snprintf(name, sizeof(name), "%s-%llu.cfg", prefix, (unsigned long long)index);
	gradus_diags_clear(d);
	ok = gradus_profile_load_string(p, name, text, cat, tpl, d) == GRADUS_OK &&
	     gradus_screen(s, *p, (gradus_date){0, 0, 0}, d) == GRADUS_OK &&
	     (*s)->tier <= GRADUS_TIER_PRECAUTIONS;
	free(text);
	return ok;
}
