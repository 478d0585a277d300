import { Button, Chip, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { LineageStep } from '../../../../shared/compare';
import type { Finding, Tag } from '../../../../shared/model/types';
import { classifySaveError, type SaveError } from '../../../../shared/store/save-error';
import { SaveErrorNotice } from '../SaveError';
import { FindingLineage } from './FindingLineage';

/** Props of {@link EditFindingModal}. */
export interface EditFindingModalProps {
  finding: Finding;
  tags: Tag[];
  /** Resolves once stored; rejects with a readable message (the form stays open with the draft). */
  onSave: (tagIds: string[], note: string) => Promise<void>;
  onClose: () => void;
  /** Opens another year's finding of this passage's history. */
  onOpenHistory?: (step: LineageStep) => void;
}

/** Changes a finding's tags and note. */
export function EditFindingModal({ finding, tags, onSave, onClose, onOpenHistory }: EditFindingModalProps) {
  const [chosen, setChosen] = useState<string[]>(finding.tagIds);
  const [note, setNote] = useState(finding.note);
  const [error, setError] = useState<SaveError>();
  const [saving, setSaving] = useState(false);
  const save = (): void => {
    if (saving || chosen.length === 0) return;
    setSaving(true);
    // On failure the form stays open with the draft and says why (disk full, closed, …).
    onSave(chosen, note).then(onClose, (err: unknown) => {
      setError(classifySaveError(err));
      setSaving(false);
    });
  };
  return (
    <Modal opened onClose={onClose} title="Edit finding" centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed" lineClamp={4}>
            “{finding.quote.exact}”
          </Text>
          <FindingLineage finding={finding} onOpen={onOpenHistory} />
          <Chip.Group multiple value={chosen} onChange={setChosen}>
            <Group gap={6}>
              {tags.map((t) => (
                <Chip key={t.id} value={t.id} size="xs" color={t.color} variant="light">
                  {t.name}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Textarea label="Note" autosize minRows={2} maxRows={8} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
          {error && <SaveErrorNotice error={error} retrying={saving} onRetry={save} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} disabled={chosen.length === 0}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
