/* Running the VM-entry rules of entry_rules.def: expand a rule into its
 * checks, write each check's values into the current VMCS, VMLAUNCH it
 * from the clear state, judge the outcome against the SDM's, and put the
 * VMCS back exactly as it was. See entry_check.h. */
#include "entry_check.h"
#include "vmx.h"
#include "vmcs_field.h"
#include "exit_reason.h"
#include "vm_error.h"
#include "ept.h"
#include "../monitor/cpu.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"

#define NONCANONICAL 0x0000800000000000ull /* bit 47 set, 63:48 clear */
#define MISC_CR3_TARGETS(m) (((m) >> 16) & 0x1ff) /* SDM A.6 */
#define MISC_ACTIVITY_SHUTDOWN (1ull << 7)
#define MISC_ACTIVITY_SIPI (1ull << 8)
#define MISC_ZERO_LENGTH_INJECTION (1ull << 30)
#define ACTIVITY_SHUTDOWN 2
#define ACTIVITY_SIPI 3

/* A value of this machine (enum entry_value); false when there is none. */
static bool machine_value(uint64_t which, uint64_t *out)
{
	const struct vmx_caps *c = vmx_caps();
	switch (which) {
	case V_PHYS: *out = 1ull << vmx_phys_bits(); return true;
	case V_PHYS_LAST16: *out = (1ull << vmx_phys_bits()) - 16; return true;
	case V_NONCANON: *out = NONCANONICAL; return true;
	case V_CR3_TARGETS: *out = MISC_CR3_TARGETS(c->misc) + 1; return true;
	case V_BAD_ACTIVITY:
		*out = !(c->misc & MISC_ACTIVITY_SHUTDOWN) ? ACTIVITY_SHUTDOWN : ACTIVITY_SIPI;
		return !(c->misc & MISC_ACTIVITY_SIPI) || !(c->misc & MISC_ACTIVITY_SHUTDOWN);
	case V_ZERO_LENGTH: /* a bad length only where the CPU does not allow 0 */
		*out = 0;
		return !(c->misc & MISC_ZERO_LENGTH_INJECTION);
	}
	return false;
}

/* The control kind whose field enc is, if any. */
static bool ctl_kind_of(uint32_t enc, enum ctl_kind *k)
{
	for (int i = 0; i < CTL_KIND_COUNT; i++)
		if (ctl_kind_info((enum ctl_kind)i)->field == enc) {
			*k = (enum ctl_kind)i;
			return true;
		}
	return false;
}

static const char *field_name(uint32_t enc)
{
	const struct vmcs_field *f = vmcs_field_by_encoding(enc);
	return f ? f->name : "field";
}

/* Must-be-1 and must-be-0 bits of a control kind (Appendix A.3-A.5). */
static void ctl_fixed(enum ctl_kind k, uint64_t *must1, uint64_t *must0)
{
	const struct vmx_caps *c = vmx_caps();
	const struct ctl_kind_info *ki = ctl_kind_info(k);
	uint64_t allowed1 = ki->allowed1_only ? c->ctl[k] : c->ctl[k] >> 32;
	uint64_t width = ki->width == 64 ? ~0ull : 0xffffffffull;
	*must1 = ki->allowed1_only ? 0 : c->ctl[k] & 0xffffffffull;
	*must0 = ~allowed1 & width;
}

/* A rule that ORs a control bit the CPU fixes at 0, or clears one it fixes
 * at 1, tests something else: skip it and say which bit. */
static bool ctl_write_possible(const struct entry_write *w, char *why, size_t n)
{
	enum ctl_kind k;
	uint64_t must1, must0, bad = 0;
	if (!ctl_kind_of(w->field, &k) || (w->op != EW_OR && w->op != EW_CLR))
		return true;
	if (!vmx_caps()->has_ctl[k]) {
		fmt_snprintf(why, n, "the CPU has no %s", field_name(w->field));
		return false;
	}
	ctl_fixed(k, &must1, &must0);
	bad = w->op == EW_OR ? (w->value & must0) : (w->value & must1);
	if (!bad)
		return true;
	unsigned bit = (unsigned)__builtin_ctzll(bad);
	const struct ctl_bit *b = ctl_bit_by_number(k, bit);
	fmt_snprintf(why, n, "%s bit %u%s%s must be %d on this CPU", field_name(w->field), bit,
		     b ? " " : "", b ? b->name : "", w->op == EW_OR ? 0 : 1);
	return false;
}

