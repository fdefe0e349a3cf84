/* Thin wrappers around x86 instructions. Freestanding, no policy. */
#ifndef MONITOR_CPU_H
#define MONITOR_CPU_H
#include <stdint.h>

struct cpuid_regs { uint32_t eax, ebx, ecx, edx; };

static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t sub)
{
	struct cpuid_regs r;
	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(sub));
	return r;
}

/* Raw RDMSR/WRMSR: a missing MSR raises #GP; use the fault_* helpers in
 * trap.h to survive that. */
static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v),
			 "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port));
}
static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" ::"a"(v), "Nd"(port));
}
static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

#define DEFINE_CR(n)                                                   \
	static inline uint64_t read_cr##n(void)                        \
	{                                                              \
		uint64_t v;                                            \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));      \
		return v;                                              \
	}                                                              \
	static inline void write_cr##n(uint64_t v)                     \
	{                                                              \
		__asm__ volatile("mov %0, %%cr" #n ::"r"(v) : "memory"); \
	}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline uint64_t read_rflags(void)
{
	uint64_t v;
	__asm__ volatile("pushfq; popq %0" : "=r"(v));
	return v;
}

static inline void irq_enable(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }

/* Descriptor-table registers, as SGDT/SIDT store them. */
struct __attribute__((packed)) dtr {
	uint16_t limit;
	uint64_t base;
};
static inline struct dtr read_gdtr(void)
{
	struct dtr d;
	__asm__ volatile("sgdt %0" : "=m"(d));
	return d;
}
static inline struct dtr read_idtr(void)
{
	struct dtr d;
	__asm__ volatile("sidt %0" : "=m"(d));
	return d;
}
#define READ_SEG(name)                                              \
	static inline uint16_t read_##name(void)                    \
	{                                                           \
		uint16_t v;                                         \
		__asm__ volatile("mov %%" #name ", %0" : "=r"(v));  \
		return v;                                           \
	}
READ_SEG(cs)
READ_SEG(ds)
READ_SEG(es)
READ_SEG(ss)
READ_SEG(fs)
READ_SEG(gs)
#undef READ_SEG
static inline uint16_t read_tr(void)
{
	uint16_t v;
	__asm__ volatile("str %0" : "=r"(v));
	return v;
}

/* IRET to the next instruction: ends the NMI blocking that an NMI (or a
 * VM exit caused by one) leaves behind (SDM 6.7.1). Selectors are the
 * monitor's own: CS 0x08, SS 0x10. */
static inline void nmi_unblock(void)
{
	__asm__ volatile("mov %%rsp, %%rax\n\t"
			 "pushq $0x10\n\t"
			 "pushq %%rax\n\t"
			 "pushfq\n\t"
			 "pushq $0x08\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "iretq\n"
			 "1:" ::: "rax", "memory", "cc");
}

#define MSR_IA32_FEATURE_CONTROL 0x3a
#define MSR_EFER 0xc0000080
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_IA32_PAT 0x277
#define MSR_IA32_SYSENTER_CS 0x174
#define MSR_IA32_SYSENTER_ESP 0x175
#define MSR_IA32_SYSENTER_EIP 0x176
#define MSR_IA32_DEBUGCTL 0x1d9

#define CR0_PE (1ull << 0)
#define CR0_NE (1ull << 5)
#define CR0_WP (1ull << 16)
#define CR0_PG (1ull << 31)
#define CR4_PAE (1ull << 5)
#define CR4_VMXE (1ull << 13)
#define EFER_LME (1ull << 8)
#define EFER_LMA (1ull << 10)
#define EFER_NXE (1ull << 11)
#define RFLAGS_RESERVED1 (1ull << 1) /* SDM Vol. 1 3.4.3: always 1 */
#define RFLAGS_TF (1ull << 8)
/* DR6.BS, single step (SDM Vol. 3B 18.2.3); the VMCS field "pending debug
 * exceptions" has the same layout. */
#define DR6_BS (1ull << 14)
#endif
