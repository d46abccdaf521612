/*
 * A 6502 disassembler reading the opcode table (opcodes.ts). Its lines are in the syntax the
 * project's assembler (assembler.ts) reads back to the same bytes, so a listing can be edited
 * and rebuilt: undocumented opcodes in lower case, `.w` where an absolute operand would
 * otherwise assemble to zero page, `.byte` (the instruction as a comment) for JAMs and for
 * undocumented duplicates the assembler would encode as another opcode, and `.fill` for runs
 * of one byte (a cartridge's unused space would otherwise be thousands of BRKs).
 */
import { OPCODES, opcodeFor, type Mode, type Opcode } from './opcodes.js';

export interface DisasmLine {
  address: number;
  bytes: readonly number[];
  /** The table's entry; null for a data line (.byte, .word). */
  opcode: Opcode | null;
  /** Assembler syntax: `LDA ($80),Y`, `.byte $02 ; jam`, `.word $F800 ; RESET`. */
  source: string;
  /** Address, bytes and source: `F802  A2 FF     LDX #$FF`. */
  text: string;
}

export interface DisasmOptions {
  /** At most this many lines (default: until the bytes end). */
  count?: number;
}

/** A run of this many equal bytes or more is shown as one `.fill` line. */
const FILL_RUN = 8;

/** The 6502 reads its vectors from here to $FFFF; those bytes are shown as `.word`. */
const VECTORS = 0xfffa;
const VECTOR_NAMES = ['NMI', 'RESET', 'IRQ/BRK'];

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

/** Where an indexed or plain absolute form also exists in zero page. */
const ZERO_PAGE_FORM: Partial<Record<Mode, Mode>> = { abs: 'zp', absx: 'zpx', absy: 'zpy' };

/** The operand in assembler syntax; `next` is the address after the instruction (for branches). */
function operandText(mode: Mode, value: number, next: number): string {
  switch (mode) {
    case 'imp': return '';
    case 'acc': return 'A';
    case 'imm': return `#$${hex2(value)}`;
    case 'zp': return `$${hex2(value)}`;
    case 'zpx': return `$${hex2(value)},X`;
    case 'zpy': return `$${hex2(value)},Y`;
    case 'abs': return `$${hex4(value)}`;
    case 'absx': return `$${hex4(value)},X`;
    case 'absy': return `$${hex4(value)},Y`;
    case 'ind': return `($${hex4(value)})`;
    case 'indx': return `($${hex2(value)},X)`;
    case 'indy': return `($${hex2(value)}),Y`;
    case 'rel': return `$${hex4((next + ((value ^ 0x80) - 0x80)) & 0xffff)}`;
  }
}

/** `LDA #$05`, `nop $80`, `STA.w $0002`: the instruction of `op` with operand `value`. */
function instructionText(op: Opcode, value: number, next: number): string {
  const zp = ZERO_PAGE_FORM[op.mode];
  const wide = zp !== undefined && value < 0x100 && opcodeFor(op.mnemonic, zp) !== undefined;
  const name = (op.documented ? op.mnemonic : op.mnemonic.toLowerCase()) + (wide ? '.w' : '');
  const operand = operandText(op.mode, value, next);
  return operand === '' ? name : `${name} ${operand}`;
}

function line(address: number, bytes: number[], opcode: Opcode | null, source: string): DisasmLine {
  const shown = bytes.length > 3 ? `${hex2(bytes[0])} ...` : bytes.map(hex2).join(' ');
  const text = `${hex4(address)}  ${shown.padEnd(8)}  ${source}`;
  return { address, bytes, opcode, source, text };
}

const byteList = (bytes: number[]): string => bytes.map((b) => `$${hex2(b)}`).join(', ');

/**
 * Disassembles `bytes`, the first of which is at `origin`, straight through. An instruction
 * cut off by the end of the bytes or by the vectors at $FFFA becomes `.byte` lines.
 */
export function disassemble(bytes: Uint8Array, origin: number, options: DisasmOptions = {}): DisasmLine[] {
  const count = options.count ?? Infinity;
  const lines: DisasmLine[] = [];
  let i = 0;
  while (i < bytes.length && lines.length < count) {
    const address = (origin + i) & 0xffff;
    if (address >= VECTORS) {
      const slot = address - VECTORS;
      if (slot % 2 === 0 && i + 1 < bytes.length) {
        const word = [bytes[i], bytes[i + 1]];
        lines.push(line(address, word, null, `.word $${hex4(word[0] | (word[1] << 8))} ; ${VECTOR_NAMES[slot / 2]}`));
        i += 2;
      } else {
        lines.push(line(address, [bytes[i]], null, `.byte $${hex2(bytes[i])}`));
        i++;
      }
      continue;
    }
    const op = OPCODES[bytes[i]];
    const room = Math.min(bytes.length - i, VECTORS - address);
    let run = 1;
    while (run < room && bytes[i + run] === bytes[i]) run++;
    if (run >= FILL_RUN) {
      lines.push(line(address, Array.from(bytes.subarray(i, i + run)), null, `.fill ${run}, $${hex2(bytes[i])}`));
      i += run;
      continue;
    }
    if (op.jams || op.bytes > room) {
      lines.push(line(address, [bytes[i]], null, `.byte $${hex2(bytes[i])}${op.jams ? ' ; jam' : ''}`));
      i++;
      continue;
    }
    const own = Array.from(bytes.subarray(i, i + op.bytes));
    const value = op.bytes === 1 ? 0 : op.bytes === 2 ? own[1] : own[1] | (own[2] << 8);
    const text = instructionText(op, value, (address + op.bytes) & 0xffff);
    // An undocumented duplicate (another NOP, SBC #) would assemble to its twin: keep the bytes.
    const exact = opcodeFor(op.mnemonic, op.mode) === op;
    lines.push(line(address, own, op, exact ? text : `.byte ${byteList(own)} ; ${text}`));
    i += op.bytes;
  }
  return lines;
}
