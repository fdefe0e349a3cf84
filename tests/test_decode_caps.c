/* Host unit tests for the capability-MSR decoders (vmx/caps_decode.c).
 * Expected values are worked out from the SDM tables named there. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "vmx/caps_decode.h"

/* Collects the lines of a caps decoder, each followed by '\n'. */
struct lines {
	char text[4096];
	int count;
};

static void collect(void *ctx, const char *line)
{
	struct lines *l = ctx;
	size_t len = strlen(l->text);
	snprintf(l->text + len, sizeof(l->text) - len, "%s\n", line);
	l->count++;
}

/* True when "line\n" is one of the collected lines. */
static bool has_line(const struct lines *l, const char *line)
{
	char want[128];
	snprintf(want, sizeof(want), "%s\n", line);
	for (const char *p = l->text; (p = strstr(p, want)); p++)
		if (p == l->text || p[-1] == '\n')
			return true;
	return false;
}

#define assert_line(l, s) \
	do { \
		if (!has_line(l, s)) \
			fail_msg("missing line \"%s\" in:\n%s", s, (l)->text); \
	} while (0)

/* ---- capability MSRs ---- */

static void test_caps_basic(void **state)
{
	struct lines l = { .count = 0 };
	(void)state;
	/* revision 4, 1024-byte region, WB, INS/OUTS info, TRUE controls,
	 * plus bit 60 nobody defines */
	vmx_caps_decode_basic(0x10d8040000000004ull, collect, &l);
	assert_line(&l, "revision id 0x4");
	assert_line(&l, "VMCS region size 1024 bytes");
	assert_line(&l, "physical addresses: up to the physical-address width");
	assert_line(&l, "memory type 6 (WB)");
	assert_line(&l, "dual-monitor SMM treatment: no");
	assert_line(&l, "INS/OUTS instruction information: yes");
	assert_line(&l, "TRUE controls (bit 55): yes");
	assert_line(&l, "exception injection without error-code check (bit 56): no");
	assert_line(&l, "bit 60 (unknown)");
	assert_int_equal(l.count, 9);
}

static void test_caps_misc(void **state)
{
	struct lines l = { .count = 0 };
	(void)state;
	vmx_caps_decode_misc(0x300481e5ull, collect, &l);
	assert_line(&l, "preemption timer rate: TSC >> 5");
	assert_line(&l, "activity states: active HLT shutdown wait-for-SIPI");
	assert_line(&l, "CR3-target values: 4");
	assert_line(&l, "max MSR-list entries: 512 (512 * (0 + 1))");
	assert_line(&l, "VM exits store EFER.LMA in \"IA-32e mode guest\": yes");
	assert_line(&l, "IA32_SMM_MONITOR_CTL bit 2 (SMIs blocked after VMXOFF): yes");
	assert_line(&l, "VMWRITE to VM-exit information fields (bit 29): yes");
	assert_line(&l, "zero-length instruction injection (bit 30): no");
	assert_line(&l, "MSEG revision id: 0x0");
	assert_false(strstr(l.text, "unknown"));

	memset(&l, 0, sizeof(l));
	vmx_caps_decode_misc((3ull << 25) | (1ull << 9), collect, &l);
	assert_line(&l, "max MSR-list entries: 2048 (512 * (3 + 1))");
	assert_line(&l, "activity states: active");
	assert_line(&l, "bit 9 (unknown)");
}

