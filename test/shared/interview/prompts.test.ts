import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  PromptError,
  RUBRIC,
  checkRubric,
  estimate,
  parsePrompt,
  parsePromptIndex,
  resolveDrill,
} from '../../../shared/interview/index.js';
import { assetJson, resilientDesign, testPrompt } from './designs.js';

const CLASSICS = [
  'url-shortener',
  'news-feed',
  'chat-websockets',
  'video-streaming',
  'rate-limiter',
  'global-key-value-store',
  'ride-hailing',
  'notification-service',
  'web-crawler',
  'payment-service',
  'ticket-booking',
  'metrics-pipeline',
];

const index = parsePromptIndex(assetJson('index.json'), 'assets/interview/index.json');
const prompts = index.map((e) => ({ entry: e, prompt: parsePrompt(assetJson(e.file), `assets/interview/${e.file}`) }));

/** A prompt in the shape of its file, for error tests. */
function raw(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(assetJson('url-shortener.json'))) as Record<string, unknown>;
}

function problems(json: unknown): string[] {
  try {
    parsePrompt(json, 'assets/interview/broken.json');
  } catch (e) {
    expect(e).toBeInstanceOf(PromptError);
    return (e as PromptError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('parsed');
}

describe('the prompts library', () => {
  it('has the twelve classics, each listed once, and nothing unlisted', () => {
    expect(index.map((e) => e.id)).toEqual(CLASSICS);
    const dir = fileURLToPath(new URL('../../../assets/interview/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect(files.sort()).toEqual(index.map((e) => e.file).sort());
  });

  it('agrees with the index and uses only known rubric items', () => {
    for (const { entry, prompt } of prompts) {
      expect(prompt.id, entry.file).toBe(entry.id);
      expect(`${prompt.id}.json`).toBe(entry.file);
      expect(prompt.title).toBe(entry.title);
      expect(prompt.summary).toBe(entry.summary);
      expect(prompt.difficulty).toBe(entry.difficulty);
      for (const id of prompt.rubric) expect(RUBRIC[id], `${entry.file}: ${id}`).toBeDefined();
      expect(prompt.hints.length).toBeGreaterThanOrEqual(3);
      expect(prompt.drill.length).toBeGreaterThanOrEqual(2);
      expect(prompt.drill.length).toBeLessThanOrEqual(4);
      for (const s of prompt.drill) expect(s.atS + s.forS).toBeLessThanOrEqual(60);
    }
  });

  it('has estimation figures in real-world ranges', () => {
    for (const { entry, prompt } of prompts) {
      const e = estimate(prompt.estimation);
      expect(e.peakRps, entry.file).toBeGreaterThan(100);
      expect(e.peakRps, entry.file).toBeLessThan(2_000_000);
      expect(e.explanation.length).toBeGreaterThanOrEqual(7);
    }
    // A billion pages a month: about 386 fetches a second on average.
    const crawler = prompts.find((p) => p.prompt.id === 'web-crawler')!.prompt;
    expect(estimate(crawler.estimation).averageRps).toBeCloseTo(382, 0);
  });

  it('resolves every drill against a reasonable design, with nothing skipped, and checks its rubric', () => {
    for (const { entry, prompt } of prompts) {
      const doc = resilientDesign({ regions: Math.max(2, prompt.regions) });
      const { faults, skipped } = resolveDrill(doc, prompt.drill);
      expect(skipped, entry.file).toEqual([]);
      expect(new Set(faults.map((f) => f.step)).size, entry.file).toBe(prompt.drill.length);
      const results = checkRubric(doc, prompt);
      for (const id of prompt.rubric)
        expect(results.find((r) => r.id === id)!.status, `${entry.file}: ${id}`).not.toBe('notApplicable');
    }
  });
});

describe('parsePrompt errors', () => {
  it('names the file and the field, and says why', () => {
    const p = raw();
    delete (p.estimation as Record<string, unknown>).peakToAverage;
    expect(() => parsePrompt(p, 'assets/interview/broken.json')).toThrow(
      'assets/interview/broken.json: invalid interview prompt\n  estimation.peakToAverage: is required',
    );
  });

  it('lists every problem at once, with what it got', () => {
    const p = raw();
    p.difficulty = 'extreme';
    p.regions = 1.5;
    (p.targets as Record<string, unknown>).availability = 99.9;
    (p.estimation as Record<string, unknown>).dailyActiveUsers = '50M';
    p.rubric = ['timeouts', 'timeouts', 'noSuchRule'];
    p.colour = 'blue';
    expect(problems(p)).toEqual([
      'difficulty: must be one of "easy", "medium", "hard" (got "extreme")',
      'estimation.dailyActiveUsers: must be a number (got "50M")',
      'rubric[2]: must be one of "noSinglePointOfFailure", "multiRegion", "cdnForStatic", "timeouts", "retriesWithJitterAndBudget", "breakers", "healthChecks", "dnsTtl", "capacityHeadroom", "cacheForHotReads", "queueForAsyncWork" (got "noSuchRule")',
      'regions: must be an integer (got 1.5)',
      'targets.availability: must be < 1 (e.g. 0.999) (got 99.9)',
      'colour: is not a known field',
    ]);
  });

  it('checks drill steps: kind, timing within the 60 s drill, factors', () => {
    const p = raw();
    p.drill = [
      { kind: 'meteor', atS: 1, forS: 1, say: 'x' },
      { kind: 'surge', atS: 50, forS: 20, factor: 2, say: 'x' },
      { kind: 'slowDatabase', atS: 1, forS: 1, factor: 0.5, say: 'x' },
      { kind: 'crashNode', atS: 1, forS: 1, target: 'dns', say: 'x' },
    ];
    expect(problems(p)).toEqual([
      'drill[0].kind: must be one of "crashRegion", "partitionRegions", "slowDatabase", "surge", "crashNode" (got "meteor")',
      'drill[2].factor: must be > 1 (got 0.5)',
      'drill[3].target: must be one of "database", "cache", "loadBalancer", "service" (got "dns")',
    ]);
    p.drill = [{ kind: 'surge', atS: 50, forS: 20, factor: 2, say: 'x' }];
    expect(problems(p)).toEqual(["drill[0].forS: ends at 70 s, after the drill's 60 s"]);
  });

  it('needs a failover time for the DNS rule and two regions for the region rule', () => {
    const p = raw();
    p.rubric = ['dnsTtl', 'multiRegion'];
    p.regions = 1;
    delete p.failoverSeconds;
    expect(problems(p)).toEqual([
      'failoverSeconds: is required when the rubric includes "dnsTtl"',
      'regions: must be >= 2 when the rubric includes "multiRegion"',
    ]);
  });

  it('refuses what is not a prompt at all', () => {
    expect(() => parsePrompt(null, 'notes.txt')).toThrow(
      'notes.txt: invalid interview prompt\n  (file): must be an object (got null)',
    );
    expect(() => parsePrompt([])).toThrow(
      'prompt: invalid interview prompt\n  (file): must be an object (got an array)',
    );
    expect(() => parsePromptIndex([{ file: 'x.json' }], 'index.json')).toThrow(
      /index.json: invalid interview prompt\n {2}\[0\]\.id: is required/,
    );
  });

  it('round-trips a valid prompt', () => {
    const p = testPrompt();
    expect(parsePrompt(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });
});
