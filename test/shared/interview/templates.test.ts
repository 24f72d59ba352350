import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRubric, parsePrompt, parsePromptIndex, resolveDrill, runDrill } from '../../../shared/interview/index.js';
import { parseDocument, validateDocument } from '../../../shared/model/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { assetJson } from './designs.js';

const dir = fileURLToPath(new URL('../../../assets/templates/', import.meta.url));
const templates: [string, TopologyDocument][] = readdirSync(dir)
  .filter((f) => f.endsWith('.bp.json'))
  .sort()
  .map((f) => {
    const parsed = parseDocument(readFileSync(`${dir}${f}`, 'utf8'));
    if (!parsed.ok) throw new Error(`${f}: ${parsed.problems.map((p) => p.message).join('; ')}`);
    return [f, parsed.document];
  });
const prompts = parsePromptIndex(assetJson('index.json')).map((e) => parsePrompt(assetJson(e.file), e.file));

describe('the interview checks on every template', () => {
  it('check the rubric and resolve every drill into valid faults, for every prompt', () => {
    expect(templates.length).toBeGreaterThan(5);
    for (const [file, doc] of templates) {
      for (const prompt of prompts) {
        const results = checkRubric(doc, prompt);
        expect(results, `${file} / ${prompt.id}`).toHaveLength(11);
        for (const r of results) {
          expect(r.detail.length, `${file} / ${prompt.id} / ${r.id}`).toBeGreaterThan(10);
          for (const id of r.nodes)
            expect(
              doc.nodes.some((n) => n.id === id),
              `${file}: ${r.id} names ${id}`,
            ).toBe(true);
          for (const id of r.edges)
            expect(
              doc.edges.some((e) => e.id === id),
              `${file}: ${r.id} names ${id}`,
            ).toBe(true);
        }
        const { faults } = resolveDrill(doc, prompt.drill, { offsetMs: 5000 });
        const check = validateDocument({ ...doc, faults: [...doc.faults, ...faults.map((f) => f.fault)] });
        expect(check.ok ? [] : check.problems, `${file} / ${prompt.id}`).toEqual([]);
      }
    }
  });

  it('runs a drill on a template with sidecars, rate limits and retries', () => {
    const doc = templates.find(([f]) => f === 'microservices-mesh.bp.json')![1];
    const r = runDrill(
      doc,
      prompts.find((p) => p.id === 'payment-service')!,
      { seed: 4 },
    );
    expect(validateDocument(r.document).ok).toBe(true);
    expect(r.availability).toBeGreaterThan(0);
    expect(r.availability).toBeLessThanOrEqual(1);
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(100);
  });
});
