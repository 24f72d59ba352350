/**
 * The options of the app's window: the remembered bounds, a background that matches the system theme while the
 * page loads (no white flash in dark mode), and the secure `webPreferences` of `security.ts` plus the preload.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { SECURE_WEB_PREFERENCES } from './security.js';
import { MIN_WINDOW_SIZE, type WindowState } from './windowState.js';

/** The page's background colours (`renderer/src/app.css`), shown before the page paints. */
export const BACKGROUND = { dark: '#131519', light: '#f6f6f4' } as const;

export function windowOptions(options: {
  state: WindowState;
  preload: string;
  dark: boolean;
  icon?: string;
}): BrowserWindowConstructorOptions {
  const { state, preload, dark, icon } = options;
  return {
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Backpressure',
    show: false,
    backgroundColor: dark ? BACKGROUND.dark : BACKGROUND.light,
    ...(icon ? { icon } : {}),
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload },
  };
}
