/**
 * What the CPU sees of the world: one byte read or written at a 16-bit address.
 * The 6502 makes exactly one bus access per cycle, and the CPU bumps its
 * `cycles` counter just before each access, so an implementation can read the
 * CPU's counter to know on which cycle an access lands.
 */
export interface Bus {
  read(address: number): number;
  write(address: number, value: number): void;
}
