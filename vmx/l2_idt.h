/* L2's IDT: empty (the `vmcs new` default: every event L2 does not
 * intercept ends in a triple fault) or "report", where every vector's
 * handler tells the monitor what arrived with a VMCALL:
 *
 *   RAX  vector              RCX  interrupted RIP (the return address)
 *   RBX  error code, or      RDX  interrupted RFLAGS
 *        all ones if none    RSI  interrupted RSP
 *
 * and, resumed after the VMCALL ('skip' then 'resume'), puts every register
 * back and returns with IRETQ. The handlers live in L2's page L2_EVENTS:
 * 256 stubs of 8 bytes, then the common code, then their own stack, used
 * through IST 1 of L2's TSS so that the handler can tell from the stack
 * depth whether the CPU pushed an error code (SDM Vol. 3A 6.14.5). The
 * assembler sees only the #defines. */
#ifndef VMX_L2_IDT_H
#define VMX_L2_IDT_H

#define L2_EVENTS 0xf000             /* the handler page of L2 */
#define L2_EVENT_STUB_SIZE 8
#define L2_EVENT_COMMON 0x800        /* offset of the common code in it */
#define L2_EVENT_IST_TOP 0x10000     /* IST 1: the top of that page */
#define L2_TSS_IST1 0x24             /* SDM Vol. 3A 8.7: 64-bit TSS */

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>
#include "vmx.h"
#include "run.h"

enum l2_idt { L2_IDT_EMPTY, L2_IDT_REPORT };

/* Fills (report) or clears (empty) the 256 gates of L2's IDT in m. */
void l2_idt_set(const struct l2_mem *m, enum l2_idt kind);
enum l2_idt l2_idt_get(const struct l2_mem *m);

/* The L2 RIP of the report handlers' VMCALL. */
uint64_t l2_event_vmcall_rip(void);

/* What a report handler told: valid when the exit is its VMCALL. */
struct l2_event {
	unsigned vector;
	bool has_error;
	uint64_t error, rip, rflags, rsp;
};
/* True, with *ev filled from L2's registers g, when e is the VMCALL of a
 * report handler. */
bool l2_event_report(const struct vmx_exit *e, const struct l2_gprs *g, struct l2_event *ev);
#endif
#endif
