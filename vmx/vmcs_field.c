/* The VMCS field table and its lookups. See vmcs_field.h. */
#include "vmcs_field.h"

#include "../monitor/parse.h"
#include "../monitor/printf.h"
#include "../monitor/string.h"

static const struct vmcs_field vmcs_fields[] = {
#define FIELD(name, enc, desc) { #name, enc, desc },
#include "vmcs_fields.def"
#undef FIELD
};

#define VMCS_FIELD_COUNT (sizeof(vmcs_fields) / sizeof(vmcs_fields[0]))

/* An alias names its field by the enum constant, so a misspelt field
 * name in vmcs_aliases.def does not compile. */
struct vmcs_alias {
	const char *alias;
	uint32_t encoding;
};

static const struct vmcs_alias vmcs_aliases[] = {
#define ALIAS(field, alias) { #alias, field },
#include "vmcs_aliases.def"
#undef ALIAS
};

#define VMCS_ALIAS_COUNT (sizeof(vmcs_aliases) / sizeof(vmcs_aliases[0]))

static const char *const width_names[] = {
	[VMCS_WIDTH_16] = "16-bit",
	[VMCS_WIDTH_64] = "64-bit",
	[VMCS_WIDTH_32] = "32-bit",
	[VMCS_WIDTH_NATURAL] = "natural",
};

static const char *const type_names[VMCS_TYPE_COUNT] = {
	[VMCS_TYPE_CONTROL] = "control",
	[VMCS_TYPE_EXIT_INFO] = "exit-info",
	[VMCS_TYPE_GUEST] = "guest",
	[VMCS_TYPE_HOST] = "host",
};

bool vmcs_enc_well_formed(uint32_t enc)
{
	if (enc & VMCS_ENC_RESERVED)
		return false;
	/* SDM 25.11.2: only 64-bit fields have a high access type. */
	return !vmcs_enc_is_high(enc) || vmcs_enc_width(enc) == VMCS_WIDTH_64;
}

const char *vmcs_width_name(enum vmcs_width w)
{
	return width_names[w & 3];
}

const char *vmcs_type_name(enum vmcs_type t)
{
	return type_names[t & 3];
}

const char *vmcs_access_name(uint32_t enc)
{
	return vmcs_enc_read_only(enc) ? "ro" : "rw";
}

const char *vmcs_enc_group(uint32_t enc)
{
	return vmcs_type_name(vmcs_enc_type(enc));
}

bool vmcs_group_parse(const char *s, enum vmcs_type *out)
{
	for (int t = 0; t < VMCS_TYPE_COUNT; t++) {
		if (strcasecmp(s, type_names[t]) == 0) {
			*out = (enum vmcs_type)t;
			return true;
		}
	}
	if (strcasecmp(s, "exit") == 0) {
		*out = VMCS_TYPE_EXIT_INFO;
		return true;
	}
	return false;
}

size_t vmcs_field_count(void)
{
	return VMCS_FIELD_COUNT;
}

const struct vmcs_field *vmcs_field_at(size_t i)
{
	return i < VMCS_FIELD_COUNT ? &vmcs_fields[i] : NULL;
}

const struct vmcs_field *vmcs_field_by_encoding(uint32_t enc)
{
	for (size_t i = 0; i < VMCS_FIELD_COUNT; i++) {
		if (vmcs_fields[i].encoding == enc)
			return &vmcs_fields[i];
	}
	return NULL;
}

const struct vmcs_field *vmcs_field_by_name(const char *name)
{
	for (size_t i = 0; i < VMCS_FIELD_COUNT; i++) {
		if (strcasecmp(name, vmcs_fields[i].name) == 0)
			return &vmcs_fields[i];
	}
	for (size_t i = 0; i < VMCS_ALIAS_COUNT; i++) {
		if (strcasecmp(name, vmcs_aliases[i].alias) == 0)
			return vmcs_field_by_encoding(vmcs_aliases[i].encoding);
	}
	return NULL;
}

size_t vmcs_alias_count(void)
{
	return VMCS_ALIAS_COUNT;
}

const char *vmcs_alias_at(size_t i, const struct vmcs_field **field)
{
	if (i >= VMCS_ALIAS_COUNT)
		return NULL;
	if (field)
		*field = vmcs_field_by_encoding(vmcs_aliases[i].encoding);
	return vmcs_aliases[i].alias;
}

enum vmcs_parse vmcs_field_parse(const char *s, struct vmcs_field *out)
{
	const struct vmcs_field *f = vmcs_field_by_name(s);
	uint32_t enc;

	if (!f) {
		if (!parse_u32(s, &enc))
			return VMCS_PARSE_BAD;
		f = vmcs_field_by_encoding(enc);
		if (!f) {
			out->name = NULL;
			out->encoding = enc;
			out->desc = "raw encoding, not in the field table";
			return VMCS_PARSE_RAW;
		}
	}
	*out = *f;
	return VMCS_PARSE_KNOWN;
}

const char *vmcs_field_label(const struct vmcs_field *f, char *buf,
			     size_t size)
{
	if (f->name)
		return f->name;
	fmt_snprintf(buf, size, "0x%04x", (unsigned)f->encoding);
	return buf;
}

void vmcs_field_complete(const char *prefix, vmx_name_fn add, void *ctx)
{
	size_t n = strlen(prefix);

	for (size_t i = 0; i < VMCS_FIELD_COUNT; i++) {
		if (strncasecmp(prefix, vmcs_fields[i].name, n) == 0)
			add(ctx, vmcs_fields[i].name);
	}
	for (size_t i = 0; i < VMCS_ALIAS_COUNT; i++) {
		if (strncasecmp(prefix, vmcs_aliases[i].alias, n) == 0)
			add(ctx, vmcs_aliases[i].alias);
	}
}
