#include "gradus/check.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/cfg.h"
#include "gradus/log.h"
#include "gradus/profile.h"
#include "util/util.h"
#include "load/load.h"

/* A file or folder by what it is, not by the name it was reached by. */
typedef struct {
	dev_t dev;
	ino_t ino;
} file_id;

typedef struct {
	char **v;
	gradus_file_kind *kind;
	size_t n, cap;
	file_id *seen; /* every folder and file listed so far */
	size_t n_seen, cap_seen;
} pathlist;

/* Has `st` been listed already? If not, remembers it. 1: seen before,
 * 0: new, -1: out of memory. Links and ./.. loops reach the same folder
 * under endless names; each folder and file is visited once. */
static int seen_before(pathlist *l, const struct stat *st)
{
	for (size_t i = 0; i < l->n_seen; i++)
		if (l->seen[i].dev == st->st_dev && l->seen[i].ino == st->st_ino)
			return 1;
	if (l->n_seen == l->cap_seen) {
		size_t cap = l->cap_seen ? l->cap_seen * 2 : 32;
		file_id *v = realloc(l->seen, cap * sizeof(*v));
		if (!v)
			return -1;
		l->seen = v;
		l->cap_seen = cap;
	}
	l->seen[l->n_seen].dev = st->st_dev;
	l->seen[l->n_seen].ino = st->st_ino;
	l->n_seen++;
	return 0;
}

static int add_path(pathlist *l, const char *p)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		char **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n] = malloc(strlen(p) + 1);
	if (!l->v[l->n])
		return -1;
	strcpy(l->v[l->n], p);
	l->n++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Folders: every *.cfg below, in name order, sub-folders included. */
static int expand(pathlist *l, const char *path, int depth, gradus_diags *d,
		  int *io_errors)
{
	struct stat st;
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (stat(path, &st) != 0) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 0,
				 "cannot read: %s", strerror(errno));
		(*io_errors)++;
		return 0;
	}
	switch (seen_before(l, &st)) {
	case 1: return 0;
	case -1: return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return add_path(l, path);
	if (depth > 8)
		return 0;
	dp = opendir(path);
	if (!dp) {
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 0,
				 "cannot read the folder: %s", strerror(errno));
		(*io_errors)++;
		return 0;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		char *full;
		struct stat cs;
		if (de->d_name[0] == '.')
			continue;
		full = malloc(strlen(path) + len + 2);
		if (!full)
			break;
		sprintf(full, "%s%s%s", path,
			path[strlen(path) - 1] == '/' ? "" : "/", de->d_name);
		if (stat(full, &cs) == 0 &&
		    (S_ISDIR(cs.st_mode) ||
		     (len > 4 && strcmp(de->d_name + len - 4, ".cfg") == 0))) {
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 16;
				char **nn = realloc(names, nc * sizeof(*nn));
				if (!nn) {
					free(full);
					break;
				}
				names = nn;
				cap = nc;
			}
			names[n++] = full;
		} else
			free(full);
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++)
		expand(l, names[i], depth + 1, d, io_errors);
	free_names(names, n);
	return 0;
}

/* What a parsed file is, from its top-level keys; GRADUS_FILE_UNKNOWN
 * (and *rc GRADUS_EINVALID, with a diagnostic) when it is none. */
static gradus_file_kind kind_of(cfgfile *cf, const char *path,
				gradus_diags *d, int *rc)
{
	cset *root = cfg_root(cf);

	if (cfg_has(root, "exercises"))
		return GRADUS_FILE_CATALOGUE;
	if (cfg_has(root, "template"))
		return GRADUS_FILE_TEMPLATE;
	if (cfg_has(root, "person"))
		return GRADUS_FILE_PROFILE;
	if (cfg_has(root, "sessions"))
		return GRADUS_FILE_LOG;
	if (config_setting_length(root) == 0)
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 1,
				 "the file is empty (it has no settings)");
	else
		gradus_diags_add(d, GRADUS_SEV_ERROR, path, 1,
				 "cannot tell what kind of file this is: a catalogue has 'exercises', a template 'template', a profile 'person', a log 'sessions'");
	*rc = GRADUS_EINVALID;
	return GRADUS_FILE_UNKNOWN;
}

