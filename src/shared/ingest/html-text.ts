/**
 * HTML to plain text without a DOM, so the same code runs in Node, a worker and the renderer.
 *
 * The converter is one left-to-right pass that never looks back: every scan (a tag's end, a
 * comment's end, a closing `</script`) consumes what it scanned, and an unterminated construct
 * swallows the rest of the input as a browser would. Hostile input (millions of unclosed or nested
 * tags, runs of `<`) therefore costs time linear in its length. No tree is built; only tables
 * keep a small stack, capped in depth.
 *
 * Output: one line per block (paragraph, heading, list item, table row), whitespace collapsed,
 * no blank lines; scripts, styles, comments, templates and the head are dropped. A table row is
 * one line with its cells joined by " | "; leading and trailing empty cells are left out (layout
 * tables pad rows with them), inner ones are kept so columns still line up. The text is plain
 * text: an escaped `&lt;script&gt;` comes out as the literal characters `<script>`, which hosts
 * render as text.
 */

import { decodeWindows1252 } from './decode-text';

/** Elements whose content is never text: dropped with everything up to their end tag. */
const DROPPED_RAW = new Set(['script', 'style', 'title', 'iframe', 'noembed', 'noframes', 'noscript']);
/** Elements whose content is text but not markup (no tags inside). */
const LITERAL_RAW = new Set(['textarea', 'xmp']);
/** Elements that start and end a line of their own. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'option', 'p', 'pre', 'section', 'summary',
  'ul',
]);
/** Elements a document's head holds; any other tag (or text) ends an unclosed head, as in browsers. */
const HEAD_CONTENT = new Set([
  'base', 'basefont', 'bgsound', 'link', 'meta', 'title', 'style', 'script', 'noscript', 'template', 'head',
]);
/** Tables nested deeper than this are read as plain blocks, so the stack stays small. */
const MAX_TABLE_DEPTH = 32;

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;

/** Latin-1 entity names for U+00A0–U+00FF, in code point order. */
const LATIN1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro ' +
  'para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil ' +
  'Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave ' +
  'Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml ' +
  'igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute ' +
  'thorn yuml'
).split(' ');

const ENTITIES = new Map<string, string>([
  ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"],
  ['AMP', '&'], ['LT', '<'], ['GT', '>'], ['QUOT', '"'], ['COPY', '©'], ['REG', '®'],
  ['OElig', 'Œ'], ['oelig', 'œ'], ['Scaron', 'Š'], ['scaron', 'š'], ['Yuml', 'Ÿ'], ['Zcaron', 'Ž'], ['zcaron', 'ž'],
  ['fnof', 'ƒ'], ['circ', 'ˆ'], ['tilde', '˜'], ['ensp', '\u2002'], ['emsp', '\u2003'], ['thinsp', '\u2009'],
  ['zwnj', '\u200c'], ['zwj', '\u200d'], ['lrm', '\u200e'], ['rlm', '\u200f'], ['ndash', '–'], ['mdash', '—'],
  ['horbar', '―'], ['lsquo', '‘'], ['rsquo', '’'], ['sbquo', '‚'], ['ldquo', '“'], ['rdquo', '”'], ['bdquo', '„'],
  ['dagger', '†'], ['Dagger', '‡'], ['bull', '•'], ['hellip', '…'], ['permil', '‰'], ['prime', '′'], ['Prime', '″'],
  ['lsaquo', '‹'], ['rsaquo', '›'], ['oline', '‾'], ['frasl', '⁄'], ['euro', '€'], ['trade', '™'], ['larr', '←'],
  ['uarr', '↑'], ['rarr', '→'], ['darr', '↓'], ['harr', '↔'], ['minus', '−'], ['le', '≤'], ['ge', '≥'], ['ne', '≠'],
  ['asymp', '≈'], ['infin', '∞'], ['deg', '°'], ['alpha', 'α'], ['beta', 'β'], ['gamma', 'γ'], ['delta', 'δ'],
  ['mu', 'μ'], ['pi', 'π'], ['sigma', 'σ'], ['Omega', 'Ω'], ['hyphen', '‐'], ['dash', '‐'], ['nbhy', '\u2011'],
  ['check', '✓'], ['star', '☆'], ['sup', '⊃'], ['sub', '⊂'], ['loz', '◊'], ['spades', '♠'], ['hearts', '♥'],
]);
LATIN1_NAMES.forEach((name, i) => ENTITIES.set(name, String.fromCharCode(0xa0 + i)));

