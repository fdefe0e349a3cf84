/* After a run: did something write the monitor's code or rodata? Without
 * EPT, guest-physical addresses are host-physical, and L2 may edit its own
 * page tables to reach any of them (so may L2 with EPT when the user points
 * EPT_POINTER at other tables). A change is found by the checksum taken at
 * boot, located against the boot copy, reported in one line and undone,
 * instead of failing later in an unrelated way. */
#include "image_check.h"
#include "../monitor/printf.h"
#include "../monitor/protect.h"

bool image_check_report(const char *who)
{
	struct image_check r;
	if (protect_check_image(&r))
		return true;
	printf("warning: %s: the monitor's code/rodata changed behind its back (checksum 0x%016llx, at boot 0x%016llx): %llu byte(s) in 0x%llx..0x%llx; %s\n",
	       who, (unsigned long long)r.sum_now, (unsigned long long)r.sum_boot,
	       (unsigned long long)r.bytes, (unsigned long long)r.first,
	       (unsigned long long)r.last,
	       r.restored ? "restored from the boot copy"
	       : r.copy_bad ? "the boot copy changed too: not restored, reboot soon"
			    : "could not restore: reboot soon");
	return false;
}
