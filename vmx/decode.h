/* Decoding of VM-exit information and guest non-register state into short
 * human lines (Intel SDM Vol. 3C: 25.4.2 guest non-register state, 25.8.3
 * VM-entry event injection, 25.9 VM-exit information fields, 28.2 recording
 * VM-exit information; table numbers differ by edition, so the comments in
 * the .c files name the table by title). The exit-reason field's flags are
 * exit_reason.h's.
 *
 * Pure code: prints nothing; freestanding or host (-DHOST_TEST).
 *
 * Every one-line decoder has the shape
 *     int f(..., char *buf, size_t size)
 * writes at most size bytes, always NUL-terminated when size > 0, and
 * returns the length it wanted (like snprintf), so a return >= size means
 * the line was truncated. Multi-line decoders (caps_decode.h) hand each
 * line to a vmx_line_fn.
 */
#ifndef VMX_DECODE_H
#define VMX_DECODE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Table "Exit Qualification for I/O Instructions", bit 4: INS or OUTS. */
#define IO_QUAL_STRING (1ull << 4)

/* The exit qualification of the exit whose exit-reason field (bit 31
 * included) is reason, by the qual column of exit_reasons.def, e.g.
 * "CR4 mov-to-CR from RAX", "out 1 byte port 0x80 (immediate)",
 * "read, not present (---), linear valid, translation". An exception or
 * NMI exit's depends on the vector in intr_info, the VM-exit interruption
 * information: #PF gives the linear address, #DB the debug conditions
 * ("B0, BS"). With bit 31 only the reasons of SDM 28.8 are decoded. Set
 * bits the SDM reserves are reported as "reserved 0x...". */
int vmx_decode_qual(uint32_t reason, uint32_t intr_info, uint64_t qual,
		    char *buf, size_t size);

/* VM-exit interruption information, IDT-vectoring information or VM-entry
 * interruption information (same layout, intr_info.h), e.g.
 * "valid vector 14 (#PF) hardware exception, error code" or "invalid". */
int vmx_decode_intr_info(uint32_t info, char *buf, size_t size);

/* Segment access rights as in the guest-state area, e.g.
 * "code exec/read accessed, DPL 0, P, L, G" or "unusable". */
int vmx_decode_access_rights(uint32_t ar, char *buf, size_t size);

/* Guest activity state: "active", "HLT", "shutdown", "wait-for-SIPI". */
int vmx_decode_activity(uint32_t state, char *buf, size_t size);

/* Guest interruptibility state, e.g. "blocking by STI, blocking by NMI";
 * "none" when 0. */
int vmx_decode_interruptibility(uint32_t state, char *buf, size_t size);

/* Guest pending debug exceptions, e.g. "B0, enabled breakpoint, BS";
 * "none" when 0. */
int vmx_decode_pending_dbg(uint64_t pending, char *buf, size_t size);

/* VM-exit instruction information by the info column of exit_reasons.def
 * (INS/OUTS, descriptor-table accesses, INVEPT/INVVPID/INVPCID,
 * RDRAND/RDSEED, the VMX instructions, XSAVES/XRSTORS, UMWAIT/TPAUSE,
 * LOADIWKEY), e.g. "field in RCX, dest DS:[RBX] addr 64-bit". For an I/O
 * instruction it is defined for INS/OUTS only, which the exit
 * qualification qual tells. "" for other reasons. */
int vmx_decode_instr_info(uint32_t basic_reason, uint64_t qual, uint32_t info,
			  char *buf, size_t size);

/* "RAX" ... "R15" for the SDM's register numbers 0-15 (exit
 * qualifications and instruction information use the same encoding). */
const char *vmx_gpr_name(unsigned n);
#endif
