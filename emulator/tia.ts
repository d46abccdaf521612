/**
 * The TIA (Television Interface Adaptor), emulated the way ALE's Stella core
 * sees it: objects are positions plus graphics, drawing is lazy and happens in
 * spans between register accesses, and only the ALE screen window (the 210
 * scanlines starting 34 lines after the frame start) is drawn at all.
 *
 * Time: every access passes the CPU cycle it lands on; the colour clock is
 * 3 * cycle, counted from the start of the current frame (`fc`). A scanline is
 * 228 clocks, the first 68 of which are horizontal blank; pixel x of a line is
 * clock 68 + x. A register write first draws everything before the clock it
 * takes effect on, then changes the register.
 *
 * Pixels are built from per-object line masks: each movable object's pixels on
 * the line are a 160-bit mask (five 32-bit words, kept up to date whenever the
 * object's graphics, size or position changes), the playfield is two 20-bit
 * patterns, and a span is drawn as background/playfield fills plus a pass over
 * the pixels some object covers (32 pixels without any are skipped at once).
 *
 * ALE-specific behaviour (its Stella core), which the golden traces confirm:
 *  - Pixels are drawn only when a register is accessed: a frame is drawn up to its
 *    last access, and the window past it keeps an older picture (Q*bert's resets).
 *  - Collisions are only detected where pixels are drawn: inside the window
 *    and outside VBLANK.
 *  - The HMOVE blank is a flag consumed by the next drawn line: Pong strobes
 *    HMOVE on scanline 27 and the black 8 pixels appear on scanline 34.
 *  - Object positions change at once on RESxx/HMOVE (no per-clock counters).
 *    RESBL, RESM0 and RESM1 at a few exact timings after an HMOVE land where ALE's
 *    core places them by hand (Robot Tank's ball, Battlezone's missile).
 *  - GRP1 takes effect 1 clock after the write, ENABL at once (the traces
 *    break with either changed). GRP0, REFPx, VBLANK (1 clock) and NUSIZx,
 *    RESMx (8 clocks) have delays no trace tells apart.
 * Not pinned down by Pong, so modelled from the hardware rather than matched:
 * the playfield write delay (next 4-clock cell boundary >= 2 clocks later),
 * RESPx during a copy's display.
 */

const LINE_CLOCKS = 228;
const HBLANK = 68;
const WIDTH = 160;
/** ALE's default screen window: YStart 34, Height 210 (a game's properties may move the start). */
export const SCREEN_Y_START = 34;
export const SCREEN_HEIGHT = 210;
export const SCREEN_WIDTH = WIDTH;
/** NTSC: a TIA write more than this many scanlines into a frame ends the frame. */
const MAX_SCANLINES = 290;
/** A clock no frame reaches: the largest small integer V8 keeps unboxed (Infinity would make the fields holding it doubles). */
const NEVER = 0x3fffffff;
const NO_ROW = -2;
/** hmoveClock before any HMOVE: far enough back that no reset counts as just after one. */
const NO_HMOVE = -1e9;

// Object numbers; object o sets bit (2 << o) in the pixel mask, the playfield bit 1.
const BL = 0;
const P0 = 1;
const M0 = 2;
const P1 = 3;
const M1 = 4;
const PF_BIT = 1;
const BL_BIT = 2 << BL;
const P0_BIT = 2 << P0;
const M0_BIT = 2 << M0;
const P1_BIT = 2 << P1;
const M1_BIT = 2 << M1;
/** Words of an object's line mask: bit i of word w is pixel 32 * w + i (160 = 5 * 32). */
const MASK_WORDS = 5;

// Colour register slots.
const C_BK = 0;
const C_PF = 1;
const C_P0 = 2;
const C_P1 = 3;

/**
 * Which colour register a pixel takes, indexed by
 * mode * 128 + (right half ? 64 : 0) + object bits,
 * mode = CTRLPF bit 1 (score) | CTRLPF bit 2 (priority) << 1.
 */
const COLOUR_OF = new Uint8Array(4 * 128);
/** Collision latch bits a pixel's object set raises (bit 2r+1 = register r bit 7, 2r = bit 6). */
const COLLISIONS_OF = new Uint16Array(64);
/** Colour-clock motion of an object for HMOVE strobed on CPU cycle c of the line: index c * 16 + (HM >> 4). */
const HMOVE_MOTION = new Int8Array(76 * 16);
/** Colour clocks from an HMOVE strobe to its first extra motion pulse (one every 4 clocks after). */
const HMOVE_FIRST_PULSE = 9;
/** CPU cycles of a line on which an HMOVE strobe blanks the first 8 pixels (of this line, or the next for 75). */
const HMOVE_BLANKS = new Uint8Array(76);
/** NUSIZ copy layout: offsets of copies for modes 0-7, and the player's pixel size. */
const COPY_OFFSETS: readonly (readonly number[])[] = [[0], [0, 16], [0, 32], [0, 16, 32], [0, 64], [0], [0, 32, 64], [0]];
const PLAYER_SIZE = [1, 1, 1, 1, 1, 2, 1, 4];
/** The same as flat tables for the placement code: copies per mode, their offsets (3 a mode), log2 of the pixel size. */
const COPY_COUNT = Uint8Array.from(COPY_OFFSETS, (o) => o.length);
const COPY_OFFSET = Uint8Array.from({ length: 24 }, (_, i) => COPY_OFFSETS[Math.floor(i / 3)][i % 3] ?? 0);
const PLAYER_SHIFT = Uint8Array.from(PLAYER_SIZE, (s) => Math.log2(s));
/** A player's 8 pattern bits with each bit doubled / quadrupled (double- and quad-size players). */
const STRETCH2 = new Int32Array(256);
const STRETCH4 = new Int32Array(256);
/** An object's placement key (see Tia.placedKey) when it has no pixels on the line. */
const NOTHING_PLACED = -1;
/** Bit-reversed bytes (PF1 is shifted out most significant bit first). */
const REVERSE8 = new Uint8Array(256);

