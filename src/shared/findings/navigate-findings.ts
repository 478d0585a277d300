import type { Finding } from '../model/types';

/** The findings that have a place in the text (orphans have none), in reading order. */
export function findingsInReadingOrder(findings: readonly Finding[]): Finding[] {
  return findings
    .filter((f) => f.anchor?.status !== 'orphaned')
    .sort((a, b) => a.position.start - b.position.start || a.position.end - b.position.end || a.createdAt.localeCompare(b.createdAt));
}

/**
 * The finding to move to from the current one, `step` = 1 for the next, -1 for the previous, in
 * reading order and wrapping round at either end. With no current finding (or one no longer in
 * the list) it starts from `fromOffset`, where the analyst is reading: the first finding at or
 * after it, or the last one before it. Undefined when the document has no placed finding.
 */
export function adjacentFinding(findings: readonly Finding[], currentId: string | undefined, step: 1 | -1, fromOffset = 0): Finding | undefined {
  const ordered = findingsInReadingOrder(findings);
  if (ordered.length === 0) return undefined;
  const at = currentId === undefined ? -1 : ordered.findIndex((f) => f.id === currentId);
  if (at >= 0) return ordered[(at + step + ordered.length) % ordered.length];
  if (step === 1) return ordered.find((f) => f.position.start >= fromOffset) ?? ordered[0];
  return ordered.findLast((f) => f.position.start < fromOffset) ?? ordered.at(-1);
}
