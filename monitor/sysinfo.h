/* What the loader told us, kept before memory is handed out. */
#ifndef MONITOR_SYSINFO_H
#define MONITOR_SYSINFO_H
#include "multiboot.h"
/* `git describe` of the build (version.c). */
extern const char nestmon_version[];
void sysinfo_capture(const struct mb_info *mb);
const char *sysinfo_loader(void);
#endif
