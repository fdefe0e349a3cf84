/* EPT entries and the EPTP as data: their bits, a description of each,
 * the misconfigurations of SDM Vol. 3C 29.3.3.1, and a walk of a
 * guest-physical address through memory read by a callback. Pure code
 * (host unit tests: tests/test_ept.c); vmx/ept.c edits the tables. */
#ifndef VMX_EPT_ENTRY_H
#define VMX_EPT_ENTRY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* SDM 29.3.2, the formats of EPT paging-structure entries */
#define EPT_R (1ull << 0)
#define EPT_W (1ull << 1)
#define EPT_X (1ull << 2)          /* supervisor-mode execute with MBEC */
#define EPT_RWX (EPT_R | EPT_W | EPT_X)
#define EPT_MT_SHIFT 3             /* leaf: memory type in bits 5:3 */
#define EPT_MT_MASK (7ull << EPT_MT_SHIFT)
#define EPT_IPAT (1ull << 6)       /* leaf: ignore PAT */
#define EPT_LARGE (1ull << 7)      /* PDE, PDPTE: maps a 2 MiB / 1 GiB page */
#define EPT_A (1ull << 8)          /* accessed, with EPTP bit 6 */
#define EPT_D (1ull << 9)          /* dirty (leaf), with EPTP bit 6 */
#define EPT_UX (1ull << 10)        /* user-mode execute, with MBEC */

/* SDM 25.6.11, the EPT pointer */
#define EPTP_MT_MASK 0x7ull        /* paging-structure memory type */
#define EPTP_WALK_SHIFT 3          /* bits 5:3: walk length - 1 */
#define EPTP_WALK_MASK (7ull << EPTP_WALK_SHIFT)
#define EPTP_AD (1ull << 6)        /* accessed and dirty flags */
#define EPTP_SSS (1ull << 7)       /* supervisor shadow-stack */
#define EPTP_RESERVED 0xf00ull     /* bits 11:8 */

/* SDM 11.3 memory types */
enum { MT_UC = 0, MT_WC = 1, MT_WT = 4, MT_WP = 5, MT_WB = 6 };

/* Levels as the SDM counts them: 1 maps 4 KiB, 4 is the PML4. */
#define EPT_LEVEL_MAX 5
const char *ept_level_name(int level);       /* "PTE", "PDE", ... "PML5E" */
bool ept_level_by_name(const char *s, int *level); /* names or 1..5 */
unsigned ept_index(uint64_t gpa, int level);
uint64_t ept_page_size(int level);           /* 4 KiB, 2 MiB, 1 GiB */
bool ept_is_present(uint64_t e, bool mbec);  /* any of R, W, X (UX with MBEC) */
bool ept_is_leaf(uint64_t e, int level);
/* Bits maxphy-1..12 (tables) or maxphy-1..log2(page size) (leaves). */
uint64_t ept_entry_addr(uint64_t e, int level, unsigned maxphy);

/* "UC", "WC", "WT", "WP", "WB", or "reserved(N)". */
const char *ept_mt_name(unsigned mt);
bool ept_mt_parse(const char *s, unsigned *mt);
/* "rwx", "r--", "-w-" from bits 2:0. */
void ept_perm_string(uint64_t e, char out[4]);
/* Accepts letters of "rwx" in any order or '-' for none: "rw", "r-x", "-". */
bool ept_perm_parse(const char *s, uint64_t *perm);

/* A leaf entry mapping hpa at level (1: 4 KiB, 2: 2 MiB, 3: 1 GiB). */
uint64_t ept_leaf(uint64_t hpa, int level, uint64_t perm, unsigned mt, bool ipat);

/* What the capability MSR offers that the checks depend on. */
struct ept_caps {
	bool execute_only; /* IA32_VMX_EPT_VPID_CAP bit 0 */
	bool page_1g;      /* bit 17 */
	bool mbec;         /* mode-based execute control in use */
	unsigned maxphy;   /* CPUID.80000008H:EAX[7:0] */
};
/* SDM 29.3.3.1: why entry e at level is an EPT misconfiguration, or NULL. */
const char *ept_misconfig(uint64_t e, int level, const struct ept_caps *c);

/* "rwx WB ipat 2M accessed dirty -> page 0x..." or "rw- -> table 0x...". */
int ept_entry_describe(uint64_t e, int level, const struct ept_caps *c, char *buf, size_t size);
/* "PML4 0x... walk 4 WB accessed/dirty on". */
int eptp_describe(uint64_t eptp, unsigned maxphy, char *buf, size_t size);
/* The walk length (4 or 5) of eptp, or 0 for a length EPT cannot have. */
int eptp_levels(uint64_t eptp);

/* A walk through the EPT (SDM 29.3.2). */
enum ept_walk_end {
	WALK_MAPPED,        /* hpa is the translation */
	WALK_NOT_PRESENT,   /* the entry at level is not present */
	WALK_MISCONFIG,     /* the entry at level is misconfigured: why */
	WALK_UNREADABLE,    /* the table at level could not be read */
	WALK_BAD_EPTP,      /* the EPTP's walk length is not 4 or 5 */
};
struct ept_walk {
	enum ept_walk_end end;
	int top, level;             /* the first level and the last one reached */
	uint64_t entry[EPT_LEVEL_MAX + 1], entry_pa[EPT_LEVEL_MAX + 1];
	uint64_t perm;              /* R/W/X of every level ANDed */
	uint64_t hpa;
	const char *why;
};
typedef bool (*ept_read_fn)(void *ctx, uint64_t pa, uint64_t *val);
void ept_walk(uint64_t eptp, uint64_t gpa, const struct ept_caps *c, ept_read_fn rd, void *ctx,
	      struct ept_walk *w);
#endif
