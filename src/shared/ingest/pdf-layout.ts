/**
 * From positioned PDF text items to clean text in reading order, with a map back to the page.
 *
 * Two stages, so the per-page work can later run in parallel workers:
 *  - {@link layoutPage} (pure, per page, plain data in and out): items → rows (same baseline,
 *    superscripts included) → segments (a row cut at the gutter and at wide gaps) → blocks
 *    (segments stacked into a paragraph run or a table column) → reading order → lines with
 *    paragraph and heading marks;
 *  - {@link assembleLayout} (whole document): drops running heads and page numbers (they repeat
 *    across pages), joins lines into paragraphs with the document's own vocabulary deciding
 *    line-end hyphens, repairs extraction artefacts and records spans.
 *
 * Columns: a page has two columns when an x-range in the middle of the text stays empty over
 * many consecutive rows (the gutter), both sides hold lines of real width over overlapping
 * heights, and the rows running across it are a minority. Rows across the gutter (titles,
 * full-width figures) stay whole; a large heading in the left column with nothing beside it and
 * right-column text above it (a TIP country heading over both columns) is widened to the page.
 * Blocks are then ordered as in Breuel (2003): one before another when they overlap horizontally
 * and it is above, or when it lies wholly to the left and no block between them vertically spans
 * both; so each column reads top to bottom, left column first, and a full-width heading ends
 * the columns above it and heads those below. Table columns read one after another, as
 * pdftotext reads them.
 *
 * Running heads: a line in the outer 12 % of the page whose text (a page number beside it
 * aside) repeats at the same height on at least 30 % of the pages and on two or more (on just
 * two, only if white space sets it apart). Page numbers: a lone number (arabic or roman, or
 * "Page n") in those margins whose value minus the page index is the same on two or more pages,
 * or equals the page number.
 */
import {
  addToVocabulary,
  isHeadingLine,
  lineJoin,
  mapOffset,
  repairArtefacts,
  type Vocabulary,
} from './clean-text';
import type { TextSpan } from './report-types';

/** One text item as pdf.js reports it, in PDF user space. */
export interface LayoutItem {
  str: string;
  /** Left end of the baseline (transform[4], transform[5]). */
  x: number;
  y: number;
  /** Advance along the text direction. */
  width: number;
  /** Font size. */
  height: number;
  fontName?: string;
  hasEOL?: boolean;
  dir?: string;
  /** Direction of the baseline in degrees, counter-clockwise; 0 unless the text is rotated. */
  angle?: number;
  /** Font ascent and descent as fractions of the size (descent negative); defaults 0.8 and -0.2. */
  ascent?: number;
  descent?: number;
}

/** One page: its size (and lower-left corner when the page box does not start at 0,0) and items. */
export interface LayoutPageInput {
  width: number;
  height: number;
  originX?: number;
  originY?: number;
  items: readonly LayoutItem[];
}

/** The document's clean text and how it maps back to the pages. */
export interface LayoutResult {
  /** Clean text: one line per paragraph or heading, pages separated by a blank line. */
  text: string;
  /** Offset in `text` where page i + 1 begins. */
  pageStarts: number[];
  /** Runs of `text` with their page and box; every non-blank character is covered. */
  spans: TextSpan[];
  /** "page N: ..." notes for the analyst: pages without text, garbled text. */
  warnings: string[];
  /** Running heads removed from the text ("TRAFFICKING IN PERSONS REPORT 2015"), first seen first. */
  runningHeads: string[];
}

