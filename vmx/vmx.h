/* The VMX library's state: VMX operation, the VMCSs the monitor knows,
 * the L2 each one runs, and the exit history. Prints nothing. */
#ifndef VMX_VMX_H
#define VMX_VMX_H
#include <stdbool.h>
#include <stdint.h>
#include "caps.h"
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
uint64_t vmx_vmxon_region(void);
const struct vmx_caps *vmx_caps(void); /* read once, at first use */

/* ---- L2 guest registers kept by the monitor (entry.S layout) ---- */
struct l2_gprs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
};

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

struct l2_mem {
	uint64_t base;   /* host-physical start of the L2_PAGES block */
	bool ept;        /* GPA 0.. maps to base through EPT */
	uint64_t eptp;   /* EPT pointer, when ept */
	uint64_t ept_tables[4];
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
bool vmcs_table_full(void);                  /* all VMCS_MAX slots used */
/* vmcs new: allocate, revision id, VMCLEAR, VMPTRLD, fill for a 64-bit L2.
 * *step says which stage failed when the result is not ok. */
struct vmx_result vmcs_create(struct vmcs_obj **out, const char **step);
struct vmx_result vmcs_do_clear(uint64_t pa);
struct vmx_result vmcs_do_ptrld(uint64_t pa);
/* Forgets v; frees its page and L2 memory when vmcs new made it. The CPU
 * must no longer use it (VMCLEAR, or VMX off). Returns the pages freed. */
unsigned vmcs_release(struct vmcs_obj *v);

/* ---- VMCS contents (vmcs_setup.c) ---- */
/* Fills controls, host state, guest state and EPT of the current VMCS. */
struct vmx_result vmcs_setup_all(struct vmcs_obj *v, const char **step);
void vmcs_setup_host(void);
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
/* Copies code to the L2 entry point of v and resets RIP/RSP/RFLAGS. */
bool l2_load_code(struct vmcs_obj *v, const uint8_t *code, unsigned len);
bool l2_mem_init(struct l2_mem *m, bool use_ept);
/* Frees what l2_mem_init allocated (also after it failed half way);
 * returns the pages freed. */
unsigned l2_mem_free(struct l2_mem *m);
#endif
