import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { IngestError, type IngestedDocument } from '../../src/shared/ingest/types';
import { pageTexts } from '../../src/shared/model/document-text';
import { fixture, fixtureBytes } from '../fixtures';
import { manyPagePdf } from '../generated-inputs';

/** What one import attempt ended in. */
type Outcome = { doc: IngestedDocument; ms: number } | { error: IngestError; ms: number };

const table: Array<{ file: string; password: string; outcome: string; ms: number }> = [];

// No file may hang the import: each case runs under its test's timeout (60 s, 180 s for the flate
// bomb), far beyond what any of them takes; the times are printed in the table, never asserted.

/**
 * Imports a tricky fixture and records the outcome. Anything thrown that is not an IngestError
 * fails the test here: the analyst must always get a clear message.
 */
async function attempt(file: string, password?: string, label = password): Promise<Outcome> {
  const pdfjs = await loadNodePdfjs();
  const t0 = performance.now();
  let outcome: Outcome;
  try {
    const doc = await ingestFile({ fileName: file, bytes: fixtureBytes(`pdf/tricky/${file}`), pdfjs, password });
    outcome = { doc, ms: performance.now() - t0 };
  } catch (e) {
    if (!(e instanceof IngestError)) throw new Error(`${file}: threw something other than an IngestError: ${String(e)}`, { cause: e });
    outcome = { error: e, ms: performance.now() - t0 };
  }
  table.push({
    file,
    password: label ?? '',
    outcome:
      'doc' in outcome
        ? `imported: ${outcome.doc.pageStarts.length} page(s), ${outcome.doc.characters} chars${outcome.doc.warnings.length ? `; warnings: ${outcome.doc.warnings.join(' / ')}` : ''}`
        : `IngestError ${outcome.error.code}: ${outcome.error.message}`,
    ms: Math.round(outcome.ms),
  });
  return outcome;
}

