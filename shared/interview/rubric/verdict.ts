import type { Graph } from '../graph.js';
import type { InterviewPrompt, RubricStatus } from '../types.js';

/** The outcome of one rule, before the rule's title and reasoning are attached. */
export interface Verdict {
  status: RubricStatus;
  detail: string;
  nodes: string[];
  edges: string[];
}

/** A rubric rule: a pure check of the design's graph against the prompt. */
export type Check = (g: Graph, prompt: InterviewPrompt) => Verdict;

export function pass(detail: string, nodes: string[] = [], edges: string[] = []): Verdict {
  return { status: 'pass', detail, nodes, edges };
}

export function fail(detail: string, nodes: string[] = [], edges: string[] = []): Verdict {
  return { status: 'fail', detail, nodes, edges };
}

export function notApplicable(detail: string): Verdict {
  return { status: 'notApplicable', detail, nodes: [], edges: [] };
}

/** Ids in first-seen order without repeats. */
export function unique(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}