/* The bits a sweep visits, and for each whether it is cleared (must be 1). */
static void sweep_bits(const struct entry_write *w, uint64_t *set, uint64_t *clear)
{
	const struct vmx_caps *c = vmx_caps();
	enum ctl_kind k;
	*set = *clear = 0;
	if (w->op == EW_SWEEP_BITS) {
		*set = w->value;
	} else if (w->op == EW_SWEEP_CTL && ctl_kind_of(w->field, &k) && c->has_ctl[k]) {
		ctl_fixed(k, clear, set);
	} else if (w->op == EW_SWEEP_CR) {
		bool cr0 = w->field == HOST_CR0 || w->field == GUEST_CR0;
		uint64_t f0 = cr0 ? c->cr0_fixed0 : c->cr4_fixed0;
		uint64_t f1 = cr0 ? c->cr0_fixed1 : c->cr4_fixed1;
		*clear = f0;
		*set = ~f1 & ~f0;
	}
}

static int sweep_slot(const struct entry_rule *r)
{
	for (int i = 0; i < ENTRY_RULE_WRITES; i++)
		if (entry_op_is_sweep(r->w[i].op))
			return i;
	return -1;
}

/* The fields a check touched, as they were, to put back afterwards. */
struct saved {
	unsigned n;
	uint32_t field[ENTRY_RULE_WRITES + 1];
	uint64_t value[ENTRY_RULE_WRITES + 1];
};

static bool save_once(struct saved *s, uint32_t enc, uint64_t value)
{
	for (unsigned i = 0; i < s->n; i++)
		if (s->field[i] == enc)
			return true;
	s->field[s->n] = enc;
	s->value[s->n++] = value;
	return true;
}

static void restore(const struct saved *s)
{
	for (unsigned i = s->n; i-- > 0;)
		vmx_write(s->field[i], s->value[i]);
}

static uint64_t apply_op(const struct entry_write *w, uint64_t old, uint64_t arg, int bit, bool clear)
{
	switch (w->op) {
	case EW_SET: case EW_SETV: return arg;
	case EW_OR: case EW_ORV: return old | arg;
	case EW_CLR: return old & ~arg;
	default: return clear ? old & ~(1ull << bit) : old | (1ull << bit);
	}
}

/* Writes one check's values; false (with the reason) when it cannot. */
static bool write_check(struct entry_check *c, struct saved *s)
{
	const struct entry_rule *r = c->rule;
	for (unsigned i = 0; i < ENTRY_RULE_WRITES && r->w[i].op != EW_NONE; i++) {
		const struct entry_write *w = &r->w[i];
		uint64_t old, arg = w->value, v;
		if (!ctl_write_possible(w, c->why, sizeof(c->why)))
			return false;
		if ((w->op == EW_SETV || w->op == EW_ORV) && !machine_value(w->value, &arg)) {
			fmt_snprintf(c->why, sizeof(c->why), "this CPU offers every value of %s", field_name(w->field));
			return false;
		}
		if (vmx_read(w->field, &old).status != VMX_OK || !save_once(s, w->field, old)) {
			fmt_snprintf(c->why, sizeof(c->why), "the CPU has no field %s", field_name(w->field));
			return false;
		}
		v = apply_op(w, old, arg, c->bit, c->must_be_one);
		if (vmx_write(w->field, v).status != VMX_OK) {
			fmt_snprintf(c->why, sizeof(c->why), "VMWRITE of %s failed", field_name(w->field));
			return false;
		}
		c->field[c->nwrites] = w->field;
		c->value[c->nwrites++] = v;
	}
	return true;
}

/* VMLAUNCH from the clear state; polling only where it changes nothing. */
static struct vmx_exit launch_clear(const struct run_poll *tmpl)
{
	struct vmcs_obj *v = vmcs_current();
	struct run_poll poll = *tmpl;
	vmcs_do_clear(v->pa);
	vmcs_do_ptrld(v->pa);
	poll.method = vmx_run_plan(RUN_LAUNCH, false).method;
	if (poll.method != POLL_TIMER)
		poll.method = POLL_NONE; /* the caller routes no input as events */
	return vmx_run(RUN_LAUNCH, &poll);
}

