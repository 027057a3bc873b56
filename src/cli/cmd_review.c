/* gradus review */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const review_formats[] = {"text", "json", "html", "fhir", "ics"};

int cmd_review(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	gradus_review_options ro = {{0, 0, 0}, 0};
	gradus_render_options rdo = {false, false, NULL, NULL, NULL, 0};
	gradus_diags *d = NULL;
	gradus_profile *p = NULL;
	gradus_log *log = NULL;
	gradus_review *r = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc, code;

	code = cli_parse(ctx, argc, argv, "review",
			 CLI_FORMAT | CLI_OUTPUT | CLI_WEEKS | CLI_START | CLI_PRINT |
				 CLI_FHIR,
			 review_formats, 5, &a);
	if (code != 0)
		return code;
	if (a.n_args != 2) {
		cli_error("review needs a PROFILE and a LOG (see 'gradus help review')");
		return EXIT_USAGE;
	}
	if ((a.fmt = cli_fhir_format(&a, review_formats)) < 0)
		return EXIT_USAGE;
	if ((code = cli_begin(ctx, &d)) != 0)
		return code;
	ro.weeks = a.weeks;
	ro.start = a.start;
	rdo.large_print = a.large_print;
	rdo.explain = a.explain;
	code = EXIT_IO;
	/* both files are checked, so that every problem is printed */
	rc = gradus_profile_load_file(&p, a.args[0], ctx->cat, ctx->tpl, d);
	{
		int rc2 = gradus_log_load_file(&log, a.args[1], ctx->cat, d);
		if (rc == GRADUS_OK)
			rc = rc2;
	}
	/* re-screen first; no plan when the tier is above precautions */
	if (rc == GRADUS_OK)
		rc = gradus_review_run(&r, p, log, ctx->cat, ctx->tpl, &ro, d);
	if (rc != GRADUS_OK) {
		code = cli_exit_for(rc);
		goto out;
	}
	rc = gradus_review_render(&text, &len, r, (gradus_plan_format)a.fmt, &rdo);
	if (rc != GRADUS_OK) {
		cli_error("out of memory");
		goto out;
	}
	code = cli_write_output(a.out_path, text, len);
	if (code == 0)
		code = gradus_tier_exit_code(r->tier);
out:
	cli_print_diags(d);
	free(text);
	gradus_review_free(r);
	gradus_log_free(log);
	gradus_profile_free(p);
	gradus_diags_free(d);
	return code;
}
