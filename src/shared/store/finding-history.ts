import type { Finding } from '../model/types';
import type { CodebookEdit, FindingTags } from '../codebook/codebook-ops';
import type { CodebookTag } from '../codebook/codebook-tag';
import type { Result } from '../result';
import { snapshotWorkspace } from '../backup/create-backup';
import { restoreBackup } from '../backup/restore-backup';
import type { CarryItem, CarryOutcome, NewFinding, WorkbenchStore } from './workbench-store';

/** One undoable change. */
interface Step {
  /** What the menu says: "Undo create finding". */
  label: string;
  /** A change of the whole workspace, holding two copies of it in memory. */
  whole?: true;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
}

/** What the UI shows for undo and redo. */
export interface HistoryState {
  undoLabel: string | null;
  redoLabel: string | null;
}

/** How many steps are kept. */
const LIMIT = 200;
/** How many whole-workspace steps are kept (each holds two copies of the workspace, original files included). */
const WHOLE_LIMIT = 2;

/**
 * Finding changes with undo and redo (create, edit, delete). Each step runs against the store, so
 * undo is itself durable; a step that cannot be undone (its document was deleted) is dropped with
 * the store's message.
 */
export class FindingHistory {
  private done: Step[] = [];
  private undone: Step[] = [];
  private listeners = new Set<(s: HistoryState) => void>();

  constructor(private readonly store: WorkbenchStore) {}

  /** Creates a finding, undoable. */
  async create(input: NewFinding): Promise<Finding> {
    const f = await this.store.createFinding(input);
    this.record({ label: 'create finding', undo: async () => void (await this.store.deleteFinding(f.id)), redo: () => this.store.restoreFinding(f) });
    return f;
  }

  /** Carries findings of an earlier edition into a later one (WorkbenchStore.carryFindings), undoable as one step. */
  async carryForward(items: readonly CarryItem[]): Promise<CarryOutcome> {
    const outcome = await this.store.carryFindings(items);
    const created = outcome.created;
    if (created.length) {
      this.record({
        label: created.length === 1 ? 'carry forward a finding' : `carry forward ${created.length} findings`,
        undo: async () => {
          for (const f of created) await this.store.deleteFinding(f.id);
        },
        redo: async () => {
          for (const f of created) await this.store.restoreFinding(f);
        },
      });
    }
    return outcome;
  }

  /** Edits a finding's tags or note, undoable. */
  async update(id: string, patch: { tagIds?: string[]; note?: string }): Promise<Finding> {
    const { before, after } = await this.store.updateFinding(id, patch);
    this.record({ label: 'edit finding', undo: () => this.store.restoreFinding(before), redo: () => this.store.restoreFinding(after) });
    return after;
  }

  /** Adds a code to many findings at once, undoable as one step; resolves to how many changed. */
  async addTag(ids: readonly string[], tagId: string): Promise<number> {
    const changes: { before: Finding; after: Finding }[] = [];
    for (const id of ids) {
      const current = (await this.store.db.findings.get(id))?.tagIds ?? [];
      if (current.includes(tagId)) continue;
      changes.push(await this.store.updateFinding(id, { tagIds: [...current, tagId] }));
    }
    if (changes.length) {
      this.record({
        label: `add a code to ${changes.length} finding${changes.length === 1 ? '' : 's'}`,
        undo: async () => {
          for (const c of changes) await this.store.restoreFinding(c.before);
        },
        redo: async () => {
          for (const c of changes) await this.store.restoreFinding(c.after);
        },
      });
    }
    return changes.length;
  }

  /** Runs a codebook edit (rename, move, merge, delete, add) as an undoable step; resolves to the edit. */
  async editCodebook<E extends CodebookEdit>(run: (tags: CodebookTag[], findings: FindingTags[]) => Result<E>, label = 'codebook change'): Promise<E> {
    const beforeTags = await this.store.listTags();
    const beforeFindings = await this.store.db.findings.toArray();
    const edit = await this.store.editCodebook(run);
    const touched = new Set(edit.findingUpdates.map((u) => u.findingId));
    const findingsBefore = beforeFindings.filter((f) => touched.has(f.id));
    const afterTags = await this.store.listTags();
    const findingsAfter = (await this.store.db.findings.bulkGet([...touched])).filter((f): f is Finding => !!f);
    this.record({
      label,
      undo: () => this.store.restoreCodebook(beforeTags, findingsBefore),
      redo: () => this.store.restoreCodebook(afterTags, findingsAfter),
    });
    return edit;
  }

  /** Deletes findings (one or many), undoable as one step. */
  async remove(ids: readonly string[]): Promise<Finding[]> {
    const removed: Finding[] = [];
    for (const id of ids) {
      const f = await this.store.deleteFinding(id);
      if (f) removed.push(f);
    }
    if (removed.length) {
      this.record({
        label: removed.length === 1 ? 'delete finding' : `delete ${removed.length} findings`,
        undo: async () => {
          for (const f of removed) await this.store.restoreFinding(f);
        },
        redo: async () => {
          for (const f of removed) await this.store.deleteFinding(f.id);
        },
      });
    }
    return removed;
  }

  /**
   * Runs a change of the whole workspace (restoring a backup, merging a colleague's) as one
   * undoable step: the workspace before and after it is kept in memory and put back whole, so the
   * steps recorded before it can still be undone once it is. Nothing is recorded if `change` fails.
   */
  async changeWorkspace<T>(label: string, change: () => Promise<T>): Promise<T> {
    const before = await snapshotWorkspace(this.store);
    const result = await change();
    const after = await snapshotWorkspace(this.store);
    this.record({
      label,
      whole: true,
      undo: async () => void (await restoreBackup(this.store, before)),
      redo: async () => void (await restoreBackup(this.store, after)),
    });
    return result;
  }

  /** Reverts the last step; resolves to its label, or null when there is none. */
  async undo(): Promise<string | null> {
    const step = this.done.pop();
    if (!step) return null;
    try {
      await step.undo();
      this.undone.push(step);
    } finally {
      this.emit();
    }
    return step.label;
  }

  /** Re-applies the last undone step; resolves to its label, or null. */
  async redo(): Promise<string | null> {
    const step = this.undone.pop();
    if (!step) return null;
    try {
      await step.redo();
      this.done.push(step);
    } finally {
      this.emit();
    }
    return step.label;
  }

  /** The labels of the next undo and redo. */
  state(): HistoryState {
    return { undoLabel: this.done.at(-1)?.label ?? null, redoLabel: this.undone.at(-1)?.label ?? null };
  }

  /** Listens for changes of {@link state}; returns the unsubscribe function. */
  subscribe(listener: (s: HistoryState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(step: Step): void {
    this.done.push(step);
    if (this.done.length > LIMIT) this.done.shift();
    // Past WHOLE_LIMIT workspace copies, the oldest goes, and with it every step before it (they
    // need the workspace it would have put back).
    const whole = this.done.filter((s) => s.whole);
    if (whole.length > WHOLE_LIMIT) this.done = this.done.slice(this.done.indexOf(whole[whole.length - WHOLE_LIMIT - 1]!) + 1);
    this.undone = [];
    this.emit();
  }

  private emit(): void {
    const s = this.state();
    this.listeners.forEach((l) => l(s));
  }
}
