#include "util/cfg.h"
#include "util/text.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int setup(cfgfile *cf, const char *name, gradus_diags *d)
{
	memset(cf, 0, sizeof(*cf));
	cf->name = name;
	cf->d = d;
	config_init(&cf->cfg);
	cf->open = true;
	return 0;
}

static int syntax_error(cfgfile *cf)
{
	const char *file = config_error_file(&cf->cfg);
	const char *text = config_error_text(&cf->cfg);
	int line = config_error_line(&cf->cfg);
	const char *hint = "";

	if (text && strstr(text, "mismatched"))
		hint = " (all values in one [ ... ] list must be of one type:"
		       " write 2.0 rather than 2 next to decimals such as 2.5)";
	else if (text && strcmp(text, "syntax error") == 0)
		hint = " (check this line and the one before for a missing"
		       " '=', ',', quote or bracket)";
	gradus_diags_add(cf->d, GRADUS_SEV_ERROR, file ? file : cf->name,
			 line > 0 ? line : 1, "%s%s",
			 text ? text : "cannot parse the file", hint);
	cf->errors++;
	return GRADUS_EINVALID;
}

/* Is `p` at a comment (# or // to the end of the line, or slash-star)? */
static bool is_comment(const char *p)
{
	return *p == '#' || (*p == '/' && (p[1] == '/' || p[1] == '*'));
}

/* Past the comment at `p`, counting the lines it spans into *line. */
static const char *skip_comment(const char *p, int *line)
{
	const char *end;

	if (*p == '/' && p[1] == '*') {
		for (p += 2; *p && !(*p == '*' && p[1] == '/'); p++)
			if (*p == '\n')
				(*line)++;
		return *p ? p + 2 : p;
	}
	/* to the end of the line (strchr: many characters at a time) */
	end = strchr(p, '\n');
	return end ? end : p + strlen(p);
}

/* libconfig 1.5 silently wraps whole numbers beyond 32 bits that have no
 * L suffix (4294967371 reads as 75). Scan the text first and report
 * them; strings and comments are skipped. In strings, the escape \x00
 * is reported too: libconfig keeps it as a NUL byte, which silently cuts
 * the text short ("11\x002" would read as "11"). */
static int scan_big_numbers(cfgfile *cf, const char *text)
{
	/* the characters where something starts: the end, a line end, a
	 * string, a comment (# or /), a number; the rest is stepped over */
	static const unsigned char starts[256] = {
		['\0'] = 1, ['\n'] = 1, ['"'] = 1, ['#'] = 1, ['/'] = 1,
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
		['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1};
	const char *p = text;
	int line = 1, found = 0;

	while (*p) {
		if (!starts[(unsigned char)*p]) {
			p++;
		} else if (*p == '\n') {
			line++;
			p++;
		} else if (*p == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && (p[1] == 'x' || p[1] == 'X') &&
				    p[2] == '0' && p[3] == '0') {
					gradus_diags_add(cf->d, GRADUS_SEV_ERROR, cf->name, line,
							 "text must not contain \\x00 (a NUL byte)");
					cf->errors++;
					found++;
				}
				if (*p == '\\' && p[1])
					p++;
				else if (*p == '\n')
					line++;
			}
			if (*p)
				p++;
		} else if (is_comment(p)) {
			p = skip_comment(p, &line);
		} else if ((*p >= '0' && *p <= '9') &&
			   (p == text || !(p[-1] == '_' || p[-1] == '.' ||
					   (p[-1] >= 'a' && p[-1] <= 'z') ||
					   (p[-1] >= 'A' && p[-1] <= 'Z') ||
					   (p[-1] >= '0' && p[-1] <= '9')))) {
			const char *q = p;
			bool hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
			size_t digits = 0;
			if (hex)
				q += 2;
			while ((*q >= '0' && *q <= '9') ||
			       (hex && ((*q >= 'a' && *q <= 'f') || (*q >= 'A' && *q <= 'F')))) {
				q++;
				digits++;
			}
			bool is_float = !hex && (*q == '.' || *q == 'e' || *q == 'E');
			bool is_long = *q == 'L';
			if (!is_float && !is_long &&
			    ((hex && digits > 8) ||
			     (!hex && (digits > 10 ||
				       (digits == 10 && strncmp(p, "2147483647", 10) > 0))))) {
				gradus_diags_add(cf->d, GRADUS_SEV_ERROR, cf->name, line,
						 "the number %.*s is too large (whole numbers go up to 2147483647)",
						 (int)(q - p > 40 ? 40 : q - p), p);
				cf->errors++;
				found++;
			}
			p = q;
			while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' ||
			       *p == 'E' || *p == 'L' || *p == 'x' || *p == 'X' ||
			       ((*p == '+' || *p == '-') && (p[-1] == 'e' || p[-1] == 'E')))
				p++;
		} else
			p++;
	}
	return found;
}

