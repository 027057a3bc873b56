/* Shared helpers of the unit tests. */
#ifndef GRADUS_TEST_HELPERS_H
#define GRADUS_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "gradus/gradus.h"

/* All diagnostics as printed by gradus_diags_print (malloc'd). */
char *diags_text(const gradus_diags *d);
/* Built-in catalogue and templates, loaded once per test binary. */
const gradus_catalogue *test_catalogue(void);
const gradus_templates *test_templates(void);
/* Reads a whole file (malloc'd, NUL-terminated), or NULL. */
char *read_text(const char *path);
/* Loads a profile from text; fails the test on errors unless expect_ok
 * is false, in which case *d keeps the errors. */
gradus_profile *profile_from(const char *text, gradus_diags *d);
/* The shipped example profiles (all eight), and those that get a plan
 * (all but the suspected-neurogenic one). */
extern const char *const example_profiles[];
extern const size_t n_example_profiles;
extern const char *const plannable_profiles[];
extern const size_t n_plannable_profiles;

/* A complete, valid profile text with every red flag answered no;
 * tests change it with replace(). */
extern const char *const clean_profile;
/* Copy of `text` with the first `from` replaced by `to` (malloc'd); the
 * test fails when `from` is not found. */
char *replace(const char *text, const char *from, const char *to);

#endif
