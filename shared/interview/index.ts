/**
 * Interview practice mode: prompts, phases, estimation, capacity, rubric checks on the design, chaos drill and
 * score card. Pure and deterministic: no DOM, no Node, no wall clock. Types are in `types.ts`.
 */
export * from './types.js';
export { DEFAULT_LENGTH_MS, PHASES, SESSION_LENGTHS_MS, phaseAt } from './phases.js';
export { PromptError, parsePrompt, parsePromptIndex } from './prompts.js';
export { estimate } from './estimation.js';
export { formatBandwidth, formatDuration, formatFigure } from './text.js';
export { HTTP1_CONNECTIONS, capacityOf, meanServiceTimeMs } from './capacity.js';
export { REQUIRED_HEADROOM, RUBRIC, checkRubric, checkRule } from './rubric/index.js';
export { DRILL_DRAIN_MS, DRILL_DURATION_MS, MAX_DRILL_RPS, resolveDrill, runDrill } from './drill.js';
export type { DrillOptions } from './drill.js';
export { scoreCard, scoreCardSection } from './scoreCard.js';
