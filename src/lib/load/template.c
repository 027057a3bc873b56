#include "gradus/template.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/cfg.h"
#include "util/util.h"
#include "load/load.h"

struct gradus_templates {
	arena a;
	gradus_template **items;
	size_t n, cap;
};

static const char *const top_keys[] = {"format", "template", NULL};
static const char *const template_keys[] = {
	"id", "name", "description", "fits", "sessions_per_week", "max_rpe",
	"deload_every", "deload_first", "load_step_weeks", "load_progression", "max_level", "exercises",
	"warmup_minutes", "cooldown_minutes", "balance_minutes", "walking",
	"phases", "slots", NULL};
static const char *const fits_keys[] = {"kinds", "classes", "mobility", "gym",
					"clearance_required", NULL};
static const char *const phase_keys[] = {"name", "weeks", "sets", "reps",
					 "effort", "rest_s", NULL};
static const char *const slot_keys[] = {"pattern", "priority", "count", NULL};
static const char *const walking_keys[] = {"minutes", "days", NULL};

int gradus_templates_new(gradus_templates **out)
{
	gradus_templates *t = calloc(1, sizeof(*t));
	*out = t;
	if (!t)
		return GRADUS_ENOMEM;
	arena_init(&t->a);
	return GRADUS_OK;
}

void gradus_templates_free(gradus_templates *t)
{
	if (!t)
		return;
	arena_free(&t->a);
	free(t->items);
	free(t);
}

/* [low, high] whole numbers within [min, max], low <= high. */
static bool int_pair(cfgfile *cf, cset *parent, const char *where,
		     const char *key, int min, int max, int *lo, int *hi)
{
	char path[256];
	cset *l = cfg_list(cf, parent, where, key, true);
	int a, b;
	bool ok;

	if (!l)
		return false;
	cfg_path(path, sizeof(path), where, key);
	if (config_setting_length(l) != 2) {
		cfg_error(cf, l, "'%s' must be two whole numbers [low, high]",
			  path);
		return false;
	}
	/* both checked, in order, so that both report their errors */
	ok = cfg_elem_int(cf, l, path, 0, min, max, &a);
	ok = cfg_elem_int(cf, l, path, 1, min, max, &b) && ok;
	if (!ok)
		return false;
	if (a > b) {
		cfg_error(cf, l, "'%s' must be [low, high] with low <= high (found [%d, %d])",
			  path, a, b);
		return false;
	}
	*lo = a;
	*hi = b;
	return true;
}

static unsigned word_bits(cfgfile *cf, cset *parent, const char *where,
			  const char *key, const char *const *words, size_t n)
{
	return cfg_word_bits(cf, parent, where, key, words, n, NULL,
			     "must not be empty");
}

static void read_phases(gradus_templates *ts, gradus_template *t,
			cfgfile *cf, cset *tp)
{
	cset *l = cfg_list(cf, tp, "template", "phases", true);
	gradus_phase *ph;
	int len;

	if (!l)
		return;
	len = config_setting_length(l);
	if (len < 1 || len > 8) {
		cfg_error(cf, l, "'template.phases' must have from 1 to 8 phases (found %d)",
			  len);
		return;
	}
	ph = arena_alloc(&ts->a, (size_t)len * sizeof(*ph));
	if (!ph)
		return;
	for (int i = 0; i < len; i++) {
		cset *p = config_setting_get_elem(l, (unsigned)i);
		char where[64];
		snprintf(where, sizeof(where), "template.phases[%d]", i);
		if (!config_setting_is_group(p)) {
			cfg_error(cf, p, "'%s' must be a group { ... }", where);
			continue;
		}
		cfg_check_keys(cf, p, where, phase_keys);
		ph[i].line = cfg_line(p);
		cfg_string(cf, p, where, "name", true, 60, &ts->a, &ph[i].name);
		if (cfg_int(cf, p, where, "weeks", true, 0, 52, &ph[i].weeks) &&
		    ph[i].weeks == 0 && i != len - 1)
			cfg_error(cf, cfg_member(cf, p, "weeks"),
				  "'%s.weeks' may be 0 (all remaining weeks) only in the last phase",
				  where);
		/* sets 1-5, reps 1-30, effort 0-10, rest 30-300 s: the
		 * ranges of the file format; docs/sources.md values are chosen
		 * in the templates themselves. */
		int_pair(cf, p, where, "sets", 1, 5, &ph[i].sets_min, &ph[i].sets_max);
		int_pair(cf, p, where, "reps", 1, 30, &ph[i].reps_min, &ph[i].reps_max);
		if (int_pair(cf, p, where, "effort", 0, 10, &ph[i].rpe_min,
			     &ph[i].rpe_max) &&
		    t->max_rpe > 0 && ph[i].rpe_max > t->max_rpe)
			cfg_error(cf, cfg_member(cf, p, "effort"),
				  "'%s.effort' goes up to %d, above the template's max_rpe of %d",
				  where, ph[i].rpe_max, t->max_rpe);
		cfg_int(cf, p, where, "rest_s", true, 30, 300, &ph[i].rest_s);
	}
	t->phases = ph;
	t->n_phases = (size_t)len;
}

