import {
  memo,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import type { NodeKind } from '../../../shared/model/types.js';
import { insertNode, runCommand } from '../store/commands.js';
import { KIND_TITLES } from '../store/kinds.js';
import { useCommandContext } from '../store/useEditor.js';
import { setKindData } from './dnd.js';
import { matchKinds } from './filter.js';
import { KIND_COLORS, KIND_DESCRIPTIONS, KindIcon } from './kindVisuals.js';
import './palette.css';

export const PALETTE_HINT =
  'Drag onto the canvas, or click to add at the centre. Drop a sidecar on a service to attach it.';

interface PaletteItemProps {
  kind: NodeKind;
  /** The one item of the list reachable with Tab (roving focus). */
  tabbable: boolean;
  onAdd(kind: NodeKind): void;
  onFocusItem(kind: NodeKind): void;
  register(kind: NodeKind, element: HTMLButtonElement | null): void;
}

const PaletteItem = memo(function PaletteItem({ kind, tabbable, onAdd, onFocusItem, register }: PaletteItemProps) {
  const tileRef = useRef<HTMLSpanElement>(null);
  const descriptionId = useId();
  const title = KIND_TITLES[kind];
  const description = KIND_DESCRIPTIONS[kind];

  const onDragStart = (event: DragEvent<HTMLButtonElement>) => {
    const dt = event.dataTransfer;
    setKindData(dt, kind);
    const tile = tileRef.current;
    if (tile && typeof dt.setDragImage === 'function') {
      dt.setDragImage(tile, tile.offsetWidth / 2, tile.offsetHeight / 2);
    }
  };

  return (
    <li className="bp-palette__entry">
      <button
        ref={(element) => register(kind, element)}
        type="button"
        className="bp-palette__item"
        style={{ '--bp-kind': KIND_COLORS[kind] } as CSSProperties}
        aria-label={`Add ${title}`}
        aria-describedby={descriptionId}
        title={description}
        data-kind={kind}
        draggable
        tabIndex={tabbable ? 0 : -1}
        onClick={() => onAdd(kind)}
        onFocus={() => onFocusItem(kind)}
        onDragStart={onDragStart}
      >
        <span ref={tileRef} className="bp-palette__tile">
          <KindIcon kind={kind} size={18} />
        </span>
        <span className="bp-palette__text">
          <span className="bp-palette__name">{title}</span>
          <span id={descriptionId} className="bp-palette__description">
            {description}
          </span>
        </span>
      </button>
    </li>
  );
});

function SearchIcon() {
  return (
    <svg
      className="bp-palette__search-icon"
      width={14}
      height={14}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="10.5" cy="10.5" r="6.5" />
      <path d="M15.5 15.5L20.5 20.5" />
    </svg>
  );
}

function NoteIcon() {
  return (
    <svg
      width={18}
      height={18}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M4.75 5.75a1 1 0 0 1 1-1h12.5a1 1 0 0 1 1 1v8.5l-5 5h-8.5a1 1 0 0 1-1-1z" />
      <path d="M19.25 14.25h-4a1 1 0 0 0-1 1v4M8.5 9h7M8.5 12.5h4" />
    </svg>
  );
}

const NAVIGATION_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

/**
 * The node palette: every node kind, to drag onto the canvas or click to add at the centre of the view, and a
 * filter to find one by name or by what it does. Reads nothing from the document, so editing does not render it.
 */
export const Palette = memo(function Palette() {
  const ctx = useCommandContext();
  const [query, setQuery] = useState('');
  const [activeKind, setActiveKind] = useState<NodeKind | null>(null);
  const buttons = useRef(new Map<NodeKind, HTMLButtonElement>());
  const filterRef = useRef<HTMLInputElement>(null);

  const kinds = useMemo(() => matchKinds(query), [query]);
  const tabbableKind = activeKind && kinds.includes(activeKind) ? activeKind : kinds[0];

  const register = useCallback((kind: NodeKind, element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(kind, element);
    else buttons.current.delete(kind);
  }, []);
  const onAdd = useCallback((kind: NodeKind) => void insertNode(ctx, kind), [ctx]);
  const onFocusItem = useCallback((kind: NodeKind) => setActiveKind(kind), []);

  const focusKind = (kind: NodeKind | undefined) => {
    if (!kind) return;
    setActiveKind(kind);
    buttons.current.get(kind)?.focus();
  };

  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (!NAVIGATION_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const current = kinds.indexOf(target.dataset.kind as NodeKind);
    if (current < 0) return;
    event.preventDefault();
    const last = kinds.length - 1;
    if (event.key === 'ArrowUp' && current === 0) {
      filterRef.current?.focus();
      return;
    }
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? last
          : event.key === 'ArrowDown'
            ? Math.min(last, current + 1)
            : current - 1;
    focusKind(kinds[next]);
  };

  const onFilterKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && query) {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    } else if (event.key === 'ArrowDown' && kinds.length) {
      event.preventDefault();
      focusKind(tabbableKind);
    } else if (event.key === 'Enter' && query.trim() && kinds.length) {
      event.preventDefault();
      insertNode(ctx, kinds[0]!);
    }
  };

  const shownQuery = query.trim();

  return (
    <div className="bp-palette">
      <div className="bp-palette__search">
        <SearchIcon />
        <input
          ref={filterRef}
          className="bp-palette__filter"
          type="search"
          aria-label="Filter node kinds"
          placeholder="Filter…"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onFilterKeyDown}
        />
      </div>
      <div className="bp-palette__scroll">
        <h2 className="bp-palette__heading">Nodes</h2>
        {kinds.length ? (
          <ul className="bp-palette__list" aria-label="Node kinds" onKeyDown={onListKeyDown}>
            {kinds.map((kind) => (
              <PaletteItem
                key={kind}
                kind={kind}
                tabbable={kind === tabbableKind}
                onAdd={onAdd}
                onFocusItem={onFocusItem}
                register={register}
              />
            ))}
          </ul>
        ) : (
          <p className="bp-palette__empty" role="status">
            No node kind matches “{shownQuery}”
          </p>
        )}
        <h2 className="bp-palette__heading">Annotations</h2>
        <ul className="bp-palette__list">
          <li className="bp-palette__entry">
            <button
              type="button"
              className="bp-palette__item bp-palette__item--note"
              aria-label="Add sticky note"
              title="A sticky note on the canvas, for explaining the design"
              onClick={() => runCommand(ctx, 'insert.note')}
            >
              <span className="bp-palette__tile">
                <NoteIcon />
              </span>
              <span className="bp-palette__text">
                <span className="bp-palette__name">Sticky note</span>
              </span>
              <kbd className="bp-palette__kbd" aria-hidden="true">
                N
              </kbd>
            </button>
          </li>
        </ul>
        <p className="bp-palette__hint">{PALETTE_HINT}</p>
      </div>
    </div>
  );
});
