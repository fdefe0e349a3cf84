/* Names of the VMX features this CPU offers, as sequences require them. */
#ifndef VMX_FEATURES_H
#define VMX_FEATURES_H
#include <stdbool.h>
#include <stddef.h>
bool vmx_cpu_has_vmx(void);
/* Space-separated words ("vmx ept vpid ..."), empty without VMX. */
void vmx_feature_list(char *buf, size_t size);
#endif
