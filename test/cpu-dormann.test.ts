import test from 'tape';
import { sharedFile } from './paths.js';
import { benchCpu } from '../cli/bench-cpu.js';

// Klaus Dormann's functional test: every documented opcode, addressing mode and
// flag, decimal mode included. It traps (`JMP *`) at $3469 when all checks pass.
const image = sharedFile('cpu/6502_functional_test.bin');
if (!image) console.log('# skipping: ../shared/cpu/6502_functional_test.bin not found');

test('Dormann functional test reaches the success trap at $3469', { skip: !image }, (t) => {
  const result = benchCpu(image!);
  const hex = (n: number) => '$' + n.toString(16).toUpperCase().padStart(4, '0');
  t.ok(result.success, `trapped at ${hex(result.trapPc)} after ${result.cycles} cycles (success is $3469)`);
  // The published total to the trap is 96,241,364 cycles; the run also executes the trap's JMP * once (3 cycles).
  t.equal(result.cycles, 96_241_364 + 3, 'total cycles match the known figure for this image');
  t.end();
});

test('benchCpu stops at maxCycles', { skip: !image }, (t) => {
  const result = benchCpu(image!, { maxCycles: 10_000 });
  t.notOk(result.success, 'a capped run is not a success');
  t.ok(result.cycles >= 10_000 && result.cycles < 10_010, `stopped right after the cap (${result.cycles} cycles)`);
  t.end();
});
