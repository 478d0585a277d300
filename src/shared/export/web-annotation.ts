import type { DocumentRecord, Finding } from '../model/types';
import { codePointOffsets } from './code-points';
import { exportedFindings, findingTagNodes, textOf, type ExportInput } from './finding-rows';
import { exportGuid } from './guids';
import { tagTree } from './tag-tree';

/** The JSON-LD context of the W3C Web Annotation Data Model, by reference (never fetched). */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** The media type a host should give a saved export (W3C Web Annotation Protocol §4). */
export const ANNOTATION_MEDIA_TYPE = 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"';

/** The software that wrote an export (W3C `generator`). */
export interface SoftwareAgent {
  id?: string;
  type: 'Software';
  name: string;
  homepage?: string;
}

/** The generator written when none is given. */
export const DEFAULT_GENERATOR: SoftwareAgent = { type: 'Software', name: 'Report Workbench' };

/** A tag (purpose "tagging") or the analyst's note (purpose "commenting"). */
export interface TextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting';
  value: string;
  format: 'text/plain';
}

/**
 * A link to the annotation of the finding this one was carried forward from (`predecessorId`).
 * The model has no "predecessor" property; its `linking` motivation is for "a link to a resource
 * related to the Target". A purpose cannot be put on an External Web Resource itself, so the link
 * is a SpecificResource whose `source` is the predecessor annotation's id (model §3.3.5, §4).
 */
export interface LinkingBody {
  type: 'SpecificResource';
  purpose: 'linking';
  source: string;
}

/** What an annotation's `body` holds. */
export type AnnotationBody = TextualBody | LinkingBody;

/** W3C TextQuoteSelector. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C TextPositionSelector, in Unicode code points of the document text. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** One finding as a W3C Web Annotation. */
export interface Annotation {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'tagging' | 'commenting' | 'highlighting';
  created: string;
  modified: string;
  generator: SoftwareAgent;
  generated?: string;
  /** Absent for a passage with neither a tag that still exists, a note nor a predecessor. */
  body?: AnnotationBody[];
  target: { source: string; selector: (TextQuoteSelector | TextPositionSelector)[] };
}

/** The single page of an export's collection. */
export interface AnnotationPage {
  id: string;
  type: 'AnnotationPage';
  startIndex: 0;
  items: Annotation[];
}

/** A W3C AnnotationCollection holding every exported finding. */
export interface AnnotationCollection {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generator: SoftwareAgent;
  generated?: string;
  /** Absent when the collection is empty, as the model allows. */
  first?: AnnotationPage;
}

/** Options of {@link findingsToWebAnnotation}. */
export interface WebAnnotationOptions {
  /** The URI a document is known by, the annotations' target `source` (see {@link sha256Urn}). */
  documentUri: (doc: DocumentRecord) => string;
  generator?: SoftwareAgent;
  /** The collection's label; "Report Workbench findings" by default. */
  label?: string;
  /** The collection's id; by default a name-based urn:uuid of the exported findings, stable across runs. */
  id?: string;
  /** ISO 8601 time of the export (`generated`), written only when given so output stays reproducible. */
  generated?: string;
}

/** A document's URI by content, `urn:sha256:<hex>`: the same file is the same source whatever its name or path. */
export function sha256Urn(doc: Pick<DocumentRecord, 'sha256'>): string {
  return `urn:sha256:${doc.sha256.toLowerCase()}`;
}

/**
 * The id a finding's annotation has in every export: its own UUID as a urn (see exportGuid), the
 * same on every run and machine.
 */
export function annotationId(findingId: string): string {
  return `urn:uuid:${exportGuid('finding', findingId)}`;
}

// Context stored either side of a quote is cut by UTF-16 length and can split an emoji; half a
// surrogate pair is not text and would not match anywhere.
function wholeCharacters(s: string): string {
  return s.replace(/^[\uDC00-\uDFFF]/, '').replace(/[\uD800-\uDBFF]$/, '');
}

