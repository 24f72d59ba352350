import { useMemo } from 'react';
import { resolveEdge } from '../../../shared/model/defaults.js';
import type { TopologyEdge } from '../../../shared/model/types.js';
import { setEdgeField } from '../store/docOps.js';
import { useActions, useEditor } from '../store/useEditor.js';
import { formatMs, handshakeRtts, regionLatency } from './derived.js';
import { EDGE_SECTIONS } from './fields.js';
import { helpText } from './help.js';
import { ProblemList } from './ProblemList.js';
import { unclaimedProblems, type Change, type ItemScope } from './scope.js';
import { Sections } from './Sections.js';
import { useScopedProblems } from './useScopedProblems.js';

const SAMPLE_BYTES = 10_000;

function latencyOf(edge: TopologyEdge, derived: number | null): number | null {
  const own = edge.params.latencyMs;
  return typeof own === 'number' && Number.isFinite(own) ? own : derived;
}

/** Where an empty Latency field gets its value, shown under the field. */
function derivedText(edge: TopologyEdge, derived: number | null): string | null {
  if (derived === null) return null;
  const own = typeof edge.params.latencyMs === 'number';
  return `derived from regions: ${formatMs(derived)} ms${own ? ' (overridden by the value above)' : ''}`;
}

function RoundTripNote({ edge, derived }: { edge: TopologyEdge; derived: number | null }) {
  const latency = latencyOf(edge, derived);
  const bandwidth = resolveEdge(edge.params).bandwidthMbps;
  const transmitMs = typeof bandwidth === 'number' && bandwidth > 0 ? (SAMPLE_BYTES * 8) / (bandwidth * 1e3) : null;
  return (
    <div className="derived">
      <div className="derived-row" title={helpText('roundTrip')}>
        <span>Round trip</span>
        <strong>{latency !== null ? `${formatMs(2 * latency)} ms` : '—'}</strong>
      </div>
      {transmitMs !== null ? (
        <p className="derived-explain">
          Plus jitter, and transmission: 10 kB take {formatMs(transmitMs)} ms at {bandwidth} Mbps.
        </p>
      ) : null}
    </div>
  );
}

function HandshakeNote({ edge, derived }: { edge: TopologyEdge; derived: number | null }) {
  const latency = latencyOf(edge, derived);
  const { rtts, what } = handshakeRtts(edge);
  const keepAlive = resolveEdge(edge.params).keepAlive !== false;
  return (
    <div className="derived">
      <div className="derived-row">
        <span>Handshake</span>
        <strong>
          {rtts} RTT{latency !== null && rtts > 0 ? ` = ${formatMs(rtts * 2 * latency)} ms` : ''}
        </strong>
      </div>
      <p className="derived-explain">
        {what}.{' '}
        {rtts === 0
          ? ''
          : keepAlive
            ? 'Paid by the first request of each connection; later ones reuse it.'
            : 'Without keep-alive, every request opens a new connection and pays it.'}
      </p>
    </div>
  );
}

/** The panel of one edge: its ends and every edge parameter, with the latency its regions give it. */
export function EdgePanel({ id }: { id: string }) {
  const edge = useEditor((s) => s.doc.edges.find((e) => e.id === id));
  const index = useEditor((s) => s.doc.edges.findIndex((e) => e.id === id));
  const derived = useEditor((s) => {
    const e = s.doc.edges.find((x) => x.id === id);
    return e ? regionLatency(e, s.doc.nodes) : null;
  });
  const source = useEditor((s) => {
    const n = edge ? s.doc.nodes.find((x) => x.id === edge.source) : undefined;
    return n ? (n.label ?? n.id) : (edge?.source ?? '');
  });
  const target = useEditor((s) => {
    const n = edge ? s.doc.nodes.find((x) => x.id === edge.target) : undefined;
    return n ? (n.label ?? n.id) : (edge?.target ?? '');
  });
  const problems = useScopedProblems(index >= 0 ? `edges[${index}]` : null);
  const { edit, select } = useActions();

  const scope: ItemScope | null = useMemo(() => {
    if (!edge) return null;
    return {
      item: edge,
      segments: ['edges', index],
      problems,
      placeholders: derived === null ? undefined : { 'params.latencyMs': formatMs(derived) },
      notes: { 'params.latencyMs': derivedText(edge, derived) },
      slots: {
        roundTrip: <RoundTripNote edge={edge} derived={derived} />,
        handshake: <HandshakeNote edge={edge} derived={derived} />,
      },
      set: (label: string, changes: readonly Change[]) =>
        edit(label, (d) => {
          for (const [path, value] of changes) setEdgeField(d, id, path, value);
        }),
    };
  }, [edge, index, problems, derived, edit, id]);

  if (!edge || !scope) return null;
  const top = unclaimedProblems(scope, EDGE_SECTIONS);
  return (
    <div className="insp-panel" data-kind="edge">
      <header className="insp-head">
        <span className="kind-badge kind-badge--edge">Edge</span>
        <h2 className="insp-title">
          <button type="button" className="link" onClick={() => select({ nodes: [edge.source] })}>
            {source}
          </button>
          <span aria-hidden="true"> → </span>
          <span className="sr-only">calls</span>
          <button type="button" className="link" onClick={() => select({ nodes: [edge.target] })}>
            {target}
          </button>
        </h2>
      </header>
      <p className="muted small insp-id">
        Id <code>{edge.id}</code>. The source calls the target; answers travel back on the same edge.
      </p>
      {top.length ? <ProblemList problems={top} className="insp-problems" /> : null}
      <Sections sections={EDGE_SECTIONS} scope={scope} />
    </div>
  );
}
