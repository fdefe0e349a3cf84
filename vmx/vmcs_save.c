/* vmcs save: the current VMCS against the defaults of `vmcs new`. The
 * defaults are built in a scratch VMCS by the very code `vmcs new` runs,
 * for the same L2 (same memory, EPT pointer and VPID), so only what the
 * user changed differs. */
#include "vmcs_save.h"
#include "vmx.h"
#include "vmcs_field.h"
#include "msr.h"
#include "../monitor/mem.h"

/* The fields a replay may write: guest state and controls, full-width
 * encodings only (a _HIGH alias would write half of one twice). */
static bool replayable(uint32_t enc)
{
	enum vmcs_type t = vmcs_enc_type(enc);
	return !vmcs_enc_read_only(enc) && !vmcs_enc_is_high(enc) &&
	       (t == VMCS_TYPE_CONTROL || t == VMCS_TYPE_GUEST);
}

#define SLOTS 512
struct snapshot {
	unsigned n;
	uint32_t enc[SLOTS];
	uint64_t value[SLOTS];
	bool have[SLOTS];
};

static void take(struct snapshot *s)
{
	s->n = 0;
	for (size_t i = 0; i < vmcs_field_count() && s->n < SLOTS; i++) {
		const struct vmcs_field *f = vmcs_field_at(i);
		if (!replayable(f->encoding))
			continue;
		s->enc[s->n] = f->encoding;
		s->have[s->n] = vmx_read(f->encoding, &s->value[s->n]).status == VMX_OK;
		s->n++;
	}
}

/* The defaults into *d: a scratch VMCS, filled, read, cleared, freed. */
static enum vmcs_save_status defaults(struct vmcs_obj *v, struct snapshot *d, struct vmx_result *r)
{
	const char *step;
	uint64_t pa = page_alloc();
	if (!pa)
		return VMCS_SAVE_NO_MEMORY;
	*(volatile uint32_t *)pa = vmx_revision_id(vmx_caps());
	*r = vmx_clear(pa);
	if (r->status == VMX_OK)
		*r = vmx_ptrld(pa);
	if (r->status == VMX_OK)
		*r = vmcs_setup_all(v, &step);
	if (r->status == VMX_OK)
		take(d);
	vmx_clear(pa);
	struct vmx_result back = vmx_ptrld(v->pa);
	page_free(pa);
	if (r->status == VMX_OK)
		*r = back;
	return r->status == VMX_OK ? VMCS_SAVE_OK : VMCS_SAVE_VMX_FAILED;
}

enum vmcs_save_status vmcs_save(bool all, vmcs_save_fn fn, void *ctx, struct vmx_result *r)
{
	static struct snapshot now, def;
	struct vmcs_obj *v = vmcs_current();
	*r = vmx_result_ok();
	if (!v || !v->has_l2)
		return VMCS_SAVE_NO_L2;
	take(&now);
	enum vmcs_save_status st = defaults(v, &def, r);
	if (st != VMCS_SAVE_OK)
		return st;
	for (unsigned i = 0; i < now.n; i++) {
		if (!now.have[i])
			continue;
		if (all || !def.have[i] || def.value[i] != now.value[i])
			fn(ctx, now.enc[i], now.value[i]);
	}
	return VMCS_SAVE_OK;
}