(function buildTables(): void {
  for (let mode = 0; mode < 4; mode++) {
    const score = (mode & 1) !== 0;
    const priority = (mode & 2) !== 0;
    for (let half = 0; half < 2; half++) {
      for (let b = 0; b < 64; b++) {
        const pf = (b & PF_BIT) !== 0;
        const bl = (b & BL_BIT) !== 0;
        const p0 = (b & (P0_BIT | M0_BIT)) !== 0;
        const p1 = (b & (P1_BIT | M1_BIT)) !== 0;
        let c = C_BK;
        if (priority) {
          // CTRLPF priority: playfield and ball over the players; score colours are not used.
          c = pf || bl ? C_PF : p0 ? C_P0 : p1 ? C_P1 : C_BK;
        } else if (p0) c = C_P0;
        else if (p1) c = C_P1;
        else if (pf) c = score ? (half === 0 ? C_P0 : C_P1) : C_PF;
        else if (bl) c = C_PF;
        COLOUR_OF[mode * 128 + half * 64 + b] = c;
      }
    }
  }
  const pairs: [number, number, number][] = [
    // [register, bit 7 pair, bit 6 pair]
    [0, M0_BIT | P1_BIT, M0_BIT | P0_BIT],
    [1, M1_BIT | P0_BIT, M1_BIT | P1_BIT],
    [2, P0_BIT | PF_BIT, P0_BIT | BL_BIT],
    [3, P1_BIT | PF_BIT, P1_BIT | BL_BIT],
    [4, M0_BIT | PF_BIT, M0_BIT | BL_BIT],
    [5, M1_BIT | PF_BIT, M1_BIT | BL_BIT],
    [6, BL_BIT | PF_BIT, 0],
    [7, P0_BIT | P1_BIT, M0_BIT | M1_BIT],
  ];
  for (let b = 0; b < 64; b++) {
    let cx = 0;
    for (const [r, hi, lo] of pairs) {
      if ((b & hi) === hi) cx |= 1 << (2 * r + 1);
      if (lo !== 0 && (b & lo) === lo) cx |= 1 << (2 * r);
    }
    COLLISIONS_OF[b] = cx;
  }
  for (let v = 0; v < 256; v++) {
    for (let b = 0; b < 8; b++) {
      if ((v >> b) & 1) {
        STRETCH2[v] |= 3 << (2 * b);
        STRETCH4[v] |= 15 << (4 * b);
      }
    }
    let r = 0;
    for (let i = 0; i < 8; i++) if (v & (1 << i)) r |= 0x80 >> i;
    REVERSE8[v] = r;
  }
  // HMOVE: the strobe starts a counter that sends up to 15 extra clock pulses,
  // one every 4 colour clocks; an object takes (HM ^ 8) of them. Pulses only
  // move an object while it is not being clocked anyway (horizontal blank).
  // An HMOVE in the blank also stretches that line's blank by 8 clocks, which
  // costs every object 8 clocks of normal motion: the net move is
  // 8 - pulses to the right, i.e. HM as a signed nibble to the left. Cycle 75
  // acts on the next line's blank. The first pulse comes 9 clocks after the
  // strobe: with that, strobes late in the blank move objects partly and
  // strobes near the end of a line move them by the pulses that land in the
  // next line's blank, value for value as in ALE's motion table for all 76
  // cycles x 16 HM values (checked against it once).
  for (let c = 0; c < 76; c++) {
    const strobe = c * 3;
    const early = c <= 20;
    HMOVE_BLANKS[c] = early || c === 75 ? 1 : 0;
    for (let n = 0; n < 16; n++) {
      const pulses = n ^ 8;
      let effective = 0;
      for (let k = 0; k < pulses; k++) {
        const t = strobe + HMOVE_FIRST_PULSE + 4 * k;
        if (t < LINE_CLOCKS) {
          if (t < (early ? HBLANK + 8 : HBLANK)) effective++;
        } else if (t - LINE_CLOCKS < (c === 75 ? HBLANK + 8 : HBLANK)) effective++;
      }
      const stretched = early || c === 75;
      HMOVE_MOTION[c * 16 + n] = (stretched ? 8 : 0) - effective;
    }
  }
})();

/** CPU cycles a paddle port takes to charge past the threshold, ALE's formula (floating point in this order). */
export function paddleChargeCycles(resistance: number): number {
  return Math.floor(1.6 * resistance * 0.01e-6 * 1.19e6);
}

export class Tia {
  /**
   * Two window buffers, swapped when a frame starts, as ALE's core keeps them: a
   * frame draws over the picture of two frames before, which shows wherever a
   * frame's register accesses end before the window does (Q*bert's frames after a reset).
   */
  private buf = new Uint8Array(WIDTH * SCREEN_HEIGHT);
  private backBuf = new Uint8Array(WIDTH * SCREEN_HEIGHT);
  /**
   * The same pixels four at a time: rows (160 bytes) and playfield cells (4 pixels) are
   * word-aligned, and a word loop beats TypedArray fill on spans this short.
   * Four equal bytes make the same word in either byte order.
   */
  private buf32 = new Int32Array(this.buf.buffer);
  private backBuf32 = new Int32Array(this.backBuf.buffer);
  /**
   * And eight at a time, as doubles whose bits are the pixels: colours are even bytes, so
   * no such double is a NaN (whose bits an engine may change) and loads and stores keep them.
   */
  private buf64 = new Float64Array(this.buf.buffer);
  private backBuf64 = new Float64Array(this.backBuf.buffer);
  /** Two playfield cells (eight pixels) for each pair of pattern bits, for pairsPf and pairsBk. */
  private pairs = new Float64Array(4);
  private pairs32 = new Int32Array(this.pairs.buffer);
  private pairsPf = -1;
  private pairsBk = -1;

  /** The ALE window of the current frame: 160 x 210 colour values (even bytes). Read it again after each frame: the array alternates. */
  get screen(): Uint8Array {
    return this.buf;
  }

  /**
   * Rows runFirst..runFirst+runCount-1 are copies of row runFirst-1 not yet written: kernels
   * repeat lines in long runs, and a run is copied in a few doubling copyWithin calls when it
   * ends or the frame does.
   */
  private runFirst = 0;
  private runCount = 0;
  /** Set when the frame has ended (VSYNC rule or the scanline cut); cleared by startFrame. */
  frameDone = false;
  private drawPixels = true;
  /** Scanlines in the last finished frame (for diagnostics). */
  lastFrameLines = 0;
  /** The window's first and end frame clocks (see setWindowStart). */
  private windowStart = SCREEN_Y_START * LINE_CLOCKS;
  private windowEnd = (SCREEN_Y_START + SCREEN_HEIGHT) * LINE_CLOCKS;
  /** ALE's Emulation.HmoveBlanks property: false for games that turn the HMOVE blank off. */
  private hmoveBlanks = true;

  // Timing.
  /** Absolute colour clock (3 * CPU cycle) at which the current frame started. */
  private frameBase = 0;
  /** Frame clock up to which pixels have been drawn (or skipped). */
  private lastFc = 0;
  /** Frame clock of the last register access: ALE's core draws only on accesses, so a frame is drawn up to here. */
  private accessFc = 0;
  /** Absolute colour clock from which a VSYNC clear ends the frame. */
  private vsyncEnd = NEVER;
  /** Frame clock at which the end-of-line work (hooks) is due, or NEVER. */
  private hookFc = NEVER;

