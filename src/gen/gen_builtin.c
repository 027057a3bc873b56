/*
 * gen_builtin: the built-in catalogue and templates as C tables, written
 * at build time so that no process parses them when it starts.
 *
 *   gen_builtin --root DIR -o OUT.c --catalogue FILE... --templates FILE...
 *
 * The files are read with the load stage's own loader and checks (the
 * catalogue finished, its ladders checked; each template checked against
 * that catalogue), each named by its path under DIR ("exercises/legs.cfg"),
 * as diagnostics about a built-in file name it. Any diagnostic is printed
 * as FILE:LINE: error: ... on stderr and the status is 1, OUT.c left
 * unwritten: a bad built-in file fails the build. Usage errors exit 2.
 *
 * OUT.c holds gradus_builtin_exercises[] (in id order) and
 * gradus_builtin_templates[] (in file-name order) as src/lib/load/load.h
 * declares them; src/lib/load/builtin.c adds them. Every field of
 * gradus_exercise and gradus_template is written here: the unit test
 * `builtin` compares the tables, field by field and then byte by byte,
 * with the same files parsed at test time, so a field left out of this
 * emitter fails it.
 *
 * Built for the machine that builds (native: true in src/lib/meson.build)
 * from util/ and load/ (not load/builtin.c, which needs OUT.c).
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gradus/catalogue.h"
#include "gradus/template.h"
#include "util/buf.h"
#include "util/cfg.h"

typedef struct {
	char **v;
	size_t n;
} names;

/* What is written: the tables, and the pool of strings they name by
 * offset (no pointer in the tables: nothing for the dynamic loader to
 * relocate, nothing it writes to, when a process starts). */
typedef struct {
	buf b;            /* the tables */
	buf pool;         /* every string, NUL-terminated, each once */
	size_t *offs;     /* the offset of each string in the pool */
	size_t n_offs, cap_offs;
	buf lists;        /* gradus_builtin_lists[] */
	size_t n_lists;
	int failed;
} tables;

/* The offset of `s` in the pool (added when new); "BUILTIN_NULL" for
 * NULL. Written into `o->b` as a C expression. */
static void put_str(tables *o, buf *to, const char *s)
{
	size_t i, len;

	if (!s) {
		buf_puts(to, "BUILTIN_NULL");
		return;
	}
	for (i = 0; i < o->n_offs; i++)
		if (strcmp(o->pool.ptr + o->offs[i], s) == 0)
			break;
	if (i == o->n_offs) {
		if (o->n_offs == o->cap_offs) {
			size_t cap = o->cap_offs ? o->cap_offs * 2 : 1024;
			size_t *v = realloc(o->offs, cap * sizeof(*v));
			if (!v) {
				o->failed = 1;
				return;
			}
			o->offs = v;
			o->cap_offs = cap;
		}
		len = strlen(s);
		o->offs[o->n_offs++] = o->pool.len;
		buf_put(&o->pool, s, len + 1);
	}
	buf_printf(to, "%zu", o->offs[i]);
}

/* A list of text: its strings appended to gradus_builtin_lists[]. */
static void put_list(tables *o, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		buf_puts(&o->lists, o->n_lists % 8 ? " " : "\n\t");
		put_str(o, &o->lists, v[i]);
		buf_putc(&o->lists, ',');
		o->n_lists++;
	}
}

static void put_pose(buf *b, const gradus_figure_pose *q)
{
	buf_printf(b, "{.on = %d, .trunk = %d, .head = %d, .lift = %d, "
		   ".forward = %d,\n\t\t\t.hip = %d, .knee = %d, .ankle = %d, "
		   ".shoulder = %d, .elbow = %d,\n\t\t\t.other_hip = %d, "
		   ".other_knee = %d, .other_ankle = %d, .other_shoulder = %d, "
		   ".other_elbow = %d,\n\t\t\t.roll = %d, .turn = %d, .line = %d}",
		   (int)q->on, q->trunk, q->head, q->lift, q->forward, q->hip,
		   q->knee, q->ankle, q->shoulder, q->elbow, q->other_hip,
		   q->other_knee, q->other_ankle, q->other_shoulder,
		   q->other_elbow, q->roll, q->turn, q->line);
}

