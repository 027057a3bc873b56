#include "render/figure.h"

#include <math.h>
#include <stdlib.h>

#include "load/figure.h"

/* The picture: two square frames side by side in a fixed viewBox, both
 * drawn at one scale so that the body keeps its size between them. */
#define VIEW_W 600.0
#define VIEW_H 300.0
#define FRAME 280.0
#define LABEL_H 22.0
#define STACK_LABEL_W 84.0 /* the label column of frames one above the other */
#define INK "#000"
#define FAR "#777"
#define FOOTBOARD_H 34.0 /* how high the bed's end board rises above the mattress */
#define FEET_SIDE 110.0 /* how high the mattress's sides rise, seen from the feet */
#define PILLOW_D 168.0 /* feet view: the pillow this far from the foot of the bed */
#define FA_NEAR 50.0 /* front-above view: the bed's near and far edges, cm */
#define FA_FAR 40.0
#define SIDE_ARROW_Y 28.0 /* top view: the arrow this far to the near side, cm */

typedef struct {
	double x0, y0, x1, y1; /* world box, cm */
} box;

typedef struct {
	box world;
	double scale, ox, oy; /* frame origin in the viewBox */
	double cx, cy, cw, ch; /* the frame's cell in the viewBox */
	bool stacked;          /* cells one above the other, label on the left */
} frame;

/* Where the props stand; fixed for both frames. */
typedef struct {
	double counter_x, counter_top, wall_x, step_x0, step_x1, chair_x;
	double foot_x; /* the footboard, just beyond the feet */
	fig_pt towel;  /* a rolled towel under the knee (towel_r > 0) */
	double armrest_y; /* the chair's arms: under the start pose's hand */
	double towel_r;
	bool wall_behind, chair_facing; /* chair_facing: in front, facing the body */
	fig_pt band_anchor[2];
} scene;

static void grow(box *b, fig_pt p, double r)
{
	if (p.x - r < b->x0) b->x0 = p.x - r;
	if (p.x + r > b->x1) b->x1 = p.x + r;
	if (p.y - r < b->y0) b->y0 = p.y - r;
	if (p.y + r > b->y1) b->y1 = p.y + r;
}

static double sx(const frame *f, double x)
{
	return f->ox + (x - f->world.x0) * f->scale;
}

static double sy(const frame *f, double y)
{
	return f->oy + (f->world.y1 - y) * f->scale;
}

static void line(buf *b, const frame *f, fig_pt p, fig_pt q, double w,
		 const char *ink)
{
	buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		      "stroke=\"%s\" stroke-width=\"%.1f\"/>\n",
		   sx(f, p.x), sy(f, p.y), sx(f, q.x), sy(f, q.y), ink, w);
}

static fig_pt pt(double x, double y)
{
	fig_pt p = {x, y};
	return p;
}

static void rect(buf *b, const frame *f, double x0, double y0, double x1,
		 double y1, bool filled)
{
	buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		      "fill=\"%s\" stroke=\"" INK "\" stroke-width=\"2.5\"/>\n",
		   sx(f, x0), sy(f, y1), (x1 - x0) * f->scale,
		   (y1 - y0) * f->scale, filled ? INK : "#fff");
}

static bool has(const gradus_figure *g, unsigned prop)
{
	return (g->props & prop) != 0;
}

static bool sits(const gradus_figure *g)
{
	return g->start.on == GRADUS_FIG_ON_SEAT || g->end.on == GRADUS_FIG_ON_SEAT;
}

/* Anchors of the band (in front, behind, low) are placed from the start
 * pose and stay put, so the band is seen to stretch. */
static fig_pt anchor(const gradus_figure *g, const fig_body *s,
		     gradus_figure_point other, gradus_figure_point a)
{
	fig_pt o = other < GRADUS_FIG_PT__COUNT ? s->p[other] : s->p[GRADUS_FIG_PT_HAND];
	if (a == GRADUS_FIG_ANCHOR_FRONT)
		return pt(o.x + 45.0, o.y);
	if (a == GRADUS_FIG_ANCHOR_BEHIND)
		return pt(o.x - 45.0, o.y);
	if (a == GRADUS_FIG_ANCHOR_SIDE) /* top view: the far side; front: left */
		return g->view == GRADUS_FIG_VIEW_TOP ? pt(o.x, o.y + 55.0)
						      : pt(o.x - 55.0, o.y);
	return sits(g) ? pt(-16.0, 4.0) : pt(o.x + 10.0, 2.0);
}

