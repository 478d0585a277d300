import { deflateSync, strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { backupExportInput } from '../../src/shared/backup/backup-export-input';
import { BACKUP_FORMAT, BACKUP_LIMITS, backupFileName, fileEntryName, textEntryName, type BackupManifest } from '../../src/shared/backup/backup-format';
import { createBackup } from '../../src/shared/backup/create-backup';
import { readBackup } from '../../src/shared/backup/read-backup';
import { restoreBackup } from '../../src/shared/backup/restore-backup';
import { addTag, renameTag } from '../../src/shared/codebook/codebook-ops';
import { DEFAULT_CODEBOOK } from '../../src/shared/codebook/default-codebook';
import { exportFindings } from '../../src/shared/export/export-findings';
import { sha256Hex } from '../../src/shared/ids';
import { ingestFile } from '../../src/shared/ingest/ingest';
import type { IngestedDocument } from '../../src/shared/ingest/types';
import { BUILTIN_TAGS } from '../../src/shared/model/builtin-tags';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/store/schema';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixtureBytes } from '../fixtures';

const TXT = fixtureBytes('tip/tip-2015-excerpt.txt');
const PDF = fixtureBytes('tip/tip-2015-excerpt.pdf');
let txtDoc: IngestedDocument;
let pdfDoc: IngestedDocument;

beforeAll(async () => {
  const pdfjs = await loadNodePdfjs();
  txtDoc = await ingestFile({ fileName: 'tip-2015-excerpt.txt', bytes: TXT, pdfjs });
  pdfDoc = await ingestFile({ fileName: 'tip-2015-excerpt.pdf', bytes: PDF, pdfjs });
});

let dbCount = 0;
const emptyStore = () => new WorkbenchStore(new WorkbenchDb({ name: `backup-${++dbCount}`, indexedDB: new IDBFactory(), IDBKeyRange }));

async function tag(store: WorkbenchStore, documentId: string, doc: IngestedDocument, passage: string, tagIds: string[], note = '') {
  const start = doc.text.indexOf(passage);
  expect(start, passage).toBeGreaterThanOrEqual(0);
  return store.createFinding({ documentId, start, end: start + passage.length, tagIds, note });
}

/** A workspace with both fixtures, findings on each, an edited codebook and preferences. */
async function workspace() {
  const store = emptyStore();
  const { document: txt } = await store.importDocument(txtDoc, TXT);
  const { document: pdf } = await store.importDocument(pdfDoc, PDF);
  await store.editCodebook((tags) => addTag(tags, { id: 'tag-mine', name: 'Labour inspections', parentId: 'tag-prevention', shortcut: '7' }));
  await store.editCodebook((tags) => renameTag(tags, 'tag-figure', 'Figures'));
  await tag(store, txt.id, txtDoc, 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.', ['tag-victim-identification', 'tag-figure'], 'Up from 15.');
  const moved = await tag(store, txt.id, txtDoc, 'The central government provided NGOs 149,400 litas ($50,900)', ['tag-protection-funding', 'tag-mine']);
  // A finding as a re-import leaves it, with its anchor record.
  await store.restoreFinding({ ...moved, anchor: { status: 'moved', similarity: 1, checkedAt: '2026-11-30T10:00:00.000Z' } });
  await tag(store, pdf.id, pdfDoc, 'LUXEMBOURG: Tier 1', ['tag-tier']);
  await store.renameDocument(pdf.id, 'TIP 2015 — Luxembourg (PDF)');
  await store.setSetting('active-document', txt.id);
  await store.setSetting('sample-offered', true);
  return { store, txt, pdf };
}

/** Every table of a workspace, exactly as stored (bytes included). */
async function dump(store: WorkbenchStore) {
  const db = store.db;
  return {
    documents: await db.documents.toArray(),
    texts: await db.texts.toArray(),
    files: await db.files.toArray(),
    findings: await db.findings.toArray(),
    tags: await db.tags.toArray(),
    settings: await db.settings.toArray(),
  };
}

/** Unzips a backup, lets `edit` change its entries, then zips it again; `rehash` rewrites the manifest's sizes and checksums to match. */
async function repack(zip: Uint8Array, edit: (entries: Record<string, Uint8Array>) => void, rehash = true): Promise<Uint8Array> {
  const entries = unzipSync(zip);
  edit(entries);
  if (rehash && entries['manifest.json']) {
    const manifest = JSON.parse(strFromU8(entries['manifest.json'])) as BackupManifest;
    manifest.entries = [];
    for (const [name, data] of Object.entries(entries)) {
      if (name !== 'manifest.json') manifest.entries.push({ name, size: data.length, sha256: await sha256Hex(data) });
    }
    entries['manifest.json'] = strToU8(JSON.stringify(manifest));
  }
  return zipSync(entries);
}

function editJson<T>(entries: Record<string, Uint8Array>, name: string, change: (value: T) => unknown): void {
  entries[name] = strToU8(JSON.stringify(change(JSON.parse(strFromU8(entries[name]!)) as T)));
}

/**
 * A zip64 archive written by hand, so an entry's header can declare any unpacked size (a real
 * 10 GB stream would take minutes to make). CRCs are left 0: readers of backups rely on SHA-256.
 */
function zip64(entries: { name: string; data: Uint8Array; declaredSize?: number }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const packed = deflateSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = new DataView(new ArrayBuffer(30 + name.length + 20));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 45, true);
    local.setUint16(8, 8, true);
    local.setUint32(18, 0xffffffff, true);
    local.setUint32(22, 0xffffffff, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 20, true);
    new Uint8Array(local.buffer).set(name, 30);
    local.setUint16(30 + name.length, 1, true);
    local.setUint16(32 + name.length, 16, true);
    local.setBigUint64(34 + name.length, BigInt(size), true);
    local.setBigUint64(42 + name.length, BigInt(packed.length), true);
    const dir = new DataView(new ArrayBuffer(46 + name.length + 28));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(4, 45, true);
    dir.setUint16(6, 45, true);
    dir.setUint16(10, 8, true);
    dir.setUint32(20, 0xffffffff, true);
    dir.setUint32(24, 0xffffffff, true);
    dir.setUint16(28, name.length, true);
    dir.setUint16(30, 28, true);
    dir.setUint32(42, 0xffffffff, true);
    new Uint8Array(dir.buffer).set(name, 46);
    dir.setUint16(46 + name.length, 1, true);
    dir.setUint16(48 + name.length, 24, true);
    dir.setBigUint64(50 + name.length, BigInt(size), true);
    dir.setBigUint64(58 + name.length, BigInt(packed.length), true);
    dir.setBigUint64(66 + name.length, BigInt(offset), true);
    chunks.push(new Uint8Array(local.buffer), packed);
    central.push(new Uint8Array(dir.buffer));
    offset += local.byteLength + packed.length;
  }
  const dirSize = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(56 + 20 + 22));
  end.setUint32(0, 0x06064b50, true);
  end.setBigUint64(4, 44n, true);
  end.setUint16(12, 45, true);
  end.setUint16(14, 45, true);
  end.setBigUint64(24, BigInt(entries.length), true);
  end.setBigUint64(32, BigInt(entries.length), true);
  end.setBigUint64(40, BigInt(dirSize), true);
  end.setBigUint64(48, BigInt(offset), true);
  end.setUint32(56, 0x07064b50, true);
  end.setBigUint64(64, BigInt(offset + dirSize), true);
  end.setUint32(72, 1, true);
  end.setUint32(76, 0x06054b50, true);
  end.setUint16(84, 0xffff, true);
  end.setUint16(86, 0xffff, true);
  end.setUint32(88, 0xffffffff, true);
  end.setUint32(92, 0xffffffff, true);
  const out = new Uint8Array(offset + dirSize + end.byteLength);
  let at = 0;
  for (const c of [...chunks, ...central, new Uint8Array(end.buffer)]) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const GB = 1024 ** 3;

