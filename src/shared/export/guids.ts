import { uuidV5 } from '../codebook/name-uuid';

// Fixed forever: changing it would give every exported source, selection and coding a new
// identity, and a tool importing a later export would see all-new data.
const EXPORT_NAMESPACE = '2ac3abf7-f973-443a-88d7-1bff1e9a664d';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an exported identifier stands for; part of the name, so two kinds never share one. */
export type GuidKind = 'document' | 'finding' | 'coding' | 'collection' | 'page';

/**
 * A lower-case RFC 4122 UUID for an exported thing. Documents and findings already have random
 * UUIDs as ids and keep them, so the same finding is the same UUID in every export (CSV "Finding
 * ID", Web Annotation id, REFI-QDA selection); anything else gets a name-based UUID (v5) of its
 * kind and ids, the same on every run and machine.
 */
export function exportGuid(kind: GuidKind, ...ids: string[]): string {
  if ((kind === 'document' || kind === 'finding') && ids.length === 1 && UUID_RE.test(ids[0]!)) return ids[0]!.toLowerCase();
  // Ids never hold NUL, so ("a", "b:c") and ("a:b", "c") name different things.
  return uuidV5(EXPORT_NAMESPACE, [kind, ...ids].join('\u0000'));
}
