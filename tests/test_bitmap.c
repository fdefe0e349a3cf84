/* Host unit tests for vmx/bitmap.c: where the bit of a port, an MSR or a
 * VMCS field is (SDM Vol. 3C 25.6.4, 25.6.9, 25.6.15) and which I/O
 * accesses exit (26.1.3). */
#include "unit.h"
#include "vmx/bitmap.h"

static void test_io_pos(void **state)
{
	(void)state;
	struct bitmap_pos p;
	assert_true(io_bitmap_pos(0x80, &p));
	assert_int_equal(p.page, 0);
	assert_int_equal(p.byte, 0x10);
	assert_int_equal(p.bit, 0);
	assert_true(io_bitmap_pos(0x7fff, &p));
	assert_int_equal(p.page, 0);
	assert_int_equal(p.byte, 0xfff);
	assert_int_equal(p.bit, 7);
	assert_true(io_bitmap_pos(0x8000, &p));
	assert_int_equal(p.page, 1);
	assert_int_equal(p.byte, 0);
	assert_int_equal(p.bit, 0);
	assert_true(io_bitmap_pos(0xffff, &p));
	assert_int_equal(p.page, 1);
	assert_int_equal(p.byte, 0xfff);
	assert_int_equal(p.bit, 7);
	assert_false(io_bitmap_pos(0x10000, &p));
}

static void test_io_access(void **state)
{
	(void)state;
	static uint8_t a[BITMAP_BYTES], b[BITMAP_BYTES];
	struct bitmap_pos p;
	io_bitmap_pos(0x81, &p);
	bitmap_put(a, &p, true);
	assert_false(io_access_exits(a, b, 0x80, 1));
	assert_true(io_access_exits(a, b, 0x81, 1));
	assert_true(io_access_exits(a, b, 0x80, 2));   /* touches 0x81 */
	assert_true(io_access_exits(a, b, 0x7e, 4));
	assert_false(io_access_exits(a, b, 0x7c, 4));
	io_bitmap_pos(0x8000, &p);
	bitmap_put(b, &p, true);
	assert_true(io_access_exits(a, b, 0x7ffe, 4)); /* crosses into B */
	assert_false(io_access_exits(a, b, 0x7ffc, 4));
	assert_true(io_access_exits(a, b, 0xfffe, 4)); /* wraps past 0xffff */
	assert_false(io_access_exits(a, b, 0xfffc, 4));
	bitmap_put(a, (io_bitmap_pos(0x81, &p), &p), false);
	assert_false(io_access_exits(a, b, 0x80, 2));
}

static void test_msr_pos(void **state)
{
	(void)state;
	struct bitmap_pos p;
	assert_true(msr_bitmap_pos(0x10, false, &p));
	assert_int_equal(p.byte, 2);
	assert_int_equal(p.bit, 0);
	assert_true(msr_bitmap_pos(0x10, true, &p));
	assert_int_equal(p.byte, 2048 + 2);
	assert_true(msr_bitmap_pos(0x1fff, false, &p));
	assert_int_equal(p.byte, 1023);
	assert_int_equal(p.bit, 7);
	assert_true(msr_bitmap_pos(0xc0000080, false, &p));
	assert_int_equal(p.byte, 1024 + 0x10);
	assert_int_equal(p.bit, 0);
	assert_true(msr_bitmap_pos(0xc0001fff, true, &p));
	assert_int_equal(p.byte, 4095);
	assert_int_equal(p.bit, 7);
	assert_false(msr_bitmap_pos(0x2000, false, &p));
	assert_false(msr_bitmap_pos(0xbfffffff, true, &p));
	assert_false(msr_bitmap_pos(0xc0002000, false, &p));
	assert_false(msr_bitmap_pos(0x40000000, false, &p));
}

static void test_vmcs_pos(void **state)
{
	(void)state;
	struct bitmap_pos p;
	assert_true(vmcs_bitmap_pos(0x681e, &p)); /* GUEST_RIP */
	assert_int_equal(p.byte, 0x681e / 8);
	assert_int_equal(p.bit, 0x681e % 8);
	assert_true(vmcs_bitmap_pos(0x7fff, &p));
	assert_int_equal(p.byte, 4095);
	assert_false(vmcs_bitmap_pos(0x8000, &p));
	assert_false(vmcs_bitmap_pos(0x100000000ull | 0x681e, &p));
}

static void test_runs(void **state)
{
	(void)state;
	uint8_t m[4] = { 0x0f, 0x80, 0x01, 0xff };
	unsigned from = 0, f, l;
	assert_true(bitmap_next_run(m, 32, &from, &f, &l));
	assert_int_equal(f, 0);
	assert_int_equal(l, 3);
	assert_true(bitmap_next_run(m, 32, &from, &f, &l));
	assert_int_equal(f, 15);
	assert_int_equal(l, 16);
	assert_true(bitmap_next_run(m, 32, &from, &f, &l));
	assert_int_equal(f, 24);
	assert_int_equal(l, 31);
	assert_false(bitmap_next_run(m, 32, &from, &f, &l));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_io_pos),
		cmocka_unit_test(test_io_access),
		cmocka_unit_test(test_msr_pos),
		cmocka_unit_test(test_vmcs_pos),
		cmocka_unit_test(test_runs),
	};
	return cmocka_run_group_tests_name("bitmap", tests, NULL, NULL);
}
