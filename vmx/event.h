/* Events by name: the interruption types of the VM-entry interruption-
 * information field (SDM Vol. 3C 25.8.3), exception vectors by mnemonic,
 * which exceptions push an error code (Vol. 3A 6.15), and L2's event state
 * by name: interruptibility (25.4.2 Table "Format of Interruptibility
 * State") and activity state (25.4.2 "Activity State"). The bits
 * themselves are intr_info.h's. Pure: prints nothing, runs nothing; the
 * host unit tests build it unchanged. */
#ifndef VMX_EVENT_H
#define VMX_EVENT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "intr_info.h"

/* X(name, type, what): the words `inject` takes for each type. */
#define EVENT_TYPES(X)                                                        \
	X("extint", INTR_TYPE_EXT_INTR, "external interrupt")                 \
	X("reserved", INTR_TYPE_RESERVED, "type 1 (reserved)")                \
	X("nmi", INTR_TYPE_NMI_INTR, "NMI")                                   \
	X("hw", INTR_TYPE_HARD_EXCEPTION, "hardware exception")               \
	X("softint", INTR_TYPE_SOFT_INTR, "software interrupt (INT n)")       \
	X("priv-soft-exception", INTR_TYPE_PRIV_SW_EXCEPTION, "privileged software exception (ICEBP)") \
	X("soft-exception", INTR_TYPE_SOFT_EXCEPTION, "software exception (INT3, INTO)") \
	X("other", INTR_TYPE_OTHER_EVENT, "other event (type 7)")

#define EVENT_TYPE_COUNT 8

/* The type for a word: a name above, "exception" (= hw), or 0-7. */
bool event_type_parse(const char *s, enum intr_type *t);
const char *event_type_name(enum intr_type t);  /* "hw" */
const char *event_type_what(enum intr_type t);  /* "hardware exception" */

/* A vector: 0-255 as a number, or an exception mnemonic with or without
 * its '#' and in either case ("#GP", "gp", "NMI"). */
bool event_vector_parse(const char *s, unsigned *v);

/* True for the hardware exceptions an injection must deliver with an
 * error code when CR0.PE = 1 (SDM 26.2.1.3): #DF, #TS, #NP, #SS, #GP,
 * #PF, #AC and #CP (the last with CET). */
bool event_error_code_required(unsigned vector);

/* The interruption information for type t, vector v, and bit 11
 * "deliver error code" when code is set. */
uint32_t event_info(enum intr_type t, unsigned v, bool code);

/* The instruction length a software event has when the instruction that
 * raises it does: INT n 2, INT3 1, INTO 1, ICEBP 1; 0 for other types. */
unsigned event_default_length(enum intr_type t, unsigned v);

/* Why an entry with this VM-entry interruption information, error code
 * and instruction length fails the SDM 26.2.1.3 checks (the first reason
 * in the SDM's order), for a guest with CR0.PE = 1; NULL when it passes or
 * the valid bit is clear. zero_len: IA32_VMX_MISC bit 30 (length 0
 * allowed); mtf: the monitor trap flag is offered (type 7 allowed). */
const char *event_injection_problem(uint32_t info, uint32_t err, uint32_t len, bool zero_len,
				    bool mtf);

/* X(word, bit, what): the interruptibility-state bits by name. */
#define INTERRUPTIBILITY_BITS(X)                       \
	X("sti", 0, "blocking by STI")                 \
	X("movss", 1, "blocking by MOV SS")            \
	X("smi", 2, "blocking by SMI")                 \
	X("nmi", 3, "blocking by NMI")                 \
	X("enclave", 4, "enclave interruption")

/* The bit for a word ("sti", "movss", ...); false when none. */
bool event_block_parse(const char *s, uint32_t *mask);
/* The words of the set bits of state, blank-separated, into buf ("none"
 * when 0, "bit N" for an unnamed bit); the length it wanted. */
int event_block_format(uint32_t state, char *buf, size_t size);

/* The activity states by name (SDM 25.4.2): 0 active, 1 hlt, 2 shutdown,
 * 3 wait-sipi; also a number. */
bool event_activity_parse(const char *s, uint32_t *state);
const char *event_activity_name(uint32_t state); /* NULL beyond 3 */
#endif
