// Scripted players on the built-in game and on Atari's Pong, to compare their computers.
//   npm run build && node scripts/calibrate.mjs [EPISODES] [ATARI_ROM]
// Pong-v0's setting (frame skip 2-4, sticky actions 0.25); each player reads only the screen:
// the ball (red level 236) and its own paddle (red level 92) in rows 35-193. Returns are
// counted from RAM (the ball's column turning back near the player's paddle).
import { readFileSync } from 'node:fs';
import { AtariEnv, NTSC_RED, builtinRom } from '../dist/index.js';

const episodes = Number(process.argv[2] ?? 20);
const atariPath = process.argv[3] ?? new URL('../../shared/roms/pong.bin', import.meta.url).pathname;

function xorshift(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

/** Rows of the ball's and the right paddle's centres, or null. */
function find(screen) {
  let ball = 0, nb = 0, pad = 0, np = 0;
  for (let y = 35; y < 194; y++) {
    for (let x = 0; x < 160; x++) {
      const red = NTSC_RED[screen[y * 160 + x]];
      if (red === 236) { ball += y; nb++; } else if (red === 92 && x >= 120) { pad += y; np++; }
    }
  }
  return nb && np ? { ball: ball / nb, pad: pad / np } : null;
}

const POLICIES = {
  random: () => 1,
  'toward the ball 50%': () => 0.5,
  'toward the ball 80%': () => 0.2,
  'toward the ball': () => 0,
};

function play(rom, ballXAt, name, randomShare, hard) {
  const env = new AtariEnv(rom, { frameSkip: [2, 4], repeatActionProbability: 0.25, obsType: 'screen', reuseObservation: true, seed: 7 });
  const [noop, up, down] = [0, 3, 4].map((id) => env.actionSet.indexOf(id));
  const rnd = xorshift(12345);
  let player = 0, computer = 0, frames = 0, returns = 0;
  for (let e = 0; e < episodes; e++) {
    let screen = env.reset().observation;
    let lastX = env.ram[ballXAt], rightward = false;
    env.console.setDifficulty(0, hard);
    env.console.setDifficulty(1, hard);
    for (;;) {
      let a = noop;
      if (rnd() < randomShare) a = [noop, up, down][Math.floor(rnd() * 3)];
      else {
        const f = find(screen);
        if (f) a = f.pad < f.ball - 2 ? down : f.pad > f.ball + 2 ? up : noop;
      }
      const r = env.step(a);
      screen = r.observation;
      const x = env.ram[ballXAt];
      if (x !== lastX) {
        if (rightward && x < lastX && x > 100 && lastX - x < 10) returns++;
        rightward = x > lastX;
        lastX = x;
      }
      frames += r.info.frames;
      if (r.reward > 0) player++;
      else if (r.reward < 0) computer++;
      if (r.terminated || r.truncated) break;
    }
  }
  return `| ${name} | ${(player / episodes).toFixed(2)} : ${(computer / episodes).toFixed(2)} | ${(returns / episodes).toFixed(1)} | ${(player / Math.max(returns, 1)).toFixed(3)} | ${Math.round(frames / episodes)} |`;
}

// [name, ROM, RAM offset of the ball's column]
const games = [['the built-in game', builtinRom(), 2]];
try {
  games.push(["Atari's Pong", new Uint8Array(readFileSync(atariPath)), 49]);
} catch {
  console.error(`no ${atariPath}: the built-in game alone`);
}
console.log(`${episodes} episodes each, Pong-v0 setting\n\n| game, difficulty | player | points (player : computer) | returns/game | points/return | frames/game |\n| --- | --- | --- | --- | --- | --- |`);
// Difficulty A on the built-in game only: on Atari's Pong the switches change the player's side too.
for (const hard of [false, true]) {
  for (const [game, rom, ballXAt] of hard ? games.slice(0, 1) : games) {
    for (const [policy, share] of Object.entries(POLICIES)) {
      console.log(`| ${game}, ${hard ? 'A' : 'B'} ` + play(rom, ballXAt, policy, share(), hard));
    }
  }
}
