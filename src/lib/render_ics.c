/* iCalendar renderer: placeholder replaced by the ICS work (issue 5). */
#include "render.h"

void render_plan_ics(buf *b, const gradus_plan *pl)
{
	(void)pl;
	b->failed = true;
}

void render_screening_ics(buf *b, const gradus_screening *s,
			  const gradus_profile *p)
{
	(void)s;
	(void)p;
	b->failed = true;
}
