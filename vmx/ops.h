/* The VMX instructions, each returning one result type: ok, VMfailInvalid,
 * VMfailValid(n) or a fault with its vector (SDM 31.2 conventions). Callers
 * switch on it; nobody re-reads RFLAGS. */
#ifndef VMX_OPS_H
#define VMX_OPS_H
#include <stddef.h>
#include <stdint.h>
#include "../monitor/trap.h"

enum vmx_status { VMX_OK, VMX_FAIL_INVALID, VMX_FAIL_VALID, VMX_FAULT };

struct vmx_result {
	enum vmx_status status;
	uint32_t error;           /* VM-instruction error, for VMX_FAIL_VALID */
	struct fault_info fault;  /* for VMX_FAULT */
};

static inline struct vmx_result vmx_result_ok(void)
{
	return (struct vmx_result){ VMX_OK, 0, { -1, 0, 0, 0 } };
}

struct vmx_result vmx_on(uint64_t pa);
struct vmx_result vmx_off(void);
struct vmx_result vmx_clear(uint64_t pa);
struct vmx_result vmx_ptrld(uint64_t pa);
struct vmx_result vmx_ptrst(uint64_t *pa);
/* The one VMCS accessor pair. A VMREAD that fails leaves *val 0. */
struct vmx_result vmx_read(uint64_t enc, uint64_t *val);
/* A field of the current VMCS, or 0 where it cannot be read (no such
 * field on this CPU): for code that only tests bits. */
uint64_t vmx_read_or_zero(uint64_t enc);
struct vmx_result vmx_write(uint64_t enc, uint64_t val);
/* INVEPT and INVVPID (SDM 31.3) with a 128-bit descriptor {lo, hi}: for
 * INVEPT lo is the EPTP and hi must be 0; for INVVPID lo holds the VPID in
 * bits 15:0 (63:16 reserved) and hi the linear address. */
struct vmx_result vmx_invept(uint64_t type, uint64_t lo, uint64_t hi);
struct vmx_result vmx_invvpid(uint64_t type, uint64_t lo, uint64_t hi);
/* Writes each {field, value} pair in order, stopping at the first VMWRITE
 * that fails; its result, or ok. */
struct vmx_result vmx_write_all(const uint64_t (*kv)[2], size_t n);
#define VMX_WRITE_ALL(kv) vmx_write_all(kv, sizeof(kv) / sizeof((kv)[0]))
#endif
