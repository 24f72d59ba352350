import type { TopologyDocument } from '../../model/types.js';
import { graphOf } from '../graph.js';
import type { Graph } from '../graph.js';
import { RUBRIC_IDS } from '../types.js';
import type { InterviewPrompt, RubricId, RubricResult } from '../types.js';
import { capacityHeadroom } from './headroom.js';
import { cacheForHotReads, cdnForStatic, dnsTtl, queueForAsyncWork } from './placement.js';
import { breakers, healthChecks, retriesWithJitterAndBudget, timeouts } from './policies.js';
import { multiRegion, noSinglePointOfFailure } from './redundancy.js';
import { RUBRIC } from './rules.js';
import type { Check, Verdict } from './verdict.js';

export { RUBRIC } from './rules.js';
export { REQUIRED_HEADROOM } from './headroom.js';

const CHECKS: Readonly<Record<RubricId, Check>> = {
  noSinglePointOfFailure,
  multiRegion,
  cdnForStatic,
  timeouts,
  retriesWithJitterAndBudget,
  breakers,
  healthChecks,
  dnsTtl,
  capacityHeadroom,
  cacheForHotReads,
  queueForAsyncWork,
};

/**
 * Checks the design against every rubric item, in `RUBRIC_IDS` order. Items the prompt does not list come back
 * `notApplicable`; so do items with nothing to check in this design (a breaker rule with no slow dependency).
 */
export function checkRubric(doc: TopologyDocument, prompt: InterviewPrompt): RubricResult[] {
  const g = graphOf(doc);
  return RUBRIC_IDS.map((id) => {
    const rule = RUBRIC[id];
    const verdict = prompt.rubric.includes(id)
      ? check(g, prompt, id)
      : { status: 'notApplicable' as const, detail: 'This prompt does not ask for it.', nodes: [], edges: [] };
    return { id, title: rule.title, why: rule.why, ...verdict };
  });
}

/** Checks one rubric item, whether or not the prompt lists it. */
export function checkRule(doc: TopologyDocument, prompt: InterviewPrompt, id: RubricId): RubricResult {
  const rule = RUBRIC[id];
  return { id, title: rule.title, why: rule.why, ...check(graphOf(doc), prompt, id) };
}

/** A design with no request path yet fails every item: there is nothing to give credit for. */
function check(g: Graph, prompt: InterviewPrompt, id: RubricId): Verdict {
  if (g.clients.length === 0 || g.requestPath.every((n) => n.kind === 'client')) {
    return {
      status: 'fail',
      detail: 'There is no request path yet: add users (a client) and connect them to what they call.',
      nodes: g.clients.map((c) => c.id),
      edges: [],
    };
  }
  return CHECKS[id](g, prompt);
}
