/* The decoded form of a VMCS field's value, for `vmcs dump`. See
 * field_decode.h. */
#include "field_decode.h"

#include "ctl_bits.h"
#include "decode.h"
#include "exit_reason.h"
#include "vm_error.h"
#include "vmcs_field.h"
#include "../monitor/printf.h"
#include "../monitor/strbuf.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

typedef int (*field_decode_fn)(uint64_t v, const struct vmx_field_ctx *ctx,
			       char *buf, size_t size);

/* A field whose decoded form depends on its value alone: dec_NAME calls
 * the decoder fn with the value as type. */
#define DEC_VALUE(name, fn, type)                                              \
	static int dec_##name(uint64_t v, const struct vmx_field_ctx *ctx,     \
			      char *buf, size_t size)                          \
	{                                                                      \
		(void)ctx;                                                     \
		return fn((type)v, buf, size);                                 \
	}
DEC_VALUE(access_rights, vmx_decode_access_rights, uint32_t)
DEC_VALUE(intr_info, vmx_decode_intr_info, uint32_t)
DEC_VALUE(activity, vmx_decode_activity, uint32_t)
DEC_VALUE(interruptibility, vmx_decode_interruptibility, uint32_t)
DEC_VALUE(pending_dbg, vmx_decode_pending_dbg, uint64_t)
#undef DEC_VALUE

/* "HLT (12)", then the flags: "INVALID_STATE (33), entry failure". */
static int dec_exit_reason(uint64_t v, const struct vmx_field_ctx *ctx,
			   char *buf, size_t size)
{
	char flags[64];
	struct strbuf sb;
	(void)ctx;
	strbuf_init(&sb, buf, size);
	strbuf_add(&sb, "%s (%u)", exit_reason_name((uint32_t)v & EXIT_BASIC_MASK),
		   (unsigned)(v & EXIT_BASIC_MASK));
	exit_reason_flags((uint32_t)v, flags, sizeof(flags));
	if (flags[0])
		strbuf_add(&sb, ", %s", flags);
	return (int)sb.len;
}

static int dec_vm_error(uint64_t v, const struct vmx_field_ctx *ctx,
			char *buf, size_t size)
{
	(void)ctx;
	if (v == 0)
		return fmt_snprintf(buf, size, "none");
	return fmt_snprintf(buf, size, "%s", vm_error_text((unsigned)v));
}

/* The qualification of the exit VM_EXIT_REASON records. */
static int dec_qual(uint64_t v, const struct vmx_field_ctx *ctx, char *buf,
		    size_t size)
{
	return vmx_decode_qual(ctx->exit_reason, ctx->exit_intr_info, v, buf, size);
}

static int dec_instr_info(uint64_t v, const struct vmx_field_ctx *ctx,
			  char *buf, size_t size)
{
	return vmx_decode_instr_info(ctx->exit_reason & EXIT_BASIC_MASK,
				     ctx->exit_qual, (uint32_t)v, buf, size);
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
		     const struct vmx_field_ctx *ctx, char *buf, size_t size)
{
	static const struct vmx_field_ctx none;
	if (size > 0)
		buf[0] = '\0';
	if (!ctx)
		ctx = &none;
	for (int k = 0; k < CTL_KIND_COUNT; k++)
		if (ctl_kind_info((enum ctl_kind)k)->field == enc)
			return ctl_decode((enum ctl_kind)k, value, buf, size);
	for (size_t i = 0; i < ARRAY_LEN(field_decoders); i++)
		if (field_decoders[i].enc == enc)
			return field_decoders[i].fn(value, ctx, buf, size);
	return 0;
}
