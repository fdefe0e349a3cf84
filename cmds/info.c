/* info: what machine this is, in the words a hypervisor developer uses. */
#include "../monitor/cmd.h"
#include "../monitor/cpu.h"
#include "../monitor/mem.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"
#include "../monitor/sysinfo.h"
#include "../vmx/features.h"

#define CPUID_1_ECX_HYPERVISOR (1u << 31)
#define CPUID_80000001_ECX_SVM (1u << 2)
#define CPUID_HV_BASE 0x40000000u
#define CPUID_EXT_BASE 0x80000000u

static void print_vendor(void)
{
	struct cpuid_regs r = cpuid(0, 0);
	char v[13];
	memcpy(v, &r.ebx, 4);
	memcpy(v + 4, &r.edx, 4);
	memcpy(v + 8, &r.ecx, 4);
	v[12] = 0;
	struct cpuid_regs f = cpuid(1, 0);
	printf("cpu:        %s family 0x%x model 0x%x stepping %u (max leaf 0x%x)\n", v,
	       ((f.eax >> 8) & 0xf) + ((f.eax >> 20) & 0xff),
	       ((f.eax >> 4) & 0xf) | ((f.eax >> 12) & 0xf0), f.eax & 0xf, r.eax);
}

static void print_brand(void)
{
	if (cpuid(CPUID_EXT_BASE, 0).eax < CPUID_EXT_BASE + 4) {
		printf("brand:      (not reported)\n");
		return;
	}
	char b[49];
	for (uint32_t i = 0; i < 3; i++) {
		struct cpuid_regs r = cpuid(CPUID_EXT_BASE + 2 + i, 0);
		memcpy(b + 16 * i, &r, 16);
	}
	b[48] = 0;
	const char *p = b;
	while (*p == ' ')
		p++;
	printf("brand:      %s\n", p);
}

static void print_hypervisor(void)
{
	if (!(cpuid(1, 0).ecx & CPUID_1_ECX_HYPERVISOR)) {
		printf("hypervisor: none\n");
		return;
	}
	struct cpuid_regs r = cpuid(CPUID_HV_BASE, 0);
	char s[13];
	memcpy(s, &r.ebx, 4);
	memcpy(s + 4, &r.ecx, 4);
	memcpy(s + 8, &r.edx, 4);
	s[12] = 0;
	printf("hypervisor: '%s' (max leaf 0x%x)\n", s, r.eax);
}

static int cmd_info(int argc, char **argv)
{
	char feats[512];
	printf("nestmon:    %s (loader: %s)\n", nestmon_version, sysinfo_loader());
	print_vendor();
	print_brand();
	print_hypervisor();
	int svm = cpuid(CPUID_EXT_BASE, 0).eax >= CPUID_EXT_BASE + 1 &&
		  (cpuid(CPUID_EXT_BASE + 1, 0).ecx & CPUID_80000001_ECX_SVM);
	printf("vmx:        %s\nsvm:        %s\n",
	       vmx_cpu_has_vmx() ? "yes" : "no", svm ? "yes" : "no");
	printf("memory:     %llu MiB total, %llu MiB free for the monitor\n",
	       (unsigned long long)(mem_total_bytes() >> 20),
	       (unsigned long long)(mem_free_pages() * PAGE_SIZE >> 20));
	vmx_feature_list(feats, sizeof(feats));
	printf("features: %s\n", feats[0] ? feats : "none");
	return CMD_OK;
}

CMD(info, "info", "", 0, 0, CMD_NEEDS_NOTHING, "CPU vendor and brand, hypervisor, VMX/SVM, memory, version, features",
    "The last line, 'features: ...', lists what expect sequences may require:\n"
    "vmx ept vpid unrestricted mtf preemption-timer shadow-vmcs ... ('none' without VMX).",
    cmd_info);
