import * as v from 'valibot';
import { BACKUP_FORMAT } from './backup-format';

// Objects are "loose": a record is restored exactly as it was read, so a field these schemas do not
// name is carried along rather than silently dropped. Enumerations the app only displays (tiers,
// section kinds) are plain strings, so a backup never fails over a label.

const id = v.pipe(v.string(), v.minLength(1, 'it is empty'), v.maxLength(200, 'it is longer than 200 characters'));
// Document ids become parts of entry names; the app only ever makes UUIDs.
const documentId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{1,200}$/, 'it is not a valid document id'));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const page = v.pipe(v.number(), v.integer(), v.minValue(1));
const timestamp = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'it is not an ISO 8601 date and time'));
const sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'it is not a hex SHA-256'));
const range = { start: count, end: count };
const coordinate = v.pipe(v.number(), v.finite('it is not a finite number'));
const extent = v.pipe(v.number(), v.finite('it is not a finite number'), v.minValue(0));
/** At most this many page rectangles per finding: a line is one, so this is pages of text. */
export const MAX_FINDING_RECTS = 10_000;
const ordered = <T extends { start: number; end: number }>(x: T) => x.end >= x.start;

/** A document record (DocumentRecord). */
export const documentSchema = v.looseObject({
  id: documentId,
  title: v.string(),
  fileName: v.string(),
  kind: v.picklist(['pdf', 'text']),
  sha256,
  byteLength: count,
  pageCount: count,
  characters: count,
  warnings: v.array(v.string()),
  year: v.nullable(v.pipe(v.number(), v.integer())),
  yearSource: v.nullable(v.string()),
  countries: v.array(v.looseObject({ name: v.string(), tier: v.nullable(v.string()) })),
  addedAt: timestamp,
});

/** A document's text and structure (DocumentText). */
export const textSchema = v.looseObject({
  documentId,
  text: v.string(),
  pageStarts: v.pipe(
    v.array(count),
    v.check((starts) => starts.every((s, i) => i === 0 || s >= starts[i - 1]!), 'the page starts are not in order'),
  ),
  spans: v.array(v.looseObject({ ...range, page, x: v.number(), y: v.number(), width: v.number(), height: v.number() })),
  structure: v.looseObject({
    year: v.nullable(v.number()),
    yearSource: v.nullable(v.string()),
    countries: v.array(
      v.looseObject({
        name: v.string(),
        tier: v.nullable(v.string()),
        inferred: v.boolean(),
        ...range,
        page,
        sections: v.array(v.looseObject({ kind: v.string(), ...range, page })),
        recommendations: v.array(v.looseObject({ text: v.string(), ...range, page })),
        figures: v.array(v.looseObject({ kind: v.string(), value: v.number(), quote: v.string(), ...range, page })),
      }),
    ),
    outline: v.array(v.looseObject({ title: v.string(), level: v.number(), start: count, page })),
  }),
});

/** A finding (Finding), with its W3C quote and position selectors and its page rectangles. */
export const findingSchema = v.looseObject({
  id,
  documentId: id,
  quote: v.looseObject({ exact: v.string(), prefix: v.string(), suffix: v.string() }),
  position: v.pipe(v.looseObject(range), v.check(ordered, 'the passage ends before it starts')),
  page,
  rects: v.optional(
    v.pipe(
      v.array(v.looseObject({ page, x: coordinate, y: coordinate, width: extent, height: extent })),
      v.maxLength(MAX_FINDING_RECTS, `it has more than ${MAX_FINDING_RECTS} page rectangles`),
    ),
  ),
  tagIds: v.array(id),
  note: v.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  anchor: v.optional(
    v.looseObject({ status: v.picklist(['exact', 'moved', 'fuzzy', 'orphaned']), similarity: v.number(), checkedAt: timestamp }),
  ),
  predecessorId: v.optional(id),
});

/** A code of the codebook (Tag); what makes a codebook sound is validateCodebook's business. */
export const tagSchema = v.looseObject({
  id,
  name: v.string(),
  color: v.string(),
  description: v.string(),
  order: v.number(),
  parentId: v.optional(v.nullable(id)),
  shortcut: v.optional(v.string()),
  guid: v.optional(v.string()),
});

/** A stored preference (Setting). */
export const settingSchema = v.looseObject({ key: v.pipe(v.string(), v.minLength(1, 'it is empty')), value: v.unknown() });

/** The manifest (BackupManifest); format and versions are checked first, by readBackup itself. */
export const manifestSchema = v.looseObject({
  format: v.literal(BACKUP_FORMAT),
  formatVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  appVersion: v.optional(v.string()),
  createdAt: timestamp,
  counts: v.looseObject({ documents: count, findings: count, tags: count }),
  entries: v.array(v.looseObject({ name: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)), size: count, sha256 })),
});

/** One sentence-part saying what is wrong with a value, from valibot's first issue ("quote is missing"). */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue);
  const field = path ?? 'the record';
  if (issue.kind === 'schema' && issue.received === 'undefined') return `${field} is missing`;
  if (issue.kind === 'schema') return `${field} is not valid (expected ${issue.expected ?? 'another value'}, found ${issue.received})`;
  const why = /^Invalid \w+: /.test(issue.message) ? issue.message.replace(/^Invalid (\w+): /, 'invalid $1: ') : issue.message;
  return `${field}: ${why}`;
}