describe('backup and restore', () => {
  it('backup → wipe → restore gives back identical tables, file bytes included', async () => {
    const { store, txt, pdf } = await workspace();
    const before = await dump(store);
    const zip = await createBackup(store, { appVersion: '0.1.0', now: new Date('2026-12-01T09:30:00.000Z') });

    const names = Object.keys(unzipSync(zip));
    expect(names[0]).toBe('manifest.json');
    expect(names.sort()).toEqual(
      ['manifest.json', 'documents.json', 'findings.json', 'tags.json', 'settings.json', textEntryName(txt.id), textEntryName(pdf.id), `files/${txt.id}.txt`, `files/${pdf.id}.pdf`].sort(),
    );
    const read = await readBackup(zip);
    if (!read.ok) throw new Error(read.error);
    expect(read.value.warnings).toEqual([]);
    expect(read.value.manifest).toMatchObject({
      format: BACKUP_FORMAT,
      formatVersion: 1,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      appVersion: '0.1.0',
      createdAt: '2026-12-01T09:30:00.000Z',
      counts: { documents: 2, findings: 3, tags: DEFAULT_CODEBOOK.length + 1 },
    });

    const fresh = emptyStore();
    const summary = await restoreBackup(fresh, read.value, 'replace');
    expect(summary).toEqual({ documents: 2, findings: 3, tags: DEFAULT_CODEBOOK.length + 1, settings: 2, warnings: [] });
    const after = await dump(fresh);
    expect(after).toEqual(before);
    expect(Buffer.from((await fresh.getFileBytes(pdf.id))!).equals(Buffer.from(PDF))).toBe(true);
    expect(Buffer.from((await fresh.getFileBytes(txt.id))!).equals(Buffer.from(TXT))).toBe(true);
    // The restored workspace works as the original: same exports, byte for byte.
    const csv = async (s: WorkbenchStore) => Buffer.from((await exportFindings(await s.exportInput(), 'csv')).bytes).toString('utf8');
    expect(await csv(fresh)).toBe(await csv(store));
    expect(await fresh.getSetting('active-document')).toBe(txt.id);
  });

  it('replaces whatever the target workspace held', async () => {
    const { store } = await workspace();
    const zip = await createBackup(store);
    const other = emptyStore();
    const { document } = await other.importDocument(txtDoc, TXT);
    await tag(other, document.id, txtDoc, 'NGOs receiving a mix of public and private funding', ['tag-protection']);
    const read = await readBackup(zip);
    if (!read.ok) throw new Error(read.error);
    await restoreBackup(other, read.value, 'replace');
    expect(await dump(other)).toEqual(await dump(store));
  });

  it('backs up and restores an empty workspace', async () => {
    const store = emptyStore();
    const zip = await createBackup(store);
    const read = await readBackup(zip);
    if (!read.ok) throw new Error(read.error);
    expect(read.value.manifest.counts).toEqual({ documents: 0, findings: 0, tags: DEFAULT_CODEBOOK.length });
    const { store: full } = await workspace();
    await restoreBackup(full, read.value, 'replace');
    expect(await dump(full)).toEqual(await dump(store));
  });

  it('a restore that fails half-way changes nothing', async () => {
    const { store } = await workspace();
    const read = await readBackup(await createBackup(store));
    if (!read.ok) throw new Error(read.error);
    const target = (await workspace()).store;
    const before = await dump(target);
    // Past readBackup's checks (a caller could hand over anything): the second copy breaks the findings' key.
    const broken = { ...read.value, findings: [...read.value.findings, read.value.findings[0]!] };
    await expect(restoreBackup(target, broken, 'replace')).rejects.toThrow();
    expect(await dump(target)).toEqual(before);
  });

  it('the readable zip64 form of a backup is accepted (the refusals below are not the zip64 reader failing)', async () => {
    const { store } = await workspace();
    const entries = unzipSync(await createBackup(store));
    const read = await readBackup(zip64(Object.entries(entries).map(([name, data]) => ({ name, data }))));
    expect(read.ok ? 'ok' : read.error).toBe('ok');
  });

  it('reads a backup of an older schema, upgrading its records', async () => {
    const store = emptyStore();
    const zip = await repack(await createBackup(store), (e) => {
      editJson<BackupManifest>(e, 'manifest.json', (m) => ({ ...m, schemaVersion: 1, counts: { ...m.counts, tags: BUILTIN_TAGS.length } }));
      e['tags.json'] = strToU8(JSON.stringify(BUILTIN_TAGS));
    });
    const read = await readBackup(zip);
    if (!read.ok) throw new Error(read.error);
    expect(read.value.tags.find((t) => t.id === 'tag-victim-identification')?.parentId).toBe('tag-protection');
    expect(read.value.tags.map((t) => t.id)).toEqual(expect.arrayContaining(DEFAULT_CODEBOOK.map((t) => t.id)));
  });

  it('exports findings straight from a backup, as from the workspace', async () => {
    const { store } = await workspace();
    const read = await readBackup(await createBackup(store));
    if (!read.ok) throw new Error(read.error);
    for (const format of ['csv', 'md', 'json'] as const) {
      const fromBackup = await exportFindings(backupExportInput(read.value), format);
      const fromStore = await exportFindings(await store.exportInput(), format);
      expect(Buffer.from(fromBackup.bytes).toString('utf8'), format).toBe(Buffer.from(fromStore.bytes).toString('utf8'));
    }
  });

  it('names backup files sortably', () => {
    expect(backupFileName(new Date(2026, 11, 1, 9, 5))).toBe('Report Workbench 2026-12-01 09-05.rwb-backup');
  });
});

