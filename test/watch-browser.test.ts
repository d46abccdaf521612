// The watch page in a real browser: headless Chromium (Debian's) driven by playwright-core.
// Skips, saying why, only where no Chromium can be had.
import test from 'tape';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { NTSC_PALETTE } from '../emulator/palette.js';
import { launchChromium, noBrowserReason } from './browser.js';
import { makeLoudCheckpoint, startWatch } from './watch-helpers.js';

const reason = noBrowserReason();
const tmp = mkdtempSync(join(tmpdir(), 'pong-train-browser-'));
const rgb = (v: number): number[] => [...NTSC_PALETTE.subarray(v * 3, v * 3 + 3)];
// The built-in game's colours (roms/pong.asm): court, walls, the player's and the computer's paddles.
const COURT = rgb(0x22);
const WALL = rgb(0x0e);
const PLAYER = rgb(0xc8);
const COMPUTER = rgb(0x38);

const frames = async (page: Page): Promise<number> => Number(await page.textContent('#frames'));

/** Waits until the page's frame counter has advanced by n. */
/** Opens the page, collecting console errors, page errors and failed requests as they happen. */
async function openPage(context: { newPage(): Promise<Page> }, url: string): Promise<{ page: Page; errors: string[] }> {
  const errors: string[] = [];
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(url);
  await page.waitForFunction(() => Number(document.getElementById('frames')!.textContent) > 0);
  return { page, errors };
}

async function advance(page: Page, n: number): Promise<void> {
  const target = (await frames(page)) + n;
  await page.waitForFunction((t) => Number(document.getElementById('frames')!.textContent) >= t, target);
}

/** The RGB of canvas pixel (x, y) of the 160x210 screen. */
async function pixel(page: Page, x: number, y: number): Promise<number[]> {
  return page.evaluate(([px, py]) => [...(document.getElementById('screen') as HTMLCanvasElement).getContext('2d')!.getImageData(px, py, 1, 1).data.slice(0, 3)], [x, y]);
}

/** The top row of the paddle of colour `c` in screen column x, or -1. */
async function paddleTop(page: Page, x: number, c: number[]): Promise<number> {
  return page.evaluate(
    ([px, [r, g, b]]) => {
      const d = (document.getElementById('screen') as HTMLCanvasElement).getContext('2d')!.getImageData(px, 35, 1, 160).data;
      for (let y = 0; y < 160; y++) if (d[4 * y] === r && d[4 * y + 1] === g && d[4 * y + 2] === b) return 35 + y;
      return -1;
    },
    [x, c] as [number, number[]],
  );
}

/** Holds a key down for n frames of the game. */
async function hold(page: Page, key: string, n: number): Promise<void> {
  await page.keyboard.down(key);
  await advance(page, n);
  await page.keyboard.up(key);
  await advance(page, 2);
}

