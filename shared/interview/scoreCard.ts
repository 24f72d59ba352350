import { formatPercent } from '../format.js';
import { formatDuration, formatFigure } from './text.js';
import type { DrillResult, ReportSection, RubricResult, ScoreCard, ScoreCardInput } from './types.js';

/** Weights of the score when a drill ran: the rubric, then the drill. */
const RUBRIC_WEIGHT = 0.6;
const DRILL_WEIGHT = 0.4;

/** A title inside a sentence: `Timeouts ...` -> `timeouts ...`, acronyms (`CDN ...`) kept. */
function lowerFirst(title: string): string {
  return /^[A-Z][A-Z]/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`;
}

/** The first sentence of a rule's detail, for the summary. */
function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return m ? m[1]! : text;
}

function rubricShare(rubric: readonly RubricResult[]): { passed: number; applicable: number } {
  const applicable = rubric.filter((r) => r.status !== 'notApplicable');
  return { passed: applicable.filter((r) => r.status === 'pass').length, applicable: applicable.length };
}

function drillSentences(drill: DrillResult, targets: ScoreCardInput['prompt']['targets']): string[] {
  const out: string[] = [];
  const steps = [...new Set(drill.faults.map((f) => f.step.say))];
  out.push(
    `Under the drill${steps.length > 0 ? ` (${steps.join(' ')})` : ''}, the design served ${formatPercent(drill.availability)}% of requests against a ${formatPercent(targets.availability)}% target, with a p99 of ${formatDuration(drill.p99Ms)} against ${formatDuration(targets.p99Ms)}.`,
  );
  if (drill.meetsAvailability && drill.meetsP99) out.push('It met both targets through every fault.');
  const broken = drill.brokenNodes;
  if (broken.length > 0) {
    out.push(
      `It broke at ${broken
        .slice(0, 4)
        .map((b) => `"${b.label}" (${b.why.replace(/\.$/, '')})`)
        .join('; ')}.`,
    );
  }
  if (drill.skipped.length > 0) out.push(`Skipped: ${drill.skipped.map((s) => s.reason).join(' ')}`);
  if (drill.loadScale < 1)
    out.push(
      `The drill ran a 1:${formatFigure(Math.round(1 / drill.loadScale))} scale model of the design at ${formatFigure(drill.offeredRps)} requests/s, keeping every pool's utilisation.`,
    );
  return out;
}

/**
 * The review of a session: the rubric, the drill, the notes, a 0..100 score (60% rubric items passed and 40% the
 * drill's score when a drill ran, else the rubric alone) and a summary in sentences: what went right, then what
 * went wrong and how to fix it.
 */
export function scoreCard(input: ScoreCardInput): ScoreCard {
  const { prompt, rubric, drill, notes, lengthMs, elapsedMs } = input;
  const { passed, applicable } = rubricShare(rubric);
  const rubricScore = applicable > 0 ? (100 * passed) / applicable : 0;
  const score = Math.round(drill ? RUBRIC_WEIGHT * rubricScore + DRILL_WEIGHT * drill.score : rubricScore);

  const summary: string[] = [];
  summary.push(
    elapsedMs > lengthMs
      ? `Finished ${minutes(elapsedMs - lengthMs)} over the ${minutes(lengthMs)} session.`
      : `Finished in ${minutes(elapsedMs)} of ${minutes(lengthMs)}.`,
  );
  summary.push(`Passed ${passed} of ${applicable} rubric items.`);
  const right = rubric.filter((r) => r.status === 'pass');
  if (right.length > 0) summary.push(`Got right: ${right.map((r) => lowerFirst(r.title)).join('; ')}.`);
  for (const r of rubric.filter((x) => x.status === 'fail')) summary.push(`${r.title}: ${firstSentence(r.detail)}`);
  if (drill) summary.push(...drillSentences(drill, prompt.targets));
  else summary.push('No chaos drill ran, so the score is the rubric alone.');

  return {
    promptId: prompt.id,
    title: prompt.title,
    lengthMs,
    elapsedMs,
    rubric: rubric.map((r) => ({ ...r, nodes: [...r.nodes], edges: [...r.edges] })),
    drill,
    notes,
    score,
    summary,
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Markdown table cells: pipes escaped, lines joined. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** One line per drill step (the faults of one step share their description). */
function descriptions(drill: DrillResult): string[] {
  return [...new Set(drill.faults.map((f) => f.description))];
}

const STATUS_WORD = { pass: 'Pass', fail: 'Fail', notApplicable: 'n/a' } as const;

/** The score card as a section of the HTML and Markdown reports (all text escaped). */
export function scoreCardSection(card: ScoreCard): ReportSection {
  const title = `Interview: ${card.title}`;
  const applicable = card.rubric.filter((r) => r.status !== 'notApplicable');
  const drill = card.drill;

  const md: string[] = [];
  md.push(`**Score: ${card.score} / 100**`, '');
  for (const s of card.summary) md.push(`- ${s.replace(/\r?\n/g, ' ')}`);
  md.push('', '| Rubric item | Result | Detail |', '|---|---|---|');
  for (const r of applicable) md.push(`| ${cell(r.title)} | ${STATUS_WORD[r.status]} | ${cell(r.detail)} |`);
  if (drill) {
    md.push(
      '',
      `**Chaos drill** (seed ${drill.seed}, ${formatFigure(drill.durationMs / 1000)} s): score ${drill.score} / 100`,
      '',
    );
    for (const d of descriptions(drill)) md.push(`- ${d}`);
    for (const b of drill.brokenNodes) md.push(`- Broke: ${b.label}: ${b.why}`);
  }
  if (card.notes.trim())
    md.push(
      '',
      '**Notes**',
      '',
      ...card.notes
        .trim()
        .split(/\r?\n/)
        .map((l) => `> ${l}`),
    );

  const html: string[] = [];
  html.push(`<p><strong>Score: ${card.score} / 100</strong></p>`);
  html.push(`<ul>${card.summary.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`);
  html.push('<table><thead><tr><th>Rubric item</th><th>Result</th><th>Detail</th></tr></thead><tbody>');
  for (const r of applicable)
    html.push(
      `<tr class="${r.status}"><td>${escapeHtml(r.title)}</td><td>${STATUS_WORD[r.status]}</td><td>${escapeHtml(r.detail)}</td></tr>`,
    );
  html.push('</tbody></table>');
  if (drill) {
    html.push(
      `<h3>Chaos drill</h3><p>Seed ${drill.seed}, ${formatFigure(drill.durationMs / 1000)} s: availability ${formatPercent(drill.availability)}%, p99 ${formatDuration(drill.p99Ms)}, score ${drill.score} / 100.</p>`,
    );
    html.push(
      `<ul>${descriptions(drill)
        .map((d) => `<li>${escapeHtml(d)}</li>`)
        .join('')}</ul>`,
    );
    if (drill.brokenNodes.length > 0)
      html.push(
        `<ul>${drill.brokenNodes.map((b) => `<li>Broke: ${escapeHtml(b.label)}: ${escapeHtml(b.why)}</li>`).join('')}</ul>`,
      );
  }
  if (card.notes.trim()) html.push(`<h3>Notes</h3><pre>${escapeHtml(card.notes.trim())}</pre>`);

  return { title, html: html.join('\n'), markdown: md.join('\n') };
}
