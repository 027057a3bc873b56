/* Session logs (docs/formats.md, "Session log"): loaded and checked like
 * the other files, every problem reported as FILE:LINE. */
#include "gradus/log.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/cfg.h"
#include "util/util.h"
#include "load/load.h"

typedef struct {
	gradus_log log; /* first: the public part */
	arena a;
} log_box;

/* What was left blank, gathered while reading (copied into the log's
 * arena at the end). */
typedef struct {
	gradus_log_skip *skip;
	size_t n_skip, cap_skip;
	gradus_log_blank *blank;
	size_t n_blank, cap_blank;
	size_t values;
	bool failed;
} blanks_acc;

static void add_skip(blanks_acc *acc, gradus_log_skip k)
{
	if (acc->n_skip == acc->cap_skip) {
		size_t cap = acc->cap_skip ? 2 * acc->cap_skip : 16;
		gradus_log_skip *v = realloc(acc->skip, cap * sizeof(*v));
		if (!v) {
			acc->failed = true;
			return;
		}
		acc->skip = v;
		acc->cap_skip = cap;
	}
	acc->skip[acc->n_skip++] = k;
}

static void add_blank(blanks_acc *acc, arena *a, const char *where,
		      const char *keys, int n, int line)
{
	if (acc->n_blank == acc->cap_blank) {
		size_t cap = acc->cap_blank ? 2 * acc->cap_blank : 16;
		gradus_log_blank *v = realloc(acc->blank, cap * sizeof(*v));
		if (!v) {
			acc->failed = true;
			return;
		}
		acc->blank = v;
		acc->cap_blank = cap;
	}
	acc->blank[acc->n_blank++] = (gradus_log_blank){
		arena_strdup(a, where), keys ? arena_strdup(a, keys) : NULL, n,
		line};
}

/* A blank written for the caregiver to fill in: "" or an empty list
 * [] / (). Never an answer. */
static bool is_blank(cfgfile *cf, cset *g, const char *key)
{
	cset *m = g ? cfg_member(cf, g, key) : NULL;
	int t;
	if (!m)
		return false;
	t = config_setting_type(m);
	if (t == CONFIG_TYPE_STRING) {
		const char *v = config_setting_get_string(m);
		return v && !*v;
	}
	if (t == CONFIG_TYPE_ARRAY || t == CONFIG_TYPE_LIST)
		return config_setting_length(m) == 0;
	return false;
}

/* Appends `key` to the list of blank keys of one group. */
static void blank_key(char *keys, size_t size, int *n, const char *key)
{
	size_t len = strlen(keys);
	snprintf(keys + len, size - len, "%s%s", len ? ", " : "", key);
	(*n)++;
}

/* Limits of the format (our choice: a year of daily sessions, more
 * exercises than any template asks for). */
#define MAX_SESSIONS 400
#define MAX_ENTRIES 20
#define MAX_WEEKS 104
#define MAX_MEASURES 60

static const char *const top_keys[] = {"format", "profile", "plan_start",
				       "first_week", "sessions", "weeks",
				       "measures", "clearance", NULL};
static const char *const session_keys[] = {"date", "exercises", "notes", NULL};
static const char *const entry_keys[] = {
	"id", "sets", "reps", "load_kg", "band", "machine_step", "support",
	"effort", "pain", "next_morning_ok", "notes", NULL};
static const char *const week_keys[] = {"week", "red_flags", "ill",
					"hospital", "notes", NULL};
static const char *const measure_keys[] = {
	"date", "grip_kg", "chair_stand_5x_s", "chair_stand_30s",
	"gait_speed_m_s", "tug_s", "sppb", "sarc_f", NULL};
static const char *const clearance_keys[] = {"by", "date", NULL};

static bool date_key(cfgfile *cf, cset *g, const char *where, const char *key,
		     bool required, gradus_date *out)
{
	const char *s;
	char path[128];
	arena tmp;
	bool ok;

	arena_init(&tmp);
	ok = cfg_string(cf, g, where, key, required, 32, &tmp, &s);
	if (ok && gradus_date_parse(s, out) != 0) {
		cfg_error(cf, cfg_member(cf, g, key),
			  "'%s' must be a real date written YYYY-MM-DD (found '%s')",
			  cfg_path(path, sizeof(path), where, key), s);
		ok = false;
	}
	arena_free(&tmp);
	return ok;
}

