/* What the VMX command files share: argument checks and the one way a VMX
 * result or an exit is printed. */
#ifndef CMDS_VMX_COMMON_H
#define CMDS_VMX_COMMON_H
#include <stdbool.h>
#include "../vmx/vmx.h"
#include "../vmx/run.h"
#include "../vmx/vmcs_field.h"
#include "../monitor/cmd.h"

/* Prints "error: this CPU has no VMX ..." and returns false without VMX. */
bool need_vmx(void);
/* Also requires VMX operation; prints why not. */
bool need_vmx_on(void);
/* Also requires a current VMCS; prints why not. */
struct vmcs_obj *need_current(void);
/* Prints a failed result as one "error: " line; what names the operation. */
void print_vmx_error(const char *what, struct vmx_result r);
/* The exit line of design.md (plus the Ctrl-C and step notes). */
void print_exit_line(const struct vmx_exit *e);
/* The exit line without its newline ("VM-exit: ...", "VM-entry failed: ...");
 * false when there is none. */
bool exit_line_format(const struct vmx_exit *e, char *buf, size_t size);
/* Parses FIELD (name, alias or encoding); prints the error itself. */
bool parse_field(const char *s, struct vmcs_field *f);
/* Parses a number; prints "error: CMD: bad number 'S'" itself. */
bool parse_num(const char *cmd, const char *s, uint64_t *v);
/* Completion of VMCS field names for any argument position argi == 0. */
void complete_field(int argi, const char *prefix, complete_add_fn add, void *ctx);
#endif
