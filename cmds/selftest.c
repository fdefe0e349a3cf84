/* selftest KIND: makes the monitor fault on purpose, to show that its own
 * defenses hold: each fault is reported with a register dump and the
 * prompt comes back (the shell's recovery point), and a change to the
 * monitor's code is found and undone. */
#include "../monitor/cmd.h"
#include "../monitor/printf.h"
#include "../monitor/protect.h"
#include "../monitor/string.h"
#include "image_check.h"

#define RECURSION_FRAME 512
#define RECURSION_LIMIT (1u << 20)

static volatile uint8_t data_ret = 0xc3; /* RET, in writable NX data */

/* Writes into its own code: read-only, so #PF with error 3 (present, write). */
static void write_code(void)
{
	volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)&write_code;
	*p = *p;
}

/* Calls into .data: not executable, so #PF with error 0x11 (present,
 * instruction fetch). */
static void exec_data(void)
{
	void (*fn)(void) = (void (*)(void))(uintptr_t)&data_ret;
	fn();
}

/* Recurses until the stack runs into the guard page: the #PF cannot be
 * delivered on that stack, so it becomes a #DF on the #DF stack. */
static unsigned overflow(unsigned depth)
{
	volatile uint8_t frame[RECURSION_FRAME];
	frame[0] = (uint8_t)depth;
	frame[RECURSION_FRAME - 1] = (uint8_t)depth;
	if (depth > RECURSION_LIMIT) /* far deeper than the stack: never */
		return depth;
	return overflow(depth + 1) + frame[0] + frame[RECURSION_FRAME - 1];
}

/* Changes one byte of rodata behind the monitor's back, as an L2 without
 * EPT can, then runs the check the run commands run after every exit. */
static int image_change(void)
{
	uint64_t s, e;
	protect_image_range(&s, &e);
	uint64_t a = e - 1 - 0x40;
	uint8_t was = *(volatile uint8_t *)a;
	protect_poke_image(a, (uint8_t)~was);
	if (image_check_report("selftest")) {
		printf("error: selftest: the change at 0x%llx was not found\n", (unsigned long long)a);
		return CMD_FAIL;
	}
	if (*(volatile uint8_t *)a != was) {
		printf("error: selftest: the byte at 0x%llx was not put back\n", (unsigned long long)a);
		return CMD_FAIL;
	}
	return CMD_OK;
}

static int cmd_selftest(int argc, char **argv)
{
	if (!strcmp(argv[0], "write-code"))
		write_code();
	else if (!strcmp(argv[0], "exec-data"))
		exec_data();
	else if (!strcmp(argv[0], "stack-overflow"))
		printf("%u\n", overflow(0));
	else if (!strcmp(argv[0], "ud2"))
		__asm__ volatile("ud2");
	else if (!strcmp(argv[0], "image"))
		return image_change();
	else
		return CMD_USAGE;
	printf("error: selftest: %s did not fault\n", argv[0]);
	return CMD_FAIL;
}

CMD(selftest, "selftest", "write-code|exec-data|stack-overflow|ud2|image", 1, 1, CMD_NEEDS_NOTHING,
    "fault on purpose: the monitor's own defenses at work",
    "Each kind makes the monitor fault: the fault is reported with a register\n"
    "dump and the prompt comes back.\n"
    "  write-code       a write to the monitor's code, which is read-only (#PF)\n"
    "  exec-data        a call into data, which is not executable (#PF)\n"
    "  stack-overflow   recursion into the guard page under the stack (#DF)\n"
    "  ud2              an invalid opcode (#UD)\n"
    "  image            changes a byte of rodata as a stray L2 write would: the\n"
    "                   checksum after every run finds it and puts it back",
    cmd_selftest);
