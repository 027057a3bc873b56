#include "load/figure.h"

#include <math.h>

const char *const gradus_vocab_fig_base[] = {"floor", "seat", "bed", "mat"};
const char *const gradus_vocab_fig_views[] = {"side", "front", "top", "feet",
						  "front_above"};
const char *const gradus_vocab_fig_marks[] = {
	"none", "down", "up", "forward", "back", "squeeze", "turn"};
const char *const gradus_vocab_fig_props[] = {
	"chair", "counter", "wall", "step", "bed", "band", "ankle_weight",
	"dumbbell", "machine", "mat", "footboard", "towel", "armrests"};
const char *const gradus_vocab_fig_points[] = {
	"head", "shoulder", "pelvis", "elbow", "hand", "knee", "ankle", "toe",
	"other_elbow", "other_hand", "other_knee", "other_ankle", "other_toe",
	"front", "behind", "low", "side"};

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

static fig_pt pt_at(double x, double y)
{
	fig_pt p = {x, y};
	return p;
}

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

/* Feet view: a point `h` cm above the surface over x = x0 and `d` cm
 * from the foot of the bed, tipped sideways by `roll` degrees about the
 * body's long axis; seen from a little above and to one side, what is
 * further away shows higher up (FIG_FEET_RISE cm for each cm) and to the
 * left (FIG_FEET_SKEW cm for each cm), so that a bent leg shows its
 * bend. */
#define FEET_HIP 90.0
static fig_pt tipped(double x0, double base, double h, double d, int roll)
{
	fig_pt p = {x0 + sin(roll * deg) * h - d * FIG_FEET_SKEW,
		    base + cos(roll * deg) * h + d * FIG_FEET_RISE};
	return p;
}

/* Feet view: lying on the back (trunk -90) or sitting up in bed (trunk
 * nearer 0), seen from the end of the bed. x is sideways (the near side
 * on the reader's right), y up. Lying, the trunk points away from the
 * reader, so only the shoulders and the head show; sitting up, the
 * trunk rises from the hips. A bent leg rises from the hip to the knee
 * and back down to the foot. */
static void feet_pose(fig_body *b, const gradus_figure_pose *q)
{
	double base = fig_support_height(q->on) + q->lift;
	double back = -q->trunk * deg; /* 90 degrees: flat on the back */
	/* the chest faces the ceiling lying, the reader sitting up */
	double nh = sin(back), nd = -cos(back);
	double shh = 3 + cos(back) * TRUNK, shd = FEET_HIP + sin(back) * TRUNK;
	fig_pt sh = tipped(0, base, shh, shd, 0);

	b->p[GRADUS_FIG_PT_PELVIS] = tipped(0, base, 3, FEET_HIP, 0);
	b->p[GRADUS_FIG_PT_SHOULDER] = sh;
	b->p[GRADUS_FIG_PT_HEAD] = pt_at(sh.x, sh.y + FIG_HEAD_R + 4);
	for (int o = 0; o < 2; o++) {
		double sign = o ? -1.0 : 1.0;
		int hip = o ? q->other_hip : q->hip, kn = o ? q->other_knee : q->knee;
		/* the arm: 0 points where the chest faces, 90 out to the side */
		double ua = (o ? q->other_shoulder : q->shoulder) * deg;
		double fa = ua - (o ? q->other_elbow : q->elbow) * deg;
		double kh = sin(hip * deg) * THIGH;
		double kd = FEET_HIP - cos(hip * deg) * THIGH;
		double ah = kh + sin((hip - kn) * deg) * SHIN;
		double ad = kd - cos((hip - kn) * deg) * SHIN;
		double ex = sign * (SH_W + sin(ua) * UPPER);
		double eh = shh + nh * cos(ua) * UPPER, ed = shd + nd * cos(ua) * UPPER;

		b->hip[o] = tipped(sign * HIP_W, base, 3, FEET_HIP, 0);
		b->sh[o] = tipped(sign * SH_W, base, shh, shd, 0);
		b->p[o ? GRADUS_FIG_PT_OTHER_KNEE : GRADUS_FIG_PT_KNEE] =
			tipped(sign * HIP_W, base, kh, kd, q->roll);
		b->p[o ? GRADUS_FIG_PT_OTHER_ANKLE : GRADUS_FIG_PT_ANKLE] =
			tipped(sign * HIP_W, base, ah, ad, q->roll);
		b->p[o ? GRADUS_FIG_PT_OTHER_TOE : GRADUS_FIG_PT_TOE] =
			tipped(sign * HIP_W, base, ah, ad - FOOT, q->roll);
		b->p[o ? GRADUS_FIG_PT_OTHER_ELBOW : GRADUS_FIG_PT_ELBOW] =
			tipped(ex, base, eh, ed, 0);
		b->p[o ? GRADUS_FIG_PT_OTHER_HAND : GRADUS_FIG_PT_HAND] =
			tipped(ex + sign * sin(fa) * FORE, base,
			       eh + nh * cos(fa) * FORE, ed + nd * cos(fa) * FORE, 0);
	}
}

