/* HTML renderer (README): one self-contained printable file.
 *
 * Plan: a cover page, a page for the helper, the exercise guide (guide.h:
 * an entry per exercise, its picture from figure.c, steps, tips, care,
 * the helper's note, easier and harder versions; an exercise that starts
 * mid-plan has its entry just before that week), the weeks, and last the
 * page for the therapist (program, assessment, sources, notes, and with
 * --explain the reasons). The pages before it say plain words only. Each printed
 * page is a <section class="page"> that the print stylesheet starts on a
 * new sheet, and each ends with the "Stop and call" box. Inline CSS only:
 * no scripts, no links, no fonts, no images. Every string that can come
 * from an input file (names, catalogue texts, template names, and the
 * generator's sentences that quote them) goes through buf_html or
 * buf_htmlf. Black on white; meaning is carried by words and borders,
 * never by colour.
 *
 * Fitting the paper. @page leaves the sheet size to the printer; the
 * layout is made for the smaller of A4 and Letter in each direction
 * (A4 width, Letter height).
 *  - Normal print: one page per week. The record table holds up to 10
 *    exercises and 3 sessions (4 fit, more tightly); its type grows
 *    when there are few exercises.
 *  - Large print (every text 16 pt or more, small print included): two
 *    pages per week, "what to do" and "your record", because ten
 *    exercises with three sessions of write-in cells cannot fit a
 *    portrait page at 16 pt.
 *  - With contacts in the "Stop and call" box (a paragraph of up to
 *    seven lines in large print), a week whose measured page would not
 *    fit takes two pages in normal print ("what to do" and "your
 *    record"), four in large print (each of those in halves, the second
 *    "continued"): week_split, its estimate scaled by the largest ratio
 *    of printed to estimated height measured (WEEK_RATIO). Without
 *    contacts nothing changes.
 *  - Cover and helper pages flow: their blocks are measured here (an
 *    estimate of DejaVu Sans, the widest of the fonts asked for, a little
 *    on the wide side). In normal print the body shrinks from 10.5 pt,
 *    half a point at a time, down to 8.5 pt until the page fits one
 *    sheet; past that, and in large print (never below 16 pt), a new
 *    page headed "continued" starts when the next block would not fit.
 *    Every example's cover and helper page fit one sheet each in normal
 *    print; in large print the two take 4 or 5 pages with the examples.
 *  - The guide and the therapist's page flow at the body size: a guide
 *    entry is one block, with room kept for its picture (fig_mm: 35 mm,
 *    45 in large print; an entry's own height, --fig, overrides it). In
 *    normal print a guide page's room left goes to its pictures, up to
 *    58 mm each; an entry taller than a page takes it from its picture,
 *    down to 30 mm, past that prints in two parts (guide_pages).
 *    tests/browser/print.py prints the examples with Chromium on A4 and
 *    Letter and checks that each section is exactly one page.
 *  - Screening (a gated profile): the result for the person (12 pt,
 *    shrinking to 10 pt, then flowing), and for review and above the
 *    referral sheet of referral.c on a page of its own.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/figure.h"
#include "render/formats.h"
#include "render/guide.h"
#include "render/words.h"

/* ---- small helpers ---- */

/* The week table says "lighter week" in its heading, not per exercise. */
static const char *html_change_words(gradus_change c)
{
	return c == GRADUS_CHANGE_DELOAD ? NULL : render_change_words(c);
}

/* "Wed 2 Dec 2026", or "Wed 2 Dec" without the year */
static void put_date(buf *b, gradus_date d, bool year)
{
	buf_printf(b, "%s %d %s", words_day_short[gradus_date_weekday(d)], d.d,
		   words_month_short[d.m - 1]);
	if (year)
		buf_printf(b, " %d", d.y);
}

/* ---- the stylesheet ---- */

/* Sizes of the print stylesheet (points, margins in mm). Large print
 * never goes below 16 pt, small print and table labels included. */
typedef struct {
	double margin_v, margin_h;
	double body, line, h1, h2, small, table, label, stop;
	double box_w, box_h;
	double min_body;     /* cover and helper pages may shrink to this */
} sizes;

static const sizes normal_sizes = {12, 12, 10.5, 1.25, 17, 12.5, 8.5, 9, 9, 10.5, 9, 9, 8.5};
/* the screening result (for the person, 12 pt) and the referral sheet
 * (its own budget of 60 lines of 80 columns fits one page at 10 pt with
 * 10 mm margins) */
static const sizes screen_sizes = {10, 10, 12, 1.3, 17, 13.5, 9.5, 9, 8, 12, 9, 9, 10};
static const sizes large_sizes = {10, 10, 16, 1.2, 20, 18, 16, 16, 16, 16, 24, 18, 16};

static double fig_mm(const sizes *z);

static void put_css(buf *b, const sizes *z)
{
	buf_puts(b, "<style>\n");
	buf_printf(b, "@page { margin: %gmm %gmm; }\n", z->margin_v, z->margin_h);
	buf_puts(b, "* { box-sizing: border-box; }\n"
		    "html { background: #fff; }\n");
	buf_printf(b, "body { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, Helvetica, sans-serif;\n"
		      "  font-size: %gpt; line-height: %g; color: #000; background: #fff; margin: 0; }\n",
		   z->body, z->line);
	buf_puts(b, ".page + .page { break-before: page; page-break-before: always; }\n"
		    "@media screen { body { max-width: 200mm; margin: 0 auto; padding: 6mm; }\n"
		    "  .page + .page { border-top: 2px dashed #000; margin-top: 8mm; padding-top: 6mm; } }\n");
	buf_printf(b, "h1 { font-size: %gpt; line-height: 1.15; margin: 0 0 3pt 0; }\n", z->h1);
	buf_printf(b, "h2 { font-size: %gpt; line-height: 1.2; margin: 8pt 0 3pt 0; border-bottom: 1.5pt solid #000; }\n",
		   z->h2);
	buf_puts(b, "p { margin: 3pt 0; }\n"
		    "ul { margin: 0; padding-left: 1.2em; }\n"
		    "li { margin: 2pt 0; }\n");
	buf_printf(b, ".small, .small h2 { font-size: %gpt; }\n", z->small);
	/* cover and helper pages set their own body size (see flow) */
	buf_printf(b, ".flow h1 { font-size: %.3fem; }\n.flow h2 { font-size: %.3fem; }\n"
		      ".flow .small { font-size: %.3fem; }\n.flow .small h2 { font-size: 1em; }\n",
		   z->h1 / z->body, z->h2 / z->body, z->small / z->body);
	buf_puts(b, ".small h2 { border-bottom-width: 0.75pt; }\n"
		    ".sub { margin: 0 0 4pt 0; }\n"
		    ".facts { border-collapse: collapse; margin: 3pt 0; }\n"
		    ".facts th { text-align: left; padding: 1pt 10pt 1pt 0; vertical-align: top; white-space: nowrap; }\n"
		    ".facts td { padding: 1pt 0; vertical-align: top; }\n"
		    ".scale { border-collapse: collapse; margin: 4pt 0; width: 100%; }\n"
		    ".scale th, .scale td { border: 1pt solid #000; padding: 2pt 5pt; text-align: left; vertical-align: top; }\n"
		    ".scale th { white-space: nowrap; }\n");
	buf_printf(b, ".stop { border: 3pt solid #000; padding: 3pt 8pt; margin-top: 6pt; font-size: %gpt;\n"
		      "  break-inside: avoid; page-break-inside: avoid; }\n",
		   z->stop);
	buf_puts(b, ".stop p { margin: 1pt 0; }\n"
		    ".stop .call { font-size: 1.2em; text-transform: uppercase; }\n"
		    ".banner { font-size: 28pt; font-weight: bold; border: 4pt solid #000; padding: 4pt 10pt; margin: 0 0 8pt 0; }\n"
		    ".deload, .result { border: 1.5pt dashed #000; padding: 2pt 6pt; font-weight: bold; }\n"
		    ".result { border-style: solid; }\n"
		    ".note { font-size: 0.9em; margin-top: 7pt; }\n"

		    ".new { font-style: italic; }\n"
		    ".what { margin: 2pt 0; line-height: 1.15; }\n");
	buf_printf(b, ".log { border-collapse: collapse; width: 100%%; table-layout: fixed; margin: 4pt 0; font-size: %gpt; line-height: 1.2; }\n",
		   z->table);
	buf_puts(b, ".log th, .log td { border: 1pt solid #000; padding: 1.5pt 2pt; vertical-align: top; text-align: left; overflow-wrap: break-word; }\n"
		    ".log thead th { text-align: center; vertical-align: bottom; }\n"
		    ".log .day { border-left-width: 2.5pt; }\n"

		    ".log td.num { text-align: center; vertical-align: middle; }\n");
	buf_printf(b, ".log thead tr.cols th { font-size: %gpt; font-weight: normal; padding: 1pt 0;\n"
		      "  overflow-wrap: normal; word-break: keep-all; hyphens: none; }\n", z->label);
	buf_printf(b, ".log tr.item td.day { line-height: %g; }\n", z->box_h > 10 ? 1.2 : 1.5);
	buf_printf(b, ".box { display: inline-block; width: %gpt; height: %gpt; border: 1.2pt solid #000;\n"
		      "  margin: 1pt 2pt 1pt 0; vertical-align: middle; background: #fff; }\n",
		   z->box_w, z->box_h);
	/* the picture, two frames side by side, and beside it what they
	 * show (its own words would print at 6 pt: hidden) */
	buf_printf(b, ".fig { display: flex; align-items: center; }\n"
		      ".fig svg { display: block; flex: none; height: var(--fig, %gmm); width: calc(2 * var(--fig, %gmm)); }\n"
		      ".fig svg text { display: none; }\n.fig .cap { margin: 0 0 0 6mm; }\n",
		   fig_mm(z), fig_mm(z));
	if (z->box_h < 10)
		buf_puts(b, ".log .box { width: 1em; height: 1em; }\n");
	buf_puts(b, ".walk .d { white-space: nowrap; margin-right: 5pt; }\n"
		    ".box.day { width: 0.8em; height: 0.8em; }\n"
		    ".gentry { break-inside: avoid; page-break-inside: avoid; }\n"
		    ".gentry h2 { margin-top: 10pt; }\n"
		    ".gentry ol.steps { margin: 0; padding-left: 1.6em; }\n"
		    ".gentry p.gl { margin-bottom: 1pt; }\n"
		    ".ref { white-space: nowrap; font-weight: normal; }\n"
		    ".write { display: inline-block; min-width: 35mm; margin-right: 6pt; border-bottom: 1pt solid #000; }\n"
		    "</style>\n");
}

