import { getBezierPath, Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import {
  MESSAGE_OUTCOMES,
  MO_DELIVERED,
  MO_LOST,
  MSG_DELIVERY,
  MSG_HANDSHAKE,
  MSG_LOOKUP,
  MSG_PROBE,
  MSG_REQUEST,
  MSG_RESPONSE,
  MSG_RETRY,
  type MessageBatch,
} from '../../shared/engine/messages.js';
import type { TopologyDocument, TopologyNode } from '../../shared/model/types.js';
import { PacketPainter, settleBucket, type PacketContext } from '../../renderer/src/overlay/drawPackets.js';
import {
  EdgePaths,
  PATH_SEGMENTS,
  SOURCE_HANDLE_DX,
  TARGET_HANDLE_DX,
  bezierControls,
  documentEdges,
  pathsForDocument,
} from '../../renderer/src/overlay/edgeGeometry.js';
import {
  LOST_MAX_FRACTION,
  PacketFrame,
  computePacketFrame,
  mapEdges,
  type FrameParams,
} from '../../renderer/src/overlay/packetFrame.js';
import { PacketStore } from '../../renderer/src/overlay/packetStore.js';
import {
  PACKET_STYLES,
  STYLE_COUNT,
  STYLE_DELIVERY,
  STYLE_ERROR,
  STYLE_HANDSHAKE,
  STYLE_LOOKUP,
  STYLE_LOST,
  STYLE_OK,
  STYLE_PROBE,
  STYLE_PROBE_FAILED,
  STYLE_REQUEST,
  STYLE_RETRY,
  styleOf,
} from '../../renderer/src/overlay/packetStyles.js';
import {
  LOWER_AT,
  MAX_LEVEL,
  idealLevel,
  keepFraction,
  keeps,
  loadBucket,
  nextLevel,
  sampleHash,
} from '../../renderer/src/overlay/sampling.js';
import { emptyDocument } from '../../renderer/src/store/emptyDocument.js';
import { NODE_SIZE } from '../../renderer/src/store/geometry.js';
import { initialParams } from '../../renderer/src/store/kinds.js';

const OK = MESSAGE_OUTCOMES.indexOf('ok');
const ERROR = MESSAGE_OUTCOMES.indexOf('error');
const REJECTED = MESSAGE_OUTCOMES.indexOf('rejected');
const UNAVAILABLE = MESSAGE_OUTCOMES.indexOf('unavailable');

/** One message: edge, direction, depart, arrive, kind, request, outcome. */
type Msg = [number, number, number, number, number, number, number];

function batchOf(messages: readonly Msg[], dropped = 0): MessageBatch {
  const n = messages.length;
  const b: MessageBatch = {
    count: n,
    dropped,
    edge: new Int32Array(n),
    direction: new Uint8Array(n),
    departMs: new Float64Array(n),
    arriveMs: new Float64Array(n),
    kind: new Uint8Array(n),
    request: new Float64Array(n),
    outcome: new Uint8Array(n),
  };
  messages.forEach(([edge, direction, depart, arrive, kind, request, outcome], i) => {
    b.edge[i] = edge;
    b.direction[i] = direction;
    b.departMs[i] = depart;
    b.arriveMs[i] = arrive;
    b.kind[i] = kind;
    b.request[i] = request;
    b.outcome[i] = outcome;
  });
  return b;
}

/** `n` requests on `edges` edges, departing evenly over [from, to), each flying `flightMs`. */
function requests(n: number, edges: number, from: number, to: number, flightMs: number, firstSerial = 0): MessageBatch {
  const msgs: Msg[] = [];
  for (let k = 0; k < n; k++) {
    const depart = from + ((to - from) * k) / n;
    msgs.push([k % edges, 0, depart, depart + flightMs, MSG_REQUEST, firstSerial + k, MO_DELIVERED]);
  }
  return batchOf(msgs);
}

function service(id: string, x: number, y: number): TopologyNode {
  return { id, kind: 'service', label: id, position: { x, y }, params: initialParams('service') } as TopologyNode;
}

/** a -> b -> c in a row, and c -> a going back left (a curve that loops behind). */
function threeNodes(): TopologyDocument {
  const doc = emptyDocument('overlay');
  doc.nodes.push(service('a', 0, 0), service('b', 400, 100), service('c', 800, 0));
  doc.edges.push(
    { id: 'a-b', source: 'a', target: 'b', params: { latencyMs: 10 } },
    { id: 'b-c', source: 'b', target: 'c', params: { latencyMs: 20 } },
    { id: 'c-a', source: 'c', target: 'a', params: { latencyMs: 40 } },
  );
  return doc;
}

function frameParams(doc: TopologyDocument, runEdgeIds: readonly string[], nowMs: number): FrameParams {
  const edges = documentEdges(doc);
  return {
    nowMs,
    lingerMs: 100,
    maxDrawn: 3000,
    edgeMap: mapEdges(runEdgeIds, edges.ids),
    latencyMs: edges.latencyMs,
    view: null,
  };
}

/** The drawn points of one style as [x, y] pairs. */
function pointsOf(frame: PacketFrame, style: number): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < frame.counts[style]; k++) out.push([frame.points[style][k * 4], frame.points[style][k * 4 + 1]]);
  return out;
}

