/* libFuzzer target: decoding what L2 and the L0 leave in the VMCS (exit
 * qualification, interruption and instruction information, access rights,
 * activity and interruptibility state, pending debug exceptions) and the
 * capability MSRs (vmx/decode.c, vmx/decode_qual.c, vmx/caps_decode.c).
 * Every value is L2's or the L0's to choose, so any value must decode
 * into a bounded, terminated line. Input: the values, a buffer size. */
#include "tests/fuzz/fuzz.h"
#include "vmx/caps_decode.h"
#include "vmx/decode.h"

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
	for (int bit = -1; bit <= 64; bit += 13) {
		FUZZ_CHECK(vmx_ctl_setting(a, bit) != NULL, "setting");
		FUZZ_CHECK(vmx_fixed_setting(a, b, bit) != NULL, "fixed setting");
	}
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
	check_snprintf_result(buf, n, vmx_decode_qual(basic, reason >> 31, qual, buf, bufsize));
	check_snprintf_result(buf, n, vmx_decode_qual(reason & 0x7f, false, qual, buf, bufsize));
	check_snprintf_result(buf, n, vmx_decode_exception_qual(info & 0xff, qual, buf, bufsize));
	check_snprintf_result(buf, n, vmx_decode_exception_qual(info, qual, buf, bufsize));
	check_snprintf_result(buf, n, vmx_decode_intr_info(info, buf, bufsize));
	check_snprintf_result(buf, n, vmx_decode_access_rights(info, buf, bufsize));
	check_snprintf_result(buf, n, vmx_decode_activity(info, buf, bufsize));
	check_snprintf_result(buf, n, vmx_decode_interruptibility(info, buf, bufsize));
	check_snprintf_result(buf, n, vmx_decode_pending_dbg(other, buf, bufsize));
	check_snprintf_result(buf, n, vmx_decode_instr_info(basic, info, buf, bufsize));
	check_snprintf_result(buf, n, vmx_decode_instr_info(reason & 0x7f, info, buf, bufsize));
	check_snprintf_result(buf, n, vmx_decode_reason_flags(reason, buf, bufsize));
	(void)vmx_gpr_name(info);
	(void)vmx_exception_name(info);
	free(buf);
	decode_caps(qual, other);
	return 0;
}