function imported(outcome: Outcome): IngestedDocument {
  if ('error' in outcome) throw new Error(`expected an import, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.doc;
}

function refused(outcome: Outcome): IngestError {
  if ('doc' in outcome) throw new Error(`expected an IngestError, got a document with ${outcome.doc.characters} characters`);
  // A clear message: a sentence for the analyst, not a stack trace or a bare library code.
  expect(outcome.error.message).toMatch(/^[A-Z].{15,}[.!]$/s);
  return outcome.error;
}

/** Damaged input: either a clear refusal or a document that says what went wrong. */
function refusedOrWarned(outcome: Outcome): void {
  if ('error' in outcome) expect(refused(outcome).code).toBe('invalid-pdf');
  else expect(imported(outcome).warnings.length).toBeGreaterThan(0);
}

/** Words of a text, for comparisons that should not depend on line breaks. */
const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

/** The encrypted fixtures: each asks for a password and says when a wrong one is given. */
async function expectPasswordPrompts(file: string): Promise<void> {
  expect(refused(await attempt(file)).code).toBe('password-required');
  expect(refused(await attempt(file, 'wrong password')).code).toBe('password-incorrect');
}

/** One test per fixture file; the set must match the folder exactly. */
const CASES: Record<string, () => Promise<void>> = {
  'ArabicCIDTrueType.pdf': async () => {
    const doc = imported(await attempt('ArabicCIDTrueType.pdf'));
    // pdftotext prints presentation forms (ﻧ, ﳋ …); their NFKC forms are "انواع الخطوط العربية", four times.
    expect(doc.text).toContain('انواع');
    expect(doc.text).toContain('العربية');
    expect(doc.text).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFF]/);
    expect(doc.warnings).toEqual([]);
  },
  'PDFBOX-4352-0.pdf': async () => refusedOrWarned(await attempt('PDFBOX-4352-0.pdf')),
  'TrueType_without_cmap.pdf': async () => {
    const doc = imported(await attempt('TrueType_without_cmap.pdf'));
    // pdftotext reads "’>in": glyph codes with no Unicode map. The analyst must be told not to trust it.
    expect(doc.warnings.some((w) => /garbled|not trusted/i.test(w))).toBe(true);
  },
  'Type3WordSpacing.pdf': async () => {
    const doc = imported(await attempt('Type3WordSpacing.pdf'));
    // Imports with every word; their order is a known limitation, checked apart below.
    expect([...words(doc.text)].sort()).toEqual(Array.from({ length: 6 }, () => ['ab', 'ba', 'abba']).flat().sort());
  },
  'bug1020226.pdf': async () => expect(refused(await attempt('bug1020226.pdf')).code).toBe('invalid-pdf'),
  'empty.pdf': async () => {
    const e = refused(await attempt('empty.pdf'));
    expect(e.code).toBe('empty');
    expect(e.message).toMatch(/empty \(0 bytes\)/);
  },
  'empty_protected.pdf': async () => {
    // Encrypted with an empty user password: no prompt, and the page holds no text.
    const doc = imported(await attempt('empty_protected.pdf'));
    expect(doc.text).toBe('');
    expect(doc.warnings).toEqual(['page 1: scanned: no selectable text']);
  },
  'encrypted-aes256.pdf': async () => {
    await expectPasswordPrompts('encrypted-aes256.pdf');
    const doc = imported(await attempt('encrypted-aes256.pdf', 'user'));
    // The page text is markup, which imports as literal text.
    expect(doc.text).toBe('<img src=x onerror=alert(1)> <script>alert(2)</script>');
    // The owner password opens the file too.
    expect(imported(await attempt('encrypted-aes256.pdf', 'owner')).text).toBe(doc.text);
  },
  'flatebomb-1GB.pdf': async () => {
    // Measured separately below (time and memory).
  },
  'garbage.pdf': async () => expect(refused(await attempt('garbage.pdf')).code).toBe('invalid-pdf'),
  'garbage.txt': async () => {
    const e = refused(await attempt('garbage.txt'));
    expect(e.code).toBe('not-text');
    expect(e.message).toMatch(/not a text file/);
  },
  'header-only.pdf': async () => expect(refused(await attempt('header-only.pdf')).code).toBe('invalid-pdf'),
  'issue21579.pdf': async () => {
    await expectPasswordPrompts('issue21579.pdf');
    const doc = imported(await attempt('issue21579.pdf', 'pässwört'));
    expect(doc.text).toContain('If you can read this, decryption succeeded.');
  },
  'issue3371.pdf': async () => {
    await expectPasswordPrompts('issue3371.pdf');
    const doc = imported(await attempt('issue3371.pdf', 'ELXRTQWS'));
    expect(doc.text).toBe('');
    expect(doc.warnings).toEqual(['page 1: scanned: no selectable text']);
  },
  'issue7200.pdf': async () => {
    const doc = imported(await attempt('issue7200.pdf'));
    expect(doc.text).toBe('');
    expect(doc.warnings).toEqual(['page 1: scanned: no selectable text']);
  },
  'poppler-742-0-fuzzed.pdf': async () => refusedOrWarned(await attempt('poppler-742-0-fuzzed.pdf')),
  'print_protection.pdf': async () => expectPasswordPrompts('print_protection.pdf'),
  'rotated.pdf': async () => {
    const doc = imported(await attempt('rotated.pdf'));
    // pdftotext: "Rotated text", then "test" set horizontally, vertically and rotated.
    expect(doc.text.split('\n')[0]).toBe('Rotated text');
    expect(doc.text.match(/\btest\b/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(doc.warnings).toEqual([]);
  },
  'rotation.pdf': async () => {
    const doc = imported(await attempt('rotation.pdf'));
    // Page 2 has /Rotate 90 (landscape); pdftotext reads the same two sentences per page.
    expect(pageTexts(doc.text, doc.pageStarts)).toEqual([
      'This is my first page with normal layout. This is the second line on the page.',
      'This is my second page. It will have a landscape layout. Second line here.',
    ]);
  },
  'scan-bad.pdf': async () => {
    // The page is a 2550×3300 JPEG with an OCR layer drawn in render mode 3 (invisible), and 11 KB
    // of junk follow %%EOF. The junk is ignored and the invisible OCR text ("pdf.js", as pdftotext
    // reads it) imports like any text, so there is no "no selectable text" warning: in a viewer it
    // is selectable.
    const doc = imported(await attempt('scan-bad.pdf'));
    expect(doc.text).toBe('pdf.js');
    expect(doc.warnings).toEqual([]);
  },
  'simpletype3font.pdf': async () => expect(imported(await attempt('simpletype3font.pdf')).text).toBe('ababab'),
  'truncated.pdf': async () => expect(refused(await attempt('truncated.pdf')).code).toBe('invalid-pdf'),
  'vertical.pdf': async () => {
    const doc = imported(await attempt('vertical.pdf'));
    // pdftotext reads page 1 as "あいうえお" and "日本語" (two vertical columns); pages 2–3 are blank.
    expect(doc.pageStarts).toHaveLength(3);
    const [first] = pageTexts(doc.text, doc.pageStarts);
    expect(first).toContain('あいうえお');
    expect(first).toContain('日本語');
    expect(doc.warnings.some((w) => w.startsWith('page 1:'))).toBe(false);
  },
  'xref_command_missing.pdf': async () => expect(imported(await attempt('xref_command_missing.pdf')).text).toContain('Reduced test-case'),
};

afterAll(() => {
  const w = Math.max(...table.map((r) => r.file.length + (r.password ? r.password.length + 3 : 0)));
  const lines = table.map((r) => `${(r.file + (r.password ? ` [${r.password}]` : '')).padEnd(w)}  ${String(r.ms).padStart(6)} ms  ${r.outcome}`);
  console.log(`tricky PDFs: file → ms → outcome\n${lines.join('\n')}`);
});

describe('every file in pdf/tricky has its expected outcome', () => {
  it('covers exactly the files in the folder', () => {
    expect(Object.keys(CASES).sort()).toEqual(readdirSync(fixture('pdf/tricky')).sort());
  });

  for (const [file, check] of Object.entries(CASES)) {
    if (file === 'flatebomb-1GB.pdf') continue;
    it(file, check, 60_000);
  }

  // Known limitation (pdf-layout.ts): Type 3 glyph runs drawn with large word spacing are
  // regrouped across lines. Marked as failing so a fix shows up here.
  it.fails('Type3WordSpacing.pdf keeps the drawing order of its six lines', async () => {
    const doc = imported(await attempt('Type3WordSpacing.pdf'));
    // The content stream draws "( ab ba abba) Tj" on six lines (T* between them) with Tw 50, 40 … 0.
    expect(words(doc.text)).toEqual(Array.from({ length: 6 }, () => ['ab', 'ba', 'abba']).flat());
  });

  // pdf.js's own normalisation decomposes the ligature before its bidi reordering, which then
  // reverses the two letters: pages with Arabic are read without it (readPageInput).
  it('ArabicCIDTrueType.pdf reads the lam–khah ligature in logical order', async () => {
    // pdftotext's ﳋ (U+FCCB, lam + khah) normalises to "لخ", giving "الخطوط" (the fonts). Reading
    // "اخلطوط" (khah before lam) breaks search for the word.
    const doc = imported(await attempt('ArabicCIDTrueType.pdf'));
    expect(doc.text).toContain('انواع الخطوط العربية');
  });

  it('issue21579.pdf opens with the password typed in decomposed form (NFD, as some keyboards send it)', async () => {
    const doc = imported(await attempt('issue21579.pdf', 'pässwört'.normalize('NFD'), 'pässwört, NFD'));
    expect(doc.text).toContain('If you can read this, decryption succeeded.');
  });

  it(
    'flatebomb-1GB.pdf is refused before pdf.js inflates it, with a message that says why',
    async () => {
      const peakBefore = process.resourceUsage().maxRSS * 1024;
      const outcome = await attempt('flatebomb-1GB.pdf');
      const peakAfter = process.resourceUsage().maxRSS * 1024;
      const mb = (b: number): number => Math.round(b / 1048576);
      console.log(`flatebomb-1GB.pdf: ${Math.round(outcome.ms)} ms; peak RSS ${mb(peakBefore)} MB before, ${mb(peakAfter)} MB after (+${mb(peakAfter - peakBefore)} MB)`);
      const e = refused(outcome);
      expect(e.code).toBe('too-large');
      expect(e.message).toMatch(/one of its compressed parts \(PDF object 4\) unpacks to more than 256 MB.*decompression bomb/);
      // Handed to pdf.js, its 1 GB stream cost about 2.3 GB of memory; inflated chunk by chunk and
      // dropped, it costs a few MB.
      expect(peakAfter - peakBefore).toBeLessThan(256 * 1048576);
    },
    60_000,
  );
});

describe('a generated 2,000-page PDF', () => {
  it('ingests every page', async () => {
    const bytes = manyPagePdf(2000);
    const t0 = performance.now();
    const doc = await ingestFile({ fileName: 'two-thousand.pdf', bytes, pdfjs: await loadNodePdfjs() });
    const ms = performance.now() - t0;
    console.log(`2,000-page PDF (${Math.round(bytes.length / 1024)} KB): ingested in ${Math.round(ms)} ms (single-threaded pdf.js), ${doc.characters} chars`);
    expect(doc.pageStarts).toHaveLength(2000);
    const pages = pageTexts(doc.text, doc.pageStarts);
    expect(pages[0]).toBe('Page 1 text');
    expect(pages[1999]).toBe('Page 2000 text');
    expect(doc.warnings).toEqual([]);
  }, 180_000);
});
