import { useCallback, useEffect, useRef, useState } from 'react';
import { sizeProblem } from '../../../shared/ingest/ingest';
import type { IngestOutcome } from '../../../shared/ipc/contract';
import type { DocumentRecord } from '../../../shared/model/types';
import { errorMessage, type Result } from '../../../shared/result';
import { importOutcomes, type PasswordRequest } from './import-outcomes';
import { useServices } from './context';

/** A message shown above the reader after a failed import. */
export interface ImportProblem {
  id: number;
  fileName: string;
  message: string;
}

/** State and actions of importing documents from every entry point (menu, toolbar, drop, sample). */
export interface DocumentImport {
  busy: boolean;
  problems: ImportProblem[];
  passwordRequest: PasswordRequest | undefined;
  openWithDialog(): Promise<void>;
  importFiles(files: readonly File[]): Promise<void>;
  loadSample(): Promise<DocumentRecord | undefined>;
  submitPassword(password: string): Promise<void>;
  cancelPassword(): void;
  dismissProblem(id: number): void;
}

/** Imports files through the host and into the store; `onOpened` receives the document to show. */
export function useDocumentImport(onOpened: (doc: DocumentRecord) => void): DocumentImport {
  const { host, store } = useServices();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [passwordQueue, setPasswordQueue] = useState<PasswordRequest[]>([]);
  const nextId = useRef(1);

  const report = useCallback((fileName: string, message: string) => {
    setProblems((p) => [...p, { id: nextId.current++, fileName, message }]);
  }, []);

  const handle = useCallback(
    async (run: () => Promise<Result<IngestOutcome[] | null>>): Promise<DocumentRecord | undefined> => {
      setBusy(true);
      try {
        const result = await run();
        if (!result.ok) {
          report('', result.error);
          return undefined;
        }
        if (!result.value) return undefined;
        const summary = await importOutcomes(store, result.value);
        summary.failures.forEach((f) => report(f.fileName, f.message));
        if (summary.passwords.length) setPasswordQueue((q) => [...q, ...summary.passwords]);
        const shown = summary.imported[0] ?? summary.duplicates[0];
        if (shown) onOpened(shown);
        return shown;
      } catch (e) {
        report('', errorMessage(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [store, onOpened, report],
  );

  // Files the host opened by itself (Open Recent, command line, a second launch) import like chosen ones.
  useEffect(() => host.onFilesOpened((outcomes) => void handle(async () => ({ ok: true, value: outcomes }))), [host, handle]);

  const one = (r: Result<IngestOutcome>): Result<IngestOutcome[]> => (r.ok ? { ok: true, value: [r.value] } : r);

  return {
    busy,
    problems,
    passwordRequest: passwordQueue[0],
    openWithDialog: async () => void (await handle(() => host.openDocuments())),
    importFiles: async (files) => {
      await handle(async () => {
        const outcomes: IngestOutcome[] = [];
        for (const f of files) {
          // Refused from its size alone: a huge dropped file is never read into memory.
          const tooLarge = sizeProblem(f.name, f.size);
          if (tooLarge) {
            outcomes.push({ ok: false, fileName: f.name, code: tooLarge.code, message: tooLarge.message });
            continue;
          }
          const r = await host.ingestBytes(f.name, new Uint8Array(await f.arrayBuffer()));
          if (!r.ok) return r;
          outcomes.push(r.value);
        }
        return { ok: true, value: outcomes };
      });
    },
    loadSample: () => handle(async () => one(await host.loadSample())),
    submitPassword: async (password) => {
      const req = passwordQueue[0];
      if (!req) return;
      setPasswordQueue((q) => q.slice(1));
      await handle(async () => one(await host.ingestBytes(req.fileName, req.bytes, password)));
    },
    cancelPassword: () => setPasswordQueue((q) => q.slice(1)),
    dismissProblem: (id) => setProblems((p) => p.filter((x) => x.id !== id)),
  };
}
