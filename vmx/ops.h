/* The VMX instructions, each returning one result type: ok, VMfailInvalid,
 * VMfailValid(n) or a fault with its vector (SDM 31.2 conventions). Callers
 * switch on it; nobody re-reads RFLAGS. */
#ifndef VMX_OPS_H
#define VMX_OPS_H
#include <stdint.h>
#include "../monitor/trap.h"

enum vmx_status { VMX_OK, VMX_FAIL_INVALID, VMX_FAIL_VALID, VMX_FAULT };

struct vmx_result {
	enum vmx_status status;
	uint32_t error;           /* VM-instruction error, for VMX_FAIL_VALID */
	struct fault_info fault;  /* for VMX_FAULT */
};

#define VMCS_VM_INSTRUCTION_ERROR 0x4400

struct vmx_result vmx_on(uint64_t pa);
struct vmx_result vmx_off(void);
struct vmx_result vmx_clear(uint64_t pa);
struct vmx_result vmx_ptrld(uint64_t pa);
struct vmx_result vmx_ptrst(uint64_t *pa);
struct vmx_result vmx_read(uint64_t enc, uint64_t *val);
struct vmx_result vmx_write(uint64_t enc, uint64_t val);

/* VMREAD for the exit path, where VMX is on and a VMCS is current: no
 * fault region (the shell's catches the impossible), 0 on VMfail. */
static inline uint64_t vmcs_peek(uint64_t enc)
{
	uint64_t v = 0;
	__asm__ volatile("vmread %1, %0" : "+r"(v) : "r"(enc) : "cc");
	return v;
}

static inline void vmcs_poke(uint64_t enc, uint64_t val)
{
	__asm__ volatile("vmwrite %1, %0" ::"r"(enc), "r"(val) : "cc");
}

/* Reads a field known to exist; 0 when the read fails. */
uint64_t vmcs_get(uint64_t enc);
/* Writes a field; returns the result for callers that care. */
struct vmx_result vmcs_set(uint64_t enc, uint64_t val);
#endif
