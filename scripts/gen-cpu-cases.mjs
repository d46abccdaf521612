// How the documented-opcode cases of Cpu.interpret() in emulator/cpu.ts were written out:
// node scripts/gen-cpu-cases.mjs prints them. Kept so the interpreter can be regenerated
// and checked against it; test/cpu-reference.test.ts holds it to the reference core.
const I = '        ';
const RD = (ad) => `cyc++; v = data = (o = rm[${ad} >> 7]) >= 0 ? mem[o + (${ad} & 127)] : this.busRead(${ad}, cyc, data);`;
const FETCH = `cyc++; v = data = (o = rm[pc >> 7]) >= 0 ? mem[o + (pc & 127)] : this.busRead(pc, cyc, data); pc = (pc + 1) & 0xffff;`;
const WR = (ad, val) => `cyc++; data = ${val}; if ((o = wm[${ad} >> 7]) >= 0) mem[o + (${ad} & 127)] = data; else cyc = this.busWrite(${ad}, data, cyc);`;
const modes = {
  imm: [FETCH],
  zp: [FETCH, 'ad = v;'],
  zpx: [FETCH, 'ad = v;', RD('ad'), 'ad = (ad + x) & 0xff;'],
  zpy: [FETCH, 'ad = v;', RD('ad'), 'ad = (ad + y) & 0xff;'],
  abs: [FETCH, 'lo = v;', FETCH, 'ad = lo | (v << 8);'],
  absxR: [FETCH, 'lo = v + x;', FETCH, 'hi = v << 8;', 'if (lo > 0xff) {', '  ad = hi | (lo & 0xff);', '  ' + RD('ad'), '}', 'ad = (hi + lo) & 0xffff;'],
  absyR: [FETCH, 'lo = v + y;', FETCH, 'hi = v << 8;', 'if (lo > 0xff) {', '  ad = hi | (lo & 0xff);', '  ' + RD('ad'), '}', 'ad = (hi + lo) & 0xffff;'],
  absxW: [FETCH, 'lo = v + x;', FETCH, 'hi = v << 8;', 'ad = hi | (lo & 0xff);', RD('ad'), 'ad = (hi + lo) & 0xffff;'],
  absyW: [FETCH, 'lo = v + y;', FETCH, 'hi = v << 8;', 'ad = hi | (lo & 0xff);', RD('ad'), 'ad = (hi + lo) & 0xffff;'],
  indx: [FETCH, 't = v;', RD('t'), 't = (t + x) & 0xff;', RD('t'), 'lo = v;', 't = (t + 1) & 0xff;', RD('t'), 'ad = lo | (v << 8);'],
  indyR: [FETCH, 't = v;', RD('t'), 'lo = v + y;', 't = (t + 1) & 0xff;', RD('t'), 'hi = v << 8;', 'if (lo > 0xff) {', '  ad = hi | (lo & 0xff);', '  ' + RD('ad'), '}', 'ad = (hi + lo) & 0xffff;'],
  indyW: [FETCH, 't = v;', RD('t'), 'lo = v + y;', 't = (t + 1) & 0xff;', RD('t'), 'hi = v << 8;', 'ad = hi | (lo & 0xff);', RD('ad'), 'ad = (hi + lo) & 0xffff;'],
};
const ADC = ['if (fd === 0) {', '  t = a + v + fc;', '  fv = ((~(a ^ v) & (a ^ t)) >> 7) & 1;', '  fc = t >> 8;', '  a = fn = fz = t & 0xff;', '} else {',
  '  t = decimalAdc(a, v, fc);', '  a = t & 0xff;', '  fn = (t >> 8) & 0xff;', '  fz = (t >> 16) & 0xff;', '  fv = (t >> 24) & 1;', '  fc = (t >> 25) & 1;', '}'];