/* A ( { ... }, ... ) list of at most max groups; NULL when absent or
 * not a list (reported). */
static cset *group_list(cfgfile *cf, cset *root, const char *key,
			bool required, int max, int *n)
{
	cset *l = cfg_list(cf, root, NULL, key, required);
	*n = 0;
	if (!l)
		return NULL;
	*n = config_setting_length(l);
	if (*n > max) {
		cfg_error(cf, l, "'%s' has %d entries; at most %d are allowed",
			  key, *n, max);
		*n = max;
	}
	return l;
}

static cset *elem_group(cfgfile *cf, cset *l, const char *where, int i)
{
	cset *e = config_setting_get_elem(l, (unsigned)i);
	if (e && !config_setting_is_group(e)) {
		cfg_error(cf, e, "'%s' must be a group { ... }", where);
		return NULL;
	}
	return e;
}

static void exercise_ids(const gradus_catalogue *cat, const char ***ids,
			 size_t *n)
{
	*n = gradus_catalogue_count(cat);
	*ids = malloc((*n ? *n : 1) * sizeof(**ids));
	if (!*ids) {
		*n = 0;
		return;
	}
	for (size_t i = 0; i < *n; i++)
		(*ids)[i] = gradus_catalogue_get(cat, i)->id;
}

static const char *load_words(gradus_load_kind k)
{
	switch (k) {
	case GRADUS_LOAD_BAND: return "a band: write band = \"colour\"";
	case GRADUS_LOAD_ANKLE_WEIGHT:
	case GRADUS_LOAD_DUMBBELL: return "a weight: write load_kg";
	case GRADUS_LOAD_MACHINE: return "a machine: write machine_step";
	default: return "no load but your own body weight";
	}
}

/* reps = 12 (with sets = N) or reps = [12, 10] (one number a set). */
static void read_reps(cfgfile *cf, cset *g, const char *where,
		      gradus_log_entry *e)
{
	char path[128];
	cset *r = cfg_member(cf, g, "reps");
	int sets = 0;
	bool has_sets;

	cfg_path(path, sizeof(path), where, "reps");
	has_sets = cfg_has(g, "sets");
	if (has_sets && !cfg_int(cf, g, where, "sets", false, 1,
				 GRADUS_LOG_MAX_SETS, &sets))
		sets = -1; /* reported */
	if (!r) {
		cfg_error(cf, g, "'%s' is missing (the reps done: one number, or a list with one number for each set)",
			  path);
		return;
	}
	if (config_setting_type(r) == CONFIG_TYPE_INT ||
	    config_setting_type(r) == CONFIG_TYPE_INT64) {
		int v;
		if (!has_sets) {
			cfg_error(cf, r, "'%s' is one number, so '%s.sets' is needed (how many boxes were ticked); or write the reps of each set as a list [ ... ]",
				  path, where);
			return;
		}
		if (!cfg_int(cf, g, where, "reps", true, 0, 100, &v) || sets < 1)
			return;
		e->sets = sets;
		for (int i = 0; i < sets; i++)
			e->reps[i] = v;
		return;
	}
	if (config_setting_type(r) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(r) != CONFIG_TYPE_LIST) {
		cfg_error(cf, r, "'%s' must be a whole number or a list [ ... ] of whole numbers, one for each set",
			  path);
		return;
	}
	int n = config_setting_length(r);
	if (n < 1 || n > GRADUS_LOG_MAX_SETS) {
		cfg_error(cf, r, "'%s' must list from 1 to %d sets (found %d)",
			  path, GRADUS_LOG_MAX_SETS, n);
		return;
	}
	bool ok = true;
	for (int i = 0; i < n; i++)
		ok &= cfg_elem_int(cf, r, path, i, 0, 100, &e->reps[i]);
	if (has_sets && sets > 0 && sets != n) {
		cfg_error(cf, r, "'%s' lists %d sets but '%s.sets' is %d",
			  path, n, where, sets);
		return;
	}
	if (ok)
		e->sets = n;
}

/* Reads one exercise of a session. Returns false when its reps are
 * blank (not counted); the names of its blank keys go to `keys` (`nb`
 * of them). */
