/**
 * The 6532 RIOT (RAM, I/O, timer) as wired in the Atari 2600, called by the
 * console for CPU addresses with A12 = 0 and A7 = 1.
 *
 * Address decoding (6532 datasheet; Stella Programmer's Guide sections 2-3):
 *   A9 = 0: RAM, 128 bytes at address & $7F ($80-$FF and mirrors such as the
 *           stack page $180-$1FF).
 *   A9 = 1, A2 = 0: ports, register = A1..A0: SWCHA, SWACNT, SWCHB, SWBCNT.
 *   A9 = 1, A2 = 1, read:  A0 = 0 INTIM, A0 = 1 interrupt flags (TIMINT).
 *   A9 = 1, A2 = 1, write: A4 = 1 timer, A1..A0 = interval 1/8/64/1024,
 *                                 A3 = timer IRQ enable (no IRQ pin on the 6507);
 *                          A4 = 0 PA7 edge-detect control (accepted, ignored).
 *
 * Interval timer, computed lazily from the CPU cycle of each access (the
 * console passes cpu.cycles, bumped just before every bus access, so "cycle"
 * is the number of the cycle the access lands on). Behaviour and sources:
 *  - Writing N to TIMxT: the count decrements on the very next cycle and then
 *    once per interval T, so INTIM reads N-1 for cycles w+1..w+T after a write
 *    on cycle w, and 0 for w+1+(N-1)T..w+N*T ("the timer is decremented
 *    immediately", Chris Wilkson on the [stella] list, 2004-05-10, "Loading
 *    TIM64T with 43 burns only 36 scanlines"; the same numbers fall out of ALE's
 *    Stella core, whose CPU also counts a cycle before each access).
 *  - The count holds 0 for one interval, then wraps to $FF on cycle w+1+N*T
 *    and from then on decrements once per cycle; the wrap sets the timer flag,
 *    bit 7 of TIMINT (Stella Programmer's Guide 2.3; 6532 datasheet; the
 *    "flag sets at the 0->FF wrap, N*T+1 cycles after the write" note in
 *    sajattack/yo6530 PR #5; stella-emu/stella issue #606).
 *  - Reading INTIM or writing a timer clears the flag, and a cleared flag puts
 *    the count back on the programmed interval, with the prescaler still in
 *    the phase of the last timer write (stella-emu/stella #606 points 1-3).
 *    A read on the exact wrap cycle leaves the flag set (#606 point 3; ALE's
 *    core agrees). Reading TIMINT does not clear the timer flag (datasheet: it
 *    clears only the PA7 edge flag).
 *  - Where ALE's core differs from the chip, this class follows ALE: the first
 *    INTIM read past the wrap returns the interval count less the cycles since
 *    the wrap (less than the per-cycle count once a whole interval has passed),
 *    and from then on the count goes down once per interval, modulo 256, and
 *    the flag is not set again, until the next timer write. #606 also reports
 *    that a timer write on the exact wrap cycle leaves the flag set, which
 *    neither ALE nor this class does. The PA7 edge flag (TIMINT bit 6) is not
 *    emulated (reads 0).
 */

/** Interval for each timer register, indexed by A1..A0 of TIM1T/TIM8T/TIM64T/T1024T. */
const INTERVALS = [1, 8, 64, 1024] as const;

/**
 * SWCHB pins PB2, PB4 and PB5 are not connected in the 2600 and read 1
 * (port pull-ups; ALE's core also reports them as 1).
 */
const SWCHB_UNUSED = 0x34;

/** Paddle trigger bit in SWCHA for paddles 0-3 (left port pair, then right). */
const PADDLE_BUTTON_BITS = [0x80, 0x40, 0x08, 0x04] as const;

export class Riot {
  /**
   * Levels the controllers put on port A, active low: joystick P0 right/left/
   * down/up = bits 7/6/5/4, P1 = bits 3..0; paddle triggers on bits 7, 6, 3, 2.
   */
  swchaInput = 0xff;
  /**
   * Console switches on port B: bit 0 RESET (0 = pressed), bit 1 SELECT
   * (0 = pressed), bit 3 colour (1 = colour), bit 6 P0 difficulty, bit 7 P1
   * difficulty (0 = B/amateur, 1 = A/pro). Default: colour, nothing pressed,
   * both B.
   */
  swchbInput = 0x0b;

  /**
   * Power-on timer when none is given: real hardware starts at a random count;
   * ALE at 25 + (a draw of its generator) % 75 on the 64-cycle interval (the
   * console passes that, see atari2600.ts). A bare Riot uses the middle of the
   * range, as if TIM64T were written with 62 on the reset cycle.
   */
  static readonly POWER_ON_TIMER = 62;

  private outA = 0;
  private ddrA = 0;
  private outB = 0;
  private ddrB = 0;
  /** A3 of the last timer write; stored for debugging, the 6507 has no IRQ input. */
  timerIrqEnabled = false;

