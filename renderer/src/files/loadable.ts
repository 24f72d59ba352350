import { migrateDocument } from '../../../shared/model/migrate.js';
import { DOCUMENT_FORMAT, NODE_KINDS, type TopologyDocument } from '../../../shared/model/types.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPoint = (v: unknown) => isRecord(v) && Number.isFinite(v.x) && Number.isFinite(v.y);

/**
 * A document the canvas can draw even though the validator finds problems in it (a sidecar attached to nothing,
 * a value out of range): the shape is right, only the meaning is not. Such a file, saved mid-edit, can still be
 * opened and fixed. Returns null when the shape itself is broken.
 */
export function loadableDocument(text: string): TopologyDocument | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return null;
  }
  const migrated = migrateDocument(raw);
  if (!migrated.ok) return null;
  const doc = migrated.document as unknown;
  if (!isRecord(doc) || doc.format !== DOCUMENT_FORMAT) return null;
  for (const key of ['nodes', 'edges', 'faults', 'notes'] as const) if (!Array.isArray(doc[key] ?? [])) return null;
  const nodes = (doc.nodes ?? []) as unknown[];
  const edges = (doc.edges ?? []) as unknown[];
  const notes = (doc.notes ?? []) as unknown[];
  const kinds: readonly string[] = NODE_KINDS;
  const nodesOk = nodes.every(
    (n) =>
      isRecord(n) &&
      typeof n.id === 'string' &&
      kinds.includes(n.kind as string) &&
      isPoint(n.position) &&
      isRecord(n.params ?? {}),
  );
  const edgesOk = edges.every(
    (e) =>
      isRecord(e) &&
      typeof e.id === 'string' &&
      typeof e.source === 'string' &&
      typeof e.target === 'string' &&
      isRecord(e.params ?? {}),
  );
  const notesOk = notes.every(
    (n) => isRecord(n) && typeof n.id === 'string' && typeof n.text === 'string' && isPoint(n.position),
  );
  if (!nodesOk || !edgesOk || !notesOk) return null;
  return {
    ...(doc as object),
    name: typeof doc.name === 'string' ? doc.name : 'Untitled topology',
    simulation: isRecord(doc.simulation) ? doc.simulation : {},
    nodes: nodes.map((n) => ({ params: {}, ...(n as object) })),
    edges: edges.map((e) => ({ params: {}, ...(e as object) })),
    faults: (doc.faults ?? []) as unknown[],
    notes,
  } as unknown as TopologyDocument;
}