static bool outcome_matches(const struct entry_rule *r, const struct vmx_exit *e)
{
	switch (r->expect) {
	case EXPECT_VMFAIL:
		return e->outcome == OUTCOME_VMFAIL && e->fail.status == VMX_FAIL_VALID &&
		       e->fail.error == r->code;
	case EXPECT_INVALID:
		return e->outcome == OUTCOME_ENTRY_FAILED && e->basic == EXIT_REASON_INVALID_STATE &&
		       e->qual == r->code;
	case EXPECT_ENTERS:
		return e->outcome == OUTCOME_EXIT;
	}
	return false;
}

void entry_check_finish(void)
{
	struct vmcs_obj *v = vmcs_current();
	if (v) {
		vmcs_do_clear(v->pa);
		vmcs_do_ptrld(v->pa);
	}
}

bool entry_check_baseline(const struct run_poll *poll, struct vmx_exit *seen)
{
	if (!vmcs_current())
		return false;
	uint64_t rip = vmx_read_or_zero(GUEST_RIP);
	*seen = launch_clear(poll);
	vmx_write(GUEST_RIP, rip);
	return seen->outcome == OUTCOME_EXIT;
}

/* A failed VMLAUNCH leaves the launch state clear (SDM 30.3, VMLAUNCH:
 * only a successful entry makes it "launched"), so a VMRESUME now fails
 * with VMfailValid(5) before any other check. */
static bool launch_state_clear(const struct run_poll *tmpl)
{
	struct run_poll poll = *tmpl;
	poll.method = POLL_NONE;
	struct vmx_exit e = vmx_run(RUN_RESUME, &poll);
	return e.outcome == OUTCOME_VMFAIL && e.fail.status == VMX_FAIL_VALID &&
	       e.fail.error == VMXERR_VMRESUME_NONLAUNCHED_VMCS;
}

/* One check: write, launch, judge, restore, and show the VMCS enters. */
static void run_one(struct entry_check *c, const struct run_poll *poll)
{
	struct saved s = { 0, { 0 }, { 0 } };
	save_once(&s, GUEST_RIP, vmx_read_or_zero(GUEST_RIP));
	if (!write_check(c, &s)) {
		c->verdict = CHECK_SKIP;
		restore(&s);
		return;
	}
	c->seen = launch_clear(poll);
	c->verdict = outcome_matches(c->rule, &c->seen) ? CHECK_PASS : CHECK_FAIL;
	if (c->seen.outcome != OUTCOME_EXIT && !launch_state_clear(poll)) {
		c->verdict = CHECK_FAIL;
		c->launch_state_set = true;
	}
	restore(&s);
	if (c->seen.outcome == OUTCOME_EXIT)
		return; /* it entered as it was: nothing to show */
	c->recovery = launch_clear(poll);
	c->recovery_failed = c->recovery.outcome != OUTCOME_EXIT;
	restore(&s);
}

bool entry_rule_run(const struct entry_rule *r, const struct run_poll *poll,
		    entry_report_fn report, void *ctx)
{
	int slot = sweep_slot(r);
	uint64_t set = 0, clear = 0;
	if (slot >= 0)
		sweep_bits(&r->w[slot], &set, &clear);
	if (slot >= 0 && !(set | clear)) {
		struct entry_check c;
		memset(&c, 0, sizeof(c));
		c.rule = r;
		c.bit = -1;
		c.verdict = CHECK_SKIP;
		fmt_snprintf(c.why, sizeof(c.why), "the CPU fixes no bit of %s", field_name(r->w[slot].field));
		return report(ctx, &c);
	}
	for (int bit = slot >= 0 ? 0 : -1; bit < 64; bit++) {
		struct entry_check c;
		memset(&c, 0, sizeof(c));
		c.rule = r;
		c.bit = bit;
		if (bit >= 0) {
			if (!((set | clear) >> bit & 1))
				continue;
			c.must_be_one = (clear >> bit) & 1;
		}
		run_one(&c, poll);
		if (c.verdict == CHECK_SKIP)
			c.bit = -1; /* a skip holds for every bit of the sweep */
		if (!report(ctx, &c) || c.recovery_failed)
			return false;
		if (bit < 0 || c.verdict == CHECK_SKIP)
			break;
	}
	return true;
}
