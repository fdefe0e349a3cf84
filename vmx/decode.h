/* Decoding of VM-exit information and guest non-register state into short
 * human lines (Intel SDM Vol. 3C: 25.4.2 guest non-register state, 25.8.3
 * VM-entry event injection, 25.9 VM-exit information fields, 28.2 recording
 * VM-exit information; table numbers differ by edition, so the comments in
 * the .c files name the table by title).
 *
 * Pure code: prints nothing; freestanding or host (-DHOST_TEST).
 *
 * Every one-line decoder has the shape
 *     int f(..., char *buf, int size)
 * writes at most size bytes, always NUL-terminated when size > 0, and
 * returns the length it wanted (like snprintf), so a return >= size means
 * the line was truncated. Multi-line decoders (caps_decode.h) hand each
 * line to a vmx_line_fn.
 */
#ifndef VMX_DECODE_H
#define VMX_DECODE_H
#include <stdbool.h>
#include <stdint.h>

#ifndef VMX_LINE_FN_DEFINED
#define VMX_LINE_FN_DEFINED
/* Receives one complete line, without a newline; the caller prints it. */
typedef void (*vmx_line_fn)(void *ctx, const char *line);
#endif

/* Exit qualification of basic exit reason basic_reason, e.g.
 * "CR4 mov-to-CR from RAX", "out 1 byte port 0x80 (immediate)",
 * "read, not present (---), linear valid, translation".
 * entry_failure is bit 31 of the exit-reason field: reasons 33, 34 and 41
 * are decoded as VM-entry failures either way. Set bits the SDM reserves
 * are reported as "reserved 0x...". */
int vmx_decode_qual(uint32_t basic_reason, bool entry_failure, uint64_t qual,
		    char *buf, int size);

/* The exit qualification of an exception or NMI exit (reason 0) once the
 * vector is known from the interruption information: #PF gives the linear
 * address, #DB the debug conditions ("B0, BS"), others none. */
int vmx_decode_exception_qual(unsigned vector, uint64_t qual, char *buf,
			      int size);

/* VM-exit interruption information, IDT-vectoring information or VM-entry
 * interruption information (same layout), e.g.
 * "valid vector 14 (#PF) hardware exception, error code" or "invalid". */
int vmx_decode_intr_info(uint32_t info, char *buf, int size);

/* Segment access rights as in the guest-state area, e.g.
 * "code exec/read accessed, DPL 0, P, L, G" or "unusable". */
int vmx_decode_access_rights(uint32_t ar, char *buf, int size);

/* Guest activity state: "active", "HLT", "shutdown", "wait-for-SIPI". */
int vmx_decode_activity(uint32_t state, char *buf, int size);

/* Guest interruptibility state, e.g. "blocking by STI, blocking by NMI";
 * "none" when 0. */
int vmx_decode_interruptibility(uint32_t state, char *buf, int size);

/* Guest pending debug exceptions, e.g. "B0, enabled breakpoint, BS";
 * "none" when 0. */
int vmx_decode_pending_dbg(uint64_t pending, char *buf, int size);

/* VM-exit instruction information for the reasons that define it (INS/OUTS,
 * descriptor-table accesses, INVEPT/INVVPID/INVPCID, RDRAND/RDSEED, the VMX
 * instructions, XSAVES/XRSTORS, UMWAIT/TPAUSE, LOADIWKEY), e.g.
 * "field in RCX, dest DS:[RBX] addr 64-bit". "" for other reasons. */
int vmx_decode_instr_info(uint32_t basic_reason, uint32_t info, char *buf,
			  int size);

/* The flag bits of the 32-bit exit-reason field, e.g.
 * "entry failure" or "pending MTF, from VMX root"; "" when none. */
int vmx_decode_reason_flags(uint32_t reason, char *buf, int size);

/* "RAX" ... "R15" for the SDM's register numbers 0-15 (exit
 * qualifications and instruction information use the same encoding). */
const char *vmx_gpr_name(unsigned n);
/* "#PF" for 14, "NMI" for 2, ...; NULL for a vector without a mnemonic. */
const char *vmx_exception_name(unsigned vector);

/* The bounded string builder the decoders share. Appends never write past
 * size; len counts every character asked for. */
struct vmx_sb {
	char *buf;
	int size;
	int len;
	int items; /* how many vmx_sb_item calls so far */
};

void vmx_sb_init(struct vmx_sb *sb, char *buf, int size);
void vmx_sb_add(struct vmx_sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends fmt, preceded by ", " unless it is the first item. */
void vmx_sb_item(struct vmx_sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#endif
