import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import type { DocumentRecord, DocumentText, Finding } from '../../src/shared/model/types';
import { ReportSearch } from '../../src/shared/search/search-index';
import { fixtureBytes } from '../fixtures';

async function index() {
  const doc = await ingestFile({ fileName: 'tip-2015-excerpt.pdf', bytes: fixtureBytes('tip/tip-2015-excerpt.pdf'), pdfjs: await loadNodePdfjs() });
  const record = { id: 'd1', title: 'TIP 2015 excerpt' } as DocumentRecord;
  const text: DocumentText = { documentId: 'd1', text: doc.text, pageStarts: doc.pageStarts, spans: [], structure: doc.structure };
  const start = doc.text.indexOf('LUXEMBOURG: Tier 1');
  const note = { id: 'f1', documentId: 'd1', note: 'Compare with the Côte d’Ivoire narrative', position: { start, end: start + 18 } } as Finding;
  return { search: new ReportSearch([record], new Map([['d1', text]]), [note]), doc };
}

describe('ReportSearch', () => {
  it('finds words with their country and context, case-insensitively', async () => {
    const { search, doc } = await index();
    const hits = search.search('REFLECTION period');
    expect(hits.length).toBe(1);
    expect(hits[0]).toMatchObject({ documentTitle: 'TIP 2015 excerpt', country: 'Lithuania', kind: 'paragraph' });
    expect(hits[0]!.snippet).toContain('reflection period');
    expect(doc.text.slice(hits[0]!.start, hits[0]!.end)).toContain('30-day reflection period');
  });

  it('matches prefixes, checks "phrases" as written, and searches notes accent-insensitively', async () => {
    const { search } = await index();
    expect(search.search('prosecut').some((h) => h.country === 'Luxembourg')).toBe(true);
    expect(search.search('"forced begging"').length).toBeGreaterThan(0);
    expect(search.search('"begging forced"')).toEqual([]);
    expect(search.search('cote ivoire')).toEqual([expect.objectContaining({ kind: 'note', findingId: 'f1', country: 'Luxembourg' })]);
    expect(search.search('')).toEqual([]);
  });
});
