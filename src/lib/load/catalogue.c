#include "gradus/catalogue.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/cfg.h"
#include "util/util.h"
#include "load/figure.h"
#include "load/load.h"

struct gradus_catalogue {
	arena a;
	gradus_exercise **items;
	size_t n, cap;
	bool finished;
	bool sorted;             /* items in id order (set by finish) */
};

static const char *const exercise_keys[] = {
	"id", "name", "pattern", "muscles", "regions", "position", "level",
	"equipment", "load", "supported", "per_side", "hold_s",
	"seconds_per_rep", "easier", "harder", "avoid_with", "steps", "cues",
	"safety", "caregiver", "figure", NULL};

static const char *const top_keys[] = {"format", "exercises", NULL};

int gradus_catalogue_new(gradus_catalogue **out)
{
	gradus_catalogue *c = calloc(1, sizeof(*c));
	*out = c;
	if (!c)
		return GRADUS_ENOMEM;
	arena_init(&c->a);
	return GRADUS_OK;
}

void gradus_catalogue_free(gradus_catalogue *c)
{
	if (!c)
		return;
	arena_free(&c->a);
	free(c->items);
	free(c);
}

/* Lower-case letters, digits and '-', starting with a letter. */
static bool valid_id(const char *s)
{
	if (!s || !(*s >= 'a' && *s <= 'z'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return true;
}

bool gradus_valid_id(const char *s) { return valid_id(s); }

/* The index of the first exercise whose id is `id`, or c->n. */
static size_t find_index(const gradus_catalogue *c, const char *id)
{
	size_t i;
	if (c->sorted) {
		/* by halves (finish sorted the items by id): the first of
		 * the ids not below `id`, as the search from the start finds */
		size_t lo = 0, hi = c->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(c->items[mid]->id, id) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo < c->n && strcmp(c->items[lo]->id, id) == 0 ? lo : c->n;
	}
	for (i = 0; i < c->n; i++)
		if (strcmp(c->items[i]->id, id) == 0)
			break;
	return i;
}

static gradus_exercise *find_id(const gradus_catalogue *c, const char *id)
{
	size_t i = find_index(c, id);
	return i < c->n ? c->items[i] : NULL;
}

/* Read one word list into a bit set. */
static bool bits_list(cfgfile *cf, cset *ex, const char *where,
		      const char *key, const char *const *words,
		      const unsigned *bits, size_t n, bool allow_empty,
		      unsigned *out)
{
	char path[256];
	cset *l = cfg_list(cf, ex, where, key, true);
	bool ok = true;
	int len;

	*out = 0;
	if (!l)
		return false;
	cfg_path(path, sizeof(path), where, key);
	len = config_setting_length(l);
	if (len == 0 && !allow_empty) {
		cfg_error(cf, l, "'%s' must not be empty", path);
		return false;
	}
	for (int i = 0; i < len; i++) {
		int w;
		if (cfg_elem_word(cf, l, path, i, words, n, &w))
			*out |= bits ? bits[w] : 1u << w;
		else
			ok = false;
	}
	return ok;
}

static bool tag_list(cfgfile *cf, cset *ex, const char *where,
		     gradus_tags *out)
{
	char path[256];
	cset *l = cfg_list(cf, ex, where, "avoid_with", true);
	bool ok = true;
	int len;

	*out = 0;
	if (!l)
		return false;
	cfg_path(path, sizeof(path), where, "avoid_with");
	len = config_setting_length(l);
	for (int i = 0; i < len; i++) {
		int w;
		if (cfg_elem_word(cf, l, path, i, gradus_vocab_tags,
				  GRADUS_TAG__COUNT, &w))
			*out |= GRADUS_TAGBIT(w);
		else
			ok = false;
	}
	return ok;
}

static const char *link_id(cfgfile *cf, cset *ex, const char *where,
			   const char *key, arena *a)
{
	const char *v = NULL;
	char path[256];
	if (!cfg_string(cf, ex, where, key, false, 64, a, &v))
		return NULL;
	if (!valid_id(v)) {
		cfg_error(cf, cfg_member(cf, ex, key),
			  "'%s' must be an exercise id (lower-case letters, "
			  "digits and '-')",
			  cfg_path(path, sizeof(path), where, key));
		return NULL;
	}
	return v;
}

/* ---- figure: the picture's data and its checks ---- */

static const char *const figure_keys[] = {
	"view", "base", "limbs", "props", "band", "start", "end", "moves",
	"mark", NULL};
static const char *const fig_limbs[] = {"both", "one"};
static const char *const pose_keys[] = {
	"on", "trunk", "head", "lift", "forward", "hip", "knee", "ankle", "shoulder",
	"elbow", "other_hip", "other_knee", "other_ankle", "other_shoulder",
	"other_elbow", "roll", "turn", NULL};

/* One angle of a pose: its range, and where it sits in the struct. */
static const struct {
	const char *key;
	int min, max, front_min, front_max;
	size_t off;
} pose_angles[] = {
	{"trunk", -110, 110, -110, 110, offsetof(gradus_figure_pose, trunk)},
	{"head", -60, 60, -60, 60, offsetof(gradus_figure_pose, head)},
	{"lift", -45, 60, -45, 60, offsetof(gradus_figure_pose, lift)},
	{"forward", -80, 80, -80, 80, offsetof(gradus_figure_pose, forward)},
	{"hip", -30, 130, -20, 60, offsetof(gradus_figure_pose, hip)},
	{"knee", 0, 150, 0, 150, offsetof(gradus_figure_pose, knee)},
	{"ankle", -30, 70, -30, 70, offsetof(gradus_figure_pose, ankle)},
	{"shoulder", -60, 180, -20, 180, offsetof(gradus_figure_pose, shoulder)},
	{"elbow", 0, 150, 0, 150, offsetof(gradus_figure_pose, elbow)},
	{"other_hip", -30, 130, -20, 60, offsetof(gradus_figure_pose, other_hip)},
	{"other_knee", 0, 150, 0, 150, offsetof(gradus_figure_pose, other_knee)},
	{"other_ankle", -30, 70, -30, 70, offsetof(gradus_figure_pose, other_ankle)},
	{"other_shoulder", -60, 180, -20, 180,
	 offsetof(gradus_figure_pose, other_shoulder)},
	{"other_elbow", 0, 150, 0, 150, offsetof(gradus_figure_pose, other_elbow)},
	{"roll", -60, 60, -60, 60, offsetof(gradus_figure_pose, roll)},
	{"turn", -90, 90, -90, 90, offsetof(gradus_figure_pose, turn)},
};

/* Reads a pose over `q`, which holds the defaults (the start pose for
 * the end). The other_* limbs follow the near ones unless given, except
 * in the end pose of a figure that moves one side (limbs = "one"):
 * there they keep their start angles. */
static void read_pose(cfgfile *cf, cset *g, const char *where, bool front,
		      bool follow, gradus_figure_pose *q)
{
	int w;

	cfg_check_keys(cf, g, where, pose_keys);
	q->line = cfg_line(g);
	if (cfg_word(cf, g, where, "on", false, gradus_vocab_fig_base,
		     GRADUS_FIG_ON__COUNT, &w))
		q->on = (gradus_figure_base)w;
	for (size_t i = 0; i < COUNT(pose_angles); i++) {
		int *slot = (int *)((char *)q + pose_angles[i].off);
		if (cfg_has(g, pose_angles[i].key))
			cfg_int(cf, g, where, pose_angles[i].key, false,
				front ? pose_angles[i].front_min : pose_angles[i].min,
				front ? pose_angles[i].front_max : pose_angles[i].max,
				slot);
	}
	for (size_t i = 0; follow && i < 5; i++) {
		int *near = (int *)((char *)q + pose_angles[4 + i].off);
		int *far = (int *)((char *)q + pose_angles[9 + i].off);
		if (!cfg_has(g, pose_angles[9 + i].key) &&
		    cfg_has(g, pose_angles[4 + i].key))
			*far = *near;
	}
}

/* The prop each kind of equipment must show. */
static const struct {
	unsigned eq, prop;
} eq_props[] = {
	{GRADUS_EQ_CHAIR, GRADUS_FIG_PROP_CHAIR},
	{GRADUS_EQ_STURDY_COUNTER, GRADUS_FIG_PROP_COUNTER},
	{GRADUS_EQ_WALL, GRADUS_FIG_PROP_WALL},
	{GRADUS_EQ_STEP, GRADUS_FIG_PROP_STEP},
	{GRADUS_EQ_GYM, GRADUS_FIG_PROP_MACHINE},
	{GRADUS_EQ_BAND, GRADUS_FIG_PROP_BAND},
	{GRADUS_EQ_ANKLE_WEIGHT, GRADUS_FIG_PROP_ANKLE_WEIGHT},
	{GRADUS_EQ_DUMBBELL, GRADUS_FIG_PROP_DUMBBELL},
	{GRADUS_EQ_BED, GRADUS_FIG_PROP_BED},
};

static const char *prop_name(unsigned bit)
{
	for (int i = 0; i < GRADUS_FIG_PROP__COUNT; i++)
		if (bit == 1u << i)
			return gradus_vocab_fig_props[i];
	return "?";
}

static void prop_checks(cfgfile *cf, cset *g, const char *where,
			const gradus_exercise *e)
{
	const gradus_figure *f = &e->figure;
	const gradus_figure_pose *poses[2] = {&f->start, &f->end};
	bool bed = false, seat = false;
	cset *at = cfg_member(cf, g, "props");

	if (!at)
		at = g;

	for (size_t i = 0; i < COUNT(eq_props); i++)
		if ((e->equipment & eq_props[i].eq) && !(f->props & eq_props[i].prop))
			cfg_error(cf, at,
				  "'%s.props' must show '%s': the exercise uses %s",
				  where, prop_name(eq_props[i].prop),
				  gradus_equipment_name(eq_props[i].eq));
	for (int k = 0; k < 2; k++) {
		bed |= poses[k]->on == GRADUS_FIG_ON_BED;
		seat |= poses[k]->on == GRADUS_FIG_ON_SEAT;
	}
	if (bed && !(f->props & GRADUS_FIG_PROP_BED))
		cfg_error(cf, at, "'%s.props' must show 'bed': the body is on a bed",
			  where);
	if (seat && !(f->props & (GRADUS_FIG_PROP_CHAIR | GRADUS_FIG_PROP_MACHINE)))
		cfg_error(cf, at,
			  "'%s.props' must show 'chair' or 'machine': the body sits",
			  where);
	if ((f->props & GRADUS_FIG_PROP_BAND) && !cfg_has(g, "band"))
		cfg_error(cf, at, "'%s.band' must name the band's two ends: props show a band",
			  where);
}

/* The body must rest on what carries it: its lowest point on the floor,
 * the bed or the mat (within FIG_TOLERANCE), never through the floor. */
static void support_check(cfgfile *cf, cset *g, const char *where,
			  const gradus_figure *f, const gradus_figure_pose *q,
			  const char *name)
{
	fig_body b;
	double low, floor_at, gap;
	cset *at = cfg_member(cf, g, name);

	fig_body_pose(f, q, &b);
	low = fig_body_lowest(&b);
	if (low < -FIG_TOLERANCE) {
		cfg_error(cf, at ? at : g,
			  "'%s.%s': the body goes %.0f cm through the floor (change 'lift' by %+.0f)",
			  where, name, -low, -low);
		return;
	}
	if (q->on == GRADUS_FIG_ON_SEAT || (q->on == GRADUS_FIG_ON_BED && !fig_pose_lying(q)))
		return; /* the pelvis sits on the seat or the bed's edge */
	floor_at = q->on == GRADUS_FIG_ON_FLOOR ? 0.0 : fig_support_height(q->on);
	gap = low - floor_at;
	if (q->on == GRADUS_FIG_ON_FLOOR && (f->props & GRADUS_FIG_PROP_STEP) &&
	    fabs(low - FIG_STEP_H) <= FIG_TOLERANCE)
		gap = 0; /* standing on the step */
	if (gap > FIG_TOLERANCE)
		cfg_error(cf, at ? at : g,
			  "'%s.%s': the body floats %.0f cm above the %s (change 'lift' by %+.0f)",
			  where, name, gap, gradus_vocab_fig_base[q->on], -gap);
	else if (gap < -FIG_TOLERANCE)
		cfg_error(cf, at ? at : g,
			  "'%s.%s': the body goes %.0f cm into the %s (change 'lift' by %+.0f)",
			  where, name, -gap, gradus_vocab_fig_base[q->on], -gap);
}

/* What only some views can draw: a leg roll (feet view, or the top
 * knee lying on the side), a turn of the shoulders (top view of a body
 * sitting or standing), a band tied at the side (front and top views);
 * and the front-above view draws only a body lying on its side. */
static void view_checks(cfgfile *cf, cset *g, const char *where,
			const gradus_figure *f)
{
	static const char *const poses[] = {"start", "end"};
	const gradus_figure_pose *q[2] = {&f->start, &f->end};
	cset *l = cfg_member(cf, g, "band");

	for (int k = 0; k < 2; k++) {
		cset *p = cfg_member(cf, g, poses[k]);
		cset *r = p ? cfg_member(cf, p, "roll") : NULL;
		cset *t = p ? cfg_member(cf, p, "turn") : NULL;
		if (r && f->view != GRADUS_FIG_VIEW_FEET &&
		    f->view != GRADUS_FIG_VIEW_FRONT_ABOVE)
			cfg_error(cf, r,
				  "'%s.%s.roll' is drawn only in the feet view (view = \"feet\") "
				  "or lying on the side (view = \"front_above\")",
				  where, poses[k]);
		if (t && (f->view != GRADUS_FIG_VIEW_TOP || fig_pose_lying(q[k])))
			cfg_error(cf, t,
				  "'%s.%s.turn' is drawn only seen from above (view = \"top\"), "
				  "sitting or standing",
				  where, poses[k]);
		if (f->view == GRADUS_FIG_VIEW_FRONT_ABOVE &&
		    q[k]->on != GRADUS_FIG_ON_BED && q[k]->on != GRADUS_FIG_ON_MAT)
			cfg_error(cf, p ? p : g,
				  "'%s.%s': the front_above view draws a body lying on its side: "
				  "it must be on a bed or mat",
				  where, poses[k]);
	}
	for (int i = 0; l && i < 2; i++)
		if (f->band[i] == GRADUS_FIG_ANCHOR_SIDE &&
		    f->view != GRADUS_FIG_VIEW_FRONT && f->view != GRADUS_FIG_VIEW_TOP)
			cfg_error(cf, l,
				  "'%s.band': a band tied at the 'side' shows only in the front or top view",
				  where);
}

static void read_band(cfgfile *cf, cset *g, const char *where,
		      gradus_figure *f)
{
	char path[256];
	cset *l = cfg_list(cf, g, where, "band", false);
	int w;

	if (!l)
		return;
	cfg_path(path, sizeof(path), where, "band");
	if (config_setting_length(l) != 2) {
		cfg_error(cf, l, "'%s' must name two ends, like [\"hand\", \"front\"]",
			  path);
		return;
	}
	for (int i = 0; i < 2; i++)
		if (cfg_elem_word(cf, l, path, i, gradus_vocab_fig_points,
				  GRADUS_FIG_ANCHOR__END, &w))
			f->band[i] = (gradus_figure_point)w;
}

static void read_figure(cfgfile *cf, cset *ex, const char *id,
			gradus_exercise *e)
{
	char where[128], pw[160];
	cset *g = cfg_group(cf, ex, id, "figure", false);
	gradus_figure *f = &e->figure;
	cset *s, *en;
	int w, errors_before = cf->errors;
	bool one = false, abduct;

	if (!g)
		return;
	cfg_path(where, sizeof(where), id, "figure");
	cfg_check_keys(cf, g, where, figure_keys);
	f->present = true;
	f->line = cfg_line(g);
	if (cfg_word(cf, g, where, "view", false, gradus_vocab_fig_views,
		     GRADUS_FIG_VIEW__COUNT, &w))
		f->view = (gradus_figure_view)w;
	if (cfg_word(cf, g, where, "base", true, gradus_vocab_fig_base,
		     GRADUS_FIG_ON__COUNT, &w))
		f->start.on = (gradus_figure_base)w;
	if (cfg_word(cf, g, where, "limbs", false, fig_limbs, 2, &w))
		one = w == 1;
	bits_list(cf, g, where, "props", gradus_vocab_fig_props, NULL,
		  GRADUS_FIG_PROP__COUNT, true, &f->props);
	read_band(cf, g, where, f);
	if (cfg_word(cf, g, where, "moves", true, gradus_vocab_fig_points,
		     GRADUS_FIG_PT__COUNT, &w))
		f->moves = (gradus_figure_point)w;
	if (cfg_word(cf, g, where, "mark", false, gradus_vocab_fig_marks,
		     GRADUS_FIG_MARK__COUNT, &w))
		f->mark = (gradus_figure_mark)w;
	/* angles out to the side: the front view, and lying seen from above */
	abduct = f->view == GRADUS_FIG_VIEW_FRONT ||
		 (f->view == GRADUS_FIG_VIEW_TOP &&
		  (f->start.on == GRADUS_FIG_ON_BED || f->start.on == GRADUS_FIG_ON_MAT));
	s = cfg_group(cf, g, where, "start", true);
	en = cfg_group(cf, g, where, "end", true);
	if (s)
		read_pose(cf, s, cfg_path(pw, sizeof(pw), where, "start"), abduct,
			  true, &f->start);
	f->end = f->start;
	if (en)
		read_pose(cf, en, cfg_path(pw, sizeof(pw), where, "end"), abduct,
			  !one, &f->end);
	view_checks(cf, g, where, f);
	if (!s || !en || cf->errors != errors_before)
		return;
	prop_checks(cf, g, where, e);
	if (f->view == GRADUS_FIG_VIEW_TOP || f->view == GRADUS_FIG_VIEW_FEET ||
	    f->view == GRADUS_FIG_VIEW_FRONT_ABOVE)
		return; /* seen from above or from the feet: no floor to stand on;
			 * lying on the side: the view lays the body on its base */
	support_check(cf, g, where, f, &f->start, "start");
	support_check(cf, g, where, f, &f->end, "end");
}

static gradus_exercise *read_exercise(gradus_catalogue *c, cfgfile *cf,
				      cset *ex, int index)
{
	gradus_exercise *e = arena_alloc(&c->a, sizeof(*e));
	char where[96];
	int w;
	bool flag;
	const char *id = NULL;

	if (!e)
		return NULL;
	snprintf(where, sizeof(where), "exercises[%d]", index);
	if (!config_setting_is_group(ex)) {
		cfg_error(cf, ex, "'%s' must be a group { ... }", where);
		return NULL;
	}
	if (cfg_string(cf, ex, where, "id", true, 64, &c->a, &id)) {
		if (!valid_id(id))
			cfg_error(cf, cfg_member(cf, ex, "id"),
				  "'%s.id' must be lower-case letters, digits "
				  "and '-', starting with a letter (found '%s')",
				  where, id);
		else
			snprintf(where, sizeof(where), "%s", id);
	}
	e->id = id;
	cfg_check_keys(cf, ex, where, exercise_keys);
	e->file = arena_strdup(&c->a, config_setting_source_file(ex)
					      ? config_setting_source_file(ex)
					      : cf->name);
	e->line = cfg_line(ex);
	cfg_string(cf, ex, where, "name", true, 120, &c->a, &e->name);
	e->pattern = GRADUS_PAT__COUNT; /* "not known": no link checks on it */
	if (cfg_word(cf, ex, where, "pattern", true, gradus_vocab_patterns,
		     GRADUS_PAT__COUNT, &w))
		e->pattern = (gradus_pattern)w;
	if (cfg_word(cf, ex, where, "position", true, gradus_vocab_positions,
		     GRADUS_POS__COUNT, &w))
		e->position = (gradus_position)w;
	cfg_int(cf, ex, where, "level", true, 1, 5, &e->level);
	if (cfg_word(cf, ex, where, "load", true, gradus_vocab_loads,
		     GRADUS_LOAD__COUNT, &w))
		e->load = (gradus_load_kind)w;
	bits_list(cf, ex, where, "equipment", gradus_vocab_equipment, NULL,
		  GRADUS_EQ__COUNT, true, &e->equipment);
	bits_list(cf, ex, where, "regions", gradus_vocab_region_words,
		  gradus_vocab_region_bits, GRADUS_REGION_WORDS, false,
		  &e->regions);
	tag_list(cf, ex, where, &e->avoid);
	if (cfg_bool(cf, ex, where, "supported", false, &flag))
		e->supported = flag;
	if (cfg_bool(cf, ex, where, "per_side", false, &flag))
		e->per_side = flag;
	cfg_int(cf, ex, where, "hold_s", false, 0, 120, &e->hold_s);
	e->seconds_per_rep = e->hold_s > 0 ? e->hold_s + 2 : 4;
	cfg_int(cf, ex, where, "seconds_per_rep", false, 2, 130,
		&e->seconds_per_rep);
	e->easier_id = link_id(cf, ex, where, "easier", &c->a);
	e->harder_id = link_id(cf, ex, where, "harder", &c->a);
	cfg_string_list(cf, ex, where, "muscles", true, 1, 8, 80, &c->a,
			&e->muscles, &e->n_muscles);
	cfg_string_list(cf, ex, where, "steps", true, 1, 8, 300, &c->a,
			&e->steps, &e->n_steps);
	cfg_string_list(cf, ex, where, "cues", true, 1, 6, 200, &c->a,
			&e->cues, &e->n_cues);
	cfg_string_list(cf, ex, where, "safety", true, 1, 6, 200, &c->a,
			&e->safety, &e->n_safety);
	cfg_string_list(cf, ex, where, "caregiver", true, 1, 6, 200, &c->a,
			&e->caregiver, &e->n_caregiver);

	/* Consistency of the record itself. */
	if (e->load == GRADUS_LOAD_BAND && !(e->equipment & GRADUS_EQ_BAND))
		cfg_error(cf, ex, "'%s': load is band, so 'equipment' must list 'band'",
			  where);
	if (e->load == GRADUS_LOAD_ANKLE_WEIGHT &&
	    !(e->equipment & GRADUS_EQ_ANKLE_WEIGHT))
		cfg_error(cf, ex,
			  "'%s': load is ankle_weight, so 'equipment' must list 'ankle_weight'",
			  where);
	if (e->load == GRADUS_LOAD_DUMBBELL &&
	    !(e->equipment & GRADUS_EQ_DUMBBELL))
		cfg_error(cf, ex,
			  "'%s': load is dumbbell, so 'equipment' must list 'dumbbell'",
			  where);
	if (e->load == GRADUS_LOAD_MACHINE && !(e->equipment & GRADUS_EQ_GYM))
		cfg_error(cf, ex,
			  "'%s': load is machine, so 'equipment' must list 'gym'",
			  where);
	if (e->id && e->easier_id && strcmp(e->id, e->easier_id) == 0)
		cfg_error(cf, ex, "'%s.easier' names the exercise itself", where);
	if (e->id && e->harder_id && strcmp(e->id, e->harder_id) == 0)
		cfg_error(cf, ex, "'%s.harder' names the exercise itself", where);
	if (id && valid_id(id)) {
		const gradus_exercise *first = find_id(c, id);
		/* an added exercise replaces a built-in one (add_parsed) */
		if (first && first->builtin == e->builtin)
			cfg_error(cf, cfg_member(cf, ex, "id"),
				  "duplicate exercise id '%s' (first defined at %s:%d)",
				  id, first->file, first->line);
	}
	read_figure(cf, ex, where, e);
	/* A record with errors is kept (the catalogue as a whole is then
	 * invalid) so that links to it do not add misleading errors. */
	return id && valid_id(id) ? e : NULL;
}

static int push(gradus_catalogue *c, gradus_exercise *e)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		gradus_exercise **items = realloc(c->items, cap * sizeof(*items));
		if (!items)
			return GRADUS_ENOMEM;
		c->items = items;
		c->cap = cap;
	}
	c->items[c->n++] = e;
	c->sorted = false;
	return GRADUS_OK;
}

