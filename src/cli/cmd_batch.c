/* gradus batch: many profiles, one JSON object per line (JSON Lines).
 *
 * The catalogue and templates are loaded once; then each profile goes
 * through the same steps as `gradus plan -f json` (load, screen, generate,
 * render) and everything made for it is freed before the next one, but
 * for the plan's memory: the next plan is made in it (its arena reset,
 * not freed: gradus_plan_generate_reuse). So memory does not grow with
 * the number of profiles. Each line is made in
 * one buffer kept for the whole run: its head written there with the
 * library's JSON writer (which escapes as cJSON does), then the library
 * prints the plan (or screening result) after it without layout
 * (gradus_plan_render_compact), so the document is printed once and
 * never copied or minified.
 *
 * Each line is written whole with write(2) as soon as it is made (no
 * stdio buffer that a kill could cut in the middle of a line), and
 * SIGTERM, SIGINT and SIGHUP stop the run between two profiles: the line
 * being written is finished, then the signal ends the process as it would
 * have (docs/hazards.md, "Output files"). */
#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "render/jsonw.h"
#include "util/text.h"

#define BAR_WIDTH 20

/* A progress line on stderr, drawn only when stderr is a terminal. */
typedef struct {
	bool on;
	size_t done, total;      /* total 0: not known (list on stdin) */
	size_t drawn_at;         /* `done` when last drawn */
	int width;               /* characters on the line now, 0 when clear */
} progress;

static void progress_draw(progress *pg)
{
	char line[96];
	int n;

	if (!pg->on)
		return;
	if (pg->width > 0) {
		/* redraw about a thousand times in all, or every 100 */
		size_t step = pg->total ? pg->total / 1000 + 1 : 100;
		if (pg->done - pg->drawn_at < step && pg->done != pg->total)
			return;
	}
	if (pg->total) {
		char bar[BAR_WIDTH + 1];
		size_t fill = pg->done * BAR_WIDTH / pg->total;
		for (size_t i = 0; i < BAR_WIDTH; i++)
			bar[i] = i < fill ? '#' : ' ';
		bar[BAR_WIDTH] = '\0';
		n = snprintf(line, sizeof(line), "\r[%s] %zu/%zu", bar, pg->done,
			     pg->total);
	} else {
		n = snprintf(line, sizeof(line), "\r%zu profiles", pg->done);
	}
	fputs(line, stderr);
	fflush(stderr);
	pg->width = n - 1;
	pg->drawn_at = pg->done;
}

/* Clears the progress line so that diagnostics start on a clean line. */
static void progress_clear(progress *pg)
{
	if (!pg->on || pg->width == 0)
		return;
	fprintf(stderr, "\r%*s\r", pg->width, "");
	pg->width = 0;
}

/* JSON strings must be UTF-8: a file name or message that is not gets
 * U+FFFD in place of each byte that does not belong to a valid sequence.
 * Returns `s` itself when it is valid, else a malloc'd copy, also put in
 * *tmp for the caller to free. */
static const char *utf8_clean(const char *s, char **tmp)
{
	size_t len = strlen(s), i = 0, o = 0, k;
	char *out;

	*tmp = NULL;
	while (i < len && (k = utf8_valid_len(s + i, len - i)) > 0)
		i += k;
	if (i == len)
		return s;
	out = malloc(len * 3 + 1);
	if (!out)
		return "?";
	for (i = 0; i < len;) {
		k = utf8_valid_len(s + i, len - i);
		if (k > 0) {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		} else {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i++;
		}
	}
	out[o] = '\0';
	*tmp = out;
	return out;
}

static bool add_string(cJSON *o, const char *key, const char *value)
{
	char *tmp;
	bool ok = cJSON_AddStringToObject(o, key, utf8_clean(value, &tmp)) != NULL;
	free(tmp);
	return ok;
}

/* The errors of one profile as "FILE:LINE: error: message" (the form
 * gradus_diags_print writes). */