const SBC = ['t = a - v - (fc ^ 1);', 'fv = (((a ^ v) & (a ^ t)) >> 7) & 1;', 'fn = fz = t & 0xff;', 'a = fd === 0 ? t & 0xff : decimalSbc(a, v, fc);', 'fc = t >= 0 ? 1 : 0;'];
const cmp = (r) => [`t = ${r} - v;`, 'fc = t >= 0 ? 1 : 0;', 'fn = fz = t & 0xff;'];
const readOps = {
  LDA: ['a = fn = fz = v;'], LDX: ['x = fn = fz = v;'], LDY: ['y = fn = fz = v;'],
  ORA: ['a = fn = fz = a | v;'], AND: ['a = fn = fz = a & v;'], EOR: ['a = fn = fz = a ^ v;'],
  ADC, SBC, CMP: cmp('a'), CPX: cmp('x'), CPY: cmp('y'),
  BIT: ['fn = v;', 'fv = (v >> 6) & 1;', 'fz = a & v;'],
};
const rmwOps = {
  ASL: ['fc = v >> 7;', 'v = fn = fz = (v << 1) & 0xff;'],
  LSR: ['fc = v & 1;', 'v = fn = fz = v >> 1;'],
  ROL: ['t = ((v << 1) | fc) & 0xff;', 'fc = v >> 7;', 'v = fn = fz = t;'],
  ROR: ['t = (v >> 1) | (fc << 7);', 'fc = v & 1;', 'v = fn = fz = t;'],
  INC: ['v = fn = fz = (v + 1) & 0xff;'],
  DEC: ['v = fn = fz = (v - 1) & 0xff;'],
};
const out = [];
const emit = (op, name, lines) => {
  out.push(`${I}case 0x${op.toString(16).padStart(2, '0')}: { // ${name}`);
  for (const l of lines) out.push(I + '  ' + l);
  out.push(`${I}  break;`, `${I}}`);
};
/** "op:MNEMONIC:mode ..." -> [opcode, mnemonic, mode] triples. */
const parse = (spec) => spec.trim().split(/\s+/).map((t) => { const [op, mn, md] = t.split(':'); return [parseInt(op, 16), mn, md]; });
const reads = parse(`a9:LDA:imm a5:LDA:zp b5:LDA:zpx ad:LDA:abs bd:LDA:absxR b9:LDA:absyR a1:LDA:indx b1:LDA:indyR
a2:LDX:imm a6:LDX:zp b6:LDX:zpy ae:LDX:abs be:LDX:absyR a0:LDY:imm a4:LDY:zp b4:LDY:zpx ac:LDY:abs bc:LDY:absxR
09:ORA:imm 05:ORA:zp 15:ORA:zpx 0d:ORA:abs 1d:ORA:absxR 19:ORA:absyR 01:ORA:indx 11:ORA:indyR
29:AND:imm 25:AND:zp 35:AND:zpx 2d:AND:abs 3d:AND:absxR 39:AND:absyR 21:AND:indx 31:AND:indyR
49:EOR:imm 45:EOR:zp 55:EOR:zpx 4d:EOR:abs 5d:EOR:absxR 59:EOR:absyR 41:EOR:indx 51:EOR:indyR
69:ADC:imm 65:ADC:zp 75:ADC:zpx 6d:ADC:abs 7d:ADC:absxR 79:ADC:absyR 61:ADC:indx 71:ADC:indyR
e9:SBC:imm e5:SBC:zp f5:SBC:zpx ed:SBC:abs fd:SBC:absxR f9:SBC:absyR e1:SBC:indx f1:SBC:indyR
c9:CMP:imm c5:CMP:zp d5:CMP:zpx cd:CMP:abs dd:CMP:absxR d9:CMP:absyR c1:CMP:indx d1:CMP:indyR
e0:CPX:imm e4:CPX:zp ec:CPX:abs c0:CPY:imm c4:CPY:zp cc:CPY:abs 24:BIT:zp 2c:BIT:abs`);
const stores = parse(`85:STA:zp 95:STA:zpx 8d:STA:abs 9d:STA:absxW 99:STA:absyW 81:STA:indx 91:STA:indyW 86:STX:zp 96:STX:zpy 8e:STX:abs 84:STY:zp 94:STY:zpx 8c:STY:abs`);
const rmws = parse(`06:ASL:zp 16:ASL:zpx 0e:ASL:abs 1e:ASL:absxW 46:LSR:zp 56:LSR:zpx 4e:LSR:abs 5e:LSR:absxW 26:ROL:zp 36:ROL:zpx 2e:ROL:abs 3e:ROL:absxW
66:ROR:zp 76:ROR:zpx 6e:ROR:abs 7e:ROR:absxW e6:INC:zp f6:INC:zpx ee:INC:abs fe:INC:absxW c6:DEC:zp d6:DEC:zpx ce:DEC:abs de:DEC:absxW`);
const all = [];
for (const [op, mn, md] of reads) all.push([op, `${mn} ${md.replace(/[RW]$/, '')}`, [...modes[md], ...(md === 'imm' ? [] : [RD('ad')]), ...readOps[mn]]]);
for (const [op, mn, md] of stores) all.push([op, `${mn} ${md.replace(/[RW]$/, '')}`, [...modes[md], WR('ad', mn === 'STA' ? 'a' : mn === 'STX' ? 'x' : 'y')]]);
for (const [op, mn, md] of rmws) all.push([op, `${mn} ${md.replace(/[RW]$/, '')}`, [...modes[md], RD('ad'), WR('ad', 'v'), ...rmwOps[mn], WR('ad', 'v')]]);
for (const [op, mn] of [[0x0a, 'ASL'], [0x4a, 'LSR'], [0x2a, 'ROL'], [0x6a, 'ROR']]) all.push([op, `${mn} A`, ['cyc++;', 'v = a;', ...rmwOps[mn], 'a = v;']]);
const impl = {
  0xaa: ['TAX', 'x = fn = fz = a;'], 0xa8: ['TAY', 'y = fn = fz = a;'], 0x8a: ['TXA', 'a = fn = fz = x;'], 0x98: ['TYA', 'a = fn = fz = y;'],
  0xba: ['TSX', 'x = fn = fz = sp;'], 0x9a: ['TXS', 'sp = x;'], 0xe8: ['INX', 'x = fn = fz = (x + 1) & 0xff;'], 0xc8: ['INY', 'y = fn = fz = (y + 1) & 0xff;'],
  0xca: ['DEX', 'x = fn = fz = (x - 1) & 0xff;'], 0x88: ['DEY', 'y = fn = fz = (y - 1) & 0xff;'], 0x18: ['CLC', 'fc = 0;'], 0x38: ['SEC', 'fc = 1;'],
  0x58: ['CLI', 'fi = 0;'], 0x78: ['SEI', 'fi = 1;'], 0xd8: ['CLD', 'fd = 0;'], 0xf8: ['SED', 'fd = 1;'], 0xb8: ['CLV', 'fv = 0;'], 0xea: ['NOP', ''],
};
for (const [op, [mn, body]] of Object.entries(impl)) all.push([+op, mn, ['cyc++;', ...(body ? [body] : [])]]);
const br = { 0x10: ['BPL', '(fn & 0x80) === 0'], 0x30: ['BMI', '(fn & 0x80) !== 0'], 0x50: ['BVC', 'fv === 0'], 0x70: ['BVS', 'fv !== 0'],
  0x90: ['BCC', 'fc === 0'], 0xb0: ['BCS', 'fc !== 0'], 0xd0: ['BNE', 'fz !== 0'], 0xf0: ['BEQ', 'fz === 0'] };
