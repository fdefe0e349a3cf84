/* Decoders of the VMX capability MSRs (SDM Vol. 3D appendix A). See
 * caps_decode.h. */
#include "caps_decode.h"

#include <stdarg.h>
#include <stdbool.h>

#include "msr.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"

#define LINE_MAX_LEN 96

static void emit(vmx_line_fn out, void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void emit(vmx_line_fn out, void *ctx, const char *fmt, ...)
{
	char line[LINE_MAX_LEN];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	out(ctx, line);
}

static const char *yes_no(uint64_t v, int bit)
{
	return (v >> bit) & 1 ? "yes" : "no";
}

/* A capability bit the SDM names. */
struct cap_bit {
	uint8_t bit;
	const char *name;
};

/* "name: yes/no" for each entry; returns the mask of the bits named. */
static uint64_t emit_flags(uint64_t v, const struct cap_bit *bits, int n,
			   vmx_line_fn out, void *ctx)
{
	uint64_t known = 0;
	for (int i = 0; i < n; i++) {
		emit(out, ctx, "%s: %s", bits[i].name, yes_no(v, bits[i].bit));
		known |= 1ull << bits[i].bit;
	}
	return known;
}

/* "bit N (unknown)" for each set bit outside known. */
static void emit_unknown(uint64_t v, uint64_t known, vmx_line_fn out, void *ctx)
{
	for (int i = 0; i < 64; i++)
		if ((v & ~known) >> i & 1)
			emit(out, ctx, "bit %d (unknown)", i);
}

#define ARRAY_LEN(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define FIELD(v, hi, lo) (((v) >> (lo)) & ((1ull << ((hi) - (lo) + 1)) - 1))
#define MASK(hi, lo) ((~0ull >> (63 - (hi))) & ~((1ull << (lo)) - 1))

/* ---- capability MSR names (SDM appendix A) ---- */

struct msr_name {
	uint32_t msr;
	const char *name;
};

#define VMX_MSR(name) { MSR_##name, #name }
static const struct msr_name msr_names[] = {
	VMX_MSR(IA32_VMX_BASIC),
	VMX_MSR(IA32_VMX_PINBASED_CTLS),
	VMX_MSR(IA32_VMX_PROCBASED_CTLS),
	VMX_MSR(IA32_VMX_EXIT_CTLS),
	VMX_MSR(IA32_VMX_ENTRY_CTLS),
	VMX_MSR(IA32_VMX_MISC),
	VMX_MSR(IA32_VMX_CR0_FIXED0),
	VMX_MSR(IA32_VMX_CR0_FIXED1),
	VMX_MSR(IA32_VMX_CR4_FIXED0),
	VMX_MSR(IA32_VMX_CR4_FIXED1),
	VMX_MSR(IA32_VMX_VMCS_ENUM),
	VMX_MSR(IA32_VMX_PROCBASED_CTLS2),
	VMX_MSR(IA32_VMX_EPT_VPID_CAP),
	VMX_MSR(IA32_VMX_TRUE_PINBASED_CTLS),
	VMX_MSR(IA32_VMX_TRUE_PROCBASED_CTLS),
	VMX_MSR(IA32_VMX_TRUE_EXIT_CTLS),
	VMX_MSR(IA32_VMX_TRUE_ENTRY_CTLS),
	VMX_MSR(IA32_VMX_VMFUNC),
	VMX_MSR(IA32_VMX_PROCBASED_CTLS3),
	VMX_MSR(IA32_VMX_EXIT_CTLS2),
};
#undef VMX_MSR

const char *vmx_msr_name(uint32_t msr)
{
	for (int i = 0; i < ARRAY_LEN(msr_names); i++)
		if (msr_names[i].msr == msr)
			return msr_names[i].name;
	return NULL;
}

/* ---- IA32_VMX_BASIC, SDM A.1 ---- */

static const char *memory_type_name(unsigned t)
{
	/* SDM A.1: the memory types of IA32_PAT / MTRRs; 6 is all CPUs use */
	switch (t) {
	case 0: return "UC";
	case 6: return "WB";
	default: return "not used";
	}
}

void vmx_caps_decode_basic(uint64_t v, vmx_line_fn out, void *ctx)
{
	static const struct cap_bit flags[] = {
		{ 49, "dual-monitor SMM treatment" },
		{ 54, "INS/OUTS instruction information" },
		{ 55, "TRUE controls (bit 55)" },
		{ 56, "exception injection without error-code check (bit 56)" },
	};
	unsigned mt = (unsigned)FIELD(v, 53, 50);
	uint64_t known = MASK(30, 0) | MASK(44, 32) | (1ull << 48) | MASK(53, 50);

	emit(out, ctx, "revision id 0x%x", (unsigned)FIELD(v, 30, 0));
	if (v & (1ull << 31))
		emit(out, ctx, "bit 31 set (the SDM says it is always 0)");
	emit(out, ctx, "VMCS region size %u bytes", (unsigned)FIELD(v, 44, 32));
	emit(out, ctx, "physical addresses: %s", v & (1ull << 48)
		     ? "limited to 32 bits" : "up to the physical-address width");
	emit(out, ctx, "memory type %u (%s)", mt, memory_type_name(mt));
	known |= emit_flags(v, flags, ARRAY_LEN(flags), out, ctx);
	emit_unknown(v, known | (1ull << 31), out, ctx);
}

/* ---- IA32_VMX_MISC, SDM A.6 ---- */

void vmx_caps_decode_misc(uint64_t v, vmx_line_fn out, void *ctx)
{
	static const struct cap_bit flags[] = {
		{ 5, "VM exits store EFER.LMA in \"IA-32e mode guest\"" },
		{ 14, "Intel PT in VMX operation" },
		{ 15, "RDMSR of IA32_SMBASE in SMM" },
		{ 28, "IA32_SMM_MONITOR_CTL bit 2 (SMIs blocked after VMXOFF)" },
		{ 29, "VMWRITE to VM-exit information fields (bit 29)" },
		{ 30, "zero-length instruction injection (bit 30)" },
	};
	unsigned n = (unsigned)FIELD(v, 27, 25);
	uint64_t known = MASK(4, 0) | MASK(8, 6) | MASK(24, 16) | MASK(27, 25) |
			 MASK(63, 32);

	emit(out, ctx, "preemption timer rate: TSC >> %u", (unsigned)FIELD(v, 4, 0));
	emit(out, ctx, "activity states: active%s%s%s",
	     v & (1ull << 6) ? " HLT" : "", v & (1ull << 7) ? " shutdown" : "",
	     v & (1ull << 8) ? " wait-for-SIPI" : "");
	emit(out, ctx, "CR3-target values: %u", (unsigned)FIELD(v, 24, 16));
	emit(out, ctx, "max MSR-list entries: %u (512 * (%u + 1))", 512 * (n + 1), n);
	emit(out, ctx, "MSEG revision id: 0x%x", (unsigned)FIELD(v, 63, 32));
	known |= emit_flags(v, flags, ARRAY_LEN(flags), out, ctx);
	emit_unknown(v, known, out, ctx);
}

/* ---- CR0/CR4 fixed bits, SDM A.7 and A.8 ---- */

/* SDM Vol. 3A 2.5 "Control Registers". */
static const char *const cr0_bits[64] = {
	[0] = "PE", [1] = "MP", [2] = "EM", [3] = "TS", [4] = "ET", [5] = "NE",
	[16] = "WP", [18] = "AM", [29] = "NW", [30] = "CD", [31] = "PG",
};

static const char *const cr4_bits[64] = {
	[0] = "VME", [1] = "PVI", [2] = "TSD", [3] = "DE", [4] = "PSE",
	[5] = "PAE", [6] = "MCE", [7] = "PGE", [8] = "PCE", [9] = "OSFXSR",
	[10] = "OSXMMEXCPT", [11] = "UMIP", [12] = "LA57", [13] = "VMXE",
	[14] = "SMXE", [16] = "FSGSBASE", [17] = "PCIDE", [18] = "OSXSAVE",
	[19] = "KL", [20] = "SMEP", [21] = "SMAP", [22] = "PKE", [23] = "CET",
	[24] = "PKS", [25] = "UINTR", [27] = "LASS", [28] = "LAM_SUP",
	[32] = "FRED",
};

const char *vmx_fixed_setting(uint64_t fixed0, uint64_t fixed1, int bit)
{
	bool one, zero;
	if (bit < 0 || bit > 63)
		return "invalid bit";
	one = (fixed0 >> bit) & 1;
	zero = !((fixed1 >> bit) & 1);
	if (one && zero)
		return "contradictory";
	return one ? "must-be-1" : zero ? "must-be-0" : "free";
}

void vmx_caps_decode_fixed(const char *cr_name, uint64_t fixed0,
			   uint64_t fixed1, vmx_line_fn out, void *ctx)
{
	const char *const *names = NULL;
	if (cr_name && !strcasecmp(cr_name, "CR0"))
		names = cr0_bits;
	else if (cr_name && !strcasecmp(cr_name, "CR4"))
		names = cr4_bits;
	for (int i = 0; i < 64; i++) {
		const char *s = vmx_fixed_setting(fixed0, fixed1, i);
		if (names && names[i])
			emit(out, ctx, "%s (bit %d): %s", names[i], i, s);
		else if (strcmp(s, "must-be-0"))
			emit(out, ctx, "bit %d (unknown): %s", i, s);
	}
}

/* ---- IA32_VMX_VMCS_ENUM, SDM A.9 ---- */

void vmx_caps_decode_vmcs_enum(uint64_t v, vmx_line_fn out, void *ctx)
{
	unsigned hi = (unsigned)FIELD(v, 9, 1);
	emit(out, ctx, "highest index: 0x%x (%u)", hi, hi);
	emit_unknown(v, MASK(9, 1), out, ctx);
}

/* ---- IA32_VMX_EPT_VPID_CAP, SDM A.10 ---- */

void vmx_caps_decode_ept_vpid(uint64_t v, vmx_line_fn out, void *ctx)
{
	static const struct cap_bit flags[] = {
		{ 0, "execute-only translations" },
		{ 6, "page-walk length 4" },
		{ 7, "page-walk length 5" },
		{ 8, "EPT structures UC" },
		{ 14, "EPT structures WB" },
		{ 16, "2MB pages" },
		{ 17, "1GB pages" },
		{ 20, "INVEPT" },
		{ 21, "accessed/dirty flags" },
		{ 22, "advanced VM-exit information for EPT violations" },
		{ 23, "supervisor shadow-stack control" },
		{ 25, "INVEPT single-context" },
		{ 26, "INVEPT all-context" },
		{ 32, "INVVPID" },
		{ 40, "INVVPID individual-address" },
		{ 41, "INVVPID single-context" },
		{ 42, "INVVPID all-context" },
		{ 43, "INVVPID single-context-retaining-globals" },
	};
	uint64_t known = emit_flags(v, flags, ARRAY_LEN(flags), out, ctx);
	emit(out, ctx, "max HLAT prefix size: %u", (unsigned)FIELD(v, 53, 48));
	emit_unknown(v, known | MASK(53, 48), out, ctx);
}

/* ---- IA32_VMX_VMFUNC, SDM A.11 ---- */

void vmx_caps_decode_vmfunc(uint64_t v, vmx_line_fn out, void *ctx)
{
	static const struct cap_bit flags[] = {
		{ 0, "EPTP switching (VM function 0)" },
	};
	uint64_t known = emit_flags(v, flags, ARRAY_LEN(flags), out, ctx);
	emit_unknown(v, known, out, ctx);
}