describe('packet styles', () => {
  it('maps kinds and outcomes to the drawn styles', () => {
    expect(styleOf(MSG_REQUEST, MO_DELIVERED)).toBe(STYLE_REQUEST);
    expect(styleOf(MSG_RESPONSE, OK)).toBe(STYLE_OK);
    for (const o of [ERROR, REJECTED, UNAVAILABLE]) expect(styleOf(MSG_RESPONSE, o)).toBe(STYLE_ERROR);
    expect(styleOf(MSG_RETRY, MO_DELIVERED)).toBe(STYLE_RETRY);
    expect(styleOf(MSG_LOOKUP, MO_DELIVERED)).toBe(STYLE_LOOKUP);
    expect(styleOf(MSG_LOOKUP, OK)).toBe(STYLE_LOOKUP);
    expect(styleOf(MSG_PROBE, MO_DELIVERED)).toBe(STYLE_PROBE);
    expect(styleOf(MSG_PROBE, OK)).toBe(STYLE_PROBE);
    expect(styleOf(MSG_PROBE, UNAVAILABLE)).toBe(STYLE_PROBE_FAILED);
    expect(styleOf(MSG_HANDSHAKE, MO_DELIVERED)).toBe(STYLE_HANDSHAKE);
    expect(styleOf(MSG_DELIVERY, MO_DELIVERED)).toBe(STYLE_DELIVERY);
    for (const kind of [MSG_REQUEST, MSG_RESPONSE, MSG_RETRY, MSG_LOOKUP, MSG_PROBE, MSG_HANDSHAKE, MSG_DELIVERY])
      expect(styleOf(kind, MO_LOST)).toBe(STYLE_LOST);
    expect(PACKET_STYLES).toHaveLength(STYLE_COUNT);
  });
});