for (const [op, [mn, cond]] of Object.entries(br)) all.push([+op, mn, [FETCH, `if (${cond}) {`, '  t = (pc + ((v ^ 0x80) - 0x80)) & 0xffff;', '  cyc += ((pc ^ t) & 0xff00) === 0 ? 1 : 2;', '  pc = t;', '}']]);
const STATUS = '(fn & 0x80) | (fv << 6) | 0x30 | (fd << 3) | (fi << 2) | (fz === 0 ? 2 : 0) | fc';
const PUSH = (val) => ['ad = 0x100 | sp;', WR('ad', val), 'sp = (sp - 1) & 0xff;'];
const PULL = ['sp = (sp + 1) & 0xff;', 'ad = 0x100 | sp;', RD('ad')];
const SETP = ['fn = v & 0x80;', 'fv = (v >> 6) & 1;', 'fd = (v >> 3) & 1;', 'fi = (v >> 2) & 1;', 'fz = (v & 2) ^ 2;', 'fc = v & 1;'];
all.push([0x4c, 'JMP abs', [FETCH, 'lo = v;', FETCH, 'pc = lo | (v << 8);']]);
all.push([0x6c, 'JMP (ind)', [...modes.abs, RD('ad'), 'lo = v;', 'ad = (ad & 0xff00) | ((ad + 1) & 0xff);', RD('ad'), 'pc = lo | (v << 8);']]);
all.push([0x20, 'JSR', [FETCH, 'lo = v;', 'cyc++;', ...PUSH('pc >> 8'), ...PUSH('pc & 0xff'), RD('pc'), 'pc = lo | (v << 8);']]);
all.push([0x60, 'RTS', ['cyc += 2;', ...PULL, 'lo = v;', ...PULL, 'pc = ((lo | (v << 8)) + 1) & 0xffff;', 'cyc++;']]);
all.push([0x40, 'RTI', ['cyc += 2;', ...PULL, ...SETP, ...PULL, 'lo = v;', ...PULL, 'pc = lo | (v << 8);']]);
all.push([0x48, 'PHA', ['cyc++;', ...PUSH('a')]]);
all.push([0x08, 'PHP', ['cyc++;', ...PUSH(STATUS)]]);
all.push([0x68, 'PLA', ['cyc += 2;', ...PULL, 'a = fn = fz = v;']]);
all.push([0x28, 'PLP', ['cyc += 2;', ...PULL, ...SETP]]);
all.push([0x00, 'BRK', ['cyc++;', 'pc = (pc + 1) & 0xffff;', ...PUSH('pc >> 8'), ...PUSH('pc & 0xff'), ...PUSH(STATUS), 'fi = 1;', 'ad = 0xfffe;', RD('ad'), 'lo = v;', 'ad = 0xffff;', RD('ad'), 'pc = lo | (v << 8);']]);
all.sort((p, q) => p[0] - q[0]);
for (const [op, name, lines] of all) emit(op, name, lines);
console.log(out.join('\n'));
console.error(all.length, 'opcodes');