static bool read_entry(cfgfile *cf, cset *g, const char *where,
		       gradus_log_entry *e, arena *a,
		       const gradus_catalogue *cat, const char **ids,
		       size_t n_ids, char *keys, size_t keys_size, int *nb)
{
	static const char *const blankable[] = {"effort", "pain",
						"next_morning_ok"};
	bool v, counted = true;
	int w;

	e->line = cfg_line(g);
	e->load_kg = NAN;
	e->band = -1;
	e->machine_step = -1;
	e->support = GRADUS_SUPPORT_NA;
	e->effort = -1;
	e->pain = -1;
	e->next_morning_ok = GRADUS_ANSWER_MISSING;
	cfg_check_keys(cf, g, where, entry_keys);
	if (cfg_string(cf, g, where, "id", true, 64, a, &e->id) && cat) {
		e->exercise = gradus_catalogue_find(cat, e->id);
		if (!e->exercise) {
			const char *hint = cfg_closest(e->id, ids, n_ids);
			cset *m = cfg_member(cf, g, "id");
			if (hint)
				cfg_error(cf, m, "'%s.id' names '%s', which is not in the catalogue; did you mean '%s'?",
					  where, e->id, hint);
			else
				cfg_error(cf, m, "'%s.id' names '%s', which is not in the catalogue",
					  where, e->id);
		}
	}
	if (is_blank(cf, g, "reps")) {
		blank_key(keys, keys_size, nb, "reps");
		counted = false;
	} else
		read_reps(cf, g, where, e);
	for (size_t i = 0; i < COUNT(blankable); i++)
		if (is_blank(cf, g, blankable[i]))
			blank_key(keys, keys_size, nb, blankable[i]);
	/* 0-50 kg: what home and gym weights come in (as in profiles) */
	cfg_float(cf, g, where, "load_kg", false, 0, 50, &e->load_kg);
	if (cfg_word(cf, g, where, "band", false, gradus_vocab_bands,
		     GRADUS_BAND__COUNT, &w))
		e->band = w;
	cfg_int(cf, g, where, "machine_step", false, 0, 30, &e->machine_step);
	if (cfg_word(cf, g, where, "support", false, gradus_vocab_support, 4, &w))
		e->support = (gradus_support)w;
	/* effort and pain on the 0-10 scales of the plan */
	if (!is_blank(cf, g, "effort"))
		cfg_int(cf, g, where, "effort", false, 0, 10, &e->effort);
	if (!is_blank(cf, g, "pain"))
		cfg_int(cf, g, where, "pain", false, 0, 10, &e->pain);
	if (!is_blank(cf, g, "next_morning_ok") &&
	    cfg_bool(cf, g, where, "next_morning_ok", false, &v))
		e->next_morning_ok = v ? GRADUS_ANSWER_YES : GRADUS_ANSWER_NO;
	cfg_string(cf, g, where, "notes", false, 300, a, &e->notes);

	if (e->exercise) {
		const gradus_exercise *x = e->exercise;
		bool weight = x->load == GRADUS_LOAD_ANKLE_WEIGHT ||
			      x->load == GRADUS_LOAD_DUMBBELL;
		static const struct {
			const char *key;
			gradus_load_kind kind;
		} loads[] = {{"load_kg", GRADUS_LOAD_ANKLE_WEIGHT},
			     {"band", GRADUS_LOAD_BAND},
			     {"machine_step", GRADUS_LOAD_MACHINE}};
		for (size_t i = 0; i < COUNT(loads); i++) {
			bool fits = loads[i].kind == GRADUS_LOAD_ANKLE_WEIGHT
				? weight : x->load == loads[i].kind;
			if (cfg_has(g, loads[i].key) && !fits)
				cfg_error(cf, cfg_member(cf, g, loads[i].key),
					  "'%s.%s' does not fit '%s', which uses %s",
					  where, loads[i].key, x->id, load_words(x->load));
		}
		if (cfg_has(g, "support") && !x->supported)
			cfg_error(cf, cfg_member(cf, g, "support"),
				  "'%s.support' does not fit '%s', which is not done holding on",
				  where, x->id);
	}
	return counted;
}

