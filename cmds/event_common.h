/* What the event commands (inject, guest idt/if/block/activity, vapic)
 * share: a VMCS field written and shown as vmread shows it. */
#ifndef CMDS_EVENT_COMMON_H
#define CMDS_EVENT_COMMON_H
#include <stdbool.h>
#include <stdint.h>

/* VMWRITE of enc, then "NAME = 0x%016llx" of what the field holds now;
 * prints the error line itself (cmd names the command) and returns false
 * when the VMWRITE fails. */
bool event_write_show(const char *cmd, uint32_t enc, uint64_t value);
/* "NAME = 0x%016llx" of a field; false with the error line when the
 * VMREAD fails. *value gets the field (may be NULL). */
bool event_read_show(const char *cmd, uint32_t enc, uint64_t *value);

struct vmx_exit;
/* "L2 event  vector 13 (#GP) error 0x10, return rip=..." when e is the
 * VMCALL of L2's report handlers (guest idt report); nothing otherwise. */
void print_l2_event(const struct vmx_exit *e);
#endif