/* Top view of a standing or seated body: x is ahead (as in the side
 * view), y sideways (the near side at the bottom). The reach of each
 * joint ahead is the side view's: both hands meet in the middle when
 * they are ahead of the chest (they hold one handle); a standing body's
 * feet, a seated body's thighs and feet show ahead of its hips. */
static void top_upright_pose(const gradus_figure *f, const gradus_figure_pose *q,
			     fig_body *b)
{
	static const int legs[] = {GRADUS_FIG_PT_KNEE, GRADUS_FIG_PT_ANKLE,
				   GRADUS_FIG_PT_TOE, GRADUS_FIG_PT_OTHER_KNEE,
				   GRADUS_FIG_PT_OTHER_ANKLE, GRADUS_FIG_PT_OTHER_TOE};
	gradus_figure side = *f;
	fig_body s;
	double sx;

	side.view = GRADUS_FIG_VIEW_SIDE;
	fig_body_pose(&side, q, &s);
	sx = s.p[GRADUS_FIG_PT_SHOULDER].x;
	for (int i = 0; i < GRADUS_FIG_PT__COUNT; i++)
		b->p[i] = pt_at(s.p[i].x, 0);
	b->p[GRADUS_FIG_PT_HEAD].x = sx + 3;
	for (int i = 0; i < 6; i++)
		b->p[legs[i]] = pt_at(s.p[legs[i]].x, i < 3 ? -HIP_W : HIP_W);
	b->hip[0] = pt_at(s.p[GRADUS_FIG_PT_PELVIS].x, -HIP_W);
	b->hip[1] = pt_at(s.p[GRADUS_FIG_PT_PELVIS].x, HIP_W);
	b->sh[0] = pt_at(sx, -SH_W);
	b->sh[1] = pt_at(sx, SH_W);
	for (int o = 0; o < 2; o++) {
		int el = o ? GRADUS_FIG_PT_OTHER_ELBOW : GRADUS_FIG_PT_ELBOW;
		int ha = o ? GRADUS_FIG_PT_OTHER_HAND : GRADUS_FIG_PT_HAND;
		double side_y = o ? SH_W : -SH_W;
		bool ahead = s.p[ha].x > sx + 10.0;
		b->p[el].y = ahead ? side_y * 0.6 : side_y * 1.1;
		b->p[ha].y = ahead ? 0.0 : side_y * 1.1;
	}
	/* a turn: the shoulders, arms and head turn about the trunk, the
	 * hips and legs keep facing ahead */
	if (q->turn) {
		static const int upper[] = {GRADUS_FIG_PT_HEAD, GRADUS_FIG_PT_ELBOW,
					    GRADUS_FIG_PT_HAND, GRADUS_FIG_PT_OTHER_ELBOW,
					    GRADUS_FIG_PT_OTHER_HAND};
		double c = cos(q->turn * deg), sn = sin(q->turn * deg);
		fig_pt *pts[7] = {&b->sh[0], &b->sh[1]};
		for (int i = 0; i < 5; i++)
			pts[2 + i] = &b->p[upper[i]];
		for (int i = 0; i < 7; i++) {
			double x = pts[i]->x - sx, y = pts[i]->y;
			*pts[i] = pt_at(sx + x * c - y * sn, x * sn + y * c);
		}
	}
}

/* Front-above view: lying on the side on a bed or mat, seen from the
 * side of the bed the body faces, from above (FIG_FA_TILT degrees down).
 * In space x runs along the body to the feet (the head on the left), y
 * up, z toward the reader; the bottom limbs are the other_* ones. Hip
 * and knee are flexion as in the side view (the knees come toward the
 * reader); roll turns the top knee up about the line from its hip to
 * its ankle, the feet staying together (a clam), or, the knee straight,
 * lifts the whole top leg toward the ceiling (a side leg lift). */
typedef struct {
	double x, y, z;
} v3;

static v3 v3_at(double x, double y, double z)
{
	v3 v = {x, y, z};
	return v;
}

/* A direction `a` degrees from along the body toward the reader. */
static v3 v3_step(v3 from, double a, double len)
{
	return v3_at(from.x + cos(a * deg) * len, from.y, from.z + sin(a * deg) * len);
}

static fig_pt fa_flat(double base, v3 v)
{
	return pt_at(v.x, base + (v.y - base) * cos(FIG_FA_TILT * deg) -
				v.z * sin(FIG_FA_TILT * deg));
}