static void make_scene(const gradus_figure *g, const fig_body bodies[2],
		       scene *sc)
{
	const fig_body *s = &bodies[0];
	double reach = -1e9, back = 1e9;
	int up = bodies[1].p[GRADUS_FIG_PT_ANKLE].y > s->p[GRADUS_FIG_PT_ANKLE].y;

	fig_pt h = s->p[GRADUS_FIG_PT_HAND];
	if (s->p[GRADUS_FIG_PT_OTHER_HAND].x > h.x)
		h = s->p[GRADUS_FIG_PT_OTHER_HAND];
	sc->counter_x = h.x - 4.0 > 22.0 ? h.x - 4.0 : 22.0;
	sc->counter_top = h.y - 2.0 < 80.0 ? 80.0 : h.y - 2.0 > 115.0 ? 115.0 : h.y - 2.0;
	/* a chair nobody sits on, below the hands: it carries a weight */
	sc->chair_facing = !sits(g) && h.x > s->p[GRADUS_FIG_PT_PELVIS].x + 15.0 &&
			   h.y < 75.0;
	sc->chair_x = sc->chair_facing ? h.x + 4.0 : 0.0;
	sc->armrest_y = s->p[GRADUS_FIG_PT_HAND].y - 3.0;
	for (int k = 0; k < 2; k++) {
		const fig_body *bd = &bodies[k];
		fig_pt h[2] = {bd->p[GRADUS_FIG_PT_HAND], bd->p[GRADUS_FIG_PT_OTHER_HAND]};
		for (int i = 0; i < 2; i++)
			if (h[i].x > reach)
				reach = h[i].x;
		if (bd->p[GRADUS_FIG_PT_PELVIS].x < back)
			back = bd->p[GRADUS_FIG_PT_PELVIS].x;
		if (bd->p[GRADUS_FIG_PT_SHOULDER].x < back)
			back = bd->p[GRADUS_FIG_PT_SHOULDER].x;
	}
	sc->foot_x = -1e9;
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 4; i++) {
			static const int feet[] = {GRADUS_FIG_PT_ANKLE, GRADUS_FIG_PT_TOE,
						   GRADUS_FIG_PT_OTHER_ANKLE,
						   GRADUS_FIG_PT_OTHER_TOE};
			sc->foot_x = fmax(sc->foot_x, bodies[k].p[feet[i]].x + 3.0);
		}
	/* lying: the towel between the mattress and the start pose's knee */
	sc->towel_r = 0.0;
	if (fig_pose_lying(&g->start) && g->view == GRADUS_FIG_VIEW_SIDE) {
		double under = fig_support_height(g->start.on);
		sc->towel_r = fmin(fmax((s->p[GRADUS_FIG_PT_KNEE].y - under) / 2.0, 5.0), 12.0);
		sc->towel = pt(s->p[GRADUS_FIG_PT_KNEE].x, under + sc->towel_r);
	}
	sc->wall_behind = reach < 25.0;
	sc->wall_x = sc->wall_behind ? back - 7.0 : reach + 2.0;
	sc->step_x0 = bodies[up].p[GRADUS_FIG_PT_ANKLE].x - 10.0;
	sc->step_x1 = sc->step_x0 + 40.0;
	for (int i = 0; i < 2; i++)
		sc->band_anchor[i] = anchor(g, s, g->band[1 - i], g->band[i]);
}

static void grow_band(box *w, const gradus_figure *g, const scene *sc)
{
	if (has(g, GRADUS_FIG_PROP_BAND))
		for (int i = 0; i < 2; i++)
			if (g->band[i] >= GRADUS_FIG_PT__COUNT)
				grow(w, sc->band_anchor[i], 4);
}

/* Lying on a bed in both frames, seen from the side or the front: the picture keeps
 * the mattress and the top of the bed's legs, not the floor under it,
 * so that the body is drawn large. */
static bool bed_lying(const gradus_figure *g)
{
	return (g->view == GRADUS_FIG_VIEW_SIDE || g->view == GRADUS_FIG_VIEW_FRONT) &&
	       has(g, GRADUS_FIG_PROP_BED) &&
	       fig_pose_lying(&g->start) && fig_pose_lying(&g->end);
}

static void grow_scene(box *w, const gradus_figure *g, const scene *sc)
{
	if (g->view == GRADUS_FIG_VIEW_TOP) {
		grow_band(w, g, sc);
		for (int i = 0; has(g, GRADUS_FIG_PROP_BAND) && i < 2; i++)
			if (g->band[i] == GRADUS_FIG_ANCHOR_SIDE) { /* the wall and door */
				fig_pt a = sc->band_anchor[i];
				grow(w, pt(a.x - 44, a.y + 10), 2);
				grow(w, pt(a.x + 44, a.y + 10), 2);
			}
		if (sits(g)) /* the seat and its back */
			grow(w, pt(-28, 0), 24);
		if (!fig_pose_lying(&g->start)) { /* room about the body */
			grow(w, pt(-30, -30), 0);
			grow(w, pt(55, 30), 0);
		}
		grow(w, pt(w->x0 - 8, w->y0 - 8), 0);
		grow(w, pt(w->x1 + 8, w->y1 + 8), 0);
		return;
	}
	if (g->view == GRADUS_FIG_VIEW_FRONT_ABOVE) {
		double top = fig_support_height(g->start.on);
		double t = FIG_FA_TILT * 3.14159265358979323846 / 180.0;
		/* the bed a little longer than the body, its near edge, its far edge */
		grow(w, pt(w->x0 - 14, top - FA_NEAR * sin(t) - 12 * cos(t)), 2);
		grow(w, pt(w->x1 + 14, top + FA_FAR * sin(t)), 2);
		return;
	}
	if (g->view == GRADUS_FIG_VIEW_FEET) {
		double top = has(g, GRADUS_FIG_PROP_BED) ? FIG_BED_H : FIG_MAT_H;
		grow(w, pt(-50 - FEET_SIDE / FIG_FEET_RISE * FIG_FEET_SKEW, top - 10), 2);
		grow(w, pt(50, top + FEET_SIDE), 2);
		grow_band(w, g, sc);
		return;
	}
	if (bed_lying(g))
		grow(w, pt(0, FIG_BED_H - 22), 0); /* the mattress, not the floor */
	else
		grow(w, pt(-40, 0), 0);
	if (has(g, GRADUS_FIG_PROP_MAT)) {
		grow(w, pt(-95, 0), 2);
		grow(w, pt(110, FIG_MAT_H), 2);
	}
	if (has(g, GRADUS_FIG_PROP_BED)) {
		bool lies = fig_pose_lying(&g->start) || fig_pose_lying(&g->end);
		grow(w, pt(lies ? -100 : -110, FIG_BED_H - 12), 2);
		grow(w, pt(lies ? 112 : 14, FIG_BED_H), 2);
		if (has(g, GRADUS_FIG_PROP_FOOTBOARD))
			grow(w, pt(sc->foot_x + 5, FIG_BED_H + FOOTBOARD_H), 2);
	}
	if (has(g, GRADUS_FIG_PROP_CHAIR) || has(g, GRADUS_FIG_PROP_MACHINE)) {
		grow(w, pt(sc->chair_x - 28, 95), 2);
		grow(w, pt(sc->chair_x + 28, 95), 2);
	}
	if (has(g, GRADUS_FIG_PROP_MACHINE))
		grow(w, pt(95, 150), 2);
	if (has(g, GRADUS_FIG_PROP_COUNTER))
		grow(w, pt(sc->counter_x + 34.0, sc->counter_top + 2), 2);
	if (has(g, GRADUS_FIG_PROP_WALL))
		grow(w, pt(sc->wall_x, 180), 3);
	if (has(g, GRADUS_FIG_PROP_STEP))
		grow(w, pt(sc->step_x1, FIG_STEP_H), 2);
	grow_band(w, g, sc);
}

