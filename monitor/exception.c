/* The exception table. See exception.h. */
#include "exception.h"

#include <stddef.h>

static const char *const names[EXC_COUNT][2] = {
#define EXCEPTION_ROW(name, vec, mnemonic, desc) [vec] = { mnemonic, desc },
	EXCEPTIONS(EXCEPTION_ROW)
#undef EXCEPTION_ROW
};

const char *exception_mnemonic(unsigned vector)
{
	return vector < EXC_COUNT ? names[vector][0] : NULL;
}

const char *exception_description(unsigned vector)
{
	if (vector >= EXC_COUNT)
		return NULL;
	return names[vector][1] ? names[vector][1] : "reserved";
}
