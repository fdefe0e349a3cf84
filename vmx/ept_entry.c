/* EPT entries as data: see ept_entry.h. */
#include "ept_entry.h"
#include "../monitor/strbuf.h"
#include "../monitor/string.h"
#include "../monitor/parse.h"

#define PAGE_SHIFT 12
#define LEVEL_BITS 9
#define INDEX_MASK 0x1ffull
#define ADDR_TOP 52                /* bits 51:M are reserved, 63:52 ignored */
#define PML4E_RESERVED 0xf8ull     /* bits 7:3 */
#define TABLE_RESERVED 0x78ull     /* PDPTE/PDE pointing to a table: bits 6:3 */
#define EPTP_ADDR_LOW 12

static const char *const level_names[EPT_LEVEL_MAX + 1] = {
	"?", "PTE", "PDE", "PDPTE", "PML4E", "PML5E",
};

const char *ept_level_name(int level)
{
	return level >= 1 && level <= EPT_LEVEL_MAX ? level_names[level] : "?";
}

bool ept_level_by_name(const char *s, int *level)
{
	uint64_t n;
	for (int i = 1; i <= EPT_LEVEL_MAX; i++)
		if (!strcasecmp(s, level_names[i])) {
			*level = i;
			return true;
		}
	if (!parse_u64(s, &n) || n < 1 || n > EPT_LEVEL_MAX)
		return false;
	*level = (int)n;
	return true;
}

unsigned ept_index(uint64_t gpa, int level)
{
	return (unsigned)((gpa >> (PAGE_SHIFT + LEVEL_BITS * (level - 1))) & INDEX_MASK);
}

uint64_t ept_page_size(int level)
{
	return 1ull << (PAGE_SHIFT + LEVEL_BITS * (level - 1));
}

bool ept_is_present(uint64_t e, bool mbec)
{
	return (e & EPT_RWX) || (mbec && (e & EPT_UX));
}

bool ept_is_leaf(uint64_t e, int level)
{
	return level == 1 || ((level == 2 || level == 3) && (e & EPT_LARGE));
}

static uint64_t bits(unsigned lo, unsigned hi_excl)
{
	return hi_excl <= lo ? 0 : ((hi_excl >= 64 ? 0 : 1ull << hi_excl) - (1ull << lo));
}

uint64_t ept_entry_addr(uint64_t e, int level, unsigned maxphy)
{
	unsigned lo = ept_is_leaf(e, level) ? PAGE_SHIFT + LEVEL_BITS * (level - 1) : PAGE_SHIFT;
	return e & bits(lo, maxphy);
}

const char *ept_mt_name(unsigned mt)
{
	static const char *const names[8] = {
		"UC", "WC", "reserved(2)", "reserved(3)", "WT", "WP", "WB", "reserved(7)",
	};
	return names[mt & 7];
}

bool ept_mt_parse(const char *s, unsigned *mt)
{
	static const char *const names[] = { "uc", "wc", "", "", "wt", "wp", "wb" };
	uint64_t n;
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (*names[i] && !strcasecmp(s, names[i])) {
			*mt = i;
			return true;
		}
	if (!strncasecmp(s, "mt=", 3) && parse_u64(s + 3, &n) && n < 8) {
		*mt = (unsigned)n;
		return true;
	}
	return false;
}

void ept_perm_string(uint64_t e, char out[4])
{
	out[0] = e & EPT_R ? 'r' : '-';
	out[1] = e & EPT_W ? 'w' : '-';
	out[2] = e & EPT_X ? 'x' : '-';
	out[3] = 0;
}

bool ept_perm_parse(const char *s, uint64_t *perm)
{
	uint64_t p = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		uint64_t b = *s == 'r' ? EPT_R : *s == 'w' ? EPT_W : *s == 'x' ? EPT_X : 0;
		if (*s != '-' && (!b || (p & b)))
			return false;
		p |= b;
	}
	*perm = p;
	return true;
}

uint64_t ept_leaf(uint64_t hpa, int level, uint64_t perm, unsigned mt, bool ipat)
{
	return hpa | (perm & EPT_RWX) | ((uint64_t)(mt & 7) << EPT_MT_SHIFT) | (ipat ? EPT_IPAT : 0) |
	       (level > 1 ? EPT_LARGE : 0);
}

/* The reserved bits of entry e at level (SDM 29.3.2, the EPT entry tables). */
static uint64_t reserved_bits(uint64_t e, int level, const struct ept_caps *c)
{
	uint64_t r = bits(c->maxphy, ADDR_TOP);
	if (level >= 4)
		return r | PML4E_RESERVED;
	if (level == 3 && (e & EPT_LARGE) && !c->page_1g)
		return r | EPT_LARGE; /* 1-GByte pages not offered */
	if (!ept_is_leaf(e, level))
		return r | TABLE_RESERVED;
	if (level > 1)
		r |= bits(PAGE_SHIFT, PAGE_SHIFT + LEVEL_BITS * (level - 1));
	return r;
}

