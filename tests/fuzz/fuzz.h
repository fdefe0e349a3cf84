/* What the libFuzzer targets share: the entry point, a check that turns a
 * broken invariant into a crash libFuzzer reports (with the input saved),
 * and a reader that takes integers and strings off the fuzz input. */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                               \
	do {                                                                \
		if (!(cond)) {                                              \
			fprintf(stderr, "fuzz check failed: %s (%s:%d): ",  \
				#cond, __FILE__, __LINE__);                 \
			fprintf(stderr, __VA_ARGS__);                       \
			fputc('\n', stderr);                                \
			abort();                                            \
		}                                                           \
	} while (0)

struct fuzz_in {
	const uint8_t *p;
	size_t left;
};

static inline uint64_t fuzz_u64(struct fuzz_in *in, int bytes)
{
	uint64_t v = 0;
	for (int i = 0; i < bytes && in->left; i++, in->p++, in->left--)
		v |= (uint64_t)*in->p << (8 * i);
	return v;
}

/* The rest of the input as a NUL-terminated string in its own heap block
 * (exact size, so ASan sees any read past the end). Embedded NULs end it
 * early, as they would in the monitor. */
static inline char *fuzz_rest_string(struct fuzz_in *in)
{
	char *s = malloc(in->left + 1);
	memcpy(s, in->p, in->left);
	s[in->left] = 0;
	in->p += in->left;
	in->left = 0;
	return s;
}

/* What every snprintf-like function promises: with size > 0 the text is
 * NUL-terminated inside buf, and ret is the length it wanted. */
static inline void check_snprintf_result(const char *buf, size_t size, int ret)
{
	FUZZ_CHECK(ret >= 0, "negative length %d", ret);
	if (size) {
		size_t len = strnlen(buf, size);
		FUZZ_CHECK(len < size, "not NUL-terminated in %zu bytes", size);
		FUZZ_CHECK(len == ((size_t)ret < size ? (size_t)ret : size - 1),
			   "wrote %zu bytes, returned %d for size %zu", len, ret, size);
	}
}
#endif
