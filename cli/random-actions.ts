import { EnvRandom } from '../emulator/random.js';

/** The golden random trace's policy: a uniformly drawn action, held for 1-8 steps. */
export class HeldRandomActions {
  private readonly random: EnvRandom;
  private action = 0;
  private hold = 0;

  constructor(seed: number, private readonly actionCount: number) {
    this.random = new EnvRandom(seed);
  }

  next(): number {
    if (this.hold-- <= 0) {
      this.action = this.random.int(0, this.actionCount - 1);
      this.hold = this.random.int(1, 8) - 1;
    }
    return this.action;
  }
}
