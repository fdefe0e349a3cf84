/* GDT layout of the monitor (desc.c). VMX host state reuses these. */
#ifndef MONITOR_DESC_H
#define MONITOR_DESC_H
#include <stdint.h>

#define GDT_CODE64 0x08
#define GDT_DATA 0x10
#define GDT_TSS 0x18 /* 16-byte system descriptor */

void desc_init(void);
uint64_t desc_tss_base(void);
#endif
