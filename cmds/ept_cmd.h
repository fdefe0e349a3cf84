/* What the EPT command files (ept.c, ept_map.c, gmem.c) share. */
#ifndef CMDS_EPT_CMD_H
#define CMDS_EPT_CMD_H
#include <stdbool.h>
#include <stdint.h>
#include "../vmx/ept.h"

/* The current VMCS's EPT_POINTER; prints the error itself. */
bool ept_current(const char *cmd, uint64_t *eptp);
/* "PTE   0x... at 0x... [ 32]: r-x WB -> page 0x..." */
void ept_print_entry(int level, uint64_t e, uint64_t at, unsigned index);
/* The last line of a walk: the translation, or why there is none; false
 * (after an error line) when the walk could not be done. */
bool ept_print_walk_end(const char *cmd, uint64_t gpa, const struct ept_walk *w);
/* Prints the error line of an edit that failed; true when it did not. */
bool ept_edit_ok(const char *cmd, uint64_t gpa, const struct ept_edit *ed);
#endif