static void test_caps_fixed(void **state)
{
	struct lines l = { .count = 0 };
	(void)state;
	vmx_caps_decode_fixed("CR0", 0x80000021, 0xffffffff, collect, &l);
	assert_line(&l, "PE (bit 0): must-be-1");
	assert_line(&l, "NE (bit 5): must-be-1");
	assert_line(&l, "PG (bit 31): must-be-1");
	assert_line(&l, "CD (bit 30): free");
	assert_line(&l, "bit 6 (unknown): free");
	assert_false(strstr(l.text, "bit 32"));

	memset(&l, 0, sizeof(l));
	vmx_caps_decode_fixed("CR4", 0x2000, 0x3727ff, collect, &l);
	assert_line(&l, "VMXE (bit 13): must-be-1");
	assert_line(&l, "LA57 (bit 12): must-be-0");
	assert_line(&l, "UMIP (bit 11): must-be-0");
	assert_line(&l, "SMEP (bit 20): free");
	assert_line(&l, "PKS (bit 24): must-be-0");
	assert_line(&l, "FRED (bit 32): must-be-0");

	assert_string_equal(vmx_fixed_setting(1, 0, 0), "contradictory");
	assert_string_equal(vmx_fixed_setting(0, ~0ull, 63), "free");
	assert_string_equal(vmx_fixed_setting(0, 0, 64), "invalid bit");
}

static void test_caps_ept_vpid(void **state)
{
	struct lines l = { .count = 0 };
	/* a typical set: execute-only, PWL 4, UC, WB, 2M, 1G, INVEPT, A/D,
	 * single/all-context INVEPT, INVVPID and its four types; plus bit 23
	 * (which kvm-unit-tests calls reserved) and bit 1, undefined */
	uint64_t v = (1ull << 0) | (1ull << 6) | (1ull << 8) | (1ull << 14) |
		     (1ull << 16) | (1ull << 17) | (1ull << 20) | (1ull << 21) |
		     (1ull << 25) | (1ull << 26) | (1ull << 32) | (0xfull << 40) |
		     (1ull << 23) | (1ull << 1);
	(void)state;
	vmx_caps_decode_ept_vpid(v, collect, &l);
	assert_line(&l, "execute-only translations: yes");
	assert_line(&l, "page-walk length 4: yes");
	assert_line(&l, "page-walk length 5: no");
	assert_line(&l, "EPT structures WB: yes");
	assert_line(&l, "1GB pages: yes");
	assert_line(&l, "accessed/dirty flags: yes");
	assert_line(&l, "advanced VM-exit information for EPT violations: no");
	assert_line(&l, "supervisor shadow-stack control: yes");
	assert_line(&l, "INVVPID single-context-retaining-globals: yes");
	assert_line(&l, "max HLAT prefix size: 0");
	assert_line(&l, "bit 1 (unknown)");
	assert_false(strstr(l.text, "bit 23 (unknown)"));
}

static void test_caps_enum_vmfunc_ctl(void **state)
{
	struct lines l = { .count = 0 };
	(void)state;
	vmx_caps_decode_vmcs_enum(0x34, collect, &l);
	assert_line(&l, "highest index: 0x1a (26)");
	assert_int_equal(l.count, 1);

	memset(&l, 0, sizeof(l));
	vmx_caps_decode_vmfunc(0x3, collect, &l);
	assert_line(&l, "EPTP switching (VM function 0): yes");
	assert_line(&l, "bit 1 (unknown)");

	/* a control MSR read as a fixed pair: allowed-0 0x16, allowed-1 0x7f */
	assert_string_equal(vmx_fixed_setting(0x16, 0x7f, 1), "must-be-1");
	assert_string_equal(vmx_fixed_setting(0x16, 0x7f, 0), "free");
	assert_string_equal(vmx_fixed_setting(0x16, 0x7f, 7), "must-be-0");
	assert_string_equal(vmx_fixed_setting(0x1, 0x0, 0), "contradictory");
	assert_string_equal(vmx_fixed_setting(0x16, 0x7f, 64), "invalid bit");

	assert_string_equal(vmx_msr_name(0x48d), "IA32_VMX_TRUE_PINBASED_CTLS");
	assert_null(vmx_msr_name(0x10));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caps_basic),
		cmocka_unit_test(test_caps_misc),
		cmocka_unit_test(test_caps_fixed),
		cmocka_unit_test(test_caps_ept_vpid),
		cmocka_unit_test(test_caps_enum_vmfunc_ctl),
	};
	return cmocka_run_group_tests_name("decode_caps", tests, NULL, NULL);
}
