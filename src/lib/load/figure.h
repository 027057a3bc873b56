/* Internal: the figure's body from its angles (forward kinematics), shared
 * by the catalogue's checks and the SVG renderer, so both see the same
 * body. Units are cm; y points up, the floor is y = 0, the body faces +x
 * (side view) or the reader (front view). */
#ifndef GRADUS_LOAD_FIGURE_H
#define GRADUS_LOAD_FIGURE_H

#include "gradus/catalogue.h"

typedef struct {
	double x, y;
} fig_pt;

/* Every point of the body in one pose. p[] is indexed by
 * gradus_figure_point; the joints that are two in the front view are
 * hip[2] and sh[2] (near, other; the same point in the side view). */
typedef struct {
	fig_pt p[GRADUS_FIG_PT__COUNT];
	fig_pt hip[2], sh[2];
} fig_body;

#define FIG_HEAD_R 9.0
#define FIG_SEAT_H 45.0
#define FIG_BED_H 46.0
#define FIG_MAT_H 2.0
#define FIG_STEP_H 18.0
#define FIG_TOLERANCE 4.0
/* Feet view: how far up and to the left a point shows for each cm it
 * is further from the foot of the bed. */
#define FIG_FEET_RISE 0.55
#define FIG_FEET_SKEW 0.3
/* Front-above view: how many degrees the reader looks down. */
#define FIG_FA_TILT 30.0

void fig_body_pose(const gradus_figure *f, const gradus_figure_pose *pose,
		   fig_body *out);
/* The lowest y of the body (joints and the bottom of the feet). */
double fig_body_lowest(const fig_body *b);
/* The height of what carries the pose ("on"). */
double fig_support_height(gradus_figure_base on);
/* Lying (or kneeling) on a bed or mat, as against sitting on its edge. */
bool fig_pose_lying(const gradus_figure_pose *pose);

extern const char *const gradus_vocab_fig_views[];  /* GRADUS_FIG_VIEW__COUNT */
extern const char *const gradus_vocab_fig_base[];   /* GRADUS_FIG_ON__COUNT */
extern const char *const gradus_vocab_fig_props[];  /* GRADUS_FIG_PROP__COUNT, by bit */
extern const char *const gradus_vocab_fig_points[]; /* GRADUS_FIG_ANCHOR__END */
extern const char *const gradus_vocab_fig_marks[];  /* GRADUS_FIG_MARK__COUNT */

#endif
