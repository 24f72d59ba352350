/**
 * Validating a topology document: every field (see `schema.ts`), then the checks that need the whole document
 * (ids that must exist, loops that would recurse forever, one sidecar per service...). Every problem is reported,
 * as a path and a reason, in document order; nothing here ever throws.
 */
import { copyPlainData, errorText, migrateDocument } from './migrate.js';
import { documentSchema, formatPath, ID_PATTERN, issuesToProblems, KIND_NAMES, describeValue } from './schema.js';
import type { PathProblem, Problem } from './schema.js';
import { NODE_KINDS, REGION_PRESETS } from './types.js';
import type { NodeKind, TopologyDocument } from './types.js';

export type { Problem } from './schema.js';

/** The outcome of validation: the document, or every problem found. */
export type ValidationResult =
  { ok: true; document: TopologyDocument; problems: [] } | { ok: false; problems: Problem[] };

/**
 * Checks a document (already migrated to the current version): fields, ranges, unknown parameters and
 * cross-references. Reports every problem, sorted in document order.
 *
 * The returned `document` is a plain-data copy of the input with exactly what was written: defaults are not
 * filled in (`defaults.ts` resolves them at use) and unknown top-level fields are kept. Never throws, whatever the
 * input (cyclic objects, throwing getters, proxies, huge arrays...).
 *
 * @example
 * const r = validateDocument(doc);
 * if (!r.ok) console.error(formatProblems(r.problems)); // "nodes[3].params.concurrency: must be an integer >= 1"
 */
export function validateDocument(input: unknown): ValidationResult {
  try {
    return validateInner(input);
  } catch (e) {
    return { ok: false, problems: [{ path: '', message: `could not be validated: ${errorText(e)}` }] };
  }
}

/**
 * Parses the text of a `.bp.json` file: JSON syntax (`invalid JSON: <reason> at line L, column C`), then
 * migration to the current version, then {@link validateDocument}. Never throws.
 */
export function parseDocument(text: string): ValidationResult {
  try {
    if (typeof text !== 'string')
      return failure('', `must be the text of a JSON document (got ${describeValue(text)})`);
    const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (source.trim() === '') return failure('', 'invalid JSON: the text is empty');
    let raw: unknown;
    try {
      raw = JSON.parse(source);
    } catch (e) {
      return failure('', jsonErrorMessage(source, e));
    }
    const migrated = migrateDocument(raw);
    if (!migrated.ok) return { ok: false, problems: migrated.problems };
    return validateDocument(migrated.document);
  } catch (e) {
    return failure('', `could not be read: ${errorText(e)}`);
  }
}

