import test from 'tape';
import { CHUNK_SHIFT, MemoryMap, type Bus } from '../emulator/bus.js';
import { Cpu } from '../emulator/cpu.js';

/** Gives a fixture's CPU the drawn registers (the PC, where a fixture draws one, is set apart). */
function setRegisters(cpu: Cpu, r: { a: number; x: number; y: number; sp: number; p: number }): void {
  cpu.a = r.a;
  cpu.x = r.x;
  cpu.y = r.y;
  cpu.sp = r.sp;
  cpu.status = r.p;
}

// run() has two fast paths: the interpreter (registers in locals, direct access
// to mapped chunks) and, for chunks the map marks as code (ROM), translated
// blocks. stepReference() is the plain method-per-access core. On random
// programs they must make the same device accesses, on the same cycles, with the
// same data-bus value, and leave the same registers, cycles and memory.

/** A write to this address stalls the CPU, as the 2600's WSYNC does. */
const STALL_ADDRESS = 0x0002;
const STALL_CYCLES = 5;
const JAMS = [0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xb2, 0xd2, 0xf2];

/** Logs accesses to unmapped chunks (for the reference machine: to the chunks the other one leaves unmapped). */
class LoggingBus implements Bus {
  readonly memory: Uint8Array;
  readonly log: string[] = [];
  readonly memoryMap?: MemoryMap;
  cpu!: Cpu;

  constructor(image: Uint8Array, private readonly device: Uint8Array, mapped: boolean) {
    this.memory = Uint8Array.from(image);
    if (mapped) {
      this.memoryMap = new MemoryMap(this.memory);
      for (let c = 0; c < device.length; c++) {
        if (!device[c]) this.memoryMap.reads[c] = this.memoryMap.writes[c] = c << CHUNK_SHIFT;
      }
    }
  }

  read(address: number): number {
    const v = this.memory[address];
    if (this.device[address >> CHUNK_SHIFT]) this.log.push(`R ${address} ${v} @${this.cpu.cycles} d${this.cpu.dataBus}`);
    return v;
  }

  write(address: number, value: number): void {
    if (this.device[address >> CHUNK_SHIFT]) this.log.push(`W ${address} ${value} @${this.cpu.cycles} d${this.cpu.dataBus}`);
    this.memory[address] = value;
    // Only a device stalls: where the other machine maps plain memory, this is plain memory too.
    if (address === STALL_ADDRESS && this.device[address >> CHUNK_SHIFT]) this.cpu.cycles += STALL_CYCLES;
  }
}

/** xorshift32: the test's own reproducible randomness. */
function rng(seed: number): () => number {
  let s = seed * 2654435761 + 1 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

function machines(seed: number) {
  const next = rng(seed);
  const image = new Uint8Array(65536);
  for (let i = 0; i < image.length; i++) {
    const b = next() & 0xff;
    // No JAMs, so the random programs run long.
    image[i] = JAMS.includes(b) ? 0xea : b;
  }
  // About half the chunks are devices; zero page and the stack page are devices in odd
  // seeds and memory in even ones, so both paths of every access form are taken.
  const device = new Uint8Array(0x10000 >> CHUNK_SHIFT);
  for (let c = 0; c < device.length; c++) device[c] = next() & 1;
  device[0] = device[1] = device[2] = device[3] = seed & 1;
  const regs = { a: next() & 0xff, x: next() & 0xff, y: next() & 0xff, sp: next() & 0xff, pc: next() & 0xffff, p: next() & 0xff };
  const make = (mapped: boolean) => {
    const bus = new LoggingBus(image, device, mapped);
    const cpu = new Cpu(bus);
    bus.cpu = cpu;
    setRegisters(cpu, regs);
    cpu.pc = regs.pc;
    return { bus, cpu };
  };
  return { fast: make(true), ref: make(false) };
}

function state(cpu: Cpu): string {
  return `A=${cpu.a} X=${cpu.x} Y=${cpu.y} S=${cpu.sp} PC=${cpu.pc} P=${cpu.status} cycles=${cpu.cycles} data=${cpu.dataBus}`;
}

function firstDifference(a: string[], b: string[]): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `access ${i}: run() ${a[i]} vs reference ${b[i]}`;
  }
  return 'none';
}