static int count_lines(const char *text)
{
	int n = 1;
	size_t len = strlen(text);
	for (const char *p = text; *p; p++)
		if (*p == '\n')
			n++;
	if (len && text[len - 1] == '\n')
		n--;
	return n;
}

/* Files larger than this are refused before parsing (our choice: the
 * largest shipped file is well under 100 KiB). */
#define MAX_FILE_BYTES (8L * 1024 * 1024)
/* libconfig 1.5 follows @include this deep (its MAX_INCLUDE_DEPTH) */
#define INCLUDE_DEPTH 10
/* our limit on the files one parse may @include, counting repeats: ten
 * files each including the next one ten times would otherwise be read
 * ten billion times */
#define MAX_INCLUDES 100

static int check_includes(cfgfile *cf, const char *text, const char *name,
			  int depth, int *budget);

/* One @include target, followed the way libconfig follows it: the path
 * joined to the include folder when there is one. Returns 1 when an
 * error was reported, -1 when libconfig would stop here by itself
 * (no such file, nesting too deep), else 0. */
static int check_include(cfgfile *cf, const char *path, const char *name,
			 int line, int depth, int *budget)
{
	const char *dir = config_get_include_dir(&cf->cfg);
	struct stat st;
	char *full, *text = NULL;
	FILE *f;
	size_t n;
	int rc = 0, err;

	if (depth >= INCLUDE_DEPTH)
		return -1;
	if (--*budget < 0) {
		gradus_diags_add(cf->d, GRADUS_SEV_ERROR, name, line,
				 "too many @include files (at most %d in all)",
				 MAX_INCLUDES);
		return 1;
	}
	full = malloc((dir ? strlen(dir) + 1 : 0) + strlen(path) + 1);
	if (!full)
		return -1;
	sprintf(full, "%s%s%s", dir ? dir : "", dir ? "/" : "", path);
	if (stat(full, &st) != 0)
		rc = -1;
	else if (!S_ISREG(st.st_mode) || st.st_size > MAX_FILE_BYTES) {
		gradus_diags_add(cf->d, GRADUS_SEV_ERROR, name, line,
				 "cannot @include '%s': %s", path,
				 S_ISDIR(st.st_mode) ? "it is a folder, not a file"
				 : !S_ISREG(st.st_mode) ? "it is not a regular file"
				 : "it is too large to be a gradus file");
		rc = 1;
	} else if ((f = fopen(full, "rb")) == NULL)
		rc = -1;
	else {
		/* one byte more than stat gave, to notice a file that holds
		 * more than its size: a /proc file says 0 bytes and reads as
		 * more (the scan would see nothing, libconfig the rest), or
		 * fails (/proc/self/mem: libconfig's scanner exit()s) */
		text = malloc((size_t)st.st_size + 2);
		n = text ? fread(text, 1, (size_t)st.st_size + 1, f) : 0;
		err = ferror(f) ? errno : 0;
		fclose(f);
		if (text && err) {
			gradus_diags_add(cf->d, GRADUS_SEV_ERROR, name, line,
					 "cannot @include '%s': cannot read it: %s",
					 path, strerror(err));
			rc = 1;
		} else if (text && n != (size_t)st.st_size) {
			gradus_diags_add(cf->d, GRADUS_SEV_ERROR, name, line,
					 "cannot @include '%s': it does not hold the size it gives (a special file, or one being written)",
					 path);
			rc = 1;
		} else if (text && memchr(text, '\0', n)) {
			/* the scan below would stop at the NUL while libconfig
			 * reads on, to an @include it was never shown */
			gradus_diags_add(cf->d, GRADUS_SEV_ERROR, name, line,
					 "cannot @include '%s': it contains a NUL byte (not a text file)",
					 path);
			rc = 1;
		} else if (text) {
			text[n] = '\0';
			rc = check_includes(cf, text, path, depth + 1, budget);
		}
	}
	free(text);
	free(full);
	return rc;
}

