/* VMX instruction wrappers. Each runs inside a fault region (a VMX
 * instruction outside VMX operation raises #UD, a bad operand #GP) and
 * turns CF/ZF into the result (SDM 31.2: CF=1 VMfailInvalid, ZF=1
 * VMfailValid with the number in the VM-instruction error field). */
#include "ops.h"
#include "vmcs_field.h"

#define RFLAGS_CF (1u << 0)
#define RFLAGS_ZF (1u << 6)

static struct vmx_result from_flags(uint64_t fl)
{
	struct vmx_result r = vmx_result_ok();
	if (fl & RFLAGS_CF) {
		r.status = VMX_FAIL_INVALID;
	} else if (fl & RFLAGS_ZF) {
		uint64_t e = 0;
		r.status = VMX_FAIL_VALID;
		__asm__ volatile("vmread %1, %0" : "=rm"(e)
				 : "r"((uint64_t)VM_INSTRUCTION_ERROR) : "cc");
		r.error = (uint32_t)e;
	}
	return r;
}

static struct vmx_result from_fault(const struct fault_jmp *j)
{
	struct vmx_result r = { VMX_FAULT, 0, j->info };
	return r;
}

/* Runs one instruction with a memory operand at *opnd (a physical
 * address, which the identity map makes a pointer too). */
#define VMX_MEM_OP(name, insn)                                         \
	struct vmx_result name(uint64_t pa)                            \
	{                                                              \
		struct fault_jmp j;                                    \
		uint64_t fl, opnd = pa;                                \
		if (fault_try(&j))                                     \
			return from_fault(&j);                         \
		__asm__ volatile(insn " %1; pushfq; popq %0"           \
				 : "=r"(fl) : "m"(opnd) : "cc", "memory"); \
		fault_end(&j);                                         \
		return from_flags(fl);                                 \
	}
VMX_MEM_OP(vmx_on, "vmxon")
VMX_MEM_OP(vmx_clear, "vmclear")
VMX_MEM_OP(vmx_ptrld, "vmptrld")

struct vmx_result vmx_off(void)
{
	struct fault_jmp j;
	uint64_t fl;
	if (fault_try(&j))
		return from_fault(&j);
	__asm__ volatile("vmxoff; pushfq; popq %0" : "=r"(fl) :: "cc", "memory");
	fault_end(&j);
	return from_flags(fl);
}

struct vmx_result vmx_ptrst(uint64_t *pa)
{
	struct fault_jmp j;
	uint64_t fl, v = 0;
	if (fault_try(&j))
		return from_fault(&j);
	__asm__ volatile("vmptrst %1; pushfq; popq %0" : "=r"(fl), "=m"(v) :: "cc", "memory");
	fault_end(&j);
	*pa = v;
	return from_flags(fl);
}

/* INVEPT/INVVPID: a register operand (the type) and a 128-bit descriptor. */
#define VMX_INV_OP(name, insn)                                                 \
	struct vmx_result name(uint64_t type, uint64_t lo, uint64_t hi)        \
	{                                                                      \
		struct fault_jmp j;                                            \
		uint64_t fl, desc[2] = { lo, hi };                             \
		if (fault_try(&j))                                             \
			return from_fault(&j);                                 \
		__asm__ volatile(insn " %1, %2; pushfq; popq %0"               \
				 : "=r"(fl) : "m"(desc), "r"(type) : "cc", "memory"); \
		fault_end(&j);                                                 \
		return from_flags(fl);                                         \
	}
VMX_INV_OP(vmx_invept, "invept")
VMX_INV_OP(vmx_invvpid, "invvpid")

struct vmx_result vmx_read(uint64_t enc, uint64_t *val)
{
	struct fault_jmp j;
	uint64_t fl, v = 0;
	*val = 0;
	if (fault_try(&j))
		return from_fault(&j);
	__asm__ volatile("vmread %2, %1; pushfq; popq %0"
			 : "=r"(fl), "=r"(v) : "r"(enc) : "cc");
	fault_end(&j);
	*val = v;
	return from_flags(fl);
}

uint64_t vmx_read_or_zero(uint64_t enc)
{
	uint64_t v = 0;
	if (vmx_read(enc, &v).status != VMX_OK)
		v = 0;
	return v;
}

struct vmx_result vmx_write(uint64_t enc, uint64_t val)
{
	struct fault_jmp j;
	uint64_t fl;
	if (fault_try(&j))
		return from_fault(&j);
	__asm__ volatile("vmwrite %2, %1; pushfq; popq %0"
			 : "=r"(fl) : "r"(enc), "r"(val) : "cc");
	fault_end(&j);
	return from_flags(fl);
}

struct vmx_result vmx_write_all(const uint64_t (*kv)[2], size_t n)
{
	struct vmx_result r = vmx_result_ok();
	for (size_t i = 0; i < n && r.status == VMX_OK; i++)
		r = vmx_write(kv[i][0], kv[i][1]);
	return r;
}