/** A run of a line's text and its box (PDF user space). */
export interface LineRun {
  start: number;
  end: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A line of a laid-out page, in reading order. */
export interface LaidLine {
  text: string;
  runs: LineRun[];
  /** Begins a paragraph (headings always do, and so does the line after one). */
  paraStart: boolean;
  heading: boolean;
  /** In the top or bottom margin band: a candidate running head or page number. */
  edge: 'top' | 'bottom' | null;
  /** Baseline height in the page's reading frame, to match running heads across pages. */
  y: number;
  /** For a margin line, the gap to the nearest line further inside, in font sizes (99: none). */
  margin: number;
}

/** A page after {@link layoutPage}: plain data, safe to pass between workers. */
export interface PageLayout {
  /** 1-based. */
  page: number;
  lines: LaidLine[];
  columns: 1 | 2;
  /** The page has no selectable text. */
  empty: boolean;
  /** The text looks like the output of a font without a Unicode map. */
  garbled: boolean;
}

/** Options for {@link assembleLayout} and {@link layoutDocument}. */
export interface AssembleOptions {
  /** Leave the text of garbled pages out (the warning stays). Default: keep it. */
  dropGarbled?: boolean;
}

/** Lays out every page and assembles the document (see the module comment). */
export function layoutDocument(pages: readonly LayoutPageInput[], options: AssembleOptions = {}): LayoutResult {
  return assembleLayout(
    pages.map((p, i) => layoutPage(p, i + 1)),
    options,
  );
}

// ---------------------------------------------------------------------------------------------
// Per page

interface Frag {
  s: string;
  /** Baseline origin and advance in the page's reading frame (text runs left to right). */
  fx: number;
  fy: number;
  fw: number;
  size: number;
  font: string;
  rtl: boolean;
  box: Box;
  /** Position in the content stream, and whether a space item followed it there. */
  seq: number;
  spaceAfter: boolean;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Row {
  frags: Frag[];
  y: number;
  size: number;
  lo: number;
  hi: number;
}

/** Items of one row on one side of the gutter, split where a gap is wider than a table's cell gap. */
interface Segment {
  frags: Frag[];
  row: number;
  /** 0 left of the gutter (or no gutter), 1 right of it, -1 across it. */
  side: number;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** Segments stacked into a column of text (a paragraph run, a table column): the unit of reading order. */
interface Block {
  segs: Segment[];
  side: number;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
  lastRow: number;
  lastY: number;
  /** Right end of what the block holds of its last row. */
  rowEnd: number;
}

interface Line {
  frags: Frag[];
  text: string;
  runs: LineRun[];
  x0: number;
  x1: number;
  y: number;
  size: number;
  font: string;
  row: number;
  /** Index of the block in reading order. */
  block: number;
  heading: boolean;
  paraStart: boolean;
  /** Every fragment is in a font other than the page's body font. */
  offFont: boolean;
}

/** Share of the page height, top and bottom, where running heads and page numbers sit. */
const EDGE_BAND = 0.12;
/** A gap wider than this share of the font size between two items is a space. */
const SPACE_GAP = 0.15;

/** Lays out one page: lines in reading order with paragraph and heading marks. Pure. */
export function layoutPage(input: LayoutPageInput, page: number): PageLayout {
  const frame = readingFrame(input);
  const frags: Frag[] = [];
  const strays: Frag[] = [];
  let last: Frag | undefined;
  for (const item of input.items) {
    if (!/\S/.test(item.str)) {
      // pdf.js reports some word spaces as items of their own: remember them, they can be narrow.
      if (last) last.spaceAfter = true;
      continue;
    }
    const frag = toFrag(item, input, frame.angle, (last?.seq ?? -1) + 1);
    if (frag.ok) frags.push(frag.frag);
    else strays.push(frag.frag);
    last = frag.frag;
  }
  if (frags.length === 0 && strays.length === 0) return { page, lines: [], columns: 1, empty: true, garbled: false };

  let rows = groupRows(frags);
  const gutter = detectGutter(frags, rows, frame.width);
  if (gutter) rows = regroupBySide(rows, gutter);
  const blocks = buildBlocks(splitSegments(rows, gutter), gutter);
  const body = bodyStyle(frags);
  if (gutter) promoteSpanningHeadings(blocks, body.size);
  const ordered = linesInOrder(orderBlocks(blocks));
  for (const l of ordered) {
    l.offFont = l.frags.every((f) => f.font !== body.font);
    l.heading = looksLikeHeading(l, body.size);
  }
  markIsolatedFontHeadings(ordered);
  markParagraphs(ordered);
  for (const f of strays) {
    const l = buildLine([f], -1, -1);
    l.paraStart = true;
    ordered.push(l);
  }

  const top = frame.height * (1 - EDGE_BAND);
  const bottom = frame.height * EDGE_BAND;
  const kept = ordered.filter((l) => l.text !== '');
  const laid: LaidLine[] = kept.map((l) => {
    const edge = l.y >= top ? 'top' : l.y <= bottom ? 'bottom' : null;
    return {
      text: l.text,
      runs: l.runs,
      paraStart: l.paraStart,
      heading: l.heading,
      edge,
      y: round(l.y),
      margin: edge ? marginGap(l, kept, edge) : 0,
    };
  });
  const garbled = looksGarbled(laid.map((l) => l.text).join('\n'));
  return { page, lines: laid, columns: gutter ? 2 : 1, empty: laid.length === 0, garbled };
}

/** Distance, in font sizes, from a margin line to the nearest line further inside the page. */
function marginGap(l: Line, lines: readonly Line[], edge: 'top' | 'bottom'): number {
  let gap = Infinity;
  for (const o of lines) {
    const d = edge === 'top' ? l.y - o.y : o.y - l.y;
    if (d > 0.5 * l.size) gap = Math.min(gap, d);
  }
  return Number.isFinite(gap) ? round(gap / l.size) : 99;
}

/** The page's dominant text direction, and the page's size seen in that direction. */
function readingFrame(input: LayoutPageInput): { angle: number; width: number; height: number } {
  const weight = new Map<number, number>();
  for (const item of input.items) {
    const a = quarterTurn(item.angle ?? 0);
    if (a !== null) weight.set(a, (weight.get(a) ?? 0) + item.str.length);
  }
  let angle = 0;
  let best = -1;
  for (const [a, w] of weight) {
    if (w > best) {
      best = w;
      angle = a;
    }
  }
  const turned = angle === 90 || angle === 270;
  return { angle, width: turned ? input.height : input.width, height: turned ? input.width : input.height };
}

/** 0, 90, 180 or 270 when an angle is (nearly) a quarter turn; null for slanted text. */
function quarterTurn(angle: number): number | null {
  const a = ((angle % 360) + 360) % 360;
  const q = Math.round(a / 90) * 90;
  return Math.abs(a - q) <= 3 ? q % 360 : null;
}

function toFrag(item: LayoutItem, page: LayoutPageInput, frameAngle: number, seq: number): { frag: Frag; ok: boolean } {
  const ox = page.originX ?? 0;
  const oy = page.originY ?? 0;
  const size = item.height > 0 ? item.height : 1;
  const ascent = item.ascent ?? 0.8;
  const descent = item.descent ?? -0.2;
  const angle = item.angle ?? 0;
  const box = rotatedBox(item.x, item.y, item.width, descent * size, ascent * size, angle);
  const x = item.x - ox;
  const y = item.y - oy;
  let fx = x;
  let fy = y;
  if (frameAngle === 90) {
    fx = y;
    fy = page.width - x;
  } else if (frameAngle === 180) {
    fx = page.width - x;
    fy = page.height - y;
  } else if (frameAngle === 270) {
    fx = page.height - y;
    fy = x;
  }
  const ok = quarterTurn(angle) === frameAngle;
  return {
    frag: {
      s: readableText(item.str),
      fx,
      fy,
      fw: Math.max(0, item.width),
      size,
      font: item.fontName ?? '',
      rtl: item.dir === 'rtl',
      box,
      seq,
      spaceAfter: false,
    },
    ok,
  };
}

/** Arabic presentation forms: contextual glyph shapes and ligatures of Arabic letters (not U+FEFF, the BOM). */
const ARABIC_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFC]/;
/**
 * Compatibility characters a PDF's glyphs map to that read as plain letters or spaces: Latin
 * ligatures (ﬁ ﬂ ﬀ), Hebrew presentation forms, typographic spaces, micro sign, ohm sign, Greek
 * question mark.
 */
const COMPATIBILITY_RUN = /[\u00A0\u00B5\u037E\u2000-\u200A\u202F\u2126\uFB00-\uFB06\uFB1D-\uFB4F]+/g;

/**
 * The text of a glyph run as it is read and searched: Arabic presentation forms as their letters,
 * ligatures as their letters. pdf.js does most of this itself, but before it puts right-to-left
 * runs in logical order, which reverses the letters of an Arabic ligature (lam–khah "ﳋ" read as
 * khah–lam): pages with Arabic are read without it (`readPageInput` in pdf-text.ts) and normalised
 * here, in logical order.
 */
export function readableText(str: string): string {
  if (ARABIC_FORMS.test(str)) return str.normalize('NFKC');
  return str.replace(COMPATIBILITY_RUN, (run) => run.normalize('NFKC'));
}

/** Axis-aligned box around a glyph run whose baseline starts at (x, y) and runs at `angle` degrees. */
function rotatedBox(x: number, y: number, width: number, below: number, above: number, angle: number): Box {
  if (angle === 0) return { x, y: y + below, width, height: above - below };
  const r = (angle * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [u, v] of [
    [0, below],
    [width, below],
    [0, above],
    [width, above],
  ] as const) {
    xs.push(x + u * c - v * s);
    ys.push(y + u * s + v * c);
  }
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return { x: x0, y: y0, width: Math.max(...xs) - x0, height: Math.max(...ys) - y0 };
}

/**
 * Groups items whose glyph boxes overlap vertically by half the smaller height, and whose
 * baselines are within half a line, into rows, so a superscript stays on its line. Items of both
 * columns at one height share a row until the gutter is known (see {@link regroupBySide}).
 */
function groupRows(frags: Frag[]): Row[] {
  frags.sort((a, b) => b.fy - a.fy || a.fx - b.fx);
  const rows: Row[] = [];
  let maxSize = 0;
  for (const f of frags) {
    maxSize = Math.max(maxSize, f.size);
    const lo = f.fy - 0.2 * f.size;
    const hi = f.fy + 0.8 * f.size;
    let best: Row | undefined;
    let bestOverlap = 0;
    for (let r = rows.length - 1; r >= 0; r--) {
      const row = rows[r]!;
      if (row.y - f.fy > 3 * maxSize) break;
      const overlap = Math.min(hi, row.hi) - Math.max(lo, row.lo);
      // Baselines apart by more than half a line are two lines, however the boxes overlap.
      const near = Math.abs(f.fy - row.y) <= 0.55 * Math.max(f.size, row.size);
      if (near && overlap >= 0.5 * Math.min(f.size, row.size) && overlap > bestOverlap) {
        best = row;
        bestOverlap = overlap;
      }
    }
    if (best) {
      best.frags.push(f);
      if (f.size > best.size * 1.2) {
        best.size = f.size;
        best.y = f.fy;
        best.lo = lo;
        best.hi = hi;
      }
    } else rows.push({ frags: [f], y: f.fy, size: f.size, lo, hi });
  }
  return rows;
}

/**
 * Rows found before the gutter was known can pair a line of one column with a superscript or
 * bullet of the other: group each column's items again on their own.
 */
function regroupBySide(rows: readonly Row[], gutter: Gutter): Row[] {
  const out: Row[] = [];
  const left: Frag[] = [];
  const right: Frag[] = [];
  for (const row of rows) {
    if (crossesGutter(row.frags, gutter)) out.push(row);
    else for (const f of row.frags) (sideOf(f, gutter) === 0 ? left : right).push(f);
  }
  out.push(...groupRows(left), ...groupRows(right));
  return out.sort((a, b) => b.y - a.y);
}

interface Gutter {
  x0: number;
  x1: number;
}

/**
 * Finds the gutter of a two-column page: the x-range in the middle of the text that stays empty
 * over the most consecutive rows (a full-width title or figure above the columns does not hide
 * it), accepted when both sides hold lines of real width over overlapping heights and the rows
 * running across it (titles, full-width headings) are a minority.
 */
function detectGutter(frags: readonly Frag[], rows: readonly Row[], pageWidth: number): Gutter | null {
  if (rows.length < 6) return null;
  let minX = Infinity;
  let maxX = -Infinity;
  const sizes: number[] = [];
  for (const f of frags) {
    minX = Math.min(minX, f.fx);
    maxX = Math.max(maxX, f.fx + f.fw);
    sizes.push(f.size);
  }
  const extent = maxX - minX;
  if (!(extent > 0)) return null;
  const bin = Math.max(1, Math.max(pageWidth, extent) / 500);
  const from = Math.floor((0.25 * extent) / bin);
  const to = Math.ceil((0.75 * extent) / bin);
  const width = to - from + 1;
  const stamp = new Int32Array(width).fill(-1);
  const run = new Int32Array(width);
  const longest = new Int32Array(width);
  // Rows come top to bottom: count, per x, the rows in a row without text there.
  rows.forEach((row, r) => {
    for (const f of row.frags) {
      const b0 = Math.max(from, Math.floor((f.fx - minX) / bin));
      const b1 = Math.min(to, Math.ceil((f.fx + f.fw - minX) / bin) - 1);
      for (let b = b0; b <= b1; b++) stamp[b - from] = r;
    }
    for (let k = 0; k < width; k++) {
      if (stamp[k] === r) run[k] = 0;
      else if (++run[k]! > longest[k]!) longest[k] = run[k]!;
    }
  });
  sizes.sort((x, y) => x - y);
  const median = sizes[sizes.length >> 1]!;
  // The emptiest x is not always the gutter (a figure's own columns can be emptier): try a few.
  for (let attempt = 0; attempt < 4; attempt++) {
    let top = 0;
    let at = -1;
    for (let k = 0; k < width; k++) {
      const centred = Math.abs(k - width / 2) < Math.abs(at - width / 2);
      if (longest[k]! > top || (longest[k] === top && top > 0 && centred)) {
        top = longest[k]!;
        at = k;
      }
    }
    if (at < 0 || top < Math.max(4, 0.15 * rows.length)) return null;
    let k0 = at;
    let k1 = at;
    while (k0 > 0 && longest[k0 - 1]! >= 0.5 * top) k0--;
    while (k1 < width - 1 && longest[k1 + 1]! >= 0.5 * top) k1++;
    const gutter = { x0: minX + (from + k0) * bin, x1: minX + (from + k1 + 1) * bin };
    if (gutter.x1 - gutter.x0 >= Math.max(4, 0.8 * median) && validGutter(rows, gutter, extent)) return gutter;
    longest.fill(0, k0, k1 + 1);
  }
  return null;
}

/** Both sides hold lines of real width (not a table of contents' page numbers) over overlapping heights. */
function validGutter(rows: readonly Row[], gutter: Gutter, extent: number): boolean {
  let left = 0;
  let right = 0;
  let across = 0;
  let leftRows = 0;
  let rightRows = 0;
  let leftTop = -Infinity;
  let leftBottom = Infinity;
  let rightTop = -Infinity;
  let rightBottom = Infinity;
  const leftWidths: number[] = [];
  const rightWidths: number[] = [];
  for (const row of rows) {
    if (crossesGutter(row.frags, gutter)) {
      across += row.size;
      continue;
    }
    let l0 = Infinity;
    let l1 = -Infinity;
    let r0 = Infinity;
    let r1 = -Infinity;
    for (const f of row.frags) {
      if (sideOf(f, gutter) === 0) {
        l0 = Math.min(l0, f.fx);
        l1 = Math.max(l1, f.fx + f.fw);
      } else {
        r0 = Math.min(r0, f.fx);
        r1 = Math.max(r1, f.fx + f.fw);
      }
    }
    const l = l1 > l0;
    const r = r1 > r0;
    if (l) leftWidths.push(l1 - l0);
    if (r) rightWidths.push(r1 - r0);
    if (l) {
      left += row.size;
      leftRows++;
      leftTop = Math.max(leftTop, row.y);
      leftBottom = Math.min(leftBottom, row.y);
    }
    if (r) {
      right += row.size;
      rightRows++;
      rightTop = Math.max(rightTop, row.y);
      rightBottom = Math.min(rightBottom, row.y);
    }
  }
  const total = left + right + across;
  if (leftRows < 2 || rightRows < 2) return false;
  if (left < 0.05 * total || right < 0.05 * total || across > 0.5 * total) return false;
  leftWidths.sort((x, y) => x - y);
  rightWidths.sort((x, y) => x - y);
  const narrow = 0.15 * extent;
  if (leftWidths[leftWidths.length >> 1]! < narrow || rightWidths[rightWidths.length >> 1]! < narrow) return false;
  const overlap = Math.min(leftTop, rightTop) - Math.max(leftBottom, rightBottom);
  const shorter = Math.min(leftTop - leftBottom, rightTop - rightBottom);
  return overlap >= 0.5 * shorter;
}

/**
 * A row runs across the gutter when its items (words, or pieces split at ligatures) leave no
 * opening in it wider than half the gutter; two column lines leave the whole gutter open.
 */
function crossesGutter(frags: readonly Frag[], g: Gutter): boolean {
  let hasLeft = false;
  let hasRight = false;
  const parts: [number, number][] = [];
  for (const f of frags) {
    if (f.fx < g.x0) hasLeft = true;
    if (f.fx + f.fw > g.x1) hasRight = true;
    const a = Math.max(f.fx, g.x0);
    const b = Math.min(f.fx + f.fw, g.x1);
    if (b > a) parts.push([a, b]);
  }
  if (!hasLeft || !hasRight || parts.length === 0) return false;
  parts.sort((p, q) => p[0] - q[0]);
  let reach = g.x0;
  let widest = 0;
  for (const [a, b] of parts) {
    widest = Math.max(widest, a - reach);
    reach = Math.max(reach, b);
  }
  widest = Math.max(widest, g.x1 - reach);
  return widest < 0.5 * (g.x1 - g.x0);
}

/** The column an item belongs to, by its middle. */
function sideOf(f: Frag, g: Gutter): number {
  return f.fx + f.fw / 2 < (g.x0 + g.x1) / 2 ? 0 : 1;
}

/**
 * A gap wider than this many font sizes inside a row separates segments (table cells, figure
 * labels). A justified line's wide spaces split it too; its pieces join up again as one line.
 */
const SEGMENT_GAP = 1.5;

function splitSegments(rows: readonly Row[], gutter: Gutter | null): Segment[] {
  const segments: Segment[] = [];
  rows.forEach((row, r) => {
    const sides: [number, Frag[]][] = [];
    if (!gutter) sides.push([0, row.frags]);
    else if (crossesGutter(row.frags, gutter)) sides.push([-1, row.frags]);
    else {
      const left = row.frags.filter((f) => sideOf(f, gutter) === 0);
      const right = row.frags.filter((f) => sideOf(f, gutter) === 1);
      if (left.length > 0) sides.push([0, left]);
      if (right.length > 0) sides.push([1, right]);
    }
    for (const [side, frags] of sides) {
      frags.sort((a, b) => a.fx - b.fx);
      let current: Segment | undefined;
      for (const f of frags) {
        const size = Math.max(f.size, current?.size ?? 0);
        if (current && f.fx - current.x1 <= SEGMENT_GAP * size) {
          current.frags.push(f);
          current.x1 = Math.max(current.x1, f.fx + f.fw);
          current.size = Math.max(current.size, f.size);
          continue;
        }
        current = { frags: [f], row: r, side, x0: f.fx, x1: f.fx + f.fw, y: row.y, size: f.size };
        segments.push(current);
      }
    }
  });
  return segments;
}

/**
 * Stacks segments (top to bottom, left to right) into blocks: a segment joins the block just above
 * it when the sizes match, it is on the same side of the gutter, it overlaps the block and lines
 * up with its left edge, right edge or centre (or fills most of it); a segment further along a row the block
 * already took joins it too (a justified line split at a wide space). Table columns and figure
 * labels stay blocks of their own.
 */
function buildBlocks(segments: readonly Segment[], gutter: Gutter | null): Block[] {
  const blocks: Block[] = [];
  const open: Block[] = [];
  let maxSize = 0;
  for (const s of segments) {
    maxSize = Math.max(maxSize, s.size);
    let best: Block | undefined;
    let bestScore = Infinity;
    for (let k = open.length - 1; k >= 0; k--) {
      const b = open[k]!;
      if (b.lastY - s.y > 3 * maxSize) {
        open.splice(k, 1);
        continue;
      }
      if (gutter && b.side !== s.side) continue;
      if (Math.abs(b.size - s.size) > 0.2 * Math.max(b.size, s.size)) continue;
      const tol = s.size;
      if (b.lastRow === s.row) {
        if (s.x0 >= b.rowEnd && s.x1 <= b.x1 + tol) {
          best = b;
          break;
        }
        continue;
      }
      const dy = b.lastY - s.y;
      if (dy <= 0 || dy > 2.1 * s.size) continue;
      if (Math.min(s.x1, b.x1) - Math.max(s.x0, b.x0) <= 0) continue;
      const aligned =
        Math.abs(s.x0 - b.x0) <= 1.5 * tol ||
        Math.abs(s.x1 - b.x1) <= 1.5 * tol ||
        Math.abs(s.x0 + s.x1 - b.x0 - b.x1) <= tol ||
        (s.x0 >= b.x0 - tol && s.x1 <= b.x1 + tol && s.x1 - s.x0 >= 0.5 * (b.x1 - b.x0));
      if (aligned && dy < bestScore) {
        best = b;
        bestScore = dy;
      }
    }
    if (best) {
      best.segs.push(s);
      best.x0 = Math.min(best.x0, s.x0);
      best.x1 = Math.max(best.x1, s.x1);
      best.bottom = Math.min(best.bottom, s.y);
      best.rowEnd = best.lastRow === s.row ? Math.max(best.rowEnd, s.x1) : s.x1;
      best.lastRow = s.row;
      best.lastY = s.y;
    } else {
      const b: Block = {
        segs: [s],
        side: s.side,
        x0: s.x0,
        x1: s.x1,
        top: s.y + s.size,
        bottom: s.y,
        size: s.size,
        lastRow: s.row,
        lastY: s.y,
        rowEnd: s.x1,
      };
      blocks.push(b);
      open.push(b);
    }
  }
  return blocks;
}

/** Beyond this many blocks (a page of scattered labels) the cubic ordering gives way to top-to-bottom. */
const MAX_ORDERED_BLOCKS = 300;

/**
 * Reading order of blocks (Breuel, "High performance document layout analysis", 2003): A precedes
 * B when they overlap horizontally and A is above B, or when A lies wholly left of B and no block
 * between them vertically overlaps both (a full-width heading or title ends the columns above
 * it). A topological sort of that order, ties broken top to bottom, gives the sequence.
 */
function orderBlocks(blocks: Block[]): Block[] {
  blocks.sort((a, b) => b.top - a.top || a.x0 - b.x0);
  const n = blocks.length;
  if (n < 2 || n > MAX_ORDERED_BLOCKS) return blocks;
  const mid = blocks.map((b) => (b.top + b.bottom) / 2);
  const after: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  const edge = (from: number, to: number): void => {
    after[from]!.push(to);
    indegree[to]!++;
  };
  for (let i = 0; i < n; i++) {
    const a = blocks[i]!;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const b = blocks[j]!;
      const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      if (overlap > 0) {
        if (mid[i]! > mid[j]! || (mid[i] === mid[j] && i < j)) edge(i, j);
        continue;
      }
      if (a.x1 > b.x0) continue;
      if (a.top < b.bottom && !columnReaches(blocks, a, b)) continue;
      const lo = Math.min(mid[i]!, mid[j]!);
      const hi = Math.max(mid[i]!, mid[j]!);
      let blocked = false;
      for (let k = 0; k < n && !blocked; k++) {
        if (k === i || k === j || mid[k]! <= lo || mid[k]! >= hi) continue;
        const c = blocks[k]!;
        blocked = c.x0 < a.x1 && c.x1 > a.x0 && c.x0 < b.x1 && c.x1 > b.x0;
      }
      if (!blocked) edge(i, j);
    }
  }
  const out: Block[] = [];
  const done = new Uint8Array(n);
  for (let step = 0; step < n; step++) {
    let pick = -1;
    for (let i = 0; i < n; i++) {
      if (!done[i] && indegree[i] === 0) {
        pick = i;
        break;
      }
    }
    // A cycle (overlapping blocks) cannot be ordered: take the topmost remaining block.
    if (pick < 0) pick = done.indexOf(0);
    done[pick] = 1;
    out.push(blocks[pick]!);
    for (const j of after[pick]!) indegree[j]!--;
  }
  return out;
}

/**
 * Whether the column holding `a` (which lies wholly below `b`, to its left) rises to `b`'s height:
 * then `a` continues a column read before `b`; otherwise `b` (a centred title above a short
 * left-aligned line) simply comes first.
 */
function columnReaches(blocks: readonly Block[], a: Block, b: Block): boolean {
  for (const d of blocks) {
    if (d.x0 < a.x1 && d.x1 > a.x0 && d.x1 <= b.x0 && d.top >= b.bottom) return true;
  }
  return false;
}

/** The blocks' rows as lines; neighbouring pieces of one row (a number and its heading) rejoin. */
function linesInOrder(blocks: readonly Block[]): Line[] {
  const lines: Line[] = [];
  const fused = blocks.map((_, i) => i);
  blocks.forEach((b, bi) => {
    let i = 0;
    const segs = [...b.segs].sort((p, q) => p.row - q.row || p.x0 - q.x0);
    while (i < segs.length) {
      const row = segs[i]!.row;
      const frags: Frag[] = [];
      while (i < segs.length && segs[i]!.row === row) frags.push(...segs[i++]!.frags);
      const prev = lines[lines.length - 1];
      if (prev && prev.row === row && prev.block !== fused[bi] && frags[0]!.fx >= prev.x1 - 1) {
        lines[lines.length - 1] = buildLine([...prev.frags, ...frags], row, prev.block);
        // The rest of this block continues the line's paragraph.
        fused[bi] = prev.block;
      } else lines.push(buildLine(frags, row, fused[bi]!));
    }
  });
  return lines;
}

/** Spacing accents a typesetter draws over the next letter, and the combining marks they stand for. */
const ACCENTS: Record<string, string> = {
  '\u00a8': '\u0308',
  '\u00b4': '\u0301',
  '\u02c6': '\u0302',
  '\u02dc': '\u0303',
  '\u00b8': '\u0327',
  '\u02da': '\u030a',
  '\u02c7': '\u030c',
  '\u00af': '\u0304',
  '\u02d8': '\u0306',
  '\u02d9': '\u0307',
  '\u02dd': '\u030b',
  '\u02db': '\u0328',
};

const LETTER_SPACED = /^(?:[\p{L}\p{N}] )*[\p{L}\p{N}]$/u;

/**
 * Joins a line's items left to right: no space where items touch (pdf.js splits words at
 * ligatures), one space where they are apart; letter-spaced text ("T R A F F I C K I N G") is
 * closed up; an item drawn twice at the same place (fake bold) counts once.
 */
function buildLine(frags: Frag[], row: number, block: number): Line {
  let rtlChars = 0;
  let chars = 0;
  for (const f of frags) {
    chars += f.s.length;
    if (f.rtl) rtlChars += f.s.length;
  }
  const rtl = rtlChars * 2 > chars;
  frags.sort((a, b) => (rtl ? b.fx - a.fx : a.fx - b.fx));
  const letterSpaced = frags.some((f) => f.s.length >= 5 && f.s[1] === ' ') && frags.every((f) => LETTER_SPACED.test(f.s.trim()));
  let text = '';
  const runs: LineRun[] = [];
  let prev: Frag | undefined;
  let x0 = Infinity;
  let x1 = -Infinity;
  const weights = new StyleWeights();
  for (const f of frags) {
    let s = f.s.replace(/\s+/g, ' ');
    if (letterSpaced) s = s.replace(/ /g, '');
    if (prev && s === prev.s && Math.abs(f.fx - prev.fx) < 0.2 * f.size && Math.abs(f.fy - prev.fy) < 0.2 * f.size) continue;
    if (text === '' || text.endsWith(' ')) s = s.trimStart();
    if (s === '') continue;
    const accent = ACCENTS[text.at(-1) ?? ''];
    if (accent && prev && f.fx < prev.fx + prev.fw && /^\p{L}/u.test(s)) {
      // TeX sets "naïve" as "na¨" then "ıve" with the accent over the dotless i: put it back together.
      text = text.slice(0, -1);
      const last = runs[runs.length - 1];
      if (last) last.end = Math.min(last.end, text.length);
      const base = s[0] === 'ı' ? 'i' : s[0] === 'ȷ' ? 'j' : s[0]!;
      s = (base + accent).normalize('NFC') + s.slice(1);
    }
    if (prev && !text.endsWith(' ') && !s.startsWith(' ')) {
      const gap = rtl ? prev.fx - (f.fx + f.fw) : f.fx - (prev.fx + prev.fw);
      const spaced = (prev.spaceAfter && prev.seq + 1 === f.seq) || (f.spaceAfter && f.seq + 1 === prev.seq);
      if (spaced || gap > SPACE_GAP * Math.min(f.size, prev.size)) text += ' ';
    }
    const lead = s.length - s.trimStart().length;
    const start = text.length + lead;
    text += s;
    const end = text.length - (s.length - s.trimEnd().length);
    const last = runs[runs.length - 1];
    if (last && last.end === start && prev && Math.abs(prev.fy - f.fy) < 0.05 * f.size && Math.abs(prev.size - f.size) < 0.05 * f.size) {
      const bx0 = Math.min(last.x, f.box.x);
      const by0 = Math.min(last.y, f.box.y);
      last.width = Math.max(last.x + last.width, f.box.x + f.box.width) - bx0;
      last.height = Math.max(last.y + last.height, f.box.y + f.box.height) - by0;
      last.x = bx0;
      last.y = by0;
      last.end = end;
    } else if (end > start) runs.push({ start, end, ...f.box });
    prev = f;
    x0 = Math.min(x0, f.fx);
    x1 = Math.max(x1, f.fx + f.fw);
    weights.add(f, s.length);
  }
  const trimmed = text.trimEnd();
  for (const r of runs) r.end = Math.min(r.end, trimmed.length);
  let y = frags[0]?.fy ?? 0;
  let size = 0;
  for (const f of frags) {
    if (f.size > size) {
      size = f.size;
      y = f.fy;
    }
  }
  return {
    frags,
    text: trimmed,
    runs: runs.filter((r) => r.end > r.start),
    x0: Number.isFinite(x0) ? x0 : 0,
    x1: Number.isFinite(x1) ? x1 : 0,
    y,
    size: weights.size ?? size,
    font: weights.font,
    row,
    block,
    heading: false,
    paraStart: false,
    offFont: false,
  };
}

/** The size and font carrying most characters of a line (most lines have one or two). */
class StyleWeights {
  private sizes: number[] = [];
  private sizeWeights: number[] = [];
  private fonts: string[] = [];
  private fontWeights: number[] = [];

