/* The one definition of the interruption-information format (SDM Vol. 3C
 * 25.8.3 VM-entry interruption information, 25.9.2 VM-exit interruption
 * information, 25.9.3 IDT-vectoring information: the three share it).
 * Names as in Linux's arch/x86/include/asm/vmx.h. */
#ifndef VMX_INTR_INFO_H
#define VMX_INTR_INFO_H
#include <stdint.h>

#define INTR_INFO_VECTOR_MASK 0xffu        /* 7:0 */
#define INTR_INFO_INTR_TYPE_MASK 0x700u    /* 10:8 */
#define INTR_INFO_INTR_TYPE_SHIFT 8
#define INTR_INFO_DELIVER_CODE_MASK 0x800u /* 11: an error code is delivered */
#define INTR_INFO_UNBLOCK_NMI 0x1000u      /* 12: exit information only */
#define INTR_INFO_RESVD_BITS_MASK 0x7fffe000u /* 30:13 */
#define INTR_INFO_VALID_MASK 0x80000000u   /* 31 */
/* The bits that say which event it is: valid, type and vector. */
#define INTR_INFO_EVENT_MASK (INTR_INFO_VALID_MASK | INTR_INFO_INTR_TYPE_MASK | INTR_INFO_VECTOR_MASK)

/* Bits 10:8, shifted down. */
enum intr_type {
	INTR_TYPE_EXT_INTR = 0,
	INTR_TYPE_RESERVED = 1,
	INTR_TYPE_NMI_INTR = 2,
	INTR_TYPE_HARD_EXCEPTION = 3,
	INTR_TYPE_SOFT_INTR = 4,
	INTR_TYPE_PRIV_SW_EXCEPTION = 5,
	INTR_TYPE_SOFT_EXCEPTION = 6,
	INTR_TYPE_OTHER_EVENT = 7,
};

static inline unsigned intr_info_vector(uint32_t info)
{
	return info & INTR_INFO_VECTOR_MASK;
}

static inline enum intr_type intr_info_type(uint32_t info)
{
	return (enum intr_type)((info & INTR_INFO_INTR_TYPE_MASK) >> INTR_INFO_INTR_TYPE_SHIFT);
}

static inline int intr_info_valid(uint32_t info)
{
	return (info & INTR_INFO_VALID_MASK) != 0;
}

/* Valid, of type t, with vector v: what an event with those looks like. */
static inline uint32_t intr_info_make(enum intr_type t, unsigned v)
{
	return INTR_INFO_VALID_MASK | (uint32_t)t << INTR_INFO_INTR_TYPE_SHIFT | (v & INTR_INFO_VECTOR_MASK);
}
#endif
