/* Names offered by a completer, collected for the VMX table tests: up to
 * 8 are kept for seen(), all are counted. */
#ifndef TESTS_COLLECT_NAMES_H
#define TESTS_COLLECT_NAMES_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct names {
	int count;
	char seen[8][48];
};

static inline void collect(void *ctx, const char *name)
{
	struct names *n = ctx;

	if (n->count < 8)
		snprintf(n->seen[n->count], sizeof(n->seen[0]), "%s", name);
	n->count++;
}

static inline bool seen(const struct names *n, const char *name)
{
	for (int i = 0; i < n->count && i < 8; i++) {
		if (strcmp(n->seen[i], name) == 0)
			return true;
	}
	return false;
}

#endif