static int add_parsed(gradus_catalogue *c, cfgfile *cf)
{
	cset *root = cfg_root(cf);
	cset *list;
	int format, len, rc = GRADUS_OK;

	cfg_check_keys(cf, root, NULL, top_keys);
	if (cfg_int(cf, root, NULL, "format", true, 1, 1, &format)) {
		/* only format 1 exists */
	}
	list = cfg_list(cf, root, NULL, "exercises", true);
	if (!list)
		return GRADUS_EINVALID;
	len = config_setting_length(list);
	if (len == 0)
		cfg_error(cf, list, "'exercises' is empty");
	for (int i = 0; i < len; i++) {
		gradus_exercise *e =
			read_exercise(c, cf, config_setting_get_elem(list, (unsigned)i), i);
		size_t at = e ? find_index(c, e->id) : c->n;
		if (at < c->n && c->items[at]->builtin != e->builtin) {
			/* an added exercise takes the built-in one's place; a
			 * built-in one added after it is left out */
			if (!e->builtin) {
				c->items[at] = e;
				c->sorted = false;
			}
			continue;
		}
		/* visible to duplicate checks of later records */
		if (e && push(c, e) != GRADUS_OK) {
			rc = GRADUS_ENOMEM;
			break;
		}
	}
	if (rc != GRADUS_OK)
		return rc;
	return cf->errors ? GRADUS_EINVALID : GRADUS_OK;
}

