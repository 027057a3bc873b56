/* HTML renderer: placeholder replaced by the HTML work (issue 5). */
#include "render.h"

void render_plan_html(buf *b, const gradus_plan *pl,
		      const gradus_render_options *o)
{
	(void)pl;
	(void)o;
	b->failed = true;
}

void render_screening_html(buf *b, const gradus_screening *s,
			   const gradus_profile *p)
{
	(void)s;
	(void)p;
	b->failed = true;
}
