/* gradus plan */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const plan_formats[] = {"text", "json", "html", "fhir", "ics"};
/* the same order as gradus_plan_format */
static const gradus_screen_format gated_formats[] = {
	GRADUS_SCREEN_TEXT, GRADUS_SCREEN_JSON, GRADUS_SCREEN_HTML,
	GRADUS_SCREEN_FHIR, GRADUS_SCREEN_ICS};

/* Prints the screening result for a gated profile (and the referral sheet
 * for review and above) to stdout or -o FILE, in place of a plan. */
static int gated(const gradus_screening *s, const gradus_profile *p, int fmt,
		 const char *out_path)
{
	char *text = NULL, *ref = NULL;
	int rc = gradus_screening_render(&text, s, p, gated_formats[fmt]);
	if (rc != GRADUS_OK)
		return EXIT_IO;
	if (fmt == 0 && s->tier >= GRADUS_TIER_REVIEW &&
	    gradus_referral_render(&ref, s, p, GRADUS_REFERRAL_TEXT) == GRADUS_OK) {
		char *both = malloc(strlen(text) + strlen(ref) + 4);
		if (both) {
			sprintf(both, "%s\f\n%s", text, ref);
			free(text);
			text = both;
		}
	}
	free(ref);
	rc = cli_write_output(out_path, text, strlen(text));
	free(text);
	return rc ? rc : gradus_tier_exit_code(s->tier);
}

int cmd_plan(int argc, char **argv, cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"template", required_argument, NULL, 't'},
		{"weeks", required_argument, NULL, 'w'},
		{"start", required_argument, NULL, 's'},
		{"large-print", no_argument, NULL, 'L'},
		{"explain", no_argument, NULL, 'x'},
		{0, 0, 0, 0}};
	gradus_plan_options po = {{0, 0, 0}, 0, NULL, NULL};
	gradus_render_options ro = {false, false, NULL, NULL};
	const char *out_path = NULL, *template_arg = NULL;
	gradus_diags *d = NULL;
	gradus_profile *p = NULL;
	gradus_screening *s = NULL;
	gradus_plan *plan = NULL;
	char *text = NULL;
	size_t len = 0;
	int fmt = 0, opt, rc, code = EXIT_IO;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "f:o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if ((fmt = cli_format(optarg, plan_formats, 5)) < 0)
				return EXIT_USAGE;
			break;
		case 'o': out_path = optarg; break;
		case 't': template_arg = optarg; break;
		case 'w':
			if (cli_weeks(optarg, &po.weeks) != 0)
				return EXIT_USAGE;
			break;
		case 's':
			if (cli_start(optarg, &po.start) != 0)
				return EXIT_USAGE;
			break;
		case 'L': ro.large_print = true; break;
		case 'x': ro.explain = true; break;
		default:
			if ((rc = cli_common_option(ctx, opt, optarg, "plan")) != 0)
				return rc;
		}
	}
	if (argc - optind != 1) {
		cli_error("plan needs one PROFILE (see 'gradus help plan')");
		return EXIT_USAGE;
	}
	if ((rc = cli_load_base(ctx)) != 0)
		return rc;
	d = gradus_diags_new();
	if (!d)
		return EXIT_IO;
	if (template_arg && (strchr(template_arg, '/') ||
			     strstr(template_arg, ".cfg"))) {
		/* a template file: checked and added to the set */
		size_t before = gradus_templates_count(ctx->tpl);
		rc = gradus_templates_add_file(ctx->tpl, template_arg, ctx->cat, d);
		if (rc != GRADUS_OK) {
			code = cli_exit_for(rc);
			goto out;
		}
		po.template_id = gradus_templates_get(ctx->tpl, before)->id;
	} else
		po.template_id = template_arg;
	rc = gradus_profile_load_file(&p, argv[optind], ctx->cat, ctx->tpl, d);
	if (rc != GRADUS_OK) {
		code = cli_exit_for(rc);
		goto out;
	}
	/* the gate first: a tier above precautions never gets a plan */
	rc = gradus_screen(&s, p, po.start, d);
	if (rc != GRADUS_OK) {
		code = cli_exit_for(rc);
		goto out;
	}
	if (s->tier > GRADUS_TIER_PRECAUTIONS) {
		code = gated(s, p, fmt, out_path);
		goto out;
	}
	rc = gradus_plan_generate(&plan, p, s, ctx->cat, ctx->tpl, &po, d);
	if (rc != GRADUS_OK) {
		code = cli_exit_for(rc);
		goto out;
	}
	rc = gradus_plan_render(&text, &len, plan, (gradus_plan_format)fmt, &ro);
	if (rc != GRADUS_OK) {
		cli_error("out of memory");
		goto out;
	}
	code = cli_write_output(out_path, text, len);
out:
	cli_print_diags(d);
	free(text);
	gradus_plan_free(plan);
	gradus_screening_free(s);
	gradus_profile_free(p);
	gradus_diags_free(d);
	return code;
}
