/* gradus screen / rules */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gradus/screen.h"

static const char *const text_json[] = {"text", "json"};

int cmd_screen(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	gradus_profile *p = NULL;
	gradus_screening *s = NULL;
	gradus_diags *d = NULL;
	char *text = NULL, *sheet = NULL;
	int rc, code;

	code = cli_parse(ctx, argc, argv, "screen", CLI_FORMAT | CLI_START | CLI_REFERRAL,
			 text_json, 2, &a);
	if (code != 0)
		return code;
	if (a.n_args != 1) {
		cli_error("screen needs exactly one PROFILE (see 'gradus help screen')");
		return EXIT_USAGE;
	}
	if (a.referral_fmt >= 0 && !a.referral) {
		cli_error("--referral-format needs --referral FILE (see 'gradus help screen')");
		return EXIT_USAGE;
	}
	/* stdout holds the result: the sheet already follows a text one */
	if (a.referral && strcmp(a.referral, "-") == 0) {
		cli_error("--referral needs a FILE name, not '-': stdout holds the result (the text result is followed by the sheet; see 'gradus help screen')");
		return EXIT_USAGE;
	}
	if ((code = cli_begin(ctx, &d)) != 0)
		return code;
	rc = gradus_profile_load_file(&p, a.args[0], ctx->cat, ctx->tpl, d);
	if (rc == GRADUS_OK)
		rc = gradus_screen(&s, p, a.start, d);
	cli_print_diags(d);
	if (rc != GRADUS_OK) {
		code = cli_exit_for(rc);
		goto out;
	}
	rc = gradus_screening_render(&text, s, p,
				     a.fmt == 1 ? GRADUS_SCREEN_JSON : GRADUS_SCREEN_TEXT);
	if (rc == GRADUS_OK && s->tier >= GRADUS_TIER_REVIEW)
		rc = gradus_referral_render(&sheet, s, p,
					    a.referral_fmt == 1 ? GRADUS_REFERRAL_HTML
						      : GRADUS_REFERRAL_TEXT);
	if (rc != GRADUS_OK) {
		cli_error("out of memory");
		code = EXIT_IO;
		goto out;
	}
	/* the referral file first: the printed result then says it all */
	code = 0;
	if (sheet && a.referral)
		code = cli_write_output(a.referral, sheet, strlen(sheet));
	else if (!sheet && a.referral)
		fprintf(stderr, "gradus: no referral sheet written: the result is '%s' (sheets are for review, urgent and emergency)\n",
			gradus_tier_name(s->tier));
	if (code == 0)
		code = cli_write_output(NULL, text, strlen(text));
	if (code == 0 && sheet && !a.referral && a.fmt == 0) {
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
	cli_args a;
	char *text = NULL;
	int rc = cli_parse(ctx, argc, argv, "rules", CLI_FORMAT, text_json, 2, &a);

	if (rc != 0)
		return rc;
	if (a.n_args > 0) {
		cli_error("rules takes no arguments (see 'gradus help rules')");
		return EXIT_USAGE;
	}
	if (gradus_rules_render(&text, a.fmt == 1 ? GRADUS_SCREEN_JSON : GRADUS_SCREEN_TEXT) !=
	    GRADUS_OK) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	rc = cli_write_output(NULL, text, strlen(text));
	free(text);
	return rc;
}