/* The referral sheet embedded after a screening result keeps the sizes
 * its one-page budget was made for. */
static const char referral_css[] =
	"<style>\n"
	".referral { font-size: 10pt; }\n"
	".referral h1 { font-size: 14pt; }\n"
	".referral h2 { font-size: 11.5pt; margin: 7pt 0 2pt 0; border-bottom-width: 1pt; }\n"
	".referral p, .referral li { margin: 2pt 0; }\n"
	".referral ul { padding-left: 16pt; }\n"
	"</style>\n";

static void doc_start(buf *b, const char *title, const char *name,
		      const sizes *z, const char *more_css)
{
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
	buf_htmlf(b, "<title>%s%s</title>\n", title, name ? name : "");
	put_css(b, z);
	if (more_css)
		buf_puts(b, more_css);
	buf_puts(b, "</head>\n<body>\n<main>\n");
}

static void doc_end(buf *b)
{
	buf_puts(b, "</main>\n</body>\n</html>\n");
}

/* The box printed on every page. */
static void stop_box(buf *b, const gradus_profile *p)
{
	words_stop_html(b, p);
}

/* ---- measuring text (an estimate, on the wide side) ---- */

static double mm_of(double pt)
{
	return pt * 25.4 / 72.0;
}

/* Code points a reader sees in an HTML fragment: tags skipped, an
 * entity counted as one. */
static size_t visible(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '<') {
			while (i < n && s[i] != '>')
				i++;
		} else if (c == '&') {
			while (i < n && s[i] != ';')
				i++;
			k++;
		} else if ((c & 0xc0) != 0x80)
			k++;
	}
	return k;
}

/* Lines that `chars` code points take at `pt` in `width_mm`. DejaVu Sans
 * (the widest of the fonts asked for) measures 0.48 to 0.51 em a
 * character in these texts (0.54 to 0.58 bold) as printed by Chromium;
 * lines filled to 95 % leave room for the word that did not fit. */
static int lines_of(size_t chars, double pt, double width_mm, bool bold)
{
	double per = 0.95 * width_mm / (mm_of(pt) * (bold ? 0.58 : 0.51));
	if (per < 1)
		per = 1;
	return chars ? (int)ceil((double)chars / floor(per)) : 1;
}

/* Height of a fragment set in lines broken at each <br>. */
static double text_mm(const char *s, double pt, double lh, double width_mm, bool bold)
{
	int lines = 0;
	const char *p = s;
	for (;;) {
		const char *br = strstr(p, "<br>");
		size_t n = br ? (size_t)(br - p) : strlen(p);
		lines += lines_of(visible(p, n), pt, width_mm, bold);
		if (!br)
			break;
		p = br + 4;
	}
	return lines * mm_of(pt * lh);
}

/* ---- flowing pages (cover and helper) ---- */

typedef struct {
	buf *b;
	const gradus_profile *p;
	const sizes *z;     /* &fz */
	sizes fz;           /* the document's sizes with body, headings and
	                       small print scaled to this flow's body size */
	const char *cls;    /* section class */
	const char *title;  /* heading of continuation pages (escaped here) */
	double width, room, used; /* mm */
	double body_pt;
	bool in_list, open;
	int pages;
} flow;

/* Height of the "Stop and call" box without contacts: margin, borders,
 * padding, the sentence (its first words larger; counted at 160
 * characters, on the wide side). */
static double stop_mm(const sizes *z, double width)
{
	return mm_of(6 + 6 + 6 + 2) +
	       lines_of(160, z->stop, width - mm_of(16), false) * mm_of(z->stop * 1.2 * z->line);
}

/* Height the contacts of `p` add to the "Stop and call" box (a paragraph
 * of their own at the box's size); 0 without contacts. */
static double contacts_mm(const sizes *z, double width, const gradus_profile *p)
{
	buf t = BUF_INIT;
	const char *c;
	double h = 0;

	words_stop_html(&t, p);
	c = t.ptr ? strstr(t.ptr, "</p><p>") : NULL;
	if (c)
		h = mm_of(2) + text_mm(c + 7, z->stop, z->line, width - mm_of(16), false);
	buf_free(&t);
	return h;
}

/* What the contacts take of a flowing page's room: the flow's estimates
 * (the sentence counted wide, 2 % to spare) leave room for two lines of
 * them in normal print (9 mm), as Chromium prints tests/data/contacts/
 * us.cfg (each page whole); longer contacts (names up to 80 characters)
 * take the rest, and in large print all of them. */
static double contacts_flow_mm(const sizes *z, double width, const gradus_profile *p)
{
	double h = contacts_mm(z, width, p) -
		   (z->body < 16 ? mm_of(2 * normal_sizes.stop * normal_sizes.line) : 0);
	return h > 0 ? h : 0;
}

static void flow_init(flow *f, buf *b, const gradus_profile *p, const sizes *z,
		      double body, const char *cls, const char *title)
{
	double k = body / z->body;
	f->b = b;
	f->p = p;
	f->fz = *z;
	f->fz.body = body;
	f->fz.h1 = z->h1 * k;
	f->fz.h2 = z->h2 * k;
	f->fz.small = z->small * k;
	f->z = &f->fz;
	f->cls = cls;
	f->title = title;
	f->width = 210.0 - 2 * z->margin_h;
	/* Letter height, the stop box, and 2 % to spare */
	f->room = (279.4 - 2 * z->margin_v - stop_mm(z, f->width) -
		   contacts_flow_mm(z, f->width, p)) * 0.98;
	f->body_pt = body;
	f->used = 0;
	f->in_list = f->open = false;
	f->pages = 0;
}

static void flow_end_list(flow *f)
{
	if (f->in_list)
		buf_puts(f->b, "</ul>\n");
	f->in_list = false;
}

static void flow_close(flow *f)
{
	if (!f->open)
		return;
	flow_end_list(f);
	stop_box(f->b, f->p);
	buf_puts(f->b, "</section>\n");
	f->open = false;
}

static void flow_open(flow *f)
{
	buf_printf(f->b, "<section class=\"page %s flow\" style=\"font-size: %gpt\">\n",
		   f->cls, f->body_pt);
	f->open = true;
	f->used = 0;
	if (f->pages++ > 0) {
		buf_htmlf(f->b, "<h1>%s (continued)</h1>\n", f->title);
		f->used = text_mm(f->title, f->z->h1, 1.15, f->width, true) + mm_of(3);
	}
}

/* The sheet's room for a page: Letter height. */
static double sheet_mm(const sizes *z)
{
	return 279.4 - 2 * z->margin_v;
}

/* What the page of the flow `f` takes so far, by its estimate: its
 * blocks and the stop box with all of its contacts. */
static double flow_page_mm(const flow *f)
{
	return f->used + stop_mm(f->z, f->width) + contacts_mm(f->z, f->width, f->p);
}

/* Chromium prints a flowing page that fills more than 85 % of the sheet
 * at most 0.993 of flow_page_mm (every example with the longest contacts
 * and without, on A4 and Letter, normal and large print: 0.85 to 0.993
 * for the guide, 0.89 to 0.98 for the other pages): at FLOW_RATIO of its
 * estimate a page fits the sheet. (The flow's own room, f->room, counts
 * two lines of contacts less in normal print: tests/data/contacts/us.cfg
 * fits; with the longest contacts its fullest guide pages print 1 to
 * 2 mm short of Letter.) */
#define FLOW_RATIO 1.01

/* Room for `need` mm (and `keep` more that must follow on the same
 * page), else a new page. */
static void flow_fit(flow *f, double need)
{
	if (!f->open)
		flow_open(f);
	else if (f->used + need > f->room && f->used > mm_of(f->z->h1 * 2)) {
		flow_close(f);
		flow_open(f);
	}
}

/* A block of `h` mm; `keep` mm of what follows must fit with it. */
static void flow_block(flow *f, buf *t, double h, double keep)
{
	flow_fit(f, h + keep);
	flow_end_list(f);
	if (t->ptr)
		buf_put(f->b, t->ptr, t->len);
	if (t->failed)
		f->b->failed = true;
	f->used += h;
	buf_free(t);
}

/* A list item (plain text, escaped here, or HTML when `html`). */
static void flow_item(flow *f, const char *s, bool html, double pt)
{
	buf t = BUF_INIT;
	double h;
	if (html)
		buf_puts(&t, s);
	else
		buf_html(&t, s);
	h = (t.ptr ? text_mm(t.ptr, pt, f->z->line, f->width - mm_of(pt * 1.2), false) : 0) +
	    mm_of(2);
	flow_fit(f, h);
	if (!f->in_list)
		buf_puts(f->b, "<ul>\n");
	f->in_list = true;
	buf_puts(f->b, "<li>");
	if (t.ptr)
		buf_put(f->b, t.ptr, t.len);
	if (t.failed)
		f->b->failed = true;
	buf_puts(f->b, "</li>\n");
	f->used += h;
	buf_free(&t);
}

static double h2_mm(const flow *f, const char *title)
{
	return text_mm(title, f->z->h2, 1.2, f->width, true) + mm_of(8 + 3 + 2);
}

static double para_mm(const flow *f, const buf *t)
{
	return (t->ptr ? text_mm(t->ptr, f->z->body, f->z->line, f->width, false) : 0) +
	       mm_of(3);
}

/* A heading kept with the first `keep` mm after it. */
static void flow_h2(flow *f, const char *title, double keep)
{
	buf t = BUF_INIT;
	buf_htmlf(&t, "<h2>%s</h2>\n", title);
	flow_block(f, &t, h2_mm(f, title), keep);
}

