/* Exit qualifications by basic exit reason (SDM Vol. 3C 28.2.1 "Basic
 * VM-Exit Information" and its tables "Exit Qualification for ...";
 * 28.8 for VM-entry failures; 34.15.2.3 for I/O SMIs). See decode.h. */
#include "decode.h"

#include "exit_reason.h"
#include "intr_info.h"
#include "../monitor/exception.h"
#include "../monitor/strbuf.h"

typedef void (*qual_fn)(struct strbuf *sb, uint64_t q);

/* Bit 12 of several qualifications: NMI unblocking due to IRET. */
#define QUAL_NMI_UNBLOCK (1ull << 12)

static void q_none(struct strbuf *sb, uint64_t q)
{
	if (q)
		strbuf_item(sb, "0x%llx (undefined)", (unsigned long long)q);
	else
		strbuf_item(sb, "none");
}

/* Table "Exit Qualification for Debug Exceptions": 3:0 B3-B0, 13 BD,
 * 14 BS, 16 RTM. */
#define DEBUG_Q_DEFINED 0x1600full

static void q_debug(struct strbuf *sb, uint64_t q)
{
	static const char *const names[17] = {
		"B0", "B1", "B2", "B3", [13] = "BD", [14] = "BS", [16] = "RTM",
	};
	for (int i = 0; i < 17; i++)
		if (names[i] && (q >> i) & 1)
			strbuf_item(sb, "%s", names[i]);
	if (!sb->items)
		strbuf_item(sb, "none");
}

/* Reason 0 when the vector is not known: its meaning depends on it. */
static void q_exception(struct strbuf *sb, uint64_t q)
{
	if (q)
		strbuf_item(sb, "0x%llx (#PF linear address or #DB conditions)",
			    (unsigned long long)q);
	else
		strbuf_item(sb, "none");
}

/* SIPI: bits 7:0 the SIPI vector (the start page number). */
static void q_sipi(struct strbuf *sb, uint64_t q)
{
	strbuf_item(sb, "SIPI vector 0x%02x (start 0x%05x)", (unsigned)(q & 0xff),
		    (unsigned)(q & 0xff) << 12);
}

/* Table "Exit Qualification for Task Switch": 15:0 TSS selector,
 * 31:30 source. */
static void q_task_switch(struct strbuf *sb, uint64_t q)
{
	static const char *const sources[4] = {
		"CALL", "IRET", "JMP", "IDT task gate",
	};
	strbuf_item(sb, "selector 0x%04x via %s", (unsigned)(q & 0xffff),
		    sources[(q >> 30) & 3]);
}

/* INVLPG: the linear-address operand. */
static void q_linear(struct strbuf *sb, uint64_t q)
{
	strbuf_item(sb, "linear 0x%llx", (unsigned long long)q);
}

/* Instructions with a memory operand (INVEPT, INVPCID, INVVPID, LGDT ...
 * STR, VMCLEAR ... VMXON, XSAVES, XRSTORS): the displacement, sign-extended
 * to 64 bits. */
static void q_displacement(struct strbuf *sb, uint64_t q)
{
	if (q >> 63)
		strbuf_item(sb, "displacement -0x%llx", (unsigned long long)(0 - q));
	else
		strbuf_item(sb, "displacement 0x%llx", (unsigned long long)q);
}

/* Table "Exit Qualification for Control-Register Accesses": 3:0 CR,
 * 5:4 access type, 6 LMSW operand type, 11:8 GPR, 31:16 LMSW data. */
static void q_cr(struct strbuf *sb, uint64_t q)
{
	unsigned cr = q & 0xf, type = (q >> 4) & 3, gpr = (q >> 8) & 0xf;
	unsigned lmsw = (q >> 16) & 0xffff;
	switch (type) {
	case 0:
		strbuf_item(sb, "CR%u mov-to-CR from %s", cr, vmx_gpr_name(gpr));
		break;
	case 1:
		strbuf_item(sb, "CR%u mov-from-CR to %s", cr, vmx_gpr_name(gpr));
		break;
	case 2:
		strbuf_item(sb, "CLTS");
		break;
	default:
		strbuf_item(sb, "LMSW %s, source 0x%04x",
			    q & (1u << 6) ? "memory" : "register", lmsw);
		break;
	}
}