/* libconfig 1.5 reads an @include'd file with flex, which calls exit(2)
 * when a read fails ("input in flex scanner failed"): an @include of a
 * folder ended the whole program, and a FIFO or a terminal would block.
 * So before parsing, every @include directive (a line starting with
 * @include "PATH", outside strings and comments, as libconfig's scanner
 * sees it) is checked to name a regular file, recursively, in libconfig's
 * order. Returns 1 when an error was reported, -1 when libconfig would
 * stop at an include, else 0. */
static int check_includes(cfgfile *cf, const char *text, const char *name,
			  int depth, int *budget)
{
	const char *p = text;
	int line = 1;
	bool line_start = true;

	while (*p) {
		if (line_start) {
			const char *q = p + strspn(p, " \t");
			line_start = false;
			if (strncmp(q, "@include", 8) == 0 && (q[8] == ' ' || q[8] == '\t') &&
			    q[8 + strspn(q + 8, " \t")] == '"') {
				size_t cap = strlen(q), k = 0;
				char *path = malloc(cap + 1);
				int at = line, rc;
				bool lone = false;
				if (!path)
					return -1;
				for (q += 8 + strspn(q + 8, " \t") + 1; *q && *q != '"'; q++) {
					if (*q == '\\' && (q[1] == '\\' || q[1] == '"'))
						q++;
					else if (*q == '\\')
						lone = true;
					else if (*q == '\n')
						line++;
					path[k++] = *q;
				}
				path[k] = '\0';
				/* libconfig drops a '\' that escapes nothing from the
				 * path and prints it on stdout (flex's default rule) */
				if (lone) {
					gradus_diags_add(cf->d, GRADUS_SEV_ERROR, name, at,
							 "in an @include path, write '\\' as '\\\\'");
					rc = 1;
				} else
					rc = *q ? check_include(cf, path, name, at, depth, budget) : -1;
				free(path);
				if (rc != 0)
					return rc;
				p = q + 1;
				continue;
			}
		}
		if (*p == '\n') {
			line++;
			line_start = true;
			p++;
		} else if (*p == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && p[1])
					p++;
				if (*p == '\n')
					line++;
			}
			if (*p)
				p++;
		} else if (is_comment(p)) {
			p = skip_comment(p, &line);
		} else
			p++;
	}
	return 0;
}

/* @include paths are relative to the including file's folder. */
static int set_include_dir(cfgfile *cf)
{
	const char *slash = strrchr(cf->name, '/');
	size_t dl;
	char *dir;

	if (!slash)
		return GRADUS_OK;
	dl = (size_t)(slash - cf->name);
	dir = malloc(dl + 2);
	if (!dir)
		return GRADUS_ENOMEM;
	memcpy(dir, cf->name, dl ? dl : 1);
	dir[dl ? dl : 1] = '\0';
	config_set_include_dir(&cf->cfg, dir);
	free(dir);
	return GRADUS_OK;
}

static int parse_text(cfgfile *cf, const char *text)
{
	int budget = MAX_INCLUDES;

	if (scan_big_numbers(cf, text))
		return GRADUS_EINVALID;
	/* no '@' at all: no @include to check, and no folder to give
	 * libconfig for one (the check and the folder cost more than the
	 * scan for it) */
	if (!strchr(text, '@'))
		;
	else if (cf->owned && set_include_dir(cf) != GRADUS_OK)
		return GRADUS_ENOMEM;
	else if (check_includes(cf, text, cf->name, 0, &budget) > 0) {
		cf->errors++;
		return GRADUS_EINVALID;
	}
	if (config_read_string(&cf->cfg, text) != CONFIG_TRUE) {
		/* libconfig can name the line after the last at end of file */
		if (!config_error_file(&cf->cfg) &&
		    config_error_line(&cf->cfg) > count_lines(text))
			cf->cfg.error_line = count_lines(text);
		return syntax_error(cf);
	}
	return GRADUS_OK;
}

