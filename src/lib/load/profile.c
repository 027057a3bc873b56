#include "gradus/profile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/cfg.h"
#include "util/util.h"
#include "load/load.h"

typedef struct {
	gradus_profile p; /* first: the public part */
	arena a;
} profile_box;

static const char *const rf_keys[GRADUS_RF__COUNT + 1] = {
	"sudden_weakness", "one_sided_weakness", "face_drooping",
	"speech_changes", "vision_changes", "sudden_balance_loss",
	"sudden_severe_headache", "breathing_difficulty",
	"swallowing_difficulty", "spreading_weakness",
	"bladder_or_bowel_changes", "saddle_numbness", "muscle_twitching",
	"numbness_or_tingling", "drooping_eyelids_or_double_vision",
	"dark_urine_with_muscle_pain", "unexplained_weight_loss", "chest_pain",
	"fainting_or_dizziness", NULL};

static const char *const rf_questions[GRADUS_RF__COUNT] = {
	"Did the weakness come on suddenly (over minutes or hours)?",
	"Has one arm or leg, or one side of the body, suddenly become weak?",
	"Is one side of the face drooping?",
	"Is speech slurred, strange or hard to find?",
	"Has sight changed suddenly (lost, blurred or double)?",
	"Has balance been lost suddenly?",
	"Is there a sudden, severe headache?",
	"Is breathing hard at rest or when lying flat?",
	"Is swallowing difficult (choking, coughing on food or drink)?",
	"Is the weakness spreading, for example climbing up from the feet over days or weeks?",
	"Has bladder or bowel control changed?",
	"Is there numbness around the bottom or between the legs?",
	"Are there muscle twitches under the skin?",
	"Is there numbness or tingling with the weakness?",
	"Are there drooping eyelids or double vision?",
	"Is there dark (cola-coloured) urine with muscle pain?",
	"Has weight been lost without trying?",
	"Is there chest pain or pressure?",
	"Are there fainting spells or dizziness?"};

const char *gradus_red_flag_key(gradus_red_flag f)
{
	return (unsigned)f < GRADUS_RF__COUNT ? rf_keys[f] : NULL;
}

const char *gradus_red_flag_question(gradus_red_flag f)
{
	return (unsigned)f < GRADUS_RF__COUNT ? rf_questions[f] : NULL;
}

static const char *const top_keys[] = {"format",  "person",   "condition",
				       "red_flags", "health", "measures",
				       "setup",   "program",  "contacts",
				       NULL};
static const char *const contacts_keys[] = {"therapist", "doctor", NULL};
static const char *const contact_keys[] = {"name", "phone", NULL};
static const char *const person_keys[] = {"name", "age", "sex", "weight_kg",
					  NULL};
static const char *const condition_keys[] = {
	"kind", "cause", "onset", "weeks", "pattern", "course", "regions",
	"immobilised", NULL};
static const char *const immob_keys[] = {"region", "ended", NULL};
static const char *const health_keys[] = {
	"conditions", "medications", "resting_bp", "resting_hr",
	"regularly_active", "falls_last_year", "egfr", "clearance", "surgery",
	"fracture", NULL};
static const char *const clearance_keys[] = {"by", "date", NULL};
static const char *const surgery_keys[] = {"kind", "side", "approach", "date",
					   NULL};
static const char *const fracture_keys[] = {"region", "date", NULL};
static const char *const measures_keys[] = {
	"date", "grip_kg", "chair_stand_5x_s", "chair_stand_30s",
	"gait_speed_m_s", "tug_s", "sppb", "sarc_f", NULL};
static const char *const setup_keys[] = {
	"start", "weeks", "days", "minutes", "supervision", "caregiver",
	"mobility", "emergency_number", "country", "equipment", "exclude",
	NULL};
static const char *const equipment_keys[] = {
	"chair", "sturdy_counter", "wall", "step", "gym", "bands",
	"ankle_weights_kg", "dumbbells_kg", NULL};
static const char *const program_keys[] = {"template", "max_rpe",
					   "sessions_per_week", "pin",
					   "start_load", NULL};
static const char *const pin_keys[] = {"slot", "exercise", NULL};
static const char *const start_load_keys[] = {"exercise", "kg", "band",
					      "machine_step", NULL};
static const char *const day_words[] = {"mon", "tue", "wed", "thu",
					"fri", "sat", "sun"};
static const char *const surgery_kinds[] = {
	"hip_replacement", "knee_replacement", "shoulder_replacement", "spine",
	"other"};
static const char *const side_words[] = {"left", "right", "both"};
static const char *const approach_words[] = {"posterior", "anterior",
					     "lateral"};

static bool date_key(cfgfile *cf, cset *g, const char *where, const char *key,
		     bool required, gradus_date *out)
{
	const char *s;
	char path[128];
	cset *m;
	arena tmp;
	bool ok;

	arena_init(&tmp);
	ok = cfg_string(cf, g, where, key, required, 32, &tmp, &s);
	if (ok && gradus_date_parse(s, out) != 0) {
		m = cfg_member(cf, g, key);
		cfg_error(cf, m,
			  "'%s' must be a real date written YYYY-MM-DD (found '%s')",
			  cfg_path(path, sizeof(path), where, key), s);
		ok = false;
	}
	arena_free(&tmp);
	return ok;
}

static bool enum_key(cfgfile *cf, cset *g, const char *where, const char *key,
		     bool required, const char *const *words, size_t n,
		     int *out)
{
	return cfg_word(cf, g, where, key, required, words, n, out);
}