static bool add_errors(cJSON *o, const gradus_diags *d)
{
	cJSON *a = cJSON_AddArrayToObject(o, "errors");
	size_t n = gradus_diags_count(d);
	char *line = NULL;
	size_t cap = 0;
	bool ok = a != NULL;

	for (size_t i = 0; ok && i < n; i++) {
		const gradus_diag *g = gradus_diags_get(d, i);
		size_t need;
		char *tmp;
		cJSON *s;
		if (g->severity != GRADUS_SEV_ERROR)
			continue;
		need = strlen(g->file) + strlen(g->message) + 40;
		if (need > cap) {
			char *bigger = realloc(line, need);
			if (!bigger) {
				ok = false;
				break;
			}
			line = bigger;
			cap = need;
		}
		if (g->file[0] && g->line > 0)
			snprintf(line, cap, "%s:%d: error: %s", g->file, g->line,
				 g->message);
		else if (g->file[0])
			snprintf(line, cap, "%s: error: %s", g->file, g->message);
		else
			snprintf(line, cap, "error: %s", g->message);
		s = cJSON_CreateString(utf8_clean(line, &tmp));
		free(tmp);
		ok = s && cJSON_AddItemToArray(a, s);
		if (!ok)
			cJSON_Delete(s);
	}
	free(line);
	return ok;
}

/* What became of a profile, from the exit code `gradus plan` would
 * give: 0 plan, 1 gated (10-14), 2 invalid (3, or 2: no start date),
 * 3 io_error (1: unreadable, or out of memory). */
static const char *const status_names[] = {"plan", "gated", "invalid",
					   "io_error"};

static int status_index(int code)
{
	if (code == EXIT_PLAN)
		return 0;
	if (code >= EXIT_INCOMPLETE && code <= EXIT_EMERGENCY)
		return 1;
	if (code == EXIT_IO)
		return 3;
	return 2;
}

/* One whole line (its newline included) on stdout: 0, or errno. */
static int write_line(const char *line, size_t n)
{
	if (cli_write_fd(STDOUT_FILENO, line, n) != 0)
		return errno ? errno : EIO;
	return 0;
}

/* The one buffer every line is made in, kept from one profile to the
 * next (grown when a line does not fit, never shrunk). */
typedef struct {
	char *ptr;
	size_t cap;
} line_buf;

/* Makes room for `n` more bytes after `len`; false when out of memory. */
static bool line_room(line_buf *lb, size_t len, size_t n)
{
	char *bigger;
	size_t want;
	if (len + n <= lb->cap)
		return true;
	want = lb->cap ? lb->cap : 64 * 1024;
	while (want < len + n)
		want *= 2;
	if (!(bigger = realloc(lb->ptr, want)))
		return false;
	lb->ptr = bigger;
	lb->cap = want;
	return true;
}

/* The head of a document's line, {"file":F,"status":S,"exit_code":N,"KEY":
 * at the start of `lb`: the bytes cJSON prints for them (the file name
 * escaped by the library's writer, which escapes as cJSON does). Its
 * length; 0 when out of memory. */
static size_t document_head(line_buf *lb, const char *path, int code,
			    const char *key)
{
	const char *status = status_names[status_index(code)];
	size_t n = strlen(path), e = jw_escaped_len(path, n);
	size_t ns = strlen(status), nk = strlen(key);
	char *o;

	if (!line_room(lb, 0, e + ns + nk + 64))
		return 0;
	o = JW_PUT(lb->ptr, "{\"file\":");
	o = jw_put_str(o, path, n, e);
	o = JW_PUT(o, ",\"status\":\"");
	memcpy(o, status, ns);
	o = JW_PUT(o + ns, "\",\"exit_code\":");
	o = jw_put_long(o, code);
	o = JW_PUT(o, ",\"");
	memcpy(o, key, nk);
	o = JW_PUT(o + nk, "\":");
	return (size_t)(o - lb->ptr);
}

/* The line of a plan or screening result, made in `lb`:
 * {"file":...,"status":...,"exit_code":N,"KEY":DOCUMENT} and a newline,
 * the document printed by the library straight into the line, without
 * layout. *n is the line's length; false when out of memory. */
static bool document_line(line_buf *lb, const char *path, int code,
			  const char *key, const gradus_plan *plan,
			  const gradus_screening *s, size_t *n)
{
	size_t len = document_head(lb, path, code, key), doc = 0;
	if (!len)
		return false;
	if ((plan ? gradus_plan_render_compact(&lb->ptr, &lb->cap, len, &doc, plan)
		  : gradus_screening_render_compact(&lb->ptr, &lb->cap, len, &doc, s)) != GRADUS_OK)
		return false;
	len += doc;
	if (!line_room(lb, len, 3))
		return false;
	memcpy(lb->ptr + len, "}\n", 3);
	*n = len + 2;
	return true;
}

