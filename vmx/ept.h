/* Editing the EPT of the current VMCS: walking it, mapping and unmapping
 * guest-physical pages (4 KiB, 2 MiB, 1 GiB), raw entry writes, a copy of
 * its tables (for a second EPTP), and guest-physical to host-physical
 * translation for reading L2's memory. The tables it adds are kept in one
 * page set that ept_reset() gives back. The entry format is ept_entry.h's.
 * Prints nothing. */
#ifndef VMX_EPT_H
#define VMX_EPT_H
#include <stdbool.h>
#include <stdint.h>
#include "ept_entry.h"
#include "ops.h"

/* CPUID.80000008H:EAX[7:0], 36 without the leaf (SDM 4.1.4). */
unsigned vmx_phys_bits(void);
/* What the walk and the checks need to know of this CPU and VMCS. */
struct ept_caps ept_caps_now(void);
/* Reads 8 bytes of physical memory; false when that faults. */
bool ept_read_phys(void *ctx, uint64_t pa, uint64_t *val);
/* The current VMCS's EPT_POINTER. */
struct vmx_result ept_pointer(uint64_t *eptp);
/* True when the current VMCS has "enable EPT" in force. */
bool ept_in_force(void);

enum ept_edit_status {
	EPT_EDIT_OK,
	EPT_EDIT_BAD_EPTP,     /* the EPTP's walk length is not 4 or 5 */
	EPT_EDIT_UNREADABLE,   /* a table faults when read */
	EPT_EDIT_NO_MEMORY,
	EPT_EDIT_LEAF_ABOVE,   /* a larger page at level maps the address */
	EPT_EDIT_NOT_PRESENT,  /* an entry at level on the way is not present */
	EPT_EDIT_NO_LEAF,      /* (unmap) nothing maps the address */
	EPT_EDIT_MISALIGNED,   /* the address is not aligned to the page size */
	EPT_EDIT_IN_IMAGE,     /* a table at level lies in the monitor's image */
};
struct ept_edit {
	enum ept_edit_status status;
	int level;             /* where it happened */
	uint64_t entry_pa, old, now;
};
/* Makes entry the entry at level for gpa, adding tables (R/W/X) where the
 * walk finds none; leaves at higher levels are not split. */
struct ept_edit ept_map(uint64_t eptp, uint64_t gpa, int level, uint64_t entry);
/* Clears the leaf that maps gpa, whatever its size. */
struct ept_edit ept_unmap(uint64_t eptp, uint64_t gpa);
/* The entry at level for gpa (reached through present tables), and with
 * write, replaces it by value. */
struct ept_edit ept_entry_at(uint64_t eptp, uint64_t gpa, int level, bool write, uint64_t value);
/* A copy of every table under eptp (the pages they map are shared): the
 * new EPTP, with eptp's low 12 bits, or 0 when memory runs out. */
uint64_t ept_clone(uint64_t eptp);
/* Guest-physical to host-physical for the current VMCS: through its EPT
 * when "enable EPT" is in force (false, with the walk, when gpa is not
 * mapped), else the same address. */
bool ept_translate(uint64_t gpa, uint64_t *hpa, struct ept_walk *w);
/* Gives back every table ept_map and ept_clone added. */
void ept_reset(void);
#endif
