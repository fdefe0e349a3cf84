/* The check of the monitor's code and rodata that the run commands make
 * after every run (monitor/protect.c does the work, this says so). */
#ifndef CMDS_IMAGE_CHECK_H
#define CMDS_IMAGE_CHECK_H
#include <stdbool.h>

/* True when code and rodata are as at boot. Otherwise prints one line,
 * "warning: WHO: the monitor's code/rodata changed ...", and puts them
 * back from the boot copy where it can. */
bool image_check_report(const char *who);
#endif