static void read_person(gradus_profile *p, arena *a, cfgfile *cf, cset *root)
{
	cset *g = cfg_group(cf, root, NULL, "person", true);
	int w;

	if (!g)
		return;
	cfg_check_keys(cf, g, "person", person_keys);
	cfg_string(cf, g, "person", "name", true, 80, a, &p->name);
	cfg_int(cf, g, "person", "age", true, 18, 120, &p->age);
	if (enum_key(cf, g, "person", "sex", true, gradus_vocab_sex, 2, &w))
		p->sex = (gradus_sex)w;
	/* 25-300 kg: the format's plausible range, not a clinical rule */
	cfg_float(cf, g, "person", "weight_kg", false, 25, 300, &p->weight_kg);
}

static unsigned region_list(cfgfile *cf, cset *g, const char *where,
			    const char *key)
{
	return cfg_word_bits(cf, g, where, key, gradus_vocab_region_words,
			     GRADUS_REGION_WORDS, gradus_vocab_region_bits,
			     "must name at least one region");
}

static void read_condition(gradus_profile *p, arena *a, cfgfile *cf,
			   cset *root)
{
	const char *W = "condition";
	cset *g = cfg_group(cf, root, NULL, W, true), *im;
	int w;

	if (!g)
		return;
	cfg_check_keys(cf, g, W, condition_keys);
	if (enum_key(cf, g, W, "kind", true, gradus_vocab_kinds,
		     GRADUS_KIND__COUNT, &w))
		p->kind = (gradus_kind)w;
	cfg_string(cf, g, W, "cause", false, 300, a, &p->cause);
	if (enum_key(cf, g, W, "onset", true, gradus_vocab_onset, 2, &w))
		p->onset = (gradus_onset)w;
	cfg_int(cf, g, W, "weeks", true, 0, 5200, &p->weeks);
	if (enum_key(cf, g, W, "pattern", true, gradus_vocab_wpattern, 3, &w))
		p->pattern = (gradus_weakness_pattern)w;
	if (enum_key(cf, g, W, "course", true, gradus_vocab_course, 4, &w))
		p->course = (gradus_course)w;
	p->regions = region_list(cf, g, W, "regions");
	im = cfg_group(cf, g, W, "immobilised", false);
	if (im) {
		const char *IW = "condition.immobilised";
		p->has_immobilised = true;
		cfg_check_keys(cf, im, IW, immob_keys);
		if (enum_key(cf, im, IW, "region", true,
			     gradus_vocab_region_words, GRADUS_REGION_WORDS, &w))
			p->immobilised_region = gradus_vocab_region_bits[w];
		if (date_key(cf, im, IW, "ended", true, &p->immobilised_ended))
			p->immobilised_line =
				cfg_line(cfg_member(cf, im, "ended"));
	}
}

static void read_red_flags(gradus_profile *p, cfgfile *cf, cset *root)
{
	cset *g = cfg_group(cf, root, NULL, "red_flags", false);

	for (int i = 0; i < GRADUS_RF__COUNT; i++) {
		p->red_flags[i] = GRADUS_ANSWER_MISSING;
		p->red_flag_line[i] = 0;
	}
	if (!g)
		return; /* every question unanswered: screening stops (exit 10) */
	cfg_check_keys(cf, g, "red_flags", rf_keys);
	for (int i = 0; i < GRADUS_RF__COUNT; i++) {
		bool v;
		if (cfg_bool(cf, g, "red_flags", rf_keys[i], false, &v)) {
			p->red_flags[i] = v ? GRADUS_ANSWER_YES : GRADUS_ANSWER_NO;
			p->red_flag_line[i] =
				cfg_line(cfg_member(cf, g, rf_keys[i]));
		}
	}
}

static gradus_tags tag_words(cfgfile *cf, cset *g, const char *where,
			     const char *key, int first, int end)
{
	char path[128];
	cset *l = cfg_list(cf, g, where, key, true);
	gradus_tags tags = 0;
	int len;

	if (!l)
		return 0;
	cfg_path(path, sizeof(path), where, key);
	len = config_setting_length(l);
	for (int i = 0; i < len; i++) {
		int w;
		if (cfg_elem_word(cf, l, path, i, gradus_vocab_tags + first,
				  (size_t)(end - first), &w))
			tags |= GRADUS_TAGBIT(w + first);
	}
	return tags;
}

/* health.resting_bp's two numbers, both checked in order (so that both
 * report their errors). */
static bool resting_bp_read(cfgfile *cf, cset *bp, int *sys, int *dia)
{
	bool ok = cfg_elem_int(cf, bp, "health.resting_bp", 0, 60, 300, sys);
	return cfg_elem_int(cf, bp, "health.resting_bp", 1, 30, 200, dia) && ok;
}

