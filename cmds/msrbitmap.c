/* msrbitmap attach / set / clear / show: the MSR bitmaps of the current
 * VMCS (SDM 25.6.9): read and write bitmaps for the low MSRs 0-0x1fff and
 * the high MSRs 0xc0000000-0xc0001fff; RDMSR/WRMSR of any other MSR always
 * exits (SDM 26.1.3). */
#include "attach.h"
#include "vmx_common.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../vmx/bitmap.h"

#define MSR_MAX 0xffffffffull
#define MSR_HIGH_BASE 0xc0000000u
#define RANGE_MSRS 0x2000u
#define MSR_READ_LOW_BIT 0u     /* bit offsets of the four bitmaps in the page */
#define MSR_READ_HIGH_BIT 8192u
#define MSR_WRITE_LOW_BIT 16384u
#define MSR_WRITE_HIGH_BIT 24576u

static bool msr_map(const char *cmd, uint8_t **map)
{
	const char *why;
	if (bitmap_page(MSR_BITMAP, map, &why))
		return true;
	printf("error: %s: MSR bitmap: %s (run msrbitmap attach)\n", cmd, why);
	return false;
}

static int cmd_msrbitmap_attach(int argc, char **argv)
{
	struct attach a = msr_bitmap_attach();
	if (!attach_ok("msrbitmap attach", a))
		return CMD_FAIL;
	printf("MSR bitmaps at 0x%016llx (no RDMSR/WRMSR in range exits); USE_MSR_BITMAPS set\n",
	       (unsigned long long)a.pa[0]);
	return CMD_OK;
}

/* "read", "write" or "rw" (the default): which bitmaps. */
static bool parse_access(const char *cmd, int argc, char **argv, bool *rd, bool *wr)
{
	const char *s = argc == 2 ? argv[1] : "rw";
	*rd = !strcmp(s, "read") || !strcmp(s, "rw");
	*wr = !strcmp(s, "write") || !strcmp(s, "rw");
	if (*rd || *wr)
		return true;
	printf("error: %s: '%s' is not read, write or rw\n", cmd, s);
	return false;
}

static int msr_put(const char *cmd, int argc, char **argv, bool on)
{
	uint8_t *map;
	uint64_t first, last;
	bool rd, wr;
	struct bitmap_pos p;
	if (!parse_range(cmd, argv[0], MSR_MAX, &first, &last) || !parse_access(cmd, argc, argv, &rd, &wr))
		return CMD_FAIL;
	if (!msr_bitmap_pos((uint32_t)first, false, &p) || !msr_bitmap_pos((uint32_t)last, false, &p) ||
	    (first < MSR_HIGH_BASE) != (last < MSR_HIGH_BASE)) {
		printf("error: %s: '%s' is not inside 0-0x1fff or 0xc0000000-0xc0001fff: RDMSR and WRMSR of other MSRs always exit (SDM 26.1.3)\n",
		       cmd, argv[0]);
		return CMD_FAIL;
	}
	if (!msr_map(cmd, &map))
		return CMD_FAIL;
	for (uint64_t m = first; m <= last; m++)
		for (int w = 0; w < 2; w++)
			if ((w ? wr : rd) && msr_bitmap_pos((uint32_t)m, w, &p))
				bitmap_put(map, &p, on);
	printf("MSR 0x%08llx", (unsigned long long)first);
	if (last != first)
		printf("-0x%08llx", (unsigned long long)last);
	printf(": %s%s%s %s\n", rd ? "RDMSR" : "", rd && wr ? " and " : "", wr ? "WRMSR" : "",
	       on ? "exit" : "do not exit");
	return CMD_OK;
}

static int cmd_msrbitmap_set(int argc, char **argv) { return msr_put("msrbitmap set", argc, argv, true); }
static int cmd_msrbitmap_clear(int argc, char **argv) { return msr_put("msrbitmap clear", argc, argv, false); }

static void show_runs(const char *label, const uint8_t *map, unsigned first_bit, uint32_t base, unsigned *n)
{
	unsigned from = first_bit, f, l;
	while (bitmap_next_run(map, first_bit + RANGE_MSRS, &from, &f, &l)) {
		printf("%s", *n ? "," : label);
		if (f == l)
			printf(" 0x%08x", base + f - first_bit);
		else
			printf(" 0x%08x-0x%08x", base + f - first_bit, base + l - first_bit);
		(*n)++;
	}
}

static int cmd_msrbitmap_show(int argc, char **argv)
{
	uint8_t *map;
	if (!msr_map("msrbitmap show", &map))
		return CMD_FAIL;
	printf("USE_MSR_BITMAPS %s, MSR bitmaps at 0x%016llx\n",
	       ctl_is_set(CTL_KIND_PROC, CTL_PROC_USE_MSR_BITMAPS) ? "on" : "off", (unsigned long long)(uint64_t)map);
	for (int w = 0; w < 2; w++) {
		unsigned n = 0;
		const char *label = w ? "WRMSR exits for:" : "RDMSR exits for:";
		show_runs(label, map, w ? MSR_WRITE_LOW_BIT : MSR_READ_LOW_BIT, 0, &n);
		show_runs(label, map, w ? MSR_WRITE_HIGH_BIT : MSR_READ_HIGH_BIT, MSR_HIGH_BASE, &n);
		printf("%s\n", n ? "" : w ? "WRMSR exits for: no MSR in range" : "RDMSR exits for: no MSR in range");
	}
	printf("RDMSR and WRMSR of MSRs outside 0-0x1fff and 0xc0000000-0xc0001fff always exit\n");
	return CMD_OK;
}

CMD(msrbitmap_attach, "msrbitmap attach", "", 0, 0, NEEDS_VMCS, "give the current VMCS a zeroed MSR-bitmap page and set USE_MSR_BITMAPS",
    "Writes MSR_BITMAP and sets USE_MSR_BITMAPS (SDM 25.6.9): then RDMSR and WRMSR of\n"
    "MSRs 0-0x1fff and 0xc0000000-0xc0001fff run in L2 without exiting until\n"
    "'msrbitmap set'; every other MSR still exits.\n"
    "  msrbitmap attach     MSR bitmaps at 0x... (no RDMSR/WRMSR in range exits); USE_MSR_BITMAPS set",
    cmd_msrbitmap_attach);
CMD(msrbitmap_set, "msrbitmap set", "MSR|FIRST-LAST [read|write|rw]", 1, 2, NEEDS_VMCS, "make RDMSR and/or WRMSR of MSRs exit",
    "  msrbitmap set 0x10              RDMSR and WRMSR of IA32_TIME_STAMP_COUNTER exit\n"
    "  msrbitmap set 0xc0000080 write  only WRMSR of IA32_EFER exits\n"
    "  msrbitmap set 0x40000000        error: outside both ranges, always exits",
    cmd_msrbitmap_set);
CMD(msrbitmap_clear, "msrbitmap clear", "MSR|FIRST-LAST [read|write|rw]", 1, 2, NEEDS_VMCS, "let RDMSR and/or WRMSR of MSRs run without exiting",
    "  msrbitmap clear 0x10 read\n"
    "  msrbitmap clear 0-0x1fff",
    cmd_msrbitmap_clear);
CMD(msrbitmap_show, "msrbitmap show", "", 0, 0, NEEDS_VMCS, "the MSRs whose RDMSR or WRMSR exits",
    "  msrbitmap show     RDMSR exits for: 0x00000010 ... WRMSR exits for: no MSR in range",
    cmd_msrbitmap_show);
