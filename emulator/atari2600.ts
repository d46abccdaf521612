import type { Bus } from './bus.js';
import { Cpu } from './cpu.js';
import { Cartridge } from './cartridge.js';
import { Riot } from './riot.js';
import { Tia } from './tia.js';

/** ALE runs one frame as a single emulation call of at most this many instructions. */
export const MAX_FRAME_INSTRUCTIONS = 25_000;

/**
 * The 6507's 13-bit bus: A12 = 1 cartridge; A12 = 0, A7 = 0 TIA; A12 = 0,
 * A7 = 1 RIOT (A9 = 0 its RAM, which is read here directly, A9 = 1 its I/O).
 * It also remembers the last byte on the data bus, which the TIA's undriven
 * bits 0-5 return.
 */
class ConsoleBus implements Bus {
  /** Last value read or written. */
  data = 0;
  /** Set right after the CPU is built (the CPU needs the bus first). */
  cpu!: Cpu;

  constructor(
    private readonly tia: Tia,
    private readonly riot: Riot,
    private readonly cart: Cartridge,
    private readonly ram: Uint8Array,
  ) {}

  read(address: number): number {
    let v: number;
    if (address & 0x1000) v = this.cart.read(address);
    else if (address & 0x80) v = address & 0x200 ? this.riot.read(address, this.cpu.cycles) : this.ram[address & 0x7f];
    // TIA reads drive only bits 7-6; the rest is whatever the bus held last.
    else v = this.tia.read(address & 0x0f, this.cpu.cycles) | (this.data & 0x3f);
    this.data = v;
    return v;
  }

  write(address: number, value: number): void {
    this.data = value;
    if (address & 0x1000) this.cart.write(address, value);
    else if (address & 0x80) {
      if (address & 0x200) this.riot.write(address, value, this.cpu.cycles);
      else this.ram[address & 0x7f] = value;
    } else {
      const stall = this.tia.write(address & 0x3f, value, this.cpu.cycles);
      // WSYNC: the TIA holds RDY low until the next line starts.
      if (stall !== 0) this.cpu.cycles += stall;
    }
  }
}

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
  private readonly bus: ConsoleBus;

  /** Throws RomError (from the cartridge) for an image it cannot use. */
  constructor(rom: Uint8Array) {
    this.cart = Cartridge.fromBytes(rom);
    this.tia = new Tia();
    this.riot = new Riot();
    this.ram = this.riot.ram;
    this.bus = new ConsoleBus(this.tia, this.riot, this.cart, this.ram);
    this.cpu = new Cpu(this.bus);
    this.bus.cpu = this.cpu;
    this.powerOn();
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

  /** Power-on reset: cartridge, RIOT and TIA reset, the CPU starts at the reset vector. */
  powerOn(): void {
    this.cart.reset();
    this.cpu.cycles = 0;
    this.bus.data = 0;
    this.cpu.reset();
    // The TIA's clock and the RIOT timer start where the first instruction starts.
    this.tia.reset(this.cpu.cycles);
    this.riot.reset(this.cpu.cycles);
  }

  /**
   * Runs one frame as ALE defines it: until VSYNC is cleared at least a
   * scanline after it was set (stopping right after that instruction), or
   * the TIA cuts an overlong frame, or MAX_FRAME_INSTRUCTIONS instructions.
   */
  frame(): void {
    const cpu = this.cpu;
    const tia = this.tia;
    tia.startFrame(cpu.cycles);
    for (let n = 0; n < MAX_FRAME_INSTRUCTIONS && !tia.frameDone && !cpu.jammed; n++) cpu.step();
    tia.endFrame(cpu.cycles);
    this.frameCount++;
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