const char *ept_misconfig(uint64_t e, int level, const struct ept_caps *c)
{
	unsigned mt = (unsigned)((e & EPT_MT_MASK) >> EPT_MT_SHIFT);
	if ((e & (EPT_R | EPT_W)) == EPT_W)
		return "write without read";
	if ((e & EPT_RWX) == EPT_X && !c->execute_only)
		return "execute-only, which the CPU does not offer";
	if (!ept_is_present(e, c->mbec))
		return NULL;
	if (e & reserved_bits(e, level, c))
		return "reserved bits set";
	if (ept_is_leaf(e, level) && (mt == 2 || mt == 3 || mt == 7))
		return "reserved memory type";
	return NULL;
}

int ept_entry_describe(uint64_t e, int level, const struct ept_caps *c, char *buf, size_t size)
{
	struct strbuf sb;
	char p[4];
	strbuf_init(&sb, buf, size);
	if (!ept_is_present(e, c->mbec)) {
		strbuf_add(&sb, "not present");
		return (int)sb.len;
	}
	ept_perm_string(e, p);
	strbuf_add(&sb, "%s%s", p, c->mbec && (e & EPT_UX) ? " ux" : "");
	bool leaf = ept_is_leaf(e, level);
	if (leaf)
		strbuf_add(&sb, " %s%s", ept_mt_name((unsigned)(e >> EPT_MT_SHIFT)), e & EPT_IPAT ? " ipat" : "");
	if (leaf && level > 1)
		strbuf_add(&sb, " %s-page", level == 2 ? "2M" : "1G");
	strbuf_add(&sb, "%s%s", e & EPT_A ? " accessed" : "", leaf && (e & EPT_D) ? " dirty" : "");
	strbuf_add(&sb, " -> %s 0x%016llx", leaf ? "page" : "table",
		   (unsigned long long)ept_entry_addr(e, level, c->maxphy));
	return (int)sb.len;
}

int eptp_levels(uint64_t eptp)
{
	int n = (int)((eptp & EPTP_WALK_MASK) >> EPTP_WALK_SHIFT) + 1;
	return n == 4 || n == 5 ? n : 0;
}

int eptp_describe(uint64_t eptp, unsigned maxphy, char *buf, size_t size)
{
	struct strbuf sb;
	strbuf_init(&sb, buf, size);
	strbuf_add(&sb, "PML%d 0x%016llx walk %llu %s accessed/dirty %s",
		   eptp_levels(eptp) == 5 ? 5 : 4, (unsigned long long)(eptp & bits(EPTP_ADDR_LOW, maxphy)),
		   (unsigned long long)((eptp & EPTP_WALK_MASK) >> EPTP_WALK_SHIFT) + 1,
		   ept_mt_name((unsigned)(eptp & EPTP_MT_MASK)), eptp & EPTP_AD ? "on" : "off");
	if (eptp & EPTP_SSS)
		strbuf_add(&sb, " shadow-stack");
	if (eptp & (EPTP_RESERVED | bits(maxphy, 64)))
		strbuf_add(&sb, " reserved 0x%llx",
			   (unsigned long long)(eptp & (EPTP_RESERVED | bits(maxphy, 64))));
	return (int)sb.len;
}

void ept_walk(uint64_t eptp, uint64_t gpa, const struct ept_caps *c, ept_read_fn rd, void *ctx,
	      struct ept_walk *w)
{
	memset(w, 0, sizeof(*w));
	w->perm = EPT_RWX;
	w->top = w->level = eptp_levels(eptp);
	if (!w->top) {
		w->end = WALK_BAD_EPTP;
		return;
	}
	uint64_t table = eptp & bits(EPTP_ADDR_LOW, c->maxphy);
	for (int l = w->top; l >= 1; l--) {
		uint64_t pa = table + ept_index(gpa, l) * sizeof(uint64_t), e;
		w->level = l;
		w->entry_pa[l] = pa;
		if (!rd(ctx, pa, &e)) {
			w->end = WALK_UNREADABLE;
			return;
		}
		w->entry[l] = e;
		if ((w->why = ept_misconfig(e, l, c))) {
			w->end = WALK_MISCONFIG;
			return;
		}
		if (!ept_is_present(e, c->mbec)) {
			w->end = WALK_NOT_PRESENT;
			return;
		}
		w->perm &= e & EPT_RWX;
		if (ept_is_leaf(e, l)) {
			w->hpa = ept_entry_addr(e, l, c->maxphy) | (gpa & (ept_page_size(l) - 1));
			w->end = WALK_MAPPED;
			return;
		}
		table = ept_entry_addr(e, l, c->maxphy);
	}
}
