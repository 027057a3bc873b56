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

/* A C string literal: quotes, backslashes and '?' (trigraphs) escaped,
 * bytes outside printable ASCII as octal escapes. */
static void put_str(buf *b, const char *s)
{
	if (!s) {
		buf_puts(b, "NULL");
		return;
	}
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '?') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*p);
		} else if (*p >= 0x20 && *p < 0x7f) {
			buf_putc(b, (char)*p);
		} else {
			buf_printf(b, "\\%03o", *p);
		}
	}
	buf_putc(b, '"');
}

/* A list of text as a static array `NAME` (nothing when empty). */
static void put_list(buf *b, const char *name, const char *const *v,
		     size_t n)
{
	if (n == 0)
		return;
	buf_printf(b, "static const char *const %s[] = {\n", name);
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, "\t");
		put_str(b, v[i]);
		buf_puts(b, ",\n");
	}
	buf_puts(b, "};\n");
}

static void put_list_ref(buf *b, const char *field, const char *name,
			 size_t n)
{
	buf_printf(b, "\t\t.%s = %s, .n_%s = %zu,\n", field, n ? name : "NULL",
		   field, n);
}

static void put_pose(buf *b, const gradus_figure_pose *q)
{
	buf_printf(b, "{.on = %d, .trunk = %d, .head = %d, .lift = %d, "
		   ".forward = %d,\n\t\t\t.hip = %d, .knee = %d, .ankle = %d, "
		   ".shoulder = %d, .elbow = %d,\n\t\t\t.other_hip = %d, "
		   ".other_knee = %d, .other_ankle = %d, .other_shoulder = %d, "
		   ".other_elbow = %d,\n\t\t\t.roll = %d, .line = %d}",
		   (int)q->on, q->trunk, q->head, q->lift, q->forward, q->hip,
		   q->knee, q->ankle, q->shoulder, q->elbow, q->other_hip,
		   q->other_knee, q->other_ankle, q->other_shoulder,
		   q->other_elbow, q->roll, q->line);
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

static void put_exercise_lists(buf *b, size_t i, const gradus_exercise *e)
{
	char name[64];
	const struct {
		const char *field;
		const char *const *v;
		size_t n;
	} lists[] = {
		{"muscles", e->muscles, e->n_muscles},
		{"steps", e->steps, e->n_steps},
		{"cues", e->cues, e->n_cues},
		{"safety", e->safety, e->n_safety},
		{"caregiver", e->caregiver, e->n_caregiver},
	};

	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		snprintf(name, sizeof(name), "e%zu_%s", i, lists[k].field);
		put_list(b, name, lists[k].v, lists[k].n);
	}
}

static void put_exercise(buf *b, size_t i, const gradus_exercise *e)
{
	char name[64];
	const struct {
		const char *field;
		size_t n;
	} lists[] = {
		{"muscles", e->n_muscles}, {"steps", e->n_steps},
		{"cues", e->n_cues}, {"safety", e->n_safety},
		{"caregiver", e->n_caregiver},
	};

	buf_printf(b, "\t{ /* %s:%d */\n\t\t.id = ", e->file, e->line);
	put_str(b, e->id);
	buf_puts(b, ",\n\t\t.name = ");
	put_str(b, e->name);
	buf_printf(b, ",\n\t\t.pattern = %d, .position = %d, .level = %d, "
		   ".load = %d,\n\t\t.equipment = 0x%xu, .regions = 0x%xu, "
		   ".avoid = UINT64_C(0x%llx),\n\t\t.supported = %s, "
		   ".per_side = %s, .hold_s = %d, .seconds_per_rep = %d,\n"
		   "\t\t.easier_id = ",
		   (int)e->pattern, (int)e->position, e->level, (int)e->load,
		   e->equipment, e->regions, (unsigned long long)e->avoid,
		   e->supported ? "true" : "false",
		   e->per_side ? "true" : "false", e->hold_s, e->seconds_per_rep);
	put_str(b, e->easier_id);
	buf_puts(b, ", .harder_id = ");
	put_str(b, e->harder_id);
	buf_puts(b, ",\n");
	/* .easier and .harder: NULL until gradus_catalogue_finish */
	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		snprintf(name, sizeof(name), "e%zu_%s", i, lists[k].field);
		put_list_ref(b, lists[k].field, name, lists[k].n);
	}
	put_figure(b, &e->figure);
	buf_puts(b, "\t\t.file = ");
	put_str(b, e->file);
	buf_printf(b, ", .line = %d, .builtin = true,\n\t},\n", e->line);
}