/* The whole file into text (st_size + 2 bytes): one byte more than stat
 * gave is asked for, to notice a file that grew. Returns the bytes read,
 * or -1 with errno set. */
static long read_all(int fd, char *text, size_t size)
{
	size_t n = 0;

	while (n < size + 1) {
		ssize_t r = read(fd, text + n, size + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	return (long)n;
}

int cfg_open_file(cfgfile *cf, const char *path, gradus_diags *d)
{
	struct stat st;
	char *text;
	long n;
	int fd;

	setup(cf, path, d);
	if (stat(path, &st) != 0) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 0,
				 "cannot read the file: %s", strerror(errno));
		cf->errors++;
		return GRADUS_EIO;
	}
	if (S_ISDIR(st.st_mode)) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 0,
				 "is a folder, not a file");
		cf->errors++;
		return GRADUS_EIO;
	}
	if (!S_ISREG(st.st_mode)) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 0,
				 "is not a regular file");
		cf->errors++;
		return GRADUS_EIO;
	}
	if (st.st_size > MAX_FILE_BYTES) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 0,
				 "is too large to be a gradus file (%lld bytes; at most %ld)",
				 (long long)st.st_size, MAX_FILE_BYTES);
		cf->errors++;
		return GRADUS_EINVALID;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 0,
				 "cannot read the file: %s", strerror(errno));
		cf->errors++;
		return GRADUS_EIO;
	}
	text = malloc((size_t)st.st_size + 2);
	if (!text) {
		close(fd);
		return GRADUS_ENOMEM;
	}
	n = read_all(fd, text, (size_t)st.st_size);
	close(fd);
	if (n < 0 || n > (long)st.st_size) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 0,
				 n < 0 ? "cannot read the file" : "is too large to be a gradus file");
		cf->errors++;
		free(text);
		return n < 0 ? GRADUS_EIO : GRADUS_EINVALID;
	}
	text[n] = '\0';
	if (memchr(text, '\0', (size_t)n)) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 0,
				 "contains a NUL byte: not a text file");
		cf->errors++;
		free(text);
		return GRADUS_EINVALID;
	}
	cf->text = cf->owned = text;
	return parse_text(cf, text);
}

int cfg_open_string(cfgfile *cf, const char *name, const char *text,
		    gradus_diags *d)
{
	setup(cf, name, d);
	cf->text = text;
	return parse_text(cf, text);
}

void cfg_close(cfgfile *cf)
{
	if (cf->open)
		config_destroy(&cf->cfg);
	cf->open = false;
	free(cf->owned);
	cf->owned = NULL;
	cf->text = NULL;
}

cset *cfg_root(cfgfile *cf)
{
	return config_root_setting(&cf->cfg);
}

int cfg_line(cset *s)
{
	int line = s ? (int)config_setting_source_line(s) : 0;
	return line > 0 ? line : 1;
}

static void report(cfgfile *cf, gradus_severity sev, cset *at,
		   const char *fmt, va_list ap)
{
	char buf[1024];
	const char *file = at ? config_setting_source_file(at) : NULL;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	gradus_diags_add(cf->d, sev, file ? file : cf->name, cfg_line(at),
			 "%s", buf);
	if (sev == GRADUS_SEV_ERROR)
		cf->errors++;
}

void cfg_error(cfgfile *cf, cset *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(cf, GRADUS_SEV_ERROR, at, fmt, ap);
	va_end(ap);
}

