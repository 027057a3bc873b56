/* The catalogue on paper: `gradus exercise show` and the booklet of
 * `gradus exercises -f html`. */
#include "gradus/booklet.h"

#include <stdlib.h>

#include "gradus/diag.h"
#include "render/figure.h"
#include "render/guide.h"
#include "util/buf.h"
#include "util/text.h"

#define WIDTH 80

static void text_list(buf *b, const char *head, const char *const *v,
		      size_t n, bool numbered)
{
	char first[32];

	buf_printf(b, "\n%s:\n", head);
	for (size_t i = 0; i < n; i++) {
		if (numbered)
			snprintf(first, sizeof(first), "  %zu. ", i + 1);
		else
			snprintf(first, sizeof(first), "  - ");
		text_wrap(b, first, numbered ? "     " : "    ", v[i], WIDTH);
	}
}

static void text_link(buf *b, const char *head, const gradus_exercise *t)
{
	char line[256];
	if (!t)
		return;
	snprintf(line, sizeof(line), "%s %s (%s)", head, t->name, t->id);
	text_wrap(b, "", "  ", line, WIDTH);
}

static void exercise_text(buf *b, const gradus_exercise *e)
{
	text_wrap(b, "", "", e->name, WIDTH);
	buf_printf(b, "%s, level %d\n", e->id, e->level);
	text_list(b, guide_steps_label, e->steps, e->n_steps, true);
	text_list(b, guide_cues_label, e->cues, e->n_cues, false);
	text_list(b, guide_safety_label, e->safety, e->n_safety, false);
	text_list(b, guide_helper_label, e->caregiver, e->n_caregiver, false);
	if (e->easier || e->harder)
		buf_putc(b, '\n');
	text_link(b, guide_easier_label, e->easier);
	text_link(b, guide_harder_label, e->harder);
}

static void html_list(buf *b, int h, const char *head, const char *const *v,
		      size_t n, bool numbered)
{
	buf_printf(b, "<h%d>", h);
	buf_html(b, head);
	buf_printf(b, "</h%d>\n<%s>\n", h, numbered ? "ol" : "ul");
	for (size_t i = 0; i < n; i++)
		buf_htmlf(b, "<li>%s</li>\n", v[i]);
	buf_printf(b, "</%s>\n", numbered ? "ol" : "ul");
}

/* In the booklet the other version is a link; on its own page, a name. */
static void html_link(buf *b, const char *head, const gradus_exercise *t,
		      bool link)
{
	if (t && link)
		buf_htmlf(b, "<p><strong>%s</strong> <a href=\"#%s\">%s</a></p>\n",
			  head, t->id, t->name);
	else if (t)
		buf_htmlf(b, "<p><strong>%s</strong> %s (%s)</p>\n", head,
			  t->name, t->id);
}

/* One exercise; its name is a heading of level h, its parts h + 1. */
static void exercise_html(buf *b, const gradus_exercise *e, int h)
{
	buf_htmlf(b, "<article class=\"exercise\" id=\"%s\">\n", e->id);
	buf_printf(b, "<h%d>", h);
	buf_html(b, e->name);
	buf_printf(b, "</h%d>\n", h);
	buf_htmlf(b, "<p class=\"id\">%s, level %d</p>\n", e->id, e->level);
	render_figure_svg(b, e);
	html_list(b, h + 1, guide_steps_label, e->steps, e->n_steps, true);
	html_list(b, h + 1, guide_cues_label, e->cues, e->n_cues, false);
	html_list(b, h + 1, guide_safety_label, e->safety, e->n_safety, false);
	html_list(b, h + 1, guide_helper_label, e->caregiver, e->n_caregiver, false);
	html_link(b, guide_easier_label, e->easier, h > 1);
	html_link(b, guide_harder_label, e->harder, h > 1);
	buf_puts(b, "</article>\n");
}

static const char css[] =
	"body { font-family: sans-serif; font-size: 13pt; line-height: 1.35;"
	" color: #000; background: #fff; margin: 1.5em; }\n"
	"h1 { font-size: 20pt; }\n"
	"h2 { font-size: 16pt; margin: 0 0 2pt 0; }\n"
	"h3 { font-size: 13pt; margin: 8pt 0 2pt 0; }\n"
	"article h1 { font-size: 16pt; margin: 0 0 2pt 0; }\n"
	"article h2 + p.id ~ h3, article h1 + p.id ~ h2 { font-size: 13pt;"
	" margin: 8pt 0 2pt 0; }\n"
	"ol, ul { margin: 0 0 0 1.2em; padding: 0; }\n"
	"p.id { color: #333; font-size: 11pt; margin: 0 0 4pt 0; }\n"
	"svg.figure { display: block; width: 100%; max-width: 11cm;"
	" height: auto; border: 1px solid #000; margin: 4pt 0; }\n"
	"article.exercise { break-inside: avoid; page-break-inside: avoid;"
	" border-top: 2px solid #000; padding-top: 8pt; margin-top: 12pt; }\n"
	"a { color: #000; }\n"
	"@page { size: A4; margin: 15mm; }\n";

static void html_head(buf *b, const char *title)
{
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n");
	buf_htmlf(b, "<title>%s</title>\n", title);
	buf_printf(b, "<style>\n%s</style>\n</head>\n<body>\n<main>\n", css);
}

static int finish(buf *b, char **out)
{
	*out = b->failed ? NULL : buf_detach(b, NULL);
	if (!*out) {
		buf_free(b);
		return GRADUS_ENOMEM;
	}
	return GRADUS_OK;
}

int gradus_exercise_render(const gradus_exercise *e, bool html, char **out)
{
	buf b = BUF_INIT;

	if (!html) {
		exercise_text(&b, e);
		return finish(&b, out);
	}
	html_head(&b, e->name);
	exercise_html(&b, e, 1);
	buf_puts(&b, "</main>\n</body>\n</html>\n");
	return finish(&b, out);
}

int gradus_exercise_figure_svg(const gradus_exercise *e, char **out)
{
	buf b = BUF_INIT;

	*out = NULL;
	if (!e->figure.present)
		return GRADUS_OK;
	render_figure_svg(&b, e);
	return finish(&b, out);
}

int gradus_catalogue_booklet(const gradus_catalogue *cat, char **out)
{
	buf b = BUF_INIT;
	size_t n = gradus_catalogue_count(cat);

	html_head(&b, "The exercises");
	buf_printf(&b, "<h1>The exercises</h1>\n<p>%zu exercises. Each one shows "
		       "where you start and where you end, then how to do it.</p>\n",
		   n);
	for (size_t i = 0; i < n; i++)
		exercise_html(&b, gradus_catalogue_get(cat, i), 2);
	buf_puts(&b, "</main>\n</body>\n</html>\n");
	return finish(&b, out);
}
