/* Start-up: descriptor tables, interrupts, serial line, memory, then the
 * shell. Nothing here knows about VMX. */
#include "cpu.h"
#include "cpustate.h"
#include "desc.h"
#include "mem.h"
#include "multiboot.h"
#include "pic.h"
#include "printf.h"
#include "protect.h"
#include "shell.h"
#include "sysinfo.h"
#include "trap.h"
#include "uart.h"

void kmain(uint32_t magic, uint32_t mb_info)
{
	desc_init();
	trap_init();
	pic_init();
	uart_init();
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
		printf("fatal: not started by a multiboot loader (eax=0x%x)\n", magic);
		for (;;)
			__asm__ volatile("cli; hlt");
	}
	sysinfo_capture((const struct mb_info *)(uint64_t)mb_info);
	mem_init(mb_info);
	protect_init();
	irq_enable();
	mem_mark_boot();
	cpustate_mark_boot();
	printf("\nnestmon %s: %llu MiB RAM, type 'help'\n", nestmon_version,
	       (unsigned long long)(mem_total_bytes() >> 20));
	shell_run();
}
