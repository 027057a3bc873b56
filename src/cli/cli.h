/* The gradus command: shared helpers of the sub-commands. */
#ifndef GRADUS_CLI_H
#define GRADUS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "gradus/gradus.h"

/* Exit codes (README, man page and --help). */
enum {
	EXIT_PLAN = 0,
	EXIT_IO = 1,
	EXIT_USAGE = 2,
	EXIT_INVALID = 3,
	EXIT_INCOMPLETE = 10,
	EXIT_CLEARANCE = 11,
	EXIT_REVIEW = 12,
	EXIT_URGENT = 13,
	EXIT_EMERGENCY = 14
};

typedef struct {
	const char *catalogue_dir; /* --catalogue DIR, or NULL: built in */
	const char *templates_dir; /* --templates DIR, or NULL: built in */
	gradus_catalogue *cat;
	gradus_templates *tpl;
} cli_ctx;

/* Loads the catalogue and templates (built in, or --catalogue and
 * --templates). Prints diagnostics; returns 0 or an exit code. */
int cli_load_base(cli_ctx *ctx);
void cli_ctx_free(cli_ctx *ctx);

/* Prints diagnostics to stderr. */
void cli_print_diags(const gradus_diags *d);

/* Error message to stderr as "gradus: message". */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* Maps a library return code to an exit code. */
int cli_exit_for(int rc);

/* Writes a whole buffer to stdout, or atomically to `path` (a temporary
 * file in the same folder, then rename). Returns 0 or EXIT_IO. */
int cli_write_output(const char *path, const char *data, size_t len);

int cmd_check(int argc, char **argv, cli_ctx *ctx);
int cmd_exercises(int argc, char **argv, cli_ctx *ctx);
int cmd_templates(int argc, char **argv, cli_ctx *ctx);
int cmd_template(int argc, char **argv, cli_ctx *ctx);
int cmd_plan(int argc, char **argv, cli_ctx *ctx);
int cmd_screen(int argc, char **argv, cli_ctx *ctx);
int cmd_rules(int argc, char **argv, cli_ctx *ctx);
int cmd_batch(int argc, char **argv, cli_ctx *ctx);
int cmd_review(int argc, char **argv, cli_ctx *ctx);

#endif

/* Long options every command takes (--catalogue, --templates); put
 * CLI_COMMON_OPTIONS first in a getopt_long table and pass unknown
 * option values to cli_common_option, which returns 0 when it handled
 * one, or EXIT_USAGE. */
#define OPT_CATALOGUE 1000
#define OPT_TEMPLATES 1001
#define CLI_COMMON_OPTIONS                                                   \
	{"catalogue", required_argument, NULL, OPT_CATALOGUE},                \
	{"templates", required_argument, NULL, OPT_TEMPLATES}
int cli_common_option(cli_ctx *ctx, int opt, const char *arg,
		      const char *cmd);

/* --weeks N (1..52) and --start YYYY-MM-DD: 0, or EXIT_USAGE after
 * printing what is wrong. */
int cli_weeks(const char *arg, int *out);
int cli_start(const char *arg, gradus_date *out);

/* -f text|json|...: index into `names`, or -1 after printing an error. */
int cli_format(const char *arg, const char *const *names, size_t n);
