import { NODE_KINDS } from '../../shared/model/types.js';

/** Placeholder page until the canvas lands: names the product and lists what it models. */
export function App() {
  return (
    <main className="placeholder">
      <h1>Backpressure</h1>
      <p className="tagline">
        A visual sandbox for distributed systems: draw a topology, press play, and watch requests, queues, partitions,
        retries and circuit breakers in a deterministic simulation.
      </p>
      <section aria-labelledby="node-kinds">
        <h2 id="node-kinds">Node kinds</h2>
        <ul className="kinds">
          {NODE_KINDS.map((kind) => (
            <li key={kind}>
              <code>{kind}</code>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
