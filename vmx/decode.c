/* Decoding of interruption information, guest non-register state and the
 * VM-exit instruction information. See decode.h; exit qualifications are
 * in decode_qual.c. */
#include "decode.h"

#include "exit_reason.h"
#include "intr_info.h"
#include "../monitor/exception.h"
#include "../monitor/printf.h"
#include "../monitor/strbuf.h"

/* ---- names ---- */

const char *vmx_gpr_name(unsigned n)
{
	static const char *const names[16] = {
		"RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI",
		"R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15",
	};
	return names[n & 15];
}

/* ---- interruption information ---- */

static const char *const intr_types[8] = {
	"external interrupt", "type 1 (not used)", "NMI", "hardware exception",
	"software interrupt", "privileged software exception",
	"software exception", "other event",
};

/* Types whose vector is an exception vector (NMI is vector 2). */
static bool intr_type_is_exception(enum intr_type type)
{
	return type == INTR_TYPE_NMI_INTR || type == INTR_TYPE_HARD_EXCEPTION ||
	       type == INTR_TYPE_PRIV_SW_EXCEPTION || type == INTR_TYPE_SOFT_EXCEPTION;
}

/* SDM 25.9.2: type 7 with vector 0 is a pending MTF VM exit. */
#define MTF_VECTOR 0

