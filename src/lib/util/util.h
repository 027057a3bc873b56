/* Internal: small helpers with no knowledge of the domain, shared by
 * every stage of the library. */
#ifndef GRADUS_UTIL_H
#define GRADUS_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/diag.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Sorted list of "*.cfg" files in a directory (malloc'd, free with
 * free_names). Returns 0, or -1 with errno set. */
int list_cfg_files(const char *dir, char ***out, size_t *out_n);
void free_names(char **names, size_t n);

/* Appends every entry of `from` to `to`, in order, and empties `from`
 * (its entries move; nothing is copied). `to` NULL: `from` is only
 * emptied; `from` NULL: nothing is done. When `to` cannot grow, `from`
 * is emptied and `to` keeps the out-of-memory marker. (diag.c) */
void diags_move(gradus_diags *to, gradus_diags *from);

#endif