  // Registers.
  private vblank = 0;
  private ctrlpf = 0;
  /** Colour-table mode: CTRLPF score bit | priority bit << 1, times 128. */
  private modeOffset = 0;
  private readonly colours = new Uint8Array(4);
  private nusiz0 = 0;
  private nusiz1 = 0;
  private refp0 = 0;
  private refp1 = 0;
  private pf0 = 0;
  private pf1 = 0;
  private pf2 = 0;
  /** Playfield patterns for the two halves, bit i = playfield cell i of that half (4 pixels each). */
  private pfLeft = 0;
  private pfRight = 0;
  /** CTRLPF reflect bit as used for the current line (a late change waits for the next line). */
  private reflect = 0;
  private grp0 = 0;
  private grp1 = 0;
  private grp0Old = 0;
  private grp1Old = 0;
  private enam0 = 0;
  private enam1 = 0;
  private enabl = 0;
  private enablOld = 0;
  private vdelp0 = 0;
  private vdelp1 = 0;
  private vdelbl = 0;
  private resmp0 = 0;
  private resmp1 = 0;
  private hmp0 = 0;
  private hmp1 = 0;
  private hmm0 = 0;
  private hmm1 = 0;
  private hmbl = 0;
  private posP0 = 0;
  private posP1 = 0;
  private posM0 = 0;
  private posM1 = 0;
  private posBL = 0;
  /** A player reset in the visible part of a line does not show its first copy until the next line. */
  private suppressP0 = 0;
  private suppressP1 = 0;
  private hmoveBlank = false;
  /** Absolute colour clock (3 * CPU cycle) of the last HMOVE strobe: some resets soon after one land elsewhere. */
  private hmoveClock = NO_HMOVE;
  /** Collision latches, bit 2r+1 / 2r = bit 7 / 6 of read register r. */
  private collisions = 0;

  // Inputs.
  private readonly paddleCycles = new Float64Array(4);
  private dumpRelease = 0;
  private readonly fire = new Uint8Array(2);

  // Object pixels.
  /** Object o's pixels on the line: words o * MASK_WORDS .. o * MASK_WORDS + 4. */
  private readonly masks = new Int32Array(5 * MASK_WORDS);
  /**
   * What each object's mask was placed from (position, copies, size, graphics packed in
   * one number), or NOTHING_PLACED: placing it again from the same is skipped.
   */
  private readonly placedKey = new Int32Array(5).fill(NOTHING_PLACED);
  /**
   * Bit MASK_WORDS * o + w set when word w of object o's mask may have pixels: 0 means no
   * object pixel on the line. A span visits only the words some object has, and in a word
   * with one object, only that object.
   */
  private objectWords = 0;
  /**
   * Window row last drawn whole in one span with the current picture state, or -1 once
   * anything that shows changes: the next row is then a copy (its collisions are already latched).
   */
  private cleanRow = NO_ROW;

  constructor() {
    this.reset(0);
  }

  /** Power-on state; `cycle` is the CPU cycle count at which the console starts (frame 0 starts there). */
  reset(cycle: number): void {
    this.frameBase = cycle * 3;
    this.lastFc = 0;
    this.accessFc = 0;
    this.vsyncEnd = NEVER;
    this.hookFc = NEVER;
    this.frameDone = false;
    this.vblank = 0;
    this.ctrlpf = 0;
    this.modeOffset = 0;
    this.colours.fill(0);
    this.nusiz0 = this.nusiz1 = this.refp0 = this.refp1 = 0;
    this.pf0 = this.pf1 = this.pf2 = this.pfLeft = this.pfRight = this.reflect = 0;
    this.grp0 = this.grp1 = this.grp0Old = this.grp1Old = 0;
    this.enam0 = this.enam1 = this.enabl = this.enablOld = 0;
    this.vdelp0 = this.vdelp1 = this.vdelbl = this.resmp0 = this.resmp1 = 0;
    this.hmp0 = this.hmp1 = this.hmm0 = this.hmm1 = this.hmbl = 0;
    this.posP0 = this.posP1 = this.posM0 = this.posM1 = this.posBL = 0;
    this.suppressP0 = this.suppressP1 = 0;
    this.hmoveBlank = false;
    this.hmoveClock = NO_HMOVE;
    this.collisions = 0;
    this.dumpRelease = 0;
    this.masks.fill(0);
    this.placedKey.fill(NOTHING_PLACED);
    this.objectWords = 0;
    this.cleanRow = NO_ROW;
    this.runCount = 0;
    // The picture buffers are kept: ALE's reset leaves them.
    this.lastFrameLines = 0;
  }

  /**
   * The scanline (from the frame start) the 210-line window starts at: ALE's
   * Display.YStart, 34 unless a game's properties say otherwise (Q*bert 40).
   * Collisions are only seen inside the window, so this changes them too.
   */
  setWindowStart(yStart: number): void {
    this.copyRun();
    this.windowStart = yStart * LINE_CLOCKS;
    this.windowEnd = (yStart + SCREEN_HEIGHT) * LINE_CLOCKS;
    this.cleanRow = NO_ROW;
  }

  /** ALE's Emulation.HmoveBlanks: whether an early HMOVE blanks 8 pixels (on by default). */
  setHmoveBlanks(on: boolean): void {
    this.hmoveBlanks = on;
    if (!on) this.hmoveBlank = false;
  }

  /** False: skip writing pixels (collisions stay exact), for frames nobody looks at. */
  get drawing(): boolean {
    return this.drawPixels;
  }

  set drawing(on: boolean) {
    this.copyRun();
    this.drawPixels = on;
    this.cleanRow = NO_ROW;
  }

  // ---------------------------------------------------------------- frames

  /**
   * Starts a frame at CPU cycle `cycle`. The beam is not moved: the frame
   * starts at the beginning of the scanline the beam is on (games position
   * objects during VSYNC, and VSYNC does not reset the horizontal counter).
   */
  startFrame(cycle: number): void {
    // Frames not drawn keep the picture where it is (see `drawing`).
    if (this.drawPixels) {
      const b = this.buf;
      this.buf = this.backBuf;
      this.backBuf = b;
      const b32 = this.buf32;
      this.buf32 = this.backBuf32;
      this.backBuf32 = b32;
      const b64 = this.buf64;
      this.buf64 = this.backBuf64;
      this.backBuf64 = b64;
    }
    const fc = cycle * 3 - this.frameBase;
    const h = fc % LINE_CLOCKS;
    const shift = fc - h;
    this.frameBase += shift;
    this.lastFc = h;
    this.accessFc = h;
    this.cleanRow = NO_ROW;
    if (this.hookFc !== NEVER) this.hookFc -= shift;
    this.frameDone = false;
  }

  /**
   * Ends a frame() call at CPU cycle `cycle` (the last instruction has run). The picture is
   * drawn up to the last register access only, as ALE's core draws: a frame whose accesses
   * stop before the window ends (Q*bert clearing RAM after a reset) leaves the rest of the
   * window as it was two frames before.
   */
  endFrame(cycle: number): void {
    this.drawTo(this.accessFc);
    this.copyRun();
    this.lastFrameLines = Math.floor((cycle * 3 - this.frameBase) / LINE_CLOCKS) | 0;
  }

