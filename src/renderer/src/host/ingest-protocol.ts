import type { IngestedDocument, IngestErrorCode } from '../../../shared/ingest/types';

/** A job for the web host's ingestion worker. */
export interface WorkerJob {
  fileName: string;
  bytes: Uint8Array;
  password?: string;
  /** Absolute URL of the folder holding pdf.js's fonts, CMaps and wasm (same origin). */
  assetsBase: string;
}

/** What the worker posts back. */
export type WorkerReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; document: IngestedDocument }
  | { type: 'error'; code: IngestErrorCode; message: string };
