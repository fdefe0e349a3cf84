/* L2's memory: one block of L2_PAGES host pages holding code, data, stack,
 * its own 4-level page tables, a GDT with a TSS, and an empty IDT.
 * With EPT, guest-physical 0.. maps to the block and L2's page tables map
 * its whole first 2 MiB one to one, so any access beyond the block is an
 * EPT violation. Without EPT, guest-physical is host-physical and L2's
 * page tables map only the block (virtual 0x1000.. to base + 0x1000..). */
#include "vmx.h"
#include "../monitor/mem.h"
#include "../monitor/string.h"

#define PTE_P (1ull << 0)
#define PTE_RW (1ull << 1)
#define PTE_TABLE (PTE_P | PTE_RW)
#define EPT_RWX 0x7ull
#define EPT_MT_WB (6ull << 3)          /* SDM 29.3.7: memory type in bits 5:3 */
#define EPTP_WB 6ull                    /* SDM 25.6.11: EPT paging-structure memory type */
#define EPTP_WALK_4 (3ull << 3)         /* page-walk length minus one */
#define ENTRIES 512
#define L2_PDPT (L2_PML4 + 0x1000)
#define L2_PD (L2_PML4 + 0x2000)
#define L2_PT (L2_PML4 + 0x3000)

/* The guest-physical address of the block offset off. */
static uint64_t gpa_of(const struct l2_mem *m, uint64_t off)
{
	return m->ept ? off : m->base + off;
}

static uint64_t *table_at(const struct l2_mem *m, uint64_t off)
{
	return (uint64_t *)(m->base + off);
}

static void guest_paging(const struct l2_mem *m)
{
	uint64_t *pml4 = table_at(m, L2_PML4), *pdpt = table_at(m, L2_PDPT);
	uint64_t *pd = table_at(m, L2_PD), *pt = table_at(m, L2_PT);
	pml4[0] = gpa_of(m, L2_PDPT) | PTE_TABLE;
	pdpt[0] = gpa_of(m, L2_PD) | PTE_TABLE;
	pd[0] = gpa_of(m, L2_PT) | PTE_TABLE;
	/* page 0 stays unmapped so that null pointers fault in L2 */
	unsigned mapped = m->ept ? ENTRIES : L2_PAGES;
	for (unsigned i = 1; i < mapped; i++)
		pt[i] = gpa_of(m, i * PAGE_SIZE) | PTE_TABLE;
}

/* A GDT like the monitor's: code64 at 0x08, data at 0x10, TSS at 0x18. */
static void guest_descriptors(const struct l2_mem *m)
{
	uint64_t *gdt = table_at(m, L2_GDT), tss = L2_TSS, limit = 0x67;
	gdt[1] = 0x00af9b000000ffffull;
	gdt[2] = 0x00cf93000000ffffull;
	gdt[3] = limit | (tss & 0xffffff) << 16 | 0x8bull << 40 |
		 ((tss >> 24) & 0xff) << 56;
	gdt[4] = tss >> 32;
}

static bool ept_build(struct l2_mem *m)
{
	for (int i = 0; i < EPT_LEVELS; i++)
		if (!(m->ept_tables[i] = page_alloc()))
			return false;
	uint64_t *pml4 = (uint64_t *)m->ept_tables[0], *pdpt = (uint64_t *)m->ept_tables[1];
	uint64_t *pd = (uint64_t *)m->ept_tables[2], *pt = (uint64_t *)m->ept_tables[3];
	pml4[0] = m->ept_tables[1] | EPT_RWX;
	pdpt[0] = m->ept_tables[2] | EPT_RWX;
	pd[0] = m->ept_tables[3] | EPT_RWX;
	for (unsigned i = 0; i < L2_PAGES; i++)
		pt[i] = (m->base + i * PAGE_SIZE) | EPT_RWX | EPT_MT_WB;
	m->eptp = m->ept_tables[0] | EPTP_WALK_4 | EPTP_WB;
	return true;
}

bool l2_mem_init(struct l2_mem *m, bool use_ept)
{
	memset(m, 0, sizeof(*m));
	m->ept = use_ept;
	if (!(m->base = page_alloc_contig(L2_PAGES)) || (use_ept && !ept_build(m))) {
		l2_mem_free(m);
		return false;
	}
	guest_paging(m);
	guest_descriptors(m);
	return true;
}

unsigned l2_mem_free(struct l2_mem *m)
{
	unsigned n = 0;
	for (int i = 0; i < EPT_LEVELS; i++)
		if (m->ept_tables[i]) {
			page_free(m->ept_tables[i]);
			n++;
		}
	if (m->base) {
		page_free_contig(m->base, L2_PAGES);
		n += L2_PAGES;
	}
	memset(m, 0, sizeof(*m));
	return n;
}
