import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileLimited } from '../src/node/ingest-path';
import { loadNodePdfjs } from '../src/node/pdfjs-node';
import { createBackup } from '../src/shared/backup/create-backup';
import { readBackup } from '../src/shared/backup/read-backup';
import { ingestFile, MAX_TEXT_BYTES, MAX_TEXT_LINES } from '../src/shared/ingest/ingest';
import { IngestError } from '../src/shared/ingest/types';
import { WorkbenchDb } from '../src/shared/store/workbench-db';
import { WorkbenchStore } from '../src/shared/store/workbench-store';
import { FIXTURES } from './fixtures';
import { manyLineTextFile, manyPagePdf, singleLineTextFile, tempFolder } from './generated-inputs';
import { storageFaultRows } from './storage-faults';

// docs/reliability.md is generated here from what each input really does, not written by hand.
// Regenerate with UPDATE_DOCS=1 npx vitest run tests/reliability-doc.test.ts after a change.
const DOC = resolve(import.meta.dirname, '../docs/reliability.md');

/** Known passwords from the fixtures' README, tried after the no-password attempt. */
const PASSWORDS: Record<string, string> = { 'issue3371.pdf': 'ELXRTQWS', 'issue21579.pdf': 'pässwört', 'encrypted-aes256.pdf': 'user' };

async function outcome(fileName: string, bytes: Uint8Array, password?: string): Promise<string> {
  try {
    const doc = await ingestFile({ fileName, bytes, pdfjs: await loadNodePdfjs(), password });
    const parts = [`imported: ${doc.pageStarts.length} page${doc.pageStarts.length === 1 ? '' : 's'}, ${doc.characters} characters`];
    const warnings = [...new Set(doc.warnings.map((w) => w.replace(/^page \d+: /, '')))];
    if (warnings.length) parts.push(`warnings: ${warnings.join('; ')}`);
    return parts.join('; ');
  } catch (e) {
    if (e instanceof IngestError) return `refused (${e.code}): ${e.message}`;
    return `CRASH: ${String(e)}`;
  }
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** A real backup of a small workspace: the TIP 2015 excerpt PDF (stored in the zip as is), with one finding. */
async function smallBackup(): Promise<Uint8Array> {
  const store = new WorkbenchStore(new WorkbenchDb({ name: 'reliability-backup', indexedDB: new IDBFactory(), IDBKeyRange }));
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'tip/tip-2015-excerpt.pdf')));
  const ingested = await ingestFile({ fileName: 'tip-2015-excerpt.pdf', bytes, pdfjs: await loadNodePdfjs() });
  const { document } = await store.importDocument(ingested, bytes);
  await store.createFinding({ documentId: document.id, start: 0, end: 20, tagIds: ['tag-tier'], note: 'kept' });
  return createBackup(store);
}

/**
 * The backup with one byte flipped in the middle of the data of its entry `name`, in the zip's own
 * bytes. Only for an entry stored as is (the original PDFs): in a deflated entry the same flip ends
 * differently from one run to the next, as the packed bytes depend on the random ids.
 */
function flipByteIn(zip: Uint8Array, name: string): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const wanted = strToU8(name);
  for (let at = 0; at + 30 < zip.length; at++) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const entryName = zip.subarray(at + 30, at + 30 + nameLength);
    if (nameLength !== wanted.length || !entryName.every((b, i) => b === wanted[i])) continue;
    const dataStart = at + 30 + nameLength + extraLength;
    const packedSize = view.getUint32(at + 18, true);
    const damaged = zip.slice();
    damaged[dataStart + Math.floor(packedSize / 2)]! ^= 0xff;
    return damaged;
  }
  throw new Error(`${name} is not in the backup`);
}

/** The backup with one byte of the JSON entry `name` changed, zipped again with the manifest as it was. */
function changeByteOf(zip: Uint8Array, name: string): Uint8Array {
  const entries = unzipSync(zip);
  const json = strFromU8(entries[name]!);
  const at = json.indexOf('"kept"');
  if (at === -1) throw new Error(`${name} has no note “kept”`);
  // The note "kept" becomes "Kept": one byte, same length.
  entries[name] = strToU8(`${json.slice(0, at + 1)}K${json.slice(at + 2)}`);
  return zipSync(entries);
}