/* The line of a profile that has no document: its errors. */
static bool errors_line(line_buf *lb, cJSON *head, const gradus_diags *d,
			size_t *n)
{
	char *line;
	size_t len;
	if (!add_errors(head, d) || !(line = cJSON_PrintUnformatted(head)))
		return false;
	len = strlen(line);
	if (!line_room(lb, 0, len + 2)) {
		cJSON_free(line);
		return false;
	}
	memcpy(lb->ptr, line, len);
	memcpy(lb->ptr + len, "\n", 2);
	*n = len + 1;
	cJSON_free(line);
	return true;
}

/* {"file":...,"status":...,"exit_code":N}; NULL when out of memory. */
static cJSON *head_json(const char *path, int code)
{
	cJSON *o = cJSON_CreateObject();
	if (o && add_string(o, "file", path) &&
	    add_string(o, "status", status_names[status_index(code)]) &&
	    cJSON_AddNumberToObject(o, "exit_code", code))
		return o;
	cJSON_Delete(o);
	return NULL;
}

/* Plans one profile and writes its line, made in `lb`; the plan is made
 * in the memory of *spare (NULL, or the plan of a profile before), and
 * left there for the next one. Returns the exit code `gradus plan -f
 * json` would give for it; *write_err is set (to errno) when stdout
 * cannot be written. */
static int batch_one(const cli_ctx *ctx, const char *path,
		     const gradus_plan_options *po, gradus_diags *d,
		     line_buf *lb, gradus_plan **spare, progress *pg,
		     int *write_err)
{
	static const char oom_line[] =
		"{\"status\":\"io_error\",\"exit_code\":1,\"errors\":[\"out of memory\"]}\n";
	gradus_profile *p = NULL;
	gradus_screening *s = NULL;
	gradus_plan *plan = *spare;
	const char *key = NULL;
	cJSON *head = NULL;
	size_t n = 0;
	bool ok;
	int code;

	gradus_diags_clear(d);
	code = cli_make_plan(ctx, path, po, d, &p, &s, &plan);
	if (code >= EXIT_INCOMPLETE && s)
		key = "screening";
	else if (code == EXIT_PLAN)
		key = "plan";
	if (key)
		ok = document_line(lb, path, code, key, key[0] == 'p' ? plan : NULL, s, &n);
	else
		ok = (head = head_json(path, code)) && errors_line(lb, head, d, &n);
	if (!ok && key) {
		/* the document did not fit in memory: an io_error line */
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 0, "out of memory");
		code = EXIT_IO;
		cJSON_Delete(head);
		head = head_json(path, code);
		ok = head && errors_line(lb, head, d, &n);
	}
	/* out of memory: still one line per profile */
	*write_err = ok ? write_line(lb->ptr, n)
			: write_line(oom_line, sizeof(oom_line) - 1);
	if (!ok)
		code = EXIT_IO;
	if (gradus_diags_count(d) > 0) {
		progress_clear(pg);
		cli_print_diags(d);
	}
	cJSON_Delete(head);
	*spare = plan;
	gradus_screening_free(s);
	gradus_profile_free(p);
	return code;
}

/* -f for batch: JSON Lines only. 0, or EXIT_USAGE after saying why. */
static int batch_format(const char *word)
{
	if (!word || strcmp(word, "json") == 0)
		return 0;
	if (strcmp(word, "text") == 0 || strcmp(word, "html") == 0 ||
	    strcmp(word, "fhir") == 0 || strcmp(word, "ics") == 0)
		cli_error("batch writes JSON Lines only (-f json): one object per profile, "
			  "one per line; for %s use 'gradus plan PROFILE -f %s'",
			  word, word);
	else
		cli_error("unknown format '%s' (batch writes JSON Lines only: -f json)",
			  word);
	return EXIT_USAGE;
}

/* The signal that asks the run to stop (SIGTERM, SIGINT, SIGHUP), or 0;
 * checked between two profiles. While the list of profiles is read from
 * stdin, no line is half written, and a read may wait for ever: the
 * signal then ends the process at once, as it would have. */
static volatile sig_atomic_t stop_signal, reading_list;

