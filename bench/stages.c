/* stages: where the time of `gradus batch` goes, stage by stage.
 *
 *     stages [-w WEEKS] [-r ROUNDS] < LIST
 *
 * Reads profile paths (one per line) and runs the steps of `gradus batch`
 * on each, through the public API only, timing each step with the
 * process CPU clock (so other load on the machine matters little):
 * load (read and check the file), screen, generate (the plan), render
 * (gradus_plan_render_compact, or gradus_screening_render_compact when
 * gated, into one buffer kept across profiles, as cmd_batch.c does), and
 * embed (what cmd_batch.c adds: the head of the JSON line and one write,
 * to /dev/null).
 * The catalogue and templates are loaded once, as batch does. With -r,
 * the whole list is run ROUNDS times (the paths are kept in memory).
 * Prints microseconds per profile for load and screen, per plan for
 * generate and render, and the bytes of JSON per plan. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gradus/gradus.h"

enum { LOAD, SCREEN, GENERATE, RENDER, RENDER_GATED, EMBED, EMBED_GATED,
       N_STAGES };
static const char *const stage_names[N_STAGES] = {
	"load", "screen", "generate", "render plan", "render screening",
	"embed plan (line)", "embed screening"};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	gradus_catalogue *cat = NULL;
	gradus_templates *tpl = NULL;
	gradus_diags *d = gradus_diags_new();
	gradus_plan_options po;
	double t[N_STAGES] = {0}, t0, t1, total0;
	size_t n[N_STAGES] = {0}, bytes = 0, n_paths = 0, cap_paths = 0;
	size_t cap = 0;
	char **paths = NULL, *line = NULL;
	int rounds = 1;
	ssize_t len;
	FILE *sink = fopen("/dev/null", "w");

	memset(&po, 0, sizeof(po));
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "-w") == 0)
			po.weeks = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "-r") == 0)
			rounds = atoi(argv[i + 1]);
	}
	if (!d || !sink || rounds < 1)
		return 1;
	while ((len = getline(&line, &cap, stdin)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (n_paths == cap_paths) {
			cap_paths = cap_paths ? cap_paths * 2 : 1024;
			paths = realloc(paths, cap_paths * sizeof(*paths));
			if (!paths)
				return 1;
		}
		paths[n_paths++] = strdup(line);
	}
	free(line);
	total0 = now();
	if (gradus_catalogue_load_builtin(&cat, d) != GRADUS_OK ||
	    gradus_templates_load_builtin(&tpl, cat, d) != GRADUS_OK) {
		gradus_diags_print(d, stderr);
		return 1;
	}
	printf("base (catalogue + templates, once): %.0f us\n",
	       (now() - total0) * 1e6);
	total0 = now();
	char *doc = NULL; /* the documents' buffer, kept across profiles */
	size_t doc_cap = 0, doc_len = 0;
	/* the last plan: the next is made in its memory, as batch does */
	gradus_plan *plan = NULL;
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < n_paths; i++) {
			gradus_profile *p = NULL;
			gradus_screening *s = NULL;
			char *out = NULL;
			const char *key;
			cJSON *o;
			int stage;

			gradus_diags_clear(d);
			t0 = now();
			if (gradus_profile_load_file(&p, paths[i], cat, tpl, d) != GRADUS_OK)
				continue;
			t1 = now();
			t[LOAD] += t1 - t0, n[LOAD]++;
			if (gradus_screen(&s, p, po.start, d) != GRADUS_OK)
				goto next;
			t0 = now();
			t[SCREEN] += t0 - t1, n[SCREEN]++;
			if (s->tier > GRADUS_TIER_PRECAUTIONS) {
				stage = RENDER_GATED;
				key = "screening";
				if (gradus_screening_render_compact(&doc, &doc_cap, 0, &doc_len, s) != GRADUS_OK)
					goto next;
			} else {
				if (gradus_plan_generate_reuse(&plan, p, s, cat, tpl, &po, d) != GRADUS_OK)
					goto next;
				t1 = now();
				t[GENERATE] += t1 - t0, n[GENERATE]++;
				t0 = t1;
				stage = RENDER;
				key = "plan";
				if (gradus_plan_render_compact(&doc, &doc_cap, 0, &doc_len, plan) != GRADUS_OK)
					goto next;
			}
			t1 = now();
			t[stage] += t1 - t0, n[stage]++;
			if (stage == RENDER)
				bytes += doc_len;
			/* what cmd_batch.c does with it: the head, the key, the
			 * compact document, one write */
			o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "file", paths[i]);
			cJSON_AddStringToObject(o, "status", stage == RENDER ? "plan" : "gated");
			cJSON_AddNumberToObject(o, "exit_code", 0);
			out = cJSON_PrintUnformatted(o);
			out[strlen(out) - 1] = '\0';
			fprintf(sink, "%s,\"%s\":", out, key);
			fwrite(doc, 1, doc_len, sink);
			fputs("}\n", sink);
			cJSON_free(out);
			cJSON_Delete(o);
			t0 = now();
			stage = stage == RENDER ? EMBED : EMBED_GATED;
			t[stage] += t0 - t1, n[stage]++;
		next:
			gradus_screening_free(s);
			gradus_profile_free(p);
		}
	{
		double total = now() - total0, sum = 0;
		printf("%zu profiles x %d rounds in %.3f s CPU: %.0f profiles/s, %.0f plans/s\n",
		       n_paths, rounds, total, (double)n[LOAD] / total,
		       (double)n[GENERATE] / total);
		printf("%-24s %8s %10s %8s\n", "stage", "count", "us each", "share");
		for (int k = 0; k < N_STAGES; k++)
			sum += t[k];
		for (int k = 0; k < N_STAGES; k++)
			printf("%-24s %8zu %10.1f %7.1f%%\n", stage_names[k], n[k],
			       n[k] ? t[k] / (double)n[k] * 1e6 : 0.0,
			       sum > 0 ? t[k] / sum * 100 : 0.0);
		if (n[RENDER])
			printf("plan JSON: %.0f bytes each (gradus-plan/2, compact)\n",
			       (double)bytes / (double)n[RENDER]);
	}
	for (size_t i = 0; i < n_paths; i++)
		free(paths[i]);
	free(paths);
	free(doc);
	gradus_plan_free(plan);
	fclose(sink);
	gradus_templates_free(tpl);
	gradus_catalogue_free(cat);
	gradus_diags_free(d);
	return 0;
}
