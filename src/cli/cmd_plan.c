/* gradus plan */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const plan_formats[] = {"text", "json", "html", "fhir", "ics"};

/* --week N-M: the view of those weeks of the whole plan, or a usage
 * error naming the plan's weeks. */
static int cut_weeks(const cli_args *a, const gradus_plan *plan,
		     gradus_plan *view)
{
	int first = plan->n_weeks ? plan->weeks[0].number : 0;
	if (gradus_plan_cut(view, plan, a->week_first, a->week_last) == GRADUS_OK)
		return 0;
	if (a->week_first == a->week_last)
		cli_error("--week %d: the plan has weeks %d to %d", a->week_first,
			  first, gradus_plan_last_week(plan));
	else
		cli_error("--week %d-%d: the plan has weeks %d to %d", a->week_first,
			  a->week_last, first, gradus_plan_last_week(plan));
	return EXIT_USAGE;
}

int cmd_plan(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	gradus_plan_options po = {{0, 0, 0}, 0, NULL, NULL};
	gradus_render_options ro = {false, false, NULL, NULL, NULL, 0};
	gradus_diags *d = NULL;
	gradus_profile *p = NULL;
	gradus_screening *s = NULL;
	gradus_plan *plan = NULL, view;
	char *text = NULL;
	size_t len = 0;
	int code;

	code = cli_parse(ctx, argc, argv, "plan",
			 CLI_FORMAT | CLI_OUTPUT | CLI_TEMPLATE | CLI_WEEKS |
				 CLI_START | CLI_PRINT | CLI_WEEK | CLI_FHIR,
			 plan_formats, 5, &a);
	if (code != 0)
		return code;
	if (a.n_args != 1) {
		cli_error("plan needs one PROFILE (see 'gradus help plan')");
		return EXIT_USAGE;
	}
	/* the week at hand is for paper; a calendar or a record holds the
	 * whole plan */
	if (a.week_first && a.fmt != GRADUS_PLAN_TEXT && a.fmt != GRADUS_PLAN_HTML) {
		cli_error("--week is for the printed formats (text, html), not %s: a calendar or a record holds the whole plan",
			  plan_formats[a.fmt]);
		return EXIT_USAGE;
	}
	if ((a.fmt = cli_fhir_format(&a, plan_formats)) < 0)
		return EXIT_USAGE;
	if ((code = cli_begin(ctx, &d)) != 0)
		return code;
	po.weeks = a.weeks;
	po.start = a.start;
	ro.large_print = a.large_print;
	ro.explain = a.explain;
	code = cli_template_option(ctx, a.template_arg, &po.template_id, d);
	if (code == 0)
		code = cli_make_plan(ctx, a.args[0], &po, d, &p, &s, &plan);
	if (code == 0 && a.week_first)
		code = cut_weeks(&a, plan, &view);
	if (code >= EXIT_INCOMPLETE && s)
		code = cli_gated(s, p, a.fmt, a.out_path);
	else if (code == 0) {
		if (gradus_plan_render(&text, &len, a.week_first ? &view : plan,
				       (gradus_plan_format)a.fmt, &ro) != GRADUS_OK) {
			cli_error("out of memory");
			code = EXIT_IO;
		} else
			code = cli_write_output(a.out_path, text, len);
	}
	cli_print_diags(d);
	free(text);
	gradus_plan_free(plan);
	gradus_screening_free(s);
	gradus_profile_free(p);
	gradus_diags_free(d);
	return code;
}
