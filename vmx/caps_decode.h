/* Decoding of the VMX capability MSRs (Intel SDM Vol. 3D appendix A) into
 * lines handed to a vmx_line_fn, one fact a line, e.g.
 *     revision id 0x4
 *     TRUE controls (bit 55): yes
 *     bit 57 (unknown)
 * Set bits the SDM does not name come out as "bit N (unknown)" so a CPU or
 * L0 with newer bits still decodes. The control-field MSRs (allowed-0 /
 * allowed-1 per named control) are decoded with the control-bit table;
 * vmx_ctl_bit_setting (caps.h) gives the per-bit answer.
 *
 * Pure code: prints nothing; freestanding or host (-DHOST_TEST).
 */
#ifndef VMX_CAPS_DECODE_H
#define VMX_CAPS_DECODE_H
#include <stdint.h>

#include "callback.h"

/* "IA32_VMX_TRUE_PINBASED_CTLS" for 0x48d; NULL for an MSR that is not a
 * VMX capability MSR. */
const char *vmx_msr_name(uint32_t msr);

/* IA32_VMX_BASIC (0x480), SDM A.1. */
void vmx_caps_decode_basic(uint64_t v, vmx_line_fn out, void *ctx);
/* IA32_VMX_MISC (0x485), SDM A.6. */
void vmx_caps_decode_misc(uint64_t v, vmx_line_fn out, void *ctx);
/* IA32_VMX_CR0_FIXED0/1 or CR4_FIXED0/1 (0x486-0x489), SDM A.7/A.8: one
 * line per named bit of cr_name ("CR0" or "CR4") and per unnamed bit that
 * is not must-be-0: "PG (bit 31): must be 1". */
void vmx_caps_decode_fixed(const char *cr_name, uint64_t fixed0,
			   uint64_t fixed1, vmx_line_fn out, void *ctx);
/* IA32_VMX_VMCS_ENUM (0x48a), SDM A.9. */
void vmx_caps_decode_vmcs_enum(uint64_t v, vmx_line_fn out, void *ctx);
/* IA32_VMX_EPT_VPID_CAP (0x48c), SDM A.10. */
void vmx_caps_decode_ept_vpid(uint64_t v, vmx_line_fn out, void *ctx);
/* IA32_VMX_VMFUNC (0x491), SDM A.11. */
void vmx_caps_decode_vmfunc(uint64_t v, vmx_line_fn out, void *ctx);

/* The setting a CR fixed pair allows for bit 0-63: "must-be-1" (FIXED0 bit
 * set), "must-be-0" (FIXED1 bit clear), "free" or "contradictory"; the
 * control-capability MSRs' allowed-0/allowed-1 pairs read the same way. */
const char *vmx_fixed_setting(uint64_t fixed0, uint64_t fixed1, int bit);
#endif
