import { describe, expect, it } from 'vitest';
import { checkRubric, runDrill, scoreCard, scoreCardSection } from '../../../shared/interview/index.js';
import type { DrillResult } from '../../../shared/interview/index.js';
import { resilientDesign, testPrompt, weakDesign } from './designs.js';

const prompt = testPrompt({
  rubric: ['noSinglePointOfFailure', 'timeouts', 'healthChecks', 'cacheForHotReads'],
  drill: [{ kind: 'crashNode', target: 'database', atS: 10, forS: 20, say: 'The database is gone.' }],
});

describe('scoreCard', () => {
  it('scores 60% rubric and 40% drill, and says what went right and wrong', () => {
    const doc = weakDesign();
    const rubric = checkRubric(doc, prompt);
    const drill = runDrill(doc, prompt, { seed: 1 });
    const card = scoreCard({
      prompt,
      doc,
      rubric,
      drill,
      notes: 'Start simple.',
      lengthMs: 45 * 60_000,
      elapsedMs: 38 * 60_000,
    });
    // Every applicable item fails: the score is the drill's 40%.
    expect(card.score).toBe(Math.round(0.4 * drill.score));
    expect(card.rubric.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual([
      'noSinglePointOfFailure',
      'timeouts',
      'healthChecks',
      'cacheForHotReads',
    ]);
    expect(card.summary[0]).toBe('Finished in 38 min of 45 min.');
    expect(card.summary[1]).toBe('Passed 0 of 4 rubric items.');
    expect(card.summary).toContain(
      'No single point of failure on the request path: "lb" (load balancer), "api" (service, 1 replica) and "db" (database, 1 replica) are each on every path from "users": one crash fails its requests.',
    );
    expect(card.summary.some((s) => s.startsWith('Under the drill (The database is gone.), the design served'))).toBe(
      true,
    );
    expect(card.summary.some((s) => s.startsWith('It broke at "users"'))).toBe(true);
    expect(card).toMatchObject({ promptId: 'test', title: 'Test prompt', notes: 'Start simple.' });
  });

  it('scores the rubric alone without a drill, and notes overtime', () => {
    const doc = resilientDesign();
    const rubric = checkRubric(doc, prompt);
    const card = scoreCard({
      prompt,
      doc,
      rubric,
      drill: null,
      notes: '',
      lengthMs: 45 * 60_000,
      elapsedMs: 52 * 60_000,
    });
    expect(card.score).toBe(100);
    expect(card.summary[0]).toBe('Finished 7 min over the 45 min session.');
    expect(card.summary[2]).toBe(
      'Got right: no single point of failure on the request path; timeouts on every remote call; health checks behind load balancers and DNS; a cache in front of the database for hot reads.',
    );
    expect(card.summary.at(-1)).toBe('No chaos drill ran, so the score is the rubric alone.');
  });
});

describe('scoreCardSection', () => {
  const drill: DrillResult = runDrill(weakDesign(), prompt, { seed: 1 });
  const card = scoreCard({
    prompt,
    doc: weakDesign(),
    rubric: checkRubric(weakDesign(), prompt),
    drill,
    notes: 'Use <script>alert(1)</script> | and a pipe\nsecond line',
    lengthMs: 45 * 60_000,
    elapsedMs: 45 * 60_000,
  });
  const section = scoreCardSection(card);

  it('renders Markdown with a rubric table, the drill and the notes', () => {
    expect(section.title).toBe('Interview: Test prompt');
    expect(section.markdown).toContain(`**Score: ${card.score} / 100**`);
    expect(section.markdown).toContain('| Rubric item | Result | Detail |');
    expect(section.markdown).toContain('| Timeouts on every remote call | Fail |');
    expect(section.markdown).toContain('"db" crashes from 10 s to 30 s.');
    expect(section.markdown).toContain('> Use <script>alert(1)</script> | and a pipe\n> second line');
    // Items the prompt does not ask for stay out of the table.
    expect(section.markdown).not.toContain('CDN in front');
  });

  it('escapes everything in HTML', () => {
    expect(section.html).not.toContain('<script>');
    expect(section.html).toContain('Use &lt;script&gt;alert(1)&lt;/script&gt; | and a pipe');
    expect(section.html).toContain('<tr class="fail"><td>Timeouts on every remote call</td><td>Fail</td>');
    expect(section.html).toContain('&quot;db&quot; crashes from 10 s to 30 s.');
  });
});
