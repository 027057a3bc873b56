/* realpath() and S_ISVTX are X/Open (XSI) additions to POSIX */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "util/buf.h"
#include "util/text.h"

/* Long options every command takes. */
#define OPT_CATALOGUE 1000
#define OPT_TEMPLATES 1001
#define CLI_COMMON_OPTIONS                                                   \
	{"catalogue", required_argument, NULL, OPT_CATALOGUE},                \
	{"templates", required_argument, NULL, OPT_TEMPLATES}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("gradus: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_print_diags(const gradus_diags *d)
{
	gradus_diags_print(d, stderr);
}

int cli_exit_for(int rc)
{
	switch (rc) {
	case GRADUS_OK: return EXIT_PLAN;
	case GRADUS_EINVALID: return EXIT_INVALID;
	case GRADUS_EUSAGE: return EXIT_USAGE;
	default: return EXIT_IO;
	}
}

/* The built-in catalogue, with the files of --catalogue DIR added. */
static int load_catalogue(cli_ctx *ctx, gradus_diags *d)
{
	int rc = gradus_catalogue_new(&ctx->cat), worst;

	if (rc != GRADUS_OK)
		return rc;
	worst = gradus_catalogue_add_builtin(ctx->cat, d);
	if (ctx->catalogue_dir && worst != GRADUS_ENOMEM) {
		rc = gradus_catalogue_add_dir(ctx->cat, ctx->catalogue_dir, d);
		if (rc == GRADUS_ENOMEM || (rc && worst == GRADUS_OK))
			worst = rc;
	}
	rc = gradus_catalogue_finish(ctx->cat, d);
	if (worst == GRADUS_OK)
		worst = rc;
	if (worst != GRADUS_OK) {
		gradus_catalogue_free(ctx->cat);
		ctx->cat = NULL;
	}
	return worst;
}

/* The built-in templates, with the files of --templates DIR added. */
static int load_templates(cli_ctx *ctx, gradus_diags *d)
{
	int rc = gradus_templates_new(&ctx->tpl), worst;

	if (rc != GRADUS_OK)
		return rc;
	worst = gradus_templates_add_builtin(ctx->tpl, ctx->cat, d);
	if (ctx->templates_dir && worst != GRADUS_ENOMEM) {
		rc = gradus_templates_add_dir(ctx->tpl, ctx->templates_dir,
					      ctx->cat, d);
		if (rc == GRADUS_ENOMEM || (rc && worst == GRADUS_OK))
			worst = rc;
	}
	if (worst != GRADUS_OK) {
		gradus_templates_free(ctx->tpl);
		ctx->tpl = NULL;
	}
	return worst;
}

int cli_load_base(cli_ctx *ctx)
{
	gradus_diags *d = gradus_diags_new();
	int rc;

	if (!d) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	if (!ctx->cat && (rc = load_catalogue(ctx, d)) != GRADUS_OK)
		goto fail;
	if (!ctx->tpl && (rc = load_templates(ctx, d)) != GRADUS_OK)
		goto fail;
	cli_print_diags(d); /* warnings, if any */
	gradus_diags_free(d);
	return 0;
fail:
	cli_print_diags(d);
	gradus_diags_free(d);
	return cli_exit_for(rc);
}

void cli_ctx_free(cli_ctx *ctx)
{
	gradus_catalogue_free(ctx->cat);
	gradus_templates_free(ctx->tpl);
	ctx->cat = NULL;
	ctx->tpl = NULL;
}

int cli_write_fd(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Whether "cannot write to standard output" was said already: one
 * failure is told once, however many writes it fails. */
static bool stdout_told;

int cli_stdout_failed(int err)
{
	if (!stdout_told)
		cli_error("cannot write to standard output: %s",
			  strerror(err ? err : EIO));
	stdout_told = true;
	return EXIT_IO;
}

int cli_close_stdout(int code)
{
	int err = 0;

	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		err = errno ? errno : EIO;
	/* a stdout that was closed (>&-) and never written to is no error */
	errno = 0;
	if (fclose(stdout) != 0 && !err && errno != EBADF)
		err = errno ? errno : EIO;
	if (!err && !stdout_told)
		return code;
	return cli_stdout_failed(err);
}

static int write_stdout(const char *data, size_t len)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
		return cli_stdout_failed(errno);
	return 0;
}

/* A terminal, /dev/null or a pipe (FIFO), which `st` says `path` is:
 * written in place, since renaming over it would replace the device or
 * the pipe. A pipe is opened without waiting: when no program reads
 * from it, open() fails at once (ENXIO) instead of hanging. */
static int write_in_place(const char *path, const struct stat *st,
			  const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK);
	struct stat now;

	if (fd < 0 && errno == ENXIO && S_ISFIFO(st->st_mode)) {
		cli_error("cannot write %s: it is a pipe (FIFO) that no program is reading",
			  path);
		return EXIT_IO;
	}
	if (fd >= 0 && (fstat(fd, &now) != 0 ||
			(now.st_mode & S_IFMT) != (st->st_mode & S_IFMT))) {
		cli_error("cannot write %s: it changed while it was opened", path);
		close(fd);
		return EXIT_IO;
	}
	/* from here on, writes wait for a slow reader as usual */
	if (fd < 0 || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 ||
	    cli_write_fd(fd, data, len) != 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return EXIT_IO;
	}
	if (close(fd) != 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return EXIT_IO;
	}
	return 0;
}

