import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveService, DEFAULT_BACKOFF } from '../../shared/model/defaults.js';
import { derivedLatencyMs } from '../../shared/model/geo.js';
import type { TopologyDocument, TopologyNode } from '../../shared/model/types.js';
import { validateDocument } from '../../shared/model/validate.js';
import { Inspector } from '../../renderer/src/inspector/Inspector.js';
import { HELP } from '../../renderer/src/inspector/help.js';
import { NODE_SECTIONS } from '../../renderer/src/inspector/fields.js';
import type { CommandContext } from '../../renderer/src/store/commands.js';
import { createEditorStore, type EditorStore } from '../../renderer/src/store/editorStore.js';
import { emptyDocument } from '../../renderer/src/store/emptyDocument.js';
import { EditorContext } from '../../renderer/src/store/useEditor.js';

afterEach(cleanup);

/** Two regions, a client in one and a service in the other, one edge between them. Valid. */
function twoRegions(): TopologyDocument {
  return {
    ...emptyDocument('Inspector test'),
    nodes: [
      {
        id: 'us',
        kind: 'region',
        label: 'US',
        position: { x: 0, y: 0 },
        params: { location: 'us-east', size: { width: 400, height: 300 } },
      },
      {
        id: 'eu',
        kind: 'region',
        label: 'EU',
        position: { x: 600, y: 0 },
        params: { location: 'eu-west', size: { width: 400, height: 300 } },
      },
      { id: 'web', kind: 'client', label: 'Web users', parent: 'us', position: { x: 40, y: 40 }, params: {} },
      { id: 'api', kind: 'service', label: 'API', parent: 'eu', position: { x: 640, y: 40 }, params: {} },
    ],
    edges: [{ id: 'web-api', source: 'web', target: 'api', params: {} }],
  };
}

function setup(
  doc: TopologyDocument = twoRegions(),
  select?: { nodes?: string[]; edges?: string[]; notes?: string[] },
) {
  const store: EditorStore = createEditorStore(doc);
  if (select) store.getState().select(select);
  const ctx: CommandContext = { store, view: null, files: null, clipboard: { fragment: null, pastes: 0 } };
  const result = render(
    <EditorContext.Provider value={ctx}>
      <Inspector />
    </EditorContext.Provider>,
  );
  return { store, ...result };
}

const api = (store: EditorStore) =>
  store.getState().doc.nodes.find((n) => n.id === 'api') as TopologyNode & { kind: 'service' };
const apiIndex = (store: EditorStore) => store.getState().doc.nodes.findIndex((n) => n.id === 'api');

/** Types into a text field and leaves it, which commits it. */
function type(input: HTMLElement, text: string) {
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.blur(input);
}

/** The titles of the generated parameter sections, in order. */
const sectionTitles = () =>
  Array.from(document.querySelectorAll<HTMLElement>('[data-section]'))
    .map((s) => s.dataset.section)
    .filter((t) => t !== 'Node');

/** The row of a field (label, control, errors). */
const rowOf = (input: HTMLElement) => input.closest('.field') as HTMLElement;

/** What the core's validator says about one path of the store's document. */
function coreMessages(store: EditorStore, path: string): string[] {
  const r = validateDocument(store.getState().doc);
  return r.ok ? [] : r.problems.filter((p) => p.path === path).map((p) => p.message);
}

function chooseOption(select: HTMLElement, name: string) {
  const option = within(select).getByRole('option', { name }) as HTMLOptionElement;
  fireEvent.change(select, { target: { value: option.value } });
}

