/* gmem read / write / gmem16, gmem32, gmem64: L2's memory by guest-physical
 * address, through the current VMCS's EPT when "enable EPT" is in force,
 * else guest-physical = host-physical. A sequence plants what L2 reads this
 * way and reads what L2 wrote. */
#include "ept_cmd.h"
#include "vmx_common.h"
#include "../monitor/mem.h"
#include "../monitor/parse.h"
#include "../monitor/printf.h"
#include "../monitor/trap.h"

#define READ_DEFAULT 64
#define READ_MAX 4096
#define PER_LINE 16

/* Copies n bytes between buf and guest-physical gpa page by page; *hpa0
 * gets the host address of the first byte. Prints the error itself. */
static bool gcopy(const char *cmd, uint64_t gpa, uint8_t *buf, uint64_t n, bool write, uint64_t *hpa0)
{
	for (uint64_t done = 0; done < n;) {
		uint64_t g = gpa + done, hpa, chunk = PAGE_SIZE - (g & (PAGE_SIZE - 1));
		struct ept_walk w;
		struct fault_info f;
		chunk = chunk < n - done ? chunk : n - done;
		if (!ept_translate(g, &hpa, &w)) {
			printf("error: %s: GPA 0x%llx has no translation: %s at the %s\n", cmd, (unsigned long long)g,
			       w.end == WALK_MISCONFIG ? w.why : w.end == WALK_NOT_PRESENT ? "not present" : "the walk fails",
			       ept_level_name(w.level));
			return false;
		}
		if (!done)
			*hpa0 = hpa;
		if (write && mem_in_image(hpa, chunk)) {
			printf("error: %s: GPA 0x%llx is the monitor's own image (HPA 0x%llx)\n", cmd,
			       (unsigned long long)g, (unsigned long long)hpa);
			return false;
		}
		if (write ? safe_copy((void *)hpa, buf + done, chunk, &f) : safe_copy(buf + done, (const void *)hpa, chunk, &f)) {
			char d[160];
			trap_describe(&f, d, sizeof(d));
			printf("error: %s: GPA 0x%llx (HPA 0x%llx): %s\n", cmd, (unsigned long long)g, (unsigned long long)hpa, d);
			return false;
		}
		done += chunk;
	}
	return true;
}

static int cmd_gmem_read(int argc, char **argv)
{
	static uint8_t buf[READ_MAX];
	uint64_t gpa, len = READ_DEFAULT, hpa;
	if (!parse_num("gmem read", argv[0], &gpa) || (argc == 2 && !parse_num("gmem read", argv[1], &len)))
		return CMD_FAIL;
	if (!len || len > READ_MAX) {
		printf("error: gmem read: LEN must be 1..%d\n", READ_MAX);
		return CMD_FAIL;
	}
	if (!gcopy("gmem read", gpa, buf, len, false, &hpa))
		return CMD_FAIL;
	for (uint64_t off = 0; off < len; off += PER_LINE) {
		printf("0x%016llx:", (unsigned long long)(gpa + off));
		for (uint64_t i = off; i < off + PER_LINE && i < len; i++)
			printf(" %02x", buf[i]);
		printf("\n");
	}
	return CMD_OK;
}

static int cmd_gmem_write(int argc, char **argv)
{
	uint8_t bytes[MAX_ARGS];
	uint64_t gpa, v, hpa;
	if (!parse_num("gmem write", argv[0], &gpa))
		return CMD_FAIL;
	for (int i = 1; i < argc; i++) {
		if (!parse_u64(argv[i], &v) || v > 0xff) {
			printf("error: gmem write: '%s' is not a byte (0..0xff)\n", argv[i]);
			return CMD_FAIL;
		}
		bytes[i - 1] = (uint8_t)v;
	}
	if (!gcopy("gmem write", gpa, bytes, (uint64_t)argc - 1, true, &hpa))
		return CMD_FAIL;
	printf("wrote %d byte(s) at GPA 0x%016llx (HPA 0x%016llx)\n", argc - 1, (unsigned long long)gpa,
	       (unsigned long long)hpa);
	return CMD_OK;
}

static int word(const char *cmd, int bytes, int argc, char **argv)
{
	uint64_t gpa, v = 0, hpa;
	bool write = argc == 2;
	if (!parse_num(cmd, argv[0], &gpa) || (write && !parse_num(cmd, argv[1], &v)))
		return CMD_FAIL;
	if (write && bytes < 8 && v >> (bytes * 8)) {
		printf("error: %s: 0x%llx does not fit in %d bits\n", cmd, (unsigned long long)v, bytes * 8);
		return CMD_FAIL;
	}
	if (!gcopy(cmd, gpa, (uint8_t *)&v, (uint64_t)bytes, write, &hpa))
		return CMD_FAIL;
	printf("0x%016llx = 0x%016llx (HPA 0x%016llx%s)\n", (unsigned long long)gpa, (unsigned long long)v,
	       (unsigned long long)hpa, write ? ", written" : "");
	return CMD_OK;
}

/* ids gmemwN: sorted by id as by name ("gmem write" < "gmem16"). */
#define GMEM_WORD(bits)                                                                              \
	static int cmd_gmem##bits(int argc, char **argv) { return word("gmem" #bits, bits / 8, argc, argv); } \
	CMD(gmemw##bits, "gmem" #bits, "GPA [VALUE]", 1, 2, NEEDS_VMCS,                              \
	    "read one " #bits "-bit value of L2's memory by guest-physical address, or write VALUE",   \
	    "  gmem" #bits " 0x3000          0x0000000000003000 = 0x... (HPA 0x...)\n"                 \
	    "  gmem" #bits " 0x3000 0x1234   L2 reads 0x1234 at 0x3000", cmd_gmem##bits)
GMEM_WORD(16);
GMEM_WORD(32);
GMEM_WORD(64);

CMD(gmem_read, "gmem read", "GPA [LEN]", 1, 2, NEEDS_VMCS, "hex dump of L2's memory by guest-physical address (through EPT when it is on)",
    "Translates each page through the current VMCS's EPT when ENABLE_EPT is in\n"
    "force (else guest-physical is host-physical); a GPA without a translation is\n"
    "an error naming the level where the walk stops.\n"
    "  gmem read 0x1000 16     the first bytes of L2's program\n"
    "  gmem read 0x100000      error: ... not present at the PTE",
    cmd_gmem_read);
CMD(gmem_write, "gmem write", "GPA BYTE...", 2, CMD_ARGS_ANY, NEEDS_VMCS, "write bytes to L2's memory by guest-physical address",
    "  gmem write 0x3000 0x2a 0 0 0     plant a value for L2 to read\n"
    "The monitor's own image is refused, whatever the mapping.",
    cmd_gmem_write);
