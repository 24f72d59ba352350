import { parseDocument } from '../../../shared/model/validate.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import catalogue from '../../../assets/templates/index.json';

export interface Template {
  file: string;
  title: string;
  summary: string;
  tags: string[];
  /** The document's own description: the story the template tells. */
  story: string;
  nodeCount: number;
  text: string;
}

const texts = import.meta.glob<string>('../../../assets/templates/*.bp.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

interface CatalogueEntry {
  file: string;
  title: string;
  summary: string;
  tags?: string[];
}

function build(): Template[] {
  const byFile = new Map(Object.entries(texts).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text]));
  const entries = (catalogue as CatalogueEntry[]).filter((e) => byFile.has(e.file));
  for (const file of byFile.keys())
    if (!entries.some((e) => e.file === file)) entries.push({ file, title: file.replace('.bp.json', ''), summary: '' });
  return entries.map((e) => {
    const text = byFile.get(e.file)!;
    const parsed = parseDocument(text);
    const doc = parsed.ok ? parsed.document : null;
    return {
      file: e.file,
      title: e.title,
      summary: e.summary,
      tags: e.tags ?? [],
      story: doc?.description ?? '',
      nodeCount: doc?.nodes.filter((n) => n.kind !== 'region').length ?? 0,
      text,
    };
  });
}

/** The gallery, in its catalogue order. */
export const TEMPLATES: readonly Template[] = build();

/** A fresh copy of a template's document. */
export function templateDocument(template: Template): TopologyDocument {
  const parsed = parseDocument(template.text);
  if (!parsed.ok) throw new Error(`template ${template.file} is invalid: ${parsed.problems[0]?.message ?? ''}`);
  return parsed.document;
}
