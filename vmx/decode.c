/* Decoding of interruption information, guest non-register state, the
 * VM-exit instruction information and the exit-reason flags. See decode.h;
 * exit qualifications are in decode_qual.c. */
#include "decode.h"

#include "../monitor/printf.h"
#include "../monitor/string.h"

/* ---- the string builder ---- */

void vmx_sb_init(struct vmx_sb *sb, char *buf, int size)
{
	sb->buf = buf;
	sb->size = size > 0 ? size : 0;
	sb->len = 0;
	sb->items = 0;
	if (sb->size)
		buf[0] = 0;
}

static void sb_vadd(struct vmx_sb *sb, const char *fmt, va_list ap)
{
	int room = sb->len < sb->size ? sb->size - sb->len : 0;
	char *dst = room ? sb->buf + sb->len : NULL;
	sb->len += fmt_vsnprintf(dst, (size_t)room, fmt, ap);
}

void vmx_sb_add(struct vmx_sb *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vadd(sb, fmt, ap);
	va_end(ap);
}

void vmx_sb_item(struct vmx_sb *sb, const char *fmt, ...)
{
	va_list ap;
	if (sb->items++)
		vmx_sb_add(sb, ", ");
	va_start(ap, fmt);
	sb_vadd(sb, fmt, ap);
	va_end(ap);
}

/* ---- names ---- */

const char *vmx_gpr_name(unsigned n)
{
	static const char *const names[16] = {
		"RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI",
		"R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15",
	};
	return names[n & 15];
}

/* SDM Vol. 3A 6.15 "Exception and Interrupt Reference". */
const char *vmx_exception_name(unsigned vector)
{
	static const char *const names[32] = {
		[0] = "#DE", [1] = "#DB", [2] = "NMI", [3] = "#BP",
		[4] = "#OF", [5] = "#BR", [6] = "#UD", [7] = "#NM",
		[8] = "#DF", [10] = "#TS", [11] = "#NP", [12] = "#SS",
		[13] = "#GP", [14] = "#PF", [16] = "#MF", [17] = "#AC",
		[18] = "#MC", [19] = "#XM", [20] = "#VE", [21] = "#CP",
		[28] = "#HV", [29] = "#VC", [30] = "#SX",
	};
	return vector < 32 ? names[vector] : NULL;
}

/* ---- interruption information ---- */

/* SDM 25.8.3 / 25.9.2 / 25.9.3: VM-entry interruption information,
 * VM-exit interruption information and IDT-vectoring information share
 * this layout. */
#define INTR_VECTOR(i) ((i) & 0xffu)
#define INTR_TYPE(i) (((i) >> 8) & 7u)
#define INTR_ERRCODE_VALID (1u << 11)
#define INTR_NMI_UNBLOCK (1u << 12) /* exit info only; reserved elsewhere */
#define INTR_RESERVED 0x7fffe000u /* bits 30:13 */
#define INTR_VALID (1u << 31)

static const char *const intr_types[8] = {
	"external interrupt", "type 1 (not used)", "NMI", "hardware exception",
	"software interrupt", "privileged software exception",
	"software exception", "other event",
};

/* Types whose vector is an exception vector (NMI is vector 2). */
static bool intr_type_is_exception(unsigned type)
{
	return type == 2 || type == 3 || type == 5 || type == 6;
}

int vmx_decode_intr_info(uint32_t info, char *buf, int size)
{
	struct vmx_sb sb;
	unsigned vec = INTR_VECTOR(info), type = INTR_TYPE(info);
	const char *name = intr_type_is_exception(type) ? vmx_exception_name(vec) : NULL;

	vmx_sb_init(&sb, buf, size);
	if (!(info & INTR_VALID)) {
		vmx_sb_add(&sb, "invalid");
		return sb.len;
	}
	vmx_sb_add(&sb, "valid vector %u", vec);
	if (name)
		vmx_sb_add(&sb, " (%s)", name);
	vmx_sb_add(&sb, " %s", intr_types[type]);
	if (type == 7 && vec == 0)
		vmx_sb_add(&sb, " (pending MTF VM exit)");
	if (info & INTR_ERRCODE_VALID)
		vmx_sb_add(&sb, ", error code");
	if (info & INTR_NMI_UNBLOCK)
		vmx_sb_add(&sb, ", NMI unblocking due to IRET");
	if (info & INTR_RESERVED)
		vmx_sb_add(&sb, ", reserved 0x%x", info & INTR_RESERVED);
	return sb.len;
}

