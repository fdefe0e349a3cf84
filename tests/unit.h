/* What the host unit tests of monitor/ start with: cmocka, the headers it
 * needs first, and FAIL(). */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* fail_msg, with the message as a TAP diagnostic line */
#define FAIL(...)                                                           \
	do {                                                                \
		print_error("# " __VA_ARGS__);                              \
		print_error("\n");                                          \
		fail();                                                     \
	} while (0)

#endif
