/*
 * gradus/vocab.h - the closed vocabularies of the file formats.
 *
 * Every word a file may use for a pattern, position, load, equipment,
 * region, condition, medication or precaution tag is listed here, with
 * its spelling in files. Anything else is an error: an exercise whose
 * tags cannot be checked is refused rather than guessed at.
 */
#ifndef GRADUS_VOCAB_H
#define GRADUS_VOCAB_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	GRADUS_PAT_SIT_TO_STAND,
	GRADUS_PAT_SQUAT,
	GRADUS_PAT_HINGE,
	GRADUS_PAT_LUNGE,
	GRADUS_PAT_KNEE_EXTENSION,
	GRADUS_PAT_KNEE_FLEXION,
	GRADUS_PAT_HIP_ABDUCTION,
	GRADUS_PAT_HIP_EXTENSION,
	GRADUS_PAT_CALF_RAISE,
	GRADUS_PAT_TOE_RAISE,
	GRADUS_PAT_PUSH,
	GRADUS_PAT_PULL,
	GRADUS_PAT_PRESS,
	GRADUS_PAT_CORE,
	GRADUS_PAT_GRIP,
	GRADUS_PAT_BALANCE,
	GRADUS_PAT_MOBILITY,
	GRADUS_PAT_WARMUP,
	GRADUS_PAT__COUNT
} gradus_pattern;

typedef enum {
	GRADUS_POS_BED,
	GRADUS_POS_SUPINE,
	GRADUS_POS_SEATED,
	GRADUS_POS_STANDING_SUPPORTED,
	GRADUS_POS_STANDING,
	GRADUS_POS_PRONE,
	GRADUS_POS_SIDE_LYING,
	GRADUS_POS__COUNT
} gradus_position;

typedef enum {
	GRADUS_LOAD_BODYWEIGHT,
	GRADUS_LOAD_BAND,
	GRADUS_LOAD_ANKLE_WEIGHT,
	GRADUS_LOAD_DUMBBELL,
	GRADUS_LOAD_MACHINE,
	GRADUS_LOAD__COUNT
} gradus_load_kind;

/* Equipment an exercise needs (bit set). "bed" is assumed owned by
 * everyone; band/ankle_weight/dumbbell are owned when the profile lists
 * at least one of them; "gym" stands for machines at a gym. */
typedef enum {
	GRADUS_EQ_CHAIR = 1u << 0,
	GRADUS_EQ_STURDY_COUNTER = 1u << 1,
	GRADUS_EQ_WALL = 1u << 2,
	GRADUS_EQ_STEP = 1u << 3,
	GRADUS_EQ_GYM = 1u << 4,
	GRADUS_EQ_BAND = 1u << 5,
	GRADUS_EQ_ANKLE_WEIGHT = 1u << 6,
	GRADUS_EQ_DUMBBELL = 1u << 7,
	GRADUS_EQ_BED = 1u << 8
} gradus_equipment;
#define GRADUS_EQ__COUNT 9

/* Body regions (bit set). In files: legs = both legs, arms = both arms,
 * whole_body = all of them. */
typedef enum {
	GRADUS_REG_LEFT_LEG = 1u << 0,
	GRADUS_REG_RIGHT_LEG = 1u << 1,
	GRADUS_REG_LEFT_ARM = 1u << 2,
	GRADUS_REG_RIGHT_ARM = 1u << 3,
	GRADUS_REG_HIPS = 1u << 4,
	GRADUS_REG_TRUNK = 1u << 5,
	GRADUS_REG_HANDS = 1u << 6
} gradus_region;
#define GRADUS_REG_LEGS (GRADUS_REG_LEFT_LEG | GRADUS_REG_RIGHT_LEG)
#define GRADUS_REG_ARMS (GRADUS_REG_LEFT_ARM | GRADUS_REG_RIGHT_ARM)
#define GRADUS_REG_ALL 0x7Fu

/* Tags that `avoid_with` may name, and that a person's screening turns
 * on (bit set, 64 bits). Conditions and medications first, then
 * precautions derived by screening. */