test('the interpreter matches the reference core instruction by instruction on random programs', (t) => {
  let instructions = 0;
  let deviceAccesses = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const { fast, ref } = machines(seed);
    let ok = true;
    for (let i = 0; i < 3000 && ok; i++) {
      const before = state(ref.cpu);
      const expected = ref.cpu.stepReference();
      const got = fast.cpu.step();
      instructions++;
      if (got !== expected || state(fast.cpu) !== state(ref.cpu) || fast.bus.log.length !== ref.bus.log.length) {
        t.fail(`seed ${seed}, instruction ${i} from ${before}: run() ${state(fast.cpu)} (${got} cycles) vs reference ${state(ref.cpu)} (${expected}); ${firstDifference(fast.bus.log, ref.bus.log)}`);
        ok = false;
      }
    }
    deviceAccesses += ref.bus.log.length;
    if (!ok) continue;
    t.deepEqual(fast.bus.log, ref.bus.log, `seed ${seed}: same device accesses`);
    t.ok(fast.bus.memory.every((v, i) => v === ref.bus.memory[i]), `seed ${seed}: same memory`);
  }
  t.ok(instructions >= 100_000 && deviceAccesses > 50_000, `${instructions} instructions, ${deviceAccesses} device accesses compared`);
  t.end();
});

test('the interpreter in a long run() ends in the same state as the reference stepped one at a time', (t) => {
  for (let seed = 41; seed <= 60; seed++) {
    const { fast, ref } = machines(seed);
    const ran = fast.cpu.run(5000);
    for (let i = 0; i < 5000; i++) ref.cpu.stepReference();
    t.equal(ran, 5000, `seed ${seed}: all 5000 instructions ran`);
    t.equal(state(fast.cpu), state(ref.cpu), `seed ${seed}: same registers, cycles and data bus`);
    t.equal(firstDifference(fast.bus.log, ref.bus.log), 'none', `seed ${seed}: same ${ref.bus.log.length} device accesses`);
    t.ok(fast.bus.memory.every((v, i) => v === ref.bus.memory[i]), `seed ${seed}: same memory`);
  }
  t.end();
});

test('run() stops after the instruction during which the bus sets stop', (t) => {
  const bus = new LoggingBus(new Uint8Array(65536), new Uint8Array(512).fill(1), false);
  const cpu = new Cpu(bus);
  bus.cpu = cpu;
  // LDA #1; STA $02 (the stop is requested from inside that write); then NOPs.
  bus.memory.set([0xa9, 0x01, 0x85, 0x02, 0xea, 0xea], 0x0200);
  cpu.pc = 0x0200;
  const write = bus.write.bind(bus);
  bus.write = (address, value) => {
    write(address, value);
    cpu.stop = true;
  };
  t.equal(cpu.run(100), 2, 'two instructions ran');
  t.equal(cpu.pc, 0x0204, 'stopped right after the STA');
  t.equal(cpu.run(1), 1, 'the next run() starts with stop cleared');
  t.end();
});

/**
 * Chunk kinds for the translated-block machines: ROM (code, read-mapped, writes
 * ignored), RAM (mapped both ways) and devices (logged). A write to
 * SWAP_ADDRESS swaps which halves of the ROM image the two ROM windows show,
 * like a bank switch, and remaps them.
 */
const ROM = 0;
const RAM = 1;
const DEVICE = 2;
const SWAP_ADDRESS = 0x0003;
/** Two 16K ROM windows, mapped onto two halves of the image at 0x10000. */
const WINDOWS = [0x4000, 0xc000];
const WINDOW_SIZE = 0x4000;

class RomBus implements Bus {
  readonly memory = new Uint8Array(0x10000 + 2 * WINDOW_SIZE);
  readonly log: string[] = [];
  readonly memoryMap?: MemoryMap;
  cpu!: Cpu;
  private swapped = 0;

  constructor(image: Uint8Array, private readonly kind: Uint8Array, mapped: boolean) {
    this.memory.set(image);
    if (mapped) {
      this.memoryMap = new MemoryMap(this.memory);
      for (let c = 0; c < kind.length; c++) {
        if (kind[c] === RAM) this.memoryMap.reads[c] = this.memoryMap.writes[c] = c << CHUNK_SHIFT;
        // RAM and devices stay put (translated code builds them in); the ROM windows swap.
        this.memoryMap.fixed[c] = kind[c] === ROM ? 0 : 1;
      }
      this.mapRom();
    }
  }

  /** Memory offset of `address` inside a ROM window. */
  private romOffset(address: number): number {
    const w = address >= WINDOWS[1] ? 1 : 0;
    return 0x10000 + (w ^ this.swapped) * WINDOW_SIZE + (address & (WINDOW_SIZE - 1));
  }

  private mapRom(): void {
    const map = this.memoryMap;
    if (!map) return;
    for (const base of WINDOWS) {
      for (let a = base; a < base + WINDOW_SIZE; a += 1 << CHUNK_SHIFT) {
        const c = a >> CHUNK_SHIFT;
        if (this.kind[c] !== ROM) continue;
        map.reads[c] = this.romOffset(a);
        map.code[c] = 1;
      }
    }
    map.changed();
  }

