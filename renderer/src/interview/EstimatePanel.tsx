import { useDeferredValue, useMemo } from 'react';
import { REQUIRED_HEADROOM, capacityOf, estimate } from '../../../shared/interview/index.js';
import type { EstimationInputs } from '../../../shared/interview/index.js';
import { useCommandContext, useEditor } from '../store/useEditor.js';
import { bytes, compact, ms } from './format.js';
import { useInterview, useInterviewStore } from './useInterview.js';

const FIELDS: { key: keyof EstimationInputs; label: string; unit?: string; step?: number; max?: number }[] = [
  { key: 'dailyActiveUsers', label: 'Daily active users' },
  { key: 'requestsPerUserPerDay', label: 'Requests per user per day' },
  { key: 'readWriteRatio', label: 'Reads per write' },
  { key: 'peakToAverage', label: 'Peak over average', unit: '×', step: 0.5 },
  { key: 'requestBytes', label: 'Request size', unit: 'B' },
  { key: 'responseBytes', label: 'Response size', unit: 'B' },
  { key: 'storedBytesPerWrite', label: 'Stored per write', unit: 'B' },
  { key: 'retentionYears', label: 'Kept for', unit: 'years', step: 0.5 },
  { key: 'cacheHitRatio', label: 'Cache hit ratio', step: 0.05, max: 1 },
];

function InputField({
  field,
  value,
  onChange,
}: {
  field: (typeof FIELDS)[number];
  value: number | undefined;
  onChange: (v: number | undefined) => void;
}) {
  return (
    <label className="bp-iv-field">
      <span>{field.label}</span>
      <span className="bp-iv-field-input">
        <input
          type="number"
          min={field.key === 'peakToAverage' ? 1 : 0}
          step={field.step ?? 'any'}
          max={field.max}
          value={value !== undefined && Number.isFinite(value) ? value : ''}
          placeholder={field.key === 'cacheHitRatio' ? 'no cache' : undefined}
          onChange={(e) => {
            const v = e.target.valueAsNumber;
            if (e.target.value === '' && field.key === 'cacheHitRatio') onChange(undefined);
            else if (Number.isFinite(v) && v >= 0 && (field.max === undefined || v <= field.max)) onChange(v);
          }}
        />
        {field.unit && <span className="bp-muted">{field.unit}</span>}
      </span>
    </label>
  );
}

