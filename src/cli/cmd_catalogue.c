/* gradus check / exercises / templates / template show */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/buf.h"
#include "util/text.h"

static const char *const text_json[] = {"text", "json"};
static const char *const text_json_html[] = {"text", "json", "html"};
static const char *const text_html[] = {"text", "html"};

/* "s" after a count other than 1: "1 file", "2 files". */
static const char *s_(size_t n)
{
	return n == 1 ? "" : "s";
}

/* Where an exercise or template came from: "built-in", or its file. */
static const char *from(bool builtin, const char *file)
{
	return builtin ? "built-in" : file;
}

/* `text` wrapped to 80 columns after `first`, continued after `cont`,
 * on stdout. */
static void put_wrapped(const char *first, const char *cont, const char *text)
{
	buf b = BUF_INIT;
	text_wrap(&b, first, cont, text, 80);
	if (b.ptr)
		fwrite(b.ptr, 1, b.len, stdout);
	buf_free(&b);
}

int cmd_check(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	gradus_diags *d;
	gradus_check_stats st;
	int rc, code;

	if ((rc = cli_parse(ctx, argc, argv, "check", 0, NULL, 0, &a)) != 0)
		return rc;
	if (a.n_args < 1) {
		cli_error("check needs at least one FILE or DIR (see 'gradus help check')");
		return EXIT_USAGE;
	}
	/* The base catalogue and templates are only needed for files that
	 * refer to them; load them first so their own errors show. */
	if ((rc = cli_begin(ctx, &d)) != 0)
		return rc;
	rc = gradus_check_paths(&st, (const char *const *)a.args,
				(size_t)a.n_args, ctx->cat, ctx->tpl, d);
	cli_print_diags(d);
	code = cli_exit_for(rc);
	if (code == 0) {
		buf t = BUF_INIT;
		buf_printf(&t, "%zu file%s checked: %zu catalogue (%zu exercise%s), %zu template%s, %zu profile%s",
			   st.files, s_(st.files), st.catalogue, st.exercises,
			   s_(st.exercises), st.templates, s_(st.templates),
			   st.profiles, s_(st.profiles));
		if (st.logs)
			buf_printf(&t, ", %zu log%s", st.logs, s_(st.logs));
		buf_puts(&t, "; no errors");
		if (st.blanks)
			buf_printf(&t, "; %zu blank%s still empty (notes above)",
				   st.blanks, s_(st.blanks));
		put_wrapped("", "  ", t.ptr ? t.ptr : "");
		buf_free(&t);
	} else
		fprintf(stderr, "%zu error%s in %zu file%s checked\n",
			gradus_diags_errors(d), s_(gradus_diags_errors(d)),
			st.files, s_(st.files));
	gradus_diags_free(d);
	return code;
}

static cJSON *string_array(const char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static cJSON *bits_array(unsigned bits, unsigned nbits,
			 const char *(*name)(unsigned))
{
	cJSON *a = cJSON_CreateArray();
	for (unsigned i = 0; a && i < nbits; i++)
		if (bits & (1u << i))
			cJSON_AddItemToArray(a, cJSON_CreateString(name(1u << i)));
	return a;
}

static cJSON *exercise_json(const gradus_exercise *e)
{
	cJSON *o = cJSON_CreateObject(), *avoid;
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "id", e->id);
	cJSON_AddStringToObject(o, "name", e->name);
	cJSON_AddStringToObject(o, "from", from(e->builtin, e->file));
	cJSON_AddStringToObject(o, "pattern", gradus_pattern_name(e->pattern));
	cJSON_AddStringToObject(o, "position", gradus_position_name(e->position));
	cJSON_AddNumberToObject(o, "level", e->level);
	cJSON_AddStringToObject(o, "load", gradus_load_name(e->load));
	cJSON_AddItemToObject(o, "equipment",
			      bits_array(e->equipment, GRADUS_EQ__COUNT,
					 gradus_equipment_name));
	cJSON_AddItemToObject(o, "regions",
			      bits_array(e->regions, 7, gradus_region_name));
	cJSON_AddItemToObject(o, "muscles", string_array(e->muscles, e->n_muscles));
	cJSON_AddBoolToObject(o, "supported", e->supported);
	cJSON_AddBoolToObject(o, "per_side", e->per_side);
	cJSON_AddNumberToObject(o, "hold_s", e->hold_s);
	cJSON_AddNumberToObject(o, "seconds_per_rep", e->seconds_per_rep);
	if (e->easier_id)
		cJSON_AddStringToObject(o, "easier", e->easier_id);
	else
		cJSON_AddNullToObject(o, "easier");
	if (e->harder_id)
		cJSON_AddStringToObject(o, "harder", e->harder_id);
	else
		cJSON_AddNullToObject(o, "harder");
	avoid = cJSON_AddArrayToObject(o, "avoid_with");
	for (int t = 0; avoid && t < GRADUS_TAG__COUNT; t++)
		if (e->avoid & GRADUS_TAGBIT(t))
			cJSON_AddItemToArray(avoid,
					     cJSON_CreateString(gradus_tag_name((gradus_tag)t)));
	cJSON_AddItemToObject(o, "steps", string_array(e->steps, e->n_steps));
	cJSON_AddItemToObject(o, "cues", string_array(e->cues, e->n_cues));
	cJSON_AddItemToObject(o, "safety", string_array(e->safety, e->n_safety));
	cJSON_AddItemToObject(o, "caregiver",
			      string_array(e->caregiver, e->n_caregiver));
	/* the picture, as the HTML outputs print it (null: none) */
	{
		char *svg = NULL;
		if (gradus_exercise_figure_svg(e, &svg) != GRADUS_OK) {
			cJSON_Delete(o);
			return NULL;
		}
		if (svg)
			cJSON_AddStringToObject(o, "figure_svg", svg);
		else
			cJSON_AddNullToObject(o, "figure_svg");
		free(svg);
	}
	return o;
}

