import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../../shared/export/import.js';
import { mermaidIds, mermaidText, toMermaid } from '../../../shared/export/mermaid.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { parseDocument, validateDocument } from '../../../shared/model/validate.js';

const TEMPLATES_DIR = path.resolve(import.meta.dirname, '../../../assets/templates');
const TEMPLATES = fs
  .readdirSync(TEMPLATES_DIR)
  .filter((f) => f.endsWith('.bp.json'))
  .sort();

function template(file: string): TopologyDocument {
  const r = parseDocument(fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'));
  if (!r.ok) throw new Error(`${file} is invalid`);
  return r.document;
}

function importMermaid(text: string) {
  const r = importDocument({ name: 'chart.mmd', text });
  if (!r.ok) throw new Error(r.error);
  return r;
}

const name = (doc: TopologyDocument, id: string | undefined) => {
  const n = doc.nodes.find((x) => x.id === id);
  return n ? (n.label ?? n.id) : `?${id}`;
};

describe('Mermaid export', () => {
  it.each(TEMPLATES)('%s: nodes, edges and regions survive a round trip', (file) => {
    const doc = template(file);
    const r = importMermaid(toMermaid(doc));
    expect(r.format).toBe('mermaid');
    expect(r.problems).toEqual([]);
    expect(validateDocument(r.doc).ok).toBe(true);
    expect(r.doc.name).toBe(doc.name);
    const nodes = (d: TopologyDocument) => d.nodes.map((n) => `${n.kind}:${n.label ?? n.id}`).sort();
    expect(nodes(r.doc)).toEqual(nodes(doc));
    const edges = (d: TopologyDocument) => d.edges.map((e) => `${name(d, e.source)} -> ${name(d, e.target)}`).sort();
    expect(edges(r.doc)).toEqual(edges(doc));
    const membership = (d: TopologyDocument) =>
      d.nodes.map((n) => `${n.label ?? n.id} in ${n.parent ? name(d, n.parent) : '-'}`).sort();
    expect(membership(r.doc)).toEqual(membership(doc));
    const sidecars = (d: TopologyDocument) =>
      d.nodes
        .flatMap((n) => (n.kind === 'sidecar' ? [`${n.label ?? n.id} on ${name(d, n.params.attachedTo)}`] : []))
        .sort();
    expect(sidecars(r.doc)).toEqual(sidecars(doc));
    // Protocols survive in the edge labels.
    const protocols = (d: TopologyDocument) =>
      d.edges.map((e) => `${name(d, e.source)}:${e.params.protocol ?? 'http1.1'}`).sort();
    expect(protocols(r.doc)).toEqual(protocols(doc));
    // Only region locations, which a flowchart cannot hold, are guessed.
    expect(r.guesses.every((g) => g.kind === 'region')).toBe(true);
  });

  it('writes shapes per kind, classes, quoted labels and safe ids', () => {
    const text = toMermaid(template('global-app.bp.json'));
    expect(text).toMatch(/^---\ntitle: "Global app[^\n]*"\n---\nflowchart LR\n/);
    expect(text).toMatch(/primary_db\[\("Primary database"\)\]:::bp_database/);
    expect(text).toMatch(/\(\["US users: API"\]\):::bp_client/);
    expect(text).toMatch(/subgraph us_east\["us-east \(Virginia\)"\]/);
    expect(text).toMatch(/-->\|"HTTP\/2\+TLS · 35\.0 ms"\|/);
    expect(mermaidText('say "hi" <b> & #1')).toBe('say #quot;hi#quot; #lt;b#gt; #amp; #35;1');
    const ids = mermaidIds(['end', 'a.b-c', 'a_b_c', '1st', 'o', 'graph']);
    expect([...ids.values()]).toEqual(['n_end', 'a_b_c', 'a_b_c_2', 'n_1st', 'n_o', 'n_graph']);
  });

  it('round-trips labels with quotes, brackets and entities', () => {
    const doc = template('three-tier-web-app.bp.json');
    doc.nodes[0]!.label = 'Users "A" [eu] (#1) <x> & {y}';
    const r = importMermaid(toMermaid(doc));
    expect(r.doc.nodes.some((n) => n.label === doc.nodes[0]!.label)).toBe(true);
  });
});

describe('Mermaid import', () => {
  it('reads subgraphs, chains, groups, every link style and comments', () => {
    const r = importMermaid(`%% an architecture sketch
graph TD
  %%{init: {"theme": "dark"}}%%
  users((Mobile users)) --> lb{{nginx}} --> api[Orders API] & search[Search API]
  subgraph eu-west [EU West]
    direction LR
    api -- gRPC 5ms --> db[(Orders)]
    search -.->|"HTTP/2 12 ms"| cache(Redis)
    cache ==> es[Elastic store]
    subgraph zone-a
      worker[Billing worker]
    end
  end
  api --> q[[Kafka]] --> worker
  classDef hot fill:#f00
  class api hot
  style db fill:#eee
`);
    const byLabel = new Map(r.doc.nodes.map((n) => [n.label ?? n.id, n]));
    expect(byLabel.get('Mobile users')?.kind).toBe('client');
    // The hexagon is this product's DNS shape, but a DNS answer must be reachable by its clients: a load balancer.
    expect(byLabel.get('nginx')?.kind).toBe('loadBalancer');
    expect(byLabel.get('Orders')?.kind).toBe('database');
    expect(byLabel.get('Redis')?.kind).toBe('cache');
    expect(byLabel.get('Kafka')?.kind).toBe('queue');
    expect(byLabel.get('Orders API')?.kind).toBe('service');
    const region = byLabel.get('EU West')!;
    expect(region.kind).toBe('region');
    expect(region.kind === 'region' && region.params.location).toBe('eu-west');
    expect(byLabel.get('Orders')?.parent).toBe(region.id);
    const zone = r.doc.nodes.find((n) => n.kind === 'region' && n.parent === region.id)!;
    expect(byLabel.get('Billing worker')?.parent).toBe(zone.id);
    // As in Mermaid, a node mentioned inside a subgraph belongs to it, even when written before it; a top-level
    // mention (the Kafka line) does not move it out again.
    expect(byLabel.get('Orders API')?.parent).toBe(region.id);
    expect(byLabel.get('Mobile users')?.parent).toBeUndefined();

    const edge = (a: string, b: string) =>
      r.doc.edges.find((e) => e.source === byLabel.get(a)!.id && e.target === byLabel.get(b)!.id);
    expect(edge('Mobile users', 'nginx')).toBeDefined();
    expect(edge('nginx', 'Orders API')).toBeDefined();
    expect(edge('nginx', 'Search API')).toBeDefined();
    expect(edge('Orders API', 'Orders')?.params).toEqual({ protocol: 'grpc', latencyMs: 5 });
    expect(edge('Search API', 'Redis')?.params).toEqual({ protocol: 'http2', latencyMs: 12 });
    expect(edge('Redis', 'Elastic store')).toBeDefined();
    expect(edge('Kafka', 'Billing worker')).toBeDefined();
    expect(r.doc.edges).toHaveLength(8);

    expect(r.warnings.join('\n')).toMatch(/lines 15, 16, 17: styling .* is not imported/);
    const guessed = new Map(r.guesses.map((g) => [g.label, g.reason]));
    expect(guessed.get('Orders')).toMatch(/cylinder/);
    expect(guessed.get('Mobile users')).toMatch(/mobile|users/);
    expect(guessed.get('Orders API')).toMatch(/api/);
    expect(guessed.get('EU West')).toMatch(/eu-west/);
    expect(r.problems).toEqual([]);
    // Laid out left to right by call depth, regions holding their nodes.
    const x = (label: string) => byLabel.get(label)!.position.x;
    expect(x('Mobile users')).toBeLessThan(x('nginx'));
    expect(x('nginx')).toBeLessThan(x('Orders API'));
    expect(x('Orders API')).toBeLessThan(x('Orders'));
    const inside = byLabel.get('Orders')!.position;
    expect(region.kind === 'region' && region.params.size).toBeTruthy();
    const size = region.kind === 'region' ? region.params.size! : { width: 0, height: 0 };
    expect(inside.x).toBeGreaterThanOrEqual(region.position.x);
    expect(inside.y).toBeGreaterThanOrEqual(region.position.y + 40);
    expect(inside.x + 176).toBeLessThanOrEqual(region.position.x + size.width);
    expect(inside.y + 64).toBeLessThanOrEqual(region.position.y + size.height);
  });

  it('turns guesses the model would refuse into kinds it accepts', () => {
    const r = importMermaid(`flowchart LR
  a[Web client] --> b[User service]
  c[Browser] --> a
  b --> r[Redis]
  b --- q[Kafka]
`);
    const kind = (label: string) => r.doc.nodes.find((n) => (n.label ?? n.id) === label)?.kind;
    expect(kind('Browser')).toBe('client');
    expect(kind('Web client')).toBe('service'); // something calls it
    expect(kind('User service')).toBe('service');
    expect(kind('Redis')).toBe('database'); // a cache needs an origin
    expect(kind('Kafka')).toBe('service'); // a queue needs a consumer
    expect(r.guesses.find((g) => g.label === 'Redis')?.reason).toMatch(/redis.*no origin/);
    expect(r.warnings.join('\n')).toMatch(/line 5: a link without an arrowhead/);
    expect(r.problems).toEqual([]);
  });

  it('reads both arrowheads as two calls and ignores invisible links', () => {
    const r = importMermaid('flowchart LR\n  a[Svc A] <--> b[Svc B]\n  b ~~~ c[Svc C]\n');
    expect(r.doc.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(['a>b', 'b>a']);
    expect(r.doc.nodes).toHaveLength(3);
    // Each call certain both ways is a loop the model refuses: it is reported, not hidden.
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(/loop/);
  });

  it.each([
    ['', /line 1: .*expected a Mermaid flowchart/],
    ['sequenceDiagram\n  A->>B: hi\n', /line 1: this is a Mermaid sequenceDiagram, not a flowchart/],
    ['hello world\n', /line 1: expected the flowchart header/],
    ['%% just a comment\n\nflowchart LR\n  a --> b\n  subgraph s1\n  c\n', /line 5: subgraph "s1" is not closed/],
    ['flowchart LR\n  a --> b\n  end\n', /line 3: "end" without a subgraph/],
    ['flowchart LR\n  a --> b\n  a ->> c\n', /line 3, column 5: expected a link/],
    ['flowchart LR\n  a[unclosed --> b\n', /line 2, column \d+: the shape opened with "\[" is not closed/],
    ['flowchart LR\n  a["quote --> b\n', /line 2, column \d+: a quoted label is not closed/],
    ['flowchart LR\n  a -- label b\n', /line 2, column \d+: the link label after "--" has no closing arrow/],
    ['flowchart LR\n', /the flowchart has no nodes/],
    ['---\ntitle: x\nflowchart LR\n', /line 1: the front matter opened here is not closed/],
  ])('refuses bad input with the line: %j', (text, message) => {
    const r = importDocument({ name: 'bad.mmd', text });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
    expect(!r.ok && r.format).toBe('mermaid');
  });

  it('recognises a flowchart by its content, whatever the file is called', () => {
    const r = importDocument({ text: 'graph LR\n  a[API] --> b[(Orders DB)]\n' });
    expect(r.ok && r.format).toBe('mermaid');
    expect(r.ok && r.doc.name).toBe('Imported diagram');
    const titled = importDocument({ name: 'Shop architecture.mmd', text: 'graph LR\n  a --> b\n' });
    expect(titled.ok && titled.doc.name).toBe('Shop architecture');
  });
});