  // Timer state. While counting on the interval, the count is refValue at
  // refCycle minus the prescaler ticks since then; ticks fall on cycles
  // phaseCycle + 1 + k*interval. From wrapCycle on the flag is set and the
  // count goes down once per cycle from $FF.
  private interval = 64;
  /** log2 of `interval`: prescaler ticks are counted with a shift, so every value stays a small integer. */
  private intervalShift = 6;
  private phaseCycle = 0;
  private refValue = 0;
  private refCycle = 0;
  private wrapCycle = 0;

  /** `ram`: the 128 RAM bytes, by default its own; the console passes a view into the CPU's direct-access memory. */
  constructor(readonly ram: Uint8Array = new Uint8Array(128)) {
    this.reset();
  }

  /**
   * Power-on reset: ports to inputs with output registers 0 (the 6532 RES
   * line clears them), the timer to `timerStart` on the 64-cycle interval. RAM
   * keeps its contents (the RES line does not touch it; ALE keeps it across
   * resets too). The controller and switch inputs are outside the chip and are
   * kept. Pass the CPU cycle count if it is not 0 at reset.
   */
  reset(cycle = 0, timerStart = Riot.POWER_ON_TIMER): void {
    this.outA = 0;
    this.ddrA = 0;
    this.outB = 0;
    this.ddrB = 0;
    this.timerIrqEnabled = false;
    this.loadTimer(timerStart, 64, cycle);
  }

  read(address: number, cycle: number): number {
    if ((address & 0x200) === 0) return this.ram[address & 0x7f];
    return this.readIo(address, cycle);
  }

  write(address: number, value: number, cycle: number): void {
    if ((address & 0x200) === 0) {
      this.ram[address & 0x7f] = value;
      return;
    }
    this.writeIo(address, value & 0xff, cycle);
  }

  private readIo(address: number, cycle: number): number {
    if ((address & 0x04) === 0) {
      switch (address & 0x03) {
        // Port A lines are pulled low by a pressed switch or by a bit driven 0 as output.
        case 0: return this.swchaInput & (this.outA | ~this.ddrA) & 0xff;
        case 1: return this.ddrA;
        // Port B output bits read back the output register (6532 datasheet).
        case 2: return (this.outB & this.ddrB) | ((this.swchbInput | SWCHB_UNUSED) & ~this.ddrB & 0xff);
        default: return this.ddrB;
      }
    }
    if ((address & 0x01) === 0) return this.readIntim(cycle);
    // TIMINT: bit 7 timer flag; bit 6 PA7 edge flag (not emulated).
    return cycle >= this.wrapCycle ? 0x80 : 0x00;
  }

  private writeIo(address: number, value: number, cycle: number): void {
    if ((address & 0x04) === 0) {
      switch (address & 0x03) {
        case 0: this.outA = value; break;
        case 1: this.ddrA = value; break;
        case 2: this.outB = value; break;
        default: this.ddrB = value; break;
      }
      return;
    }
    if ((address & 0x10) !== 0) {
      this.timerIrqEnabled = (address & 0x08) !== 0;
      this.loadTimer(value, INTERVALS[address & 0x03], cycle);
    }
    // A4 = 0: PA7 edge-detect control, ignored (nothing on the 2600 uses it).
  }

  private loadTimer(value: number, interval: number, cycle: number): void {
    this.interval = interval;
    this.intervalShift = 31 - Math.clz32(interval);
    this.phaseCycle = cycle;
    this.refValue = value;
    this.refCycle = cycle;
    // The first tick is on cycle+1, so the count passes 0 after value+1 ticks.
    this.wrapCycle = cycle + 1 + value * interval;
  }

  /** The CPU's cycle counter is about to go down by `cycles`: move the timer's cycle marks with it. */
  rebase(cycles: number): void {
    this.phaseCycle -= cycles;
    this.refCycle -= cycles;
    this.wrapCycle -= cycles;
  }

  /** Index of the last prescaler tick at or before `cycle` (-1 on the write cycle itself). */
  private tickIndex(cycle: number): number {
    // An arithmetic shift floors like the division it stands for (the interval is a power of
    // two), and keeps the result an integer: a Math.floor result reaching the CPU's registers
    // (INTIM) turned V8's integer fields of the CPU and the TIA into boxed doubles.
    return (cycle - this.phaseCycle - 1) >> this.intervalShift;
  }

