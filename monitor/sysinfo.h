/* What the loader told us, kept before memory is handed out. */
#ifndef MONITOR_SYSINFO_H
#define MONITOR_SYSINFO_H
#include "multiboot.h"
#ifndef NESTMON_VERSION
#define NESTMON_VERSION "0.1"
#endif
void sysinfo_capture(const struct mb_info *mb);
const char *sysinfo_loader(void);
const char *sysinfo_cmdline(void);
#endif
