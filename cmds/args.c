/* Shared argument parsing. See args.h. */
#include "args.h"
#include "../monitor/parse.h"
#include "../monitor/printf.h"

bool parse_num(const char *cmd, const char *s, uint64_t *v)
{
	if (parse_u64(s, v))
		return true;
	printf("error: %s: bad number '%s' (decimal or 0x-prefixed hex)\n", cmd, s);
	return false;
}
