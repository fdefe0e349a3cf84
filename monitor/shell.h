#ifndef MONITOR_SHELL_H
#define MONITOR_SHELL_H
#define SHELL_PROMPT "vmm> "
void shell_run(void) __attribute__((noreturn));
#endif
