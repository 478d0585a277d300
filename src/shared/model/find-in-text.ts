/** A match of a find-in-document query, as offsets into the text. */
export interface TextMatch {
  start: number;
  end: number;
}

/** Most matches reported: past this, the count says "1000+" and the rest are not drawn. */
export const MAX_MATCHES = 1000;

/**
 * Every occurrence of `query` in `text`, case-insensitively; runs of whitespace in the query match
 * any run of whitespace (the clean text may break a phrase across a line). Offsets stay those of
 * `text`, because matching happens on the text itself, not on a lower-cased copy.
 */
export function findAll(text: string, query: string, limit = MAX_MATCHES): TextMatch[] {
  const q = query.trim();
  if (q.length === 0) return [];
  const pattern = q
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const re = new RegExp(pattern, 'giu');
  const out: TextMatch[] = [];
  for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}
