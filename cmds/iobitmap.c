/* iobitmap attach / set / clear / show: the I/O bitmaps of the current VMCS
 * (SDM 25.6.4), and which accesses exit through them (SDM 26.1.3). */
#include "attach.h"
#include "vmx_common.h"
#include "../monitor/printf.h"
#include "../vmx/bitmap.h"

#define PORT_MAX 0xffffu
#define ACCESS_MAX 4u

static bool io_maps(const char *cmd, uint8_t **a, uint8_t **b)
{
	const char *why;
	if (!bitmap_page(IO_BITMAP_A, a, &why) || !bitmap_page(IO_BITMAP_B, b, &why)) {
		printf("error: %s: I/O bitmap: %s (run iobitmap attach)\n", cmd, why);
		return false;
	}
	return true;
}

static int cmd_iobitmap_attach(int argc, char **argv)
{
	struct attach a = io_bitmaps_attach();
	if (!attach_ok("iobitmap attach", a))
		return CMD_FAIL;
	printf("I/O bitmap A at 0x%016llx, B at 0x%016llx (no port exits); USE_IO_BITMAPS set\n",
	       (unsigned long long)a.pa[0], (unsigned long long)a.pa[1]);
	return CMD_OK;
}

static int io_put(const char *cmd, const char *range, bool on)
{
	uint8_t *map[2];
	uint64_t first, last;
	struct bitmap_pos p;
	if (!parse_range(cmd, range, PORT_MAX, &first, &last) || !io_maps(cmd, &map[0], &map[1]))
		return CMD_FAIL;
	for (uint64_t port = first; port <= last; port++) {
		io_bitmap_pos((uint32_t)port, &p);
		bitmap_put(map[p.page], &p, on);
	}
	if (first == last)
		printf("port 0x%04llx %s\n", (unsigned long long)first, on ? "exits" : "does not exit");
	else
		printf("ports 0x%04llx-0x%04llx %s\n", (unsigned long long)first, (unsigned long long)last,
		       on ? "exit" : "do not exit");
	return CMD_OK;
}

static int cmd_iobitmap_set(int argc, char **argv) { return io_put("iobitmap set", argv[0], true); }
static int cmd_iobitmap_clear(int argc, char **argv) { return io_put("iobitmap clear", argv[0], false); }

static void show_runs(const char *label, const uint8_t *map, unsigned base)
{
	unsigned from = 0, f, l, n = 0;
	printf("%s at 0x%016llx exits for:", label, (unsigned long long)(uint64_t)map);
	while (bitmap_next_run(map, BITMAP_BYTES * 8, &from, &f, &l)) {
		if (f == l)
			printf(" 0x%04x", base + f);
		else
			printf(" 0x%04x-0x%04x", base + f, base + l);
		n++;
	}
	printf("%s\n", n ? "" : " no port");
}

/* SDM 26.1.3: with USE_IO_BITMAPS the bitmaps decide, UNCOND_IO_EXITING is
 * ignored; without, UNCOND_IO_EXITING decides. */
static int show_access(uint8_t *a, uint8_t *b, char **argv, int argc)
{
	uint64_t port, size = 1;
	if (!parse_num("iobitmap show", argv[0], &port) || (argc == 2 && !parse_num("iobitmap show", argv[1], &size)))
		return CMD_FAIL;
	if (port > PORT_MAX || !size || size > ACCESS_MAX || size == 3) {
		printf("error: iobitmap show: PORT 0..0xffff and SIZE 1, 2 or 4\n");
		return CMD_FAIL;
	}
	bool exits = ctl_is_set(CTL_KIND_PROC, CTL_PROC_USE_IO_BITMAPS)
			     ? io_access_exits(a, b, (uint32_t)port, (unsigned)size)
			     : ctl_is_set(CTL_KIND_PROC, CTL_PROC_UNCOND_IO_EXITING);
	printf("a %llu-byte access at port 0x%04llx %s\n", (unsigned long long)size,
	       (unsigned long long)port, exits ? "exits" : "does not exit");
	return CMD_OK;
}

static int cmd_iobitmap_show(int argc, char **argv)
{
	uint8_t *a, *b;
	bool use = ctl_is_set(CTL_KIND_PROC, CTL_PROC_USE_IO_BITMAPS);
	bool uncond = ctl_is_set(CTL_KIND_PROC, CTL_PROC_UNCOND_IO_EXITING);
	if (!io_maps("iobitmap show", &a, &b))
		return CMD_FAIL;
	if (argc)
		return show_access(a, b, argv, argc);
	printf("USE_IO_BITMAPS %s, UNCOND_IO_EXITING %s%s\n", use ? "on" : "off", uncond ? "on" : "off",
	       use && uncond ? " (ignored: the bitmaps decide)" : "");
	show_runs("I/O bitmap A", a, 0);
	show_runs("I/O bitmap B", b, 0x8000);
	return CMD_OK;
}

CMD(iobitmap_attach, "iobitmap attach", "", 0, 0, NEEDS_VMCS, "give the current VMCS two zeroed I/O bitmaps and set USE_IO_BITMAPS",
    "Allocates bitmap A (ports 0-0x7fff) and B (0x8000-0xffff), writes IO_BITMAP_A\n"
    "and IO_BITMAP_B, and sets USE_IO_BITMAPS (SDM 25.6.4): then no I/O instruction\n"
    "exits until 'iobitmap set'. UNCOND_IO_EXITING is left as it is (the bitmaps\n"
    "take precedence, SDM 26.1.3).\n"
    "  iobitmap attach     I/O bitmap A at 0x..., B at 0x... (no port exits); USE_IO_BITMAPS set",
    cmd_iobitmap_attach);
CMD(iobitmap_set, "iobitmap set", "PORT|FIRST-LAST", 1, 1, NEEDS_VMCS, "make I/O to a port or a range of ports exit (bitmap A or B)",
    "Works on the bitmaps IO_BITMAP_A and IO_BITMAP_B point to.\n"
    "  iobitmap set 0x80           IN/OUT at port 0x80 exits\n"
    "  iobitmap set 0x7ffe-0x8001  the last ports of A and the first of B",
    cmd_iobitmap_set);
CMD(iobitmap_clear, "iobitmap clear", "PORT|FIRST-LAST", 1, 1, NEEDS_VMCS, "let I/O to a port or a range of ports run without exiting",
    "  iobitmap clear 0x80\n"
    "  iobitmap clear 0-0xffff     no port exits",
    cmd_iobitmap_clear);
CMD(iobitmap_show, "iobitmap show", "[PORT [SIZE]]", 0, 2, NEEDS_VMCS, "the exiting ports, or whether one access exits",
    "Without arguments: the controls and the ports of bitmap A and B that exit.\n"
    "With PORT (and SIZE 1, 2 or 4): whether that access exits by the SDM's rule\n"
    "(26.1.3): with USE_IO_BITMAPS, when the bit of any port it touches is set or\n"
    "it wraps past 0xffff; without, when UNCOND_IO_EXITING is set.\n"
    "  iobitmap show            I/O bitmap A at 0x... exits for: 0x0080-0x0083\n"
    "  iobitmap show 0x7f 4     a 4-byte access at port 0x007f exits",
    cmd_iobitmap_show);
