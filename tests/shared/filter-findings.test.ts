import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { findingRows } from '../../src/shared/export/finding-rows';
import { exportFindings } from '../../src/shared/export/export-findings';
import { filterExportInput, filterFindings, findingFacets, groupCounts, isEmptyFilter, sortFindings } from '../../src/shared/findings/filter-findings';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixtureBytes } from '../fixtures';

async function rows() {
  const store = new WorkbenchStore(new WorkbenchDb({ name: 'filters', indexedDB: new IDBFactory(), IDBKeyRange }));
  const bytes = fixtureBytes('tip/tip-2015-excerpt.pdf');
  const doc = await ingestFile({ fileName: 'tip-2015-excerpt.pdf', bytes, pdfjs: await loadNodePdfjs() });
  const { document } = await store.importDocument(doc, bytes);
  const tag = (s: string, tagIds: string[], note = '') => {
    const start = doc.text.indexOf(s);
    return store.createFinding({ documentId: document.id, start, end: start + s.length, tagIds, note });
  };
  await tag('Lithuanian courts officially identified 30 trafficking victims', ['tag-victim-identification'], 'up from 15');
  await tag('The government continued some prevention efforts.', ['tag-prevention']);
  await tag('LUXEMBOURG: Tier 1', ['tag-tier']);
  await tag('The government demonstrated progress in holding traffickers accountable with prison time.', ['tag-prosecution-convictions', 'tag-tier']);
  return { input: await store.exportInput(), tags: await store.listTags() };
}

describe('findings table filters', () => {
  it('filters by code including its sub-codes, by country, section and words', async () => {
    const { input, tags } = await rows();
    const all = findingRows(input);
    expect(all).toHaveLength(4);
    // Protection includes Victim identification below it.
    expect(filterFindings(all, tags, { tagId: 'tag-protection' }).map((r) => r.country)).toEqual(['Lithuania']);
    expect(filterFindings(all, tags, { tagId: 'tag-prosecution' }).map((r) => r.section)).toEqual(['prosecution']);
    expect(filterFindings(all, tags, { country: 'Luxembourg' })).toHaveLength(2);
    expect(filterFindings(all, tags, { country: 'Luxembourg', tagId: 'tag-tier' })).toHaveLength(2);
    expect(filterFindings(all, tags, { section: 'prevention' }).map((r) => r.quote)).toEqual(['The government continued some prevention efforts.']);
    expect(filterFindings(all, tags, { text: 'UP FROM' }).map((r) => r.note)).toEqual(['up from 15']);
    expect(filterFindings(all, tags, { year: 2015 })).toHaveLength(4);
    expect(filterFindings(all, tags, { year: 2014 })).toHaveLength(0);
  });

  it('sorts, lists facets and counts groups', async () => {
    const { input } = await rows();
    const all = findingRows(input);
    expect(sortFindings(all, 'country').map((r) => r.country)).toEqual(['Lithuania', 'Lithuania', 'Luxembourg', 'Luxembourg']);
    expect(sortFindings(all, 'page', true)[0]!.page).toBeGreaterThanOrEqual(sortFindings(all, 'page')[0]!.page!);
    const facets = findingFacets(all);
    expect(facets.countries).toEqual(['Lithuania', 'Luxembourg']);
    expect(facets.years).toEqual([2015]);
    expect(groupCounts(all, 'tag')[0]).toEqual({ key: 'Tier and compliance', count: 2 });
    expect(groupCounts(all, 'country')).toEqual([
      { key: 'Lithuania', count: 2 },
      { key: 'Luxembourg', count: 2 },
    ]);
  });

  it('narrows an export to the findings the table shows under a filter', async () => {
    const { input } = await rows();
    expect(isEmptyFilter({})).toBe(true);
    expect(isEmptyFilter({ text: '  ' })).toBe(true);
    expect(isEmptyFilter({ tagId: 'tag-tier' })).toBe(false);
    const tier = filterExportInput(input, { tagId: 'tag-tier' });
    expect(tier.findings.map((f) => f.quote.exact).sort()).toEqual(['LUXEMBOURG: Tier 1', 'The government demonstrated progress in holding traffickers accountable with prison time.']);
    expect(tier.documents).toEqual(input.documents);
    const csv = new TextDecoder().decode((await exportFindings(filterExportInput(input, { tagId: 'tag-protection' }), 'csv')).bytes);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv).toContain('Lithuanian courts officially identified 30 trafficking victims');
    expect(filterExportInput(input, {}).findings).toHaveLength(4);
  });
});