/* The first exercise of `cat` with the pattern `p` added from a file (not
 * built in), or NULL. */
static const gradus_exercise *added_exercise(const gradus_catalogue *cat,
					     gradus_pattern p)
{
	for (size_t k = 0; k < gradus_catalogue_count(cat); k++) {
		const gradus_exercise *e = gradus_catalogue_get(cat, k);
		if (e->pattern == p && !e->builtin)
			return e;
	}
	return NULL;
}

/* Whether `cat` offers slot `s` (number `i`) of `t` an exercise of its
 * pattern at the template's levels; if not, an error at pattern_file:
 * pattern_line (the slot's pattern), or, for a built-in template that had
 * one until a file replaced it, at that file's first exercise of the
 * pattern. `tfile` is the template's file. Returns false when it told
 * an error. */
static bool slot_offered(gradus_diags *d, const gradus_template *t,
			 const gradus_slot *s, int i,
			 const gradus_catalogue *cat, const char *tfile,
			 const char *pattern_file, int pattern_line)
{
	size_t n = gradus_catalogue_count(cat);
	const gradus_exercise *e;

	for (size_t k = 0; k < n; k++) {
		e = gradus_catalogue_get(cat, k);
		if (e->pattern == s->pattern &&
		    (t->max_level == 0 || e->level <= t->max_level))
			return true;
	}
	e = t->builtin ? added_exercise(cat, s->pattern) : NULL;
	if (!e)
		gradus_diags_add(d, GRADUS_SEV_ERROR, pattern_file, pattern_line,
				 "'template.slots[%d].pattern': the catalogue has no '%s' exercise at level %d or below",
				 i, gradus_vocab_patterns[s->pattern], t->max_level);
	else
		gradus_diags_add(d, GRADUS_SEV_ERROR, e->file, e->line,
				 "the built-in template '%s' (%s:%d) needs a '%s' exercise at level %d or below, and the catalogue has none once this file's exercises replace the built-in ones",
				 t->id ? t->id : "", tfile, s->line,
				 gradus_vocab_patterns[s->pattern], t->max_level);
	return false;
}

static bool strength_pattern(gradus_pattern p)
{
	return p != GRADUS_PAT_WARMUP && p != GRADUS_PAT_MOBILITY &&
	       p != GRADUS_PAT_BALANCE;
}

