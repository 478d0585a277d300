import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { SearchNote, SearchText } from '../../../shared/search/search-index';
import { errorMessage } from '../../../shared/result';
import { useServices } from '../workbench/context';
import { SearchClient } from './search-client';

let shared: SearchClient | undefined;

/** What {@link useReportSearch} returns. */
export interface ReportSearchState {
  /** The worker, to query; its index may still be building (`indexing`). */
  client: SearchClient;
  /** True while documents or notes are being (re)indexed. */
  indexing: boolean;
  /** Counts syncs finished, so results are asked again once an index is ready or changed. */
  version: number;
  error?: string;
}

/**
 * Keeps the search worker's index in step with the workspace: on every change to the documents or
 * the findings' notes it syncs, sending only the texts the worker lacks. The page stays usable meanwhile.
 */
export function useReportSearch(): ReportSearchState {
  const { store } = useServices();
  shared ??= new SearchClient();
  const client = shared;
  const documents = useLiveQuery(() => store.listDocuments(), [store]);
  const notes = useLiveQuery(
    async (): Promise<SearchNote[]> =>
      (await store.db.findings.toArray()).filter((f) => f.note.trim()).map((f) => ({ id: f.id, documentId: f.documentId, note: f.note, position: { start: f.position.start, end: f.position.end } })),
    [store],
  );
  const [state, setState] = useState<{ indexing: boolean; version: number; error?: string }>({ indexing: true, version: 0 });
  useEffect(() => {
    if (!documents || !notes) return;
    let alive = true;
    setState((s) => ({ ...s, indexing: true }));
    const loadTexts = async (ids: string[]) => {
      const texts = new Map<string, SearchText>();
      for (const id of ids) {
        const t = await store.getText(id);
        // Only what the index reads: the text and where each country narrative runs.
        if (t) texts.set(id, { text: t.text, structure: { countries: t.structure.countries.map((c) => ({ name: c.name, start: c.start, end: c.end })) } });
      }
      return texts;
    };
    client.sync(documents, notes, loadTexts).then(
      () => alive && setState((s) => ({ indexing: false, version: s.version + 1 })),
      (e: unknown) => alive && setState((s) => ({ indexing: false, version: s.version, error: errorMessage(e) })),
    );
    return () => {
      alive = false;
    };
  }, [client, store, documents, notes]);
  return { client, ...state };
}
