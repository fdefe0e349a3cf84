/* libFuzzer target: decoding what L2 and the L0 leave in the VMCS (exit
 * qualification, interruption and instruction information, access rights,
 * activity and interruptibility state, pending debug exceptions) and the
 * capability MSRs (vmx/decode.c, vmx/decode_qual.c, vmx/caps_decode.c).
 * Every value is L2's or the L0's to choose, so any value must decode
 * into a bounded, terminated line. Input: the values, a buffer size. */
#include "tests/fuzz/fuzz.h"
#include "vmx/caps_decode.h"
#include "vmx/decode.h"
#include "vmx/exit_reason.h"
#include "vmx/field_decode.h"
#include "vmx/vmcs_field.h"
#include "monitor/exception.h"

static void line_ok(void *ctx, const char *line)
{
	(void)ctx;
	FUZZ_CHECK(line && strlen(line) < 4096, "capability line");
}

static void decode_caps(uint64_t a, uint64_t b)
{
	vmx_caps_decode_basic(a, line_ok, NULL);
	vmx_caps_decode_misc(a, line_ok, NULL);
	vmx_caps_decode_fixed("CR0", a, b, line_ok, NULL);
	vmx_caps_decode_fixed("CR4", b, a, line_ok, NULL);
	vmx_caps_decode_vmcs_enum(a, line_ok, NULL);
	vmx_caps_decode_ept_vpid(a, line_ok, NULL);
	vmx_caps_decode_vmfunc(b, line_ok, NULL);
	for (int bit = -1; bit <= 64; bit += 13)
		FUZZ_CHECK(vmx_fixed_setting(a, b, bit) != NULL, "fixed setting");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint32_t reason = (uint32_t)fuzz_u64(&in, 4);
	uint64_t qual = fuzz_u64(&in, 8), other = fuzz_u64(&in, 8);
	uint32_t info = (uint32_t)fuzz_u64(&in, 4);
	int bufsize = (int)fuzz_u64(&in, 2) % 300;
	char *buf = malloc(bufsize ? (size_t)bufsize : 1);
	size_t n = (size_t)bufsize;
	uint32_t basic = reason & 0xffff;
	(void)basic;
	check_snprintf_result(buf, n, vmx_decode_qual(reason, info, qual, buf, n));
	check_snprintf_result(buf, n, vmx_decode_qual(reason & 0x7f, info, qual, buf, n));
	check_snprintf_result(buf, n, vmx_decode_intr_info(info, buf, n));
	check_snprintf_result(buf, n, vmx_decode_access_rights(info, buf, n));
	check_snprintf_result(buf, n, vmx_decode_activity(info, buf, n));
	check_snprintf_result(buf, n, vmx_decode_interruptibility(info, buf, n));
	check_snprintf_result(buf, n, vmx_decode_pending_dbg(other, buf, n));
	check_snprintf_result(buf, n, vmx_decode_instr_info(basic, qual, info, buf, n));
	check_snprintf_result(buf, n, vmx_decode_instr_info(reason & 0x7f, qual, info, buf, n));
	check_snprintf_result(buf, n, exit_reason_flags(reason, buf, n));
	/* every field's decoder, with the exit context the fuzzer chose */
	struct vmx_field_ctx fctx = { 0 };
	fctx.exit_reason = reason;
	fctx.exit_intr_info = info;
	fctx.exit_qual = qual;
	const struct vmcs_field *f = vmcs_field_at((size_t)(other % vmcs_field_count()));
	if (f)
		check_snprintf_result(buf, n, vmx_field_decode(f->encoding, qual, &fctx, buf, n));
	(void)vmx_gpr_name(info);
	(void)exception_mnemonic(info);
	free(buf);
	decode_caps(qual, other);
	return 0;
}
