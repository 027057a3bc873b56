/* gradus log new: the session log to fill in, made from the plan. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_log(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	gradus_plan_options po = {{0, 0, 0}, 0, NULL, NULL};
	gradus_diags *d = NULL;
	gradus_profile *p = NULL;
	gradus_screening *s = NULL;
	gradus_plan *plan = NULL;
	char *text = NULL;
	size_t len = 0;
	int code, first, last;

	code = cli_parse(ctx, argc, argv, "log",
			 CLI_OUTPUT | CLI_TEMPLATE | CLI_WEEK_RANGE | CLI_START,
			 NULL, 0, &a);
	if (code != 0)
		return code;
	if (a.n_args != 2 || strcmp(a.args[0], "new") != 0) {
		cli_error("log needs 'new' and one PROFILE: gradus log new PROFILE (see 'gradus help log')");
		return EXIT_USAGE;
	}
	if ((code = cli_begin(ctx, &d)) != 0)
		return code;
	po.start = a.start;
	code = cli_template_option(ctx, a.template_arg, &po.template_id, d);
	if (code == 0)
		code = cli_make_plan(ctx, a.args[1], &po, d, &p, &s, &plan);
	if (code >= EXIT_INCOMPLETE && s) {
		/* no plan, so no log to fill in: the screening result, as
		 * gradus plan prints it (never into the log's file) */
		code = cli_gated(s, p, 0, NULL);
		goto out;
	}
	if (code != 0)
		goto out;
	first = a.week_first ? a.week_first : plan->first_week;
	last = a.week_first ? a.week_last : gradus_plan_last_week(plan);
	if (first < plan->first_week || last > gradus_plan_last_week(plan)) {
		cli_error("--weeks %d-%d: the plan has weeks %d to %d", first, last,
			  plan->first_week, gradus_plan_last_week(plan));
		code = EXIT_USAGE;
		goto out;
	}
	if (gradus_log_form(&text, &len, plan, first, last) != GRADUS_OK) {
		cli_error("out of memory");
		code = EXIT_IO;
	} else
		code = cli_write_output(a.out_path, text, len);
out:
	cli_print_diags(d);
	free(text);
	gradus_plan_free(plan);
	gradus_screening_free(s);
	gradus_profile_free(p);
	gradus_diags_free(d);
	return code;
}
