/* gradus review */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const review_formats[] = {"text", "json", "html", "fhir", "ics"};

int cmd_review(int argc, char **argv, cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"weeks", required_argument, NULL, 'w'},
		{"start", required_argument, NULL, 's'},
		{"large-print", no_argument, NULL, 'L'},
		{"explain", no_argument, NULL, 'x'},
		{0, 0, 0, 0}};
	gradus_review_options ro = {{0, 0, 0}, 0};
	gradus_render_options rdo = {false, false, NULL, NULL};
	const char *out_path = NULL;
	gradus_diags *d = NULL;
	gradus_profile *p = NULL;
	gradus_log *log = NULL;
	gradus_review *r = NULL;
	char *text = NULL;
	size_t len = 0;
	int fmt = 0, opt, rc, code = EXIT_IO;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "f:o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if ((fmt = cli_format(optarg, review_formats, 5)) < 0)
				return EXIT_USAGE;
			break;
		case 'o': out_path = optarg; break;
		case 'w':
			if (cli_weeks(optarg, &ro.weeks) != 0)
				return EXIT_USAGE;
			break;
		case 's':
			if (cli_start(optarg, &ro.start) != 0)
				return EXIT_USAGE;
			break;
		case 'L': rdo.large_print = true; break;
		case 'x': rdo.explain = true; break;
		default:
			if ((rc = cli_common_option(ctx, opt, optarg, "review")) != 0)
				return rc;
		}
	}
	if (argc - optind != 2) {
		cli_error("review needs a PROFILE and a LOG (see 'gradus help review')");
		return EXIT_USAGE;
	}
	if ((rc = cli_load_base(ctx)) != 0)
		return rc;
	d = gradus_diags_new();
	if (!d)
		return EXIT_IO;
	/* both files are checked, so that every problem is printed */
	rc = gradus_profile_load_file(&p, argv[optind], ctx->cat, ctx->tpl, d);
	{
		int rc2 = gradus_log_load_file(&log, argv[optind + 1], ctx->cat, d);
		if (rc == GRADUS_OK)
			rc = rc2;
	}
	if (rc != GRADUS_OK) {
		code = cli_exit_for(rc);
		goto out;
	}
	/* re-screen first; no plan when the tier is above precautions */
	rc = gradus_review_run(&r, p, log, ctx->cat, ctx->tpl, &ro, d);
	if (rc != GRADUS_OK) {
		code = cli_exit_for(rc);
		goto out;
	}
	rc = gradus_review_render(&text, &len, r, (gradus_plan_format)fmt, &rdo);
	if (rc != GRADUS_OK) {
		cli_error("out of memory");
		goto out;
	}
	code = cli_write_output(out_path, text, len);
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
