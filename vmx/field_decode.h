/* The decoded form of a VMCS field's value, as `vmcs dump` shows it beside
 * the raw number: control bits by name, segment access rights, the
 * interruption information, the exit reason and qualification, ...
 *
 * Pure code: prints nothing and touches no hardware; the caller reads the
 * fields.
 */
#ifndef VMX_FIELD_DECODE_H
#define VMX_FIELD_DECODE_H
#include <stddef.h>
#include <stdint.h>

/* What a field's decoded form depends on besides its own value: the exit
 * reason (for EXIT_QUALIFICATION and VMX_INSTRUCTION_INFO), the VM-exit
 * interruption information (the vector of an exception's qualification)
 * and the exit qualification (whether an I/O exit has instruction
 * information). */
struct vmx_field_ctx {
	uint32_t exit_reason;
	uint32_t exit_intr_info;
	uint64_t exit_qual;
};

/* The decoded form of value as field enc holds it, e.g. "HLT_EXITING,
 * USE_IO_BITMAPS" for CPU_BASED_VM_EXEC_CONTROL or "code exec/read
 * accessed, DPL 0, P, L, G" for GUEST_CS_AR_BYTES. Writes "" and returns 0
 * for a field without one (or a value that decodes to nothing). Returns
 * the length it wanted, like snprintf. */
int vmx_field_decode(uint32_t enc, uint64_t value,
		     const struct vmx_field_ctx *ctx, char *buf, size_t size);
#endif
