import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { FINDINGS_ENTRY } from '../../src/shared/backup/backup-format';
import { createBackup } from '../../src/shared/backup/create-backup';
import { readBackup } from '../../src/shared/backup/read-backup';
import { restoreBackup } from '../../src/shared/backup/restore-backup';
import { sha256Hex } from '../../src/shared/ids';
import { ingestFile } from '../../src/shared/ingest/ingest';
import type { IngestedDocument } from '../../src/shared/ingest/types';
import { findingRects, passageRects, rangeForRects, textOrdered } from '../../src/shared/model/span-geometry';
import type { Finding } from '../../src/shared/model/types';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixture, fixtureBytes } from '../fixtures';

const PDF = fixtureBytes('tip/tip-2015-excerpt.pdf');
const TXT = fixtureBytes('tip/tip-2015-excerpt.txt');
const HEADING = 'LUXEMBOURG: Tier 1';
const SENTENCE = 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.';

let n = 0;
function emptyStore(): WorkbenchStore {
  return new WorkbenchStore(new WorkbenchDb({ name: `rects-${n++}`, indexedDB: new IDBFactory(), IDBKeyRange }));
}

async function ingest(fileName: string, bytes: Uint8Array): Promise<IngestedDocument> {
  return ingestFile({ fileName, bytes, pdfjs: await loadNodePdfjs() });
}

async function pdfWorkspace() {
  const store = emptyStore();
  const doc = await ingest('tip-2015-excerpt.pdf', PDF);
  const { document } = await store.importDocument(doc, PDF);
  const tag = (start: number, end: number) => store.createFinding({ documentId: document.id, start, end, tagIds: ['tag-protection'] });
  return { store, doc, document, tag };
}

/** The spans [start, end) touches, in text order: what the rectangles must cover, one each. */
function spansOf(doc: IngestedDocument, start: number, end: number) {
  return doc.spans.filter((s) => s.end > start && s.start < end);
}

