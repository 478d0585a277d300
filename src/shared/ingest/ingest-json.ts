import { pageTexts } from '../model/document-text';
import type { IngestedDocument } from './types';

/** The JSON `rwb ingest --json` prints: the whole structure, recommendations as strings, and the text per page. */
export function ingestJson(file: string, doc: IngestedDocument) {
  const { structure } = doc;
  return {
    file,
    year: structure.year,
    yearSource: structure.yearSource,
    pages: doc.pageStarts.length,
    characters: doc.characters,
    warnings: doc.warnings,
    countries: structure.countries.map((c) => ({
      name: c.name,
      tier: c.tier,
      inferred: c.inferred,
      start: c.start,
      end: c.end,
      page: c.page,
      sections: c.sections.map((s) => ({ kind: s.kind, start: s.start, end: s.end, page: s.page })),
      recommendations: c.recommendations.map((r) => r.text),
      figures: c.figures,
    })),
    outline: structure.outline,
    text: pageTexts(doc.text, doc.pageStarts),
  };
}
