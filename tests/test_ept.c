/* Host unit tests for vmx/ept_entry.c: EPT entries encoded and decoded,
 * the misconfigurations of SDM Vol. 3C 29.3.3.1 and a walk through a
 * small EPT laid out in an array standing for physical memory. */
#include "unit.h"
#include "vmx/ept_entry.h"

static const struct ept_caps caps = { .execute_only = true, .page_1g = true, .mbec = false, .maxphy = 39 };
static char out[200];

static const char *describe(uint64_t e, int level)
{
	ept_entry_describe(e, level, &caps, out, sizeof(out));
	return out;
}

static void test_index_size(void **state)
{
	(void)state;
	uint64_t gpa = 0x0000008040201008ull; /* one in each index */
	assert_int_equal(ept_index(gpa, 1), 1);
	assert_int_equal(ept_index(gpa, 2), 1);
	assert_int_equal(ept_index(gpa, 3), 1);
	assert_int_equal(ept_index(gpa, 4), 1);
	assert_int_equal(ept_index(0x20000, 1), 0x20);
	assert_int_equal(ept_page_size(1), 0x1000);
	assert_int_equal(ept_page_size(2), 0x200000);
	assert_int_equal(ept_page_size(3), 0x40000000);
	int l;
	assert_true(ept_level_by_name("pde", &l));
	assert_int_equal(l, 2);
	assert_true(ept_level_by_name("PML4E", &l));
	assert_int_equal(l, 4);
	assert_true(ept_level_by_name("1", &l));
	assert_int_equal(l, 1);
	assert_false(ept_level_by_name("6", &l));
	assert_string_equal(ept_level_name(3), "PDPTE");
}

static void test_encode(void **state)
{
	(void)state;
	assert_int_equal(ept_leaf(0x123000, 1, EPT_R | EPT_X, MT_WB, false), 0x123035);
	assert_int_equal(ept_leaf(0x200000, 2, EPT_RWX, MT_UC, true), 0x2000c7);
	uint64_t p;
	assert_true(ept_perm_parse("rwx", &p));
	assert_int_equal(p, 7);
	assert_true(ept_perm_parse("r-x", &p));
	assert_int_equal(p, 5);
	assert_true(ept_perm_parse("-", &p));
	assert_int_equal(p, 0);
	assert_true(ept_perm_parse("xw", &p));
	assert_int_equal(p, 6);
	assert_false(ept_perm_parse("rr", &p));
	assert_false(ept_perm_parse("rq", &p));
	unsigned mt;
	assert_true(ept_mt_parse("WB", &mt));
	assert_int_equal(mt, 6);
	assert_true(ept_mt_parse("mt=2", &mt));
	assert_int_equal(mt, 2);
	assert_false(ept_mt_parse("mt=8", &mt));
	assert_false(ept_mt_parse("xx", &mt));
	assert_string_equal(ept_mt_name(3), "reserved(3)");
}

static void test_decode(void **state)
{
	(void)state;
	assert_int_equal(ept_entry_addr(0x2000c7, 2, 39), 0x200000);
	assert_int_equal(ept_entry_addr(0x123007, 2, 39), 0x123000);
	assert_string_equal(describe(0x123035, 1), "r-x WB -> page 0x0000000000123000");
	assert_string_equal(describe(0x123000 | 0x337, 1), "rwx WB accessed dirty -> page 0x0000000000123000");
	assert_string_equal(describe(0x2000c7, 2), "rwx UC ipat 2M-page -> page 0x0000000000200000");
	assert_string_equal(describe(0x124107, 4), "rwx accessed -> table 0x0000000000124000");
	assert_string_equal(describe(0x124000, 4), "not present");
	ept_entry_describe(0x2000c7 | 0x8000000000ull, 2, &caps, out, sizeof(out));
	eptp_describe(0x12305e, 39, out, sizeof(out));
	assert_string_equal(out, "PML4 0x0000000000123000 walk 4 WB accessed/dirty on");
	eptp_describe(0x123f14, 39, out, sizeof(out));
	assert_string_equal(out, "PML4 0x0000000000123000 walk 3 WT accessed/dirty off reserved 0xf00");
	assert_int_equal(eptp_levels(0x18), 4);
	assert_int_equal(eptp_levels(0x20), 5);
	assert_int_equal(eptp_levels(0x10), 0);
}