/** One line per problem: `<path>: <message>`, or just `<message>` for the document itself. */
export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`)).join('\n');
}

function failure(path: string, message: string): ValidationResult {
  return { ok: false, problems: [{ path, message }] };
}

// ---------------------------------------------------------------------------------------------------------------

type Doc = Record<string, unknown>;
type Segments = readonly (string | number)[];

/** A reference that is a well-formed id (a malformed one is reported by the schema). */
function asId(v: unknown): string | null {
  return typeof v === 'string' && ID_PATTERN.test(v) ? v : null;
}

function isRecord(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validateInner(input: unknown): ValidationResult {
  const copied = copyPlainData(input);
  const doc = copied.value;
  if (!isRecord(doc)) {
    const problems = copied.problems.length
      ? copied.problems
      : [
          {
            segments: [],
            message: `must be a JSON object, a Backpressure topology document (got ${describeValue(doc)})`,
          },
        ];
    return { ok: false, problems: problems.map((p) => ({ path: formatPath(p.segments), message: p.message })) };
  }
  const parsed = documentSchema.safeParse(doc);
  const schemaProblems = parsed.success ? [] : issuesToProblems(parsed.error.issues);
  const later = [...schemaProblems, ...crossCheck(doc, schemaProblems)];
  const shadows = new Set(copied.problems.map((p) => formatPath(p.segments)));
  const visible = later.filter((p) => !isShadowed(p.segments, shadows));
  const problems = inDocumentOrder(doc, [...copied.problems, ...visible]);
  if (problems.length === 0) return { ok: true, document: doc as TopologyDocument, problems: [] };
  return { ok: false, problems };
}

/** A value that could not be copied is reported once; the schema's complaints about it and below are noise. */
function isShadowed(segments: Segments, shadows: Set<string>): boolean {
  if (shadows.size === 0) return false;
  for (let k = 0; k <= segments.length; k++) if (shadows.has(formatPath(segments.slice(0, k)))) return true;
  return false;
}

/**
 * Sorts problems in document order: by the position of each key in the object that holds it (as written), array
 * elements by index, a path before the paths under it; ties keep the order found. Then drops duplicates.
 */
function inDocumentOrder(doc: Doc, problems: PathProblem[]): Problem[] {
  const MISSING = Number.MAX_SAFE_INTEGER;
  const keyOrder = new Map<object, Map<string, number>>();
  const rankOf = (segments: Segments): number[] => {
    const ranks: number[] = [];
    let v: unknown = doc;
    for (const s of segments) {
      if (typeof s === 'number') {
        ranks.push(s);
        v = Array.isArray(v) ? v[s] : undefined;
      } else if (isRecord(v)) {
        let order = keyOrder.get(v);
        if (!order) {
          order = new Map(Object.keys(v).map((k, i) => [k, i]));
          keyOrder.set(v, order);
        }
        const r = order.get(s);
        ranks.push(r ?? MISSING);
        v = r === undefined ? undefined : v[s];
      } else {
        ranks.push(MISSING);
        v = undefined;
      }
    }
    return ranks;
  };
  const keyed = problems.map((p) => ({ p, ranks: rankOf(p.segments) }));
  keyed.sort((a, b) => {
    const n = Math.min(a.ranks.length, b.ranks.length);
    for (let k = 0; k < n; k++) {
      const d = (a.ranks[k] as number) - (b.ranks[k] as number);
      if (d !== 0) return d < 0 ? -1 : 1;
      if (a.p.segments[k] !== b.p.segments[k]) return 0; // two missing keys: keep the order found
    }
    return a.ranks.length - b.ranks.length;
  });
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const { p } of keyed) {
    const path = formatPath(p.segments);
    const message = p.message.replace(/\s*\n\s*/g, ' ');
    const key = `${path}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-reference checks. They read the copied document defensively: parts that failed the schema are skipped
// where a check needs them to be well-formed, and used (their ids, their kinds) where that is enough.

interface NodeInfo {
  index: number;
  id: string;
  kind: NodeKind | null;
  node: Doc;
  params: Doc | null;
  /** No schema problem under this node. */
  valid: boolean;
}

interface EdgeInfo {
  index: number;
  source: string;
  target: string;
  params: Doc | null;
}

const SECTIONS = ['nodes', 'edges', 'faults', 'notes'] as const;
type Section = (typeof SECTIONS)[number];

/** Nodes that send each request on one of their out-edges rather than on all of them. */
const CHOOSERS: ReadonlySet<NodeKind> = new Set<NodeKind>(['client', 'dns', 'loadBalancer', 'queue']);

const NEEDS_OUT_EDGE: Partial<Record<NodeKind, string>> = {
  client: 'a client needs at least one edge to send its requests on',
  dns: 'a dns node needs at least one edge to a target it resolves to',
  loadBalancer: 'a load balancer needs at least one edge to a target',
  cdn: 'a cdn needs an edge to its origin',
  cache: 'a cache needs an edge to its origin',
  queue: 'a queue needs at least one edge to a consumer',
};

const MAX_LOOPS_REPORTED = 50;
const LOOP_SEARCH_BUDGET = 200_000;

