import test from 'tape';
import type { Bus } from '../emulator/bus.js';
import { Cpu } from '../emulator/cpu.js';

/** Logs every access as "R $addr $value @cycle" (cycle = cpu.cycles seen by the bus). */
class RecordingBus implements Bus {
  readonly memory = new Uint8Array(65536);
  readonly log: string[] = [];
  cpu: Cpu | null = null;
  /** Cycles a write to $0002 (WSYNC's address on the 2600) adds, to model a stall. */
  stall = 0;

  read(address: number): number {
    const v = this.memory[address];
    this.log.push(`R ${h4(address)} ${h2(v)} @${this.cpu!.cycles}`);
    return v;
  }

  write(address: number, value: number): void {
    this.log.push(`W ${h4(address)} ${h2(value)} @${this.cpu!.cycles}`);
    this.memory[address] = value;
    if (address === 0x0002 && this.stall) this.cpu!.cycles += this.stall;
  }
}

const h2 = (n: number) => '$' + n.toString(16).toUpperCase().padStart(2, '0');
const h4 = (n: number) => '$' + n.toString(16).toUpperCase().padStart(4, '0');

function machine(bytes: number[], regs: { x?: number; y?: number; a?: number } = {}) {
  const bus = new RecordingBus();
  bus.memory.set(bytes, 0x0200);
  const cpu = new Cpu(bus);
  bus.cpu = cpu;
  cpu.pc = 0x0200;
  cpu.x = regs.x ?? 0;
  cpu.y = regs.y ?? 0;
  cpu.a = regs.a ?? 0;
  return { bus, cpu };
}

test('INC abs,X across a page: dummy read at the un-carried address, then old and new writes', (t) => {
  const { bus, cpu } = machine([0xfe, 0xf0, 0x10], { x: 0x20 });
  bus.memory[0x1010] = 0x99;
  bus.memory[0x1110] = 0x41;
  const cycles = cpu.step();
  t.deepEqual(bus.log, [
    'R $0200 $FE @1',
    'R $0201 $F0 @2',
    'R $0202 $10 @3',
    'R $1010 $99 @4', // $10F0 + $20 before the carry reaches the high byte
    'R $1110 $41 @5',
    'W $1110 $41 @6', // the unmodified value goes back first
    'W $1110 $42 @7',
  ]);
  t.equal(cycles, 7);
  t.end();
});

test('INC abs,X on the same page still makes the dummy read', (t) => {
  const { bus, cpu } = machine([0xfe, 0xf0, 0x10], { x: 0x01 });
  bus.memory[0x10f1] = 0xff;
  cpu.step();
  t.deepEqual(bus.log, [
    'R $0200 $FE @1', 'R $0201 $F0 @2', 'R $0202 $10 @3',
    'R $10F1 $FF @4', 'R $10F1 $FF @5', 'W $10F1 $FF @6', 'W $10F1 $00 @7',
  ]);
  t.end();
});

test('LDA abs,X: the un-carried read happens only across a page', (t) => {
  let m = machine([0xbd, 0xf0, 0x10], { x: 0x20 });
  m.bus.memory[0x1110] = 0x5a;
  t.equal(m.cpu.step(), 5);
  t.deepEqual(m.bus.log, ['R $0200 $BD @1', 'R $0201 $F0 @2', 'R $0202 $10 @3', 'R $1010 $00 @4', 'R $1110 $5A @5']);
  t.equal(m.cpu.a, 0x5a);
  m = machine([0xbd, 0xf0, 0x10], { x: 0x01 });
  t.equal(m.cpu.step(), 4);
  t.deepEqual(m.bus.log, ['R $0200 $BD @1', 'R $0201 $F0 @2', 'R $0202 $10 @3', 'R $10F1 $00 @4']);
  t.end();
});

test('STA abs,Y and STA (zp),Y always read the un-carried address before writing', (t) => {
  let m = machine([0x99, 0xf0, 0x10], { y: 0x01, a: 0x77 });
  m.cpu.step();
  t.deepEqual(m.bus.log, ['R $0200 $99 @1', 'R $0201 $F0 @2', 'R $0202 $10 @3', 'R $10F1 $00 @4', 'W $10F1 $77 @5']);
  m = machine([0x91, 0x40], { y: 0x20, a: 0x77 });
  m.bus.memory[0x40] = 0xf0;
  m.bus.memory[0x41] = 0x10;
  m.cpu.step();
  t.deepEqual(m.bus.log, ['R $0200 $91 @1', 'R $0201 $40 @2', 'R $0040 $F0 @3', 'R $0041 $10 @4', 'R $1010 $00 @5', 'W $1110 $77 @6']);
  t.end();
});

test('LDA (zp),Y across a page and (zp,X) pointer wrap stay in page 0', (t) => {
  let m = machine([0xb1, 0xff], { y: 0x20 });
  m.bus.memory[0xff] = 0xf0;
  m.bus.memory[0x00] = 0x10; // pointer high byte wraps to $00, not $0100
  m.cpu.step();
  t.deepEqual(m.bus.log, ['R $0200 $B1 @1', 'R $0201 $FF @2', 'R $00FF $F0 @3', 'R $0000 $10 @4', 'R $1010 $00 @5', 'R $1110 $00 @6']);
  m = machine([0xa1, 0xfe], { x: 0x01 });
  m.cpu.step();
  t.deepEqual(m.bus.log, ['R $0200 $A1 @1', 'R $0201 $FE @2', 'R $00FE $00 @3', 'R $00FF $00 @4', 'R $0000 $00 @5', 'R $0000 $00 @6']);
  t.end();
});