/** The design's capacity against the estimated peak: headroom, the bottleneck (a click selects it) and each pool. */
function CapacityCheck({ peakRps, cacheHitRatio }: { peakRps: number; cacheHitRatio: number | undefined }) {
  const { store } = useCommandContext();
  const doc = useDeferredValue(useEditor((s) => s.doc));
  const capacity = useMemo(() => {
    try {
      return capacityOf(doc, cacheHitRatio === undefined ? {} : { cacheHitRatio });
    } catch {
      return null;
    }
  }, [doc, cacheHitRatio]);
  if (!capacity || capacity.nodes.length === 0 || !Number.isFinite(capacity.pathMaxRps))
    return (
      <p className="bp-muted bp-iv-empty" data-testid="capacity-empty">
        No request path with a worker pool yet: add a client and the service or database it calls, and its capacity
        shows here.
      </p>
    );
  const headroom = capacity.headroom(peakRps);
  const tone = headroom >= REQUIRED_HEADROOM ? 'pass' : headroom >= 1 ? 'warn' : 'fail';
  const bottleneck = capacity.nodes.find((n) => n.nodeId === capacity.bottleneck);
  const link = capacity.links.find((l) => l.edgeId === capacity.bottleneckEdge);
  const select = (id: string) => store.getState().select({ nodes: [id] });
  const selectEdge = (id: string) => store.getState().select({ edges: [id] });
  return (
    <div className="bp-iv-capacity" data-testid="capacity-check">
      <p className={`bp-iv-verdict ${tone}`}>
        <strong>
          {Number.isFinite(headroom) ? `${headroom >= 10 ? Math.round(headroom) : headroom.toFixed(2)}× headroom` : '—'}
        </strong>
        {': '}
        the narrowest path serves {compact(capacity.pathMaxRps, 'req/s')} against a peak of {compact(peakRps, 'req/s')}
        {tone === 'fail'
          ? ` — short by ${compact(peakRps - capacity.pathMaxRps, 'req/s')}.`
          : tone === 'warn'
            ? ` — enough, but under ${REQUIRED_HEADROOM}× leaves no room for a bad day.`
            : '.'}
      </p>
      {link ? (
        <p>
          Bottleneck: the connections of{' '}
          <button
            type="button"
            className="bp-iv-link"
            onClick={() => selectEdge(link.edgeId)}
            title="Select it on the canvas"
          >
            {link.label}
          </button>{' '}
          <span className="bp-muted">
            ({link.connections} HTTP/1.1 connections held {ms(link.holdMs)} each)
          </span>
        </p>
      ) : (
        bottleneck && (
          <p>
            Bottleneck:{' '}
            <button
              type="button"
              className="bp-iv-link"
              onClick={() => select(bottleneck.nodeId)}
              title="Select it on the canvas"
            >
              {bottleneck.label}
            </button>{' '}
            <span className="bp-muted">
              ({bottleneck.replicas} × {bottleneck.concurrency} workers / {ms(bottleneck.serviceTimeMs)})
            </span>
          </p>
        )
      )}
      <table className="bp-iv-table">
        <thead>
          <tr>
            <th>Pool</th>
            <th>Workers</th>
            <th>Mean</th>
            <th title="The total client rate at which this pool saturates">Saturates at</th>
          </tr>
        </thead>
        <tbody>
          {capacity.nodes.map((n) => (
            <tr
              key={n.nodeId}
              className={`${n.nodeId === capacity.bottleneck ? 'bottleneck' : ''}${n.visits === 0 ? ' unreached' : ''}`}
            >
              <td>
                <button type="button" className="bp-iv-link" onClick={() => select(n.nodeId)}>
                  {n.label}
                </button>
              </td>
              <td>
                {n.replicas} × {n.concurrency}
              </td>
              <td>{ms(n.serviceTimeMs)}</td>
              <td
                title={
                  n.visits === 0
                    ? 'No client reaches it'
                    : `${compact(n.maxRps, 'req/s')} of work, ${n.visits} call${n.visits === 1 ? '' : 's'} per client request`
                }
              >
                {n.visits === 0 ? 'unreached' : compact(n.limitRps, '/s')}
              </td>
            </tr>
          ))}
          {capacity.links.map((l) => (
            <tr key={l.edgeId} className={l.edgeId === capacity.bottleneckEdge ? 'bottleneck' : ''}>
              <td>
                <button type="button" className="bp-iv-link" onClick={() => selectEdge(l.edgeId)}>
                  {l.label}
                </button>
              </td>
              <td>{l.connections} conns</td>
              <td>{ms(l.holdMs)}</td>
              <td>{compact(l.limitRps, '/s')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The back-of-envelope helper: the prompt's scale figures (editable), the arithmetic from users to requests per
 * second, bandwidth and storage, and the design's capacity against that peak, live as the design changes.
 */
export function EstimatePanel() {
  const interview = useInterviewStore();
  const inputs = useInterview((s) => s.session?.estimation);
  const original = useInterview((s) => s.session?.prompt.estimation);
  const result = useMemo(() => {
    if (!inputs) return null;
    try {
      return { estimate: estimate(inputs), error: null };
    } catch (e) {
      return { estimate: null, error: e instanceof Error ? e.message : String(e) };
    }
  }, [inputs]);
  if (!inputs || !original || !result) return null;
  const edited = FIELDS.some((f) => inputs[f.key] !== original[f.key]);
  const e = result.estimate;
  return (
    <div className="bp-iv-estimate">
      <div className="bp-iv-fields">
        {FIELDS.map((f) => (
          <InputField
            key={f.key}
            field={f}
            value={inputs[f.key]}
            onChange={(v) => {
              const next = { ...inputs, [f.key]: v };
              if (v === undefined) delete next[f.key];
              interview.getState().setEstimation(next);
            }}
          />
        ))}
      </div>
      {edited && (
        <button
          type="button"
          className="bp-iv-link"
          onClick={() => interview.getState().setEstimation({ ...original })}
        >
          Back to the prompt’s figures
        </button>
      )}
      {result.error && <p className="bp-iv-error">{result.error}</p>}
      {e && (
        <>
          <dl className="bp-iv-figures" data-testid="estimate-figures">
            <div>
              <dt>Peak</dt>
              <dd>{compact(e.peakRps, 'req/s')}</dd>
            </div>
            <div>
              <dt>Reads / writes</dt>
              <dd>
                {compact(e.readRps, '/s')} / {compact(e.writeRps, '/s')}
              </dd>
            </div>
            <div>
              <dt>In / out</dt>
              <dd>
                {compact(e.ingressBytesPerSecond * 8, 'bit/s')} / {compact(e.egressBytesPerSecond * 8, 'bit/s')}
              </dd>
            </div>
            <div>
              <dt>Storage</dt>
              <dd>{bytes(e.storageBytes)}</dd>
            </div>
            {e.originRps < e.peakRps && (
              <div>
                <dt>Past the cache</dt>
                <dd>{compact(e.originRps, 'req/s')}</dd>
              </div>
            )}
          </dl>
          <details className="bp-iv-steps">
            <summary>The arithmetic</summary>
            <ol>
              {e.explanation.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ol>
          </details>
          <h4 className="bp-iv-subhead">Against your design</h4>
          <CapacityCheck peakRps={e.peakRps} cacheHitRatio={inputs.cacheHitRatio} />
        </>
      )}
    </div>
  );
}