  /**
   * The CPU's cycle counter is about to go down by `cycles` (the console keeps it a small
   * integer): move every absolute clock with it. Frame-relative clocks stay as they are.
   */
  rebase(cycles: number): void {
    this.frameBase -= cycles * 3;
    if (this.vsyncEnd !== NEVER) this.vsyncEnd -= cycles * 3;
    this.dumpRelease -= cycles;
    this.hmoveClock -= cycles * 3;
  }

  /** Scanline and horizontal clock of CPU cycle `cycle` within the current frame. */
  beamAt(cycle: number): { line: number; clock: number } {
    const fc = cycle * 3 - this.frameBase;
    return { line: Math.floor(fc / LINE_CLOCKS), clock: fc % LINE_CLOCKS };
  }

  // ---------------------------------------------------------------- inputs

  /** Paddle `port` (INPT0-3) resistance in ohms. */
  setPaddle(port: number, resistance: number): void {
    this.paddleCycles[port] = paddleChargeCycles(resistance);
  }

  /** Joystick fire button of `player` (INPT4 / INPT5). */
  setFire(player: number, pressed: boolean): void {
    this.fire[player] = pressed ? 1 : 0;
  }

  // ---------------------------------------------------------------- bus

  /** A read of register `reg` (address & $0F) on CPU cycle `cycle`: bits 7-6, bits 0-5 zero. */
  read(reg: number, cycle: number): number {
    const fc = cycle * 3 - this.frameBase;
    this.accessFc = fc;
    // Only the collision latches depend on what has been drawn so far.
    if (reg < 8) {
      this.drawTo(fc);
      return ((this.collisions >> (2 * reg)) & 3) << 6;
    }
    switch (reg) {
      case 0x08:
      case 0x09:
      case 0x0a:
      case 0x0b:
        // Dumped paddle port: held at ground while VBLANK bit 7 is set, then charges through the paddle.
        if (this.vblank & 0x80) return 0;
        return cycle > this.dumpRelease + this.paddleCycles[reg - 8] ? 0x80 : 0;
      case 0x0c:
      case 0x0d: {
        // The button as it is now. The hardware's VBLANK bit 6 latch is not emulated: ALE
        // has none, and games that set it (Road Runner, Solaris) see a release at once there.
        return (this.fire[reg - 0x0c] ^ 1) << 7;
      }
      default:
        return 0;
    }
  }

