/** pdf.js's worker module, imported to run its parser inside our own ingestion worker. */
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}

/** CSS modules. */
declare module '*.module.css' {
  const classes: Record<string, string>;
  export default classes;
}
