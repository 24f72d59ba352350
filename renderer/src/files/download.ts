/**
 * Hands a file to the browser to save: a download, or in the desktop app its save dialog. The object URL lives long
 * enough for the browser (or the dialog) to read it.
 */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = globalThis.document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  globalThis.document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves text as a file of the given media type (see `downloadBlob`). */
export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}