/* A paragraph holding the HTML in `t` (taken). */
static void flow_para(flow *f, buf *t, double keep)
{
	buf p = BUF_INIT;
	double h = para_mm(f, t);
	buf_puts(&p, "<p>");
	if (t->ptr)
		buf_put(&p, t->ptr, t->len);
	buf_puts(&p, "</p>\n");
	if (t->failed)
		p.failed = true;
	buf_free(t);
	flow_block(f, &p, h, keep);
}

/* The height of the first list item of `v`, to keep a heading with it. */
static double first_item_mm(const flow *f, const char *const *v, size_t n)
{
	buf t = BUF_INIT;
	double h;
	if (!n)
		return 0;
	buf_html(&t, v[0]);
	h = (t.ptr ? text_mm(t.ptr, f->z->body, f->z->line, f->width, false) : 0) + mm_of(2);
	buf_free(&t);
	return h;
}

/* ---- cover page ---- */

static void days_words(buf *b, unsigned days)
{
	int n = 0, k = 0;
	for (int d = 0; d < 7; d++)
		n += (days >> d) & 1;
	for (int d = 0; d < 7; d++) {
		if (!((days >> d) & 1))
			continue;
		k++;
		buf_printf(b, "%s%s", k == 1 ? "" : k == n ? " and " : ", ", words_day_short[d]);
	}
}

static int longest_session(const gradus_plan *pl)
{
	int m = 0;
	for (size_t w = 0; w < pl->n_weeks; w++)
		for (size_t s = 0; s < pl->weeks[w].n_sessions; s++)
			if (pl->weeks[w].sessions[s].minutes > m)
				m = pl->weeks[w].sessions[s].minutes;
	return m;
}

/* A row of the facts table; returns its estimated height. */
static double fact(buf *t, const flow *f, const char *th, const buf *td)
{
	double th_mm = mm_of(f->z->body) * 0.58 * 15 + mm_of(10); /* "Starting level" */
	buf_htmlf(t, "<tr><th>%s</th><td>", th);
	if (td->ptr)
		buf_put(t, td->ptr, td->len);
	if (td->failed)
		t->failed = true;
	buf_puts(t, "</td></tr>\n");
	return (td->ptr ? text_mm(td->ptr, f->z->body, f->z->line, f->width - th_mm, false)
			: mm_of(f->z->body * f->z->line)) + mm_of(2);
}

/* Who, what, when: the title and the facts table. */
static void cover_facts(flow *f, const gradus_plan *pl, const char *title)
{
	const gradus_profile *p = pl->profile;
	const gradus_assessment *a = &pl->assessment;
	const sizes *z = f->z;
	int minutes = longest_session(pl);
	buf t = BUF_INIT, td = BUF_INIT;
	double h;

	buf_htmlf(&t, "<h1>Strength plan for %s</h1>\n<table class=\"facts\">\n", p->name);
	h = text_mm(title, z->h1, 1.15, f->width, true) + mm_of(3 + 6);
	buf_htmlf(&td, "%s, age %d", p->name, p->age);
	h += fact(&t, f, "For", &td);
	buf_free(&td);
	put_date(&td, pl->start, true);
	h += fact(&t, f, "Starts", &td);
	buf_free(&td);
	buf_htmlf(&td, "%d week%s, %d session%s a week (", pl->weeks_n,
		  pl->weeks_n == 1 ? "" : "s", pl->sessions_per_week,
		  pl->sessions_per_week == 1 ? "" : "s");
	days_words(&td, pl->days);
	buf_puts(&td, ")");
	if (minutes)
		buf_htmlf(&td, ", about %d minutes each", minutes);
	h += fact(&t, f, "How long", &td);
	buf_free(&td);
	if (p->caregiver) {
		buf_html(&td, p->caregiver);
		h += fact(&t, f, "Helper", &td);
		buf_free(&td);
	}
	buf_puts(&t, "</table>\n");
	flow_block(f, &t, h, 0);
	if (a->fall_risk_plus) {
		buf_html(&t, render_fall_risk_words);
		flow_para(f, &t, 0);
	}
}

/* How hard it should feel: the scale, the plan's cap and why. */
static void cover_effort(flow *f, const gradus_plan *pl)
{
	static const char *const scale[3][2] = {
		{"light \xe2\x80\x94 3 or 4 out of 10", "You could do many more. You breathe a little faster."},
		{"moderate \xe2\x80\x94 5 or 6", "You could do a few more. You can still talk."},
		{"hard \xe2\x80\x94 7 or 8", "Only one or two more. Talking is hard."}};
	const sizes *z = f->z;
	buf t = BUF_INIT;
	double h;

	buf_puts(&t, "After each set, give it a number from 0 (resting) to 10 (the hardest you could possibly do).");
	flow_h2(f, "How hard should it feel? Rate your effort", para_mm(f, &t));
	flow_para(f, &t, 0);
	buf_puts(&t, "<table class=\"scale\">\n");
	h = mm_of(8);
	for (int i = 0; i < 3; i++) {
		buf_htmlf(&t, "<tr><th>%s</th><td>%s</td></tr>\n", scale[i][0], scale[i][1]);
		h += lines_of(strlen(scale[i][1]), z->body,
			      f->width - mm_of(z->body) * 0.58 * 26 - mm_of(20), false) *
			     mm_of(z->body * z->line) + mm_of(5);
	}
	buf_puts(&t, "</table>\n");
	flow_block(f, &t, h, 0);
	buf_htmlf(&t, "Your plan never asks for more than <strong>%d out of 10</strong> (%s). Each week page says how hard each exercise should feel.",
		  pl->effort_cap, gradus_effort_words(pl->effort_cap));
	flow_para(f, &t, 0);
	for (size_t i = 0; i < pl->n_why; i++) {
		render_plain(&t, pl->why[i].text);
		if (t.ptr) {
			buf h = BUF_INIT;
			buf_html(&h, t.ptr);
			flow_para(f, &h, 0);
		}
		buf_free(&t);
	}
}

/* A list item of the person's words: `s` without its source keys. */
static void flow_plain_item(flow *f, const char *s)
{
	buf t = BUF_INIT, h = BUF_INIT;
	render_plain(&t, s);
	if (t.ptr)
		buf_html(&h, t.ptr);
	if (h.ptr)
		flow_item(f, h.ptr, true, f->z->body);
	if (t.failed || h.failed)
		f->b->failed = true;
	buf_free(&t);
	buf_free(&h);
}

/* Pain and the safety advice (each exercise's own safety lines are in
 * the guide). */
static void cover_safety(flow *f, const gradus_plan *pl)
{
	buf t = BUF_INIT;

	buf_puts(&t, "Rate pain from 0 (no pain) to 10 (the worst pain you can imagine). "
		     "Up to 5 out of 10 is all right if it settles. "
		     "<strong>Above 5: stop that exercise</strong> and tell your helper or therapist. "
		     "The next morning, any pain should be back to what is usual for you. "
		     "If it is not, do not make anything harder that week.");
	flow_h2(f, "Pain", para_mm(f, &t));
	flow_para(f, &t, 0);

	flow_h2(f, "Stay safe", first_item_mm(f, pl->advice, pl->n_advice));
	for (size_t i = 0; i < pl->n_advice; i++)
		flow_plain_item(f, pl->advice[i]);
	if (pl->protein)
		flow_plain_item(f, pl->protein);
}

/* The cover page, for the person; returns the number of pages it took. */
static int cover(buf *b, const gradus_plan *pl, const sizes *dz, double body)
{
	buf title = BUF_INIT;
	flow f;

	buf_printf(&title, "Strength plan for %s", pl->profile->name ? pl->profile->name : "");
	flow_init(&f, b, pl->profile, dz, body, "cover", title.ptr ? title.ptr : "Strength plan");
	cover_facts(&f, pl, title.ptr ? title.ptr : "");
	cover_effort(&f, pl);
	cover_safety(&f, pl);
	flow_close(&f);
	if (title.failed)
		b->failed = true;
	buf_free(&title);
	return f.pages;
}

/* ---- caregiver page ---- */

/* Returns the number of pages it took. */
static int caregiver_page(buf *b, const gradus_plan *pl, const sizes *dz, double body)
{
	const gradus_profile *p = pl->profile;
	unsigned eq = p->equipment;
	buf t = BUF_INIT;
	flow f;
	const sizes *z;
	double h;

	flow_init(&f, b, p, dz, body, "helper", "For the helper");
	z = f.z;
	buf_puts(&t, "<h1>For the helper</h1>\n<p class=\"sub\">For ");
	if (p->caregiver)
		buf_htmlf(&t, "%s, or ", p->caregiver);
	buf_htmlf(&t, "anyone who helps %s exercise.</p>\n", p->name);
	h = text_mm("For the helper", z->h1, 1.15, f.width, true) + mm_of(3 + 4) +
	    (t.ptr ? text_mm(strstr(t.ptr, "<p"), z->body, z->line, f.width, false) : 0);
	flow_block(&f, &t, h, 0);

	flow_h2(&f, "How to set up", mm_of(z->body * z->line * 2));
	flow_item(&f, "A space about two big steps wide, with good light and no loose rugs, cables or clutter. Water and a phone within reach.",
		  false, z->body);
	if (eq & GRADUS_EQ_CHAIR)
		flow_item(&f, "A sturdy chair without wheels, with arms if possible, its back against a wall so it cannot slide.",
			  false, z->body);
	if (eq & GRADUS_EQ_STURDY_COUNTER)
		flow_item(&f, "A sturdy counter or heavy table to hold on to, at about hip height.",
			  false, z->body);
	flow_item(&f, "Flat shoes with a good grip, closed at the heel: no slippers, and no socks without shoes.",
		  false, z->body);
	if (eq & (GRADUS_EQ_BAND | GRADUS_EQ_ANKLE_WEIGHT | GRADUS_EQ_DUMBBELL))
		flow_item(&f, "The bands or weights named on the week page. Check bands for nicks or tears.",
			  false, z->body);

	buf_puts(&t, "Stand beside them, not in front, close enough to steady them at the hip or shoulder. Never pull on their arms.");
	flow_h2(&f, "How to stand by", para_mm(&f, &t));
	flow_para(&f, &t, 0);
	flow_item(&f, "How to help with each exercise is in the exercise guide, under \"For the helper\".",
		  false, z->body);

	flow_h2(&f, "What to watch for", mm_of(z->body * z->line * 3));
	flow_item(&f, "Dizziness, chest pain, unusual shortness of breath, confusion, or pain above 5 out of 10: stop, help them sit down, and stay with them.",
		  false, z->body);
	flow_item(&f, "Each exercise's own warning signs are in the exercise guide, under \"Take care\".",
		  false, z->body);

	buf_puts(&t, "On the week's record, after each session: the sets and reps done, "
		     "effort (0 to 10) and pain (0 to 10). The next morning: pain (0 to 10). "
		     "Bring the pages to the therapist or doctor.");
	flow_h2(&f, "What to write down", para_mm(&f, &t));
	flow_para(&f, &t, 0);

	if (p->caregiver)
		buf_htmlf(&t, "Helper: %s. ", p->caregiver);
	words_whom_to_call_html(&t, p);
	flow_h2(&f, "Whom to call", para_mm(&f, &t) + mm_of(z->body * z->line));
	flow_para(&f, &t, 0);
	flow_close(&f);
	return f.pages;
}

