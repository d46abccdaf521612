import { CHUNK_SHIFT, MemoryMap, type Bus, type WritePort } from './bus.js';
import { Cpu } from './cpu.js';
import { Mt19937 } from './mt19937.js';
import { Cartridge, cartChunk } from './cartridge.js';
import { Riot } from './riot.js';
import { Tia } from './tia.js';

/** ALE's default `system_random_seed`: the seed of every golden trace. */
export const ALE_SYSTEM_RANDOM_SEED = 4753849;

/**
 * ALE's console construction probes the TV format: a reset, 60 frames with no
 * input, and another reset. Games that keep RAM across a reset (Surround's frame
 * counter, Time Pilot's random number) start from what those frames left. Each
 * reset draws the timer's start; the console-wide ones then draw the cartridge
 * RAM's bytes (Super Chip), the RIOT's own reset as it is built only the timer.
 */
const TV_FORMAT_PROBE_FRAMES = 60;

/** ALE runs one frame as a single emulation call of at most this many instructions. */
export const MAX_FRAME_INSTRUCTIONS = 25_000;

/**
 * frame() brings the cycle counter back to 0 once it passes this (about 13,000 frames):
 * V8 keeps integers below 2^30 unboxed, and the TIA multiplies cycles by 3.
 */
const REBASE_CYCLES = 1 << 28;

/**
 * A write to the TIA, for ConsoleBus.write and, as a MemoryMap write port, for translated
 * code (without the CPU's and the bus's write methods in between).
 */
class TiaWritePort implements WritePort {
  /** Set with ConsoleBus.attach, right after the CPU is built. */
  cpu!: Cpu;

  constructor(private readonly tia: Tia) {}

  write(address: number, value: number, cycle: number): number {
    // WSYNC: the TIA holds RDY low until the next line starts.
    const stall = this.tia.write(address & 0x3f, value, cycle);
    if (this.tia.frameDone) {
      // ALE ends the emulation call right after the instruction that ends the frame.
      this.cpu.stop = true;
      this.cpu.blockExit = true;
    }
    return cycle + stall;
  }
}

/**
 * The 6507's 13-bit bus: A12 = 1 cartridge; A12 = 0, A7 = 0 TIA; A12 = 0,
 * A7 = 1 RIOT (A9 = 0 its RAM, A9 = 1 its I/O). RAM and the cartridge's ROM
 * (but not a bank-switching cartridge's hotspot chunk) are published to the
 * CPU as a MemoryMap over one array: RAM at 0-127, the cartridge image from
 * 128 on. So the CPU calls this class only for the TIA, the RIOT's I/O, ROM
 * writes and the hotspots. Bits 0-5 of a TIA read are the CPU's last data-bus
 * value, which the CPU keeps up to date for every access it makes.
 */
class ConsoleBus implements Bus {
  readonly memoryMap: MemoryMap;
  /** The cartridge layout the map's cartridge chunks show. */
  private mappedLayout = -1;
  /** The whole map for each cartridge layout seen so far, by the cartridge's layoutKey. */
  private readonly layouts: ({ reads: Int32Array; fetches: Int32Array } | undefined)[] = [];
  /** The map chunks whose `fetches` entry a layout may set: the cartridge's hotspot chunks, every mirror. */
  private readonly hotChunks: Int32Array;
  /** Set by attach(), right after the CPU is built (the CPU needs the bus first). */
  cpu!: Cpu;
  private readonly tiaPort: TiaWritePort;

  constructor(
    private readonly tia: Tia,
    private readonly riot: Riot,
    private readonly cart: Cartridge,
    memory: Uint8Array,
  ) {
    this.memoryMap = new MemoryMap(memory);
    this.tiaPort = new TiaWritePort(tia);
    // Every TIA chunk (A12 and A7 clear) gets the TIA's write port.
    const ports = this.memoryMap.writePorts;
    for (let c = 0; c < ports.length; c++) if (((c << CHUNK_SHIFT) & 0x1080) === 0) ports[c] = this.tiaPort;
    cart.place(memory, CART_OFFSET);
    const hot: number[] = [];
    for (let c = 0x1000 >> CHUNK_SHIFT; c < this.memoryMap.reads.length; c++) {
      const address = c << CHUNK_SHIFT;
      if ((address & 0x1000) !== 0 && cart.fetchLimit[cartChunk(address)] > 0) hot.push(c);
    }
    this.hotChunks = Int32Array.from(hot);
    const { reads, writes, fixed } = this.memoryMap;
    for (let c = 0; c < reads.length; c++) {
      const address = c << CHUNK_SHIFT;
      if ((address & 0x1280) === 0x0080) reads[c] = writes[c] = RAM_OFFSET;
      // Only a switching cartridge ever changes the map.
      fixed[c] = (address & 0x1000) === 0 || !cart.switches ? 1 : 0;
    }
    this.mapCartridge();
  }

