/* Putting the VMX library back as it was at boot (for `reset`): every VMCS
 * cleared and forgotten, the memory of those `vmcs new` made freed, VMX off
 * and its region freed, the exit history forgotten. Prints nothing. */
#ifndef VMX_RESET_H
#define VMX_RESET_H
#include <stdbool.h>
#include <stdint.h>
#include "ops.h"

struct vmx_reset_report {
	unsigned vmcs_cleared;     /* VMCLEAR succeeded */
	unsigned vmcs_freed;       /* made by vmcs new: VMCS and L2 memory freed */
	unsigned vmcs_forgotten;   /* loaded by hand: forgotten, memory left alone */
	unsigned pages_freed;      /* VMCS pages, L2 memory, EPT, VMXON region */
	bool was_on;               /* VMXOFF was run */
	struct vmx_result off;     /* its result */
	struct vmx_result clear_fail; /* the first VMCLEAR that failed, if any */
	uint64_t clear_fail_pa;
	unsigned exits_forgotten;  /* VM entries in the history */
	bool exact_was_on;         /* `exact on` was set: now off, the default */
};

struct vmx_reset_report vmx_reset(void);
#endif
