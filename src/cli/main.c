/* gradus - the command-line tool. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct {
	const char *name;
	int (*fn)(int argc, char **argv, cli_ctx *ctx);
	const char *usage;
	const char *help;
} command;

static const command commands[] = {
	{"plan", cmd_plan,
	 "gradus plan PROFILE [-f text|json|html|fhir|ics] [-o FILE]\n"
	 "                   [--template ID|FILE] [--weeks N] [--week N|N-M]\n"
	 "                   [--start YYYY-MM-DD] [--large-print] [--explain]\n"
	 "                   [--fhir-bundle collection|transaction]",
	 "Screen the profile, then write a week-by-week strength plan. When\n"
	 "screening finds a reason to see a doctor first, no plan is written:\n"
	 "the screening result (and for tiers 12-14 a referral sheet) is printed\n"
	 "instead, and the exit code says how urgent it is.\n"
	 "  -f, --format F     text (80 columns, one week per page), json\n"
	 "                     (gradus-plan/2), html (printable, self-contained),\n"
	 "                     fhir (FHIR R4 Bundle) or ics (calendar of sessions)\n"
	 "  -o, --output FILE  write to FILE (replaced only when complete, keeping\n"
	 "                     its mode; through a link; '-' is stdout)\n"
	 "  --template ID|FILE use this program template\n"
	 "  --weeks N          plan N weeks (1-52) instead of setup.weeks\n"
	 "  --week N|N-M       print only week N (or weeks N to M) of the whole\n"
	 "                     plan, with the cover and helper pages: the same\n"
	 "                     weeks, cut from it (text and html only)\n"
	 "  --start DATE       start on DATE instead of setup.start\n"
	 "  --explain          show the rule and source behind every number\n"
	 "  --large-print      larger type (for the printable formats)\n"
	 "  --fhir-bundle T    with -f fhir: collection (a document to hand over,\n"
	 "                     the default) or transaction (to post to a FHIR\n"
	 "                     server: each entry with its request)\n"},
	{"screen", cmd_screen,
	 "gradus screen PROFILE [-f text|json] [--start YYYY-MM-DD]\n"
	 "                     [--referral FILE] [--referral-format text|html]",
	 "Screen a profile for warning signs before any plan: the result (tier),\n"
	 "every finding in plain words with its rule id and source, and what to\n"
	 "do next. For the tiers review, urgent and emergency a one-page referral\n"
	 "sheet follows the text result after a form feed, or is written to FILE.\n"
	 "The exit code is the tier's: 0 proceed or precautions, 10 incomplete,\n"
	 "11 clearance, 12 review, 13 urgent, 14 emergency.\n"
	 "  -f, --format F          text or json (gradus-screening/1)\n"
	 "  --start DATE            judge how recent operations, fractures and the\n"
	 "                          clearance are on DATE instead of setup.start\n"
	 "  --referral FILE         write the referral sheet to FILE (replaced only\n"
	 "                          when complete; not '-') instead of after the\n"
	 "                          result\n"
	 "  --referral-format F     text (80 columns) or html (self-contained)\n"},
	{"review", cmd_review,
	 "gradus review PROFILE LOG [-f text|json|html|fhir|ics] [-o FILE]\n"
	 "                     [--start YYYY-MM-DD] [--weeks N] [--large-print]\n"
	 "                     [--explain] [--fhir-bundle collection|transaction]",
	 "Review a session log (what was really done: sets, reps, effort, pain,\n"
	 "weekly check-ins, re-tests) and write the next weeks of the plan from\n"
	 "where the person really is. Safety first: the log's red-flag answers\n"
	 "are screened again (a new warning sign: the screening result and exit\n"
	 "10-14, no plan); tests that did not improve after 6 weeks or more of\n"
	 "regular training, or an SPPB score 2 points lower, give a \"see your\n"
	 "doctor\" page (exit 12); an illness without a doctor's OK pauses the\n"
	 "plan (exit 11). Otherwise each exercise is adjusted (pain, effort,\n"
	 "ready to progress, missed sessions or weeks), each change with its\n"
	 "reason, and a progress summary is printed before the plan.\n"
	 "  -f, --format F     text, json (gradus-review/1), html (with charts),\n"
	 "                     fhir or ics (the plan only)\n"
	 "  -o, --output FILE  write to FILE (replaced only when complete, keeping\n"
	 "                     its mode; through a link; '-' is stdout)\n"
	 "  --start DATE       start the new weeks on DATE instead of the day\n"
	 "                     after the last logged week\n"
	 "  --weeks N          plan N weeks (1-52) instead of the weeks left\n"
	 "  --explain          show the rule and source behind every number\n"
	 "  --large-print      larger type (for the printable formats)\n"
	 "  --fhir-bundle T    with -f fhir: collection (the default) or\n"
	 "                     transaction (to post to a FHIR server)\n"},
	{"log", cmd_log,
	 "gradus log new PROFILE [--weeks N|A-B] [--start YYYY-MM-DD]\n"
	 "                      [--template ID|FILE] [-o FILE]",
	 "Write a session log to fill in, made from the plan (planned exactly as\n"
	 "'gradus plan' plans it): each session's date, each exercise with its\n"
	 "dose, and blanks where the caregiver types what was done - reps = [];\n"
	 "and \"\" for effort, pain, the next morning and each weekly warning-sign\n"
	 "question. A blank is never an answer: 'gradus check LOG' lists those\n"
	 "still empty (notes, not errors), and 'gradus review' counts only what\n"
	 "is filled in and says what it left out (docs/formats.md, Session log).\n"
	 "A profile that screening stops gets no log: the screening result and\n"
	 "its exit code, as 'gradus plan' gives them.\n"
	 "  --weeks N|A-B      only week N, or weeks A to B (default: every week)\n"
	 "  --start DATE       start on DATE instead of setup.start\n"
	 "  --template ID|FILE use this program template\n"
	 "  -o, --output FILE  write to FILE (replaced only when complete, keeping\n"
	 "                     its mode; through a link; '-' is stdout)\n"},
	{"batch", cmd_batch,
	 "gradus batch [-f json] [--weeks N] [--start YYYY-MM-DD] [PROFILE...]",
	 "Plan many profiles in one run: the catalogue and templates are read\n"
	 "once, then each profile is screened and planned as 'gradus plan -f json'\n"
	 "would, and written as one JSON object per line (JSON Lines):\n"
	 "  {\"file\": F, \"status\": \"plan\", \"exit_code\": 0, \"plan\": {...}}\n"
	 "  {\"file\": F, \"status\": \"gated\", \"exit_code\": 10-14, \"screening\": {...}}\n"
	 "  {\"file\": F, \"status\": \"invalid\"|\"io_error\", \"exit_code\": 2|3|1,\n"
	 "   \"errors\": [\"FILE:LINE: error: ...\", ...]}\n"
	 "exit_code is what 'gradus plan F' would return. A bad profile does not\n"
	 "stop the run; its diagnostics also go to stderr. With no PROFILE, or\n"
	 "with '-', the paths are read from stdin, one per line. A progress bar\n"
	 "is shown on stderr when it is a terminal. Exit 0 when every profile\n"
	 "gave a plan or a screening result, 3 when any was invalid, 1 when any\n"
	 "could not be read (or the output could not be written). SIGTERM, SIGINT\n"
	 "or SIGHUP stops it after the line being written: only whole lines.\n"
	 "  -f, --format json  the only format (one object per line)\n"
	 "  --weeks N          plan N weeks (1-52) instead of setup.weeks\n"
	 "  --start DATE       start on DATE instead of setup.start\n"},
	{"rules", cmd_rules, "gradus rules [-f text|json]",
	 "Print the safety rule table: every rule's id, tier, what triggers it\n"
	 "and its source (see docs/sources.md; D marks our own design choices).\n"},
	{"check", cmd_check, "gradus check FILE|DIR...",
	 "Check catalogue, template, profile and session log files (folders are\n"
	 "searched for *.cfg files). Every problem is printed as\n"
	 "FILE:LINE: error: ... Catalogue files given together are added to the\n"
	 "built-in catalogue, as --catalogue adds them (ladder links may cross\n"
	 "files), and that catalogue is used to check the templates, profiles and\n"
	 "logs given with them; template files likewise are added to the built-in\n"
	 "templates. In a session log, the blanks still empty (a log made by\n"
	 "'gradus log new') are notes, not errors, and their count is given.\n"
	 "Exit 0 when everything is valid, 3 when a file has errors, 1 when a\n"
	 "file cannot be read.\n"},
	{"exercises", cmd_exercises,
	 "gradus exercises [--pattern P] [--equipment E] [--position P]\n"
	 "                 [-f text|json|html] [-o FILE]",
	 "List the exercises of the catalogue: id and name, then pattern,\n"
	 "position, level and load, and the file of one not built in; optionally\n"
	 "only those of one pattern, needing one piece of equipment, or starting\n"
	 "in one position.\n"
	 "  -f json   every field, \"from\" saying \"built-in\" or the file\n"
	 "  -f html   a printable booklet of the whole catalogue: each exercise\n"
	 "            with its picture, steps, tips, safety and helper notes\n"
	 "  -o FILE   write the booklet to FILE (replaced only when complete;\n"
	 "            '-' is stdout)\n"},
	{"exercise", cmd_exercise, "gradus exercise show ID [-f text|html] [-o FILE]",
	 "Show one exercise the way the person reads it: its name, numbered\n"
	 "steps, tips, safety lines, notes for the helper and the easier and\n"
	 "harder versions; -f html adds the picture (start and end position).\n"
	 "  -o FILE   write to FILE (replaced only when complete; '-' is stdout)\n"},
	{"templates", cmd_templates, "gradus templates [-f text|json]",
	 "List the program templates: id, name, and where each came from\n"
	 "(built-in, or the file of --templates DIR).\n"},
	{"template", cmd_template,
	 "gradus template show ID [--source] [-o FILE]\n"
	 "       gradus template new ID --from TEMPLATE [-o FILE]",
	 "Show one program template: what it fits, its phases and slots.\n"
	 "  --source           print the template's file itself (built-in or not),\n"
	 "                     comments and all, to copy and edit\n"
	 "  new ID --from T    print the file of template T with the id ID (which\n"
	 "                     no template has yet), ready to edit\n"
	 "  -o, --output FILE  write the file to FILE instead (replaced only when\n"
	 "                     complete; '-' is stdout)\n"},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char exit_codes[] =
	"Exit codes:\n"
	"   0  success (a plan was produced, or the files are valid)\n"
	"   1  a file could not be read or written, or an internal error\n"
	"   2  usage error (unknown command or option)\n"
	"   3  invalid input: the errors are printed as FILE:LINE: error: ...\n"
	"  10  screening incomplete: a red-flag question is unanswered\n"
	"  11  medical clearance is needed before starting\n"
	"  12  medical review is needed; a referral sheet is produced\n"
	"  13  urgent: see a doctor today\n"
	"  14  emergency: call the emergency number now\n";

static const char common_options[] =
	"Options for every command:\n"
	"  --catalogue DIR   add the exercise files in DIR to the built-in ones\n"
	"                    (an exercise with a built-in id replaces it)\n"
	"  --templates DIR   add the template files in DIR to the built-in ones\n"
	"                    (a template with a built-in id replaces it)\n"
	"  -h, --help        show help for the command\n";

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: gradus COMMAND [OPTIONS] [ARGS]\n"
		"\n"
		"gradus writes gradual strength-training plans for muscle lost to disuse\n"
		"(a cast, bed rest, a hospital stay) or to age (sarcopenia).\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %s\n", commands[i].usage);
	fprintf(out, "  gradus help COMMAND\n"
		     "  gradus --help | --version\n\n%s\n%s",
		common_options, exit_codes);
}

static const char *command_name(size_t i, void *arg)
{
	(void)arg;
	return i < N_COMMANDS ? commands[i].name : NULL;
}

static const command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int command_help(const command *c, FILE *out)
{
	fprintf(out, "Usage: %s\n\n%s\n%s\n%s", c->usage, c->help,
		common_options, exit_codes);
	return 0;
}

static int run(int argc, char **argv)
{
	cli_ctx ctx = {0};
	const command *c;
	int rc;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("gradus %s\n", GRADUS_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc < 3) {
			usage(stdout);
			return 0;
		}
		c = find_command(argv[2]);
		if (!c) {
			cli_unknown("command", argv[2], command_name, NULL);
			return EXIT_USAGE;
		}
		return command_help(c, stdout);
	}
	c = find_command(argv[1]);
	if (!c) {
		cli_unknown("command", argv[1], command_name, NULL);
		return EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return command_help(c, stdout);
	rc = c->fn(argc - 1, argv + 1, &ctx);
	cli_ctx_free(&ctx);
	return rc;
}

/* Whatever the command, what it printed must have reached stdout: with
 * stdout on a full disk or closed, the exit code is 1, never 0. */
int main(int argc, char **argv)
{
	return cli_close_stdout(run(argc, argv));
}
