import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildTree } from './codebook-ops';
import {
  FALLBACK_COLOURS,
  MAX_CODES,
  MAX_DEPTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  normalizeHexColour,
  type CodebookTag,
} from './codebook-tag';
import { uuidV5 } from './name-uuid';

/** Namespace of a REFI-QDA codebook (`.qdc`). */
export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** Namespace of a REFI-QDA project (`project.qde` inside a `.qdpx`). */
export const QDE_NAMESPACE = 'urn:QDA-XML:project:1.0';

/** The `origin` written on exported codebooks. */
export const QDC_ORIGIN = 'Report Workbench';

/** Largest file read, in characters: a codebook is kilobytes; a project with inline text can be megabytes. */
export const MAX_QDA_XML_LENGTH = 64 * 1024 * 1024;

// Fixed forever: changing it would give every exported code a new GUID, and other tools would
// see a re-exported codebook as all-new codes.
const GUID_NAMESPACE = '0aaa4d00-5cf3-419a-aa67-e69fac4c0aa5';
const GUID_RE = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const MAX_OTHER_ATTRIBUTE_LENGTH = 10_000;

/** A GUID in the form we compare and write: upper case, without braces; null when it is not one. */
export function normalizeGuid(guid: string): string | null {
  const m = GUID_RE.exec(guid.trim());
  return m ? m[1]!.toUpperCase() : null;
}

/**
 * The REFI-QDA GUID of a code: the one kept from an import, else a name-based UUID (v5) of its id,
 * so the same code exports with the same GUID every time and on every machine.
 */