describe('Inspector: a service', () => {
  it('shows its label, id, kind and every field with the defaults as placeholders', () => {
    setup(undefined, { nodes: ['api'] });
    const d = resolveService({});
    expect((screen.getByLabelText('Label') as HTMLInputElement).value).toBe('API');
    expect((screen.getByLabelText('Id') as HTMLInputElement).value).toBe('api');
    expect((screen.getByLabelText('Id') as HTMLInputElement).readOnly).toBe(true);
    expect((screen.getByLabelText('Kind') as HTMLInputElement).value).toBe('Service');
    const placeholders: Record<string, number> = {
      Replicas: d.replicas,
      Concurrency: d.concurrency,
      'Queue capacity': d.queueCapacity,
      'Error rate': d.errorRate,
      Timeout: d.timeoutMs,
      Mean: 20,
    };
    for (const [label, value] of Object.entries(placeholders)) {
      const input = screen.getByLabelText(label) as HTMLInputElement;
      expect(input.value, label).toBe('');
      expect(input.placeholder, label).toBe(String(value));
    }
    expect(sectionTitles()).toEqual([
      'Capacity',
      'Service time',
      'Dependencies',
      'Timeouts & retries',
      'Circuit breaker',
    ]);
    // 1 replica x 8 workers / 20 ms = 400 requests per second at full utilisation.
    expect(screen.getByText('400 req/s')).toBeTruthy();
    expect(screen.getByText(/at 100% utilisation; keep below ~70–80%/)).toBeTruthy();
  });

  it('commits an out-of-range concurrency and shows the core validator’s message under the field', () => {
    const { store } = setup(undefined, { nodes: ['api'] });
    const input = screen.getByLabelText('Concurrency');
    type(input, '0');
    expect(api(store).params.concurrency).toBe(0);
    expect(store.getState().undoLabel).toBe('Set concurrency');
    const messages = coreMessages(store, `nodes[${apiIndex(store)}].params.concurrency`);
    expect(messages.length).toBe(1);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const errors = Array.from(rowOf(input).querySelectorAll('.field-error')).map((e) => e.textContent);
    expect(errors).toEqual(messages);
  });

  it('refuses text that is not a number without committing it, and Escape reverts it', () => {
    const { store } = setup(undefined, { nodes: ['api'] });
    const input = screen.getByLabelText('Concurrency') as HTMLInputElement;
    const before = store.getState().doc;
    type(input, 'lots');
    expect(store.getState().doc).toBe(before);
    expect(rowOf(input).querySelector('.field-error')?.textContent).toBe('must be a number');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('');
    expect(rowOf(input).querySelector('.field-error')).toBeNull();
  });

  it('commits on Enter, and clearing a field removes the key so that the default applies again', () => {
    const { store } = setup(undefined, { nodes: ['api'] });
    const input = screen.getByLabelText('Replicas') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '3' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(api(store).params.replicas).toBe(3);
    expect(screen.getByText('1,200 req/s')).toBeTruthy();
    type(input, '');
    expect('replicas' in api(store).params).toBe(false);
    expect(input.value).toBe('');
  });

  it('turns retry on as an empty policy (all defaults) and shows its backoff fields; the jitter select commits', () => {
    const { store } = setup(undefined, { nodes: ['api'] });
    expect(screen.queryByLabelText('Base delay')).toBeNull();
    const toggle = screen.getByRole('switch', { name: 'Retry' });
    fireEvent.click(toggle);
    expect(api(store).params.retry).toEqual({});
    expect(store.getState().undoLabel).toBe('Add retry');
    expect((screen.getByLabelText('Base delay') as HTMLInputElement).placeholder).toBe(String(DEFAULT_BACKOFF.baseMs));
    expect((screen.getByLabelText('Delay cap') as HTMLInputElement).placeholder).toBe(String(DEFAULT_BACKOFF.capMs));
    expect(screen.getByLabelText('Multiplier')).toBeTruthy();
    expect(screen.getByLabelText('Max attempts')).toBeTruthy();

    const jitter = screen.getByLabelText('Jitter');
    expect(rowOf(jitter).textContent).toContain(HELP['jitter.full']);
    chooseOption(jitter, 'decorrelated');
    expect(api(store).params.retry?.backoff?.jitter).toBe('decorrelated');
    expect(store.getState().undoLabel).toBe('Set jitter');
    expect(rowOf(screen.getByLabelText('Jitter')).textContent).toContain(HELP['jitter.decorrelated']);

    chooseOption(screen.getByLabelText('Jitter'), `Default (${DEFAULT_BACKOFF.jitter})`);
    expect(api(store).params.retry?.backoff?.jitter).toBeUndefined();

    fireEvent.click(screen.getByRole('switch', { name: 'Retry' }));
    expect(api(store).params.retry).toBeUndefined();
    expect(screen.queryByLabelText('Base delay')).toBeNull();
  });

  it('shows a nested policy problem (cap below base) under the field the core names', () => {
    const { store } = setup(undefined, { nodes: ['api'] });
    fireEvent.click(screen.getByRole('switch', { name: 'Retry' }));
    type(screen.getByLabelText('Base delay'), '100');
    type(screen.getByLabelText('Delay cap'), '50');
    const path = `nodes[${apiIndex(store)}].params.retry.backoff.capMs`;
    const messages = coreMessages(store, path);
    expect(messages.length).toBe(1);
    const cap = screen.getByLabelText('Delay cap');
    expect(cap.getAttribute('aria-invalid')).toBe('true');
    expect(rowOf(cap).querySelector('.field-error')?.textContent).toBe(messages[0]);
  });

  it('switches the service-time distribution, keeping its mean, and shows the fields of the new kind', () => {
    const { store } = setup(undefined, { nodes: ['api'] });
    type(screen.getByLabelText('Mean'), '40');
    expect(api(store).params.serviceTime).toEqual({ dist: 'exponential', meanMs: 40 });
    chooseOption(screen.getByLabelText('Distribution'), 'uniform');
    expect(api(store).params.serviceTime).toEqual({ dist: 'uniform', minMs: 0, maxMs: 80 });
    expect((screen.getByLabelText('Min') as HTMLInputElement).value).toBe('0');
    expect((screen.getByLabelText('Max') as HTMLInputElement).value).toBe('80');
    expect(screen.queryByLabelText('Mean')).toBeNull();
  });

  it('undo reverts an edit and the field shows the earlier value', () => {
    const { store } = setup(undefined, { nodes: ['api'] });
    const input = screen.getByLabelText('Concurrency') as HTMLInputElement;
    type(input, '16');
    expect(api(store).params.concurrency).toBe(16);
    expect(input.value).toBe('16');
    act(() => store.getState().undo());
    expect(api(store).params.concurrency).toBeUndefined();
    expect((screen.getByLabelText('Concurrency') as HTMLInputElement).value).toBe('');
    act(() => store.getState().redo());
    expect((screen.getByLabelText('Concurrency') as HTMLInputElement).value).toBe('16');
  });

  it('renames the node on blur, and an empty label removes it', () => {
    const { store } = setup(undefined, { nodes: ['api'] });
    type(screen.getByLabelText('Label'), 'Orders API');
    expect(api(store).label).toBe('Orders API');
    expect(store.getState().undoLabel).toBe('Rename');
    type(screen.getByLabelText('Label'), '  ');
    expect(api(store).label).toBeUndefined();
  });

  it('commits a pending draft when the selection moves away before the field is left', () => {
    const { store } = setup(undefined, { nodes: ['api'] });
    fireEvent.change(screen.getByLabelText('Concurrency'), { target: { value: '24' } });
    act(() => store.getState().select({ nodes: ['web'] }));
    expect(api(store).params.concurrency).toBe(24);
    expect(screen.getByLabelText('Rate')).toBeTruthy();
  });
});

