/* FHIR renderer: placeholder replaced by the FHIR work (issue 5). */
#include <cjson/cJSON.h>

#include "render.h"

cJSON *render_plan_fhir(const gradus_plan *pl)
{
	(void)pl;
	return NULL;
}

cJSON *render_screening_fhir(const gradus_screening *s, const gradus_profile *p)
{
	(void)s;
	(void)p;
	return NULL;
}