/* Table "Exit Qualification for MOV DR": 2:0 DR, 4 direction, 11:8 GPR. */
static void q_dr(struct strbuf *sb, uint64_t q)
{
	unsigned dr = q & 7, gpr = (q >> 8) & 0xf;
	if (q & (1u << 4))
		strbuf_item(sb, "DR%u mov-from-DR to %s", dr, vmx_gpr_name(gpr));
	else
		strbuf_item(sb, "DR%u mov-to-DR from %s", dr, vmx_gpr_name(gpr));
}

/* Table "Exit Qualification for I/O Instructions" (also used for I/O
 * SMIs, SDM 34.15.2.3): 2:0 size-1 (0, 1, 3), 3 IN, 4 string, 5 REP,
 * 6 immediate operand, 31:16 port. */
static void q_io(struct strbuf *sb, uint64_t q)
{
	unsigned size = (unsigned)(q & 7) + 1, port = (q >> 16) & 0xffff;
	strbuf_item(sb, "%s%s%s", q & (1u << 3) ? "in" : "out",
		    q & IO_QUAL_STRING ? " string" : "", q & (1u << 5) ? " rep" : "");
	if (size == 1 || size == 2 || size == 4)
		strbuf_add(sb, " %u byte%s", size, size > 1 ? "s" : "");
	else
		strbuf_add(sb, " size %u (not used)", size - 1);
	strbuf_add(sb, " port 0x%x (%s)", port, q & (1u << 6) ? "immediate" : "DX");
}

/* MWAIT: bit 0 set when address-range monitoring hardware was armed. */
static void q_mwait(struct strbuf *sb, uint64_t q)
{
	strbuf_item(sb, "%s", q & 1 ? "monitor armed" : "monitor not armed");
}

/* Table "Exit Qualification for APIC-Access VM Exits from Linear Accesses
 * and Guest-Physical Accesses": 11:0 offset (linear accesses only),
 * 15:12 access type, 16 asynchronous to instruction execution. */
static void q_apic_access(struct strbuf *sb, uint64_t q)
{
	static const char *const types[16] = {
		[0] = "linear data read", [1] = "linear data write",
		[2] = "linear instruction fetch",
		[3] = "linear access during event delivery",
		[10] = "guest-physical access during event delivery",
		[15] = "guest-physical access for fetch or execution",
	};
	unsigned type = (q >> 12) & 0xf;
	if (type <= 3)
		strbuf_item(sb, "offset 0x%03x", (unsigned)(q & 0xfff));
	if (types[type])
		strbuf_item(sb, "%s", types[type]);
	else
		strbuf_item(sb, "access type %u (not used)", type);
	if (q & (1u << 16))
		strbuf_item(sb, "asynchronous");
}

/* EOI virtualization: bits 7:0 the vector dismissed. */
static void q_eoi(struct strbuf *sb, uint64_t q)
{
	strbuf_item(sb, "vector %u", (unsigned)(q & 0xff));
}

/* APIC write: bits 11:0 the page offset written. */
static void q_apic_write(struct strbuf *sb, uint64_t q)
{
	strbuf_item(sb, "offset 0x%03x", (unsigned)(q & 0xfff));
}

/* Table "Exit Qualification for EPT Violations". */
/* bits 2:0 read, write, fetch attempted */
#define EPT_Q_PERM(q) (((q) >> 3) & 7u) /* AND of bits 2:0 of the entries */
#define EPT_Q_USER_EXEC (1u << 6)       /* with mode-based execute control */
#define EPT_Q_LINEAR_VALID (1u << 7)
#define EPT_Q_TRANSLATION (1u << 8)    /* else a paging-structure access */
#define EPT_Q_FIRST_FLAG 9             /* bits 9-16 are flags, named below */

