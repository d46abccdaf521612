import { existsSync, readFileSync, statSync } from 'node:fs';
import { encode } from 'fast-png';
import { UserError } from './errors.js';
import { writeFileAtomic } from './files.js';

// A 5x7 bitmap font: each glyph is 7 rows of 5 bits (bit 4 = leftmost column).
const GLYPHS: Record<string, number[]> = {
  '0': [0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e], '1': [0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e],
  '2': [0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f], '3': [0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e],
  '4': [0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02], '5': [0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e],
  '6': [0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e], '7': [0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
  '8': [0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e], '9': [0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c],
  A: [0x0e, 0x11, 0x11, 0x11, 0x1f, 0x11, 0x11], B: [0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e],
  C: [0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e], D: [0x1c, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1c],
  E: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f], F: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x10],
  G: [0x0e, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0f], H: [0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
  I: [0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e], J: [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0c],
  K: [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11], L: [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f],
  M: [0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11], N: [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
  O: [0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e], P: [0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10],
  Q: [0x0e, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0d], R: [0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11],
  S: [0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e], T: [0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
  U: [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e], V: [0x11, 0x11, 0x11, 0x11, 0x11, 0x0a, 0x04],
  W: [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0a], X: [0x11, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x11],
  Y: [0x11, 0x11, 0x11, 0x0a, 0x04, 0x04, 0x04], Z: [0x1f, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f],
  '-': [0, 0, 0, 0x1f, 0, 0, 0], '.': [0, 0, 0, 0, 0, 0x0c, 0x0c], ':': [0, 0x0c, 0x0c, 0, 0x0c, 0x0c, 0],
  '(': [0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02], ')': [0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08],
  ',': [0, 0, 0, 0, 0x0c, 0x04, 0x08], '/': [0, 0x01, 0x02, 0x04, 0x08, 0x10, 0], '=': [0, 0, 0x1f, 0, 0x1f, 0, 0],
  '+': [0, 0x04, 0x04, 0x1f, 0x04, 0x04, 0], ' ': [0, 0, 0, 0, 0, 0, 0],
};

type Rgb = readonly [number, number, number];
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
const GRID: Rgb = [225, 225, 225];
const DOTS: Rgb = [150, 150, 150];
const MEAN: Rgb = [20, 90, 200];
const ZERO: Rgb = [200, 60, 60];

class Canvas {
  readonly data: Uint8Array;
  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8Array(width * height * 3).fill(255);
  }
  set(x: number, y: number, c: Rgb): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.data[i] = c[0];
    this.data[i + 1] = c[1];
    this.data[i + 2] = c[2];
  }
  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) this.set(x + i, y + j, c);
  }
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thick = 1): void {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      this.rect(x - (thick >> 1), y - (thick >> 1), thick, thick, c);
    }
  }
  /** Text at 2x scale; `align` places x at the left, centre or right end. */
  text(s: string, x: number, y: number, c: Rgb, align: 'left' | 'center' | 'right' = 'left', vertical = false): void {
    const scale = 2;
    const w = s.length * 6 * scale;
    const start = align === 'left' ? 0 : align === 'center' ? -w / 2 : -w;
    [...s.toUpperCase()].forEach((ch, k) => {
      const g = GLYPHS[ch] ?? GLYPHS[' '];
      for (let row = 0; row < 7; row++) {
        for (let col = 0; col < 5; col++) {
          if (!(g[row] & (0x10 >> col))) continue;
          const along = start + (k * 6 + col) * scale;
          for (let a = 0; a < scale; a++) {
            for (let b = 0; b < scale; b++) {
              if (vertical) this.set(x + row * scale + b, y - along - a, c);
              else this.set(x + along + a, y + row * scale + b, c);
            }
          }
        }
      }
    });
  }
}

export interface Curve {
  episode: number[];
  reward: number[];
  runningMean: number[];
}

