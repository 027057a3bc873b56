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
	const char *catalogue_dir; /* --catalogue DIR (added to the built-in
	                              exercises), or NULL */
	const char *templates_dir; /* --templates DIR (added to the built-in
	                              templates), or NULL */
	gradus_catalogue *cat;
	gradus_templates *tpl;
} cli_ctx;

/* Loads the catalogue and templates: the built-in ones, with the files
 * of --catalogue and --templates added (an id of a built-in one replaces
 * it). Prints diagnostics; returns 0 or an exit code. */
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

/* Says on stderr, wrapped to 80 columns, "gradus: unknown WHAT 'WORD'
 * (one of: A, B, ...)": the words are name(0, arg), name(1, arg), ...
 * up to the first NULL. */
void cli_unknown(const char *what, const char *word,
		 const char *(*name)(size_t i, void *arg), void *arg);

/* Maps a library return code to an exit code. */
int cli_exit_for(int rc);

/* Writes a whole buffer to stdout (`path` NULL or "-"), or to `path`:
 * a file is replaced atomically (a temporary file in its folder, then
 * rename), keeping its mode; a terminal or a pipe with a reader is
 * written in place; anything else is refused (util.c says which).
 * Returns 0 or EXIT_IO after saying why. */
int cli_write_output(const char *path, const char *data, size_t len);

/* Writes all of `data` to `fd`, again after EINTR and short writes:
 * 0, or -1 with errno set. */
int cli_write_fd(int fd, const char *data, size_t len);

/* Says once "gradus: cannot write to standard output: REASON" (errno
 * `err`); returns EXIT_IO. */
int cli_stdout_failed(int err);

/* At the end of every command: flushes and closes stdout. Returns `code`,
 * or EXIT_IO (after saying why, once) when anything written to stdout
 * was lost. */
int cli_close_stdout(int code);

int cmd_check(int argc, char **argv, cli_ctx *ctx);
int cmd_exercises(int argc, char **argv, cli_ctx *ctx);
int cmd_exercise(int argc, char **argv, cli_ctx *ctx);
int cmd_templates(int argc, char **argv, cli_ctx *ctx);
int cmd_template(int argc, char **argv, cli_ctx *ctx);
int cmd_plan(int argc, char **argv, cli_ctx *ctx);
int cmd_screen(int argc, char **argv, cli_ctx *ctx);
int cmd_rules(int argc, char **argv, cli_ctx *ctx);
int cmd_batch(int argc, char **argv, cli_ctx *ctx);
int cmd_review(int argc, char **argv, cli_ctx *ctx);
int cmd_log(int argc, char **argv, cli_ctx *ctx);

#endif

/* The options the sub-commands share, parsed once by cli_parse. */
typedef struct {
	int fmt;                  /* -f: index into the command's names; 0 */
	const char *fmt_word;     /* -f as written (for a command's own check) */
	const char *out_path;     /* -o FILE; NULL: stdout */
	const char *template_arg; /* --template ID|FILE */
	int weeks;                /* --weeks N; 0: not given */
	int week_first, week_last; /* --week N or N-M; 0: not given */
	gradus_date start;        /* --start; unset: not given */
	bool large_print, explain;
	const char *referral;     /* --referral FILE */
	int referral_fmt;         /* --referral-format: 0 text, 1 html; -1 */
	const char *pattern, *equipment, *position; /* exercises filters */
	bool source;              /* template show --source */
	const char *from;         /* template new --from ID */
	int fhir_bundle;          /* --fhir-bundle: 0 collection, 1
	                             transaction; -1 not given */
	char **args;              /* what follows the options */
	int n_args;
} cli_args;

/* Which options a command takes besides --catalogue and --templates. */
enum {
	CLI_FORMAT = 1 << 0,    /* -f, --format */
	CLI_OUTPUT = 1 << 1,    /* -o, --output */
	CLI_TEMPLATE = 1 << 2,  /* --template */
	CLI_WEEKS = 1 << 3,     /* --weeks */
	CLI_START = 1 << 4,     /* --start */
	CLI_PRINT = 1 << 5,     /* --large-print, --explain */
	CLI_REFERRAL = 1 << 6,  /* --referral, --referral-format */
	CLI_FILTERS = 1 << 7,   /* --pattern, --equipment, --position */
	CLI_WEEK = 1 << 8,      /* --week N or N-M */
	CLI_COPY = 1 << 9,      /* --source, --from (template) */
	CLI_FHIR = 1 << 10,     /* --fhir-bundle collection|transaction */
	CLI_WEEK_RANGE = 1 << 11 /* --weeks N or A-B (log new): into
	                           week_first, week_last */
};

/* --fhir-bundle with -f: the format to render (fhir becomes
 * GRADUS_PLAN_FHIR_TRANSACTION for a transaction), or -1 after a usage
 * error (--fhir-bundle with a format other than fhir). */
int cli_fhir_format(const cli_args *a, const char *const *formats);

/* Parses the options `accept` allows for the command `cmd`; -f words are
 * checked against `formats` (n of them; with NULL only stored in
 * fmt_word). Returns 0 with the arguments after the options in
 * a->args, or an exit code after printing what was wrong. */
int cli_parse(cli_ctx *ctx, int argc, char **argv, const char *cmd,
	      unsigned accept, const char *const *formats, size_t n,
	      cli_args *a);

/* Loads the catalogue and templates and makes a diagnostics list for the
 * command's files. Returns 0, or an exit code after printing why. */
int cli_begin(cli_ctx *ctx, gradus_diags **d);

/* For a gated profile, in place of a plan: the screening result (and
 * the referral sheet for review and above, in text) to stdout or
 * `out_path`, in the plan format `fmt` (gradus_plan_format). Returns the
 * tier's exit code, or EXIT_IO. */
int cli_gated(const gradus_screening *s, const gradus_profile *p, int fmt,
	      const char *out_path);

/* --template ID|FILE: a FILE is checked and added to the templates,
 * and *id is its id; an ID is passed on as it is. Returns 0 or an exit
 * code (diagnostics in `d`). */
int cli_template_option(cli_ctx *ctx, const char *arg, const char **id,
			gradus_diags *d);

/* Loads the profile at `path`, screens it (as of `po->start`) and, when
 * the result allows a plan, generates it. *plan is NULL, or a plan no
 * longer wanted whose memory the new plan is made in (gradus batch keeps
 * one from profile to profile: gradus_plan_generate_reuse). Returns 0
 * with *plan set; the tier's exit code (10-14) when the screening gates,
 * or the exit code of a file or library error (diagnostics in `d`), with
 * *plan as it was when no plan was tried, NULL when one failed. The
 * caller frees *p, *s and *plan, whatever the result. */
int cli_make_plan(const cli_ctx *ctx, const char *path,
		  const gradus_plan_options *po, gradus_diags *d,
		  gradus_profile **p, gradus_screening **s, gradus_plan **plan);