  /**
   * A write of `value` to register `reg` (address & $3F) on CPU cycle `cycle`.
   * Returns the CPU cycles to stall (WSYNC), else 0.
   */
  write(reg: number, value: number, cycle: number): number {
    const fc = cycle * 3 - this.frameBase;
    // ALE draws up to every access (a delayed write's effect, drawn by change(), may reach further).
    this.accessFc = fc;
    // A ROM that never ends its frame is cut after MAX_SCANLINES scanlines.
    if (fc >= (MAX_SCANLINES + 1) * LINE_CLOCKS) this.frameDone = true;
    // The registers a kernel writes on every line come first, tested directly: most of those
    // writes change nothing, and a test costs less than the switch's dispatch.
    if (reg === 0x02) {
      // WSYNC (`| 0`: an integer to V8 too, as the CPU's cycle count must stay)
      const c = ((fc % LINE_CLOCKS) / 3) | 0;
      return c === 0 ? 0 : 76 - c;
    }
    if (reg >= 0x1b && reg <= 0x1f) {
      if (reg === 0x1b) {
        // GRP0: also copies GRP1 into its vertical-delay latch
        if (value === this.grp0 && (this.grp1Old === this.grp1 || !this.vdelp1)) {
          this.grp1Old = this.grp1;
          return 0;
        }
        this.change(fc + 1);
        this.grp0 = value;
        this.grp1Old = this.grp1;
        this.placePlayer0();
        if (this.vdelp1) this.placePlayer1();
        return 0;
      }
      if (reg === 0x1c) {
        // GRP1: also copies GRP0 and ENABL into their vertical-delay latches
        if (
          value === this.grp1 &&
          (this.grp0Old === this.grp0 || !this.vdelp0) &&
          (this.enablOld === this.enabl || !this.vdelbl)
        ) {
          this.grp0Old = this.grp0;
          this.enablOld = this.enabl;
          return 0;
        }
        this.change(fc + 1);
        this.grp1 = value;
        this.grp0Old = this.grp0;
        this.enablOld = this.enabl;
        this.placePlayer1();
        if (this.vdelp0) this.placePlayer0();
        if (this.vdelbl) this.placeBall();
        return 0;
      }
      const enable = value & 0x02;
      if (reg === 0x1d) {
        // ENAM0
        if (enable === this.enam0) return 0;
        this.change(fc);
        this.enam0 = enable;
        this.placeMissile0();
      } else if (reg === 0x1e) {
        // ENAM1
        if (enable === this.enam1) return 0;
        this.change(fc);
        this.enam1 = enable;
        this.placeMissile1();
      } else {
        // ENABL
        if (enable === this.enabl) return 0;
        this.change(fc);
        this.enabl = enable;
        if (!this.vdelbl) this.placeBall();
      }
      return 0;
    }
    if (reg >= 0x0d && reg <= 0x0f) {
      // PF0, PF1, PF2: shown from the next 4-clock playfield boundary at least 2 clocks later.
      const pf0 = reg === 0x0d ? value : this.pf0;
      const pf1 = reg === 0x0e ? value : this.pf1;
      const pf2 = reg === 0x0f ? value : this.pf2;
      // Kernels rewrite the playfield every line, mostly with the same pattern: then nothing changes.
      if (playfieldPattern(pf0, pf1, pf2) !== this.pfLeft) {
        // Drawn up to the change with the old registers (a line hook on the way rebuilds from them).
        const h = fc % LINE_CLOCKS;
        this.change(fc - h + ((h + 5) & ~3));
        this.pf0 = pf0;
        this.pf1 = pf1;
        this.pf2 = pf2;
        this.buildPlayfield();
        return 0;
      }
      this.pf0 = pf0;
      this.pf1 = pf1;
      this.pf2 = pf2;
      return 0;
    }
    switch (reg) {
      case 0x00: // VSYNC
        if (value & 0x02) this.vsyncEnd = cycle * 3 + LINE_CLOCKS;
        else if (cycle * 3 >= this.vsyncEnd) {
          this.vsyncEnd = NEVER;
          this.frameDone = true;
        }
        return 0;
      case 0x01: // VBLANK
        if (value === this.vblank) return 0;
        this.change(fc + 1);
        if ((this.vblank & 0x80) !== 0 && (value & 0x80) === 0) this.dumpRelease = cycle;
        this.vblank = value;
        return 0;
      case 0x03: // RSYNC: not used by ALE games, accepted
        return 0;
      case 0x04: // NUSIZ0
        this.change(fc + 8);
        this.nusiz0 = value;
        // A NUSIZ write shows every copy again (ALE).
        this.suppressP0 = 0;
        this.placePlayer0();
        this.placeMissile0();
        return 0;
      case 0x05: // NUSIZ1
        this.change(fc + 8);
        this.nusiz1 = value;
        // A NUSIZ write shows every copy again (ALE).
        this.suppressP1 = 0;
        this.placePlayer1();
        this.placeMissile1();
        return 0;
      case 0x06: // COLUP0
        if ((value & 0xfe) === this.colours[C_P0]) return 0;
        this.change(fc);
        this.colours[C_P0] = value & 0xfe;
        return 0;
      case 0x07: // COLUP1
        if ((value & 0xfe) === this.colours[C_P1]) return 0;
        this.change(fc);
        this.colours[C_P1] = value & 0xfe;
        return 0;
      case 0x08: // COLUPF
        if ((value & 0xfe) === this.colours[C_PF]) return 0;
        this.change(fc);
        this.colours[C_PF] = value & 0xfe;
        return 0;
      case 0x09: // COLUBK
        if ((value & 0xfe) === this.colours[C_BK]) return 0;
        this.change(fc);
        this.colours[C_BK] = value & 0xfe;
        return 0;
      case 0x0a: { // CTRLPF
        this.change(fc);
        this.ctrlpf = value;
        this.modeOffset = ((value >> 1) & 3) * 128;
        // A reflect change in the right half of the line waits for the next line.
        if (fc % LINE_CLOCKS < HBLANK + 79) this.setReflect(value & 1);
        else this.scheduleHook(fc);
        this.placeBall();
        return 0;
      }
      case 0x0b: // REFP0
        this.change(fc + 1);
        this.refp0 = value & 0x08;
        this.placePlayer0();
        return 0;
      case 0x0c: // REFP1
        this.change(fc + 1);
        this.refp1 = value & 0x08;
        this.placePlayer1();
        return 0;
      case 0x10: { // RESP0
        const h = fc % LINE_CLOCKS;
        const newx = h < HBLANK ? 3 : (h - HBLANK + 5) % WIDTH;
        const when = resetWhen(this.nusiz0, this.posP0, newx);
        // A reset inside a copy's pixels lets that copy finish (ALE draws 11 more clocks first).
        this.change(when === 1 ? fc + 11 : fc);
        this.posP0 = newx;
        // The first copy is not drawn for the rest of the line, unless the reset lands in a copy's start delay.
        this.suppressP0 = when === -1 ? 0 : 1;
        if (this.suppressP0) this.scheduleHook(fc);
        this.placePlayer0();
        return 0;
      }
      case 0x11: { // RESP1
        const h = fc % LINE_CLOCKS;
        const newx = h < HBLANK ? 3 : (h - HBLANK + 5) % WIDTH;
        const when = resetWhen(this.nusiz1, this.posP1, newx);
        // A reset inside a copy's pixels lets that copy finish (ALE draws 11 more clocks first).
        this.change(when === 1 ? fc + 11 : fc);
        this.posP1 = newx;
        // The first copy is not drawn for the rest of the line, unless the reset lands in a copy's start delay.
        this.suppressP1 = when === -1 ? 0 : 1;
        if (this.suppressP1) this.scheduleHook(fc);
        this.placePlayer1();
        return 0;
      }
      case 0x12: { // RESM0
        this.change(fc + 8);
        const h = fc % LINE_CLOCKS;
        this.posM0 = h < HBLANK ? 2 : (h - HBLANK + 4) % WIDTH;
        // Reset 20 cycles after an HMOVE, on line clock 69: ALE's core puts the missile at 8 (its Dolphin case).
        if (cycle * 3 - this.hmoveClock === 60 && h === 69) this.posM0 = 8;
        this.placeMissile0();
        return 0;
      }
      case 0x13: { // RESM1
        this.change(fc + 8);
        const h = fc % LINE_CLOCKS;
        this.posM1 = h < HBLANK ? 2 : (h - HBLANK + 4) % WIDTH;
        // Reset 3 cycles after an HMOVE strobed on cycle 3: ALE's core puts the missile at 3 (its Pitfall II case).
        if (cycle * 3 - this.hmoveClock === 9 && h === 18) this.posM1 = 3;
        this.placeMissile1();
        return 0;
      }
      case 0x14: { // RESBL
        this.change(fc);
        const h = fc % LINE_CLOCKS;
        this.posBL = h < HBLANK ? 2 : (h - HBLANK + 4) % WIDTH;
        this.posBL = ballResetAfterHmove(cycle * 3 - this.hmoveClock, h, this.posBL);
        this.placeBall();
        return 0;
      }
      case 0x20: this.hmp0 = value >> 4; return 0;
      case 0x21: this.hmp1 = value >> 4; return 0;
      case 0x22: this.hmm0 = value >> 4; return 0;
      case 0x23: this.hmm1 = value >> 4; return 0;
      case 0x24: this.hmbl = value >> 4; return 0;
      case 0x25: // VDELP0
        this.change(fc);
        this.vdelp0 = value & 0x01;
        this.placePlayer0();
        return 0;
      case 0x26: // VDELP1
        this.change(fc);
        this.vdelp1 = value & 0x01;
        this.placePlayer1();
        return 0;
      case 0x27: // VDELBL
        this.change(fc);
        this.vdelbl = value & 0x01;
        this.placeBall();
        return 0;
      case 0x28: // RESMP0: releasing the lock leaves the missile at the middle of its player
        this.change(fc);
        if (this.resmp0 && (value & 0x02) === 0) this.posM0 = (this.posP0 + missileLockOffset(this.nusiz0)) % WIDTH;
        this.resmp0 = value & 0x02;
        this.placeMissile0();
        return 0;
      case 0x29: // RESMP1
        this.change(fc);
        if (this.resmp1 && (value & 0x02) === 0) this.posM1 = (this.posP1 + missileLockOffset(this.nusiz1)) % WIDTH;
        this.resmp1 = value & 0x02;
        this.placeMissile1();
        return 0;
      case 0x2a: { // HMOVE
        this.change(fc);
        const c = ((fc % LINE_CLOCKS) / 3) | 0;
        if (HMOVE_BLANKS[c] && this.hmoveBlanks) this.hmoveBlank = true;
        const row = c * 16;
        const dP0 = HMOVE_MOTION[row + this.hmp0];
        const dP1 = HMOVE_MOTION[row + this.hmp1];
        const dM0 = HMOVE_MOTION[row + this.hmm0];
        const dM1 = HMOVE_MOTION[row + this.hmm1];
        const dBL = HMOVE_MOTION[row + this.hmbl];
        this.hmoveClock = (cycle * 3) | 0;
        // Kernels strobe HMOVE on every line, mostly with nothing to move: then nothing changes.
        if ((dP0 | dP1 | dM0 | dM1 | dBL | this.suppressP0 | this.suppressP1) === 0) return 0;
        this.posP0 = wrap(this.posP0 + dP0);
        this.posP1 = wrap(this.posP1 + dP1);
        this.posM0 = wrap(this.posM0 + dM0);
        this.posM1 = wrap(this.posM1 + dM1);
        this.posBL = wrap(this.posBL + dBL);
        this.suppressP0 = this.suppressP1 = 0;
        this.placePlayer0();
        this.placePlayer1();
        this.placeMissile0();
        this.placeMissile1();
        this.placeBall();
        return 0;
      }
      case 0x2b: // HMCLR
        this.hmp0 = this.hmp1 = this.hmm0 = this.hmm1 = this.hmbl = 0;
        return 0;
      case 0x2c: // CXCLR
        this.change(fc);
        this.collisions = 0;
        return 0;
      default:
        // Audio (AUDC/AUDF/AUDV) and unused addresses: no effect on the picture.
        return 0;
    }
  }