export function tagGuid(tag: Pick<CodebookTag, 'id' | 'guid'>): string {
  const kept = tag.guid === undefined ? null : normalizeGuid(tag.guid);
  return kept ?? uuidV5(GUID_NAMESPACE, tag.id).toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Export

// XML 1.0 cannot carry these at all, not even as references; they are dropped rather than
// producing a file no tool can open.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeText(s: string): string {
  return s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

// Whitespace characters are written as references: a parser turns literal ones into spaces.
function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** Options for {@link codebookToQdc}. */
export interface QdcExportOptions {
  /** The `origin` attribute; {@link QDC_ORIGIN} by default. */
  origin?: string;
}

/**
 * The codebook as a REFI-QDA codebook file (`.qdc`, QDA-XML codebook 1.0): hierarchy, names,
 * colours and descriptions; every code codable. Keys and ids have no place in the format.
 * No `<Sets>` element is written: the schema makes it optional but forbids it empty.
 * Throws for an empty codebook, which the schema cannot express.
 */
export function codebookToQdc(tags: readonly CodebookTag[], options: QdcExportOptions = {}): string {
  const roots = buildTree(tags);
  if (roots.length === 0) throw new Error('The codebook is empty: there is nothing to export.');
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="${QDC_NAMESPACE}" origin="${escapeAttr(options.origin ?? QDC_ORIGIN)}">`,
    '  <Codes>',
  ];
  // Iterative walk: an 'exit' entry closes a code after its children.
  type Step = { node: (typeof roots)[number]; exit: boolean };
  const stack: Step[] = roots.map((node) => ({ node, exit: false })).reverse();
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    const pad = '  '.repeat(node.depth + 2);
    if (exit) {
      out.push(`${pad}</Code>`);
      continue;
    }
    const t = node.tag;
    const color = normalizeHexColour(t.color);
    const attrs = `guid="${tagGuid(t)}" name="${escapeAttr(t.name)}" isCodable="true"${color ? ` color="${color}"` : ''}`;
    const description = t.description ?? '';
    if (description === '' && node.children.length === 0) {
      out.push(`${pad}<Code ${attrs}/>`);
      continue;
    }
    out.push(`${pad}<Code ${attrs}>`);
    if (description !== '') out.push(`${pad}  <Description>${escapeText(description)}</Description>`);
    stack.push({ node, exit: true });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, exit: false });
  }
  out.push('  </Codes>', '</CodeBook>', '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Import

/** What {@link parseQdc} read. */
export interface QdcImport {
  /** The codes, parents before children, `order` 1..n, without keys. */
  tags: CodebookTag[];
  /** The file's `origin` attribute (the tool that wrote it), if any. */
  origin: string | null;
  /** Whether the file was a codebook or a whole project. */
  source: 'codebook' | 'project';
  /** Things read leniently (a bad colour replaced, a project without codebook), as sentences. */
  warnings: string[];
}

/** Options for {@link parseQdc}. */
export interface QdcImportOptions {
  /**
   * Codes already in the workspace: a code whose GUID matches one of theirs (as {@link tagGuid}
   * gives it) gets that code's id back, so re-importing our own export keeps findings linked.
   */
  knownTags?: readonly CodebookTag[];
}

type XNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Entities are decoded here, by decodeXml, which knows only XML's five predefined entities and
  // character references: no entity declared in the file is ever expanded (there is no DTD to
  // declare one in: a DOCTYPE is refused before parsing), so entity-expansion attacks have nothing
  // to expand. The limits below would bound the parser's own expansion if it were ever enabled.
  processEntities: { enabled: false, maxEntityCount: 0, maxEntitySize: 1, maxExpansionDepth: 1, maxTotalExpansions: 1, maxExpandedLength: 1 },
  htmlEntities: false,
  // Project > CodeBook > Codes > Code… > Description.
  maxNestedTags: MAX_DEPTH + 4,
  // The parser builds text a character at a time (about a second per 10 MB); stop nodes are cut
  // out whole instead. Descriptions are decoded by textOf; the rest of a project is only checked
  // for well-formedness, never built.
  stopNodes: ['*.Description', ...['Users', 'Variables', 'Cases', 'Sources', 'Notes', 'Links', 'Sets', 'Graphs', 'NoteRef'].map((n) => `Project.${n}`), 'CodeBook.Sets'],
});

function elementName(node: XNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function childNodes(node: XNode): XNode[] {
  const name = elementName(node);
  const kids = name === undefined ? undefined : node[name];
  return Array.isArray(kids) ? (kids as XNode[]) : [];
}

function attributes(node: XNode): Record<string, string> {
  const a = node[':@'];
  return a && typeof a === 'object' ? (a as Record<string, string>) : {};
}

function attr(node: XNode, name: string): string | undefined {
  const a = attributes(node);
  return Object.hasOwn(a, name) ? a[name] : undefined;
}

function isElement(node: XNode): boolean {
  const name = elementName(node);
  return name !== undefined && name !== '#text' && name !== '#cdata';
}

function elementsNamed(node: XNode, name: string): XNode[] {
  return childNodes(node).filter((c) => isElement(c) && localName(elementName(c)!) === name);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Resolves references in text or an attribute value, in one pass so `&amp;#38;` stays `&#38;`. */
function decodeXml(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&]*)(;?)/g, (_m, body: string, semi: string) => {
    const shown = `&${body.slice(0, 20)}${semi}`;
    if (semi !== ';') throw new Error(`The file has a bare “&” (${quoteSnippet(shown)}); in XML it must be written &amp;.`);
    if (body.startsWith('#')) {
      const cp = /^#x[0-9a-f]{1,6}$/i.test(body) ? parseInt(body.slice(2), 16) : /^#[0-9]{1,7}$/.test(body) ? parseInt(body.slice(1), 10) : NaN;
      if (!isXmlChar(cp)) throw new Error(`The file has an invalid character reference ${quoteSnippet(shown)}.`);
      return String.fromCodePoint(cp);
    }
    if (Object.hasOwn(PREDEFINED, body)) return PREDEFINED[body]!;
    throw new Error(`The file uses the entity ${quoteSnippet(shown)}, which XML does not define; only &amp; &lt; &gt; &quot; &apos; are read.`);
  });
}

function quoteSnippet(s: string): string {
  return `“${s}”`;
}

function attrValue(node: XNode, name: string): string | undefined {
  const raw = attr(node, name);
  // Attribute-value normalisation (XML 1.0 §3.3.3): literal whitespace becomes a space, while
  // &#10; and friends, decoded afterwards, survive as themselves.
  return raw === undefined ? undefined : decodeXml(raw.replace(/[\t\n]/g, ' '));
}

const MARKUP = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<[^>]*>/g;

