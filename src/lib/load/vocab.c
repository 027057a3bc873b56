#include "gradus/vocab.h"

#include <string.h>

#include "gradus/profile.h"
#include "gradus/template.h"
#include "util/util.h"
#include "load/load.h"


const char *const gradus_vocab_patterns[GRADUS_PAT__COUNT] = {
	"sit_to_stand", "squat", "hinge", "lunge", "knee_extension",
	"knee_flexion", "hip_abduction", "hip_extension", "calf_raise",
	"toe_raise", "push", "pull", "press", "core", "grip", "balance",
	"mobility", "warmup"};

const char *const gradus_vocab_positions[GRADUS_POS__COUNT] = {
	"bed", "supine", "seated", "standing_supported", "standing", "prone",
	"side_lying"};

const char *const gradus_vocab_loads[GRADUS_LOAD__COUNT] = {
	"bodyweight", "band", "ankle_weight", "dumbbell", "machine"};

const char *const gradus_vocab_equipment[GRADUS_EQ__COUNT] = {
	"chair", "sturdy_counter", "wall", "step", "gym", "band",
	"ankle_weight", "dumbbell", "bed"};

const char *const gradus_vocab_regions[7] = {
	"left_leg", "right_leg", "left_arm", "right_arm", "hips", "trunk",
	"hands"};

const char *const gradus_vocab_tags[GRADUS_TAG__COUNT] = {
	"hypertension", "heart_disease", "heart_failure", "diabetes",
	"kidney_disease", "osteoporosis", "osteoarthritis", "copd", "dementia",
	"parkinsons", "stroke_history", "cancer",
	"blood_thinner", "insulin", "beta_blocker", "statin", "steroid",
	"hip_posterior_precautions", "spinal_flexion", "spinal_twist",
	"fall_risk", "floor_transfer", "breath_holding", "kneeling",
	"high_impact", "weight_through_hands"};

