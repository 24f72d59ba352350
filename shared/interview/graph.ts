import type { NodeKind, NodeOfKind, TopologyDocument, TopologyEdge, TopologyNode } from '../model/types.js';

/**
 * Nodes that send each request on one of their out-edges (and can route around a dead one); every other kind
 * calls all its out-edges and needs each of them to answer.
 */
const CHOOSERS: ReadonlySet<NodeKind> = new Set<NodeKind>(['client', 'dns', 'loadBalancer', 'queue']);

/** A read-only index of a document's graph, for the rubric, capacity and drill code. */
export interface Graph {
  readonly doc: TopologyDocument;
  readonly byId: ReadonlyMap<string, TopologyNode>;
  /** Out-edges of every node, in document order. */
  readonly out: ReadonlyMap<string, readonly TopologyEdge[]>;
  readonly clients: readonly NodeOfKind<'client'>[];
  /** Nodes reachable from a client by following edges (clients included, regions never), in document order. */
  readonly requestPath: readonly TopologyNode[];
}

/** Builds the index; edges whose ends do not exist are ignored. */
export function graphOf(doc: TopologyDocument): Graph {
  const byId = new Map(doc.nodes.map((n) => [n.id, n] as const));
  const out = new Map<string, TopologyEdge[]>();
  for (const e of doc.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    const list = out.get(e.source);
    if (list) list.push(e);
    else out.set(e.source, [e]);
  }
  const clients = doc.nodes.filter((n): n is NodeOfKind<'client'> => n.kind === 'client');
  const seen = new Set<string>();
  const stack = clients.map((c) => c.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of out.get(id) ?? []) stack.push(e.target);
  }
  const requestPath = doc.nodes.filter((n) => seen.has(n.id) && n.kind !== 'region');
  return { doc, byId, out, clients, requestPath };
}

/** A node's label for messages: its label, else its id. */
export function labelOf(g: Graph, id: string): string {
  const n = g.byId.get(id);
  const label = n?.label?.trim();
  return label ? label : id;
}

/** Labels in quotes, joined for a sentence: `"api", "db" and "cache"`. */
export function listLabels(g: Graph, ids: readonly string[], limit = 6): string {
  const names = ids.map((id) => `"${labelOf(g, id)}"`);
  if (names.length > limit) return `${names.slice(0, limit).join(', ')} and ${names.length - limit} more`;
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The chain of regions holding a node, innermost first (a zone, then its region). */
export function regionsOf(g: Graph, id: string): TopologyNode[] {
  const chain: TopologyNode[] = [];
  let parent = g.byId.get(id)?.parent;
  while (parent !== undefined && chain.length < 4) {
    const r = g.byId.get(parent);
    if (!r || r.kind !== 'region' || chain.includes(r)) break;
    chain.push(r);
    parent = r.parent;
  }
  return chain;
}

/** The innermost region (zone or region) holding a node, if any. */
export function failureDomainOf(g: Graph, id: string): string | undefined {
  return regionsOf(g, id)[0]?.id;
}

/** Whether a node sends each request on one of its out-edges (client, dns, load balancer, queue). */
export function isChooser(kind: NodeKind): boolean {
  return CHOOSERS.has(kind);
}

/** The out-edges a request follows from a node: a client's DNS lookup edge is not one of them. */
export function requestEdges(g: Graph, id: string): readonly TopologyEdge[] {
  const list = g.out.get(id) ?? [];
  if (g.byId.get(id)?.kind !== 'client') return list;
  return list.filter((e) => g.byId.get(e.target)?.kind !== 'dns');
}

/**
 * Whether a client's requests can all still succeed with the nodes in `dead` gone, going by the structure alone:
 * a chooser survives when one of its targets does, any other node only when all of its dependencies do. A queue
 * answers on enqueue, so its consumers do not count. DNS is treated as the managed, anycast service it is in
 * practice (a client keeps its cached answers, and resolves through one name server in this model).
 */
export function survives(g: Graph, clientId: string, dead: ReadonlySet<string>): boolean {
  const memo = new Map<string, boolean>();
  const visiting = new Set<string>();
  const alive = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    // A call loop is broken where it closes: the dependency that loops back is taken to answer.
    if (visiting.has(id)) return true;
    const n = g.byId.get(id);
    if (!n || dead.has(id)) return false;
    visiting.add(id);
    let ok: boolean;
    if (n.kind === 'queue') ok = true;
    else {
      const deps = requestEdges(g, id).filter((e) => g.byId.get(e.target)?.kind !== 'dns');
      if (deps.length === 0) ok = true;
      else if (isChooser(n.kind)) ok = deps.some((e) => alive(e.target));
      else ok = deps.every((e) => alive(e.target));
    }
    visiting.delete(id);
    memo.set(id, ok);
    return ok;
  };
  return alive(clientId);
}

/**
 * A load balancer outside every region whose targets sit in two or more regions stands for a global, anycast load
 * balancer (a cloud's global HTTP load balancer, say): a managed, redundant service, like DNS and CDNs.
 */
export function isGlobalBalancer(g: Graph, n: TopologyNode): boolean {
  if (n.kind !== 'loadBalancer' || regionsOf(g, n.id).length > 0) return false;
  const regions = new Set<string>();
  for (const e of g.out.get(n.id) ?? []) {
    const top = regionsOf(g, e.target).at(-1);
    if (top) regions.add(top.id);
  }
  return regions.size >= 2;
}

/** DNS, CDNs and global load balancers: run as managed, anycast networks, never single points of failure. */
export function isManaged(g: Graph, n: TopologyNode): boolean {
  return n.kind === 'dns' || n.kind === 'cdn' || isGlobalBalancer(g, n);
}

/** Service or database replicas (1 for every kind without a replicas field). */
export function replicasOf(n: TopologyNode): number {
  if (n.kind === 'service' || n.kind === 'database') return n.params.replicas ?? 1;
  return 1;
}

/** The sidecar attached to a service, if any. */
export function sidecarOf(g: Graph, serviceId: string): TopologyNode | undefined {
  return g.doc.nodes.find((n) => n.kind === 'sidecar' && n.params.attachedTo === serviceId);
}