describe('page rectangles stored with a finding (TIP excerpt PDF)', () => {
  it('a finding made from a selection stores one rectangle per span of the passage, on its page, inside each span', async () => {
    const { store, doc, document, tag } = await pdfWorkspace();
    const start = doc.text.indexOf(SENTENCE);
    const finding = await tag(start, start + SENTENCE.length);

    const covered = spansOf(doc, start, start + SENTENCE.length);
    expect(covered.length).toBe(2); // the sentence wraps onto a second line in the PDF
    expect(finding.page).toBe(1);
    expect(finding.rects).toHaveLength(covered.length);
    finding.rects!.forEach((r, i) => {
      const s = covered[i]!;
      expect(r.page).toBe(s.page);
      expect(r.y).toBeCloseTo(s.y, 2);
      expect(r.height).toBeCloseTo(s.height, 2);
      expect(r.x).toBeGreaterThanOrEqual(s.x - 0.01);
      expect(r.x + r.width).toBeLessThanOrEqual(s.x + s.width + 0.01);
    });
    // Read back from the page, the rectangles give the same passage (to a character at the cuts).
    const back = rangeForRects(doc.spans, 1, finding.rects!);
    expect(Math.abs(back!.start - start)).toBeLessThanOrEqual(2);
    expect(Math.abs(back!.end - (start + SENTENCE.length))).toBeLessThanOrEqual(2);
    // Stored as made.
    expect((await store.listFindings(document.id))[0]!.rects).toEqual(finding.rects);

    // A whole heading, which is a span of its own, is covered exactly.
    const h = doc.text.indexOf(HEADING);
    const heading = await tag(h, h + HEADING.length);
    const [span] = spansOf(doc, h, h + HEADING.length);
    expect(heading.rects).toEqual([{ page: 2, x: span!.x, y: span!.y, width: span!.width, height: span!.height }]);
  });

  it('a passage across a page break has rectangles on both pages, in text order', async () => {
    const { doc, tag } = await pdfWorkspace();
    const pageTwo = doc.pageStarts[1]!;
    // From the last line of page 1 to the first line of page 2.
    const start = doc.spans.filter((s) => s.page === 1).at(-1)!.start;
    const end = doc.spans.find((s) => s.page === 2)!.end;
    expect(start).toBeLessThan(pageTwo);
    expect(end).toBeGreaterThan(pageTwo);
    const finding = await tag(start, end);
    expect(finding.page).toBe(1);
    expect([...new Set(finding.rects!.map((r) => r.page))]).toEqual([1, 2]);
    expect(finding.rects!.map((r) => r.page)).toEqual(spansOf(doc, start, end).map((s) => s.page));
  });

  it('a finding in a plain-text document has no rectangles', async () => {
    const store = emptyStore();
    const doc = await ingest('tip-2015-excerpt.txt', TXT);
    const { document } = await store.importDocument(doc, TXT);
    const start = doc.text.indexOf(HEADING);
    const finding = await store.createFinding({ documentId: document.id, start, end: start + HEADING.length, tagIds: ['tag-protection'] });
    expect(finding.rects).toBeUndefined();
    expect('rects' in (await store.listFindings(document.id))[0]!).toBe(false);
  });

  it('a finding carried forward into another PDF gets that document’s rectangles, not its predecessor’s', async () => {
    const { store, doc, document, tag } = await pdfWorkspace();
    const start = doc.text.indexOf(SENTENCE);
    const earlier = await tag(start, start + SENTENCE.length);
    const txt = await ingest('tip-2015-excerpt.txt', TXT);
    const { document: plain } = await store.importDocument(txt, TXT);
    // Into a plain-text edition: no geometry to carry, so none is kept.
    const at = txt.text.indexOf('Lithuanian courts officially identified');
    const intoText = await store.carryFindings([{ predecessorId: earlier.id, documentId: plain.id, start: at, end: at + 60 }]);
    expect(intoText.created[0]!.rects).toBeUndefined();
    // And back from the plain-text finding into the PDF: rectangles of the PDF's passage.
    const pStart = doc.text.indexOf(HEADING);
    const back = await store.carryFindings([{ predecessorId: intoText.created[0]!.id, documentId: document.id, start: pStart, end: pStart + HEADING.length }]);
    expect(back.created[0]!.rects).toEqual(passageRects(textOrdered(doc.spans), pStart, pStart + HEADING.length));
    expect(back.created[0]!.rects![0]!.page).toBe(2);
  });

  it('re-importing recomputes the rectangles: dropped for a text version, the new layout’s for a new PDF', async () => {
    const { store, doc, document, tag } = await pdfWorkspace();
    const start = doc.text.indexOf(SENTENCE);
    const finding = await tag(start, start + SENTENCE.length);
    expect(finding.rects?.length).toBeGreaterThan(0);

    // The same report as plain text: the passage is found again, and it has no page geometry.
    const txt = await ingest('tip-2015-excerpt.txt', TXT);
    await store.reimportDocument(document.id, txt, TXT);
    const asText = (await store.listFindings(document.id))[0]!;
    expect(asText.anchor?.status).not.toBe('orphaned');
    expect(asText.rects).toBeUndefined();

    // Back to the PDF: rectangles again, equal to a fresh finding's.
    await store.reimportDocument(document.id, doc, PDF);
    const again = (await store.listFindings(document.id))[0]!;
    expect(again.position).toEqual(finding.position);
    expect(again.rects).toEqual(finding.rects);
  });

  const canTypeset = existsSync('/usr/bin/chromium') && spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!canTypeset)(
    're-importing a re-typeset PDF (two columns) moves the rectangles with the passage',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rwb-rects-'));
      try {
        const out = join(dir, 'twocol.pdf');
        execFileSync('python3', [fixture('tip/typeset_report.py'), fixture('tip/tip-2015-excerpt.txt'), out, '--layout', 'twocol', '--year', '2015'], {
          timeout: 120_000,
          stdio: 'ignore',
        });
        const bytes = new Uint8Array(readFileSync(out));
        const twocol = await ingest('tip-2015-excerpt.pdf', bytes);
        const { store, doc, document, tag } = await pdfWorkspace();
        const h = doc.text.indexOf(HEADING);
        const old = await tag(h, h + HEADING.length);

        await store.reimportDocument(document.id, twocol, bytes);
        const moved = (await store.listFindings(document.id))[0]!;
        expect(moved.anchor?.status).not.toBe('orphaned');
        expect(twocol.text.slice(moved.position.start, moved.position.end)).toBe(HEADING);
        // The new layout's geometry, not the old one's.
        const expected = passageRects(textOrdered(twocol.spans), moved.position.start, moved.position.end);
        expect(expected.length).toBeGreaterThan(0);
        expect(moved.rects).toEqual(expected);
        expect(moved.rects).not.toEqual(old.rects);
        // Old rectangles against the new spans are recognised as stale and never drawn.
        expect(findingRects(textOrdered(twocol.spans), { position: moved.position, rects: old.rects })).toEqual(expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );

  it('draws stored rectangles only while they agree with the position', async () => {
    const { doc, tag } = await pdfWorkspace();
    const ordered = textOrdered(doc.spans);
    const h = doc.text.indexOf(HEADING);
    const f = await tag(h, h + HEADING.length);
    expect(findingRects(ordered, f)).toBe(f.rects);
    // The position moved without its rectangles (an older app, a hand-edited record): derived instead.
    const s = doc.text.indexOf(SENTENCE);
    const moved = { position: { start: s, end: s + SENTENCE.length }, rects: f.rects };
    const drawn = findingRects(ordered, moved);
    expect(drawn).toEqual(passageRects(ordered, s, s + SENTENCE.length));
    expect(drawn.every((r) => r.page === 1)).toBe(true);
    // None stored: derived.
    expect(findingRects(ordered, { position: f.position })).toEqual(f.rects);
  });
});

describe('page rectangles in a backup', () => {
  async function backupWith(edit: (findings: Finding[]) => unknown): Promise<Uint8Array> {
    const { store, doc, tag } = await pdfWorkspace();
    const start = doc.spans.filter((s) => s.page === 1).at(-1)!.start;
    await tag(start, doc.spans.find((s) => s.page === 2)!.end);
    const entries = unzipSync(await createBackup(store));
    const findings = JSON.parse(strFromU8(entries[FINDINGS_ENTRY]!)) as Finding[];
    entries[FINDINGS_ENTRY] = strToU8(JSON.stringify(edit(findings) ?? findings));
    // Keep the manifest's checksums true so only the findings' content is judged.
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as { entries: { name: string; size: number; sha256: string }[] };
    for (const e of manifest.entries) {
      if (e.name === FINDINGS_ENTRY) Object.assign(e, { size: entries[FINDINGS_ENTRY]!.length, sha256: await sha256Hex(entries[FINDINGS_ENTRY]!) });
    }
    entries['manifest.json'] = strToU8(JSON.stringify(manifest));
    return zipSync(entries);
  }

  it('round-trips them: backup → restore gives the same rectangles', async () => {
    const { store, doc, document, tag } = await pdfWorkspace();
    const start = doc.text.indexOf(SENTENCE);
    const made = await tag(start, start + SENTENCE.length);
    const read = await readBackup(await createBackup(store));
    if (!read.ok) throw new Error(read.error);
    expect(read.value.findings[0]!.rects).toEqual(made.rects);
    const fresh = emptyStore();
    await restoreBackup(fresh, read.value, 'replace');
    const restored = (await fresh.listFindings(document.id))[0]!;
    expect(restored.rects).toEqual(made.rects);
    expect(restored).toEqual(made);
  });

  it.each([
    ['a coordinate that is not a number', (f: Finding[]) => void (f[0]!.rects![0]!.x = 'left' as unknown as number), /rects\.0\.x/],
    ['a negative width', (f: Finding[]) => void (f[0]!.rects![1]!.width = -3), /rects\.1\.width/],
    ['page 0', (f: Finding[]) => void (f[0]!.rects![0]!.page = 0), /rects\.0\.page/],
    ['too many rectangles', (f: Finding[]) => void (f[0]!.rects = Array.from({ length: 10_001 }, () => f[0]!.rects![0]!)), /more than 10000 page rectangles/],
  ])('refuses %s, naming the field', async (_what, edit, message) => {
    const read = await readBackup(await backupWith(edit));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(message);
  });

  it('still reads a finding saved before rectangles existed', async () => {
    const read = await readBackup(
      await backupWith((f) => {
        delete f[0]!.rects;
      }),
    );
    if (!read.ok) throw new Error(read.error);
    expect(read.value.findings[0]!.rects).toBeUndefined();
  });
});