static void read_health(gradus_profile *p, arena *a, cfgfile *cf, cset *root)
{
	const char *W = "health";
	cset *g = cfg_group(cf, root, NULL, W, true), *bp, *cl, *l;
	bool flag;

	if (!g)
		return;
	cfg_check_keys(cf, g, W, health_keys);
	p->conditions = tag_words(cf, g, W, "conditions", 0,
				  GRADUS_TAG__CONDITIONS_END) |
			tag_words(cf, g, W, "medications",
				  GRADUS_TAG__CONDITIONS_END,
				  GRADUS_TAG__MEDICATIONS_END);
	bp = cfg_list(cf, g, W, "resting_bp", false);
	if (bp) {
		int sys, dia;
		if (config_setting_length(bp) != 2)
			cfg_error(cf, bp, "'health.resting_bp' must be two whole numbers [systolic, diastolic] in mmHg");
		else if (resting_bp_read(cf, bp, &sys, &dia)) {
			if (dia >= sys)
				cfg_error(cf, bp, "'health.resting_bp' must be [systolic, diastolic] with the larger number first (found [%d, %d])",
					  sys, dia);
			else {
				p->resting_bp_sys = sys;
				p->resting_bp_dia = dia;
			}
		}
	}
	cfg_int(cf, g, W, "resting_hr", false, 25, 250, &p->resting_hr);
	if (cfg_bool(cf, g, W, "regularly_active", true, &flag))
		p->regularly_active = flag;
	cfg_int(cf, g, W, "falls_last_year", true, 0, 365, &p->falls_last_year);
	cfg_int(cf, g, W, "egfr", false, 1, 200, &p->egfr);
	cl = cfg_group(cf, g, W, "clearance", false);
	if (cl) {
		cfg_check_keys(cf, cl, "health.clearance", clearance_keys);
		/* both read, in order, so that both report their errors */
		p->has_clearance = cfg_string(cf, cl, "health.clearance", "by", true, 120,
					      a, &p->clearance_by);
		p->has_clearance = date_key(cf, cl, "health.clearance", "date", true,
					    &p->clearance_date) && p->has_clearance;
		p->clearance_line = cfg_line(cfg_member(cf, cl, "date"));
	}
	l = cfg_list(cf, g, W, "surgery", false);
	if (l) {
		int n = config_setting_length(l);
		gradus_surgery *s = arena_alloc(a, (size_t)(n ? n : 1) * sizeof(*s));
		if (!s)
			return;
		for (int i = 0; i < n; i++) {
			cset *e = config_setting_get_elem(l, (unsigned)i);
			char where[48];
			int w;
			snprintf(where, sizeof(where), "health.surgery[%d]", i);
			if (!config_setting_is_group(e)) {
				cfg_error(cf, e, "'%s' must be a group { ... }", where);
				continue;
			}
			cfg_check_keys(cf, e, where, surgery_keys);
			s[i].line = cfg_line(e);
			if (enum_key(cf, e, where, "kind", true, surgery_kinds, 5, &w))
				s[i].kind = surgery_kinds[w];
			if (enum_key(cf, e, where, "side", true, side_words, 3, &w))
				s[i].side = (gradus_side)w;
			if (enum_key(cf, e, where, "approach", false,
				     approach_words, 3, &w))
				s[i].approach = approach_words[w];
			date_key(cf, e, where, "date", true, &s[i].date);
		}
		p->surgery = s;
		p->n_surgery = (size_t)n;
	}
	l = cfg_list(cf, g, W, "fracture", false);
	if (l) {
		int n = config_setting_length(l);
		gradus_fracture *f = arena_alloc(a, (size_t)(n ? n : 1) * sizeof(*f));
		if (!f)
			return;
		for (int i = 0; i < n; i++) {
			cset *e = config_setting_get_elem(l, (unsigned)i);
			char where[48];
			int w;
			snprintf(where, sizeof(where), "health.fracture[%d]", i);
			if (!config_setting_is_group(e)) {
				cfg_error(cf, e, "'%s' must be a group { ... }", where);
				continue;
			}
			cfg_check_keys(cf, e, where, fracture_keys);
			f[i].line = cfg_line(e);
			if (enum_key(cf, e, where, "region", true,
				     gradus_vocab_region_words,
				     GRADUS_REGION_WORDS, &w))
				f[i].region = gradus_vocab_region_bits[w];
			date_key(cf, e, where, "date", true, &f[i].date);
		}
		p->fracture = f;
		p->n_fracture = (size_t)n;
	}
}

