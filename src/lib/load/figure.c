#include "load/figure.h"

#include <math.h>

const char *const gradus_vocab_fig_base[] = {"floor", "seat", "bed", "mat"};
const char *const gradus_vocab_fig_views[] = {"side", "front", "top"};
const char *const gradus_vocab_fig_props[] = {
	"chair", "counter", "wall", "step", "bed", "band", "ankle_weight",
	"dumbbell", "machine", "mat"};
const char *const gradus_vocab_fig_points[] = {
	"head", "shoulder", "pelvis", "elbow", "hand", "knee", "ankle", "toe",
	"other_elbow", "other_hand", "other_knee", "other_ankle", "other_toe",
	"front", "behind", "low"};

/* Segment lengths, cm. */
#define TRUNK 50.0
#define NECK 17.0
#define UPPER 29.0
#define FORE 27.0
#define THIGH 44.0
#define SHIN 43.0
#define FOOT 19.0
#define HIP_W 9.0
#define SH_W 17.0

static const double deg = 3.14159265358979323846 / 180.0;

/* A direction as degrees from straight down, positive turning toward +x. */
static fig_pt step(fig_pt from, double a, double len)
{
	fig_pt p = {from.x + sin(a * deg) * len, from.y - cos(a * deg) * len};
	return p;
}

double fig_support_height(gradus_figure_base on)
{
	switch (on) {
	case GRADUS_FIG_ON_SEAT: return FIG_SEAT_H;
	case GRADUS_FIG_ON_BED: return FIG_BED_H;
	case GRADUS_FIG_ON_MAT: return FIG_MAT_H;
	default: return 0.0;
	}
}

bool fig_pose_lying(const gradus_figure_pose *pose)
{
	return pose->on == GRADUS_FIG_ON_MAT ||
	       (pose->on == GRADUS_FIG_ON_BED &&
		(pose->trunk >= 45 || pose->trunk <= -45));
}

static double pelvis_height(const gradus_figure_pose *pose)
{
	double h = pose->on == GRADUS_FIG_ON_FLOOR ? THIGH + SHIN
						    : fig_support_height(pose->on);
	return h + pose->lift;
}

static void side_leg(fig_body *b, const gradus_figure_pose *q, bool other)
{
	double a = -q->trunk + (other ? q->other_hip : q->hip);
	fig_pt k = step(b->p[GRADUS_FIG_PT_PELVIS], a, THIGH);
	double s = a - (other ? q->other_knee : q->knee);
	fig_pt an = step(k, s, SHIN);
	double fa = s + 90 - (other ? q->other_ankle : q->ankle);
	b->p[other ? GRADUS_FIG_PT_OTHER_KNEE : GRADUS_FIG_PT_KNEE] = k;
	b->p[other ? GRADUS_FIG_PT_OTHER_ANKLE : GRADUS_FIG_PT_ANKLE] = an;
	b->p[other ? GRADUS_FIG_PT_OTHER_TOE : GRADUS_FIG_PT_TOE] =
		step(an, fa, FOOT);
}

static void side_arm(fig_body *b, const gradus_figure_pose *q, bool other)
{
	double a = -q->trunk + (other ? q->other_shoulder : q->shoulder);
	fig_pt e = step(b->p[GRADUS_FIG_PT_SHOULDER], a, UPPER);
	b->p[other ? GRADUS_FIG_PT_OTHER_ELBOW : GRADUS_FIG_PT_ELBOW] = e;
	b->p[other ? GRADUS_FIG_PT_OTHER_HAND : GRADUS_FIG_PT_HAND] =
		step(e, a + (other ? q->other_elbow : q->elbow), FORE);
}

/* Front view: the near limbs on the reader's right (+x when upright). */
static void front_leg(fig_body *b, const gradus_figure_pose *q, bool other)
{
	double sign = other ? -1.0 : 1.0;
	double a = -q->trunk + sign * (other ? q->other_hip : q->hip);
	double kn = other ? q->other_knee : q->knee;
	fig_pt h = b->hip[other], k, an;
	if (q->on == GRADUS_FIG_ON_SEAT) {
		/* the thigh points at the reader: only its sideways part shows */
		k.x = h.x + sign * sin((other ? q->other_hip : q->hip) * deg) * THIGH;
		k.y = h.y - 4.0;
		an = step(k, 0, SHIN);
	} else {
		k = step(h, a, THIGH);
		an = step(k, a - sign * kn, SHIN);
	}
	b->p[other ? GRADUS_FIG_PT_OTHER_KNEE : GRADUS_FIG_PT_KNEE] = k;
	b->p[other ? GRADUS_FIG_PT_OTHER_ANKLE : GRADUS_FIG_PT_ANKLE] = an;
	b->p[other ? GRADUS_FIG_PT_OTHER_TOE : GRADUS_FIG_PT_TOE] =
		step(an, (q->on == GRADUS_FIG_ON_SEAT ? 0 : -q->trunk) + sign * 90, 8.0);
}

static void front_arm(fig_body *b, const gradus_figure_pose *q, bool other)
{
	double sign = other ? -1.0 : 1.0;
	double a = -q->trunk + sign * (other ? q->other_shoulder : q->shoulder);
	fig_pt e = step(b->sh[other], a, UPPER);
	b->p[other ? GRADUS_FIG_PT_OTHER_ELBOW : GRADUS_FIG_PT_ELBOW] = e;
	b->p[other ? GRADUS_FIG_PT_OTHER_HAND : GRADUS_FIG_PT_HAND] =
		step(e, a - sign * (other ? q->other_elbow : q->elbow), FORE);
}

void fig_body_pose(const gradus_figure *f, const gradus_figure_pose *q,
		   fig_body *b)
{
	fig_pt pelvis = {(double)q->forward, pelvis_height(q)};
	double up = 180.0 - q->trunk;

	b->p[GRADUS_FIG_PT_PELVIS] = pelvis;
	b->p[GRADUS_FIG_PT_SHOULDER] = step(pelvis, up, TRUNK);
	b->p[GRADUS_FIG_PT_HEAD] =
		step(b->p[GRADUS_FIG_PT_SHOULDER], up - q->head, NECK);
	if (f->view == GRADUS_FIG_VIEW_SIDE) {
		b->hip[0] = b->hip[1] = pelvis;
		b->sh[0] = b->sh[1] = b->p[GRADUS_FIG_PT_SHOULDER];
		side_leg(b, q, false);
		side_leg(b, q, true);
		side_arm(b, q, false);
		side_arm(b, q, true);
		return;
	}
	b->hip[0] = step(pelvis, q->on == GRADUS_FIG_ON_SEAT ? 90 : up - 90, HIP_W);
	b->hip[1] = step(pelvis, q->on == GRADUS_FIG_ON_SEAT ? -90 : up + 90, HIP_W);
	b->sh[0] = step(b->p[GRADUS_FIG_PT_SHOULDER], up - 90, SH_W);
	b->sh[1] = step(b->p[GRADUS_FIG_PT_SHOULDER], up + 90, SH_W);
	front_leg(b, q, false);
	front_leg(b, q, true);
	front_arm(b, q, false);
	front_arm(b, q, true);
}

double fig_body_lowest(const fig_body *b)
{
	double low = b->p[0].y;
	for (int i = 1; i < GRADUS_FIG_PT__COUNT; i++)
		if (b->p[i].y < low)
			low = b->p[i].y;
	return low;
}
