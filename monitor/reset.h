/* Reset hooks: each module whose state a command can change since boot
 * declares one with RESET_HOOK(); the linker gathers them, sorted by order
 * then name, into .resettab (see linker.ld), and `reset` runs them. A hook
 * puts back what changed and says what it undid through the log; it never
 * prints itself. Nothing here knows what a module's state is. */
#ifndef MONITOR_RESET_H
#define MONITOR_RESET_H
#include <stdbool.h>

/* Where a hook reports: note() for one thing it undid ("3 exits forgotten"),
 * fail() for something it could not put back. */
struct reset_log {
	void (*note)(void *ctx, const char *text);
	void (*fail)(void *ctx, const char *text);
	void *ctx;
};
void reset_note(struct reset_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void reset_fail(struct reset_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct reset_hook {
	const char *name;
	void (*undo)(struct reset_log *log);
};

/* order: two digits; lower runs first. The VMX state goes first (VMXOFF
 * before CR4.VMXE can be cleared), the page allocator's check last. */
#define RESET_HOOK(order, id, fn)                                            \
	static const struct reset_hook reset_hook_##id                        \
		__attribute__((used, section(".resettab." #order "." #id),    \
			       aligned(8))) = { #id, fn }

/* Runs every hook in order; returns the number of failures. */
int reset_run_all(struct reset_log *log);
#endif