/* The exercises of one session; the counted ones go first into es[]
 * (*counted of them). Returns the number of entries written, -1 when
 * the list is missing or of a wrong length (reported). */
static int read_entries(cfgfile *cf, cset *g, const char *where,
			gradus_log_session *s, gradus_log_entry *es,
			size_t *counted, arena *a, blanks_acc *acc,
			const gradus_catalogue *cat, const char **ids,
			size_t n_ids, int *n_blank)
{
	cset *el = cfg_list(cf, g, where, "exercises", true);
	const char *seen[MAX_ENTRIES];
	int ne, n_seen = 0;
	size_t first_blank = acc->n_blank;

	*counted = 0;
	*n_blank = 0;
	if (!el)
		return -1;
	ne = config_setting_length(el);
	if (ne < 1 || ne > MAX_ENTRIES) {
		cfg_error(cf, el, "'%s.exercises' must list from 1 to %d exercises (found %d)",
			  where, MAX_ENTRIES, ne);
		return -1;
	}
	for (int k = 0; k < ne; k++) {
		char ew[80], keys[96] = "";
		int nb = 0;
		gradus_log_entry *e = &es[*counted];
		cset *eg;
		snprintf(ew, sizeof(ew), "%s.exercises[%d]", where, k);
		if (!(eg = elem_group(cf, el, ew, k)))
			continue;
		memset(e, 0, sizeof(*e));
		bool use = read_entry(cf, eg, ew, e, a, cat, ids, n_ids, keys,
				      sizeof(keys), &nb);
		for (int j = 0; j < n_seen; j++)
			if (e->id && strcmp(seen[j], e->id) == 0) {
				cfg_error(cf, eg, "'%s' is '%s' again: write all its sets in one entry",
					  ew, e->id);
				break;
			}
		if (e->id)
			seen[n_seen++] = e->id; /* blank or not: once a session */
		if (nb) {
			char ww[160];
			snprintf(ww, sizeof(ww), "%s (%s)", ew, e->id ? e->id : "?");
			add_blank(acc, a, ww, keys, nb, e->line);
			*n_blank += nb;
		}
		if (use)
			(*counted)++;
		else
			add_skip(acc, (gradus_log_skip){GRADUS_SKIP_ENTRY, s->date,
				  e->id, 0, e->line});
	}
	if (*counted == 0 && *n_blank) {
		/* nothing filled in: the session is not counted, one group of
		 * blanks for all of it */
		acc->n_blank = first_blank;
		while (acc->n_skip && acc->skip[acc->n_skip - 1].kind == GRADUS_SKIP_ENTRY &&
		       acc->skip[acc->n_skip - 1].line >= s->line)
			acc->n_skip--;
		add_skip(acc, (gradus_log_skip){GRADUS_SKIP_SESSION, s->date,
			  NULL, 0, s->line});
		char ww[80], ds[11] = "?";
		if (gradus_date_is_set(s->date))
			gradus_date_format(s->date, ds);
		snprintf(ww, sizeof(ww), "%s (%s)", where, ds);
		add_blank(acc, a, ww, NULL, *n_blank, s->line);
	}
	return ne;
}

