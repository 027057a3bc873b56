#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int list_cfg_files(const char *dir, char ***out, size_t *out_n)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, dl = strlen(dir);

	*out = NULL;
	*out_n = 0;
	if (!dp)
		return -1;
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		char *path;
		if (de->d_name[0] == '.' || len < 5 ||
		    strcmp(de->d_name + len - 4, ".cfg") != 0)
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			char **nn = realloc(names, nc * sizeof(*nn));
			if (!nn)
				goto oom;
			names = nn;
			cap = nc;
		}
		path = malloc(dl + len + 2);
		if (!path)
			goto oom;
		memcpy(path, dir, dl);
		path[dl] = '/';
		memcpy(path + dl + 1, de->d_name, len + 1);
		if (dl && dir[dl - 1] == '/')
			memmove(path + dl, path + dl + 1, len + 1);
		names[n++] = path;
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	*out = names;
	*out_n = n;
	return 0;
oom:
	closedir(dp);
	free_names(names, n);
	errno = ENOMEM;
	return -1;
}