/* A link in a folder that anyone may write to and only owners may delete
 * from (sticky, such as /tmp), made by another user than the one running
 * gradus and the folder's owner: following it would let that user choose
 * which file gradus replaces. The kernel refuses to follow such links
 * where fs.protected_symlinks is 1; this is its rule, for every link
 * named in `path`, so that it holds where the setting is 0. Returns 1
 * after saying why, else 0. */
static int shared_link(const char *path)
{
	size_t n = strlen(path);
	char *p = malloc(n + 2);
	int bad = 0;

	if (!p)
		return 0;
	for (size_t i = 1; i <= n && !bad; i++) {
		struct stat ls, ds;
		char *slash;
		if ((i < n && path[i] != '/') || path[i - 1] == '/')
			continue;
		memcpy(p, path, i);
		p[i] = '\0';
		if (lstat(p, &ls) != 0 || !S_ISLNK(ls.st_mode))
			continue;
		slash = strrchr(p, '/');
		if (!slash)
			strcpy(p, ".");
		else
			slash[slash == p] = '\0'; /* "/x" -> "/" */
		if (stat(p, &ds) == 0 && (ds.st_mode & S_ISVTX) &&
		    (ds.st_mode & S_IWOTH) && ls.st_uid != geteuid() &&
		    ls.st_uid != ds.st_uid) {
			cli_error("cannot write %s: %.*s is a link made by another user in a shared folder (%s), and could point anywhere; give the file's own name",
				  path, (int)i, path, p);
			bad = 1;
		}
	}
	free(p);
	return bad;
}

/* A temporary file in the same folder, then rename: a failure never
 * leaves half a file or destroys the old one. `old` is the file replaced
 * (its mode is kept), or NULL for a new file (0666 less the umask). */
static int write_atomically(const char *path, const struct stat *old,
			    const char *data, size_t len)
{
	char *tmp;
	mode_t mode;
	int fd;

	tmp = malloc(strlen(path) + 16);
	if (!tmp) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	sprintf(tmp, "%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return EXIT_IO;
	}
	if (old) {
		mode = old->st_mode & 0777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	/* mkstemp makes the file 0600: it is never more open than that */
	if (fchmod(fd, mode) != 0 || cli_write_fd(fd, data, len) != 0 ||
	    fsync(fd) != 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return EXIT_IO;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return EXIT_IO;
	}
	free(tmp);
	return 0;
}

/* Where -o (and --referral) write; docs/hazards.md "Output files" and
 * the man page say the same:
 * - "-" and no path: stdout;
 * - a regular file, or a link to one: replaced whole (temporary file and
 *   rename in the folder of the file itself), keeping its mode; a link
 *   stays a link;
 * - a name that does not exist: a new file, 0666 less the umask;
 * - a terminal or other character device, or a pipe some program reads:
 *   written in place;
 * - a folder, a block device, a socket, a pipe nobody reads, a link to
 *   nothing, a link planted by another user in a shared folder: refused,
 *   exit 1. */
int cli_write_output(const char *path, const char *data, size_t len)
{
	struct stat st;
	char *real;
	int rc;

	if (!path || strcmp(path, "-") == 0)
		return write_stdout(data, len);
	if (shared_link(path))
		return EXIT_IO;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
			cli_error("cannot write %s: it is a link to a file that does not exist; give the file's own name",
				  path);
			return EXIT_IO;
		}
		if (errno != ENOENT) {
			cli_error("cannot write %s: %s", path, strerror(errno));
			return EXIT_IO;
		}
		return write_atomically(path, NULL, data, len);
	}
	if (S_ISDIR(st.st_mode)) {
		cli_error("cannot write %s: it is a folder", path);
		return EXIT_IO;
	}
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
		return write_in_place(path, &st, data, len);
	if (!S_ISREG(st.st_mode)) {
		cli_error("cannot write %s: it is not a file, a terminal or a pipe",
			  path);
		return EXIT_IO;
	}
	/* through any links, to the file itself */
	real = realpath(path, NULL);
	if (!real) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return EXIT_IO;
	}
	rc = write_atomically(real, &st, data, len);
	free(real);
	return rc;
}