static void put_figure(buf *b, const gradus_figure *f)
{
	buf_printf(b, "\t\t.figure = {.present = %s, .view = %d, .props = 0x%xu,"
		   "\n\t\t\t.start = ", f->present ? "true" : "false",
		   (int)f->view, f->props);
	put_pose(b, &f->start);
	buf_puts(b, ",\n\t\t\t.end = ");
	put_pose(b, &f->end);
	buf_printf(b, ",\n\t\t\t.moves = %d, .band = {%d, %d}, .mark = %d, "
		   ".line = %d},\n", (int)f->moves, (int)f->band[0],
		   (int)f->band[1], (int)f->mark, f->line);
}

/* One exercise: every field but the pointers in .e, the strings by
 * offset, the lists from .list on (muscles, steps, cues, safety,
 * caregiver, as many as .e.n_* say). */
static void put_exercise(tables *o, const gradus_exercise *e)
{
	buf *b = &o->b;

	buf_printf(b, "\t{ /* %s:%d */\n\t\t.e = {", e->file, e->line);
	buf_printf(b, ".pattern = %d, .position = %d, .level = %d, "
		   ".load = %d,\n\t\t.equipment = 0x%xu, .regions = 0x%xu, "
		   ".avoid = UINT64_C(0x%llx),\n\t\t.supported = %s, "
		   ".per_side = %s, .hold_s = %d, .seconds_per_rep = %d,\n"
		   "\t\t.n_muscles = %zu, .n_steps = %zu, .n_cues = %zu, "
		   ".n_safety = %zu, .n_caregiver = %zu,\n",
		   (int)e->pattern, (int)e->position, e->level, (int)e->load,
		   e->equipment, e->regions, (unsigned long long)e->avoid,
		   e->supported ? "true" : "false",
		   e->per_side ? "true" : "false", e->hold_s, e->seconds_per_rep,
		   e->n_muscles, e->n_steps, e->n_cues, e->n_safety,
		   e->n_caregiver);
	put_figure(b, &e->figure);
	buf_printf(b, "\t\t.line = %d, .builtin = true},\n\t\t.id = ", e->line);
	put_str(o, b, e->id);
	buf_puts(b, ", .name = ");
	put_str(o, b, e->name);
	buf_puts(b, ", .easier_id = ");
	put_str(o, b, e->easier_id);
	buf_puts(b, ", .harder_id = ");
	put_str(o, b, e->harder_id);
	buf_puts(b, ", .file = ");
	put_str(o, b, e->file);
	/* .e.easier and .e.harder: NULL until gradus_catalogue_finish */
	buf_printf(b, ",\n\t\t.list = %zu},\n", o->n_lists);
	put_list(o, e->muscles, e->n_muscles);
	put_list(o, e->steps, e->n_steps);
	put_list(o, e->cues, e->n_cues);
	put_list(o, e->safety, e->n_safety);
	put_list(o, e->caregiver, e->n_caregiver);
}

static void put_catalogue(tables *o, const gradus_catalogue *cat)
{
	size_t n = gradus_catalogue_count(cat);

	buf_puts(&o->b, "const builtin_exercise gradus_builtin_exercises[] = {\n");
	for (size_t i = 0; i < n; i++)
		put_exercise(o, gradus_catalogue_get(cat, i));
	if (n == 0)
		buf_puts(&o->b, "\t{.list = 0},\n");
	buf_printf(&o->b, "};\nconst size_t gradus_builtin_exercises_count = %zu;\n\n",
		   n);
}

