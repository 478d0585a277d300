import type { DocumentRecord } from '../model/types';
import type { SearchCache } from './search-cache';
import { ReportSearch, SEARCH_INDEX_VERSION, type SearchHit, type SearchNote, type SearchText } from './search-index';
import { searchSignature } from './search-signature';

/** What a {@link SearchIndexer.sync} did. */
export interface SyncOutcome {
  /** 'current': nothing changed; 'cache': loaded as stored; 'updated': documents or notes (re)indexed. */
  source: 'current' | 'cache' | 'updated';
  /** Documents whose text was indexed in this sync. */
  indexed: number;
  ms: number;
}

/**
 * Keeps one {@link ReportSearch} in step with the workspace: loads it from the cache when the
 * workspace's signature matches, otherwise updates the stored (or an empty) index with only the
 * documents and notes that changed, and stores the result. Syncs run one after another.
 */
export class SearchIndexer {
  private search: ReportSearch | undefined;
  private signature: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private storeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts changes to the index, so a delayed store never saves a state that changed since. */
  private revision = 0;

  /**
   * `cache`: where the index is kept between sessions. `storeDelayMs`: wait this long after a change
   * before storing (serialising ten long reports takes a while, and notes are often edited in bursts);
   * 0 stores before the sync resolves.
   */
  constructor(
    private readonly cache: SearchCache,
    private readonly storeDelayMs = 0,
  ) {}

  /**
   * Brings the index in line with these documents and notes. `loadTexts` is asked only for the
   * texts of documents the index lacks or holds an older version of.
   */
  sync(documents: readonly DocumentRecord[], notes: readonly SearchNote[], loadTexts: (ids: string[]) => Promise<ReadonlyMap<string, SearchText>>): Promise<SyncOutcome> {
    const run = this.queue.then(() => this.syncNow(documents, notes, loadTexts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Hits for a query (none before the first sync). */
  query(query: string, limit?: number): SearchHit[] {
    return this.search?.search(query, limit) ?? [];
  }

  private async syncNow(documents: readonly DocumentRecord[], notes: readonly SearchNote[], loadTexts: (ids: string[]) => Promise<ReadonlyMap<string, SearchText>>): Promise<SyncOutcome> {
    const t0 = performance.now();
    const done = (source: SyncOutcome['source'], indexed = 0): SyncOutcome => ({ source, indexed, ms: Math.round(performance.now() - t0) });
    const signature = searchSignature(SEARCH_INDEX_VERSION, documents, notes);
    if (this.search && signature === this.signature) {
      this.search.update(documents, new Map(), notes); // titles only
      return done('current');
    }
    if (!this.search) {
      const cached = await this.cache.find(signature).catch(() => undefined);
      try {
        if (cached) this.search = ReportSearch.fromJSON(JSON.parse(cached.json));
      } catch {
        // A damaged or outdated cache is rebuilt.
      }
      if (this.search && cached?.exact) {
        this.search.update(documents, new Map(), notes);
        this.signature = signature;
        return done('cache');
      }
      this.search ??= new ReportSearch();
    }
    const search = this.search;
    const stale = search.staleDocuments(documents);
    const indexed = search.update(documents, stale.length ? await loadTexts(stale) : new Map(), notes);
    this.revision++;
    // A document whose text could not be read stays out; the next sync tries again.
    if (search.staleDocuments(documents).length === 0) {
      this.signature = signature;
      await this.store(search, signature);
    }
    return done('updated', indexed);
  }

  private async store(search: ReportSearch, signature: string): Promise<void> {
    const save = () => this.cache.store(signature, JSON.stringify(search.toJSON())).catch(() => undefined);
    clearTimeout(this.storeTimer);
    if (this.storeDelayMs <= 0) return save();
    // Only the latest complete state is stored; the save runs in the queue so no sync changes the index meanwhile.
    const revision = this.revision;
    this.storeTimer = setTimeout(() => {
      this.queue = this.queue.then(() => (this.revision === revision ? save() : undefined));
    }, this.storeDelayMs);
  }
}
