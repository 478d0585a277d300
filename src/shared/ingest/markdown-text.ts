/**
 * Markdown to plain text, light-handed: analysts' notes and exported reports keep their wording,
 * lists and line structure; only the marks that would otherwise show up as clutter in the reader
 * and the outline go. `# Title` (and setext) headings become the bare title with blank lines
 * around it, so unwrapping the text afterwards never joins a heading to its paragraph; fenced code
 * blocks are kept as written. Everything runs in one pass per line with no backtracking regular
 * expressions, so a long line costs time linear in its length.
 */

/** A fence line: up to three spaces, then three or more backticks or tildes. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** An ATX heading's opening: up to three spaces, one to six `#`, then a space or the line's end. */
const ATX_OPEN = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
/** A setext underline (`===` or `---` under a paragraph line). */
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;

/** The text of an ATX heading line without its `#` marks (opening and optional closing sequence). */
function atxTitle(line: string, open: string): string {
  let title = line.slice(open.length).trim();
  // A closing sequence of `#` counts only when a space precedes it ("C#" keeps its sign).
  let end = title.length;
  while (end > 0 && title[end - 1] === '#') end--;
  if (end === 0) return '';
  if (end < title.length && (title[end - 1] === ' ' || title[end - 1] === '\t')) title = title.slice(0, end).trimEnd();
  return title;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

function isBlank(ch: string | undefined): boolean {
  return ch === undefined || /\s/u.test(ch);
}

/** Removes `**` and `__` strong-emphasis marks around words in one line, outside code spans. */
export function stripStrongEmphasis(line: string): string {
  // A mark opens before a non-space and closes after one; `__` also needs a word boundary outside
  // it, so `snake__case__name` stays. Single `*`/`_` stay: they double as bullets and operators.
  if (!line.includes('**') && !line.includes('__')) return line;
  const n = line.length;
  // Code spans: a run of k backticks pairs with the next run of exactly k backticks.
  const runs: Array<{ at: number; len: number; match?: number }> = [];
  for (let i = 0; i < n; ) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (j < n && line[j] === '`') j++;
    runs.push({ at: i, len: j - i });
    i = j;
  }
  const runAt = new Map<number, number>();
  const nextOfLength = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    runAt.set(runs[r]!.at, r);
    runs[r]!.match = nextOfLength.get(runs[r]!.len);
    nextOfLength.set(runs[r]!.len, r);
  }
  const remove = new Uint8Array(n);
  const open: Record<string, number[]> = { '*': [], _: [] };
  for (let i = 0; i < n; ) {
    const ch = line[i]!;
    if (ch === '`') {
      // A run is known by where it starts; an escape may have stepped into the middle of one.
      const r = runs[runAt.get(i) ?? -1];
      if (!r) i++;
      else if (r.match !== undefined) {
        const closing = runs[r.match]!;
        i = closing.at + closing.len;
      } else i += r.len;
      continue;
    }
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if ((ch !== '*' && ch !== '_') || line[i + 1] !== ch) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && line[j] === ch) j++;
    const before = line[i - 1];
    const after = line[j];
    const canOpen = !isBlank(after) && (ch === '*' || !isWordChar(before));
    const canClose = !isBlank(before) && (ch === '*' || !isWordChar(after));
    const stack = open[ch]!;
    if (canClose && stack.length > 0) {
      const opener = stack.pop()!;
      // Two marks come off each side; a third (bold italic) stays as the italic mark.
      remove[opener] = 1;
      remove[opener + 1] = 1;
      remove[i] = 1;
      remove[i + 1] = 1;
    } else if (canOpen) stack.push(j - 2);
    i = j;
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < n; i++) {
    if (remove[i] === 0) continue;
    out += line.slice(from, i);
    from = i + 1;
  }
  return out + line.slice(from);
}

/** Converts Markdown to plain text: headings become bare title lines, strong-emphasis marks go, the rest stays. */
export function markdownToText(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    if (fence !== undefined) {
      out.push(line);
      const m = FENCE.exec(line);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.slice(m[0].length).trim() === '') fence = undefined;
      continue;
    }
    const f = FENCE.exec(line);
    if (f && !(f[1]![0] === '`' && line.slice(f[0].length).includes('`'))) {
      fence = f[1]!;
      out.push(line);
      continue;
    }
    const atx = ATX_OPEN.exec(line);
    if (atx) {
      const title = stripStrongEmphasis(atxTitle(line, atx[0]));
      if (title !== '') out.push('', title, '');
      continue;
    }
    const previous = out[out.length - 1];
    if (SETEXT_UNDERLINE.test(line) && previous !== undefined && previous.trim() !== '' && !/^\s*[-*+]\s/.test(previous)) {
      out.splice(out.length - 1, 1, '', previous.trim(), '');
      continue;
    }
    out.push(stripStrongEmphasis(line));
  }
  return out.join('\n');
}