test('INC zp,X: base read on page 0 and the sum wraps within page 0', (t) => {
  const { bus, cpu } = machine([0xf6, 0xf0], { x: 0x20 });
  bus.memory[0x10] = 0x7f;
  t.equal(cpu.step(), 6);
  t.deepEqual(bus.log, ['R $0200 $F6 @1', 'R $0201 $F0 @2', 'R $00F0 $00 @3', 'R $0010 $7F @4', 'W $0010 $7F @5', 'W $0010 $80 @6']);
  t.end();
});

test('undocumented RMW (DCP abs,Y) writes old then new value', (t) => {
  const { bus, cpu } = machine([0xdb, 0xff, 0x30], { y: 0x01, a: 0x10 });
  bus.memory[0x3100] = 0x11;
  t.equal(cpu.step(), 7);
  t.deepEqual(bus.log, ['R $0200 $DB @1', 'R $0201 $FF @2', 'R $0202 $30 @3', 'R $3000 $00 @4', 'R $3100 $11 @5', 'W $3100 $11 @6', 'W $3100 $10 @7']);
  t.end();
});

test('JMP ($xxFF) takes the high byte from the start of the same page', (t) => {
  const { bus, cpu } = machine([0x6c, 0xff, 0x10]);
  bus.memory[0x10ff] = 0x34;
  bus.memory[0x1000] = 0x12;
  bus.memory[0x1100] = 0x99;
  cpu.step();
  t.equal(cpu.pc, 0x1234);
  t.deepEqual(bus.log.slice(3), ['R $10FF $34 @4', 'R $1000 $12 @5']);
  t.end();
});

test('stack: JSR/RTS and BRK/RTI push and pull the right bytes', (t) => {
  const { bus, cpu } = machine([0x20, 0x00, 0x30]);
  bus.memory[0x3000] = 0x60; // RTS
  cpu.sp = 0xff;
  t.equal(cpu.step(), 6, 'JSR 6 cycles');
  t.deepEqual(bus.log, ['R $0200 $20 @1', 'R $0201 $00 @2', 'W $01FF $02 @4', 'W $01FE $02 @5', 'R $0202 $30 @6'], 'JSR pushes the address of its last byte');
  t.equal(cpu.step(), 6, 'RTS 6 cycles');
  t.equal(cpu.pc, 0x0203, 'RTS returns after the JSR');

  const m = machine([0x00, 0xea]);
  m.bus.memory[0xfffe] = 0x00;
  m.bus.memory[0xffff] = 0x40;
  m.bus.memory[0x4000] = 0x40; // RTI
  m.cpu.sp = 0xff;
  m.cpu.status = 0xc3; // N V Z C
  t.equal(m.cpu.step(), 7, 'BRK 7 cycles');
  t.equal(m.cpu.pc, 0x4000, 'BRK goes through $FFFE');
  t.deepEqual([m.bus.memory[0x1ff], m.bus.memory[0x1fe], m.bus.memory[0x1fd]], [0x02, 0x02, 0xf3], 'BRK pushes PC+2 and P with B and bit 5 set');
  t.ok(m.cpu.status & 0x04, 'BRK sets I');
  t.equal(m.cpu.step(), 6, 'RTI 6 cycles');
  t.equal(m.cpu.pc, 0x0202);
  t.equal(m.cpu.status, 0xf3, 'RTI restores the flags');

  const p = machine([0x08, 0x28]); // PHP, PLP
  p.cpu.sp = 0xff;
  p.cpu.status = 0x00;
  p.cpu.step();
  t.equal(p.bus.memory[0x1ff], 0x30, 'PHP pushes B and bit 5 set');
  p.bus.memory[0x1ff] = 0xff;
  p.cpu.step();
  t.equal(p.cpu.status, 0xff, 'PLP takes all real flags');
  t.end();
});

test('a write handler that adds cycles stalls the CPU and step() reports it', (t) => {
  const { bus, cpu } = machine([0x85, 0x02, 0xa9, 0x01]); // STA WSYNC; LDA #1
  bus.stall = 10;
  t.equal(cpu.step(), 13, 'STA zp 3 cycles + 10 stalled');
  t.equal(cpu.cycles, 13);
  cpu.step();
  t.equal(bus.log[bus.log.length - 2], 'R $0202 $A9 @14', 'the next fetch lands after the stall');
  t.end();
});

test('JAM opcodes stop the CPU and report their address', (t) => {
  for (const op of [0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xb2, 0xd2, 0xf2]) {
    const { cpu } = machine([0xea, op, 0xea]);
    cpu.step();
    cpu.step();
    t.ok(cpu.jammed, `$${op.toString(16)} jams`);
    t.equal(cpu.jamAddress, 0x0201, `$${op.toString(16)} reports $0201`);
    const cycles = cpu.cycles;
    t.equal(cpu.step(), 0, 'a jammed step does nothing');
    t.equal(cpu.cycles, cycles, 'and counts no cycles');
    t.equal(cpu.pc, 0x0201, 'PC stays on the JAM');
  }
  const { bus, cpu } = machine([0x02]);
  cpu.step();
  bus.memory[0xfffc] = 0x00;
  bus.memory[0xfffd] = 0x02;
  bus.memory[0x0200] = 0xea;
  cpu.reset();
  t.notOk(cpu.jammed, 'reset clears the jam');
  t.equal(cpu.step(), 2, 'and the CPU runs again');
  t.end();
});