static int print_json(cJSON *root)
{
	char *s = root ? cJSON_Print(root) : NULL;
	int rc;
	if (!s) {
		cJSON_Delete(root);
		cli_error("out of memory");
		return EXIT_IO;
	}
	rc = cli_write_output(NULL, s, strlen(s));
	if (rc == 0)
		rc = cli_write_output(NULL, "\n", 1);
	cJSON_free(s);
	cJSON_Delete(root);
	return rc;
}

static int print_string(int rc, char *s, const char *path)
{
	if (rc != GRADUS_OK || !s) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	rc = cli_write_output(path, s, strlen(s));
	free(s);
	return rc;
}

static int print_booklet(const gradus_catalogue *cat, bool filtered,
			 const char *path)
{
	char *s = NULL;
	int rc;
	if (filtered) {
		cli_error("the booklet (-f html) shows the whole catalogue: leave out --pattern, --equipment and --position");
		return EXIT_USAGE;
	}
	rc = gradus_catalogue_booklet(cat, &s);
	return print_string(rc, s, path);
}

int cmd_exercise(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	const gradus_exercise *e;
	char *s = NULL;
	int rc;

	rc = cli_parse(ctx, argc, argv, "exercise", CLI_FORMAT | CLI_OUTPUT,
		       text_html, 2, &a);
	if (rc != 0)
		return rc;
	if (a.n_args != 2 || strcmp(a.args[0], "show") != 0) {
		cli_error("usage: gradus exercise show ID [-f text|html]");
		return EXIT_USAGE;
	}
	if ((rc = cli_load_base(ctx)) != 0)
		return rc;
	e = gradus_catalogue_find(ctx->cat, a.args[1]);
	if (!e) {
		cli_error("no exercise '%s' (see 'gradus exercises')", a.args[1]);
		return EXIT_USAGE;
	}
	rc = gradus_exercise_render(e, a.fmt == 1, &s);
	return print_string(rc, s, a.out_path);
}

static const char *pattern_word(size_t i, void *arg)
{
	(void)arg;
	return i < GRADUS_PAT__COUNT ? gradus_pattern_name((gradus_pattern)i) : NULL;
}

static const char *position_word(size_t i, void *arg)
{
	(void)arg;
	return i < GRADUS_POS__COUNT ? gradus_position_name((gradus_position)i) : NULL;
}

static const char *equipment_word(size_t i, void *arg)
{
	(void)arg;
	return i < GRADUS_EQ__COUNT ? gradus_equipment_name(1u << i) : NULL;
}

/* --pattern, --position and --equipment into `f`: 0, or EXIT_USAGE
 * after naming the words there are. */
typedef struct {
	gradus_pattern pat;
	gradus_position pos;
	unsigned eq;
} filters;