/* --catalogue, --templates: 0; anything else getopt_long refused:
 * EXIT_USAGE. */
static int cli_common_option(cli_ctx *ctx, int opt, const char *arg,
			     const char *cmd)
{
	switch (opt) {
	case OPT_CATALOGUE:
		ctx->catalogue_dir = arg;
		return 0;
	case OPT_TEMPLATES:
		ctx->templates_dir = arg;
		return 0;
	default:
		/* getopt_long has printed what was wrong */
		fprintf(stderr, "Try 'gradus help %s'.\n", cmd);
		return EXIT_USAGE;
	}
}

void cli_unknown(const char *what, const char *word,
		 const char *(*name)(size_t i, void *arg), void *arg)
{
	buf m = BUF_INIT, out = BUF_INIT;
	const char *w;

	buf_printf(&m, "unknown %s '%s' (one of:", what, word);
	for (size_t i = 0; (w = name(i, arg)) != NULL; i++)
		buf_printf(&m, "%s %s", i ? "," : "", w);
	buf_puts(&m, ")");
	text_wrap(&out, "gradus: ", "  ", m.ptr ? m.ptr : "", 80);
	if (out.ptr)
		fwrite(out.ptr, 1, out.len, stderr);
	buf_free(&m);
	buf_free(&out);
}

typedef struct {
	const char *const *v;
	size_t n;
} word_list;

static const char *list_word(size_t i, void *arg)
{
	const word_list *l = arg;
	return i < l->n ? l->v[i] : NULL;
}

/* -f text|json|...: index into `names`, or -1 after printing an error. */
static int cli_format(const char *arg, const char *const *names, size_t n)
{
	word_list l = {names, n};
	for (size_t i = 0; i < n; i++)
		if (strcmp(arg, names[i]) == 0)
			return (int)i;
	cli_unknown("format", arg, list_word, &l);
	return -1;
}

/* --weeks N (1..52) and --start YYYY-MM-DD: 0, or EXIT_USAGE after
 * printing what is wrong. */
static int cli_weeks(const char *arg, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end || v < 1 || v > 52) {
		cli_error("--weeks takes a whole number from 1 to 52");
		return EXIT_USAGE;
	}
	*out = (int)v;
	return 0;
}

/* --week N or N-M (whole numbers, N <= M): 0, or EXIT_USAGE. Whether
 * the weeks are in the plan is known only once it is made. */
static int cli_week(const char *opt, const char *arg, int *first, int *last)
{
	char *end;
	long a = strtol(arg, &end, 10), b = a;
	if (end != arg && *end == '-' && end[1] >= '0' && end[1] <= '9') {
		const char *from = end + 1;
		b = strtol(from, &end, 10);
	}
	if (end == arg || *end || arg[0] < '0' || arg[0] > '9' || a < 1 ||
	    b < a || b > 1000) {
		cli_error("--%s takes a week number N, or N-M for weeks N to M (such as 5 or 3-4; got '%s')",
			  opt, arg);
		return EXIT_USAGE;
	}
	*first = (int)a;
	*last = (int)b;
	return 0;
}

static int cli_start(const char *arg, gradus_date *out)
{
	if (gradus_date_parse(arg, out) != 0) {
		cli_error("--start takes a real date written YYYY-MM-DD (got '%s')", arg);
		return EXIT_USAGE;
	}
	return 0;
}

