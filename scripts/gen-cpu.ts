/*
 * Writes emulator/cpu-interpret.generated.ts, the CPU's interpreter, from the opcode table
 * (emulator/opcodes.ts) and its operations (emulator/opcode-ops.ts): `npm run gen:cpu`.
 * test/cpu-generated.test.ts fails while the committed file differs from what this writes,
 * and test/cpu-reference.test.ts holds the interpreter to the reference core.
 *
 * Why generated: V8 inlines little into a function the size of a 151-case switch, so every
 * bus access is written out in place rather than called, and nobody should maintain that
 * by hand.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPCODES, type Mode, type Opcode } from '../emulator/opcodes.js';
import { BRANCH_TAKEN, callSteps, emitOperation, interruptSteps, kindOf, type StepSink } from '../emulator/opcode-ops.js';

/** The generated file, relative to the project root. */
export const GENERATED_PATH = 'emulator/cpu-interpret.generated.ts';

const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

/** One case's lines: the three access forms of the interpreter, written out in place. */
class Lines implements StepSink {
  readonly out: string[] = [];
  private indent = '';

  code(statement: string): void {
    this.out.push(this.indent + statement);
  }

  idle(cycles: number): void {
    this.code(cycles === 1 ? 'cyc++;' : `cyc += ${cycles};`);
  }

  read(ad: number | string): void {
    const a = typeof ad === 'number' ? hex(ad) : ad;
    this.code(`cyc++; v = data = (o = rm[${a} >> 7]) >= 0 ? mem[o + (${a} & 127)] : c.busRead(${a}, cyc, data);`);
  }

  write(ad: number | string, value: string): void {
    const a = typeof ad === 'number' ? hex(ad) : ad;
    this.code(`cyc++; data = ${value}; if ((o = wm[${a} >> 7]) >= 0) mem[o + (${a} & 127)] = data; else cyc = c.busWrite(${a}, data, cyc);`);
  }

  /** The next program byte into `v`. */
  fetch(): void {
    this.code('cyc++; v = data = (o = rm[pc >> 7]) >= 0 ? mem[o + (pc & 127)] : c.busRead(pc, cyc, data); pc = (pc + 1) & 0xffff;');
  }

  block(head: string, body: () => void): void {
    this.code(`${head} {`);
    this.indent += '  ';
    body();
    this.indent = this.indent.slice(2);
    this.code('}');
  }
}

/**
 * A memory mode's operand fetches and dummy reads, leaving the effective address in `ad`.
 * `store`: the un-carried read of an indexed address is always made (stores and
 * read-modify-writes), not only across a page.
 */
function address(s: Lines, mode: Mode, store: boolean): void {
  const index = mode === 'zpy' || mode === 'absy' ? 'y' : 'x';
  const unCarried = (): void => {
    const read = (): void => {
      s.code('ad = hi | (lo & 0xff);');
      s.read('ad');
    };
    if (store) read();
    else s.block('if (lo > 0xff)', read);
  };
  switch (mode) {
    case 'zp':
      s.fetch();
      s.code('ad = v;');
      return;
    case 'zpx':
    case 'zpy':
      // The base is read while the index is added; the sum wraps within page 0.
      s.fetch();
      s.code('ad = v;');
      s.read('ad');
      s.code(`ad = (ad + ${index}) & 0xff;`);
      return;
    case 'abs':
      s.fetch();
      s.code('lo = v;');
      s.fetch();
      s.code('ad = lo | (v << 8);');
      return;
    case 'absx':
    case 'absy':
      s.fetch();
      s.code(`lo = v + ${index};`);
      s.fetch();
      s.code('hi = v << 8;');
      unCarried();
      s.code('ad = (hi + lo) & 0xffff;');
      return;
    case 'indx':
      // The pointer base is read while X is added; the pointer wraps within page 0.
      s.fetch();
      s.code('t = v;');
      s.read('t');
      s.code('t = (t + x) & 0xff;');
      s.read('t');
      s.code('lo = v;');
      s.code('t = (t + 1) & 0xff;');
      s.read('t');
      s.code('ad = lo | (v << 8);');
      return;
    case 'indy':
      s.fetch();
      s.code('t = v;');
      s.read('t');
      s.code('lo = v + y;');
      s.code('t = (t + 1) & 0xff;');
      s.read('t');
      s.code('hi = v << 8;');
      unCarried();
      s.code('ad = (hi + lo) & 0xffff;');
      return;
    default:
      throw new Error(`no address computation for mode ${mode}`);
  }
}

