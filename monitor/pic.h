/* Legacy 8259 pair, remapped above the exception vectors. */
#ifndef MONITOR_PIC_H
#define MONITOR_PIC_H
#define PIC_VECTOR_BASE 0x20
void pic_init(void);
void pic_unmask(int irq);
void pic_mask(int irq);
void pic_eoi(int irq);
#endif