typedef enum {
	GRADUS_TAG_HYPERTENSION,
	GRADUS_TAG_HEART_DISEASE,
	GRADUS_TAG_HEART_FAILURE,
	GRADUS_TAG_DIABETES,
	GRADUS_TAG_KIDNEY_DISEASE,
	GRADUS_TAG_OSTEOPOROSIS,
	GRADUS_TAG_OSTEOARTHRITIS,
	GRADUS_TAG_COPD,
	GRADUS_TAG_DEMENTIA,
	GRADUS_TAG_PARKINSONS,
	GRADUS_TAG_STROKE_HISTORY,
	GRADUS_TAG_CANCER,
	GRADUS_TAG__CONDITIONS_END, /* not a tag */
	GRADUS_TAG_BLOOD_THINNER = GRADUS_TAG__CONDITIONS_END,
	GRADUS_TAG_INSULIN,
	GRADUS_TAG_BETA_BLOCKER,
	GRADUS_TAG_STATIN,
	GRADUS_TAG_STEROID,
	GRADUS_TAG__MEDICATIONS_END, /* not a tag */
	/* precautions */
	GRADUS_TAG_HIP_POSTERIOR_PRECAUTIONS = GRADUS_TAG__MEDICATIONS_END,
	GRADUS_TAG_SPINAL_FLEXION,  /* loaded or rapid forward bending */
	GRADUS_TAG_SPINAL_TWIST,    /* loaded twisting */
	GRADUS_TAG_FALL_RISK,       /* fall-prone: unsupported standing challenge */
	GRADUS_TAG_FLOOR_TRANSFER,  /* getting down to and up from the floor */
	GRADUS_TAG_BREATH_HOLDING,  /* long holds that invite breath-holding */
	GRADUS_TAG_KNEELING,
	GRADUS_TAG_HIGH_IMPACT,     /* jumping, hopping */
	GRADUS_TAG_WEIGHT_THROUGH_HANDS, /* body weight on the hands and wrists
	                               (push-ups, planks, pushing up from a chair) */
	GRADUS_TAG__COUNT
} gradus_tag;
typedef uint64_t gradus_tags;
#define GRADUS_TAGBIT(t) ((gradus_tags)1 << (t))

/* How much the person holds on (standing exercises marked `supported`). */
typedef enum {
	GRADUS_SUPPORT_NA = -1,    /* the exercise is not done holding on */
	GRADUS_SUPPORT_TWO_HANDS = 0,
	GRADUS_SUPPORT_ONE_HAND,
	GRADUS_SUPPORT_FINGERTIPS,
	GRADUS_SUPPORT_NONE
} gradus_support;

/* Names as spelled in files: static strings of the library, never to be
 * freed; NULL for out-of-range values (for the bit-set kinds, anything
 * but one known bit). */
const char *gradus_pattern_name(gradus_pattern p);
const char *gradus_position_name(gradus_position p);
const char *gradus_load_name(gradus_load_kind k);
const char *gradus_equipment_name(unsigned single_bit);
const char *gradus_region_name(unsigned single_bit);
/* The person's words for a region or a group of them as a profile names
 * it ("your left leg", "your hips", "your legs"): a static string, never
 * to be freed; NULL for any other set of regions. */
const char *gradus_region_words(unsigned regions);
const char *gradus_tag_name(gradus_tag t);
/* "two_hands", ...; "n/a" for GRADUS_SUPPORT_NA (and any value out of
 * range): never NULL. */
const char *gradus_support_name(gradus_support s);

/* Parse a file word; return 0 and set *out, or -1 when unknown (*out is
 * then left as it was). `out` must not be NULL; `s` may be (then -1). */
int gradus_pattern_parse(const char *s, gradus_pattern *out);
int gradus_position_parse(const char *s, gradus_position *out);
int gradus_load_parse(const char *s, gradus_load_kind *out);
int gradus_equipment_parse(const char *s, unsigned *out_bit);
/* Regions include the group words legs, arms and whole_body. */
int gradus_region_parse(const char *s, unsigned *out_bits);
int gradus_tag_parse(const char *s, gradus_tag *out);

#ifdef __cplusplus
}
#endif
#endif