static int parse_filters(const cli_args *a, filters *f)
{
	memset(f, 0, sizeof(*f));
	if (a->pattern && gradus_pattern_parse(a->pattern, &f->pat) != 0) {
		cli_unknown("pattern", a->pattern, pattern_word, NULL);
		return EXIT_USAGE;
	}
	if (a->position && gradus_position_parse(a->position, &f->pos) != 0) {
		cli_unknown("position", a->position, position_word, NULL);
		return EXIT_USAGE;
	}
	if (a->equipment && gradus_equipment_parse(a->equipment, &f->eq) != 0) {
		cli_unknown("equipment", a->equipment, equipment_word, NULL);
		return EXIT_USAGE;
	}
	return 0;
}

/* One exercise of the list: the id and the name, then what it trains,
 * where, how hard, with what, and the file it came from when it was
 * not built in; 80 columns (an id wider than its column gets a line of
 * its own, the name and the rest wrap in theirs). */
static void exercise_row(const gradus_exercise *e)
{
	buf first = BUF_INIT, rest = BUF_INIT;
	const char *indent = "                             "; /* 29 */

	if (strlen(e->id) > 28)
		buf_printf(&first, "%s\n%s", e->id, indent);
	else
		buf_printf(&first, "%-28s ", e->id);
	put_wrapped(first.ptr ? first.ptr : "", indent, e->name);
	buf_printf(&rest, "%s, %s, level %d, %s",
		   gradus_pattern_name(e->pattern),
		   gradus_position_name(e->position), e->level,
		   gradus_load_name(e->load));
	if (!e->builtin)
		buf_printf(&rest, "; from %s", e->file);
	put_wrapped(indent, indent, rest.ptr ? rest.ptr : "");
	buf_free(&first);
	buf_free(&rest);
}

int cmd_exercises(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	filters f;
	bool filtered;
	int rc;
	size_t shown = 0;
	cJSON *root = NULL, *list = NULL;

	rc = cli_parse(ctx, argc, argv, "exercises",
		       CLI_FORMAT | CLI_FILTERS | CLI_OUTPUT, text_json_html, 3, &a);
	if (rc != 0)
		return rc;
	if (a.n_args > 0) {
		cli_error("exercises takes no file names (see 'gradus help exercises')");
		return EXIT_USAGE;
	}
	if ((rc = parse_filters(&a, &f)) != 0)
		return rc;
	filtered = a.pattern || a.equipment || a.position;
	if ((rc = cli_load_base(ctx)) != 0)
		return rc;
	if (a.fmt == 2)
		return print_booklet(ctx->cat, filtered, a.out_path);
	if (a.out_path) {
		cli_error("-o is for the booklet (-f html)");
		return EXIT_USAGE;
	}

	if (a.fmt == 1) {
		root = cJSON_CreateObject();
		cJSON_AddStringToObject(root, "format", "gradus-exercises/1");
		list = cJSON_AddArrayToObject(root, "exercises");
	} else
		printf("%-28s %s\n%-28s %s\n", "ID", "NAME", "",
		       "PATTERN, POSITION, LEVEL, LOAD");
	for (size_t i = 0; i < gradus_catalogue_count(ctx->cat); i++) {
		const gradus_exercise *e = gradus_catalogue_get(ctx->cat, i);
		if ((a.pattern && e->pattern != f.pat) ||
		    (a.position && e->position != f.pos) ||
		    (a.equipment && !(e->equipment & f.eq)))
			continue;
		shown++;
		if (a.fmt == 1)
			cJSON_AddItemToArray(list, exercise_json(e));
		else
			exercise_row(e);
	}
	if (a.fmt == 1) {
		cJSON_AddNumberToObject(root, "count", (double)shown);
		return print_json(root);
	}
	printf("%zu exercise%s\n", shown, s_(shown));
	return 0;
}

static void words(buf *b, unsigned bits, unsigned n,
		  const char *(*name)(unsigned))
{
	int first = 1;
	for (unsigned i = 0; i < n; i++)
		if (bits & (1u << i)) {
			buf_printf(b, "%s%s", first ? "" : ", ", name(i));
			first = 0;
		}
}

static const char *kind_n(unsigned i) { return gradus_kind_name((gradus_kind)i); }
static const char *class_n(unsigned i) { return gradus_class_name((gradus_class)i); }
static const char *mob_n(unsigned i) { return gradus_mobility_name((gradus_mobility)i); }