int gradus_catalogue_add_file(gradus_catalogue *c, const char *path,
			      gradus_diags *d)
{
	cfgfile cf;
	int rc = cfg_open_file(&cf, path, d);
	if (rc == GRADUS_OK)
		rc = add_parsed(c, &cf);
	cfg_close(&cf);
	return rc;
}

int gradus_catalogue_add_string(gradus_catalogue *c, const char *name,
				const char *text, gradus_diags *d)
{
	cfgfile cf;
	int rc = cfg_open_string(&cf, name, text, d);
	if (rc == GRADUS_OK)
		rc = add_parsed(c, &cf);
	cfg_close(&cf);
	return rc;
}

static int by_id(const void *a, const void *b)
{
	const gradus_exercise *x = *(gradus_exercise *const *)a;
	const gradus_exercise *y = *(gradus_exercise *const *)b;
	return strcmp(x->id, y->id);
}

/* An error in the links of `e` to `t` (NULL: none found). A built-in
 * exercise's links were right until an added exercise replaced `t`: the
 * error is then told at `t`, in the added file, naming the built-in one. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void link_error(gradus_diags *d, const gradus_exercise *e,
		       const gradus_exercise *t, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (e->builtin && t && !t->builtin)
		gradus_diags_add(d, GRADUS_SEV_ERROR, t->file, t->line,
				 "%s (the built-in exercise '%s', %s:%d, links to '%s', which this file replaces: keep its links, pattern and level)",
				 msg, e->id, e->file, e->line, t->id);
	else
		gradus_diags_add(d, GRADUS_SEV_ERROR, e->file, e->line, "%s", msg);
}

int gradus_catalogue_finish(gradus_catalogue *c, gradus_diags *d)
{
	size_t errors = 0;
	const char **ids;

	if (c->finished)
		return GRADUS_EUSAGE;
	c->finished = true;
	if (c->n > 1)
		qsort(c->items, c->n, sizeof(*c->items), by_id);
	c->sorted = true;
	ids = malloc((c->n ? c->n : 1) * sizeof(*ids));
	if (!ids)
		return GRADUS_ENOMEM;
	for (size_t i = 0; i < c->n; i++)
		ids[i] = c->items[i]->id;

	for (size_t i = 0; i < c->n; i++) {
		gradus_exercise *e = c->items[i];
		const char *keys[2] = {"easier", "harder"};
		const char *targets[2] = {e->easier_id, e->harder_id};
		for (int k = 0; k < 2; k++) {
			const gradus_exercise *t;
			if (!targets[k])
				continue;
			t = find_id(c, targets[k]);
			if (!t) {
				const char *hint = cfg_closest(targets[k], ids, c->n);
				if (hint)
					gradus_diags_add(d, GRADUS_SEV_ERROR, e->file, e->line,
							 "'%s.%s' names '%s', which is not in the catalogue; did you mean '%s'?",
							 e->id, keys[k], targets[k], hint);
				else
					gradus_diags_add(d, GRADUS_SEV_ERROR, e->file, e->line,
							 "'%s.%s' names '%s', which is not in the catalogue",
							 e->id, keys[k], targets[k]);
				errors++;
				continue;
			}
			if (k == 0)
				e->easier = t;
			else
				e->harder = t;
		}
	}
	for (size_t i = 0; i < c->n && !errors; i++) {
		gradus_exercise *e = c->items[i];
		if (e->harder == e)
			e->harder = NULL; /* reported when read */
		if (e->easier == e)
			e->easier = NULL;
		if (e->harder) {
			const char *back = e->harder->easier_id;
			if (!back || strcmp(back, e->id) != 0) {
				link_error(d, e, e->harder,
					   "'%s.harder' is '%s', but '%s.easier' does not name it back",
					   e->id, e->harder->id, e->harder->id);
				errors++;
			}
			if (e->harder->pattern != e->pattern &&
			    e->pattern != GRADUS_PAT__COUNT &&
			    e->harder->pattern != GRADUS_PAT__COUNT) {
				link_error(d, e, e->harder,
					   "'%s.harder' is '%s', which trains another pattern (%s, not %s)",
						 e->id, e->harder->id,
						 gradus_pattern_name(e->harder->pattern),
						 gradus_pattern_name(e->pattern));
				errors++;
			}
			if (e->harder->level < e->level && e->harder->level > 0) {
				link_error(d, e, e->harder,
					   "'%s.harder' is '%s', whose level (%d) is lower than the level of '%s' (%d)",
						 e->id, e->harder->id, e->harder->level, e->id, e->level);
				errors++;
			}
		}
		if (e->easier) {
			const char *back = e->easier->harder_id;
			if (!back || strcmp(back, e->id) != 0) {
				link_error(d, e, e->easier,
					   "'%s.easier' is '%s', but '%s.harder' does not name it back",
					   e->id, e->easier->id, e->easier->id);
				errors++;
			}
		}
	}
	/* Cycles: a harder chain longer than the catalogue must loop. */
	for (size_t i = 0; i < c->n && !errors; i++) {
		const gradus_exercise *e = c->items[i], *p = e->harder;
		size_t steps = 0;
		while (p && p != e && steps <= c->n) {
			p = p->harder;
			steps++;
		}
		if (p == e) {
			/* told at an added member, when there is one: the
			 * built-in ladders have no circle */
			const gradus_exercise *at = e;
			do {
				if (!p->builtin) {
					at = p;
					break;
				}
				p = p->harder;
			} while (p && p != e);
			gradus_diags_add(d, GRADUS_SEV_ERROR, at->file, at->line,
					 "ladder of '%s' goes round in a circle (harder links lead back to it)",
					 at->id);
			errors++;
			/* report each cycle once: clear the links of its members */
			p = e;
			do {
				const gradus_exercise *next = p->harder;
				((gradus_exercise *)p)->harder = NULL;
				p = next;
			} while (p && p != e);
		}
	}
	free(ids);
	return errors ? GRADUS_EINVALID : GRADUS_OK;
}

