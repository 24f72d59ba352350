import {
  checkRubric,
  runDrill,
  scoreCard,
  type DrillOptions,
  type DrillResult,
  type ScoreCard,
} from '../../../shared/interview/index.js';
import { validateDocument } from '../../../shared/model/validate.js';
import type { ScoreProgress, ScoreRequest } from './drillRunner.js';

/** The rubric, the chaos drill and the score card of a session: what the drill worker runs. */
export function scoreSession(request: ScoreRequest, onProgress: (p: ScoreProgress) => void = () => {}): ScoreCard {
  const { prompt, doc, notes, lengthMs, elapsedMs, seed } = request;
  onProgress({ stage: 'rubric', simulatedMs: 0, durationMs: 0 });
  const rubric = checkRubric(doc, prompt);
  onProgress({ stage: 'drill', simulatedMs: 0, durationMs: 0 });
  const options: DrillOptions = {
    seed,
    onProgress: (simulatedMs, durationMs) => onProgress({ stage: 'drill', simulatedMs, durationMs }),
  };
  let drill: DrillResult | null = null;
  try {
    drill = runDrill(doc, prompt, options);
  } catch (e) {
    // A design the core cannot run (problems left in it) is still scored on the rubric; the card says the drill
    // did not run. Anything else is a failure to report.
    if (validateDocument(doc).ok) throw e;
  }
  onProgress({ stage: 'card', simulatedMs: drill?.durationMs ?? 0, durationMs: drill?.durationMs ?? 0 });
  return scoreCard({ prompt, doc, rubric, drill, notes, lengthMs, elapsedMs });
}