/** The backup with its manifest claiming `change`; the other entries, and their checksums, untouched. */
function withManifest(zip: Uint8Array, change: Record<string, unknown>): Uint8Array {
  const entries = unzipSync(zip);
  entries['manifest.json'] = strToU8(JSON.stringify({ ...JSON.parse(strFromU8(entries['manifest.json']!)), ...change }));
  return zipSync(entries);
}

/** Reads a generated file the way the desktop app and the CLI do (size checked before reading), then ingests it. */
async function fileOutcome(path: string): Promise<string> {
  try {
    return await outcome(path.split('/').pop()!, await readFileLimited(path));
  } catch (e) {
    return e instanceof IngestError ? `refused (${e.code}): ${e.message}` : `CRASH: ${String(e)}`;
  }
}

describe('docs/reliability.md', () => {
  it('lists every bad or hostile input tried and its outcome, as the code behaves today', { timeout: 240_000 }, async () => {
    const rows: string[] = [];
    for (const dir of ['pdf/tricky', 'pdf/hostile']) {
      for (const name of readdirSync(join(FIXTURES, dir)).sort()) {
        if (name === 'README.md') continue;
        const bytes = new Uint8Array(readFileSync(join(FIXTURES, dir, name)));
        let result = await outcome(name, bytes);
        if (PASSWORDS[name]) result += ` — with its password: ${await outcome(name, bytes, PASSWORDS[name])}`;
        if (/^refused \(password/.test(result) && !PASSWORDS[name]) result += ` — wrong password: ${await outcome(name, bytes, 'wrong')}`;
        rows.push(`| \`${dir}/${name}\` | ${cell(result)} |`);
      }
    }
    const text = new TextEncoder().encode('Government-funded men’s shelters – €149,400\n');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Tier 2 Watch List\n').flatMap((c) => [c.charCodeAt(0), 0])]);
    const utf16be = new Uint8Array([0xfe, 0xff, ...Array.from('Tier 2 Watch List\n').flatMap((c) => [0, c.charCodeAt(0)])]);
    const synthetic: [string, string, Uint8Array][] = [
      ['UTF-8 text', 'a.txt', text],
      ['UTF-8 with BOM', 'a.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...text])],
      ['UTF-16 LE with BOM', 'a.txt', utf16],
      ['UTF-16 BE with BOM', 'a.txt', utf16be],
      ['Windows-1252 (0x92, 0x96, 0x80)', 'a.txt', new Uint8Array([0x6d, 0x65, 0x6e, 0x92, 0x73, 0x20, 0x96, 0x20, 0x80, 0x31])],
      ['invalid UTF-8', 'a.txt', new Uint8Array([0x61, 0xc3, 0x28, 0x62])],
      ['binary named .txt', 'a.txt', new Uint8Array([0x00, 0x01, 0x02, 0x03, 0xff])],
      ['empty .txt', 'a.txt', new Uint8Array()],
      ['spreadsheet (.xlsx)', 'a.xlsx', new Uint8Array([0x50, 0x4b, 3, 4])],
    ];
    for (const [label, name, bytes] of synthetic) rows.push(`| ${label} | ${cell(await outcome(name, bytes))} |`);
    rows.push(`| 2,000-page PDF (generated in the test, one line per page) | ${cell(await outcome('two-thousand.pdf', manyPagePdf(2000)))} |`);

    // Huge text files, generated once in a temporary folder and deleted after.
    const tmp = tempFolder();
    try {
      const single = singleLineTextFile(tmp.dir, 200);
      const huge = await fileOutcome(single);
      // Refused from its size before a byte is read or decoded: no time, no memory.
      expect(huge).toMatch(/^refused \(too-large\): This text file is too large to import \(200 MB\); text reports are at most 64 MB — split it or import the PDF\.$/);
      rows.push(`| 200 MB text file, one single line (generated) | ${cell(huge)} Refused from its size before the file is read. |`);

      const manyLines = manyLineTextFile(tmp.dir, 5_000_000);
      const size = statSync(manyLines).size;
      expect(size).toBeLessThan(MAX_TEXT_BYTES);
      const lines = await fileOutcome(manyLines);
      // Under the size limit, so read, but refused by counting line feeds before decoding.
      expect(lines).toMatch(/^refused \(too-large\): This text file has too many lines to import \(5,000,000\)/);
      rows.push(
        `| 5,000,000-line text file, ${Math.round(size / 1048576)} MB (generated) | ${cell(lines)} Refused after counting its lines, before decoding. |`,
      );
    } finally {
      tmp.remove();
    }
    const backups: [string, Uint8Array][] = [
      ['backup: empty file', new Uint8Array()],
      ['backup: random bytes', new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256))],
      ['backup: a PDF', new Uint8Array(readFileSync(join(FIXTURES, 'tip/tip-2015-excerpt.pdf')))],
    ];
    const good = await smallBackup();
    expect((await readBackup(good)).ok).toBe(true);
    backups.push(
      ['backup: corrupted (one byte of findings.json changed: a note’s “kept” became “Kept”)', changeByteOf(good, 'findings.json')],
      ['backup: corrupted (one byte flipped inside the original PDF, in the zip’s bytes)', flipByteIn(good, Object.keys(unzipSync(good)).find((n) => n.endsWith('.pdf'))!)],
      ['backup: truncated to half its length', good.slice(0, Math.floor(good.length / 2))],
      ['backup: truncated by its last 10 bytes', good.slice(0, good.length - 10)],
      ['backup: from a newer version (schema version + 1)', withManifest(good, { schemaVersion: (JSON.parse(strFromU8(unzipSync(good)['manifest.json']!)) as { schemaVersion: number }).schemaVersion + 1 })],
      ['backup: from a newer version (backup format 2)', withManifest(good, { formatVersion: 2 })],
    );
    for (const [label, bytes] of backups) {
      const r = await readBackup(bytes);
      expect(r.ok, label).toBe(false);
      // Entries of documents are named by their random id: shown as a placeholder so the doc is stable.
      const error = r.ok ? 'accepted' : `refused: ${r.error.replace(/files\/[0-9a-f-]{36}/g, 'files/<document id>')}`;
      rows.push(`| ${label} | ${cell(error)} |`);
    }

    const doc = [
      '# Reliability: every bad input tried, and what happens',
      '',
      'Generated by `tests/reliability-doc.test.ts` from the code as it behaves; do not edit by hand.',
      'Regenerate with `UPDATE_DOCS=1 npx vitest run tests/reliability-doc.test.ts`.',
      '',
      'Inputs are the fixtures in `../shared/fixtures/pdf/{tricky,hostile}` (see their README for what',
      'each is) and a few made in the test. "Refused" means nothing was imported and the message shown',
      'is the one quoted. No input may crash, hang or run anything.',
      '',
      `Text files have their own limits, ${MAX_TEXT_BYTES / 1048576} MB and ${MAX_TEXT_LINES.toLocaleString('en-US')} lines (PDFs may be up to 512 MB): a`,
      'report’s text is a few MB. Measured without these limits: 200 MB on one line took 22 s and 2.2 GB',
      'in Node and crashed the browser tab after 25 s; 5 million short lines took 4 s and 1.3 GB in Node,',
      '7 s in the browser. Both are checked before the text is decoded, and the size before',
      'the file is even read (the web host checks the dropped or chosen file’s size; `e2e/huge-text.e2e.ts`',
      'opens both huge files in the web app and drops a 200 MB one on it, and checks it stays responsive',
      'and imports nothing).',
      '',
      '| input | outcome |',
      '|---|---|',
      ...rows,
      '',
      '## Storage faults',
      '',
      'What the workspace database does when storage fails, from `tests/storage-faults.ts` (fake-indexeddb).',
      'In real Chromium: `e2e/quota.e2e.ts` fills the quota while tagging (draft kept, Retry saves it),',
      '`e2e/kill.e2e.ts` SIGKILLs the browser during a burst of 500 saves (every confirmed save is there,',
      'no half-written record), `e2e/upgrade.e2e.ts` upgrades a real version-1 workspace.',
      '',
      '| fault | outcome |',
      '|---|---|',
      ...(await storageFaultRows()).map(([fault, result]) => `| ${fault} | ${cell(result)} |`),
      '',
    ].join('\n');
    expect(doc).not.toContain('CRASH');
    if (process.env.UPDATE_DOCS || !existsSync(DOC)) writeFileSync(DOC, doc);
    expect(readFileSync(DOC, 'utf8'), 'docs/reliability.md is out of date: regenerate it (UPDATE_DOCS=1)').toBe(doc);
  });
});