/* "read", "write+fetch", ...: the access that was attempted. */
static void ept_access(struct strbuf *sb, uint64_t q)
{
	static const char *const names[3] = { "read", "write", "fetch" };
	int n = 0;
	strbuf_item(sb, "%s", ""); /* the separator, if any */
	for (int i = 0; i < 3; i++)
		if ((q >> i) & 1)
			strbuf_add(sb, "%s%s", n++ ? "+" : "", names[i]);
	if (!n)
		strbuf_add(sb, "no access bits");
}

static void q_ept_violation(struct strbuf *sb, uint64_t q)
{
	/* bits 9-11 need advanced VM-exit information (EPT_VPID_CAP[22]) */
	static const char *const flags[8] = {
		"user-mode address", "R/W page", "execute-disable page",
		"NMI unblocking due to IRET", "shadow-stack access",
		"supervisor shadow-stack", "guest-paging verification",
		"asynchronous",
	};
	unsigned perm = EPT_Q_PERM(q);
	char rwx[4] = { perm & 1 ? 'r' : '-', perm & 2 ? 'w' : '-',
			perm & 4 ? 'x' : '-', 0 };

	ept_access(sb, q);
	if (!perm && !(q & EPT_Q_USER_EXEC))
		strbuf_item(sb, "not present (---)");
	else
		strbuf_item(sb, "allowed %s%s", rwx,
			    q & EPT_Q_USER_EXEC ? " user-exec" : "");
	if (!(q & EPT_Q_LINEAR_VALID)) {
		strbuf_item(sb, "linear invalid");
	} else {
		strbuf_item(sb, "linear valid");
		strbuf_item(sb, "%s", q & EPT_Q_TRANSLATION ? "translation"
							     : "paging-structure access");
	}
	for (int i = 0; i < 8; i++)
		if ((q >> (EPT_Q_FIRST_FLAG + i)) & 1)
			strbuf_item(sb, "%s", flags[i]);
}

/* Page-modification log full: only bit 12 is defined. */
static void q_pml_full(struct strbuf *sb, uint64_t q)
{
	strbuf_item(sb, "%s", q & QUAL_NMI_UNBLOCK ? "NMI unblocking due to IRET"
						   : "none");
}

/* SPP-related event: bit 11 set for an SPPT miss, clear for an SPPT
 * misconfiguration; bit 12 NMI unblocking. */
static void q_spp(struct strbuf *sb, uint64_t q)
{
	strbuf_item(sb, "%s", q & (1u << 11) ? "SPPT miss" : "SPPT misconfiguration");
	if (q & QUAL_NMI_UNBLOCK)
		strbuf_item(sb, "NMI unblocking due to IRET");
}

/* Notify VM exit: bit 0 VM context invalid; bit 12 NMI unblocking. */
static void q_notify(struct strbuf *sb, uint64_t q)
{
	strbuf_item(sb, "%s", q & 1 ? "VM context invalid" : "VM context valid");
	if (q & QUAL_NMI_UNBLOCK)
		strbuf_item(sb, "NMI unblocking due to IRET");
}

/* RDMSR/WRMSRNS with an immediate operand: the MSR index. */
static void q_msr_imm(struct strbuf *sb, uint64_t q)
{
	strbuf_item(sb, "MSR 0x%llx", (unsigned long long)q);
}

/* SDM 28.8 "VM-Entry Failures During or After Loading Guest State". */
static void q_invalid_state(struct strbuf *sb, uint64_t q)
{
	static const char *const causes[5] = {
		"none", "1 (not used)", "PDPTE load failure",
		"NMI injection while blocking by STI",
		"invalid VMCS link pointer",
	};
	if (q < 5)
		strbuf_item(sb, "%s", causes[q]);
	else
		strbuf_item(sb, "%llu (undefined)", (unsigned long long)q);
}