  /**
   * Points the cartridge chunks (every mirror: A12 set) at what the cartridge
   * shows now. Chunks it must see reads of (hotspots, a RAM write port) stay on
   * the bus; only ROM is marked as code, since RAM bytes change.
   */
  mapCartridge(): void {
    const { reads, fetches } = this.memoryMap;
    // A switching game changes banks several times a frame, among a few layouts: each
    // layout's map is built once and copied in after that (which chunks are code and where
    // writes go are the same in every layout of a cartridge; `fetches` is set only in the
    // hotspot chunks).
    const key = this.cart.layoutKey;
    const hot = this.hotChunks;
    let layout = this.layouts[key];
    if (layout === undefined) {
      this.buildCartridgeMap();
      layout = this.layouts[key] = { reads: reads.slice(), fetches: Int32Array.from(hot, (c) => fetches[c]) };
    } else {
      reads.set(layout.reads);
      const f = layout.fetches;
      for (let k = 0; k < hot.length; k++) fetches[hot[k]] = f[k];
    }
    this.mappedLayout = this.cart.layoutVersion;
    this.memoryMap.changed();
  }

  /** Fills the map's cartridge chunks from the cartridge's current layout. */
  private buildCartridgeMap(): void {
    const cart = this.cart;
    const { reads, writes, code, fetches, fetchLimit } = this.memoryMap;
    const base = cart.memoryBase;
    for (let c = 0x1000 >> CHUNK_SHIFT; c < reads.length; c++) {
      const address = c << CHUNK_SHIFT;
      if ((address & 0x1000) === 0) continue;
      const i = cartChunk(address);
      const bus = cart.readThroughBus[i] !== 0;
      reads[c] = bus ? -1 : base + cart.readOffset[i];
      const w = cart.writeOffset[i];
      writes[c] = w >= 0 ? base + w : -1;
      // The hotspot chunk's code before the hotspots is fetched directly (bank-switching
      // routines live there); its data reads still go through the bus.
      const fetchable = bus && cart.fetchLimit[i] > 0 && cart.isRom[i] !== 0;
      fetches[c] = fetchable ? base + cart.readOffset[i] : -1;
      fetchLimit[c] = fetchable ? cart.fetchLimit[i] : 0;
      code[c] = (!bus || fetchable) && cart.isRom[i] !== 0 ? 1 : 0;
    }
  }

  read(address: number): number {
    if (address & 0x1000) {
      const v = this.cart.read(address);
      if (this.cart.layoutVersion !== this.mappedLayout) this.mapCartridge();
      return v;
    }
    if (address & 0x80) return address & 0x200 ? this.riot.read(address, this.cpu.cycles) : this.riot.ram[address & 0x7f];
    // TIA reads drive only bits 7-6; the rest is whatever the bus held last.
    return this.tia.read(address & 0x0f, this.cpu.cycles) | (this.cpu.dataBus & 0x3f);
  }

  poll(address: number, cycle: number, period: number, count: number, mask: number, sense: boolean): number {
    // Only the RIOT's I/O answers: its timer is what games wait on.
    return (address & 0x1280) === 0x0280 ? this.riot.poll(address, cycle, period, count, mask, sense) : 0;
  }

  write(address: number, value: number): void {
    if (address & 0x1000) {
      this.cart.write(address, value);
      if (this.cart.layoutVersion !== this.mappedLayout) this.mapCartridge();
    } else if (address & 0x80) {
      this.riot.write(address, value, this.cpu.cycles);
    } else {
      this.cpu.cycles = this.tiaPort.write(address, value, this.cpu.cycles);
    }
  }

  /** Connects the CPU built on this bus. */
  attach(cpu: Cpu): void {
    this.cpu = cpu;
    this.tiaPort.cpu = cpu;
  }
}