static void draw_chair(buf *b, const frame *f, bool machine, double x,
		       bool facing)
{
	double d = facing ? -1.0 : 1.0; /* the back is behind the sitter */
	line(b, f, pt(x - 24 * d, FIG_SEAT_H - 2), pt(x + 20 * d, FIG_SEAT_H - 2), 4, INK);
	line(b, f, pt(x - 24 * d, FIG_SEAT_H - 2), pt(x - 28 * d, 95), 4, INK);
	if (machine) {
		line(b, f, pt(-2, FIG_SEAT_H - 2), pt(-2, 0), 4, INK);
		line(b, f, pt(-30, 0), pt(26, 0), 4, INK);
		line(b, f, pt(90, 0), pt(90, 150), 4, INK);
		line(b, f, pt(70, 150), pt(95, 150), 4, INK);
		return;
	}
	line(b, f, pt(x - 22 * d, FIG_SEAT_H - 2), pt(x - 22 * d, 0), 3, INK);
	line(b, f, pt(x + 18 * d, FIG_SEAT_H - 2), pt(x + 18 * d, 0), 3, INK);
}

/* A word beside a prop, where a picture from an unusual angle needs one
 * ("door", "band"): its baseline on `at`, centred there or (`after`)
 * starting just right of it. */
static void label(buf *b, const frame *f, fig_pt at, const char *word, bool after)
{
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"16\" "
		      "font-family=\"sans-serif\" text-anchor=\"%s\" "
		      "fill=\"" INK "\">%s</text>\n",
		   sx(f, at.x) + (after ? 8.0 : 0.0), sy(f, at.y),
		   after ? "start" : "middle", word);
}

/* Seen from above, sitting or standing: the nose, so that the reader
 * sees which way the head faces. */
static void draw_nose(buf *b, const frame *f, const gradus_figure_pose *q,
		      const fig_body *bd)
{
	fig_pt h = bd->p[GRADUS_FIG_PT_HEAD];
	double t = q->turn * 3.14159265358979323846 / 180.0;
	double ux = cos(t), uy = sin(t), r = FIG_HEAD_R;
	fig_pt tip = pt(h.x + ux * (r + 7), h.y + uy * (r + 7));
	fig_pt l = pt(h.x + ux * (r - 1) - uy * 4, h.y + uy * (r - 1) + ux * 4);
	fig_pt rr = pt(h.x + ux * (r - 1) + uy * 4, h.y + uy * (r - 1) - ux * 4);

	buf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
		      "fill=\"" INK "\"/>\n",
		   sx(f, tip.x), sy(f, tip.y), sx(f, l.x), sy(f, l.y), sx(f, rr.x),
		   sy(f, rr.y));
}

/* Seen from above: the bed (or mat) as an outline under the body, a
 * pillow under the head. */
static void draw_top(buf *b, const frame *f, const gradus_figure *g,
		     const gradus_figure_pose *q, const fig_body *bd,
		     const scene *sc)
{
	box w = f->world;
	fig_pt h = bd->p[GRADUS_FIG_PT_HEAD];
	if (!fig_pose_lying(q)) {
		/* standing or sitting, seen from above: the seat under the body */
		if (q->on == GRADUS_FIG_ON_SEAT) {
			rect(b, f, -24, -22, 20, 22, false);
			line(b, f, pt(-27, -22), pt(-27, 22), 5, INK);
		}
		/* the shoulders and chest, seen from above, round the trunk
		 * (turned with the shoulders) */
		buf_printf(b, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\" "
			      "fill=\"#fff\" stroke=\"" INK "\" stroke-width=\"3\"",
			   sx(f, bd->p[GRADUS_FIG_PT_SHOULDER].x), sy(f, 0), 11 * f->scale,
			   20 * f->scale);
		if (q->turn)
			buf_printf(b, " transform=\"rotate(%d %.1f %.1f)\"", -q->turn,
				   sx(f, bd->p[GRADUS_FIG_PT_SHOULDER].x), sy(f, 0));
		buf_puts(b, "/>\n");
		for (int i = 0; has(g, GRADUS_FIG_PROP_BAND) && i < 2; i++) {
			fig_pt a = sc->band_anchor[i];
			if (g->band[i] != GRADUS_FIG_ANCHOR_SIDE)
				continue;
			/* the band is tied to a door's handle: the wall, the door */
			line(b, f, pt(w.x0, a.y + 6), pt(w.x1, a.y + 6), 5, INK);
			rect(b, f, a.x - 42, a.y + 3, a.x + 42, a.y + 9, false);
			label(b, f, pt(a.x + 20, a.y + 12), "door", false);
		}
		return;
	}
	rect(b, f, w.x0 + 2, w.y0 + 2, w.x1 - 2, w.y1 - 2, false);
	if (has(g, GRADUS_FIG_PROP_BED))
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			      "height=\"%.1f\" rx=\"6\" fill=\"none\" stroke=\"" INK "\" "
			      "stroke-width=\"2\"/>\n",
			   sx(f, h.x - 16), sy(f, h.y + 22), 32 * f->scale,
			   44 * f->scale);
}

/* Seen from the feet: the end of the bed (or the mat) across the
 * picture, a pillow behind the head. */
static void draw_feet_end(buf *b, const frame *f, const gradus_figure *g)
{
	double top = fig_support_height(has(g, GRADUS_FIG_PROP_BED)
						? GRADUS_FIG_ON_BED : GRADUS_FIG_ON_MAT);

	double far = -FEET_SIDE / FIG_FEET_RISE * FIG_FEET_SKEW; /* its far end */

	/* the mattress's end and its two sides going away */
	rect(b, f, -48, top - 10, 48, top, false);
	line(b, f, pt(-48, top), pt(-48 + far, top + FEET_SIDE), 2, INK);
	line(b, f, pt(48, top), pt(48 + far, top + FEET_SIDE), 2, INK);
	line(b, f, pt(-48 + far, top + FEET_SIDE), pt(48 + far, top + FEET_SIDE), 2, INK);
	if (has(g, GRADUS_FIG_PROP_BED)) {
		/* the pillow under the head lying, behind the back sitting up */
		double pd = g->start.trunk <= -60 ? PILLOW_D : FEET_SIDE / FIG_FEET_RISE - 2;
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			      "height=\"%.1f\" rx=\"5\" fill=\"#fff\" stroke=\"" INK "\" "
			      "stroke-width=\"2\"/>\n",
			   sx(f, -pd * FIG_FEET_SKEW - 22),
			   sy(f, FIG_BED_H + pd * FIG_FEET_RISE + 4), 44 * f->scale,
			   9 * f->scale);
	}
}