test(`watch page in headless Chromium${reason ? `: ${reason}` : ''}`, { skip: reason !== null }, async (t) => {
  const ckpt = join(tmp, 'loud.ckpt');
  makeLoudCheckpoint(ckpt);
  const server = await startWatch(['--checkpoint', ckpt]);
  const browser = await launchChromium();
  try {
    const { page, errors } = await openPage(browser.context, server.url);

    // The court: its background, both walls, drawn at scale 3 with square pixels.
    t.deepEqual(await pixel(page, 80, 100), COURT, 'the court at (80, 100)');
    t.deepEqual(await pixel(page, 80, 30), WALL, 'the top wall at (80, 30)');
    t.deepEqual(await pixel(page, 80, 200), WALL, 'the bottom wall at (80, 200)');
    t.deepEqual(await pixel(page, 4, 100), COURT, 'beside the walls, the court colour at (4, 100)');
    const css = await page.evaluate(() => {
      const c = document.getElementById('screen')!;
      const s = getComputedStyle(c);
      return [c.getBoundingClientRect().width, c.getBoundingClientRect().height, s.imageRendering];
    });
    t.deepEqual(css, [480, 630, 'pixelated'], 'scale 3, pixelated');

    const f0 = await frames(page);
    await advance(page, 30);
    t.ok((await frames(page)) >= f0 + 30, 'the frame counter advances');

    // Agent vs computer: the agent's probability bar and its view change as it plays.
    t.match((await page.textContent('#score')) ?? '', /computer \d+ : \d+ agent/, 'the score names both players');
    const seen = await page.evaluate(async () => {
      const heights = new Set<string>();
      let lit = 0;
      const view = (document.getElementById('agent-view') as HTMLCanvasElement).getContext('2d')!;
      for (let i = 0; i < 90; i++) {
        await new Promise((r) => requestAnimationFrame(r));
        heights.add(document.getElementById('p-up-bar')!.style.height);
        const d = view.getImageData(0, 0, 80, 80).data;
        for (let k = 0; k < d.length; k += 4) if (d[k] !== 32) lit++;
      }
      return { heights: heights.size, lit };
    });
    t.ok(seen.heights >= 5, `the p(up) bar moves (${seen.heights} heights in 90 animation frames)`);
    t.ok(seen.lit > 0, 'the agent\'s view shows its input');

    // Taking over from the agent and giving the paddle back.
    await page.keyboard.down('ArrowUp');
    await advance(page, 2);
    t.match((await page.textContent('#driver')) ?? '', /You have the right paddle/, 'a key takes the paddle from the agent');
    t.match((await page.textContent('#score')) ?? '', /computer \d+ : \d+ you/);
    await page.keyboard.up('ArrowUp');
    await page.keyboard.press('g');
    await advance(page, 2);
    t.match((await page.textContent('#driver')) ?? '', /The agent has the right paddle/, 'G gives it back');

    // You vs computer: arrows and W/S move the right (green) paddle.
    await page.selectOption('#mode', 'you-cpu');
    const rightX = 141;
    const start = await paddleTop(page, rightX, PLAYER);
    await hold(page, 'ArrowUp', 45);
    const up = await paddleTop(page, rightX, PLAYER);
    await hold(page, 'KeyS', 45);
    const down = await paddleTop(page, rightX, PLAYER);
    await hold(page, 'KeyW', 20);
    const upAgain = await paddleTop(page, rightX, PLAYER);
    t.ok(start > 0 && up >= 0 && up < start, `ArrowUp moves the paddle up (row ${start} -> ${up})`);
    t.ok(down > up, `S moves it down (row ${up} -> ${down})`);
    t.ok(upAgain < down, `W moves it up (row ${down} -> ${upAgain})`);

    // You vs agent, the two-player game: the keys move the left (orange) paddle.
    await page.selectOption('#mode', 'you-agent');
    await advance(page, 5);
    t.match((await page.textContent('#score')) ?? '', /you \d+ : \d+ agent/, 'you on the left, the agent on the right');
    const leftX = 17;
    const l0 = await paddleTop(page, leftX, COMPUTER);
    await hold(page, 'ArrowDown', 45);
    const l1 = await paddleTop(page, leftX, COMPUTER);
    await hold(page, 'ArrowUp', 45);
    const l2 = await paddleTop(page, leftX, COMPUTER);
    t.ok(l1 > l0 && l2 < l1, `the left paddle follows the keys (row ${l0} -> down ${l1} -> up ${l2})`);

    // Pause stops the frame count; one step is one frame.
    await page.click('#pause');
    const paused = await frames(page);
    await page.evaluate(async () => {
      for (let i = 0; i < 30; i++) await new Promise((r) => requestAnimationFrame(r));
    });
    t.equal(await frames(page), paused, 'paused: 30 animation frames later, the same frame');
    await page.click('#step');
    t.equal(await frames(page), paused + 1, 'Step: one frame');
    await page.click('#pause');
    await advance(page, 5);
    t.pass('resumed');

    // As fast as possible, with the agent playing: a figure for BENCHMARKS.md, not a test.
    await page.selectOption('#mode', 'agent-cpu');
    await page.selectOption('#speed', 'max');
    await advance(page, 600);
    await page.waitForFunction(() => /frames\/s/.test(document.getElementById('fps')!.textContent ?? ''));
    await page.evaluate(async () => {
      for (let i = 0; i < 150; i++) await new Promise((r) => requestAnimationFrame(r));
    });
    t.comment(`as fast as possible, agent vs computer: ${await page.textContent('#fps')}`);
    await page.selectOption('#speed', '1');

    const shot = process.env.WATCH_SCREENSHOT ?? join(tmp, 'watch.png');
    await page.setViewportSize({ width: 960, height: 900 });
    await advance(page, 90); // a second at 1x, so the frames/s shown is the real-time one
    await page.screenshot({ path: shot });
    t.comment(`screenshot: ${shot}`);
    t.deepEqual(errors, [], 'no console errors, page errors or failed requests');
  } finally {
    await browser.close();
    const stopped = await server.stop();
    t.equal(stopped.code, 0, 'the server stops on Ctrl-C');
  }
  t.end();
});

test(`watch page without a checkpoint, in headless Chromium: only you play${reason ? `: ${reason}` : ''}`, { skip: reason !== null }, async (t) => {
  const server = await startWatch([]);
  const browser = await launchChromium();
  try {
    const { page, errors } = await openPage(browser.context, server.url);
    const modes = await page.evaluate(() => [...document.querySelectorAll<HTMLOptionElement>('#mode option')].map((o) => `${o.value}${o.disabled ? ' (off)' : ''}`));
    t.deepEqual(modes, ['agent-cpu (off)', 'you-cpu', 'you-agent (off)'], 'the agent\'s modes are off');
    t.equal(await page.inputValue('#mode'), 'you-cpu', 'you vs computer');
    t.match((await page.textContent('#policy-source')) ?? '', /No agent: start pong-train watch with --checkpoint/);
    const start = await paddleTop(page, 141, PLAYER);
    await hold(page, 'ArrowDown', 45);
    t.ok((await paddleTop(page, 141, PLAYER)) > start, 'ArrowDown moves your paddle down');
    t.deepEqual(errors, [], 'no console errors, page errors or failed requests');
  } finally {
    await browser.close();
    await server.stop();
  }
  t.end();
});
