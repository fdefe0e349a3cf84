/* What the VMX command files share: the needs their CMD() entries name,
 * argument parsing, and the one way a VMX result or an exit is printed. */
#ifndef CMDS_VMX_COMMON_H
#define CMDS_VMX_COMMON_H
#include <stdbool.h>
#include "../vmx/vmx.h"
#include "../vmx/run.h"
#include "../vmx/vmcs_field.h"
#include "../monitor/cmd.h"
#include "args.h"

/* The needs of the VMX commands, each including the one before: a CPU
 * with VMX, VMX operation, a current VMCS. The registry checks them before
 * the handler runs, so a handler with NEEDS_VMCS has vmcs_current(). */
extern const struct cmd_need cmd_need_vmx, cmd_need_vmxon, cmd_need_vmcs;
#define NEEDS_VMX (&cmd_need_vmx)
#define NEEDS_VMXON (&cmd_need_vmxon)
#define NEEDS_VMCS (&cmd_need_vmcs)
/* Prints a failed result as one "error: " line; what names the operation. */
void print_vmx_error(const char *what, struct vmx_result r);
/* The exit line of design.md (plus the Ctrl-C and step notes). */
void print_exit_line(const struct vmx_exit *e);
/* The exit line without its newline ("VM-exit: ...", "VM-entry failed: ...");
 * false when there is none. */
bool exit_line_format(const struct vmx_exit *e, char *buf, size_t size);
/* Parses FIELD (name, alias or encoding); prints the error itself, and a
 * warning for a raw encoding that is not well formed. */
bool parse_field(const char *s, struct vmcs_field *f);
/* Completion of VMCS field names for any argument position argi == 0. */
void complete_field(int argi, const char *prefix, complete_add_fn add, void *ctx);
#endif
