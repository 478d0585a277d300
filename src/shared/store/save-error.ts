import { errorMessage } from '../result';

/**
 * Why a save failed, as far as the analyst needs to know:
 * - `disk-full`: the browser's storage quota or the disk is full (QuotaExceededError, also when
 *   Dexie reports it as an AbortError of the transaction with the quota error inside);
 * - `closed`: the database is closed or read-only (another window opened a newer version);
 * - `storage`: any other refusal by IndexedDB (I/O error, aborted transaction);
 * - `refused`: the app itself refused the input (no tag chosen, the document is gone).
 */
export type SaveErrorKind = 'disk-full' | 'closed' | 'storage' | 'refused';

/** A failed save, explained. */
export interface SaveError {
  kind: SaveErrorKind;
  /** What the form shows next to its Retry button; says that the draft is kept. */
  message: string;
}

/** IndexedDB / Dexie error names that mean "the storage refused the write". */
const STORAGE_ERRORS = new Set([
  'AbortError',
  'UnknownError',
  'TimeoutError',
  'DataCloneError',
  'ConstraintError',
  'DataError',
  'TransactionInactiveError',
  'NotFoundError',
  'InvalidAccessError',
  'OpenFailedError',
]);
const CLOSED_ERRORS = new Set(['DatabaseClosedError', 'ReadOnlyError', 'InvalidStateError', 'VersionChangeError']);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  inner?: unknown;
  cause?: unknown;
}

/** The error and the errors it wraps (Dexie's `inner`, the standard `cause`), outermost first. */
function chain(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  for (let cur = e, depth = 0; cur && typeof cur === 'object' && depth < 8; depth++) {
    const err = cur as ErrorLike;
    out.push(err);
    cur = err.inner ?? err.cause;
  }
  return out;
}

/** True when `e` (or an error it wraps) says the storage is out of space. */
export function isQuotaError(e: unknown): boolean {
  return chain(e).some(
    (err) =>
      err.name === 'QuotaExceededError' ||
      // Legacy DOMException code QUOTA_EXCEEDED_ERR.
      err.code === 22 ||
      (typeof err.message === 'string' && /\bquota\b|QuotaExceeded|no space left|disk is full/i.test(err.message)),
  );
}

/** Explains why saving a finding failed; the draft stays in the form in every case. */
export function classifySaveError(e: unknown): SaveError {
  if (isQuotaError(e)) {
    return {
      kind: 'disk-full',
      message: 'Not saved — disk full. Your passage, tags and note are kept here: free some disk space, then press Retry.',
    };
  }
  const names = chain(e).map((err) => (typeof err.name === 'string' ? err.name : ''));
  // Dexie puts the wrapped error on a second line; one line reads better in a form.
  const detail = errorMessage(e).replace(/\s+/g, ' ').trim();
  if (names.some((n) => CLOSED_ERRORS.has(n))) {
    return {
      kind: 'closed',
      message: `Not saved — the workspace is closed for writing (${detail}). Your draft is kept here; reload the app, then press Retry.`,
    };
  }
  if (names.some((n) => STORAGE_ERRORS.has(n))) {
    return {
      kind: 'storage',
      message: `Not saved — the browser's storage refused the write (${detail}). Your draft is kept here; press Retry.`,
    };
  }
  return { kind: 'refused', message: `Not saved: ${detail}` };
}