/** The body of a documented opcode's case, after the opcode fetch. */
function instruction(op: Opcode): string[] {
  const s = new Lines();
  const kind = kindOf(op);
  if (kind === 'branch') {
    s.fetch();
    s.block(`if (${BRANCH_TAKEN[op.mnemonic]})`, () => {
      s.code('t = (pc + ((v ^ 0x80) - 0x80)) & 0xffff;');
      // Taken: one more cycle, two when the target is on another page (counted only).
      s.code('cyc += ((pc ^ t) & 0xff00) === 0 ? 1 : 2;');
      s.code('pc = t;');
    });
  } else if (op.mnemonic === 'JMP') {
    if (op.mode === 'abs') {
      s.fetch();
      s.code('lo = v;');
      s.fetch();
      s.code('pc = lo | (v << 8);');
    } else {
      address(s, 'abs', false);
      s.read('ad');
      s.code('lo = v;');
      // JMP ($xxFF): the high byte comes from $xx00, the carry never reaches the page.
      s.code('ad = (ad & 0xff00) | ((ad + 1) & 0xff);');
      s.read('ad');
      s.code('pc = lo | (v << 8);');
    }
  } else if (op.mnemonic === 'JSR') {
    s.fetch();
    s.code('lo = v;');
    callSteps(s, 'pc >> 8', 'pc & 0xff', 'pc', 'lo');
  } else if (op.mnemonic === 'BRK') {
    // BRK skips a padding byte; its read is counted only.
    s.idle(1);
    s.code('pc = (pc + 1) & 0xffff;');
    interruptSteps(s, 'pc >> 8', 'pc & 0xff');
  } else {
    if (op.mode === 'imm') s.fetch();
    else if (op.mode !== 'imp' && op.mode !== 'acc') address(s, op.mode, kind !== 'read');
    if (!emitOperation(op, s, 'ad')) throw new Error(`no operation for ${op.mnemonic} ${op.mode}`);
  }
  return s.out;
}

const HEADER = `// Generated by \`npm run gen:cpu\` (scripts/gen-cpu.ts) from the opcode table, emulator/opcodes.ts
// and emulator/opcode-ops.ts. Do not edit: change those and regenerate (test/cpu-generated.test.ts
// fails while this file differs from what the generator writes).
import type { InterpreterHost } from './cpu.js';
import { decimalAdc, decimalSbc } from './opcode-ops.js';

/**
 * The CPU's interpreter: like Cpu.run() for any code, one instruction at a time, up to
 * \`limit\` of them (fewer when one jams or a bus handler sets \`stop\`); returns how many ran.
 *
 * Registers, the cycle counter and the data-bus value are locals, and every documented
 * opcode is written out in one switch; each access first consults the bus's MemoryMap, so
 * a mapped chunk is an array index and only unmapped addresses (devices) call the bus. The
 * three access forms (\`o\` is scratch):
 *   fetch:  cyc++; v = data = (o = rm[pc >> 7]) >= 0 ? mem[o + (pc & 127)] : c.busRead(pc, cyc, data); pc = (pc + 1) & 0xffff;
 *   read:   cyc++; v = data = (o = rm[ad >> 7]) >= 0 ? mem[o + (ad & 127)] : c.busRead(ad, cyc, data);
 *   write:  cyc++; data = value; if ((o = wm[ad >> 7]) >= 0) mem[o + (ad & 127)] = data; else cyc = c.busWrite(ad, data, cyc);
 * The undocumented opcodes go to the reference core, on the Cpu's fields.
 */
export function interpret(c: InterpreterHost, limit: number): number {
  if (c.jammed) return 0;
  c.stop = false;
  const mem = c.memory;
  const rm = c.readMap;
  const wm = c.writeMap;
`;

/** The CPU state the interpreter keeps in locals while it runs. */
const STATE: readonly (readonly [string, string])[] = [
  ['a', 'a'], ['x', 'x'], ['y', 'y'], ['sp', 'sp'], ['pc', 'pc'],
  ['fn', 'fn'], ['fv', 'fv'], ['fd', 'fd'], ['fi', 'fi'], ['fz', 'fz'], ['fc', 'fc'],
  ['cyc', 'cycles'], ['data', 'dataBus'],
];

const indent = (lines: readonly string[], by: string): string => lines.map((l) => by + l).join('\n');

/** The text of emulator/cpu-interpret.generated.ts. */
export function generateInterpreter(): string {
  const load = STATE.map(([local, field]) => `let ${local} = c.${field};`);
  const store = STATE.map(([local, field]) => `c.${field} = ${local};`);
  const cases: string[] = [];
  for (const op of OPCODES) {
    if (kindOf(op) === undefined) continue;
    cases.push(`case ${hex(op.opcode)}: { // ${op.mnemonic}${op.mode === 'imp' || op.mode === 'rel' ? '' : ` ${op.mode}`}`);
    cases.push(...instruction(op).map((l) => `  ${l}`));
    cases.push('  break;', '}');
  }
  return `${HEADER}${indent(load, '  ')}
  let n = 0;
  let op = 0;
  let o = 0;
  let v = 0;
  let ad = 0;
  let lo = 0;
  let hi = 0;
  let t = 0;
  run: while (n < limit) {
    n++;
    cyc++;
    op = data = (o = rm[pc >> 7]) >= 0 ? mem[o + (pc & 127)] : c.busRead(pc, cyc, data);
    pc = (pc + 1) & 0xffff;
    switch (op) {
${indent(cases, '      ')}
      default: {
        // Undocumented opcodes: the reference core, on the fields.
${indent(store, '        ')}
        c.execute(op);
${indent(load.map((l) => l.slice(4)), '        ')}
        if (c.jammed) break run;
      }
    }
    if (c.stop) break;
  }
${indent(store, '  ')}
  return n;
}
`;
}

// Run as a script: write the file.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  writeFileSync(join(root, GENERATED_PATH), generateInterpreter());
  process.stdout.write(`wrote ${GENERATED_PATH}\n`);
}