/** Entities browsers still decode without their semicolon (the legacy Latin-1 set and the markup four). */
const LEGACY_ENTITIES = new Set([...LATIN1_NAMES, 'amp', 'lt', 'gt', 'quot', 'AMP', 'LT', 'GT', 'QUOT', 'COPY', 'REG']);

/** Longest entity name worth reading; longer runs are not entities and stay as text. */
const MAX_ENTITY_NAME = 32;

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isAsciiAlnum(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** A numeric character reference's text, with the substitutions the HTML standard makes. */
function fromCodePoint(cp: number): string {
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  // Documents written in Windows-1252 put its 0x80–0x9F characters (’ “ ” – …) in references too.
  if (cp >= 0x80 && cp <= 0x9f) return decodeWindows1252(new Uint8Array([cp]));
  // Other control characters are no part of readable text (and a form feed would start a page).
  if ((cp < 0x20 && !isSpace(cp)) || cp === 0x7f) return '';
  return String.fromCodePoint(cp);
}

/** Reads the character reference at `at` (an `&`): its text and where it ends, or undefined when it is a plain `&`. */
function readEntity(html: string, at: number): { text: string; end: number } | undefined {
  const n = html.length;
  let i = at + 1;
  if (html.charCodeAt(i) === 0x23) {
    i++;
    const hex = (html.charCodeAt(i) | 0x20) === 0x78;
    if (hex) i++;
    const start = i;
    let cp = 0;
    for (; i < n; i++) {
      const c = html.charCodeAt(i);
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
      if (digit < 0) break;
      // Saturate rather than overflow: any value past U+10FFFF is replaced all the same.
      cp = Math.min(cp * (hex ? 16 : 10) + digit, 0x110000);
    }
    if (i === start) return undefined;
    if (html.charCodeAt(i) === 0x3b) i++;
    return { text: fromCodePoint(cp), end: i };
  }
  const start = i;
  while (i < n && i - start <= MAX_ENTITY_NAME && isAsciiAlnum(html.charCodeAt(i))) i++;
  const name = html.slice(start, i);
  if (name === '') return undefined;
  if (html.charCodeAt(i) === 0x3b) {
    const text = ENTITIES.get(name);
    return text === undefined ? undefined : { text, end: i + 1 };
  }
  return LEGACY_ENTITIES.has(name) ? { text: ENTITIES.get(name)!, end: i } : undefined;
}

/** Index just past the `>` that ends the tag whose attributes start at `from` (quote-aware), or the input's end. */
function tagEnd(html: string, from: number): number {
  const n = html.length;
  let i = from;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === GT) return i + 1;
    i++;
    if (c !== EQUALS) continue;
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    const q = html.charCodeAt(i);
    if (q === 0x22 || q === 0x27) {
      const close = html.indexOf(q === 0x22 ? '"' : "'", i + 1);
      if (close < 0) return n;
      i = close + 1;
    } else {
      while (i < n && !isSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== GT) i++;
    }
  }
  return n;
}

/** Where the end tag `</name` (any case) starts at or after `from`, or -1. */
function findEndTag(html: string, name: string, from: number): number {
  for (let at = html.indexOf('</', from); at >= 0; at = html.indexOf('</', at + 2)) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() !== name) continue;
    const after = html.charCodeAt(at + 2 + name.length);
    if (Number.isNaN(after) || isSpace(after) || after === SLASH || after === GT) return at;
  }
  return -1;
}

