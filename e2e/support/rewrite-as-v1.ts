/**
 * Runs in a page of the app's origin while the app is not running there (bundled by
 * e2e/upgrade.e2e.ts): rewrites the workspace database as version 1 of the app wrote it — the
 * same records at schema version 1, with version 1's flat tag list — so that the next start of
 * the app has a real version-1 workspace to upgrade.
 */
import { Dexie } from 'dexie';
import { BUILTIN_TAGS } from '../../src/shared/model/builtin-tags';
import { SCHEMA_VERSIONS } from '../../src/shared/store/schema';
import { DEFAULT_DB_NAME } from '../../src/shared/store/workbench-db';

async function rewriteAsV1(): Promise<Record<string, number>> {
  const current = new Dexie(DEFAULT_DB_NAME);
  await current.open();
  const tables: Record<string, unknown[]> = {};
  for (const t of current.tables) tables[t.name] = await t.toArray();
  current.close();
  tables.tags = BUILTIN_TAGS.map((t) => ({ ...t }));
  await Dexie.delete(DEFAULT_DB_NAME);
  const v1 = new Dexie(DEFAULT_DB_NAME, { chromeTransactionDurability: 'strict' });
  v1.version(1).stores(SCHEMA_VERSIONS[0]!.stores);
  await v1.transaction('rw', v1.tables, async () => {
    for (const t of v1.tables) await t.bulkAdd(tables[t.name] ?? []);
  });
  const counts = Object.fromEntries(await Promise.all(v1.tables.map(async (t) => [t.name, await t.count()] as const)));
  counts.version = v1.verno;
  v1.close();
  return counts;
}

(globalThis as unknown as { rwbRewriteAsV1: typeof rewriteAsV1 }).rwbRewriteAsV1 = rewriteAsV1;
