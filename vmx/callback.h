/* The callbacks through which pure vmx/ code hands out text it does not
 * print: one name at a time (completion) or one line at a time (decoders
 * of several lines). */
#ifndef VMX_CALLBACK_H
#define VMX_CALLBACK_H

/* Called once per matching name; the same shape as the shell's
 * complete_add_fn. */
typedef void (*vmx_name_fn)(void *ctx, const char *name);

/* Receives one complete line, without a newline; the caller prints it. */
typedef void (*vmx_line_fn)(void *ctx, const char *line);
#endif
