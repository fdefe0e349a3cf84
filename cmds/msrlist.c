/* msrlist add / show / clear: the VM-entry MSR-load, VM-exit MSR-store and
 * VM-exit MSR-load lists of the current VMCS (SDM 25.7.2, 25.8.2; loaded
 * and stored by SDM 27.4, 28.4 and 28.6). */
#include "attach.h"
#include "vmx_common.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../monitor/trap.h"

#define TIMES_MAX 1024u
#define SHOW_MAX 16u /* entries shown per list before "..." */

static bool parse_list(const char *cmd, const char *s, enum msr_list_kind *k)
{
	if (msr_list_by_name(s, k))
		return true;
	printf("error: %s: no list '%s' (entry-load, exit-store or exit-load)\n", cmd, s);
	return false;
}

static int cmd_msrlist_add(int argc, char **argv)
{
	enum msr_list_kind k;
	uint64_t msr, value = 0, times = 1, addr, count;
	if (!parse_list("msrlist add", argv[0], &k) || !parse_num("msrlist add", argv[1], &msr) ||
	    (argc > 2 && !parse_num("msrlist add", argv[2], &value)) ||
	    (argc > 3 && !parse_num("msrlist add", argv[3], &times)))
		return CMD_FAIL;
	if (msr > 0xffffffffull || !times || times > TIMES_MAX) {
		printf("error: msrlist add: MSR must fit 32 bits and TIMES be 1..%u\n", TIMES_MAX);
		return CMD_FAIL;
	}
	if (!attach_ok("msrlist add", msr_list_add(k, (uint32_t)msr, value, (unsigned)times)))
		return CMD_FAIL;
	msr_list_get(k, &addr, &count);
	printf("%s list at 0x%016llx: %llu entr%s (%s = %llu)\n", msr_list_info(k)->title, (unsigned long long)addr,
	       (unsigned long long)count, count == 1 ? "y" : "ies", vmcs_field_by_encoding(msr_list_info(k)->count_field)->name,
	       (unsigned long long)count);
	if (count > msr_list_limit())
		printf("warning: %llu entries are above the recommended maximum %u (IA32_VMX_MISC bits 27:25, SDM A.6): the SDM leaves what happens undefined\n",
		       (unsigned long long)count, msr_list_limit());
	return CMD_OK;
}

static void show_list(enum msr_list_kind k)
{
	uint64_t addr, count;
	struct msr_entry e;
	struct fault_info f;
	if (msr_list_get(k, &addr, &count).status != VMX_OK)
		return;
	printf("%s list at 0x%016llx, %llu entr%s%s\n", msr_list_info(k)->title, (unsigned long long)addr,
	       (unsigned long long)count, count == 1 ? "y" : "ies",
	       count > msr_list_limit() ? " (above the recommended maximum)" : "");
	for (uint64_t i = 0; i < count && i < SHOW_MAX; i++) {
		uint64_t at = addr + i * sizeof(e);
		if (safe_copy(&e, (const void *)at, sizeof(e), &f)) {
			printf("  [%llu] at 0x%016llx: faults\n", (unsigned long long)i + 1, (unsigned long long)at);
			return;
		}
		printf("  [%llu] msr 0x%08x = 0x%016llx", (unsigned long long)i + 1, e.index, (unsigned long long)e.value);
		if (e.reserved)
			printf(" reserved 0x%08x", e.reserved);
		printf("\n");
	}
	if (count > SHOW_MAX)
		printf("  ... %llu more\n", (unsigned long long)(count - SHOW_MAX));
}

static int cmd_msrlist_show(int argc, char **argv)
{
	enum msr_list_kind k;
	if (argc && !parse_list("msrlist show", argv[0], &k))
		return CMD_FAIL;
	for (int i = 0; i < MSR_LIST_KINDS; i++)
		if (!argc || (int)k == i)
			show_list((enum msr_list_kind)i);
	return CMD_OK;
}

static int cmd_msrlist_clear(int argc, char **argv)
{
	enum msr_list_kind k;
	for (int i = 0; i < MSR_LIST_KINDS; i++) {
		if (argc && !parse_list("msrlist clear", argv[0], &k))
			return CMD_FAIL;
		if (argc && (int)k != i)
			continue;
		struct vmx_result r = msr_list_clear((enum msr_list_kind)i);
		if (r.status != VMX_OK) {
			print_vmx_error("msrlist clear", r);
			return CMD_FAIL;
		}
		printf("%s list: 0 entries\n", msr_list_info((enum msr_list_kind)i)->title);
	}
	return CMD_OK;
}

static void complete_list(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	for (int i = 0; argi == 0 && i < MSR_LIST_KINDS; i++)
		if (!strncmp(msr_list_info((enum msr_list_kind)i)->name, prefix, strlen(prefix)))
			add(ctx, msr_list_info((enum msr_list_kind)i)->name);
}

CMD_ENTRY(msrlist_add, "msrlist add", "LIST MSR [VALUE [TIMES]]", 2, 4, NEEDS_VMCS, "append an entry (or TIMES copies) to an MSR list; the count follows",
	  "LIST is entry-load (VM_ENTRY_MSR_LOAD_*), exit-store (VM_EXIT_MSR_STORE_*) or\n"
	  "exit-load (VM_EXIT_MSR_LOAD_*). Entries are 16 bytes (SDM 25.7.2): MSR index,\n"
	  "32 reserved bits (0), the value. A list without entries gets an area of 4\n"
	  "pages (1024 entries) of its own; a list with entries grows where its address\n"
	  "field points. The count field is written after each add.\n"
	  "  msrlist add entry-load 0xc0000102 0x1234   IA32_KERNEL_GS_BASE loaded at entry\n"
	  "  msrlist add exit-store 0xc0000102          its value stored at exit\n"
	  "  msrlist add entry-load 0x174 0 513         513 entries (above a limit of 512)",
	  cmd_msrlist_add, complete_list);
CMD_ENTRY(msrlist_show, "msrlist show", "[LIST]", 0, 1, NEEDS_VMCS, "the MSR lists: address, count and entries (numbered from 1)",
	  "  msrlist show exit-store   VM-exit MSR-store list at 0x..., 1 entry\n"
	  "                              [1] msr 0xc0000102 = 0x...\n"
	  "Entries count from 1, as the exit qualification of an MSR-load failure does.",
	  cmd_msrlist_show, complete_list);
CMD_ENTRY(msrlist_clear, "msrlist clear", "[LIST]", 0, 1, NEEDS_VMCS, "set an MSR list's count (or every list's) to 0",
	  "  msrlist clear entry-load\n"
	  "  msrlist clear",
	  cmd_msrlist_clear, complete_list);
