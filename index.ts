// The library: the emulator, its environment and the agent.
export type { Bus } from './emulator/bus.js';