/* Ends a load: the catalogue in *out, or freed and the first error
 * (`worst`, else finishing's) returned. */
static int finish_or_free(gradus_catalogue *c, int worst,
			  gradus_catalogue **out, gradus_diags *d)
{
	int rc = gradus_catalogue_finish(c, d);
	if (rc && worst == GRADUS_OK)
		worst = rc;
	if (worst) {
		gradus_catalogue_free(c);
		return worst;
	}
	*out = c;
	return GRADUS_OK;
}

int gradus_catalogue_add_dir(gradus_catalogue *c, const char *dir,
			     gradus_diags *d)
{
	char **names = NULL;
	size_t n = 0;
	int rc, worst = GRADUS_OK;

	if (list_cfg_files(dir, &names, &n) != 0) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, dir, 0,
				 "cannot read the folder: %s", strerror(errno));
		return GRADUS_EIO;
	}
	if (n == 0) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, dir, 0,
				 "no exercise files (*.cfg) in this folder");
		worst = GRADUS_EINVALID;
	}
	for (size_t i = 0; i < n; i++) {
		rc = gradus_catalogue_add_file(c, names[i], d);
		if (rc == GRADUS_ENOMEM || (rc && worst == GRADUS_OK))
			worst = rc;
	}
	free_names(names, n);
	return worst;
}