static void read_slots(gradus_templates *ts, gradus_template *t, cfgfile *cf,
		       cset *tp, const gradus_catalogue *cat)
{
	cset *l = cfg_list(cf, tp, "template", "slots", true);
	gradus_slot *sl;
	int len, total = 0, errors = cf->errors;

	if (!l)
		return;
	len = config_setting_length(l);
	if (len < 1 || len > 16) {
		cfg_error(cf, l, "'template.slots' must have from 1 to 16 slots (found %d)",
			  len);
		return;
	}
	sl = arena_alloc(&ts->a, (size_t)len * sizeof(*sl));
	if (!sl)
		return;
	for (int i = 0; i < len; i++) {
		cset *s = config_setting_get_elem(l, (unsigned)i);
		char where[64];
		int w;
		snprintf(where, sizeof(where), "template.slots[%d]", i);
		if (!config_setting_is_group(s)) {
			cfg_error(cf, s, "'%s' must be a group { ... }", where);
			continue;
		}
		cfg_check_keys(cf, s, where, slot_keys);
		sl[i].line = cfg_line(s);
		if (cfg_word(cf, s, where, "pattern", true, gradus_vocab_patterns,
			     GRADUS_PAT__COUNT, &w)) {
			sl[i].pattern = (gradus_pattern)w;
			if (!strength_pattern(sl[i].pattern))
				cfg_error(cf, cfg_member(cf, s, "pattern"),
					  "'%s.pattern' is '%s'; slots are for strength work (balance, warm-up and mobility have their own keys)",
					  where, gradus_vocab_patterns[w]);
			else if (cat) {
				cset *at = cfg_member(cf, s, "pattern");
				const char *file = config_setting_source_file(at);
				if (!slot_offered(cf->d, t, &sl[i], i, cat, cf->name,
						  file ? file : cf->name, cfg_line(at)))
					cf->errors++;
			}
		}
		cfg_int(cf, s, where, "priority", true, 1, 16, &sl[i].priority);
		if (cfg_int(cf, s, where, "count", true, 1, 2, &sl[i].count))
			total += sl[i].count;
	}
	t->slots = sl;
	t->n_slots = (size_t)len;
	if (cf->errors == errors && t->exercises_min > 0 &&
	    total < t->exercises_min)
		cfg_error(cf, l, "'template.slots' offer %d exercise%s, fewer than the minimum of %d in 'template.exercises'",
			  total, total == 1 ? "" : "s", t->exercises_min);
}

/* deload_first and load_step_weeks; every_ok says deload_every was read
 * without error (else only deload_first's own range is checked). */
static void read_rhythm(gradus_template *t, cfgfile *cf, cset *tp,
			bool every_ok)
{
	const char *W = "template";
	cset *m;
	int v;

	/* At least 2 weeks between two load rises of one exercise: double
	 * progression [ACSM2009]; 2 is our conservative choice (D). */
	t->load_step_weeks = 2;
	cfg_int(cf, tp, W, "load_step_weeks", false, 2, 8, &t->load_step_weeks);
	/* The first lighter week comes after the first 5 weeks of getting
	 * used to the work, by default in week 6: our choice (D). */
	t->deload_first = t->deload_every > 0 ? 6 : 0;
	m = cfg_member(cf, tp, "deload_first");
	/* any whole number first, so that both holes (1..5, 53 and up)
	 * get one message naming both parts of the range */
	if (!m || !cfg_int(cf, tp, W, "deload_first", false, INT_MIN, INT_MAX,
			   &v))
		return;
	if (v >= 1 && v <= 5) {
		cfg_error(cf, m, "'template.deload_first' must be 0 (no lighter weeks) or from 6 to 52 (found %d): lighter weeks never come in the first 5 weeks",
			  v);
		return;
	}
	if (v < 0 || v > 52) {
		cfg_error(cf, m, "'template.deload_first' must be 0 (no lighter weeks) or from 6 to 52 (found %d)",
			  v);
		return;
	}
	if (!every_ok)
		return;
	if (t->deload_every == 0 && v > 0)
		cfg_error(cf, m, "'template.deload_first' is %d, but 'template.deload_every' is 0 (no lighter weeks); leave deload_first out or give deload_every",
			  v);
	else if (t->deload_every > 0 && v == 0)
		cfg_error(cf, m, "'template.deload_first' is 0 (no lighter weeks), but 'template.deload_every' is %d; write deload_every = 0 for no lighter weeks",
			  t->deload_every);
	else
		t->deload_first = v;
}

static int push(gradus_templates *ts, gradus_template *t)
{
	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 8;
		gradus_template **items = realloc(ts->items, cap * sizeof(*items));
		if (!items)
			return GRADUS_ENOMEM;
		ts->items = items;
		ts->cap = cap;
	}
	ts->items[ts->n++] = t;
	return GRADUS_OK;
}

