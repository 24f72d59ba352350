import { DEFAULT_DURATION_MS, DEFAULT_SEED } from '../../../shared/model/defaults.js';
import type { TopologyDocument } from '../../../shared/model/types.js';

/** The seed and duration a run of this document uses. */
export function resolveSimulation(doc: TopologyDocument): { seed: number; durationMs: number } {
  return {
    seed: doc.simulation.seed ?? DEFAULT_SEED,
    durationMs: doc.simulation.durationMs ?? DEFAULT_DURATION_MS,
  };
}
