/* bench [N]: cycles per round trip of a trivial exit (CPUID, which exits
 * unconditionally) through the full monitor path and through a bare
 * VMRESUME loop, in the same boot. */
#include "vmx_common.h"
#include "../monitor/cmd.h"
#include "../monitor/printf.h"

#define BENCH_DEFAULT 1000
#define BENCH_MAX 10000000ull

static int cmd_bench(int argc, char **argv)
{
	static const uint8_t cpuid_hlt[] = { 0x0f, 0xa2, 0xf4 };
	uint64_t n = BENCH_DEFAULT, full, bare;
	struct vmcs_obj *v = vmcs_current();
	if (argc && !parse_num("bench", argv[0], &n))
		return CMD_FAIL;
	if (n == 0 || n > BENCH_MAX) {
		printf("error: bench: N must be 1..%llu\n", BENCH_MAX);
		return CMD_FAIL;
	}
	if (!v->has_l2) {
		printf("error: bench: needs a VMCS made by vmcs new\n");
		return CMD_FAIL;
	}
	struct vmx_result r = l2_load_code(v, cpuid_hlt, sizeof(cpuid_hlt));
	if (r.status != VMX_OK) {
		print_vmx_error("bench", r);
		return CMD_FAIL;
	}
	if (!vmx_bench((unsigned)n, &full, &bare)) {
		printf("error: bench: the CPUID loop did not exit as expected (see exit)\n");
		return CMD_FAIL;
	}
	uint64_t ratio100 = bare ? full * 100 / bare : 0;
	printf("bench: %llu CPUID round trips\n", (unsigned long long)n);
	printf("full path:  %llu cycles per round trip\n", (unsigned long long)full);
	printf("bare loop:  %llu cycles per round trip\n", (unsigned long long)bare);
	printf("ratio:      %llu.%02llu\n", (unsigned long long)(ratio100 / 100),
	       (unsigned long long)(ratio100 % 100));
	return CMD_OK;
}

CMD(bench, "bench", "[N]", 0, 1, NEEDS_VMCS, "cycles per CPUID exit round trip: full monitor path vs bare VMRESUME loop",
    "Loads CPUID;HLT into the current L2 (replacing its program) and resumes it N\n"
    "times (default 1000) through the monitor's run path, then N times in a bare\n"
    "VMRESUME loop; prints TSC cycles per round trip for both and their ratio.\n"
    "  bench 10000",
    cmd_bench);