function textualBodies(finding: Finding, paths: string[]): TextualBody[] {
  const out: TextualBody[] = paths.map((value) => ({ type: 'TextualBody', purpose: 'tagging', value, format: 'text/plain' }));
  const note = finding.note.trim();
  if (note !== '') out.push({ type: 'TextualBody', purpose: 'commenting', value: note, format: 'text/plain' });
  return out;
}

// The predecessor's id is computed as its own annotation's id is, so when both editions are
// exported together the link resolves to the other annotation in the same file. When the
// predecessor is not in the export (its document left out, or the finding deleted since) the
// link still names the id that annotation has in any other export: it is never dropped.
function linkingBodies(finding: Finding): LinkingBody[] {
  return finding.predecessorId ? [{ type: 'SpecificResource', purpose: 'linking', source: annotationId(finding.predecessorId) }] : [];
}

/**
 * The findings as a W3C Web Annotation AnnotationCollection (JSON-LD) with every annotation on
 * one embedded page. Each annotation carries its own `@context` so it stands alone when taken out.
 * Targets select the document's extracted text: a TextQuoteSelector always, plus a
 * TextPositionSelector in code points when the passage is still at its stored position (never
 * for an orphaned finding). Motivation is "tagging" when a tag remains, else "commenting" for a
 * note, else "highlighting": it says what the analyst did to the passage, so a link to the
 * finding it was carried forward from (a "linking" body, see {@link LinkingBody}) never changes
 * it. Each body states its own purpose.
 */
export function findingsToWebAnnotation(input: ExportInput, options: WebAnnotationOptions): AnnotationCollection {
  const generator = options.generator ?? DEFAULT_GENERATOR;
  const tree = tagTree(input.tags);
  const docs = new Map(input.documents.map((d) => [d.id, d]));
  const findings = exportedFindings(input);

  const positions = new Map<string, TextPositionSelector>();
  for (const doc of input.documents) {
    const text = textOf(input.texts, doc.id)?.text;
    if (text === undefined) continue;
    const placed = findings.filter(
      (f) =>
        f.documentId === doc.id &&
        f.anchor?.status !== 'orphaned' &&
        text.slice(f.position.start, f.position.end) === f.quote.exact,
    );
    const points = codePointOffsets(text, placed.flatMap((f) => [f.position.start, f.position.end]));
    for (const f of placed) {
      positions.set(f.id, { type: 'TextPositionSelector', start: points.get(f.position.start)!, end: points.get(f.position.end)! });
    }
  }

  const items = findings.map((f): Annotation => {
    const paths = findingTagNodes(f, tree).map((n) => n.path);
    const textual = textualBodies(f, paths);
    const body: AnnotationBody[] = [...textual, ...linkingBodies(f)];
    const quote: TextQuoteSelector = {
      type: 'TextQuoteSelector',
      exact: f.quote.exact,
      prefix: wholeCharacters(f.quote.prefix),
      suffix: wholeCharacters(f.quote.suffix),
    };
    const position = positions.get(f.id);
    return {
      '@context': ANNOTATION_CONTEXT,
      id: annotationId(f.id),
      type: 'Annotation',
      motivation: paths.length > 0 ? 'tagging' : textual.length > 0 ? 'commenting' : 'highlighting',
      created: f.createdAt,
      modified: f.updatedAt,
      generator,
      ...(options.generated === undefined ? {} : { generated: options.generated }),
      ...(body.length > 0 ? { body } : {}),
      target: { source: options.documentUri(docs.get(f.documentId)!), selector: position ? [quote, position] : [quote] },
    };
  });

  const id = options.id ?? `urn:uuid:${exportGuid('collection', ...items.map((a) => a.id))}`;
  return {
    '@context': ANNOTATION_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: options.label ?? 'Report Workbench findings',
    total: items.length,
    generator,
    ...(options.generated === undefined ? {} : { generated: options.generated }),
    ...(items.length > 0 ? { first: { id: `urn:uuid:${exportGuid('page', id)}`, type: 'AnnotationPage', startIndex: 0, items } } : {}),
  };
}
