/* gen-cmd-docs: writes docs/commands.md from the command registry of a
 * built image, so the reference can never drift from the code.
 *
 *   gen-cmd-docs build/nestmon.elf > docs/commands.md
 *
 * The registry is the ELF section .cmdtab: an array of struct cmd (see
 * monitor/cmd.h), sorted by name. The target is x86-64 like the host, so
 * the layout is read with offsetof() from that very header: a change of
 * struct cmd changes this program with it. The image is static and
 * identity-mapped, so a pointer is a virtual address that the PT_LOAD
 * program headers turn into a file offset.
 *
 * It also checks each entry's argument counts against its usage string:
 * min_args is the number of words outside brackets, and max_args is
 * CMD_ARGS_ANY exactly when the usage ends in "...". */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/cmd.h"

#define CMD_ENTRY_SIZE sizeof(struct cmd)
#define AT(p, type, field) ((p) + offsetof(type, field))

struct image {
	const char *path;
	unsigned char *data;
	size_t size;
	const Elf64_Ehdr *eh;
};

struct entry {
	const char *name, *usage, *summary, *help;
	const char *need; /* what the command needs, or "" */
	int min_args, max_args;
	int complete; /* has an argument completer */
};

static const char *progname = "gen-cmd-docs";

static void die(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: error: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void read_file(struct image *im, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("%s: %s", path, strerror(errno));
	im->path = path;
	im->size = 0;
	im->data = NULL;
	size_t cap = 0, n;
	do {
		if (im->size == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			im->data = realloc(im->data, cap);
			if (!im->data)
				die("%s: out of memory", path);
		}
		n = fread(im->data + im->size, 1, cap - im->size, f);
		im->size += n;
	} while (n > 0);
	if (ferror(f))
		die("%s: read error", path);
	fclose(f);
}

/* True when [off, off+len) lies inside the file. */
static int in_file(const struct image *im, uint64_t off, uint64_t len)
{
	return off <= im->size && len <= im->size - off;
}

static void check_elf(struct image *im)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)im->data;
	if (im->size < EI_NIDENT || memcmp(im->data, ELFMAG, SELFMAG))
		die("%s: not an ELF file", im->path);
	if (im->size < sizeof(*eh))
		die("%s: truncated ELF header", im->path);
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_X86_64)
		die("%s: not a little-endian ELF64 x86-64 file", im->path);
	if (eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    !in_file(im, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr)))
		die("%s: bad section header table", im->path);
	if (eh->e_phentsize != sizeof(Elf64_Phdr) ||
	    !in_file(im, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr)))
		die("%s: bad program header table", im->path);
	im->eh = eh;
}

static const Elf64_Shdr *section(const struct image *im, unsigned i)
{
	return (const Elf64_Shdr *)(im->data + im->eh->e_shoff) + i;
}

static const Elf64_Shdr *find_section(const struct image *im, const char *want)
{
	unsigned shnum = im->eh->e_shnum, strndx = im->eh->e_shstrndx;
	if (shnum == 0)
		die("%s: no section headers", im->path);
	if (strndx == SHN_XINDEX)
		strndx = section(im, 0)->sh_link;
	if (strndx >= shnum)
		die("%s: bad section name table index", im->path);
	const Elf64_Shdr *names = section(im, strndx);
	if (!in_file(im, names->sh_offset, names->sh_size))
		die("%s: section name table outside the file", im->path);
	const char *tab = (const char *)im->data + names->sh_offset;
	for (unsigned i = 0; i < shnum; i++) {
		uint64_t n = section(im, i)->sh_name;
		if (n < names->sh_size &&
		    !strncmp(tab + n, want, names->sh_size - n) &&
		    strlen(want) < names->sh_size - n)
			return section(im, i);
	}
	return NULL;
}

/* The bytes at virtual address va, with *room set to what the segment
 * holds from there; NULL when va is in no loaded segment. */
static const unsigned char *bytes_at(const struct image *im, uint64_t va,
				     uint64_t *room)
{
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(im->data + im->eh->e_phoff);
	for (unsigned i = 0; i < im->eh->e_phnum; i++, ph++) {
		if (ph->p_type != PT_LOAD || va < ph->p_vaddr ||
		    va - ph->p_vaddr >= ph->p_filesz)
			continue;
		uint64_t off = ph->p_offset + (va - ph->p_vaddr);
		uint64_t end = ph->p_offset + ph->p_filesz;
		if (end > im->size)
			end = im->size;
		if (off >= end)
			return NULL;
		*room = end - off;
		return im->data + off;
	}
	return NULL;
}