/* ---- segment access rights ---- */

/* SDM 25.4.1 "Format of Access Rights": bits 23:8 of the descriptor's
 * high dword, with bits 11:8 reserved, and bit 16 "unusable". */
#define AR_TYPE(ar) ((ar) & 0xfu)
#define AR_S (1u << 4)
#define AR_DPL(ar) (((ar) >> 5) & 3u)
#define AR_P (1u << 7)
#define AR_AVL (1u << 12)
#define AR_L (1u << 13)
#define AR_DB (1u << 14)
#define AR_G (1u << 15)
#define AR_UNUSABLE (1u << 16)
#define AR_RESERVED 0xfffe0f00u /* bits 31:17 and 11:8 */

/* System-descriptor types (S = 0), SDM Vol. 3A 3.5 "System Descriptor
 * Types"; where 32-bit and IA-32e mode differ both are named. */
static const char *const system_types[16] = {
	"system type 0 (reserved)", "16-bit TSS available", "LDT",
	"16-bit TSS busy", "16-bit call gate", "task gate",
	"16-bit interrupt gate", "16-bit trap gate",
	"system type 8 (reserved)", "32/64-bit TSS available",
	"system type 10 (reserved)", "32/64-bit TSS busy",
	"32/64-bit call gate", "system type 13 (reserved)",
	"32/64-bit interrupt gate", "32/64-bit trap gate",
};

/* Code and data types (S = 1), SDM Vol. 3A 3.4.5.1: bit 3 code, then for
 * code conforming/readable/accessed, for data expand-down/writable/
 * accessed. */
static void ar_type(struct vmx_sb *sb, uint32_t ar)
{
	unsigned t = AR_TYPE(ar);
	if (!(ar & AR_S)) {
		vmx_sb_item(sb, "%s", system_types[t]);
		return;
	}
	if (t & 8)
		vmx_sb_item(sb, "code %s%s%s", t & 2 ? "exec/read" : "exec-only",
			    t & 4 ? " conforming" : "", t & 1 ? " accessed" : "");
	else
		vmx_sb_item(sb, "data %s%s%s", t & 2 ? "read/write" : "read-only",
			    t & 4 ? " expand-down" : "", t & 1 ? " accessed" : "");
}

int vmx_decode_access_rights(uint32_t ar, char *buf, int size)
{
	struct vmx_sb sb;
	vmx_sb_init(&sb, buf, size);
	if (ar & AR_UNUSABLE) {
		vmx_sb_item(&sb, "unusable");
		if (!(ar & ~AR_UNUSABLE))
			return sb.len;
	}
	ar_type(&sb, ar);
	vmx_sb_item(&sb, "DPL %u", AR_DPL(ar));
	vmx_sb_item(&sb, "%s", ar & AR_P ? "P" : "not present");
	if (ar & AR_AVL)
		vmx_sb_item(&sb, "AVL");
	if (ar & AR_L)
		vmx_sb_item(&sb, "L");
	if (ar & AR_DB)
		vmx_sb_item(&sb, "D/B");
	if (ar & AR_G)
		vmx_sb_item(&sb, "G");
	if (ar & AR_RESERVED)
		vmx_sb_item(&sb, "reserved 0x%x", ar & AR_RESERVED);
	return sb.len;
}

/* ---- activity, interruptibility, pending debug exceptions ---- */

/* SDM 25.4.2: activity state. */
int vmx_decode_activity(uint32_t state, char *buf, int size)
{
	static const char *const names[4] = {
		"active", "HLT", "shutdown", "wait-for-SIPI",
	};
	if (state < 4)
		return fmt_snprintf(buf, size > 0 ? (size_t)size : 0, "%s", names[state]);
	return fmt_snprintf(buf, size > 0 ? (size_t)size : 0, "unknown state %u", state);
}

/* Appends the name of each set bit of v that has one, then the rest. */
static void sb_bits(struct vmx_sb *sb, uint64_t v, const char *const *names,
		    int count)
{
	uint64_t rest = v;
	for (int i = 0; i < count; i++) {
		if (names[i] && (v >> i) & 1) {
			vmx_sb_item(sb, "%s", names[i]);
			rest &= ~(1ull << i);
		}
	}
	if (rest)
		vmx_sb_item(sb, "reserved 0x%llx", (unsigned long long)rest);
	if (!sb->items)
		vmx_sb_add(sb, "none");
}