/* gradus template show ID: every line in 80 columns (the name, the
 * description and a long phase name wrap). */
static void template_show(const gradus_template *t)
{
	buf b = BUF_INIT;

	buf_printf(&b, "%s - %s", t->id, t->name);
	put_wrapped("", "", b.ptr ? b.ptr : "");
	buf_free(&b);
	putchar('\n');
	put_wrapped("", "", t->description);
	putchar('\n');
	words(&b, t->kinds, GRADUS_KIND__COUNT, kind_n);
	buf_puts(&b, "; classes ");
	words(&b, t->classes, GRADUS_CLASS__COUNT, class_n);
	buf_puts(&b, "; ");
	words(&b, t->mobility, GRADUS_MOB__COUNT, mob_n);
	buf_printf(&b, "%s%s", t->gym ? "; needs a gym" : "",
		   t->clearance_required ? "; needs medical clearance" : "");
	put_wrapped("Fits:        ", "             ", b.ptr ? b.ptr : "");
	buf_free(&b);
	printf("Sessions:    %d a week, effort at most %d out of 10\n",
	       t->sessions_per_week, t->max_rpe);
	printf("Exercises:   %d to %d, levels up to %d; load %s\n",
	       t->exercises_min, t->exercises_max, t->max_level,
	       t->load_progression ? "may rise" : "does not rise");
	if (t->deload_every)
		printf("Lighter week: every %d weeks\n", t->deload_every);
	printf("Each session: %d min warm-up, %d min balance, %d min cool-down\n",
	       t->warmup_min, t->balance_min, t->cooldown_min);
	if (t->walking_min)
		printf("Walking:     %d minutes, %d days a week\n", t->walking_min,
		       t->walking_days);
	printf("\nPhases:\n");
	for (size_t i = 0; i < t->n_phases; i++) {
		const gradus_phase *p = &t->phases[i];
		char weeks[32];
		if (p->weeks)
			snprintf(weeks, sizeof(weeks), "%d weeks", p->weeks);
		else
			snprintf(weeks, sizeof(weeks), "the rest");
		/* a name wider than its column gets a line of its own */
		buf_puts(&b, "  ");
		if (utf8_width(p->name) > 20)
			buf_printf(&b, "%s\n%22s", p->name, "");
		else
			text_pad(&b, p->name, 20);
		buf_printf(&b, " %-9s sets %d-%d, reps %d-%d, effort %d-%d, rest %d s\n",
			   weeks, p->sets_min, p->sets_max, p->reps_min,
			   p->reps_max, p->rpe_min, p->rpe_max, p->rest_s);
		if (b.ptr)
			fwrite(b.ptr, 1, b.len, stdout);
		buf_free(&b);
	}
}


static cJSON *index_words(unsigned bits, unsigned n,
			  const char *(*name)(unsigned))
{
	cJSON *a = cJSON_CreateArray();
	for (unsigned i = 0; a && i < n; i++)
		if (bits & (1u << i))
			cJSON_AddItemToArray(a, cJSON_CreateString(name(i)));
	return a;
}

static cJSON *pair(int a, int b)
{
	int v[2] = {a, b};
	return cJSON_CreateIntArray(v, 2);
}

