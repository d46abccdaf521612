/*
 * The 6502's 256 opcodes, once: mnemonic, addressing mode, length, base cycles and
 * the page-crossing rule. The interpreter's generator, the block translator, the
 * assembler and the disassembler all read this table (test/opcodes.test.ts holds
 * its cycle counts to the reference core). What each documented opcode does, its
 * operation, is in opcode-ops.ts.
 */

export type Mode =
  | 'imp' // implied (no operand)
  | 'acc' // accumulator: ASL A
  | 'imm' // #$nn
  | 'zp' // $nn
  | 'zpx' // $nn,X
  | 'zpy' // $nn,Y
  | 'abs' // $nnnn
  | 'absx' // $nnnn,X
  | 'absy' // $nnnn,Y
  | 'ind' // ($nnnn): JMP only
  | 'indx' // ($nn,X)
  | 'indy' // ($nn),Y
  | 'rel'; // branch offset

/** Bytes an instruction of each mode takes, opcode included. */
export const MODE_BYTES: Readonly<Record<Mode, number>> = {
  imp: 1, acc: 1, imm: 2, zp: 2, zpx: 2, zpy: 2, abs: 3, absx: 3, absy: 3, ind: 3, indx: 2, indy: 2, rel: 2,
};

/**
 * How an instruction's cycle count can grow: 'none'; 'page', +1 when an indexed
 * read's address crosses a page; 'branch', +1 when taken and +1 more when the
 * target is on another page.
 */
export type Extra = 'none' | 'page' | 'branch';

export interface Opcode {
  readonly opcode: number;
  readonly mnemonic: string;
  readonly mode: Mode;
  readonly bytes: number;
  /** Cycles without a page crossing or a taken branch. */
  readonly cycles: number;
  readonly extra: Extra;
  /** Part of the documented NMOS instruction set. */
  readonly documented: boolean;
  /** JAM (KIL): locks the CPU until reset. */
  readonly jams: boolean;
}