/* `v` turned by `a` degrees about the line through `o` along unit `u`. */
static v3 v3_turn(v3 v, v3 o, v3 u, double a)
{
	double c = cos(a * deg), s = sin(a * deg);
	double x = v.x - o.x, y = v.y - o.y, z = v.z - o.z;
	double d = (u.x * x + u.y * y + u.z * z) * (1 - c);
	return v3_at(o.x + x * c + (u.y * z - u.z * y) * s + u.x * d,
		     o.y + y * c + (u.z * x - u.x * z) * s + u.y * d,
		     o.z + z * c + (u.x * y - u.y * x) * s + u.z * d);
}

#define FA_STACK 6.0 /* the top limbs this far above the centre, the bottom ones below */
#define FA_BENT 30    /* a knee bent this far opens as a clam; straighter, the leg lifts */
static void front_above_pose(fig_body *b, const gradus_figure_pose *q)
{
	double base = fig_support_height(q->on);
	v3 pel = v3_at(0, base + 3 + FA_STACK, 0);
	v3 sh = v3_at(-TRUNK, base + 3 + FA_STACK, 0);

	b->p[GRADUS_FIG_PT_PELVIS] = fa_flat(base, pel);
	b->p[GRADUS_FIG_PT_SHOULDER] = fa_flat(base, sh);
	b->p[GRADUS_FIG_PT_HEAD] = fa_flat(base, v3_at(sh.x - NECK, sh.y, 0));
	for (int o = 0; o < 2; o++) {
		double up = o ? -1.0 : 1.0; /* the top side, then the bottom */
		v3 hip = v3_at(0, pel.y + up * FA_STACK, 0);
		v3 s0 = v3_at(sh.x, sh.y + up * FA_STACK, 0);
		int hp = o ? q->other_hip : q->hip, kn = o ? q->other_knee : q->knee;
		int an = o ? q->other_ankle : q->ankle;
		int sa = o ? q->other_shoulder : q->shoulder, el = o ? q->other_elbow : q->elbow;
		v3 k = v3_step(hip, hp, THIGH), a = v3_step(k, hp - kn, SHIN);
		v3 t = v3_step(a, hp - kn + 90 - an, FOOT);
		v3 e = v3_step(s0, sa, UPPER), h = v3_step(e, sa + el, FORE);
		if (!o && q->roll && kn >= FA_BENT) {
			/* a clam: about the line from the hip to the ankle */
			double dx = a.x - hip.x, dy = a.y - hip.y, dz = a.z - hip.z;
			double len = sqrt(dx * dx + dy * dy + dz * dz);
			v3 u = v3_at(dx / len, dy / len, dz / len);
			k = v3_turn(k, hip, u, -q->roll); /* up, not down */
			t = v3_turn(t, hip, u, -q->roll);
		} else if (!o && q->roll) {
			/* a side leg lift: the straight leg up about the hip */
			v3 u = v3_at(0, 0, 1);
			k = v3_turn(k, hip, u, q->roll);
			a = v3_turn(a, hip, u, q->roll);
			t = v3_turn(t, hip, u, q->roll);
		}
		/* one hip and shoulder on the other: both limbs from the middle */
		b->hip[o] = b->p[GRADUS_FIG_PT_PELVIS];
		b->sh[o] = b->p[GRADUS_FIG_PT_SHOULDER];
		b->p[o ? GRADUS_FIG_PT_OTHER_KNEE : GRADUS_FIG_PT_KNEE] = fa_flat(base, k);
		b->p[o ? GRADUS_FIG_PT_OTHER_ANKLE : GRADUS_FIG_PT_ANKLE] = fa_flat(base, a);
		b->p[o ? GRADUS_FIG_PT_OTHER_TOE : GRADUS_FIG_PT_TOE] = fa_flat(base, t);
		b->p[o ? GRADUS_FIG_PT_OTHER_ELBOW : GRADUS_FIG_PT_ELBOW] = fa_flat(base, e);
		b->p[o ? GRADUS_FIG_PT_OTHER_HAND : GRADUS_FIG_PT_HAND] = fa_flat(base, h);
	}
}

void fig_body_pose(const gradus_figure *f, const gradus_figure_pose *q,
		   fig_body *b)
{
	fig_pt pelvis = {(double)q->forward, pelvis_height(q)};
	double up = 180.0 - q->trunk;

	if (f->view == GRADUS_FIG_VIEW_FEET) {
		feet_pose(b, q);
		return;
	}
	if (f->view == GRADUS_FIG_VIEW_FRONT_ABOVE) {
		front_above_pose(b, q);
		return;
	}
	if (f->view == GRADUS_FIG_VIEW_TOP && !fig_pose_lying(q)) {
		top_upright_pose(f, q, b);
		return;
	}
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
