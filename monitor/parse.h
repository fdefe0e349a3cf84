/* Pure parsing helpers shared by the shell and the command files. */
#ifndef MONITOR_PARSE_H
#define MONITOR_PARSE_H
#include <stdbool.h>
#include <stdint.h>

#define MAX_ARGS 32

/* The value of digit c in base (up to 16, either case), or -1. */
int parse_digit(char c, int base);
/* "0x"-prefixed hex or decimal, the whole string, no overflow. */
bool parse_u64(const char *s, uint64_t *out);
/* The same, at most 0xffffffff. */
bool parse_u32(const char *s, uint32_t *out);

/* Splits line in place on blanks; returns argc, or -1 when there are more
 * than max words. */
int parse_tokenize(char *line, char **argv, int max);
#endif
