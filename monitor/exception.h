/* The architectural exceptions, vectors 0-31 (SDM Vol. 3A 6.15 "Exception
 * and Interrupt Reference"): one list for the monitor's own fault reports
 * and for the VM-exit decoders. Pure: shared with the host unit tests. */
#ifndef MONITOR_EXCEPTION_H
#define MONITOR_EXCEPTION_H

/* X(NAME, vector, mnemonic, description); vectors not listed are reserved. */
#define EXCEPTIONS(X)                                          \
	X(DE, 0, "#DE", "divide error")                        \
	X(DB, 1, "#DB", "debug")                               \
	X(NMI, 2, "NMI", "non-maskable interrupt")             \
	X(BP, 3, "#BP", "breakpoint")                          \
	X(OF, 4, "#OF", "overflow")                            \
	X(BR, 5, "#BR", "bound range exceeded")                \
	X(UD, 6, "#UD", "invalid opcode")                      \
	X(NM, 7, "#NM", "device not available")                \
	X(DF, 8, "#DF", "double fault")                        \
	X(CSO, 9, "#CSO", "coprocessor segment overrun")       \
	X(TS, 10, "#TS", "invalid TSS")                        \
	X(NP, 11, "#NP", "segment not present")                \
	X(SS, 12, "#SS", "stack-segment fault")                \
	X(GP, 13, "#GP", "general protection")                 \
	X(PF, 14, "#PF", "page fault")                         \
	X(MF, 16, "#MF", "x87 floating-point error")           \
	X(AC, 17, "#AC", "alignment check")                    \
	X(MC, 18, "#MC", "machine check")                      \
	X(XM, 19, "#XM", "SIMD floating-point")                \
	X(VE, 20, "#VE", "virtualization exception")           \
	X(CP, 21, "#CP", "control protection")                 \
	X(HV, 28, "#HV", "hypervisor injection")               \
	X(VC, 29, "#VC", "VMM communication")                  \
	X(SX, 30, "#SX", "security exception")

/* EXC_PF = 14, ... */
enum exception_vector {
#define EXCEPTION_ENUM(name, vec, mnemonic, desc) EXC_##name = vec,
	EXCEPTIONS(EXCEPTION_ENUM)
#undef EXCEPTION_ENUM
	EXC_COUNT = 32
};

/* "#PF" for 14, "NMI" for 2; NULL for a reserved vector or one >= 32. */
const char *exception_mnemonic(unsigned vector);
/* "page fault"; "reserved" for a reserved vector; NULL for one >= 32. */
const char *exception_description(unsigned vector);
#endif