function crossCheck(doc: Doc, schemaProblems: PathProblem[]): PathProblem[] {
  const out: PathProblem[] = [];
  const report = (segments: Segments, message: string) => out.push({ segments, message });

  const invalidItems = new Set<string>();
  const invalidSections = new Set<string>();
  for (const p of schemaProblems) {
    const [section, index] = p.segments;
    if (typeof section !== 'string') continue;
    if (typeof index === 'number') invalidItems.add(`${section}:${index}`);
    else invalidSections.add(section);
  }
  const items = (section: Section): unknown[] | null => {
    const v = doc[section];
    return Array.isArray(v) && !invalidSections.has(section) ? v : null;
  };
  const nodeList = items('nodes');
  const edgeList = items('edges');
  const faultList = items('faults');

  // Ids are unique among nodes, edges, faults and notes together.
  const firstWithId = new Map<string, string>();
  for (const section of SECTIONS) {
    const list = items(section);
    if (!list) continue;
    list.forEach((item, i) => {
      if (!isRecord(item) || typeof item.id !== 'string' || !ID_PATTERN.test(item.id)) return;
      const first = firstWithId.get(item.id);
      if (first !== undefined) report([section, i, 'id'], `duplicate id "${item.id}" (also ${first})`);
      else firstWithId.set(item.id, `${section}[${i}]`);
    });
  }

  if (!nodeList) return out;
  const nodes: NodeInfo[] = [];
  const nodeById = new Map<string, NodeInfo>();
  nodeList.forEach((node, index) => {
    if (!isRecord(node) || typeof node.id !== 'string') return;
    const kind = (NODE_KINDS as readonly unknown[]).includes(node.kind) ? (node.kind as NodeKind) : null;
    const info: NodeInfo = {
      index,
      id: node.id,
      kind,
      node,
      params: isRecord(node.params) ? node.params : null,
      valid: !invalidItems.has(`nodes:${index}`),
    };
    nodes.push(info);
    if (!nodeById.has(node.id)) nodeById.set(node.id, info);
  });
  const kindName = (n: NodeInfo) => (n.kind ? KIND_NAMES[n.kind] : 'a node of unknown kind');

  checkParents(nodes, nodeById, kindName, report);
  checkSidecars(nodes, nodeById, kindName, report);

  if (edgeList) {
    const outEdges = checkEdges(edgeList, nodeById, report);
    checkOutEdges(nodes, edgeList, outEdges, nodeById, report);
    checkLoops(nodes, outEdges, nodeById, report);
  }
  if (faultList) checkFaults(faultList, nodeById, edgeList, kindName, report);
  return out;
}

type Report = (segments: Segments, message: string) => void;
type KindName = (n: NodeInfo) => string;

function checkParents(nodes: NodeInfo[], byId: Map<string, NodeInfo>, kindName: KindName, report: Report) {
  // The region each node sits in, when its parent is a valid region.
  const parentOf = new Map<NodeInfo, NodeInfo>();
  for (const n of nodes) {
    const parent = asId(n.node.parent);
    if (parent === null) continue;
    if (parent === n.id) {
      report(['nodes', n.index, 'parent'], 'a node cannot be its own parent');
      continue;
    }
    const p = byId.get(parent);
    if (!p) report(['nodes', n.index, 'parent'], `no node with id "${parent}"`);
    else if (p.kind === 'region') parentOf.set(n, p);
    else if (p.kind !== null) report(['nodes', n.index, 'parent'], `"${parent}" is ${kindName(p)}, not a region`);
  }

  // Parent links form a functional graph: find its cycles (only regions can be on one).
  const state = new Map<NodeInfo, 1 | 2>();
  const inCycle = new Set<NodeInfo>();
  for (const start of nodes) {
    const path: NodeInfo[] = [];
    let n: NodeInfo | undefined = start;
    while (n && !state.has(n)) {
      state.set(n, 1);
      path.push(n);
      n = parentOf.get(n);
    }
    if (n && state.get(n) === 1) {
      const cycle = path.slice(path.indexOf(n));
      for (const c of cycle) inCycle.add(c);
      const first = cycle.reduce((a, b) => (b.index < a.index ? b : a));
      const from = cycle.indexOf(first);
      const ordered = [...cycle.slice(from), ...cycle.slice(0, from), first];
      report(
        ['nodes', first.index, 'parent'],
        `regions contain each other in a loop: ${ordered.map((c) => c.id).join(' -> ')}`,
      );
    }
    for (const p of path) state.set(p, 2);
  }

  for (const n of nodes) {
    if (n.kind !== 'region' || inCycle.has(n)) continue;
    const p = parentOf.get(n);
    const q = p ? parentOf.get(p) : undefined;
    if (p && q && !inCycle.has(p))
      report(
        ['nodes', n.index, 'parent'],
        `regions nest once (a region inside a region is a zone of it): "${p.id}" is already a zone inside "${q.id}"`,
      );
    // Only a zone may leave its location out (it uses its region's).
    if (!p && typeof n.node.parent !== 'string' && n.valid && n.params) {
      const { location, lat, lon } = n.params;
      if (location === undefined && lat === undefined && lon === undefined)
        report(
          ['nodes', n.index, 'params'],
          `a region needs a location: set location (one of ${Object.keys(REGION_PRESETS).join(', ')}) or lat and lon ` +
            '(only a zone, a region inside a region, may leave it out)',
        );
    }
  }
}