/* Lying on the side, seen from in front and above: the top of the bed
 * (or mat) going away, its front edge, a pillow under the head. */
static void draw_front_above(buf *b, const frame *f, const gradus_figure *g,
			     const fig_body *bd)
{
	double top = fig_support_height(g->start.on);
	double t = FIG_FA_TILT * 3.14159265358979323846 / 180.0;
	double near = top - FA_NEAR * sin(t), far = top + FA_FAR * sin(t);
	double edge = has(g, GRADUS_FIG_PROP_BED) ? 12 * cos(t) : 2.0;
	fig_pt h = bd->p[GRADUS_FIG_PT_HEAD];

	double x0 = f->world.x0 + 2, x1 = f->world.x1 - 2;

	rect(b, f, x0, near, x1, far, false);
	rect(b, f, x0, near - edge, x1, near, false);
	buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		      "height=\"%.1f\" rx=\"6\" fill=\"#fff\" stroke=\"" INK "\" "
		      "stroke-width=\"2\"/>\n",
		   sx(f, h.x - 16), sy(f, top + 20 * sin(t) + 6), 32 * f->scale,
		   (40 * sin(t) + 6) * f->scale);
}

static void draw_props(buf *b, const frame *f, const gradus_figure *g,
		       const gradus_figure_pose *q, const scene *sc)
{
	double legs = f->world.y0 > 0.0 ? f->world.y0 : 0.0; /* cut off below */

	if (f->world.y0 <= 0.0)
		line(b, f, pt(f->world.x0, 0), pt(f->world.x1, 0), 3, INK);
	if (has(g, GRADUS_FIG_PROP_MAT))
		rect(b, f, -95, 0, 110, FIG_MAT_H, false);
	if (has(g, GRADUS_FIG_PROP_BED)) {
		bool edge = q->on == GRADUS_FIG_ON_BED && !fig_pose_lying(q);
		double x0 = edge ? -110 : -100, x1 = edge ? 14 : 112;
		if (has(g, GRADUS_FIG_PROP_FOOTBOARD)) {
			/* the end of the bed, the feet against it */
			x1 = sc->foot_x + 5;
			rect(b, f, sc->foot_x, FIG_BED_H - 12, x1,
			     FIG_BED_H + FOOTBOARD_H, false);
		}
		rect(b, f, x0, FIG_BED_H - 12, x1, FIG_BED_H, false);
		line(b, f, pt(x0 + 4, FIG_BED_H - 12), pt(x0 + 4, legs), 3, INK);
		line(b, f, pt(x1 - 4, FIG_BED_H - 12), pt(x1 - 4, legs), 3, INK);
	}
	if (has(g, GRADUS_FIG_PROP_CHAIR) || has(g, GRADUS_FIG_PROP_MACHINE))
		draw_chair(b, f, has(g, GRADUS_FIG_PROP_MACHINE), sc->chair_x,
			   sc->chair_facing);
	if (has(g, GRADUS_FIG_PROP_ARMRESTS)) { /* the arm and its front post */
		line(b, f, pt(sc->chair_x - 24, sc->armrest_y),
		     pt(sc->chair_x + 14, sc->armrest_y), 4, INK);
		line(b, f, pt(sc->chair_x + 10, sc->armrest_y),
		     pt(sc->chair_x + 10, FIG_SEAT_H - 2), 3, INK);
	}
	if (has(g, GRADUS_FIG_PROP_COUNTER)) {
		rect(b, f, sc->counter_x, 0, sc->counter_x + 34.0,
		     sc->counter_top - 2, false);
		line(b, f, pt(sc->counter_x - 3, sc->counter_top),
		     pt(sc->counter_x + 34, sc->counter_top), 4, INK);
	}
	if (has(g, GRADUS_FIG_PROP_WALL))
		line(b, f, pt(sc->wall_x, 0), pt(sc->wall_x, 180), 5, INK);
	if (has(g, GRADUS_FIG_PROP_STEP))
		rect(b, f, sc->step_x0, 0, sc->step_x1, FIG_STEP_H, false); /* in front of the counter */
}

/* The band: a dashed line from one end to the other (an anchor off the
 * body is a dot). */
static void draw_band(buf *b, const frame *f, const gradus_figure *g,
		      const fig_body *bd, const scene *sc)
{
	fig_pt e[2];
	for (int i = 0; i < 2; i++)
		e[i] = g->band[i] < GRADUS_FIG_PT__COUNT ? bd->p[g->band[i]]
							  : sc->band_anchor[i];
	if (fabs(e[0].x - e[1].x) + fabs(e[0].y - e[1].y) < 6.0) {
		/* both ends at one point (knees side by side): a loop */
		buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
			      "fill=\"none\" stroke=\"" INK "\" stroke-width=\"2.5\" "
			      "stroke-dasharray=\"5 3\"/>\n",
			   sx(f, e[0].x), sy(f, e[0].y), 7.0 * f->scale);
		return;
	}
	buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		      "stroke=\"" INK "\" stroke-width=\"2.5\" "
		      "stroke-dasharray=\"7 4\"/>\n",
		   sx(f, e[0].x), sy(f, e[0].y), sx(f, e[1].x), sy(f, e[1].y));
	if (g->view == GRADUS_FIG_VIEW_TOP) /* seen from above, a band needs its name */
		label(b, f, pt((e[0].x + e[1].x) / 2, (e[0].y + e[1].y) / 2), "band", true);
	for (int i = 0; i < 2; i++)
		if (g->band[i] == GRADUS_FIG_ANCHOR_SIDE) /* a post it is tied to */
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				      "height=\"%.1f\" fill=\"" INK "\"/>\n",
				   sx(f, e[i].x) - 6.0, sy(f, e[i].y) - 6.0, 12.0, 12.0);
		else if (g->band[i] >= GRADUS_FIG_PT__COUNT)
			buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"" INK "\"/>\n",
				   sx(f, e[i].x), sy(f, e[i].y));
}