/* Blanks still empty are not errors: a note for each group of them
 * (an exercise, or a session or check-in with nothing filled in). */
static void blank_notes(const gradus_log *log, gradus_diags *d,
			size_t *blanks)
{
	for (size_t i = 0; i < log->n_blanks; i++) {
		const gradus_log_blank *b = &log->blanks[i];
		if (b->keys)
			gradus_diags_add(d, GRADUS_SEV_NOTE, log->file, b->line,
					 "'%s': still blank: %s", b->where, b->keys);
		else
			gradus_diags_add(d, GRADUS_SEV_NOTE, log->file, b->line,
					 "'%s': nothing filled in yet (%d blank%s): not counted until it is",
					 b->where, b->n, b->n == 1 ? "" : "s");
	}
	*blanks += log->n_blank_values;
}

/* After a profile was loaded (rc): its dates against setup.start, when
 * it is given (screening checks them against --start too). Frees it;
 * true when it has no error. */
static bool profile_checked(gradus_profile *p, int rc, gradus_diags *d)
{
	bool ok = rc == GRADUS_OK &&
		  !(gradus_date_is_set(p->start) &&
		    gradus_profile_check_dates(p, p->start, d) > 0);
	gradus_profile_free(p);
	return ok;
}

/* After a log was loaded (rc): the notes on its blanks. Frees it; true
 * when it has no error. */
static bool log_checked(gradus_log *log, int rc, gradus_diags *d,
			size_t *blanks)
{
	if (rc == GRADUS_OK)
		blank_notes(log, d, blanks);
	gradus_log_free(log);
	return rc == GRADUS_OK;
}

/* Profiles and logs loaded from the parse that told what they are,
 * with the base catalogue and templates: what the last pass of
 * gradus_check_paths would find when the files checked hold no
 * catalogue or template of their own, without parsing each file again.
 * Their diagnostics are kept aside, to follow those of the first pass
 * as they would. */
typedef struct {
	const gradus_catalogue *cat;
	const gradus_templates *tpl;
	gradus_diags *d;         /* NULL when the caller keeps none */
	size_t invalid, blanks;
	bool off;                /* a catalogue or template was found: the
	                            last pass loads every profile and log */
} early_load;

static gradus_file_kind sniff(const char *path, early_load *e,
			      gradus_diags *d, int *rc)
{
	cfgfile cf;
	gradus_file_kind k = GRADUS_FILE_UNKNOWN;

	*rc = cfg_open_file(&cf, path, d);
	if (*rc == GRADUS_OK)
		k = kind_of(&cf, path, d, rc);
	if (k == GRADUS_FILE_CATALOGUE || k == GRADUS_FILE_TEMPLATE)
		e->off = true;
	else if (!e->off && k == GRADUS_FILE_PROFILE) {
		gradus_profile *p = NULL;
		int lrc;
		cf.d = e->d;
		lrc = profile_load_cfg(&p, &cf, GRADUS_OK, e->cat, e->tpl);
		if (!profile_checked(p, lrc, e->d))
			e->invalid++;
	} else if (!e->off && k == GRADUS_FILE_LOG) {
		gradus_log *log = NULL;
		int lrc;
		cf.d = e->d;
		lrc = log_load_cfg(&log, &cf, GRADUS_OK, e->cat);
		if (!log_checked(log, lrc, e->d, &e->blanks))
			e->invalid++;
	}
	cfg_close(&cf);
	return k;
}