static int add_parsed(gradus_templates *ts, cfgfile *cf,
		      const gradus_catalogue *cat)
{
	cset *root = cfg_root(cf), *tp, *fits, *walk, *ex;
	gradus_template *t;
	const gradus_template *first;
	int format, errors = cf->errors;
	bool flag;
	const char *W = "template";

	cfg_check_keys(cf, root, NULL, top_keys);
	cfg_int(cf, root, NULL, "format", true, 1, 1, &format);
	tp = cfg_group(cf, root, NULL, "template", true);
	if (!tp)
		return GRADUS_EINVALID;
	t = arena_alloc(&ts->a, sizeof(*t));
	if (!t)
		return GRADUS_ENOMEM;
	t->file = arena_strdup(&ts->a, cf->name);
	t->line = cfg_line(tp);
	t->text = arena_strdup(&ts->a, cf->text ? cf->text : "");
	cfg_check_keys(cf, tp, W, template_keys);
	if (cfg_string(cf, tp, W, "id", true, 64, &ts->a, &t->id) &&
	    !gradus_valid_id(t->id))
		cfg_error(cf, cfg_member(cf, tp, "id"),
			  "'template.id' must be lower-case letters, digits and '-', starting with a letter (found '%s')",
			  t->id);
	cfg_string(cf, tp, W, "name", true, 120, &ts->a, &t->name);
	cfg_string(cf, tp, W, "description", true, 2000, &ts->a, &t->description);
	fits = cfg_group(cf, tp, W, "fits", true);
	if (fits) {
		cfg_check_keys(cf, fits, "template.fits", fits_keys);
		t->kinds = word_bits(cf, fits, "template.fits", "kinds",
				     gradus_vocab_kinds, GRADUS_KIND__COUNT);
		t->classes = word_bits(cf, fits, "template.fits", "classes",
				       gradus_vocab_classes, GRADUS_CLASS__COUNT);
		t->mobility = word_bits(cf, fits, "template.fits", "mobility",
					gradus_vocab_mobility, GRADUS_MOB__COUNT);
		if (cfg_bool(cf, fits, "template.fits", "gym", false, &flag))
			t->gym = flag;
		if (cfg_bool(cf, fits, "template.fits", "clearance_required",
			     false, &flag))
			t->clearance_required = flag;
	}
	/* 1-3 sessions a week [ACSM2009, NSCA2019: 2-3; 1 allowed for
	 * maintenance]; effort 1-10; deload rhythm 0 (never) or 2-8 weeks. */
	cfg_int(cf, tp, W, "sessions_per_week", true, 1, 3, &t->sessions_per_week);
	cfg_int(cf, tp, W, "max_rpe", true, 1, 10, &t->max_rpe);
	flag = cfg_int(cf, tp, W, "deload_every", true, 0, 8, &t->deload_every);
	if (flag && t->deload_every == 1) {
		cfg_error(cf, cfg_member(cf, tp, "deload_every"),
			  "'template.deload_every' must be 0 (never) or from 2 to 8 (found 1)");
		flag = false;
	}
	read_rhythm(t, cf, tp, flag);
	if (cfg_bool(cf, tp, W, "load_progression", true, &flag))
		t->load_progression = flag;
	cfg_int(cf, tp, W, "max_level", true, 1, 5, &t->max_level);
	ex = cfg_list(cf, tp, W, "exercises", true);
	if (ex)
		int_pair(cf, tp, W, "exercises", 1, 12, &t->exercises_min,
			 &t->exercises_max);
	cfg_int(cf, tp, W, "warmup_minutes", true, 0, 20, &t->warmup_min);
	cfg_int(cf, tp, W, "cooldown_minutes", true, 0, 20, &t->cooldown_min);
	cfg_int(cf, tp, W, "balance_minutes", true, 0, 30, &t->balance_min);
	walk = cfg_group(cf, tp, W, "walking", false);
	if (walk) {
		cfg_check_keys(cf, walk, "template.walking", walking_keys);
		cfg_int(cf, walk, "template.walking", "minutes", true, 1, 60,
			&t->walking_min);
		cfg_int(cf, walk, "template.walking", "days", true, 1, 7,
			&t->walking_days);
	}
	read_phases(ts, t, cf, tp);
	read_slots(ts, t, cf, tp, cat);

	first = t->id ? gradus_templates_find(ts, t->id) : NULL;
	/* an added template replaces a built-in one (below) */
	if (first && first->builtin == t->builtin) {
		cfg_error(cf, cfg_member(cf, tp, "id"),
			  "duplicate template id '%s' (first defined at %s:%d)",
			  t->id, first->file, first->line);
	}
	if (cf->errors != errors)
		return GRADUS_EINVALID;
	if (first) {
		/* an added template takes the built-in one's place; a
		 * built-in one added after it is left out */
		for (size_t i = 0; !t->builtin && i < ts->n; i++)
			if (ts->items[i] == first)
				ts->items[i] = t;
		return GRADUS_OK;
	}
	return push(ts, t);
}

