/** Outcome codes of one attempt (MODEL §3.6), as small integers for the hot path. */
export const OK = 0;
export const ERROR = 1;
export const TIMEOUT = 2;
export const REJECTED = 3;
export const UNAVAILABLE = 4;
export const CIRCUIT_OPEN = 5;

/** Names of the outcome codes, by code. */
export const OUTCOME_NAMES = ['ok', 'error', 'timeout', 'rejected', 'unavailable', 'circuitOpen'] as const;
export type OutcomeName = (typeof OUTCOME_NAMES)[number];