/* The rolled towel: under the knee lying (drawn before the body, which
 * rests on it), else in the near hand (drawn over the body). */
static void draw_towel(buf *b, const frame *f, const gradus_figure *g,
		       const fig_body *bd, const scene *sc, bool under)
{
	fig_pt c = sc->towel_r > 0.0 ? sc->towel : bd->p[GRADUS_FIG_PT_HAND];
	double r = sc->towel_r > 0.0 ? sc->towel_r : 5.0;

	if (!has(g, GRADUS_FIG_PROP_TOWEL) || under != (sc->towel_r > 0.0))
		return;
	buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#fff\" "
		      "stroke=\"" INK "\" stroke-width=\"3\"/>\n"
		      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\" "
		      "stroke=\"" INK "\" stroke-width=\"2\"/>\n",
		   sx(f, c.x), sy(f, c.y), r * f->scale, sx(f, c.x), sy(f, c.y),
		   r * 0.45 * f->scale);
}

/* Weights and the band, drawn over the body. */
static void draw_loads(buf *b, const frame *f, const gradus_figure *g,
		       const gradus_figure_pose *q, const fig_body *bd,
		       const scene *sc)
{
	if (has(g, GRADUS_FIG_PROP_BAND))
		draw_band(b, f, g, bd, sc);
	if (has(g, GRADUS_FIG_PROP_ANKLE_WEIGHT)) {
		fig_pt a = bd->p[GRADUS_FIG_PT_ANKLE], k = bd->p[GRADUS_FIG_PT_KNEE];
		fig_pt c = pt(a.x + (k.x - a.x) * 0.12, a.y + (k.y - a.y) * 0.12);
		buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"" INK "\"/>\n",
			   sx(f, c.x), sy(f, c.y), 6.0 * f->scale);
	}
	draw_towel(b, f, g, bd, sc, false);
	if (has(g, GRADUS_FIG_PROP_DUMBBELL)) {
		fig_pt h = bd->p[GRADUS_FIG_PT_HAND];
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			      "rx=\"2\" fill=\"" INK "\"/>\n",
			   sx(f, h.x) - 6.0 * f->scale, sy(f, h.y) - 4.0 * f->scale,
			   12.0 * f->scale, 8.0 * f->scale);
	}
	if (has(g, GRADUS_FIG_PROP_MACHINE)) {
		fig_pt m = bd->p[g->moves];
		(void)q;
		buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\" "
			      "stroke=\"" INK "\" stroke-width=\"3\"/>\n",
			   sx(f, m.x), sy(f, m.y), 7.0 * f->scale);
	}
}

static void limb(buf *b, const frame *f, fig_pt a, fig_pt c, fig_pt d,
		 const char *ink, double w)
{
	buf_printf(b, "<polyline points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
		      "fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"/>\n",
		   sx(f, a.x), sy(f, a.y), sx(f, c.x), sy(f, c.y), sx(f, d.x),
		   sy(f, d.y), ink, w);
}

static void draw_head(buf *b, const frame *f, const fig_body *bd, double w)
{
	buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#fff\" "
		      "stroke=\"" INK "\" stroke-width=\"%.1f\"/>\n",
		   sx(f, bd->p[GRADUS_FIG_PT_HEAD].x), sy(f, bd->p[GRADUS_FIG_PT_HEAD].y),
		   FIG_HEAD_R * f->scale, w * 0.7);
}

/* A leg (hip, knee, ankle and foot), on a white halo when it passes in
 * front of what is drawn already. */
static void draw_leg(buf *b, const frame *f, const fig_body *bd, int o,
		     double w, bool halo)
{
	fig_pt h = bd->hip[o], k = bd->p[o ? GRADUS_FIG_PT_OTHER_KNEE : GRADUS_FIG_PT_KNEE];
	fig_pt a = bd->p[o ? GRADUS_FIG_PT_OTHER_ANKLE : GRADUS_FIG_PT_ANKLE];
	fig_pt t = bd->p[o ? GRADUS_FIG_PT_OTHER_TOE : GRADUS_FIG_PT_TOE];
	const char *ink = o ? FAR : INK;

	if (halo) {
		limb(b, f, h, k, a, "#fff", w + 6.0);
		line(b, f, a, t, w + 6.0, "#fff");
	}
	limb(b, f, h, k, a, ink, w);
	line(b, f, a, t, w, ink);
}

/* The body, far limbs first. Seen from above (`head_on_top`) the head
 * is nearest the reader: over the arms; seen from the feet
 * (`legs_in_front`) the legs are, over the arms and the head. */
static void draw_body(buf *b, const frame *f, const fig_body *bd,
		      bool head_on_top, bool legs_in_front)
{
	const fig_pt *p = bd->p;
	double w = 3.2 * f->scale + 2.0;

	buf_puts(b, "<g stroke-linecap=\"round\" stroke-linejoin=\"round\">\n");
	if (!legs_in_front)
		draw_leg(b, f, bd, 1, w * 0.8, false);
	limb(b, f, bd->sh[1], p[GRADUS_FIG_PT_OTHER_ELBOW],
	     p[GRADUS_FIG_PT_OTHER_HAND], FAR, w * 0.8);
	line(b, f, p[GRADUS_FIG_PT_PELVIS], p[GRADUS_FIG_PT_SHOULDER], w * 1.3, INK);
	line(b, f, bd->hip[0], bd->hip[1], w, INK);
	line(b, f, bd->sh[0], bd->sh[1], w, INK);
	if (!head_on_top)
		draw_head(b, f, bd, w);
	if (legs_in_front)
		limb(b, f, bd->sh[0], p[GRADUS_FIG_PT_ELBOW], p[GRADUS_FIG_PT_HAND],
		     INK, w);
	if (legs_in_front)
		draw_leg(b, f, bd, 1, w * 0.8, true);
	draw_leg(b, f, bd, 0, w, legs_in_front);
	if (!legs_in_front)
		limb(b, f, bd->sh[0], p[GRADUS_FIG_PT_ELBOW], p[GRADUS_FIG_PT_HAND],
		     INK, w);
	if (head_on_top)
		draw_head(b, f, bd, w);
	buf_puts(b, "</g>\n");
}