  add(f: Frag, chars: number): void {
    const key = Math.round(f.size * 2) / 2;
    let i = this.sizes.indexOf(key);
    if (i < 0) i = this.sizes.push(key) - 1;
    this.sizeWeights[i] = (this.sizeWeights[i] ?? 0) + chars;
    let j = this.fonts.indexOf(f.font);
    if (j < 0) j = this.fonts.push(f.font) - 1;
    this.fontWeights[j] = (this.fontWeights[j] ?? 0) + chars;
  }

  get size(): number | undefined {
    return this.sizes[argmax(this.sizeWeights)];
  }

  get font(): string {
    return this.fonts[argmax(this.fontWeights)] ?? '';
  }
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function heaviest<K>(weights: Map<K, number>): K | undefined {
  let best: K | undefined;
  let w = -1;
  for (const [k, v] of weights) {
    if (v > w) {
      w = v;
      best = k;
    }
  }
  return best;
}

/** The page's body text size and font: those carrying the most characters. */
function bodyStyle(frags: readonly Frag[]): { size: number; font: string } {
  const sizes = new Map<number, number>();
  const fonts = new Map<string, number>();
  for (const f of frags) {
    const key = Math.round(f.size * 2) / 2;
    sizes.set(key, (sizes.get(key) ?? 0) + f.s.length);
    fonts.set(f.font, (fonts.get(f.font) ?? 0) + f.s.length);
  }
  return { size: heaviest(sizes) ?? 10, font: heaviest(fonts) ?? '' };
}

function looksLikeHeading(l: Line, bodySize: number): boolean {
  if (!/\p{L}/u.test(l.text)) return false;
  if (isHeadingLine(l.text)) return true;
  return l.size >= 1.2 * bodySize && l.text.length <= 120;
}

const TIER_HEADING = /:\s*(?:Tier|TIER|Special Case|SPECIAL CASE)\b/;

/**
 * A large heading set in the left column with nothing beside it, below right-column text, heads
 * the columns that follow (TIP country headings span both columns): it is widened to the page's
 * text so the reading order ends the columns above it.
 */
function promoteSpanningHeadings(blocks: Block[], bodySize: number): void {
  const counted = (b: Block): boolean => b.segs.length > 1 || b.x1 - b.x0 > 4 * b.size;
  let right = -Infinity;
  for (const b of blocks) right = Math.max(right, b.x1);
  for (const h of blocks) {
    if (h.side !== 0 || h.segs.length > 3) continue;
    const text = h.segs.map((s) => s.frags.map((f) => f.s).join('')).join(' ');
    if (!(h.size >= 1.15 * bodySize && /\p{L}/u.test(text)) && !TIER_HEADING.test(text)) continue;
    let beside = false;
    let above = false;
    let below = false;
    for (const b of blocks) {
      if (b.side !== 1 || !counted(b)) continue;
      if (b.top > h.bottom - 0.3 * h.size && b.bottom < h.top) beside = true;
      else if (b.bottom >= h.top) above = true;
      else below = true;
    }
    if (beside || !above) continue;
    if (below || !blocks.some((b) => b.side === 0 && b !== h && b.top <= h.bottom)) h.x1 = right;
  }
}

/** A single short line in a font of its own between body lines (a bold run-in title) is a heading. */
function markIsolatedFontHeadings(lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.heading || !l.offFont || !/\p{L}/u.test(l.text) || l.text.length > 80) continue;
    const before = lines[i - 1];
    const after = lines[i + 1];
    if (!after || after.font === l.font || after.offFont) continue;
    if (before && before.font === l.font) continue;
    if (/[,;]$/.test(l.text)) continue;
    l.heading = true;
  }
}

