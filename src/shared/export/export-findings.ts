import { findingsToCsv } from './csv';
import { safeFileName } from './file-name';
import { findingRows, type ExportInput } from './finding-rows';
import { findingsToQdpx } from './qdpx';
import { findingsToHtml, findingsToMarkdown } from './report';
import { findingsToWebAnnotation, sha256Urn } from './web-annotation';
import { findingsToXlsx } from './xlsx';

/** Every format findings can be exported in. */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'json', 'md', 'html', 'qdpx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What each format is called in menus. */
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  csv: 'CSV (Excel, UTF-8)',
  xlsx: 'Excel workbook (.xlsx)',
  json: 'W3C Web Annotation (JSON-LD)',
  md: 'Report (Markdown)',
  html: 'Report (HTML)',
  qdpx: 'REFI-QDA project (.qdpx: ATLAS.ti, NVivo, MAXQDA, QualCoder)',
};

/** An export ready to save. */
export interface ExportFile {
  fileName: string;
  bytes: Uint8Array;
}

/** Exports findings in one format, with a safe file name; the same code serves the app and the CLI. */
export async function exportFindings(input: ExportInput, format: ExportFormat, baseName = 'findings'): Promise<ExportFile> {
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  const rows = (): ReturnType<typeof findingRows> => findingRows(input);
  let bytes: Uint8Array;
  switch (format) {
    case 'csv':
      bytes = text(findingsToCsv(rows()));
      break;
    case 'xlsx':
      bytes = await findingsToXlsx(rows(), input.tags);
      break;
    case 'json':
      bytes = text(JSON.stringify(findingsToWebAnnotation(input, { documentUri: sha256Urn }), null, 2));
      break;
    case 'md':
      bytes = text(findingsToMarkdown(rows(), input.tags));
      break;
    case 'html':
      bytes = text(findingsToHtml(rows(), input.tags));
      break;
    case 'qdpx':
      bytes = findingsToQdpx(input);
      break;
  }
  return { fileName: safeFileName(baseName, format === 'json' ? 'jsonld' : format), bytes };
}
