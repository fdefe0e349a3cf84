/* Control-bit settings, capability-MSR names and decoded field values for
 * the commands that show them. See dump.h. */
#include "dump.h"

#include "caps_decode.h"
#include "decode.h"
#include "exit_reason.h"
#include "msr.h"
#include "vm_error.h"
#include "vmcs_field.h"
#include "../monitor/printf.h"


#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

const char *vmx_ctl_bit_setting(const struct vmx_caps *c, enum ctl_kind k,
				unsigned bit)
{
	/* what breaks an all-0 value must be 1; what breaks all-1 must be 0 */
	uint64_t must1 = vmx_ctl_violations(c, k, 0);
	uint64_t must0 = vmx_ctl_violations(c, k, ~0ull);
	return vmx_fixed_setting(must1, ~must0, (int)bit);
}

static const struct {
	enum ctl_kind kind, parent;
	unsigned bit;
} activations[] = {
	{ CTL_KIND_PROC2, CTL_KIND_PROC, CTL_PROC_ACTIVATE_SECONDARY_CONTROLS },
	{ CTL_KIND_PROC3, CTL_KIND_PROC, CTL_PROC_ACTIVATE_TERTIARY_CONTROLS },
	{ CTL_KIND_EXIT2, CTL_KIND_EXIT, CTL_EXIT_ACTIVATE_SECONDARY_CONTROLS },
};

bool vmx_ctl_activation(enum ctl_kind k, enum ctl_kind *parent, unsigned *bit)
{
	for (size_t i = 0; i < ARRAY_LEN(activations); i++) {
		if (activations[i].kind == k) {
			*parent = activations[i].parent;
			*bit = activations[i].bit;
			return true;
		}
	}
	return false;
}

/* ---- capability MSR names (SDM appendix A) ---- */

struct msr_name {
	uint32_t msr;
	const char *name;
};

#define VMX_MSR(name) { MSR_##name, #name }
static const struct msr_name msr_names[] = {
	VMX_MSR(IA32_VMX_BASIC),
	VMX_MSR(IA32_VMX_PINBASED_CTLS),
	VMX_MSR(IA32_VMX_PROCBASED_CTLS),
	VMX_MSR(IA32_VMX_EXIT_CTLS),
	VMX_MSR(IA32_VMX_ENTRY_CTLS),
	VMX_MSR(IA32_VMX_MISC),
	VMX_MSR(IA32_VMX_CR0_FIXED0),
	VMX_MSR(IA32_VMX_CR0_FIXED1),
	VMX_MSR(IA32_VMX_CR4_FIXED0),
	VMX_MSR(IA32_VMX_CR4_FIXED1),
	VMX_MSR(IA32_VMX_VMCS_ENUM),
	VMX_MSR(IA32_VMX_PROCBASED_CTLS2),
	VMX_MSR(IA32_VMX_EPT_VPID_CAP),
	VMX_MSR(IA32_VMX_TRUE_PINBASED_CTLS),
	VMX_MSR(IA32_VMX_TRUE_PROCBASED_CTLS),
	VMX_MSR(IA32_VMX_TRUE_EXIT_CTLS),
	VMX_MSR(IA32_VMX_TRUE_ENTRY_CTLS),
	VMX_MSR(IA32_VMX_VMFUNC),
	VMX_MSR(IA32_VMX_PROCBASED_CTLS3),
	VMX_MSR(IA32_VMX_EXIT_CTLS2),
};
#undef VMX_MSR

const char *vmx_msr_name(uint32_t msr)
{
	for (size_t i = 0; i < ARRAY_LEN(msr_names); i++)
		if (msr_names[i].msr == msr)
			return msr_names[i].name;
	return NULL;
}

/* ---- decoded field values ---- */

#define INTR_INFO_VALID (1u << 31) /* SDM 25.9.2 */
#define INTR_INFO_VECTOR 0xffu
#define EXIT_REASON_EXCEPTION_NMI 0

typedef int (*field_decode_fn)(uint64_t v, const struct vmx_field_ctx *ctx,
			       char *buf, int size);

static int dec_access_rights(uint64_t v, const struct vmx_field_ctx *ctx,
			     char *buf, int size)
{
	(void)ctx;
	return vmx_decode_access_rights((uint32_t)v, buf, size);
}

static int dec_intr_info(uint64_t v, const struct vmx_field_ctx *ctx,
			 char *buf, int size)
{
	(void)ctx;
	return vmx_decode_intr_info((uint32_t)v, buf, size);
}

static int dec_activity(uint64_t v, const struct vmx_field_ctx *ctx,
			char *buf, int size)
{
	(void)ctx;
	return vmx_decode_activity((uint32_t)v, buf, size);
}

