/** The document-text offsets of the current selection inside a reader, or undefined. */
export interface SelectedRange {
  start: number;
  end: number;
}

/** The text segment element (carrying data-offset/data-end) at or around a DOM point. */
function segmentOf(node: Node): HTMLElement | null {
  const el = node instanceof HTMLElement ? node : node.parentElement;
  return el?.closest<HTMLElement>('[data-offset]') ?? null;
}

/** Document offset of a DOM selection point; undefined when it is outside the text. */
export function offsetOfPoint(node: Node, offset: number, root: HTMLElement): number | undefined {
  if (!root.contains(node)) return undefined;
  if (node.nodeType === Node.TEXT_NODE) {
    const seg = segmentOf(node);
    return seg ? Number(seg.dataset.offset) + offset : undefined;
  }
  if (!(node instanceof Element)) return undefined;
  const own = segmentOf(node);
  if (own) return offset === 0 ? Number(own.dataset.offset) : Number(own.dataset.end);
  // A point between children: the start of the next segment, else the end of the previous one.
  const after = node.childNodes[offset];
  const nextSeg = after instanceof Element ? (after.matches('[data-offset]') ? after : after.querySelector('[data-offset]')) : null;
  if (nextSeg instanceof HTMLElement) return Number(nextSeg.dataset.offset);
  const before = node.childNodes[offset - 1];
  if (before instanceof Element) {
    const segs = before.matches('[data-offset]') ? [before] : Array.from(before.querySelectorAll('[data-offset]'));
    const last = segs[segs.length - 1];
    if (last instanceof HTMLElement) return Number(last.dataset.end);
  }
  return undefined;
}

/** Converts the window's selection to document offsets within `root`, trimming surrounding spaces. */
export function readSelection(root: HTMLElement, text: string): SelectedRange | undefined {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return undefined;
  const range = sel.getRangeAt(0);
  let start = offsetOfPoint(range.startContainer, range.startOffset, root);
  let end = offsetOfPoint(range.endContainer, range.endOffset, root);
  if (start === undefined || end === undefined) return undefined;
  if (end < start) [start, end] = [end, start];
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : undefined;
}