/** Character data of raw element content (a stop node's): CDATA kept as is, references decoded, markup dropped. */
function decodeContent(raw: string): string {
  if (!raw.includes('<')) return decodeXml(raw);
  let out = '';
  let last = 0;
  for (const m of raw.matchAll(MARKUP)) {
    out += decodeXml(raw.slice(last, m.index));
    if (m[1] !== undefined) out += m[1];
    last = m.index + m[0].length;
  }
  return out + decodeXml(raw.slice(last));
}

function textOf(node: XNode): string {
  let s = '';
  for (const c of childNodes(node)) {
    if (Object.hasOwn(c, '#text')) s += decodeContent(String(c['#text']));
    else if (Object.hasOwn(c, '#cdata')) for (const t of childNodes(c)) if (Object.hasOwn(t, '#text')) s += String(t['#text']);
  }
  return s;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Refuses attribute values no real tool writes before the slower well-formedness check reads them. */
function checkAttributeSizes(roots: XNode[]): void {
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    const element = localName(elementName(node)!);
    for (const [name, value] of Object.entries(attributes(node))) {
      if (element === 'Code' && name === 'name' && value.length > MAX_NAME_LENGTH) {
        throw new Error(`A code name in the file is ${count(value.length)} characters long; the limit is ${count(MAX_NAME_LENGTH)}.`);
      }
      if (value.length > MAX_OTHER_ATTRIBUTE_LENGTH) {
        throw new Error(`The attribute ${name} of a <${element}> element is ${count(value.length)} characters long; the limit is ${count(MAX_OTHER_ATTRIBUTE_LENGTH)}.`);
      }
    }
    stack.push(...childNodes(node));
  }
}

function parseDocument(xml: string): XNode[] {
  let doc: XNode[];
  try {
    doc = parser.parse(xml) as XNode[];
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/nested tags/i.test(msg)) throw new Error(`The file nests its elements too deeply: codes can be nested at most ${MAX_DEPTH} levels.`, { cause: e });
    const v = XMLValidator.validate(xml);
    if (v !== true) throw new Error(`This is not well-formed XML (line ${v.err.line}, column ${v.err.col}): ${v.err.msg}`, { cause: e });
    throw new Error(`The file could not be read as XML: ${msg}`, { cause: e });
  }
  checkAttributeSizes(doc);
  const v = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (v !== true) throw new Error(`This is not well-formed XML (line ${v.err.line}, column ${v.err.col}): ${v.err.msg}`);
  return doc;
}

/**
 * Reads a REFI-QDA codebook (`.qdc`), or the codebook inside a REFI-QDA project (`.qde`, the
 * `project.qde` of a `.qdpx`): names, hierarchy, colours, descriptions. Unknown attributes and
 * elements (sets, notes, sources) are ignored; a code without a colour takes its parent's (or a
 * palette colour at the top level). Throws an Error with a readable message for anything that is
 * not such a file: malformed XML, another root element or namespace, a DOCTYPE (refused: REFI-QDA
 * never uses one and it is how entity-expansion attacks arrive), codes without GUID or name,
 * duplicate GUIDs, or sizes beyond the limits in codebook-tag.ts.
 */
