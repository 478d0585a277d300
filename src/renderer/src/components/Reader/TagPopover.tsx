import { Button, Chip, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Tag } from '../../../../shared/model/types';

/** Props of {@link TagPopover}. */
export interface TagPopoverProps {
  quote: string;
  tags: Tag[];
  /** Position inside the reader's scrolling content. */
  top: number;
  left: number;
  /** Resolves once the finding is stored; rejects with a readable message. */
  onSave: (tagIds: string[], note: string) => Promise<void>;
  onCancel: () => void;
}

/** The small form that turns a selection into a finding: tags (number keys), a note, Enter to save. */
export function TagPopover({ quote, tags, top, left, onSave, onCancel }: TagPopoverProps) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
  }, []);

  const save = async (): Promise<void> => {
    if (chosen.length === 0 || saving) return;
    setSaving(true);
    setError(undefined);
    try {
      await onSave(chosen, note);
    } catch (e) {
      // The draft stays in the form so nothing typed is lost; the analyst can retry.
      setError(`Not saved: ${e instanceof Error ? e.message : String(e)}`);
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void save();
    } else if (/^[1-9]$/.test(e.key) && !(e.target instanceof HTMLTextAreaElement)) {
      const tag = tags[Number(e.key) - 1];
      if (tag) {
        e.preventDefault();
        setChosen((c) => (c.includes(tag.id) ? c.filter((x) => x !== tag.id) : [...c, tag.id]));
      }
    }
  };

  return (
    <Paper
      ref={ref}
      role="dialog"
      aria-label="Tag the selected passage"
      shadow="md"
      withBorder
      p="sm"
      w={360}
      style={{ position: 'absolute', top, left, zIndex: 20 }}
      onKeyDown={onKeyDown}
      onMouseDown={(e) => e.stopPropagation()}
      onMouseUp={(e) => e.stopPropagation()}
    >
      <Stack gap="xs">
        <Text size="xs" c="dimmed" lineClamp={2}>
          “{quote}”
        </Text>
        <Chip.Group multiple value={chosen} onChange={setChosen}>
          <Group gap={6}>
            {tags.map((t, i) => (
              <Chip key={t.id} value={t.id} size="xs" color={t.color} variant="light" title={i < 9 ? `Press ${i + 1}` : undefined}>
                {i < 9 ? `${i + 1} · ` : ''}
                {t.name}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Textarea
          label="Note"
          placeholder="Optional note (Enter saves, Shift+Enter for a new line)"
          autosize
          minRows={1}
          maxRows={5}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {error && (
          <Text size="xs" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onCancel}>
            Cancel
          </Button>
          <Button size="xs" onClick={() => void save()} disabled={chosen.length === 0} loading={saving}>
            Save finding
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
