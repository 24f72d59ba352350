import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { renderDiagram } from '../../../shared/export/svg.js';
import { useEditor } from '../store/useEditor.js';
import { formatClock } from './session.js';
import type { ReplayFrame } from './session.js';

const darkQuery = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');
const subscribeScheme = (fn: () => void) => {
  const q = darkQuery();
  q?.addEventListener?.('change', fn);
  return () => q?.removeEventListener?.('change', fn);
};

/** The theme the app shows now (the user's choice, or the system's). */
function useDark(): boolean {
  const theme = useEditor((s) => s.theme);
  const systemDark = useSyncExternalStore(subscribeScheme, () => darkQuery()?.matches ?? false);
  return theme === 'dark' || (theme === 'system' && systemDark);
}

/** How long each frame shows while the replay plays. */
export const REPLAY_STEP_MS = 700;

/** The session's design edit by edit: a slider over the recorded frames, each drawn as the canvas draws it. */
export function Replay({ frames }: { frames: readonly ReplayFrame[] }) {
  const [index, setIndex] = useState(frames.length - 1);
  const [playing, setPlaying] = useState(false);
  const dark = useDark();
  const last = frames.length - 1;
  const i = Math.max(0, Math.min(index, last));
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => {
      setIndex((n) => {
        if (n >= last) {
          setPlaying(false);
          return last;
        }
        return n + 1;
      });
    }, REPLAY_STEP_MS);
    return () => clearInterval(t);
  }, [playing, last]);
  const frame = frames[i];
  const image = useMemo(() => {
    if (!frame || frame.doc.nodes.length + frame.doc.notes.length === 0) return null;
    try {
      const d = renderDiagram(frame.doc, { theme: dark ? 'dark' : 'light', embedDocument: false, padding: 16 });
      return { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(d.svg)}`, width: d.width, height: d.height };
    } catch {
      return null;
    }
  }, [frame, dark]);
  if (!frame || frames.length < 2)
    return <p className="bp-muted bp-iv-empty">No edits were recorded in this session.</p>;
  const caption = `${formatClock(frame.elapsedMs)} · ${frame.label} · ${frame.doc.nodes.filter((n) => n.kind !== 'region').length} nodes, ${frame.doc.edges.length} edges`;
  return (
    <div className="bp-iv-replay" data-testid="replay">
      <div className="bp-iv-replay-frame">
        {image ? (
          <img
            src={image.src}
            alt={`The design at ${formatClock(frame.elapsedMs)}`}
            width={image.width}
            height={image.height}
          />
        ) : (
          <span className="bp-muted">An empty canvas</span>
        )}
      </div>
      <div className="bp-iv-replay-controls">
        <button
          type="button"
          className="bp-icon-button"
          aria-label={playing ? 'Pause the replay' : 'Play the replay'}
          onClick={() => {
            if (!playing && i >= last) setIndex(0);
            setPlaying(!playing);
          }}
        >
          {playing ? '❚❚' : '▶'}
        </button>
        <input
          type="range"
          min={0}
          max={last}
          step={1}
          value={i}
          aria-label="Replay"
          aria-valuetext={caption}
          onChange={(e) => {
            setPlaying(false);
            setIndex(Number(e.target.value));
          }}
        />
        <span className="bp-muted bp-iv-replay-count">
          {i + 1}/{frames.length}
        </span>
      </div>
      <p className="bp-iv-replay-caption" data-testid="replay-caption">
        {caption}
      </p>
    </div>
  );
}
