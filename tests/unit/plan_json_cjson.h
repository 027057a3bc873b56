/* The plan as a cJSON tree: the reference of the streaming writer's
 * bytes (plan_json_cjson.c). */
#ifndef GRADUS_TEST_PLAN_JSON_CJSON_H
#define GRADUS_TEST_PLAN_JSON_CJSON_H

#include <cjson/cJSON.h>

#include "gradus/plan.h"

/* The gradus-plan/2 document as a tree (free with cJSON_Delete); NULL
 * when out of memory. */
cJSON *plan_json_cjson(const gradus_plan *pl);

#endif
