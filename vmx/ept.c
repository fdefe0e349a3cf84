/* Editing the current VMCS's EPT: see ept.h. The tables are reached
 * through the identity map; every read is guarded, since an EPTP or an
 * entry may point anywhere. */
#include "ept.h"
#include "caps.h"
#include "vmcs_field.h"
#include "ctl_bits.h"
#include "../monitor/cpu.h"
#include "../monitor/mem.h"
#include "../monitor/page_set.h"
#include "../monitor/trap.h"

#define CPUID_ADDR_SIZES 0x80000008u
#define PHYS_BITS_DEFAULT 36
#define ENTRIES 512
#define PAGE_ADDR_LOW 12

static struct page_set tables;

unsigned vmx_phys_bits(void)
{
	if (cpuid(0x80000000u, 0).eax < CPUID_ADDR_SIZES)
		return PHYS_BITS_DEFAULT;
	return cpuid(CPUID_ADDR_SIZES, 0).eax & 0xff;
}

bool ept_in_force(void)
{
	return (vmx_read_or_zero(CPU_BASED_VM_EXEC_CONTROL) & CTL_MASK(PROC, ACTIVATE_SECONDARY_CONTROLS)) &&
	       (vmx_read_or_zero(SECONDARY_VM_EXEC_CONTROL) & CTL_MASK(PROC2, ENABLE_EPT));
}

struct ept_caps ept_caps_now(void)
{
	const struct vmx_caps *vc = vmx_caps();
	struct ept_caps c = { ept_vpid_cap(vc, EPT_CAP_EXECUTE_ONLY), ept_vpid_cap(vc, EPT_CAP_1G), false,
			      vmx_phys_bits() };
	c.mbec = ept_in_force() && (vmx_read_or_zero(SECONDARY_VM_EXEC_CONTROL) & CTL_MASK(PROC2, MODE_BASED_EPT_EXEC));
	return c;
}

bool ept_read_phys(void *ctx, uint64_t pa, uint64_t *val)
{
	struct fault_info f;
	(void)ctx;
	return !safe_copy(val, (const void *)pa, sizeof(*val), &f);
}

struct vmx_result ept_pointer(uint64_t *eptp) { return vmx_read(EPT_POINTER, eptp); }

static uint64_t addr_bits(unsigned maxphy)
{
	return ((1ull << maxphy) - 1) & ~((1ull << PAGE_ADDR_LOW) - 1);
}

/* Reads the entry at level for gpa into ed (and *slot), from the top
 * down; with make, an empty entry on the way gets a new table. */
static struct ept_edit descend(uint64_t eptp, uint64_t gpa, int level, bool make, uint64_t **slot)
{
	struct ept_caps c = ept_caps_now();
	struct ept_edit ed = { EPT_EDIT_OK, eptp_levels(eptp), 0, 0, 0 };
	uint64_t table = eptp & addr_bits(c.maxphy);
	if (!ed.level || level > ed.level) {
		ed.status = EPT_EDIT_BAD_EPTP;
		return ed;
	}
	for (int l = ed.level;; l--) {
		uint64_t pa = table + ept_index(gpa, l) * sizeof(uint64_t), e;
		ed.level = l;
		ed.entry_pa = pa;
		if (mem_in_image(pa, sizeof(e))) {
			ed.status = EPT_EDIT_IN_IMAGE;
			return ed;
		}
		if (!ept_read_phys(0, pa, &e)) {
			ed.status = EPT_EDIT_UNREADABLE;
			return ed;
		}
		ed.old = ed.now = e;
		*slot = (uint64_t *)pa;
		if (l == level)
			return ed;
		if (ept_is_present(e, c.mbec) && ept_is_leaf(e, l)) {
			ed.status = EPT_EDIT_LEAF_ABOVE;
			return ed;
		}
		if (!ept_is_present(e, c.mbec)) {
			uint64_t t = make && !e ? page_set_alloc(&tables, 1, PAGE_SIZE) : 0;
			ed.status = !make || e ? EPT_EDIT_NOT_PRESENT : EPT_EDIT_NO_MEMORY;
			if (!t)
				return ed;
			ed.status = EPT_EDIT_OK;
			e = **slot = t | EPT_RWX;
		}
		table = ept_entry_addr(e, l, c.maxphy);
	}
}

