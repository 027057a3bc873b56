/*
 * fuzz/fuzz.h - shared by the gradus fuzz harnesses.
 *
 * Every harness is a plain LLVMFuzzerTestOneInput(), with no other
 * libFuzzer API, so the same source links with libFuzzer
 * (-fsanitize=fuzzer), with AFL++ (afl-clang-fast -fsanitize=fuzzer, or
 * the replay driver below reading @@), or with replay.c, the small main()
 * that feeds every file of a folder to the harness as an ordinary test.
 */
#ifndef GRADUS_FUZZ_H
#define GRADUS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "gradus/gradus.h"

/* Inputs larger than this are ignored (the shipped files are < 50 KiB). */
#define FUZZ_MAX_INPUT (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a malloc'd NUL-terminated string (a NUL byte inside the
 * input ends the text early, as it would for a C caller). NULL when the
 * input is larger than FUZZ_MAX_INPUT or memory runs out. */
char *fuzz_text(const uint8_t *data, size_t size);

/* The built-in catalogue and templates, loaded on first use and kept for
 * the life of the process (so they are reachable, not leaked). */
const gradus_catalogue *fuzz_builtin_catalogue(void);
const gradus_templates *fuzz_builtin_templates(void);

/* abort() with a message: a broken invariant is a finding. */
void fuzz_fail(const char *what);

#endif