/* SDM 25.4.2 "Format of Interruptibility State". */
int vmx_decode_interruptibility(uint32_t state, char *buf, int size)
{
	static const char *const names[] = {
		"blocking by STI", "blocking by MOV SS", "blocking by SMI",
		"blocking by NMI", "enclave interruption",
	};
	struct vmx_sb sb;
	vmx_sb_init(&sb, buf, size);
	sb_bits(&sb, state, names, 5);
	return sb.len;
}

/* SDM 25.4.2 "Format of Pending-Debug-Exceptions". */
int vmx_decode_pending_dbg(uint64_t pending, char *buf, int size)
{
	static const char *const names[17] = {
		"B0", "B1", "B2", "B3", [12] = "enabled breakpoint",
		[14] = "BS", [16] = "RTM",
	};
	struct vmx_sb sb;
	vmx_sb_init(&sb, buf, size);
	sb_bits(&sb, pending, names, 17);
	return sb.len;
}

/* ---- exit-reason flags ---- */

/* SDM 25.9.1 "Format of Exit Reason": bits 15:0 basic reason, bit 16
 * always 0; bit 26 bus lock detected (as Linux names it), 27 incident to
 * enclave mode, 28 pending MTF VM exit, 29 VM exit from VMX root
 * operation (SMM VM exits), 31 VM-entry failure. */
int vmx_decode_reason_flags(uint32_t reason, char *buf, int size)
{
	static const char *const names[32] = {
		[26] = "bus lock", [27] = "enclave mode", [28] = "pending MTF",
		[29] = "from VMX root", [31] = "entry failure",
	};
	uint32_t undefined = reason & 0xffff0000u;
	struct vmx_sb sb;
	vmx_sb_init(&sb, buf, size);
	for (int i = 31; i >= 16; i--) {
		if (names[i] && (reason >> i) & 1) {
			vmx_sb_item(&sb, "%s", names[i]);
			undefined &= ~(1u << i);
		}
	}
	if (undefined)
		vmx_sb_item(&sb, "undefined 0x%x", undefined);
	return sb.len;
}

/* ---- VM-exit instruction information (SDM 28.2.5) ---- */

#define II_SCALE(i) ((i) & 3u)
#define II_REG1(i) (((i) >> 3) & 0xfu)
#define II_ADDR_SIZE(i) (((i) >> 7) & 7u)
#define II_REG_OPERAND (1u << 10) /* mem/reg: 1 = register */
#define II_OP_SIZE(i) (((i) >> 11) & 3u)
#define II_SEG(i) (((i) >> 15) & 7u)
#define II_INDEX(i) (((i) >> 18) & 0xfu)
#define II_INDEX_INVALID (1u << 22)
#define II_BASE(i) (((i) >> 23) & 0xfu)
#define II_BASE_INVALID (1u << 27)
#define II_IDENTITY(i) (((i) >> 28) & 3u)
#define II_REG2(i) (((i) >> 28) & 0xfu)

static const char *const seg_names[8] = {
	"ES", "CS", "SS", "DS", "FS", "GS", "seg6", "seg7",
};
static const char *const addr_sizes[8] = {
	"16-bit", "32-bit", "64-bit", "size3", "size4", "size5", "size6", "size7",
};

/* A memory operand: "DS:[RBX+RCX*8] addr 64-bit"; the displacement is in
 * the exit qualification. */
static void ii_mem(struct vmx_sb *sb, uint32_t i)
{
	bool base = !(i & II_BASE_INVALID), index = !(i & II_INDEX_INVALID);
	vmx_sb_add(sb, "%s:[", seg_names[II_SEG(i)]);
	if (base)
		vmx_sb_add(sb, "%s", vmx_gpr_name(II_BASE(i)));
	if (index)
		vmx_sb_add(sb, "%s%s*%u", base ? "+" : "",
			   vmx_gpr_name(II_INDEX(i)), 1u << II_SCALE(i));
	if (!base && !index)
		vmx_sb_add(sb, "disp");
	vmx_sb_add(sb, "] addr %s", addr_sizes[II_ADDR_SIZE(i)]);
}

/* Register or memory operand chosen by bit 10. */
static void ii_reg_or_mem(struct vmx_sb *sb, uint32_t i)
{
	if (i & II_REG_OPERAND)
		vmx_sb_add(sb, "%s", vmx_gpr_name(II_REG1(i)));
	else
		ii_mem(sb, i);
}

static void ii_ins_outs(struct vmx_sb *sb, uint32_t i)
{
	/* the segment is undefined for INS (always ES) */
	vmx_sb_add(sb, "addr %s, segment %s", addr_sizes[II_ADDR_SIZE(i)],
		   seg_names[II_SEG(i)]);
}

