/** Fund allocation engine: pure TypeScript, see allocate.ts for the design notes. */
export { allocate, compareSeats, formatPounds } from './allocate';
export { roundLargestRemainder } from './round';
export { proportionalShares } from './proportional';
export type { ProportionalShare } from './proportional';
export type * from './types';
