/*
 * gradus/gradus.h - umbrella header of libgradus.
 *
 * libgradus turns an exercise catalogue and a person's profile (libconfig
 * files) into a gradual week-by-week strength plan, after screening the
 * profile for red flags. The library never prints and never exits: every
 * function returns a GRADUS_* code and reports problems through a
 * gradus_diags list the caller passes in. Objects returned through an
 * `out` parameter belong to the caller and have a matching _free function
 * that accepts NULL; pointers returned directly are borrowed from their
 * parent object.
 */
#ifndef GRADUS_GRADUS_H
#define GRADUS_GRADUS_H

#define GRADUS_VERSION "0.1.0"

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
