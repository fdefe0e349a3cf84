/* The VM-entry MSR-load, VM-exit MSR-store and VM-exit MSR-load lists of
 * the current VMCS (SDM 25.7.2, 25.8.2): entries appended in an area of
 * ours, the count fields following. See structs.h. */
#include "structs.h"
#include "caps.h"
#include "vmcs_field.h"
#include "../monitor/mem.h"
#include "../monitor/string.h"
#include "../monitor/trap.h"

#define MISC_MSR_LIST_SHIFT 25 /* SDM A.6: bits 27:25 */
#define MISC_MSR_LIST_MASK 7
#define MSR_LIST_UNIT 512

static struct page_set areas;

static const struct msr_list_info lists[MSR_LIST_KINDS] = {
	{ "entry-load", "VM-entry MSR-load", VM_ENTRY_MSR_LOAD_ADDR, VM_ENTRY_MSR_LOAD_COUNT },
	{ "exit-store", "VM-exit MSR-store", VM_EXIT_MSR_STORE_ADDR, VM_EXIT_MSR_STORE_COUNT },
	{ "exit-load", "VM-exit MSR-load", VM_EXIT_MSR_LOAD_ADDR, VM_EXIT_MSR_LOAD_COUNT },
};

const struct msr_list_info *msr_list_info(enum msr_list_kind k) { return &lists[k]; }

bool msr_list_by_name(const char *s, enum msr_list_kind *k)
{
	for (int i = 0; i < MSR_LIST_KINDS; i++)
		if (!strcasecmp(s, lists[i].name)) {
			*k = (enum msr_list_kind)i;
			return true;
		}
	return false;
}

unsigned msr_list_limit(void)
{
	return MSR_LIST_UNIT * (unsigned)(((vmx_caps()->misc >> MISC_MSR_LIST_SHIFT) & MISC_MSR_LIST_MASK) + 1);
}

struct vmx_result msr_list_get(enum msr_list_kind k, uint64_t *addr, uint64_t *count)
{
	struct vmx_result r = vmx_read(lists[k].addr_field, addr);
	if (r.status == VMX_OK)
		r = vmx_read(lists[k].count_field, count);
	return r;
}

struct vmx_result msr_list_clear(enum msr_list_kind k)
{
	return vmx_write(lists[k].count_field, 0);
}

/* Where the next entries go: the list as it is, or a new area of ours. */
static struct attach list_area(enum msr_list_kind k, uint64_t *addr, uint64_t *count, uint64_t *room)
{
	struct attach a = { ATTACH_OK, msr_list_get(k, addr, count), lists[k].title, { 0, 0 } };
	const struct page_run *run = page_set_find(&areas, *addr);
	*room = ~0ull;
	if (a.r.status != VMX_OK) {
		a.status = ATTACH_VMX;
	} else if (run) {
		*room = run->n * PAGE_SIZE / sizeof(struct msr_entry);
	} else if (!*count) {
		if (!(*addr = page_set_alloc(&areas, MSR_LIST_AREA_PAGES, PAGE_SIZE)))
			a.status = ATTACH_NO_MEMORY;
		else if ((a.r = vmx_write(lists[k].addr_field, *addr)).status != VMX_OK)
			a.status = ATTACH_VMX;
		*room = MSR_LIST_AREA_PAGES * PAGE_SIZE / sizeof(struct msr_entry);
	}
	a.pa[0] = *addr;
	return a;
}

struct attach msr_list_add(enum msr_list_kind k, uint32_t msr, uint64_t value, unsigned times)
{
	uint64_t addr, count, room;
	struct msr_entry e = { msr, 0, value };
	struct fault_info f;
	struct attach a = list_area(k, &addr, &count, &room);
	if (a.status != ATTACH_OK)
		return a;
	if (count + times > room) {
		a.status = ATTACH_FULL;
		return a;
	}
	uint64_t at = addr + count * sizeof(e);
	if (mem_in_image(at, times * sizeof(e))) {
		a.status = ATTACH_BAD_ADDRESS;
		a.what = "the list would overwrite the monitor's own image";
		return a;
	}
	for (unsigned i = 0; i < times; i++, at += sizeof(e))
		if (safe_copy((void *)at, &e, sizeof(e), &f)) {
			a.status = ATTACH_BAD_ADDRESS;
			a.what = "the list's address faults";
			return a;
		}
	if ((a.r = vmx_write(lists[k].count_field, count + times)).status != VMX_OK)
		a.status = ATTACH_VMX;
	return a;
}

void msr_list_reset(void) { page_set_free_all(&areas); }