enum {
	OPT_TEMPLATE = 2000, OPT_WEEKS, OPT_START, OPT_LARGE, OPT_EXPLAIN,
	OPT_REFERRAL, OPT_REFERRAL_FORMAT, OPT_PATTERN, OPT_EQUIPMENT,
	OPT_POSITION, OPT_WEEK, OPT_SOURCE, OPT_FROM, OPT_FHIR_BUNDLE,
	OPT_WEEK_RANGE
};

/* Every shared option, with the `accept` bit that allows it. */
static const struct {
	unsigned bit;
	struct option o;
} all_options[] = {
	{CLI_FORMAT, {"format", required_argument, NULL, 'f'}},
	{CLI_OUTPUT, {"output", required_argument, NULL, 'o'}},
	{CLI_TEMPLATE, {"template", required_argument, NULL, OPT_TEMPLATE}},
	{CLI_WEEKS, {"weeks", required_argument, NULL, OPT_WEEKS}},
	{CLI_WEEK, {"week", required_argument, NULL, OPT_WEEK}},
	{CLI_WEEK_RANGE, {"weeks", required_argument, NULL, OPT_WEEK_RANGE}},
	{CLI_START, {"start", required_argument, NULL, OPT_START}},
	{CLI_PRINT, {"large-print", no_argument, NULL, OPT_LARGE}},
	{CLI_PRINT, {"explain", no_argument, NULL, OPT_EXPLAIN}},
	{CLI_REFERRAL, {"referral", required_argument, NULL, OPT_REFERRAL}},
	{CLI_REFERRAL, {"referral-format", required_argument, NULL, OPT_REFERRAL_FORMAT}},
	{CLI_FILTERS, {"pattern", required_argument, NULL, OPT_PATTERN}},
	{CLI_FILTERS, {"equipment", required_argument, NULL, OPT_EQUIPMENT}},
	{CLI_FILTERS, {"position", required_argument, NULL, OPT_POSITION}},
	{CLI_COPY, {"source", no_argument, NULL, OPT_SOURCE}},
	{CLI_COPY, {"from", required_argument, NULL, OPT_FROM}},
	{CLI_FHIR, {"fhir-bundle", required_argument, NULL, OPT_FHIR_BUNDLE}},
};
#define N_OPTIONS (sizeof(all_options) / sizeof(all_options[0]))

/* One option's value into `a`: 0, or EXIT_USAGE after saying why. */
static int take_option(int opt, const char *arg, const char *const *formats,
		       size_t n, cli_args *a)
{
	static const char *const text_html[] = {"text", "html"};
	static const char *const bundle_types[] = {"collection", "transaction"};
	switch (opt) {
	case 'f':
		a->fmt_word = arg;
		if (formats && (a->fmt = cli_format(arg, formats, n)) < 0)
			return EXIT_USAGE;
		return 0;
	case 'o': a->out_path = arg; return 0;
	case OPT_TEMPLATE: a->template_arg = arg; return 0;
	case OPT_WEEKS: return cli_weeks(arg, &a->weeks);
	case OPT_WEEK: return cli_week("week", arg, &a->week_first, &a->week_last);
	case OPT_WEEK_RANGE:
		return cli_week("weeks", arg, &a->week_first, &a->week_last);
	case OPT_START: return cli_start(arg, &a->start);
	case OPT_LARGE: a->large_print = true; return 0;
	case OPT_EXPLAIN: a->explain = true; return 0;
	case OPT_REFERRAL: a->referral = arg; return 0;
	case OPT_REFERRAL_FORMAT:
		a->referral_fmt = cli_format(arg, text_html, 2);
		return a->referral_fmt < 0 ? EXIT_USAGE : 0;
	case OPT_PATTERN: a->pattern = arg; return 0;
	case OPT_EQUIPMENT: a->equipment = arg; return 0;
	case OPT_POSITION: a->position = arg; return 0;
	case OPT_SOURCE: a->source = true; return 0;
	case OPT_FROM: a->from = arg; return 0;
	case OPT_FHIR_BUNDLE: {
		word_list l = {bundle_types, 2};
		for (a->fhir_bundle = 0; a->fhir_bundle < 2; a->fhir_bundle++)
			if (strcmp(arg, bundle_types[a->fhir_bundle]) == 0)
				return 0;
		cli_unknown("FHIR Bundle type", arg, list_word, &l);
		return EXIT_USAGE;
	}
	default: return -1; /* not one of these */
	}
}

