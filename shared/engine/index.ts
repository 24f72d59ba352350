export * from './simulation.js';
export * from './report.js';
export * from './messages.js';
export * from './outcomes.js';
export { Histogram, type LatencySummary } from './histogram.js';
export { Rng, hashString } from './prng.js';