static cJSON *template_json(const gradus_template *t)
{
	cJSON *o = cJSON_CreateObject(), *fits, *phases, *slots;
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "id", t->id);
	cJSON_AddStringToObject(o, "name", t->name);
	cJSON_AddStringToObject(o, "from", from(t->builtin, t->file));
	cJSON_AddStringToObject(o, "description", t->description);
	fits = cJSON_AddObjectToObject(o, "fits");
	cJSON_AddItemToObject(fits, "kinds", index_words(t->kinds, GRADUS_KIND__COUNT, kind_n));
	cJSON_AddItemToObject(fits, "classes", index_words(t->classes, GRADUS_CLASS__COUNT, class_n));
	cJSON_AddItemToObject(fits, "mobility", index_words(t->mobility, GRADUS_MOB__COUNT, mob_n));
	cJSON_AddBoolToObject(fits, "gym", t->gym);
	cJSON_AddBoolToObject(fits, "clearance_required", t->clearance_required);
	cJSON_AddNumberToObject(o, "sessions_per_week", t->sessions_per_week);
	cJSON_AddNumberToObject(o, "max_rpe", t->max_rpe);
	cJSON_AddNumberToObject(o, "deload_every", t->deload_every);
	cJSON_AddBoolToObject(o, "load_progression", t->load_progression);
	cJSON_AddNumberToObject(o, "max_level", t->max_level);
	cJSON_AddItemToObject(o, "exercises", pair(t->exercises_min, t->exercises_max));
	cJSON_AddNumberToObject(o, "warmup_minutes", t->warmup_min);
	cJSON_AddNumberToObject(o, "cooldown_minutes", t->cooldown_min);
	cJSON_AddNumberToObject(o, "balance_minutes", t->balance_min);
	if (t->walking_min) {
		cJSON *w = cJSON_AddObjectToObject(o, "walking");
		cJSON_AddNumberToObject(w, "minutes", t->walking_min);
		cJSON_AddNumberToObject(w, "days", t->walking_days);
	}
	phases = cJSON_AddArrayToObject(o, "phases");
	for (size_t i = 0; phases && i < t->n_phases; i++) {
		const gradus_phase *p = &t->phases[i];
		cJSON *ph = cJSON_CreateObject();
		cJSON_AddStringToObject(ph, "name", p->name);
		cJSON_AddNumberToObject(ph, "weeks", p->weeks);
		cJSON_AddItemToObject(ph, "sets", pair(p->sets_min, p->sets_max));
		cJSON_AddItemToObject(ph, "reps", pair(p->reps_min, p->reps_max));
		cJSON_AddItemToObject(ph, "effort", pair(p->rpe_min, p->rpe_max));
		cJSON_AddNumberToObject(ph, "rest_s", p->rest_s);
		cJSON_AddItemToArray(phases, ph);
	}
	slots = cJSON_AddArrayToObject(o, "slots");
	for (size_t i = 0; slots && i < t->n_slots; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "pattern", gradus_pattern_name(t->slots[i].pattern));
		cJSON_AddNumberToObject(s, "priority", t->slots[i].priority);
		cJSON_AddNumberToObject(s, "count", t->slots[i].count);
		cJSON_AddItemToArray(slots, s);
	}
	return o;
}

int cmd_templates(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	int fmt, rc;

	rc = cli_parse(ctx, argc, argv, "templates", CLI_FORMAT, text_json, 2, &a);
	if (rc != 0)
		return rc;
	if (a.n_args > 0) {
		cli_error("templates takes no arguments (see 'gradus help templates')");
		return EXIT_USAGE;
	}
	fmt = a.fmt;
	if ((rc = cli_load_base(ctx)) != 0)
		return rc;
	if (fmt == 1) {
		cJSON *root = cJSON_CreateObject();
		cJSON *list = cJSON_AddArrayToObject(root, "templates");
		cJSON_AddStringToObject(root, "format", "gradus-templates/1");
		for (size_t i = 0; i < gradus_templates_count(ctx->tpl); i++)
			cJSON_AddItemToArray(list, template_json(gradus_templates_get(ctx->tpl, i)));
		return print_json(root);
	}
	for (size_t i = 0; i < gradus_templates_count(ctx->tpl); i++) {
		const gradus_template *t = gradus_templates_get(ctx->tpl, i);
		buf first = BUF_INIT, name = BUF_INIT;
		/* the name and where it came from wrap in its column; a long
		 * id on a line of its own */
		if (strlen(t->id) > 20)
			buf_printf(&first, "%s\n%21s", t->id, "");
		else
			buf_printf(&first, "%-20s ", t->id);
		buf_printf(&name, "%s (%s)", t->name, from(t->builtin, t->file));
		put_wrapped(first.ptr ? first.ptr : "", "                     ",
			    name.ptr ? name.ptr : "");
		buf_free(&first);
		buf_free(&name);
	}
	return 0;
}

static const char *template_id(size_t i, void *arg)
{
	const gradus_template *t = gradus_templates_get(arg, i);
	return t ? t->id : NULL;
}

/* The template `id` of the set, or NULL after naming the ids there are. */
static const gradus_template *find_template(const cli_ctx *ctx, const char *id)
{
	const gradus_template *t = gradus_templates_find(ctx->tpl, id);
	if (!t)
		cli_unknown("template", id, template_id, ctx->tpl);
	return t;
}

static void template_summary(const gradus_template *t)
{
	template_show(t);
	printf("\nSlots (priority, pattern, exercises):\n");
	for (size_t i = 0; i < t->n_slots; i++)
		printf("  %2d  %-16s %d\n", t->slots[i].priority,
		       gradus_pattern_name(t->slots[i].pattern), t->slots[i].count);
}

