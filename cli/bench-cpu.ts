import { Cpu } from '../emulator/cpu.js';
import { FlatBus } from '../emulator/flat-bus.js';

export interface CpuBenchResult {
  /** Cycles emulated until the trap (or the cap). */
  cycles: number;
  seconds: number;
  /** Emulated cycles per wall-clock microsecond. */
  mhz: number;
  /** The PC where execution stopped moving (or where the cap hit). */
  trapPc: number;
  /** True when the run trapped at Dormann's success address, $3469. */
  success: boolean;
}

/** Where Klaus Dormann's functional test loops forever once every check passed. */
const SUCCESS_TRAP = 0x3469;

/**
 * Runs Klaus Dormann's 6502 functional test image (loaded at $0000, started at
 * $0400) until the PC stops changing (the test's `JMP *` traps) or maxCycles.
 */
export function benchCpu(image: Uint8Array, options: { maxCycles?: number } = {}): CpuBenchResult {
  const maxCycles = options.maxCycles ?? 200_000_000;
  const bus = new FlatBus();
  bus.memory.set(image.subarray(0, 65536));
  const cpu = new Cpu(bus);
  cpu.pc = 0x0400;
  const started = process.hrtime.bigint();
  let pc = cpu.pc;
  for (;;) {
    cpu.step();
    const next = cpu.pc;
    if (next === pc || cpu.cycles >= maxCycles) break;
    pc = next;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    cycles: cpu.cycles,
    seconds,
    mhz: cpu.cycles / seconds / 1e6,
    trapPc: cpu.pc,
    success: cpu.pc === SUCCESS_TRAP,
  };
}
