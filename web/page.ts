// The watch page: fetches the ROM and the policy from the server, then runs the console and
// the agent here in the browser, drawing the game and what the agent sees. The game logic is in
// game.ts and agent-player.ts; this file is the page's wiring (DOM, keys, timing).
import { NTSC_PALETTE } from '../emulator/palette.js';
import { AgentPlayer } from './agent-player.js';
import { WatchGame, type GameNumber, type Move } from './game.js';
import { makePolicy } from './policies.js';
import type { WatchSetup } from './protocol.js';

type Mode = 'agent-cpu' | 'you-cpu' | 'you-agent';
type Speed = '1' | '2' | 'max';

const CONSOLE_HZ = 60;
// At 1x and 2x a slow tab drops frames rather than racing to catch up.
const MAX_FRAMES_PER_TICK = 8;
// "As fast as possible" emulates for this long in each animation frame, then draws.
const MAX_SPEED_BUDGET_MS = 14;
// A finished game stays on screen this long before the next starts.
const GAME_OVER_FRAMES = 180;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
};

/** RGBA of each colour value, as 32-bit words in this machine's byte order (for ImageData). */
function paletteWords(): Uint32Array {
  const bytes = new Uint8Array(256 * 4);
  for (let v = 0; v < 256; v++) {
    bytes.set(NTSC_PALETTE.subarray(v * 3, v * 3 + 3), v * 4);
    bytes[v * 4 + 3] = 255;
  }
  return new Uint32Array(bytes.buffer);
}

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${res.statusText}`);
  return res;
}

async function main(): Promise<void> {
  const message = $('message');
  message.textContent = 'loading…';
  const setup = (await (await fetchOk('/api/setup.json')).json()) as WatchSetup;
  const rom = new Uint8Array(await (await fetchOk('/api/rom.bin')).arrayBuffer());
  let agent: AgentPlayer | null = null;
  if (setup.policy) {
    const weights = await (await fetchOk('/api/weights.bin')).arrayBuffer();
    const p = setup.policy;
    agent = new AgentPlayer(makePolicy(p, weights), p.frameSkip, p.sticky);
  }
  message.textContent = '';
  if (agent) {
    const { width, height } = agent.policy.view;
    const view = $<HTMLCanvasElement>('agent-view');
    view.width = width;
    view.height = height;
    // The same 4x enlargement whatever the network's input size.
    view.style.width = `${4 * width}px`;
    view.style.height = `${4 * height}px`;
    $('view-size').textContent = `${height}x${width}`; // rows x columns, as the agent's code says
  }
  $('game-name').textContent = setup.game;
  $('policy-source').textContent = setup.policy
    ? `${setup.policy.source}: ${setup.policy.kind} policy, trained ${setup.policy.episodes} episodes`
    : 'No agent: start pong-train watch with --checkpoint FILE to watch one play.';

  const game = new WatchGame(rom);
  const screenCtx = $<HTMLCanvasElement>('screen').getContext('2d')!;
  const screenImage = screenCtx.createImageData(160, 210);
  const screenWords = new Uint32Array(screenImage.data.buffer);
  const viewCtx = $<HTMLCanvasElement>('agent-view').getContext('2d')!;
  const palette = paletteWords();
  const modeSelect = $<HTMLSelectElement>('mode');
  const speedSelect = $<HTMLSelectElement>('speed');
  const pauseButton = $<HTMLButtonElement>('pause');
  const takeOverButton = $<HTMLButtonElement>('take-over');
  const greedyBox = $<HTMLInputElement>('greedy');

  // Modes the setup cannot play are shown but disabled, saying why.
  const options = Object.fromEntries([...modeSelect.options].map((o) => [o.value, o])) as Record<Mode, HTMLOptionElement>;
  if (!agent) {
    for (const m of ['agent-cpu', 'you-agent'] as const) {
      options[m].disabled = true;
      options[m].title = 'needs --checkpoint';
    }
    $('agent-panel').classList.add('off');
  }
  if (!game.builtin) {
    options['you-agent'].disabled = true;
    options['you-agent'].title = "two players: only the built-in game has that game";
  }

  let mode: Mode = agent ? 'agent-cpu' : 'you-cpu';
  modeSelect.value = mode;
  /** In agent-cpu: who has the right paddle now. */
  let rightDriver: 'agent' | 'you' = agent ? 'agent' : 'you';
  let paused = false;
  let speed: Speed = '1';
  const keys = { up: false, down: false };
  let overFrames = 0;

  const keyMove = (): Move => (keys.up === keys.down ? 0 : keys.up ? -1 : 1);
  const agentPlaysRight = (): boolean => agent !== null && (mode === 'you-agent' || (mode === 'agent-cpu' && rightDriver === 'agent'));

  const newGame = (): void => {
    const number: GameNumber = mode === 'you-agent' ? 2 : 1;
    game.start(number);
    agent?.reset();
    overFrames = 0;
  };

  const runFrame = (): void => {
    // The agent decides on the frame on show, as it did in training.
    const right = agentPlaysRight() ? agent!.move(game.screen) : mode === 'you-agent' ? 0 : keyMove();
    const left = mode === 'you-agent' ? keyMove() : 0;
    game.step(right, left);
    if (game.over && ++overFrames >= GAME_OVER_FRAMES) newGame();
  };

  const describe = (): void => {
    const s = game.score;
    const leftName = mode === 'you-agent' ? 'you' : 'computer';
    const rightName = agentPlaysRight() ? 'agent' : 'you';
    $('score').textContent = `${leftName} ${s.left} : ${s.right} ${rightName}${game.over ? ' (game over)' : ''}`;
    $('driver').textContent =
      mode === 'agent-cpu'
        ? rightDriver === 'agent'
          ? 'The agent has the right paddle: press ↑/↓ or W/S to take over.'
          : 'You have the right paddle: G or “Give back” returns it to the agent.'
        : mode === 'you-cpu'
          ? 'You have the right paddle (green): ↑/↓ or W/S.'
          : 'Two players: you have the left paddle (orange), ↑/↓ or W/S; the agent the right.';
    takeOverButton.disabled = mode !== 'agent-cpu';
    takeOverButton.textContent = rightDriver === 'agent' ? 'Take over' : 'Give back';
  };

  const drawView = (): void => {
    if (!agent) return;
    const view = agent.policy.view;
    const image = viewCtx.createImageData(view.width, view.height);
    const d = image.data;
    for (let i = 0; i < view.pixels.length; i++) {
      const v = view.pixels[i];
      const [r, g, b] = v > 0 ? [255, 255, 255] : v < 0 ? [208, 64, 64] : [32, 32, 32];
      d[4 * i] = r;
      d[4 * i + 1] = g;
      d[4 * i + 2] = b;
      d[4 * i + 3] = 255;
    }
    viewCtx.putImageData(image, 0, 0);
    const p = agentPlaysRight() ? agent.probability : 0.5;
    $('p-up-bar').style.height = `${(100 * p).toFixed(1)}%`;
    $('p-up').textContent = p.toFixed(2);
  };

  const render = (): void => {
    const screen = game.screen;
    for (let i = 0; i < screen.length; i++) screenWords[i] = palette[screen[i]];
    screenCtx.putImageData(screenImage, 0, 0);
    $('frames').textContent = String(game.frames);
    drawView();
    describe();
  };

  const setPaused = (p: boolean): void => {
    paused = p;
    pauseButton.textContent = p ? 'Resume' : 'Pause';
    pauseButton.setAttribute('aria-pressed', String(p));
  };
  const step = (): void => {
    setPaused(true);
    runFrame();
    render();
  };
  const takeOver = (): void => {
    if (mode !== 'agent-cpu' || rightDriver === 'you') return;
    rightDriver = 'you';
  };
  const giveBack = (): void => {
    if (mode !== 'agent-cpu' || rightDriver === 'agent' || !agent) return;
    rightDriver = 'agent';
    // It starts again from the frame on show: no stale previous frame, no held move.
    agent.reset();
  };

  modeSelect.addEventListener('change', () => {
    const before = mode;
    mode = modeSelect.value as Mode;
    rightDriver = mode === 'you-cpu' || !agent ? 'you' : 'agent';
    agent?.reset();
    // Game 1 goes on when only the right paddle's player changes; game 2 is another game.
    if ((before === 'you-agent') !== (mode === 'you-agent')) newGame();
    modeSelect.blur(); // the arrow keys are for the paddle, not the list
    render();
  });
  speedSelect.addEventListener('change', () => {
    speed = speedSelect.value as Speed;
    speedSelect.blur();
  });
  pauseButton.addEventListener('click', () => setPaused(!paused));
  $('step').addEventListener('click', step);
  $('new-game').addEventListener('click', () => {
    newGame();
    render();
  });
  takeOverButton.addEventListener('click', () => (rightDriver === 'agent' ? takeOver() : giveBack()));
  greedyBox.addEventListener('change', () => {
    if (agent) agent.greedy = greedyBox.checked;
  });

  const UP_KEYS = new Set(['ArrowUp', 'KeyW']);
  const DOWN_KEYS = new Set(['ArrowDown', 'KeyS']);
  window.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLSelectElement || e.target instanceof HTMLInputElement) return;
    if (UP_KEYS.has(e.code) || DOWN_KEYS.has(e.code)) {
      if (UP_KEYS.has(e.code)) keys.up = true;
      else keys.down = true;
      takeOver();
      e.preventDefault();
    } else if (e.code === 'Space') {
      setPaused(!paused);
      e.preventDefault();
    } else if (e.code === 'Period') {
      step();
    } else if (e.code === 'KeyG') {
      giveBack();
    }
  });
  window.addEventListener('keyup', (e) => {
    if (UP_KEYS.has(e.code)) keys.up = false;
    if (DOWN_KEYS.has(e.code)) keys.down = false;
  });
  // A key released while the page had no focus would otherwise stay held.
  window.addEventListener('blur', () => {
    keys.up = keys.down = false;
  });

  // Timing: at 1x and 2x, frames owed since the last animation frame (60 a second of wall
  // time, times the speed); as fast as possible, frames until the budget is spent.
  let last = performance.now();
  let owed = 0;
  let fpsFrames = 0;
  let fpsSince = last;
  const tick = (now: number): void => {
    const before = game.frames;
    if (!paused) {
      if (speed === 'max') {
        const until = performance.now() + MAX_SPEED_BUDGET_MS;
        do runFrame();
        while (performance.now() < until);
      } else {
        owed += ((now - last) * CONSOLE_HZ * Number(speed)) / 1000;
        let n = Math.floor(owed);
        owed -= n;
        if (n > MAX_FRAMES_PER_TICK * Number(speed)) {
          n = MAX_FRAMES_PER_TICK * Number(speed);
          owed = 0;
        }
        for (let i = 0; i < n; i++) runFrame();
      }
    }
    last = now;
    // A new game resets the counter; count what was run either way.
    fpsFrames += game.frames >= before ? game.frames - before : game.frames;
    if (now - fpsSince >= 1000) {
      $('fps').textContent = `${Math.round((fpsFrames * 1000) / (now - fpsSince))} frames/s`;
      fpsFrames = 0;
      fpsSince = now;
    }
    render();
    requestAnimationFrame(tick);
  };

  newGame();
  render();
  requestAnimationFrame(tick);
}

main().catch((e: unknown) => {
  const el = document.getElementById('message');
  if (el) el.textContent = `The page could not start: ${e instanceof Error ? e.message : String(e)}`;
  throw e;
});