export function parseQdc(xml: string, options: QdcImportOptions = {}): QdcImport {
  if (typeof xml !== 'string') throw new Error('Expected the text of a codebook file.');
  if (xml.length > MAX_QDA_XML_LENGTH) {
    throw new Error(`The file is ${(xml.length / 1024 / 1024).toFixed(1)} MB; files larger than ${MAX_QDA_XML_LENGTH / 1024 / 1024} MB are not read.`);
  }
  let text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (text.trim() === '') throw new Error('The file is empty.');
  if (/<!DOCTYPE/i.test(text)) {
    throw new Error('The file has a DOCTYPE declaration. REFI-QDA files never have one, and it is refused because it can declare entities that expand without end.');
  }
  // XML 1.0 §2.11: every line ending reads as a line feed.
  text = text.replace(/\r\n?/g, '\n');
  const doc = parseDocument(text);

  const roots = doc.filter(isElement);
  if (roots.length === 0) throw new Error('The file has no root element.');
  if (roots.length > 1) throw new Error('This is not well-formed XML: it has more than one root element.');
  const root = roots[0]!;
  const rootName = elementName(root)!;
  const rootLocal = localName(rootName);
  if (rootLocal !== 'CodeBook' && rootLocal !== 'Project') {
    throw new Error(`The file's root element is <${rootName}>; a REFI-QDA codebook starts with <CodeBook> and a project with <Project>.`);
  }
  const prefix = rootName.includes(':') ? rootName.slice(0, rootName.indexOf(':')) : null;
  const ns = attrValue(root, prefix ? `xmlns:${prefix}` : 'xmlns');
  if (ns !== undefined && !ns.startsWith('urn:QDA-XML:')) {
    throw new Error(`The file's <${rootLocal}> is in the namespace “${ns}”, not REFI-QDA's (${QDC_NAMESPACE}).`);
  }
  const source = rootLocal === 'Project' ? 'project' : 'codebook';
  const origin = attrValue(root, 'origin') ?? null;
  const warnings: string[] = [];

  let codebook: XNode | undefined = root;
  if (source === 'project') {
    codebook = elementsNamed(root, 'CodeBook')[0];
    if (!codebook) return { tags: [], origin, source, warnings: ['The project has no codebook.'] };
  }
  const codes = elementsNamed(codebook, 'Codes')[0];
  if (!codes) throw new Error('The codebook has no <Codes> element.');

  const known = new Map<string, string>();
  for (const t of options.knownTags ?? []) known.set(tagGuid(t), t.id);

  const tags: CodebookTag[] = [];
  const seenGuids = new Map<string, string>();
  type Pending = { node: XNode; parent: CodebookTag | null; depth: number };
  const stack: Pending[] = elementsNamed(codes, 'Code')
    .map((node) => ({ node, parent: null, depth: 0 }))
    .reverse();
  let rootCount = 0;
  while (stack.length > 0) {
    const { node, parent, depth } = stack.pop()!;
    const position = `code ${count(tags.length + 1)}`;
    if (depth >= MAX_DEPTH) throw new Error(`Codes are nested more than ${MAX_DEPTH} levels deep.`);
    if (tags.length >= MAX_CODES) throw new Error(`The codebook has more than ${count(MAX_CODES)} codes.`);
    const rawName = attrValue(node, 'name');
    if (rawName === undefined || rawName.trim() === '') throw new Error(`The file's ${position} has no name.`);
    const name = rawName.trim();
    const rawGuid = attrValue(node, 'guid');
    if (rawGuid === undefined) throw new Error(`The code “${name}” has no guid attribute.`);
    const guid = normalizeGuid(rawGuid);
    if (!guid) throw new Error(`The code “${name}” has the malformed GUID “${rawGuid.slice(0, 60)}”.`);
    const twin = seenGuids.get(guid);
    if (twin !== undefined) throw new Error(`The codes “${twin}” and “${name}” share the GUID ${guid}.`);
    seenGuids.set(guid, name);

    const rawColor = attrValue(node, 'color');
    let color = rawColor === undefined ? null : normalizeHexColour(rawColor);
    if (rawColor !== undefined && color === null) warnings.push(`The code “${name}” has the colour “${rawColor.slice(0, 40)}”, which is not a hex colour; it was replaced.`);
    color ??= parent ? parent.color : FALLBACK_COLOURS[rootCount % FALLBACK_COLOURS.length]!;
    if (!parent) rootCount++;

    const descNode = elementsNamed(node, 'Description')[0];
    const description = descNode ? textOf(descNode).trim() : '';
    if (description.length > MAX_DESCRIPTION_LENGTH) {
      throw new Error(`The description of “${name}” is ${count(description.length)} characters long; the limit is ${count(MAX_DESCRIPTION_LENGTH)}.`);
    }

    const id = known.get(guid) ?? `qdc-${guid.toLowerCase()}`;
    const tag: CodebookTag = { id, name, color, description, order: tags.length + 1, parentId: parent ? parent.id : null };
    if (tagGuid({ id }) !== guid) tag.guid = guid;
    tags.push(tag);
    const kids = elementsNamed(node, 'Code');
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, parent: tag, depth: depth + 1 });
  }
  // Ids come from GUIDs, which are unique; only a known code listed twice could repeat one.
  if (new Set(tags.map((t) => t.id)).size !== tags.length) throw new Error('Two codes in the file map to the same existing code.');
  return { tags, origin, source, warnings };
}