int gradus_templates_add_file(gradus_templates *t, const char *path,
			      const gradus_catalogue *cat, gradus_diags *d)
{
	cfgfile cf;
	int rc = cfg_open_file(&cf, path, d);
	if (rc == GRADUS_OK)
		rc = add_parsed(t, &cf, cat);
	cfg_close(&cf);
	return rc;
}

int gradus_templates_add_string(gradus_templates *t, const char *name,
				const char *text, const gradus_catalogue *cat,
				gradus_diags *d)
{
	cfgfile cf;
	int rc = cfg_open_string(&cf, name, text, d);
	if (rc == GRADUS_OK)
		rc = add_parsed(t, &cf, cat);
	cfg_close(&cf);
	return rc;
}

int gradus_templates_add_dir(gradus_templates *t, const char *dir,
			     const gradus_catalogue *cat, gradus_diags *d)
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
				 "no template files (*.cfg) in this folder");
		worst = GRADUS_EINVALID;
	}
	for (size_t i = 0; i < n; i++) {
		rc = gradus_templates_add_file(t, names[i], cat, d);
		if (rc == GRADUS_ENOMEM || (rc && worst == GRADUS_OK))
			worst = rc;
	}
	free_names(names, n);
	return worst;
}

void *templates_alloc(gradus_templates *ts, size_t n)
{
	return arena_alloc(&ts->a, n);
}

int templates_add_compiled(gradus_templates *ts, gradus_template *t,
			   const int *pattern_lines,
			   const gradus_catalogue *cat, gradus_diags *d)
{
	bool ok = true;

	/* the only check left: the catalogue it is used with */
	for (size_t k = 0; cat && k < t->n_slots; k++)
		ok &= slot_offered(d, t, &t->slots[k], (int)k, cat, t->file,
				   t->file, pattern_lines[k]);
	if (!ok)
		return GRADUS_EINVALID;
	/* a template added before keeps its place; the built-in one with
	 * its id is left out */
	if (gradus_templates_find(ts, t->id))
		return GRADUS_OK;
	return push(ts, t);
}

int templates_keep_or_free(gradus_templates *t, int rc, gradus_templates **out)
{
	if (rc) {
		gradus_templates_free(t);
		return rc;
	}
	*out = t;
	return GRADUS_OK;
}

int gradus_templates_load_dir(gradus_templates **out, const char *dir,
			      const gradus_catalogue *cat, gradus_diags *d)
{
	gradus_templates *t;
	int rc;

	*out = NULL;
	rc = gradus_templates_new(&t);
	if (rc)
		return rc;
	return templates_keep_or_free(t, gradus_templates_add_dir(t, dir, cat, d), out);
}

size_t gradus_templates_count(const gradus_templates *t)
{
	return t ? t->n : 0;
}

const gradus_template *gradus_templates_get(const gradus_templates *t,
					    size_t i)
{
	return t && i < t->n ? t->items[i] : NULL;
}

const gradus_template *gradus_templates_find(const gradus_templates *t,
					     const char *id)
{
	if (!t || !id)
		return NULL;
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->items[i]->id, id) == 0)
			return t->items[i];
	return NULL;
}