/* ---- the exercise guide ---- */

/* Room kept for an exercise's picture: the stylesheet caps its height
 * at this (.fig svg). */
static double fig_mm(const sizes *z)
{
	return z->body >= 16 ? 45.0 : 35.0;
}

/* Height of the fragment of `t` from `at` set as a paragraph. */
static double para_from(const flow *f, const buf *t, size_t at)
{
	buf part = {t->ptr ? t->ptr + at : NULL, t->ptr ? t->len - at : 0, 0, false};
	return part.ptr ? para_mm(f, &part) : 0;
}

/* "<p><strong>Tips:</strong> one. two.</p>"; its height. */
static double guide_para(buf *t, const flow *f, const char *label,
			 const char *const *v, size_t n)
{
	size_t at = t->len;
	if (!n)
		return 0;
	buf_htmlf(t, "<p><strong>%s:</strong>", label);
	for (size_t i = 0; i < n; i++)
		buf_htmlf(t, " %s", v[i]);
	buf_puts(t, "</p>\n");
	return para_from(f, t, at);
}

/* Which part of a guide entry a block holds: all of it, or (an entry
 * taller than a page) heading to care, then the helper's note and the
 * versions under the heading again, "(continued)". */
enum { ENTRY_WHOLE, ENTRY_FIRST, ENTRY_SECOND };

/* The helper's note and the easier and harder versions; their height. */
static double guide_entry_tail(buf *t, const flow *f, const guide *g,
			       const gradus_exercise *e)
{
	buf lad = BUF_INIT;
	double h = guide_para(t, f, guide_helper_label, e->caregiver, e->n_caregiver);
	for (int k = 0; k < 2; k++) {
		guide_ladder(&lad, g, e, k == 1);
		if (lad.ptr) {
			size_t at = t->len;
			buf_htmlf(t, "<p>%s</p>\n", lad.ptr);
			h += para_from(f, t, at);
		}
		if (lad.failed)
			t->failed = true;
		buf_free(&lad);
	}
	return h;
}

/* One entry (or `part` of it): heading, picture (`fig` mm high), steps,
 * tips, care, helper, versions; written to `t`, its height returned
 * (the picture counted at `fig`). */
static double guide_entry_html(buf *t, const flow *f, const guide *g,
			       const gradus_exercise *e, double fig, int part)
{
	const sizes *z = f->z;
	size_t n = guide_number(g, e);
	double h, li_w = f->width - mm_of(z->body * 1.6);

	if (part == ENTRY_SECOND) {
		buf_htmlf(t, "<div class=\"gentry\">\n<h2>Guide %zu: %s (continued)</h2>\n", n, e->name);
		h = text_mm(e->name, z->h2, 1.2, f->width - mm_of(z->h2 * 9), true) + mm_of(10 + 3 + 2);
		h += guide_entry_tail(t, f, g, e);
		buf_puts(t, "</div>\n");
		return h;
	}
	buf_printf(t, "<div class=\"gentry\" id=\"guide-%zu\">\n", n);
	buf_htmlf(t, "<h2>Guide %zu: %s</h2>\n", n, e->name);
	h = text_mm(e->name, z->h2, 1.2, f->width - mm_of(z->h2 * 4), true) + mm_of(10 + 3 + 2);
	if (e->figure.present) {
		/* the picture's own words ("Start", "End") would print far
		 * below the body size: said beside it instead, in body type */
		buf_puts(t, "<div class=\"fig\"");
		if (fig != fig_mm(z))
			buf_printf(t, " style=\"--fig: %.1fmm\"", fig);
		buf_puts(t, "><!-- the picture (render/figure.c) -->");
		if (render_figure_svg(t, e))
			buf_puts(t, "<p class=\"cap\">Top: how you start.<br>Bottom: how you end.");
		else
			buf_puts(t, "<p class=\"cap\">Left: how you start.<br>Right: how you end.");
		if (e->figure.view == GRADUS_FIG_VIEW_TOP)
			buf_puts(t, "<br>Seen from above.");
		else if (e->figure.view == GRADUS_FIG_VIEW_FEET)
			buf_puts(t, "<br>Seen from the feet.");
		buf_puts(t, "</p></div>\n");
		h += fig;
	}
	if (e->n_steps) {
		buf_htmlf(t, "<p class=\"gl\"><strong>%s:</strong></p>\n<ol class=\"steps\">\n",
			  guide_steps_label);
		h += mm_of(z->body * z->line + 4);
		for (size_t i = 0; i < e->n_steps; i++) {
			size_t at = t->len;
			buf_htmlf(t, "<li>%s</li>\n", e->steps[i]);
			h += (t->ptr ? text_mm(t->ptr + at, z->body, z->line, li_w, false) : 0) + mm_of(2);
		}
		buf_puts(t, "</ol>\n");
	}
	h += guide_para(t, f, guide_cues_label, e->cues, e->n_cues);
	h += guide_para(t, f, guide_safety_label, e->safety, e->n_safety);
	if (part == ENTRY_WHOLE)
		h += guide_entry_tail(t, f, g, e);
	buf_puts(t, "</div>\n");
	return h;
}

/* The guide's pictures. An entry taller than a page of its own takes
 * what it lacks from its picture, down to FIG_MIN_MM, and past that
 * prints in two parts, each a block of its own (large print with long
 * contacts in the stop box). The flow places the entries (pass 1); in
 * normal print the room a page has left is then shared among its
 * pictures, up to FIG_MAX_MM each (pass 2, the same page breaks: a
 * page's entries grow by no more than its room left). Both measure a
 * page against the sheet (Letter height) at GUIDE_RATIO of its
 * estimate (flow_page_mm): Chromium prints a guide page that fills more
 * than 85 % of the sheet at 0.85 to 0.993 of it (every example with the
 * longest contacts, and without, on A4 and Letter, normal and large
 * print; tests/browser/print.py checks them). */
#define FIG_MAX_MM 58.0
#define FIG_MIN_MM 30.0
#define GUIDE_RATIO FLOW_RATIO

typedef struct {
	size_t page;    /* the flow page (f.pages) each entry landed on */
	size_t page2;   /* and its second part, when split */
	double fig;     /* its picture's height, mm */
	bool split;
} guide_place;

/* An entry's picture, and whether it is split (ENTRY_FIRST and
 * ENTRY_SECOND): how much taller than a page of its own it is. */
static void guide_entry_fit(const flow *f, const guide *g, const gradus_exercise *e,
			    guide_place *p)
{
	buf t = BUF_INIT;
	double over = (guide_entry_html(&t, f, g, e, fig_mm(f->z), ENTRY_WHOLE) +
		       text_mm(f->title, f->z->h1, 1.15, f->width, true) + mm_of(3) +
		       stop_mm(f->z, f->width) + contacts_mm(f->z, f->width, f->p)) *
		      GUIDE_RATIO - sheet_mm(f->z);
	buf_free(&t);
	p->fig = fig_mm(f->z);
	p->split = e->figure.present ? over > fig_mm(f->z) - FIG_MIN_MM : over > 0;
	if (over > 0 && !p->split)
		p->fig = floor((fig_mm(f->z) - over) * 10) / 10;
}

/* One block of the entries into the flow; in pass 2 on the page it had
 * in pass 1 (*page), else recorded there with the room the page has
 * left: what the flow leaves, and what the sheet leaves measured with
 * GUIDE_RATIO, whichever is less. */
static void guide_place_block(flow *f, buf *t, double h, size_t *page, double *left,
			      bool record)
{
	if (!record && f->open && *page != (size_t)f->pages) {
		flow_close(f);
		flow_open(f);
	}
	flow_block(f, t, h, 0);
	if (record) {
		*page = (size_t)f->pages;
		left[f->pages] = fmin(f->room - f->used,
				      sheet_mm(f->z) / GUIDE_RATIO - flow_page_mm(f));
	}
}

/* The entries of week index `w` into the flow `f`, their pictures at
 * place[k].fig; with `record`, each entry's page into place[k] and the
 * room each page has left into left[page]. */
static void guide_place_entries(flow *f, const guide *g, size_t w,
				guide_place *place, double *left, bool record)
{
	size_t k = 0;
	for (size_t i = 0; i < g->n; i++) {
		buf t = BUF_INIT;
		const gradus_exercise *e = g->v[i].ex;
		double h;
		if (g->v[i].week != w)
			continue;
		if (record)
			guide_entry_fit(f, g, e, &place[k]);
		h = guide_entry_html(&t, f, g, e, place[k].fig,
				     place[k].split ? ENTRY_FIRST : ENTRY_WHOLE);
		guide_place_block(f, &t, h, &place[k].page, left, record);
		if (place[k].split) {
			h = guide_entry_html(&t, f, g, e, place[k].fig, ENTRY_SECOND);
			guide_place_block(f, &t, h, &place[k].page2, left, record);
		}
		k++;
	}
}

