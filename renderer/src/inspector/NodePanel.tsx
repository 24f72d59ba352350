import { useMemo, type ReactNode } from 'react';
import { resolveClient, resolveRetry } from '../../../shared/model/defaults.js';
import type { TopologyNode } from '../../../shared/model/types.js';
import { setNodeField } from '../store/docOps.js';
import { KIND_TITLES } from '../store/kinds.js';
import { useActions, useEditor } from '../store/useEditor.js';
import { TextField } from './controls.js';
import { formatDuration, formatMs, formatNumber, serverCapacity } from './derived.js';
import { NODE_SECTIONS } from './fields.js';
import { helpText } from './help.js';
import { ProblemList } from './ProblemList.js';
import { unclaimedProblems, type Change, type ItemScope } from './scope.js';
import { ReadOnlyField, Sections } from './Sections.js';
import { useScopedProblems } from './useScopedProblems.js';

function CapacityNote({ node }: { node: TopologyNode }) {
  const c = serverCapacity(node);
  return (
    <div className="derived" title={helpText('capacity')}>
      <div className="derived-row">
        <span>Capacity</span>
        <strong>{c ? `${formatNumber(c.perSec)} req/s` : '—'}</strong>
      </div>
      {c ? (
        <p className="derived-explain">
          {formatNumber(c.workers)} workers / {formatMs(c.meanMs)} ms mean service time, at 100% utilisation; keep below
          ~70–80% ({formatNumber(c.perSec * 0.75)} req/s at 75%) for sane queueing delay (M/M/c).
          {node.kind === 'service' ? ' A worker is held while dependencies are called, so slow ones lower it.' : ''}
        </p>
      ) : (
        <p className="derived-explain">Fix the fields above to see the capacity.</p>
      )}
    </div>
  );
}

function ClientLoadNote({ node }: { node: TopologyNode }) {
  if (node.kind !== 'client') return null;
  const r = resolveClient(node.params);
  const rate = typeof r.rate === 'number' ? r.rate : NaN;
  const users = typeof r.users === 'number' ? r.users : NaN;
  const peak = Math.max(rate, ...r.rateSchedule.map((s) => (typeof s.rate === 'number' ? s.rate : 0)));
  const retry = resolveRetry(node.params.retry);
  const perUser = users > 0 ? rate / users : NaN;
  return (
    <div className="derived">
      <div className="derived-row">
        <span>Offered load</span>
        <strong>{Number.isFinite(rate) ? `${formatNumber(rate)} req/s` : '—'}</strong>
      </div>
      <p className="derived-explain">
        From {Number.isFinite(users) ? formatNumber(users) : '—'} users
        {Number.isFinite(perUser) && perUser > 0
          ? ` (one request every ${formatDuration(1000 / perUser)} per user)`
          : ''}
        .{peak > rate ? ` Peaks at ${formatNumber(peak)} req/s in the schedule.` : ''}
        {retry && typeof retry.maxAttempts === 'number' && retry.maxAttempts > 1
          ? ` With retries, up to ${formatNumber(peak * retry.maxAttempts)} attempts/s.`
          : ''}
      </p>
    </div>
  );
}

function RegionNote({ node }: { node: TopologyNode }) {
  const members = useEditor((s) => s.doc.nodes.reduce((k, n) => (n.parent === node.id ? k + 1 : k), 0));
  return (
    <p className="muted small region-members">
      {members} node{members === 1 ? '' : 's'} inside this {node.parent ? 'zone' : 'region'}.
    </p>
  );
}

/** The panel of one node: label, id, kind, then every parameter of its kind in sections. */
export function NodePanel({ id }: { id: string }) {
  const node = useEditor((s) => s.doc.nodes.find((n) => n.id === id));
  const index = useEditor((s) => s.doc.nodes.findIndex((n) => n.id === id));
  const parentLabel = useEditor((s) => {
    const p = node?.parent ? s.doc.nodes.find((n) => n.id === node.parent) : undefined;
    return p ? (p.label ?? p.id) : null;
  });
  const problems = useScopedProblems(index >= 0 ? `nodes[${index}]` : null);
  const { edit } = useActions();

  const scope: ItemScope | null = useMemo(() => {
    if (!node) return null;
    const slots: Record<string, ReactNode> = {
      capacity: <CapacityNote node={node} />,
      clientLoad: <ClientLoadNote node={node} />,
      regionMembers: <RegionNote node={node} />,
    };
    return {
      item: node,
      segments: ['nodes', index],
      problems,
      slots,
      set: (label: string, changes: readonly Change[]) =>
        edit(label, (d) => {
          for (const [path, value] of changes) setNodeField(d, id, path, value);
        }),
    };
  }, [node, index, problems, edit, id]);

  if (!node || !scope) return null;
  const sections = NODE_SECTIONS[node.kind];
  const top = unclaimedProblems(scope, sections, [['label']]);
  const labelErrors = problems.filter((p) => p.path === `nodes[${index}].label`).map((p) => p.message);
  return (
    <div className="insp-panel" data-kind={node.kind}>
      <header className="insp-head">
        <span className={`kind-badge kind-badge--${node.kind}`}>{KIND_TITLES[node.kind]}</span>
        <h2 className="insp-title">{node.label || node.id}</h2>
      </header>
      {top.length ? <ProblemList problems={top} className="insp-problems" /> : null}
      <section className="insp-section" data-section="Node">
        <TextField
          label="Label"
          value={node.label ?? ''}
          placeholder={node.id}
          errors={labelErrors}
          onCommit={(v) => {
            const label = v.trim();
            edit('Rename', (d) => setNodeField(d, id, ['label'], label === '' ? undefined : label));
          }}
        />
        <ReadOnlyField label="Id" value={node.id} />
        <ReadOnlyField label="Kind" value={KIND_TITLES[node.kind]} help={helpText(`kind.${node.kind}`)} />
        {parentLabel !== null ? (
          <ReadOnlyField label={node.kind === 'region' ? 'Zone of' : 'Region'} value={parentLabel} />
        ) : null}
        <p className="muted small kind-help">{helpText(`kind.${node.kind}`)}</p>
      </section>
      <Sections sections={sections} scope={scope} />
    </div>
  );
}