describe('packet store', () => {
  it('holds messages from departure to arrival, and a lost one for the linger after it was dropped', () => {
    const store = new PacketStore();
    store.add(
      batchOf([
        [0, 0, 0, 10, MSG_REQUEST, 1, MO_DELIVERED],
        [1, 1, 5, 30, MSG_RESPONSE, 1, OK],
        [2, 0, 2, 8, MSG_REQUEST, 2, MO_LOST],
        [0, 0, 50, 60, MSG_REQUEST, 3, MO_DELIVERED],
      ]),
    );
    expect(store.count).toBe(4);
    expect(store.inFlightAt(0)).toBe(1);
    expect(store.inFlightAt(6)).toBe(3);
    const seen: number[] = [];
    store.inFlightAt(9, 0, (i) => seen.push(store.edge[i]));
    expect(seen).toEqual([0, 1]); // the lost one was dropped at 8
    expect(store.inFlightAt(9, 5)).toBe(3); // ... but lingers 5 ms

    store.prune(12, 5);
    expect(store.count).toBe(3); // the first arrived at 10
    store.prune(14, 5);
    expect(store.count).toBe(2); // the lost one is gone at 8 + 5
    expect(Array.from(store.departMs.subarray(0, 2))).toEqual([5, 50]); // order kept
    store.prune(40, 5);
    expect(store.count).toBe(1);
    expect(store.inFlightAt(40)).toBe(0); // departs at 50
    expect(store.inFlightAt(55)).toBe(1);
  });

  it('skips messages that had finished before the last prune', () => {
    const store = new PacketStore();
    store.prune(100, 10);
    store.add(
      batchOf([
        [0, 0, 80, 95, MSG_REQUEST, 1, MO_DELIVERED],
        [0, 0, 80, 92, MSG_REQUEST, 2, MO_LOST],
        [0, 0, 80, 85, MSG_REQUEST, 3, MO_LOST],
        [0, 0, 90, 120, MSG_REQUEST, 4, MO_DELIVERED],
      ]),
    );
    expect(store.count).toBe(2);
    expect(Array.from(store.arriveMs.subarray(0, 2))).toEqual([92, 120]);
  });

  it('grows, then stays within its maximum by thinning what it admits', () => {
    const store = new PacketStore({ initialCapacity: 64, maxCapacity: 4096 });
    for (let k = 0; k < 40; k++) store.add(requests(1000, 10, 0, 1000, 1e6, k * 1000));
    expect(store.allocated).toBe(4096);
    expect(store.count).toBeLessThanOrEqual(4096);
    expect(store.admitLevel).toBeGreaterThan(0);
    for (let i = 0; i < store.count; i++) expect(keeps(store.hash[i], store.admitLevel)).toBe(true);
    // The estimate of what is on screen stays close to the truth.
    const frame = new PacketFrame(6000);
    const doc = emptyDocument();
    doc.nodes.push(service('a', 0, 0), service('b', 400, 0));
    for (let e = 0; e < 10; e++) doc.edges.push({ id: `e${e}`, source: 'a', target: 'b', params: {} });
    const ids = doc.edges.map((e) => e.id);
    computePacketFrame(store, pathsForDocument(doc), frameParams(doc, ids, 2000), frame);
    expect(frame.present).toBeGreaterThan(40000 * 0.85);
    expect(frame.present).toBeLessThan(40000 * 1.15);
    expect(frame.sampled).toBe(true);

    store.clear();
    expect(store.count).toBe(0);
    expect(store.admitLevel).toBe(0);
    expect(store.drawLevel).toBe(0);
  });

  it('counts the messages the worker overwrote', () => {
    const store = new PacketStore();
    store.add(batchOf([], 7));
    store.add(batchOf([[0, 0, 0, 1, MSG_REQUEST, 1, MO_DELIVERED]], 3));
    expect(store.overwritten).toBe(10);
  });
});

