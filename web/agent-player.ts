// The agent at the paddle, frame by frame, playing as it trained (cli/rollout.ts): it chooses
// up or down once per step of 2-4 frames (the run's frame skip, drawn per step), and on each
// frame the paddle keeps the previous frame's move with the sticky probability (ALE's sticky
// actions). Greedy play takes the likelier move; otherwise the move is drawn from p(up).
import { Rng } from '../agent/rng.js';
import type { Move } from './game.js';
import type { PagePolicy } from './policies.js';

export class AgentPlayer {
  /** p(up) at the last decision. */
  probability = 0.5;
  greedy = true;
  private readonly rng: Rng;
  private framesLeft = 0;
  private wanted: Move = 0;
  private last: Move = 0;

  constructor(
    readonly policy: PagePolicy,
    private readonly frameSkip: readonly [number, number],
    private readonly sticky: number,
    seed = 1,
  ) {
    this.rng = new Rng(seed);
  }

  /** A new game, or the agent takes the paddle back: no previous frame, no move held. */
  reset(): void {
    this.policy.reset();
    this.framesLeft = 0;
    this.wanted = this.last = 0;
    this.probability = 0.5;
  }

  /** The move for the coming frame; `screen` is the frame just shown. */
  move(screen: Uint8Array): Move {
    if (this.framesLeft === 0) {
      const p = this.policy.probabilityUp(screen);
      this.probability = p;
      const up = this.greedy ? p > 0.5 : this.rng.uniform() < p;
      this.wanted = up ? -1 : 1;
      const [lo, hi] = this.frameSkip;
      this.framesLeft = lo + Math.floor(this.rng.uniform() * (hi - lo + 1));
    }
    this.framesLeft--;
    if (this.sticky === 0 || this.rng.uniform() >= this.sticky) this.last = this.wanted;
    return this.last;
  }
}
