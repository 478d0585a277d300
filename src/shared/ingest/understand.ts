import { extractFigures } from './figures';
import type { ReportStructure } from './report-types';
import { parseReportStructure, type ParseStructureOptions } from './structure';

/** The whole structure of a report's clean text: narratives, sections, recommendations and figures. */
export function understandReport(text: string, options: ParseStructureOptions = {}): ReportStructure {
  const structure = parseReportStructure(text, options);
  for (const country of structure.countries) {
    country.figures = extractFigures(text, { start: country.start, end: country.end, pageStarts: options.pageStarts });
  }
  return structure;
}
