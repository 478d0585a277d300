import { describe, expect, it } from 'vitest';
import { extractPdfPages } from '../../src/shared/ingest/pdf-text';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { fixtureBytes } from '../fixtures';

const FILES = [
  'tip/tip-2015-excerpt.pdf',
  'pdf/tricky/ArabicCIDTrueType.pdf',
  'pdf/tricky/vertical.pdf',
  'pdf/tricky/rotation.pdf',
  'pdf/tricky/Type3WordSpacing.pdf',
  'pdf/tricky/TrueType_without_cmap.pdf',
  'pdf/tricky/poppler-742-0-fuzzed.pdf',
];

describe('pdf.js under Node', () => {
  // loadNodePdfjs joins pdf.js's two halves with a port that does not copy messages; pdf.js's own
  // in-thread port copies every one. The text must not depend on which is used.
  it.each(FILES)('reads %s exactly as through pdf.js’s own copying port', async (file) => {
    const runtime = await loadNodePdfjs();
    expect(runtime.documentOptions?.worker).toBeDefined();
    const { worker: _, ...ownPort } = runtime.documentOptions ?? {};
    const direct = await extractPdfPages(fixtureBytes(file), { pdfjs: runtime });
    const copied = await extractPdfPages(fixtureBytes(file), { pdfjs: { ...runtime, documentOptions: ownPort } });
    expect(direct).toEqual(copied);
    expect(direct.text.length + direct.warnings.length).toBeGreaterThan(0);
  });

  it('keeps serving documents after one fails, and a wrong password is still told apart', async () => {
    const pdfjs = await loadNodePdfjs();
    await expect(extractPdfPages(fixtureBytes('pdf/tricky/truncated.pdf'), { pdfjs })).rejects.toMatchObject({ code: 'invalid-pdf' });
    await expect(extractPdfPages(fixtureBytes('pdf/tricky/print_protection.pdf'), { pdfjs, password: 'wrong' })).rejects.toMatchObject({ code: 'password-incorrect' });
    const again = await extractPdfPages(fixtureBytes('tip/tip-2015-excerpt.pdf'), { pdfjs });
    expect(again.pageStarts).toHaveLength(3);
  });
});