/* The string at virtual address va, or "" for NULL. */
static const char *string_at(const struct image *im, uint64_t va,
			     const char *what, size_t idx)
{
	uint64_t room;
	if (!va)
		return "";
	const char *s = (const char *)bytes_at(im, va, &room);
	if (s && memchr(s, 0, room))
		return s;
	die("%s: .cmdtab entry %zu: %s pointer %#llx is not a string in a "
	    "loaded segment", im->path, idx, what, (unsigned long long)va);
	return NULL;
}

static uint64_t le64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static int le32s(const unsigned char *p)
{
	return (int32_t)(p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24);
}

/* The `what` of the struct cmd_need at va (the command's need), or "". */
static const char *need_at(const struct image *im, uint64_t va, size_t idx)
{
	uint64_t room;
	if (!va)
		return "";
	const unsigned char *p = bytes_at(im, va, &room);
	if (!p || room < sizeof(struct cmd_need))
		die("%s: .cmdtab entry %zu: need pointer %#llx is not in a loaded "
		    "segment", im->path, idx, (unsigned long long)va);
	return string_at(im, le64(AT(p, struct cmd_need, what)), "need", idx);
}

static struct entry *read_cmdtab(const struct image *im, size_t *count)
{
	const Elf64_Shdr *sh = find_section(im, ".cmdtab");
	if (!sh)
		die("%s: no .cmdtab section (is this a nestmon image?)", im->path);
	if (sh->sh_type == SHT_NOBITS || !in_file(im, sh->sh_offset, sh->sh_size))
		die("%s: .cmdtab has no contents in the file", im->path);
	if (sh->sh_size % CMD_ENTRY_SIZE)
		die("%s: .cmdtab is %llu bytes, not a multiple of %zu (is the image "
		    "older than monitor/cmd.h? run make)", im->path,
		    (unsigned long long)sh->sh_size, CMD_ENTRY_SIZE);
	*count = sh->sh_size / CMD_ENTRY_SIZE;
	if (!*count)
		die("%s: .cmdtab is empty", im->path);
	struct entry *e = calloc(*count, sizeof(*e));
	if (!e)
		die("out of memory");
	for (size_t i = 0; i < *count; i++) {
		const unsigned char *p =
			im->data + sh->sh_offset + i * CMD_ENTRY_SIZE;
		e[i].name = string_at(im, le64(AT(p, struct cmd, name)), "name", i);
		e[i].usage = string_at(im, le64(AT(p, struct cmd, usage)), "usage", i);
		e[i].summary = string_at(im, le64(AT(p, struct cmd, summary)), "summary", i);
		e[i].help = string_at(im, le64(AT(p, struct cmd, help)), "help", i);
		e[i].complete = le64(AT(p, struct cmd, complete)) != 0;
		e[i].need = need_at(im, le64(AT(p, struct cmd, need)), i);
		e[i].min_args = le32s(AT(p, struct cmd, min_args));
		e[i].max_args = le32s(AT(p, struct cmd, max_args));
		if (!*e[i].name)
			die("%s: .cmdtab entry %zu has no name", im->path, i);
	}
	return e;
}

/* The shell's lookup and completion assume the table is sorted by name. */
static void check_sorted(const struct entry *e, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (strcmp(e[i - 1].name, e[i].name) >= 0)
			fprintf(stderr, "%s: warning: .cmdtab is not sorted by name: "
				"'%s' comes before '%s' (check the CMD ids)\n",
				progname, e[i - 1].name, e[i].name);
}

/* The argument counts the dispatcher checks must agree with the usage that
 * help and these docs show: min_args is the number of its words outside
 * brackets, max_args is CMD_ARGS_ANY exactly when it ends in "...", and
 * otherwise covers every word. */
static void check_args(const struct entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *u = e[i].usage;
		size_t len = strlen(u);
		int depth = 0, words = 0, required = 0;
		int any = len >= 3 && !strcmp(u + len - 3, "...");
		for (const char *p = u; *p; p++) {
			if (!strchr(" []", *p) && (p == u || strchr(" [", p[-1]))) {
				words++;
				required += depth == 0;
			}
			depth += (*p == '[') - (*p == ']');
		}
		if (e[i].min_args != required || any != (e[i].max_args == CMD_ARGS_ANY) ||
		    (!any && e[i].max_args < words))
			die("%s: CMD() of '%s' takes %d..%d arguments, but its usage '%s' "
			    "says %d..%s", progname, e[i].name, e[i].min_args, e[i].max_args,
			    u, required, any ? "any" : "at least the words shown");
	}
}

/* ---- Markdown output ---------------------------------------------------- */

