import type { DocumentRecord } from '../../../shared/model/types';
import type { SearchHit, SearchNote, SearchText } from '../../../shared/search/search-index';
import type { SyncOutcome } from '../../../shared/search/search-indexer';

/** What the page asks of the search worker. */
export type SearchRequest =
  /** Bring the index in line with these documents and notes (the worker answers `need`, then `synced`). */
  | { type: 'sync'; syncId: number; documents: DocumentRecord[]; notes: SearchNote[] }
  /** The texts a `need` asked for. */
  | { type: 'texts'; syncId: number; texts: [string, SearchText][] }
  | { type: 'search'; queryId: number; query: string; limit: number };

/** What the search worker answers. */
export type SearchReply =
  | { type: 'need'; syncId: number; ids: string[] }
  | { type: 'synced'; syncId: number; outcome: SyncOutcome }
  | { type: 'sync-failed'; syncId: number; message: string }
  | { type: 'hits'; queryId: number; hits: SearchHit[]; ms: number };