void cfg_warning(cfgfile *cf, cset *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(cf, GRADUS_SEV_WARNING, at, fmt, ap);
	va_end(ap);
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[64];

	if (la >= COUNT(row) || lb >= COUNT(row))
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *cfg_closest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	size_t len = strlen(word);
	size_t limit = len <= 2 ? 0 : len <= 4 ? 1 : len <= 8 ? 2 : 3;

	/* "rest" for "rest_s": a word that starts a known name */
	if (len >= 3)
		for (size_t i = 0; i < n; i++)
			if (strncmp(names[i], word, len) == 0 && names[i][len] == '_')
				return names[i];
	for (size_t i = 0; i < n; i++) {
		size_t dist = edit_distance(word, names[i]);
		if (dist < best_d) {
			best_d = dist;
			best = names[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

/* s appended at buf[used], cut to fit n bytes as snprintf cuts;
 * returns the new length */
static size_t put(char *buf, size_t n, size_t used, const char *s)
{
	size_t len = strlen(s);

	if (used + 1 >= n)
		return used;
	if (len > n - 1 - used)
		len = n - 1 - used;
	memcpy(buf + used, s, len);
	buf[used + len] = '\0';
	return used + len;
}

const char *cfg_path(char *buf, size_t n, const char *where, const char *key)
{
	size_t used = 0;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (where && *where)
		used = put(buf, n, put(buf, n, 0, where), ".");
	put(buf, n, used, key);
	return buf;
}

void cfg_check_keys(cfgfile *cf, cset *group, const char *where,
		    const char *const *allowed)
{
	size_t n_allowed = 0, next = 0;
	int len;

	if (!group || !config_setting_is_group(group))
		return;
	while (allowed[n_allowed])
		n_allowed++;
	len = config_setting_length(group);
	for (int i = 0; i < len; i++) {
		cset *m = config_setting_get_elem(group, (unsigned)i);
		const char *name = config_setting_name(m);
		size_t j, k = 0;
		const char *hint;

		if (!name)
			continue;
		/* keys are mostly written in the order of `allowed`: look
		 * from the one after the last found */
		for (j = 0; j < n_allowed; j++) {
			k = next + j < n_allowed ? next + j : next + j - n_allowed;
			if (strcmp(name, allowed[k]) == 0)
				break;
		}
		if (j < n_allowed) {
			next = k + 1 < n_allowed ? k + 1 : 0;
			continue;
		}
		hint = cfg_closest(name, allowed, n_allowed);
		if (where && hint)
			cfg_error(cf, m, "unknown key '%s' in '%s'; did you mean '%s'?",
				  name, where, hint);
		else if (where)
			cfg_error(cf, m, "unknown key '%s' in '%s'", name, where);
		else if (hint)
			cfg_error(cf, m, "unknown key '%s'; did you mean '%s'?",
				  name, hint);
		else
			cfg_error(cf, m, "unknown key '%s'", name);
	}
}

static const char *type_words(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP: return "a group { ... }";
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64: return "a whole number";
	case CONFIG_TYPE_FLOAT: return "a decimal number";
	case CONFIG_TYPE_STRING: return "text in quotes";
	case CONFIG_TYPE_BOOL: return "true or false";
	case CONFIG_TYPE_ARRAY: return "a list [ ... ]";
	case CONFIG_TYPE_LIST: return "a list ( ... )";
	default: return "nothing";
	}
}

/* libconfig's own lookup (config_setting_get_member) compares names a
 * character at a time, with two strchr calls for each to stop at a path
 * separator: about 100 instructions a character, so a profile's lookups
 * cost more than parsing it. Names of members never hold a separator,
 * so strcmp finds the same member; and the loaders read members mostly
 * in the order they are written, and some twice (a value, then its
 * line), so the search starts at the last one found. */
cset *cfg_member(cfgfile *cf, cset *parent, const char *key)
{
	const config_list_t *list;
	unsigned n, start;

	if (!parent || !config_setting_is_group(parent))
		return NULL;
	/* the members as config_setting_get_elem reads them (libconfig.h
	 * declares the list), without a call for each */
	list = parent->value.list;
	n = list ? list->length : 0;
	start = cf && cf->hint_group == parent && cf->hint < n ? cf->hint : 0;
	for (unsigned k = 0; k < n; k++) {
		unsigned i = start + k < n ? start + k : start + k - n;
		cset *m = list->elements[i];
		const char *name = m->name;
		if (name && name[0] == key[0] && strcmp(name, key) == 0) {
			if (cf) {
				cf->hint_group = parent;
				cf->hint = i;
			}
			return m;
		}
	}
	return NULL;
}

bool cfg_has(cset *parent, const char *key)
{
	return cfg_member(NULL, parent, key) != NULL;
}

static cset *member(cfgfile *cf, cset *parent, const char *where,
		    const char *key, bool required)
{
	cset *s = cfg_member(cf, parent, key);
	char path[256];

	if (!s && required && parent)
		cfg_error(cf, parent, "'%s' is missing",
			  cfg_path(path, sizeof(path), where, key));
	return s;
}

/* The name of a value in diagnostics, "where.key" ("person.age", or
 * "key" at the top) or "where[i]" ("setup.days[2]") when key is NULL:
 * written out only when a diagnostic needs it. */
typedef struct {
	const char *where;
	const char *key;
	int i;
} vname;

/* In a value's checks: its name, written into their local `name`. */
#define NAME(v) vname_text(name, sizeof(name), (v))

static const char *elem_path(char *buf, size_t n, const char *where, int i);

static const char *vname_text(char *buf, size_t n, const vname *v)
{
	return v->key ? cfg_path(buf, n, v->where, v->key)
		      : elem_path(buf, n, v->where, v->i);
}

static void wrong_type(cfgfile *cf, cset *s, const char *what,
		       const char *want)
{
	cfg_error(cf, s, "'%s' must be %s, not %s", what, want,
		  type_words(config_setting_type(s)));
}

cset *cfg_group(cfgfile *cf, cset *parent, const char *where,
		const char *key, bool required)
{
	char path[256];
	cset *s = member(cf, parent, where, key, required);
	if (!s)
		return NULL;
	if (!config_setting_is_group(s)) {
		wrong_type(cf, s, cfg_path(path, sizeof(path), where, key),
			   "a group { ... }");
		return NULL;
	}
	return s;
}

cset *cfg_list(cfgfile *cf, cset *parent, const char *where, const char *key,
	       bool required)
{
	char path[256];
	cset *s = member(cf, parent, where, key, required);
	if (!s)
		return NULL;
	if (!config_setting_is_aggregate(s) || config_setting_is_group(s)) {
		wrong_type(cf, s, cfg_path(path, sizeof(path), where, key),
			   "a list [ ... ]");
		return NULL;
	}
	return s;
}

static bool int_value(cfgfile *cf, cset *s, const vname *vn, long min,
		      long max, int *out)
{
	char name[256];
	long long v;
	int t = config_setting_type(s);

	if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) {
		wrong_type(cf, s, NAME(vn), "a whole number");
		return false;
	}
	v = config_setting_get_int64(s);
	if (v < min || v > max) {
		if (min == max)
			cfg_error(cf, s, "'%s' must be %ld (found %lld)", NAME(vn), min, v);
		else
			cfg_error(cf, s, "'%s' must be from %ld to %ld (found %lld)",
				  NAME(vn), min, max, v);
		return false;
	}
	*out = (int)v;
	return true;
}

static bool float_value(cfgfile *cf, cset *s, const vname *vn, double min,
			double max, double *out)
{
	char name[256];
	double v;
	int t = config_setting_type(s);

	if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64)
		v = (double)config_setting_get_int64(s);
	else if (t == CONFIG_TYPE_FLOAT)
		v = config_setting_get_float(s);
	else {
		wrong_type(cf, s, NAME(vn), "a number");
		return false;
	}
	if (!isfinite(v)) {
		cfg_error(cf, s, "'%s' must be a finite number", NAME(vn));
		return false;
	}
	if (v < min || v > max) {
		cfg_error(cf, s, "'%s' must be from %g to %g (found %g)", NAME(vn),
			  min, max, v);
		return false;
	}
	*out = v;
	return true;
}

/* The code point of a valid UTF-8 sequence of n bytes. */
static unsigned long code_point(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long cp = u[0] & (n == 2 ? 0x1fu : n == 3 ? 0x0fu : 0x07u);
	for (size_t i = 1; i < n; i++)
		cp = (cp << 6) | (u[i] & 0x3fu);
	return cp;
}

/* Characters that are valid UTF-8 but must not reach a page or a
 * terminal: C1 controls (U+009B is a terminal escape), the line and
 * paragraph separators, and the controls that change the direction of
 * text (U+202E prints what follows backwards). */
static const char *code_point_problem(unsigned long cp)
{
	if (cp >= 0x80 && cp <= 0x9f)
		return "contains a control character";
	if (cp == 0x2028 || cp == 0x2029)
		return "contains a line or paragraph separator (write one line)";
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return "contains a text-direction control (it can reverse or hide what is printed)";
	return NULL;
}

/* Valid UTF-8 (strict: utf8_valid_len rejects overlong forms,
 * surrogates and code points beyond U+10FFFF) with no control
 * characters. */
static const char *text_problem(const char *s, size_t max_len)
{
	size_t len = strlen(s);

	if (len == 0)
		return "must not be empty";
	if (len > max_len)
		return "is too long";
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t n;
		if (c < 0x20 || c == 0x7f)
			return "contains a control character";
		n = utf8_valid_len(s + i, len - i);
		if (n == 0)
			return "is not valid UTF-8 text";
		if (n > 1) {
			const char *why = code_point_problem(code_point(s + i, n));
			if (why)
				return why;
		}
		i += n;
	}
	return NULL;
}

