/* The L1 CPU state the monitor runs with, as start-up left it: control
 * registers, descriptor-table registers and the MSRs that VM exits load
 * (SDM 28.5). `reset` puts back whatever differs. */
#ifndef MONITOR_CPUSTATE_H
#define MONITOR_CPUSTATE_H
/* Records the state; called once, when start-up is over. */
void cpustate_mark_boot(void);
#endif
