import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runForReport } from '../../../shared/export/report/index.js';
import type { ReportInput } from '../../../shared/export/report/types.js';
import { parseDocument } from '../../../shared/model/validate.js';
import type { TopologyDocument } from '../../../shared/model/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A template document by file stem, e.g. `cascading-failure`. */
export function template(stem: string): TopologyDocument {
  const result = parseDocument(fs.readFileSync(path.join(ROOT, 'assets/templates', `${stem}.bp.json`), 'utf8'));
  if (!result.ok) throw new Error(`template ${stem} does not validate`);
  return result.document;
}

const runs = new Map<string, ReportInput>();

/** A template run for a report (cached: one run per template and test file). */
export function templateRun(stem: string): ReportInput {
  let run = runs.get(stem);
  if (!run) {
    run = runForReport(template(stem));
    runs.set(stem, run);
  }
  return run;
}

/** The points of an SVG path's `d` (pairs of numbers after M and L commands). */
export function pathPoints(d: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)) out.push([Number(m[1]), Number(m[2])]);
  return out;
}