static void put_catalogue(buf *b, const gradus_catalogue *cat)
{
	size_t n = gradus_catalogue_count(cat);

	for (size_t i = 0; i < n; i++)
		put_exercise_lists(b, i, gradus_catalogue_get(cat, i));
	buf_puts(b, "\nconst gradus_exercise gradus_builtin_exercises[] = {\n");
	for (size_t i = 0; i < n; i++)
		put_exercise(b, i, gradus_catalogue_get(cat, i));
	if (n == 0)
		buf_puts(b, "\t{0},\n");
	buf_printf(b, "};\nconst size_t gradus_builtin_exercises_count = %zu;\n\n",
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

static void put_template_parts(buf *b, size_t i, const gradus_template *t,
			       const int *lines)
{
	const unsigned char *p = (const unsigned char *)t->text;
	size_t len = strlen(t->text);

	/* the file's text as bytes: long string literals are not portable */
	buf_printf(b, "static const char t%zu_text[] = {", i);
	for (size_t k = 0; k <= len; k++)
		buf_printf(b, "%s0x%02x,", k % 16 ? "" : "\n\t", p[k]);
	buf_printf(b, "\n};\nstatic const gradus_phase t%zu_phases[] = {\n", i);
	for (size_t k = 0; k < t->n_phases; k++) {
		const gradus_phase *ph = &t->phases[k];
		buf_puts(b, "\t{.name = ");
		put_str(b, ph->name);
		buf_printf(b, ", .weeks = %d, .sets_min = %d, .sets_max = %d,\n"
			   "\t .reps_min = %d, .reps_max = %d, .rpe_min = %d, "
			   ".rpe_max = %d, .rest_s = %d, .line = %d},\n",
			   ph->weeks, ph->sets_min, ph->sets_max, ph->reps_min,
			   ph->reps_max, ph->rpe_min, ph->rpe_max, ph->rest_s,
			   ph->line);
	}
	buf_printf(b, "};\nstatic const gradus_slot t%zu_slots[] = {\n", i);
	for (size_t k = 0; k < t->n_slots; k++)
		buf_printf(b, "\t{.pattern = %d, .priority = %d, .count = %d, "
			   ".line = %d},\n", (int)t->slots[k].pattern,
			   t->slots[k].priority, t->slots[k].count,
			   t->slots[k].line);
	buf_printf(b, "};\nstatic const int t%zu_pattern_lines[] = {", i);
	for (size_t k = 0; k < t->n_slots; k++)
		buf_printf(b, "%s%d", k ? ", " : "", lines[k]);
	buf_puts(b, "};\n");
}

static void put_template(buf *b, size_t i, const gradus_template *t)
{
	buf_printf(b, "\t{.t = { /* %s:%d */\n\t\t.id = ", t->file, t->line);
	put_str(b, t->id);
	buf_puts(b, ",\n\t\t.name = ");
	put_str(b, t->name);
	buf_puts(b, ",\n\t\t.description = ");
	put_str(b, t->description);
	buf_printf(b, ",\n\t\t.kinds = 0x%xu, .classes = 0x%xu, .mobility = 0x%xu,"
		   "\n\t\t.gym = %s, .clearance_required = %s,\n"
		   "\t\t.sessions_per_week = %d, .max_rpe = %d, .deload_every = %d,"
		   " .deload_first = %d,\n\t\t.load_step_weeks = %d, "
		   ".load_progression = %s, .max_level = %d,\n"
		   "\t\t.exercises_min = %d, .exercises_max = %d, "
		   ".warmup_min = %d, .cooldown_min = %d,\n"
		   "\t\t.balance_min = %d, .walking_min = %d, .walking_days = %d,\n"
		   "\t\t.phases = t%zu_phases, .n_phases = %zu,\n"
		   "\t\t.slots = t%zu_slots, .n_slots = %zu,\n\t\t.file = ",
		   t->kinds, t->classes, t->mobility, t->gym ? "true" : "false",
		   t->clearance_required ? "true" : "false",
		   t->sessions_per_week, t->max_rpe, t->deload_every,
		   t->deload_first, t->load_step_weeks,
		   t->load_progression ? "true" : "false", t->max_level,
		   t->exercises_min, t->exercises_max, t->warmup_min,
		   t->cooldown_min, t->balance_min, t->walking_min,
		   t->walking_days, i, t->n_phases, i, t->n_slots);
	put_str(b, t->file);
	buf_printf(b, ", .line = %d, .builtin = true, .text = t%zu_text,\n"
		   "\t}, .pattern_lines = t%zu_pattern_lines},\n", t->line, i, i);
}

static int put_templates(buf *b, const gradus_templates *ts, gradus_diags *d)
{
	size_t n = gradus_templates_count(ts);

	for (size_t i = 0; i < n; i++) {
		const gradus_template *t = gradus_templates_get(ts, i);
		int lines[16] = {0};
		if (t->n_slots > 16 ||
		    pattern_lines(t->file, t->n_slots, lines) != GRADUS_OK) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, t->file, t->line,
					 "cannot read the slots again");
			return GRADUS_EIO;
		}
		put_template_parts(b, i, t, lines);
	}
	buf_puts(b, "\nconst builtin_template gradus_builtin_templates[] = {\n");
	for (size_t i = 0; i < n; i++)
		put_template(b, i, gradus_templates_get(ts, i));
	if (n == 0)
		buf_puts(b, "\t{.t = {0}},\n");
	buf_printf(b, "};\nconst size_t gradus_builtin_templates_count = %zu;\n",
		   n);
	return GRADUS_OK;
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
		put_catalogue(&b, cat);
		put_templates(&b, ts, d);
	}
	gradus_diags_print(d, stderr);
	text = buf_detach(&b, &len);
	if (gradus_diags_count(d) == 0 && text)
		rc = write_out(outpath, text, len);
done:
	free(text);
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