/** Reads the training log (CSV with a header naming episode, reward and running_mean). */
export function readCurve(path: string): Curve {
  if (!existsSync(path)) throw new UserError(`log not found: ${path} (write one with pong-train train --log FILE.csv)`);
  if (!statSync(path).isFile()) throw new UserError(`${path} is not a file: name the CSV written by pong-train train --log`);
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new UserError(`${path} is not a training log: its header has no "${name}" column`);
    return i;
  };
  const [ep, rw, rm] = [col('episode'), col('reward'), col('running_mean')];
  const curve: Curve = { episode: [], reward: [], runningMean: [] };
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(',');
    const e = Number(f[ep]), r = Number(f[rw]), m = Number(f[rm]);
    if (![e, r, m].every(Number.isFinite)) throw new UserError(`${path} line ${i + 1} is malformed: ${JSON.stringify(lines[i])}`);
    curve.episode.push(e);
    curve.reward.push(r);
    curve.runningMean.push(m);
  }
  if (curve.episode.length === 0) throw new UserError(`${path} has no episodes to plot yet`);
  return curve;
}

function niceStep(range: number, target: number): number {
  const raw = range / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** Draws the learning curve: per-episode reward as dots, its running mean as a line, reward 0 marked. */
export function plotCurve(curve: Curve, title: string, width = 1000, height = 560): Uint8Array {
  const c = new Canvas(width, height);
  const right = width - 30, top = 50, bottom = height - 70;
  const xMin = Math.min(...curve.episode, 0), xMax = Math.max(...curve.episode, 1);
  // Pong's rewards lie in -21..21 and keep that fixed axis; other games' are scaled to the data.
  const lo = Math.min(...curve.reward, ...curve.runningMean, 0);
  const hi = Math.max(...curve.reward, ...curve.runningMean, 0);
  const pong = lo >= -21 && hi <= 21;
  const yStep = pong ? 5 : niceStep(hi - lo || 1, 8);
  const yMin = pong ? -21 : Math.floor(lo / yStep) * yStep;
  const yMax = pong ? 21 : Math.max(Math.ceil(hi / yStep) * yStep, yMin + yStep);
  // Room for the widest tick label beside the axis title.
  const left = 50 + 10 * Math.max(String(yMin).length, String(yMax).length);
  const px = (e: number): number => left + ((e - xMin) / (xMax - xMin)) * (right - left);
  // Rewards -21 and 21 are common (a game lost or won 21-0): keep them clear of the axes so they stay visible.
  const inset = 10;
  const py = (r: number): number => bottom - inset - ((Math.max(yMin, Math.min(yMax, r)) - yMin) / (yMax - yMin)) * (bottom - top - 2 * inset);

  for (let r = Math.ceil(yMin / yStep) * yStep; r <= yMax; r += yStep) {
    c.line(left, py(r), right, py(r), r === 0 ? ZERO : GRID);
    c.text(String(r), left - 10, py(r) - 7, BLACK, 'right');
  }
  const step = niceStep(xMax - xMin, 8);
  for (let e = Math.ceil(xMin / step) * step; e <= xMax; e += step) {
    c.line(px(e), top, px(e), bottom, GRID);
    c.line(px(e), bottom, px(e), bottom + 5, BLACK);
    c.text(String(e), px(e), bottom + 12, BLACK, 'center');
  }
  c.line(left, top, left, bottom, BLACK, 2);
  c.line(left, bottom, right, bottom, BLACK, 2);

  for (let i = 0; i < curve.episode.length; i++) c.rect(px(curve.episode[i]) - 1, py(curve.reward[i]) - 1, 3, 3, DOTS);
  for (let i = 1; i < curve.episode.length; i++) {
    c.line(px(curve.episode[i - 1]), py(curve.runningMean[i - 1]), px(curve.episode[i]), py(curve.runningMean[i]), MEAN, 3);
  }

  c.text(title, (left + right) / 2, 16, BLACK, 'center');
  c.text('episode', (left + right) / 2, height - 30, BLACK, 'center');
  c.text(pong ? 'reward (player - computer)' : 'reward', 14, (top + bottom) / 2, BLACK, 'center', true);
  c.rect(right - 300, top + 10, 12, 12, DOTS);
  c.text('episode reward', right - 280, top + 10, BLACK);
  c.rect(right - 300, top + 34, 12, 4, MEAN);
  c.text('running mean', right - 280, top + 30, BLACK);
  return encode({ width, height, data: c.data, channels: 3, depth: 8 });
}

export function plotLog(logPath: string, out: string, title?: string): number {
  const curve = readCurve(logPath);
  const last = curve.runningMean[curve.runningMean.length - 1];
  writeFileAtomic(out, plotCurve(curve, title ?? `pong-train: ${curve.episode.length} episodes, running mean ${last.toFixed(2)}`));
  return curve.episode.length;
}
