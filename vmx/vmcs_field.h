/* VMCS fields: the table of vmcs_fields.def and what follows from an encoding.
 *
 * Width, type, access and group are derived from the encoding bits, never
 * stored (SDM Vol. 3C 25.11.2, "VMREAD, VMWRITE, and Encodings of VMCS
 * Fields"):
 *
 *   bit  0      access type: 0 full, 1 high (upper 32 bits of a 64-bit field)
 *   bits 9:1    index
 *   bits 11:10  type: 0 control, 1 VM-exit information, 2 guest state, 3 host
 *   bit  12     reserved (0)
 *   bits 14:13  width: 0 16-bit, 1 64-bit, 2 32-bit, 3 natural width
 *   bits 31:15  reserved (0)
 *
 * Pure code: prints nothing; freestanding or host (-DHOST_TEST).
 */
#ifndef VMX_VMCS_FIELD_H
#define VMX_VMCS_FIELD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "callback.h"

/* Linux's enum vmcs_field: every FIELD() name as its encoding. */
enum vmcs_field_encoding {
#define FIELD(name, enc, desc) name = enc,
#include "vmcs_fields.def"
#undef FIELD
};


enum vmcs_width { /* bits 14:13 */
	VMCS_WIDTH_16 = 0,
	VMCS_WIDTH_64 = 1,
	VMCS_WIDTH_32 = 2,
	VMCS_WIDTH_NATURAL = 3,
};

enum vmcs_type { /* bits 11:10 */
	VMCS_TYPE_CONTROL = 0,
	VMCS_TYPE_EXIT_INFO = 1, /* "VM-exit information", read-only */
	VMCS_TYPE_GUEST = 2,
	VMCS_TYPE_HOST = 3,
};
#define VMCS_TYPE_COUNT 4

#define VMCS_ENC_ACCESS_HIGH 0x1u
#define VMCS_ENC_INDEX_SHIFT 1
#define VMCS_ENC_INDEX_MASK 0x1ffu
#define VMCS_ENC_TYPE_SHIFT 10
#define VMCS_ENC_WIDTH_SHIFT 13
#define VMCS_ENC_RESERVED 0xffff9000u /* bits 31:15 and 12 */

static inline enum vmcs_width vmcs_enc_width(uint32_t enc)
{
	return (enum vmcs_width)((enc >> VMCS_ENC_WIDTH_SHIFT) & 3);
}

static inline enum vmcs_type vmcs_enc_type(uint32_t enc)
{
	return (enum vmcs_type)((enc >> VMCS_ENC_TYPE_SHIFT) & 3);
}

static inline unsigned vmcs_enc_index(uint32_t enc)
{
	return (enc >> VMCS_ENC_INDEX_SHIFT) & VMCS_ENC_INDEX_MASK;
}

/* The high half of a 64-bit field (access type 1). */
static inline bool vmcs_enc_is_high(uint32_t enc)
{
	return (enc & VMCS_ENC_ACCESS_HIGH) != 0;
}

/* VM-exit information fields are read-only; VMWRITE to them fails with
 * VM-instruction error 13 unless IA32_VMX_MISC bit 29 is set (SDM A.6). */
static inline bool vmcs_enc_read_only(uint32_t enc)
{
	return vmcs_enc_type(enc) == VMCS_TYPE_EXIT_INFO;
}

/* Reserved bits clear, and the high access type only on a 64-bit field. */
bool vmcs_enc_well_formed(uint32_t enc);

const char *vmcs_width_name(enum vmcs_width w); /* "16-bit" ... "natural" */
const char *vmcs_type_name(enum vmcs_type t);   /* "control", "exit-info", "guest", "host" */
const char *vmcs_access_name(uint32_t enc);     /* "ro" or "rw" */
/* The group a dump shows the field in: its type's name. */
const char *vmcs_enc_group(uint32_t enc);
/* A group name for `vmcs dump GROUP`: a type name, or "exit"; any case. */
bool vmcs_group_parse(const char *s, enum vmcs_type *out);

struct vmcs_field {
	const char *name; /* Linux name; NULL for a raw encoding */
	uint32_t encoding;
	const char *desc;
};

/* The table, in vmcs_fields.def order. */
size_t vmcs_field_count(void);
const struct vmcs_field *vmcs_field_at(size_t i); /* NULL past the end */

/* Case-insensitive; aliases give the field they stand for. NULL if none. */
const struct vmcs_field *vmcs_field_by_name(const char *name);
const struct vmcs_field *vmcs_field_by_encoding(uint32_t enc);

/* The aliases of vmcs_aliases.def: name of alias i, and its field. */
size_t vmcs_alias_count(void);
const char *vmcs_alias_at(size_t i, const struct vmcs_field **field);

enum vmcs_parse {
	VMCS_PARSE_BAD = 0, /* not a field name, alias or number */
	VMCS_PARSE_KNOWN,   /* a name, alias or encoding in the table */
	VMCS_PARSE_RAW,     /* a number that fits 32 bits, not in the table */
};

/* What a user typed for FIELD: a name, an alias, or an encoding ("0x681e"
 * or decimal). A raw encoding is usable even when it is not in the table,
 * or malformed, so that the L0's VMfailValid(12) can be seen; out->name is
 * then NULL. */
enum vmcs_parse vmcs_field_parse(const char *s, struct vmcs_field *out);

/* The field's name, or its encoding as "0x%04x" for a raw one. */
const char *vmcs_field_label(const struct vmcs_field *f, char *buf,
			     size_t size);

/* Calls add for every field name and alias starting with prefix (any case),
 * in table order. */
void vmcs_field_complete(const char *prefix, vmx_name_fn add, void *ctx);
#endif
