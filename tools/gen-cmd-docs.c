/* gen-cmd-docs: writes docs/commands.md from the command registry of a
 * built image, so the reference can never drift from the code.
 *
 *   gen-cmd-docs build/nestmon.elf > docs/commands.md
 *
 * The registry is the ELF section .cmdtab: an array of struct cmd (see
 * monitor/cmd.h), six 8-byte pointers per entry, sorted by name. The image
 * is static and identity-mapped, so a pointer is a virtual address that the
 * PT_LOAD program headers turn into a file offset. */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* struct cmd as the target lays it out: name, usage, summary, help, fn,
 * complete. Only the four strings are read. */
enum { CMD_NAME, CMD_USAGE, CMD_SUMMARY, CMD_HELP, CMD_FN, CMD_COMPLETE,
       CMD_FIELDS };
#define CMD_ENTRY_SIZE (CMD_FIELDS * 8)

struct image {
	const char *path;
	unsigned char *data;
	size_t size;
	const Elf64_Ehdr *eh;
};

struct entry {
	const char *name, *usage, *summary, *help;
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

/* The string at virtual address va, or "" for NULL. */
static const char *string_at(const struct image *im, uint64_t va,
			     const char *what, size_t idx)
{
	if (!va)
		return "";
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(im->data + im->eh->e_phoff);
	for (unsigned i = 0; i < im->eh->e_phnum; i++, ph++) {
		if (ph->p_type != PT_LOAD || va < ph->p_vaddr ||
		    va - ph->p_vaddr >= ph->p_filesz)
			continue;
		uint64_t off = ph->p_offset + (va - ph->p_vaddr);
		uint64_t end = ph->p_offset + ph->p_filesz;
		if (end > im->size)
			end = im->size;
		const char *s = (const char *)im->data + off;
		if (off < end && memchr(s, 0, end - off))
			return s;
		break;
	}
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

static struct entry *read_cmdtab(const struct image *im, size_t *count)
{
	const Elf64_Shdr *sh = find_section(im, ".cmdtab");
	if (!sh)
		die("%s: no .cmdtab section (is this a nestmon image?)", im->path);
	if (sh->sh_type == SHT_NOBITS || !in_file(im, sh->sh_offset, sh->sh_size))
		die("%s: .cmdtab has no contents in the file", im->path);
	if (sh->sh_size % CMD_ENTRY_SIZE)
		die("%s: .cmdtab is %llu bytes, not a multiple of %d (struct cmd "
		    "changed? update tools/gen-cmd-docs.c)", im->path,
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
		e[i].name = string_at(im, le64(p + 8 * CMD_NAME), "name", i);
		e[i].usage = string_at(im, le64(p + 8 * CMD_USAGE), "usage", i);
		e[i].summary = string_at(im, le64(p + 8 * CMD_SUMMARY), "summary", i);
		e[i].help = string_at(im, le64(p + 8 * CMD_HELP), "help", i);
		e[i].complete = le64(p + 8 * CMD_COMPLETE) != 0;
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
	puts("| command | usage | summary |");
	puts("|---|---|---|");
	for (size_t i = 0; i < n; i++) {
		fputs("| [", stdout);
		put_code(e[i].name, 1);
		fputs("](", stdout);
		put_anchor(e[i].name);
		fputs(") | ", stdout);
		if (*e[i].usage)
			put_code(e[i].usage, 1);
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

	puts("<!-- Generated by `make docs` (tools/gen-cmd-docs.c) from the command "
	     "registry in build/nestmon.elf. Do not edit by hand: change the "
	     "command's CMD() entry and run `make docs`. -->");
	puts("# nestmon commands\n");
	puts("Every command of the `vmm> ` shell, as `help` lists them. Numbers are "
	     "decimal or `0x`-prefixed hex; `help CMD` at the prompt shows the "
	     "same text as the sections below.\n");
	put_table(e, n);
	for (size_t i = 0; i < n; i++)
		put_section(&e[i]);

	free(e);
	free(im.data);
	if (fflush(stdout) || ferror(stdout))
		die("writing the output: %s", strerror(errno));
	return 0;
}