/** Where RAM and the cartridge image sit in the CPU's direct-access memory. */
const RAM_OFFSET = 0;
const CART_OFFSET = 128;

/** The console: CPU, TIA, RIOT and cartridge on one bus, run a frame at a time as ALE does. */
export class Atari2600 {
  readonly cpu: Cpu;
  readonly tia: Tia;
  readonly riot: Riot;
  readonly cart: Cartridge;
  /** The 128 RIOT RAM bytes ($80-$FF), live. */
  readonly ram: Uint8Array;
  /** Frames run since construction. */
  frameCount = 0;
  /** The last frame() ended on the instruction limit, not the TIA: the next one continues it (ALE keeps this across resets). */
  private partialFrame = false;
  private readonly bus: ConsoleBus;

  /** ALE's power-on randomness, drawn in ALE's order (see load()). */
  private random: Mt19937;

  /**
   * Throws RomError (from the cartridge) for an image it cannot use.
   * `systemRandomSeed`: ALE's setting of that name (power-on RAM and timer).
   * `tvFormatProbe`: run the 60 frames ALE's console runs when it is built (see load()).
   */
  constructor(rom: Uint8Array, options: { systemRandomSeed?: number; tvFormatProbe?: boolean } = {}) {
    this.random = new Mt19937(0);
    this.cart = Cartridge.fromBytes(rom);
    const memory = new Uint8Array(CART_OFFSET + this.cart.romSize + this.cart.ramSize);
    this.tia = new Tia();
    this.riot = new Riot(memory.subarray(RAM_OFFSET, RAM_OFFSET + 128));
    this.ram = this.riot.ram;
    this.bus = new ConsoleBus(this.tia, this.riot, this.cart, memory);
    this.cpu = new Cpu(this.bus);
    this.bus.attach(this.cpu);
    this.tvFormatProbe = options.tvFormatProbe ?? false;
    this.load(options.systemRandomSeed ?? ALE_SYSTEM_RANDOM_SEED);
  }

  /** load() runs ALE's TV-format probe; the caller then resets as ALE's loadROM does. */
  private readonly tvFormatProbe: boolean;

  /**
   * The console as ALE loads a cartridge with `systemRandomSeed`: RAM filled from a fresh
   * generator (draws 0-127), the RIOT's reset as it is built (128), then ALE's console
   * construction: a reset (129), the TV-format probe's 60 frames, a reset (130). With the
   * probe on, the caller makes loadROM's own reset protocol next (131), so an environment's
   * first reset takes draw 132 (Solaris seeds its game from that timer value). Without it,
   * no frame runs: the draws are made and one reset stands for loadROM's.
   * Gymnasium reloads the ROM when reset is given a seed, so a seeded reset gives the same
   * console whatever came before.
   */
  load(systemRandomSeed: number): void {
    this.random = new Mt19937(systemRandomSeed);
    // RIOT RAM powers up random: ALE fills it from its generator once, before any reset.
    for (let i = 0; i < 128; i++) this.ram[i] = this.random.next() & 0xff;
    // The RIOT's own reset draws the timer only; the console's draw the cartridge RAM too.
    this.random.next();
    this.partialFrame = false;
    if (this.tvFormatProbe) {
      const drawing = this.drawing;
      this.drawing = false;
      this.powerOn();
      for (let i = 0; i < TV_FORMAT_PROBE_FRAMES; i++) this.frame();
      this.drawing = drawing;
      this.powerOn();
    } else {
      for (let i = 0; i < 2; i++) for (let n = 1 + this.cart.ramSize; n > 0; n--) this.random.next();
      this.powerOn();
    }
  }

  /** The last frame's 160 x 210 TIA colour values (the ALE window), valid after frame(). */
  get screen(): Uint8Array {
    return this.tia.screen;
  }

  /** True once the CPU has hit a JAM opcode; frame() then returns at once until powerOn(). */
  get jammed(): boolean {
    return this.cpu.jammed;
  }

  /** False: frames are run without writing pixels (collisions stay exact); the screen keeps its old contents. */
  get drawing(): boolean {
    return this.tia.drawing;
  }

  set drawing(on: boolean) {
    this.tia.drawing = on;
  }

