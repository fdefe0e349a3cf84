/* The build's version: the only file that sees NESTMON_VERSION, so only it
 * is rebuilt when the version changes (see the Makefile). */
#include "sysinfo.h"
#ifndef NESTMON_VERSION
#define NESTMON_VERSION "unknown"
#endif
const char nestmon_version[] = NESTMON_VERSION;