/* An arrow in the viewBox's own units, from (x0, y0) to its tip. */
static void arrow_px(buf *b, double x0, double y0, double x1, double y1)
{
	double dx = x1 - x0, dy = y1 - y0, len = sqrt(dx * dx + dy * dy);
	double ux = dx / len, uy = dy / len;
	double hx = x1 - ux * 14.0, hy = y1 - uy * 14.0;

	buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		      "y2=\"%.1f\" stroke=\"" INK "\" stroke-width=\"3\"/>\n",
		   x0, y0, hx, hy);
	buf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
		      "fill=\"" INK "\"/>\n",
		   x1, y1, hx - uy * 7.0, hy + ux * 7.0, hx + uy * 7.0, hy - ux * 7.0);
}

/* A round arrow about (cx, cy): up at the front, then back and down
 * (in the side view, the way a shoulder rolls backwards). */
static void turn_px(buf *b, double cx, double cy)
{
	const double r = 17.0, a0 = 40.0 * 3.14159265358979323846 / 180.0;
	const double a1 = a0 - 4.7;
	double ex = cx + r * cos(a1), ey = cy + r * sin(a1);
	double tx = sin(a1), ty = -cos(a1); /* the way the arc runs at its end */

	buf_printf(b, "<path d=\"M %.1f %.1f A %.1f %.1f 0 1 0 %.1f %.1f\" "
		      "fill=\"none\" stroke=\"" INK "\" stroke-width=\"3\"/>\n",
		   cx + r * cos(a0), cy + r * sin(a0), r, r, ex, ey);
	buf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
		      "fill=\"" INK "\"/>\n",
		   ex + tx * 8.0, ey + ty * 8.0, ex - tx * 4.0 - ty * 7.0,
		   ey - ty * 4.0 + tx * 7.0, ex - tx * 4.0 + ty * 7.0,
		   ey - ty * 4.0 - tx * 7.0);
}

/* The sign of a hold's effort, or of a turn, at the moving point. */
static void draw_mark(buf *b, const frame *f, gradus_figure_mark m, fig_pt at)
{
	double x = sx(f, at.x), y = sy(f, at.y);
	double top = f->cy + 8.0, bottom = f->cy + f->ch - 8.0; /* inside its cell */

	if (m == GRADUS_FIG_MARK_NONE)
		return;
	buf_puts(b, "<g class=\"mark\">\n");
	switch (m) {
	case GRADUS_FIG_MARK_DOWN:
		arrow_px(b, x, fmax(y - 44.0, top), x, fmax(y - 9.0, top + 24.0));
		break;
	case GRADUS_FIG_MARK_UP:
		arrow_px(b, x, fmin(y + 44.0, bottom), x, fmin(y + 9.0, bottom - 24.0));
		break;
	case GRADUS_FIG_MARK_FORWARD: arrow_px(b, x - 14.0, fmax(y - 22.0, top), x + 22.0, fmax(y - 22.0, top)); break;
	case GRADUS_FIG_MARK_BACK: arrow_px(b, x + 14.0, fmax(y - 22.0, top), x - 22.0, fmax(y - 22.0, top)); break;
	case GRADUS_FIG_MARK_SQUEEZE:
		/* just above the point, clear of the limb (below it at the top) */
		y = y - 16.0 < top ? y + 16.0 : y - 16.0;
		arrow_px(b, x - 40.0, y, x - 8.0, y);
		arrow_px(b, x + 40.0, y, x + 8.0, y);
		break;
	default: /* ahead of the point, inside the frame */
		x = fmin(x + 20.0, sx(f, f->world.x1) - 24.0);
		turn_px(b, x, fmax(y, sy(f, f->world.y1) + 24.0));
		break;
	}
	buf_puts(b, "</g>\n");
}

static void draw_arrow(buf *b, const frame *f, fig_pt from, fig_pt to)
{
	double x0 = sx(f, from.x), y0 = sy(f, from.y);
	double x1 = sx(f, to.x), y1 = sy(f, to.y);
	double dx = x1 - x0, dy = y1 - y0, len = sqrt(dx * dx + dy * dy);
	double ux, uy, hx, hy;

	if (len < 12.0)
		return; /* a hold: nothing moves far enough to show */
	ux = dx / len;
	uy = dy / len;
	/* shorten a little at both ends so the arrow does not hide the limb */
	x0 += ux * 6.0; y0 += uy * 6.0;
	x1 -= ux * 4.0; y1 -= uy * 4.0;
	hx = x1 - ux * 14.0;
	hy = y1 - uy * 14.0;
	buf_printf(b, "<g class=\"move\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		      "y2=\"%.1f\" stroke=\"" INK "\" stroke-width=\"3\"/>\n",
		   x0, y0, hx, hy);
	buf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
		      "fill=\"" INK "\"/></g>\n",
		   x1, y1, hx - uy * 7.0, hy + ux * 7.0, hx + uy * 7.0, hy - ux * 7.0);
}

/* A head that moves (leaning forward, lifting the chest) swings about
 * the hips: its arrow is an arc round the pelvis, just outside the
 * head, from where the head starts to where it ends; shoulders that
 * turn, seen from above, an arc round the trunk. 0 points otherwise (a
 * straight arrow then). */
#define ARC_N 16
#define SWING 100 /* degrees at the shoulder: an arm that swings this far */

/* The angle `a` (radians) within half a turn of `near`. */
static double unwrap(double a, double near)
{
	const double turn = 2.0 * 3.14159265358979323846;
	while (a - near > turn / 2.0)
		a -= turn;
	while (near - a > turn / 2.0)
		a += turn;
	return a;
}

