/* reboot / poweroff. Power-off tries, in order: Bochs' shutdown port,
 * QEMU's isa-debug-exit device, and the ACPI PM1a control port SeaBIOS
 * programs on QEMU's i440fx; on anything else it says it cannot. */
#include "../monitor/cmd.h"
#include "../monitor/cpu.h"
#include "../monitor/printf.h"
#include "../monitor/uart.h"

#define BOCHS_SHUTDOWN_PORT 0x8900
#define QEMU_DEBUG_EXIT_PORT 0xf4
#define QEMU_PIIX4_PM1A_CNT 0x604
#define ACPI_SLP_EN_S5 0x2000
#define KBC_COMMAND 0x64
#define PCI_RESET_CONTROL 0xcf9
#define RESET_FULL 0x02
#define RESET_CPU 0x04
#define KBC_PULSE_RESET 0xfe

static int cmd_poweroff(int argc, char **argv)
{
	printf("powering off\n");
	uart_drain_output(); /* the emulator ends before a FIFO would empty */
	for (const char *s = "Shutdown"; *s; s++)
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*s);
	outb(QEMU_DEBUG_EXIT_PORT, 0);
	outw(QEMU_PIIX4_PM1A_CNT, ACPI_SLP_EN_S5);
	printf("error: poweroff: no known power-off device on this machine\n");
	return CMD_FAIL;
}

static int cmd_reboot(int argc, char **argv)
{
	printf("rebooting\n");
	uart_drain_output();
	/* A full reset through the PCI reset control register first: Bochs
	 * treats the keyboard controller's as a soft reset that keeps
	 * IA32_FEATURE_CONTROL locked, and its BIOS then faults. */
	outb(PCI_RESET_CONTROL, RESET_CPU | RESET_FULL);
	outb(KBC_COMMAND, KBC_PULSE_RESET);
	/* No keyboard controller: a triple fault resets any PC. */
	struct dtr none = { 0, 0 };
	__asm__ volatile("lidt %0; int3" ::"m"(none));
	return CMD_FAIL;
}

CMD(poweroff, "poweroff", "", 0, 0, CMD_NEEDS_NOTHING, "power the machine off (ends the emulator run)",
    "Bochs: writes 'Shutdown' to port 0x8900. QEMU: isa-debug-exit at 0xf4\n"
    "(scripts/run adds it), else ACPI S5 at port 0x604. Elsewhere it reports\n"
    "that it cannot and returns to the prompt.",
    cmd_poweroff);
CMD(reboot, "reboot", "", 0, 0, CMD_NEEDS_NOTHING, "reset the machine (port 0xcf9, keyboard controller, else triple fault)",
    "  reboot    under QEMU with -no-reboot this ends the run", cmd_reboot);
