/// <reference lib="webworker" />
import { errorMessage } from '../../../shared/result';
import { SearchCache } from '../../../shared/search/search-cache';
import type { SearchText } from '../../../shared/search/search-index';
import { SearchIndexer } from '../../../shared/search/search-indexer';
import type { SearchReply, SearchRequest } from './search-protocol';

// The index is built, loaded, updated and queried here, off the UI thread; the cache is IndexedDB.
// Stored a moment after the last change, so a burst of note edits is serialised once.
const indexer = new SearchIndexer(new SearchCache(), 1500);
const waiting = new Map<number, (texts: ReadonlyMap<string, SearchText>) => void>();
const post = (m: SearchReply): void => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = (event: MessageEvent<SearchRequest>) => {
  const m = event.data;
  if (m.type === 'search') {
    const t0 = performance.now();
    const hits = indexer.query(m.query, m.limit);
    post({ type: 'hits', queryId: m.queryId, hits, ms: performance.now() - t0 });
  } else if (m.type === 'texts') {
    waiting.get(m.syncId)?.(new Map(m.texts));
    waiting.delete(m.syncId);
  } else if (m.type === 'sync') {
    const loadTexts = (ids: string[]) =>
      new Promise<ReadonlyMap<string, SearchText>>((resolve) => {
        waiting.set(m.syncId, resolve);
        post({ type: 'need', syncId: m.syncId, ids });
      });
    indexer.sync(m.documents, m.notes, loadTexts).then(
      (outcome) => post({ type: 'synced', syncId: m.syncId, outcome }),
      (e: unknown) => post({ type: 'sync-failed', syncId: m.syncId, message: errorMessage(e) }),
    );
  }
};
