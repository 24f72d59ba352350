import { resolveClient } from '../../../shared/model/defaults.js';
import type { ClientParams, RateStep } from '../../../shared/model/types.js';
import { NumberField } from './controls.js';
import type { CustomSpec } from './fields.js';
import { helpText } from './help.js';
import { fullPath, messagesAt, valueAt, type ItemScope } from './scope.js';
import { isUnder } from './useScopedProblems.js';

const STEP_GAP_MS = 10_000;

/** A client's rate schedule: one row per step (time and rate), with rows added and removed. */
export function RateScheduleField({ spec, scope }: { spec: CustomSpec; scope: ItemScope }) {
  const raw = valueAt(scope, spec.path);
  const steps: readonly Partial<RateStep>[] = Array.isArray(raw) ? raw : [];
  const help = helpText(spec.help);
  const params = (valueAt(scope, ['params']) ?? {}) as ClientParams;
  const add = () => {
    const last = steps[steps.length - 1];
    const atMs = typeof last?.atMs === 'number' ? last.atMs + STEP_GAP_MS : STEP_GAP_MS;
    const rate =
      typeof last?.rate === 'number'
        ? last.rate
        : typeof params.rate === 'number'
          ? params.rate
          : resolveClient({}).rate;
    scope.set('Add rate step', [[spec.path, [...steps, { atMs, rate }]]]);
  };
  const remove = (i: number) =>
    scope.set('Remove rate step', [[steps.length === 1 ? spec.path : [...spec.path, i], undefined]]);
  // Problems the rows do not show (the list itself, an unknown field of a step) go under the list.
  const shownInRows = new Set(
    steps.flatMap((_, i) =>
      ['atMs', 'rate', null].map((k) => fullPath(scope, k ? [...spec.path, i, k] : [...spec.path, i])),
    ),
  );
  const ownErrors = scope.problems
    .filter((p) => isUnder(p.path, fullPath(scope, spec.path)) && !shownInRows.has(p.path))
    .map((p) => p.message);
  return (
    <div className="rate-schedule" role="group" aria-label={spec.label}>
      <div className="rate-schedule-head">
        <span className="field-label" title={help}>
          {spec.label}
        </span>
        <button type="button" className="btn btn--small" onClick={add}>
          Add step
        </button>
      </div>
      {steps.length === 0 ? <p className="muted small">No steps: the rate above applies for the whole run.</p> : null}
      {steps.map((_, i) => (
        <div key={i} className="rate-step">
          <NumberField
            label={`Step ${i + 1} at`}
            unit="ms"
            value={valueAt(scope, [...spec.path, i, 'atMs'])}
            placeholder="required"
            hint="≥ 0 ms, after the previous step"
            errors={messagesAt(scope, [...spec.path, i, 'atMs'], false).concat(
              messagesAt(scope, [...spec.path, i], false),
            )}
            onCommit={(v) => scope.set('Set rate step time', [[[...spec.path, i, 'atMs'], v]])}
          />
          <NumberField
            label={`Step ${i + 1} rate`}
            unit="/s"
            value={valueAt(scope, [...spec.path, i, 'rate'])}
            placeholder="required"
            hint="≥ 0 requests per second"
            errors={messagesAt(scope, [...spec.path, i, 'rate'], false)}
            onCommit={(v) => scope.set('Set rate step rate', [[[...spec.path, i, 'rate'], v]])}
          />
          <button
            type="button"
            className="btn btn--icon"
            aria-label={`Remove step ${i + 1}`}
            title={`Remove step ${i + 1}`}
            onClick={() => remove(i)}
          >
            ×
          </button>
        </div>
      ))}
      {ownErrors.map((m, i) => (
        <p key={i} className="field-error" role="alert">
          {m}
        </p>
      ))}
    </div>
  );
}
