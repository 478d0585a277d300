import type { DocumentRecord } from '../model/types';
import type { SearchNote } from './search-index';

/** What must be re-indexed when it changes: the document (id) and its text (the file's hash and the text's length). */
export function documentSignature(d: Pick<DocumentRecord, 'id' | 'sha256' | 'characters'>): string {
  return `${d.id}|${d.sha256}|${d.characters}`;
}

/** A note's identity for the index: its text, document and position (where it is placed decides its country). */
export function noteSignature(f: SearchNote): string {
  return hash(`${f.documentId}|${f.position.start}|${f.position.end}|${f.note}`);
}

/**
 * One signature for what a search index holds: every document's signature and every note's, with
 * the index version. An index stored under this signature is the index of exactly this workspace.
 */
export function searchSignature(version: number, documents: readonly Pick<DocumentRecord, 'id' | 'sha256' | 'characters'>[], findings: readonly SearchNote[]): string {
  const docs = documents.map(documentSignature).sort();
  const notes = findings.filter((f) => f.note.trim()).map((f) => `${f.id}=${noteSignature(f)}`).sort();
  return `v${version}-${docs.length}-${notes.length}-${hash(docs.join('\n'))}${hash(notes.join('\n'))}`;
}

/** cyrb53: a fast 53-bit string hash (not cryptographic; the signature only has to change when the data does), as 14 hex digits. */
function hash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