static bool string_value(cfgfile *cf, cset *s, const vname *vn,
			 size_t max_len, arena *a, const char **out)
{
	char name[256];
	const char *v, *problem;

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		wrong_type(cf, s, NAME(vn), "text in quotes");
		return false;
	}
	v = config_setting_get_string(s);
	problem = text_problem(v, max_len);
	if (problem) {
		if (strcmp(problem, "is too long") == 0)
			cfg_error(cf, s, "'%s' is too long (at most %zu bytes)",
				  NAME(vn), max_len);
		else
			cfg_error(cf, s, "'%s' %s", NAME(vn), problem);
		return false;
	}
	*out = arena_strdup(a, v);
	return *out != NULL;
}

static void list_words(char *buf, size_t n, const char *const *names,
		       size_t count)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < count && used < n; i++) {
		int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "",
				 names[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static bool word_value(cfgfile *cf, cset *s, const vname *vn,
		       const char *const *names, size_t n, int *out)
{
	char name[256];
	const char *v, *hint;
	char all[600];

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		wrong_type(cf, s, NAME(vn), "a word in quotes");
		return false;
	}
	v = config_setting_get_string(s);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, names[i]) == 0) {
			*out = (int)i;
			return true;
		}
	hint = cfg_closest(v, names, n);
	list_words(all, sizeof(all), names, n);
	if (hint)
		cfg_error(cf, s, "'%s' is '%s'; did you mean '%s'? (one of: %s)",
			  NAME(vn), v, hint, all);
	else if (strlen(v) > 40)
		cfg_error(cf, s, "'%s' must be one of: %s", NAME(vn), all);
	else
		cfg_error(cf, s, "'%s' is '%s', which is not one of: %s",
			  NAME(vn), v, all);
	return false;
}

