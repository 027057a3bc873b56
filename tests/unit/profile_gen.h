/* A seeded, reproducible generator of random but valid profile texts
 * (docs/formats.md), for the property test and the benchmark.
 *
 * No rand() and no clock: profile number `index` of the run `seed` is
 * always the same text, whatever was generated before it, so a failure
 * can be replayed from (seed, index) alone. */
#ifndef GRADUS_TEST_PROFILE_GEN_H
#define GRADUS_TEST_PROFILE_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "gradus/gradus.h"

/* splitmix64: tiny, fast, and good enough for test data. */
typedef struct {
	uint64_t state;
} pgen_rng;

/* The stream of profile `index` of the run `seed`. */
void pgen_rng_init(pgen_rng *r, uint64_t seed, uint64_t index);
uint64_t pgen_next(pgen_rng *r);
/* Uniform in [0, n) (n > 0) and in [lo, hi]. */
unsigned pgen_below(pgen_rng *r, unsigned n);
int pgen_range(pgen_rng *r, int lo, int hi);
/* True with the given chance in percent. */
bool pgen_chance(pgen_rng *r, unsigned percent);

/* What the generator wrote, for checks that must not depend on the
 * loader reading it back. */
typedef struct {
	uint32_t rf_yes;         /* bit (1u << gradus_red_flag) answered true */
	uint32_t rf_missing;     /* bit set: question left out */
	bool red_flags_omitted;  /* the whole red_flags group left out */
	bool has_program_template;
} pgen_info;

/* A valid profile text (malloc'd, free with free()). `cat` and `tpl`
 * supply existing exercise ids for setup.exclude and template ids for
 * program.template; either may be NULL (then those keys are not
 * written). `info` may be NULL. Returns NULL when out of memory. */
char *pgen_profile(uint64_t seed, uint64_t index, const gradus_catalogue *cat,
		   const gradus_templates *tpl, pgen_info *info);

/* Profile `index` of the run `seed`, loaded (under the name
 * PREFIX-INDEX.cfg) into *p and screened into *s; each NULL when it did
 * not get that far (free both). `d` is cleared first. True when the
 * profile may get a plan: it loaded and screening's tier is at most
 * precautions. */
bool pgen_screened(uint64_t seed, uint64_t index, const char *prefix,
		   const gradus_catalogue *cat, const gradus_templates *tpl,
		   gradus_diags *d, gradus_profile **p, gradus_screening **s);

#endif