describe('sampling', () => {
  it('hashes deterministically, by request, or by edge, kind and time for probes', () => {
    expect(sampleHash(42, 1, MSG_REQUEST, 0, 5)).toBe(sampleHash(42, 1, MSG_REQUEST, 0, 5));
    // Every message of a request shares its fate: a sampled request is drawn along its whole journey.
    expect(sampleHash(42, 1, MSG_REQUEST, 0, 5)).toBe(sampleHash(42, 7, MSG_RESPONSE, 1, 90));
    expect(sampleHash(42, 1, MSG_REQUEST, 0, 5)).not.toBe(sampleHash(43, 1, MSG_REQUEST, 0, 5));
    expect(sampleHash(2 ** 33 + 42, 1, MSG_REQUEST, 0, 5)).not.toBe(sampleHash(42, 1, MSG_REQUEST, 0, 5));
    expect(sampleHash(-1, 1, MSG_PROBE, 0, 5)).not.toBe(sampleHash(-1, 2, MSG_PROBE, 0, 5));
    expect(sampleHash(-1, 1, MSG_PROBE, 0, 5)).not.toBe(sampleHash(-1, 1, MSG_PROBE, 0, 1005));
    expect(sampleHash(-1, 1, MSG_PROBE, 0, 5)).not.toBe(sampleHash(-1, 1, MSG_PROBE, 1, 5));
    for (const h of [sampleHash(7, 0, 0, 0, 0), sampleHash(-1, 3, 4, 1, 1e7)]) {
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });

  it('spreads hashes evenly, so a level keeps its share', () => {
    const n = 100_000;
    for (const level of [4, 11, 20]) {
      let kept = 0;
      for (let r = 0; r < n; r++) if (keeps(sampleHash(r, 0, 0, 0, 0), level)) kept++;
      expect(kept / n).toBeCloseTo(keepFraction(level), 2);
    }
  });

  it('nests the levels: what a level keeps, every lower level keeps', () => {
    for (let r = 0; r < 5000; r++) {
      const h = sampleHash(r, 0, 0, 0, 0);
      for (let level = 1; level <= MAX_LEVEL; level++) if (keeps(h, level)) expect(keeps(h, level - 1)).toBe(true);
    }
    expect(keeps(2 ** 32 - 1, 0)).toBe(true);
  });

  it('chooses the lowest level under the cap, and lowers it only past the hysteresis', () => {
    expect(idealLevel(2000, 3000)).toBe(0);
    for (const total of [3001, 5000, 12_400, 1e6]) {
      const level = idealLevel(total, 3000);
      expect(total * keepFraction(level)).toBeLessThanOrEqual(3000);
      expect(total * keepFraction(level - 1)).toBeGreaterThan(3000);
    }
    const level = nextLevel(0, 12_400, 3000);
    expect(level).toBe(idealLevel(12_400, 3000));
    // A little less load does not lower it...
    expect(nextLevel(level, 12_000, 3000)).toBe(level);
    // ... much less does.
    expect(nextLevel(level, 2000, 3000)).toBeLessThan(level);
    expect(2000 * keepFraction(nextLevel(level, 2000, 3000))).toBeLessThanOrEqual(3000 * LOWER_AT);
  });

  it('gives the same sample for the same input', () => {
    const doc = threeNodes();
    const ids = doc.edges.map((e) => e.id);
    const run = () => {
      const store = new PacketStore({ maxDrawn: 500 });
      const frame = new PacketFrame(1000);
      const seen: number[][] = [];
      for (let t = 0; t < 10; t++) {
        store.add(requests(800, 3, t * 100, t * 100 + 100, 250, t * 800));
        computePacketFrame(
          store,
          pathsForDocument(doc),
          { ...frameParams(doc, ids, t * 100 + 50), maxDrawn: 500 },
          frame,
        );
        seen.push([frame.drawn, frame.present, ...pointsOf(frame, STYLE_REQUEST).flat()]);
      }
      return seen;
    };
    expect(run()).toEqual(run());
  });

  it('draws about maxDrawn of many, and keeps a drawn packet drawn for its whole flight', () => {
    const doc = threeNodes();
    const ids = doc.edges.map((e) => e.id);
    const paths = pathsForDocument(doc);
    const store = new PacketStore({ maxDrawn: 3000 });
    const frame = new PacketFrame(6000);
    const params = frameParams(doc, ids, 0);
    let previous = new Set<number>(); // hashes drawn on the previous frame
    const flight = 400;
    // The load ramps up to 40,000 in flight, holds, then falls to 2,000.
    let serial = 0;
    for (let step = 0; step < 60; step++) {
      const t = step * 50;
      const perStep = step < 20 ? 250 + step * 250 : step < 40 ? 5000 : 250;
      store.add(requests(perStep, 3, t, t + 50, flight, serial));
      serial += perStep;
      params.nowMs = t + 25;
      computePacketFrame(store, paths, params, frame);
      const kept = new Set<number>();
      store.inFlightAt(params.nowMs, 0, (i) => {
        // Every packet drawn on the previous frame and still in flight is still drawn.
        if (previous.has(store.hash[i])) expect(store.keep[i]).toBe(1);
        if (store.keep[i]) kept.add(store.hash[i]);
      });
      previous = kept;

      if (step >= 30 && step < 40) {
        // Steady load: near the target, within the quarter-octave steps and the hysteresis.
        expect(frame.sampled).toBe(true);
        expect(frame.kept).toBeGreaterThan(3000 * 0.6);
        expect(frame.kept).toBeLessThan(3000 * 1.05);
      } else if (step < 40) {
        // While the load climbs, packets sampled at the lighter load finish their flight: some overshoot.
        expect(frame.kept).toBeLessThan(3000 * 2);
      } else if (step >= 58) {
        // The load fell at step 40: within one flight the level comes down, within another the packets sampled at
        // the old level have landed, and all are drawn.
        expect(frame.sampled).toBe(false);
        expect(frame.kept).toBe(frame.present);
      } else expect(frame.kept).toBeLessThan(3000);
    }
  });

  it('counts the load of every edge, with the lost ones only until they are dropped', () => {
    const doc = threeNodes();
    const ids = doc.edges.map((e) => e.id);
    const store = new PacketStore();
    store.add(
      batchOf([
        [0, 0, 0, 100, MSG_REQUEST, 1, MO_DELIVERED],
        [0, 1, 0, 100, MSG_RESPONSE, 2, OK],
        [1, 0, 0, 100, MSG_REQUEST, 3, MO_DELIVERED],
        [2, 0, 0, 10, MSG_REQUEST, 4, MO_LOST],
        [2, 0, 60, 100, MSG_REQUEST, 5, MO_DELIVERED],
      ]),
    );
    const frame = new PacketFrame(100);
    computePacketFrame(store, pathsForDocument(doc), frameParams(doc, ids, 50), frame);
    expect(Array.from(frame.load)).toEqual([2, 1, 0]);
    expect(frame.present).toBe(4); // lost and lingering, not the one departing at 60
    expect(frame.sampled).toBe(false);
    expect(loadBucket(0)).toBe(0);
    expect(loadBucket(1)).toBe(1);
    expect(loadBucket(2)).toBe(2);
    expect(loadBucket(1000)).toBe(10);
  });
});

describe('edge geometry', () => {
  it('reproduces React Flow’s bezier', () => {
    const cases: [number, number, number, number][] = [
      [0, 0, 300, 120],
      [500, 40, 100, 300], // target behind the source: the curve loops
      [10, 10, 10, 10],
    ];
    for (const [sx, sy, tx, ty] of cases) {
      const [path] = getBezierPath({
        sourceX: sx,
        sourceY: sy,
        targetX: tx,
        targetY: ty,
        sourcePosition: Position.Right,
        targetPosition: Position.Left,
      });
      const numbers = path.match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
      expect(numbers.slice(2, 6)).toEqual(bezierControls(sx, sy, tx, ty).map((v) => expect.closeTo(v, 9)));
    }
  });

  it('lays edges between the handles of the document’s nodes, cached per document', () => {
    const doc = threeNodes();
    const edges = documentEdges(doc);
    expect(documentEdges(doc)).toBe(edges);
    expect(pathsForDocument(doc)).toBe(pathsForDocument(doc));
    expect(Array.from(edges.ends.subarray(0, 4))).toEqual([
      NODE_SIZE.width + SOURCE_HANDLE_DX,
      NODE_SIZE.height / 2,
      400 + TARGET_HANDLE_DX,
      100 + NODE_SIZE.height / 2,
    ]);
    expect(Array.from(edges.latencyMs)).toEqual([10, 20, 40]);
    const moved = { ...doc, nodes: [service('a', 100, 0), ...doc.nodes.slice(1)] };
    expect(documentEdges(moved)).not.toBe(edges);
    expect(documentEdges(moved).ends[0]).toBe(100 + NODE_SIZE.width + SOURCE_HANDLE_DX);
  });

  it('samples each path into points equally spaced along the curve', () => {
    const paths = new EdgePaths(2);
    paths.setCurve(0, 0, 0, 300, 120);
    paths.setCurve(1, 500, 40, 100, 300);
    for (let i = 0; i < 2; i++) {
      const base = i * (PATH_SEGMENTS + 1);
      const [sx, sy, tx, ty] = Array.from(paths.ends.subarray(i * 4, i * 4 + 4));
      expect([paths.xs[base], paths.ys[base]]).toEqual([sx, sy]);
      expect([paths.xs[base + PATH_SEGMENTS], paths.ys[base + PATH_SEGMENTS]]).toEqual([tx, ty]);
      const step = paths.length[i] / PATH_SEGMENTS;
      for (let k = 0; k < PATH_SEGMENTS; k++) {
        const d = Math.hypot(paths.xs[base + k + 1] - paths.xs[base + k], paths.ys[base + k + 1] - paths.ys[base + k]);
        expect(d).toBeGreaterThan(step * 0.9);
        expect(d).toBeLessThanOrEqual(step * 1.001);
      }
      // Every table point lies on the cubic.
      const [c1x, c1y, c2x, c2y] = bezierControls(sx, sy, tx, ty);
      for (let k = 0; k <= PATH_SEGMENTS; k++) {
        let best = Infinity;
        for (let j = 0; j <= 4000; j++) {
          const t = j / 4000;
          const u = 1 - t;
          const x = u * u * u * sx + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * tx;
          const y = u * u * u * sy + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * ty;
          best = Math.min(best, Math.hypot(x - paths.xs[base + k], y - paths.ys[base + k]));
        }
        expect(best).toBeLessThan(0.5);
      }
    }
    const out = new Float64Array(4);
    paths.pointAt(0, 0, out);
    expect([out[0], out[1]]).toEqual([0, 0]);
    expect(Math.hypot(out[2], out[3])).toBeCloseTo(1, 1);
    paths.pointAt(0, 1, out);
    expect([out[0], out[1]]).toEqual([300, 120]);
    paths.pointAt(0, 0.5, out);
    // Halfway along a curve symmetric about its middle is its middle.
    expect(out[0]).toBeCloseTo(150, 0);
    expect(out[1]).toBeCloseTo(60, 0);
    expect(paths.setCurve(0, 0, 0, 300, 120)).toBe(false);
    expect(paths.setCurve(0, 0, 0, 300, 121)).toBe(true);
    // Bounds cover the curve.
    expect(paths.bounds[4]).toBeLessThanOrEqual(100);
    expect(paths.bounds[6]).toBeGreaterThan(500);
  });
});

describe('packet frame', () => {
  it('puts each packet along its edge by its departure and arrival times, answers going back', () => {
    const doc = threeNodes();
    const ids = doc.edges.map((e) => e.id);
    const paths = pathsForDocument(doc);
    const store = new PacketStore();
    store.add(
      batchOf([
        [0, 0, 0, 100, MSG_REQUEST, 1, MO_DELIVERED],
        [1, 1, 20, 60, MSG_RESPONSE, 2, OK],
        [1, 0, 20, 60, MSG_LOOKUP, 3, MO_DELIVERED],
      ]),
    );
    const frame = new PacketFrame(10);
    computePacketFrame(store, paths, frameParams(doc, ids, 30), frame);
    const at = new Float64Array(4);
    paths.pointAt(0, 0.3, at);
    expect(pointsOf(frame, STYLE_REQUEST)[0]).toEqual([at[0], at[1]]);
    paths.pointAt(1, 0.75, at);
    expect(pointsOf(frame, STYLE_OK)[0]![0]).toBeCloseTo(at[0], 9);
    expect(pointsOf(frame, STYLE_OK)[0]![1]).toBeCloseTo(at[1], 9);
    // Direction of travel: the answer heads back towards the source, the lookup forward.
    expect(frame.points[STYLE_OK][2]).toBeLessThan(0);
    expect(frame.points[STYLE_LOOKUP][2]).toBeGreaterThan(0);
    expect(frame.drawn).toBe(3);
  });

  it('stops a lost packet where it was dropped and leaves it there for the linger', () => {
    const doc = threeNodes();
    const ids = doc.edges.map((e) => e.id);
    const paths = pathsForDocument(doc);
    const store = new PacketStore();
    // Edge c-a has a nominal latency of 40 ms; this message was dropped 10 ms out.
    store.add(batchOf([[2, 0, 100, 110, MSG_REQUEST, 1, MO_LOST]]));
    const frame = new PacketFrame(10);
    const params = frameParams(doc, ids, 105);
    params.lingerMs = 50;
    const at = new Float64Array(4);
    computePacketFrame(store, paths, params, frame);
    paths.pointAt(2, 5 / 40, at);
    expect(pointsOf(frame, STYLE_LOST)).toEqual([[at[0], at[1]]]);
    paths.pointAt(2, 10 / 40, at);
    for (const t of [110, 130, 160]) {
      params.nowMs = t;
      computePacketFrame(store, paths, params, frame);
      expect(pointsOf(frame, STYLE_LOST)).toEqual([[at[0], at[1]]]);
    }
    params.nowMs = 161;
    computePacketFrame(store, paths, params, frame);
    expect(frame.counts[STYLE_LOST]).toBe(0);
    expect(store.count).toBe(0);

    // Dropped past the nominal arrival, it stops short of the target; drawn still, it starts at the drop point.
    store.add(batchOf([[2, 0, 200, 500, MSG_REQUEST, 2, MO_LOST]]));
    params.nowMs = 210;
    params.stillLost = true;
    computePacketFrame(store, paths, params, frame);
    paths.pointAt(2, LOST_MAX_FRACTION, at);
    expect(pointsOf(frame, STYLE_LOST)).toEqual([[at[0], at[1]]]);
  });

  it('maps the run’s edges to the drawn ones by id, and draws only what is in view', () => {
    const doc = threeNodes();
    // The run numbers the edges differently and knows one the document no longer has.
    const runIds = ['c-a', 'gone', 'a-b'];
    expect(Array.from(mapEdges(runIds, documentEdges(doc).ids))).toEqual([2, -1, 0]);
    const store = new PacketStore();
    store.add(
      batchOf([
        [0, 0, 0, 100, MSG_REQUEST, 1, MO_DELIVERED],
        [1, 0, 0, 100, MSG_REQUEST, 2, MO_DELIVERED],
        [2, 0, 0, 100, MSG_REQUEST, 3, MO_DELIVERED],
      ]),
    );
    const frame = new PacketFrame(10);
    const params = frameParams(doc, runIds, 50);
    const paths = pathsForDocument(doc);
    computePacketFrame(store, paths, params, frame);
    expect(frame.drawn).toBe(2);
    expect(Array.from(frame.load)).toEqual([1, 0, 1]);
    // A view under the row of nodes that only edge a-b (going down to b) crosses.
    params.view = Float64Array.of(150, 60, 420, 140);
    computePacketFrame(store, paths, params, frame);
    expect(Array.from(frame.visible)).toEqual([1, 0, 0]);
    expect(frame.drawn).toBe(1);
    expect(frame.kept).toBe(2);
  });
});

describe('drawing', () => {
  /** Records the calls a 2D context receives. */
  function recorder() {
    const calls: Record<string, number> = {};
    const count = (name: string) => () => void (calls[name] = (calls[name] ?? 0) + 1);
    const ctx = {
      setTransform: count('setTransform'),
      clearRect: count('clearRect'),
      beginPath: count('beginPath'),
      closePath: count('closePath'),
      moveTo: count('moveTo'),
      lineTo: count('lineTo'),
      bezierCurveTo: count('bezierCurveTo'),
      arc: count('arc'),
      rect: count('rect'),
      fill: count('fill'),
      stroke: count('stroke'),
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
      lineCap: 'butt',
      lineJoin: 'miter',
    } as unknown as PacketContext;
    return { ctx, calls };
  }

  it('draws each style as one path, and edge load only when sampling', () => {
    const doc = threeNodes();
    const ids = doc.edges.map((e) => e.id);
    const paths = pathsForDocument(doc);
    const store = new PacketStore();
    const msgs: Msg[] = [];
    for (let k = 0; k < 300; k++) {
      msgs.push([k % 3, 0, 0, 100, MSG_REQUEST, k, MO_DELIVERED]);
      msgs.push([k % 3, 1, 0, 100, MSG_RESPONSE, 1000 + k, k % 2 ? OK : ERROR]);
    }
    msgs.push([0, 0, 0, 100, MSG_RETRY, 5000, MO_DELIVERED], [1, 0, 0, 10, MSG_REQUEST, 5001, MO_LOST]);
    store.add(batchOf(msgs));
    const frame = new PacketFrame(1000);
    computePacketFrame(store, paths, frameParams(doc, ids, 40), frame);
    const { ctx, calls } = recorder();
    const options = {
      width: 800,
      height: 600,
      devicePixelRatio: 2,
      transform: [0, 0, 1] as const,
      reducedMotion: false,
    };
    const painter = new PacketPainter();
    painter.paintPackets(ctx, frame, paths, options);
    // Requests, OK answers, error answers (dots), the retry (diamond), the lost one (cross).
    expect(calls.beginPath).toBe(5);
    expect((calls.fill ?? 0) + (calls.stroke ?? 0)).toBe(5);
    expect(calls.arc).toBe(600);
    // Not sampled: no load drawn (the layer is cleared once, then left alone).
    const load = recorder();
    expect(painter.paintLoad(load.ctx, frame, paths, options)).toBe(true);
    expect(load.calls.stroke).toBeUndefined();
    expect(painter.paintLoad(load.ctx, frame, paths, options)).toBe(false);

    const small = new PacketStore({ maxDrawn: 100 });
    small.add(batchOf(msgs));
    computePacketFrame(small, paths, { ...frameParams(doc, ids, 40), maxDrawn: 100 }, frame);
    expect(frame.sampled).toBe(true);
    expect(frame.kept).toBeLessThanOrEqual(130);
    // The widths follow the smoothed load, redrawn at most every quarter second (15 frames) while it settles.
    const settling = recorder();
    const redraws: number[] = [];
    for (let k = 0; k < 150; k++) if (painter.paintLoad(settling.ctx, frame, paths, options)) redraws.push(k);
    expect(redraws.length).toBeGreaterThan(0);
    expect(redraws.length).toBeLessThanOrEqual(10);
    for (let k = 1; k < redraws.length; k++) expect(redraws[k] - redraws[k - 1]).toBeGreaterThanOrEqual(15);
    expect(redraws[redraws.length - 1]).toBeLessThan(120);
    // A pan redraws it: three edges with about 200 messages each share a width class, one stroke of three curves.
    const pan = recorder();
    const panned = { ...options, transform: [10, 0, 1] as const };
    expect(painter.paintLoad(pan.ctx, frame, paths, panned)).toBe(true);
    expect(pan.calls.stroke).toBe(1);
    expect(pan.calls.bezierCurveTo).toBe(3);
    expect(painter.paintLoad(pan.ctx, frame, paths, panned)).toBe(false);

    const still = recorder();
    computePacketFrame(store, paths, { ...frameParams(doc, ids, 40), stillLost: true }, frame);
    painter.paintPackets(still.ctx, frame, paths, { ...options, reducedMotion: true });
    // No travelling dots: one marker per busy edge (here, the error answers on each) plus the lost cross.
    expect(still.calls.arc).toBe(3);
    expect(still.calls.beginPath).toBe(2);
  });

  it('keeps an edge’s width while its load wavers around a class boundary', () => {
    expect(settleBucket(0, 8)).toBe(loadBucket(8));
    expect(settleBucket(loadBucket(8), 7)).toBe(loadBucket(8));
    expect(settleBucket(loadBucket(7), 9.5)).toBe(loadBucket(7));
    expect(settleBucket(loadBucket(7), 12)).toBe(loadBucket(12));
    expect(settleBucket(loadBucket(8), 5)).toBe(loadBucket(5));
    expect(settleBucket(loadBucket(8), 0)).toBe(0);
  });
});
