import { Button, FileButton, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabase } from '@tabler/icons-react';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { BackupContents } from '../../../../shared/backup/backup-format';
import { backupFileName } from '../../../../shared/backup/backup-format';
import { createBackup, keepWorkspaceCopy } from '../../../../shared/backup/create-backup';
import { readBackup } from '../../../../shared/backup/read-backup';
import { restoreBackup } from '../../../../shared/backup/restore-backup';
import { errorMessage } from '../../../../shared/result';
import { UNDO_KEYS } from '../../host/keyboard';
import { useServices } from '../../workbench/context';
import { MergeDialog } from './MergeDialog';

/** What the app's commands (File → Back up workspace…, Import backup…) can ask of the menu. */
export interface WorkspaceMenuHandle {
  backUp(): void;
  /** Opens the menu at its restore and merge items (a click there may open a file chooser). */
  open(): void;
}

/** Back up the workspace, restore it from a backup, or merge a colleague's backup. */
export function WorkspaceMenu({ onRestored, ref }: { onRestored: () => void; ref?: Ref<WorkspaceMenuHandle> }) {
  const { host, store, history } = useServices();
  const [menuOpened, setMenuOpened] = useState(false);
  const [pending, setPending] = useState<{ mode: 'restore' | 'merge'; fileName: string; contents: BackupContents }>();
  const [busy, setBusy] = useState(false);
  const restoreRef = useRef<() => void>(null);
  const mergeRef = useRef<() => void>(null);
  // Cleared after each pick, so choosing the same file again (after Cancel, or to merge twice) is seen.
  const resetRestore = useRef<() => void>(null);
  const resetMerge = useRef<() => void>(null);

  const backUp = async (): Promise<void> => {
    try {
      const bytes = await createBackup(store);
      const saved = await host.saveFile(backupFileName(), bytes);
      if (!saved.ok) throw new Error(saved.error);
      if (saved.value) notifications.show({ color: 'green', message: `Workspace backed up to ${saved.value}.` });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Backup failed', message: errorMessage(e) });
    }
  };

  const pick = async (mode: 'restore' | 'merge', file: File | null): Promise<void> => {
    if (!file) return;
    (mode === 'restore' ? resetRestore : resetMerge).current?.();
    const read = await readBackup(new Uint8Array(await file.arrayBuffer()));
    if (!read.ok) {
      notifications.show({ color: 'red', title: `“${file.name}” was not used`, message: `${read.error} Nothing was changed.` });
      return;
    }
    setPending({ mode, fileName: file.name, contents: read.value });
  };

  /** Restores the backup chosen (a merge is applied by its own dialog). */
  const apply = async (): Promise<void> => {
    if (!pending) return;
    setBusy(true);
    try {
      // Where the host keeps automatic backups (the desktop app), the workspace as it is goes there
      // first: if that copy cannot be written, nothing is replaced.
      const keep = host.writeAutoBackup?.bind(host);
      if (keep) await keepWorkspaceCopy(store, keep);
      const s = await history.changeWorkspace('restore a backup', () => restoreBackup(store, pending.contents, 'replace'));
      notifications.show({ color: 'green', message: `Workspace restored: ${s.documents} documents, ${s.findings} findings, ${s.tags} codes. Undo (${UNDO_KEYS}) puts your workspace back.` });
      onRestored();
      setPending(undefined);
    } catch (e) {
      notifications.show({ color: 'red', title: 'Nothing was changed', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  useImperativeHandle(ref, () => ({ backUp: () => void backUp(), open: () => setMenuOpened(true) }));

  const m = pending?.contents.manifest;
  return (
    <>
      <Menu position="bottom-end" opened={menuOpened} onChange={setMenuOpened}>
        <Menu.Target>
          <Button variant="default" size="xs" leftSection={<IconDatabase size={16} />}>
            Workspace
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => void backUp()}>Back up workspace…</Menu.Item>
          <Menu.Item onClick={() => restoreRef.current?.()}>Restore from a backup…</Menu.Item>
          <Menu.Item onClick={() => mergeRef.current?.()}>Merge a colleague’s backup…</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <FileButton resetRef={resetRestore} onChange={(f) => void pick('restore', f)} accept=".rwb-backup,application/zip">
        {(props) => <button type="button" hidden ref={(el) => void (restoreRef.current = el ? () => props.onClick() : null)} />}
      </FileButton>
      <FileButton resetRef={resetMerge} onChange={(f) => void pick('merge', f)} accept=".rwb-backup,application/zip">
        {(props) => <button type="button" hidden ref={(el) => void (mergeRef.current = el ? () => props.onClick() : null)} />}
      </FileButton>
      {pending?.mode === 'merge' && <MergeDialog fileName={pending.fileName} contents={pending.contents} onClose={() => setPending(undefined)} />}
      {pending?.mode === 'restore' && m && (
        <Modal opened onClose={() => setPending(undefined)} title="Restore this backup?" centered>
          <Stack>
            <Text size="sm">
              “{pending.fileName}”, made {new Date(m.createdAt).toLocaleString()}: {m.counts.documents} documents, {m.counts.findings} findings, {m.counts.tags} codes.
            </Text>
            <Text size="sm">
              Your current workspace will be replaced by the backup. Undo ({UNDO_KEYS}) puts it back while the app is open
              {host.writeAutoBackup ? '; a copy of it is also kept with the automatic backups' : '; back it up first if you may want it later'}.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(undefined)} data-autofocus>
                Cancel
              </Button>
              <Button color="red" loading={busy} onClick={() => void apply()}>
                Replace my workspace
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}
