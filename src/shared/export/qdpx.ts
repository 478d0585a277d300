import { strToU8, zipSync, type Zippable } from 'fflate';
import { tagGuid } from '../codebook/refi-qdc';
import type { DocumentRecord, Finding, Tag } from '../model/types';
import { codePointOffsets, normalizeNewlines } from './code-points';
import { exportedFindings, findingTagNodes, textOf, type ExportInput } from './finding-rows';
import { exportGuid } from './guids';
import { tagTree, type TagNode } from './tag-tree';

/** Namespace of a REFI-QDA project document. */
export const QDE_NAMESPACE = 'urn:QDA-XML:project:1.0';

/** Options of {@link findingsToQdpx}. */
export interface QdpxOptions {
  /** The project's name; "Report Workbench export" by default. */
  name?: string;
  /** The `origin` attribute; "Report Workbench" by default. */
  origin?: string;
  /** ISO 8601 time of the export: the project's creationDateTime and the zip entries' time. Left out by default, so output is reproducible. */
  created?: string;
}

// XML 1.0 cannot carry these at all, not even as character references.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlText(s: string): string {
  return s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

// A parser turns literal tabs and line breaks in an attribute into spaces; references survive.
function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

function attrs(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

// xsd:dateTime; an unparsable stored date is left out rather than making the file invalid.
const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const dateTime = (s: string | undefined) => (s !== undefined && XSD_DATE_TIME.test(s) ? s : undefined);

const RGB = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

// Tools list selections by name; the start of the quote is what an analyst recognises.
function selectionName(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= 60 ? flat : `${chars.slice(0, 59).join('')}…`;
}

/** A tag's REFI-QDA GUID: the same as in the codebook export (`.qdc`), so tools match the two. */
export function codeGuid(tag: Tag): string {
  return tagGuid(tag);
}

function codeBook(tree: TagNode[]): string[] {
  const children = new Map<string | null, TagNode[]>();
  for (const n of tree) {
    const list = children.get(n.parentId);
    if (list) list.push(n);
    else children.set(n.parentId, [n]);
  }
  const out: string[] = [];
  const write = (node: TagNode, indent: string) => {
    const { tag } = node;
    const head = `${indent}<Code${attrs({ guid: codeGuid(tag), name: tag.name, isCodable: 'true', color: RGB.test(tag.color) ? tag.color : undefined })}`;
    const kids = children.get(tag.id) ?? [];
    const description = tag.description.trim();
    if (kids.length === 0 && description === '') {
      out.push(`${head}/>`);
      return;
    }
    out.push(`${head}>`);
    if (description !== '') out.push(`${indent}  <Description>${xmlText(description)}</Description>`);
    for (const kid of kids) write(kid, `${indent}  `);
    out.push(`${indent}</Code>`);
  };
  for (const root of children.get(null) ?? []) write(root, '      ');
  return out.length === 0 ? [] : ['  <CodeBook>', '    <Codes>', ...out, '    </Codes>', '  </CodeBook>'];
}

function documentDescription(doc: DocumentRecord): string {
  return [`File: ${doc.fileName}`, doc.year === null ? '' : `Year: ${doc.year}`, `SHA-256: ${doc.sha256}`].filter((s) => s !== '').join('\n');
}

function textSource(doc: DocumentRecord, text: string, findings: Finding[], tree: TagNode[], guid: string): string[] {
  // An orphaned finding's position points at unrelated text; any other must still select its quote.
  const placed = findings.filter((f) => f.anchor?.status !== 'orphaned' && text.slice(f.position.start, f.position.end) === f.quote.exact);
  const points = codePointOffsets(text, placed.flatMap((f) => [f.position.start, f.position.end]), { normalizeNewlines: true });
  const codes = new Map(tree.map((n) => [n.tag.id, codeGuid(n.tag)]));
  const out = [`    <TextSource${attrs({ guid, name: doc.title, plainTextPath: `internal://${guid}.txt`, creationDateTime: dateTime(doc.addedAt) })}>`];
  out.push(`      <Description>${xmlText(documentDescription(doc))}</Description>`);
  for (const f of placed) {
    const selection = exportGuid('finding', f.id).toUpperCase();
    out.push(
      `      <PlainTextSelection${attrs({
        guid: selection,
        name: selectionName(f.quote.exact),
        startPosition: points.get(f.position.start)!,
        endPosition: points.get(f.position.end)!,
        creationDateTime: dateTime(f.createdAt),
        modifiedDateTime: dateTime(f.updatedAt),
      })}>`,
    );
    const note = f.note.trim();
    if (note !== '') out.push(`        <Description>${xmlText(note)}</Description>`);
    for (const { tag } of findingTagNodes(f, tree)) {
      out.push(`        <Coding${attrs({ guid: exportGuid('coding', f.id, tag.id).toUpperCase(), creationDateTime: dateTime(f.createdAt) })}>`);
      out.push(`          <CodeRef${attrs({ targetGUID: codes.get(tag.id)! })}/>`);
      out.push('        </Coding>');
    }
    out.push('      </PlainTextSelection>');
  }
  out.push('    </TextSource>');
  return out;
}

/** The project document (`project.qde`) and each source's plain text, by path inside the archive. */
export function qdpxEntries(input: ExportInput, options: QdpxOptions = {}): { projectXml: string; sources: Map<string, string> } {
  const tree = tagTree(input.tags);
  const findings = exportedFindings(input);
  const sources = new Map<string, string>();
  const sourceXml: string[] = [];
  for (const doc of input.documents) {
    const stored = textOf(input.texts, doc.id)?.text;
    if (stored === undefined) continue;
    const guid = exportGuid('document', doc.id).toUpperCase();
    const own = findings.filter((f) => f.documentId === doc.id);
    sourceXml.push(...textSource(doc, stored, own, tree, guid));
    // No BOM: a reader counting it as a character would shift every selection by one.
    sources.set(`sources/${guid}.txt`, normalizeNewlines(stored));
  }
  const projectXml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Project${attrs({
      xmlns: QDE_NAMESPACE,
      name: options.name ?? 'Report Workbench export',
      origin: options.origin ?? 'Report Workbench',
      creationDateTime: dateTime(options.created),
    })}>`,
    ...codeBook(tree),
    ...(sourceXml.length > 0 ? ['  <Sources>', ...sourceXml, '  </Sources>'] : []),
    '</Project>',
    '',
  ].join('\n');
  return { projectXml, sources };
}

/**
 * The findings as a REFI-QDA project (`.qdpx`, QDA-XML project 1.0): the codebook with hierarchy,
 * colours and descriptions; each document as a TextSource whose plain text (UTF-8, LF line ends)
 * sits in `sources/`; each finding as a PlainTextSelection with one Coding per tag and its note as
 * the selection's Description. Positions count Unicode code points of that plain text, not
 * UTF-16 units, so an emoji before a passage does not shift it. GUIDs are upper case, as other
 * tools write them, and derived from our ids, so re-exporting gives the same GUIDs. Orphaned
 * findings are left out: their passage is not in the text.
 */
export function findingsToQdpx(input: ExportInput, options: QdpxOptions = {}): Uint8Array {
  const { projectXml, sources } = qdpxEntries(input, options);
  const created = dateTime(options.created);
  // DOS times are local and start in 1980: a fixed local date keeps the archive reproducible.
  const mtime = created === undefined ? new Date(1980, 0, 1) : new Date(created);
  const files: Zippable = { 'project.qde': [strToU8(projectXml), { level: 6 }] };
  for (const [path, text] of sources) files[path] = [strToU8(text), { level: 6 }];
  return zipSync(files, { mtime });
}
