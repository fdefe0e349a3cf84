/* vmx caps [GROUP]: every IA32_VMX_* capability MSR decoded (SDM Vol. 3D
 * appendix A). Each group starts with a "[GROUP] title" line, then the
 * MSR(s) with their raw values, then one indented line per fact. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../vmx/caps_decode.h"
#include "../vmx/msr.h"

static void put_line(void *ctx, const char *line)
{
	(void)ctx;
	printf("  %s\n", line);
}

static void print_msr(uint32_t msr, uint64_t v)
{
	const char *name = vmx_msr_name(msr);
	printf("%s (0x%x) = 0x%016llx\n", name ? name : "MSR", msr, (unsigned long long)v);
}

/* ---- control kinds (SDM A.3-A.5) ---- */

static void print_absent(enum ctl_kind k)
{
	const struct ctl_kind_info *in = ctl_kind_info(k);
	enum ctl_kind parent;
	unsigned bit;
	if (ctl_kind_activation(k, &parent, &bit))
		printf("[%s] %s: not available on this CPU (%s %s is must-be-0)\n", in->name, in->title,
		       ctl_kind_info(parent)->name, ctl_bit_by_number(parent, bit)->name);
	else
		printf("[%s] %s: not available on this CPU\n", in->name, in->title);
}

static void show_ctl(const struct vmx_caps *c, int arg)
{
	enum ctl_kind k = (enum ctl_kind)arg;
	const struct ctl_kind_info *in = ctl_kind_info(k);
	if (!c->has_ctl[k]) {
		print_absent(k);
		return;
	}
	printf("[%s] %s (%s)\n", in->name, in->title, in->sdm);
	print_msr(c->ctl_msr[k], c->ctl[k]);
	for (unsigned bit = 0; bit < in->width; bit++) {
		const struct ctl_bit *b = ctl_bit_by_number(k, bit);
		const char *s = vmx_ctl_bit_setting(c, k, bit);
		if (b)
			printf("  %s (bit %u): %s\n", b->name, bit, s);
		else if (strcmp(s, "must-be-0"))
			printf("  bit %u (unknown): %s\n", bit, s);
	}
}

/* ---- the other capability MSRs ---- */

static void show_basic(const struct vmx_caps *c, int arg)
{
	(void)arg;
	printf("[basic] basic VMX information (SDM A.1)\n");
	print_msr(MSR_IA32_VMX_BASIC, c->basic);
	vmx_caps_decode_basic(c->basic, put_line, NULL);
}

static void show_misc(const struct vmx_caps *c, int arg)
{
	(void)arg;
	printf("[misc] miscellaneous data (SDM A.6)\n");
	print_msr(MSR_IA32_VMX_MISC, c->misc);
	vmx_caps_decode_misc(c->misc, put_line, NULL);
}

static void show_fixed(const struct vmx_caps *c, int cr4)
{
	uint64_t f0 = cr4 ? c->cr4_fixed0 : c->cr0_fixed0;
	uint64_t f1 = cr4 ? c->cr4_fixed1 : c->cr0_fixed1;
	printf("[%s] VMX-fixed bits in %s (SDM %s)\n", cr4 ? "cr4" : "cr0", cr4 ? "CR4" : "CR0",
	       cr4 ? "A.8" : "A.7");
	print_msr(cr4 ? MSR_IA32_VMX_CR4_FIXED0 : MSR_IA32_VMX_CR0_FIXED0, f0);
	print_msr(cr4 ? MSR_IA32_VMX_CR4_FIXED1 : MSR_IA32_VMX_CR0_FIXED1, f1);
	vmx_caps_decode_fixed(cr4 ? "CR4" : "CR0", f0, f1, put_line, NULL);
}

static void show_vmcs_enum(const struct vmx_caps *c, int arg)
{
	(void)arg;
	printf("[vmcs-enum] VMCS enumeration (SDM A.9)\n");
	print_msr(MSR_IA32_VMX_VMCS_ENUM, c->vmcs_enum);
	vmx_caps_decode_vmcs_enum(c->vmcs_enum, put_line, NULL);
}

/* IA32_VMX_EPT_VPID_CAP exists only where EPT or VPID may be enabled. */
static void show_ept_vpid(const struct vmx_caps *c, int arg)
{
	(void)arg;
	const char *title = "EPT and VPID capabilities";
	if (!vmx_ctl_allowed1(c, CTL_KIND_PROC2, CTL_PROC2_ENABLE_EPT) &&
	    !vmx_ctl_allowed1(c, CTL_KIND_PROC2, CTL_PROC2_ENABLE_VPID)) {
		printf("[ept-vpid] %s: not available on this CPU (proc2 ENABLE_EPT and ENABLE_VPID are must-be-0)\n",
		       title);
		return;
	}
	printf("[ept-vpid] %s (SDM A.10)\n", title);
	print_msr(MSR_IA32_VMX_EPT_VPID_CAP, c->ept_vpid);
	vmx_caps_decode_ept_vpid(c->ept_vpid, put_line, NULL);
}