/* MSR loading: which VM-entry MSR-load entry failed, the first being 1. */
static void q_msr_load(struct strbuf *sb, uint64_t q)
{
	strbuf_item(sb, "MSR-load entry %llu", (unsigned long long)q);
}

struct qual_decoder {
	qual_fn fn;
	uint64_t defined; /* bits the SDM defines or leaves undefined */
};

#define ALL_BITS (~0ull)

/* The decoders the qual column of exit_reasons.def names, each with the
 * bits its table defines. */
static const struct qual_decoder qual_none = { q_none, ALL_BITS };
static const struct qual_decoder qual_exception = { q_exception, ALL_BITS };
static const struct qual_decoder qual_sipi = { q_sipi, 0xff };
static const struct qual_decoder qual_io = { q_io, 0xffff007f };
static const struct qual_decoder qual_task_switch = { q_task_switch, 0xc000ffff };
static const struct qual_decoder qual_linear = { q_linear, ALL_BITS };
static const struct qual_decoder qual_displacement = { q_displacement, ALL_BITS };
static const struct qual_decoder qual_cr = { q_cr, 0xffff0f7f };
static const struct qual_decoder qual_dr = { q_dr, 0xf17 };
static const struct qual_decoder qual_invalid_state = { q_invalid_state, ALL_BITS };
static const struct qual_decoder qual_msr_load = { q_msr_load, ALL_BITS };
static const struct qual_decoder qual_mwait = { q_mwait, 0x1 };
static const struct qual_decoder qual_apic_access = { q_apic_access, 0x1ffff };
static const struct qual_decoder qual_eoi = { q_eoi, 0xff };
static const struct qual_decoder qual_ept_violation = { q_ept_violation, 0x1ffff };
static const struct qual_decoder qual_apic_write = { q_apic_write, 0xfff };
static const struct qual_decoder qual_pml_full = { q_pml_full, ALL_BITS }; /* others undefined */
static const struct qual_decoder qual_spp = { q_spp, ALL_BITS };
static const struct qual_decoder qual_notify = { q_notify, ALL_BITS };
static const struct qual_decoder qual_msr_imm = { q_msr_imm, ALL_BITS };
/* An exception's, once the vector is known (SDM 28.2.1): #DB's and #PF's. */
static const struct qual_decoder qual_debug = { q_debug, DEBUG_Q_DEFINED };

/* By basic exit reason: the qual column of exit_reasons.def. */
static const struct qual_decoder *const qual_by_reason[] = {
#define EXIT_REASON(name, num, qual, info, desc) [num] = &qual_##qual,
#include "exit_reasons.def"
#undef EXIT_REASON
};

#define QUAL_BY_REASON_LEN (sizeof(qual_by_reason) / sizeof(qual_by_reason[0]))

static const struct qual_decoder *qual_decoder(uint32_t reason, uint32_t intr_info)
{
	unsigned basic = reason & EXIT_BASIC_MASK;
	const struct qual_decoder *d = basic < QUAL_BY_REASON_LEN ? qual_by_reason[basic] : NULL;
	if (!d)
		return &qual_none;
	/* bit 31 with a reason that reports no failed entry: nothing to decode */
	if ((reason & EXIT_FLAG_ENTRY_FAILURE) && !exit_reason_is_entry_failure(basic))
		return &qual_none;
	if (d == &qual_exception && intr_info_valid(intr_info)) {
		unsigned vector = intr_info_vector(intr_info);
		return vector == EXC_PF ? &qual_linear : vector == EXC_DB ? &qual_debug : &qual_none;
	}
	return d;
}

int vmx_decode_qual(uint32_t reason, uint32_t intr_info, uint64_t qual,
		    char *buf, size_t size)
{
	const struct qual_decoder *d = qual_decoder(reason, intr_info);
	struct strbuf sb;

	strbuf_init(&sb, buf, size);
	d->fn(&sb, qual);
	if (qual & ~d->defined)
		strbuf_item(&sb, "reserved 0x%llx",
			    (unsigned long long)(qual & ~d->defined));
	return (int)sb.len;
}
