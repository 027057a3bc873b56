/*
 * fuzz/replay.c - feeds files to a fuzz harness without libFuzzer, so a
 * corpus replays as an ordinary test in any build (gcc, no fuzzing
 * flags; under ASan/UBSan in build-asan).
 *
 *   replay_TARGET [--cfg | --all] PATH...
 *
 * A PATH that is a file is fed as it is; a folder is read in name order
 * (names starting with '.' skipped; sub-folders too), taking only *.cfg
 * files after --cfg (the default) or every file after --all. With no
 * PATH one input is read from standard input (AFL++ without persistent
 * mode: afl-fuzz ... -- replay_TARGET @@ works as well).
 * Exit 0 when every input ran; 1 when a PATH cannot be read. A crash or
 * a sanitizer report is the harness's own (abort).
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static size_t replayed;

/* Reads up to FUZZ_MAX_INPUT + 1 bytes: the harness ignores larger
 * inputs, so there is no need to hold more. */
static int feed_stream(FILE *f, const char *name)
{
	size_t cap = FUZZ_MAX_INPUT + 1, n;
	uint8_t *buf = malloc(cap);

	if (!buf) {
		fprintf(stderr, "replay: out of memory\n");
		return -1;
	}
	n = fread(buf, 1, cap, f);
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: cannot read\n", name);
		free(buf);
		return -1;
	}
	LLVMFuzzerTestOneInput(buf, n);
	replayed++;
	free(buf);
	return 0;
}

static int feed_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	int rc;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	rc = feed_stream(f, path);
	fclose(f);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_cfg(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".cfg") == 0;
}

static int feed_path(const char *path, bool cfg_only, int depth)
{
	struct stat st;
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return feed_file(path);
	if (depth > 8)
		return 0;
	dp = opendir(path);
	if (!dp) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		char *full;
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			char **nn = realloc(names, nc * sizeof(*nn));
			if (!nn) {
				rc = -1;
				break;
			}
			names = nn;
			cap = nc;
		}
		full = malloc(strlen(path) + strlen(de->d_name) + 2);
		if (!full) {
			rc = -1;
			break;
		}
		sprintf(full, "%s/%s", path, de->d_name);
		names[n++] = full;
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		struct stat cs;
		const char *base = strrchr(names[i], '/') + 1;
		if (rc == 0 && stat(names[i], &cs) == 0) {
			if (S_ISDIR(cs.st_mode))
				rc = feed_path(names[i], cfg_only, depth + 1);
			else if (!cfg_only || is_cfg(base))
				rc = feed_file(names[i]);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	bool cfg_only = true;
	int status = 0;

	if (argc < 2) {
		if (feed_stream(stdin, "<stdin>") != 0)
			return 1;
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--cfg") == 0)
			cfg_only = true;
		else if (strcmp(argv[i], "--all") == 0)
			cfg_only = false;
		else if (feed_path(argv[i], cfg_only, 0) != 0)
			status = 1;
	}
	printf("%zu inputs replayed\n", replayed);
	return status;
}