static int isalnum_ascii(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static int longest_backtick_run(const char *s)
{
	int run = 0, best = 0;
	for (; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

static void put_ticks(int n)
{
	while (n-- > 0)
		putchar('`');
}

/* Text in a paragraph or a table cell: backslash-escapes what Markdown would
 * take as markup; in a table also '|', and newlines become blanks. An
 * intraword '_' is left alone, so GUEST_RIP stays readable. */
static void put_text(const char *s, int in_table)
{
	for (const char *p = s; *p; p++) {
		int c = (unsigned char)*p;
		int esc = strchr("\\`*[]<>", c) || (in_table && c == '|');
		if (c == '_')
			esc = p == s || !isalnum_ascii(p[-1]) || !isalnum_ascii(p[1]);
		if ((p == s || p[-1] == '\n') && strchr("#+-=>", c))
			esc = 1; /* would start a heading, a list or a quote */
		if (c == '\n' && in_table) {
			putchar(' ');
			continue;
		}
		if (esc)
			putchar('\\');
		putchar(c);
	}
}

/* A code span holding s exactly; in a table '|' is escaped, which GitHub
 * undoes inside code spans too. */
static void put_code(const char *s, int in_table)
{
	int ticks = longest_backtick_run(s) + 1;
	int pad = *s == '`' || (*s && s[strlen(s) - 1] == '`');
	put_ticks(ticks);
	if (pad)
		putchar(' ');
	for (const char *p = s; *p; p++) {
		if (*p == '|' && in_table)
			putchar('\\');
		putchar(*p == '\n' ? ' ' : *p);
	}
	if (pad)
		putchar(' ');
	put_ticks(ticks);
}

/* The command with its arguments: "mem read ADDR [LEN]". */
static void put_invocation(const struct entry *e, int in_table)
{
	size_t n = strlen(e->name) + 1 + strlen(e->usage) + 1;
	char *s = malloc(n);
	if (!s)
		die("out of memory");
	snprintf(s, n, "%s%s%s", e->name, *e->usage ? " " : "", e->usage);
	put_code(s, in_table);
	free(s);
}

/* GitHub's heading anchor: lower case, blanks to '-', other punctuation
 * dropped. */
static void put_anchor(const char *name)
{
	putchar('#');
	for (const char *p = name; *p; p++) {
		int c = (unsigned char)*p;
		if (c == ' ')
			putchar('-');
		else if (isalnum_ascii(c) || c == '-' || c == '_')
			putchar(c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c);
	}
}

static void put_table(const struct entry *e, size_t n)
{
	puts("| command | usage | needs | summary |");
	puts("|---|---|---|---|");
	for (size_t i = 0; i < n; i++) {
		fputs("| [", stdout);
		put_code(e[i].name, 1);
		fputs("](", stdout);
		put_anchor(e[i].name);
		fputs(") | ", stdout);
		if (*e[i].usage)
			put_code(e[i].usage, 1);
		fputs(" | ", stdout);
		put_text(e[i].need, 1);
		fputs(" | ", stdout);
		put_text(e[i].summary, 1);
		puts(" |");
	}
}

static void put_section(const struct entry *e)
{
	fputs("\n## ", stdout);
	put_text(e->name, 0);
	fputs("\n\n", stdout);
	put_invocation(e, 0);
	putchar('\n');
	if (*e->summary) {
		putchar('\n');
		put_text(e->summary, 0);
		putchar('\n');
	}
	if (*e->need) {
		fputs("\nNeeds ", stdout);
		put_text(e->need, 0);
		puts(".");
	}
	if (*e->help) {
		int fence = longest_backtick_run(e->help) + 1;
		fence = fence < 3 ? 3 : fence;
		putchar('\n');
		put_ticks(fence);
		puts("text");
		fputs(e->help, stdout);
		if (e->help[strlen(e->help) - 1] != '\n')
			putchar('\n');
		put_ticks(fence);
		putchar('\n');
	}
}

int main(int argc, char **argv)
{
	struct image im;
	size_t n;
	if (argc != 2) {
		fprintf(stderr, "usage: %s build/nestmon.elf > docs/commands.md\n",
			progname);
		return 2;
	}
	read_file(&im, argv[1]);
	check_elf(&im);
	struct entry *e = read_cmdtab(&im, &n);
	check_sorted(e, n);
	check_args(e, n);

	puts("<!-- Generated by `make docs` (tools/gen-cmd-docs.c) from the command "
	     "registry in build/nestmon.elf. Do not edit by hand: change the "
	     "command's CMD() entry and run `make docs`. -->");
	puts("# nestmon commands\n");
	puts("Every command of the `vmm> ` shell, as `help` lists them. Numbers are "
	     "decimal or `0x`-prefixed hex; `help CMD` at the prompt shows the "
	     "same text as the sections below. Before a command runs, the shell "
	     "checks its number of arguments (else it prints the usage) and what "
	     "it needs (else it prints why it cannot run), each as one `error: ` "
	     "line.\n");
	put_table(e, n);
	for (size_t i = 0; i < n; i++)
		put_section(&e[i]);

	free(e);
	free(im.data);
	if (fflush(stdout) || ferror(stdout))
		die("writing the output: %s", strerror(errno));
	return 0;
}
