import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoBackupName, preUpgradeCopyName, writeAutoBackup, writePreUpgradeCopy } from '../../src/main/auto-backup';

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

  it('keeps pre-upgrade copies beside them, the last five, without touching the automatic backups', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rwb-auto-'));
    const start = Date.UTC(2026, 10, 29, 8, 0, 0);
    await writeAutoBackup(dir, new Uint8Array([1]), { now: new Date(start) });
    // Versions 1 to 7, a day apart: the version number in the name does not decide what is oldest.
    for (let v = 7; v >= 1; v--) await writePreUpgradeCopy(dir, v, new Uint8Array([v]), { now: new Date(start + (8 - v) * 86_400_000) });
    const files = readdirSync(dir).sort();
    expect(files.filter((f) => f.endsWith('.rwb-preupgrade'))).toHaveLength(5);
    expect(files).not.toContain(preUpgradeCopyName(7, new Date(start + 86_400_000)));
    expect(files).not.toContain(preUpgradeCopyName(6, new Date(start + 2 * 86_400_000)));
    expect([...readFileSync(join(dir, preUpgradeCopyName(1, new Date(start + 7 * 86_400_000))))]).toEqual([1]);
    expect(files).toContain(autoBackupName(new Date(start)));
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});