static bool valid_id(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z') || strlen(s) > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return true;
}

static bool id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Where the quoted value of the first key `id` of a libconfig text
 * starts ('"'), outside comments and strings; NULL when there is none
 * (or its value is not the string `old`). */
static const char *find_id_value(const char *s, const char *old)
{
	size_t n = strlen(old);
	for (const char *p = s; *p; p++) {
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
			if (!*p)
				return NULL;
		} else if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
			p += strcspn(p, "\n");
			if (!*p)
				return NULL;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			if (!end)
				return NULL;
			p = end + 1;
		} else if (p[0] == 'i' && p[1] == 'd' && !id_char(p[2]) &&
			   (p == s || !id_char(p[-1]))) {
			const char *q = p + 2;
			q += strspn(q, " \t\r\n");
			if (*q != '=' && *q != ':')
				continue;
			q++;
			q += strspn(q, " \t\r\n");
			if (*q == '"' && strncmp(q + 1, old, n) == 0 && q[1 + n] == '"')
				return q;
			return NULL;
		}
	}
	return NULL;
}

/* gradus template new ID --from TEMPLATE: the file of TEMPLATE with the
 * id ID instead of its own; proven to load (with the set's catalogue)
 * before it is written. */
static int template_new(cli_ctx *ctx, const char *id, const char *src,
			const char *out_path)
{
	const gradus_template *t = find_template(ctx, src), *have;
	const char *at;
	gradus_templates *check = NULL;
	gradus_diags *d = NULL;
	buf b = BUF_INIT;
	int rc;

	if (!t)
		return EXIT_USAGE;
	if (!valid_id(id)) {
		cli_error("'%s' cannot be an id: use lower-case letters, digits\n  and '-', starting with a letter (at most 64)",
			  id);
		return EXIT_USAGE;
	}
	if ((have = gradus_templates_find(ctx->tpl, id)) != NULL) {
		cli_error("there is a template '%s' already (%s); choose another id",
			  id, from(have->builtin, have->file));
		return EXIT_USAGE;
	}
	at = find_id_value(t->text, t->id);
	if (!at) {
		cli_error("cannot find the id of '%s' in %s to change it", t->id,
			  t->file);
		return EXIT_IO;
	}
	buf_printf(&b, "%.*s\"%s\"%s", (int)(at - t->text), t->text, id,
		   at + strlen(t->id) + 2);
	rc = b.ptr && (d = gradus_diags_new()) && gradus_templates_new(&check) == 0
		     ? gradus_templates_add_string(check, id, b.ptr, ctx->cat, d)
		     : GRADUS_ENOMEM;
	if (rc == GRADUS_OK && gradus_templates_find(check, id))
		rc = cli_write_output(out_path, b.ptr, b.len);
	else {
		cli_print_diags(d);
		cli_error("the copy of '%s' does not load as a template '%s'",
			  t->id, id);
		rc = EXIT_IO;
	}
	gradus_templates_free(check);
	gradus_diags_free(d);
	buf_free(&b);
	return rc;
}

int cmd_template(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	const gradus_template *t;
	bool show, make;
	int rc;

	rc = cli_parse(ctx, argc, argv, "template", CLI_COPY | CLI_OUTPUT,
		       NULL, 0, &a);
	if (rc != 0)
		return rc;
	show = a.n_args == 2 && strcmp(a.args[0], "show") == 0 && !a.from;
	make = a.n_args == 2 && strcmp(a.args[0], "new") == 0 && a.from &&
	       !a.source;
	if (!show && !make) {
		cli_error("usage: gradus template show ID [--source] [-o FILE]\n"
			  "   or: gradus template new ID --from TEMPLATE [-o FILE]");
		return EXIT_USAGE;
	}
	if (show && a.out_path && !a.source) {
		cli_error("-o is for the template's file (--source)");
		return EXIT_USAGE;
	}
	if ((rc = cli_load_base(ctx)) != 0)
		return rc;
	if (make)
		return template_new(ctx, a.args[1], a.from, a.out_path);
	if (!(t = find_template(ctx, a.args[1])))
		return EXIT_USAGE;
	if (a.source)
		return cli_write_output(a.out_path, t->text, strlen(t->text));
	template_summary(t);
	return 0;
}
