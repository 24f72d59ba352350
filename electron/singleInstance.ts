/**
 * One running app: a second launch (double-clicking a document, `backpressure file.bp.json` from a terminal)
 * hands its arguments to the first and quits; the first focuses its window and opens the files.
 */

/** The slice of Electron's `app` this uses. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
}

/**
 * Takes the single-instance lock. Returns false (and quits) when another instance holds it; otherwise calls
 * `onSecondLaunch` with each later launch's argv and working directory.
 */
export function claimSingleInstance(
  app: SingleInstanceApp,
  onSecondLaunch: (argv: string[], workingDirectory: string) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => onSecondLaunch(argv, workingDirectory));
  return true;
}
