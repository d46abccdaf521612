// The library: the emulator, its environment and the agent.
export type { Bus } from './emulator/bus.js';
export { Cpu } from './emulator/cpu.js';
export { Cartridge, RomError } from './emulator/cartridge.js';
export { Riot } from './emulator/riot.js';
export { Tia } from './emulator/tia.js';
export { Atari2600 } from './emulator/atari2600.js';
export { AtariEnv, EnvError, SCREEN_WIDTH, SCREEN_HEIGHT } from './emulator/env.js';
export type { AtariEnvOptions, StepResult, ResetResult, StepInfo, ObservationType } from './emulator/env.js';
export { NTSC_PALETTE, screenToRgb } from './emulator/palette.js';
export { readRomFile, md5Hex } from './emulator/rom-file.js';
export { Rng, deriveSeed } from './agent/rng.js';
export { preprocess, FrameDifference, PREPRO_SIZE } from './agent/preprocess.js';
export { Policy } from './agent/policy.js';
export { RmsProp } from './agent/rmsprop.js';
export { discountRewards, standardise } from './agent/returns.js';
export { Actor, Learner, DEFAULT_SETTINGS } from './agent/learner.js';
export type { LearnerSettings, Action } from './agent/learner.js';
export { saveCheckpoint, loadCheckpoint, readCheckpoint, CheckpointError } from './agent/checkpoint.js';