  // ---------------------------------------------------------------- drawing

  /** Draws up to `fc` before a register change that may alter the picture. */
  private change(fc: number): void {
    this.drawTo(fc);
    this.cleanRow = NO_ROW;
  }

  private scheduleHook(fc: number): void {
    const end = fc - (fc % LINE_CLOCKS) + LINE_CLOCKS;
    if (end < this.hookFc) this.hookFc = end;
  }

  /** End-of-line work: the first copy of a freshly reset player comes back, a late reflect change applies. */
  private runLineHooks(): void {
    this.hookFc = NEVER;
    this.cleanRow = NO_ROW;
    if (this.suppressP0) {
      this.suppressP0 = 0;
      this.placePlayer0();
    }
    if (this.suppressP1) {
      this.suppressP1 = 0;
      this.placePlayer1();
    }
    if ((this.ctrlpf & 1) !== this.reflect) this.setReflect(this.ctrlpf & 1);
  }

  /** Draws (or skips, outside the window) every clock of the frame before `fc`. */
  private drawTo(fc: number): void {
    let from = this.lastFc;
    if (fc <= from) return;
    this.lastFc = fc;
    const windowStart = this.windowStart;
    const windowEnd = this.windowEnd;
    if (from >= windowEnd || fc <= windowStart) {
      if (this.hookFc <= fc) this.runLineHooks();
      return;
    }
    if (from < windowStart) {
      from = windowStart;
      if (this.hookFc <= from) this.runLineHooks();
    }
    const to = fc < windowEnd ? fc : windowEnd;
    while (from < to) {
      const h = from % LINE_CLOCKS;
      const lineStart = from - h;
      const lineEnd = lineStart + LINE_CLOCKS;
      const end = to < lineEnd ? to : lineEnd;
      if (end - lineStart > HBLANK) {
        const x0 = h > HBLANK ? h - HBLANK : 0;
        this.drawSpan(((lineStart - windowStart) / LINE_CLOCKS) | 0, x0, end - lineStart - HBLANK);
      }
      from = end;
      if (this.hookFc <= from) this.runLineHooks();
    }
    if (this.hookFc <= fc) this.runLineHooks();
  }

  /** Draws pixels x0..x1-1 of window row `row` with the current registers. */
  private drawSpan(row: number, x0: number, x1: number): void {
    const out = this.buf;
    const base = row * WIDTH;
    const drawing = this.drawPixels;
    if (x1 - x0 === WIDTH && !this.hmoveBlank) {
      if (this.cleanRow === row - 1) {
        if (drawing) {
          if (this.runCount !== 0 && this.runFirst + this.runCount === row) {
            this.runCount++;
          } else {
            this.copyRun();
            this.runFirst = row;
            this.runCount = 1;
          }
        }
        this.cleanRow = row;
        return;
      }
      this.cleanRow = row;
    } else {
      this.cleanRow = NO_ROW;
    }
    if (this.vblank & 0x02) {
      // VBLANK: black, and no collisions are registered.
      if (drawing) this.fill(base + x0, base + x1, 0);
    } else {
      const colours = this.colours;
      const modeOffset = this.modeOffset;
      const pfLeft = this.pfLeft;
      const pfRight = this.pfRight;
      if (drawing) {
        const bk = colours[C_BK];
        if ((pfLeft | pfRight) === 0) {
          this.fill(base + x0, base + x1, bk);
        } else {
          const leftPf = colours[COLOUR_OF[modeOffset + PF_BIT]];
          const rightPf = colours[COLOUR_OF[modeOffset + 64 + PF_BIT]];
          let x = x0;
          // A partial first cell byte by byte, whole cells by drawCells (each half of the
          // line with its own colour), then the rest.
          if ((x & 3) !== 0) {
            const colour = playfieldColour(x >> 2, pfLeft, pfRight, leftPf, rightPf, bk);
            for (const end = x1 < ((x + 4) & ~3) ? x1 : (x + 4) & ~3; x < end; x++) out[base + x] = colour;
          }
          let cell = x >> 2;
          const endCell = x1 >> 2;
          const row4 = base >> 2;
          if (cell < 20) cell = this.drawCells(row4, cell, endCell < 20 ? endCell : 20, pfLeft >> cell, leftPf, bk);
          if (cell < endCell) this.drawCells(row4, cell, endCell, pfRight >> (cell - 20), rightPf, bk);
          x = x > endCell << 2 ? x : endCell << 2;
          if (x < x1) {
            const colour = playfieldColour(x >> 2, pfLeft, pfRight, leftPf, rightPf, bk);
            for (; x < x1; x++) out[base + x] = colour;
          }
        }
      }
      const objectWords = this.objectWords;
      if (objectWords !== 0) {
        const m = this.masks;
        const noPlayfield = (pfLeft | pfRight) === 0;
        let cx = 0;
        // The span's words that some object has pixels in.
        const w0 = x0 >> 5;
        let words = (objectWords | (objectWords >>> 5) | (objectWords >>> 10) | (objectWords >>> 15) | (objectWords >>> 20)) & ((2 << ((x1 - 1) >> 5)) - (1 << w0));
        while (words !== 0) {
          const w = 31 - Math.clz32(words & -words);
          words &= words - 1;
          const first = w << 5;
          // The word's pixels inside the span.
          let span = -1;
          if (x0 > first) span &= -1 << (x0 - first);
          if (x1 < first + 32) span &= (1 << (x1 - first)) - 1;
          // Bit 5o: object o has pixels in this word.
          const objects = (objectWords >>> w) & 0x108421;
          if ((objects & (objects - 1)) === 0) {
            // One object: its pixels take its colour, with playfield its colour and collision there.
            const o = ((31 - Math.clz32(objects)) / 5) | 0;
            let bits = m[o * MASK_WORDS + w] & span;
            if (bits === 0) continue;
            const bit = 2 << o;
            if (noPlayfield) {
              if (!drawing) continue;
              const colour = colours[COLOUR_OF[modeOffset + bit]];
              while (bits !== 0) {
                out[base + first + 31 - Math.clz32(bits & -bits)] = colour;
                bits &= bits - 1;
              }
              continue;
            }
            while (bits !== 0) {
              const x = first + 31 - Math.clz32(bits & -bits);
              bits &= bits - 1;
              const cell = x >> 2;
              const b = bit | ((cell < 20 ? pfLeft >> cell : pfRight >> (cell - 20)) & 1);
              cx |= COLLISIONS_OF[b];
              if (drawing) out[base + x] = colours[COLOUR_OF[modeOffset + (x < 80 ? 0 : 64) + b]];
            }
            continue;
          }
          const bl = m[w];
          const p0 = m[MASK_WORDS + w];
          const m0 = m[2 * MASK_WORDS + w];
          const p1 = m[3 * MASK_WORDS + w];
          const m1 = m[4 * MASK_WORDS + w];
          const overlap = (bl & p0) | ((bl | p0) & m0) | ((bl | p0 | m0) & p1) | ((bl | p0 | m0 | p1) & m1);
          if ((overlap & span) === 0 && noPlayfield) {
            // Several objects side by side: each pixel takes its one object's colour.
            if (!drawing) continue;
            for (let left = objects; left !== 0; left &= left - 1) {
              const o = ((31 - Math.clz32(left & -left)) / 5) | 0;
              let bits = m[o * MASK_WORDS + w] & span;
              const colour = colours[COLOUR_OF[modeOffset + (2 << o)]];
              while (bits !== 0) {
                out[base + first + 31 - Math.clz32(bits & -bits)] = colour;
                bits &= bits - 1;
              }
            }
            continue;
          }
          // Overlapping objects or playfield: pixel by pixel, lowest first.
          let any = (bl | p0 | m0 | p1 | m1) & span;
          while (any !== 0) {
            const i = 31 - Math.clz32(any & -any);
            any &= any - 1;
            const x = first + i;
            let b =
              (((bl >>> i) & 1) << 1) | (((p0 >>> i) & 1) << 2) | (((m0 >>> i) & 1) << 3) | (((p1 >>> i) & 1) << 4) | (((m1 >>> i) & 1) << 5);
            const cell = x >> 2;
            b |= (cell < 20 ? pfLeft >> cell : pfRight >> (cell - 20)) & 1;
            cx |= COLLISIONS_OF[b];
            if (drawing) out[base + x] = colours[COLOUR_OF[modeOffset + (x < 80 ? 0 : 64) + b]];
          }
        }
        this.collisions |= cx;
      }
    }
    // HMOVE blank: the first 8 pixels of the line after an early HMOVE are black.
    if (this.hmoveBlank && x0 < 8) {
      if (drawing) this.fill(base + x0, base + (x1 < 8 ? x1 : 8), 0);
      if (x1 >= 8) this.hmoveBlank = false;
    }
  }

