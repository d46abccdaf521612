import test from 'tape';
import { Cpu } from '../emulator/cpu.js';
import { FlatBus } from '../emulator/flat-bus.js';

// Every opcode's cycles, branches included, are in test/opcodes.test.ts (the opcode table against both cores).

test('reset takes 7 cycles and loads the vector at $FFFC', (t) => {
  const bus = new FlatBus();
  bus.memory[0xfffc] = 0x34;
  bus.memory[0xfffd] = 0xf2;
  const cpu = new Cpu(bus);
  cpu.status = 0;
  cpu.reset();
  t.equal(cpu.cycles, 7);
  t.equal(cpu.pc, 0xf234);
  t.equal(cpu.sp, 0xfd);
  t.ok(cpu.status & 0x04, 'I set');
  t.end();
});
