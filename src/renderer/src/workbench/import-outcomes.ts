import type { IngestOutcome } from '../../../shared/ipc/contract';
import type { DocumentRecord } from '../../../shared/model/types';
import type { WorkbenchStore } from '../../../shared/store/workbench-store';

/** One file that needs its password before it can be imported. */
export interface PasswordRequest {
  fileName: string;
  bytes: Uint8Array;
  /** True when a password was tried and was wrong. */
  retry: boolean;
}

/** What importing a batch of ingestion outcomes did. */
export interface ImportSummary {
  imported: DocumentRecord[];
  /** Files that were already in the library (same content). */
  duplicates: DocumentRecord[];
  failures: { fileName: string; message: string }[];
  passwords: PasswordRequest[];
}

/** Stores every successfully ingested file; collects failures and password requests. */
export async function importOutcomes(store: WorkbenchStore, outcomes: readonly IngestOutcome[]): Promise<ImportSummary> {
  const summary: ImportSummary = { imported: [], duplicates: [], failures: [], passwords: [] };
  for (const o of outcomes) {
    if (o.ok) {
      const { document, created } = await store.importDocument(o.file.document, o.file.bytes);
      (created ? summary.imported : summary.duplicates).push(document);
    } else if (o.code === 'cancelled') {
      // The analyst stopped it: nothing to report, nothing imported.
      continue;
    } else if ((o.code === 'password-required' || o.code === 'password-incorrect') && o.bytes) {
      summary.passwords.push({ fileName: o.fileName, bytes: o.bytes, retry: o.code === 'password-incorrect' });
    } else {
      summary.failures.push({ fileName: o.fileName, message: o.message });
    }
  }
  return summary;
}
