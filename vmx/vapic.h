/* The pages of APIC virtualization (SDM Vol. 3C chapter 29): a
 * virtual-APIC page for the TPR shadow (29.1: VTPR at offset 0x80) and an
 * APIC-access page (29.4). One virtual-APIC page serves every VMCS; the
 * APIC-access page is L2's own data page (L2_DATA), which L2 reaches at
 * the same address with EPT and without. Prints nothing. */
#ifndef VMX_VAPIC_H
#define VMX_VAPIC_H
#include <stdbool.h>
#include <stdint.h>
#include "ops.h"
#include "vmx.h"

#define VAPIC_VTPR 0x80 /* SDM 29.1.1: the TPR's offset in the page */

/* Clears the virtual-APIC page (allocating it the first time), sets its
 * VTPR and writes VIRTUAL_APIC_PAGE_ADDR of the current VMCS. *pa gets
 * its address (0 when the pages ran out: r is ok then, nothing written). */
struct vmx_result vapic_page_set(uint32_t vtpr, uint64_t *pa);
/* The virtual-APIC page, or NULL before vapic_page_set. */
volatile uint8_t *vapic_page(void);
/* Writes APIC_ACCESS_ADDR of the current VMCS: the host-physical address
 * of v's data page, which *pa gets. */
struct vmx_result vapic_access_set(const struct vmcs_obj *v, uint64_t *pa);

/* Gives the virtual-APIC page back (the `reset` command calls it). */
void vapic_reset(void);
#endif
