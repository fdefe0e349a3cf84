#ifndef MONITOR_SHELL_H
#define MONITOR_SHELL_H
#define SHELL_PROMPT "vmm> "
void shell_run(void) __attribute__((noreturn));
/* Runs one command line (used by the shell loop and by scripts). */
void shell_execute(char *line);
#endif
