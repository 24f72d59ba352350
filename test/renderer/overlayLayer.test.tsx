import { act, cleanup, render, screen } from '@testing-library/react';
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MO_DELIVERED, MSG_REQUEST, type MessageBatch } from '../../shared/engine/messages.js';
import type { TopologyDocument, TopologyNode } from '../../shared/model/types.js';
import { PacketLayer } from '../../renderer/src/overlay/PacketLayer.js';
import type { PacketSource } from '../../renderer/src/overlay/types.js';
import { emptyDocument } from '../../renderer/src/store/emptyDocument.js';
import { initialParams } from '../../renderer/src/store/kinds.js';

/** A simulation side driven by the test: a clock it sets, batches it sends, resets it fires. */
function fakeSource(edgeIds: readonly string[]) {
  const batches = new Set<(b: MessageBatch) => void>();
  const resets = new Set<() => void>();
  const state = { now: 0 };
  const source: PacketSource = {
    currentTimeMs: () => state.now,
    edgeIds: () => edgeIds,
    subscribe(fn) {
      batches.add(fn);
      return () => batches.delete(fn);
    },
    onReset(fn) {
      resets.add(fn);
      return () => resets.delete(fn);
    },
  };
  return {
    source,
    state,
    send: (b: MessageBatch) => batches.forEach((fn) => fn(b)),
    reset: () => resets.forEach((fn) => fn()),
    listeners: () => batches.size + resets.size,
  };
}

/** `n` requests on edge 0, all in flight from 0 to 1,000 ms. */
function inFlight(n: number): MessageBatch {
  return {
    count: n,
    dropped: 0,
    edge: new Int32Array(n),
    direction: new Uint8Array(n),
    departMs: new Float64Array(n),
    arriveMs: new Float64Array(n).fill(1000),
    kind: new Uint8Array(n).fill(MSG_REQUEST),
    request: Float64Array.from({ length: n }, (_, k) => k),
    outcome: new Uint8Array(n).fill(MO_DELIVERED),
  };
}

function twoNodes(): TopologyDocument {
  const doc = emptyDocument('layer');
  const service = (id: string, x: number) =>
    ({ id, kind: 'service', label: id, position: { x, y: 0 }, params: initialParams('service') }) as TopologyNode;
  doc.nodes.push(service('a', 0), service('b', 400));
  doc.edges.push({ id: 'a-b', source: 'a', target: 'b', params: { latencyMs: 10 } });
  return doc;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
  // React Flow measures its pane with a ResizeObserver, which jsdom lacks.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  // jsdom has no 2D context: hand the layer one that draws nothing.
  const noop = () => {};
  const context = new Proxy(
    {},
    { get: (_, key) => (typeof key === 'string' && /^[a-z]/.test(key) ? noop : undefined) },
  );
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(context as unknown as CanvasRenderingContext2D);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('PacketLayer', () => {
  it('counts what is in flight, says when it samples, forgets on reset and lets go when unmounted', () => {
    const doc = twoNodes();
    const fake = fakeSource(['a-b']);
    const { unmount } = render(
      <ReactFlowProvider>
        <ReactFlow nodes={[]} edges={[]}>
          <PacketLayer source={fake.source} doc={doc} maxDrawn={100} adaptive={false} reducedMotion={false} />
        </ReactFlow>
      </ReactFlowProvider>,
    );
    const canvas = screen.getByTestId('packet-layer');
    const badge = screen.getByTestId('packet-sampled');
    expect(badge.hidden).toBe(true);

    act(() => {
      fake.send(inFlight(50));
      fake.state.now = 100;
      vi.advanceTimersByTime(1100);
    });
    expect(canvas.dataset.inFlight).toBe('50');
    expect(canvas.dataset.kept).toBe('50');
    expect(badge.hidden).toBe(true);

    act(() => {
      fake.reset();
      fake.send(inFlight(1000));
      fake.state.now = 200;
      vi.advanceTimersByTime(1100);
    });
    expect(canvas.dataset.inFlight).toBe('1000');
    const kept = Number(canvas.dataset.kept);
    expect(kept).toBeGreaterThan(50);
    expect(kept).toBeLessThanOrEqual(130);
    expect(badge.hidden).toBe(false);
    expect(badge.textContent).toBe(`Sampled: ${kept} of 1,000 packets drawn`);

    act(() => {
      fake.reset();
      fake.state.now = 300;
      vi.advanceTimersByTime(1100);
    });
    expect(canvas.dataset.inFlight).toBe('0');
    expect(badge.hidden).toBe(true);

    unmount();
    expect(fake.listeners()).toBe(0);
  });
});
