/* The public entry points of rendering: one document in the chosen
 * format for a plan, a screening result or the rule table. */
#include <cjson/cJSON.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/plan.h"
#include "render/formats.h"
#include "render/words.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/util.h"

static int detach_json(char **out, size_t *len, cJSON *root)
{
	char *s = root ? cJSON_Print(root) : NULL;
	size_t n;
	cJSON_Delete(root);
	if (!s)
		return GRADUS_ENOMEM;
	n = strlen(s);
	*out = malloc(n + 2);
	if (!*out) {
		cJSON_free(s);
		return GRADUS_ENOMEM;
	}
	memcpy(*out, s, n);
	(*out)[n] = '\n';
	(*out)[n + 1] = '\0';
	if (len)
		*len = n + 1;
	cJSON_free(s);
	return GRADUS_OK;
}

/* Prints `root` (then freed) without layout at offset `at` of *buf,
 * growing it until the whole text fits: cJSON_PrintPreallocated needs
 * room for all of it and its NUL, and fails, writing nothing usable,
 * when there is less. */
static int print_compact(char **buf, size_t *cap, size_t at, size_t *len,
			 cJSON *root)
{
	int rc = GRADUS_OK;
	if (!root)
		return GRADUS_ENOMEM;
	for (;;) {
		size_t room = *cap - at;
		char *bigger;
		size_t want;
		if (*buf && room > 0 &&
		    cJSON_PrintPreallocated(root, *buf + at,
					    room > INT_MAX ? INT_MAX : (int)room, 0))
			break;
		if (room >= INT_MAX) { /* as much as cJSON can take */
			rc = GRADUS_ENOMEM;
			break;
		}
		want = *cap < 64 * 1024 ? 64 * 1024 : *cap * 2;
		bigger = realloc(*buf, want);
		if (!bigger) {
			rc = GRADUS_ENOMEM;
			break;
		}
		*buf = bigger;
		*cap = want;
	}
	cJSON_Delete(root);
	if (rc == GRADUS_OK && len)
		*len = strlen(*buf + at);
	return rc;
}

/* The plan without layout at offset `at` of *text (*cap bytes, grown
 * as needed), by the streaming writer. */
static int plan_compact(char **text, size_t *cap, size_t at, size_t *len,
			const gradus_plan *plan)
{
	buf b = {*text, at, *cap, false};
	bool ok = render_plan_json(&b, plan, false, 0);
	*text = b.ptr;
	*cap = b.cap;
	if (!ok)
		return GRADUS_ENOMEM;
	if (len)
		*len = b.len - at;
	return GRADUS_OK;
}

int gradus_plan_render_compact(char **buf, size_t *cap, size_t at,
			       size_t *len, const gradus_plan *plan)
{
	if (!buf || !cap || !plan || at > *cap || (!*buf && *cap))
		return GRADUS_EUSAGE;
	return plan_compact(buf, cap, at, len, plan);
}

int gradus_screening_render_compact(char **buf, size_t *cap, size_t at,
				    size_t *len, const gradus_screening *s)
{
	if (!buf || !cap || !s || at > *cap || (!*buf && *cap))
		return GRADUS_EUSAGE;
	return print_compact(buf, cap, at, len, render_screening_json(s));
}

int gradus_plan_render(char **out, size_t *len, const gradus_plan *pl,
		       gradus_plan_format f, const gradus_render_options *o)
{
	buf b = BUF_INIT;
	*out = NULL;
	switch (f) {
	case GRADUS_PLAN_JSON:
		if (!render_plan_json(&b, pl, true, 0)) {
			buf_free(&b);
			return GRADUS_ENOMEM;
		}
		buf_putc(&b, '\n');
		break;
	case GRADUS_PLAN_FHIR:
	case GRADUS_PLAN_FHIR_TRANSACTION:
		return detach_json(out, len,
				   render_plan_fhir(pl, f == GRADUS_PLAN_FHIR_TRANSACTION));
	case GRADUS_PLAN_TEXT:
		render_plan_text(&b, pl, o);
		break;
	case GRADUS_PLAN_HTML:
		render_plan_html(&b, pl, o);
		break;
	case GRADUS_PLAN_ICS:
		render_plan_ics(&b, pl);
		break;
	default:
		return GRADUS_EUSAGE;
	}
	*out = buf_detach(&b, len);
	return *out ? GRADUS_OK : GRADUS_ENOMEM;
}

int gradus_screening_render(char **out, const gradus_screening *s,
			    const gradus_profile *p, gradus_screen_format f)
{
	buf b = BUF_INIT;

	if (!out)
		return GRADUS_EUSAGE;
	*out = NULL;
	if (!s || !p)
		return GRADUS_EUSAGE;
	switch (f) {
	case GRADUS_SCREEN_JSON:
		return detach_json(out, NULL, render_screening_json(s));
	case GRADUS_SCREEN_FHIR:
	case GRADUS_SCREEN_FHIR_TRANSACTION: {
		struct cJSON *root = render_screening_fhir(s, p,
							   f == GRADUS_SCREEN_FHIR_TRANSACTION);
		char *printed = root ? cJSON_Print(root) : NULL;
		cJSON_Delete(root);
		if (printed) {
			buf_puts(&b, printed);
			buf_putc(&b, '\n');
			cJSON_free(printed);
		} else
			b.failed = true;
		break;
	}
	case GRADUS_SCREEN_TEXT:
		render_screening_text(&b, s, p);
		break;
	case GRADUS_SCREEN_HTML:
		render_screening_html(&b, s, p);
		break;
	case GRADUS_SCREEN_ICS:
		render_screening_ics(&b, s, p);
		break;
	default:
		return GRADUS_EUSAGE;
	}
	*out = buf_detach(&b, NULL);
	return *out ? GRADUS_OK : GRADUS_ENOMEM;
}

int gradus_rules_render(char **out, gradus_screen_format f)
{
	if (!out)
		return GRADUS_EUSAGE;
	*out = NULL;
	switch (f) {
	case GRADUS_SCREEN_TEXT: {
		buf b = BUF_INIT;
		render_rules_text(&b);
		*out = buf_detach(&b, NULL);
		return *out ? GRADUS_OK : GRADUS_ENOMEM;
	}
	case GRADUS_SCREEN_JSON:
		return detach_json(out, NULL, render_rules_json());
	default:
		return GRADUS_EUSAGE;
	}
}
