/* What makes the current VMCS differ from what `vmcs new` builds for the
 * same L2: the fields to write so that a fresh `vmcs new` becomes this
 * VMCS again. Host-state fields (the monitor's own) and read-only fields
 * are never part of it. Prints nothing. */
#ifndef VMX_VMCS_SAVE_H
#define VMX_VMCS_SAVE_H
#include <stdbool.h>
#include <stdint.h>
#include "ops.h"

typedef void (*vmcs_save_fn)(void *ctx, uint32_t enc, uint64_t value);

enum vmcs_save_status {
	VMCS_SAVE_OK,
	VMCS_SAVE_NO_L2,     /* the VMCS was loaded by hand: no defaults known */
	VMCS_SAVE_NO_MEMORY, /* no page for the scratch VMCS */
	VMCS_SAVE_VMX_FAILED /* a VMX instruction failed: see *r */
};

/* Calls fn for every writable guest-state and control field whose value
 * differs from the defaults (all: every such field the CPU has). The
 * defaults come from a scratch VMCS filled as `vmcs new` fills one for the
 * same L2; the current VMCS is current again afterwards. */
enum vmcs_save_status vmcs_save(bool all, vmcs_save_fn fn, void *ctx, struct vmx_result *r);
#endif