const SENTENCE_END = /[.!?:][”’"')\]]*$/;
const LIST_MARKER = /^(?:[•▪◦●‣∙·]|[-–—]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)/u;

interface Column {
  left: number;
  right: number;
  /** Most lines start at `left`: only then does a line starting further in mark an indent. */
  flushLeft: boolean;
}

/**
 * Marks where paragraphs begin: after a vertical gap larger than the page's line pitch, at a size
 * change, a first-line indent, a list marker, a short line ending a sentence, and around headings.
 * A new block continues the paragraph only where the text jumps up to the top of the next column
 * and the new line is not indented and the last one did not end a sentence early.
 */
function markParagraphs(lines: Line[]): void {
  const byBlock = new Map<number, Line[]>();
  for (const l of lines) {
    let list = byBlock.get(l.block);
    if (!list) byBlock.set(l.block, (list = []));
    list.push(l);
  }
  const columns = new Map<number, Column>();
  for (const [key, list] of byBlock) columns.set(key, columnOf(list));
  const pitch = linePitch(lines);
  for (let i = 0; i < lines.length; i++) {
    const cur = lines[i]!;
    const prev = lines[i - 1];
    if (!prev) {
      cur.paraStart = true;
      continue;
    }
    const col = columns.get(cur.block)!;
    const prevCol = columns.get(prev.block)!;
    const size = Math.max(cur.size, prev.size);
    const sameBlock = cur.block === prev.block;
    if (cur.heading || prev.heading) {
      cur.paraStart = !(
        cur.heading &&
        prev.heading &&
        sameBlock &&
        cur.font === prev.font &&
        Math.abs(cur.size - prev.size) < 0.05 * size &&
        !isHeadingLine(prev.text) &&
        prev.y - cur.y <= (pitch + 0.5) * size
      );
      continue;
    }
    const endsEarly = SENTENCE_END.test(prev.text) && prev.x1 < prevCol.right - 0.15 * (prevCol.right - prevCol.left);
    const startsNew = /^[\p{Lu}\p{N}“"‘'(]/u.test(cur.text);
    if (LIST_MARKER.test(cur.text)) {
      cur.paraStart = true;
      continue;
    }
    if (!sameBlock) {
      const jumpsUp = cur.y > prev.y + 0.5 * size;
      cur.paraStart = !jumpsUp || Math.abs(cur.size - prev.size) > 0.15 * size || indented(cur, col) || (endsEarly && startsNew);
      continue;
    }
    const next = lines[i + 1];
    const nextIndented = next && next.block === cur.block && indented(next, col);
    cur.paraStart =
      prev.y - cur.y > (pitch + 0.3) * size ||
      Math.abs(cur.size - prev.size) > 0.15 * size ||
      (indented(cur, col) && !indented(prev, col) && !nextIndented) ||
      (endsEarly && startsNew);
  }
}

function indented(l: Line, col: Column): boolean {
  return col.flushLeft && l.x0 - col.left > 0.5 * l.size;
}

/** A block's left edge (the most common line start), right edge (a high percentile of line ends) and alignment. */
function columnOf(lines: readonly Line[]): Column {
  const starts = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.x0);
    starts.set(k, (starts.get(k) ?? 0) + 1);
  }
  let left = heaviest(starts) ?? 0;
  // A short or centred block has no clear mode: fall back to its leftmost line.
  if ((starts.get(left) ?? 0) < 2) left = Math.min(...lines.map((l) => l.x0));
  const ends = lines.map((l) => l.x1).sort((a, b) => a - b);
  const right = ends[Math.min(ends.length - 1, Math.floor(ends.length * 0.9))] ?? left;
  // Centred or right-aligned text starts each line somewhere else.
  const flush = lines.filter((l) => Math.abs(l.x0 - left) <= 0.3 * l.size).length;
  return { left, right: Math.max(right, left + 1), flushLeft: flush * 2 >= lines.length };
}