/* Normal print: each page's room left shared among its pictures. */
static void guide_share(const sizes *z, const guide *g, size_t w,
			guide_place *place, size_t n, const double *left)
{
	if (z->body >= 16)
		return;
	for (size_t k = 0; k < n; k++) {
		size_t pics = 0, p = place[k].page;
		double fig;
		for (size_t j = 0, i = 0; i < g->n; i++) {
			if (g->v[i].week != w)
				continue;
			if (place[j].page == p && g->v[i].ex->figure.present)
				pics++;
			j++;
		}
		if (!pics || left[p] <= 0)
			continue;
		fig = place[k].fig + left[p] / (double)pics;
		if (fig > FIG_MAX_MM)
			fig = FIG_MAX_MM;
		if (fig < place[k].fig)
			continue;
		/* whole tenths of a millimetre, rounded down: what a page is
		 * given never exceeds its room */
		place[k].fig = floor(fig * 10) / 10;
	}
}

/* The guide pages of the entries that start at week index `w`: before
 * the weeks (w = 0), or before the week a new exercise comes in. */
static void guide_pages(buf *b, const gradus_plan *pl, const sizes *z,
			const guide *g, size_t w)
{
	buf title = BUF_INIT, scratch = BUF_INIT;
	size_t n = guide_count_at(g, w);
	guide_place *place;
	double *left;

	if (!n)
		return;
	place = calloc(n, sizeof *place);
	left = calloc(2 * n + 2, sizeof *left);
	if (!place || !left) {
		free(place);
		free(left);
		b->failed = true;
		return;
	}
	guide_title(&title, pl, w);
	for (int pass = 0; pass < 2; pass++) {
		buf t = BUF_INIT;
		flow f;
		flow_init(&f, pass ? b : &scratch, pl->profile, z, z->body, "guide",
			  title.ptr ? title.ptr : "How to do each exercise");
		buf_htmlf(&t, "<h1>%s</h1>\n", f.title);
		flow_block(&f, &t, text_mm(f.title, z->h1, 1.15, f.width, true) + mm_of(3), 0);
		if (w == 0) {
			buf_html(&t, guide_intro);
			flow_para(&f, &t, 0);
		}
		guide_place_entries(&f, g, w, place, left, pass == 0);
		flow_close(&f);
		if (pass == 0)
			guide_share(z, g, w, place, n, left);
	}
	if (title.failed || scratch.failed)
		b->failed = true;
	buf_free(&scratch);
	buf_free(&title);
	free(place);
	free(left);
}

/* ---- the therapist's page ---- */

/* A list item: plain words and "[RULE: SOURCE]". */
static void why_item(flow *f, const gradus_why *w)
{
	buf t = BUF_INIT;
	buf_printf(&t, "%s [%s: %s]", w->text, w->rule, w->source);
	if (t.ptr)
		flow_item(f, t.ptr, false, f->z->body);
	if (t.failed)
		f->b->failed = true;
	buf_free(&t);
}

/* With --explain: the reasons behind each number, week by week. */
static void therapist_explain(flow *f, const gradus_plan *pl)
{
	buf t = BUF_INIT;
	for (size_t w = 0; w < pl->n_weeks; w++) {
		const gradus_week *wk = &pl->weeks[w];
		char head[64];
		if (!wk->n_sessions)
			continue;
		snprintf(head, sizeof(head), "Why, week %d", wk->number);
		flow_h2(f, head, mm_of(f->z->body * f->z->line * 2));
		for (size_t i = 0; i < wk->sessions[0].n_items; i++) {
			const gradus_item *it = &wk->sessions[0].items[i];
			buf_htmlf(&t, "<strong>%zu. %s</strong>", i + 1, it->exercise->name);
			flow_para(f, &t, 0);
			for (size_t k = 0; k < it->n_why; k++)
				why_item(f, &it->why[k]);
			flow_end_list(f);
		}
	}
}

/* The last page: what the person's pages leave out, with sources. */
static void therapist_page(buf *b, const gradus_plan *pl, const sizes *z,
			   const gradus_render_options *o)
{
	const gradus_assessment *a = &pl->assessment;
	buf t = BUF_INIT;
	flow f;

	flow_init(&f, b, pl->profile, z, z->body, "therapist", render_therapist_title);
	buf_htmlf(&t, "<h1>%s</h1>\n", render_therapist_title);
	flow_block(&f, &t, text_mm(render_therapist_title, z->h1, 1.15, f.width, true) + mm_of(3), 0);
	buf_html(&t, render_therapist_intro);
	flow_para(&f, &t, 0);
	buf_htmlf(&t, "<strong>Program:</strong> %s. <strong>Starting level:</strong> %s%s%s.",
		  pl->template->name, gradus_class_name(a->cls), a->fall_risk_plus ? "+" : "",
		  a->from_mobility ? " (a careful guess: no SPPB score)" : "");
	flow_h2(&f, "Assessment", para_mm(&f, &t));
	flow_para(&f, &t, 0);
	for (size_t i = 0; i < a->n_notes; i++)
		flow_item(&f, a->notes[i], false, z->body);
	buf_printf(&t, "At most %d out of 10.", pl->effort_cap);
	flow_h2(&f, "Effort", para_mm(&f, &t));
	flow_para(&f, &t, 0);
	for (size_t i = 0; i < pl->n_why; i++)
		why_item(&f, &pl->why[i]);
	flow_h2(&f, "Advice on the first page, with its sources", mm_of(z->body * z->line * 2));
	for (size_t i = 0; i < pl->n_advice; i++)
		if (render_has_source(pl->advice[i]))
			flow_item(&f, pl->advice[i], false, z->body);
	if (pl->protein)
		flow_item(&f, pl->protein, false, z->body);
	if (pl->n_warnings) {
		flow_h2(&f, "Notes", first_item_mm(&f, pl->warnings, pl->n_warnings));
		for (size_t i = 0; i < pl->n_warnings; i++)
			flow_item(&f, pl->warnings[i], false, z->body);
	}
	if (o && o->n_therapist_why) {
		flow_h2(&f, render_therapist_more, mm_of(z->body * z->line * 2));
		for (size_t i = 0; i < o->n_therapist_why; i++)
			why_item(&f, &o->therapist_why[i]);
	}
	if (o && o->explain)
		therapist_explain(&f, pl);
	flow_close(&f);
}

/* ---- week pages ---- */

static void boxes(buf *b, int n)
{
	for (int i = 0; i < n; i++)
		buf_puts(b, "<span class=\"box\"></span>");
}

/* " (guide 3)" after an exercise's name */
static void guide_ref(buf *b, const guide *g, const gradus_exercise *e)
{
	size_t n = guide_number(g, e);
	if (n)
		buf_printf(b, " <span class=\"ref\">(guide&nbsp;%zu)</span>", n);
}

/* "Marching on the spot; Seated ankle circles (guide 1 and 2)"; `short_`
 * (a large-print week of nine or ten exercises, which would not fit its
 * page with the names): "guide 1 and 2", the names being in the guide. */
static void exercise_names(buf *b, const guide *g, const gradus_exercise *const *ex, size_t n,
			   bool short_)
{
	if (short_ && n) {
		buf_puts(b, "guide ");
		for (size_t i = 0; i < n; i++)
			buf_printf(b, "%s%zu", i == 0 ? "" : i + 1 == n ? " and " : ", ",
				   guide_number(g, ex[i]));
		return;
	}
	if (n == 0)
		buf_puts(b, "gentle movement of your choice");
	for (size_t i = 0; i < n; i++)
		buf_htmlf(b, "%s%s", i ? "; " : "", ex[i]->name);
	if (n)
		buf_puts(b, " <span class=\"ref\">(guide&nbsp;");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%zu", i == 0 ? "" : i + 1 == n ? "&nbsp;and&nbsp;" : ", ",
			   guide_number(g, ex[i]));
	if (n)
		buf_puts(b, ")</span>");
}

/* What the exercises of a session share: effort and rest are set per
 * phase, so one line above the exercises usually says them for all. */
typedef struct {
	bool same_effort, same_rest, any_sets;
	int effort_min, effort_max, rest_s;
} shared;

static shared shared_of(const gradus_session *s0)
{
	shared sh = {true, true, false, 0, 0, 0};
	for (size_t i = 0; i < s0->n_items; i++) {
		const gradus_item *it = &s0->items[i];
		if (i == 0) {
			sh.effort_min = it->effort_min;
			sh.effort_max = it->effort_max;
		} else if (it->effort_min != sh.effort_min || it->effort_max != sh.effort_max)
			sh.same_effort = false;
		if (it->sets > 1) {
			if (sh.any_sets && it->rest_s != sh.rest_s)
				sh.same_rest = false;
			sh.any_sets = true;
			sh.rest_s = it->rest_s;
		}
	}
	return sh;
}

static void shared_line(buf *b, const gradus_session *s0, const shared *sh)
{
	if (!s0->n_items || (!sh->same_effort && !(sh->any_sets && sh->same_rest)))
		return;
	buf_puts(b, "<p class=\"dose\">");
	if (sh->same_effort) {
		buf_puts(b, "This week: <strong>effort ");
		render_put_effort(b, sh->effort_min, sh->effort_max, "\xe2\x80\x94");
		buf_puts(b, "</strong>.");
	}
	if (sh->any_sets && sh->same_rest)
		buf_htmlf(b, "%sRest %d seconds between sets.", sh->same_effort ? " " : "",
			  sh->rest_s);
	{
		/* paired sets: one sentence for the session (the words are
		 * plain ASCII digits and letters: nothing to escape) */
		buf pairs = BUF_INIT;
		if (render_put_pairs(&pairs, s0))
			buf_htmlf(b, " %s", pairs.ptr);
		buf_free(&pairs);
	}
	buf_puts(b, "</p>\n");
}

/* What to do for one exercise: number and name, sets and reps, load and
 * support; effort and rest unless the shared line says them for all. */
