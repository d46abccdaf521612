import test from 'tape';
import { Cpu } from '../emulator/cpu.js';
import { FlatBus } from '../emulator/flat-bus.js';
import { OPCODES, MODE_BYTES, type Opcode } from '../emulator/opcodes.js';
import { kindOf } from '../emulator/opcode-ops.js';

// The opcode table's cycles and lengths, held to the reference core (stepReference(), the
// executable specification) and to step() (interpreter and blocks). The table is what the
// generator, the translator, the assembler and the disassembler read.

const hex = (n: number) => '$' + n.toString(16).toUpperCase().padStart(2, '0');
const CORES = [
  ['stepReference', (cpu: Cpu) => cpu.stepReference()],
  ['step', (cpu: Cpu) => cpu.step()],
] as const;

/**
 * One instruction at $0200 whose operand bytes are $F0 $10: zero page $F0, absolute $10F0, and
 * the zero-page pointers at $F0.. and (for (zp,X) with X = $20) at $10 also point to $10F0. An
 * index of 1 stays on the page, $20 crosses it.
 */
function run(op: number, index: number, core: (cpu: Cpu) => number): { cycles: number; advance: number; cpu: Cpu } {
  const bus = new FlatBus();
  bus.memory.set([op, 0xf0, 0x10], 0x0200);
  bus.memory.set([0xf0, 0x10, 0x10], 0x00f0);
  bus.memory.set([0xf0, 0x10], 0x0010);
  const cpu = new Cpu(bus);
  cpu.pc = 0x0200;
  cpu.x = index;
  cpu.y = index;
  const cycles = core(cpu);
  if (cycles !== cpu.cycles) throw new Error(`${hex(op)}: returned ${cycles} cycles but counted ${cpu.cycles}`);
  return { cycles, advance: cpu.pc - 0x0200, cpu };
}

/** Sets the PC elsewhere, or jams: their length is not how far the PC goes. */
const movesPc = (op: Opcode) => op.jams || op.extra === 'branch' || kindOf(op) === 'jump';

test('opcode table: 256 entries whose length is their mode\'s', (t) => {
  t.equal(OPCODES.length, 256);
  for (const op of OPCODES) if (op.bytes !== MODE_BYTES[op.mode]) t.fail(`${hex(op.opcode)} ${op.mnemonic} ${op.mode}: ${op.bytes} bytes`);
  t.equal(OPCODES.filter((op) => op.documented).length, 151, '151 documented opcodes');
  t.equal(OPCODES.filter((op) => kindOf(op) !== undefined).length, 151, 'each has an operation');
  t.end();
});

for (const [name, core] of CORES) {
  test(`opcode table: cycles and length of every opcode agree with ${name}()`, (t) => {
    let checked = 0;
    for (const op of OPCODES) {
      if (op.extra === 'branch') continue;
      const label = `${hex(op.opcode)} ${op.mnemonic} ${op.mode}`;
      if (op.jams) {
        const r = run(op.opcode, 1, core);
        t.ok(r.cpu.jammed && r.advance === 0, `${label}: jams at its own address`);
        continue;
      }
      const same = run(op.opcode, 0x01, core);
      const cross = run(op.opcode, 0x20, core);
      t.equal(same.cycles, op.cycles, `${label}: ${op.cycles} cycles on the same page`);
      t.equal(cross.cycles, op.cycles + (op.extra === 'page' ? 1 : 0), `${label}: across a page`);
      if (!movesPc(op)) t.equal(same.advance, op.bytes, `${label}: the PC moves ${op.bytes}`);
      checked++;
    }
    t.equal(checked, 256 - 12 - 8, 'every opcode but the JAMs and branches');
    t.end();
  });

  test(`opcode table: branch cycles agree with ${name}(): base, +1 taken, +2 taken across a page`, (t) => {
    // Per branch: a status that takes it and one that does not.
    const statuses: Record<string, [number, number]> = {
      BPL: [0x00, 0x80], BMI: [0x80, 0x00], BVC: [0x00, 0x40], BVS: [0x40, 0x00],
      BCC: [0x00, 0x01], BCS: [0x01, 0x00], BNE: [0x00, 0x02], BEQ: [0x02, 0x00],
    };
    const branches = OPCODES.filter((op) => op.extra === 'branch');
    t.equal(branches.length, 8);
    for (const op of branches) {
      const [take, skip] = statuses[op.mnemonic];
      // [where it sits, offset, status, extra cycles over the table's, PC after]
      const cases: [number, number, number, number, number][] = [
        [0x0200, 0x10, skip, 0, 0x0202],
        [0x0200, 0x10, take, 1, 0x0212],
        [0x02f0, 0x20, take, 2, 0x0312], // forward into the next page
        [0x0200, 0xf0, take, 2, 0x01f2], // backward into the previous page
        [0x02fe, 0x00, take, 1, 0x0300], // the page is judged from the next instruction ($0300)
        [0x02fe, 0xff, take, 2, 0x02ff], // ... so stepping back to $02FF crosses
        [0x02f0, 0x20, skip, 0, 0x02f2],
      ];
      for (const [at, offset, status, extra, pc] of cases) {
        const bus = new FlatBus();
        bus.memory.set([op.opcode, offset], at);
        const cpu = new Cpu(bus);
        cpu.pc = at;
        cpu.status = status;
        t.equal(core(cpu), op.cycles + extra, `${op.mnemonic} at $${at.toString(16)} offset ${hex(offset)}: ${op.cycles} + ${extra}`);
        t.equal(cpu.pc, pc, `... PC $${pc.toString(16)}`);
      }
    }
    t.end();
  });
}