  /** Writes the pending run of copied rows: each copyWithin doubles the rows done. */
  private copyRun(): void {
    const n = this.runCount;
    if (n === 0) return;
    this.runCount = 0;
    const out = this.buf;
    const source = (this.runFirst - 1) * WIDTH;
    // Rows source..source+done are identical; copy as many of them as still fit.
    for (let done = 0; done < n; ) {
      const rows = done + 1 < n - done ? done + 1 : n - done;
      out.copyWithin(source + (done + 1) * WIDTH, source, source + rows * WIDTH);
      done += rows;
    }
  }

  /** Screen bytes from..to-1 set to `colour`, the aligned middle a word at a time. */
  private fill(from: number, to: number, colour: number): void {
    const out = this.buf;
    let i = from;
    for (; i < to && (i & 3) !== 0; i++) out[i] = colour;
    const word = splat(colour);
    const out32 = this.buf32;
    let w = i >> 2;
    const end = to >> 2;
    if ((w & 1) !== 0 && w < end) out32[w++] = word;
    const eight = SPLAT64[colour];
    const out64 = this.buf64;
    for (; w + 2 <= end; w += 2) out64[w >> 1] = eight;
    if (w < end) out32[w] = word;
    for (i = i > end << 2 ? i : end << 2; i < to; i++) out[i] = colour;
  }

  /**
   * Playfield cells cell..stop-1 of row word `row4` (bit 0 of `bits` is `cell`'s), each a
   * word of `pf` or `bk`; pairs of cells eight bytes at a time. Returns `stop`.
   */
  private drawCells(row4: number, cell: number, stop: number, bits: number, pf: number, bk: number): number {
    const out32 = this.buf32;
    const pfWord = splat(pf);
    const bkWord = splat(bk);
    let w = row4 + cell;
    if ((cell & 1) !== 0 && cell < stop) {
      out32[w++] = (bits & 1) !== 0 ? pfWord : bkWord;
      bits >>= 1;
      cell++;
    }
    const pairs = this.pairs;
    if (pf !== this.pairsPf || bk !== this.pairsBk) {
      // Entry k: two cells, the first pf where bit 0 of k is set, the second where bit 1 is.
      const p32 = this.pairs32;
      p32[0] = p32[1] = p32[3] = p32[4] = bkWord;
      p32[2] = p32[5] = p32[6] = p32[7] = pfWord;
      this.pairsPf = pf;
      this.pairsBk = bk;
    }
    const out64 = this.buf64;
    for (; cell + 2 <= stop; cell += 2, bits >>= 2, w += 2) out64[w >> 1] = pairs[bits & 3];
    if (cell < stop) {
      out32[w] = (bits & 1) !== 0 ? pfWord : bkWord;
      cell++;
    }
    return cell;
  }

  // ---------------------------------------------------------------- playfield

  private buildPlayfield(): void {
    this.pfLeft = playfieldPattern(this.pf0, this.pf1, this.pf2);
    this.pfRight = this.reflect ? reverse20(this.pfLeft) : this.pfLeft;
  }

  private setReflect(r: number): void {
    this.reflect = r;
    this.buildPlayfield();
  }

  // ---------------------------------------------------------------- objects

  /** Clears object `o`'s mask. */
  private clearObject(o: number): void {
    const words = 31 << (o * MASK_WORDS);
    if ((this.objectWords & words) === 0) return;
    this.objectWords &= ~words;
    // Five stores: TypedArray fill is a runtime call, far slower on a range this short.
    const m = this.masks;
    const w = o * MASK_WORDS;
    m[w] = m[w + 1] = m[w + 2] = m[w + 3] = m[w + 4] = 0;
  }

  /**
   * Adds pixels start..start+width-1 (wrapping at the right edge) to object `o`'s mask:
   * bit p of `bits` (width <= 32 of them) is pixel start + p.
   */
  private addPixels(o: number, start: number, bits: number, width: number): void {
    const m = this.masks;
    const word = start >> 5;
    const s = start & 31;
    m[o * MASK_WORDS + word] |= bits << s;
    let used = 1 << word;
    // The bits that spill into the next word; past pixel 159 that is word 0 (pixel 0).
    if (s + width > 32) {
      const next = word === MASK_WORDS - 1 ? 0 : word + 1;
      m[o * MASK_WORDS + next] |= bits >>> (32 - s);
      used |= 1 << next;
    }
    this.objectWords |= used << (o * MASK_WORDS);
  }

