/** Whether this machine labels its command key Cmd (a Mac) rather than Ctrl. */
export const IS_MAC = /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '');

interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Splits `Mod+Shift+Z` into its modifiers and key; `+` and `Mod++` name the plus key. */
function parseShortcut(shortcut: string): { mods: string[]; key: string } {
  if (shortcut === '+') return { mods: [], key: '+' };
  if (shortcut.endsWith('++')) return { mods: shortcut.slice(0, -2).split('+'), key: '+' };
  const parts = shortcut.split('+');
  const key = parts.pop() ?? '';
  return { mods: parts, key };
}

/** Does a keyboard event match a shortcut written as `Mod+Shift+Z`, `Delete`, `?` or `Shift+1`? */
export function matchesShortcut(e: KeyEventLike, shortcut: string): boolean {
  const { mods: parts, key } = parseShortcut(shortcut);
  const mods = new Set(parts);
  const mod = IS_MAC ? e.metaKey : e.ctrlKey;
  if (mods.has('Mod') !== mod) return false;
  if (mods.has('Alt') !== e.altKey) return false;
  if (!IS_MAC && e.metaKey) return false;
  // Printed characters (`?`, `+`) already include Shift; only letters, digits and named keys compare it.
  const printable = key.length === 1 && !/[A-Za-z0-9]/.test(key);
  if (!printable && mods.has('Shift') !== e.shiftKey) return false;
  if (key.length === 1 && /[0-9]/.test(key) && e.shiftKey) return codeDigit(e) === key;
  return e.key.length === 1 ? e.key.toLowerCase() === key.toLowerCase() : e.key === key;
}

function codeDigit(e: KeyEventLike): string | null {
  const code = (e as { code?: string }).code;
  return code?.startsWith('Digit') ? code.slice(5) : null;
}

/** How a shortcut is written for people: `Ctrl+Shift+Z`, or `⌘⇧Z` on a Mac. */
export function describeShortcut(shortcut: string): string {
  const { mods: parts, key } = parseShortcut(shortcut);
  if (IS_MAC) {
    const symbols: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥' };
    return parts.map((p) => symbols[p] ?? p).join('') + key.toUpperCase();
  }
  return [...parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)), key.length === 1 ? key.toUpperCase() : key].join('+');
}

/** Inputs that take no text: a slider or a checkbox only uses the keys that move or toggle it. */
const CONTROL_INPUTS = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color']);
const CONTROL_KEYS = new Set([
  ' ',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Enter',
]);

/**
 * Keys typed into a field belong to the field, not to the canvas. A focused slider or checkbox keeps only the keys
 * it uses (given `key`), so a letter shortcut still works after the scrubber was dragged.
 */
export function isTypingTarget(target: EventTarget | null, key?: string): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  if (el.tagName === 'INPUT' && key !== undefined && CONTROL_INPUTS.has((el as HTMLInputElement).type))
    return CONTROL_KEYS.has(key);
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
