/* What `vmx caps`, `ctl` and `vmcs dump` show beside the raw numbers: the
 * setting the capability MSRs allow for one control bit, the names of the
 * VMX capability MSRs, and the decoded form of a VMCS field's value.
 *
 * Prints nothing and touches no hardware: the caller reads the MSRs and
 * the fields.
 */
#ifndef VMX_DUMP_H
#define VMX_DUMP_H
#include <stdbool.h>
#include <stdint.h>

#include "caps.h"

/* The setting the capability MSR of kind k allows for one bit (SDM A.3-A.5):
 * "must-be-1", "must-be-0", "free" or "contradictory". A kind the CPU does
 * not offer has every bit must-be-0. */
const char *vmx_ctl_bit_setting(const struct vmx_caps *c, enum ctl_kind k,
				unsigned bit);

/* The secondary and tertiary processor-based and the secondary VM-exit
 * controls take effect only while a bit of another control field is 1
 * (SDM 25.6.2, 25.7.1): sets *parent and *bit for those kinds; false for
 * the kinds that are always in force. */
bool vmx_ctl_activation(enum ctl_kind k, enum ctl_kind *parent,
			unsigned *bit);

/* "IA32_VMX_TRUE_PINBASED_CTLS" for 0x48d; NULL for an MSR that is not a
 * VMX capability MSR. */
const char *vmx_msr_name(uint32_t msr);

/* What a field's decoded form depends on besides its own value: the exit
 * reason (for EXIT_QUALIFICATION and VMX_INSTRUCTION_INFO) and the VM-exit
 * interruption information (the vector of an exception's qualification). */
struct vmx_field_ctx {
	uint32_t exit_reason;
	uint32_t exit_intr_info;
};

/* The decoded form of value as field enc holds it, e.g. "HLT_EXITING,
 * USE_IO_BITMAPS" for CPU_BASED_VM_EXEC_CONTROL or "code exec/read
 * accessed, DPL 0, P, L, G" for GUEST_CS_AR_BYTES. Writes "" and returns 0
 * for a field without one (or a value that decodes to nothing). Returns
 * the length it wanted, like snprintf. */
int vmx_field_decode(uint32_t enc, uint64_t value,
		     const struct vmx_field_ctx *ctx, char *buf, int size);
#endif
