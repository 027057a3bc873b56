#include "gradus/diag.h"
#include "util/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gradus_diags {
	gradus_diag *items;
	size_t n, cap;
	int oom;
};

static const char oom_message[] = "out of memory while recording errors";

gradus_diags *gradus_diags_new(void)
{
	return calloc(1, sizeof(gradus_diags));
}

void gradus_diags_clear(gradus_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free((char *)d->items[i].file);
		free((char *)d->items[i].message);
	}
	d->n = 0;
	d->oom = 0;
}

void gradus_diags_free(gradus_diags *d)
{
	if (!d)
		return;
	gradus_diags_clear(d);
	free(d->items);
	free(d);
}

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

void gradus_diags_add(gradus_diags *d, gradus_severity sev, const char *file,
		      int line, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL, *f = NULL;
	int len;

	if (!d)
		return;
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		goto fail;
	msg = malloc((size_t)len + 1);
	if (!msg)
		goto fail;
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)len + 1, fmt, ap);
	va_end(ap);
	f = dup_str(file ? file : "");
	if (!f)
		goto fail;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		gradus_diag *items = realloc(d->items, cap * sizeof(*items));
		if (!items)
			goto fail;
		d->items = items;
		d->cap = cap;
	}
	d->items[d->n].file = f;
	d->items[d->n].line = line < 0 ? 0 : line;
	d->items[d->n].severity = sev;
	d->items[d->n].message = msg;
	d->n++;
	return;
fail:
	free(msg);
	free(f);
	d->oom = 1;
}

void diags_move(gradus_diags *to, gradus_diags *from)
{
	size_t need;

	if (!from)
		return;
	if (!to) {
		gradus_diags_clear(from);
		return;
	}
	need = to->n + from->n;
	if (need > to->cap) {
		size_t cap = to->cap ? to->cap : 16;
		gradus_diag *items;
		while (cap < need)
			cap *= 2;
		items = realloc(to->items, cap * sizeof(*items));
		if (!items) {
			gradus_diags_clear(from);
			to->oom = 1;
			return;
		}
		to->items = items;
		to->cap = cap;
	}
	if (from->n)
		memcpy(to->items + to->n, from->items, from->n * sizeof(*from->items));
	to->n = need;
	to->oom |= from->oom;
	from->n = 0;
	from->oom = 0;
}

size_t gradus_diags_count(const gradus_diags *d)
{
	return d ? d->n + (d->oom ? 1 : 0) : 0;
}

size_t gradus_diags_errors(const gradus_diags *d)
{
	size_t n = 0;
	if (!d)
		return 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].severity == GRADUS_SEV_ERROR)
			n++;
	return n + (d->oom ? 1 : 0);
}

const gradus_diag *gradus_diags_get(const gradus_diags *d, size_t i)
{
	static const gradus_diag oom = {"", 0, GRADUS_SEV_ERROR, oom_message};
	if (!d)
		return NULL;
	if (i < d->n)
		return &d->items[i];
	if (i == d->n && d->oom)
		return &oom;
	return NULL;
}

void gradus_diags_print(const gradus_diags *d, FILE *out)
{
	static const char *const sev[] = {"error", "warning", "note"};
	size_t n = gradus_diags_count(d);
	for (size_t i = 0; i < n; i++) {
		const gradus_diag *g = gradus_diags_get(d, i);
		if (g->file[0] && g->line > 0)
			fprintf(out, "%s:%d: ", g->file, g->line);
		else if (g->file[0])
			fprintf(out, "%s: ", g->file);
		fprintf(out, "%s: %s\n", sev[g->severity], g->message);
	}
}
