import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { DocumentRecord } from '../../../../shared/model/types';

/** Props of {@link RenameDialog}. */
export interface RenameDialogProps {
  document: DocumentRecord;
  onRename: (title: string) => Promise<void>;
  onClose: () => void;
}

/** Asks for a document's new title. */
export function RenameDialog({ document, onRename, onClose }: RenameDialogProps) {
  const [title, setTitle] = useState(document.title);
  const [error, setError] = useState<string>();
  return (
    <Modal opened onClose={onClose} title="Rename document" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onRename(title).then(onClose, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
        }}
      >
        <Stack>
          <TextInput label="Title" data-autofocus value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">Rename</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Props of {@link DeleteDialog}. */
export interface DeleteDialogProps {
  document: DocumentRecord;
  /** How many findings go with it. */
  findingCount: number;
  onDelete: () => Promise<void>;
  onClose: () => void;
}

/** Confirms deleting a document, saying how many findings go with it. */
export function DeleteDialog({ document, findingCount, onDelete, onClose }: DeleteDialogProps) {
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened onClose={onClose} title="Delete document?" centered>
      <Stack>
        <Text size="sm">
          “{document.title}” will be removed from the library
          {findingCount > 0 ? (
            <>
              {' '}
              together with its <b>{findingCount === 1 ? '1 finding' : `${findingCount} findings`}</b>. This cannot be undone.
            </>
          ) : (
            '. It has no findings.'
          )}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            loading={busy}
            onClick={() => {
              setBusy(true);
              void onDelete().finally(onClose);
            }}
          >
            {findingCount > 0 ? `Delete document and ${findingCount === 1 ? '1 finding' : `${findingCount} findings`}` : 'Delete document'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