function checkSidecars(nodes: NodeInfo[], byId: Map<string, NodeInfo>, kindName: KindName, report: Report) {
  const sidecarOf = new Map<string, NodeInfo>();
  for (const n of nodes) {
    if (n.kind !== 'sidecar' || !n.params) continue;
    const target = asId(n.params.attachedTo);
    if (target === null) continue;
    const path = ['nodes', n.index, 'params', 'attachedTo'];
    const t = byId.get(target);
    if (!t) {
      report(path, `no node with id "${target}"`);
      continue;
    }
    if (t.kind === null) continue; // its kind is reported already
    if (t.kind !== 'service') {
      report(path, `"${target}" is ${kindName(t)}: a sidecar attaches to a service`);
      continue;
    }
    const other = sidecarOf.get(target);
    if (other)
      report(path, `service "${target}" already has a sidecar (nodes[${other.index}]); a service has at most one`);
    else sidecarOf.set(target, n);
  }
}

/** Checks each edge's ends; returns the usable out-edges of each node (first edge of each source/target pair). */
function checkEdges(edgeList: unknown[], byId: Map<string, NodeInfo>, report: Report): Map<string, EdgeInfo[]> {
  const outEdges = new Map<string, EdgeInfo[]>();
  const firstOfPair = new Map<string, number>();
  const sidecarReason = "a sidecar is not wired by edges: it carries its service's traffic; set attachedTo";
  edgeList.forEach((edge, index) => {
    if (!isRecord(edge)) return;
    const source = asId(edge.source);
    const target = asId(edge.target);
    const s = source === null ? undefined : byId.get(source);
    const t = target === null ? undefined : byId.get(target);
    if (source !== null && !s) report(['edges', index, 'source'], `no node with id "${source}"`);
    if (target !== null && !t) report(['edges', index, 'target'], `no node with id "${target}"`);
    if (source !== null && source === target) {
      report(['edges', index], `a node cannot call itself (source and target are both "${source}")`);
      return;
    }
    let usable = !!s && !!t;
    if (t?.kind === 'client') {
      report(
        ['edges', index, 'target'],
        `"${target}" is a client: clients only start requests; nothing can call a client`,
      );
      usable = false;
    }
    for (const [end, n, name] of [
      ['source', s, source],
      ['target', t, target],
    ] as const) {
      if (n?.kind === 'region') {
        report(['edges', index, end], `"${name}" is a region: regions contain nodes, they don't call or get called`);
        usable = false;
      } else if (n?.kind === 'sidecar') {
        report(['edges', index, end], `"${name}" is a sidecar: ${sidecarReason}`);
        usable = false;
      }
    }
    if (!s || !t) return;
    const pair = `${s.id}\u0000${t.id}`;
    const first = firstOfPair.get(pair);
    if (first !== undefined) {
      report(['edges', index], `duplicate of edges[${first}]: both go from "${s.id}" to "${t.id}"`);
      return;
    }
    firstOfPair.set(pair, index);
    if (!usable) return;
    const list = outEdges.get(s.id) ?? [];
    list.push({ index, source: s.id, target: t.id, params: isRecord(edge.params) ? edge.params : null });
    outEdges.set(s.id, list);
  });
  return outEdges;
}

function checkOutEdges(
  nodes: NodeInfo[],
  edgeList: unknown[],
  outEdges: Map<string, EdgeInfo[]>,
  byId: Map<string, NodeInfo>,
  report: Report,
) {
  // Any edge naming a node as its source counts here: a broken target is reported on the edge already.
  const hasOut = new Set<string>();
  for (const e of edgeList) if (isRecord(e) && typeof e.source === 'string') hasOut.add(e.source);
  for (const n of nodes) {
    if (byId.get(n.id) !== n || !n.kind) continue;
    const need = NEEDS_OUT_EDGE[n.kind];
    if (need && !hasOut.has(n.id)) report(['nodes', n.index], need);
  }

  // A client that resolves through a dns node must be able to send to every target that node may answer.
  for (const n of nodes) {
    if (n.kind !== 'client' || byId.get(n.id) !== n) continue;
    const mine = outEdges.get(n.id) ?? [];
    const targets = new Set(mine.map((e) => e.target));
    const dnsIds = [...new Set(mine.filter((e) => byId.get(e.target)?.kind === 'dns').map((e) => e.target))];
    if (dnsIds.length > 1)
      report(
        ['nodes', n.index],
        `has edges to ${dnsIds.length} dns nodes (${dnsIds.map((d) => `"${d}"`).join(', ')}); a client resolves through at most one`,
      );
    for (const dns of dnsIds) {
      const answers = new Set((outEdges.get(dns) ?? []).map((e) => e.target));
      for (const answer of answers)
        if (!targets.has(answer))
          report(
            ['nodes', n.index],
            `resolves through dns "${dns}" whose target "${answer}" this client has no edge to`,
          );
    }
  }
}