static void read_measures(gradus_profile *p, cfgfile *cf, cset *root)
{
	const char *W = "measures";
	cset *g = cfg_group(cf, root, NULL, W, false);
	gradus_measures *m = &p->measures;

	m->grip_kg = m->chair_stand_5x_s = m->gait_speed_m_s = m->tug_s = NAN;
	m->chair_stand_30s = m->sppb = m->sarc_f = -1;
	if (!g)
		return;
	p->has_measures = true;
	cfg_check_keys(cf, g, W, measures_keys);
	if (date_key(cf, g, W, "date", false, &m->date) &&
	    gradus_date_is_set(m->date))
		p->measures_line = cfg_line(cfg_member(cf, g, "date"));
	/* Plausible ranges of the tests themselves (format checks, not
	 * clinical cut-offs): SPPB 0-12 [SPPB], SARC-F 0-10 [SARCF]. */
	cfg_float(cf, g, W, "grip_kg", false, 0, 100, &m->grip_kg);
	cfg_float(cf, g, W, "chair_stand_5x_s", false, 3, 120, &m->chair_stand_5x_s);
	cfg_int(cf, g, W, "chair_stand_30s", false, 0, 40, &m->chair_stand_30s);
	cfg_float(cf, g, W, "gait_speed_m_s", false, 0.05, 3.0, &m->gait_speed_m_s);
	cfg_float(cf, g, W, "tug_s", false, 3, 300, &m->tug_s);
	cfg_int(cf, g, W, "sppb", false, 0, 12, &m->sppb);
	cfg_int(cf, g, W, "sarc_f", false, 0, 10, &m->sarc_f);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void weights(cfgfile *cf, cset *g, const char *key, double *out,
		    size_t *n_out)
{
	char path[96];
	cset *l = cfg_list(cf, g, "setup.equipment", key, false);
	int len;
	size_t n = 0;

	if (!l)
		return;
	cfg_path(path, sizeof(path), "setup.equipment", key);
	len = config_setting_length(l);
	if (len > GRADUS_MAX_WEIGHTS) {
		cfg_error(cf, l, "'%s' lists %d weights; at most %d are allowed",
			  path, len, GRADUS_MAX_WEIGHTS);
		return;
	}
	for (int i = 0; i < len; i++) {
		double v;
		/* 0.25-50 kg: what home and gym weights come in */
		if (cfg_elem_float(cf, l, path, i, 0.25, 50, &v))
			out[n++] = v;
	}
	qsort(out, n, sizeof(*out), cmp_double);
	for (size_t i = 1; i < n; i++)
		if (out[i] == out[i - 1]) {
			cfg_error(cf, l, "'%s' lists %g kg twice", path, out[i]);
			break;
		}
	*n_out = n;
}

static void read_equipment(gradus_profile *p, cfgfile *cf, cset *setup)
{
	const char *W = "setup.equipment";
	cset *g = cfg_group(cf, setup, "setup", "equipment", true), *b;
	static const struct {
		const char *key;
		unsigned bit;
	} flags[] = {{"chair", GRADUS_EQ_CHAIR},
		     {"sturdy_counter", GRADUS_EQ_STURDY_COUNTER},
		     {"wall", GRADUS_EQ_WALL},
		     {"step", GRADUS_EQ_STEP},
		     {"gym", GRADUS_EQ_GYM}};

	p->equipment = GRADUS_EQ_BED;
	if (!g)
		return;
	cfg_check_keys(cf, g, W, equipment_keys);
	for (size_t i = 0; i < COUNT(flags); i++) {
		bool v;
		if (cfg_bool(cf, g, W, flags[i].key, false, &v) && v)
			p->equipment |= flags[i].bit;
	}
	b = cfg_list(cf, g, W, "bands", false);
	if (b) {
		int len = config_setting_length(b);
		for (int i = 0; i < len; i++) {
			int w;
			if (cfg_elem_word(cf, b, "setup.equipment.bands", i,
					  gradus_vocab_bands, GRADUS_BAND__COUNT, &w)) {
				if (p->bands & (1u << w))
					cfg_error(cf, b, "'setup.equipment.bands' lists '%s' twice",
						  gradus_vocab_bands[w]);
				p->bands |= 1u << w;
			}
		}
	}
	weights(cf, g, "ankle_weights_kg", p->ankle_weights_kg,
		&p->n_ankle_weights);
	weights(cf, g, "dumbbells_kg", p->dumbbells_kg, &p->n_dumbbells);
	/* a gym has chairs, walls, steps and rails to hold */
	if (p->equipment & GRADUS_EQ_GYM)
		p->equipment |= GRADUS_EQ_CHAIR | GRADUS_EQ_STURDY_COUNTER |
				GRADUS_EQ_WALL | GRADUS_EQ_STEP;
	if (p->bands)
		p->equipment |= GRADUS_EQ_BAND;
	if (p->n_ankle_weights)
		p->equipment |= GRADUS_EQ_ANKLE_WEIGHT;
	if (p->n_dumbbells)
		p->equipment |= GRADUS_EQ_DUMBBELL;
}

/* setup.country and setup.emergency_number: the number as written, or
 * else the country's from the table (load/country.c). */
static void read_emergency(gradus_profile *p, arena *a, cfgfile *cf, cset *g)
{
	const char *codes[GRADUS_MAX_COUNTRIES], *hint;
	char up[3] = "";
	size_t n;

	if (cfg_string(cf, g, "setup", "emergency_number", false, 20, a,
		       &p->emergency_number)) {
		for (const char *c = p->emergency_number; *c; c++)
			if (!((*c >= '0' && *c <= '9') || *c == ' ' || *c == '+' ||
			      *c == '-')) {
				cfg_error(cf, cfg_member(cf, g, "emergency_number"),
					  "'setup.emergency_number' must be a telephone number: digits, spaces, '+' and '-' (found '%s')",
					  p->emergency_number);
				break;
			}
	}
	if (!cfg_string(cf, g, "setup", "country", false, 8, a, &p->country))
		return;
	if (gradus_country_emergency_number(p->country)) {
		if (!p->emergency_number) {
			p->emergency_number = gradus_country_emergency_number(p->country);
			p->emergency_from_country = true;
		}
		return;
	}
	/* a hint: the code in capitals, "GB" for "UK", or a near code */
	if (strlen(p->country) == 2) {
		up[0] = (char)(p->country[0] & ~0x20);
		up[1] = (char)(p->country[1] & ~0x20);
		up[2] = '\0';
	}
	n = gradus_country_codes(codes, GRADUS_MAX_COUNTRIES);
	if (strcmp(up, "UK") == 0)
		hint = "GB";
	else if (up[0] && gradus_country_emergency_number(up))
		hint = up;
	else
		hint = cfg_closest(p->country, codes, n);
	if (hint)
		cfg_error(cf, cfg_member(cf, g, "country"),
			  "'setup.country' is '%s', which is not in gradus's table of emergency numbers; did you mean '%s'? (Or leave 'country' out and write the number in 'setup.emergency_number'.)",
			  p->country, hint);
	else
		cfg_error(cf, cfg_member(cf, g, "country"),
			  "'setup.country' is '%s', which is not in gradus's table of emergency numbers (two capital letters of ISO 3166-1, such as \"US\" or \"GB\"; docs/formats.md lists them). Leave 'country' out and write the number in 'setup.emergency_number'.",
			  p->country);
}

static void read_setup(gradus_profile *p, arena *a, cfgfile *cf, cset *root,
		       const gradus_catalogue *cat)
{
	const char *W = "setup";
	cset *g = cfg_group(cf, root, NULL, W, true), *days;
	int w;

	if (!g)
		return;
	cfg_check_keys(cf, g, W, setup_keys);
	date_key(cf, g, W, "start", false, &p->start);
	cfg_int(cf, g, W, "weeks", true, 1, 52, &p->weeks_planned);
	days = cfg_list(cf, g, W, "days", true);
	if (days) {
		int len = config_setting_length(days);
		if (len == 0)
			cfg_error(cf, days, "'setup.days' must name at least one day");
		for (int i = 0; i < len; i++)
			if (cfg_elem_word(cf, days, "setup.days", i, day_words, 7, &w)) {
				if (p->days & (1u << w))
					cfg_error(cf, days, "'setup.days' lists '%s' twice",
						  day_words[w]);
				p->days |= 1u << w;
			}
	}
	/* 10-120 minutes: the format's range; about 30 min suits home
	 * programmes [OTAGO, ACSM2009OA]. */
	cfg_int(cf, g, W, "minutes", true, 10, 120, &p->minutes);
	if (enum_key(cf, g, W, "supervision", true, gradus_vocab_supervision, 3, &w))
		p->supervision = (gradus_supervision)w;
	cfg_string(cf, g, W, "caregiver", false, 80, a, &p->caregiver);
	if (enum_key(cf, g, W, "mobility", true, gradus_vocab_mobility,
		     GRADUS_MOB__COUNT, &w))
		p->mobility = (gradus_mobility)w;
	read_emergency(p, a, cf, g);
	read_equipment(p, cf, g);
	if (cfg_has(g, "exclude") &&
	    cfg_string_list(cf, g, W, "exclude", false, 0, 200, 64, a,
			    &p->exclude, &p->n_exclude) &&
	    cat) {
		cset *l = cfg_member(cf, g, "exclude");
		size_t n_ids = gradus_catalogue_count(cat);
		const char **ids = malloc((n_ids ? n_ids : 1) * sizeof(*ids));
		for (size_t i = 0; ids && i < n_ids; i++)
			ids[i] = gradus_catalogue_get(cat, i)->id;
		for (size_t i = 0; i < p->n_exclude; i++) {
			const char *hint;
			if (gradus_catalogue_find(cat, p->exclude[i]))
				continue;
			hint = ids ? cfg_closest(p->exclude[i], ids, n_ids) : NULL;
			if (hint)
				cfg_error(cf, config_setting_get_elem(l, (unsigned)i),
					  "'setup.exclude[%zu]' names '%s', which is not in the catalogue; did you mean '%s'?",
					  i, p->exclude[i], hint);
			else
				cfg_error(cf, config_setting_get_elem(l, (unsigned)i),
					  "'setup.exclude[%zu]' names '%s', which is not in the catalogue",
					  i, p->exclude[i]);
		}
		free(ids);
	}
}

/* `where`.exercise: an id of the catalogue (with a "did you mean" hint
 * when not). Returns the exercise, or NULL when the id is bad, unknown
 * or there is no catalogue to ask; *id is set whenever the text is
 * good. */
static const gradus_exercise *exercise_key(cfgfile *cf, cset *e,
					   const char *where, arena *a,
					   const gradus_catalogue *cat,
					   const char **id)
{
	const gradus_exercise *ex;
	const char *hint = NULL;
	size_t n_ids;
	const char **ids;

	*id = NULL;
	if (!cfg_string(cf, e, where, "exercise", true, 64, a, id) || !cat)
		return NULL;
	ex = gradus_catalogue_find(cat, *id);
	if (ex)
		return ex;
	n_ids = gradus_catalogue_count(cat);
	ids = malloc((n_ids ? n_ids : 1) * sizeof(*ids));
	for (size_t i = 0; ids && i < n_ids; i++)
		ids[i] = gradus_catalogue_get(cat, i)->id;
	if (ids)
		hint = cfg_closest(*id, ids, n_ids);
	if (hint)
		cfg_error(cf, cfg_member(cf, e, "exercise"),
			  "'%s.exercise' names '%s', which is not in the catalogue; did you mean '%s'?",
			  where, *id, hint);
	else
		cfg_error(cf, cfg_member(cf, e, "exercise"),
			  "'%s.exercise' names '%s', which is not in the catalogue",
			  where, *id);
	free(ids);
	return NULL;
}

static bool excluded(const gradus_profile *p, const char *id)
{
	for (size_t i = 0; i < p->n_exclude; i++)
		if (strcmp(p->exclude[i], id) == 0)
			return true;
	return false;
}

/* program.pin: the therapist's exercise for a slot. */
static void read_pins(gradus_profile *p, arena *a, cfgfile *cf, cset *g,
		      const gradus_catalogue *cat)
{
	cset *l = cfg_list(cf, g, "program", "pin", false);
	gradus_pin *pins;
	int len;

	if (!l)
		return;
	len = config_setting_length(l);
	if (len > GRADUS_MAX_PINS) {
		cfg_error(cf, l, "'program.pin' lists %d pins; at most %d are allowed",
			  len, GRADUS_MAX_PINS);
		return;
	}
	pins = arena_alloc(a, (size_t)(len ? len : 1) * sizeof(*pins));
	if (!pins)
		return;
	for (int i = 0; i < len; i++) {
		cset *e = config_setting_get_elem(l, (unsigned)i);
		const gradus_exercise *ex;
		char where[48];
		int w;
		bool slot_ok = false;

		snprintf(where, sizeof(where), "program.pin[%d]", i);
		pins[i].slot = GRADUS_PAT__COUNT;
		pins[i].exercise = NULL;
		pins[i].line = cfg_line(e);
		if (!config_setting_is_group(e)) {
			cfg_error(cf, e, "'%s' must be a group { ... }", where);
			continue;
		}
		cfg_check_keys(cf, e, where, pin_keys);
		if (cfg_word(cf, e, where, "slot", true, gradus_vocab_patterns,
			     GRADUS_PAT__COUNT, &w)) {
			if (w == GRADUS_PAT_BALANCE || w == GRADUS_PAT_MOBILITY ||
			    w == GRADUS_PAT_WARMUP)
				cfg_error(cf, cfg_member(cf, e, "slot"),
					  "'%s.slot' is '%s'; only strength slots can be pinned (balance, warm-up and mobility are not slots)",
					  where, gradus_vocab_patterns[w]);
			else {
				slot_ok = true;
				pins[i].slot = (gradus_pattern)w;
				for (int k = 0; k < i; k++)
					if (pins[k].slot == pins[i].slot) {
						cfg_error(cf, e, "'%s' pins the '%s' slot again (first pinned on line %d)",
							  where, gradus_vocab_patterns[w],
							  pins[k].line);
						break;
					}
			}
		}
		ex = exercise_key(cf, e, where, a, cat, &pins[i].exercise);
		if (pins[i].exercise && excluded(p, pins[i].exercise))
			cfg_error(cf, cfg_member(cf, e, "exercise"),
				  "'%s': '%s' is also in 'setup.exclude'; pin it or exclude it, not both",
				  where, pins[i].exercise);
		else if (ex && slot_ok && ex->pattern != pins[i].slot)
			cfg_error(cf, cfg_member(cf, e, "exercise"),
				  "'%s': '%s' is a %s exercise, not %s", where,
				  ex->id, gradus_vocab_patterns[ex->pattern],
				  gradus_vocab_patterns[pins[i].slot]);
	}
	p->pins = pins;
	p->n_pins = (size_t)len;
}

/* "0.5, 1" or "none" */
static const char *kg_list(char *buf, size_t n, const double *kg, size_t count)
{
	size_t used = 0;

	snprintf(buf, n, "none");
	for (size_t i = 0; i < count && used < n; i++) {
		int w = snprintf(buf + used, n - used, "%s%g", i ? ", " : "", kg[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

/* The key a start load of this load kind is given with, or NULL. */
static const char *load_key(gradus_load_kind k)
{
	switch (k) {
	case GRADUS_LOAD_ANKLE_WEIGHT:
	case GRADUS_LOAD_DUMBBELL: return "kg";
	case GRADUS_LOAD_BAND: return "band";
	case GRADUS_LOAD_MACHINE: return "machine_step";
	default: return NULL;
	}
}

static const char *load_words(gradus_load_kind k)
{
	switch (k) {
	case GRADUS_LOAD_ANKLE_WEIGHT: return "with an ankle weight";
	case GRADUS_LOAD_DUMBBELL: return "with a dumbbell";
	case GRADUS_LOAD_BAND: return "with a band";
	default: return "on a machine";
	}
}

/* program.start_load: where one exercise starts. */
static void read_start_loads(gradus_profile *p, arena *a, cfgfile *cf,
			     cset *g, const gradus_catalogue *cat)
{
	static const char *const keys[] = {"kg", "band", "machine_step"};
	cset *l = cfg_list(cf, g, "program", "start_load", false);
	gradus_start_load *sl;
	int len;

	if (!l)
		return;
	len = config_setting_length(l);
	if (len > GRADUS_MAX_START_LOADS) {
		cfg_error(cf, l, "'program.start_load' lists %d start loads; at most %d are allowed",
			  len, GRADUS_MAX_START_LOADS);
		return;
	}
	sl = arena_alloc(a, (size_t)(len ? len : 1) * sizeof(*sl));
	if (!sl)
		return;
	for (int i = 0; i < len; i++) {
		cset *e = config_setting_get_elem(l, (unsigned)i);
		const gradus_exercise *ex;
		const char *given = NULL, *want;
		char where[48], path[96], owned[400];
		int n_given = 0;
		bool value_ok = false;

		snprintf(where, sizeof(where), "program.start_load[%d]", i);
		sl[i].exercise = NULL;
		sl[i].kg = NAN;
		sl[i].band = -1;
		sl[i].machine_step = -1;
		sl[i].line = cfg_line(e);
		if (!config_setting_is_group(e)) {
			cfg_error(cf, e, "'%s' must be a group { ... }", where);
			continue;
		}
		cfg_check_keys(cf, e, where, start_load_keys);
		ex = exercise_key(cf, e, where, a, cat, &sl[i].exercise);
		for (int k = 0; sl[i].exercise && k < i; k++)
			if (sl[k].exercise && strcmp(sl[k].exercise, sl[i].exercise) == 0) {
				cfg_error(cf, e, "'%s' gives a start load for '%s' again (first on line %d)",
					  where, sl[i].exercise, sl[k].line);
				break;
			}
		for (size_t k = 0; k < COUNT(keys); k++)
			if (cfg_has(e, keys[k])) {
				given = keys[k];
				n_given++;
			}
		if (n_given != 1) {
			cfg_error(cf, e, "'%s' must give exactly one of 'kg', 'band' or 'machine_step'",
				  where);
			continue;
		}
		/* 0.1-50 kg and machine steps 0-30: the format's ranges */
		if (strcmp(given, "kg") == 0)
			value_ok = cfg_float(cf, e, where, "kg", true, 0.1, 50, &sl[i].kg);
		else if (strcmp(given, "band") == 0)
			value_ok = cfg_word(cf, e, where, "band", true,
					    gradus_vocab_bands, GRADUS_BAND__COUNT,
					    &sl[i].band);
		else
			value_ok = cfg_int(cf, e, where, "machine_step", true, 0, 30,
					   &sl[i].machine_step);
		if (!ex)
			continue;
		want = load_key(ex->load);
		if (!want) {
			cfg_error(cf, e, "'%s': '%s' uses body weight only, so it has no start load",
				  where, ex->id);
			continue;
		}
		if (strcmp(want, given) != 0) {
			cfg_error(cf, cfg_member(cf, e, given),
				  "'%s': '%s' is loaded %s, so its start load is '%s', not '%s'",
				  where, ex->id, load_words(ex->load), want, given);
			continue;
		}
		if (!value_ok)
			continue;
		cfg_path(path, sizeof(path), where, given);
		if (ex->load == GRADUS_LOAD_BAND) {
			if (!(p->bands & (1u << sl[i].band))) {
				size_t used = 0;
				snprintf(owned, sizeof(owned), "none");
				for (int b = 0; b < GRADUS_BAND__COUNT && used < sizeof(owned); b++)
					if (p->bands & (1u << b)) {
						int w = snprintf(owned + used, sizeof(owned) - used,
								 "%s%s", used ? ", " : "",
								 gradus_vocab_bands[b]);
						if (w < 0)
							break;
						used += (size_t)w;
					}
				cfg_error(cf, cfg_member(cf, e, given),
					  "'%s' is '%s', which is not one of the person's bands in 'setup.equipment.bands' (%s)",
					  path, gradus_vocab_bands[sl[i].band], owned);
			}
		} else if (ex->load != GRADUS_LOAD_MACHINE) {
			bool ankle = ex->load == GRADUS_LOAD_ANKLE_WEIGHT;
			const double *kg = ankle ? p->ankle_weights_kg : p->dumbbells_kg;
			size_t n = ankle ? p->n_ankle_weights : p->n_dumbbells, k;
			for (k = 0; k < n; k++)
				if (fabs(kg[k] - sl[i].kg) < 1e-9)
					break;
			if (k == n)
				cfg_error(cf, cfg_member(cf, e, given),
					  "'%s' is %g kg, which is not one of the person's %s in 'setup.equipment.%s' (%s)",
					  path, sl[i].kg,
					  ankle ? "ankle weights" : "dumbbells",
					  ankle ? "ankle_weights_kg" : "dumbbells_kg",
					  kg_list(owned, sizeof(owned), kg, n));
		}
	}
	p->start_loads = sl;
	p->n_start_loads = (size_t)len;
}

static void read_program(gradus_profile *p, arena *a, cfgfile *cf,
			 cset *root, const gradus_catalogue *cat,
			 const gradus_templates *tpl)
{
	const char *W = "program";
	cset *g = cfg_group(cf, root, NULL, W, false);

	p->max_rpe = -1;
	p->sessions_per_week = -1;
	if (!g)
		return;
	cfg_check_keys(cf, g, W, program_keys);
	if (cfg_string(cf, g, W, "template", false, 64, a, &p->template_id) &&
	    tpl && !gradus_templates_find(tpl, p->template_id)) {
		const char *ids[64];
		size_t n = gradus_templates_count(tpl);
		const char *hint;
		if (n > 64)
			n = 64;
		for (size_t i = 0; i < n; i++)
			ids[i] = gradus_templates_get(tpl, i)->id;
		hint = cfg_closest(p->template_id, ids, n);
		if (hint)
			cfg_error(cf, cfg_member(cf, g, "template"),
				  "'program.template' names '%s', which is not a known template; did you mean '%s'?",
				  p->template_id, hint);
		else
			cfg_error(cf, cfg_member(cf, g, "template"),
				  "'program.template' names '%s', which is not a known template",
				  p->template_id);
	}
	cfg_int(cf, g, W, "max_rpe", false, 1, 10, &p->max_rpe);
	cfg_int(cf, g, W, "sessions_per_week", false, 1, 3, &p->sessions_per_week);
	/* after read_setup: pins and start loads are checked against
	 * setup.exclude and the equipment the person owns */
	read_pins(p, a, cf, g, cat);
	read_start_loads(p, a, cf, g, cat);
}

/* contacts.therapist, contacts.doctor: { name; phone; }, both keys
 * required. A phone is digits, spaces, '+', '-', '(' and ')', with at
 * least 3 digits. */
static void read_contact(gradus_contact *c, arena *a, cfgfile *cf, cset *g,
			 const char *key)
{
	char where[32];
	cset *e = cfg_group(cf, g, "contacts", key, false);
	int digits = 0;
	bool bad = false;

	if (!e)
		return;
	snprintf(where, sizeof(where), "contacts.%s", key);
	cfg_check_keys(cf, e, where, contact_keys);
	cfg_string(cf, e, where, "name", true, 80, a, &c->name);
	if (!cfg_string(cf, e, where, "phone", true, 20, a, &c->phone))
		return;
	for (const char *ch = c->phone; *ch; ch++) {
		if (*ch >= '0' && *ch <= '9')
			digits++;
		else if (!strchr(" +-()", *ch))
			bad = true;
	}
	if (bad || digits < 3)
		cfg_error(cf, cfg_member(cf, e, "phone"),
			  "'%s.phone' must be a telephone number: at least 3 digits, with spaces, '+', '-', '(' and ')' if you like (found '%s')",
			  where, c->phone);
}

static void read_contacts(gradus_profile *p, arena *a, cfgfile *cf,
			  cset *root)
{
	cset *g = cfg_group(cf, root, NULL, "contacts", false);

	if (!g)
		return;
	cfg_check_keys(cf, g, "contacts", contacts_keys);
	read_contact(&p->therapist, a, cf, g, "therapist");
	read_contact(&p->doctor, a, cf, g, "doctor");
}

int profile_load_cfg(gradus_profile **out, cfgfile *cf, int rc,
		     const gradus_catalogue *cat, const gradus_templates *tpl)
{
	profile_box *b;
	gradus_profile *p;
	cset *root;
	int format;

	*out = NULL;
	if (rc != GRADUS_OK)
		return rc;
	b = calloc(1, sizeof(*b));
	if (!b)
		return GRADUS_ENOMEM;
	arena_init(&b->a);
	p = &b->p;
	p->weight_kg = NAN;
	p->resting_bp_sys = p->resting_bp_dia = p->resting_hr = p->egfr = -1;
	p->file = arena_strdup(&b->a, cf->name);
	root = cfg_root(cf);
	cfg_check_keys(cf, root, NULL, top_keys);
	cfg_int(cf, root, NULL, "format", true, 1, 1, &format);
	read_person(p, &b->a, cf, root);
	read_condition(p, &b->a, cf, root);
	read_red_flags(p, cf, root);
	read_health(p, &b->a, cf, root);
	read_measures(p, cf, root);
	read_setup(p, &b->a, cf, root, cat);
	read_program(p, &b->a, cf, root, cat, tpl);
	read_contacts(p, &b->a, cf, root);
	if (p->has_immobilised && !(p->immobilised_region & p->regions) &&
	    p->immobilised_region != GRADUS_REG_ALL)
		cfg_warning(cf, cfg_member(cf, 
				    cfg_member(cf, root, "condition"),
				    "immobilised"),
			    "the immobilised region is not among 'condition.regions'");
	if (cf->errors || b->a.failed) {
		int err = b->a.failed ? GRADUS_ENOMEM : GRADUS_EINVALID;
		gradus_profile_free(p);
		return err;
	}
	*out = p;
	return GRADUS_OK;
}

/* ---- dates against the start (gradus_profile_check_dates) ---- */

/* Our own conservative choice (D): an immobilisation that ended more
 * than a year before the start explains no weakness now. */
#define IMMOB_MAX_DAYS_BEFORE 365

typedef struct {
	const gradus_profile *p;
	gradus_diags *d;
	gradus_date start;
	long start_days, born;   /* born: 1 January of the earliest birth year */
	int errors;              /* counts GRADUS_SEV_ERROR only */
	gradus_severity sev;     /* of the next date_error */
} date_check;

/* "'KEY' is DATE, WHY" where WHY may hold one %s: the start date. */
static void date_error(date_check *c, int line, const char *key,
		       gradus_date when, const char *why)
{
	char ds[11], ss[11], msg[320];
	gradus_date_format(when, ds);
	gradus_date_format(c->start, ss);
	snprintf(msg, sizeof(msg), why, ss);
	gradus_diags_add(c->d, c->sev, c->p->file ? c->p->file : "", line,
			 "'%s' is %s, %s", key, ds, msg);
	c->errors += c->sev == GRADUS_SEV_ERROR;
}

/* Before the person was born: an error; true when it was. */
static bool before_birth(date_check *c, int line, const char *key,
			 gradus_date when)
{
	char why[96];
	if (gradus_date_days(when) >= c->born)
		return false;
	snprintf(why, sizeof(why), "before the person was born (age %d on %%s)",
		 c->p->age);
	date_error(c, line, key, when, why);
	return true;
}

int gradus_profile_check_dates(const gradus_profile *p, gradus_date start,
			       gradus_diags *d)
{
	date_check c = {p, d, start, 0, 0, 0, GRADUS_SEV_ERROR};
	char key[48];

	if (!p || !gradus_date_is_set(start))
		return 0;
	c.start_days = gradus_date_days(start);
	/* born between 1 January of (start year - age - 1) and the start
	 * less `age` years: anything before the first is impossible */
	c.born = gradus_date_days((gradus_date){start.y - p->age - 1, 1, 1});
	if (p->has_immobilised && gradus_date_is_set(p->immobilised_ended) &&
	    !before_birth(&c, p->immobilised_line, "condition.immobilised.ended",
			  p->immobilised_ended) &&
	    c.start_days - gradus_date_days(p->immobilised_ended) > IMMOB_MAX_DAYS_BEFORE)
		date_error(&c, p->immobilised_line, "condition.immobilised.ended",
			   p->immobilised_ended,
			   "more than a year before the start (%s): weakness that long after a cast, brace or bed rest is not disuse alone; leave 'immobilised' out");
	if (p->has_clearance && gradus_date_is_set(p->clearance_date))
		before_birth(&c, p->clearance_line, "health.clearance.date",
			     p->clearance_date);
	for (size_t i = 0; i < p->n_surgery; i++) {
		snprintf(key, sizeof(key), "health.surgery[%zu].date", i);
		before_birth(&c, p->surgery[i].line, key, p->surgery[i].date);
	}
	for (size_t i = 0; i < p->n_fracture; i++) {
		snprintf(key, sizeof(key), "health.fracture[%zu].date", i);
		if (!before_birth(&c, p->fracture[i].line, key, p->fracture[i].date) &&
		    gradus_date_days(p->fracture[i].date) > c.start_days)
			date_error(&c, p->fracture[i].line, key, p->fracture[i].date,
				   "after the start (%s): a broken bone cannot be dated in the future");
	}
	/* tests done after the start still describe the person: a warning
	 * (the review, which dates progress by them, makes it an error) */
	if (p->has_measures && gradus_date_is_set(p->measures.date) &&
	    !before_birth(&c, p->measures_line, "measures.date", p->measures.date) &&
	    gradus_date_days(p->measures.date) > c.start_days) {
		c.sev = GRADUS_SEV_WARNING;
		date_error(&c, p->measures_line, "measures.date", p->measures.date,
			   "after the start (%s): the plan's starting level comes from tests done after it began; check both dates (later re-tests go in the session log)");
	}
	return c.errors;
}

int gradus_profile_load_file(gradus_profile **out, const char *path,
			     const gradus_catalogue *cat,
			     const gradus_templates *tpl, gradus_diags *d)
{
	cfgfile cf;
	int rc = cfg_open_file(&cf, path, d);
	rc = profile_load_cfg(out, &cf, rc, cat, tpl);
	cfg_close(&cf);
	return rc;
}

int gradus_profile_load_string(gradus_profile **out, const char *name,
			       const char *text, const gradus_catalogue *cat,
			       const gradus_templates *tpl, gradus_diags *d)
{
	cfgfile cf;
	int rc = cfg_open_string(&cf, name, text, d);
	rc = profile_load_cfg(out, &cf, rc, cat, tpl);
	cfg_close(&cf);
	return rc;
}

void gradus_profile_free(gradus_profile *p)
{
	profile_box *b = (profile_box *)p;
	if (!b)
		return;
	arena_free(&b->a);
	free(b);
}
