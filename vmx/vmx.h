/* The VMX library's state: VMX operation, the VMCSs the monitor knows,
 * the L2 each one runs, and the exit history. Prints nothing. */
#ifndef VMX_VMX_H
#define VMX_VMX_H
#include <stdbool.h>
#include <stdint.h>
#include "caps.h"
#include "entry.h"
#include "ops.h"

/* ---- VMX operation (vmxon.c) ---- */
enum vmxon_status {
	VMXON_OK,
	VMXON_NO_VMX,        /* CPUID.1:ECX.VMX[bit 5] = 0 */
	VMXON_LOCKED_OFF,    /* IA32_FEATURE_CONTROL locked with VMX off */
	VMXON_CR_FIXED,      /* CR0/CR4 cannot meet the fixed bits */
	VMXON_NO_MEMORY,
	VMXON_INSN,          /* VMXON itself failed or faulted: see insn */
	VMXON_ALREADY_ON,    /* VMXON in VMX operation: insn has the error */
};

struct vmxon_report {
	enum vmxon_status status;
	bool locked_now;          /* we set IA32_FEATURE_CONTROL's lock */
	uint64_t feature_control; /* value after our change */
	uint64_t cr0_set, cr4_set; /* bits we had to set */
	uint64_t cr0_bad, cr4_bad; /* bits that break the fixed settings */
	uint32_t revision;
	uint64_t region;
	struct vmx_result insn;
};

struct vmxon_report vmx_enable(void);
struct vmx_result vmx_disable(void);
/* Frees the VMXON region when VMX is off; returns the pages freed. */
unsigned vmx_release_region(void);
bool vmx_is_on(void);


/* ---- L2 memory (l2.c) ---- */
#define L2_PAGES 16
#define L2_ENTRY 0x1000ull       /* guest RIP of the program */
#define L2_CODE_MAX 0x2000ull    /* two pages of code */
#define L2_DATA 0x3000ull
#define L2_STACK_TOP 0x8000ull
#define L2_PML4 0x8000ull
#define L2_GDT 0xc000ull
#define L2_TSS 0xd000ull
#define L2_IDT 0xe000ull

#define EPT_LEVELS 4             /* PML4, PDPT, PD, PT */
struct l2_mem {
	uint64_t base;   /* host-physical start of the L2_PAGES block */
	bool ept;        /* GPA 0.. maps to base through EPT */
	uint64_t eptp;   /* EPT pointer, when ept */
	uint64_t ept_tables[EPT_LEVELS];
};

/* ---- VMCSs (vmcs_list.c) ---- */
#define VMCS_MAX 16
struct vmcs_obj {
	uint64_t pa;
	bool used, launched, has_l2;
	uint16_t vpid;
	struct l2_mem l2;
	struct l2_gprs gprs;
};

struct vmcs_obj *vmcs_current(void);        /* NULL when none is loaded */
struct vmcs_obj *vmcs_by_pa(uint64_t pa);
struct vmcs_obj *vmcs_at(int i);             /* NULL when slot i unused */
enum vmcs_new_status {
	VMCS_NEW_OK,
	VMCS_NEW_TABLE_FULL,  /* all VMCS_MAX slots are in use */
	VMCS_NEW_NO_MEMORY,   /* the pages ran out; nothing was kept */
	VMCS_NEW_VMX_FAILED,  /* a VMX instruction failed: *r says how, *step where */
};
/* vmcs new: allocate, revision id, VMCLEAR, VMPTRLD, fill for a 64-bit L2.
 * A VMCS whose VMCLEAR or VMPTRLD failed is given back; one that failed
 * later stays current (*out), to be looked at. */
enum vmcs_new_status vmcs_create(struct vmcs_obj **out, struct vmx_result *r,
				 const char **step);
struct vmx_result vmcs_do_clear(uint64_t pa);
/* VMCLEAR, then give back the VMCS page, L2's block and EPT tables (for a
 * VMCS made by vmcs new) and the slot; *pages says how many pages. */
struct vmx_result vmcs_free(struct vmcs_obj *v, unsigned *pages);
/* INVEPT and INVVPID for what one L2 may have left cached (invalidate.c). */
void vmx_forget_translations(uint64_t eptp, uint16_t vpid);
struct vmx_result vmcs_do_ptrld(uint64_t pa);
/* Forgets v; frees its page and L2 memory when vmcs new made it. The CPU
 * must no longer use it (VMCLEAR, or VMX off). Returns the pages freed. */
unsigned vmcs_release(struct vmcs_obj *v);

/* ---- VMCS contents (vmcs_setup.c) ---- */
/* Fills controls, host state, guest state and EPT of the current VMCS. */
struct vmx_result vmcs_setup_all(struct vmcs_obj *v, const char **step);
/* The host-state area from the monitor itself; the first VMWRITE that
 * failed, if one did. */
struct vmx_result vmcs_setup_host(void);
/* EPT with a 4-level walk and write-back memory is available. */
bool vmx_ept_usable(void);

/* ---- programs (guest.c) ---- */
struct l2_program {
	const char *name, *desc, *exit; /* exit: the expected first exit */
	const uint8_t *code;
	unsigned len;
};
unsigned l2_program_count(void);
const struct l2_program *l2_program_at(unsigned i);
const struct l2_program *l2_program_find(const char *name);
/* Copies code (at most L2_CODE_MAX bytes) to the L2 entry point of v,
 * which must have L2 memory (has_l2), and resets RIP/RSP/RFLAGS in the
 * current VMCS: the first VMWRITE that failed, if one did. */
struct vmx_result l2_load_code(struct vmcs_obj *v, const uint8_t *code, unsigned len);
/* L2's memory block, its page tables and (use_ept) its EPT; false, with
 * nothing kept, when the pages run out. */
bool l2_mem_init(struct l2_mem *m, bool use_ept);
/* Gives back what l2_mem_init took; returns the pages freed. */
unsigned l2_mem_free(struct l2_mem *m);
#endif