/* A swing, not a push: the shoulder turns far, the elbow stays. */
static bool swings(const gradus_figure *g)
{
	if (g->moves == GRADUS_FIG_PT_HAND)
		return abs(g->end.shoulder - g->start.shoulder) >= SWING &&
		       abs(g->end.elbow - g->start.elbow) < 40;
	if (g->moves == GRADUS_FIG_PT_OTHER_HAND)
		return abs(g->end.other_shoulder - g->start.other_shoulder) >= SWING &&
		       abs(g->end.other_elbow - g->start.other_elbow) < 40;
	return false;
}
#define TURN_R 30.0 /* a turn seen from above: the arc's radius, cm */
static int head_arc(const gradus_figure *g, const fig_body bd[2], fig_pt out[ARC_N])
{
	fig_pt c = bd[1].p[GRADUS_FIG_PT_PELVIS];
	fig_pt h0 = bd[0].p[GRADUS_FIG_PT_HEAD], h1 = bd[1].p[GRADUS_FIG_PT_HEAD];
	double a0 = atan2(h0.y - c.y, h0.x - c.x), a1 = atan2(h1.y - c.y, h1.x - c.x);
	double r = fmax(hypot(h0.x - c.x, h0.y - c.y), hypot(h1.x - c.x, h1.y - c.y)) +
		   FIG_HEAD_R + 7.0;

	if (g->view == GRADUS_FIG_VIEW_TOP && g->start.turn != g->end.turn) {
		/* the shoulders turn seen from above: an arc in front of
		 * them, round the trunk, the way they turn */
		c = pt(bd[1].p[GRADUS_FIG_PT_SHOULDER].x, 0);
		a0 = g->start.turn * 3.14159265358979323846 / 180.0;
		a1 = g->end.turn * 3.14159265358979323846 / 180.0;
		r = TURN_R;
	} else if (g->view == GRADUS_FIG_VIEW_SIDE && swings(g)) {
		/* an arm that swings up over the head: an arc round the
		 * shoulder, through where the hand passes half way, just
		 * beyond the hand */
		gradus_figure_pose mid = g->start;
		fig_body m;
		bool other = g->moves == GRADUS_FIG_PT_OTHER_HAND;
		fig_pt p0 = bd[0].p[g->moves], p1 = bd[1].p[g->moves], pm;
		double am;
		mid.shoulder = (g->start.shoulder + g->end.shoulder) / 2;
		mid.other_shoulder = (g->start.other_shoulder + g->end.other_shoulder) / 2;
		mid.elbow = (g->start.elbow + g->end.elbow) / 2;
		mid.other_elbow = (g->start.other_elbow + g->end.other_elbow) / 2;
		fig_body_pose(g, &mid, &m);
		c = bd[1].sh[other ? 1 : 0];
		pm = m.p[g->moves];
		a0 = atan2(p0.y - c.y, p0.x - c.x);
		am = unwrap(atan2(pm.y - c.y, pm.x - c.x), a0);
		a1 = unwrap(atan2(p1.y - c.y, p1.x - c.x), am);
		r = fmax(hypot(p0.x - c.x, p0.y - c.y), hypot(p1.x - c.x, p1.y - c.y)) + 9.0;
	} else if (g->moves != GRADUS_FIG_PT_HEAD || g->view != GRADUS_FIG_VIEW_SIDE ||
		   hypot(h1.x - h0.x, h1.y - h0.y) < 8.0)
		return 0;
	for (int i = 0; i < ARC_N; i++) {
		double a = a0 + (a1 - a0) * i / (ARC_N - 1);
		out[i] = pt(c.x + r * cos(a), c.y + r * sin(a));
	}
	return ARC_N;
}

static void draw_arc(buf *b, const frame *f, const fig_pt *p, int n)
{
	double x1 = sx(f, p[n - 1].x), y1 = sy(f, p[n - 1].y);
	double dx = x1 - sx(f, p[n - 2].x), dy = y1 - sy(f, p[n - 2].y);
	double len = sqrt(dx * dx + dy * dy), ux = dx / len, uy = dy / len;
	double hx = x1 - ux * 14.0, hy = y1 - uy * 14.0;

	buf_puts(b, "<g class=\"move\"><polyline fill=\"none\" stroke=\"" INK "\" "
		    "stroke-width=\"3\" points=\"");
	for (int i = 0; i < n - 1; i++)
		buf_printf(b, "%.1f,%.1f ", sx(f, p[i].x), sy(f, p[i].y));
	buf_printf(b, "%.1f,%.1f\"/>\n", hx, hy);
	buf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
		      "fill=\"" INK "\"/></g>\n",
		   x1, y1, hx - uy * 7.0, hy + ux * 7.0, hx + uy * 7.0, hy - ux * 7.0);
}

