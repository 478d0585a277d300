import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { IngestError } from '../../src/shared/ingest/types';
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
    expect(doc.pages).toHaveLength(1);
    const text = doc.pages[0]!;
    expect(text.startsWith('PROTECTION\nThe government demonstrated some efforts to assist victims.')).toBe(true);
    expect(text).toContain('LUXEMBOURG: Tier 1');
    expect(text).toContain('RECOMMENDATIONS FOR LUXEMBOURG:');
    expect(text).toContain('149,400 litas ($50,900)');
    expect(text).toContain('men’s crisis\ncenters');
    expect(doc.characters).toBe(text.length);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.warnings).toEqual([]);
  });
});

describe('PDF loader on the TIP 2015 excerpt', () => {
  it('reads three pages of real text in order', async () => {
    const doc = await ingest('tip/tip-2015-excerpt.pdf');
    expect(doc.kind).toBe('pdf');
    expect(doc.pages).toHaveLength(3);
    expect(doc.pages[0]).toContain('PROTECTION\nThe government demonstrated some efforts to assist victims.');
    expect(doc.pages[0]).toContain('officially identified 30 trafficking victims, compared with 15 in 2013');
    const all = doc.pages.join('\n');
    expect(all.indexOf('PREVENTION')).toBeGreaterThan(all.indexOf('PROTECTION'));
    expect(all.indexOf('LUXEMBOURG: Tier 1')).toBeGreaterThan(all.indexOf('PREVENTION'));
    expect(doc.pages[2]).toContain('PROSECUTION');
    expect(doc.characters).toBe(doc.pages.reduce((n, p) => n + p.length, 0));
    expect(doc.warnings).toEqual([]);
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
    expect(doc.pages.join(' ')).toContain('If you can read this, decryption succeeded.');
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
