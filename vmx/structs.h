/* The VMX structures in memory that commands attach to the current VMCS
 * (SDM Vol. 3C 25.6-25.8): I/O and MSR bitmaps, the three MSR lists, the
 * page-modification log, a shadow VMCS with its VMREAD and VMWRITE bitmaps,
 * and the EPTP list of VM function 0. Each module keeps the pages it
 * allocated in a page set (monitor/page_set.h) and gives every one back
 * with its *_reset function, for the monitor's reset; vmx_structs_reset()
 * calls them all (and ept_reset() of ept.h). Prints nothing. */
#ifndef VMX_STRUCTS_H
#define VMX_STRUCTS_H
#include <stdbool.h>
#include <stdint.h>
#include "ops.h"
#include "ctl_bits.h"
#include "../monitor/page_set.h"

/* What attaching a structure came to. */
enum attach_status {
	ATTACH_OK,
	ATTACH_NO_MEMORY,    /* the pages ran out */
	ATTACH_UNSUPPORTED,  /* the CPU does not allow the control: what */
	ATTACH_VMX,          /* a VMREAD/VMWRITE/VMCLEAR failed: r */
	ATTACH_FULL,         /* an MSR list area has no room left */
	ATTACH_BAD_ADDRESS,  /* the structure's address cannot be used: what */
};
struct attach {
	enum attach_status status;
	struct vmx_result r;
	const char *what;    /* the control or step concerned */
	uint64_t pa[2];      /* the pages attached */
};

/* Sets the bits set and clears the bits clear of control field kind in the
 * current VMCS; for the secondary controls also "activate secondary
 * controls". ATTACH_UNSUPPORTED when a bit to set is not allowed-1. */
struct attach vmcs_ctl_edit(enum ctl_kind kind, uint64_t set, uint64_t clear);
/* n zeroed pages from set (at most 2), their addresses written to fields,
 * then bit of control kind k set: the way every structure is attached. */
struct attach attach_fields(struct page_set *set, const uint32_t *fields, unsigned n,
			    enum ctl_kind k, uint64_t bit);

/* ---- bitmaps (bitmaps.c): SDM 25.6.4, 25.6.9 ---- */
/* Two zeroed pages as I/O bitmaps A and B (no port exits), "use I/O
 * bitmaps" set; pa[0] A, pa[1] B. */
struct attach io_bitmaps_attach(void);
/* A zeroed page as the MSR bitmaps (no RDMSR/WRMSR in range exits), "use
 * MSR bitmaps" set. */
struct attach msr_bitmap_attach(void);
/* The bitmap pages of the current VMCS's fields: false (with why) when the
 * address is 0 or in the monitor's image. */
bool bitmap_page(uint32_t field, uint8_t **page, const char **why);
void vmx_bitmaps_reset(void);

/* ---- MSR lists (msr_list.c): SDM 25.7.2, 25.8.2 ---- */
enum msr_list_kind { MSR_LIST_ENTRY_LOAD, MSR_LIST_EXIT_STORE, MSR_LIST_EXIT_LOAD, MSR_LIST_KINDS };
struct msr_list_info {
	const char *name, *title;
	uint32_t addr_field, count_field;
};
const struct msr_list_info *msr_list_info(enum msr_list_kind k);
bool msr_list_by_name(const char *s, enum msr_list_kind *k);
/* SDM 25.7.2 format of an entry: MSR index 31:0, reserved 63:32, data 127:64. */
struct msr_entry {
	uint32_t index, reserved;
	uint64_t value;
};
#define MSR_LIST_AREA_PAGES 4 /* the area msr_list_add allocates: 1024 entries */
/* Appends times copies of {msr, value}. The list stays where the address
 * field points when it holds entries or is an area of ours; otherwise a
 * new area is allocated. The count field follows. */
struct attach msr_list_add(enum msr_list_kind k, uint32_t msr, uint64_t value, unsigned times);
/* The address and count fields of list k. */
struct vmx_result msr_list_get(enum msr_list_kind k, uint64_t *addr, uint64_t *count);
/* Count 0 (the area is kept). */
struct vmx_result msr_list_clear(enum msr_list_kind k);
/* The recommended maximum of entries per list, 512 * (N + 1) with N from
 * IA32_VMX_MISC bits 27:25 (SDM A.6): above it behaviour is undefined. */
unsigned msr_list_limit(void);
void msr_list_reset(void);

/* ---- page-modification log (pml.c): SDM 29.3 PML, 25.6.18 ---- */
#define PML_ENTRIES 512
/* A zeroed log page, PML_ADDRESS, GUEST_PML_INDEX 511, "enable PML". */
struct attach pml_enable(void);
void pml_reset(void);

/* ---- VMCS shadowing (shadow.c): SDM 25.10, 25.6.15 ---- */
/* A shadow VMCS (revision id with bit 31 set, VMCLEARed) as the VMCS link
 * pointer, VMREAD and VMWRITE bitmaps with every bit set (every VMREAD and
 * VMWRITE of L2 exits), "VMCS shadowing" set. pa[0] the shadow VMCS. */
struct attach shadow_attach(void);
/* VMREAD (write false) or VMWRITE of the VMCS the link pointer names, from
 * L1: VMPTRLD it, access, VMPTRLD the current VMCS back. */
struct vmx_result shadow_access(bool write, uint64_t enc, uint64_t *val);
void shadow_reset(void);

/* ---- VM functions (vmfunc.c): SDM 25.6.14, 26.5.6 ---- */
#define EPTP_LIST_ENTRIES 512
/* A zeroed EPTP list with entry 0 the current EPT pointer, EPTP_LIST_ADDRESS,
 * VM-function control bit 0 (EPTP switching), "enable VM functions". */
struct attach vmfunc_attach(void);
void vmfunc_reset(void);

/* Every *_reset above, and ept_reset(). */
void vmx_structs_reset(void);
#endif