static void read_sessions(gradus_log *log, arena *a, cfgfile *cf, cset *root,
			  const gradus_catalogue *cat, blanks_acc *acc)
{
	int n;
	cset *l = group_list(cf, root, "sessions", true, MAX_SESSIONS, &n);
	gradus_log_session *ss;
	const char **ids = NULL;
	size_t n_ids = 0, kept = 0;
	long prev = 0;
	bool have_prev = false;

	if (!l)
		return;
	ss = arena_alloc(a, (size_t)(n ? n : 1) * sizeof(*ss));
	if (!ss)
		return;
	if (cat)
		exercise_ids(cat, &ids, &n_ids);
	for (int i = 0; i < n; i++) {
		char where[48];
		gradus_log_session *s = &ss[kept];
		gradus_log_entry *es;
		cset *g;
		size_t counted;
		int ne, nb;
		snprintf(where, sizeof(where), "sessions[%d]", i);
		if (!(g = elem_group(cf, l, where, i)))
			continue;
		memset(s, 0, sizeof(*s));
		s->line = cfg_line(g);
		cfg_check_keys(cf, g, where, session_keys);
		if (date_key(cf, g, where, "date", true, &s->date)) {
			long day = gradus_date_days(s->date);
			char ds[11];
			gradus_date_format(s->date, ds);
			if (gradus_date_is_set(log->plan_start) &&
			    day < gradus_date_days(log->plan_start))
				cfg_error(cf, cfg_member(cf, g, "date"),
					  "'%s.date' is %s, before 'plan_start'", where, ds);
			if (have_prev && day == prev)
				cfg_error(cf, cfg_member(cf, g, "date"),
					  "'%s.date' is %s again: write everything done that day in one session",
					  where, ds);
			else if (have_prev && day < prev)
				cfg_error(cf, cfg_member(cf, g, "date"),
					  "'%s.date' is %s, before the session above it: sessions go in date order",
					  where, ds);
			prev = day;
			have_prev = true;
		}
		cfg_string(cf, g, where, "notes", false, 300, a, &s->notes);
		es = arena_alloc(a, MAX_ENTRIES * sizeof(*es));
		if (!es)
			break;
		ne = read_entries(cf, g, where, s, es, &counted, a, acc, cat,
				  ids, n_ids, &nb);
		if (ne < 0)
			continue;
		s->entries = es;
		s->n_entries = counted;
		if (counted)
			kept++; /* a session with nothing filled in is skipped */
		acc->values += (size_t)nb;
	}
	free(ids);
	log->sessions = ss;
	log->n_sessions = kept;
}

/* The red-flag answers of one check-in; blanks are marked, never read
 * as answers. Returns the number answered; the blank keys go to `keys`. */
static int read_red_flags(cfgfile *cf, cset *g, const char *where,
			  gradus_log_week *w, char *keys, size_t size, int *nb)
{
	const char *rf_keys[GRADUS_RF__COUNT + 1];
	char rw[64];
	cset *rf;
	int answered = 0;
	bool v;

	for (int f = 0; f < GRADUS_RF__COUNT; f++)
		rf_keys[f] = gradus_red_flag_key((gradus_red_flag)f);
	rf_keys[GRADUS_RF__COUNT] = NULL;
	snprintf(rw, sizeof(rw), "%s.red_flags", where);
	rf = cfg_group(cf, g, where, "red_flags", false);
	if (!rf)
		return 0;
	cfg_check_keys(cf, rf, rw, rf_keys);
	for (int f = 0; f < GRADUS_RF__COUNT; f++) {
		if (is_blank(cf, rf, rf_keys[f])) {
			w->red_flag_blank[f] = true;
			blank_key(keys, size, nb, rf_keys[f]);
		} else if (cfg_bool(cf, rf, rw, rf_keys[f], false, &v)) {
			w->red_flags[f] = v ? GRADUS_ANSWER_YES : GRADUS_ANSWER_NO;
			answered++;
		}
	}
	return answered;
}

