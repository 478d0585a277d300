import { normalizeCodebook } from '../codebook/codebook-ops';
import type { ExportInput } from '../export/finding-rows';
import type { BackupContents } from './backup-format';

/** What exportFindings needs, from a backup instead of the workspace: documents oldest first and the codebook parents first, as the app lists them. */
export function backupExportInput(contents: BackupContents): ExportInput {
  return {
    documents: [...contents.documents].sort((a, b) => (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : 0)),
    texts: new Map(contents.texts.map((t) => [t.documentId, t])),
    findings: contents.findings,
    tags: normalizeCodebook(contents.tags.map((t) => ({ ...t, parentId: t.parentId ?? null }))),
  };
}