  private kindOf(address: number): number {
    return this.kind[address >> CHUNK_SHIFT];
  }

  read(address: number): number {
    const k = this.kindOf(address);
    const v = k === ROM ? this.memory[this.romOffset(address)] : this.memory[address];
    if (k === DEVICE) this.log.push(`R ${address} ${v} @${this.cpu.cycles} d${this.cpu.dataBus}`);
    return v;
  }

  write(address: number, value: number): void {
    const k = this.kindOf(address);
    if (k === DEVICE) this.log.push(`W ${address} ${value} @${this.cpu.cycles} d${this.cpu.dataBus}`);
    if (k !== ROM) this.memory[address] = value;
    if (k !== DEVICE) return;
    if (address === STALL_ADDRESS) this.cpu.cycles += STALL_CYCLES;
    if (address === SWAP_ADDRESS) {
      this.swapped ^= 1;
      this.mapRom();
    }
    if (address === STOP_ADDRESS) this.cpu.stop = true;
  }
}

/** A device write here sets the CPU's `stop`, like the console's end of frame. */
const STOP_ADDRESS = 0x0004;

function romMachines(seed: number) {
  const next = rng(seed);
  const image = new Uint8Array(0x10000 + 2 * WINDOW_SIZE);
  for (let i = 0; i < image.length; i++) {
    const b = next() & 0xff;
    image[i] = JAMS.includes(b) ? 0xea : b;
  }
  // Page 0 is a device (stall, swap, stop), the stack page RAM or device; ROM windows hold
  // mostly code, with some RAM and device chunks between; the rest RAM or device.
  const kind = new Uint8Array(0x10000 >> CHUNK_SHIFT);
  for (let c = 0; c < kind.length; c++) {
    const a = c << CHUNK_SHIFT;
    const inWindow = WINDOWS.some((w) => a >= w && a < w + WINDOW_SIZE);
    const r = next() % 8;
    kind[c] = inWindow ? (r < 6 ? ROM : r === 6 ? RAM : DEVICE) : r < 4 ? RAM : DEVICE;
  }
  kind[0] = DEVICE;
  kind[2] = kind[3] = seed & 1 ? RAM : DEVICE;
  const regs = { a: next() & 0xff, x: next() & 0xff, y: next() & 0xff, sp: next() & 0xff, p: next() & 0xff };
  const make = (mapped: boolean) => {
    const bus = new RomBus(image, kind, mapped);
    const cpu = new Cpu(bus);
    bus.cpu = cpu;
    setRegisters(cpu, regs);
    return { bus, cpu };
  };
  return { fast: make(true), ref: make(false), kind };
}

test('translated ROM blocks match the reference core (bank swaps, stalls and stops included)', (t) => {
  let instructions = 0;
  let deviceAccesses = 0;
  let stops = 0;
  for (let seed = 100; seed < 160; seed++) {
    const { fast, ref } = romMachines(seed);
    // Start somewhere in a ROM window; random code leaves it, returns through jumps, and so on.
    const start = WINDOWS[seed & 1] + ((seed * 97) & (WINDOW_SIZE - 1));
    fast.cpu.pc = ref.cpu.pc = start;
    let ok = true;
    for (let round = 0; round < 40 && ok; round++) {
      const ran = fast.cpu.run(500);
      let refRan = 0;
      let refStopped = false;
      // Random code can still write a JAM into RAM and run it: both machines then stop there.
      while (refRan < 500 && !refStopped && !ref.cpu.jammed) {
        ref.cpu.stop = false;
        ref.cpu.stepReference();
        refRan++;
        refStopped = ref.cpu.stop;
      }
      if (refStopped) stops++;
      instructions += ran;
      if (ran !== refRan || state(fast.cpu) !== state(ref.cpu) || fast.bus.log.length !== ref.bus.log.length) {
        t.fail(`seed ${seed}, round ${round}: ran ${ran} vs ${refRan}; run() ${state(fast.cpu)} vs reference ${state(ref.cpu)}; ${firstDifference(fast.bus.log, ref.bus.log)}`);
        ok = false;
      }
    }
    deviceAccesses += ref.bus.log.length;
    if (!ok) continue;
    t.equal(firstDifference(fast.bus.log, ref.bus.log), 'none', `seed ${seed}: same ${ref.bus.log.length} device accesses`);
    t.ok(fast.bus.memory.every((v, i) => v === ref.bus.memory[i]), `seed ${seed}: same memory`);
  }
  t.ok(instructions >= 500_000 && deviceAccesses > 100_000 && stops > 50, `${instructions} instructions, ${deviceAccesses} device accesses, ${stops} stops compared`);
  t.end();
});