static void item_text(buf *b, const guide *g, const gradus_item *it, size_t n,
		      const shared *sh, bool name_break)
{
	const gradus_exercise *e = it->exercise;
	const char *cw = html_change_words(it->change);

	buf_htmlf(b, "<strong>%zu. %s</strong>", n, e->name);
	guide_ref(b, g, e);
	if (cw)
		buf_htmlf(b, " <span class=\"new\">(%s)</span>", cw);
	buf_puts(b, name_break ? "<br>" : ": ");
	/* the dose words are digits and plain words: nothing to escape */
	render_put_amount(b, it);
	buf_puts(b, ".");
	if (!sh->same_effort) {
		buf_puts(b, " Effort: ");
		render_put_effort(b, it->effort_min, it->effort_max, "\xe2\x80\x94");
		buf_puts(b, ".");
	}
	if (it->sets > 1 && !sh->same_rest && it->pair == 0)
		buf_htmlf(b, " Rest %d seconds between sets.", it->rest_s);
}

static void session_dates(buf *b, const gradus_week *wk)
{
	for (size_t s = 0; s < wk->n_sessions; s++) {
		buf_puts(b, s == 0 ? "" : s + 1 == wk->n_sessions ? " and " : ", ");
		put_date(b, wk->sessions[s].date, false);
	}
}

/* "Week 1 of 12: Getting started", who and when; `part` names the second
 * page of a large-print week. */
static void week_header(buf *b, const gradus_plan *pl, const gradus_week *wk,
			const char *part, bool dates)
{
	const gradus_session *s0 = wk->n_sessions ? &wk->sessions[0] : NULL;

	buf_htmlf(b, "<h1>Week %d of %d: %s</h1>\n", wk->number, gradus_plan_last_week(pl),
		  part ? part : wk->phase);
	buf_htmlf(b, "<p class=\"sub\"><strong>%s</strong> \xc2\xb7 ", pl->profile->name);
	put_date(b, wk->start, wk->start.y != wk->end.y);
	buf_puts(b, " to ");
	put_date(b, wk->end, true);
	if (s0 && part) {
		/* the record page: the dates head the table */
	} else if (s0 && dates) {
		buf_puts(b, " \xc2\xb7 Sessions: ");
		session_dates(b, wk);
		buf_htmlf(b, ", about %d minutes each", s0->minutes);
	} else if (s0)
		buf_htmlf(b, " \xc2\xb7 %zu session%s, about %d minutes each", wk->n_sessions,
			  wk->n_sessions > 1 ? "s" : "", s0->minutes);
	buf_puts(b, "</p>\n");
	if (wk->deload && !part)
		buf_puts(b, "<p class=\"deload\">Lighter week: fewer sets, and nothing gets harder.</p>\n");
}