bool cfg_int(cfgfile *cf, cset *parent, const char *where, const char *key,
	     bool required, long min, long max, int *out)
{
	vname v = {where, key, 0};
	cset *s = member(cf, parent, where, key, required);
	return s && int_value(cf, s, &v, min, max, out);
}

bool cfg_float(cfgfile *cf, cset *parent, const char *where, const char *key,
	       bool required, double min, double max, double *out)
{
	vname v = {where, key, 0};
	cset *s = member(cf, parent, where, key, required);
	return s && float_value(cf, s, &v, min, max, out);
}

bool cfg_bool(cfgfile *cf, cset *parent, const char *where, const char *key,
	      bool required, bool *out)
{
	char path[256];
	cset *s = member(cf, parent, where, key, required);
	if (!s)
		return false;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		wrong_type(cf, s, cfg_path(path, sizeof(path), where, key),
			   "true or false");
		return false;
	}
	*out = config_setting_get_bool(s) != 0;
	return true;
}

bool cfg_string(cfgfile *cf, cset *parent, const char *where,
		const char *key, bool required, size_t max_len, arena *a,
		const char **out)
{
	vname v = {where, key, 0};
	cset *s = member(cf, parent, where, key, required);
	return s && string_value(cf, s, &v, max_len, a, out);
}

