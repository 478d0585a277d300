import { normalizeCodebook, validateCodebook } from './codebook-ops';
import { MAX_CODES, type CodebookTag } from './codebook-tag';

/** The `format` header of a Report Workbench codebook file. */
export const CODEBOOK_JSON_FORMAT = 'report-workbench-codebook';

/** The version this build writes; files of a later version are refused, earlier ones read. */
export const CODEBOOK_JSON_VERSION = 1;

/** One code in the JSON file (its place in the list is its order). */
export interface CodebookJsonCode {
  id: string;
  name: string;
  color: string;
  description: string;
  parentId: string | null;
  shortcut?: string;
  guid?: string;
}

/** A codebook file as written by {@link codebookToJson}. */
export interface CodebookJson {
  format: typeof CODEBOOK_JSON_FORMAT;
  version: typeof CODEBOOK_JSON_VERSION;
  codes: CodebookJsonCode[];
}

const MAX_JSON_LENGTH = 32 * 1024 * 1024;
const MAX_ID_LENGTH = 200;

/** The codebook as our own JSON file: everything a code has (keys and kept GUIDs too), parents first. */
export function codebookToJson(tags: readonly CodebookTag[]): string {
  const codes = normalizeCodebook(tags).map((t): CodebookJsonCode => ({
    id: t.id,
    name: t.name,
    color: t.color,
    description: t.description,
    parentId: t.parentId,
    ...(t.shortcut !== undefined ? { shortcut: t.shortcut } : {}),
    ...(t.guid !== undefined ? { guid: t.guid } : {}),
  }));
  const file: CodebookJson = { format: CODEBOOK_JSON_FORMAT, version: CODEBOOK_JSON_VERSION, codes };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function readCode(raw: unknown, i: number): CodebookTag {
  const where = `Code ${i + 1}`;
  if (!isRecord(raw)) throw new Error(`${where} is not an object.`);
  const named = typeof raw.name === 'string' && raw.name.trim() !== '' ? `${where} (“${raw.name.slice(0, 60)}”)` : where;
  const str = (key: string, optional = false): string | undefined => {
    const v = raw[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string') throw new Error(`${named} has no ${key} text.`);
    return v;
  };
  const id = str('id')!;
  if (id === '' || id.length > MAX_ID_LENGTH) throw new Error(`${named} has an id that is empty or longer than ${MAX_ID_LENGTH} characters.`);
  const parentId = raw.parentId ?? null;
  if (parentId !== null && typeof parentId !== 'string') throw new Error(`${named} has a parentId that is neither text nor null.`);
  const tag: CodebookTag = { id, name: str('name')!, color: str('color')!, description: str('description', true) ?? '', order: i + 1, parentId };
  const shortcut = str('shortcut', true);
  if (shortcut !== undefined) tag.shortcut = shortcut;
  const guid = str('guid', true);
  if (guid !== undefined) tag.guid = guid;
  return tag;
}

/**
 * Reads a file written by {@link codebookToJson}. Throws an Error with a readable message for
 * anything else: not JSON, another format, a newer version, missing fields, or a damaged codebook
 * (duplicate ids, bad colours or keys, cycles…). Unknown fields are ignored; sibling codes with the
 * same name are accepted (the app warns about them). Returns the codes normalised, parents first.
 */
export function codebookFromJson(text: string): CodebookTag[] {
  if (typeof text !== 'string') throw new Error('Expected the text of a codebook file.');
  if (text.length > MAX_JSON_LENGTH) throw new Error(`The file is larger than ${MAX_JSON_LENGTH / 1024 / 1024} MB; a codebook is far smaller.`);
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new Error(`This file is not valid JSON (${e instanceof Error ? e.message : String(e)}).`, { cause: e });
  }
  if (!isRecord(data) || data.format === undefined) throw new Error('This is not a Report Workbench codebook: it has no format header.');
  if (data.format !== CODEBOOK_JSON_FORMAT) throw new Error(`This is not a Report Workbench codebook: its format is “${String(data.format).slice(0, 60)}”.`);
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new Error('The codebook file has no valid version number.');
  if (version > CODEBOOK_JSON_VERSION) {
    throw new Error(`This codebook was saved by a newer Report Workbench (format version ${version}); update the app to open it.`);
  }
  if (!Array.isArray(data.codes)) throw new Error('The codebook file has no list of codes.');
  if (data.codes.length > MAX_CODES) throw new Error(`The codebook has ${data.codes.length} codes; the limit is ${MAX_CODES}.`);
  const tags = data.codes.map(readCode);
  const errors = validateCodebook(tags).filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const shown = errors.slice(0, 3).map((p) => p.message).join(' ');
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
    throw new Error(`The codebook file is damaged: ${shown}${more}`);
  }
  return normalizeCodebook(tags);
}
