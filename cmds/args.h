/* Argument parsing every command file shares; each prints its own
 * "error: " line naming the word that is wrong. */
#ifndef CMDS_ARGS_H
#define CMDS_ARGS_H
#include <stdbool.h>
#include <stdint.h>

/* A number (decimal or 0x-prefixed hex); else prints
 * "error: CMD: bad number 'S' (decimal or 0x-prefixed hex)". */
bool parse_num(const char *cmd, const char *s, uint64_t *v);
#endif
