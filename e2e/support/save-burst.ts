/**
 * Runs in the app's page (bundled by e2e/kill.e2e.ts and evaluated there): a burst of finding
 * saves through exactly the code the tag popover uses (FindingHistory.create → WorkbenchStore.
 * createFinding → one Dexie transaction with strict durability), on the app's own database.
 * Each save is reported with `console.info` only once its promise resolved, i.e. once its
 * transaction completed: that is the moment the popover says "saved" by closing.
 */
import { FindingHistory } from '../../src/shared/store/finding-history';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';

/** The prefix of the console line that confirms one save. */
export const CONFIRMED = 'rwb-confirmed ';

/** The passage and codes of save number `i` in a text of `length` characters. */
export function burstInput(i: number, length: number, tagIds: readonly string[]): { start: number; end: number; tagIds: string[]; note: string } {
  const start = Math.floor((i * (length - 400)) / 500) + 100;
  return {
    start,
    end: start + 40 + (i % 90),
    tagIds: i % 3 === 0 ? [tagIds[i % tagIds.length]!, tagIds[(i + 1) % tagIds.length]!] : [tagIds[i % tagIds.length]!],
    note: `burst save #${i}`,
  };
}

/** Starts `count` saves, `parallel` at a time, on the first document of the library. */
async function burst(count: number, parallel: number): Promise<void> {
  const store = new WorkbenchStore(new WorkbenchDb());
  const history = new FindingHistory(store);
  const doc = (await store.listDocuments())[0];
  if (!doc) throw new Error('save burst: the library is empty');
  const text = (await store.getText(doc.id))!.text;
  // Sorted, so that the test can work out which codes save number i was given.
  const tagIds = (await store.listTags()).map((t) => t.id).sort();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const input = burstInput(i, text.length, tagIds);
      const f = await history.create({ documentId: doc.id, ...input });
      console.info(CONFIRMED + JSON.stringify({ i, id: f.id }));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

(globalThis as unknown as { rwbSaveBurst: typeof burst }).rwbSaveBurst = burst;
