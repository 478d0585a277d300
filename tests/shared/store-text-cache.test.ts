import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { restoreBackup } from '../../src/shared/backup/restore-backup';
import { snapshotWorkspace } from '../../src/shared/backup/create-backup';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixtureBytes } from '../fixtures';

// Saving a finding checks the passage against the document's text. The text the reader has just
// read is kept for that (reading it back cost about 250 ms on a 260-page report); these tests show
// a save never checks against a text that has changed since.

/** Two connections to one in-memory workspace (two windows), the first counting its reads of texts. */
function workspace() {
  const indexedDB = new IDBFactory();
  const db = new WorkbenchDb({ name: 'text-cache', indexedDB, IDBKeyRange });
  const reads = { texts: 0 };
  db.use({
    stack: 'dbcore',
    name: 'count-text-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'texts') return table;
        return {
          ...table,
          get: (req) => (reads.texts++, table.get(req)),
          getMany: (req) => ((reads.texts += req.keys.length), table.getMany(req)),
        };
      },
    }),
  });
  return { store: new WorkbenchStore(db), other: new WorkbenchStore(new WorkbenchDb({ name: 'text-cache', indexedDB, IDBKeyRange })), reads };
}

const bytes = fixtureBytes('tip/tip-2015-excerpt.txt');
const source = new TextDecoder().decode(bytes);
const PASSAGE = 'Lithuanian courts officially identified 30 trafficking victims';
const ingestText = async (b: Uint8Array, fileName: string) => ingestFile({ fileName, bytes: b, pdfjs: await loadNodePdfjs() });

async function imported(store: WorkbenchStore) {
  const { document } = await store.importDocument(await ingestText(bytes, 'tip-2015-excerpt.txt'), bytes);
  return document;
}

describe('saving a finding against the text the reader read', () => {
  it('does not read the text again after the reader has read it', async () => {
    const { store, reads } = workspace();
    const document = await imported(store);
    const text = (await store.getText(document.id))!;
    const before = reads.texts;
    const at = text.text.indexOf(PASSAGE);
    const f = await store.createFinding({ documentId: document.id, start: at, end: at + PASSAGE.length, tagIds: ['tag-protection'] });
    expect(f.quote.exact).toBe(PASSAGE);
    expect(reads.texts).toBe(before);
  });

  it('checks against the new text once a re-import has changed it', async () => {
    const { store } = workspace();
    const document = await imported(store);
    await store.getText(document.id);
    const changed = new TextEncoder().encode(`A note added on re-import.\n\n${source}`);
    await store.reimportDocument(document.id, await ingestText(changed, 'tip-2015-excerpt.txt'), changed);
    const f = await store.createFinding({ documentId: document.id, start: 0, end: 'A note added on re-import.'.length, tagIds: ['tag-protection'] });
    expect(f.quote.exact).toBe('A note added on re-import.');
  });

  it('checks against the text another window wrote, and refuses a document deleted there', async () => {
    const { store, other } = workspace();
    const document = await imported(store);
    await store.getText(document.id);
    await other.db.texts.update(document.id, { text: `Changed elsewhere. ${source}` });
    const f = await store.createFinding({ documentId: document.id, start: 0, end: 'Changed elsewhere.'.length, tagIds: ['tag-protection'] });
    expect(f.quote.exact).toBe('Changed elsewhere.');
    await other.deleteDocument(document.id);
    await expect(store.createFinding({ documentId: document.id, start: 0, end: 7, tagIds: ['tag-protection'] })).rejects.toThrow('That document is no longer in the library.');
  });

  it('checks against the restored text after a backup replaced the workspace', async () => {
    const { store } = workspace();
    const document = await imported(store);
    const snapshot = await snapshotWorkspace(store);
    await store.getText(document.id);
    snapshot.texts = snapshot.texts.map((t) => ({ ...t, text: `Restored from a backup. ${t.text}` }));
    await restoreBackup(store, snapshot);
    const f = await store.createFinding({ documentId: document.id, start: 0, end: 'Restored from a backup.'.length, tagIds: ['tag-protection'] });
    expect(f.quote.exact).toBe('Restored from a backup.');
  });
});

describe('counting findings per document', () => {
  it('counts each document’s findings (from the documentId index), and none once it is deleted', async () => {
    const { store } = workspace();
    const document = await imported(store);
    const text = (await store.getText(document.id))!.text;
    for (const s of ['Lithuanian courts', 'LUXEMBOURG: Tier 1', 'PREVENTION']) {
      const at = text.indexOf(s);
      await store.createFinding({ documentId: document.id, start: at, end: at + s.length, tagIds: ['tag-protection'] });
    }
    expect(await store.countFindingsByDocument()).toEqual(new Map([[document.id, 3]]));
    await store.deleteDocument(document.id);
    expect(await store.countFindingsByDocument()).toEqual(new Map());
  });
});
