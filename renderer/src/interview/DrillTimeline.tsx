import type { DrillResult } from '../../../shared/interview/index.js';

const HEIGHT = 56;
const BAR = 4;

/** Requests per simulated second of the drill, failed ones stacked in red, with the faults' spans shaded. */
export function DrillTimeline({ drill }: { drill: DrillResult }) {
  const seconds = drill.timeline;
  if (seconds.length === 0) return null;
  const peak = Math.max(1, ...seconds.map((s) => s.succeeded + s.failed));
  const width = seconds.length * BAR;
  const x = (ms: number) => (ms / 1000) * BAR;
  return (
    <figure className="bp-iv-timeline">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label="Requests per second during the drill: succeeded and failed"
      >
        {drill.faults.map((f) => (
          <rect
            key={f.fault.id}
            className="bp-iv-timeline-fault"
            x={x(f.fault.atMs)}
            width={Math.max(1, x((f.fault.untilMs ?? drill.durationMs) - f.fault.atMs))}
            y={0}
            height={HEIGHT}
          >
            <title>{f.description}</title>
          </rect>
        ))}
        {seconds.map((s, i) => {
          const ok = (s.succeeded / peak) * (HEIGHT - 2);
          const bad = (s.failed / peak) * (HEIGHT - 2);
          return (
            <g key={i}>
              <rect className="bp-iv-timeline-ok" x={i * BAR + 0.5} width={BAR - 1} y={HEIGHT - ok} height={ok} />
              <rect
                className="bp-iv-timeline-bad"
                x={i * BAR + 0.5}
                width={BAR - 1}
                y={HEIGHT - ok - bad}
                height={bad}
              />
            </g>
          );
        })}
      </svg>
      <figcaption className="bp-muted">
        Each bar is one simulated second: <span className="bp-iv-key ok">succeeded</span>,{' '}
        <span className="bp-iv-key bad">failed</span>; shaded while a fault is in force.
      </figcaption>
    </figure>
  );
}
