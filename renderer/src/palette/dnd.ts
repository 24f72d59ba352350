import { NODE_KINDS, type NodeKind } from '../../../shared/model/types.js';

/** The drag data type that carries a node kind from the palette to the canvas. */
export const KIND_MIME = 'application/x-backpressure-kind';

type DragData = Pick<DataTransfer, 'getData'>;

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && (NODE_KINDS as readonly string[]).includes(value);
}

/** Puts a node kind on a drag: as the palette's own type, and as plain text for anything else that reads it. */
export function setKindData(dt: DataTransfer, kind: NodeKind): void {
  dt.setData(KIND_MIME, kind);
  dt.setData('text/plain', kind);
  dt.effectAllowed = 'copy';
}

/**
 * Whether a drag carries a node kind. Usable during `dragenter`/`dragover`, when browsers list the types of a
 * drag but do not let its data be read.
 */
export function hasKindData(dt: Pick<DataTransfer, 'types'> | null | undefined): boolean {
  return !!dt && Array.from(dt.types ?? []).includes(KIND_MIME);
}

/**
 * The node kind a drop carries, or null when it carries none or an unknown one. Reads the palette's type first,
 * then plain text that is exactly a kind id.
 */
export function kindFromDataTransfer(dt: DragData | null | undefined): NodeKind | null {
  if (!dt) return null;
  const kind = dt.getData(KIND_MIME).trim();
  if (kind) return isNodeKind(kind) ? kind : null;
  const text = dt.getData('text/plain').trim();
  return isNodeKind(text) ? text : null;
}
