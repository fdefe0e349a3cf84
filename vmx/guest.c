/* The canned L2 programs of guests.def and loading code into L2. */
#include "vmx.h"
#include "vmcs_field.h"
#include "../monitor/cpu.h"
#include "../monitor/string.h"

#define GUEST(n, d, e, c) { #n, d, e, (const uint8_t *)(c), sizeof(c) - 1 },
static const struct l2_program programs[] = {
#include "guests.def"
#include "guests_events.def"
};
#undef GUEST

#define HLT_OPCODE 0xf4
#define HLT_OPCODE 0xf4

unsigned l2_program_count(void)
{
	return sizeof(programs) / sizeof(programs[0]);
}

const struct l2_program *l2_program_at(unsigned i)
{
	return i < l2_program_count() ? &programs[i] : NULL;
}

const struct l2_program *l2_program_find(const char *name)
{
	for (unsigned i = 0; i < l2_program_count(); i++)
		if (!strcasecmp(programs[i].name, name))
			return &programs[i];
	return NULL;
}

/* Copies the code, fills the rest of the code pages with HLT so a runaway
 * program stops, and puts RIP, RSP and RFLAGS back at their start. */
struct vmx_result l2_load_code(struct vmcs_obj *v, const uint8_t *code, unsigned len)
{
	const uint64_t kv[][2] = {
		{ GUEST_RIP, L2_ENTRY }, { GUEST_RSP, L2_STACK_TOP },
		{ GUEST_RFLAGS, RFLAGS_RESERVED1 }, { GUEST_ACTIVITY_STATE, 0 },
		{ GUEST_INTERRUPTIBILITY_INFO, 0 },
	};
	uint8_t *dst = (uint8_t *)(v->l2.base + L2_ENTRY);
	memset(dst, HLT_OPCODE, L2_CODE_MAX);
	memcpy(dst, code, len < L2_CODE_MAX ? len : L2_CODE_MAX);
	memset(&v->gprs, 0, sizeof(v->gprs));
	return VMX_WRITE_ALL(kv);
}
