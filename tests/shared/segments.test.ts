import { describe, expect, it } from 'vitest';
import { splitIntoSegments } from '../../src/shared/model/segments';
import { joinPages, pageAtOffset, pageSlices, quoteAt } from '../../src/shared/model/document-text';

describe('splitIntoSegments', () => {
  it('cuts text at every highlight edge and keeps overlaps', () => {
    const segs = splitIntoSegments(0, 20, [
      { id: 'a', start: 2, end: 8 },
      { id: 'b', start: 5, end: 12 },
      { id: 'out', start: 30, end: 40 },
    ]);
    expect(segs).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 5, ids: ['a'] },
      { start: 5, end: 8, ids: ['a', 'b'] },
      { start: 8, end: 12, ids: ['b'] },
      { start: 12, end: 20, ids: [] },
    ]);
  });

  it('clips highlights that span a page boundary', () => {
    expect(splitIntoSegments(10, 20, [{ id: 'x', start: 5, end: 15 }])).toEqual([
      { start: 10, end: 15, ids: ['x'] },
      { start: 15, end: 20, ids: [] },
    ]);
  });
});

describe('document text offsets', () => {
  const pages = ['first page', 'second', 'third'];
  it('counts page separators and finds the page of an offset', () => {
    const { text, pageStarts: starts } = joinPages(pages);
    expect(pageSlices(text, starts).map((p) => text.slice(p.start, p.end))).toEqual(pages);
    expect(starts.map((s) => text.slice(s, s + 5))).toEqual(['first', 'secon', 'third']);
    expect(pageAtOffset(starts, 0)).toBe(1);
    expect(pageAtOffset(starts, starts[1]!)).toBe(2);
    expect(pageAtOffset(starts, text.length - 1)).toBe(3);
  });

  it('builds a quote selector with context', () => {
    expect(quoteAt('abcdefghij', 3, 6, 2)).toEqual({ exact: 'def', prefix: 'bc', suffix: 'gh' });
  });
});