  private placePlayer0(): void {
    this.placePlayer(P0, this.posP0, this.nusiz0, this.vdelp0 ? this.grp0Old : this.grp0, this.refp0, this.suppressP0);
  }

  private placePlayer1(): void {
    this.placePlayer(P1, this.posP1, this.nusiz1, this.vdelp1 ? this.grp1Old : this.grp1, this.refp1, this.suppressP1);
  }

  private placePlayer(o: number, pos: number, nusiz: number, graphics: number, reflected: number, suppress: number): void {
    // Bit p of the pattern: pixel p of a copy (in the player's pixel size), left to right.
    const pattern = reflected ? graphics : REVERSE8[graphics];
    const mode = nusiz & 7;
    const key = pattern === 0 ? NOTHING_PLACED : pos | (mode << 8) | (suppress << 11) | (pattern << 12);
    // Kernels write GRPx and strobe HMOVE on every line, mostly leaving a player as it is.
    if (key === this.placedKey[o]) return;
    this.placedKey[o] = key;
    this.clearObject(o);
    if (key === NOTHING_PLACED) return;
    const shift = PLAYER_SHIFT[mode];
    const bits = shift === 0 ? pattern : shift === 1 ? STRETCH2[pattern] : STRETCH4[pattern];
    const width = 8 << shift;
    // Double- and quad-size players start one pixel later than single-size ones (ALE's tables).
    const delay = shift === 0 ? 0 : 1;
    for (let i = suppress, copies = COPY_COUNT[mode]; i < copies; i++) {
      let start = pos + COPY_OFFSET[mode * 3 + i] + delay;
      if (start >= WIDTH) start -= WIDTH;
      this.addPixels(o, start, bits, width);
    }
  }

  private placeMissile0(): void {
    this.placeMissile(M0, this.posM0, this.nusiz0, this.enam0 !== 0 && this.resmp0 === 0);
  }

  private placeMissile1(): void {
    this.placeMissile(M1, this.posM1, this.nusiz1, this.enam1 !== 0 && this.resmp1 === 0);
  }

  private placeMissile(o: number, pos: number, nusiz: number, enabled: boolean): void {
    const key = enabled ? pos | ((nusiz & 0x37) << 8) : NOTHING_PLACED;
    if (key === this.placedKey[o]) return;
    this.placedKey[o] = key;
    this.clearObject(o);
    if (!enabled) return;
    const width = 1 << ((nusiz >> 4) & 3);
    const mode = nusiz & 7;
    for (let i = 0, copies = COPY_COUNT[mode]; i < copies; i++) {
      let start = pos + COPY_OFFSET[mode * 3 + i];
      if (start >= WIDTH) start -= WIDTH;
      this.addPixels(o, start, (1 << width) - 1, width);
    }
  }

  private placeBall(): void {
    const enabled = (this.vdelbl ? this.enablOld : this.enabl) !== 0;
    const key = enabled ? this.posBL | ((this.ctrlpf & 0x30) << 8) : NOTHING_PLACED;
    if (key === this.placedKey[BL]) return;
    this.placedKey[BL] = key;
    this.clearObject(BL);
    if (!enabled) return;
    const width = 1 << ((this.ctrlpf >> 4) & 3);
    this.addPixels(BL, this.posBL, (1 << width) - 1, width);
  }
}

/** Eight pixels of colour b as a double's bits (b even: never a NaN). */
const SPLAT64 = new Float64Array(256);
new Uint8Array(SPLAT64.buffer).set(Uint8Array.from({ length: 256 * 8 }, (_, i) => i >> 3));

/** A byte repeated in all four bytes of a word (as an int32, what the Int32Array view stores). */
function splat(b: number): number {
  // One multiply (an intrinsic V8 inlines even where its inlining budget has run out).
  return Math.imul(b, 0x01010101);
}

/** Colour of playfield cell `cell` (0-39) of the line: the playfield colour of its half where set, else the background. */
function playfieldColour(cell: number, pfLeft: number, pfRight: number, leftPf: number, rightPf: number, bk: number): number {
  return cell < 20 ? ((pfLeft >> cell) & 1 ? leftPf : bk) : (pfRight >> (cell - 20)) & 1 ? rightPf : bk;
}

/** The 20 playfield cells of the left half, bit i = cell i: PF0 bits 4-7, PF1 bits 7-0, PF2 bits 0-7. */
function playfieldPattern(pf0: number, pf1: number, pf2: number): number {
  return (pf0 >> 4) | (REVERSE8[pf1] << 4) | (pf2 << 12);
}

function wrap(x: number): number {
  return x < 0 ? x + WIDTH : x >= WIDTH ? x - WIDTH : x;
}

function reverse20(v: number): number {
  // Reverse 20 bits: reverse the three bytes of the 24-bit value, then drop the 4 low bits.
  return ((REVERSE8[v & 0xff] << 16) | (REVERSE8[(v >> 8) & 0xff] << 8) | REVERSE8[(v >> 16) & 0xff]) >> 4;
}

/**
 * Where a player reset to pixel `newx` lands relative to the copies the player
 * (at `oldx`, NUSIZ `nusiz`) draws: -1 in a copy's 4-clock start delay, 1 in its
 * pixels (8, 16 or 32 wide), 0 elsewhere. ALE keys what the reset does on this.
 */
function resetWhen(nusiz: number, oldx: number, newx: number): number {
  const mode = nusiz & 7;
  const width = 8 << PLAYER_SHIFT[mode];
  let when = 0;
  for (let i = 0, copies = COPY_COUNT[mode]; i < copies; i++) {
    const d = (newx - oldx - COPY_OFFSET[mode * 3 + i] + 2 * WIDTH) % WIDTH;
    if (d >= 4 && d < 4 + width) return 1;
    if (d < 4) when = -1;
  }
  return when;
}

/**
 * RESBL `since` colour clocks after an HMOVE at line clock `h`: ALE's core places the
 * ball by hand for four such timings (its Escape from the Mindmaster, Decathlon,
 * Robot Tank and Hole Hunter cases) instead of where the blank would put it.
 */
function ballResetAfterHmove(since: number, h: number, pos: number): number {
  if (since === 54 && (h === 60 || h === 69)) return 10;
  if (since === 9 && h === 18) return 3;
  if (since === 21 && h === 30) return 6;
  if (since === 18 && h === 27) return 5;
  return pos;
}

/** Where RESMP leaves a missile relative to its player: the middle of the player's (first copy) width. */
function missileLockOffset(nusiz: number): number {
  const mode = nusiz & 7;
  return mode === 5 ? 8 : mode === 7 ? 16 : 4;
}
