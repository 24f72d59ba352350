/** Hands text to the browser to save as a file (a download, or the desktop app's save dialog). */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = globalThis.document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  globalThis.document.body.append(a);
  a.click();
  a.remove();
  // long enough for the browser (or the save dialog) to read it
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