/**
 * Calls that loop forever: a cycle of edges each of which is certain to be called for every request that reaches
 * its source (probability 1, and, for a node that sends each request on just one of its out-edges, the only one).
 */
function checkLoops(nodes: NodeInfo[], outEdges: Map<string, EdgeInfo[]>, byId: Map<string, NodeInfo>, report: Report) {
  const certain = new Map<string, EdgeInfo[]>();
  for (const [source, list] of outEdges) {
    const s = byId.get(source);
    if (!s || (s.kind && CHOOSERS.has(s.kind) && list.length !== 1)) continue;
    const sure = list.filter((e) => {
      const p = e.params ? e.params.probability : undefined;
      return p === undefined || p === 1;
    });
    if (sure.length) certain.set(source, sure);
  }
  if (certain.size === 0) return;

  const order = new Map<string, number>();
  for (const n of nodes) if (byId.get(n.id) === n) order.set(n.id, n.index);
  const vertices = [...certain.keys()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const components = stronglyConnected(vertices, (v) => (certain.get(v) ?? []).map((e) => e.target));

  let budget = LOOP_SEARCH_BUDGET;
  let reported = 0;
  for (const component of components) {
    if (component.length < 2 || reported >= MAX_LOOPS_REPORTED) continue;
    const members = new Set(component);
    const sorted = [...component].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const rank = new Map(sorted.map((v, i) => [v, i]));
    const inside = new Map(sorted.map((v) => [v, (certain.get(v) ?? []).filter((e) => members.has(e.target))]));
    let found = 0;
    for (let si = 0; si < sorted.length && budget > 0 && reported < MAX_LOOPS_REPORTED; si++) {
      const start = sorted[si] as string;
      // Iterative backtracking for the elementary cycles whose first vertex (in document order) is `start`.
      const stack: { v: string; next: number }[] = [{ v: start, next: 0 }];
      const onPath = new Set<string>([start]);
      const pathEdges: EdgeInfo[] = [];
      while (stack.length && budget > 0 && reported < MAX_LOOPS_REPORTED) {
        const top = stack[stack.length - 1] as { v: string; next: number };
        const adj = inside.get(top.v) ?? [];
        if (top.next >= adj.length) {
          stack.pop();
          onPath.delete(top.v);
          pathEdges.pop();
          continue;
        }
        const e = adj[top.next++] as EdgeInfo;
        budget--;
        if (e.target === start) {
          reportLoop([...pathEdges, e], report);
          reported++;
          found++;
        } else if ((rank.get(e.target) as number) > si && !onPath.has(e.target)) {
          stack.push({ v: e.target, next: 0 });
          onPath.add(e.target);
          pathEdges.push(e);
        }
      }
    }
    if (found === 0 && reported < MAX_LOOPS_REPORTED) {
      // The search ran out of budget before it spelled a loop out: still say where the loop is.
      const edges = sorted.flatMap((v) => inside.get(v) ?? []);
      const first = edges.reduce((a, b) => (b.index < a.index ? b : a));
      report(
        ['edges', first.index],
        `calls loop forever among ${sorted.map((v) => `"${v}"`).join(', ')} (every call in the loop is certain; lower a probability or break the loop)`,
      );
      reported++;
    }
  }
}

function reportLoop(cycle: EdgeInfo[], report: Report) {
  let firstAt = 0;
  cycle.forEach((e, i) => {
    if (e.index < (cycle[firstAt] as EdgeInfo).index) firstAt = i;
  });
  const ordered = [...cycle.slice(firstAt), ...cycle.slice(0, firstAt)];
  const names = [...ordered.map((e) => e.source), (ordered[0] as EdgeInfo).source];
  report(
    ['edges', (ordered[0] as EdgeInfo).index],
    `calls loop forever: ${names.join(' -> ')} (every call in the loop is certain; lower a probability or break the loop)`,
  );
}

/** Tarjan's strongly connected components, iteratively (no recursion depth limit). */
function stronglyConnected(vertices: string[], next: (v: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of vertices) {
    if (index.has(root)) continue;
    const work: { v: string; succ: string[]; i: number }[] = [];
    const enter = (v: string) => {
      index.set(v, counter);
      low.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      work.push({ v, succ: next(v), i: 0 });
    };
    enter(root);
    while (work.length) {
      const frame = work[work.length - 1] as { v: string; succ: string[]; i: number };
      if (frame.i < frame.succ.length) {
        const w = frame.succ[frame.i++] as string;
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v) as number, index.get(w) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v) as number, low.get(frame.v) as number));
      if (low.get(frame.v) === index.get(frame.v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.v);
        out.push(component);
      }
    }
  }
  return out;
}