/* The line of each slot's pattern in the template file `file`. */
static int pattern_lines(const char *file, size_t n, int *out)
{
	cfgfile cf;
	const config_setting_t *slots;
	int rc = cfg_open_file(&cf, file, NULL);

	slots = rc == GRADUS_OK ? config_lookup(&cf.cfg, "template.slots") : NULL;
	for (size_t i = 0; slots && i < n; i++) {
		cset *s = config_setting_get_elem(slots, (unsigned)i);
		out[i] = cfg_line(s ? config_setting_get_member(s, "pattern") : NULL);
	}
	cfg_close(&cf);
	return slots ? GRADUS_OK : GRADUS_EIO;
}

/* One template: every field but the pointers in .t, the strings by
 * offset, its phases and slots from .phase and .slot on. */
static void put_template(tables *o, const gradus_template *t, size_t phase,
			 size_t slot)
{
	buf *b = &o->b;

	buf_printf(b, "\t{ /* %s:%d */\n\t\t.t = {", t->file, t->line);
	buf_printf(b, ".kinds = 0x%xu, .classes = 0x%xu, .mobility = 0x%xu,"
		   "\n\t\t.gym = %s, .clearance_required = %s,\n"
		   "\t\t.sessions_per_week = %d, .max_rpe = %d, .deload_every = %d,"
		   " .deload_first = %d,\n\t\t.load_step_weeks = %d, "
		   ".load_progression = %s, .max_level = %d,\n"
		   "\t\t.exercises_min = %d, .exercises_max = %d, "
		   ".warmup_min = %d, .cooldown_min = %d,\n"
		   "\t\t.balance_min = %d, .walking_min = %d, .walking_days = %d,\n"
		   "\t\t.n_phases = %zu, .n_slots = %zu, .line = %d, "
		   ".builtin = true},\n\t\t.id = ",
		   t->kinds, t->classes, t->mobility, t->gym ? "true" : "false",
		   t->clearance_required ? "true" : "false",
		   t->sessions_per_week, t->max_rpe, t->deload_every,
		   t->deload_first, t->load_step_weeks,
		   t->load_progression ? "true" : "false", t->max_level,
		   t->exercises_min, t->exercises_max, t->warmup_min,
		   t->cooldown_min, t->balance_min, t->walking_min,
		   t->walking_days, t->n_phases, t->n_slots, t->line);
	put_str(o, b, t->id);
	buf_puts(b, ", .name = ");
	put_str(o, b, t->name);
	buf_puts(b, ", .description = ");
	put_str(o, b, t->description);
	buf_puts(b, ", .file = ");
	put_str(o, b, t->file);
	buf_puts(b, ", .text = ");
	put_str(o, b, t->text);
	buf_printf(b, ",\n\t\t.phase = %zu, .slot = %zu},\n", phase, slot);
}

static void put_phases(tables *o, buf *b, const gradus_template *t)
{
	for (size_t k = 0; k < t->n_phases; k++) {
		const gradus_phase *ph = &t->phases[k];
		buf_printf(b, "\t{.p = {.weeks = %d, .sets_min = %d, .sets_max = %d,"
			   " .reps_min = %d, .reps_max = %d,\n\t       .rpe_min = %d, "
			   ".rpe_max = %d, .rest_s = %d, .line = %d}, .name = ",
			   ph->weeks, ph->sets_min, ph->sets_max, ph->reps_min,
			   ph->reps_max, ph->rpe_min, ph->rpe_max, ph->rest_s,
			   ph->line);
		put_str(o, b, ph->name);
		buf_puts(b, "},\n");
	}
}