static void read_weeks(gradus_log *log, arena *a, cfgfile *cf, cset *root,
		       blanks_acc *acc)
{
	int n;
	cset *l = group_list(cf, root, "weeks", false, MAX_WEEKS, &n);
	gradus_log_week *ws, *out;
	size_t kept = 0;

	if (!l)
		return;
	ws = arena_alloc(a, (size_t)(n ? n : 1) * sizeof(*ws));
	out = arena_alloc(a, (size_t)(n ? n : 1) * sizeof(*out));
	if (!ws || !out)
		return;
	for (int i = 0; i < n; i++) {
		char where[48], keys[600] = "";
		gradus_log_week *w = &ws[i];
		cset *g;
		bool v;
		int nb = 0, answered;
		snprintf(where, sizeof(where), "weeks[%d]", i);
		for (int f = 0; f < GRADUS_RF__COUNT; f++)
			w->red_flags[f] = GRADUS_ANSWER_MISSING;
		if (!(g = elem_group(cf, l, where, i)))
			continue;
		w->line = cfg_line(g);
		cfg_check_keys(cf, g, where, week_keys);
		if (cfg_int(cf, g, where, "week", true, 1, 104, &w->week)) {
			cset *m = cfg_member(cf, g, "week");
			if (w->week < log->first_week)
				cfg_error(cf, m, "'%s.week' is %d, before 'first_week' (%d)",
					  where, w->week, log->first_week);
			for (int j = 0; j < i; j++)
				if (ws[j].week == w->week) {
					cfg_error(cf, m, "'%s.week' is %d again: one check-in a week",
						  where, w->week);
					break;
				} else if (ws[j].week > w->week) {
					cfg_error(cf, m, "'%s.week' is %d, after week %d above it: weeks go in order",
						  where, w->week, ws[j].week);
					break;
				}
		}
		answered = read_red_flags(cf, g, where, w, keys, sizeof(keys), &nb);
		if (cfg_bool(cf, g, where, "ill", false, &v))
			w->ill = v;
		if (cfg_bool(cf, g, where, "hospital", false, &v))
			w->hospital = v;
		cfg_string(cf, g, where, "notes", false, 300, a, &w->notes);
		if (nb) {
			acc->values += (size_t)nb;
			/* nothing answered: not counted, as if not there */
			bool empty = !answered && !cfg_has(g, "ill") &&
				     !cfg_has(g, "hospital") && !w->notes;
			char ww[80];
			snprintf(ww, sizeof(ww), "%s (week %d)", where, w->week);
			add_blank(acc, a, ww, empty ? NULL : keys, nb, w->line);
			if (empty) {
				add_skip(acc, (gradus_log_skip){GRADUS_SKIP_WEEK,
					  {0, 0, 0}, NULL, w->week, w->line});
				continue;
			}
		}
		out[kept++] = *w;
	}
	log->weeks = out;
	log->n_weeks = kept;
}

static void read_measures(gradus_log *log, arena *a, cfgfile *cf, cset *root)
{
	int n;
	cset *l = group_list(cf, root, "measures", false, MAX_MEASURES, &n);
	gradus_log_measure *ms;
	long prev = 0;

	if (!l)
		return;
	ms = arena_alloc(a, (size_t)(n ? n : 1) * sizeof(*ms));
	if (!ms)
		return;
	for (int i = 0; i < n; i++) {
		char W[48];
		gradus_measures *m = &ms[i].values;
		cset *g;
		int given = 0;
		snprintf(W, sizeof(W), "measures[%d]", i);
		m->grip_kg = m->chair_stand_5x_s = m->gait_speed_m_s = m->tug_s = NAN;
		m->chair_stand_30s = m->sppb = m->sarc_f = -1;
		if (!(g = elem_group(cf, l, W, i)))
			continue;
		ms[i].line = cfg_line(g);
		cfg_check_keys(cf, g, W, measure_keys);
		if (date_key(cf, g, W, "date", true, &m->date)) {
			long day = gradus_date_days(m->date);
			char ds[11];
			gradus_date_format(m->date, ds);
			/* a re-test of the plan is done after it began; the
			 * tests it started from are the profile's measures */
			if (gradus_date_is_set(log->plan_start) &&
			    day < gradus_date_days(log->plan_start))
				cfg_error(cf, cfg_member(cf, g, "date"),
					  "'%s.date' is %s, before 'plan_start': a re-test is done during the plan; write the tests it started from in the profile's 'measures'",
					  W, ds);
			if (i > 0 && day <= prev)
				cfg_error(cf, cfg_member(cf, g, "date"),
					  "'%s.date' is not after the re-test above it: re-tests go in date order, one a day",
					  W);
			prev = day;
		}
		/* the same plausible ranges as a profile's measures: SPPB 0-12
		 * [SPPB], SARC-F 0-10 [SARCF] */
		given += cfg_float(cf, g, W, "grip_kg", false, 0, 100, &m->grip_kg);
		given += cfg_float(cf, g, W, "chair_stand_5x_s", false, 3, 120, &m->chair_stand_5x_s);
		given += cfg_int(cf, g, W, "chair_stand_30s", false, 0, 40, &m->chair_stand_30s);
		given += cfg_float(cf, g, W, "gait_speed_m_s", false, 0.05, 3.0, &m->gait_speed_m_s);
		given += cfg_float(cf, g, W, "tug_s", false, 3, 300, &m->tug_s);
		given += cfg_int(cf, g, W, "sppb", false, 0, 12, &m->sppb);
		given += cfg_int(cf, g, W, "sarc_f", false, 0, 10, &m->sarc_f);
		if (!given && config_setting_length(g) <= 1)
			cfg_error(cf, g, "'%s' has a date but no result", W);
	}
	(void)a;
	log->measures = ms;
	log->n_measures = (size_t)n;
}

