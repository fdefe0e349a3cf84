#include "sysinfo.h"
#include "string.h"

#define TEXT_MAX 128
static char loader[TEXT_MAX] = "unknown";

static void copy_text(char *dst, uint32_t src)
{
	const char *s = (const char *)(uint64_t)src;
	size_t n = strlen(s);
	if (n >= TEXT_MAX)
		n = TEXT_MAX - 1;
	memcpy(dst, s, n);
	dst[n] = 0;
}

void sysinfo_capture(const struct mb_info *mb)
{
	if (mb->flags & MB_INFO_LOADER_NAME)
		copy_text(loader, mb->boot_loader_name);
}

const char *sysinfo_loader(void) { return loader; }