describe('Inspector: other kinds', () => {
  it('gives every kind a panel whose inputs all have a visible label', () => {
    const doc = twoRegions();
    doc.nodes.push(
      { id: 'dns', kind: 'dns', position: { x: 0, y: 400 }, params: { healthCheck: {} } },
      { id: 'cdn', kind: 'cdn', position: { x: 0, y: 400 }, params: {} },
      { id: 'lb', kind: 'loadBalancer', position: { x: 0, y: 400 }, params: { healthCheck: {}, outlierDetection: {} } },
      { id: 'db', kind: 'database', position: { x: 0, y: 400 }, params: {} },
      { id: 'cache', kind: 'cache', position: { x: 0, y: 400 }, params: {} },
      { id: 'queue', kind: 'queue', position: { x: 0, y: 400 }, params: {} },
      {
        id: 'mesh',
        kind: 'sidecar',
        position: { x: 0, y: 400 },
        params: { attachedTo: 'api', retry: { budget: {} }, circuitBreaker: {}, outlierDetection: {}, rateLimit: {} },
      },
    );
    const { store } = setup(doc);
    for (const node of doc.nodes) {
      act(() => store.getState().select({ nodes: [node.id] }));
      const panel = screen.getByTestId('inspector');
      const inputs = panel.querySelectorAll('input, select, textarea');
      expect(inputs.length, node.kind).toBeGreaterThan(2);
      for (const input of Array.from(inputs)) {
        const labels = (input as HTMLInputElement).labels;
        expect(
          labels && labels.length > 0 ? labels[0]!.textContent!.trim() : '',
          `${node.kind}: ${input.outerHTML}`,
        ).not.toBe('');
      }
      expect(sectionTitles()).toEqual(NODE_SECTIONS[node.kind].map((s) => s.title));
    }
  });

  it('shows a sidecar’s service by its label and a load balancer’s strategy with its meaning', () => {
    const doc = twoRegions();
    doc.nodes.push(
      { id: 'mesh', kind: 'sidecar', position: { x: 0, y: 400 }, params: { attachedTo: 'api' } },
      { id: 'lb', kind: 'loadBalancer', position: { x: 0, y: 400 }, params: {} },
    );
    const { store } = setup(doc, { nodes: ['mesh'] });
    const service = screen.getByLabelText('Service') as HTMLSelectElement;
    expect(service.selectedOptions[0]!.textContent).toBe('API (api)');
    act(() => store.getState().select({ nodes: ['lb'] }));
    const strategy = screen.getByLabelText('Strategy');
    chooseOption(strategy, 'powerOfTwo');
    expect(store.getState().doc.nodes.find((n) => n.id === 'lb')!.params).toEqual({ strategy: 'powerOfTwo' });
    expect(rowOf(screen.getByLabelText('Strategy')).textContent).toContain(HELP['strategy.powerOfTwo']);
    chooseOption(screen.getByLabelText('Layer'), 'L4 (per connection)');
    expect(store.getState().doc.nodes.find((n) => n.id === 'lb')!.params).toEqual({ strategy: 'powerOfTwo', layer: 4 });
  });

  it('edits a client’s rate schedule with added and removed rows', () => {
    const { store } = setup(undefined, { nodes: ['web'] });
    const client = () => store.getState().doc.nodes.find((n) => n.id === 'web')! as TopologyNode & { kind: 'client' };
    type(screen.getByLabelText('Rate'), '50');
    fireEvent.click(screen.getByRole('button', { name: 'Add step' }));
    expect(client().params.rateSchedule).toEqual([{ atMs: 10_000, rate: 50 }]);
    fireEvent.click(screen.getByRole('button', { name: 'Add step' }));
    type(screen.getByLabelText('Step 2 rate'), '200');
    expect(client().params.rateSchedule).toEqual([
      { atMs: 10_000, rate: 50 },
      { atMs: 20_000, rate: 200 },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove step 1' }));
    expect(client().params.rateSchedule).toEqual([{ atMs: 20_000, rate: 200 }]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove step 1' }));
    expect(client().params.rateSchedule).toBeUndefined();
  });

  it('switches a region between a preset and custom coordinates', () => {
    const { store } = setup(undefined, { nodes: ['us'] });
    const region = () => store.getState().doc.nodes.find((n) => n.id === 'us')!.params;
    expect(screen.getByText('Coordinates: 38.9° N, 77.0° W')).toBeTruthy();
    chooseOption(screen.getByLabelText('Location'), 'Custom coordinates');
    expect(region()).toMatchObject({ lat: 38.9, lon: -77 });
    expect('location' in region()).toBe(false);
    type(screen.getByLabelText('Latitude'), '48.9');
    type(screen.getByLabelText('Longitude'), '2.4');
    expect(screen.getByText('Coordinates: 48.9° N, 2.4° E')).toBeTruthy();
    chooseOption(screen.getByLabelText('Location'), 'ap-northeast (Tokyo)');
    expect(region()).toEqual({ location: 'ap-northeast', size: { width: 400, height: 300 } });
  });
});

describe('Inspector: an edge', () => {
  it('shows the latency derived from the two regions as placeholder and text, and the round trip', () => {
    const doc = twoRegions();
    setup(doc, { edges: ['web-api'] });
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    const derived = derivedLatencyMs(byId.get('web')!, byId.get('api')!, byId);
    const shown = String(Number(derived.toFixed(1)));
    expect(derived).toBeGreaterThan(35); // Washington to Dublin: ~5,400 km of fibre
    const latency = screen.getByLabelText('Latency') as HTMLInputElement;
    expect(latency.value).toBe('');
    expect(latency.placeholder).toBe(shown);
    expect(screen.getByText(`derived from regions: ${shown} ms`)).toBeTruthy();
    expect(screen.getByText(`${Number((2 * derived).toFixed(1))} ms`)).toBeTruthy();
    for (const label of ['Jitter', 'Loss rate', 'Bandwidth', 'Protocol', 'TLS', 'Keep-alive', 'Probability', 'Weight'])
      expect(screen.getByLabelText(label), label).toBeTruthy();
  });

  it('commits protocol, TLS and keep-alive at once and explains the handshake', () => {
    const { store } = setup(undefined, { edges: ['web-api'] });
    const params = () => store.getState().doc.edges[0]!.params;
    chooseOption(screen.getByLabelText('TLS'), 'TLS 1.2');
    expect(params()).toEqual({ tls: 'tls1.2' });
    expect(screen.getByText(/^3 RTT = /)).toBeTruthy();
    chooseOption(screen.getByLabelText('Protocol'), 'HTTP/3 (QUIC)');
    expect(params()).toEqual({ tls: 'tls1.2', protocol: 'http3' });
    expect(screen.getByText(/^1 RTT = /)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Keep-alive'));
    expect(params().keepAlive).toBe(false);
    fireEvent.click(screen.getByLabelText('Keep-alive'));
    expect('keepAlive' in params()).toBe(false);
    type(screen.getByLabelText('Latency'), '5');
    expect(params().latencyMs).toBe(5);
    expect(screen.getByText(/overridden/)).toBeTruthy();
  });

  it('shows an out-of-range loss rate with the core’s message', () => {
    const { store } = setup(undefined, { edges: ['web-api'] });
    const input = screen.getByLabelText('Loss rate');
    type(input, '1.5');
    const messages = coreMessages(store, 'edges[0].params.lossRate');
    expect(messages.length).toBe(1);
    expect(rowOf(input).querySelector('.field-error')?.textContent).toBe(messages[0]);
  });
});

describe('Inspector: the document, notes and multiple selections', () => {
  it('lists every validation problem of the document, each selecting its node when clicked', () => {
    const doc = twoRegions();
    (doc.nodes[3]!.params as { concurrency: number }).concurrency = 0;
    doc.nodes.push({ id: 'lonely', kind: 'client', label: 'Lonely', position: { x: 0, y: 500 }, params: {} });
    const { store } = setup(doc);
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Inspector test');
    expect((screen.getByLabelText('Seed') as HTMLInputElement).value).toBe('1');
    const r = validateDocument(doc);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    const section = document.querySelector<HTMLElement>('[data-section="Problems"]')!;
    const items = within(section).getAllByRole('listitem');
    expect(items.length).toBe(problems.length);
    problems.forEach((p, i) => {
      expect(items[i]!.textContent).toContain(p.path);
      expect(items[i]!.textContent).toContain(p.message);
    });
    fireEvent.click(within(section).getByRole('button', { name: /Lonely/ }));
    expect(store.getState().selection.nodes).toEqual(['lonely']);
    // The node's own panel shows the problem no field holds at its top.
    const lonely = problems.find((p) => p.path === 'nodes[4]')!;
    expect(screen.getByText(lonely.message)).toBeTruthy();
  });

  it('edits the name, description and simulation settings', () => {
    const { store } = setup();
    type(screen.getByLabelText('Name'), 'Global web app');
    type(screen.getByLabelText('Description'), 'Two regions');
    type(screen.getByLabelText('Duration'), '120000');
    const doc = store.getState().doc;
    expect(doc.name).toBe('Global web app');
    expect(doc.description).toBe('Two regions');
    expect(doc.simulation.durationMs).toBe(120_000);
    type(screen.getByLabelText('Seed'), '-1');
    const messages = coreMessages(store, 'simulation.seed');
    expect(messages.length).toBe(1);
    expect(rowOf(screen.getByLabelText('Seed')).querySelector('.field-error')?.textContent).toBe(messages[0]);
  });

  it('edits a note’s text and colour', () => {
    const doc = twoRegions();
    doc.notes.push({ id: 'note', text: 'Hello', position: { x: 0, y: 0 } });
    const { store } = setup(doc, { notes: ['note'] });
    type(screen.getByLabelText('Text'), 'Hello world');
    chooseOption(screen.getByLabelText('Colour'), 'Blue');
    expect(store.getState().doc.notes[0]).toMatchObject({ text: 'Hello world', color: '#bfdbfe' });
    chooseOption(screen.getByLabelText('Colour'), 'Default');
    expect('color' in store.getState().doc.notes[0]!).toBe(false);
  });

  it('summarises a multiple selection and aligns it', () => {
    const { store } = setup(undefined, { nodes: ['web', 'api'], edges: ['web-api'] });
    expect(screen.getByRole('heading', { name: '2 nodes, 1 edge' })).toBeTruthy();
    const y = (id: string) => store.getState().doc.nodes.find((n) => n.id === id)!.position.y;
    act(() => store.getState().edit('Move', (d) => void (d.nodes.find((n) => n.id === 'web')!.position.y = 80)));
    expect(screen.getByRole('button', { name: 'Distribute horizontally' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Align top' }));
    expect(store.getState().undoLabel).toBe('Align top');
    expect(y('web')).toBe(y('api'));
  });
});
