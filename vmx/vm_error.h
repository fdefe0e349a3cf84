/* VM-instruction errors: the table of vm_errors.def (SDM Vol. 3C 31.4).
 *
 * After VMfailValid the current VMCS's VM-instruction error field
 * (VM_INSTRUCTION_ERROR) holds one of these numbers.
 * Pure code: prints nothing; freestanding or host (-DHOST_TEST).
 */
#ifndef VMX_VM_ERROR_H
#define VMX_VM_ERROR_H
#include <stdbool.h>
#include <stddef.h>

/* VMXERR_UNSUPPORTED_VMCS_COMPONENT = 12, ... as in Linux. */
enum vm_error_number {
#define VM_ERROR(name, num, text) VMXERR_##name = num,
#include "vm_errors.def"
#undef VM_ERROR
};

#define VM_ERROR_UNKNOWN_TEXT "unknown VM-instruction error"

struct vm_error_info {
	unsigned number;
	const char *name; /* Linux's name without VMXERR_ */
	const char *text; /* the SDM's words */
};

size_t vm_error_count(void);
const struct vm_error_info *vm_error_at(size_t i); /* NULL past the end */

/* The SDM's text, or VM_ERROR_UNKNOWN_TEXT. */
const char *vm_error_text(unsigned number);

/* The command language's form: "VMfailValid(7): VM entry with invalid
 * control field(s)". Returns the length it wanted, like snprintf. */
int vm_error_format(unsigned number, char *buf, size_t size);
#endif
