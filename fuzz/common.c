/* fuzz/common.c - helpers shared by the harnesses (see fuzz.h). */
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void fuzz_fail(const char *what)
{
	fprintf(stderr, "fuzz: invariant broken: %s\n", what);
	abort();
}

/* Not a finding: the harness cannot do its work (disk full, ...). */
static void setup_fail(const char *what, const char *path)
{
	fprintf(stderr, "fuzz: setup failed: %s %s: %s\n", what,
		path ? path : "", strerror(errno));
	abort();
}

/* The harness's private temporary folder (fuzz.h lists what it holds),
 * made on first use and removed at exit. */
static char *fuzz_dir;

/* The files put there once, for `@include` to find by a name of
 * fuzz/gradus.dict (fuzz/README.md): an included file whose NUL byte
 * hides an @include of a folder (issue 15), an empty file, a file that
 * includes itself. No FIFO: a regression would hang the fuzzer. */
static const struct {
	const char *name;
	const char *bytes;
	size_t size;
} fixtures[] = {
#define FIXTURE(name, bytes) {name, bytes, sizeof(bytes) - 1}
	FIXTURE("nul.cfg", "# c \0 h\n@include \".\"\n"),
	FIXTURE("empty.cfg", ""),
	FIXTURE("self.cfg", "@include \"self.cfg\"\n"),
#undef FIXTURE
};
/* and a folder, "dir", and symbolic links: one to itself, and two that
 * let an absolute path reach the system's special files. The main file
 * is loaded by its full path, so libconfig joins the folder and any
 * @include path, even an absolute one: @include "/dev/zero" opens
 * FOLDER//dev/zero, which the link "dev" makes /dev/zero. */
static const struct {
	const char *name;
	const char *target;
} links[] = {
	{"loop.cfg", "loop.cfg"},
	{"dev", "/dev"},
	{"proc", "/proc"},
};

static char *dir_path(const char *name)
{
	char *p = malloc(strlen(fuzz_dir) + strlen(name) + 2);

	if (!p)
		setup_fail("out of memory", NULL);
	sprintf(p, "%s/%s", fuzz_dir, name);
	return p;
}

/* Written over in place, then cut to its size: on ext4, truncating a
 * file to nothing and writing it again flushes it to disk on close
 * (auto_da_alloc), 2.7 ms an input instead of a few microseconds. */
static void write_file(const char *name, const void *bytes, size_t size)
{
	char *path = dir_path(name);
	const char *p = bytes;
	size_t left = size;
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0)
		setup_fail("cannot write", path);
	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			setup_fail("cannot write", path);
		p += n;
		left -= (size_t)n;
	}
	if (ftruncate(fd, (off_t)size) != 0 || close(fd) != 0)
		setup_fail("cannot write", path);
	free(path);
}

static void remove_name(const char *name, bool folder)
{
	char *path = dir_path(name);

	(void)(folder ? rmdir(path) : unlink(path));
	free(path);
}

static void remove_dir(void)
{
	for (size_t i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++)
		remove_name(fixtures[i].name, false);
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		remove_name(links[i].name, false);
	remove_name("dir", true);
	remove_name(FUZZ_MAIN, false);
	remove_name(FUZZ_INCLUDED, false);
	rmdir(fuzz_dir);
	free(fuzz_dir);
	fuzz_dir = NULL;
}

static void make_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *path;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	fuzz_dir = malloc(strlen(tmp) + sizeof("/gradus-fuzz-XXXXXX"));
	if (!fuzz_dir)
		setup_fail("out of memory", NULL);
	sprintf(fuzz_dir, "%s/gradus-fuzz-XXXXXX", tmp);
	if (!mkdtemp(fuzz_dir))
		setup_fail("cannot make a temporary folder", fuzz_dir);
	atexit(remove_dir);
	for (size_t i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++)
		write_file(fixtures[i].name, fixtures[i].bytes, fixtures[i].size);
	path = dir_path("dir");
	if (mkdir(path, 0700) != 0)
		setup_fail("cannot make", path);
	free(path);
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		path = dir_path(links[i].name);
		if (symlink(links[i].target, path) != 0)
			setup_fail("cannot make", path);
		free(path);
	}
}

/* Where the split line starts (at the input's start or after a '\n'),
 * or NULL. */
static const uint8_t *find_split(const uint8_t *data, size_t size)
{
	const size_t n = sizeof(FUZZ_SPLIT) - 1;

	for (size_t i = 0; i + n <= size; i++)
		if ((i == 0 || data[i - 1] == '\n') && data[i] == FUZZ_SPLIT[0] &&
		    memcmp(data + i, FUZZ_SPLIT, n) == 0)
			return data + i;
	return NULL;
}

const char *fuzz_input_file(const uint8_t *data, size_t size)
{
	static char *main_path;
	static bool included;
	const uint8_t *split;

	if (size > FUZZ_MAX_INPUT)
		return NULL;
	if (!fuzz_dir) {
		make_dir();
		free(main_path);
		main_path = dir_path(FUZZ_MAIN);
		included = false;
	}
	split = find_split(data, size);
	if (split) {
		size_t head = (size_t)(split - data);
		size_t skip = head + sizeof(FUZZ_SPLIT) - 1;
		write_file(FUZZ_MAIN, data, head);
		write_file(FUZZ_INCLUDED, data + skip, size - skip);
		included = true;
	} else {
		write_file(FUZZ_MAIN, data, size);
		if (included)
			remove_name(FUZZ_INCLUDED, false);
		included = false;
	}
	return main_path;
}

static gradus_catalogue *builtin_cat;
static gradus_templates *builtin_tpl;

static void load_builtin(void)
{
	gradus_diags *d;

	if (builtin_cat && builtin_tpl)
		return;
	d = gradus_diags_new();
	if (!d || gradus_catalogue_load_builtin(&builtin_cat, d) != GRADUS_OK ||
	    gradus_templates_load_builtin(&builtin_tpl, builtin_cat, d) != GRADUS_OK) {
		if (d)
			gradus_diags_print(d, stderr);
		fuzz_fail("the built-in catalogue and templates must load");
	}
	gradus_diags_free(d);
}

const gradus_catalogue *fuzz_builtin_catalogue(void)
{
	load_builtin();
	return builtin_cat;
}

const gradus_templates *fuzz_builtin_templates(void)
{
	load_builtin();
	return builtin_tpl;
}
