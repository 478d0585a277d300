import type { DocumentRecord } from '../../../shared/model/types';
import type { SearchHit, SearchNote, SearchText } from '../../../shared/search/search-index';
import type { SyncOutcome } from '../../../shared/search/search-indexer';
import type { SearchReply, SearchRequest } from './search-protocol';

/** The page's side of the search worker: one worker for the app's lifetime, so its index survives view changes. */
export class SearchClient {
  private worker: Worker | undefined;
  private next = 1;
  private syncs = new Map<number, { loadTexts: (ids: string[]) => Promise<ReadonlyMap<string, SearchText>>; resolve: (o: SyncOutcome) => void; reject: (e: Error) => void }>();
  private queries = new Map<number, (r: { hits: SearchHit[]; ms: number }) => void>();

  private get port(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search' });
      this.worker.onmessage = (e: MessageEvent<SearchReply>) => this.receive(e.data);
      this.worker.onerror = (e) => {
        for (const s of this.syncs.values()) s.reject(new Error(e.message || 'the search worker failed'));
        this.syncs.clear();
      };
    }
    return this.worker;
  }

  /** Brings the worker's index in line with these documents and notes; it asks `loadTexts` only for texts it lacks. */
  sync(documents: DocumentRecord[], notes: SearchNote[], loadTexts: (ids: string[]) => Promise<ReadonlyMap<string, SearchText>>): Promise<SyncOutcome> {
    const syncId = this.next++;
    return new Promise((resolve, reject) => {
      this.syncs.set(syncId, { loadTexts, resolve, reject });
      this.send({ type: 'sync', syncId, documents, notes });
    });
  }

  /** Hits for a query from the worker's current index. */
  query(query: string, limit = 200): Promise<{ hits: SearchHit[]; ms: number }> {
    const queryId = this.next++;
    return new Promise((resolve) => {
      this.queries.set(queryId, resolve);
      this.send({ type: 'search', queryId, query, limit });
    });
  }

  private send(m: SearchRequest): void {
    this.port.postMessage(m);
  }

  private receive(m: SearchReply): void {
    if (m.type === 'hits') {
      this.queries.get(m.queryId)?.(m);
      this.queries.delete(m.queryId);
      return;
    }
    const sync = this.syncs.get(m.syncId);
    if (!sync) return;
    if (m.type === 'need') {
      void sync.loadTexts(m.ids).then(
        (texts) => this.send({ type: 'texts', syncId: m.syncId, texts: [...texts] }),
        // Without the texts the worker indexes nothing new; the next sync asks again.
        () => this.send({ type: 'texts', syncId: m.syncId, texts: [] }),
      );
      return;
    }
    this.syncs.delete(m.syncId);
    if (m.type === 'synced') sync.resolve(m.outcome);
    else sync.reject(new Error(m.message));
  }
}
