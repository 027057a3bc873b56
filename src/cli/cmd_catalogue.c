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
		buf_printf(&t, "%zu files checked: %zu catalogue (%zu exercises), %zu templates, %zu profiles%s%.0zu%s; no errors",
			   st.files, st.catalogue, st.exercises, st.templates,
			   st.profiles, st.logs ? ", " : "", st.logs,
			   st.logs ? " logs" : "");
		put_wrapped("", "  ", t.ptr ? t.ptr : "");
		buf_free(&t);
	} else
		fprintf(stderr, "%zu errors in %zu files checked\n",
			gradus_diags_errors(d), st.files);
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

int cmd_exercises(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	const char *pattern, *equipment, *position;
	gradus_pattern pat = 0;
	gradus_position pos = 0;
	unsigned eq = 0;
	int fmt, rc;
	size_t shown = 0;

	rc = cli_parse(ctx, argc, argv, "exercises",
		       CLI_FORMAT | CLI_FILTERS | CLI_OUTPUT, text_json_html, 3, &a);
	if (rc != 0)
		return rc;
	if (a.n_args > 0) {
		cli_error("exercises takes no file names (see 'gradus help exercises')");
		return EXIT_USAGE;
	}
	fmt = a.fmt;
	pattern = a.pattern;
	equipment = a.equipment;
	position = a.position;
	if (pattern && gradus_pattern_parse(pattern, &pat) != 0) {
		cli_error("unknown pattern '%s'", pattern);
		return EXIT_USAGE;
	}
	if (position && gradus_position_parse(position, &pos) != 0) {
		cli_error("unknown position '%s'", position);
		return EXIT_USAGE;
	}
	if (equipment && gradus_equipment_parse(equipment, &eq) != 0) {
		cli_error("unknown equipment '%s'", equipment);
		return EXIT_USAGE;
	}
	if ((rc = cli_load_base(ctx)) != 0)
		return rc;
	if (fmt == 2)
		return print_booklet(ctx->cat, pattern || equipment || position,
				     a.out_path);
	if (a.out_path) {
		cli_error("-o is for the booklet (-f html)");
		return EXIT_USAGE;
	}

	cJSON *root = fmt == 1 ? cJSON_CreateObject() : NULL, *list = NULL;
	if (fmt == 1) {
		cJSON_AddStringToObject(root, "format", "gradus-exercises/1");
		list = cJSON_AddArrayToObject(root, "exercises");
	} else
		printf("%-28s %-15s %-18s %s %s\n", "ID", "PATTERN", "POSITION",
		       "LVL", "LOAD");
	for (size_t i = 0; i < gradus_catalogue_count(ctx->cat); i++) {
		const gradus_exercise *e = gradus_catalogue_get(ctx->cat, i);
		if ((pattern && e->pattern != pat) ||
		    (position && e->position != pos) ||
		    (equipment && !(e->equipment & eq)))
			continue;
		shown++;
		if (fmt == 1)
			cJSON_AddItemToArray(list, exercise_json(e));
		else {
			/* 80 columns: an id wider than its column gets
			 * a line of its own, the row stays aligned */
			if (strlen(e->id) > 28)
				printf("%s\n%-28s", e->id, "");
			else
				printf("%-28s", e->id);
			printf(" %-15s %-18s %3d %s\n",
			       gradus_pattern_name(e->pattern),
			       gradus_position_name(e->position), e->level,
			       gradus_load_name(e->load));
		}
	}
	if (fmt == 1) {
		cJSON_AddNumberToObject(root, "count", (double)shown);
		return print_json(root);
	}
	printf("%zu exercises\n", shown);
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
		buf first = BUF_INIT;
		/* the name wraps in its column; a long id on a line of its own */
		if (strlen(t->id) > 20)
			buf_printf(&first, "%s\n%21s", t->id, "");
		else
			buf_printf(&first, "%-20s ", t->id);
		put_wrapped(first.ptr ? first.ptr : "", "                     ", t->name);
		buf_free(&first);
	}
	return 0;
}

int cmd_template(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	const gradus_template *t;
	int rc;

	if ((rc = cli_parse(ctx, argc, argv, "template", 0, NULL, 0, &a)) != 0)
		return rc;
	if (a.n_args != 2 || strcmp(a.args[0], "show") != 0) {
		cli_error("usage: gradus template show ID");
		return EXIT_USAGE;
	}
	if ((rc = cli_load_base(ctx)) != 0)
		return rc;
	t = gradus_templates_find(ctx->tpl, a.args[1]);
	if (!t) {
		cli_error("no template '%s' (see 'gradus templates')", a.args[1]);
		return EXIT_USAGE;
	}
	template_show(t);
	printf("\nSlots (priority, pattern, exercises):\n");
	for (size_t i = 0; i < t->n_slots; i++)
		printf("  %2d  %-16s %d\n", t->slots[i].priority,
		       gradus_pattern_name(t->slots[i].pattern), t->slots[i].count);
	return 0;
}
