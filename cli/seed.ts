import { InputError } from './errors.js';

/** The largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 4_294_967_295;

/**
 * Parses a `--seed` value: a decimal integer from 0 to 4294967295.
 *
 * @throws InputError saying what is accepted.
 */
export function parseSeed(text: string): number {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) > MAX_SEED) {
    throw new InputError(`--seed ${JSON.stringify(text)}: must be an integer from 0 to ${MAX_SEED}`);
  }
  return Number(t);
}
