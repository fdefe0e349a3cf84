/* The VM-instruction error table. See vm_error.h. */
#include "vm_error.h"

#include "../monitor/printf.h"

static const struct vm_error_info vm_errors[] = {
#define VM_ERROR(name, num, text) { num, #name, text },
#include "vm_errors.def"
#undef VM_ERROR
};

#define VM_ERROR_COUNT (sizeof(vm_errors) / sizeof(vm_errors[0]))

size_t vm_error_count(void)
{
	return VM_ERROR_COUNT;
}

const struct vm_error_info *vm_error_at(size_t i)
{
	return i < VM_ERROR_COUNT ? &vm_errors[i] : NULL;
}

static const struct vm_error_info *vm_error_find(unsigned number)
{
	for (size_t i = 0; i < VM_ERROR_COUNT; i++) {
		if (vm_errors[i].number == number)
			return &vm_errors[i];
	}
	return NULL;
}

const char *vm_error_text(unsigned number)
{
	const struct vm_error_info *e = vm_error_find(number);

	return e ? e->text : VM_ERROR_UNKNOWN_TEXT;
}

int vm_error_format(unsigned number, char *buf, size_t size)
{
	return fmt_snprintf(buf, size, "VMfailValid(%u): %s", number,
			    vm_error_text(number));
}
