#!/usr/bin/env node
// Runs every compiled tape test and closes with the one line CI reads:
// "N passed, N failed, N skipped". Tape's own TAP stays visible above it.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const testDir = join(root, 'dist', 'test');

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = findTests(testDir).filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.log('no test files found under dist/test (did the build run?)');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// tape does not export its bin, so find it beside its main module.
const tapeBin = join(dirname(createRequire(import.meta.url).resolve('tape')), 'bin', 'tape');
const child = spawn(process.execPath, [tapeBin, ...files], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });

let pass = 0, fail = 0, skip = 0, buffered = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buffered += chunk.toString();
  let nl;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    // A skipped test is a comment line "# SKIP name"; a skipped assertion is "ok N name # SKIP".
    // A known failure ("not ok N name # TODO") did not pass: it counts as skipped, not passed.
    if (/^# SKIP /.test(line)) skip++;
    else if (/^ok \d+/.test(line)) {
      if (/# SKIP/i.test(line)) skip++; else pass++;
    } else if (/^not ok \d+/.test(line)) {
      if (/# TODO/i.test(line)) skip++; else fail++;
    }
  }
});
child.on('close', (code, signal) => {
  // A crash that TAP never reported still counts as a failure.
  if ((code !== 0 || signal) && fail === 0) fail = 1;
  console.log(`${pass} passed, ${fail} failed, ${skip} skipped`);
  process.exit(fail > 0 ? 1 : 0);
});
