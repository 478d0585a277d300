/**
 * A passage's history across editions: the chain of findings linked by `predecessorId` (made by
 * carrying findings forward), oldest first.
 */
import type { DocumentRecord, Finding } from '../model/types';

/** One year of a passage's history. */
export interface LineageStep {
  findingId: string;
  documentId: string;
  /** The edition's year; null when the document has none. */
  year: number | null;
  /** The document's title ('' when it is no longer in the library). */
  title: string;
  quote: string;
  /** The finding the history was asked for. */
  current: boolean;
}

type Linked = Pick<Finding, 'id' | 'documentId' | 'quote' | 'predecessorId'>;

/**
 * The history of `finding`: its predecessors back to the first, itself, then its successors
 * forward. Where a finding was carried into several documents, the history follows the earliest
 * edition (by year, then title). A link to a finding since deleted ends the chain there; a cycle
 * (only possible in a hand-edited backup) is cut at the first repeat.
 */
export function findingLineage(
  finding: Linked,
  findings: readonly Linked[],
  documents: readonly Pick<DocumentRecord, 'id' | 'year' | 'title'>[],
): LineageStep[] {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const docs = new Map(documents.map((d) => [d.id, d]));
  const successors = new Map<string, Linked[]>();
  for (const f of findings) {
    if (!f.predecessorId) continue;
    const list = successors.get(f.predecessorId);
    if (list) list.push(f);
    else successors.set(f.predecessorId, [f]);
  }
  const step = (f: Linked): LineageStep => {
    const d = docs.get(f.documentId);
    return { findingId: f.id, documentId: f.documentId, year: d?.year ?? null, title: d?.title ?? '', quote: f.quote.exact, current: f.id === finding.id };
  };
  const seen = new Set<string>([finding.id]);
  const back: LineageStep[] = [];
  for (let p = finding.predecessorId ? byId.get(finding.predecessorId) : undefined; p && !seen.has(p.id); p = p.predecessorId ? byId.get(p.predecessorId) : undefined) {
    seen.add(p.id);
    back.unshift(step(p));
  }
  const forward: LineageStep[] = [];
  for (let s = earliest(successors.get(finding.id), docs); s && !seen.has(s.id); s = earliest(successors.get(s.id), docs)) {
    seen.add(s.id);
    forward.push(step(s));
  }
  return [...back, step(finding), ...forward];
}

function earliest(list: readonly Linked[] | undefined, docs: ReadonlyMap<string, Pick<DocumentRecord, 'year' | 'title'>>): Linked | undefined {
  if (!list?.length) return undefined;
  const key = (f: Linked) => docs.get(f.documentId);
  return [...list].sort((a, b) => (key(a)?.year ?? Infinity) - (key(b)?.year ?? Infinity) || (key(a)?.title ?? '').localeCompare(key(b)?.title ?? ''))[0];
}