static void test_misconfig(void **state)
{
	(void)state;
	struct ept_caps no_xo = caps;
	no_xo.execute_only = false;
	no_xo.page_1g = false;
	assert_null(ept_misconfig(0x123037, 1, &caps));
	assert_null(ept_misconfig(0, 1, &caps));
	assert_string_equal(ept_misconfig(0x123032, 1, &caps), "write without read");
	assert_string_equal(ept_misconfig(0x123036, 1, &caps), "write without read");
	assert_null(ept_misconfig(0x123034, 1, &caps));
	assert_string_equal(ept_misconfig(0x123034, 1, &no_xo), "execute-only, which the CPU does not offer");
	assert_string_equal(ept_misconfig(0x123017, 1, &caps), "reserved memory type"); /* 2 */
	assert_string_equal(ept_misconfig(0x12303f, 1, &caps), "reserved memory type"); /* 7 */
	assert_string_equal(ept_misconfig(0x123017, 2, &caps), "reserved bits set"); /* a table: 6:3 */
	assert_string_equal(ept_misconfig(0x200017 | 0x80, 2, &caps), "reserved memory type");
	assert_string_equal(ept_misconfig(0x123000 | 0x8000000000ull | 7, 1, &caps), "reserved bits set");
	assert_null(ept_misconfig(0x123000 | 0x8000000000ull | 7, 1, &(struct ept_caps){ .maxphy = 40 }));
	assert_string_equal(ept_misconfig(0x124087, 4, &caps), "reserved bits set"); /* PML4E bit 7 */
	assert_string_equal(ept_misconfig(0x12400f, 4, &caps), "reserved bits set"); /* PML4E bit 3 */
	assert_string_equal(ept_misconfig(0x201000 | 0xb7, 2, &caps), "reserved bits set"); /* 2M: 20:12 */
	assert_string_equal(ept_misconfig(0x40000000 | 0xb7, 3, &no_xo), "reserved bits set"); /* no 1G */
	assert_null(ept_misconfig(0x40000000 | 0xb7, 3, &caps));
	assert_null(ept_misconfig(0xfff0000000000000ull | 0x123007, 1, &caps)); /* 63:52 ignored */
}

/* Physical memory for the walk: 8 pages at 0x10000. */
static uint64_t memory[8][512];
#define MEM_BASE 0x10000ull

static bool rd(void *ctx, uint64_t pa, uint64_t *v)
{
	(void)ctx;
	if (pa < MEM_BASE || pa >= MEM_BASE + sizeof(memory))
		return false;
	*v = memory[(pa - MEM_BASE) / 4096][(pa % 4096) / 8];
	return true;
}

static void test_walk(void **state)
{
	(void)state;
	struct ept_walk w;
	memset(memory, 0, sizeof(memory));
	memory[0][0] = 0x11000 | 7;       /* PML4E -> PDPT at 0x11000 */
	memory[1][0] = 0x12000 | 5;       /* PDPTE -> PD, r-x */
	memory[2][0] = 0x13000 | 7;       /* PDE -> PT */
	memory[2][1] = 0x200000 | 0xb3;   /* 2M page, rw-, WB */
	memory[3][0x20] = 0x150000 | 0x37;
	memory[3][0x21] = 0x151000 | 0x32; /* write without read */
	ept_walk(MEM_BASE | 0x1e, 0x20008, &caps, rd, 0, &w);
	assert_int_equal(w.end, WALK_MAPPED);
	assert_int_equal(w.top, 4);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.hpa, 0x150008);
	assert_int_equal(w.perm, 5);
	assert_int_equal(w.entry_pa[1], 0x13000 + 0x20 * 8);
	ept_walk(MEM_BASE | 0x1e, 0x201234, &caps, rd, 0, &w);
	assert_int_equal(w.end, WALK_MAPPED);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.hpa, 0x201234);
	assert_int_equal(w.perm, 1);
	ept_walk(MEM_BASE | 0x1e, 0x21000, &caps, rd, 0, &w);
	assert_int_equal(w.end, WALK_MISCONFIG);
	assert_string_equal(w.why, "write without read");
	ept_walk(MEM_BASE | 0x1e, 0x22000, &caps, rd, 0, &w);
	assert_int_equal(w.end, WALK_NOT_PRESENT);
	assert_int_equal(w.level, 1);
	ept_walk(MEM_BASE | 0x1e, 0x8000000000ull, &caps, rd, 0, &w);
	assert_int_equal(w.end, WALK_NOT_PRESENT);
	assert_int_equal(w.level, 4);
	ept_walk(MEM_BASE | 0x16, 0x20000, &caps, rd, 0, &w);
	assert_int_equal(w.end, WALK_BAD_EPTP);
	memory[2][2] = 0x900000 | 7;      /* a table outside memory */
	ept_walk(MEM_BASE | 0x1e, 0x400000, &caps, rd, 0, &w);
	assert_int_equal(w.end, WALK_UNREADABLE);
	assert_int_equal(w.level, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_size),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_misconfig),
		cmocka_unit_test(test_walk),
	};
	return cmocka_run_group_tests_name("ept", tests, NULL, NULL);
}