int gradus_check_paths(gradus_check_stats *stats, const char *const *paths,
		       size_t n, const gradus_catalogue *base_cat,
		       const gradus_templates *base_tpl, gradus_diags *d)
{
	pathlist l = {0};
	int io_errors = 0, invalid = 0, rc;
	gradus_catalogue *cat = NULL;
	gradus_templates *tpl = NULL;
	const gradus_catalogue *use_cat = base_cat;
	const gradus_templates *use_tpl = base_tpl;
	gradus_check_stats st = {0};
	early_load early = {base_cat, base_tpl, NULL, 0, 0, false};

	for (size_t i = 0; i < n; i++) {
		size_t before = l.n, seen = l.n_seen;
		int io_before = io_errors;
		if (expand(&l, paths[i], 0, d, &io_errors) != 0) {
			rc = GRADUS_ENOMEM;
			goto out;
		}
		/* a folder with nothing to check is most likely the wrong one
		 * (a folder or file named again adds nothing, and is fine) */
		if (l.n == before && io_errors == io_before && l.n_seen > seen) {
			gradus_diags_add(d, GRADUS_SEV_ERROR, paths[i], 0,
					 "no gradus files (*.cfg) in this folder");
			invalid++;
		}
	}
	l.kind = calloc(l.n ? l.n : 1, sizeof(*l.kind));
	if (!l.kind) {
		rc = GRADUS_ENOMEM;
		goto out;
	}
	st.files = l.n;
	if (d && !(early.d = gradus_diags_new())) {
		rc = GRADUS_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < l.n; i++) {
		l.kind[i] = sniff(l.v[i], &early, d, &rc);
		if (rc == GRADUS_EIO)
			io_errors++;
		else if (rc != GRADUS_OK)
			invalid++;
	}
	for (size_t i = 0; i < l.n; i++)
		if (l.kind[i] == GRADUS_FILE_CATALOGUE) {
			/* added to the built-in ones, as --catalogue is */
			if (!cat && (gradus_catalogue_new(&cat) != GRADUS_OK ||
				     gradus_catalogue_add_builtin(cat, d) == GRADUS_ENOMEM)) {
				rc = GRADUS_ENOMEM;
				goto out;
			}
			st.catalogue++;
			if (gradus_catalogue_add_file(cat, l.v[i], d) != GRADUS_OK)
				invalid++;
		}
	if (cat) {
		if (gradus_catalogue_finish(cat, d) != GRADUS_OK)
			invalid++;
		for (size_t i = 0; i < gradus_catalogue_count(cat); i++)
			st.exercises += !gradus_catalogue_get(cat, i)->builtin;
		use_cat = cat;
	}
	for (size_t i = 0; i < l.n; i++)
		if (l.kind[i] == GRADUS_FILE_TEMPLATE) {
			/* added to the built-in ones, as --templates is: a
			 * catalogue given must still serve those */
			if (!tpl) {
				if (gradus_templates_new(&tpl) != GRADUS_OK) {
					rc = GRADUS_ENOMEM;
					goto out;
				}
				rc = gradus_templates_add_builtin(tpl, use_cat, d);
				if (rc == GRADUS_ENOMEM)
					goto out;
				if (rc != GRADUS_OK)
					invalid++;
			}
			st.templates++;
			if (gradus_templates_add_file(tpl, l.v[i], use_cat, d) !=
			    GRADUS_OK)
				invalid++;
		}
	if (tpl)
		use_tpl = tpl;
	for (size_t i = 0; i < l.n; i++) {
		st.profiles += l.kind[i] == GRADUS_FILE_PROFILE;
		st.logs += l.kind[i] == GRADUS_FILE_LOG;
	}
	if (!early.off) {
		/* every profile and log is loaded already */
		diags_move(d, early.d);
		invalid += (int)early.invalid;
		st.blanks += early.blanks;
	} else
		for (size_t i = 0; i < l.n; i++)
			if (l.kind[i] == GRADUS_FILE_PROFILE) {
				gradus_profile *p = NULL;
				rc = gradus_profile_load_file(&p, l.v[i], use_cat,
							      use_tpl, d);
				invalid += !profile_checked(p, rc, d);
			} else if (l.kind[i] == GRADUS_FILE_LOG) {
				gradus_log *log = NULL;
				rc = gradus_log_load_file(&log, l.v[i], use_cat, d);
				invalid += !log_checked(log, rc, d, &st.blanks);
			}
	rc = io_errors ? GRADUS_EIO : invalid ? GRADUS_EINVALID : GRADUS_OK;
out:
	if (stats)
		*stats = st;
	gradus_catalogue_free(cat);
	gradus_templates_free(tpl);
	free_names(l.v, l.n);
	free(l.kind);
	free(l.seen);
	gradus_diags_free(early.d);
	return rc;
}