static void on_stop(int sig)
{
	stop_signal = sig;
	if (reading_list) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

static void catch_stop_signals(void)
{
	static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	/* writes and reads go on after the handler; the loop checks */
	sa.sa_flags = SA_RESTART;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		/* a signal ignored by whoever started us (nohup, a
		 * background job) stays ignored */
		if (sigaction(sigs[i], &sa, &old) == 0 && old.sa_handler == SIG_IGN)
			sigaction(sigs[i], &old, NULL);
}

/* The next path of the list on stdin, without its line end; NULL at the
 * end of the list (or when a stop was asked for). */
static const char *next_from_stdin(char **path, size_t *cap)
{
	ssize_t n;
	do {
		reading_list = 1;
		n = stop_signal ? -1 : getline(path, cap, stdin);
		reading_list = 0;
		if (n < 0)
			return NULL;
		while (n > 0 && ((*path)[n - 1] == '\n' || (*path)[n - 1] == '\r'))
			(*path)[--n] = '\0';
	} while (n == 0);
	return *path;
}

/* After a stop signal: says so, then ends the process by the signal (its
 * default action), as if it had come in the middle of the run. */
static int stopped(progress *pg)
{
	int sig = stop_signal;
	cli_error("stopped by signal %d (%s) after %zu profiles; each line written is whole",
		  sig, sig == SIGINT ? "SIGINT" : sig == SIGHUP ? "SIGHUP" : "SIGTERM",
		  pg->done);
	signal(sig, SIG_DFL);
	raise(sig);
	return 128 + sig;
}

int cmd_batch(int argc, char **argv, cli_ctx *ctx)
{
	cli_args a;
	gradus_plan_options po;
	progress pg = {false, 0, 0, 0, 0};
	/* profiles by status: plan, gated, invalid, io_error */
	size_t count[4] = {0, 0, 0, 0};
	bool from_stdin, read_failed = false;
	int write_err = 0;
	gradus_diags *d = NULL;
	line_buf lb = {NULL, 0};
	/* the plan of the last profile planned: the next plan is made in
	 * its memory (its arena reset, not freed) */
	gradus_plan *spare = NULL;
	char *path = NULL;
	size_t cap = 0;
	int rc;

#ifdef __GLIBC__
	/* Each profile's cJSON tree and plan are malloc'd and freed.
	 * glibc raises its mmap threshold each time such a block is freed,
	 * so later ones land on the heap and fragment it: memory then grows
	 * with the number of profiles. A fixed threshold keeps big blocks
	 * mmapped and returned whole (tests/batch_memory.sh). */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif

	rc = cli_parse(ctx, argc, argv, "batch", CLI_FORMAT | CLI_WEEKS | CLI_START,
		       NULL, 0, &a);
	if (rc == 0)
		rc = batch_format(a.fmt_word);
	if (rc != 0)
		return rc;
	memset(&po, 0, sizeof(po)); /* a new plan, the profile's own dates */
	po.weeks = a.weeks;
	po.start = a.start;
	from_stdin = a.n_args == 0 ||
		     (a.n_args == 1 && strcmp(a.args[0], "-") == 0);
	if (!from_stdin)
		for (int i = 0; i < a.n_args; i++)
			if (strcmp(a.args[i], "-") == 0) {
				cli_error("'-' (read the list of profiles from stdin) must be the only PROFILE");
				return EXIT_USAGE;
			}
	if ((rc = cli_begin(ctx, &d)) != 0)
		return rc;
	pg.on = isatty(STDERR_FILENO) == 1;
	pg.total = from_stdin ? 0 : (size_t)a.n_args;

	catch_stop_signals();
	for (int i = 0; !write_err && !stop_signal; i++) {
		const char *file;
		int code;
		if (from_stdin)
			file = next_from_stdin(&path, &cap);
		else
			file = i < a.n_args ? a.args[i] : NULL;
		if (!file)
			break;
		code = batch_one(ctx, file, &po, d, &lb, &spare, &pg, &write_err);
		count[status_index(code)]++;
		pg.done++;
		progress_draw(&pg);
	}
	if (from_stdin && ferror(stdin) && !stop_signal) {
		progress_clear(&pg);
		cli_error("cannot read the list of profiles: %s", strerror(errno));
		read_failed = true;
	}
	if (pg.on) {
		/* the bar stays, with what came of it (terminal only) */
		if (pg.width > 0)
			fputc('\n', stderr);
		fprintf(stderr, "gradus: %zu profiles: plan %zu, gated %zu, invalid %zu, unreadable %zu\n",
			pg.done, count[0], count[1], count[2], count[3]);
	}
	if (write_err)
		cli_stdout_failed(write_err);
	free(path);
	free(lb.ptr);
	gradus_plan_free(spare);
	gradus_diags_free(d);
	if (stop_signal && !write_err)
		return stopped(&pg);
	if (count[3] > 0 || read_failed || write_err)
		return EXIT_IO;
	return count[2] > 0 ? EXIT_INVALID : EXIT_PLAN;
}
