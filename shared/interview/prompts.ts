import { z } from 'zod';
import { describeValue, formatPath } from '../model/schema.js';
import type { Problem } from '../model/schema.js';
import { RUBRIC_IDS } from './types.js';
import type { DrillStep, InterviewPrompt, PromptIndexEntry } from './types.js';

/** How long a drill may run, in simulated seconds: every step must fit in it. */
const DRILL_SECONDS = 60;

/** Thrown by `parsePrompt` and `parsePromptIndex`: every problem with its path, and the file it came from. */
export class PromptError extends Error {
  constructor(
    readonly source: string,
    readonly problems: Problem[],
  ) {
    super(
      `${source}: invalid interview prompt\n${problems.map((p) => `  ${p.path || '(file)'}: ${p.message}`).join('\n')}`,
    );
    this.name = 'PromptError';
  }
}

const text = z.string().trim().min(1, 'must not be empty');
const positive = z.number().finite().positive('must be > 0');
const nonNegative = z.number().finite().min(0, 'must be >= 0');
const difficulty = z.enum(['easy', 'medium', 'hard']);

const estimationSchema = z.strictObject({
  dailyActiveUsers: positive,
  requestsPerUserPerDay: positive,
  readWriteRatio: nonNegative,
  requestBytes: nonNegative,
  responseBytes: nonNegative,
  storedBytesPerWrite: nonNegative,
  retentionYears: nonNegative,
  peakToAverage: z.number().finite().min(1, 'must be >= 1 (the peak is never below the average)'),
  cacheHitRatio: z
    .number()
    .min(0, 'must be >= 0')
    .max(0.999, 'must be < 1 (a cache always misses sometimes)')
    .optional(),
});

const timing = {
  atS: z
    .number()
    .finite()
    .min(0, 'must be >= 0')
    .max(DRILL_SECONDS, `must be <= ${DRILL_SECONDS} (a drill lasts 60 s)`),
  forS: z.number().finite().positive('must be > 0'),
  say: text,
};
const factor = z.number().finite().gt(1, 'must be > 1');

const DRILL_KINDS = ['crashRegion', 'partitionRegions', 'slowDatabase', 'surge', 'crashNode'] as const;

const drillStepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('crashRegion'), ...timing }),
  z.strictObject({ kind: z.literal('partitionRegions'), ...timing }),
  z.strictObject({ kind: z.literal('slowDatabase'), ...timing, factor }),
  z.strictObject({ kind: z.literal('surge'), ...timing, factor }),
  z.strictObject({
    kind: z.literal('crashNode'),
    ...timing,
    target: z.enum(['database', 'cache', 'loadBalancer', 'service']),
  }),
]);

const promptSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be 1-64 characters of a-z, 0-9 and -'),
    title: text,
    summary: text,
    difficulty,
    requirements: z.strictObject({
      functional: z.array(text).min(1, 'must list at least one requirement'),
      nonFunctional: z.array(text).min(1, 'must list at least one requirement'),
    }),
    estimation: estimationSchema,
    hints: z.array(text).min(1, 'must give at least one hint'),
    rubric: z.array(z.enum(RUBRIC_IDS)).min(1, 'must name at least one rubric item'),
    regions: z.number().int('must be an integer').min(1, 'must be >= 1'),
    failoverSeconds: positive.optional(),
    targets: z.strictObject({
      availability: z.number().gt(0, 'must be > 0').lt(1, 'must be < 1 (e.g. 0.999)'),
      p99Ms: positive,
    }),
    drill: z.array(drillStepSchema).min(1, 'must have at least one step').max(6, 'must have at most 6 steps'),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.rubric.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['rubric', i], message: `"${id}" is listed twice` });
      seen.add(id);
    });
    p.drill.forEach((s, i) => {
      if (s.atS + s.forS > DRILL_SECONDS) {
        ctx.addIssue({
          code: 'custom',
          path: ['drill', i, 'forS'],
          message: `ends at ${s.atS + s.forS} s, after the drill's ${DRILL_SECONDS} s`,
        });
      }
    });
    if (p.rubric.includes('dnsTtl') && p.failoverSeconds === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['failoverSeconds'],
        message: 'is required when the rubric includes "dnsTtl"',
      });
    }
    if (p.rubric.includes('multiRegion') && p.regions < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['regions'],
        message: 'must be >= 2 when the rubric includes "multiRegion"',
      });
    }
  });

const indexSchema = z
  .array(
    z.strictObject({
      file: z.string().regex(/^[a-z0-9-]+\.json$/, 'must be a file name such as "url-shortener.json"'),
      id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be 1-64 characters of a-z, 0-9 and -'),
      title: text,
      summary: text,
      difficulty,
      tags: z.array(text),
    }),
  )
  .min(1, 'must list at least one prompt');

/** A message for people, in the words of the topology validator (`must be a number (got "12")`). */
function message(issue: z.core.$ZodIssue, input: unknown): string {
  const got = describeValue(valueAt(input, issue.path));
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? 'is required'
        : `must be ${article(issue.expected)} (got ${got})`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (got ${got})`;
    case 'invalid_union':
      // A drill step whose kind matches none of the step shapes.
      return issue.path.at(-1) === 'kind'
        ? `must be one of ${DRILL_KINDS.map((k) => `"${k}"`).join(', ')} (got ${got})`
        : `must be a drill step, an object with a "kind" (got ${got})`;
    case 'unrecognized_keys':
      return 'is not a known field';
    case 'custom':
      return issue.message;
    default:
      return got === 'nothing' ? issue.message : `${issue.message} (got ${got})`;
  }
}

function article(type: string): string {
  if (type === 'int') return 'an integer';
  return type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (typeof key === 'symbol' || v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

function problems(error: z.ZodError, input: unknown): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const segments = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...segments, key]), message: 'is not a known field' });
    } else {
      out.push({ path: formatPath(segments), message: message(issue, input) });
    }
  }
  return out;
}

/**
 * Checks an interview prompt (the parsed JSON of one file of `assets/interview/`) and returns it typed. Throws a
 * `PromptError` that lists every problem as `<source>: <path>: <reason>`.
 */
export function parsePrompt(json: unknown, source = 'prompt'): InterviewPrompt {
  const parsed = promptSchema.safeParse(json);
  if (!parsed.success) throw new PromptError(source, problems(parsed.error, json));
  const p = parsed.data;
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    difficulty: p.difficulty,
    requirements: { functional: [...p.requirements.functional], nonFunctional: [...p.requirements.nonFunctional] },
    estimation: { ...p.estimation },
    hints: [...p.hints],
    rubric: [...p.rubric],
    regions: p.regions,
    ...(p.failoverSeconds === undefined ? {} : { failoverSeconds: p.failoverSeconds }),
    targets: { ...p.targets },
    drill: p.drill.map((s) => ({ ...s }) as DrillStep),
  };
}

/** Checks `assets/interview/index.json`: the prompts in the order the picker offers them. */
export function parsePromptIndex(json: unknown, source = 'index.json'): PromptIndexEntry[] {
  const parsed = indexSchema.safeParse(json);
  if (!parsed.success) throw new PromptError(source, problems(parsed.error, json));
  return parsed.data.map((e) => ({ ...e, tags: [...e.tags] }));
}
