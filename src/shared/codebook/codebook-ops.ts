import type { Finding } from '../model/types';
import { newId } from '../ids';
import { fail, ok, type Result } from '../result';
import {
  FALLBACK_COLOURS,
  MAX_DEPTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  SHORTCUT_KEYS,
  isHexColour,
  normalizeHexColour,
  type CodebookTag,
} from './codebook-tag';

/** A code in the tree, with its children in order. */
export interface CodebookNode {
  tag: CodebookTag;
  /** 0 at the top level. */
  depth: number;
  children: CodebookNode[];
}

/** What the codebook operations need of a finding. */
export type FindingTags = Pick<Finding, 'id' | 'tagIds'>;

/** A finding whose tags an edit changes, with its new tag list. */
export interface FindingTagsUpdate {
  findingId: string;
  tagIds: string[];
}

/** The outcome of an edit: the whole new codebook plus exactly what to write. */
export interface CodebookEdit {
  /** Every code after the edit, parents before children, `order` renumbered 1..n. */
  tags: CodebookTag[];
  /** Codes that are new or differ in any field (including `order`): put these. */
  changed: CodebookTag[];
  /** Codes that no longer exist: delete these. */
  removedIds: string[];
  /** Findings whose `tagIds` change. */
  findingUpdates: FindingTagsUpdate[];
  /** One or two sentences for the analyst: what the edit does, fit for a confirmation. */
  message: string;
}

/** A deletion, with the findings it touches. */
export interface DeletePlan extends CodebookEdit {
  /** Findings that carry a deleted code and lose it. */
  affectedFindingIds: string[];
  /** Of those, the ones left without any code: they are kept, untagged. */
  untaggedFindingIds: string[];
}

/** How {@link deleteTag} treats the deleted code's children. */
export type DeleteMode = 'reparent-children' | 'delete-subtree';

/** A problem {@link validateCodebook} found. */
export interface CodebookProblem {
  /** The code concerned, when there is one. */
  tagId: string | null;
  /** `error`: the codebook is damaged; `warning`: legal but confusing (two siblings with one name). */
  severity: 'error' | 'warning';
  message: string;
}

// ---------------------------------------------------------------------------------------------
// The tree as the app sees it

interface Index {
  byId: Map<string, CodebookTag>;
  /** The parent each code is shown under: null for roots, dangling parents and broken cycles. */
  parentOf: Map<string, string | null>;
  /** Children ids in order, keyed by parent id (null: the top level). */
  childrenOf: Map<string | null, string[]>;
  /** Codes whose stored parent was ignored, and why. */
  detached: Map<string, 'dangling' | 'cycle'>;
}

const quoted = (s: string) => `“${s}”`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function indexTags(tags: readonly CodebookTag[]): Index {
  const byId = new Map<string, CodebookTag>();
  const position = new Map<string, number>();
  tags.forEach((t, i) => {
    // Later duplicates are ignored here; validateCodebook reports them.
    if (!byId.has(t.id)) {
      byId.set(t.id, t);
      position.set(t.id, i);
    }
  });
  const rank = (a: string, b: string) => {
    const ta = byId.get(a)!;
    const tb = byId.get(b)!;
    return (ta.order ?? 0) - (tb.order ?? 0) || position.get(a)! - position.get(b)!;
  };
  const ids = [...byId.keys()].sort(rank);

  const parentOf = new Map<string, string | null>();
  const detached = new Map<string, 'dangling' | 'cycle'>();
  for (const id of ids) {
    const p = byId.get(id)!.parentId ?? null;
    if (p !== null && (!byId.has(p) || p === id)) {
      detached.set(id, p === id ? 'cycle' : 'dangling');
      parentOf.set(id, null);
    } else parentOf.set(id, p);
  }

  // Each code has at most one parent, so each connected group holds at most one cycle; cutting
  // the first member of each cycle (in display order) above its parent breaks them all.
  const state = new Map<string, 1 | 2>();
  for (const start of ids) {
    const path: string[] = [];
    let cur: string | null = start;
    while (cur !== null && !state.has(cur)) {
      state.set(cur, 1);
      path.push(cur);
      cur = parentOf.get(cur) ?? null;
    }
    if (cur !== null && state.get(cur) === 1) {
      const cycle = path.slice(path.indexOf(cur));
      const cut = cycle.slice().sort(rank)[0]!;
      parentOf.set(cut, null);
      detached.set(cut, 'cycle');
    }
    for (const id of path) state.set(id, 2);
  }

  const childrenOf = new Map<string | null, string[]>([[null, []]]);
  for (const id of ids) {
    const p = parentOf.get(id)!;
    let list = childrenOf.get(p);
    if (!list) childrenOf.set(p, (list = []));
    list.push(id);
  }
  return { byId, parentOf, childrenOf, detached };
}

