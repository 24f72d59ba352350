import type { Distribution, DistributionKind } from '../../../shared/model/types.js';
import { NumberField, SelectField } from './controls.js';
import { distributionMean, formatMs } from './derived.js';
import type { CustomSpec, SelectOption } from './fields.js';
import { helpText } from './help.js';
import { messagesAt, valueAt, type ItemScope } from './scope.js';

const KINDS: readonly DistributionKind[] = ['constant', 'exponential', 'uniform', 'lognormal', 'normal'];
const OPTIONS: readonly SelectOption[] = KINDS.map((k) => ({ value: k, label: k }));

interface Param {
  key: string;
  label: string;
  min: number;
  exclusiveMin?: boolean;
}

/** The fields of each distribution (all required once the distribution is written out). */
const PARAMS: Record<DistributionKind, readonly Param[]> = {
  constant: [{ key: 'meanMs', label: 'Mean', min: 0 }],
  exponential: [{ key: 'meanMs', label: 'Mean', min: 0, exclusiveMin: true }],
  uniform: [
    { key: 'minMs', label: 'Min', min: 0 },
    { key: 'maxMs', label: 'Max', min: 0 },
  ],
  lognormal: [
    { key: 'meanMs', label: 'Mean', min: 0, exclusiveMin: true },
    { key: 'p99Ms', label: 'p99', min: 0, exclusiveMin: true },
  ],
  normal: [
    { key: 'meanMs', label: 'Mean', min: 0 },
    { key: 'stdMs', label: 'Std deviation', min: 0 },
  ],
};

const round = (v: number) => Number(v.toPrecision(6));

/** A distribution of another kind with about the same mean, so that switching kinds keeps the numbers sensible. */
export function convertDistribution(from: Distribution, to: DistributionKind): Distribution {
  const mean = distributionMean(from) ?? 20;
  switch (to) {
    case 'constant':
    case 'exponential':
      return { dist: to, meanMs: to === 'exponential' && mean <= 0 ? 1 : mean };
    case 'uniform':
      return { dist: 'uniform', minMs: 0, maxMs: round(2 * mean) };
    case 'lognormal': {
      const m = mean > 0 ? mean : 1;
      return { dist: 'lognormal', meanMs: m, p99Ms: round(5 * m) };
    }
    case 'normal':
      return { dist: 'normal', meanMs: mean, stdMs: round(mean / 4) };
  }
}

function isDistribution(v: unknown): v is Distribution {
  return typeof v === 'object' && v !== null && KINDS.includes((v as { dist?: unknown }).dist as DistributionKind);
}

/** A service-time distribution: its kind, then that kind's fields. Absent, the kind's default applies. */
export function DistributionField({ spec, scope }: { spec: CustomSpec; scope: ItemScope }) {
  const fallback = spec.default ?? { dist: 'exponential', meanMs: 20 };
  const raw = valueAt(scope, spec.path);
  const written = raw === undefined ? undefined : isDistribution(raw) ? raw : undefined;
  const effective = written ?? fallback;
  const kindValue =
    raw === undefined ? undefined : typeof raw === 'object' && raw !== null ? (raw as { dist?: unknown }).dist : raw;
  const mean = distributionMean(effective);
  const help = helpText(spec.help);
  const kindHelp = helpText(`dist.${effective.dist}` as 'dist.constant');
  return (
    <div className="distribution">
      <SelectField
        label={spec.label}
        value={kindValue}
        options={OPTIONS}
        emptyLabel={`Default (${fallback.dist})`}
        help={help}
        note={kindHelp}
        errors={messagesAt(scope, spec.path, false).concat(messagesAt(scope, [...spec.path, 'dist']))}
        onCommit={(v) =>
          scope.set('Set service time', [
            [spec.path, v === undefined ? undefined : convertDistribution(effective, v as DistributionKind)],
          ])
        }
      />
      {PARAMS[effective.dist].map((p) => {
        const path = [...spec.path, p.key];
        const value = written ? valueAt(scope, path) : undefined;
        const fallbackValue = (fallback as unknown as Record<string, unknown>)[p.key];
        const placeholder = written ? 'required' : typeof fallbackValue === 'number' ? String(fallbackValue) : '';
        return (
          <NumberField
            key={`${effective.dist}-${p.key}`}
            label={p.label}
            unit="ms"
            value={value}
            placeholder={placeholder}
            help={help}
            hint={`${p.exclusiveMin ? '>' : '≥'} ${p.min} ms${written ? ' · required' : ''}`}
            errors={messagesAt(scope, path)}
            onCommit={(v) => {
              const label = `Set service time ${p.label.toLowerCase()}`;
              // Nothing written yet: write the default distribution out with the new value.
              if (!written) {
                if (v !== undefined) scope.set(label, [[spec.path, { ...fallback, [p.key]: v }]]);
              } else scope.set(label, [[path, v]]);
            }}
          />
        );
      })}
      {mean !== null && effective.dist === 'uniform' ? <p className="derived">Mean {formatMs(mean)} ms</p> : null}
    </div>
  );
}