struct ept_edit ept_map(uint64_t eptp, uint64_t gpa, int level, uint64_t entry)
{
	uint64_t *slot;
	struct ept_edit ed = { EPT_EDIT_MISALIGNED, level, 0, 0, 0 };
	if (gpa & (ept_page_size(level) - 1))
		return ed;
	ed = descend(eptp, gpa, level, true, &slot);
	if (ed.status == EPT_EDIT_OK)
		*slot = ed.now = entry;
	return ed;
}

struct ept_edit ept_entry_at(uint64_t eptp, uint64_t gpa, int level, bool write, uint64_t value)
{
	uint64_t *slot;
	struct ept_edit ed = descend(eptp, gpa, level, false, &slot);
	if (ed.status == EPT_EDIT_OK && write)
		*slot = ed.now = value;
	return ed;
}

struct ept_edit ept_unmap(uint64_t eptp, uint64_t gpa)
{
	struct ept_caps c = ept_caps_now();
	struct ept_walk w;
	struct ept_edit ed = { EPT_EDIT_NO_LEAF, 0, 0, 0, 0 };
	ept_walk(eptp, gpa, &c, ept_read_phys, 0, &w);
	ed.level = w.level;
	ed.entry_pa = w.entry_pa[w.level];
	ed.old = w.entry[w.level];
	if (w.end == WALK_BAD_EPTP || w.end == WALK_UNREADABLE)
		ed.status = w.end == WALK_BAD_EPTP ? EPT_EDIT_BAD_EPTP : EPT_EDIT_UNREADABLE;
	else if (w.end == WALK_MAPPED || (w.end == WALK_MISCONFIG && ept_is_leaf(ed.old, w.level)))
		return ept_entry_at(eptp, gpa, w.level, true, 0);
	return ed;
}

/* A copy of table at level and of the tables under it; 0 when out. */
static uint64_t clone_table(uint64_t table, int level, const struct ept_caps *c)
{
	uint64_t probe, copy;
	if (!ept_read_phys(0, table, &probe) || !(copy = page_set_alloc(&tables, 1, PAGE_SIZE)))
		return 0;
	const uint64_t *src = (const uint64_t *)table;
	uint64_t *dst = (uint64_t *)copy;
	for (int i = 0; i < ENTRIES; i++) {
		uint64_t e = src[i];
		if (level > 1 && ept_is_present(e, c->mbec) && !ept_is_leaf(e, level)) {
			uint64_t sub = clone_table(ept_entry_addr(e, level, c->maxphy), level - 1, c);
			if (!sub)
				return 0;
			e = (e & ~addr_bits(c->maxphy)) | sub;
		}
		dst[i] = e;
	}
	return copy;
}

uint64_t ept_clone(uint64_t eptp)
{
	struct ept_caps c = ept_caps_now();
	int levels = eptp_levels(eptp);
	uint64_t root = levels ? clone_table(eptp & addr_bits(c.maxphy), levels, &c) : 0;
	return root ? root | (eptp & ((1ull << PAGE_ADDR_LOW) - 1)) : 0;
}

bool ept_translate(uint64_t gpa, uint64_t *hpa, struct ept_walk *w)
{
	struct ept_caps c = ept_caps_now();
	uint64_t eptp;
	w->end = WALK_MAPPED;
	if (!ept_in_force()) {
		*hpa = gpa;
		return true;
	}
	ept_pointer(&eptp);
	ept_walk(eptp, gpa, &c, ept_read_phys, 0, w);
	*hpa = w->hpa;
	return w->end == WALK_MAPPED;
}

void ept_reset(void) { page_set_free_all(&tables); }