/** The row of a table being read: its finished cells and the cell still open. */
interface TableState {
  cells: string[][];
  cell: string[] | undefined;
  inRow: boolean;
}

// \s takes in no-break spaces too: analysts search and quote the text, where U+00A0 would not match a space.
function collapse(pieces: readonly string[]): string {
  return pieces.join('').replace(/\s+/g, ' ').trim();
}

/** Converts HTML (a page or a fragment) to plain text, one line per block, in linear time (see the module comment). */
export function htmlToText(html: string): string {
  const n = html.length;
  const lines: string[] = [];
  let line: string[] = [];
  const tables: TableState[] = [];
  let flatTables = 0;
  let preDepth = 0;
  let templateDepth = 0;
  let inHead = false;

  const table = (): TableState | undefined => tables[tables.length - 1];

  /** Puts a finished row where it belongs: a line of its own, or inside the cell of the table enclosing `from`. */
  const emit = (text: string, from: TableState): void => {
    if (text === '') return;
    const top = table();
    const outer = top === from ? tables[tables.length - 2] : top;
    if (outer) {
      // A nested table's rows run on inside the enclosing cell.
      (outer.cell ?? openCell(outer)).push(' ', text, ' ');
    } else lines.push(text);
  };

  const breakLine = (): void => {
    const t = table();
    if (t) {
      t.cell?.push(' ');
      return;
    }
    if (line.length === 0) return;
    const text = collapse(line);
    line = [];
    if (text !== '') lines.push(text);
  };

  const openCell = (t: TableState): string[] => {
    closeCell(t);
    t.inRow = true;
    t.cell = [];
    return t.cell;
  };

  const closeCell = (t: TableState): void => {
    if (t.cell) t.cells.push(t.cell);
    t.cell = undefined;
  };

  const closeRow = (t: TableState): void => {
    closeCell(t);
    if (t.inRow) {
      const cells = t.cells.map(collapse);
      let first = 0;
      let last = cells.length;
      while (first < last && cells[first] === '') first++;
      while (last > first && cells[last - 1] === '') last--;
      t.cells = [];
      t.inRow = false;
      emit(cells.slice(first, last).join(' | '), t);
    }
  };

  const addText = (text: string): void => {
    if (templateDepth > 0 || text === '') return;
    if (inHead) {
      if (/^\s*$/.test(text)) return;
      inHead = false;
    }
    const t = table();
    let sink: string[];
    if (t) {
      if (!t.cell) {
        if (/^\s*$/.test(text)) return;
        openCell(t);
      }
      sink = t.cell!;
    } else sink = line;
    if (preDepth > 0 && !t) {
      const parts = text.split('\n');
      for (let k = 0; k < parts.length; k++) {
        if (k > 0) breakLine();
        if (parts[k] !== '') line.push(parts[k]!);
      }
    } else sink.push(text);
  };

  const startTag = (name: string): void => {
    if (inHead && !HEAD_CONTENT.has(name)) inHead = false;
    if (name === 'head') inHead = true;
    if (name === 'template') templateDepth++;
    if (templateDepth > 0) return;
    if (name === 'table') {
      if (tables.length >= MAX_TABLE_DEPTH) {
        flatTables++;
        breakLine();
        return;
      }
      breakLine();
      tables.push({ cells: [], cell: undefined, inRow: false });
      return;
    }
    const t = table();
    if (t && (name === 'tr' || name === 'tbody' || name === 'thead' || name === 'tfoot' || name === 'caption')) {
      closeRow(t);
      if (name === 'caption') openCell(t);
      return;
    }
    if (t && (name === 'td' || name === 'th')) {
      openCell(t);
      return;
    }
    if (name === 'pre' || name === 'listing') preDepth++;
    if (BLOCKS.has(name) || name === 'tr' || name === 'td' || name === 'th') breakLine();
    if (name === 'li' && !t) line.push('• ');
  };

  const endTag = (name: string): void => {
    if (name === 'head') inHead = false;
    if (name === 'template') {
      templateDepth = Math.max(0, templateDepth - 1);
      return;
    }
    if (templateDepth > 0) return;
    if (name === 'table') {
      if (flatTables > 0) {
        flatTables--;
        breakLine();
        return;
      }
      const t = tables.pop();
      if (t) closeRow(t);
      breakLine();
      return;
    }
    const t = table();
    if (t && (name === 'tr' || name === 'caption' || name === 'tbody' || name === 'thead' || name === 'tfoot')) {
      closeRow(t);
      return;
    }
    if (t && (name === 'td' || name === 'th')) {
      closeCell(t);
      return;
    }
    if (name === 'pre' || name === 'listing') preDepth = Math.max(0, preDepth - 1);
    if (BLOCKS.has(name) || name === 'tr' || name === 'td' || name === 'th') breakLine();
  };

  let i = 0;
  let textStart = 0;
  const flushText = (end: number): void => {
    if (end > textStart) addText(html.slice(textStart, end));
  };

  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === AMP) {
      const entity = readEntity(html, i);
      if (entity) {
        flushText(i);
        addText(entity.text);
        i = textStart = entity.end;
      } else i++;
      continue;
    }
    if (c !== LT) {
      i++;
      continue;
    }
    const next = html.charCodeAt(i + 1);
    if (next === BANG) {
      flushText(i);
      if (html.startsWith('<!--', i)) {
        // "<!-->" and "<!--->" are complete (empty) comments.
        if (html.startsWith('>', i + 4)) i += 5;
        else if (html.startsWith('->', i + 4)) i += 6;
        else {
          const close = html.indexOf('-->', i + 4);
          i = close < 0 ? n : close + 3;
        }
      } else {
        const close = html.indexOf('>', i + 2);
        i = close < 0 ? n : close + 1;
      }
      textStart = i;
      continue;
    }
    if (next === QUESTION) {
      flushText(i);
      const close = html.indexOf('>', i + 2);
      i = textStart = close < 0 ? n : close + 1;
      continue;
    }
    const closing = next === SLASH;
    const nameStart = closing ? i + 2 : i + 1;
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      if (closing && html.charCodeAt(nameStart) === GT) {
        flushText(i);
        i = textStart = nameStart + 1;
      } else if (closing) {
        // "</" and a non-letter open a bogus comment that runs to the next ">".
        flushText(i);
        const close = html.indexOf('>', nameStart);
        i = textStart = close < 0 ? n : close + 1;
      } else i++;
      continue;
    }
    flushText(i);
    let nameEnd = nameStart;
    while (nameEnd < n) {
      const d = html.charCodeAt(nameEnd);
      if (isSpace(d) || d === SLASH || d === GT) break;
      nameEnd++;
    }
    // Only short names can be known elements; a longer one is read no further than needed.
    const name = nameEnd - nameStart <= 12 ? html.slice(nameStart, nameEnd).toLowerCase() : '';
    i = textStart = tagEnd(html, nameEnd);
    if (closing) {
      endTag(name);
      continue;
    }
    startTag(name);
    if (DROPPED_RAW.has(name) || LITERAL_RAW.has(name) || name === 'plaintext') {
      const close = name === 'plaintext' ? -1 : findEndTag(html, name, i);
      const end = close < 0 ? n : close;
      if (LITERAL_RAW.has(name) || name === 'plaintext') {
        addText(name === 'textarea' ? decodeEntities(html.slice(i, end)) : html.slice(i, end));
      }
      i = textStart = end;
    }
  }
  flushText(n);
  while (tables.length > 0) closeRow(tables.pop()!);
  breakLine();
  return lines.join('\n');
}

/** Decodes character references in text that holds no markup. */
function decodeEntities(text: string): string {
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', at + 1)) {
    const entity = readEntity(text, at);
    if (!entity) continue;
    out.push(text.slice(from, at), entity.text);
    from = entity.end;
    at = entity.end - 1;
  }
  out.push(text.slice(from));
  return out.join('');
}