static int put_templates(tables *o, const gradus_templates *ts, gradus_diags *d)
{
	size_t n = gradus_templates_count(ts), phase = 0, slot = 0;
	buf phases = BUF_INIT, slots = BUF_INIT, lines = BUF_INIT;
	int rc = GRADUS_OK;

	buf_puts(&o->b, "const builtin_template gradus_builtin_templates[] = {\n");
	for (size_t i = 0; i < n && rc == GRADUS_OK; i++) {
		const gradus_template *t = gradus_templates_get(ts, i);
		int pl[16] = {0};
		if (t->n_slots > 16 ||
		    pattern_lines(t->file, t->n_slots, pl) != GRADUS_OK) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, t->file, t->line,
					 "cannot read the slots again");
			rc = GRADUS_EIO;
		}
		put_template(o, t, phase, slot);
		put_phases(o, &phases, t);
		for (size_t k = 0; k < t->n_slots; k++) {
			buf_printf(&slots, "\t{.pattern = %d, .priority = %d, "
				   ".count = %d, .line = %d},\n",
				   (int)t->slots[k].pattern, t->slots[k].priority,
				   t->slots[k].count, t->slots[k].line);
			buf_printf(&lines, "%s%d,", slot % 16 ? " " : "\n\t", pl[k]);
			slot++;
		}
		phase += t->n_phases;
	}
	if (n == 0)
		buf_puts(&o->b, "\t{.phase = 0},\n");
	buf_printf(&o->b, "};\nconst size_t gradus_builtin_templates_count = %zu;\n"
		   "\nconst builtin_phase gradus_builtin_phases[] = {\n%s%s};\n"
		   "\nconst gradus_slot gradus_builtin_slots[] = {\n%s%s};\n"
		   "\nconst int gradus_builtin_pattern_lines[] = {%s%s\n};\n",
		   n, phases.ptr ? phases.ptr : "", phase ? "" : "\t{.name = 0},\n",
		   slots.ptr ? slots.ptr : "", slot ? "" : "\t{.line = 0},\n",
		   lines.ptr ? lines.ptr : "", slot ? "" : "0");
	o->failed |= phases.failed || slots.failed || lines.failed;
	buf_free(&phases);
	buf_free(&slots);
	buf_free(&lines);
	return rc;
}

/* The pool as bytes (long string literals are not portable C). */
static void put_pool(tables *o, buf *b)
{
	const unsigned char *p = (const unsigned char *)o->pool.ptr;

	buf_printf(b, "\nconst builtin_str gradus_builtin_lists[] = {%s%s\n};\n"
		   "\n/* %zu bytes */\nconst char gradus_builtin_pool[] = {",
		   o->lists.ptr ? o->lists.ptr : "", o->n_lists ? "" : "0",
		   o->pool.len);
	for (size_t k = 0; k < o->pool.len; k++)
		buf_printf(b, "%s0x%02x,", k % 16 ? "" : "\n\t", p[k]);
	buf_puts(b, o->pool.len ? "\n};\n" : "0\n};\n");
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* `path` named as under `root` (both as the caller wrote them, resolved);
 * the resolved path itself when it is not under root. */
static char *name_under(const char *path, const char *root)
{
	char *p = realpath(path, NULL);
	size_t n = strlen(root);
	char *name;

	if (!p) {
		fprintf(stderr, "%s: error: cannot read it: %s\n", path,
			strerror(errno));
		return NULL;
	}
	if (strncmp(p, root, n) != 0 || p[n] != '/')
		return p;
	name = strdup(p + n + 1);
	free(p);
	return name;
}

static int usage(void)
{
	fprintf(stderr, "usage: gen_builtin --root DIR -o OUT.c "
		"--catalogue FILE... --templates FILE...\n");
	return 2;
}

/* Reads the arguments; the files named under root, sorted. */
static int parse_args(int argc, char **argv, char **root, const char **out,
		      names *cat, names *tpl)
{
	names *to = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
			free(*root);
			*root = realpath(argv[++i], NULL);
			if (!*root) {
				fprintf(stderr, "%s: error: %s\n", argv[i],
					strerror(errno));
				return 2;
			}
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			*out = argv[++i];
		} else if (strcmp(argv[i], "--catalogue") == 0) {
			to = cat;
		} else if (strcmp(argv[i], "--templates") == 0) {
			to = tpl;
		} else if (to && argv[i][0] != '-' && *root) {
			char *name = name_under(argv[i], *root);
			if (!name)
				return 1;
			to->v[to->n++] = name;
		} else {
			return usage();
		}
	}
	if (!*root || !*out)
		return usage();
	qsort(cat->v, cat->n, sizeof(*cat->v), by_name);
	qsort(tpl->v, tpl->n, sizeof(*tpl->v), by_name);
	return 0;
}

