import { IDBDatabase, IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { pdfDocumentParams } from '../../src/shared/ingest/pdf-open';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';

// Two promises of the README's security section that live outside Electron's checklist.

describe('security promises', () => {
  it('pdf.js opens every PDF with no XFA forms, no system fonts and no font-face loading, on a copy of the bytes', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const params = pdfDocumentParams(bytes, await loadNodePdfjs());
    expect(params).toMatchObject({ enableXfa: false, useSystemFonts: false, disableFontFace: true });
    expect(params.data).not.toBe(bytes);
    // Its data files are local paths (the app's own copy), never remote URLs.
    for (const key of ['standardFontDataUrl', 'cMapUrl', 'wasmUrl'] as const) {
      const value = params[key];
      if (value !== undefined) expect(String(value), key).not.toMatch(/^(https?:)?\/\//);
    }
  });

  it('every write to the workspace commits with strict durability (flushed before "saved")', async () => {
    const original = IDBDatabase.prototype.transaction;
    const seen: { mode?: string; durability?: string }[] = [];
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof original>) {
      seen.push({ mode: args[1], durability: args[2]?.durability });
      return original.apply(this, args);
    };
    try {
      const store = new WorkbenchStore(new WorkbenchDb({ name: 'durability', indexedDB: new IDBFactory(), IDBKeyRange }));
      await store.setSetting('promise', 'kept');
      const writes = seen.filter((t) => t.mode === 'readwrite');
      expect(writes.length).toBeGreaterThan(0);
      for (const w of writes) expect(w.durability).toBe('strict');
    } finally {
      IDBDatabase.prototype.transaction = original;
    }
  });
});
