import { DEFAULT_DURATION_MS, DEFAULT_SEED } from '../../../shared/model/defaults.js';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type TopologyDocument } from '../../../shared/model/types.js';

export function emptyDocument(name = 'Untitled topology'): TopologyDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    name,
    simulation: { seed: DEFAULT_SEED, durationMs: DEFAULT_DURATION_MS },
    nodes: [],
    edges: [],
    faults: [],
    notes: [],
  };
}
