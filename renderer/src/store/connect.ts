import type { TopologyDocument } from '../../../shared/model/types.js';

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether `source` may call `target`. The reasons are the validator's rules said to someone holding the mouse:
 * nothing calls a client, regions and sidecars are never wired by hand, no self calls, one edge per pair.
 */
export function canConnect(doc: TopologyDocument, source: string, target: string): ConnectionCheck {
  const s = doc.nodes.find((n) => n.id === source);
  const t = doc.nodes.find((n) => n.id === target);
  if (!s || !t) return { ok: false, reason: 'Both ends of a connection must be nodes on the canvas.' };
  if (source === target) return { ok: false, reason: 'A node cannot call itself.' };
  if (s.kind === 'region' || t.kind === 'region')
    return { ok: false, reason: 'Regions contain nodes; they do not call or get called. Connect the nodes inside.' };
  if (s.kind === 'sidecar' || t.kind === 'sidecar')
    return {
      ok: false,
      reason:
        'A sidecar is not wired by hand: it carries its service’s traffic. Drop it on a service, then connect the service.',
    };
  if (t.kind === 'client')
    return { ok: false, reason: `“${t.label ?? t.id}” is a client: clients only start requests; nothing calls them.` };
  if (doc.edges.some((e) => e.source === source && e.target === target))
    return { ok: false, reason: `“${s.label ?? s.id}” already calls “${t.label ?? t.id}”.` };
  return { ok: true };
}
