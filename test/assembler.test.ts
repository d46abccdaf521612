import test from 'tape';
import { assemble, AsmError } from '../emulator/assembler.js';
import { OPCODES, MODE_BYTES, type Mode } from '../emulator/opcodes.js';
import { tinyRom } from './tiny-rom.js';

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

test('assembler: the tiny test ROM, written as source, gives the same bytes', (t) => {
  const { bytes, origin } = assemble(`
VSYNC = $00
WSYNC = $02
COLUBK = $09
count = $80
        .org $F800
start:  sei
        cld
        ldx #$FF
        txs
frame:  lda #2
        sta VSYNC
        sta WSYNC
        sta WSYNC
        sta WSYNC
        lda #0
        sta VSYNC          ; the frame ends here
        inc count
        lda count
        sta COLUBK
        ldx #0
.line:  sta WSYNC
        dex
        bne .line
        jmp frame
        .org $FFFC
        .word start, start
`);
  t.equal(origin, 0xf800);
  t.deepEqual(bytes, tinyRom());
  t.end();
});

test('assembler: every mode of every documented opcode encodes to the table', (t) => {
  const operand: Record<Mode, string> = {
    imp: '', acc: 'A', imm: '#$12', zp: '$12', zpx: '$12,X', zpy: '$12,y', abs: '$1234', absx: '$1234,x',
    absy: '$1234,Y', ind: '($1234)', indx: '($12,X)', indy: '($12),Y', rel: '*+4',
  };
  let checked = 0;
  for (const op of OPCODES) {
    if (!op.documented) continue;
    const { bytes } = assemble(` .org $1000\n ${op.mnemonic.toLowerCase()} ${operand[op.mode]}`);
    if (bytes[0] !== op.opcode || bytes.length !== MODE_BYTES[op.mode]) t.fail(`${op.mnemonic} ${op.mode}: ${hex(bytes)}`);
    checked++;
  }
  t.equal(checked, 151, 'all 151 documented opcodes');
  t.end();
});

test('assembler: zero page, forward names, .w, expressions, locals, directives', (t) => {
  const { bytes, symbols } = assemble(`
        .org $F000
a:      lda zpvar          ; a constant defined further down: still zero page
        lda.w $80          ; forced absolute
        lda fwd            ; a label defined later: absolute
        ldx #<table + 1
        ldy #>table
.loop:  dex
        bne .loop
b:
.loop:  bne .loop          ; another .loop, local to b
        .byte 1, 2, "AB", -1, 'z'
        .word $1234
        .fill 3, $EA
        .align 4, 0
table:  .byte (2 + 3) * 4, 7 / 2, 1 << 4 | 1, $FF & ~$0F, 5 > 3
fwd:
zpvar = $80
        .assert fwd - table == 5, "table size"
`);
  t.equal(hex(bytes.slice(0, 2)), 'a5 80', 'a constant defined after its use');
  t.equal(hex(bytes.slice(2, 5)), 'ad 80 00', 'lda.w');
  t.equal(bytes[5], 0xad, 'a label defined after its use: absolute');
  t.equal(symbols.get('a.loop'), 0xf00c);
  t.equal(symbols.get('b.loop'), 0xf00f);
  t.equal(hex(bytes.slice(0x0f, 0x11)), 'd0 fe');
  t.equal(hex(bytes.slice(0x11, 0x17)), '01 02 41 42 ff 7a');
  t.equal(hex(bytes.slice(0x17, 0x19)), '34 12');
  t.equal(hex(bytes.slice(0x19, 0x1c)), 'ea ea ea');
  const table = symbols.get('table')!;
  t.equal(table % 4, 0, '.align');
  t.equal(hex(bytes.slice(table - 0xf000, table - 0xf000 + 5)), '14 03 11 f0 01');
  t.equal(bytes[9], (table + 1) & 0xff, '#<');
  t.equal(bytes[11], table >> 8, '#>');
  t.equal(bytes[6] | (bytes[7] << 8), symbols.get('fwd'));
  const zp = assemble('v = $80\n .org 0\n lda v\n sta v,x\n ldx v,y\n lda (v),y\n lda (v,x)\n jmp (v)');
  t.equal(hex(zp.bytes), 'a5 80 95 80 b6 80 b1 80 a1 80 6c 80 00', 'zero-page forms when the value is known');
  t.end();
});

test('assembler: mistakes name the line', (t) => {
  const cases: [string, RegExp][] = [
    [' .org 0\n lda #256', /line 2: '256' is 256: does not fit in a byte/],
    [' .org 0\n bogus 1', /line 2: unknown instruction 'BOGUS'/],
    [' .org 0\n lda nowhere', /line 2: 'nowhere' is not defined/],
    [' .org 0\nx: nop\nx: nop', /line 3: 'x' is defined twice/],
    [' .org 0\n bne far\n .fill 200\nfar: nop', /line 2: branch to 'far' is 200 bytes away/],
    [' .org 0\n stx $1234,x', /line 2: STX has no indexed ,X form/],
    [' .org 0\n nop\n .assert * == 0, "not at zero"', /line 3: not at zero/],
    [' .org 0\n .frob', /line 2: unknown directive .FROB/],
    [' .org 0\n nop\n .org 0\n nop', /line 4: address \$0 is written twice/],
    ['', /produces no bytes/],
  ];
  for (const [source, message] of cases) t.throws(() => assemble(source), (e: unknown) => e instanceof AsmError && message.test(e.message), message.source);
  t.end();
});