  /**
   * Power-on reset: cartridge, RIOT and TIA reset, the CPU starts at the reset
   * vector. RAM keeps its contents and the timer starts at ALE's next draw, as
   * ALE's console reset does (so a reset is not a fresh console); cartridge RAM
   * (Super Chip) is refilled from the draws after it, as ALE's cartridges do on
   * every reset (the RIOT resets before the cartridge).
   */
  powerOn(): void {
    // `| 0`: the generator's 32-bit draws are doubles to V8, and a double timer start would
    // spread through INTIM into the CPU's and the TIA's integer fields.
    const timerStart = (25 + (this.random.next() % 75)) | 0;
    this.cart.reset();
    const cartRam = this.cart.ram;
    for (let i = 0; i < cartRam.length; i++) cartRam[i] = this.random.next() & 0xff;
    this.bus.mapCartridge();
    this.cpu.cycles = 0;
    this.cpu.dataBus = 0;
    this.cpu.reset();
    // ALE's reset, unlike the 6502's: A, X and Y cleared, SP $FF and every flag clear (I too).
    this.cpu.a = this.cpu.x = this.cpu.y = 0;
    this.cpu.sp = 0xff;
    this.cpu.status = 0;
    // The TIA's clock and the RIOT timer start where the first instruction starts.
    this.tia.reset(this.cpu.cycles);
    this.riot.reset(this.cpu.cycles, timerStart);
  }

  /**
   * Runs one frame as ALE defines it: until VSYNC is cleared at least a
   * scanline after it was set (stopping right after that instruction), or
   * the TIA cuts an overlong frame, or MAX_FRAME_INSTRUCTIONS instructions.
   */
  frame(): void {
    const cpu = this.cpu;
    const tia = this.tia;
    if (cpu.cycles >= REBASE_CYCLES) this.rebaseCycles();
    // A frame cut by the instruction limit goes on in the next call, as in ALE: same start,
    // same scanline count (so its 290-line cut comes sooner).
    if (!this.partialFrame) tia.startFrame(cpu.cycles);
    // The bus sets cpu.stop when the TIA ends the frame; a JAM also ends run().
    cpu.run(MAX_FRAME_INSTRUCTIONS);
    this.partialFrame = !tia.frameDone;
    tia.endFrame(cpu.cycles);
    this.frameCount++;
  }

  /**
   * Sets the cycle counter back to 0, moving the TIA's and the RIOT's cycle marks with
   * it; nothing they compute changes (they only compare and subtract cycles). frame()
   * does this on its own between frames; call it only between frames.
   */
  rebaseCycles(): void {
    const cycles = this.cpu.cycles;
    this.cpu.cycles = 0;
    this.tia.rebase(cycles);
    this.riot.rebase(cycles);
  }

  /** ALE's Display.YStart for this game: the scanline the 210-line screen starts at (default 34). */
  setScreenStart(yStart: number): void {
    this.tia.setWindowStart(yStart);
  }

  /** ALE's Emulation.HmoveBlanks for this game (default on). */
  setHmoveBlanks(on: boolean): void {
    this.tia.setHmoveBlanks(on);
  }

  /** Paddle `port` (the hardware's INPT0-3) resistance in ohms. */
  setPaddle(port: 0 | 1 | 2 | 3, resistance: number): void {
    this.tia.setPaddle(port, resistance);
  }

  /** Paddle trigger `port` (SWCHA bits 7, 6, 3, 2). */
  setPaddleButton(port: 0 | 1 | 2 | 3, pressed: boolean): void {
    this.riot.setPaddleButton(port, pressed);
  }

  setJoystick(player: 0 | 1, up: boolean, down: boolean, left: boolean, right: boolean): void {
    this.riot.setJoystick(player, up, down, left, right);
  }

  /** Joystick fire button (INPT4 for player 0, INPT5 for player 1). */
  setJoystickFire(player: 0 | 1, pressed: boolean): void {
    this.tia.setFire(player, pressed);
  }

  setResetSwitch(pressed: boolean): void {
    this.riot.setConsoleSwitch('reset', pressed);
  }

  setSelectSwitch(pressed: boolean): void {
    this.riot.setConsoleSwitch('select', pressed);
  }

  /** TV type switch: true = colour. */
  setColor(color: boolean): void {
    this.riot.setColor(color);
  }

  setDifficulty(player: 0 | 1, hard: boolean): void {
    this.riot.setDifficulty(player, hard);
  }
}
