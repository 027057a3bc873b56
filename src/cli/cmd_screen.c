/* gradus screen / rules */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gradus/screen.h"

static const char *const text_json[] = {"text", "json"};
static const char *const text_html[] = {"text", "html"};

#define OPT_START 2000
#define OPT_REFERRAL 2001
#define OPT_REFERRAL_FORMAT 2002

int cmd_screen(int argc, char **argv, cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{"format", required_argument, NULL, 'f'},
		{"start", required_argument, NULL, OPT_START},
		{"referral", required_argument, NULL, OPT_REFERRAL},
		{"referral-format", required_argument, NULL, OPT_REFERRAL_FORMAT},
		{0, 0, 0, 0}};
	const char *referral = NULL;
	int fmt = 0, rfmt = -1, opt, rc, code;
	gradus_date start = {0, 0, 0};
	gradus_profile *p = NULL;
	gradus_screening *s = NULL;
	gradus_diags *d = NULL;
	char *text = NULL, *sheet = NULL;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "f:", opts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if ((fmt = cli_format(optarg, text_json, 2)) < 0)
				return EXIT_USAGE;
			break;
		case OPT_START:
			if (gradus_date_parse(optarg, &start) != 0) {
				cli_error("--start must be a real date written YYYY-MM-DD (found '%s')",
					  optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_REFERRAL:
			referral = optarg;
			break;
		case OPT_REFERRAL_FORMAT:
			if ((rfmt = cli_format(optarg, text_html, 2)) < 0)
				return EXIT_USAGE;
			break;
		default:
			if ((rc = cli_common_option(ctx, opt, optarg, "screen")) != 0)
				return rc;
		}
	}
	if (argc - optind != 1) {
		cli_error("screen needs exactly one PROFILE (see 'gradus help screen')");
		return EXIT_USAGE;
	}
	if (rfmt >= 0 && !referral) {
		cli_error("--referral-format needs --referral FILE (see 'gradus help screen')");
		return EXIT_USAGE;
	}
	if ((rc = cli_load_base(ctx)) != 0)
		return rc;
	d = gradus_diags_new();
	if (!d) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	rc = gradus_profile_load_file(&p, argv[optind], ctx->cat, ctx->tpl, d);
	if (rc == GRADUS_OK)
		rc = gradus_screen(&s, p, start, d);
	cli_print_diags(d);
	if (rc != GRADUS_OK) {
		code = cli_exit_for(rc);
		goto out;
	}
	rc = gradus_screening_render(&text, s, p,
				     fmt == 1 ? GRADUS_SCREEN_JSON : GRADUS_SCREEN_TEXT);
	if (rc == GRADUS_OK && s->tier >= GRADUS_TIER_REVIEW)
		rc = gradus_referral_render(&sheet, s, p,
					    rfmt == 1 ? GRADUS_REFERRAL_HTML
						      : GRADUS_REFERRAL_TEXT);
	if (rc != GRADUS_OK) {
		cli_error("out of memory");
		code = EXIT_IO;
		goto out;
	}
	/* the referral file first: the printed result then says it all */
	code = 0;
	if (sheet && referral)
		code = cli_write_output(referral, sheet, strlen(sheet));
	else if (!sheet && referral)
		fprintf(stderr, "gradus: no referral sheet written: the result is '%s' (sheets are for review, urgent and emergency)\n",
			gradus_tier_name(s->tier));
	if (code == 0)
		code = cli_write_output(NULL, text, strlen(text));
	if (code == 0 && sheet && !referral && fmt == 0) {
		code = cli_write_output(NULL, "\f\n", 2);
		if (code == 0)
			code = cli_write_output(NULL, sheet, strlen(sheet));
	}
	if (code == 0)
		code = gradus_tier_exit_code(s->tier);
out:
	free(text);
	free(sheet);
	gradus_screening_free(s);
	gradus_profile_free(p);
	gradus_diags_free(d);
	return code;
}

int cmd_rules(int argc, char **argv, cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS, {"format", required_argument, NULL, 'f'},
		{0, 0, 0, 0}};
	int fmt = 0, opt, rc;
	char *text = NULL;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "f:", opts, NULL)) != -1) {
		if (opt == 'f') {
			if ((fmt = cli_format(optarg, text_json, 2)) < 0)
				return EXIT_USAGE;
		} else if ((rc = cli_common_option(ctx, opt, optarg, "rules")) != 0)
			return rc;
	}
	if (optind < argc) {
		cli_error("rules takes no arguments (see 'gradus help rules')");
		return EXIT_USAGE;
	}
	if (gradus_rules_render(&text, fmt == 1 ? GRADUS_SCREEN_JSON : GRADUS_SCREEN_TEXT) !=
	    GRADUS_OK) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	rc = cli_write_output(NULL, text, strlen(text));
	free(text);
	return rc;
}