  /**
   * For a busy-wait loop (Bus.poll): how many of the reads of I/O `address` on cycles
   * cycle, cycle + period, ... (at most `count`) have ((v & mask) !== 0) === sense and no
   * side effect. INTIM reads are free of side effects up to the wrap cycle; TIMINT and
   * the ports always are.
   */
  poll(address: number, cycle: number, period: number, count: number, mask: number, sense: boolean): number {
    if ((address & 0x04) === 0) {
      // Ports: the inputs do not change while the CPU waits.
      return ((this.readIo(address, cycle) & mask) !== 0) === sense ? count : 0;
    }
    const intim = (address & 0x01) === 0;
    // Waits on INTIM != 0 (or on its bit 7) and on TIMINT answer the same until the count or
    // the flag crosses one point, then the other way (INTIM's own wrap cycle aside): bisect for
    // it instead of reading pass by pass (a frame's timer wait can be hundreds of passes).
    // After ALE's read past the wrap (wrapCycle Infinity) the count wraps modulo 256 without a
    // break, so those waits too are read pass by pass.
    if (intim && ((mask !== 0xff && mask !== 0x80) || this.wrapCycle === Infinity)) return this.pollEach(intim, cycle, period, count, mask, sense);
    // INTIM: only the passes before the wrap cycle count down without a break.
    let limit = count;
    if (intim) {
      const before = this.wrapCycle > cycle ? Math.ceil((this.wrapCycle - cycle) / period) | 0 : 0;
      if (before < limit) limit = before;
    }
    let n = 0;
    if (limit > 0 && this.pollAnswers(intim, cycle, mask, sense)) {
      // Passes 0..n-1 keep the loop going, pass `bad` does not (or is past the limit).
      n = 1;
      let bad = limit;
      while (bad - n > 0) {
        const mid = (n + bad) >> 1;
        if (this.pollAnswers(intim, cycle + mid * period, mask, sense)) n = mid + 1;
        else bad = mid;
      }
    }
    // A read on the wrap cycle itself (INTIM $FF) may still keep it going, as pass by pass.
    if (intim && n === limit && n < count && cycle + n * period === this.wrapCycle && this.pollAnswers(intim, this.wrapCycle, mask, sense)) n++;
    return n;
  }

  /** Whether a read of INTIM (`intim`) or TIMINT on `cycle` keeps a poll going. */
  private pollAnswers(intim: boolean, cycle: number, mask: number, sense: boolean): boolean {
    const v = intim ? this.timerValue(cycle) : cycle >= this.wrapCycle ? 0x80 : 0;
    return ((v & mask) !== 0) === sense;
  }

  /** poll() read by read, for masks whose answer may change back and forth. */
  private pollEach(intim: boolean, cycle: number, period: number, count: number, mask: number, sense: boolean): number {
    let n = 0;
    for (let c = cycle; n < count; n++, c += period) {
      let v: number;
      if (intim) {
        if (c > this.wrapCycle) break;
        v = this.timerValue(c);
      } else {
        v = c >= this.wrapCycle ? 0x80 : 0;
      }
      if (((v & mask) !== 0) !== sense) break;
    }
    return n;
  }

  /** INTIM at `cycle` without side effects. */
  timerValue(cycle: number): number {
    if (cycle < this.wrapCycle) {
      return (this.refValue - (this.tickIndex(cycle) - this.tickIndex(this.refCycle))) & 0xff;
    }
    // `& 0xff` keeps the per-cycle count modulo 256 even far past the wrap.
    return (0xff - (cycle - this.wrapCycle)) & 0xff;
  }

  /** The timer flag (TIMINT bit 7) at `cycle`, without side effects. */
  timerFlag(cycle: number): boolean {
    return cycle >= this.wrapCycle;
  }

  private readIntim(cycle: number): number {
    // Reading INTIM clears the flag, except on the wrap cycle itself.
    if (cycle > this.wrapCycle) {
      // ALE's timer quirk: from this first read past the wrap until the next timer write, INTIM
      // is the interval count (below 0, modulo 256) less the cycles from the wrap to this read,
      // going down once per interval, and the flag stays clear. Within one interval of the wrap
      // that is the per-cycle count; later it is less by the intervals since (Krull reads it so).
      this.refValue -= cycle - this.wrapCycle;
      this.wrapCycle = Infinity;
    }
    return this.timerValue(cycle);
  }

  /** Sets one joystick's directions (true = pushed). */
  setJoystick(player: 0 | 1, up: boolean, down: boolean, left: boolean, right: boolean): void {
    const shift = player === 0 ? 4 : 0;
    const lines = (up ? 0 : 1) | (down ? 0 : 2) | (left ? 0 : 4) | (right ? 0 : 8);
    this.swchaInput = (this.swchaInput & ~(0x0f << shift) & 0xff) | (lines << shift);
  }

  /** Sets a paddle trigger: paddles 0 and 1 on the left port, 2 and 3 on the right. */
  setPaddleButton(port: 0 | 1 | 2 | 3, pressed: boolean): void {
    const bit = PADDLE_BUTTON_BITS[port];
    this.swchaInput = pressed ? this.swchaInput & ~bit & 0xff : this.swchaInput | bit;
  }

  /** Holds or releases the console RESET or SELECT switch. */
  setConsoleSwitch(which: 'reset' | 'select', pressed: boolean): void {
    const bit = which === 'reset' ? 0x01 : 0x02;
    this.swchbInput = pressed ? this.swchbInput & ~bit & 0xff : this.swchbInput | bit;
  }

  /** The TV-type switch: true = colour, false = black and white. */
  setColor(color: boolean): void {
    this.swchbInput = color ? this.swchbInput | 0x08 : this.swchbInput & ~0x08 & 0xff;
  }

  /** A player's difficulty switch: hard = A (pro), otherwise B (amateur). */
  setDifficulty(player: 0 | 1, hard: boolean): void {
    const bit = player === 0 ? 0x40 : 0x80;
    this.swchbInput = hard ? this.swchbInput | bit : this.swchbInput & ~bit & 0xff;
  }
}