// Each entry: opcode, mnemonic, mode, cycles ('+' = the opcode's extra rule applies).
// Lowercase mnemonics are the undocumented opcodes.
const TABLE = `
00 BRK imp 7   01 ORA indx 6  02 jam imp 0   03 slo indx 8  04 nop zp 3    05 ORA zp 3    06 ASL zp 5    07 slo zp 5
08 PHP imp 3   09 ORA imm 2   0a ASL acc 2   0b anc imm 2   0c nop abs 4   0d ORA abs 4   0e ASL abs 6   0f slo abs 6
10 BPL rel 2+  11 ORA indy 5+ 12 jam imp 0   13 slo indy 8  14 nop zpx 4   15 ORA zpx 4   16 ASL zpx 6   17 slo zpx 6
18 CLC imp 2   19 ORA absy 4+ 1a nop imp 2   1b slo absy 7  1c nop absx 4+ 1d ORA absx 4+ 1e ASL absx 7  1f slo absx 7
20 JSR abs 6   21 AND indx 6  22 jam imp 0   23 rla indx 8  24 BIT zp 3    25 AND zp 3    26 ROL zp 5    27 rla zp 5
28 PLP imp 4   29 AND imm 2   2a ROL acc 2   2b anc imm 2   2c BIT abs 4   2d AND abs 4   2e ROL abs 6   2f rla abs 6
30 BMI rel 2+  31 AND indy 5+ 32 jam imp 0   33 rla indy 8  34 nop zpx 4   35 AND zpx 4   36 ROL zpx 6   37 rla zpx 6
38 SEC imp 2   39 AND absy 4+ 3a nop imp 2   3b rla absy 7  3c nop absx 4+ 3d AND absx 4+ 3e ROL absx 7  3f rla absx 7
40 RTI imp 6   41 EOR indx 6  42 jam imp 0   43 sre indx 8  44 nop zp 3    45 EOR zp 3    46 LSR zp 5    47 sre zp 5
48 PHA imp 3   49 EOR imm 2   4a LSR acc 2   4b alr imm 2   4c JMP abs 3   4d EOR abs 4   4e LSR abs 6   4f sre abs 6
50 BVC rel 2+  51 EOR indy 5+ 52 jam imp 0   53 sre indy 8  54 nop zpx 4   55 EOR zpx 4   56 LSR zpx 6   57 sre zpx 6
58 CLI imp 2   59 EOR absy 4+ 5a nop imp 2   5b sre absy 7  5c nop absx 4+ 5d EOR absx 4+ 5e LSR absx 7  5f sre absx 7
60 RTS imp 6   61 ADC indx 6  62 jam imp 0   63 rra indx 8  64 nop zp 3    65 ADC zp 3    66 ROR zp 5    67 rra zp 5
68 PLA imp 4   69 ADC imm 2   6a ROR acc 2   6b arr imm 2   6c JMP ind 5   6d ADC abs 4   6e ROR abs 6   6f rra abs 6
70 BVS rel 2+  71 ADC indy 5+ 72 jam imp 0   73 rra indy 8  74 nop zpx 4   75 ADC zpx 4   76 ROR zpx 6   77 rra zpx 6
78 SEI imp 2   79 ADC absy 4+ 7a nop imp 2   7b rra absy 7  7c nop absx 4+ 7d ADC absx 4+ 7e ROR absx 7  7f rra absx 7
80 nop imm 2   81 STA indx 6  82 nop imm 2   83 sax indx 6  84 STY zp 3    85 STA zp 3    86 STX zp 3    87 sax zp 3
88 DEY imp 2   89 nop imm 2   8a TXA imp 2   8b ane imm 2   8c STY abs 4   8d STA abs 4   8e STX abs 4   8f sax abs 4
90 BCC rel 2+  91 STA indy 6  92 jam imp 0   93 sha indy 6  94 STY zpx 4   95 STA zpx 4   96 STX zpy 4   97 sax zpy 4
98 TYA imp 2   99 STA absy 5  9a TXS imp 2   9b tas absy 5  9c shy absx 5  9d STA absx 5  9e shx absy 5  9f sha absy 5
a0 LDY imm 2   a1 LDA indx 6  a2 LDX imm 2   a3 lax indx 6  a4 LDY zp 3    a5 LDA zp 3    a6 LDX zp 3    a7 lax zp 3
a8 TAY imp 2   a9 LDA imm 2   aa TAX imp 2   ab lxa imm 2   ac LDY abs 4   ad LDA abs 4   ae LDX abs 4   af lax abs 4
b0 BCS rel 2+  b1 LDA indy 5+ b2 jam imp 0   b3 lax indy 5+ b4 LDY zpx 4   b5 LDA zpx 4   b6 LDX zpy 4   b7 lax zpy 4
b8 CLV imp 2   b9 LDA absy 4+ ba TSX imp 2   bb las absy 4+ bc LDY absx 4+ bd LDA absx 4+ be LDX absy 4+ bf lax absy 4+
c0 CPY imm 2   c1 CMP indx 6  c2 nop imm 2   c3 dcp indx 8  c4 CPY zp 3    c5 CMP zp 3    c6 DEC zp 5    c7 dcp zp 5
c8 INY imp 2   c9 CMP imm 2   ca DEX imp 2   cb sbx imm 2   cc CPY abs 4   cd CMP abs 4   ce DEC abs 6   cf dcp abs 6
d0 BNE rel 2+  d1 CMP indy 5+ d2 jam imp 0   d3 dcp indy 8  d4 nop zpx 4   d5 CMP zpx 4   d6 DEC zpx 6   d7 dcp zpx 6
d8 CLD imp 2   d9 CMP absy 4+ da nop imp 2   db dcp absy 7  dc nop absx 4+ dd CMP absx 4+ de DEC absx 7  df dcp absx 7
e0 CPX imm 2   e1 SBC indx 6  e2 nop imm 2   e3 isb indx 8  e4 CPX zp 3    e5 SBC zp 3    e6 INC zp 5    e7 isb zp 5
e8 INX imp 2   e9 SBC imm 2   ea NOP imp 2   eb sbc imm 2   ec CPX abs 4   ed SBC abs 4   ee INC abs 6   ef isb abs 6
f0 BEQ rel 2+  f1 SBC indy 5+ f2 jam imp 0   f3 isb indy 8  f4 nop zpx 4   f5 SBC zpx 4   f6 INC zpx 6   f7 isb zpx 6
f8 SED imp 2   f9 SBC absy 4+ fa nop imp 2   fb isb absy 7  fc nop absx 4+ fd SBC absx 4+ fe INC absx 7  ff isb absx 7
`;

/** All 256 opcodes, indexed by opcode. */
export const OPCODES: readonly Opcode[] = (() => {
  const words = TABLE.trim().split(/\s+/);
  const out: Opcode[] = [];
  for (let i = 0; i < words.length; i += 4) {
    const opcode = parseInt(words[i], 16);
    const name = words[i + 1];
    const mode = words[i + 2] as Mode;
    const plus = words[i + 3].endsWith('+');
    if (out[opcode] !== undefined || !(mode in MODE_BYTES)) throw new Error(`opcode table: bad entry ${words.slice(i, i + 4).join(' ')}`);
    out[opcode] = Object.freeze({
      opcode,
      mnemonic: name.toUpperCase(),
      mode,
      bytes: MODE_BYTES[mode],
      cycles: parseInt(words[i + 3], 10),
      extra: plus ? (mode === 'rel' ? 'branch' : 'page') : 'none',
      documented: name === name.toUpperCase(),
      jams: name === 'jam',
    } satisfies Opcode);
  }
  if (out.length !== 256 || out.includes(undefined as unknown as Opcode)) throw new Error('opcode table: not 256 entries');
  return Object.freeze(out);
})();

/**
 * The opcode an assembler emits for a mnemonic in a mode: the documented one when
 * there is one (SBC #, NOP), else the lowest undocumented one; undefined if none.
 */
export function opcodeFor(mnemonic: string, mode: Mode): Opcode | undefined {
  let found: Opcode | undefined;
  for (const op of OPCODES) {
    if (op.mnemonic !== mnemonic || op.mode !== mode || op.jams) continue;
    if (op.documented) return op;
    found ??= op;
  }
  return found;
}

/** Every mnemonic the table knows (upper case), documented and undocumented. */
export const MNEMONICS: ReadonlySet<string> = new Set(OPCODES.map((op) => op.mnemonic));
