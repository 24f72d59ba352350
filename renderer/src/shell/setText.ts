/**
 * Sets an element's text by editing its text node in place: assigning `textContent` replaces the node, which makes
 * the browser lay the page out again, several times a second while a run plays.
 */
export function setText(el: HTMLElement, text: string): void {
  const node = el.firstChild;
  if (node && node.nodeType === Node.TEXT_NODE && !node.nextSibling) {
    if ((node as Text).data !== text) (node as Text).data = text;
  } else if (el.textContent !== text) el.textContent = text;
}