/* Loads and checks every file, as the loader does for files given on
 * the command line; the catalogue is finished. */
static void load(const names *cn, const names *tn, gradus_catalogue *cat,
		 gradus_templates *ts, gradus_diags *d)
{
	for (size_t i = 0; i < cn->n; i++)
		gradus_catalogue_add_file(cat, cn->v[i], d);
	gradus_catalogue_finish(cat, d);
	for (size_t i = 0; i < tn->n; i++)
		gradus_templates_add_file(ts, tn->v[i], cat, d);
}

/* Writes the text to `path` (the whole of it, or an error). */
static int write_out(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");
	int bad = !f || fwrite(text, 1, len, f) != len;

	if (f && fclose(f) != 0)
		bad = 1;
	if (bad) {
		fprintf(stderr, "%s: error: cannot write it: %s\n", path,
			strerror(errno));
		remove(path);
	}
	return bad;
}

int main(int argc, char **argv)
{
	names cn = {calloc((size_t)argc, sizeof(char *)), 0};
	names tn = {calloc((size_t)argc, sizeof(char *)), 0};
	char *root = NULL, *text = NULL, *cwd = getcwd(NULL, 0), *outpath = NULL;
	const char *out = NULL;
	gradus_catalogue *cat = NULL;
	gradus_templates *ts = NULL;
	gradus_diags *d = gradus_diags_new();
	buf b = BUF_INIT;
	tables o = {BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT, 0, 0};
	size_t len = 0;
	int rc = 1;

	if (!cn.v || !tn.v || !cwd || !d)
		goto done;
	rc = parse_args(argc, argv, &root, &out, &cn, &tn);
	if (rc)
		goto done;
	rc = 1;
	/* the output as named from here; the files as named under root */
	outpath = malloc(strlen(cwd) + strlen(out) + 2);
	if (!outpath)
		goto done;
	sprintf(outpath, "%s%s%s", out[0] == '/' ? "" : cwd,
		out[0] == '/' ? "" : "/", out);
	if (chdir(root) != 0 || gradus_catalogue_new(&cat) != GRADUS_OK ||
	    gradus_templates_new(&ts) != GRADUS_OK)
		goto done;
	load(&cn, &tn, cat, ts, d);
	buf_puts(&b, "/* Generated by src/gen/gen_builtin.c from exercises/ and "
		 "profiles/templates/;\n * do not edit. */\n"
		 "#include <stdint.h>\n\n#include \"load/load.h\"\n\n");
	if (gradus_diags_count(d) == 0) {
		put_catalogue(&o, cat);
		put_templates(&o, ts, d);
		put_pool(&o, &o.b);
		buf_put(&b, o.b.ptr ? o.b.ptr : "", o.b.len);
	}
	gradus_diags_print(d, stderr);
	if (o.failed || o.b.failed || o.pool.failed || o.lists.failed)
		b.failed = true;
	text = buf_detach(&b, &len);
	if (gradus_diags_count(d) == 0 && text)
		rc = write_out(outpath, text, len);
done:
	free(text);
	buf_free(&o.b);
	buf_free(&o.pool);
	buf_free(&o.lists);
	free(o.offs);
	gradus_templates_free(ts);
	gradus_catalogue_free(cat);
	gradus_diags_free(d);
	for (size_t i = 0; i < cn.n; i++)
		free(cn.v[i]);
	for (size_t i = 0; i < tn.n; i++)
		free(tn.v[i]);
	free(cn.v);
	free(tn.v);
	free(root);
	free(outpath);
	free(cwd);
	return rc;
}