static void ii_gdtr_idtr(struct vmx_sb *sb, uint32_t i)
{
	static const char *const ids[4] = { "SGDT", "SIDT", "LGDT", "LIDT" };
	vmx_sb_add(sb, "%s ", ids[II_IDENTITY(i)]);
	ii_mem(sb, i);
	/* bit 11 operand size; undefined for exits from 64-bit mode */
	vmx_sb_add(sb, ", operand %s", i & (1u << 11) ? "32-bit" : "16-bit");
}

static void ii_ldtr_tr(struct vmx_sb *sb, uint32_t i)
{
	static const char *const ids[4] = { "SLDT", "STR", "LLDT", "LTR" };
	vmx_sb_add(sb, "%s ", ids[II_IDENTITY(i)]);
	ii_reg_or_mem(sb, i);
}

static void ii_invalidate(struct vmx_sb *sb, uint32_t i)
{
	vmx_sb_add(sb, "type in %s, descriptor ", vmx_gpr_name(II_REG2(i)));
	ii_mem(sb, i);
}

static void ii_rdrand(struct vmx_sb *sb, uint32_t i)
{
	static const char *const sizes[4] = { "16-bit", "32-bit", "64-bit", "size3" };
	vmx_sb_add(sb, "dest %s, operand %s", vmx_gpr_name(II_REG1(i)),
		   sizes[II_OP_SIZE(i)]);
}

static void ii_vmx_mem(struct vmx_sb *sb, uint32_t i)
{
	vmx_sb_add(sb, "operand ");
	ii_mem(sb, i);
}

static void ii_vmread(struct vmx_sb *sb, uint32_t i)
{
	vmx_sb_add(sb, "field in %s, dest ", vmx_gpr_name(II_REG2(i)));
	ii_reg_or_mem(sb, i);
}

static void ii_vmwrite(struct vmx_sb *sb, uint32_t i)
{
	vmx_sb_add(sb, "field in %s, src ", vmx_gpr_name(II_REG2(i)));
	ii_reg_or_mem(sb, i);
}

static void ii_reg1(struct vmx_sb *sb, uint32_t i)
{
	vmx_sb_add(sb, "reg %s", vmx_gpr_name(II_REG1(i)));
}

static void ii_loadiwkey(struct vmx_sb *sb, uint32_t i)
{
	vmx_sb_add(sb, "XMM%u, XMM%u", II_REG1(i), II_REG2(i));
}

typedef void (*ii_fn)(struct vmx_sb *sb, uint32_t info);

/* Indexed by basic exit reason (numbers from SDM appendix C). */
static const ii_fn ii_table[] = {
	[19] = ii_vmx_mem,    /* VMCLEAR */
	[21] = ii_vmx_mem,    /* VMPTRLD */
	[22] = ii_vmx_mem,    /* VMPTRST */
	[23] = ii_vmread,     /* VMREAD */
	[25] = ii_vmwrite,    /* VMWRITE */
	[27] = ii_vmx_mem,    /* VMXON */
	[30] = ii_ins_outs,   /* I/O instruction (INS/OUTS, IA32_VMX_BASIC[54]) */
	[46] = ii_gdtr_idtr,  /* LGDT LIDT SGDT SIDT */
	[47] = ii_ldtr_tr,    /* LLDT LTR SLDT STR */
	[50] = ii_invalidate, /* INVEPT */
	[53] = ii_invalidate, /* INVVPID */
	[57] = ii_rdrand,     /* RDRAND */
	[58] = ii_invalidate, /* INVPCID */
	[61] = ii_rdrand,     /* RDSEED */
	[63] = ii_vmx_mem,    /* XSAVES */
	[64] = ii_vmx_mem,    /* XRSTORS */
	[67] = ii_reg1,       /* UMWAIT */
	[68] = ii_reg1,       /* TPAUSE */
	[69] = ii_loadiwkey,  /* LOADIWKEY */
	[84] = ii_reg1,       /* RDMSR with immediate */
	[85] = ii_reg1,       /* WRMSRNS with immediate */
};

int vmx_decode_instr_info(uint32_t basic_reason, uint32_t info, char *buf,
			  int size)
{
	struct vmx_sb sb;
	vmx_sb_init(&sb, buf, size);
	if (basic_reason < sizeof(ii_table) / sizeof(ii_table[0]) &&
	    ii_table[basic_reason])
		ii_table[basic_reason](&sb, info);
	return sb.len;
}
