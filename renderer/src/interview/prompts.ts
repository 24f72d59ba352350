import { PromptError, parsePrompt, parsePromptIndex } from '../../../shared/interview/index.js';
import type { InterviewPrompt, PromptIndexEntry } from '../../../shared/interview/index.js';

/** A prompt of the library, with what the picker shows beside it. */
export interface LibraryPrompt {
  prompt: InterviewPrompt;
  tags: string[];
}

/** A file of the library that could not be read, and why (shown in the picker rather than hidden). */
export interface BrokenPrompt {
  file: string;
  message: string;
}

export interface PromptLibrary {
  prompts: LibraryPrompt[];
  broken: BrokenPrompt[];
}

const files = import.meta.glob<unknown>('../../../assets/interview/*.json', { eager: true, import: 'default' });

const explain = (e: unknown) =>
  e instanceof PromptError
    ? e.problems.map((p) => `${p.path || '(file)'}: ${p.message}`).join('; ')
    : e instanceof Error
      ? e.message
      : String(e);

/** Builds the library from the catalogue (`index.json`, in picker order) and the prompt files beside it. */
export function buildLibrary(byFile: ReadonlyMap<string, unknown>): PromptLibrary {
  const prompts: LibraryPrompt[] = [];
  const broken: BrokenPrompt[] = [];
  let entries: PromptIndexEntry[] = [];
  const index = byFile.get('index.json');
  if (index === undefined) broken.push({ file: 'index.json', message: 'the catalogue of prompts is missing' });
  else
    try {
      entries = parsePromptIndex(index, 'index.json');
    } catch (e) {
      broken.push({ file: 'index.json', message: explain(e) });
    }
  const listed = new Set(entries.map((e) => e.file));
  // A prompt file the catalogue forgot is still offered, after the listed ones.
  const order = [
    ...entries.map((e) => ({ file: e.file, tags: e.tags })),
    ...[...byFile.keys()]
      .filter((f) => f !== 'index.json' && !listed.has(f))
      .sort()
      .map((file) => ({ file, tags: [] as string[] })),
  ];
  const seen = new Set<string>();
  for (const { file, tags } of order) {
    const json = byFile.get(file);
    if (json === undefined) {
      broken.push({ file, message: 'listed in index.json but there is no such file' });
      continue;
    }
    try {
      const prompt = parsePrompt(json, file);
      if (seen.has(prompt.id)) {
        broken.push({ file, message: `another prompt already has the id "${prompt.id}"` });
        continue;
      }
      seen.add(prompt.id);
      prompts.push({ prompt, tags });
    } catch (e) {
      broken.push({ file, message: explain(e) });
    }
  }
  return { prompts, broken };
}

/** The prompts of `assets/interview/`, read at build time. */
export const LIBRARY: PromptLibrary = buildLibrary(
  new Map(Object.entries(files).map(([path, json]) => [path.slice(path.lastIndexOf('/') + 1), json])),
);

/** A prompt of the library by id. */
export function promptById(id: string, library: PromptLibrary = LIBRARY): InterviewPrompt | undefined {
  return library.prompts.find((p) => p.prompt.id === id)?.prompt;
}

/** Filters the library by a search text over title, summary, difficulty and tags (every word must match). */
export function searchPrompts(prompts: readonly LibraryPrompt[], query: string): LibraryPrompt[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...prompts];
  return prompts.filter(({ prompt, tags }) => {
    const text = [prompt.title, prompt.summary, prompt.difficulty, ...tags].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
