/* String and memory helpers for the freestanding monitor.
 * Host-side tests get the same names from the C library instead. */
#ifndef MONITOR_STRING_H
#define MONITOR_STRING_H
#include <stddef.h>
#ifdef HOST_TEST
#include <string.h>
#include <strings.h>
#else
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
#endif
#endif
