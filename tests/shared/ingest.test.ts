import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { IngestError } from '../../src/shared/ingest/types';
import { pageTexts } from '../../src/shared/model/document-text';
import { fixtureBytes } from '../fixtures';

async function ingest(rel: string, password?: string) {
  const name = rel.split('/').pop()!;
  return ingestFile({ fileName: name, bytes: fixtureBytes(rel), pdfjs: await loadNodePdfjs(), password });
}

async function failure(rel: string, password?: string): Promise<IngestError> {
  try {
    await ingest(rel, password);
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    return e as IngestError;
  }
  throw new Error(`${rel} was expected to fail`);
}

describe('text loader on the TIP 2015 excerpt', () => {
  it('reads the whole excerpt as UTF-8 text', async () => {
    const doc = await ingest('tip/tip-2015-excerpt.txt');
    expect(doc.kind).toBe('text');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.pageStarts).toEqual([0]);
    const text = doc.text;
    // Hard-wrapped lines are joined into one line per paragraph; headings keep their own line.
    expect(text.startsWith('PROTECTION\nThe government demonstrated some efforts to assist victims. Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.')).toBe(true);
    expect(text).toContain('\nLUXEMBOURG: Tier 1\n');
    expect(text).toContain('\nRECOMMENDATIONS FOR LUXEMBOURG:');
    expect(text).toContain('149,400 litas ($50,900)');
    expect(text).toContain('men’s crisis centers');
    expect(text).toContain('Government-funded NGOs');
    expect(text).not.toContain('service.The');
    expect(doc.characters).toBe(text.length);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.warnings).toEqual([]);
  });
});

describe('PDF loader on the TIP 2015 excerpt', () => {
  it('reads three pages of real text in order', async () => {
    const doc = await ingest('tip/tip-2015-excerpt.pdf');
    expect(doc.kind).toBe('pdf');
    expect(doc.pageStarts).toHaveLength(3);
    const pages = pageTexts(doc.text, doc.pageStarts);
    expect(pages[0]!.startsWith('PROTECTION\nThe government demonstrated some efforts to assist victims.')).toBe(true);
    expect(pages[0]).toContain('officially identified 30 trafficking victims, compared with 15 in 2013');
    // Running head and page numbers are gone.
    expect(doc.text).not.toContain('TRAFFICKING IN PERSONS REPORT 2015');
    expect(doc.text).not.toMatch(/^\d+$/m);
    const all = doc.text;
    expect(all.indexOf('PREVENTION')).toBeGreaterThan(all.indexOf('PROTECTION'));
    expect(all.indexOf('LUXEMBOURG: Tier 1')).toBeGreaterThan(all.indexOf('PREVENTION'));
    expect(pages[2]).toContain('PROSECUTION');
    expect(doc.characters).toBe(doc.text.length);
    expect(doc.warnings).toEqual([]);
    expect(doc.structure.year).toBe(2015);
    // Every span points into the text on a real page.
    for (const s of doc.spans) {
      expect(s.page).toBeGreaterThanOrEqual(1);
      expect(s.page).toBeLessThanOrEqual(3);
      expect(s.end).toBeLessThanOrEqual(doc.text.length);
    }
  });

  it('gives the same text for the same bytes (stable hash)', async () => {
    const a = await ingest('tip/tip-2015-excerpt.pdf');
    const b = await ingest('tip/tip-2015-excerpt.pdf');
    expect(a.sha256).toBe(b.sha256);
  });
});

describe('bad files get a clear message', () => {
  it.each([
    ['pdf/tricky/garbage.pdf', 'invalid-pdf', /not a readable PDF/],
    ['pdf/tricky/empty.pdf', 'empty', /empty \(0 bytes\)/],
    ['pdf/tricky/truncated.pdf', 'invalid-pdf', /not a readable PDF/],
    ['pdf/tricky/header-only.pdf', 'invalid-pdf', /not a readable PDF/],
    ['pdf/tricky/garbage.txt', 'not-text', /not a text file/],
  ])('%s', async (rel, code, message) => {
    const e = await failure(rel);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('asks for the password of an encrypted PDF and says when it is wrong', async () => {
    expect((await failure('pdf/tricky/encrypted-aes256.pdf')).code).toBe('password-required');
    expect((await failure('pdf/tricky/encrypted-aes256.pdf', 'nope')).code).toBe('password-incorrect');
    const doc = await ingest('pdf/tricky/issue21579.pdf', 'pässwört');
    expect(doc.text).toContain('If you can read this, decryption succeeded.');
  });

  it('refuses a file type it does not read', async () => {
    const e = await ingestFile({ fileName: 'table.xlsx', bytes: new Uint8Array([0x50, 0x4b, 3, 4]), pdfjs: await loadNodePdfjs() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).code).toBe('unsupported-type');
  });

  it('flags pages without a text layer', async () => {
    const doc = await ingest('pdf/real/geographer-02-Baltic-States-1991.pdf');
    expect(doc.warnings).toEqual(['page 1: scanned: no selectable text']);
  });
});
