/* The after-boot CPU state and its reset hook. A VM exit loads the host
 * state from the VMCS and sets the GDTR and IDTR limits to 0xffff, DR7 to
 * 0x400 and IA32_DEBUGCTL to 0 (SDM 28.5.1-28.5.2); VMXON needs CR0/CR4
 * fixed bits set (SDM A.7-A.8). This file knows none of that: it records
 * what start-up left and restores every value that differs. */
#include "cpustate.h"
#include <stdbool.h>
#include <stdint.h>
#include "cpu.h"
#include "reset.h"
#include "trap.h"

#define MSR_KERNEL_GS_BASE 0xc0000102
#define MSR_IA32_PERF_GLOBAL_CTRL 0x38f

/* The MSRs a VM exit (or its MSR-load list) may change: name, number. */
#define CPUSTATE_MSRS(X)                                   \
	X("EFER", MSR_EFER)                                \
	X("IA32_PAT", MSR_IA32_PAT)                        \
	X("FS_BASE", MSR_FS_BASE)                          \
	X("GS_BASE", MSR_GS_BASE)                          \
	X("KERNEL_GS_BASE", MSR_KERNEL_GS_BASE)            \
	X("IA32_SYSENTER_CS", MSR_IA32_SYSENTER_CS)        \
	X("IA32_SYSENTER_ESP", MSR_IA32_SYSENTER_ESP)      \
	X("IA32_SYSENTER_EIP", MSR_IA32_SYSENTER_EIP)      \
	X("IA32_DEBUGCTL", MSR_IA32_DEBUGCTL)              \
	X("IA32_PERF_GLOBAL_CTRL", MSR_IA32_PERF_GLOBAL_CTRL)

struct msr_slot {
	const char *name;
	uint32_t msr;
};
#define MSR_SLOT(n, m) { n, m },
static const struct msr_slot msrs[] = { CPUSTATE_MSRS(MSR_SLOT) };
#undef MSR_SLOT
#define NMSRS (sizeof(msrs) / sizeof(msrs[0]))

static struct {
	uint64_t cr0, cr3, cr4, dr7;
	struct dtr gdtr, idtr;
	uint64_t msr[NMSRS];
	bool has_msr[NMSRS]; /* false: reading it faulted at boot */
	bool valid;
} boot;

static uint64_t read_dr7(void)
{
	uint64_t v;
	__asm__ volatile("mov %%dr7, %0" : "=r"(v));
	return v;
}

static void write_dr7(uint64_t v)
{
	__asm__ volatile("mov %0, %%dr7" ::"r"(v));
}

void cpustate_mark_boot(void)
{
	struct fault_info f;
	boot.cr0 = read_cr0();
	boot.cr3 = read_cr3();
	boot.cr4 = read_cr4();
	boot.dr7 = read_dr7();
	boot.gdtr = read_gdtr();
	boot.idtr = read_idtr();
	for (unsigned i = 0; i < NMSRS; i++)
		boot.has_msr[i] = !safe_rdmsr(msrs[i].msr, &boot.msr[i], &f);
	boot.valid = true;
}

/* A control-register write that may fault (CR4.VMXE cannot be cleared in
 * VMX operation, for one): false when it did. */
static bool try_write(void (*write)(uint64_t), uint64_t v)
{
	struct fault_jmp j;
	if (fault_try(&j))
		return false;
	write(v);
	fault_end(&j);
	return true;
}

/* One register: when it differs, writes it back, reads it again and notes
 * "NAME 0x... -> 0x..." (or fails when the write did not hold). */
static void put_back(struct reset_log *log, const char *name, uint64_t (*read)(void),
		     void (*write)(uint64_t), uint64_t want)
{
	uint64_t now = read();
	if (now == want)
		return;
	if (!try_write(write, want) || read() != want)
		reset_fail(log, "%s stays 0x%llx: writing 0x%llx back did not hold", name,
			   (unsigned long long)read(), (unsigned long long)want);
	else
		reset_note(log, "%s 0x%llx -> 0x%llx", name, (unsigned long long)now,
			   (unsigned long long)want);
}

static void put_back_dtr(struct reset_log *log, const char *name, struct dtr now,
			 struct dtr want, bool idt)
{
	if (now.base == want.base && now.limit == want.limit)
		return;
	if (idt)
		__asm__ volatile("lidt %0" ::"m"(want));
	else
		__asm__ volatile("lgdt %0" ::"m"(want));
	reset_note(log, "%s 0x%llx/0x%x -> 0x%llx/0x%x (base/limit)", name,
		   (unsigned long long)now.base, now.limit,
		   (unsigned long long)want.base, want.limit);
}

static void put_back_msrs(struct reset_log *log)
{
	struct fault_info f;
	for (unsigned i = 0; i < NMSRS; i++) {
		uint64_t now, after;
		if (!boot.has_msr[i] || safe_rdmsr(msrs[i].msr, &now, &f) || now == boot.msr[i])
			continue;
		if (safe_wrmsr(msrs[i].msr, boot.msr[i], &f) ||
		    safe_rdmsr(msrs[i].msr, &after, &f) || after != boot.msr[i])
			reset_fail(log, "cannot write %s back to 0x%llx", msrs[i].name,
				   (unsigned long long)boot.msr[i]);
		else
			reset_note(log, "%s 0x%llx -> 0x%llx", msrs[i].name,
				   (unsigned long long)now, (unsigned long long)boot.msr[i]);
	}
}

/* Runs after the VMX state is gone (VMXOFF first: CR4.VMXE cannot be
 * cleared in VMX operation). CR4 before CR0, so CR0 bits that CR4 needs
 * cleared are never an issue; CR3 last among them (a TLB flush). */
static void cpustate_reset(struct reset_log *log)
{
	if (!boot.valid)
		return;
	put_back(log, "CR4", read_cr4, write_cr4, boot.cr4);
	put_back(log, "CR0", read_cr0, write_cr0, boot.cr0);
	put_back(log, "CR3", read_cr3, write_cr3, boot.cr3);
	put_back(log, "DR7", read_dr7, write_dr7, boot.dr7);
	put_back_dtr(log, "GDTR", read_gdtr(), boot.gdtr, false);
	put_back_dtr(log, "IDTR", read_idtr(), boot.idtr, true);
	put_back_msrs(log);
}
RESET_HOOK(50, cpustate, cpustate_reset);