describe('a bad backup is refused, and the workspace stays byte-for-byte as it was', () => {
  let good: Uint8Array;
  let ids: { txt: string; pdf: string };
  let target: WorkbenchStore;
  let before: Awaited<ReturnType<typeof dump>>;

  beforeAll(async () => {
    const source = await workspace();
    good = await createBackup(source.store);
    ids = { txt: source.txt.id, pdf: source.pdf.id };
    target = (await workspace()).store;
    before = await dump(target);
  });

  /** What the app does with a chosen file: read it completely, restore only what passed. */
  async function restoreFile(bytes: Uint8Array): Promise<string> {
    const read = await readBackup(bytes);
    if (!read.ok) return read.error;
    await restoreBackup(target, read.value, 'replace');
    return 'restored';
  }

  const cases: [string, () => Promise<Uint8Array> | Uint8Array, RegExp][] = [
    ['an empty file', () => new Uint8Array(0), /^This file is not a Report Workbench backup: the file is empty\.$/],
    ['random bytes', () => globalThis.crypto.getRandomValues(new Uint8Array(4096)).fill(0, 0, 2), /^This file is not a Report Workbench backup: it is not a zip archive\.$/],
    ['a PDF', () => PDF, /^This file is not a Report Workbench backup: it is a PDF document/],
    ['a truncated backup', () => good.slice(0, Math.floor(good.length / 2)), /^The backup is damaged or incomplete: its zip archive cannot be read/],
    ['a backup cut just before its end record', () => good.slice(0, good.length - 10), /^The backup is damaged or incomplete/],
    ['another zip (an export for ATLAS.ti)', () => zipSync({ 'project.qde': strToU8('<Project/>'), 'sources/a.txt': strToU8('x') }), /^This file is not a Report Workbench backup: it is a zip archive without a manifest\.json\.$/],
    ['a backup without its manifest', () => repack(good, (e) => delete e['manifest.json'], false), /without a manifest\.json/],
    ['a manifest of another format', () => repack(good, (e) => editJson<BackupManifest>(e, 'manifest.json', (m) => ({ ...m, format: 'something-else' }))), /not a Report Workbench backup: its manifest\.json describes another format \(“something-else”\)/],
    [
      'a backup of a newer schema',
      () => repack(good, (e) => editJson<BackupManifest>(e, 'manifest.json', (m) => ({ ...m, schemaVersion: CURRENT_SCHEMA_VERSION + 1 }))),
      new RegExp(`^This backup was made by a newer version of Report Workbench \\(schema ${CURRENT_SCHEMA_VERSION + 1}\\); this version reads up to schema ${CURRENT_SCHEMA_VERSION}\\. Update the app to restore it\\.$`),
    ],
    ['a backup of a newer format', () => repack(good, (e) => editJson<BackupManifest>(e, 'manifest.json', (m) => ({ ...m, formatVersion: 2 }))), /newer version of Report Workbench \(backup format 2\); this version reads up to backup format 1/],
    ['a manifest that is not JSON', () => repack(good, (e) => (e['manifest.json'] = strToU8('{"format": ')), false), /^The backup is damaged: manifest\.json is not valid JSON\.$/],
    ['a manifest without its counts', () => repack(good, (e) => editJson<BackupManifest>(e, 'manifest.json', (m) => ({ ...m, counts: undefined }))), /^The backup is damaged: its manifest is not valid: counts is missing\.$/],
    [
      'a tampered findings.json (checksum mismatch)',
      () => repack(good, (e) => editJson<{ note: string }[]>(e, 'findings.json', (f) => f.map((x) => ({ ...x, note: 'edited outside the app' }))), false),
      /^The backup is damaged: findings\.json does not match its checksum/,
    ],
    [
      'a damaged original file (one byte changed, same size)',
      () =>
        repack(
          good,
          (e) => {
            const name = Object.keys(e).find((n) => n.endsWith('.pdf'))!;
            const damaged = e[name]!.slice();
            damaged[1000] = damaged[1000]! ^ 0xff;
            e[name] = damaged;
          },
          false,
        ),
      /^The backup is damaged: files\/.+\.pdf does not match its checksum\.$/,
    ],
    ['an entry the manifest does not list', () => repack(good, (e) => (e['notes.txt'] = strToU8('hello')), false), /^The backup is damaged: it holds “notes\.txt”, which its manifest does not list\.$/],
    ['an entry the manifest lists but the zip lacks', () => repack(good, (e) => delete e['settings.json'], false), /^The backup is incomplete: “settings\.json” is missing from it\.$/],
    [
      'a finding pointing at a missing document',
      () => repack(good, (e) => editJson<{ documentId: string }[]>(e, 'findings.json', (f) => f.map((x, i) => (i === 1 ? { ...x, documentId: 'no-such-document' } : x)))),
      /^The backup is inconsistent: the finding “[^”]+” \(“[^”]+”\) belongs to the document “no-such-document”, which is not in the backup\.$/,
    ],
    [
      'a malformed finding (missing quote)',
      () => repack(good, (e) => editJson<Record<string, unknown>[]>(e, 'findings.json', (f) => f.map((x, i) => (i === 2 ? { ...x, quote: undefined } : x)))),
      /^The backup is damaged: in findings\.json, finding 3 of 3 \(“[^”]+”\) is not valid: quote is missing\.$/,
    ],
    [
      'a finding whose passage ends before it starts',
      () => repack(good, (e) => editJson<Record<string, unknown>[]>(e, 'findings.json', (f) => f.map((x, i) => (i === 0 ? { ...x, position: { start: 50, end: 10 } } : x)))),
      /finding 1 of 3 .* is not valid: position: the passage ends before it starts\.$/,
    ],
    [
      'a document with a malformed hash',
      () => repack(good, (e) => editJson<Record<string, unknown>[]>(e, 'documents.json', (d) => d.map((x) => ({ ...x, sha256: 'abc' })))),
      /^The backup is damaged: in documents\.json, document 1 of 2 \(“[^”]+”\) is not valid: sha256: it is not a hex SHA-256\.$/,
    ],
    ['two findings with one id', () => repack(good, (e) => editJson<Record<string, unknown>[]>(e, 'findings.json', (f) => [...f.slice(0, 2), { ...f[2], id: f[0]!.id }])), /^The backup is damaged: two findings share the id “[^”]+”\.$/],
    [
      'a document without its text',
      () =>
        repack(good, (e) => {
          delete e[textEntryName(ids.txt)];
        }),
      /^The backup is incomplete: it has no text for “tip-2015-excerpt” \(texts\/.+\.json\)\.$/,
    ],
    [
      'a text that belongs to no document',
      () => repack(good, (e) => (e[textEntryName('ghost')] = e[textEntryName(ids.txt)]!)),
      /^The backup is damaged: it holds “texts\/ghost\.json”, which belongs to no document of the backup\.$/,
    ],
    ['counts that disagree with the records', () => repack(good, (e) => editJson<BackupManifest>(e, 'manifest.json', (m) => ({ ...m, counts: { ...m.counts, findings: 4 } }))), /^The backup is damaged: its manifest counts 4 findings but findings\.json holds 3\.$/],
    ['a codebook that is not JSON', () => repack(good, (e) => (e['tags.json'] = strToU8('[{"id": "x",'))), /^The backup is damaged: tags\.json is not valid JSON\.$/],
    [
      'a zip bomb: an entry whose directory claims 10 GB',
      () => zip64(Object.entries(unzipSync(good)).map(([name, data]) => ({ name, data, ...(name === 'findings.json' ? { declaredSize: 10 * GB } : {}) }))),
      /^The backup is refused: “findings\.json” would unpack to 10\.0 GB, more than the 512 MB one entry may hold/,
    ],
    [
      'entries that would unpack to more than 2 GB together',
      () =>
        zip64(
          Object.entries(unzipSync(good)).map(([name, data]) => ({
            name,
            data,
            ...(name !== 'manifest.json' ? { declaredSize: 500 * 1024 ** 2 } : {}),
          })),
        ),
      /^The backup is refused: its entries would unpack to [\d.]+ GB in all, more than the 2\.0 GB a backup may hold\.$/,
    ],
    [
      'an entry that unpacks to more than it declares',
      () => zip64(Object.entries(unzipSync(good)).map(([name, data]) => ({ name, data, ...(name === 'tags.json' ? { declaredSize: 100 } : {}) }))),
      /^The backup is damaged: tags\.json does not match its checksum/,
    ],
  ];

  it.each(cases)('%s', async (_label, make, message) => {
    const bytes = await make();
    expect(await restoreFile(bytes)).toMatch(message);
    expect(await dump(target)).toEqual(before);
  });

  it('the unchanged backup itself is accepted (so each refusal above is about its one defect)', async () => {
    const read = await readBackup(good);
    expect(read.ok ? read.value.warnings : read.error).toEqual([]);
  });

  it('limits are what the messages say', () => {
    expect(BACKUP_LIMITS.maxTotalBytes).toBe(2 * GB);
    expect(BACKUP_LIMITS.jsonEntryBytes).toBe(512 * 1024 ** 2);
  });

  it('warns about oddities that do not make a backup unusable', async () => {
    const zip = await repack(good, (e) => {
      editJson<{ tagIds: string[] }[]>(e, 'findings.json', (f) => f.map((x, i) => (i === 0 ? { ...x, tagIds: [...x.tagIds, 'tag-gone'] } : x)));
      editJson<{ id: string; color: string }[]>(e, 'tags.json', (t) => t.map((x) => (x.id === 'tag-tier' ? { ...x, color: 'red' } : x)));
    });
    const read = await readBackup(zip);
    if (!read.ok) throw new Error(read.error);
    expect(read.value.warnings).toEqual([
      '1 finding carries tags the codebook does not have (“tag-gone”).',
      'Codebook: “Tier and compliance” has the colour “red”, which is not a #rrggbb colour.',
    ]);
  });

  it('file entries keep the document’s own extension when it is a plain one', () => {
    expect(fileEntryName({ id: 'd', fileName: 'report.PDF', kind: 'pdf' })).toBe('files/d.pdf');
    expect(fileEntryName({ id: 'd', fileName: 'no extension', kind: 'text' })).toBe('files/d.txt');
    expect(fileEntryName({ id: 'd', fileName: 'weird.ext with space', kind: 'pdf' })).toBe('files/d.pdf');
  });
});
