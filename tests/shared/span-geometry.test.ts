import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { pagesOfRange, rangeForRects, rectsForRange } from '../../src/shared/model/span-geometry';
import { fixtureBytes } from '../fixtures';

async function excerpt() {
  return ingestFile({ fileName: 'tip-2015-excerpt.pdf', bytes: fixtureBytes('tip/tip-2015-excerpt.pdf'), pdfjs: await loadNodePdfjs() });
}

describe('span geometry on the TIP excerpt PDF', () => {
  it('draws a passage on its page and reads the same passage back from those rectangles', async () => {
    const doc = await excerpt();
    const passage = 'LUXEMBOURG: Tier 1';
    const start = doc.text.indexOf(passage);
    const end = start + passage.length;
    expect(pagesOfRange(doc.spans, start, end)).toEqual([2]);
    const rects = rectsForRange(doc.spans, 2, start, end);
    expect(rects.length).toBeGreaterThan(0);
    for (const r of rects) {
      // Inside a US Letter page, above the footer and below the running head.
      expect(r.x).toBeGreaterThan(0);
      expect(r.x + r.width).toBeLessThan(612);
      expect(r.y).toBeGreaterThan(40);
      expect(r.y + r.height).toBeLessThan(760);
    }
    const back = rangeForRects(doc.spans, 2, rects);
    expect(back && doc.text.slice(back.start, back.end)).toBe(passage);
  });

  it('follows a sentence across two lines and stays on its own page', async () => {
    const doc = await excerpt();
    const sentence = 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.';
    const start = doc.text.indexOf(sentence);
    const rects = rectsForRange(doc.spans, 1, start, start + sentence.length);
    // The sentence wraps in the PDF: rectangles on two baselines.
    expect(new Set(rects.map((r) => Math.round(r.y))).size).toBe(2);
    expect(rectsForRange(doc.spans, 2, start, start + sentence.length)).toEqual([]);
    const back = rangeForRects(doc.spans, 1, rects);
    expect(back).toBeDefined();
    // Proportional cuts inside a span may shift by a character or two at the edges.
    expect(Math.abs(back!.start - start)).toBeLessThanOrEqual(2);
    expect(Math.abs(back!.end - (start + sentence.length))).toBeLessThanOrEqual(2);
  });

  it('finds nothing under an empty margin', async () => {
    const doc = await excerpt();
    expect(rangeForRects(doc.spans, 1, [{ x: 2, y: 2, width: 20, height: 10 }])).toBeUndefined();
  });
});
