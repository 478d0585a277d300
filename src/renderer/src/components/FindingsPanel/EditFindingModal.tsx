import { Button, Chip, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { LineageStep } from '../../../../shared/compare';
import type { Finding, Tag } from '../../../../shared/model/types';
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
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal opened onClose={onClose} title="Edit finding" centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSaving(true);
          onSave(chosen, note).then(onClose, (err: unknown) => {
            setError(`Not saved: ${err instanceof Error ? err.message : String(err)}`);
            setSaving(false);
          });
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
          {error && (
            <Text size="sm" c="red" role="alert">
              {error}
            </Text>
          )}
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
