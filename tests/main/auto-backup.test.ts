import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoBackupName, writeAutoBackup } from '../../src/main/auto-backup';

describe('automatic backups', () => {
  it('writes atomically and keeps only the newest ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rwb-auto-'));
    writeFileSync(join(dir, 'my-notes.txt'), 'not a backup');
    const start = Date.UTC(2026, 10, 29, 8, 0, 0);
    for (let i = 0; i < 25; i++) {
      await writeAutoBackup(dir, new Uint8Array([i]), { now: new Date(start + i * 600_000), keep: 20 });
    }
    const files = readdirSync(dir).sort();
    expect(files.filter((f) => f.endsWith('.rwb-backup'))).toHaveLength(20);
    // The five oldest went; the newest holds the last bytes; nothing else was touched; no temp files left.
    expect(files).not.toContain(autoBackupName(new Date(start)));
    expect([...readFileSync(join(dir, autoBackupName(new Date(start + 24 * 600_000))))]).toEqual([24]);
    expect(files).toContain('my-notes.txt');
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});
