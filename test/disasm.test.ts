import test from 'tape';
import { disassemble } from '../emulator/disasm.js';
import { assemble } from '../emulator/assembler.js';
import { OPCODES, type Mode } from '../emulator/opcodes.js';
import { sharedFile } from './paths.js';
import { tinyRom } from './tiny-rom.js';

const hex = (n: number) => '$' + n.toString(16).toUpperCase().padStart(2, '0');

/** Reassembles disassembled lines at `origin`. */
function reassemble(bytes: Uint8Array, origin: number): Uint8Array {
  const source = [`.org ${origin}`, ...disassemble(bytes, origin).map((l) => l.source)].join('\n');
  return assemble(source).bytes;
}

test('disasm: every addressing mode in the usual syntax, with addresses and bytes', (t) => {
  // prettier-ignore
  const code = [
    0xa9, 0x05, 0x85, 0x80, 0x95, 0x80, 0xb6, 0x81, 0x8d, 0x34, 0x12, 0xbd, 0x34, 0x12,
    0x99, 0x00, 0x02, 0xa1, 0x80, 0xb1, 0x80, 0x6c, 0x34, 0x12, 0x0a, 0xea, 0xd0, 0xfe,
    0x10, 0x80, 0xad, 0x80, 0x00, 0xa7, 0x80, 0x02, 0x1a, 0xea,
  ];
  const lines = disassemble(new Uint8Array(code), 0xf000).map((l) => l.text);
  t.deepEqual(lines, [
    'F000  A9 05     LDA #$05',
    'F002  85 80     STA $80',
    'F004  95 80     STA $80,X',
    'F006  B6 81     LDX $81,Y',
    'F008  8D 34 12  STA $1234',
    'F00B  BD 34 12  LDA $1234,X',
    'F00E  99 00 02  STA $0200,Y',
    'F011  A1 80     LDA ($80,X)',
    'F013  B1 80     LDA ($80),Y',
    'F015  6C 34 12  JMP ($1234)',
    'F018  0A        ASL A',
    'F019  EA        NOP',
    'F01A  D0 FE     BNE $F01A',
    'F01C  10 80     BPL $EF9E',
    'F01E  AD 80 00  LDA.w $0080', // absolute although zero page would do: the assembler keeps it
    'F021  A7 80     lax $80', // undocumented: lower case
    'F023  02        .byte $02 ; jam',
    'F024  1A        .byte $1A ; nop', // a duplicate of NOP ($EA) the assembler would not give back
    'F025  EA        NOP',
  ]);
  t.end();
});

test('disasm: truncated instructions, runs of one byte and the vectors are data', (t) => {
  const lines = disassemble(new Uint8Array([0xad, 0x34]), 0xf000).map((l) => l.source);
  t.deepEqual(lines, ['.byte $AD', '.byte $34'], 'an instruction cut off by the end');
  const image = new Uint8Array(16).fill(0xff);
  image.set([0x20, 0x00, 0xf0, 0xea], 6); // JSR at $FFF6 runs into the vectors
  t.deepEqual(
    disassemble(image, 0xfff0).map((l) => l.text),
    [
      'FFF0  FF FF FF  isb $FFFF,X',
      'FFF3  FF FF FF  isb $FFFF,X',
      'FFF6  20 00 F0  JSR $F000',
      'FFF9  EA        NOP',
      'FFFA  FF FF     .word $FFFF ; NMI',
      'FFFC  FF FF     .word $FFFF ; RESET',
      'FFFE  FF FF     .word $FFFF ; IRQ/BRK',
    ],
  );
  const filled = disassemble(new Uint8Array(20), 0xf000);
  t.deepEqual(filled.map((l) => l.text), ['F000  00 ...    .fill 20, $00']);
  t.equal(filled[0].bytes.length, 20, 'the line holds every byte of the run');
  t.equal(disassemble(new Uint8Array(20), 0xf000, { count: 0 }).length, 0, 'count limits the lines');
  t.end();
});

/** The mode an operand's syntax shows (a branch's target looks absolute). */
function modeOf(operand: string, branch: boolean): Mode {
  const forms: [RegExp, Mode][] = [
    [/^$/, 'imp'], [/^A$/, 'acc'], [/^#\$[0-9A-F]{2}$/, 'imm'],
    [/^\$[0-9A-F]{2}$/, 'zp'], [/^\$[0-9A-F]{2},X$/, 'zpx'], [/^\$[0-9A-F]{2},Y$/, 'zpy'],
    [/^\$[0-9A-F]{4}$/, branch ? 'rel' : 'abs'], [/^\$[0-9A-F]{4},X$/, 'absx'], [/^\$[0-9A-F]{4},Y$/, 'absy'],
    [/^\(\$[0-9A-F]{4}\)$/, 'ind'], [/^\(\$[0-9A-F]{2},X\)$/, 'indx'], [/^\(\$[0-9A-F]{2}\),Y$/, 'indy'],
  ];
  const found = forms.find(([re]) => re.test(operand));
  if (found === undefined) throw new Error(`unknown operand syntax ${operand}`);
  return found[1];
}

test('disasm: every opcode gives back its table entry, and the assembler its bytes', (t) => {
  let documented = 0;
  for (const op of OPCODES) {
    const bytes = new Uint8Array([op.opcode, 0x34, 0x12]);
    const [line] = disassemble(bytes, 0xf000, { count: 1 });
    const label = `${hex(op.opcode)} ${op.mnemonic} ${op.mode}`;
    if (op.jams) {
      t.equal(line.source, `.byte ${hex(op.opcode)} ; jam`, `${label}: a JAM is data`);
      continue;
    }
    t.equal(line.opcode, op, `${label}: its table entry`);
    // Duplicates keep their bytes and show the instruction after the `;`.
    const shown = line.source.includes(';') ? line.source.slice(line.source.indexOf(';') + 2) : line.source;
    const [, mnemonic, operand] = /^([A-Za-z]+)(?:\.w)? ?(.*)$/.exec(shown)!;
    t.equal(mnemonic, op.documented ? op.mnemonic : op.mnemonic.toLowerCase(), `${label}: mnemonic`);
    t.equal(modeOf(operand, op.extra === 'branch'), op.mode, `${label}: mode from "${operand}"`);
    if (op.extra === 'branch') t.equal(operand, '$F036', `${label}: the target, $F002 + $34`);
    t.deepEqual([...reassemble(bytes.subarray(0, op.bytes), 0xf000)], [...bytes.subarray(0, op.bytes)], `${label}: reassembles`);
    if (op.documented) documented++;
  }
  t.equal(documented, 151, 'every documented opcode');
  t.end();
});

test('disasm: a whole cartridge reassembles to the same bytes', (t) => {
  const tiny = tinyRom();
  t.deepEqual(reassemble(tiny, 0xf800), tiny, 'the tiny test ROM');
  const pong = sharedFile('roms/pong.bin');
  if (pong === null) t.skip("Atari's Pong: ../shared/roms/pong.bin is absent");
  else t.deepEqual(reassemble(pong, 0xf800), pong, "Atari's Pong");
  t.end();
});