/* IA32_VMX_VMFUNC exists only where VM functions may be enabled. */
static void show_vmfunc(const struct vmx_caps *c, int arg)
{
	(void)arg;
	if (!vmx_ctl_allowed1(c, CTL_KIND_PROC2, CTL_PROC2_ENABLE_VMFUNC)) {
		printf("[vmfunc] VM functions: not available on this CPU (proc2 ENABLE_VMFUNC is must-be-0)\n");
		return;
	}
	printf("[vmfunc] VM functions (SDM A.11)\n");
	print_msr(MSR_IA32_VMX_VMFUNC, c->vmfunc);
	vmx_caps_decode_vmfunc(c->vmfunc, put_line, NULL);
}

/* ---- the groups, in the order `vmx caps` shows them ---- */

struct caps_group {
	const char *name; /* NULL: the name of control kind arg */
	void (*show)(const struct vmx_caps *c, int arg);
	int arg;
};

static const struct caps_group groups[] = {
	{ "basic", show_basic, 0 },
	{ NULL, show_ctl, CTL_KIND_PIN },
	{ NULL, show_ctl, CTL_KIND_PROC },
	{ NULL, show_ctl, CTL_KIND_PROC2 },
	{ NULL, show_ctl, CTL_KIND_PROC3 },
	{ NULL, show_ctl, CTL_KIND_EXIT },
	{ NULL, show_ctl, CTL_KIND_EXIT2 },
	{ NULL, show_ctl, CTL_KIND_ENTRY },
	{ "misc", show_misc, 0 },
	{ "cr0", show_fixed, 0 },
	{ "cr4", show_fixed, 1 },
	{ "vmcs-enum", show_vmcs_enum, 0 },
	{ "ept-vpid", show_ept_vpid, 0 },
	{ "vmfunc", show_vmfunc, 0 },
};

#define GROUP_COUNT (sizeof(groups) / sizeof(groups[0]))

static const char *group_name(const struct caps_group *g)
{
	return g->name ? g->name : ctl_kind_info((enum ctl_kind)g->arg)->name;
}

static void print_bad_group(const char *s)
{
	printf("error: vmx caps: unknown group '%s' (", s);
	for (size_t i = 0; i < GROUP_COUNT; i++)
		printf("%s%s", i ? ", " : "", group_name(&groups[i]));
	printf(")\n");
}

static int cmd_vmx_caps(int argc, char **argv)
{
	const struct caps_group *only = NULL;
	if (argc) {
		for (size_t i = 0; i < GROUP_COUNT && !only; i++)
			if (!strcasecmp(argv[0], group_name(&groups[i])))
				only = &groups[i];
		if (!only) {
			print_bad_group(argv[0]);
			return CMD_FAIL;
		}
	}
	const struct vmx_caps *c = vmx_caps();
	for (size_t i = 0; i < GROUP_COUNT; i++)
		if (!only || only == &groups[i])
			groups[i].show(c, groups[i].arg);
	return CMD_OK;
}

static void complete_group(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	if (argi != 0)
		return;
	for (size_t i = 0; i < GROUP_COUNT; i++)
		if (!strncasecmp(prefix, group_name(&groups[i]), strlen(prefix)))
			add(ctx, group_name(&groups[i]));
}

CMD_ENTRY(vmx_caps, "vmx caps", "[GROUP]", 0, 1, NEEDS_VMX, "every IA32_VMX_* capability MSR decoded (or one GROUP)",
	  "GROUP is basic, pin, proc, proc2, proc3, exit, exit2, entry, misc, cr0, cr4,\n"
	  "vmcs-enum, ept-vpid or vmfunc. A control group shows the MSR in force (the\n"
	  "TRUE_* one when IA32_VMX_BASIC bit 55 is set) and, per named control bit,\n"
	  "must-be-1 (allowed-0 bit set), must-be-0 (allowed-1 bit clear) or free\n"
	  "(SDM A.3-A.5); bits the table does not name show as 'bit N (unknown)'.\n"
	  "A group the CPU does not have says so in one line.\n"
	  "  vmx caps              everything, group by group\n"
	  "  vmx caps proc         [proc] primary processor-based VM-execution controls ...\n"
	  "                        IA32_VMX_TRUE_PROCBASED_CTLS (0x48e) = 0x...\n"
	  "                          HLT_EXITING (bit 7): free\n"
	  "  vmx caps proc3        one line ('not available on this CPU ...') without them\n"
	  "  vmx caps cr0          CR0 bits VMX operation fixes: PG (bit 31): must-be-1\n"
	  "  vmx caps ept-vpid     page-walk lengths, INVEPT/INVVPID types, A/D flags",
	  cmd_vmx_caps, complete_group);