/* The blanks gathered, copied into the log (its arena). */
static void keep_blanks(gradus_log *log, arena *a, blanks_acc *acc)
{
	if (acc->n_skip) {
		gradus_log_skip *v = arena_alloc(a, acc->n_skip * sizeof(*v));
		if (v)
			memcpy(v, acc->skip, acc->n_skip * sizeof(*v));
		log->skipped = v;
		log->n_skipped = v ? acc->n_skip : 0;
	}
	if (acc->n_blank) {
		gradus_log_blank *v = arena_alloc(a, acc->n_blank * sizeof(*v));
		if (v)
			memcpy(v, acc->blank, acc->n_blank * sizeof(*v));
		log->blanks = v;
		log->n_blanks = v ? acc->n_blank : 0;
	}
	log->n_blank_values = acc->values;
	free(acc->skip);
	free(acc->blank);
}

int log_load_cfg(gradus_log **out, cfgfile *cf, int rc,
		 const gradus_catalogue *cat)
{
	log_box *b;
	gradus_log *log;
	cset *root, *cl;
	blanks_acc acc = {0};
	int format;

	*out = NULL;
	if (rc != GRADUS_OK)
		return rc;
	b = calloc(1, sizeof(*b));
	if (!b)
		return GRADUS_ENOMEM;
	arena_init(&b->a);
	log = &b->log;
	log->first_week = 1;
	log->file = arena_strdup(&b->a, cf->name);
	root = cfg_root(cf);
	cfg_check_keys(cf, root, NULL, top_keys);
	cfg_int(cf, root, NULL, "format", true, 1, 1, &format);
	if (cfg_string(cf, root, NULL, "profile", false, 64, &b->a, &log->profile) &&
	    !gradus_valid_id(log->profile))
		cfg_error(cf, cfg_member(cf, root, "profile"),
			  "'profile' must be a name of lower-case letters, digits and '-' (found '%s')",
			  log->profile);
	date_key(cf, root, NULL, "plan_start", false, &log->plan_start);
	cfg_int(cf, root, NULL, "first_week", false, 1, 52, &log->first_week);
	read_sessions(log, &b->a, cf, root, cat, &acc);
	read_weeks(log, &b->a, cf, root, &acc);
	read_measures(log, &b->a, cf, root);
	cl = cfg_group(cf, root, NULL, "clearance", false);
	if (cl) {
		cfg_check_keys(cf, cl, "clearance", clearance_keys);
		/* both read, in order, so that both report their errors */
		log->has_clearance = cfg_string(cf, cl, "clearance", "by", true, 120,
						&b->a, &log->clearance_by);
		log->has_clearance = date_key(cf, cl, "clearance", "date", true,
					      &log->clearance_date) && log->has_clearance;
	}
	keep_blanks(log, &b->a, &acc);
	if (cf->errors || b->a.failed || acc.failed) {
		int err = b->a.failed || acc.failed ? GRADUS_ENOMEM : GRADUS_EINVALID;
		gradus_log_free(log);
		return err;
	}
	*out = log;
	return GRADUS_OK;
}

int gradus_log_load_file(gradus_log **out, const char *path,
			 const gradus_catalogue *cat, gradus_diags *d)
{
	cfgfile cf;
	int rc = cfg_open_file(&cf, path, d);
	rc = log_load_cfg(out, &cf, rc, cat);
	cfg_close(&cf);
	return rc;
}

int gradus_log_load_string(gradus_log **out, const char *name,
			   const char *text, const gradus_catalogue *cat,
			   gradus_diags *d)
{
	cfgfile cf;
	int rc = cfg_open_string(&cf, name, text, d);
	rc = log_load_cfg(out, &cf, rc, cat);
	cfg_close(&cf);
	return rc;
}

void gradus_log_free(gradus_log *log)
{
	log_box *b = (log_box *)log;
	if (!b)
		return;
	arena_free(&b->a);
	free(b);
}