/** The page's usual baseline distance between lines of one paragraph, as a multiple of the size. */
function linePitch(lines: readonly Line[]): number {
  const ratios: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.block !== b.block || a.heading || b.heading) continue;
    if (Math.abs(a.size - b.size) > 0.1 * a.size) continue;
    const r = (a.y - b.y) / a.size;
    if (r > 0.5 && r < 3) ratios.push(r);
  }
  if (ratios.length < 3) return 1.25;
  ratios.sort((a, b) => a - b);
  return ratios[ratios.length >> 1]!;
}

/**
 * Whether a page's text looks like the output of a font without a Unicode map: many control or
 * private-use characters, few letters or digits, or many tokens that are signs alone or glue
 * letters to signs the way no word does (normal pages stay under 7 %; unmapped ones reach 80 %).
 */
export function looksGarbled(text: string): boolean {
  let n = 0;
  let bad = 0;
  let alnum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10) continue;
    if (c < 128) {
      n++;
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) alnum++;
      else if (c < 32 || c === 127) bad++;
      continue;
    }
    const ch = text[i]!;
    if (/\s/.test(ch)) continue;
    n++;
    if (/[\p{Co}\p{Cs}\p{Cn}\p{Cc}\uFFFD]/u.test(ch)) bad++;
    else if (/[\p{L}\p{N}\p{M}]/u.test(ch)) alnum++;
  }
  if (n === 0) return false;
  if (bad > 0.1 * n) return true;
  if (n >= 3 && alnum < 0.5 * n) return true;
  const tokens = text.split(/\s+/);
  let count = 0;
  let odd = 0;
  for (const t of tokens) {
    if (t === '') continue;
    count++;
    // Plain ASCII words are the bulk of most pages and cannot be odd: skip them cheaply.
    if (/^[A-Za-z0-9,.;:()'"-]+$/.test(t) && !/[A-Z][a-z][A-Z][a-z]|^[b-df-hj-np-tv-xz]{5,}$/.test(t)) continue;
    // Real text has few tokens of signs alone (dashes and bullets aside); unmapped glyphs give many.
    if (!/[\p{L}\p{N}]/u.test(t) ? !/^[—–\-•●▪…|]+$/u.test(t) : unlikelyToken(t)) odd++;
  }
  return odd >= 0.3 * count;
}

/** Quotes and Latin-1 symbols that a font without a Unicode map turns letters into. */
const QUOTES = '’‘“”«»¡¿';
const SYMBOLS = '§¶†‡•¢£¤¥¦¨©ª¬®¯°±²³´µ¸¹º¼½¾×÷';
const OPERATORS = '<>{}\\[\\]|\\\\^~=+*#@$%&';
/** Signs glued to operators or to each other ("’>in"), or a symbol inside a word ("a¤b"). */
const GLUED_SIGNS = new RegExp(
  `[${QUOTES}${SYMBOLS}][${OPERATORS}${QUOTES}${SYMBOLS}]|[${OPERATORS}][${QUOTES}${SYMBOLS}]|\\p{L}[${SYMBOLS}]\\p{L}`,
  'u',
);

function unlikelyToken(token: string): boolean {
  if (!/\p{L}/u.test(token)) return false;
  if (GLUED_SIGNS.test(token)) return true;
  const core = token.replace(/^[("'“‘’[{]+/u, '').replace(/[)"'”’\]},.;:!?]+$/u, '');
  if (/\p{Ll}\p{Lu}\p{Ll}\p{Lu}/u.test(core)) return true;
  return /^[a-z]{5,}$/.test(core) && !/[aeiouy]/.test(core);
}

// ---------------------------------------------------------------------------------------------
// Whole document

const PAGE_NUMBER = /^(?:page\s+)?([0-9]{1,4}|[ivxlcdm]{1,7})(?:\s+of\s+\d+)?$|^[-–—]\s*([0-9]{1,4})\s*[-–—]$/i;

/** Removes running heads and page numbers, joins paragraphs, repairs artefacts, records spans. */
export function assembleLayout(pages: readonly PageLayout[], options: AssembleOptions = {}): LayoutResult {
  const removed = pages.map((p) => new Uint8Array(p.lines.length));
  removePageNumbers(pages, removed);
  const runningHeads = removeRunningHeads(pages, removed);

  const vocabulary = new Set<string>();
  pages.forEach((p, i) => p.lines.forEach((l, j) => removed[i]![j] || addToVocabulary(vocabulary, l.text)));

  let text = '';
  const pageStarts: number[] = [];
  const spans: TextSpan[] = [];
  const warnings: string[] = [];
  pages.forEach((p, i) => {
    if (i > 0) text += '\n\n';
    pageStarts.push(text.length);
    if (p.empty) warnings.push(`page ${p.page}: scanned: no selectable text`);
    if (p.garbled) warnings.push(`page ${p.page}: text looks garbled (font without Unicode map); not trusted`);
    if (p.garbled && options.dropGarbled) return;
    const pageStart = text.length;
    let para: Paragraph | null = null;
    const flush = (): void => {
      if (!para) return;
      if (text.length > pageStart) text += '\n';
      text += emitParagraph(para, p.page, text.length, vocabulary, spans);
      para = null;
    };
    p.lines.forEach((line, j) => {
      if (removed[i]![j]) return;
      if (line.paraStart || !para) {
        flush();
        para = { text: '', runs: [] };
      }
      appendLine(para, line, vocabulary);
    });
    flush();
  });
  return { text, pageStarts, spans, warnings, runningHeads };
}

interface Paragraph {
  text: string;
  runs: LineRun[];
}

function appendLine(para: Paragraph, line: LaidLine, vocabulary: Vocabulary): void {
  let offset = para.text.length;
  if (para.text !== '') {
    // The end of the paragraph is enough to see a broken word; the whole of it would make this quadratic.
    const { drop, separator } = lineJoin(para.text.slice(-80), line.text, vocabulary);
    if (drop > 0) {
      para.text = para.text.slice(0, para.text.length - drop);
      for (let k = para.runs.length - 1; k >= 0 && para.runs[k]!.end > para.text.length; k--) {
        para.runs[k]!.end = para.text.length;
      }
    }
    para.text += separator;
    offset = para.text.length;
  }
  para.text += line.text;
  for (const r of line.runs) para.runs.push({ ...r, start: r.start + offset, end: r.end + offset });
}

function emitParagraph(para: Paragraph, page: number, at: number, vocabulary: Vocabulary, spans: TextSpan[]): string {
  const { text, edits } = repairArtefacts(para.text, vocabulary);
  for (const r of para.runs) {
    const start = mapOffset(edits, r.start, 'start');
    const end = mapOffset(edits, r.end, 'end');
    if (end <= start) continue;
    spans.push({ start: at + start, end: at + end, page, x: round(r.x), y: round(r.y), width: round(r.width), height: round(r.height) });
  }
  return text;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

function removePageNumbers(pages: readonly PageLayout[], removed: Uint8Array[]): void {
  const found: { page: number; line: number; offset: number }[] = [];
  const offsets = new Map<number, number>();
  pages.forEach((p, i) => {
    p.lines.forEach((l, j) => {
      if (!l.edge) return;
      const m = PAGE_NUMBER.exec(l.text.trim());
      if (!m) return;
      const raw = m[1] ?? m[2]!;
      const value = /^\d+$/.test(raw) ? Number(raw) : romanValue(raw);
      if (value === null) return;
      const offset = value - i;
      found.push({ page: i, line: j, offset });
      offsets.set(offset, (offsets.get(offset) ?? 0) + 1);
    });
  });
  for (const f of found) {
    if ((offsets.get(f.offset) ?? 0) >= 2 || f.offset === 1) removed[f.page]![f.line] = 1;
  }
}

function romanValue(s: string): number | null {
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  const t = s.toLowerCase();
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const v = values[t[i]!]!;
    const next = values[t[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  // Only canonical numerals: "mix" or "dim" are words.
  return toRoman(total) === t ? total : null;
}

function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

function removeRunningHeads(pages: readonly PageLayout[], removed: Uint8Array[]): string[] {
  if (pages.length < 2) return [];
  const groups = new Map<string, { pages: Set<number>; where: [number, number][]; texts: string[] }>();
  pages.forEach((p, i) => {
    p.lines.forEach((l, j) => {
      if (!l.edge || removed[i]![j]) return;
      // A page number printed beside the head is the only part allowed to change from page to page.
      const norm = l.text.replace(/\s+/g, ' ').trim().replace(/^\d+ | \d+$/g, '#');
      if (!/\p{L}/u.test(norm)) return;
      const key = `${l.edge}|${Math.round(l.y / 2)}|${norm}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { pages: new Set(), where: [], texts: [] }));
      g.pages.add(i);
      g.where.push([i, j]);
      g.texts.push(l.text.replace(/\s+/g, ' ').trim());
    });
  });
  const needed = Math.max(2, Math.ceil(pages.length * 0.3));
  const heads: string[] = [];
  for (const g of groups.values()) {
    if (g.pages.size < needed) continue;
    // Two pages that happen to start with the same heading are not a running head: on so little
    // evidence, ask for the white space that sets a head apart from the text.
    if (g.pages.size < 3 && g.where.some(([i, j]) => pages[i]!.lines[j]!.margin < 2)) continue;
    for (const [i, j] of g.where) removed[i]![j] = 1;
    const texts = new Set(g.texts);
    // A head that carries the page number ("12 TRAFFICKING IN PERSONS REPORT") is reported without it.
    const head = texts.size === 1 ? g.texts[0]! : g.texts[0]!.replace(/^\d+\s+|\s+\d+$/g, '');
    if (!heads.includes(head)) heads.push(head);
  }
  return heads;
}
