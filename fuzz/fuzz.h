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

/* The names, in the harness's private temporary folder, of the file the
 * input is written to and of the file it may @include (below). */
#define FUZZ_MAIN "fuzz.cfg"
#define FUZZ_INCLUDED "inc.cfg"
/* A line that splits one input into two files: the bytes before it are
 * the main file, the bytes after it inc.cfg (so that one input, e.g. a
 * regression, can carry a file it @includes). */
#define FUZZ_SPLIT "#==> inc.cfg <==\n"

/* The input as a file on disk, read by the library's file loaders as the
 * gradus command reads a file: its exact bytes, NUL bytes included, are
 * written to FUZZ_MAIN in a private temporary folder (mkdtemp, made on
 * the first call, removed at exit), and the path is returned. A
 * relative `@include "NAME"` resolves in that folder, which holds:
 *  - inc.cfg: the bytes after the first FUZZ_SPLIT line (at the start of
 *    the input or after a '\n'), when there is one; those before it are
 *    then the main file. No such line: there is no inc.cfg;
 *  - nul.cfg: "# c \0 h\n@include \".\"\n" (a NUL byte that hid an
 *    @include of a folder from the pre-scan, issue 15);
 *  - empty.cfg: an empty file; self.cfg: `@include "self.cfg"`;
 *  - dir: a folder; loop.cfg: a symbolic link to itself;
 *  - dev, proc: links to /dev and /proc. libconfig joins the folder of
 *    the main file and an @include path even when the path is absolute,
 *    so "/dev/zero" is opened as FOLDER//dev/zero: the links keep the
 *    system's special files within reach, as a string loader (no
 *    folder) or a main file named without a '/' has them.
 * NULL when the input is larger than FUZZ_MAX_INPUT. A file that cannot
 * be written aborts with "fuzz: setup failed" (not a finding). */
const char *fuzz_input_file(const uint8_t *data, size_t size);

/* The built-in catalogue and templates, loaded on first use and kept for
 * the life of the process (so they are reachable, not leaked). */
const gradus_catalogue *fuzz_builtin_catalogue(void);
const gradus_templates *fuzz_builtin_templates(void);

/* abort() with a message: a broken invariant is a finding. */
void fuzz_fail(const char *what);

#endif