static int dec_interruptibility(uint64_t v, const struct vmx_field_ctx *ctx,
				char *buf, int size)
{
	(void)ctx;
	return vmx_decode_interruptibility((uint32_t)v, buf, size);
}

static int dec_pending_dbg(uint64_t v, const struct vmx_field_ctx *ctx,
			   char *buf, int size)
{
	(void)ctx;
	return vmx_decode_pending_dbg(v, buf, size);
}

/* "HLT (12)", then the flags: "INVALID_STATE (33), entry failure". */
static int dec_exit_reason(uint64_t v, const struct vmx_field_ctx *ctx,
			   char *buf, int size)
{
	char flags[64];
	struct vmx_sb sb;
	(void)ctx;
	vmx_sb_init(&sb, buf, size);
	vmx_sb_add(&sb, "%s (%u)", exit_reason_name((uint32_t)v & EXIT_BASIC_MASK),
		   (unsigned)(v & EXIT_BASIC_MASK));
	vmx_decode_reason_flags((uint32_t)v, flags, sizeof(flags));
	if (flags[0])
		vmx_sb_add(&sb, ", %s", flags);
	return sb.len;
}

static int dec_vm_error(uint64_t v, const struct vmx_field_ctx *ctx,
			char *buf, int size)
{
	size_t n = size > 0 ? (size_t)size : 0;
	(void)ctx;
	if (v == 0)
		return fmt_snprintf(buf, n, "none");
	return fmt_snprintf(buf, n, "%s", vm_error_text((unsigned)v));
}

/* The qualification of the exit VM_EXIT_REASON records; an exception's
 * depends on its vector (SDM 28.2.1). */
static int dec_qual(uint64_t v, const struct vmx_field_ctx *ctx, char *buf,
		    int size)
{
	unsigned basic = ctx->exit_reason & EXIT_BASIC_MASK;
	bool failure = ctx->exit_reason & EXIT_FLAG_ENTRY_FAILURE;
	if (basic == EXIT_REASON_EXCEPTION_NMI && !failure &&
	    (ctx->exit_intr_info & INTR_INFO_VALID))
		return vmx_decode_exception_qual(ctx->exit_intr_info & INTR_INFO_VECTOR,
						 v, buf, size);
	return vmx_decode_qual(basic, failure, v, buf, size);
}

static int dec_instr_info(uint64_t v, const struct vmx_field_ctx *ctx,
			  char *buf, int size)
{
	return vmx_decode_instr_info(ctx->exit_reason & EXIT_BASIC_MASK,
				     (uint32_t)v, buf, size);
}

/* Every field with a decoded form except the control fields, which the
 * control-bit table knows (ctl_kind_info(k)->field). */
static const struct {
	uint32_t enc;
	field_decode_fn fn;
} field_decoders[] = {
	{ GUEST_ES_AR_BYTES, dec_access_rights },
	{ GUEST_CS_AR_BYTES, dec_access_rights },
	{ GUEST_SS_AR_BYTES, dec_access_rights },
	{ GUEST_DS_AR_BYTES, dec_access_rights },
	{ GUEST_FS_AR_BYTES, dec_access_rights },
	{ GUEST_GS_AR_BYTES, dec_access_rights },
	{ GUEST_LDTR_AR_BYTES, dec_access_rights },
	{ GUEST_TR_AR_BYTES, dec_access_rights },
	{ VM_ENTRY_INTR_INFO_FIELD, dec_intr_info },
	{ VM_EXIT_INTR_INFO, dec_intr_info },
	{ IDT_VECTORING_INFO_FIELD, dec_intr_info },
	{ GUEST_ACTIVITY_STATE, dec_activity },
	{ GUEST_INTERRUPTIBILITY_INFO, dec_interruptibility },
	{ GUEST_PENDING_DBG_EXCEPTIONS, dec_pending_dbg },
	{ VM_EXIT_REASON, dec_exit_reason },
	{ VM_INSTRUCTION_ERROR, dec_vm_error },
	{ EXIT_QUALIFICATION, dec_qual },
	{ VMX_INSTRUCTION_INFO, dec_instr_info },
};

int vmx_field_decode(uint32_t enc, uint64_t value,
		     const struct vmx_field_ctx *ctx, char *buf, int size)
{
	static const struct vmx_field_ctx none;
	if (size > 0)
		buf[0] = '\0';
	if (!ctx)
		ctx = &none;
	for (int k = 0; k < CTL_KIND_COUNT; k++)
		if (ctl_kind_info((enum ctl_kind)k)->field == enc)
			return ctl_decode((enum ctl_kind)k, value, buf,
					  size > 0 ? (size_t)size : 0);
	for (size_t i = 0; i < ARRAY_LEN(field_decoders); i++)
		if (field_decoders[i].enc == enc)
			return field_decoders[i].fn(value, ctx, buf, size);
	return 0;
}
