/* Multiboot v1 entry: the loader leaves us in 32-bit protected mode with
 * paging off (EAX = magic, EBX = info). We identity-map the first 4 GiB with
 * 2 MiB pages, enable PAE and EFER.LME, turn paging on and jump to 64-bit
 * code. The C side (mem.c) extends the map to RAM above 4 GiB. */
#define MB_MAGIC 0x1BADB002
/* bit 0: modules page-aligned, bit 1: memory map, bit 16: address fields */
#define MB_FLAGS 0x00010003
#define BOOT_STACK_SIZE 16384

	.section .multiboot, "a"
	.align 4
mb_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long mb_header          /* header_addr */
	.long _image_start       /* load_addr */
	.long _image_data_end    /* load_end_addr */
	.long _image_end         /* bss_end_addr */
	.long _start32           /* entry_addr */

	.section .text.boot, "ax"
	.code32
	.globl _start32
_start32:
	cli
	mov $boot_stack_top, %esp
	mov %eax, %edi            /* kept for kmain(magic, info) */
	mov %ebx, %esi

	/* PML4[0] -> PDPT; PDPT[0..3] -> four page directories */
	mov $boot_pml4, %eax
	movl $boot_pdpt + 0x3, (%eax)
	mov $boot_pdpt, %eax
	movl $boot_pd + 0x3, 0(%eax)
	movl $boot_pd + 0x1003, 8(%eax)
	movl $boot_pd + 0x2003, 16(%eax)
	movl $boot_pd + 0x3003, 24(%eax)
	/* 2048 PDEs of 2 MiB: present, writable, PS */
	mov $boot_pd, %ebx
	xor %ecx, %ecx
1:	mov %ecx, %eax
	shl $21, %eax
	or $0x83, %eax
	mov %eax, (%ebx, %ecx, 8)
	mov %ecx, %eax
	shr $11, %eax             /* high dword: bits 32+ of the address */
	mov %eax, 4(%ebx, %ecx, 8)
	inc %ecx
	cmp $2048, %ecx
	jne 1b

	mov %cr4, %eax
	or $(1 << 5), %eax        /* PAE */
	mov %eax, %cr4
	mov $boot_pml4, %eax
	mov %eax, %cr3
	mov $0xC0000080, %ecx     /* IA32_EFER */
	rdmsr
	or $(1 << 8), %eax        /* LME */
	wrmsr
	mov %cr0, %eax
	or $0x80010001, %eax      /* PG | WP | PE */
	and $~0x60000000, %eax    /* caches on: clear CD, NW */
	mov %eax, %cr0
	lgdt boot_gdtr
	ljmp $0x08, $start64

	.code64
start64:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	xor %ax, %ax
	mov %ax, %fs
	mov %ax, %gs
	mov $boot_stack_top, %rsp
	xor %rbp, %rbp
	call kmain
2:	hlt
	jmp 2b

	.section .rodata
	.align 16
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff  /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff  /* 0x10: data */
boot_gdtr:
	.word boot_gdtr - boot_gdt - 1
	.quad boot_gdt

	.section .bss.pagetables, "aw", @nobits
	.align 4096
	.globl boot_pml4
boot_pml4:	.skip 4096
boot_pdpt:	.skip 4096
boot_pd:	.skip 4096 * 4
	/* protect.c unmaps the guard page: a stack overflow faults (#DF on
	 * its own stack) instead of running over the rest of .bss */
	.section .bss.stack, "aw", @nobits
	.align 4096
	.globl boot_stack_guard, boot_stack_top
boot_stack_guard:	.skip 4096
boot_stack:	.skip BOOT_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
