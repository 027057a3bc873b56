/*
 * gradus/gradus.h - umbrella header of libgradus.
 *
 * libgradus turns an exercise catalogue and a person's profile (libconfig
 * files) into a gradual week-by-week strength plan, after screening the
 * profile for red flags. The library never prints and never exits: every
 * function returns a GRADUS_* code and reports problems through a
 * gradus_diags list the caller passes in (or NULL, to drop them).
 * Objects returned through an `out` parameter belong to the caller and
 * have a matching _free function that accepts NULL; on failure *out is
 * NULL. Rendered text (`char **out`) is malloc'd: the caller frees it
 * with free(). Pointers returned directly are borrowed from their parent
 * object (valid until it is freed), or static (names: never freed). Each
 * header says, function by function, what may be NULL and which GRADUS_*
 * codes come back.
 */
#ifndef GRADUS_GRADUS_H
#define GRADUS_GRADUS_H

#define GRADUS_VERSION "0.1.0"

#include "booklet.h"
#include "catalogue.h"
#include "check.h"
#include "date.h"
#include "diag.h"
#include "log.h"
#include "plan.h"
#include "profile.h"
#include "review.h"
#include "screen.h"
#include "template.h"
#include "vocab.h"

#endif
