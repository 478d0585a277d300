/**
 * V8 limits for the ingestion threads (the ingestion worker and its page workers).
 *
 * The old-generation cap stops a hostile or huge file in its worker instead of taking the app
 * down. The small young generation keeps peak memory down: V8 otherwise lets each thread's
 * nursery grow to tens of megabytes, and pdf.js makes a great deal of short-lived garbage. On the
 * 260-page bench report it took peak memory from about 445 MB to about 290 MB at no measurable
 * cost in time (`npm run bench`).
 */
export const INGEST_WORKER_LIMITS = { maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 16 } as const;

/** The same young-generation cap for each page worker; its heap cap comes from the caller. */
export const PAGE_WORKER_YOUNG_MB = 16;
