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

/** Instructions per run() call; after each batch a probe step checks for the trap. */
const BATCH = 100_000;
/** No instruction takes more than this many cycles on a flat bus (no stalls). */
const MAX_INSTRUCTION_CYCLES = 8;

/**
 * Runs Klaus Dormann's 6502 functional test image (loaded at $0000, started at
 * $0400) until the PC stops changing (the test's `JMP *` traps) or maxCycles.
 * The figures are those of stepping one instruction at a time, checking the PC
 * after each: the run goes in batches, and the batch in which the trap shows is
 * replayed step by step from a snapshot to find the first trap exactly.
 */
export function benchCpu(image: Uint8Array, options: { maxCycles?: number } = {}): CpuBenchResult {
  const maxCycles = options.maxCycles ?? 200_000_000;
  const bus = new FlatBus();
  bus.memory.set(image.subarray(0, 65536));
  const cpu = new Cpu(bus);
  cpu.pc = 0x0400;
  const saved = new Uint8Array(65536);
  const started = process.hrtime.bigint();
  for (;;) {
    const batch = Math.min(BATCH, Math.floor((maxCycles - cpu.cycles) / MAX_INSTRUCTION_CYCLES));
    if (batch < 2) {
      // Close to the cap: single steps, exactly as the step-by-step loop.
      if (stepTraps(cpu) || cpu.cycles >= maxCycles || cpu.jammed) break;
      continue;
    }
    saved.set(bus.memory);
    const regs = [cpu.a, cpu.x, cpu.y, cpu.sp, cpu.pc, cpu.status, cpu.cycles];
    cpu.run(batch - 1);
    if (!stepTraps(cpu) && !cpu.jammed) continue;
    bus.memory.set(saved);
    [cpu.a, cpu.x, cpu.y, cpu.sp, cpu.pc, cpu.status, cpu.cycles] = regs;
    cpu.jammed = false;
    while (!stepTraps(cpu) && !cpu.jammed);
    break;
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

/** One instruction; true when it left the PC where it was (a `JMP *` or branch-to-self trap). */
function stepTraps(cpu: Cpu): boolean {
  const pc = cpu.pc;
  cpu.step();
  return cpu.pc === pc;
}
