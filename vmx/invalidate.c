/* Forgetting the translations an L2 left in the TLBs and paging-structure
 * caches (SDM 29.4.3 "Invalidating Cached Information", 31.3 INVEPT and
 * INVVPID), before `vmcs free` gives its EPT tables and pages back: a new
 * VMCS may get the same VPID (slots are reused) and the same EPT pointer
 * (pages are reused), and must not see the old mappings. Single-context
 * where the CPU offers it, else all-context; nothing where it offers
 * neither. A fault (the instruction missing) is ignored: nothing to do. */
#include "vmx.h"
#include "../monitor/trap.h"

#define CAP_INVEPT (1ull << 20)           /* SDM A.10 */
#define CAP_INVEPT_SINGLE (1ull << 25)
#define CAP_INVEPT_ALL (1ull << 26)
#define CAP_INVVPID (1ull << 32)
#define CAP_INVVPID_SINGLE (1ull << 41)
#define CAP_INVVPID_ALL (1ull << 42)
#define TYPE_SINGLE 1ull
#define TYPE_ALL 2ull

struct inv_desc {
	uint64_t lo, hi;
};

static void invept(uint64_t type, uint64_t eptp)
{
	struct fault_jmp j;
	struct inv_desc d = { eptp, 0 };
	if (fault_try(&j))
		return;
	__asm__ volatile("invept %0, %1" ::"m"(d), "r"(type) : "cc", "memory");
	fault_end(&j);
}

static void invvpid(uint64_t type, uint16_t vpid)
{
	struct fault_jmp j;
	struct inv_desc d = { vpid, 0 };
	if (fault_try(&j))
		return;
	__asm__ volatile("invvpid %0, %1" ::"m"(d), "r"(type) : "cc", "memory");
	fault_end(&j);
}

void vmx_forget_translations(uint64_t eptp, uint16_t vpid)
{
	uint64_t cap = vmx_caps()->ept_vpid;
	if (eptp && (cap & CAP_INVEPT)) {
		if (cap & CAP_INVEPT_SINGLE)
			invept(TYPE_SINGLE, eptp);
		else if (cap & CAP_INVEPT_ALL)
			invept(TYPE_ALL, 0);
	}
	if (vpid && (cap & CAP_INVVPID)) {
		if (cap & CAP_INVVPID_SINGLE)
			invvpid(TYPE_SINGLE, vpid);
		else if (cap & CAP_INVVPID_ALL)
			invvpid(TYPE_ALL, 0);
	}
}
