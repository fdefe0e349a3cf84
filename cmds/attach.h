/* What the command files of the VMX memory structures share: printing an
 * attach result, ranges of ports or MSRs, and the "on"/"off" of a control. */
#ifndef CMDS_ATTACH_H
#define CMDS_ATTACH_H
#include <stdbool.h>
#include <stdint.h>
#include "../vmx/structs.h"

/* Prints the one error line of a failed attach (cmd: the command); false
 * then, true when a is ok. */
bool attach_ok(const char *cmd, struct attach a);
/* "FIRST" or "FIRST-LAST" (FIRST <= LAST <= max); prints the error itself. */
bool parse_range(const char *cmd, const char *s, uint64_t max, uint64_t *first, uint64_t *last);
/* Whether bit of control kind is 1 in the current VMCS. */
bool ctl_is_set(enum ctl_kind kind, unsigned bit);
#endif
