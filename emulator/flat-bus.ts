import type { Bus } from './bus.js';

/** 64 KB of plain RAM with nothing mapped: the harness for CPU tests and the CPU benchmark. */
export class FlatBus implements Bus {
  readonly memory = new Uint8Array(65536);

  read(address: number): number {
    return this.memory[address];
  }

  write(address: number, value: number): void {
    this.memory[address] = value;
  }
}