int gradus_catalogue_load_dir(gradus_catalogue **out, const char *dir,
			      gradus_diags *d)
{
	gradus_catalogue *c;
	int rc;

	*out = NULL;
	rc = gradus_catalogue_new(&c);
	if (rc)
		return rc;
	return finish_or_free(c, gradus_catalogue_add_dir(c, dir, d), out, d);
}

void *catalogue_alloc(gradus_catalogue *c, size_t n)
{
	return arena_alloc(&c->a, n);
}

int catalogue_add_compiled(gradus_catalogue *c, gradus_exercise *v, size_t n)
{
	size_t before = c->n;

	for (size_t i = 0; i < n; i++) {
		size_t at;
		/* an exercise added before keeps its place; the built-in
		 * one with its id is left out (the table's ids are unique) */
		for (at = 0; at < before; at++)
			if (strcmp(c->items[at]->id, v[i].id) == 0)
				break;
		if (at < before)
			continue;
		if (push(c, &v[i]) != GRADUS_OK)
			return GRADUS_ENOMEM;
	}
	return GRADUS_OK;
}

size_t gradus_catalogue_count(const gradus_catalogue *c)
{
	return c ? c->n : 0;
}

const gradus_exercise *gradus_catalogue_get(const gradus_catalogue *c,
					    size_t i)
{
	return c && i < c->n ? c->items[i] : NULL;
}

const gradus_exercise *gradus_catalogue_find(const gradus_catalogue *c,
					     const char *id)
{
	return c && id ? find_id(c, id) : NULL;
}