int cli_parse(cli_ctx *ctx, int argc, char **argv, const char *cmd,
	      unsigned accept, const char *const *formats, size_t n,
	      cli_args *a)
{
	struct option opts[N_OPTIONS + 3] = {CLI_COMMON_OPTIONS};
	char shorts[8] = "";
	size_t k = 2;
	int opt, rc;

	memset(a, 0, sizeof(*a));
	a->referral_fmt = -1;
	a->fhir_bundle = -1;
	for (size_t i = 0; i < N_OPTIONS; i++)
		if (accept & all_options[i].bit)
			opts[k++] = all_options[i].o;
	if (accept & CLI_FORMAT)
		strcat(shorts, "f:");
	if (accept & CLI_OUTPUT)
		strcat(shorts, "o:");
	optind = 0;
	while ((opt = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
		rc = take_option(opt, optarg, formats, n, a);
		if (rc == -1)
			rc = cli_common_option(ctx, opt, optarg, cmd);
		if (rc != 0)
			return rc;
	}
	a->args = argv + optind;
	a->n_args = argc - optind;
	return 0;
}

int cli_fhir_format(const cli_args *a, const char *const *formats)
{
	if (a->fhir_bundle < 0)
		return a->fmt;
	if (a->fmt != GRADUS_PLAN_FHIR) {
		cli_error("--fhir-bundle is for -f fhir, not %s", formats[a->fmt]);
		return -1;
	}
	return a->fhir_bundle ? GRADUS_PLAN_FHIR_TRANSACTION : GRADUS_PLAN_FHIR;
}

int cli_begin(cli_ctx *ctx, gradus_diags **d)
{
	int rc = cli_load_base(ctx);
	if (rc != 0)
		return rc;
	*d = gradus_diags_new();
	if (!*d) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	return 0;
}

/* --template FILE: checked and added to the set; returns its id in
 * *id, or an exit code. --template ID is passed on as it is. */
/* the same order as gradus_plan_format */
static const gradus_screen_format gated_formats[] = {
	GRADUS_SCREEN_TEXT, GRADUS_SCREEN_JSON, GRADUS_SCREEN_HTML,
	GRADUS_SCREEN_FHIR, GRADUS_SCREEN_ICS, GRADUS_SCREEN_FHIR_TRANSACTION};

/* Prints the screening result for a gated profile (and the referral sheet
 * for review and above) to stdout or -o FILE, in place of a plan. */
int cli_gated(const gradus_screening *s, const gradus_profile *p, int fmt,
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

int cli_template_option(cli_ctx *ctx, const char *arg, const char **id,
			   gradus_diags *d)
{
	size_t before;
	int rc;
	*id = arg;
	if (!arg || !(strchr(arg, '/') || strstr(arg, ".cfg")))
		return 0;
	before = gradus_templates_count(ctx->tpl);
	rc = gradus_templates_add_file(ctx->tpl, arg, ctx->cat, d);
	if (rc != GRADUS_OK)
		return cli_exit_for(rc);
	/* a new template comes last; one with a built-in id takes its place */
	for (size_t i = gradus_templates_count(ctx->tpl); i-- > 0;) {
		const gradus_template *t = gradus_templates_get(ctx->tpl, i);
		if (i >= before || (!t->builtin && strcmp(t->file, arg) == 0)) {
			*id = t->id;
			return 0;
		}
	}
	return EXIT_IO; /* not reached: the file was added */
}

int cli_make_plan(const cli_ctx *ctx, const char *path,
		  const gradus_plan_options *po, gradus_diags *d,
		  gradus_profile **p, gradus_screening **s, gradus_plan **plan)
{
	int rc = gradus_profile_load_file(p, path, ctx->cat, ctx->tpl, d);
	/* the gate first: a tier above precautions never gets a plan */
	if (rc == GRADUS_OK)
		rc = gradus_screen(s, *p, po->start, d);
	if (rc != GRADUS_OK)
		return cli_exit_for(rc);
	if ((*s)->tier > GRADUS_TIER_PRECAUTIONS)
		return gradus_tier_exit_code((*s)->tier);
	rc = gradus_plan_generate_reuse(plan, *p, *s, ctx->cat, ctx->tpl, po, d);
	return rc == GRADUS_OK ? 0 : cli_exit_for(rc);
}