bool cfg_word(cfgfile *cf, cset *parent, const char *where, const char *key,
	      bool required, const char *const *names, size_t n, int *out)
{
	vname v = {where, key, 0};
	cset *s = member(cf, parent, where, key, required);
	return s && word_value(cf, s, &v, names, n, out);
}

static const char *elem_path(char *buf, size_t n, const char *where, int i)
{
	snprintf(buf, n, "%s[%d]", where, i);
	return buf;
}

bool cfg_elem_string(cfgfile *cf, cset *arr, const char *where, int i,
		     size_t max_len, arena *a, const char **out)
{
	vname v = {where, NULL, i};
	cset *s = config_setting_get_elem(arr, (unsigned)i);
	return s && string_value(cf, s, &v, max_len, a, out);
}

bool cfg_elem_word(cfgfile *cf, cset *arr, const char *where, int i,
		   const char *const *names, size_t n, int *out)
{
	vname v = {where, NULL, i};
	cset *s = config_setting_get_elem(arr, (unsigned)i);
	return s && word_value(cf, s, &v, names, n, out);
}

unsigned cfg_word_bits(cfgfile *cf, cset *parent, const char *where,
		       const char *key, const char *const *names, size_t n,
		       const unsigned *bits, const char *empty)
{
	char path[256];
	cset *l = cfg_list(cf, parent, where, key, true);
	unsigned out = 0;
	int len;

	if (!l)
		return 0;
	cfg_path(path, sizeof(path), where, key);
	len = config_setting_length(l);
	if (len == 0)
		cfg_error(cf, l, "'%s' %s", path, empty);
	for (int i = 0; i < len; i++) {
		int w;
		if (cfg_elem_word(cf, l, path, i, names, n, &w))
			out |= bits ? bits[w] : 1u << w;
	}
	return out;
}

bool cfg_elem_float(cfgfile *cf, cset *arr, const char *where, int i,
		    double min, double max, double *out)
{
	vname v = {where, NULL, i};
	cset *s = config_setting_get_elem(arr, (unsigned)i);
	return s && float_value(cf, s, &v, min, max, out);
}

bool cfg_elem_int(cfgfile *cf, cset *arr, const char *where, int i, long min,
		  long max, int *out)
{
	vname v = {where, NULL, i};
	cset *s = config_setting_get_elem(arr, (unsigned)i);
	return s && int_value(cf, s, &v, min, max, out);
}

bool cfg_string_list(cfgfile *cf, cset *parent, const char *where,
		     const char *key, bool required, size_t min_n,
		     size_t max_n, size_t max_len, arena *a,
		     const char *const **out, size_t *out_n)
{
	char path[256];
	cset *l = cfg_list(cf, parent, where, key, required);
	const char **items;
	size_t n, k = 0;
	bool ok = true;

	*out = NULL;
	*out_n = 0;
	if (!l)
		return false;
	cfg_path(path, sizeof(path), where, key);
	n = (size_t)config_setting_length(l);
	if (n < min_n || n > max_n) {
		if (min_n == max_n)
			cfg_error(cf, l, "'%s' must have %zu entries (found %zu)",
				  path, min_n, n);
		else
			cfg_error(cf, l,
				  "'%s' must have from %zu to %zu entries (found %zu)",
				  path, min_n, max_n, n);
		return false;
	}
	items = arena_alloc(a, (n ? n : 1) * sizeof(*items));
	if (!items)
		return false;
	for (size_t i = 0; i < n; i++) {
		const char *v;
		if (cfg_elem_string(cf, l, path, (int)i, max_len, a, &v))
			items[k++] = v;
		else
			ok = false;
	}
	*out = items;
	*out_n = k;
	return ok;
}