static void walking_line(buf *b, const gradus_plan *pl, const gradus_week *wk)
{
	if (!wk->walking_min)
		return;
	buf_htmlf(b, "<p class=\"walk\"><strong>Walking:</strong> %d minutes on %d days this week. You may split it into shorter walks. Tick the days you walk: ",
		  wk->walking_min, pl->walking_days);
	for (int d = 0; d < 7; d++) {
		gradus_date day = gradus_date_add(wk->start, d);
		buf_puts(b, d ? " <span class=\"d\">" : "<span class=\"d\">");
		buf_puts(b, "<span class=\"box day\"></span>");
		put_date(b, day, false);
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</p>\n");
}

static void put_width(buf *b, int tenths)
{
	buf_printf(b, "<col style=\"width:%d.%d%%\">", tenths / 10, tenths % 10);
}

/* Normal print: one table, sessions as columns. Each session has a tick
 * box per set and cells for reps, effort and pain; the first column says
 * what to do. */
static void record_table(buf *b, const gradus_plan *pl, const guide *g,
			 const gradus_session *se, size_t n_se, const shared *sh)
{
	/* of a session: the widths of "Sets", "Reps", "Effort" and "Pain"
	 * at 9 pt, so no heading breaks inside a word */
	static const int part[4] = {23, 25, 28, 24};
	int what_w = n_se <= 2 ? 520 : n_se == 3 ? 430 : 330; /* tenths of % */
	int sess_w;
	const gradus_session *s0 = se;
	static const char *const block_title[3] = {"Warm-up", "Balance", "Cool-down"};
	const gradus_exercise *const *block_ex[3] = {pl->warmup, s0->balance, pl->cooldown};
	size_t block_n[3] = {pl->n_warmup, s0->n_balance, pl->n_cooldown};
	int block_min[3] = {s0->warmup_min, s0->balance_min, s0->cooldown_min};

	/* nine or ten exercises with their guide numbers, three sessions,
	 * two sets at most: a wider first column keeps the page on one sheet */
	if (n_se == 3 && s0->n_items > 8) {
		int most = 0;
		for (size_t i = 0; i < s0->n_items; i++) {
			const gradus_item *it = &s0->items[i];
			int k = it->affected_sets > it->sets ? it->affected_sets : it->sets;
			if (k > most)
				most = k;
		}
		if (most <= 2)
			what_w = 470;
	}
	sess_w = (1000 - what_w) / (int)n_se;
	/* larger type when there are few exercises (ten fit at 9 pt) */
	buf_printf(b, "<table class=\"log\" style=\"font-size: %spt\">\n<colgroup>",
		   s0->n_items <= 4 ? "11.5" : s0->n_items <= 6 ? "10.5" : s0->n_items <= 8 ? "10" : "9");
	put_width(b, what_w);
	for (size_t s = 0; s < n_se; s++)
		for (int k = 0; k < 4; k++)
			put_width(b, sess_w * part[k] / 100);
	buf_puts(b, "</colgroup>\n<thead>\n<tr><th rowspan=\"2\">What to do</th>");
	for (size_t s = 0; s < n_se; s++) {
		buf_puts(b, "<th class=\"day\" colspan=\"4\">");
		put_date(b, se[s].date, false);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr>\n<tr class=\"cols\">");
	for (size_t s = 0; s < n_se; s++)
		buf_puts(b, "<th class=\"day\">Sets</th><th>Reps</th><th>Effort</th><th>Pain</th>");
	buf_puts(b, "</tr>\n</thead>\n<tbody>\n");
	for (int k = 0; k < 3; k++) {
		if (k == 1) {
			for (size_t i = 0; i < s0->n_items; i++) {
				const gradus_item *it = &s0->items[i];
				buf_puts(b, "<tr class=\"item\"><td>");
				item_text(b, g, it, i + 1, sh, true);
				buf_puts(b, "</td>");
				for (size_t s = 0; s < n_se; s++) {
					buf_puts(b, "<td class=\"day\">");
					boxes(b, it->affected_sets > it->sets ? it->affected_sets : it->sets);
					buf_puts(b, "</td><td></td><td></td><td></td>");
				}
				buf_puts(b, "</tr>\n");
			}
		}
		if (k == 1 && !block_min[k])
			continue;
		buf_htmlf(b, "<tr><td><strong>%s</strong>, %d min: ", block_title[k], block_min[k]);
		exercise_names(b, g, block_ex[k], block_n[k], false);
		buf_puts(b, "</td>");
		for (size_t s = 0; s < n_se; s++)
			buf_puts(b, "<td class=\"day\" colspan=\"4\"><span class=\"box\"></span>done</td>");
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "<tr><td><strong>Pain the next morning</strong> (0 to 10)</td>");
	for (size_t s = 0; s < n_se; s++)
		buf_puts(b, "<td class=\"day\" colspan=\"4\"></td>");
	buf_puts(b, "</tr>\n</tbody>\n</table>\n");
}

/* Large print: the exercises by number, sessions as columns, a box per
 * set to write the reps in, and cells for effort and pain (four columns
 * of 16 pt labels do not fit three sessions across a portrait page). */
static void record_table_large(buf *b, const gradus_session *se, size_t n_se)
{
	static const int part[3] = {50, 28, 22}; /* of a session */
	int num_w = n_se <= 3 ? 55 : 40;
	int sess_w = (1000 - num_w) / (int)n_se;
	const gradus_session *s0 = se;

	buf_puts(b, "<table class=\"log\">\n<colgroup>");
	put_width(b, num_w);
	for (size_t s = 0; s < n_se; s++)
		for (int k = 0; k < 3; k++)
			put_width(b, sess_w * part[k] / 100);
	buf_puts(b, "</colgroup>\n<thead>\n<tr><th rowspan=\"2\">#</th>");
	for (size_t s = 0; s < n_se; s++) {
		buf_puts(b, "<th class=\"day\" colspan=\"3\">");
		put_date(b, se[s].date, false);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr>\n<tr class=\"cols\">");
	for (size_t s = 0; s < n_se; s++)
		buf_puts(b, "<th class=\"day\">Reps in each set</th><th>Effort</th><th>Pain</th>");
	buf_puts(b, "</tr>\n</thead>\n<tbody>\n");
	for (size_t i = 0; i < s0->n_items; i++) {
		buf_printf(b, "<tr class=\"item\"><td class=\"num\"><strong>%zu</strong></td>", i + 1);
		for (size_t s = 0; s < n_se; s++) {
			buf_puts(b, "<td class=\"day\">");
			boxes(b, s0->items[i].sets);
			buf_puts(b, "</td><td></td><td></td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

/* Large print: the ticks for warm-up, balance, cool-down and the next
 * morning's pain, sessions as columns. */
static void record_ticks_large(buf *b, const gradus_session *se, size_t n_se)
{
	int lab_w = 400;
	const gradus_session *s0 = se;

	buf_puts(b, "<table class=\"log\">\n<colgroup>");
	put_width(b, lab_w);
	for (size_t s = 0; s < n_se; s++)
		put_width(b, (1000 - lab_w) / (int)n_se);
	buf_puts(b, "</colgroup>\n<thead>\n<tr><th>What to do</th>");
	for (size_t s = 0; s < n_se; s++) {
		buf_puts(b, "<th class=\"day\">");
		put_date(b, se[s].date, false);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr>\n</thead>\n<tbody>\n");
	for (int k = 0; k < 4; k++) {
		static const char *const what[4] = {"Warm-up done", "Balance done",
						    "Cool-down done", "Pain the next morning"};
		if (k == 1 && !s0->balance_min)
			continue;
		buf_printf(b, "<tr><td><strong>%s</strong></td>", what[k]);
		for (size_t s = 0; s < n_se; s++)
			buf_puts(b, k < 3 ? "<td class=\"day\"><span class=\"box\"></span></td>"
					  : "<td class=\"day\"></td>");
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

/* Sessions of a week that share their items (the generator gives every
 * session of a week the same items; a run of sessions gets one table). */
static size_t same_items_run(const gradus_week *wk, size_t from)
{
	size_t n = 1;
	while (from + n < wk->n_sessions &&
	       wk->sessions[from + n].items == wk->sessions[from].items &&
	       wk->sessions[from + n].n_items == wk->sessions[from].n_items)
		n++;
	return n;
}

static void week_page(buf *b, const gradus_plan *pl, const guide *g, const gradus_week *wk)
{
	buf_printf(b, "<section class=\"page week\" id=\"week-%d\">\n", wk->number);
	week_header(b, pl, wk, NULL, false);
	if (!wk->n_sessions)
		buf_puts(b, "<p>No session day falls in this week.</p>\n");
	for (size_t s = 0; s < wk->n_sessions;) {
		size_t n = same_items_run(wk, s);
		shared sh = shared_of(&wk->sessions[s]);
		shared_line(b, &wk->sessions[s], &sh);
		record_table(b, pl, g, &wk->sessions[s], n, &sh);
		s += n;
	}
	if (wk->n_sessions)
		buf_puts(b, "<p>Tick a box for each set you finish. Write the reps you did, your effort (0 to 10) and any pain (0 to 10). "
			    "Pain above 5: stop that exercise.</p>\n");
	walking_line(b, pl, wk);
	stop_box(b, pl->profile);
	buf_puts(b, "</section>\n");
}

/* Which part of a week a page holds: all of it, or (large print, more
 * than eight exercises, contacts in the stop box: week_split) the first
 * or the second half of what to do, the exercises' record or the
 * ticks and walking. */
enum { WHOLE, FIRST, SECOND };

/* "Week 7 of 12: Getting stronger (continued)" */
static void section_more(buf *b, const gradus_plan *pl, const gradus_week *wk,
			 const char *what)
{
	buf t = BUF_INIT;
	buf_printf(b, "<section class=\"page more\" id=\"%s-%d-more\">\n",
		   what[0] == 'y' ? "record" : "week", wk->number);
	buf_printf(&t, "%s (continued)", what);
	week_header(b, pl, wk, t.ptr ? t.ptr : what, false);
	if (t.failed)
		b->failed = true;
	buf_free(&t);
}

/* Large print, page 1 of a week: what to do. */
static void week_what_page(buf *b, const gradus_plan *pl, const guide *g,
			   const gradus_week *wk, int part)
{
	if (part == SECOND)
		section_more(b, pl, wk, wk->phase);
	else {
		buf_printf(b, "<section class=\"page week\" id=\"week-%d\">\n", wk->number);
		week_header(b, pl, wk, NULL, true);
	}
	if (!wk->n_sessions)
		buf_puts(b, "<p>No session day falls in this week.</p>\n");
	for (size_t s = 0; s < wk->n_sessions;) {
		size_t n = same_items_run(wk, s);
		const gradus_session *s0 = &wk->sessions[s];
		shared sh = shared_of(s0);
		size_t mid = (s0->n_items + 1) / 2;
		size_t lo = part == SECOND ? mid : 0, hi = part == FIRST ? mid : s0->n_items;
		if (s > 0) {
			buf_puts(b, "<p><strong>From ");
			put_date(b, s0->date, false);
			buf_puts(b, ":</strong></p>\n");
		}
		if (part != SECOND) {
			shared_line(b, s0, &sh);
			buf_htmlf(b, "<p class=\"what\"><strong>Warm-up</strong>, %d min: ", s0->warmup_min);
			exercise_names(b, g, pl->warmup, pl->n_warmup, s0->n_items > 8);
			buf_puts(b, "</p>\n");
		}
		for (size_t i = lo; i < hi; i++) {
			buf_puts(b, "<p class=\"what\">");
			item_text(b, g, &s0->items[i], i + 1, &sh, false);
			buf_puts(b, "</p>\n");
		}
		if (s0->balance_min && part != FIRST) {
			buf_htmlf(b, "<p class=\"what\"><strong>Balance</strong>, %d min: ", s0->balance_min);
			exercise_names(b, g, s0->balance, s0->n_balance, s0->n_items > 8);
			buf_puts(b, "</p>\n");
		}
		if (part != FIRST) {
			buf_htmlf(b, "<p class=\"what\"><strong>Cool-down</strong>, %d min: ", s0->cooldown_min);
			exercise_names(b, g, pl->cooldown, pl->n_cooldown, s0->n_items > 8);
			buf_puts(b, "</p>\n");
		}
		s += n;
	}
	stop_box(b, pl->profile);
	buf_puts(b, "</section>\n");
}

/* Large print, page 2 of a week: the record. */
static void week_record_page(buf *b, const gradus_plan *pl, const gradus_week *wk, int part)
{
	if (part == SECOND)
		section_more(b, pl, wk, "your record");
	else {
		buf_printf(b, "<section class=\"page record\" id=\"record-%d\">\n", wk->number);
		week_header(b, pl, wk, "your record", false);
	}
	if (!wk->n_sessions)
		buf_puts(b, "<p>No session day falls in this week.</p>\n");
	for (size_t s = 0; s < wk->n_sessions;) {
		size_t n = same_items_run(wk, s);
		if (part != SECOND)
			record_table_large(b, &wk->sessions[s], n);
		if (part != FIRST)
			record_ticks_large(b, &wk->sessions[s], n);
		s += n;
	}
	if (wk->n_sessions && part != SECOND)
		buf_printf(b, "<p>The numbers are the exercises on the %s before. In each box, write the reps you did in that set. "
			      "Effort and pain: 0 to 10. Pain above 5: stop that exercise.</p>\n",
			   part == FIRST ? "two pages" : "page");
	if (part != FIRST)
		walking_line(b, pl, wk);
	stop_box(b, pl->profile);
	buf_puts(b, "</section>\n");
}

/* Cover and helper pages: in normal print, the largest body size from
 * 10.5 down to 8.5 pt at which the page fits one sheet; large print
 * keeps 16 pt and flows on to "continued" pages. */
static void fitted(buf *b, const gradus_plan *pl, const sizes *z,
		   int (*page)(buf *, const gradus_plan *, const sizes *, double))
{
	double body = z->body;
	for (;;) {
		buf t = BUF_INIT;
		int pages = page(&t, pl, z, body);
		if (pages == 1 || t.failed || body - 0.5 < z->min_body) {
			if (t.ptr)
				buf_put(b, t.ptr, t.len);
			if (t.failed)
				b->failed = true;
			buf_free(&t);
			return;
		}
		buf_free(&t);
		body -= 0.5;
	}
}

/* ---- measuring a week page (an estimate, on the wide side) ---- */

/* Height of `n` bytes of HTML from `s` set as lines at `pt`. */
static double frag_mm(const char *s, size_t n, double pt, double lh, double w, bool bold)
{
	buf t = BUF_INIT;
	double h;
	buf_put(&t, s, n);
	h = t.ptr ? text_mm(t.ptr, pt, lh, w, bold) : 0;
	buf_free(&t);
	return h;
}

static size_t count_of(const char *s, const char *end, const char *what)
{
	size_t k = 0;
	for (const char *p = strstr(s, what); p && p < end; p = strstr(p + 1, what))
		k++;
	return k;
}

/* A table of a week page: rows of the first column's text, or of the
 * tick boxes of the first session's first cell, whichever is taller. */
static double table_mm(const char *s, const char *end, const sizes *z, double width)
{
	const char *f = strstr(s, "font-size: ");
	double pt = f && f < end ? atof(f + 11) : z->table;
	double col[2] = {0.4, 0.1}, h = mm_of(8);
	const char *p = s, *head = strstr(s, "</thead>");

	for (int k = 0; k < 2; k++) {
		p = strstr(p, "<col style=\"width:");
		if (!p || p > end)
			break;
		p += 18;
		col[k] = atof(p) / 100;
	}
	for (p = strstr(s, "<tr"); p && p < end; p = strstr(p + 1, "<tr")) {
		const char *rend = strstr(p, "</tr>"), *c = strchr(p, '>');
		const char *c1 = c ? strstr(c, "</t") : NULL;
		double box = z->box_h > 10 ? z->box_w : pt, row, bh;
		double per = floor((col[1] * width - mm_of(4)) / mm_of(box + 4));
		size_t boxes;
		if (!rend || !c1)
			break;
		/* a heading row: its labels in a session's narrowest column */
		row = frag_mm(c + 1, (size_t)(c1 - c - 1), pt, 1.2,
			      (head && p < head ? col[1] : col[0]) * width - mm_of(5), false);
		c1 = strstr(c1 + 1, "<td");
		boxes = c1 && c1 < rend ? count_of(c1, strstr(c1, "</td>"), "class=\"box\"") : 0;
		if (per < 1)
			per = 1;
		bh = z->box_h > 10 ? z->box_h + 6 : pt * 1.5;
		if (boxes && ceil(boxes / per) * mm_of(bh) > row)
			row = ceil(boxes / per) * mm_of(bh);
		h += row + mm_of(4);
	}
	return h;
}

/* Height of a week page written by week_page, week_what_page or
 * week_record_page: its heading, paragraphs, tables and stop box. */
static double week_mm(const char *s, const gradus_profile *pr, const sizes *z)
{
	double width = 210.0 - 2 * z->margin_h, h = 0;

	for (const char *p = s; p && *p;) {
		const char *end;
		if (!strncmp(p, "<h1>", 4)) {
			end = strstr(p, "</h1>");
			h += frag_mm(p + 4, end ? (size_t)(end - p - 4) : 0, z->h1, 1.15, width, true) + mm_of(3);
		} else if (!strncmp(p, "<p", 2)) {
			end = strstr(p, "</p>");
			/* a tick box takes the room of about two letters */
			h += (end ? frag_mm(p, (size_t)(end - p), z->body, z->line, width, false) : 0) +
			     (end ? (double)count_of(p, end, "class=\"box") * 2 * mm_of(z->body * 0.51) / width *
				    mm_of(z->body * z->line) : 0) + mm_of(4);
		} else if (!strncmp(p, "<table", 6)) {
			end = strstr(p, "</table>");
			h += table_mm(p, end ? end : p + strlen(p), z, width) + mm_of(8);
		} else if (!strncmp(p, "<div class=\"stop\"", 17)) {
			h += stop_mm(z, width) + contacts_mm(z, width, pr);
			break;
		}
		end = strchr(p, '\n');
		p = end ? end + 1 : NULL;
	}
	return h;
}

/* A week page with contacts in its stop box may not fit the sheet its
 * layout was made for (tests/data/html/ten-exercises.cfg fills it with
 * the box of the sentence alone): measured with them, a week that would
 * not fit prints in normal print as two pages, what to do and the record,
 * as in large print; in large print as four, each of the two in halves
 * (tests/data/html/ten-exercises-contacts.cfg). Without contacts every
 * week keeps its pages. */
/* The estimate runs above the height Chromium prints. Over every week
 * page of the examples with the longest contacts (tests/data/html/
 * ten-exercises-contacts.cfg's), on A4 and Letter, the printed height
 * is at most 0.914 of week_mm in normal print and 0.952 in large print
 * (pages that fill more than 85 % of the sheet; at least 0.78): a page
 * is measured against the sheet (Letter height) at a ratio above each. */
#define WEEK_RATIO 0.93
#define WEEK_RATIO_LARGE 0.97

static bool week_split(const gradus_plan *pl, const guide *g, const sizes *z, bool large,
		       const gradus_week *wk)
{
	double room = 279.4 - 2 * z->margin_v, k = large ? WEEK_RATIO_LARGE : WEEK_RATIO;
	bool over;
	buf t = BUF_INIT, r = BUF_INIT;

	if (contacts_mm(z, 210.0 - 2 * z->margin_h, pl->profile) <= 0)
		return false;
	if (large) {
		week_what_page(&t, pl, g, wk, WHOLE);
		week_record_page(&r, pl, wk, WHOLE);
	} else
		week_page(&t, pl, g, wk);
	over = week_mm(t.ptr ? t.ptr : "", pl->profile, z) * k > room ||
	       (large && week_mm(r.ptr ? r.ptr : "", pl->profile, z) * k > room);
	buf_free(&t);
	buf_free(&r);
	return over;
}

static void week_pages(buf *b, const gradus_plan *pl, const guide *g, const sizes *z,
		       bool large, const gradus_week *wk)
{
	bool split = week_split(pl, g, z, large, wk);
	if (large && split) {
		week_what_page(b, pl, g, wk, FIRST);
		week_what_page(b, pl, g, wk, SECOND);
		week_record_page(b, pl, wk, FIRST);
		week_record_page(b, pl, wk, SECOND);
	} else if (large || split) {
		week_what_page(b, pl, g, wk, WHOLE);
		week_record_page(b, pl, wk, WHOLE);
	} else
		week_page(b, pl, g, wk);
}

void render_plan_html(buf *b, const gradus_plan *pl,
		      const gradus_render_options *o)
{
	bool large = o && o->large_print;
	const sizes *z = large ? &large_sizes : &normal_sizes;
	guide g;

	doc_start(b, "Strength plan for ", pl->profile->name, z, NULL);
	if (o && o->preface_html) {
		/* made (and escaped) by the library, e.g. gradus review */
		buf_puts(b, "<section class=\"page preface\">\n");
		buf_puts(b, o->preface_html);
		stop_box(b, pl->profile);
		buf_puts(b, "</section>\n");
	}
	guide_make(&g, pl);
	fitted(b, pl, z, cover);
	fitted(b, pl, z, caregiver_page);
	guide_pages(b, pl, z, &g, 0);
	for (size_t w = 0; w < pl->n_weeks; w++) {
		if (w > 0)
			guide_pages(b, pl, z, &g, w);
		week_pages(b, pl, &g, z, large, &pl->weeks[w]);
	}
	therapist_page(b, pl, z, o);
	if (g.failed)
		b->failed = true;
	guide_free(&g);
	doc_end(b);
}

/* ---- screening (a gated profile: no plan) ---- */

/* The next step (words.c), its first sentence in bold; for review and
 * above, where to find the referral sheet. */
static void next_step_html(buf *b, const gradus_screening *s, const gradus_profile *p)
{
	buf t = BUF_INIT;
	char *sp;
	words_next_step(&t, s, p);
	sp = t.ptr ? strstr(t.ptr, ". ") : NULL;
	if (sp) {
		sp[1] = '\0';
		buf_puts(b, "<strong>");
		buf_html(b, t.ptr);
		buf_puts(b, "</strong> ");
		buf_html(b, sp + 2);
	} else
		buf_html(b, t.ptr);
	if (s->tier >= GRADUS_TIER_REVIEW)
		buf_puts(b, " The referral sheet is on the next page.");
	if (t.failed)
		b->failed = true;
	buf_free(&t);
}

static void next_steps(flow *f, const gradus_screening *s, const gradus_profile *p)
{
	buf t = BUF_INIT;
	next_step_html(&t, s, p);
	flow_h2(f, "What to do next", para_mm(f, &t));
	flow_para(f, &t, 0);
	if (s->n_missing && s->tier != GRADUS_TIER_INCOMPLETE) {
		buf_puts(&t, "Also answer these questions with yes or no:");
		flow_para(f, &t, mm_of(f->z->body * f->z->line * 2));
	}
	for (size_t i = 0; i < s->n_missing; i++) {
		buf_htmlf(&t, "%s (red_flags.%s)", gradus_red_flag_question(s->missing[i]),
			  gradus_red_flag_key(s->missing[i]));
		if (t.ptr)
			flow_item(f, t.ptr, true, f->z->body);
		if (t.failed)
			f->b->failed = true;
		buf_free(&t);
	}
}

/* The result for the person; returns the pages it took. */
static int screening_page(buf *b, const gradus_screening *s, const gradus_profile *p,
			  double body)
{
	const char *more, *head = words_headline(s->tier, &more);
	buf title = BUF_INIT, t = BUF_INIT;
	flow f;
	double h = 0;
	char d[11];

	buf_printf(&title, "Screening result for %s, age %d", p->name ? p->name : "(no name)",
		   p->age);
	flow_init(&f, b, p, &screen_sizes, body, "screening",
		  title.ptr ? title.ptr : "Screening result");
	if (s->tier == GRADUS_TIER_EMERGENCY) {
		buf call = BUF_INIT;
		words_call_now(&call, p);
		buf_htmlf(&t, "<p class=\"banner\">%s</p>\n", call.ptr ? call.ptr : "");
		if (call.failed)
			t.failed = true;
		buf_free(&call);
		h += text_mm(t.ptr ? t.ptr : "", 28, 1.3, f.width - mm_of(28), true) + mm_of(24);
	}
	buf_htmlf(&t, "<h1>%s</h1>\n<p class=\"sub\">", title.ptr ? title.ptr : "");
	h += text_mm(title.ptr ? title.ptr : "", f.z->h1, 1.15, f.width, true) + mm_of(3);
	if (gradus_date_is_set(s->as_of)) {
		gradus_date_format(s->as_of, d);
		buf_htmlf(&t, "As of %s. ", d);
	}
	buf_puts(&t, "No exercise plan was made. This is not a diagnosis.</p>\n");
	h += 2 * mm_of(f.z->body * f.z->line);
	buf_htmlf(&t, "<p class=\"result\">Result: %s. %s</p>\n", head, more);
	h += lines_of(strlen(head) + strlen(more) + 10, f.z->body, f.width - mm_of(16), true) *
		     mm_of(f.z->body * f.z->line) + mm_of(12);
	flow_block(&f, &t, h, 0);
	flow_h2(&f, "What we found", mm_of(f.z->body * f.z->line * 2));
	if (s->n_findings == 0)
		flow_item(&f, "Nothing that stops or changes the plan.", false, f.z->body);
	for (size_t i = 0; i < s->n_findings; i++) {
		const gradus_finding *fi = &s->findings[i];
		buf_htmlf(&t, "%s <span class=\"small\">[%s, %s, %s", fi->rule->person,
			  fi->rule->id, gradus_tier_name(fi->rule->tier), fi->rule->source);
		if (fi->detail)
			buf_htmlf(&t, "; %s", fi->detail);
		buf_puts(&t, "]</span>");
		if (t.ptr)
			flow_item(&f, t.ptr, true, f.z->body);
		if (t.failed)
			b->failed = true;
		buf_free(&t);
	}
	next_steps(&f, s, p);
	flow_close(&f);
	if (title.failed)
		b->failed = true;
	buf_free(&title);
	return f.pages;
}

void render_screening_html(buf *b, const gradus_screening *s,
			   const gradus_profile *p)
{
	const sizes *z = &screen_sizes;

	doc_start(b, "Screening result for ", p->name, z,
		  s->tier >= GRADUS_TIER_REVIEW ? referral_css : NULL);
	/* the largest body size from 12 down to 10 pt that fits one page */
	for (double body = z->body;; body -= 0.5) {
		buf t = BUF_INIT;
		int pages = screening_page(&t, s, p, body);
		if (pages == 1 || t.failed || body - 0.5 < z->min_body) {
			if (t.ptr)
				buf_put(b, t.ptr, t.len);
			if (t.failed)
				b->failed = true;
			buf_free(&t);
			break;
		}
		buf_free(&t);
	}
	if (s->tier >= GRADUS_TIER_REVIEW) {
		buf_puts(b, "<section class=\"page referral\">\n");
		if (render_referral_body_html(b, s, p) != GRADUS_OK)
			b->failed = true;
		buf_puts(b, "</section>\n");
	}
	doc_end(b);
}
