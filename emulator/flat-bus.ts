import { CHUNK_SHIFT, MemoryMap, type Bus } from './bus.js';

/** 64 KB of plain RAM with nothing mapped: the harness for CPU tests and the CPU benchmark. */
export class FlatBus implements Bus {
  readonly memory = new Uint8Array(65536);
  /** Every chunk is plain memory, so the CPU never needs to call read/write. */
  readonly memoryMap = new MemoryMap(this.memory);

  constructor() {
    const { reads, writes } = this.memoryMap;
    for (let c = 0; c < reads.length; c++) reads[c] = writes[c] = c << CHUNK_SHIFT;
  }

  read(address: number): number {
    return this.memory[address];
  }

  write(address: number, value: number): void {
    this.memory[address] = value;
  }
}
