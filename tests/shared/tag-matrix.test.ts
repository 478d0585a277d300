import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { findingRows } from '../../src/shared/export/finding-rows';
import { tagCountryTable } from '../../src/shared/export/xlsx';
import { filterFindings } from '../../src/shared/findings/filter-findings';
import { NO_YEAR, tagYearSeries, tagYearTable } from '../../src/shared/findings/tag-matrix';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixtureBytes } from '../fixtures';

/** Findings in three real documents of two report years (Factbook Belarus 2015 and 2016, the TIP 2015 excerpt). */
async function rows() {
  const store = new WorkbenchStore(new WorkbenchDb({ name: 'tag-matrix', indexedDB: new IDBFactory(), IDBKeyRange }));
  const open = async (rel: string) => {
    const bytes = fixtureBytes(rel);
    const doc = await ingestFile({ fileName: rel.split('/').pop()!, bytes, pdfjs: await loadNodePdfjs() });
    const { document } = await store.importDocument(doc, bytes);
    return (s: string, tagIds: string[]) => {
      const start = doc.text.indexOf(s);
      if (start < 0) throw new Error(`${s} not in ${rel}`);
      return store.createFinding({ documentId: document.id, start, end: start + s.length, tagIds, note: '' });
    };
  };
  const tip = await open('tip/tip-2015-excerpt.txt');
  const belarus2015 = await open('factbook/belarus/2015.txt');
  const belarus2016 = await open('factbook/belarus/2016.txt');
  // A parent and its child on one finding: the parent counts it once.
  await tip('Lithuanian courts officially identified 30 trafficking victims', ['tag-protection', 'tag-victim-identification']);
  await tip('LUXEMBOURG: Tier 1', ['tag-tier']);
  await belarus2015('Belarus is a source, transit, and destination country', ['tag-victim-identification']);
  await belarus2016('more victims are exploited within Belarus than abroad', ['tag-protection-foreign-victims', 'tag-prevention']);
  return { all: findingRows(await store.exportInput()), tags: await store.listTags() };
}

describe('tag × year matrix', () => {
  it('counts findings per code and report year, parents including their sub-codes once', async () => {
    const { all, tags } = await rows();
    const table = tagYearTable(all, tags);
    expect(table.columns).toEqual([2015, 2016]);
    const row = (id: string) => table.rows.find((r) => r.tagId === id)!;
    expect(row('tag-protection')).toMatchObject({ path: 'Protection', depth: 0, counts: [2, 1], total: 3 });
    expect(row('tag-victim-identification')).toMatchObject({ path: 'Protection › Victim identification', depth: 1, counts: [2, 0], total: 2 });
    expect(row('tag-prevention')).toMatchObject({ counts: [0, 1], total: 1 });
    expect(row('tag-tier')).toMatchObject({ counts: [1, 0], total: 1 });
    expect(row('tag-recommendation')).toMatchObject({ counts: [0, 0], total: 0 });
    expect(table.all).toEqual({ counts: [3, 1], total: 4 });
  });

  it('agrees with the country matrix and the findings filter', async () => {
    const { all, tags } = await rows();
    const years = tagYearTable(all, tags);
    const countries = tagCountryTable(all, tags);
    for (const r of years.rows) {
      // Each code's total is the same whichever way it is split, and a cell is what the table's filter shows.
      expect(countries.rows.find((c) => c.tagId === r.tagId)!.total).toBe(r.total);
      years.columns.forEach((year, i) => expect(filterFindings(all, tags, { tagId: r.tagId, year: year as number })).toHaveLength(r.counts[i]!));
    }
  });

  it('keeps findings of documents without a year in their own column, and charts one code over the years', async () => {
    const { all, tags } = await rows();
    const undated = all.map((r) => (r.country === 'Luxembourg' ? { ...r, year: null } : r));
    const table = tagYearTable(undated, tags);
    expect(table.columns).toEqual([2015, 2016, NO_YEAR]);
    expect(table.rows.find((r) => r.tagId === 'tag-tier')!.counts).toEqual([0, 0, 1]);
    expect(tagYearSeries(undated, tags, 'tag-protection')).toEqual([
      { year: 2015, count: 2 },
      { year: 2016, count: 1 },
    ]);
    expect(tagYearSeries(undated, tags, 'tag-tier')).toEqual([
      { year: 2015, count: 0 },
      { year: 2016, count: 0 },
    ]);
    expect(tagYearSeries(undated, tags, 'no-such-tag')).toEqual([]);
    expect(tagYearTable([], tags).columns).toEqual([]);
  });
});
