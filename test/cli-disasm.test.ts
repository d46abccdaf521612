import test from 'tape';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './paths.js';
import { tinyRom } from './tiny-rom.js';

const tmp = mkdtempSync(join(tmpdir(), 'pong-train-disasm-'));
const tiny = join(tmp, 'tiny.bin');
writeFileSync(tiny, tinyRom());

function disasm(...args: string[]): { code: number | null; out: string[]; err: string[] } {
  const r = spawnSync(process.execPath, [join(projectRoot, 'dist', 'cli', 'main.js'), 'disasm', ...args], { encoding: 'utf8' });
  const lines = (s: string) => (s.trim() === '' ? [] : s.trimEnd().split('\n'));
  return { code: r.status, out: lines(r.stdout), err: lines(r.stderr) };
}

test('cli disasm: a 2K cartridge at $F800, its reset vector, code, fill and vectors', (t) => {
  const r = disasm(tiny);
  t.equal(r.code, 0, r.err.join('\n'));
  t.equal(r.out[0], `; an unknown cartridge (${tiny}): 2K cartridge, 2048 bytes, at $F800-$FFFF`);
  t.deepEqual(r.out.slice(1, 6), [
    '; reset vector $F800',
    'reset:',
    'F800  78        SEI',
    'F801  D8        CLD',
    'F802  A2 FF     LDX #$FF',
  ]);
  t.ok(r.out.includes('F81E  D0 FB     BNE $F81B'), 'a branch shows its target');
  t.deepEqual(r.out.slice(-5), [
    'F820  4C 05 F8  JMP $F805',
    'F823  00 ...    .fill 2007, $00',
    'FFFA  00 00     .word $0000 ; NMI',
    'FFFC  00 F8     .word $F800 ; RESET',
    'FFFE  00 F8     .word $F800 ; IRQ/BRK',
  ]);
  t.end();
});

test("cli disasm: the built-in game, by name or by default", (t) => {
  const r = disasm('builtin:pong', '--count', '1');
  t.equal(r.code, 0, r.err.join('\n'));
  t.match(r.out[0], /^; pong-train's built-in Pong: 2K cartridge, 2048 bytes, at \$F800-\$FFFF$/);
  const d = spawnSync(process.execPath, [join(projectRoot, 'dist', 'cli', 'main.js'), 'disasm', '--count', '1'], { encoding: 'utf8', env: { ...process.env, PONG_TRAIN_ROM: '' } });
  t.equal(d.stdout, r.out.join('\n') + '\n', 'no ROM named: the built-in game');
  t.end();
});

test('cli disasm: --from (any mirror of the cartridge) and --count', (t) => {
  for (const from of ['F81B', '0xf81b', '$F81B', '101B']) {
    const r = disasm(tiny, '--from', from, '--count', '2');
    t.deepEqual(r.out.slice(2), ['F81B  85 02     STA $02', 'F81D  CA        DEX'], `--from ${from}`);
  }
  t.end();
});

test('cli disasm: bad input is one line and a non-zero exit', (t) => {
  const odd = join(tmp, 'odd.bin');
  writeFileSync(odd, new Uint8Array(3000));
  const cases: [string[], RegExp][] = [
    [[join(tmp, 'missing.bin')], /not found: .*missing\.bin/],
    [[tmp], /directory/],
    [[odd], /unsupported ROM size 3000/],
    [[tiny, '--from', 'G00'], /--from must be a hexadecimal address/],
    [[tiny, '--from', '80'], /outside the cartridge/],
    [[tiny, '--count', '0'], /--count must be a whole number >= 1/],
  ];
  for (const [args, message] of cases) {
    const r = disasm(...args);
    t.notEqual(r.code, 0, `${args.join(' ')}: non-zero exit`);
    t.equal(r.err.length, 1, `one line: ${r.err.join(' / ')}`);
    t.match(r.err[0] ?? '', message);
    t.deepEqual(r.out, [], 'nothing on stdout');
  }
  t.end();
});