static void draw_frame(buf *b, const frame *f, const gradus_figure *g,
		       const gradus_figure_pose *q, const fig_body *bd,
		       const scene *sc, const char *label)
{
	const char *seen = g->view == GRADUS_FIG_VIEW_TOP ? "above"
			   : g->view == GRADUS_FIG_VIEW_FEET ? "the feet" : NULL;

	buf_printf(b, "<g class=\"frame\" data-box=\"%.1f %.1f %.1f %.1f\">\n",
		   f->cx, f->cy, f->cw, f->ch);
	if (g->view == GRADUS_FIG_VIEW_TOP)
		draw_top(b, f, g, q, bd, sc);
	else if (g->view == GRADUS_FIG_VIEW_FEET)
		draw_feet_end(b, f, g);
	else if (g->view == GRADUS_FIG_VIEW_FRONT_ABOVE)
		draw_front_above(b, f, g, bd);
	else
		draw_props(b, f, g, q, sc);
	draw_towel(b, f, g, bd, sc, true);
	draw_body(b, f, bd, g->view == GRADUS_FIG_VIEW_TOP && !fig_pose_lying(q),
		  g->view == GRADUS_FIG_VIEW_FEET);
	if (g->view == GRADUS_FIG_VIEW_TOP && !fig_pose_lying(q))
		draw_nose(b, f, q, bd);
	draw_loads(b, f, g, q, bd, sc);
	if (!f->stacked) {
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"18\" "
			      "font-family=\"sans-serif\" text-anchor=\"middle\" "
			      "fill=\"" INK "\">%s%s%s%s</text>\n</g>\n",
			   f->cx + f->cw / 2.0, VIEW_H - 6.0, label,
			   seen ? " (seen from " : "", seen ? seen : "", seen ? ")" : "");
		return;
	}
	/* one above the other: the label in the column on the left */
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"18\" "
		      "font-family=\"sans-serif\" text-anchor=\"middle\" "
		      "fill=\"" INK "\">%s</text>\n",
		   STACK_LABEL_W / 2.0, f->cy + f->ch / 2.0 + (seen ? -4.0 : 6.0), label);
	if (seen)
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" "
			      "font-family=\"sans-serif\" text-anchor=\"middle\" "
			      "fill=\"" INK "\">(seen from<tspan x=\"%.1f\" "
			      "dy=\"16\">%s)</tspan></text>\n",
			   STACK_LABEL_W / 2.0, f->cy + f->ch / 2.0 + 14.0,
			   STACK_LABEL_W / 2.0, seen);
	if (f->cy > 0.0) /* a rule between the two */
		buf_printf(b, "<line x1=\"8.0\" y1=\"%.1f\" x2=\"592.0\" y2=\"%.1f\" "
			      "stroke=\"" FAR "\" stroke-width=\"1\"/>\n",
			   f->cy, f->cy);
	buf_puts(b, "</g>\n");
}

/* The two frames: side by side in square cells, or, when that draws
 * the body markedly larger (a body lying down is long and low), one
 * above the other in wide cells with the label on the left. */
static void place_frames(const box *w, bool from_above, frame fr[2])
{
	double ww = w->x1 - w->x0, wh = w->y1 - w->y0;
	double s1 = fmin(FRAME / ww, (FRAME - LABEL_H) / wh);
	double sw = VIEW_W - STACK_LABEL_W - 12.0, shh = VIEW_H / 2.0 - 12.0;
	double s2 = fmin(sw / ww, shh / wh);
	bool stacked = s2 > 1.2 * s1;

	for (int k = 0; k < 2; k++) {
		frame *f = &fr[k];
		f->world = *w;
		f->stacked = stacked;
		if (stacked) {
			f->scale = s2;
			f->cx = 0.0;
			f->cy = k * (VIEW_H / 2.0);
			f->cw = VIEW_W;
			f->ch = VIEW_H / 2.0;
			/* centred in its cell, right of the label */
			f->ox = STACK_LABEL_W + 6.0 + (sw - ww * s2) / 2.0;
			f->oy = f->cy + 6.0 + (shh - wh * s2) / 2.0;
			continue;
		}
		f->scale = s1;
		f->cx = k * (VIEW_W / 2.0);
		f->cy = 0.0;
		f->cw = VIEW_W / 2.0;
		f->ch = VIEW_H;
		/* centred in its frame, standing on the frame's floor (seen
		 * from above, with no floor: centred up and down too) */
		f->ox = f->cx + 10.0 + (FRAME - ww * s1) / 2.0;
		f->oy = 8.0 + (FRAME - LABEL_H - wh * s1) / (from_above ? 2.0 : 1.0);
	}
}

bool render_figure_svg(buf *b, const gradus_exercise *e)
{
	const gradus_figure *g = &e->figure;
	fig_body bodies[2];
	scene sc;
	box w = {1e9, 1e9, -1e9, -1e9};
	frame fr[2];
	fig_pt arc[ARC_N];
	int n_arc;

	if (!e || !g->present)
		return false;
	fig_body_pose(g, &g->start, &bodies[0]);
	fig_body_pose(g, &g->end, &bodies[1]);
	make_scene(g, bodies, &sc);
	for (int k = 0; k < 2; k++) {
		for (int i = 0; i < GRADUS_FIG_PT__COUNT; i++)
			grow(&w, bodies[k].p[i], i == GRADUS_FIG_PT_HEAD ? FIG_HEAD_R + 2 : 6);
		grow(&w, bodies[k].hip[1], 6);
		grow(&w, bodies[k].sh[1], 6);
		grow(&w, bodies[k].hip[0], 6);
		grow(&w, bodies[k].sh[0], 6);
	}
	if (g->mark == GRADUS_FIG_MARK_TURN) /* room for the round arrow */
		grow(&w, bodies[1].p[g->moves], 20);
	n_arc = head_arc(g, bodies, arc);
	for (int i = 0; i < n_arc; i++)
		grow(&w, arc[i], 4);
	grow_scene(&w, g, &sc);
	place_frames(&w, g->view == GRADUS_FIG_VIEW_TOP, fr);
	buf_htmlf(b, "<svg class=\"figure\" "
		     "viewBox=\"0 0 600 300\" role=\"img\" "
		     "aria-label=\"Start and end position of %s\">\n"
		     "<title>Start and end position of %s</title>\n",
		  e->name, e->name);
	buf_puts(b, "<rect width=\"600\" height=\"300\" fill=\"#fff\"/>\n");
	draw_frame(b, &fr[0], g, &g->start, &bodies[0], &sc, "Start");
	draw_frame(b, &fr[1], g, &g->end, &bodies[1], &sc, "End");
	if (n_arc)
		draw_arc(b, &fr[1], arc, n_arc);
	else if (g->view == GRADUS_FIG_VIEW_TOP && !fig_pose_lying(&g->start))
		/* seen from above, the hands push out along the arms: the
		 * arrow beside them, on the near side, clear of the arms */
		draw_arrow(b, &fr[1], pt(bodies[0].p[g->moves].x, -SIDE_ARROW_Y),
			   pt(bodies[1].p[g->moves].x, -SIDE_ARROW_Y));
	else
		draw_arrow(b, &fr[1], bodies[0].p[g->moves], bodies[1].p[g->moves]);
	draw_mark(b, &fr[1], g->mark, bodies[1].p[g->moves]);
	buf_puts(b, "</svg>\n");
	return fr[0].stacked;
}
