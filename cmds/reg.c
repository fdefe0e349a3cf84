/* reg [NAME [VALUE]]: L2's registers. The GPRs live in the monitor (saved
 * and restored around every entry and exit); RIP, RSP, RFLAGS, the CRs and
 * DR7 live in the VMCS guest-state area. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include <stddef.h>

struct reg_def {
	const char *name;
	int gpr_offset; /* into struct l2_gprs, or -1 */
	uint32_t field; /* VMCS encoding when gpr_offset < 0 */
};

#define GPR(n) { #n, (int)offsetof(struct l2_gprs, n), 0 }
#define VMCS(n, f) { n, -1, f }
static const struct reg_def regs[] = {
	GPR(rax), GPR(rbx), GPR(rcx), GPR(rdx), GPR(rsi), GPR(rdi), GPR(rbp),
	VMCS("rsp", GUEST_RSP),
	GPR(r8), GPR(r9), GPR(r10), GPR(r11), GPR(r12), GPR(r13), GPR(r14), GPR(r15),
	VMCS("rip", GUEST_RIP), VMCS("rflags", GUEST_RFLAGS),
	VMCS("cr0", GUEST_CR0), VMCS("cr3", GUEST_CR3), VMCS("cr4", GUEST_CR4),
	VMCS("dr7", GUEST_DR7),
};
#define NREGS (sizeof(regs) / sizeof(regs[0]))

static const struct reg_def *reg_find(const char *name)
{
	for (unsigned i = 0; i < NREGS; i++)
		if (!strcasecmp(regs[i].name, name))
			return &regs[i];
	return NULL;
}

static bool reg_get(struct vmcs_obj *v, const struct reg_def *r, uint64_t *val)
{
	if (r->gpr_offset >= 0) {
		*val = *(uint64_t *)((char *)&v->gprs + r->gpr_offset);
		return true;
	}
	return vmx_read(r->field, val).status == VMX_OK;
}

static struct vmx_result reg_set(struct vmcs_obj *v, const struct reg_def *r, uint64_t val)
{
	if (r->gpr_offset < 0)
		return vmx_write(r->field, val);
	*(uint64_t *)((char *)&v->gprs + r->gpr_offset) = val;
	return vmx_result_ok();
}

static void reg_print(struct vmcs_obj *v, const struct reg_def *r)
{
	uint64_t val;
	if (reg_get(v, r, &val))
		printf("%-6s = 0x%016llx\n", r->name, (unsigned long long)val);
	else
		printf("error: reg: cannot read %s from the VMCS\n", r->name);
}

static int cmd_reg(int argc, char **argv)
{
	struct vmcs_obj *v = vmcs_current();
	if (argc == 0) {
		for (unsigned i = 0; i < NREGS; i++)
			reg_print(v, &regs[i]);
		return CMD_OK;
	}
	const struct reg_def *r = reg_find(argv[0]);
	if (!r) {
		printf("error: reg: no register '%s' (rax..r15, rsp, rip, rflags, cr0, cr3, cr4, dr7)\n", argv[0]);
		return CMD_FAIL;
	}
	uint64_t val;
	if (argc == 2) {
		if (!parse_num("reg", argv[1], &val))
			return CMD_FAIL;
		struct vmx_result res = reg_set(v, r, val);
		if (res.status != VMX_OK) {
			print_vmx_error("reg", res);
			return CMD_FAIL;
		}
	}
	reg_print(v, r);
	return CMD_OK;
}

static void reg_complete(int argi, const char *prefix, complete_add_fn add, void *ctx)
{
	(void)prefix;
	for (unsigned i = 0; argi == 0 && i < NREGS; i++)
		add(ctx, regs[i].name);
}

CMD_ENTRY(reg, "reg", "[NAME [VALUE]]", 0, 2, NEEDS_VMCS, "L2 registers: GPRs kept by the monitor, RIP/RSP/RFLAGS/CRs/DR7 in the VMCS",
	  "  reg              all of them\n"
	  "  reg rax          rax    = 0x0000000000000000\n"
	  "  reg rcx 0x10     set L2's RCX (used at the next entry)\n"
	  "  reg rip 0x1000   the same as vmwrite GUEST_RIP 0x1000",
	  cmd_reg, reg_complete);