int vmx_decode_intr_info(uint32_t info, char *buf, size_t size)
{
	struct strbuf sb;
	unsigned vec = intr_info_vector(info);
	enum intr_type type = intr_info_type(info);
	const char *name = intr_type_is_exception(type) ? exception_mnemonic(vec) : NULL;

	strbuf_init(&sb, buf, size);
	if (!intr_info_valid(info)) {
		strbuf_add(&sb, "invalid");
		return (int)sb.len;
	}
	strbuf_add(&sb, "valid vector %u", vec);
	if (name)
		strbuf_add(&sb, " (%s)", name);
	strbuf_add(&sb, " %s", intr_types[type]);
	if (type == INTR_TYPE_OTHER_EVENT && vec == MTF_VECTOR)
		strbuf_add(&sb, " (pending MTF VM exit)");
	if (info & INTR_INFO_DELIVER_CODE_MASK)
		strbuf_add(&sb, ", error code");
	if (info & INTR_INFO_UNBLOCK_NMI)
		strbuf_add(&sb, ", NMI unblocking due to IRET");
	if (info & INTR_INFO_RESVD_BITS_MASK)
		strbuf_add(&sb, ", reserved 0x%x", info & INTR_INFO_RESVD_BITS_MASK);
	return (int)sb.len;
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
static void ar_type(struct strbuf *sb, uint32_t ar)
{
	unsigned t = AR_TYPE(ar);
	if (!(ar & AR_S)) {
		strbuf_item(sb, "%s", system_types[t]);
		return;
	}
	if (t & 8)
		strbuf_item(sb, "code %s%s%s", t & 2 ? "exec/read" : "exec-only",
			    t & 4 ? " conforming" : "", t & 1 ? " accessed" : "");
	else
		strbuf_item(sb, "data %s%s%s", t & 2 ? "read/write" : "read-only",
			    t & 4 ? " expand-down" : "", t & 1 ? " accessed" : "");
}

int vmx_decode_access_rights(uint32_t ar, char *buf, size_t size)
{
	struct strbuf sb;
	strbuf_init(&sb, buf, size);
	if (ar & AR_UNUSABLE) {
		strbuf_item(&sb, "unusable");
		if (!(ar & ~AR_UNUSABLE))
			return (int)sb.len;
	}
	ar_type(&sb, ar);
	strbuf_item(&sb, "DPL %u", AR_DPL(ar));
	strbuf_item(&sb, "%s", ar & AR_P ? "P" : "not present");
	if (ar & AR_AVL)
		strbuf_item(&sb, "AVL");
	if (ar & AR_L)
		strbuf_item(&sb, "L");
	if (ar & AR_DB)
		strbuf_item(&sb, "D/B");
	if (ar & AR_G)
		strbuf_item(&sb, "G");
	if (ar & AR_RESERVED)
		strbuf_item(&sb, "reserved 0x%x", ar & AR_RESERVED);
	return (int)sb.len;
}

/* ---- activity, interruptibility, pending debug exceptions ---- */

/* SDM 25.4.2: activity state. */
int vmx_decode_activity(uint32_t state, char *buf, size_t size)
{
	static const char *const names[4] = {
		"active", "HLT", "shutdown", "wait-for-SIPI",
	};
	if (state < 4)
		return fmt_snprintf(buf, size, "%s", names[state]);
	return fmt_snprintf(buf, size, "unknown state %u", state);
}

/* Appends the name of each set bit of v that has one, then the rest. */
static void sb_bits(struct strbuf *sb, uint64_t v, const char *const *names,
		    int count)
{
	uint64_t rest = v;
	for (int i = 0; i < count; i++) {
		if (names[i] && (v >> i) & 1) {
			strbuf_item(sb, "%s", names[i]);
			rest &= ~(1ull << i);
		}
	}
	if (rest)
		strbuf_item(sb, "reserved 0x%llx", (unsigned long long)rest);
	if (!sb->items)
		strbuf_add(sb, "none");
}

/* SDM 25.4.2 "Format of Interruptibility State". */
int vmx_decode_interruptibility(uint32_t state, char *buf, size_t size)
{
	static const char *const names[] = {
		"blocking by STI", "blocking by MOV SS", "blocking by SMI",
		"blocking by NMI", "enclave interruption",
	};
	struct strbuf sb;
	strbuf_init(&sb, buf, size);
	sb_bits(&sb, state, names, 5);
	return (int)sb.len;
}

/* SDM 25.4.2 "Format of Pending-Debug-Exceptions". */
int vmx_decode_pending_dbg(uint64_t pending, char *buf, size_t size)
{
	static const char *const names[17] = {
		"B0", "B1", "B2", "B3", [12] = "enabled breakpoint",
		[14] = "BS", [16] = "RTM",
	};
	struct strbuf sb;
	strbuf_init(&sb, buf, size);
	sb_bits(&sb, pending, names, 17);
	return (int)sb.len;
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
static void operand_mem(struct strbuf *sb, uint32_t i)
{
	bool base = !(i & II_BASE_INVALID), index = !(i & II_INDEX_INVALID);
	strbuf_add(sb, "%s:[", seg_names[II_SEG(i)]);
	if (base)
		strbuf_add(sb, "%s", vmx_gpr_name(II_BASE(i)));
	if (index)
		strbuf_add(sb, "%s%s*%u", base ? "+" : "",
			   vmx_gpr_name(II_INDEX(i)), 1u << II_SCALE(i));
	if (!base && !index)
		strbuf_add(sb, "disp");
	strbuf_add(sb, "] addr %s", addr_sizes[II_ADDR_SIZE(i)]);
}

/* Register or memory operand chosen by bit 10. */
static void operand_reg_or_mem(struct strbuf *sb, uint32_t i)
{
	if (i & II_REG_OPERAND)
		strbuf_add(sb, "%s", vmx_gpr_name(II_REG1(i)));
	else
		operand_mem(sb, i);
}

static void ii_ins_outs(struct strbuf *sb, uint32_t i)
{
	/* the segment is undefined for INS (always ES) */
	strbuf_add(sb, "addr %s, segment %s", addr_sizes[II_ADDR_SIZE(i)],
		   seg_names[II_SEG(i)]);
}

static void ii_gdtr_idtr(struct strbuf *sb, uint32_t i)
{
	static const char *const ids[4] = { "SGDT", "SIDT", "LGDT", "LIDT" };
	strbuf_add(sb, "%s ", ids[II_IDENTITY(i)]);
	operand_mem(sb, i);
	/* bit 11 operand size; undefined for exits from 64-bit mode */
	strbuf_add(sb, ", operand %s", i & (1u << 11) ? "32-bit" : "16-bit");
}

static void ii_ldtr_tr(struct strbuf *sb, uint32_t i)
{
	static const char *const ids[4] = { "SLDT", "STR", "LLDT", "LTR" };
	strbuf_add(sb, "%s ", ids[II_IDENTITY(i)]);
	operand_reg_or_mem(sb, i);
}

static void ii_invalidate(struct strbuf *sb, uint32_t i)
{
	strbuf_add(sb, "type in %s, descriptor ", vmx_gpr_name(II_REG2(i)));
	operand_mem(sb, i);
}

static void ii_rdrand(struct strbuf *sb, uint32_t i)
{
	static const char *const sizes[4] = { "16-bit", "32-bit", "64-bit", "size3" };
	strbuf_add(sb, "dest %s, operand %s", vmx_gpr_name(II_REG1(i)),
		   sizes[II_OP_SIZE(i)]);
}

static void ii_vmx_mem(struct strbuf *sb, uint32_t i)
{
	strbuf_add(sb, "operand ");
	operand_mem(sb, i);
}

static void ii_vmread(struct strbuf *sb, uint32_t i)
{
	strbuf_add(sb, "field in %s, dest ", vmx_gpr_name(II_REG2(i)));
	operand_reg_or_mem(sb, i);
}

static void ii_vmwrite(struct strbuf *sb, uint32_t i)
{
	strbuf_add(sb, "field in %s, src ", vmx_gpr_name(II_REG2(i)));
	operand_reg_or_mem(sb, i);
}

static void ii_reg(struct strbuf *sb, uint32_t i)
{
	strbuf_add(sb, "reg %s", vmx_gpr_name(II_REG1(i)));
}

static void ii_loadiwkey(struct strbuf *sb, uint32_t i)
{
	strbuf_add(sb, "XMM%u, XMM%u", II_REG1(i), II_REG2(i));
}

typedef void (*ii_fn)(struct strbuf *sb, uint32_t info);
#define ii_none NULL

/* By basic exit reason: the INFO column of exit_reasons.def. */
static const ii_fn ii_by_reason[] = {
#define EXIT_REASON(name, num, qual, info, desc) [num] = ii_##info,
#include "exit_reasons.def"
#undef EXIT_REASON
};

#define II_BY_REASON_LEN (sizeof(ii_by_reason) / sizeof(ii_by_reason[0]))

int vmx_decode_instr_info(uint32_t basic_reason, uint64_t qual, uint32_t info,
			  char *buf, size_t size)
{
	struct strbuf sb;
	strbuf_init(&sb, buf, size);
	/* SDM 28.2.5: for I/O instructions it is defined for INS/OUTS only */
	if (basic_reason == EXIT_REASON_IO_INSTRUCTION && !(qual & IO_QUAL_STRING))
		return 0;
	if (basic_reason < II_BY_REASON_LEN && ii_by_reason[basic_reason])
		ii_by_reason[basic_reason](&sb, info);
	return (int)sb.len;
}