function checkFaults(
  faultList: unknown[],
  byId: Map<string, NodeInfo>,
  edgeList: unknown[] | null,
  kindName: KindName,
  report: Report,
) {
  const edgeIds = new Set<string>();
  if (edgeList) for (const e of edgeList) if (isRecord(e) && typeof e.id === 'string') edgeIds.add(e.id);
  const serverKinds: ReadonlySet<NodeKind | null> = new Set<NodeKind>(['service', 'database']);

  faultList.forEach((fault, i) => {
    if (!isRecord(fault)) return;
    const at = (...rest: (string | number)[]) => ['faults', i, ...rest];
    const edgeRef = (id: unknown, path: Segments) => {
      const ref = asId(id);
      if (edgeList && ref !== null && !edgeIds.has(ref)) report(path, `no edge with id "${ref}"`);
    };
    const nodeRef = (): NodeInfo | undefined => {
      const id = asId(fault.node);
      if (id === null) return undefined;
      const n = byId.get(id);
      if (!n) report(at('node'), `no node with id "${id}"`);
      return n && n.kind !== null ? n : undefined; // a node of unknown kind is reported already
    };
    switch (fault.kind) {
      case 'partition': {
        const sides = Array.isArray(fault.sides) ? fault.sides : [];
        const sideSets = sides.map((side) => new Set(Array.isArray(side) ? side : []));
        sides.forEach((side, s) => {
          if (!Array.isArray(side)) return;
          side.forEach((value, j) => {
            const id = asId(value);
            if (id === null) return;
            if (!byId.has(id)) report(at('sides', s, j), `no node or region with id "${id}"`);
            if (s > 0 && sideSets.slice(0, s).some((other) => other.has(id)))
              report(at('sides', s, j), `"${id}" is on both sides`);
          });
        });
        break;
      }
      case 'cut':
        if (Array.isArray(fault.edges)) fault.edges.forEach((id, j) => edgeRef(id, at('edges', j)));
        break;
      case 'degrade':
        edgeRef(fault.edge, at('edge'));
        break;
      case 'crash': {
        const n = nodeRef();
        if (!n) break;
        if (n.kind === 'client')
          report(
            at('node'),
            `"${n.id}" is a client: nothing calls a client, so it cannot crash (a surge with factor 0 stops its traffic)`,
          );
        else if (n.kind === 'region')
          report(at('node'), `"${n.id}" is a region: crash the nodes inside it, or partition it`);
        const replica = fault.replica;
        if (typeof replica !== 'number' || !Number.isInteger(replica) || replica < 0) break;
        if (!serverKinds.has(n.kind)) {
          report(at('replica'), `only a service or database has replicas; "${n.id}" is ${kindName(n)}`);
          break;
        }
        const r = n.params ? n.params.replicas : undefined;
        const replicas = r === undefined ? 1 : typeof r === 'number' && Number.isInteger(r) && r >= 1 ? r : null;
        if (replicas !== null && replica >= replicas)
          report(
            at('replica'),
            `"${n.id}" has ${replicas} replica${replicas === 1 ? '' : 's'} (numbered 0 to ${replicas - 1}); there is no replica ${replica}`,
          );
        break;
      }
      case 'slow':
      case 'errors': {
        const n = nodeRef();
        if (n && !serverKinds.has(n.kind))
          report(
            at('node'),
            `"${n.id}" is ${kindName(n)}: ${fault.kind === 'slow' ? 'a slow' : 'an errors'} fault applies to a service or database`,
          );
        break;
      }
      case 'surge': {
        const n = nodeRef();
        if (n && n.kind !== 'client') report(at('node'), `"${n.id}" is ${kindName(n)}: a surge applies to a client`);
        break;
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// JSON syntax errors

/** "invalid JSON: <reason> at line L, column C", from the engine's error (V8, SpiderMonkey or JavaScriptCore). */
function jsonErrorMessage(text: string, e: unknown): string {
  const raw = e instanceof Error ? String(e.message) : String(e);
  let reason: string;
  let position: number | null = null;
  let line: number | null = null;
  let column: number | null = null;
  const v8 = /^([\s\S]*?)(?: in JSON)? at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(raw);
  const firefox = /^JSON\.parse: ([\s\S]*?) at line (\d+) column (\d+) of the JSON data$/.exec(raw);
  if (v8) {
    reason = v8[1] as string;
    position = Number(v8[2]);
  } else if (firefox) {
    reason = firefox[1] as string;
    line = Number(firefox[2]);
    column = Number(firefox[3]);
  } else {
    // No position in the message ("Unexpected token 'x', ... is not valid JSON"): find it ourselves.
    position = locateJsonError(text);
    if (position !== null)
      reason =
        position >= text.length ? 'unexpected end of input' : `unexpected character ${describeChar(text, position)}`;
    else reason = raw.split('\n')[0] ?? raw;
  }
  if (position !== null && line === null) {
    const before = text.slice(0, Math.min(position, text.length));
    const lastBreak = before.lastIndexOf('\n');
    line = before.split('\n').length;
    column = position - lastBreak;
  }
  reason = reason.replace(/\s+/g, ' ').trim();
  reason = reason.charAt(0).toLowerCase() + reason.slice(1);
  return line !== null && column !== null
    ? `invalid JSON: ${reason} at line ${line}, column ${column}`
    : `invalid JSON: ${reason}`;
}

function describeChar(text: string, at: number): string {
  const c = String.fromCodePoint(text.codePointAt(at) ?? 0);
  return /^[\x21-\x7e]$/.test(c) && c !== "'" ? `'${c}'` : JSON.stringify(c);
}

/** The offset of the first JSON syntax error in `s`, or null when it is valid JSON. */
function locateJsonError(s: string): number | null {
  const n = s.length;
  let i = 0;
  const stack: ('{' | '[')[] = [];
  type Mode = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'after';
  let mode: Mode = 'value';
  const scanString = (): boolean => {
    i++;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const d = s[i + 1];
        if (d === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
            i += 2;
            return false;
          }
          i += 6;
        } else if (d !== undefined && '"\\/bfnrt'.includes(d)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const digits = () => {
    const from = i;
    while (i < n && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
    return i > from;
  };
  const scanNumber = (): boolean => {
    if (s[i] === '-') i++;
    if (s[i] === '0') i++;
    else if (!digits()) return false;
    if (s[i] === '.') {
      i++;
      if (!digits()) return false;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (!digits()) return false;
    }
    return true;
  };
  for (;;) {
    while (i < n && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
    if (i >= n) return mode === 'after' && stack.length === 0 ? null : n;
    const c = s[i] as string;
    switch (mode) {
      case 'valueOrEnd':
      case 'value':
        if (mode === 'valueOrEnd' && c === ']') {
          stack.pop();
          i++;
          mode = 'after';
        } else if (c === '{') {
          stack.push('{');
          i++;
          mode = 'keyOrEnd';
        } else if (c === '[') {
          stack.push('[');
          i++;
          mode = 'valueOrEnd';
        } else if (c === '"') {
          if (!scanString()) return i;
          mode = 'after';
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          if (!scanNumber()) return i;
          mode = 'after';
        } else {
          const word = ['true', 'false', 'null'].find((w) => s.startsWith(w, i));
          if (!word) return i;
          i += word.length;
          mode = 'after';
        }
        break;
      case 'keyOrEnd':
      case 'key':
        if (mode === 'keyOrEnd' && c === '}') {
          stack.pop();
          i++;
          mode = 'after';
        } else if (c === '"') {
          if (!scanString()) return i;
          mode = 'colon';
        } else return i;
        break;
      case 'colon':
        if (c !== ':') return i;
        i++;
        mode = 'value';
        break;
      case 'after': {
        const top = stack[stack.length - 1];
        if (top === undefined) return i;
        if (c === ',') {
          i++;
          mode = top === '{' ? 'key' : 'value';
        } else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
          stack.pop();
          i++;
        } else return i;
        break;
      }
    }
  }
}
