/* The control-bit table and control-value decoding. See ctl_bits.h. */
#include "ctl_bits.h"

#include "../monitor/strbuf.h"
#include "../monitor/string.h"
#include "msr.h"
#include "vmcs_field.h"

static const struct ctl_kind_info kinds[CTL_KIND_COUNT] = {
	[CTL_KIND_PIN] = { CTL_KIND_PIN, "pin",
		"pin-based VM-execution controls", "PIN_BASED_",
		PIN_BASED_VM_EXEC_CONTROL, MSR_IA32_VMX_PINBASED_CTLS,
		MSR_IA32_VMX_TRUE_PINBASED_CTLS, 32, false,
		"SDM 25.6.1, A.3.1" },
	[CTL_KIND_PROC] = { CTL_KIND_PROC, "proc",
		"primary processor-based VM-execution controls", "CPU_BASED_",
		CPU_BASED_VM_EXEC_CONTROL, MSR_IA32_VMX_PROCBASED_CTLS,
		MSR_IA32_VMX_TRUE_PROCBASED_CTLS, 32, false,
		"SDM 25.6.2, A.3.2" },
	[CTL_KIND_PROC2] = { CTL_KIND_PROC2, "proc2",
		"secondary processor-based VM-execution controls",
		"SECONDARY_EXEC_", SECONDARY_VM_EXEC_CONTROL,
		MSR_IA32_VMX_PROCBASED_CTLS2, 0, 32, false,
		"SDM 25.6.2, A.3.3", true, CTL_KIND_PROC,
		CTL_PROC_ACTIVATE_SECONDARY_CONTROLS },
	[CTL_KIND_PROC3] = { CTL_KIND_PROC3, "proc3",
		"tertiary processor-based VM-execution controls",
		"TERTIARY_EXEC_", TERTIARY_VM_EXEC_CONTROL,
		MSR_IA32_VMX_PROCBASED_CTLS3, 0, 64, true,
		"SDM 25.6.2, A.3.4", true, CTL_KIND_PROC,
		CTL_PROC_ACTIVATE_TERTIARY_CONTROLS },
	[CTL_KIND_EXIT] = { CTL_KIND_EXIT, "exit",
		"primary VM-exit controls", "VM_EXIT_",
		VM_EXIT_CONTROLS, MSR_IA32_VMX_EXIT_CTLS,
		MSR_IA32_VMX_TRUE_EXIT_CTLS, 32, false,
		"SDM 25.7.1, A.4.1" },
	[CTL_KIND_EXIT2] = { CTL_KIND_EXIT2, "exit2",
		"secondary VM-exit controls", "SECONDARY_VM_EXIT_",
		SECONDARY_VM_EXIT_CONTROLS, MSR_IA32_VMX_EXIT_CTLS2, 0, 64,
		true, "SDM 25.7.1, A.4.2", true, CTL_KIND_EXIT,
		CTL_EXIT_ACTIVATE_SECONDARY_CONTROLS },
	[CTL_KIND_ENTRY] = { CTL_KIND_ENTRY, "entry",
		"VM-entry controls", "VM_ENTRY_",
		VM_ENTRY_CONTROLS, MSR_IA32_VMX_ENTRY_CTLS,
		MSR_IA32_VMX_TRUE_ENTRY_CTLS, 32, false,
		"SDM 25.8.1, A.5" },
};

static const struct ctl_bit ctl_bits[] = {
#define CTL(kind, name, bit, desc) { CTL_KIND_##kind, #name, bit, desc },
#include "ctl_bits.def"
#undef CTL
};

#define CTL_BIT_COUNT (sizeof(ctl_bits) / sizeof(ctl_bits[0]))

const struct ctl_kind_info *ctl_kind_info(enum ctl_kind kind)
{
	return (unsigned)kind < CTL_KIND_COUNT ? &kinds[kind] : NULL;
}

bool ctl_kind_activation(enum ctl_kind kind, enum ctl_kind *parent,
			 unsigned *bit)
{
	const struct ctl_kind_info *k = ctl_kind_info(kind);

	if (!k || !k->activated)
		return false;
	*parent = k->parent;
	*bit = k->parent_bit;
	return true;
}

bool ctl_kind_by_name(const char *name, enum ctl_kind *out)
{
	for (int k = 0; k < CTL_KIND_COUNT; k++) {
		if (strcasecmp(name, kinds[k].name) == 0) {
			*out = (enum ctl_kind)k;
			return true;
		}
	}
	return false;
}

void ctl_kind_complete(const char *prefix, vmx_name_fn add, void *ctx)
{
	size_t n = strlen(prefix);

	for (int k = 0; k < CTL_KIND_COUNT; k++) {
		if (strncasecmp(prefix, kinds[k].name, n) == 0)
			add(ctx, kinds[k].name);
	}
}

size_t ctl_bit_count(enum ctl_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < CTL_BIT_COUNT; i++)
		n += ctl_bits[i].kind == kind;
	return n;
}

const struct ctl_bit *ctl_bit_at(enum ctl_kind kind, size_t i)
{
	for (size_t j = 0; j < CTL_BIT_COUNT; j++) {
		if (ctl_bits[j].kind == kind && i-- == 0)
			return &ctl_bits[j];
	}
	return NULL;
}

const struct ctl_bit *ctl_bit_by_name(enum ctl_kind kind, const char *name)
{
	const struct ctl_kind_info *k = ctl_kind_info(kind);
	size_t plen;

	if (!k)
		return NULL;
	plen = strlen(k->prefix);
	if (strncasecmp(name, k->prefix, plen) == 0)
		name += plen;
	for (size_t i = 0; i < CTL_BIT_COUNT; i++) {
		if (ctl_bits[i].kind == kind &&
		    strcasecmp(name, ctl_bits[i].name) == 0)
			return &ctl_bits[i];
	}
	return NULL;
}

const struct ctl_bit *ctl_bit_by_number(enum ctl_kind kind, unsigned bit)
{
	for (size_t i = 0; i < CTL_BIT_COUNT; i++) {
		if (ctl_bits[i].kind == kind && ctl_bits[i].bit == bit)
			return &ctl_bits[i];
	}
	return NULL;
}

int ctl_decode(enum ctl_kind kind, uint64_t value, char *buf, size_t size)
{
	const struct ctl_kind_info *k = ctl_kind_info(kind);
	struct strbuf sb;

	strbuf_init(&sb, buf, size);
	if (!k)
		return 0;
	/* All 64 bits, so that a stray bit above a 32-bit field shows too. */
	for (unsigned bit = 0; bit < 64; bit++) {
		const struct ctl_bit *b;

		if (!(value & (1ull << bit)))
			continue;
		b = ctl_bit_by_number(kind, bit);
		if (b)
			strbuf_item(&sb, "%s", b->name);
		else
			strbuf_item(&sb, "bit %u", bit);
	}
	return (int)sb.len;
}