/** Ids in depth-first order from a children map; iterative so any depth is safe. */
function preorder(childrenOf: Map<string | null, string[]>, from: string | null): string[] {
  const out: string[] = [];
  const stack = [...(childrenOf.get(from) ?? [])].reverse();
  while (stack.length > 0) {
    const id = stack.pop()!;
    out.push(id);
    const kids = childrenOf.get(id);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/** Rebuilds the tag list from a children map: parentId from the map, order = depth-first position. */
function materialize(byId: Map<string, CodebookTag>, childrenOf: Map<string | null, string[]>): CodebookTag[] {
  const parent = new Map<string, string | null>();
  for (const [p, kids] of childrenOf) for (const k of kids) parent.set(k, p);
  return preorder(childrenOf, null).map((id, i) => {
    const t = byId.get(id)!;
    const parentId = parent.get(id) ?? null;
    return t.parentId === parentId && t.order === i + 1 ? t : { ...t, parentId, order: i + 1 };
  });
}

function sameTag(a: CodebookTag, b: CodebookTag): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof CodebookTag>;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

function finish(
  before: readonly CodebookTag[],
  after: CodebookTag[],
  message: string,
  findingUpdates: FindingTagsUpdate[] = [],
): CodebookEdit {
  const old = new Map(before.map((t) => [t.id, t]));
  const kept = new Set(after.map((t) => t.id));
  return {
    tags: after,
    changed: after.filter((t) => {
      const o = old.get(t.id);
      return !o || !sameTag(o, t);
    }),
    removedIds: [...new Set(before.map((t) => t.id))].filter((id) => !kept.has(id)),
    findingUpdates,
    message,
  };
}

/** Copies the children map so an edit never touches the index it was read from. */
function cloneChildren(childrenOf: Map<string | null, string[]>): Map<string | null, string[]> {
  return new Map([...childrenOf].map(([k, v]) => [k, [...v]]));
}

function subtreeHeight(childrenOf: Map<string | null, string[]>, id: string): number {
  let height = 0;
  const stack: [string, number][] = [[id, 0]];
  while (stack.length > 0) {
    const [cur, h] = stack.pop()!;
    height = Math.max(height, h);
    for (const k of childrenOf.get(cur) ?? []) stack.push([k, h + 1]);
  }
  return height;
}

function depthOf(parentOf: Map<string, string | null>, id: string | null): number {
  let depth = 0;
  for (let cur = id === null ? null : (parentOf.get(id) ?? null); cur !== null; cur = parentOf.get(cur) ?? null) depth++;
  return id === null ? -1 : depth;
}

function isInside(parentOf: Map<string, string | null>, id: string, ancestor: string): boolean {
  for (let cur = parentOf.get(id) ?? null; cur !== null; cur = parentOf.get(cur) ?? null) if (cur === ancestor) return true;
  return false;
}

function prepare(tags: readonly CodebookTag[]): Result<Index> {
  const seen = new Set<string>();
  for (const t of tags) {
    if (seen.has(t.id)) return fail(`The codebook holds two codes with the id ${quoted(t.id)}; repair it before editing.`);
    seen.add(t.id);
  }
  return ok(indexTags(tags));
}

const GONE = 'That code no longer exists.';

function siblingNameClash(idx: Index, parentId: string | null, name: string, exceptId: string | null): CodebookTag | undefined {
  const key = name.toLocaleLowerCase();
  return (idx.childrenOf.get(parentId) ?? [])
    .map((id) => idx.byId.get(id)!)
    .find((t) => t.id !== exceptId && t.name.trim().toLocaleLowerCase() === key);
}

function where(idx: Index, parentId: string | null): string {
  return parentId === null ? 'at the top level' : `under ${quoted(idx.byId.get(parentId)!.name)}`;
}

function checkName(raw: string): Result<string> {
  const name = raw.trim();
  if (name === '') return fail('A code needs a name.');
  if (name.length > MAX_NAME_LENGTH) return fail(`A code name can be at most ${MAX_NAME_LENGTH} characters long.`);
  return ok(name);
}

function checkShortcut(idx: Index, shortcut: string, selfId: string | null): Result<string> {
  if (!SHORTCUT_KEYS.includes(shortcut)) return fail(`${quoted(shortcut)} cannot be a shortcut; use a single digit key, 0 to 9.`);
  const holder = [...idx.byId.values()].find((t) => t.shortcut === shortcut && t.id !== selfId);
  if (holder) return fail(`Key ${shortcut} is already used by ${quoted(holder.name)}.`);
  return ok(shortcut);
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * The codebook as an ordered tree. Siblings follow `order` (then list position). A code whose
 * parent is missing, is itself, or leads round a cycle is shown at the top level instead, so a
 * damaged codebook still displays every code exactly once.
 */
export function buildTree(tags: readonly CodebookTag[]): CodebookNode[] {
  const idx = indexTags(tags);
  const nodes = new Map<string, CodebookNode>();
  const roots: CodebookNode[] = [];
  // Parents come before children in depth-first order, so each parent node exists when needed.
  for (const id of preorder(idx.childrenOf, null)) {
    const p = idx.parentOf.get(id)!;
    const parent = p === null ? undefined : nodes.get(p);
    const node: CodebookNode = { tag: idx.byId.get(id)!, depth: parent ? parent.depth + 1 : 0, children: [] };
    nodes.set(id, node);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Every node of a tree, depth-first (the order a tree view lists them). */
export function flattenTree(roots: readonly CodebookNode[]): CodebookNode[] {
  const out: CodebookNode[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/**
 * The codebook repaired and renumbered: parentId as {@link buildTree} shows it (dangling parents
 * and cycles cut to the top level), order = depth-first position from 1.
 */
export function normalizeCodebook(tags: readonly CodebookTag[]): CodebookTag[] {
  const idx = indexTags(tags);
  return materialize(idx.byId, idx.childrenOf);
}

/** Ids of every code below `id`, depth-first, without `id` itself; empty for an unknown id. */
export function descendantIds(tags: readonly CodebookTag[], id: string): string[] {
  const idx = indexTags(tags);
  return idx.byId.has(id) ? preorder(idx.childrenOf, id) : [];
}

/** The codes a filter on `id` matches: the code and everything below it (a parent includes its children). */
export function tagFilterIds(tags: readonly CodebookTag[], id: string): Set<string> {
  return new Set([id, ...descendantIds(tags, id)]);
}

/** Findings per code: carrying the code itself (`direct`) and it or any code below it (`total`). */
export function countFindings(tags: readonly CodebookTag[], findings: readonly FindingTags[]): Map<string, { direct: number; total: number }> {
  const idx = indexTags(tags);
  const counts = new Map<string, { direct: number; total: number }>();
  for (const id of idx.byId.keys()) counts.set(id, { direct: 0, total: 0 });
  for (const f of findings) {
    const lineage = new Set<string>();
    for (const id of new Set(f.tagIds)) {
      const c = counts.get(id);
      if (!c) continue;
      c.direct++;
      for (let cur: string | null = id; cur !== null && !lineage.has(cur); cur = idx.parentOf.get(cur) ?? null) lineage.add(cur);
    }
    for (const id of lineage) counts.get(id)!.total++;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Editing

/** What a new code is made of; only the name is required. */
export interface NewCode {
  /** Defaults to a fresh random id. */
  id?: string;
  name: string;
  parentId?: string | null;
  color?: string;
  description?: string;
  shortcut?: string;
  /** Position among its siblings; at the end when omitted. */
  index?: number;
}

/** Adds a code; refuses an empty or clashing name, an unknown parent, a bad colour or a taken key. */
export function addTag(tags: readonly CodebookTag[], input: NewCode): Result<CodebookEdit> {
  const prep = prepare(tags);
  if (!prep.ok) return prep;
  const idx = prep.value;
  const id = input.id ?? newId();
  if (idx.byId.has(id)) return fail(`A code with the id ${quoted(id)} already exists.`);
  const parentId = input.parentId ?? null;
  if (parentId !== null && !idx.byId.has(parentId)) return fail('The chosen parent code no longer exists.');
  if (depthOf(idx.parentOf, parentId) + 1 >= MAX_DEPTH) return fail(`Codes can be nested at most ${MAX_DEPTH} levels deep.`);
  const name = checkName(input.name);
  if (!name.ok) return name;
  const clash = siblingNameClash(idx, parentId, name.value, null);
  if (clash) return fail(`There is already a code called ${quoted(clash.name)} ${where(idx, parentId)}.`);
  let color: string;
  if (input.color !== undefined) {
    const c = normalizeHexColour(input.color);
    if (!c) return fail(`${quoted(input.color)} is not a colour; use #rrggbb.`);
    color = c;
  } else {
    const used = new Set([...idx.byId.values()].map((t) => t.color.toLowerCase()));
    color = FALLBACK_COLOURS.find((c) => !used.has(c)) ?? FALLBACK_COLOURS[idx.byId.size % FALLBACK_COLOURS.length]!;
  }
  const description = (input.description ?? '').trim();
  if (description.length > MAX_DESCRIPTION_LENGTH) return fail(`A description can be at most ${MAX_DESCRIPTION_LENGTH} characters long.`);
  const tag: CodebookTag = { id, name: name.value, color, description, order: 0, parentId };
  if (input.shortcut !== undefined) {
    const s = checkShortcut(idx, input.shortcut, null);
    if (!s.ok) return s;
    tag.shortcut = s.value;
  }
  const byId = new Map(idx.byId).set(id, tag);
  const children = cloneChildren(idx.childrenOf);
  const list = children.get(parentId) ?? [];
  list.splice(clampIndex(input.index, list.length), 0, id);
  children.set(parentId, list);
  return ok(finish(tags, materialize(byId, children), `${quoted(tag.name)} is added ${where(idx, parentId)}.`));
}

function clampIndex(index: number | undefined, length: number): number {
  if (index === undefined || !Number.isFinite(index)) return length;
  return Math.min(Math.max(0, Math.trunc(index)), length);
}

/** Fields {@link updateTag} can change; `shortcut: null` removes the key. */
export interface CodePatch {
  name?: string;
  color?: string;
  description?: string;
  shortcut?: string | null;
}

/** Changes a code's name, colour, description or key; refuses what {@link addTag} refuses. */
export function updateTag(tags: readonly CodebookTag[], id: string, patch: CodePatch): Result<CodebookEdit> {
  const prep = prepare(tags);
  if (!prep.ok) return prep;
  const idx = prep.value;
  const old = idx.byId.get(id);
  if (!old) return fail(GONE);
  const tag: CodebookTag = { ...old };
  const said: string[] = [];
  if (patch.name !== undefined) {
    const name = checkName(patch.name);
    if (!name.ok) return name;
    const parentId = idx.parentOf.get(id)!;
    const clash = siblingNameClash(idx, parentId, name.value, id);
    if (clash) return fail(`There is already a code called ${quoted(clash.name)} ${where(idx, parentId)}.`);
    if (name.value !== old.name) said.push(`is renamed ${quoted(name.value)}`);
    tag.name = name.value;
  }
  if (patch.color !== undefined) {
    const c = normalizeHexColour(patch.color);
    if (!c) return fail(`${quoted(patch.color)} is not a colour; use #rrggbb.`);
    if (c !== old.color) said.push(`takes the colour ${c}`);
    tag.color = c;
  }
  if (patch.description !== undefined) {
    const d = patch.description.trim();
    if (d.length > MAX_DESCRIPTION_LENGTH) return fail(`A description can be at most ${MAX_DESCRIPTION_LENGTH} characters long.`);
    if (d !== old.description) said.push('has a new description');
    tag.description = d;
  }
  if (patch.shortcut === null) {
    if (old.shortcut) said.push(`no longer has key ${old.shortcut}`);
    delete tag.shortcut;
  } else if (patch.shortcut !== undefined) {
    const s = checkShortcut(idx, patch.shortcut, id);
    if (!s.ok) return s;
    if (s.value !== old.shortcut) said.push(`is bound to key ${s.value}`);
    tag.shortcut = s.value;
  }
  const byId = new Map(idx.byId).set(id, tag);
  const message = said.length === 0 ? `${quoted(old.name)} is unchanged.` : `${quoted(old.name)} ${joinClauses(said)}.`;
  return ok(finish(tags, materialize(byId, idx.childrenOf), message));
}

function joinClauses(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Renames a code (trimmed); refuses an empty name or one a sibling already has. */
export function renameTag(tags: readonly CodebookTag[], id: string, name: string): Result<CodebookEdit> {
  return updateTag(tags, id, { name });
}

/**
 * Moves a code (with everything below it) under `newParentId` (null: the top level) at `index`
 * among its new siblings, counted without the code itself; at the end when omitted. Refuses to
 * move a code under itself or anything below it.
 */
export function moveTag(tags: readonly CodebookTag[], id: string, newParentId: string | null, index?: number): Result<CodebookEdit> {
  const prep = prepare(tags);
  if (!prep.ok) return prep;
  const idx = prep.value;
  const tag = idx.byId.get(id);
  if (!tag) return fail(GONE);
  if (newParentId !== null) {
    const parent = idx.byId.get(newParentId);
    if (!parent) return fail('The chosen parent code no longer exists.');
    if (newParentId === id) return fail(`${quoted(tag.name)} cannot be placed under itself.`);
    if (isInside(idx.parentOf, newParentId, id)) {
      return fail(`${quoted(tag.name)} cannot move under ${quoted(parent.name)}, which is inside it.`);
    }
    if (depthOf(idx.parentOf, newParentId) + 1 + subtreeHeight(idx.childrenOf, id) >= MAX_DEPTH) {
      return fail(`Codes can be nested at most ${MAX_DEPTH} levels deep.`);
    }
  }
  const oldParent = idx.parentOf.get(id)!;
  if (oldParent !== newParentId) {
    const clash = siblingNameClash(idx, newParentId, tag.name.trim(), id);
    if (clash) return fail(`There is already a code called ${quoted(clash.name)} ${where(idx, newParentId)}.`);
  }
  const children = cloneChildren(idx.childrenOf);
  children.set(oldParent, children.get(oldParent)!.filter((c) => c !== id));
  const list = children.get(newParentId) ?? [];
  list.splice(clampIndex(index, list.length), 0, id);
  children.set(newParentId, list);
  const message =
    oldParent === newParentId
      ? `${quoted(tag.name)} moves to a new place ${where(idx, newParentId)}.`
      : `${quoted(tag.name)} moves ${newParentId === null ? 'to the top level' : where(idx, newParentId)}.`;
  return ok(finish(tags, materialize(idx.byId, children), message));
}

/**
 * Merges `fromId` into `intoId`: `from` disappears, its children move under `into`, and every
 * finding that carried `from` carries `into` instead (once). `into` keeps its name, colour and
 * description, and takes `from`'s key if it has none. When `into` sat inside `from`, it first
 * takes `from`'s place, so the tree stays a tree.
 */
export function mergeTags(tags: readonly CodebookTag[], findings: readonly FindingTags[], fromId: string, intoId: string): Result<CodebookEdit> {
  const prep = prepare(tags);
  if (!prep.ok) return prep;
  const idx = prep.value;
  const from = idx.byId.get(fromId);
  const into = idx.byId.get(intoId);
  if (!from || !into) return fail(GONE);
  if (fromId === intoId) return fail('A code cannot be merged into itself.');

  const children = cloneChildren(idx.childrenOf);
  const fromParent = idx.parentOf.get(fromId)!;
  const fromSiblings = children.get(fromParent)!;
  const fromAt = fromSiblings.indexOf(fromId);
  const moving = (children.get(fromId) ?? []).filter((c) => c !== intoId);
  if (isInside(idx.parentOf, intoId, fromId)) {
    const intoParent = idx.parentOf.get(intoId)!;
    children.set(intoParent, children.get(intoParent)!.filter((c) => c !== intoId));
    fromSiblings.splice(fromAt, 1, intoId);
    children.set(intoId, [...(children.get(intoId) ?? []), ...moving]);
  } else if (fromParent === intoId) {
    fromSiblings.splice(fromAt, 1, ...moving);
  } else {
    fromSiblings.splice(fromAt, 1);
    children.set(intoId, [...(children.get(intoId) ?? []), ...moving]);
  }
  children.delete(fromId);

  const byId = new Map(idx.byId);
  byId.delete(fromId);
  if (from.shortcut && !into.shortcut) byId.set(intoId, { ...into, shortcut: from.shortcut });

  const findingUpdates: FindingTagsUpdate[] = [];
  let already = 0;
  for (const f of findings) {
    if (!f.tagIds.includes(fromId)) continue;
    if (f.tagIds.includes(intoId)) already++;
    const tagIds = [...new Set(f.tagIds.map((t) => (t === fromId ? intoId : t)))];
    findingUpdates.push({ findingId: f.id, tagIds });
  }
  const n = findingUpdates.length;
  let message =
    n === 0
      ? `${quoted(from.name)} is merged into ${quoted(into.name)}; it holds no findings.`
      : `${quoted(from.name)} is merged into ${quoted(into.name)}: its ${plural(n, 'finding')} will carry ${quoted(into.name)} instead` +
        (already > 0 ? ` (${already} already ${already === 1 ? 'does' : 'do'}).` : '.');
  if (moving.length > 0) message += ` Its ${plural(moving.length, 'subcode')} ${moving.length === 1 ? 'moves' : 'move'} under ${quoted(into.name)}.`;
  return ok(finish(tags, materialize(byId, children), message, findingUpdates));
}

/**
 * Deletes a code. `reparent-children` moves its children up to its parent, where it stood;
 * `delete-subtree` deletes everything below it too. A finding never disappears with a code: it
 * loses the deleted codes, and one left with none is kept untagged (listed in `untaggedFindingIds`
 * so the analyst can re-tag it). `message` is the sentence for the confirmation.
 */
export function deleteTag(tags: readonly CodebookTag[], findings: readonly FindingTags[], id: string, mode: DeleteMode): Result<DeletePlan> {
  const prep = prepare(tags);
  if (!prep.ok) return prep;
  const idx = prep.value;
  const tag = idx.byId.get(id);
  if (!tag) return fail(GONE);

  const below = preorder(idx.childrenOf, id);
  const removed = new Set(mode === 'delete-subtree' ? [id, ...below] : [id]);
  const children = cloneChildren(idx.childrenOf);
  const parent = idx.parentOf.get(id)!;
  const siblings = children.get(parent)!;
  const directChildren = children.get(id) ?? [];
  siblings.splice(siblings.indexOf(id), 1, ...(mode === 'reparent-children' ? directChildren : []));
  for (const r of removed) children.delete(r);
  const byId = new Map([...idx.byId].filter(([k]) => !removed.has(k)));

  const findingUpdates: FindingTagsUpdate[] = [];
  const untagged: string[] = [];
  for (const f of findings) {
    if (!f.tagIds.some((t) => removed.has(t))) continue;
    const tagIds = [...new Set(f.tagIds.filter((t) => !removed.has(t)))];
    findingUpdates.push({ findingId: f.id, tagIds });
    if (tagIds.length === 0) untagged.push(f.id);
  }

  const n = findingUpdates.length;
  const u = untagged.length;
  const subject =
    mode === 'delete-subtree' && below.length > 0
      ? `${quoted(tag.name)} and its ${plural(below.length, 'subcode')} hold`
      : `${quoted(tag.name)} holds`;
  const these = removed.size > 1 ? 'these tags' : 'this tag';
  let message: string;
  if (n === 0) message = `${subject} no findings.`;
  else {
    message = `${subject} ${plural(n, 'finding')}; ${n === 1 ? 'it' : 'they'} will lose ${these}`;
    if (u === n) message += n === 1 ? ' (it has no other tag and will be kept, untagged).' : ` (none has another tag; all will be kept, untagged).`;
    else if (u > 0) message += ` (${u} ${u === 1 ? 'has' : 'have'} no other tag and will be kept, untagged).`;
    else message += '.';
  }
  if (mode === 'reparent-children' && directChildren.length > 0) {
    const dest = parent === null ? 'up to the top level' : `up under ${quoted(idx.byId.get(parent)!.name)}`;
    message += ` Its ${plural(directChildren.length, 'subcode')} will move ${dest}.`;
  } else if (mode === 'delete-subtree' && below.length > 0) {
    message += below.length === 1 ? ' Both codes will be deleted.' : ` All ${below.length + 1} codes will be deleted.`;
  }

  const edit = finish(tags, materialize(byId, children), message, findingUpdates);
  return ok({ ...edit, affectedFindingIds: findingUpdates.map((f) => f.findingId), untaggedFindingIds: untagged });
}

// ---------------------------------------------------------------------------------------------
// Checking

const GUID_RE = /^(\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Everything wrong with a codebook, as sentences: duplicate ids, empty or overlong names, bad
 * colours, bad or shared keys, missing parents, cycles, nesting too deep, malformed GUIDs (errors),
 * and names repeated among siblings (a warning). Empty when the codebook is sound.
 */
export function validateCodebook(tags: readonly CodebookTag[]): CodebookProblem[] {
  const problems: CodebookProblem[] = [];
  const add = (tagId: string | null, message: string, severity: CodebookProblem['severity'] = 'error') => problems.push({ tagId, severity, message });
  const label = (t: CodebookTag) => (typeof t.name === 'string' && t.name.trim() !== '' ? quoted(t.name) : `The code ${quoted(String(t.id))}`);

  const seen = new Set<string>();
  for (const t of tags) {
    if (typeof t.id !== 'string' || t.id === '') add(null, 'A code has no id.');
    else if (seen.has(t.id)) add(t.id, `Two codes share the id ${quoted(t.id)}.`);
    seen.add(t.id);
    if (typeof t.name !== 'string' || t.name.trim() === '') add(t.id, `The code ${quoted(String(t.id))} has no name.`);
    else if (t.name.length > MAX_NAME_LENGTH) add(t.id, `${quoted(t.name.slice(0, 40))}… is longer than ${MAX_NAME_LENGTH} characters.`);
    if (typeof t.color !== 'string' || !isHexColour(t.color)) {
      add(t.id, `${label(t)} has the colour ${quoted(String(t.color))}, which is not a #rrggbb colour.`);
    }
    if (typeof t.description !== 'string') add(t.id, `${label(t)} has no description text.`);
    else if (t.description.length > MAX_DESCRIPTION_LENGTH) add(t.id, `${label(t)} has a description longer than ${MAX_DESCRIPTION_LENGTH} characters.`);
    if (t.shortcut !== undefined && !SHORTCUT_KEYS.includes(t.shortcut)) {
      add(t.id, `${label(t)} has the key ${quoted(String(t.shortcut))}; keys are single digits, 0 to 9.`);
    }
    if (t.guid !== undefined && (typeof t.guid !== 'string' || !GUID_RE.test(t.guid))) add(t.id, `${label(t)} has a malformed GUID ${quoted(String(t.guid))}.`);
  }

  const byKey = new Map<string, CodebookTag[]>();
  for (const t of tags) if (t.shortcut !== undefined) byKey.set(t.shortcut, [...(byKey.get(t.shortcut) ?? []), t]);
  for (const [key, holders] of byKey) {
    if (holders.length > 1) add(holders[1]!.id, `${joinClauses(holders.map(label))} ${holders.length === 2 ? 'both' : 'all'} use key ${key}.`);
  }

  const idx = indexTags(tags);
  for (const [id, why] of idx.detached) {
    const t = idx.byId.get(id)!;
    if (why === 'dangling') add(id, `${label(t)} belongs under a code that does not exist (${quoted(String(t.parentId))}); it is shown at the top level.`);
    else add(id, `${label(t)} is inside itself (its parents form a loop); it is shown at the top level.`);
  }

  for (const [parentId, kids] of idx.childrenOf) {
    const names = new Map<string, CodebookTag>();
    for (const k of kids) {
      const t = idx.byId.get(k)!;
      if (typeof t.name !== 'string') continue;
      const key = t.name.trim().toLocaleLowerCase();
      const first = names.get(key);
      if (first) add(k, `Two codes ${where(idx, parentId)} are both called ${quoted(t.name.trim())}.`, 'warning');
      else names.set(key, t);
    }
  }

  for (const node of flattenTree(buildTree(tags))) {
    if (node.depth >= MAX_DEPTH) {
      add(node.tag.id, `${label(node.tag)} is nested ${node.depth + 1} levels deep; the limit is ${MAX_DEPTH}.`);
      break;
    }
  }
  return problems;
}