static int find(const char *const *names, size_t n, const char *s)
{
	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

static int bit_index(unsigned bit)
{
	if (bit == 0 || (bit & (bit - 1)) != 0)
		return -1;
	int i = 0;
	while (!(bit & 1u)) {
		bit >>= 1;
		i++;
	}
	return i;
}

const char *gradus_pattern_name(gradus_pattern p)
{
	return (unsigned)p < GRADUS_PAT__COUNT ? gradus_vocab_patterns[p] : NULL;
}

const char *gradus_position_name(gradus_position p)
{
	return (unsigned)p < GRADUS_POS__COUNT ? gradus_vocab_positions[p] : NULL;
}

const char *gradus_load_name(gradus_load_kind k)
{
	return (unsigned)k < GRADUS_LOAD__COUNT ? gradus_vocab_loads[k] : NULL;
}

const char *gradus_equipment_name(unsigned bit)
{
	int i = bit_index(bit);
	return i >= 0 && i < GRADUS_EQ__COUNT ? gradus_vocab_equipment[i] : NULL;
}

const char *gradus_region_name(unsigned bit)
{
	int i = bit_index(bit);
	return i >= 0 && i < (int)COUNT(gradus_vocab_regions) ? gradus_vocab_regions[i] : NULL;
}

const char *gradus_tag_name(gradus_tag t)
{
	return (unsigned)t < GRADUS_TAG__COUNT ? gradus_vocab_tags[t] : NULL;
}

const char *const gradus_vocab_support[] = {"two_hands", "one_hand",
					    "fingertips", "none"};
const char *gradus_support_name(gradus_support s)
{
	return s >= 0 && s <= GRADUS_SUPPORT_NONE ? gradus_vocab_support[s] : "n/a";
}

int gradus_pattern_parse(const char *s, gradus_pattern *out)
{
	int i = find(gradus_vocab_patterns, COUNT(gradus_vocab_patterns), s);
	if (i < 0)
		return -1;
	*out = (gradus_pattern)i;
	return 0;
}

int gradus_position_parse(const char *s, gradus_position *out)
{
	int i = find(gradus_vocab_positions, COUNT(gradus_vocab_positions), s);
	if (i < 0)
		return -1;
	*out = (gradus_position)i;
	return 0;
}

int gradus_load_parse(const char *s, gradus_load_kind *out)
{
	int i = find(gradus_vocab_loads, COUNT(gradus_vocab_loads), s);
	if (i < 0)
		return -1;
	*out = (gradus_load_kind)i;
	return 0;
}

int gradus_equipment_parse(const char *s, unsigned *out_bit)
{
	int i = find(gradus_vocab_equipment, COUNT(gradus_vocab_equipment), s);
	if (i < 0)
		return -1;
	*out_bit = 1u << i;
	return 0;
}

int gradus_region_parse(const char *s, unsigned *out_bits)
{
	int i;
	if (!s)
		return -1;
	if (strcmp(s, "legs") == 0) {
		*out_bits = GRADUS_REG_LEGS;
		return 0;
	}
	if (strcmp(s, "arms") == 0) {
		*out_bits = GRADUS_REG_ARMS;
		return 0;
	}
	if (strcmp(s, "whole_body") == 0) {
		*out_bits = GRADUS_REG_ALL;
		return 0;
	}
	i = find(gradus_vocab_regions, COUNT(gradus_vocab_regions), s);
	if (i < 0)
		return -1;
	*out_bits = 1u << i;
	return 0;
}

int gradus_tag_parse(const char *s, gradus_tag *out)
{
	int i = find(gradus_vocab_tags, COUNT(gradus_vocab_tags), s);
	if (i < 0)
		return -1;
	*out = (gradus_tag)i;
	return 0;
}

/* ---- words of the profile and template formats ---- */

const char *const gradus_vocab_kinds[GRADUS_KIND__COUNT] = {
	"disuse", "sarcopenia", "neurogenic", "unknown"};
const char *const gradus_vocab_classes[GRADUS_CLASS__COUNT] = {"A", "B", "C",
							      "D"};
const char *const gradus_vocab_mobility[GRADUS_MOB__COUNT] = {
	"bed", "wheelchair", "walks_with_aid", "independent"};
const char *const gradus_vocab_bands[GRADUS_BAND__COUNT] = {
	"yellow", "red", "green", "blue", "black", "silver", "gold"};
const char *const gradus_vocab_sex[2] = {"female", "male"};
const char *const gradus_vocab_onset[2] = {"gradual", "sudden"};
const char *const gradus_vocab_wpattern[3] = {"symmetric", "one_sided",
					     "one_limb"};
const char *const gradus_vocab_course[4] = {"improving", "stable",
					   "worsening_slowly",
					   "worsening_fast"};
const char *const gradus_vocab_supervision[3] = {"alone", "caregiver",
						"therapist"};

#define NAME_FN(fn, type, table)                                              \
	const char *fn(type v)                                                \
	{                                                                     \
		return (unsigned)v < COUNT(table) ? table[v] : NULL;          \
	}

NAME_FN(gradus_kind_name, gradus_kind, gradus_vocab_kinds)
NAME_FN(gradus_class_name, gradus_class, gradus_vocab_classes)
NAME_FN(gradus_mobility_name, gradus_mobility, gradus_vocab_mobility)
NAME_FN(gradus_band_name, gradus_band, gradus_vocab_bands)
NAME_FN(gradus_sex_name, gradus_sex, gradus_vocab_sex)
NAME_FN(gradus_onset_name, gradus_onset, gradus_vocab_onset)
NAME_FN(gradus_weakness_pattern_name, gradus_weakness_pattern, gradus_vocab_wpattern)
NAME_FN(gradus_course_name, gradus_course, gradus_vocab_course)
NAME_FN(gradus_supervision_name, gradus_supervision, gradus_vocab_supervision)

const char *gradus_region_words(unsigned regions)
{
	static const struct {
		unsigned bits;
		const char *words;
	} parts[] = {{GRADUS_REG_LEFT_LEG, "your left leg"},
		     {GRADUS_REG_RIGHT_LEG, "your right leg"},
		     {GRADUS_REG_LEFT_ARM, "your left arm"},
		     {GRADUS_REG_RIGHT_ARM, "your right arm"},
		     {GRADUS_REG_HIPS, "your hips"},
		     {GRADUS_REG_TRUNK, "your back"},
		     {GRADUS_REG_HANDS, "your hands"},
		     {GRADUS_REG_LEGS, "your legs"},
		     {GRADUS_REG_ARMS, "your arms"}};

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i].bits == regions)
			return parts[i].words;
	return NULL;
}

const char *const gradus_vocab_region_words[GRADUS_REGION_WORDS] = {
	"left_leg", "right_leg", "left_arm", "right_arm", "hips", "trunk",
	"hands", "legs", "arms", "whole_body"};
const unsigned gradus_vocab_region_bits[GRADUS_REGION_WORDS] = {
	GRADUS_REG_LEFT_LEG, GRADUS_REG_RIGHT_LEG, GRADUS_REG_LEFT_ARM,
	GRADUS_REG_RIGHT_ARM, GRADUS_REG_HIPS, GRADUS_REG_TRUNK,
	GRADUS_REG_HANDS, GRADUS_REG_LEGS, GRADUS_REG_ARMS, GRADUS_REG_ALL};
